"""Basins of attraction of the replicator dynamics, and the time to reach an attractor.

The attractors are the asymptotically stable rest points:

- one population playing a symmetric two-player game (row matrix ``A``): the
  rest points found by support enumeration whose Jacobian, restricted to the
  simplex, has only eigenvalues with negative real part (every such point is
  a Nash equilibrium; a strict symmetric equilibrium, a hawk-dove mixture);
- one population per role: exactly the strict pure Nash equilibria (in
  multi-population replicator dynamics a rest point is asymptotically stable
  iff it is a strict equilibrium; Ritzberger and Weibull 1995, Hofbauer and
  Sigmund 1998, section 10.4), so mixed points never attract;
- a :class:`~coopgame.dynamics.population.PopulationGame` (payoffs that are
  functions of the state, one population per role): the rest points that
  :func:`~coopgame.dynamics.stability.stability` classifies as stable (with
  a dynamic penalty an interior point can attract).

:func:`basins` integrates many starts at once with a fixed-step fourth-order
Runge-Kutta scheme on the stacked states (numpy, no per-start solver call)
and records which attractor each start reaches (first enters the max-norm
ball of radius ``tol`` around it). :func:`time_to_reach` integrates one start
with :func:`scipy.integrate.solve_ivp` and an event.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._numeric import TOLERANCE, readonly
from coopgame.dynamics.replicator import is_symmetric, numeric_game
from coopgame.errors import (
    DegenerateGameWarning,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidProfileError,
    SolverLimitError,
)
from coopgame.games.normal_form import NormalFormGame

__all__ = ["MAX_STARTS", "Basins", "attractors", "basins", "time_to_reach"]

#: Largest number of starts :func:`basins` integrates at once.
MAX_STARTS = 1_000_000
#: Largest number of strategies of a one-population game whose rest points are enumerated (2**m supports).
MAX_SUPPORT_STRATEGIES = 12
#: Largest number of pure profiles searched for strict equilibria in multi-population games.
MAX_PROFILES = 1_000_000
#: Default grid resolution by the dimension of the state space (sum over populations of strategies - 1).
_DEFAULT_GRID = {1: 100, 2: 40, 3: 16}


# ---------------------------------------------------------------------------------------- the system
class _System:
    """The replicator field of a game, vectorised over a stack of states (one row per state)."""

    def __init__(self, game: NormalFormGame, populations: str) -> None:
        self.game = game
        self.populations = populations
        arrays = game.float_payoffs
        if populations == "single":
            self.A = np.array(arrays[0], dtype=float)
            self.sizes: tuple[int, ...] = (game.shape[0],)
            self.labels: tuple[str, ...] = tuple(game.actions[0])
            spread = float(self.A.max() - self.A.min())
        else:
            self.arrays = [np.array(a, dtype=float) for a in arrays]
            self.sizes = tuple(game.shape)
            self.labels = tuple(f"{p}: {a}" for p, acts in zip(game.players, game.actions) for a in acts)
            spread = max(float(a.max() - a.min()) for a in self.arrays)
            # role p's payoffs as a matrix: its own strategies by the others' joint profiles (in player order)
            self._matrices = [np.moveaxis(a, p, 0).reshape(a.shape[p], -1) for p, a in enumerate(self.arrays)]
        ends = np.cumsum((0,) + self.sizes)
        self.bounds = [(int(ends[k]), int(ends[k + 1])) for k in range(len(self.sizes))]
        self.dim = int(ends[-1])
        #: Largest spread of a payoff array: the fastest rate in the field is at most about twice this.
        self.spread = spread

    def field(self, Y: np.ndarray) -> np.ndarray:
        if self.populations == "single":
            F = Y @ self.A.T
            avg = np.einsum("ki,ki->k", Y, F)
            return Y * (F - avg[:, None])
        parts = [Y[:, lo:hi] for lo, hi in self.bounds]
        out = np.empty_like(Y)
        K = len(Y)
        for p, (lo, hi) in enumerate(self.bounds):
            joint = np.ones((K, 1))
            for q, v in enumerate(parts):
                if q != p:
                    joint = (joint[:, :, None] * v[:, None, :]).reshape(K, -1)
            U = joint @ self._matrices[p].T
            avg = np.einsum("ki,ki->k", parts[p], U)
            out[:, lo:hi] = parts[p] * (U - avg[:, None])
        return out

    def project(self, Y: np.ndarray) -> np.ndarray:
        Y = np.clip(Y, 0.0, None)
        for lo, hi in self.bounds:
            s = Y[:, lo:hi].sum(axis=1, keepdims=True)
            Y[:, lo:hi] /= np.where(s > 0, s, 1.0)
        return Y

    def rk4(self, Y: np.ndarray, dt: float) -> np.ndarray:
        k1 = self.field(Y)
        k2 = self.field(Y + 0.5 * dt * k1)
        k3 = self.field(Y + 0.5 * dt * k2)
        k4 = self.field(Y + dt * k3)
        return self.project(Y + (dt / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4))

    def default_t_max(self) -> float:
        return 1000.0 / self.spread if self.spread > 0 else 1000.0

    def default_dt(self) -> float:
        return 0.1 / self.spread if self.spread > 0 else 1.0


class _PopulationSystem(_System):
    """The replicator field of a PopulationGame (payoffs are functions of the state), vectorised."""

    def __init__(self, game: Any, where: str) -> None:
        import sympy

        game.payoff_function(where)            # refuses free parameters, naming them
        self.game = game
        self.populations = "multi"
        self.sizes = tuple(game.shape)
        self.labels = tuple(f"{p}: {a}" for p, acts in zip(game.players, game.actions) for a in acts)
        ends = np.cumsum((0,) + self.sizes)
        self.bounds = [(int(ends[k]), int(ends[k + 1])) for k in range(len(self.sizes))]
        self.dim = int(ends[-1])
        flat = [e for row in game.payoffs for e in row]
        self._func = sympy.lambdify(game.state, flat, modules="numpy")
        # payoff spread, estimated on fixed random states (deterministic: this sets only the step size)
        rng = np.random.default_rng(0)
        sample = np.hstack([rng.dirichlet(np.ones(m), size=256) for m in self.sizes])
        values = self._payoffs(sample)
        self.spread = max(float(u.max() - u.min()) for u in values)

    def _payoffs(self, Y: np.ndarray) -> list[np.ndarray]:
        K = len(Y)
        coords = [Y[:, lo + k] for (lo, _), m in zip(self.bounds, self.sizes) for k in range(m - 1)]
        vals = self._func(*coords)
        out, k = [], 0
        for m in self.sizes:
            out.append(np.column_stack([np.broadcast_to(np.asarray(v, dtype=float), (K,)) for v in vals[k:k + m]]))
            k += m
        return out

    def field(self, Y: np.ndarray) -> np.ndarray:
        out = np.empty_like(Y)
        for (lo, hi), U in zip(self.bounds, self._payoffs(Y)):
            x = Y[:, lo:hi]
            avg = np.einsum("ki,ki->k", x, U)
            out[:, lo:hi] = x * (U - avg[:, None])
        return out


def _is_population_game(game: Any) -> bool:
    try:
        from coopgame.dynamics.population import PopulationGame
    except ImportError:  # pragma: no cover - population games are optional here
        return False
    return isinstance(game, PopulationGame)


def _system(game: Any, populations: str, where: str) -> _System:
    if populations not in ("auto", "single", "multi"):
        raise InvalidArgumentError(f"{where}: expected populations 'auto', 'single' or 'multi', got {populations!r}")
    if _is_population_game(game):
        if populations == "single":
            raise InvalidArgumentError(f"{where}: a PopulationGame runs one population per role; "
                                       "use populations='multi' (or 'auto')")
        return _PopulationSystem(game, where)
    game = numeric_game(game, where)
    if populations == "auto":
        populations = "single" if is_symmetric(game) else "multi"
    elif populations == "single" and not is_symmetric(game):
        raise InvalidGameError(
            f"{where}: one-population dynamics needs a symmetric two-player game (column payoffs = transpose "
            f"of row payoffs), got a game of shape {game.shape} that is not symmetric; use populations='multi'"
        )
    return _System(game, populations)


def _is_flat_vector(x: Any) -> bool:
    if isinstance(x, (str, bytes)):
        return False
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError):
        return False
    if arr.ndim != 1 or arr.dtype.kind not in "biufO":
        return False
    return all(not isinstance(v, (str, bytes, list, tuple, np.ndarray)) for v in arr.tolist())


def _state(system: _System, x: Any, where: str, what: str) -> np.ndarray:
    """One state of ``system`` as a flat float vector (all populations' shares side by side)."""
    game = system.game
    if system.populations == "single":
        if isinstance(x, str) or (isinstance(x, (int, np.integer)) and not isinstance(x, bool)):
            k = game.action_index(0, x)
            vec = np.zeros(system.dim)
            vec[k] = 1.0
            return vec
        if not _is_flat_vector(x):
            raise InvalidProfileError(
                f"{where}: expected {what} as one probability vector of length {system.dim} (one population) "
                f"or an action label, got {x!r}")
        try:
            vec = np.asarray(np.asarray(x, dtype=object).astype(float))
        except (TypeError, ValueError):
            raise InvalidProfileError(f"{where}: expected {what} as a vector of numbers, got {x!r}") from None
        if vec.shape != (system.dim,) or not np.isfinite(vec).all() or (vec < -1e-9).any() \
                or abs(vec.sum() - 1) > 1e-7:
            raise InvalidProfileError(
                f"{where}: expected {what} as a probability vector of length {system.dim}, got {list(vec.tolist())}")
        return np.clip(vec, 0.0, None) / np.clip(vec, 0.0, None).sum()
    if isinstance(system, _PopulationSystem):
        return _population_state(system, x, where, what)
    indices = _is_flat_vector(x) and len(x) == game.num_players and all(
        isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in x)
    if _is_flat_vector(x) and not indices:
        raise InvalidProfileError(
            f"{where}: expected {what} as one probability vector (or action label) per role "
            f"({game.num_players} roles), got the single vector {x!r}; one-population starts need "
            "a symmetric game with populations='single'")
    vectors = game.mixed_profile(x, where)
    return np.concatenate([np.asarray(v, dtype=float) for v in vectors])


def _population_state(system: _System, x: Any, where: str, what: str) -> np.ndarray:
    """A PopulationGame state: one vector or action label per role, or one share per two-strategy role."""
    game = system.game
    sizes = system.sizes
    if isinstance(x, (str, bytes)) or not isinstance(x, (Sequence, np.ndarray)) or len(x) != len(sizes):
        raise InvalidProfileError(f"{where}: expected {what} as one vector (or action label) per role "
                                  f"({len(sizes)} roles), got {x!r}")
    parts = []
    for p, (v, m) in enumerate(zip(x, sizes)):
        if isinstance(v, str):
            if v not in game.actions[p]:
                raise InvalidProfileError(f"{where}: expected an action of {game.players[p]!r} among "
                                          f"{list(game.actions[p])}, got {v!r}")
            vec = np.zeros(m)
            vec[list(game.actions[p]).index(v)] = 1.0
        else:
            try:
                vec = (np.array([float(v), 1.0 - float(v)]) if np.ndim(v) == 0 and m == 2
                       else np.asarray(np.asarray(v, dtype=object).astype(float)))
            except (TypeError, ValueError):
                vec = None
            if vec is None or vec.shape != (m,) or not np.isfinite(vec).all() or (vec < -1e-9).any() \
                    or abs(vec.sum() - 1) > 1e-7:
                raise InvalidProfileError(f"{where}: expected {what} for {game.players[p]!r} as a probability "
                                          f"vector of length {m}, got {v!r}")
        parts.append(np.clip(vec, 0.0, None))
    return np.concatenate(parts)


def _split(system: _System, vec: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(readonly(np.array(vec[lo:hi], dtype=float)) for lo, hi in system.bounds)


# ---------------------------------------------------------------------------------------- attractors
def _classify(eig: np.ndarray, tol: float) -> str:
    """Stability class from the eigenvalues (the same names as :class:`~coopgame.dynamics.stability.Stability`)."""
    re = eig.real
    if (re < -tol).all():
        return "stable"
    if (re > tol).all():
        return "unstable"
    if (np.abs(re) > tol).all():
        return "saddle"
    if len(eig) == 2 and (np.abs(re) <= tol).all() and (np.abs(eig.imag) > tol).all():
        return "centre"
    return "non-hyperbolic"


def _one_population_rest_points(system: _System, where: str,
                                warn: bool = True) -> list[tuple[np.ndarray, str, np.ndarray]]:
    """Isolated rest points of one-population dynamics with their class and eigenvalues on the simplex."""
    A = system.A
    m = A.shape[0]
    if m > MAX_SUPPORT_STRATEGIES:
        raise SolverLimitError(
            f"{where}: expected at most {MAX_SUPPORT_STRATEGIES} strategies for the search of one-population "
            f"rest points (it visits 2**m supports), got {m}; pass attractors=[...] explicitly")
    tol = TOLERANCE * max(1.0, float(np.abs(A).max()))
    # orthonormal basis of the tangent space {v : sum v = 0}
    q, _ = np.linalg.qr(np.vstack([np.ones(m), np.eye(m)[:-1]]).T)
    V = q[:, 1:]
    found: list[tuple[np.ndarray, str, np.ndarray]] = []
    degenerate = False
    for k in range(1, m + 1):
        for support in itertools.combinations(range(m), k):
            S = list(support)
            M = np.zeros((k + 1, k + 1))
            M[:k, :k] = A[np.ix_(S, S)]
            M[:k, k] = -1.0
            M[k, :k] = 1.0
            rhs = np.zeros(k + 1)
            rhs[k] = 1.0
            if np.linalg.matrix_rank(M, tol=1e-10 * max(1.0, np.abs(M).max())) < k + 1:
                sol = np.linalg.lstsq(M, rhs, rcond=None)[0]
                if np.abs(M @ sol - rhs).max() <= 1e-9 * max(1.0, np.abs(M).max()):
                    degenerate = True        # a line (or more) of solutions: not isolated
                continue                     # otherwise no rest point with this support
            sol = np.linalg.solve(M, rhs)
            xs = sol[:k]
            if (xs <= 1e-12).any():
                continue
            x = np.zeros(m)
            x[S] = xs
            f = A @ x
            avg = x @ f
            J = np.diag(f - avg) + x[:, None] * (A - (f + A.T @ x)[None, :])
            eig = np.linalg.eigvals(V.T @ J @ V)
            found.append((x, _classify(eig, tol), eig))
    if degenerate and warn:
        warnings.warn(f"{where}: the game may have continua of rest points (a singular support system); "
                      "only isolated rest points are used",
                      DegenerateGameWarning, stacklevel=4)
    return found


def _one_population_attractors(system: _System, where: str) -> list[np.ndarray]:
    return [x for x, kind, _ in _one_population_rest_points(system, where) if kind == "stable"]


def _multi_population_attractors(system: _System, where: str) -> list[np.ndarray]:
    game = system.game
    total = int(np.prod(game.shape))
    if total > MAX_PROFILES:
        raise SolverLimitError(
            f"{where}: expected at most {MAX_PROFILES} pure profiles for the search of strict equilibria, got "
            f"{total}; pass attractors=[...] explicitly")
    arrays = system.arrays
    tol = TOLERANCE * max(1.0, max(float(np.abs(a).max()) for a in arrays))
    found = []
    for profile in itertools.product(*(range(m) for m in game.shape)):
        strict = True
        for p, a in enumerate(arrays):
            index = list(profile)
            index[p] = slice(None)
            column = a[tuple(index)]
            own = column[profile[p]]
            if (np.delete(column, profile[p]) >= own - tol).any():
                strict = False
                break
        if strict:
            vec = np.zeros(system.dim)
            for (lo, _), k in zip(system.bounds, profile):
                vec[lo + k] = 1.0
            found.append(vec)
    return found


def _population_game_attractors(system: _System, where: str) -> list[np.ndarray]:
    """Rest points of a PopulationGame classified 'stable' by :func:`~coopgame.dynamics.stability.stability`."""
    from coopgame.dynamics.stability import rest_points, stability

    found = []
    for point in rest_points(system.game):
        if stability(system.game, point).classification == "stable":
            found.append(np.concatenate([np.asarray(v, dtype=float) for v in point]))
    return found


def _find_attractors(system: _System, where: str) -> list[np.ndarray]:
    if isinstance(system, _PopulationSystem):
        return _population_game_attractors(system, where)
    if system.populations == "single":
        return _one_population_attractors(system, where)
    return _multi_population_attractors(system, where)


def _name(system: _System, vec: np.ndarray) -> str:
    game = system.game
    parts = [vec[lo:hi] for lo, hi in system.bounds]
    names = []
    for p, v in enumerate(parts):
        acts = game.actions[p]
        top = int(np.argmax(v))
        if abs(v[top] - 1.0) <= 1e-9:
            names.append(acts[top])
        else:
            names.append("(" + ", ".join(f"{w:.3g} {a}" for w, a in zip(v, acts) if w > 1e-12) + ")")
    if system.populations == "single":
        return names[0]
    return "(" + ", ".join(names) + ")"


def attractors(game: Any, *, populations: str = "auto") -> list[tuple[np.ndarray, ...]]:
    """The asymptotically stable rest points of the replicator dynamics of ``game``.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or PopulationGame
        No free parameters.
    populations : {"auto", "single", "multi"}, default "auto"
        ``"single"``: one population playing a symmetric two-player game
        (row payoffs ``A``); ``"multi"``: one population per role.
        ``"auto"`` takes ``"single"`` for symmetric two-player games and
        ``"multi"`` otherwise (always for a PopulationGame).

    Returns
    -------
    list of tuple of numpy.ndarray
        Each attractor as a tuple of probability vectors (one vector for one
        population, one per role otherwise). One population: the rest points
        (from support enumeration) whose Jacobian on the simplex has only
        eigenvalues with negative real part; several populations: the strict
        pure Nash equilibria, the only asymptotically stable states of
        multi-population replicator dynamics; a PopulationGame: its rest
        points classified ``"stable"`` by
        :func:`~coopgame.dynamics.stability.stability`.

    Raises
    ------
    SolverLimitError
        More than ``MAX_SUPPORT_STRATEGIES`` strategies (one population) or
        ``MAX_PROFILES`` pure profiles (several populations).

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.dynamics.basins import attractors
    >>> stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    >>> [tuple(float(v) for v in a[0]) for a in attractors(stag)]
    [(1.0, 0.0), (0.0, 1.0)]
    >>> hawk_dove = models.chicken(T=3, R=2, S=1, P=0)       # mixed ESS, one population
    >>> [round(float(v), 3) for v in attractors(hawk_dove)[0][0]]
    [0.5, 0.5]
    >>> len(attractors(hawk_dove, populations="multi"))       # two populations: the two pure asymmetric corners
    2
    """
    where = "attractors"
    system = _system(game, populations, where)
    found = _find_attractors(system, where)
    return [_split(system, v) for v in found]


# ---------------------------------------------------------------------------------------- starts
def _simplex_lattice(m: int, n: int) -> np.ndarray:
    """Interior points of the simplex with ``m`` vertices whose coordinates are multiples of ``1/n``."""
    rows = []
    for cuts in itertools.combinations(range(1, n), m - 1):
        edges = (0,) + cuts + (n,)
        rows.append([edges[i + 1] - edges[i] for i in range(m)])
    return np.array(rows, dtype=float).reshape(-1, m) / n


def _grid_starts(system: _System, n: int) -> np.ndarray:
    blocks = [_simplex_lattice(m, n) for m in system.sizes]
    index = np.array(list(itertools.product(*(range(len(b)) for b in blocks))), dtype=int).reshape(-1, len(blocks))
    return np.hstack([b[index[:, k]] for k, b in enumerate(blocks)])


def _count_grid(sizes: Sequence[int], n: int) -> int:
    return int(np.prod([math.comb(n - 1, m - 1) for m in sizes], dtype=object))


# ---------------------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class Basins:
    """Which attractor of the replicator dynamics each start reaches, and the share of each basin.

    Attributes
    ----------
    points : numpy.ndarray
        The starts, shape ``(K, d)``: each population's strategy shares side
        by side (columns named by ``labels``).
    outcome : numpy.ndarray
        Shape ``(K,)``: the index in ``attractors`` of the attractor each start
        reached, ``-1`` when it reached none within ``t_max`` (it is near a
        basin boundary, on a cycle, or heads for a rest point that is not
        asymptotically stable).
    attractors : tuple
        The attractors, each a tuple of probability vectors (one per population).
    names : tuple of str
        A label for each attractor: the action (one population) or the
        profile ``"(a, b, ...)"`` of a pure attractor, the mixture otherwise.
    shares : numpy.ndarray
        Share of the starts in each basin, aligned with ``attractors``.
    unresolved : float
        Share of the starts with ``outcome == -1``.
    standard_errors : numpy.ndarray or None
        ``sqrt(p (1 - p) / K)`` for each share when the starts were sampled;
        None for a grid (its error is the grid resolution, not random).
    settle_times : numpy.ndarray
        Shape ``(K,)``: the time at which each start first came within ``tol``
        of its attractor (to the step ``dt``); ``inf`` for unresolved starts.
    finals : numpy.ndarray
        Shape ``(K, d)``: each start's state when it settled, or at ``t_max``
        (the starts themselves when the game has no attractor: nothing is integrated).
    sizes, labels, players, actions, populations
        Shape of the state space: strategies per population, column names,
        the game's player names and action labels, ``"single"`` or ``"multi"``.
    method : str
        ``"grid"`` or ``"samples"``.
    resolution : int
        The grid's ``n`` (coordinates are multiples of ``1/n``) or the number of samples.
    seed, t_max, tol, dt
        The settings of the run.

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.dynamics.basins import basins
    >>> stag = models.stag_hunt(R=4, S=1, T=3, P=3)          # mixed rest point at x* = 2/3
    >>> b = basins(stag, grid=30)
    >>> b
    Basins(single population, grid n=30 (29 starts): Stag 0.31, Hare 0.655, unresolved 0.0345)
    >>> b.share("Stag"), len(b)
    (0.3103448275862069, 29)
    """

    points: np.ndarray
    outcome: np.ndarray
    attractors: tuple[tuple[np.ndarray, ...], ...]
    names: tuple[str, ...]
    shares: np.ndarray
    unresolved: float
    standard_errors: np.ndarray | None
    settle_times: np.ndarray
    finals: np.ndarray
    sizes: tuple[int, ...]
    labels: tuple[str, ...]
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    populations: str
    method: str
    resolution: int
    seed: Any
    t_max: float
    tol: float
    dt: float

    def __len__(self) -> int:
        return len(self.outcome)

    def _index(self, which: Any) -> int:
        if isinstance(which, (int, np.integer)) and not isinstance(which, bool):
            if 0 <= which < len(self.attractors):
                return int(which)
        elif isinstance(which, str):
            if which in self.names:
                return self.names.index(which)
        else:
            try:
                target = np.concatenate([np.asarray(v, dtype=float).reshape(-1) for v in which])
            except (TypeError, ValueError):
                target = None
            if target is not None:
                for k, att in enumerate(self.attractors):
                    flat = np.concatenate(att)
                    if flat.shape == target.shape and np.abs(flat - target).max() <= 1e-9:
                        return k
        raise InvalidArgumentError(
            f"Basins.share: expected an attractor name in {list(self.names)}, an index below "
            f"{len(self.attractors)} or an attractor's state, got {which!r}")

    def share(self, which: Any) -> float:
        """Share of the basin of one attractor, named by its label, index or state.

        A name that is not among the attractors (an action that attracts
        nothing, say) raises :class:`~coopgame.errors.InvalidArgumentError`.
        """
        return float(self.shares[self._index(which)])

    def standard_error(self, which: Any) -> float | None:
        """Standard error of :meth:`share` (None for a grid)."""
        if self.standard_errors is None:
            return None
        return float(self.standard_errors[self._index(which)])

    def mask(self, which: Any) -> np.ndarray:
        """Boolean array over the starts: True where the start reached the given attractor."""
        return self.outcome == self._index(which)

    def to_frame(self) -> Any:
        """A pandas DataFrame: the starts' coordinates, the attractor reached (name or None) and the settle time."""
        import pandas as pd

        frame = pd.DataFrame(np.asarray(self.points), columns=list(self.labels))
        frame["attractor"] = [self.names[k] if k >= 0 else None for k in self.outcome]
        frame["settle_time"] = np.asarray(self.settle_times)
        return frame

    def __repr__(self) -> str:
        how = (f"grid n={self.resolution} ({len(self)} starts)" if self.method == "grid"
               else f"{len(self)} samples, seed {self.seed}")
        parts = []
        for k, name in enumerate(self.names):
            s = f"{name} {self.shares[k]:.3g}"
            if self.standard_errors is not None:
                s += f" ± {self.standard_errors[k]:.2g}"
            parts.append(s)
        parts.append(f"unresolved {self.unresolved:.3g}")
        return f"Basins({self.populations} population, {how}: " + ", ".join(parts) + ")"


# ---------------------------------------------------------------------------------------- integration
def _settle(system: _System, Y0: np.ndarray, targets: np.ndarray, t_max: float, dt: float,
            tol: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integrate all starts until each is within ``tol`` (max norm) of a target or ``t_max`` passes."""
    K = len(Y0)
    outcome = np.full(K, -1, dtype=int)
    times = np.full(K, np.inf)
    finals = np.array(Y0, dtype=float)
    Y = np.array(Y0, dtype=float)
    active = np.arange(K)
    steps = max(1, math.ceil(t_max / dt))
    h = t_max / steps

    def check(t: float) -> None:
        nonlocal Y, active
        if not len(targets) or not len(active):
            return
        dist = np.abs(Y[:, None, :] - targets[None, :, :]).max(axis=2)
        nearest = dist.argmin(axis=1)
        hit = dist[np.arange(len(active)), nearest] <= tol
        if hit.any():
            idx = active[hit]
            outcome[idx] = nearest[hit]
            times[idx] = t
            finals[idx] = Y[hit]
            Y = Y[~hit]
            active = active[~hit]

    check(0.0)
    for step in range(1, steps + 1):
        if not len(active):
            break
        new = system.rk4(Y, h)
        # a start the scheme maps exactly onto itself (sitting on a rest point) never moves again
        stuck = (new == Y).all(axis=1)
        if stuck.any():
            finals[active[stuck]] = Y[stuck]
            new, active = new[~stuck], active[~stuck]
        Y = new
        check(step * h)
    if len(active):
        finals[active] = Y
    return outcome, times, finals


def _positive(value: Any, name: str, where: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InvalidArgumentTypeError(f"{where}: expected a positive number {name}, got {value!r}") from None
    if not np.isfinite(v) or v <= 0:
        raise InvalidArgumentError(f"{where}: expected a positive finite {name}, got {value!r}")
    return v


def basins(game: Any, *, grid: int | None = None, samples: int | None = None, seed: Any = None,
           t_max: float | None = None, tol: float = 1e-4, dt: float | None = None,
           populations: str = "auto", attractors: Sequence[Any] | None = None) -> Basins:
    """Estimate the basins of attraction of the replicator dynamics on a grid or from random starts.

    Every start is integrated (all at once, by a fixed-step fourth-order
    Runge-Kutta scheme on the stacked states) until it comes within ``tol``
    (in the max norm over all shares) of an attractor, or until ``t_max``.
    Shares are fractions of the starts, which estimate the fraction of the
    state space (uniform measure on each simplex) in each basin.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or PopulationGame
        No free parameters.
    grid : int, optional
        Resolution ``n``: the starts are the interior points of each simplex
        whose coordinates are multiples of ``1/n`` (all combinations across
        populations). For one population with two strategies these are
        ``x = 1/n, ..., (n-1)/n``, so a basin boundary is located to within
        ``1/n``. Default (when ``samples`` is not given) 100, 40 or 16 for a
        state space of dimension 1, 2 or 3, and 8 above.
    samples : int, optional
        Number of starts drawn uniformly from the interior of each simplex
        (a flat Dirichlet distribution) with ``numpy.random.default_rng(seed)``.
        Give ``grid`` or ``samples``, not both.
    seed : int or numpy.random.Generator, optional
        Seed of the sampling.
    t_max : float, optional
        Integration horizon. Default ``1000 / L``, where ``L`` is the largest
        spread (max minus min) of a player's payoffs: the field's rates scale
        with ``L``.
    tol : float, default 1e-4
        Radius (max norm) of the neighbourhood of an attractor that counts as
        having reached it. It should be smaller than the distance from any
        attractor to the boundary of its basin.
    dt : float, optional
        Step of the Runge-Kutta scheme; default ``0.1 / L``.
    populations : {"auto", "single", "multi"}, default "auto"
        As in :func:`attractors`: one population for symmetric two-player
        games, one population per role otherwise.
    attractors : sequence, optional
        The attractors to classify by, as states (one probability vector, or
        one per role) or action labels; default :func:`attractors` of the game.

    Returns
    -------
    Basins

    Raises
    ------
    InvalidArgumentError
        Both or bad ``grid`` and ``samples``, a bad ``tol``, ``t_max`` or ``dt``.
    SolverLimitError
        More than ``MAX_STARTS`` starts, or an attractor search over too large a game.

    Examples
    --------
    A coordinator's subsidy ``s`` on joining the joint project (Stag) moves
    the mixed rest point of the stag hunt from ``x* = 2/3`` to
    ``(2 - s)/3`` and enlarges the basin of cooperation (claim C9):

    >>> import coopgame as cg
    >>> from coopgame import models
    >>> from coopgame.dynamics.basins import basins
    >>> stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    >>> for s in (0, 0.5, 1):
    ...     paid = stag.apply(cg.Subsidy(0, "Stag", s), cg.Subsidy(1, "Stag", s))
    ...     print(s, round(basins(paid, grid=200).share("Stag"), 3))
    0 0.332
    0.5 0.497
    1 0.668

    Two populations (one per region), sampled starts with standard errors:

    >>> b = basins(stag, samples=400, seed=1, populations="multi")
    >>> b.names
    ('(Stag, Stag)', '(Hare, Hare)')
    >>> round(b.share("(Stag, Stag)"), 2), round(b.standard_error("(Stag, Stag)"), 3)
    (0.26, 0.022)
    """
    where = "basins"
    system = _system(game, populations, where)
    if grid is not None and samples is not None:
        raise InvalidArgumentError(f"{where}: expected grid or samples, not both (got grid={grid!r}, "
                                   f"samples={samples!r})")
    for name, value in (("grid", grid), ("samples", samples)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, np.integer))):
            raise InvalidArgumentError(f"{where}: expected an integer {name}, got {value!r}")
    tol = _positive(tol, "tol", where)
    if tol >= 0.5:
        raise InvalidArgumentError(f"{where}: expected tol below 0.5 (a neighbourhood radius in shares), got {tol}")
    t_max = system.default_t_max() if t_max is None else _positive(t_max, "t_max", where)
    dt = min(system.default_dt(), t_max) if dt is None else _positive(dt, "dt", where)
    if samples is not None:
        if samples < 1:
            raise InvalidArgumentError(f"{where}: expected a positive number of samples, got {samples}")
        if samples > MAX_STARTS:
            raise SolverLimitError(f"{where}: expected at most MAX_STARTS = {MAX_STARTS} samples, got {samples}")
        rng = np.random.default_rng(seed)
        points = np.hstack([rng.dirichlet(np.ones(m), size=samples) for m in system.sizes])
        method, resolution = "samples", int(samples)
    else:
        if grid is None:
            dim = sum(m - 1 for m in system.sizes)
            grid = _DEFAULT_GRID.get(dim, 8)
        largest = max(system.sizes)
        if grid < largest:
            raise InvalidArgumentError(
                f"{where}: expected a grid resolution n >= {largest} (the number of strategies) so that the "
                f"simplex has interior grid points, got {grid}")
        count = _count_grid(system.sizes, int(grid))
        if count > MAX_STARTS:
            raise SolverLimitError(
                f"{where}: a grid with n={grid} has {count} starts, more than MAX_STARTS = {MAX_STARTS}; "
                "use a coarser grid or samples=...")
        points = _grid_starts(system, int(grid))
        method, resolution = "grid", int(grid)
    if attractors is None:
        found = _find_attractors(system, where)
    else:
        found = [_state(system, a, where, "an attractor") for a in attractors]
    targets = np.array(found, dtype=float).reshape(-1, system.dim)
    if len(targets):
        outcome, times, finals = _settle(system, points, targets, t_max, dt, tol)
    else:  # nothing attracts (cycles, continua): every start is unresolved; no need to integrate
        outcome, times, finals = np.full(len(points), -1), np.full(len(points), np.inf), np.array(points)
    K = len(points)
    shares = np.array([np.count_nonzero(outcome == k) / K for k in range(len(found))])
    ses = np.sqrt(shares * (1 - shares) / K) if method == "samples" else None
    game_ = system.game
    return Basins(
        points=readonly(points),
        outcome=readonly(outcome),
        attractors=tuple(_split(system, v) for v in found),
        names=tuple(_name(system, v) for v in found),
        shares=readonly(shares),
        unresolved=float(np.count_nonzero(outcome < 0) / K),
        standard_errors=None if ses is None else readonly(ses),
        settle_times=readonly(times),
        finals=readonly(finals),
        sizes=system.sizes,
        labels=system.labels,
        players=tuple(game_.players),
        actions=tuple(tuple(a) for a in game_.actions),
        populations=system.populations,
        method=method,
        resolution=resolution,
        seed=seed if not isinstance(seed, np.random.Generator) else "Generator",
        t_max=float(t_max),
        tol=float(tol),
        dt=float(dt),
    )


# ---------------------------------------------------------------------------------------- time to reach
def time_to_reach(game: Any, x0: Any, target: Any, *, radius: float = 0.01, t_max: float | None = None,
                  populations: str | None = None, rtol: float = 1e-8, atol: float = 1e-10) -> float:
    """Time at which the replicator trajectory from ``x0`` enters the neighbourhood of ``target``.

    The neighbourhood is the max-norm ball ``max_k |x_k - target_k| <= radius``
    over all strategy shares: for one population with two strategies and a
    pure target, ``radius=0.01`` means "the target's share is at least 0.99".

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or PopulationGame
        No free parameters.
    x0 : mixed profile or one vector
        As in :func:`~coopgame.dynamics.replicator.replicator`: one
        probability vector (or action label) per role for multi-population
        dynamics; a single flat vector of numbers for one population. A
        PopulationGame also takes one share per two-strategy role.
    target : state
        In the same form as ``x0`` (one population: a vector or an action label).
    radius : float, default 0.01
        Radius of the neighbourhood.
    t_max : float, optional
        Horizon; default ``1000 / L`` (``L`` the largest spread of a player's payoffs).
    populations : {"single", "multi"}, optional
        Override the choice made from the form of ``x0``.
    rtol, atol
        Passed to :func:`scipy.integrate.solve_ivp`.

    Returns
    -------
    float
        The first time ``t`` in ``[0, t_max]`` at which the trajectory is in
        the neighbourhood (0.0 when ``x0`` already is); ``math.inf`` when it
        does not get there by ``t_max`` (for instance because ``x0`` lies in
        another basin).

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame import models
    >>> from coopgame.dynamics.basins import time_to_reach
    >>> stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    >>> round(time_to_reach(stag, [0.8, 0.2], "Stag"), 3)         # until x >= 0.99
    4.218
    >>> paid = stag.apply(cg.Subsidy(0, "Stag", 1), cg.Subsidy(1, "Stag", 1))
    >>> round(time_to_reach(paid, [0.8, 0.2], "Stag"), 3)         # faster with a subsidy
    1.797
    >>> time_to_reach(stag, [0.5, 0.5], "Stag")                   # in the basin of Hare
    inf
    """
    from scipy.integrate import solve_ivp

    where = "time_to_reach"
    if populations is None:
        populations = "single" if _is_flat_vector(x0) and not _is_population_game(game) else "multi"
    elif populations not in ("single", "multi"):
        raise InvalidArgumentError(f"{where}: expected populations 'single' or 'multi', got {populations!r}")
    system = _system(game, populations, where)
    radius = _positive(radius, "radius", where)
    t_max = system.default_t_max() if t_max is None else _positive(t_max, "t_max", where)
    y0 = _state(system, x0, where, "x0")
    goal = _state(system, target, where, "target")
    if np.abs(y0 - goal).max() <= radius:
        return 0.0

    def rhs(t: float, y: np.ndarray) -> np.ndarray:
        return system.field(system.project(y[None, :].copy()))[0]

    def event(t: float, y: np.ndarray) -> float:
        return float(np.abs(y - goal).max() - radius)

    event.terminal = True  # type: ignore[attr-defined]
    event.direction = -1  # type: ignore[attr-defined]
    sol = solve_ivp(rhs, (0.0, t_max), y0, method="RK45", rtol=rtol, atol=atol, events=event)
    if sol.t_events[0].size:
        return float(sol.t_events[0][0])
    return math.inf
