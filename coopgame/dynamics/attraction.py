"""The one attractor finder: the asymptotically stable rest points of the replicator dynamics.

Candidates are rest points; each is classified by the one classifier of
linearisations (:func:`~coopgame.dynamics.linearisation.linearise`) applied
to the Jacobian of the one field
(:meth:`~coopgame.dynamics.field.ReplicatorField.jacobian`), so
:func:`attractors`, :func:`~coopgame.dynamics.basin_estimates.basins` and
:func:`~coopgame.dynamics.linear_stability.stability` agree. The candidates
depend on the dynamics:

- one population playing a symmetric two-player game (row matrix ``A``):
  the rest points found by support enumeration (every stable one is a Nash
  equilibrium: a strict symmetric equilibrium, a hawk-dove mixture);
- one population per role: the pure profiles (in multi-population
  replicator dynamics a rest point is asymptotically stable iff it is a
  strict equilibrium; Ritzberger and Weibull 1995, Hofbauer and Sigmund
  1998, section 10.4), so mixed points never attract;
- a :class:`~coopgame.dynamics.population.PopulationGame` (payoffs that are
  functions of the state): every rest point of
  :func:`~coopgame.dynamics.fixed_points.rest_points` (with a dynamic
  penalty an interior point can attract).
"""

from __future__ import annotations

import itertools
import math
import warnings
from fractions import Fraction

import numpy as np

from coopgame._checks import check_int, check_size, public
from coopgame._numeric import exact_solve, readonly, scaled_tolerance
from coopgame.dynamics.field import ReplicatorField
from coopgame.dynamics.fixed_points import rest_points
from coopgame.dynamics.linearisation import linearise
from coopgame.dynamics.population import PopulationGame
from coopgame.errors import DegenerateGameWarning
from coopgame.games.coerce import GameLike

__all__ = ["MAX_PROFILES", "MAX_SUPPORT_STRATEGIES", "attractors", "find_attractors", "one_population_rest_points"]

#: Default largest number of strategies of one population whose rest points are enumerated (2**m supports).
MAX_SUPPORT_STRATEGIES = 12
#: Default largest number of pure profiles searched for attractors of multi-population dynamics.
MAX_PROFILES = 1_000_000

# not the tolerance policy: the rank test and the positivity margin of the float support systems, which only
# propose candidates (their class comes from linearise)
_RANK, _POSITIVE = 1e-10, 1e-12


def one_population_rest_points(field: ReplicatorField, where: str, *, warn: bool = True,
                               max_strategies: int = MAX_SUPPORT_STRATEGIES,
                               alternative: str = "") -> list[tuple[np.ndarray, str, np.ndarray]]:
    """Isolated rest points of one-population dynamics with their class and eigenvalues on the simplex.

    ``alternative`` is what the size refusal suggests instead (the caller's own option, if it has one).
    """
    A = field.A
    m = A.shape[0]
    check_size(where, m, max_strategies, what="the number of strategies (the search visits 2**m supports)",
               limit_name="max_strategies", alternative=alternative)
    A_exact = field._A_exact
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
            if np.linalg.matrix_rank(M, tol=_RANK * max(1.0, np.abs(M).max())) < k + 1:
                sol = np.linalg.lstsq(M, rhs, rcond=None)[0]
                if np.abs(M @ sol - rhs).max() <= scaled_tolerance(np.abs(M).max()):
                    degenerate = True        # a line (or more) of solutions: not isolated
                continue                     # otherwise no rest point with this support
            xs = np.linalg.solve(M, rhs)[:k]
            if (xs <= _POSITIVE).any():
                continue
            x: np.ndarray
            if A_exact is not None:          # exact games: the point and its class in Fractions
                rows = [[A_exact[i, j] for j in S] + [Fraction(-1)] for i in S] + [[Fraction(1)] * k + [Fraction(0)]]
                exact = exact_solve(rows, [Fraction(0)] * k + [Fraction(1)])
                if exact is None or any(v <= 0 for v in exact[:k]):
                    continue
                x = np.array([Fraction(0)] * m, dtype=object)
                x[S] = exact[:k]
            else:
                x = np.zeros(m)
                x[S] = xs
            lin = linearise(field.jacobian(x), x.dtype == object)
            found.append((np.asarray(x, dtype=float), lin.classification, lin.eigenvalues))
    if degenerate and warn:
        warnings.warn(f"{where}: the game may have continua of rest points (a singular support system); "
                      "only isolated rest points are used",
                      DegenerateGameWarning, stacklevel=4)
    return found


