"""Basins of attraction of the replicator dynamics, and the time to reach an attractor.

The attractors come from the one attractor finder
(:func:`~coopgame.dynamics.attraction.attractors`). :func:`basins` integrates
many starts at once with a fixed-step fourth-order Runge-Kutta scheme on the
stacked states (:func:`~coopgame.dynamics.integration.settle`, no per-start
solver call) and records which attractor each start reaches (first enters
the max-norm ball of radius ``tol`` around it). :func:`time_to_reach`
integrates one start with :func:`scipy.integrate.solve_ivp` and an event.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._checks import (
    check_bool,
    check_choice,
    check_int,
    check_real,
    check_seed,
    check_size,
    public,
)
from coopgame._numeric import TOLERANCE, readonly
from coopgame.dynamics.attraction import MAX_PROFILES, MAX_SUPPORT_STRATEGIES, find_attractors, split_state
from coopgame.dynamics.field import ReplicatorField
from coopgame.dynamics.integration import ATOL, RTOL, integrate, settle
from coopgame.dynamics.population import PopulationGame
from coopgame.dynamics.states import is_flat_vector, read_state
from coopgame.errors import InvalidArgumentError, SolverLimitError
from coopgame.games.coerce import GameLike
from coopgame.results import ArrayResult

__all__ = ["MAX_STARTS", "MAX_WORK", "Basins", "basins", "time_to_reach"]

#: Default largest number of starts :func:`basins` integrates at once.
MAX_STARTS = 1_000_000
#: Default largest estimated work of :func:`basins` (about a minute of integration).
MAX_WORK = 10 ** 10
# the cost of one evaluation of the field that does not grow with the starts, per pair of populations, in payoff
# terms (measured: numpy's call overhead dominates small stacks of many-role games)
_OVERHEAD = 10_000
#: Default grid resolution by the dimension of the state space (sum over populations of strategies - 1).
_DEFAULT_GRID = {1: 100, 2: 40, 3: 16}


def _spread(field: ReplicatorField) -> float:
    """Largest spread (max minus min) of a population's payoffs: the field's rates scale with it."""
    if field.population_game is not None:
        # estimated on fixed random states (deterministic: this sets only the step size)
        rng = np.random.default_rng(0)
        sample = np.hstack([rng.dirichlet(np.ones(m), size=256) for m in field.sizes])
        return max(float(u.max() - u.min()) for u in field.payoffs(sample))
    if field.populations == "single":
        return float(field.A.max() - field.A.min())
    assert field.game is not None
    return max(float(a.max() - a.min()) for a in field.game.float_payoffs)


def _default_t_max(spread: float) -> float:
    return 1000.0 / spread if spread > 0 else 1000.0


def _work(field: ReplicatorField, starts: int, steps: int) -> int:
    """Estimated work of integrating ``starts`` states over ``steps`` Runge-Kutta steps (Python integers)."""
    per_state = field.dim * field.dim if field.populations == "single" else len(field.sizes) * math.prod(field.sizes)
    return steps * 4 * (starts * per_state + _OVERHEAD * len(field.sizes) ** 2)


def _name(field: ReplicatorField, vec: np.ndarray) -> str:
    parts = [vec[lo:hi] for lo, hi in field.bounds]
    names = []
    for p, v in enumerate(parts):
        acts = field.actions[p]
        top = int(np.argmax(v))
        if abs(v[top] - 1.0) <= TOLERANCE:
            names.append(acts[top])
        else:
            names.append("(" + ", ".join(f"{w:.3g} {a}" for w, a in zip(v, acts) if w > TOLERANCE) + ")")
    if field.populations == "single":
        return names[0]
    return "(" + ", ".join(names) + ")"


# ---------------------------------------------------------------------------------------- starts
def _simplex_lattice(m: int, n: int) -> np.ndarray:
    """Interior points of the simplex with ``m`` vertices whose coordinates are multiples of ``1/n``."""
    rows = []
    for cuts in itertools.combinations(range(1, n), m - 1):
        edges = (0,) + cuts + (n,)
        rows.append([edges[i + 1] - edges[i] for i in range(m)])
    return np.array(rows, dtype=float).reshape(-1, m) / n


def _grid_starts(field: ReplicatorField, n: int) -> np.ndarray:
    blocks = [_simplex_lattice(m, n) for m in field.sizes]
    index = np.array(list(itertools.product(*(range(len(b)) for b in blocks))), dtype=int).reshape(-1, len(blocks))
    return np.hstack([b[index[:, k]] for k, b in enumerate(blocks)])


def _count_grid(sizes: Sequence[int], n: int) -> int:
    return math.prod(math.comb(n - 1, m - 1) for m in sizes)


# ---------------------------------------------------------------------------------------- result
@public
@dataclass(frozen=True, eq=False)
class Basins(ArrayResult):
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
    >>> from coopgame.dynamics.basin_estimates import basins
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

    def _index(self, which: Any, method: str) -> int:
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
                    if flat.shape == target.shape and np.abs(flat - target).max() <= TOLERANCE:  # shares: absolute
                        return k
        raise InvalidArgumentError(
            f"Basins.{method}: expected an attractor name in {list(self.names)}, an index below "
            f"{len(self.attractors)} or an attractor's state, got {which!r}")

    @public
    def share(self, which: Any) -> float:
        """Share of the basin of one attractor, named by its label, index or state.

        A name that is not among the attractors (an action that attracts
        nothing, say) raises :class:`~coopgame.errors.InvalidArgumentError`.
        """
        return float(self.shares[self._index(which, "share")])

    @public
    def standard_error(self, which: Any) -> float | None:
        """Standard error of :meth:`share` (None for a grid)."""
        if self.standard_errors is None:
            return None
        return float(self.standard_errors[self._index(which, "standard_error")])

    @public
    def mask(self, which: Any) -> np.ndarray:
        """Boolean array over the starts: True where the start reached the given attractor."""
        return self.outcome == self._index(which, "mask")

    @public
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


@public
def basins(game: GameLike | PopulationGame, *, grid: int | None = None, samples: int | None = None, seed: Any = None,
           t_max: float | None = None, tol: float = 1e-4, dt: float | None = None,
           populations: str = "auto", attractors: Sequence[Any] | None = None, max_starts: int = MAX_STARTS,
           max_work: int = MAX_WORK, max_strategies: int = MAX_SUPPORT_STRATEGIES,
           max_profiles: int = MAX_PROFILES, progress: bool = False) -> Basins:
    """Estimate the basins of attraction of the replicator dynamics on a grid or from random starts.

    Every start is integrated (all at once, by a fixed-step fourth-order
    Runge-Kutta scheme on the stacked states) until it comes within ``tol``
    (in the max norm over all shares) of an attractor, or until ``t_max``.
    Shares are fractions of the starts, which estimate the fraction of the
    state space (uniform measure on each simplex) in each basin.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, sequence of payoff arrays or PopulationGame
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
        one per role) or action labels; default
        :func:`~coopgame.dynamics.attraction.attractors` of the game.
    max_starts : int, default ``MAX_STARTS`` (10**6)
        Largest number of starts.
    max_work : int, default ``MAX_WORK`` (10**10, about a minute)
        Largest estimated work: Runge-Kutta steps times the payoff terms
        of four evaluations of the field on all starts (``N * prod(sizes)``
        per start for ``N`` roles), plus a fixed cost per evaluation. An
        upper bound: starts that settle stop early. Larger runs are
        refused before any integration; use fewer starts, a larger ``dt``
        or a shorter ``t_max``.
    max_strategies, max_profiles : int
        The limits of the attractor search, as in
        :func:`~coopgame.dynamics.attraction.attractors`.
    progress : bool, default False
        Show a progress bar (tqdm) over the integration steps.

    Returns
    -------
    Basins

    Raises
    ------
    InvalidArgumentError
        Both or bad ``grid`` and ``samples``, a bad ``tol``, ``t_max`` or ``dt``.
    SolverLimitError
        More than ``max_starts`` starts, more than ``max_work`` work, or an
        attractor search over too large a game.

    Examples
    --------
    A coordinator's subsidy ``s`` on joining the joint project (Stag) moves
    the mixed rest point of the stag hunt from ``x* = 2/3`` to
    ``(2 - s)/3`` and enlarges the basin of cooperation (claim C9):

    >>> import coopgame as cg
    >>> from coopgame import models
    >>> from coopgame.dynamics.basin_estimates import basins
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
    populations = check_choice(populations, "populations", where, ("auto", "single", "multi"))
    field = ReplicatorField(game, populations=populations, where=where)
    if grid is not None and samples is not None:
        raise InvalidArgumentError(f"{where}: expected grid or samples, not both (got grid={grid!r}, "
                                   f"samples={samples!r})")
    max_starts = check_int(max_starts, "max_starts", where, minimum=1)
    max_work = check_int(max_work, "max_work", where, minimum=1)
    max_strategies = check_int(max_strategies, "max_strategies", where, minimum=1)
    max_profiles = check_int(max_profiles, "max_profiles", where, minimum=1)
    rng = check_seed(seed, where)
    tol = check_real(tol, "tol", where, minimum=0, open_min=True, maximum=0.5, open_max=True)
    spread = _spread(field)
    t_max = _default_t_max(spread) if t_max is None else check_real(t_max, "t_max", where, minimum=0, open_min=True)
    default_dt = 0.1 / spread if spread > 0 else 1.0
    dt = min(default_dt, t_max) if dt is None else check_real(dt, "dt", where, minimum=0, open_min=True)
    if samples is not None:
        samples = check_int(samples, "samples", where, minimum=1)
        count = samples
    else:
        if grid is None:
            grid = _DEFAULT_GRID.get(field.tangent_dim, 8)
        largest = max(field.sizes)
        grid = check_int(grid, "grid", where, minimum=largest)
        count = _count_grid(field.sizes, grid)
    check_size(where, count, max_starts, what="the number of starts", limit_name="max_starts",
               alternative="a coarser grid or fewer samples")
    ratio = t_max / dt
    if not math.isfinite(ratio):       # t_max / dt beyond any float: far above every work budget
        raise SolverLimitError(f"{where}: expected the estimated work (Runge-Kutta steps x payoff terms per step) "
                               f"of at most max_work={max_work:,}, got t_max / dt beyond the range of a float "
                               f"(t_max={t_max!r}, dt={dt!r}); use a larger dt or a shorter t_max")
    steps = max(1, math.ceil(ratio))
    check_size(where, _work(field, count, steps), max_work,
               what="the estimated work (Runge-Kutta steps x payoff terms per step)", limit_name="max_work",
               alternative="fewer starts, a larger dt or a shorter t_max")
    if samples is not None:
        points = np.hstack([rng.dirichlet(np.ones(m), size=samples) for m in field.sizes])
        method, resolution = "samples", samples
    else:
        assert grid is not None
        points = _grid_starts(field, grid)
        method, resolution = "grid", grid
    if attractors is None:
        found = find_attractors(field, where, max_strategies=max_strategies, max_profiles=max_profiles,
                                alternative="attractors=[...] given explicitly")
    else:
        if isinstance(attractors, (str, bytes)) or not isinstance(attractors, Sequence):
            raise InvalidArgumentError(f"{where}: expected attractors as a sequence of states, got {attractors!r}")
        found = [read_state(field, a, where, "an attractor") for a in attractors]
    targets = np.array(found, dtype=float).reshape(-1, field.dim)
    if len(targets):
        bar = _progress(progress, steps, where)
        try:
            outcome, times, finals = settle(field, points, targets, t_max, dt, tol, bar)
        finally:
            if bar is not None:
                bar.close()
    else:  # nothing attracts (cycles, continua): every start is unresolved; no need to integrate
        outcome, times, finals = np.full(len(points), -1), np.full(len(points), np.inf), np.array(points)
    K = len(points)
    shares = np.array([np.count_nonzero(outcome == k) / K for k in range(len(found))])
    ses = np.sqrt(shares * (1 - shares) / K) if method == "samples" else None
    return Basins(
        points=readonly(points),
        outcome=readonly(outcome),
        attractors=tuple(split_state(field, v) for v in found),
        names=tuple(_name(field, v) for v in found),
        shares=readonly(shares),
        unresolved=float(np.count_nonzero(outcome < 0) / K),
        standard_errors=None if ses is None else readonly(ses),
        settle_times=readonly(times),
        finals=readonly(finals),
        sizes=field.sizes,
        labels=field.labels,
        players=field.players,
        actions=field.actions,
        populations=field.populations,
        method=method,
        resolution=resolution,
        seed=seed if not isinstance(seed, np.random.Generator) else "Generator",
        t_max=float(t_max),
        tol=float(tol),
        dt=float(dt),
    )


