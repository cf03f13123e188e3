"""Nash equilibria of N-player games: support enumeration, subdivision with Krawczyk's test, certification.

For every support profile (one non-empty set of actions per player) the
equilibria whose supports are exactly those sets solve the indifference
conditions: every action in a player's support earns the same against the
others' mixed strategies. The unknowns are each player's probabilities on
its support (the first eliminated through ``sum = 1``); each equation is
multi-affine (of degree at most 1 in each unknown). The steps:

1. **Pruning** (Porter, Nudelman and Shoham 2008): a profile is dropped
   when, against the other players' supports, some support action is beaten
   everywhere by another action, or two support actions can never earn the
   same.
2. **Isolation** (the method of Gambit's ``enumpoly``; McKelvey and McLennan
   1996): the unit box of the unknowns is subdivided; boxes where some
   equation cannot vanish, or some outside action earns more everywhere,
   are discarded using exact ranges of the multi-affine functions (their
   values at the box corners); boxes holding exactly one solution are
   proven with Krawczyk's interval Newton test and refined by Newton's
   method. All profiles with the same support sizes are processed together
   in batched numpy calls (:mod:`coopgame.equilibria._multiaffine`).
3. **Certification** (:mod:`coopgame.equilibria._certify`): in an exact
   game each solution is rounded to nearby rationals and checked in
   Fractions (regret exactly 0); an irrational solution is refined to 60
   digits and proven with Krawczyk's test and the best-reply inequalities in
   interval arithmetic (mpmath.iv), then returned as floats. In a float game
   the solutions are floats with regret within the game's tolerance.

Why this method
    Measured against the previous implementation (exact Gröbner bases with
    sympy on every profile), which took 16-300 times as long as Gambit's
    ``enumpoly_solve`` and refused its larger example games: subdivision
    with exact multi-affine ranges is certified, handles every game size
    ``enumpoly`` handles, and is faster than ``enumpoly`` on the games where
    it takes seconds, but still 5-40 times slower on the smallest ones,
    where a fixed cost per support pattern dominates (the benchmark
    ``benchmarks/bench_nplayer.py`` prints the ratios). Homotopy
    continuation and resultants (python-flint) were not tried.

Degenerate games
    Where a support profile's solutions form a continuum (or a singular
    solution), the search ends with small undecided boxes. From them,
    Gauss-Newton steps reach points of the solution set; those that are
    equilibria are returned (exact when a rational point is found, otherwise
    floats), at least one per connected group of boxes, and the list is
    marked partial (``is_complete=False``) with a note naming those supports.
    So a game never comes back empty.

Size
    The running time is estimated before any work from the number of support
    profiles and their dimensions; above ``max_seconds`` (default
    :data:`MAX_SECONDS`) the function refuses with
    :class:`~coopgame.SolverLimitError`. The same budget bounds the time
    actually spent: a degenerate game whose continua take longer than
    estimated is stopped there, and the list returned is marked partial
    with a note saying which support profiles were left.
"""

from __future__ import annotations

import math
import time
import warnings
from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np

from coopgame._checks import check_real, public
from coopgame._numeric import TOLERANCE
from coopgame.equilibria import _certify, _multiaffine
from coopgame.equilibria.result import Equilibrium, sort_equilibria
from coopgame.errors import DegenerateGameWarning, SolverLimitError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.normal_form import NormalFormGame
from coopgame.results import Solutions

__all__ = ["MAX_SECONDS", "estimated_seconds", "support_polynomial"]

#: Default budget (seconds, estimated before starting) of :func:`support_polynomial`.
MAX_SECONDS = 60.0

#: Estimated seconds per unit of work in :func:`estimated_seconds` (measured on a 2-core machine).
_SECONDS_PER_UNIT = 2e-5

#: Estimated fixed seconds per support size pattern (one batched search).
_SECONDS_PER_PATTERN = 5e-3

_METHOD = "support_polynomial"

#: Undecided boxes of one support profile examined at most (evenly sampled beyond that).
_MAX_UNDECIDED = 256

#: A solution whose Jacobian's smallest singular value is below this (relative) is singular: on a
#: continuum or a multiple root. Not the payoff tolerance: a rank decision on the scaled system.
_SINGULAR = 1e-7

