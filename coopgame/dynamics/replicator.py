"""Replicator dynamics: one population for symmetric games, one population per role otherwise.

Multi-population (one population per role ``p``, any number of strategies)::

    dx_{p,a}/dt = x_{p,a} * (u_p(a, x_-p) - u_p(x))

One population playing a symmetric two-player game with the row player's
matrix ``A``::

    dx_a/dt = x_a * ((A x)_a - x . A x)

Integration is by :func:`scipy.integrate.solve_ivp`; every state is projected
back onto the simplices (tiny negatives clipped, each block renormalised).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._numeric import readonly
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidGameTypeError,
    InvalidProfileError,
    UnresolvedParameterError,
)
from coopgame.games.normal_form import NormalFormGame

try:  # pragma: no cover - exercised in the environments that have numba
    from numba import njit
except ImportError:  # pragma: no cover
    njit = None

__all__ = ["Trajectory", "numeric_game", "replicator"]


def numeric_game(game: Any, where: str) -> NormalFormGame:
    """The NormalFormGame behind ``game``; a SymbolicGame must have no free parameters."""
    from coopgame.games.symbolic import SymbolicGame

    if isinstance(game, SymbolicGame):
        if game.parameters:
            names = ", ".join(s.name for s in game.parameters)
            raise UnresolvedParameterError(
                f"{where}: expected a game with numeric payoffs, got a SymbolicGame with free parameters ({names}); "
                "use .subs(...) or .numeric() first"
            )
        game = game.subs({})
    if not isinstance(game, NormalFormGame):
        raise InvalidGameTypeError(f"{where}: expected a NormalFormGame or SymbolicGame, got {type(game).__name__}")
    return game


def is_symmetric(game: NormalFormGame) -> bool:
    """True for a two-player game with square payoffs whose column payoffs are the transposed row payoffs.

    Exact games are compared exactly, float games within the game's tolerance.
    """
    if game.num_players != 2 or game.shape[0] != game.shape[1]:
        return False
    if game.is_exact:
        A, B = game.payoffs
        return bool((B == A.T).all())
    A, B = game.float_payoffs
    return bool(np.allclose(B, A.T, rtol=0, atol=game.float_tolerance))


def symmetric_matrix(game: NormalFormGame, where: str) -> np.ndarray:
    """The row player's payoff matrix of a symmetric two-player game (exact or float, as the game is).

    One-population dynamics are defined only for such games: the column
    player's payoffs must be the transpose of the row player's.
    """
    if game.num_players != 2 or game.shape[0] != game.shape[1]:
        raise InvalidGameError(
            f"{where}: one-population dynamics (a single vector) needs a symmetric two-player game, "
            f"got a game of shape {game.shape}"
        )
    if not is_symmetric(game):
        raise InvalidGameError(
            f"{where}: one-population dynamics needs a symmetric game (column payoffs = transpose of row payoffs); "
            "give one probability vector per player for two-population dynamics"
        )
    return game.payoffs[0]


def _action_values(arrays: Sequence[np.ndarray], vectors: Sequence[np.ndarray], p: int) -> np.ndarray:
    """Payoff of each of role ``p``'s strategies against the others' mixed strategies (tensor contraction)."""
    u = np.moveaxis(arrays[p], p, 0)
    for q in reversed(range(len(arrays))):
        if q != p:
            u = u @ vectors[q]
    return u


def _project(y: np.ndarray, bounds: Sequence[tuple[int, int]]) -> np.ndarray:
    y = np.clip(np.asarray(y, dtype=float), 0.0, None)
    for lo, hi in bounds:
        s = y[..., lo:hi].sum(axis=-1, keepdims=True)
        y[..., lo:hi] = y[..., lo:hi] / np.where(s > 0, s, 1.0)
    return y


def _one_population_numpy(y: np.ndarray, A: np.ndarray) -> np.ndarray:
    """The one-population field at ``y`` projected onto the simplex (tiny negatives clipped, renormalised)."""
    z = np.maximum(y, 0.0)
    total = z.sum()
    z = z / (total if total > 0 else 1.0)
    f = A @ z
    return z * (f - z @ f)


if njit is not None:  # pragma: no branch
    # the same, compiled: one call per evaluation instead of several numpy calls (solve_ivp calls it ~10^3 times)
    _one_population_field = njit(cache=True)(_one_population_numpy)
else:  # pragma: no cover
    _one_population_field = _one_population_numpy


@dataclass(frozen=True, eq=False)
class Trajectory:
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

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Trajectory):
            return NotImplemented
        return (self.sizes == other.sizes and self.labels == other.labels and self.populations == other.populations
                and self.success == other.success and self.message == other.message
                and np.array_equal(self.t, other.t) and np.array_equal(self.states, other.states))

    __hash__ = None  # type: ignore[assignment]  # holds arrays

    def _bounds(self) -> list[tuple[int, int]]:
        ends = np.cumsum((0,) + tuple(self.sizes))
        return [(int(ends[k]), int(ends[k + 1])) for k in range(len(self.sizes))]

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


def _is_flat_vector(x0: Any) -> bool:
    if isinstance(x0, (str, bytes)):
        return False
    try:
        arr = np.asarray(x0)
    except (ValueError, TypeError):
        return False
    if arr.ndim != 1 or arr.dtype.kind not in "biufO":
        return False
    return all(not isinstance(v, (str, bytes, list, tuple, np.ndarray)) for v in arr.tolist())


def _population_start(game: Any, x0: Any, where: str) -> list[np.ndarray]:
    """Start vectors of a PopulationGame: one vector or label per role, or one share per two-strategy role."""
    shape = game.shape
    if isinstance(x0, (str, bytes)) or not isinstance(x0, (Sequence, np.ndarray)) or len(x0) != len(shape):
        raise InvalidProfileError(f"{where}: expected one start vector (or action label) per role ({len(shape)}), "
                                  f"got {x0!r}")
    out = []
    for p, (v, m) in enumerate(zip(x0, shape)):
        if isinstance(v, str):
            if v not in game.actions[p]:
                raise InvalidProfileError(f"{where}: expected an action of {game.players[p]!r} among "
                                          f"{list(game.actions[p])}, got {v!r}")
            vec = np.zeros(m)
            vec[game.actions[p].index(v)] = 1.0
        elif np.ndim(v) == 0 and m == 2:
            vec = np.array([float(v), 1.0 - float(v)])
        else:
            vec = np.asarray(np.asarray(v, dtype=object).astype(float))
        if vec.shape != (m,) or (vec < -1e-9).any() or abs(vec.sum() - 1) > 1e-7:
            raise InvalidProfileError(f"{where}: expected a probability vector of length {m} for "
                                      f"{game.players[p]!r}, got {v!r}")
        out.append(vec)
    return out


def replicator(game: Any, x0: Any, t_max: float, *, t_eval: Any = None, method: str = "RK45",
               rtol: float = 1e-8, atol: float = 1e-10) -> Trajectory:
    """Integrate the replicator dynamics of ``game`` from ``x0`` over ``[0, t_max]``.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or PopulationGame
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
    method, rtol, atol
        Passed to :func:`scipy.integrate.solve_ivp`.

    Returns
    -------
    Trajectory

    Raises
    ------
    UnresolvedParameterError
        A SymbolicGame with free parameters.
    InvalidGameError
        One-population dynamics asked of a game that is not symmetric.

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
    """
    from scipy.integrate import solve_ivp

    where = "replicator"
    from coopgame.dynamics.population import PopulationGame

    population = game if isinstance(game, PopulationGame) else None
    if population is None:
        game = numeric_game(game, where)
    try:
        t_max = float(t_max)
    except (TypeError, ValueError):
        raise InvalidArgumentTypeError(f"{where}: expected a positive number t_max, got {t_max!r}") from None
    if not np.isfinite(t_max) or t_max <= 0:
        raise InvalidArgumentError(f"{where}: expected a positive finite t_max, got {t_max!r}")
    if population is not None:
        payoff = population.payoff_function(where)
        vectors = _population_start(population, x0, where)
        vec = np.concatenate(vectors)
        sizes = tuple(population.shape)
        labels = tuple(f"{p}: {a}" for p, acts in zip(population.players, population.actions) for a in acts)
        populations = "multi"

        def field(y: np.ndarray) -> np.ndarray:
            parts = np.split(y, np.cumsum(sizes)[:-1])
            values = payoff(parts)
            return np.concatenate([x * (u - x @ u) for x, u in zip(parts, values)])
    elif _is_flat_vector(x0):
        A = np.asarray(symmetric_matrix(game, where), dtype=float)
        vec = np.asarray(np.asarray(x0, dtype=object).astype(float))
        if vec.shape != (game.shape[0],) or (vec < -1e-9).any() or abs(vec.sum() - 1) > 1e-7:
            raise InvalidProfileError(
                f"{where}: expected a probability vector of length {game.shape[0]}, got {list(np.asarray(x0).tolist())}"
            )
        sizes = (game.shape[0],)
        labels = tuple(game.actions[0])
        populations = "single"

        def field(y: np.ndarray) -> np.ndarray:
            f = A @ y
            return y * (f - y @ f)
    else:
        arrays = game.float_payoffs
        vectors = [np.asarray(v, dtype=float) for v in game.mixed_profile(x0, where)]
        vec = np.concatenate(vectors)
        sizes = tuple(game.shape)
        labels = tuple(f"{p}: {a}" for p, acts in zip(game.players, game.actions) for a in acts)
        populations = "multi"
        n = game.num_players

        def field(y: np.ndarray) -> np.ndarray:
            parts = np.split(y, np.cumsum(sizes)[:-1])
            out = []
            for p in range(n):
                u = _action_values(arrays, parts, p)
                out.append(parts[p] * (u - parts[p] @ u))
            return np.concatenate(out)

    ends = np.cumsum((0,) + sizes)
    bounds = [(int(ends[k]), int(ends[k + 1])) for k in range(len(sizes))]
    y0 = _project(vec, bounds)
    if t_eval is None:
        t_eval = np.linspace(0.0, t_max, 201)
    else:
        t_eval = np.asarray(t_eval, dtype=float)
        if t_eval.ndim != 1 or (t_eval < 0).any() or (t_eval > t_max).any() or (np.diff(t_eval) < 0).any():
            raise InvalidArgumentError(f"{where}: expected increasing sample times t_eval within [0, {t_max:g}]")
    starts = np.array([lo for lo, _ in bounds])
    owner = np.repeat(np.arange(len(sizes)), sizes)

    def projected_field(t: float, y: np.ndarray) -> np.ndarray:
        # the cheap form of _project for one state: clip tiny negatives, renormalise each block
        y = np.maximum(y, 0.0)
        sums = np.add.reduceat(y, starts)
        sums[sums <= 0] = 1.0
        return field(y / sums[owner])

    if populations == "single" and population is None:
        matrix = np.ascontiguousarray(A, dtype=float)

        def rhs(t: float, y: np.ndarray) -> np.ndarray:
            return _one_population_field(y, matrix)
    else:
        rhs = projected_field
    sol = solve_ivp(rhs, (0.0, t_max), y0, method=method, t_eval=t_eval, rtol=rtol, atol=atol)
    states = _project(sol.y.T, bounds)
    return Trajectory(readonly(np.asarray(sol.t, dtype=float)), readonly(states), sizes, labels, populations,
                      bool(sol.success), str(sol.message))