def _progress(progress: Any, steps: int, where: str) -> Any:
    if not check_bool(progress, "progress", where):
        return None
    from tqdm.auto import tqdm

    return tqdm(total=steps, desc=where, unit="step")


# ---------------------------------------------------------------------------------------- time to reach
@public
def time_to_reach(game: GameLike | PopulationGame, x0: Any, target: Any, *, radius: float = 0.01, t_max: float | None = None,
                  populations: str | None = None, rtol: float = RTOL, atol: float = ATOL) -> float:
    """Time at which the replicator trajectory from ``x0`` enters the neighbourhood of ``target``.

    The neighbourhood is the max-norm ball ``max_k |x_k - target_k| <= radius``
    over all strategy shares: for one population with two strategies and a
    pure target, ``radius=0.01`` means "the target's share is at least 0.99".

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, sequence of payoff arrays or PopulationGame
        No free parameters.
    x0 : mixed profile or one vector
        As in :func:`~coopgame.dynamics.trajectory.replicator`: one
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
    rtol, atol : float
        Error tolerances of the integrator, passed to :func:`scipy.integrate.solve_ivp`.

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
    >>> from coopgame.dynamics.basin_estimates import time_to_reach
    >>> stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    >>> round(time_to_reach(stag, [0.8, 0.2], "Stag"), 3)         # until x >= 0.99
    4.218
    >>> paid = stag.apply(cg.Subsidy(0, "Stag", 1), cg.Subsidy(1, "Stag", 1))
    >>> round(time_to_reach(paid, [0.8, 0.2], "Stag"), 3)         # faster with a subsidy
    1.797
    >>> time_to_reach(stag, [0.5, 0.5], "Stag")                   # in the basin of Hare
    inf
    """
    where = "time_to_reach"
    if populations is None:
        populations = "single" if is_flat_vector(x0) and not isinstance(game, PopulationGame) else "multi"
    else:
        populations = check_choice(populations, "populations", where, ("single", "multi"))
    field = ReplicatorField(game, populations=populations, where=where)
    radius = check_real(radius, "radius", where, minimum=0, open_min=True)
    rtol = check_real(rtol, "rtol", where, minimum=0, open_min=True)
    atol = check_real(atol, "atol", where, minimum=0, open_min=True)
    t_max = (_default_t_max(_spread(field)) if t_max is None
             else check_real(t_max, "t_max", where, minimum=0, open_min=True))
    y0 = read_state(field, x0, where, "x0")
    goal = read_state(field, target, where, "target")
    if np.abs(y0 - goal).max() <= radius:
        return 0.0

    def event(t: float, y: np.ndarray) -> float:
        return float(np.abs(y - goal).max() - radius)

    event.terminal = True  # type: ignore[attr-defined]
    event.direction = -1  # type: ignore[attr-defined]
    sol = integrate(field, y0, t_max, rtol=rtol, atol=atol, events=[event])
    if sol.t_events[0].size:
        return float(sol.t_events[0][0])
    return math.inf