#: Gauss-Newton starting points per group of undecided boxes.
_STARTS = 8

#: Points listed at most per support profile carrying a continuum.
_MAX_POINTS = 3

#: Points of one continuum closer than this (probabilities, max norm) are listed once.
_NEAR = 0.25

#: Denominators tried when rounding a solution to rationals: first from the float point, then from
#: the point refined to 60 digits.
_DENOMINATORS = (10 ** 6, 10 ** 24)


def estimated_seconds(shape: tuple[int, ...]) -> float:
    """A rough estimate of :func:`support_polynomial`'s running time on a game of this shape.

    The work of a support profile grows with the number of its box corners,
    ``2 ** D`` for ``D`` unknowns, times its number of payoff entries; the
    sum over all profiles (in Python integers) is scaled by a constant
    measured on the benchmark games. A pessimistic figure for generic games
    (pruning usually discards most profiles).
    """
    units = 0
    patterns = 0
    for sizes in product(*(range(1, m + 1) for m in shape)):
        count = math.prod(math.comb(m, k) for m, k in zip(shape, sizes))
        dim = sum(k - 1 for k in sizes)
        entries = sum(m * math.prod(k for q, k in enumerate(sizes) if q != p) for p, m in enumerate(shape))
        units += count * (2 ** dim) * entries // 64
        patterns += 1
    return units * _SECONDS_PER_UNIT + patterns * _SECONDS_PER_PATTERN