def _corner_candidates(field: ReplicatorField, where: str, max_profiles: int, alternative: str) -> list[tuple[int, ...]]:
    """Pure profiles where no role can gain by more than a generous margin (a cheap necessary condition)."""
    assert field.game is not None
    shape = field.game.shape
    check_size(where, math.prod(shape), max_profiles, what="the number of pure profiles",
               limit_name="max_profiles", alternative=alternative)
    arrays = field.game.float_payoffs
    slack = 10 * scaled_tolerance(max(float(np.abs(a).max()) for a in arrays))
    ok = np.ones(shape, dtype=bool)
    for p, a in enumerate(arrays):
        ok &= a >= a.max(axis=p, keepdims=True) - slack
    return [tuple(int(i) for i in idx) for idx in np.argwhere(ok)]


def find_attractors(field: ReplicatorField, where: str, *, max_strategies: int = MAX_SUPPORT_STRATEGIES,
                    max_profiles: int = MAX_PROFILES, alternative: str = "") -> list[np.ndarray]:
    """The attractors of ``field`` as flat float states (all shares side by side).

    ``alternative`` is what a size refusal suggests instead (the caller's own option, if it has one).
    """
    if field.population_game is not None:
        found = []
        for point in rest_points(field.population_game):
            jac = field.jacobian(np.concatenate([np.asarray(v) for v in point]))
            if linearise(jac, jac.dtype == object).classification == "stable":
                found.append(np.concatenate([np.asarray(v, dtype=float) for v in point]))
        return found
    if field.populations == "single":
        return [x for x, kind, _ in one_population_rest_points(field, where, max_strategies=max_strategies,
                                                                 alternative=alternative)
                if kind == "stable"]
    found = []
    exact = field.is_exact
    for profile in _corner_candidates(field, where, max_profiles, alternative):
        x = np.array([Fraction(0)] * field.dim, dtype=object) if exact else np.zeros(field.dim)
        for (lo, _), k in zip(field.bounds, profile):
            x[lo + k] = 1
        jac = field.jacobian(x)
        if linearise(jac, jac.dtype == object).classification == "stable":
            found.append(np.asarray(x, dtype=float))
    return found


@public
def attractors(game: GameLike | PopulationGame, *, populations: str = "auto", max_strategies: int = MAX_SUPPORT_STRATEGIES,
               max_profiles: int = MAX_PROFILES) -> list[tuple[np.ndarray, ...]]:
    """The asymptotically stable rest points of the replicator dynamics of ``game``.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, sequence of payoff arrays or PopulationGame
        No free parameters.
    populations : {"auto", "single", "multi"}, default "auto"
        ``"single"``: one population playing a symmetric two-player game
        (row payoffs ``A``); ``"multi"``: one population per role.
        ``"auto"`` takes ``"single"`` for symmetric two-player games and
        ``"multi"`` otherwise (always for a PopulationGame).
    max_strategies : int, default ``MAX_SUPPORT_STRATEGIES`` (12)
        One population: the largest number of strategies whose ``2**m``
        supports are searched.
    max_profiles : int, default ``MAX_PROFILES`` (10**6)
        Several populations: the largest number of pure profiles searched.

    Returns
    -------
    list of tuple of numpy.ndarray
        Each attractor as a tuple of probability vectors (one vector for one
        population, one per role otherwise): the rest points (one
        population: from support enumeration; several populations: the pure
        profiles; a PopulationGame: from
        :func:`~coopgame.dynamics.fixed_points.rest_points`) classified
        ``"stable"`` by the classifier that :func:`~coopgame.dynamics.linear_stability.stability` uses.

    Raises
    ------
    SolverLimitError
        More than ``max_strategies`` strategies (one population) or
        ``max_profiles`` pure profiles (several populations).

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.dynamics import attractors
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
    max_strategies = check_int(max_strategies, "max_strategies", where, minimum=1)
    max_profiles = check_int(max_profiles, "max_profiles", where, minimum=1)
    field = ReplicatorField(game, populations=populations, where=where)
    found = find_attractors(field, where, max_strategies=max_strategies, max_profiles=max_profiles)
    return [split_state(field, v) for v in found]


def split_state(field: ReplicatorField, vec: np.ndarray) -> tuple[np.ndarray, ...]:
    """A flat state as one read-only float probability vector per population."""
    return tuple(readonly(np.array(vec[lo:hi], dtype=float)) for lo, hi in field.bounds)
