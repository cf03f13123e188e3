"""Replicator dynamics: integrate the one replicator field from a start, one population or one per role.

Multi-population (one population per role ``p``, any number of strategies)::

    dx_{p,a}/dt = x_{p,a} * (u_p(a, x_-p) - u_p(x))

One population playing a symmetric two-player game with the row player's
matrix ``A``::

    dx_a/dt = x_a * ((A x)_a - x . A x)

The field is :class:`~coopgame.dynamics.field.ReplicatorField`; integration
is by :func:`scipy.integrate.solve_ivp`, and every state is projected back
onto the simplices (tiny negatives clipped, each block renormalised).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._checks import check_choice, check_real, public
from coopgame._numeric import readonly
from coopgame.dynamics.field import ReplicatorField
from coopgame.dynamics.integration import ATOL, RTOL, integrate
from coopgame.dynamics.population import PopulationGame
from coopgame.dynamics.states import is_flat_vector, read_state
from coopgame.errors import InvalidArgumentError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.results import ArrayResult

__all__ = ["INTEGRATORS", "Trajectory", "replicator"]

#: The methods of :func:`scipy.integrate.solve_ivp` that :func:`replicator` accepts.
INTEGRATORS = ("RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA")


@public
@dataclass(frozen=True, eq=False)
class Trajectory(ArrayResult):
    """A solution of the replicator dynamics, sampled at times ``t``.

    Attributes
    ----------
    t : numpy.ndarray
        Sample times, shape ``(T,)``.
    states : numpy.ndarray
        Shape ``(T, total strategies)``: the blocks of each population's
        strategy shares side by side (one block for a one-population run).
    sizes : tuple of int
        Number of strategies of each population.
    labels : tuple of str
        Column names, ``"player: action"`` (``"action"`` for one population).
    populations : str
        ``"multi"`` (one population per role) or ``"single"``.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.dynamics import replicator
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> traj = replicator(pd, [0.9, 0.1], 30)      # one population
    >>> [round(float(v), 3) for v in traj.final[0]]
    [0.0, 1.0]
    >>> traj.states.shape[1], traj.populations
    (2, 'single')
    """

    t: np.ndarray
    states: np.ndarray
    sizes: tuple[int, ...]
    labels: tuple[str, ...]
    populations: str = "multi"
    success: bool = True
    message: str = ""

    def _bounds(self) -> list[tuple[int, int]]:
        ends = np.cumsum((0,) + tuple(self.sizes))
        return [(int(ends[k]), int(ends[k + 1])) for k in range(len(self.sizes))]

    @public
    def at(self, k: int) -> tuple[np.ndarray, ...]:
        """The state at sample ``k`` as a tuple of probability vectors (one per population)."""
        row = self.states[k]
        return tuple(readonly(np.array(row[lo:hi])) for lo, hi in self._bounds())

    @property
    def final(self) -> tuple[np.ndarray, ...]:
        """The last state, as a tuple of probability vectors."""
        return self.at(len(self.t) - 1)

    def __len__(self) -> int:
        return len(self.t)

    @public
    def to_frame(self) -> Any:
        """A pandas DataFrame with a ``t`` column and one column per strategy share."""
        import pandas as pd

        frame = pd.DataFrame(np.asarray(self.states), columns=list(self.labels))
        frame.insert(0, "t", np.asarray(self.t))
        return frame

    def __repr__(self) -> str:
        final = "; ".join(" ".join(f"{v:.4g}" for v in vec) for vec in self.final)
        return (f"Trajectory({self.populations} population, {len(self.t)} samples, "
                f"t in [{self.t[0]:g}, {self.t[-1]:g}], final {final})")


@public
def replicator(game: GameLike | PopulationGame, x0: Any, t_max: float, *, t_eval: Any = None, method: str = "RK45",
               rtol: float = RTOL, atol: float = ATOL) -> Trajectory:
    """Integrate the replicator dynamics of ``game`` from ``x0`` over ``[0, t_max]``.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, sequence of payoff arrays or PopulationGame
        No free parameters. A :class:`~coopgame.dynamics.population.PopulationGame`
        (payoffs that are functions of the state) always runs one
        population per role; its start may give one share per two-strategy
        role.
    x0 : mixed profile or one vector
        One probability vector (or action label) per role: multi-population
        dynamics, each role its own population. A single flat vector of
        numbers: one-population dynamics of a symmetric two-player game
        (payoff matrix of the row player); a pure start given by indices is
        therefore read as a one-population vector, so give pure multi-population
        starts as labels or vectors.
    t_max : float
        End time (positive).
    t_eval : array-like, optional
        Sample times; default 201 equally spaced times in ``[0, t_max]``.
    method : str, default "RK45"
        A method of :func:`scipy.integrate.solve_ivp` (``"RK45"``, ``"RK23"``,
        ``"DOP853"``, ``"Radau"``, ``"BDF"``, ``"LSODA"``).
    rtol, atol : float
        Relative and absolute error tolerances of the integrator, passed to
        :func:`scipy.integrate.solve_ivp` (positive, finite).

    Returns
    -------
    Trajectory

    Raises
    ------
    UnresolvedParameterError
        A SymbolicGame with free parameters.
    InvalidGameError
        One-population dynamics asked of a game that is not symmetric.
    InvalidProfileError
        ``x0`` is not a state (NaN, negative shares, shares not summing to one).
    InvalidArgumentError
        A bad ``t_max``, ``t_eval``, ``method``, ``rtol`` or ``atol``.

    Examples
    --------
    Matching pennies cycles around its mixed equilibrium; a dominant strategy
    takes over:

    >>> import coopgame as cg
    >>> from coopgame.dynamics import replicator
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> traj = replicator(pennies, [[0.6, 0.4], [0.5, 0.5]], 10.0)
    >>> traj.states.shape
    (201, 4)
    >>> bool(abs(traj.final[0].sum() - 1) < 1e-12)
    True
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> [round(float(v[0]), 4) for v in replicator(pd, [[0.9, 0.1], [0.9, 0.1]], 40).final]
    [0.0, 0.0]

    Payoff arrays are a game too:

    >>> replicator([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], [0.9, 0.1], 30).populations
    'single'

    """
    where = "replicator"
    t_max = check_real(t_max, "t_max", where, minimum=0, open_min=True)
    method = check_choice(method, "method", where, INTEGRATORS)
    rtol = check_real(rtol, "rtol", where, minimum=0, open_min=True)
    atol = check_real(atol, "atol", where, minimum=0, open_min=True)
    if isinstance(game, PopulationGame):
        field = ReplicatorField(game, populations="multi", where=where)
    else:
        nf = as_normal_form(game, where)
        field = ReplicatorField(nf, populations="single" if is_flat_vector(x0) else "multi", where=where)
    y0 = read_state(field, x0, where, "x0")
    if field.population_game is not None:
        field.payoffs(y0)             # a PopulationGame with free parameters is refused here, before integrating
    if t_eval is None:
        samples = np.linspace(0.0, t_max, 201)
    else:
        try:
            samples = np.asarray(t_eval, dtype=float)
        except (TypeError, ValueError, OverflowError):
            samples = np.full(1, np.nan)
        if samples.ndim != 1 or not samples.size or not np.isfinite(samples).all() or (samples < 0).any() or (samples > t_max).any() \
                or (np.diff(samples) < 0).any():
            raise InvalidArgumentError(f"{where}: expected t_eval to be increasing sample times within [0, {t_max:g}], "
                                       f"got {t_eval!r}"[:200])
    sol = integrate(field, y0, t_max, t_eval=samples, method=method, rtol=rtol, atol=atol)
    states = field.project(sol.y.T)
    return Trajectory(readonly(np.asarray(sol.t, dtype=float)), readonly(states), field.sizes, field.labels,
                      field.populations, bool(sol.success), str(sol.message))