@public
def support_polynomial(game: GameLike, *, max_seconds: float = MAX_SECONDS) -> Solutions[Any]:
    """All isolated Nash equilibria of a game with any number of players, certified.

    Enumerates support profiles, prunes them by conditional dominance,
    isolates the solutions of each profile's indifference conditions by
    subdivision with Krawczyk's test, and certifies each equilibrium (see the
    module documentation).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (two-player games are better served by
        :func:`~coopgame.equilibria.vertices.vertex_enumeration`).
    max_seconds : float, default :data:`MAX_SECONDS` (60)
        Budget for the running time: the estimate (:func:`estimated_seconds`)
        is checked before any work, and the search stops when the time
        actually spent exceeds it (degenerate games can take longer than
        estimated), returning what it found marked partial.

    Returns
    -------
    Solutions of Equilibrium
        All isolated equilibria (all equilibria of a generic game), sorted,
        each with method ``"support_polynomial"``. In an exact game rational
        equilibria are exact (regret exactly 0) and irrational ones are
        floats proven in interval arithmetic to lie within ``10**-30`` of an
        equilibrium; float games give floats with regret within the game's
        tolerance. When some support profile carries a continuum of
        equilibria (or a singular one), at least one point of each group is
        listed, ``is_complete`` is False and ``note`` names the supports.

    Warns
    -----
    DegenerateGameWarning
        When some support profile carries a continuum or a singular solution.

    Raises
    ------
    SolverLimitError
        When the estimated running time exceeds ``max_seconds``.

    Examples
    --------
    Jordan's three-player matching pennies (player 1 wants to match player 2,
    player 2 to match player 3, player 3 to mismatch player 1) has one
    equilibrium, with everyone mixing equally:

    >>> import numpy as np
    >>> from coopgame.games.normal_form import NormalFormGame
    >>> from coopgame.equilibria.polynomial import support_polynomial
    >>> match = lambda a, b: np.where(a == b, 1, -1)
    >>> i, j, k = np.indices((2, 2, 2))
    >>> game = NormalFormGame([match(i, j), match(j, k), -match(k, i)], exact=True)
    >>> support_polynomial(game)
    [Equilibrium(Player 1: 1/2 1 + 1/2 2; Player 2: 1/2 1 + 1/2 2; Player 3: 1/2 1 + 1/2 2; payoffs 0, 0, 0)]
    """
    where = _METHOD
    game = as_normal_form(game, where)
    budget = check_real(max_seconds, "max_seconds", where, minimum=0)
    shape = tuple(int(m) for m in game.shape)
    estimate = estimated_seconds(shape)
    if estimate > budget:
        text = "x".join(map(str, shape))
        raise SolverLimitError(
            f"{where}: expected an estimated running time of at most max_seconds={budget:g}, got about "
            f"{estimate:,.0f} s for a {text} game; pass a larger max_seconds= to accept the work; or use "
            "pure_equilibria(game) for all pure equilibria")
    floats = [np.asarray(a, dtype=float) for a in game.float_payoffs]
    scale = max(float(np.abs(a).max()) for a in floats) or 1.0  # search on payoffs scaled to max |u| = 1
    scaled = [a / scale for a in floats]
    exact_payoffs = list(game.payoffs) if game.is_exact else None
    found: dict[tuple, Equilibrium] = {}
    float_found: list[Equilibrium] = []
    continua: list[tuple[tuple[int, ...], ...]] = []
    unfinished: list[tuple[tuple[int, ...], ...]] = []
    deadline = time.monotonic() + budget
    skipped = 0
    for sizes in product(*(range(1, m + 1) for m in shape)):
        if time.monotonic() > deadline:  # the estimate was wrong (a degenerate game): stop, say so
            skipped += math.prod(math.comb(m, k) for m, k in zip(shape, sizes))
            continue
        system = _multiaffine.SupportSystem.build(scaled, sizes)
        keep = _multiaffine.prune(system)
        if not keep.any():
            continue
        system = system.take(keep)
        iso = _multiaffine.isolate(system, deadline=deadline)
        for s, y in zip(iso.root_sid, iso.roots):
            eq = _accept(game, system.supports[int(s)], y, exact_payoffs)
            if eq is not None:
                _record(eq, found, float_found)
        unfinished.extend(system.supports[int(s)] for s in np.unique(iso.exhausted))
        if len(iso.undecided_sid) and time.monotonic() <= deadline:
            eqs, singular = _continuum_points(game, system, iso, exact_payoffs, deadline)
            continua.extend(singular)
            for eq in eqs:
                _record(eq, found, float_found)
    note = ""
    if continua:
        named = "; ".join(_name(sup) for sup in continua[:6])
        more = f" and {len(continua) - 6} more" if len(continua) > 6 else ""
        note = (f"the game is degenerate: the support profile(s) {named}{more} (actions numbered from 1) carry a "
                "continuum of equilibria or a singular one; one point of each group met is listed, so the list "
                "is partial")
        warnings.warn(f"{where}: {note}", DegenerateGameWarning, stacklevel=2)
    if skipped:
        note = (note + "; " if note else "") + (
            f"the time budget max_seconds={budget:g} ran out: {skipped:,} support profile(s) were not examined, "
            "so equilibria may be missing")
    if unfinished:
        named = "; ".join(_name(sup) for sup in unfinished[:6])
        more = f" and {len(unfinished) - 6} more" if len(unfinished) > 6 else ""
        note = (note + "; " if note else "") + (
            f"the search stopped at its budget of boxes on the support profile(s) {named}{more} (actions numbered "
            "from 1), which may hold equilibria not listed")
    out = list(found.values()) + _distinct(float_found, list(found.values()))
    is_exact = game.is_exact and all(eq.is_exact for eq in out)
    return Solutions(sort_equilibria(out), method=where, is_exact=is_exact, is_complete=not (continua or unfinished or skipped),
                     note=note)


def _name(supports: tuple[tuple[int, ...], ...]) -> str:
    return str(tuple(tuple(int(a) + 1 for a in s) for s in supports))


def _record(eq: Equilibrium, found: dict[tuple, Equilibrium], float_found: list[Equilibrium]) -> None:
    if eq.is_exact:
        found.setdefault(tuple(v for s in eq.strategies for v in s), eq)
    else:
        float_found.append(eq)


def _vectors(shape: tuple[int, ...], supports: tuple[tuple[int, ...], ...], probs: list[list[Any]], zero: Any) -> list[np.ndarray]:
    out = []
    for p, s in enumerate(supports):
        vec = np.array([zero] * shape[p], dtype=object if isinstance(zero, Fraction) else float)
        for a, v in zip(s, probs[p]):
            vec[a] = v
        out.append(vec)
    return out


def _probabilities(supports: tuple[tuple[int, ...], ...], y: Any, one: Any) -> list[list[Any]]:
    probs, k = [], 0
    for s in supports:
        block = list(y[k:k + len(s) - 1])
        k += len(s) - 1
        first = one
        for v in block:
            first = first - v
        probs.append([first, *block])
    return probs


