"""Parameter sweeps: a function or a symbolic game over a grid of points, to a pandas DataFrame.

Policy questions are maps: for which fines, detection probabilities,
subsidies and compensations does cooperation hold? :func:`sweep` evaluates
a function, or solves a :class:`~coopgame.games.symbolic.SymbolicGame`, at
every point of a grid and returns one row per point, parameter columns
first. The same call runs serially, on a process pool, or on a Dask cluster
(any :class:`concurrent.futures.Executor`), with identical results.

The package holds three ideas, one per module:

* :mod:`coopgame.sweeps.grid`: grids of points (:func:`grid_points`, with the
  ``max_points`` limit) and the seed of each point (:func:`point_seed`);
* :mod:`coopgame.sweeps.runner`: the generic parallel runner (chunks on any
  executor, progress bar, clean interruption) and function sweeps;
* :mod:`coopgame.sweeps.symbolic`: the vectorised analysis of symbolic games.

:func:`sweep`, the front door, lives here, so no module shadows it.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from coopgame._checks import public
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.games.symbolic import SymbolicGame
from coopgame.sweeps.grid import MAX_POINTS, grid_points, point_seed
from coopgame.sweeps.runner import (
    ERROR_COLUMN,
    VALUE_COLUMN,
    check_executor,
    check_progress,
    check_timeout,
    sweep_function,
)
from coopgame.sweeps.symbolic import NO_PURE_EQUILIBRIUM, NO_STABLE_CORNER, sweep_game

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["sweep", "grid_points", "point_seed", "MAX_POINTS", "NO_PURE_EQUILIBRIUM", "NO_STABLE_CORNER",
           "ERROR_COLUMN", "VALUE_COLUMN"]


@public
def sweep(function_or_game: Any, grid: Any, executor: cf.Executor | None = None, progress: bool | None = None,
          seed: Any = None, *, chunksize: int | None = None, timeout: float | None = None,
          thresholds: Iterable[tuple[Any, ...]] | None = None, corners: bool = False, mixed: bool = False,
          max_points: int = MAX_POINTS) -> pd.DataFrame:
    """Evaluate a function, or solve a symbolic game, at every point of a parameter grid.

    Parameters
    ----------
    function_or_game : callable or SymbolicGame
        A function is called with each point as keyword arguments and
        returns a scalar (column ``value``) or a dict (one column per key).
        If it accepts a ``seed`` argument it receives an integer seed, or if
        it accepts ``rng`` a :class:`numpy.random.Generator`, derived from
        ``seed`` and the point (:func:`point_seed`).

        A :class:`~coopgame.games.symbolic.SymbolicGame` is solved at all
        points at once through :meth:`~coopgame.games.symbolic.SymbolicGame.lambdify`,
        without a Python loop over points. Parameters missing from the grid
        take the game's defaults. Columns:

        - ``equilibria`` (categorical): the pure Nash equilibria by action
          labels, ``"(Strict, Strict)"``, several joined by ``" | "`` in the
          order of :func:`~coopgame.equilibria.pure.pure_equilibria`, or
          ``"none (mixed)"`` (:data:`NO_PURE_EQUILIBRIUM`) when only mixed
          equilibria exist. Ties count as best responses (weak equilibria),
          within the float tolerance ``TOLERANCE * max(1, max |payoff|)``
          at that point, as ``pure_equilibria`` does on the float game.
        - ``pure equilibria``: how many there are.
        - ``payoff: <player>``: each player's payoff at the first pure
          equilibrium (NaN when none); ``payoff 2: <player>`` and so on for
          the second and later ones, when some point has several.
    grid : mapping or pandas.DataFrame
        Parameter names to sequences of values (full factorial, the first
        name varying slowest), or a DataFrame with one row per point (see
        :func:`grid_points`).
    executor : concurrent.futures.Executor, optional
        Where to run: None runs in this process; a
        :class:`~concurrent.futures.ProcessPoolExecutor` on this machine, or
        ``distributed.Client(...).get_executor()`` on a Dask cluster. Points
        go in chunks; the result is identical to the serial sweep, in the
        same order. The function (or game) must be picklable.
    progress : bool, optional
        A tqdm progress bar. None (default) shows one only in a terminal or
        notebook, and only once the sweep has run for a second; True always;
        False never. A sweep stops cleanly on Ctrl-C: the chunks not yet
        started are cancelled, the executor is shut down (without waiting for
        running chunks) and :class:`KeyboardInterrupt` propagates.
    seed : int, SeedSequence or Generator, optional
        Root of the per-point seeds (function sweeps; game sweeps are exact
        computations and use no randomness).
    chunksize : int, optional
        Points per task sent to the executor.
    timeout : float, optional
        Seconds to wait for the executor's results before raising
        :class:`TimeoutError` (pending chunks are cancelled).
    max_points : int, default :data:`MAX_POINTS` (10,000,000)
        The largest grid accepted; a larger one is refused with
        :class:`~coopgame.SolverLimitError` before any point is built (the
        size is the product of the axes' lengths, in Python integers).
    thresholds : sequence of (parameter, profile) or (parameter, profile, concept), optional
        Game sweeps: add a column ``"<parameter> threshold <profile> <concept>"``
        with the least value of ``parameter`` at which ``profile`` is an
        equilibrium of that kind (:func:`~coopgame.equilibria.conditions.threshold`,
        solved once symbolically and evaluated at every point; NaN where no
        value works), and ``"<parameter> upper bound <profile> <concept>"``
        when larger values fail again (the profile holds between the two).
    corners : bool, default False
        Game sweeps with two strategies per role: add ``stable corners``,
        the asymptotically stable corners of the multi-population replicator
        dynamics, by the signs of the diagonal Jacobian ``(1 - 2 x_i) Delta_i``
        there (``"none"`` when no corner is stable).
    mixed : bool, default False
        2x2 game sweeps: where no pure equilibrium exists the unique
        equilibrium is completely mixed; add each player's probability of its
        first action there, in closed form (NaN elsewhere).

    Returns
    -------
    pandas.DataFrame
        One row per point: the parameter columns, the result columns, and
        ``error``, the message of the exception raised at that point (None
        where it succeeded); a failed point does not stop the sweep.
        ``result.attrs["parameters"]`` lists the parameter columns.

    Raises
    ------
    InvalidArgumentError
        A malformed grid or option, a function that cannot be pickled for
        the executor, result keys that clash with parameter names, or (game
        sweeps) a grid value no float holds, such as ``10**400``: game sweeps
        compute in floats; sweep a function calling ``game.subs`` to stay exact.
    SolverLimitError
        A grid of more than ``max_points`` points.

    Examples
    --------
    >>> from coopgame.sweeps import sweep
    >>> def expected_fine(F, rho):
    ...     return {"expected fine": F * rho, "deterred": F * rho >= 2}
    >>> sweep(expected_fine, {"F": [2, 4], "rho": [0.25, 1.0]}, progress=False)
       F   rho  expected fine  deterred error
    0  2  0.25            0.5     False  None
    1  2  1.00            2.0      True  None
    2  4  0.25            1.0     False  None
    3  4  1.00            4.0      True  None

    The inspection game, over fines and detection probabilities (the other
    parameters at their defaults ``dc = 2``, ``k = 1``, ``B = 4``):

    >>> from coopgame.models import inspection
    >>> result = sweep(inspection(), {"F": [2, 8], "rho": [0.5, 1.0]}, mixed=True)
    >>> result[["F", "rho", "equilibria", "mixed: Central government plays Inspect"]]
       F  rho          equilibria  mixed: Central government plays Inspect
    0  2  0.5  (False, Inspect)                                      NaN
    1  2  1.0  (False, Inspect)                                      NaN
    2  8  0.5        none (mixed)                                     0.50
    3  8  1.0        none (mixed)                                     0.25
    """
    points = grid_points(grid, max_points=max_points)
    timeout = check_timeout(timeout)
    progress = check_progress(progress)
    check_executor(executor)
    if isinstance(function_or_game, SymbolicGame):
        return sweep_game(function_or_game, points, executor, progress, chunksize, timeout,
                           thresholds, corners, mixed)
    if not callable(function_or_game):
        raise InvalidArgumentTypeError(f"sweep: expected a function or a SymbolicGame, got {type(function_or_game).__name__}")
    if thresholds is not None or corners or mixed:
        raise InvalidArgumentError("sweep: thresholds, corners and mixed apply to SymbolicGame sweeps, "
                                   "got them with a function")
    return sweep_function(function_or_game, points, executor, progress, seed, chunksize, timeout)