def _exact_equilibrium(game: NormalFormGame, supports: tuple[tuple[int, ...], ...], point: list[Fraction]) -> Equilibrium | None:
    probs = _probabilities(supports, point, Fraction(1))
    if any(v <= 0 for row in probs for v in row):
        return None
    vectors = _vectors(game.shape, supports, probs, Fraction(0))
    eq = Equilibrium._trusted(game, vectors, method=_METHOD)
    return eq if eq.max_regret() == 0 else None


def _float_equilibrium(game: NormalFormGame, supports: tuple[tuple[int, ...], ...], y: Any, slack: float = 1.0) -> Equilibrium | None:
    probs = _probabilities(supports, [float(v) for v in y], 1.0)
    # probabilities live in [0, 1]: an absolute tolerance (see coopgame._numeric)
    if any(v <= TOLERANCE for row in probs for v in row):
        return None
    vectors = _vectors(game.shape, supports, probs, 0.0)
    vectors = [v / v.sum() for v in vectors]
    if _float_regret(game, vectors) > slack * game.float_tolerance:
        return None
    return Equilibrium._trusted(game, vectors, method=_METHOD)


def _float_regret(game: NormalFormGame, vectors: list[np.ndarray]) -> float:
    """The largest regret of a float profile, computed on the game's float payoffs."""
    worst = 0.0
    n = game.num_players
    for p, U in enumerate(game.float_payoffs):
        T = np.moveaxis(U, p, 0)
        for q in reversed([q for q in range(n) if q != p]):
            T = T @ vectors[q]
        worst = max(worst, float(T.max() - T @ vectors[p]))
    return worst


def _accept(game: NormalFormGame, supports: tuple[tuple[int, ...], ...], y: np.ndarray,
            exact_payoffs: list[np.ndarray] | None) -> Equilibrium | None:
    """The certified equilibrium at an isolated solution ``y`` of a support profile, or None."""
    if _float_equilibrium(game, supports, y, slack=1e3) is None:  # a coarse filter before any exact work
        return None
    if exact_payoffs is None:
        return _float_equilibrium(game, supports, y)
    eq = _exact_equilibrium(game, supports, [Fraction(float(v)).limit_denominator(_DENOMINATORS[0]) for v in y])
    if eq is not None:
        return eq
    if not len(y):  # a pure profile that is not an equilibrium in exact arithmetic
        return None
    system = _certify.ExactSystem(exact_payoffs, supports)
    z = _certify.refine(system, y)
    if z is None:
        return None
    eq = _exact_equilibrium(game, supports, _certify.rational_point(system, z, _DENOMINATORS[1]))
    if eq is not None:
        return eq
    if not _certify.interval_proof(system, z):
        return None
    return _float_equilibrium(game, supports, [float(v) for v in z])


def _continuum_points(game: NormalFormGame, system: _multiaffine.SupportSystem, iso: _multiaffine.Isolation,
                      exact_payoffs: list[np.ndarray] | None, deadline: float) -> tuple[list[Equilibrium], list[Any]]:
    """Equilibria reached from the undecided boxes of a batch: at least one per group of touching boxes.

    Also lists the support profiles where such an equilibrium is a singular
    solution (a rank-deficient Jacobian: a continuum, or a multiple root); a
    regular one is isolated and merely needed smaller boxes than the search
    allows. All starting points of the batch take their Gauss-Newton steps
    together.
    """
    starts, owners, group_of = [], [], []
    for s in np.unique(iso.undecided_sid):
        pick = iso.undecided_sid == s
        lo, hi = iso.undecided_lo[pick], iso.undecided_hi[pick]
        if len(lo) > _MAX_UNDECIDED:  # a search stopped by its budget: sample the boxes it left
            keep = np.linspace(0, len(lo) - 1, _MAX_UNDECIDED).astype(int)
            lo, hi = lo[keep], hi[keep]
        for g, members in enumerate(_groups(lo, hi)):
            centres = (lo[members] + hi[members]) / 2
            if len(centres) > _STARTS:
                centres = centres[np.linspace(0, len(centres) - 1, _STARTS).astype(int)]
            starts.append(centres)
            owners.extend([int(s)] * len(centres))
            group_of.extend([(int(s), g)] * len(centres))
    sid = np.array(owners, dtype=np.intp)
    points, residual = _multiaffine.gauss_newton(system, sid, np.concatenate(starts))
    _, J, _ = _multiaffine.evaluate(system, sid, points)
    done: set[tuple[int, int]] = set()
    by_support: dict[int, list[Equilibrium]] = {}
    singular: list[Any] = []
    for k, (y, res) in enumerate(zip(points, residual)):
        s = owners[k]
        if (group_of[k] in done or not res < TOLERANCE or len(by_support.get(s, ())) >= _MAX_POINTS
                or time.monotonic() > deadline):
            continue
        eq = _continuum_point(game, system.supports[s], y, exact_payoffs)
        if eq is None:
            continue
        done.add(group_of[k])
        by_support.setdefault(s, []).append(eq)
        # singular values relative to the largest (payoffs are scaled to max |u| = 1)
        sv = np.linalg.svd(J[k], compute_uv=False) if J.shape[1] else np.ones(1)
        if sv.min() <= _SINGULAR * max(1.0, sv.max()) and system.supports[s] not in singular:
            singular.append(system.supports[s])
    # groups cut apart by the search (boxes discarded between them) give nearby points: keep one per
    # neighbourhood of radius _NEAR
    kept: list[Equilibrium] = []
    for eqs in by_support.values():
        mine: list[Equilibrium] = []
        for eq in sorted(eqs, key=lambda e: not e.is_exact):
            z = np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies])
            if len(mine) < _MAX_POINTS and all(
                    np.abs(z - np.concatenate([np.asarray(v, dtype=float) for v in k.strategies])).max() > _NEAR
                    for k in mine):
                mine.append(eq)
        kept.extend(mine)
    return kept, singular


def _continuum_point(game: NormalFormGame, supports: tuple[tuple[int, ...], ...], y: np.ndarray,
                     exact_payoffs: list[np.ndarray] | None) -> Equilibrium | None:
    candidate = _float_equilibrium(game, supports, y, slack=10.0)
    if candidate is None or exact_payoffs is None:
        return candidate
    for bound in (10, 100, 1000, 10 ** 6):
        point = [Fraction(float(v)).limit_denominator(bound) for v in y]
        # a cheap float check first: most roundings are not equilibria
        if _float_equilibrium(game, supports, [float(v) for v in point], slack=1e3) is None:
            continue
        eq = _exact_equilibrium(game, supports, point)
        if eq is not None:
            return eq
    return candidate


def _groups(lo: np.ndarray, hi: np.ndarray) -> list[np.ndarray]:
    """Indices of boxes grouped by touching (union-find on overlapping closed boxes)."""
    count = len(lo)
    if count > 4000:  # too many to compare pairwise: group by a coarse grid instead
        keys = np.floor((lo + hi) / 2 * 16).astype(int)
        _, labels = np.unique(keys, axis=0, return_inverse=True)
        return [np.flatnonzero(labels.reshape(-1) == k) for k in range(labels.max() + 1)]
    slack = 1e-12
    touch = np.asarray(((lo[:, None, :] <= hi[None, :, :] + slack)
                        & (lo[None, :, :] <= hi[:, None, :] + slack)).all(axis=2))
    labels = -np.ones(count, dtype=int)
    current = 0
    for start in range(count):
        if labels[start] >= 0:
            continue
        stack = [start]
        labels[start] = current
        while stack:
            i = stack.pop()
            for j in np.flatnonzero(touch[i] & (labels < 0)):
                labels[j] = current
                stack.append(int(j))
        current += 1
    return [np.flatnonzero(labels == k) for k in range(current)]


def _distinct(eqs: list[Equilibrium], exact: list[Equilibrium]) -> list[Equilibrium]:
    """Float equilibria with near-duplicates (max norm within ``10 * TOLERANCE``) removed, also of ``exact`` ones."""
    kept: list[Equilibrium] = list(exact)
    for eq in eqs:
        z = np.concatenate([np.asarray(s, dtype=float) for s in eq.strategies])
        if not any(np.abs(z - np.concatenate([np.asarray(s, dtype=float) for s in k.strategies])).max()
                   <= 10 * TOLERANCE for k in kept):
            kept.append(eq)
    return kept[len(exact):]
