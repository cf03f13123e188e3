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
   values at the box corners), and so are boxes where some combination of
   the equations has one sign at every corner (the origin outside the
   convex hull of the corner values); boxes holding exactly one solution are
   proven with Krawczyk's interval Newton test and refined by Newton's
   method. The search is compiled (:mod:`coopgame.equilibria._multiaffine`).
3. **Certification** (:mod:`coopgame.equilibria._certify`): in an exact
   game each solution is rounded to nearby rationals and checked exactly,
   in integer arithmetic over common denominators (regret exactly 0); an irrational solution is refined to 60
   digits and proven with Krawczyk's test and the best-reply inequalities in
   ball arithmetic (python-flint's ``arb``), then returned as floats. In a float game
   the solutions are floats with regret within the game's tolerance.

Why this method
    Measured against the implementations before it, in the same runs as
    Gambit's ``enumpoly_solve`` (``benchmarks/bench_nplayer.py`` prints the
    ratios): exact Gröbner bases with sympy on every profile took 16-300
    times as long and refused the larger example games; the same
    subdivision written as batched numpy calls was certified and complete
    but 5-40 times slower on small games, where the fixed cost of many small
    array calls dominated. The search is now compiled loops (numba), one
    call per batch of support profiles (across patterns of support sizes),
    and a candidate rational equilibrium is checked in integer arithmetic,
    an irrational one in ball arithmetic: faster than ``enumpoly`` on the
    small games and about thirty times faster where it takes seconds. The
    tests that cut the number of boxes most were measured too: the
    equations combined by the inverse Jacobian at the box's centre, whose
    exact range is over the box's corners (a tenth of the boxes on the
    largest profile of Gambit's 5x4x3 game), or by its left singular
    vectors when it is singular; any combination at all, found as the point
    of the corner values' convex hull nearest the origin (a sixth of the
    remaining boxes on 5x4x3, two fifths on 8x2x2); ranges on the box itself
    rather than on the widened box Krawczyk's test needs (half the boxes);
    boxes cut to the simplices (half again); and functions that vanish only
    on faces of the simplices (a fifth of the boxes of Gambit's coordination
    game). Homotopy continuation and resultants were not tried.

Degenerate games
    Where a support profile's solutions form a continuum (or a singular
    solution), the search ends with small undecided boxes. From them,
    Gauss-Newton steps reach points of the solution set that also satisfy
    the best-reply conditions they would violate (so they end where such a
    condition binds: the ends of a segment of equilibria, or a singular
    equilibrium pinned by one); those that are equilibria are returned
    (exact when a rational point is found, otherwise floats), at least one
    per connected group of boxes, and the list is marked partial
    (``is_complete=False``) with a note naming those supports. So a game
    never comes back empty. Undecided boxes from which only points that are
    no equilibria are reached (on the boundary of the simplices, or with a
    gain from deviating) are taken to hold none, which is not a proof; when
    from some group of them no solution is reached at all, the list is
    marked partial too, and the note says so. The most common case is
    handled exactly: where one player mixes and the others play pure
    actions, the equilibria of the profile form a polytope (the others'
    best-reply conditions are linear in the mixing player's probabilities),
    and its vertices are listed instead, exactly.

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
from bisect import bisect_right
from fractions import Fraction
from functools import cached_property, lru_cache
from itertools import combinations, product
from typing import Any

import numpy as np

from coopgame._checks import check_real, public
from coopgame._numeric import TOLERANCE, exact_solve
from coopgame.equilibria import _certify, _multiaffine
from coopgame.equilibria.result import Equilibrium, sort_equilibria
from coopgame.errors import DegenerateGameWarning, SolverLimitError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.normal_form import NormalFormGame
from coopgame.results import Solutions

__all__ = ["MAX_SECONDS", "estimated_seconds", "support_polynomial"]

#: Default budget (seconds, estimated before starting) of :func:`support_polynomial`.
MAX_SECONDS = 60.0

#: Estimated seconds per unit of work in :func:`estimated_seconds`: measured on a 2-core machine, 1.8e-6 to
#: 8.4e-6 on random integer games taking 0.1 to 8 s (3x3x3x3, 2**7, 4x4x4, 4x4x4x2, 5x5x4, 5x5x5), rounded up.
_SECONDS_PER_UNIT = 1e-5

#: Estimated fixed seconds per support size pattern (its arrays are made once per compiled call).
_SECONDS_PER_PATTERN = 1e-3

_METHOD = "support_polynomial"

_ZERO = Fraction(0)

#: Support profiles per kernel call at first (doubled while calls stay short, halved when they are long).
_CHUNK = 64

#: Seconds per unit of box work assumed when the time left bounds the boxes of a call: about what a box of
#: nine unknowns costs, measured; a box of D unknowns counts max(1, 2**(D - 9)) units (the corner test grows
#: like 2**D beyond that).
_SECONDS_PER_BOX = 2e-5

#: A solution whose Jacobian's smallest singular value is below this (relative) is singular: on a
#: continuum or a multiple root. Not the payoff tolerance: a rank decision on the scaled system.
_SINGULAR = 1e-7

#: A point reached on a continuum is kept when its regret is within this many times the game's float
#: tolerance (the points are solutions to rounding, not refined to a proof).
_CONTINUUM_SLACK = 10.0

#: An isolated solution is certified only when its regret is within this many times the game's float
#: tolerance (a coarse filter, applied by the search, before any exact work).
_ROOT_SLACK = 1e3

#: Largest number of linear systems (choices of tight inequalities) solved for the vertices of a polytope of
#: equilibria (one player mixing); beyond it the support is treated like any continuum.
_MAX_VERTEX_SYSTEMS = 5000

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
    ``2 ** D`` for ``D`` unknowns, times its number of payoff entries. That
    counts only for *balanced* profiles, where no player's support has more
    actions beyond its first than the other players' supports together
    (``k_p - 1 <= D - (k_p - 1)``): in the others, a player's indifference
    conditions outnumber the unknowns they depend on, so a generic game has
    no solution there and the search leaves them early, and they count by
    their payoff entries alone. The sum over all profiles (in Python
    integers) is scaled by a constant measured on random integer games, with
    room to spare: a pessimistic figure for generic games (pruning usually
    discards most profiles).

    Examples
    --------
    >>> from coopgame.equilibria.polynomial import MAX_SECONDS, estimated_seconds
    >>> estimated_seconds((2, 2, 2)) < 0.1, estimated_seconds((12, 2, 2)) < MAX_SECONDS
    (True, True)
    >>> estimated_seconds((7, 7, 7)) > MAX_SECONDS
    True
    """
    return _estimate(tuple(int(m) for m in shape))


@lru_cache(maxsize=256)
def _estimate(shape: tuple[int, ...]) -> float:
    units = 0
    patterns = 0
    for sizes in product(*(range(1, m + 1) for m in shape)):
        count = math.prod(math.comb(m, k) for m, k in zip(shape, sizes))
        dim = sum(k - 1 for k in sizes)
        entries = sum(m * math.prod(k for q, k in enumerate(sizes) if q != p) for p, m in enumerate(shape))
        balanced = all(2 * (k - 1) <= dim for k in sizes)
        units += count * (2 ** dim if balanced else 1) * entries // 64
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
        listed (the vertices, where one player mixes and the continuum is a
        polytope), ``is_complete`` is False and ``note`` names the supports.

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
    shape = game.shape
    estimate = estimated_seconds(shape)
    if estimate > budget:
        text = "x".join(map(str, shape))
        raise SolverLimitError(
            f"{where}: expected an estimated running time of at most max_seconds={budget:g}, got about "
            f"{estimate:,.0f} s for a {text} game; pass a larger max_seconds= to accept the work; or use "
            "pure_equilibria(game) for all pure equilibria")
    U = np.array(game.float_payoffs).reshape(len(shape), -1)  # a copy: scaled in place
    scale = float(np.abs(U).max()) or 1.0
    U /= scale  # the search works on payoffs scaled to max |u| = 1
    dims = np.array(shape, dtype=np.int64)
    strides = np.array([math.prod(shape[p + 1:]) for p in range(len(shape))], dtype=np.int64)
    verifier = _Verifier(game)
    # the largest gain from deviating at a point of a continuum that is still examined (scaled payoffs):
    # _continuum_point's float filter
    regret = _CONTINUUM_SLACK * game.float_tolerance / scale
    # the largest such gain at an isolated solution that is still certified (the coarse filter before exact work)
    root_regret = _ROOT_SLACK * game.float_tolerance / scale
    found: dict[tuple, Equilibrium] = {}
    float_found: list[Equilibrium] = []
    continua: list[tuple[tuple[int, ...], ...]] = []
    polytopes: list[tuple[tuple[int, ...], ...]] = []
    unfinished: list[tuple[tuple[int, ...], ...]] = []
    open_: list[tuple[tuple[int, ...], ...]] = []
    _multiaffine.compile_kernels()  # before the clock starts: compiling is not the game's work
    deadline = time.monotonic() + budget
    skipped = 0
    choices, subs, sub0, sizes, first = _tables(shape)
    starts = first.tolist()
    total = starts[-1]
    start, chunk = 0, _CHUNK
    while start < total:
        if time.monotonic() > deadline:  # the estimate was wrong (a degenerate game): stop, say so
            skipped += total - start
            break
        stop = min(total, start + chunk)
        began = time.monotonic()
        # the deadline is checked between calls; within one, the boxes all its profiles may examine together
        # are bounded by the time left (a profile stopped there is reported as unfinished). Until the time
        # runs out the result does not depend on the machine's speed.
        units = min(2.0 ** 62, max(1.0, (deadline - began) / _SECONDS_PER_BOX))
        roots, root_pid, points, point_pid, gone, undecided, _ = _multiaffine.solve_range(
            U, dims, strides, subs, sub0, sizes, first, start, stop, _multiaffine.MAX_BOXES, units, regret,
            root_regret)
        chunk = max(1, chunk * 2 if time.monotonic() - began < 0.05 else chunk // 2)
        start = stop
        for pid, y in zip(root_pid, roots):
            supports = _profile(int(pid), starts, choices)
            eq = verifier.accept(supports, y[:sum(len(s) - 1 for s in supports)])
            if eq is not None:
                _record(eq, found, float_found)
        unfinished.extend(_profile(int(pid), starts, choices) for pid in gone)
        open_.extend(_profile(int(pid), starts, choices) for pid in undecided)
        for pid in (np.unique(point_pid) if len(point_pid) else ()):
            supports = _profile(int(pid), starts, choices)
            vertices = verifier.polytope_vertices(supports)
            if vertices is not None:  # one player mixes: the equilibria form a polytope, listed by its vertices
                if len(vertices) > 1:
                    polytopes.append(supports)
                eqs = vertices
            else:
                ys = points[point_pid == pid, :sum(len(s) - 1 for s in supports)]
                eqs, singular = _continuum_points(verifier, (U, dims, strides), supports, ys)
                if singular:
                    continua.append(supports)
            for eq in eqs:
                _record(eq, found, float_found)
    degenerate = []
    if polytopes:
        degenerate.append(f"on the support profile(s) {_listed(polytopes)} (actions numbered from 1) one player mixes "
                          "and its equilibria form a polytope, listed by its vertices (every equilibrium there is a "
                          "convex combination of them)")
    if continua:
        degenerate.append(f"the support profile(s) {_listed(continua)} (actions numbered from 1) carry a continuum of "
                          "equilibria or a singular one, of which one point per group met is listed")
    notes = []
    if degenerate:
        notes.append(f"the game is degenerate: {'; '.join(degenerate)}; so the list is partial")
        warnings.warn(f"{where}: {notes[0]}", DegenerateGameWarning, stacklevel=2)
    if skipped:
        notes.append(f"the time budget max_seconds={budget:g} ran out: {skipped:,} support profile(s) were not "
                     "examined, so equilibria may be missing")
    if unfinished:
        notes.append(f"the search stopped at its budget of boxes on the support profile(s) {_listed(unfinished)} "
                     "(actions numbered from 1), which may hold equilibria not listed")
    if open_:
        notes.append(f"on the support profile(s) {_listed(open_)} (actions numbered from 1) the search left boxes "
                     "it could not decide and reached no solution of the indifference conditions from them; they "
                     "may hold singular equilibria not listed")
    note = "; ".join(notes)
    out = list(found.values()) + _distinct(float_found, list(found.values()))
    is_exact = game.is_exact and all(eq.is_exact for eq in out)
    return Solutions(sort_equilibria(out), method=where, is_exact=is_exact,
                     is_complete=not (polytopes or continua or unfinished or open_ or skipped), note=note)


@lru_cache(maxsize=16)
def _tables(shape: tuple[int, ...]) -> tuple[list[tuple[tuple[tuple[int, ...], ...], ...]], np.ndarray, np.ndarray,
                                              np.ndarray, np.ndarray]:
    """The support profiles of a game of this shape as the compiled search numbers them.

    Size patterns in :func:`itertools.product` order, each pattern's profiles
    numbered consecutively from ``first[t]`` (mixed radix over each player's
    subsets, lexicographic, the last player fastest). Returns each pattern's
    subsets per player, then the arrays :func:`_multiaffine.solve_range`
    takes: every player's subsets of every size as rows of ``subs`` (player
    ``p``'s of size ``s`` from row ``sub0[p, s]``), the patterns' sizes, and
    ``first``. Kept for repeated calls on games of one shape (never modified).
    """
    n = len(shape)
    subsets = [[()] + [tuple(combinations(range(m), size)) for size in range(1, m + 1)] for m in shape]
    subs = np.zeros((sum(2 ** m - 1 for m in shape), max(shape)), dtype=np.int64)
    sub0 = np.zeros((n, max(shape) + 2), dtype=np.int64)
    row = 0
    for p, m in enumerate(shape):
        for size in range(1, m + 1):
            sub0[p, size] = row
            for c in subsets[p][size]:
                subs[row, :size] = c
                row += 1
        sub0[p, m + 1] = row
    patterns = list(product(*(range(1, m + 1) for m in shape)))
    choices = [tuple(subsets[p][size] for p, size in enumerate(sizes)) for sizes in patterns]
    first = np.zeros(len(patterns) + 1, dtype=np.int64)
    first[1:] = np.cumsum([math.prod(len(c) for c in choice) for choice in choices])
    return choices, subs, sub0, np.array(patterns, dtype=np.int64), first


def _profile(pid: int, starts: list[int], choices: list[tuple[tuple[tuple[int, ...], ...], ...]]
             ) -> tuple[tuple[int, ...], ...]:
    """The support profile numbered ``pid`` over all size patterns (:func:`_tables`; ``starts`` is ``first``)."""
    t = bisect_right(starts, pid) - 1
    return _supports(pid - starts[t], choices[t])


def _supports(pid: int, choices: tuple[tuple[tuple[int, ...], ...], ...]) -> tuple[tuple[int, ...], ...]:
    """The support profile numbered ``pid`` in mixed radix over each player's subsets (the last fastest)."""
    idx = []
    for c in reversed(choices):
        idx.append(pid % len(c))
        pid //= len(c)
    return tuple(c[i] for c, i in zip(choices, reversed(idx)))


def _listed(profiles: list[tuple[tuple[int, ...], ...]], shown: int = 6) -> str:
    """The first ``shown`` support profiles for a note (actions numbered from 1), and how many more."""
    more = f" and {len(profiles) - shown} more" if len(profiles) > shown else ""
    return "; ".join(_name(sup) for sup in profiles[:shown]) + more


def _name(supports: tuple[tuple[int, ...], ...]) -> str:
    return str(tuple(tuple(int(a) + 1 for a in s) for s in supports))


def _record(eq: Equilibrium, found: dict[tuple, Equilibrium], float_found: list[Equilibrium]) -> None:
    if eq.is_exact:
        found.setdefault(tuple((v.numerator, v.denominator) for s in eq.strategies for v in s), eq)
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


def _convergent(x: float, bound: int) -> Fraction:
    """The last convergent of the continued fraction of ``x`` (its exact binary value) with denominator at most
    ``bound``: every fraction ``p/q`` with ``|x - p/q| < 1/(2 q**2)`` is one (Legendre), so a rational
    solution with a small denominator is recovered from its float. Cheaper than
    :meth:`~fractions.Fraction.limit_denominator`, which also weighs the semiconvergents."""
    num, den = x.as_integer_ratio()
    p0, q0, p1, q1 = 0, 1, 1, 0
    while den:
        a, rest = divmod(num, den)
        if a * q1 + q0 > bound:
            break
        p0, q0, p1, q1 = p1, q1, a * p1 + p0, a * q1 + q0
        num, den = den, rest
    return Fraction(p1, q1)


class _Verifier:
    """Checks of candidate equilibria of one game, with its payoffs prepared once.

    Float checks use each player's payoffs with the player's own axis first.
    In an exact game the payoffs are also kept as integers over one common
    denominator per player, so that checking a rational profile needs
    integer arithmetic only: with each player's probabilities over a common
    denominator, an action's value against the others is an integer over a
    known denominator, and the profile is an equilibrium when every support
    action attains the largest value (regret exactly 0).
    """

    def __init__(self, game: NormalFormGame) -> None:
        self.game = game
        self.is_exact = game.is_exact
        self.strides = [math.prod(game.shape[p + 1:]) for p in range(game.num_players)]
        self.denominators: list[int] = []
        self.numerators: list[list[int]] = []  # each player's payoffs times its denominator, flat (C order)
        if game.is_exact:
            for a in game.payoffs:
                values = a.reshape(-1).tolist()  # Fractions
                den = math.lcm(*(v.denominator for v in values))
                self.denominators.append(den)
                self.numerators.append([v.numerator * (den // v.denominator) for v in values])

    @cached_property
    def moved(self) -> list[np.ndarray]:
        """Each player's float payoffs with its own axis first (made when a float check first needs them)."""
        return [np.moveaxis(U, p, 0) for p, U in enumerate(self.game.float_payoffs)]

    def exact_equilibrium(self, supports: tuple[tuple[int, ...], ...], point: list[Fraction]) -> Equilibrium | None:
        """The equilibrium with these supports at the rational ``point``, or None (some probability not positive,
        or some regret positive)."""
        game = self.game
        n = game.num_players
        strides = self.strides
        dens, weights = [], []  # each player's common denominator and integer weights on its support
        k = 0
        for s in supports:
            block = point[k:k + len(s) - 1]
            k += len(s) - 1
            den = math.lcm(*(v.denominator for v in block))
            row = [v.numerator * (den // v.denominator) for v in block]
            row.insert(0, den - sum(row))
            if min(row) <= 0:
                return None
            dens.append(den)
            weights.append(row)
        common = math.prod(dens)
        payoffs = []
        for p in range(n):
            # the others' support profiles: flat offset and product of weights
            terms = [(0, 1)]
            for q in range(n):
                if q != p:
                    terms = [(o + a * strides[q], w * v) for o, w in terms for a, v in zip(supports[q], weights[q])]
            flat, step = self.numerators[p], strides[p]
            values = [sum([w * flat[o + b * step] for o, w in terms]) for b in range(game.shape[p])]
            best = max(values)
            if any(values[a] != best for a in supports[p]):
                return None
            payoffs.append(Fraction(best, self.denominators[p] * (common // dens[p])))
        vectors = []
        for p, s in enumerate(supports):
            vec = [_ZERO] * game.shape[p]
            for a, w in zip(s, weights[p]):
                vec[a] = Fraction(w, dens[p])
            vectors.append(np.array(vec, dtype=object))
        return Equilibrium._trusted(game, vectors, np.array(payoffs, dtype=object), method=_METHOD)

    def float_profile(self, supports: tuple[tuple[int, ...], ...], y: Any,
                      slack: float) -> tuple[list[np.ndarray], np.ndarray] | None:
        """The float profile at ``y`` and its payoffs when every regret is within ``slack`` times the game's tolerance."""
        probs = _probabilities(supports, [float(v) for v in y], 1.0)
        # probabilities live in [0, 1]: an absolute tolerance (see coopgame._numeric)
        if any(v <= TOLERANCE for row in probs for v in row):
            return None
        vectors = _vectors(self.game.shape, supports, probs, 0.0)
        vectors = [v / v.sum() for v in vectors]
        n = len(vectors)
        payoffs = np.empty(n)
        limit = slack * self.game.float_tolerance
        for p, T in enumerate(self.moved):
            for q in reversed(range(n)):
                if q != p:
                    T = T @ vectors[q]
            payoffs[p] = T @ vectors[p]
            if T.max() - payoffs[p] > limit:
                return None
        return vectors, payoffs

    def float_equilibrium(self, supports: tuple[tuple[int, ...], ...], y: Any, slack: float = 1.0) -> Equilibrium | None:
        found = self.float_profile(supports, y, slack)
        return None if found is None else Equilibrium._trusted(self.game, found[0], found[1], method=_METHOD)

    def accept(self, supports: tuple[tuple[int, ...], ...], y: np.ndarray) -> Equilibrium | None:
        """The certified equilibrium at an isolated solution ``y`` of a support profile, or None."""
        if not self.is_exact:
            return self.float_equilibrium(supports, y)
        # the search passed only points within _ROOT_SLACK times the tolerance of an equilibrium
        eq = self.exact_equilibrium(supports, [_convergent(float(v), _DENOMINATORS[0]) for v in y])
        if eq is not None or not len(y):  # a pure profile is settled by the exact check
            return eq
        system = _certify.ExactSystem(list(self.game.payoffs), supports)
        refined = _certify.refine(system, y)
        if refined is None:
            return None
        z, inverse = refined
        eq = self.exact_equilibrium(supports, _certify.rational_point(system, z, _DENOMINATORS[1]))
        if eq is not None:
            return eq
        if not _certify.interval_proof(system, z, inverse):
            return None
        return self.float_equilibrium(supports, [float(v) for v in z])

    def polytope_vertices(self, supports: tuple[tuple[int, ...], ...]) -> list[Equilibrium] | None:
        """The equilibria at the vertices of the polytope of equilibria on a support profile where one player mixes.

        With the others' actions fixed, the mixing player ``p`` earns the
        same from every action of its support (or the profile holds no
        equilibrium), and each other player's best-reply conditions are
        linear in ``p``'s mix ``x``. So the equilibria in the profile's
        closure are the polytope ``{x >= 0, sum x = 1, G x <= 0}``. Its
        vertices solve ``k - 1`` of the inequalities as equations together
        with ``sum x = 1`` (``k`` the support's size): each choice is solved
        exactly and kept when feasible. A vertex where some ``x_a = 0`` is an
        equilibrium with a smaller support. Each is verified like any
        candidate (exactly in an exact game). None when more or fewer than
        one player mixes, or the choices exceed :data:`_MAX_VERTEX_SYSTEMS`.
        """
        mixing = [p for p, s in enumerate(supports) if len(s) > 1]
        if len(mixing) != 1:
            return None
        p = mixing[0]
        S = supports[p]
        k = len(S)
        payoffs = self.game.payoffs if self.is_exact else self.game.float_payoffs
        rows: list[list[Fraction]] = [[Fraction(-int(a == b)) for b in range(k)] for a in range(k)]  # -x_a <= 0
        profiles = []  # the pure profiles where p plays each action of its support
        for a in S:
            at = [t[0] for t in supports]
            at[p] = a
            profiles.append(at)
        for q, s in enumerate(supports):
            if q == p:
                continue
            for b in range(self.game.shape[q]):
                if b == s[0]:
                    continue
                row = []
                for at in profiles:  # q's gain from deviating to b when p plays each action
                    dev = list(at)
                    dev[q] = b
                    row.append(Fraction(payoffs[q][tuple(dev)]) - Fraction(payoffs[q][tuple(at)]))
                rows.append(row)
        if math.comb(len(rows), k - 1) > _MAX_VERTEX_SYSTEMS:
            return None
        vertices: dict[tuple[Fraction, ...], Equilibrium] = {}
        for tight in combinations(range(len(rows)), k - 1):
            x = exact_solve([*(rows[i] for i in tight), [Fraction(1)] * k], [Fraction(0)] * (k - 1) + [Fraction(1)])
            if x is None or tuple(x) in vertices or any(sum(r * v for r, v in zip(row, x)) > 0 for row in rows):
                continue
            played = tuple(a for a, v in zip(S, x) if v > 0)
            reduced = tuple(played if q == p else s for q, s in enumerate(supports))
            weights = [v for v in x if v > 0][1:]
            eq = (self.exact_equilibrium(reduced, weights) if self.is_exact
                  else self.float_equilibrium(reduced, [float(v) for v in weights], slack=_CONTINUUM_SLACK))
            if eq is not None:
                vertices[tuple(x)] = eq
        return list(vertices.values())

    def continuum_point(self, supports: tuple[tuple[int, ...], ...], y: np.ndarray) -> Equilibrium | None:
        """An equilibrium at (or rounded from) a point ``y`` of a continuum: exact when a simple rounding is one."""
        candidate = self.float_equilibrium(supports, y, slack=_CONTINUUM_SLACK)
        if candidate is None or not self.is_exact:
            return candidate
        for bound in (10, 100, 1000, 10 ** 6):
            point = [Fraction(float(v)).limit_denominator(bound) for v in y]
            # a cheap float check first: most roundings are not equilibria
            if self.float_profile(supports, [float(v) for v in point], slack=_ROOT_SLACK) is None:
                continue
            eq = self.exact_equilibrium(supports, point)
            if eq is not None:
                return eq
        return candidate


def _continuum_points(verifier: _Verifier, payoffs: tuple[np.ndarray, np.ndarray, np.ndarray],
                      supports: tuple[tuple[int, ...], ...], points: np.ndarray) -> tuple[list[Equilibrium], bool]:
    """Equilibria at the points a support profile's search reached from its undecided boxes, one per neighbourhood.

    ``payoffs`` is the scaled search problem ``(U, shape, strides)``. Also
    says whether one of them is a singular solution (a rank-deficient
    Jacobian: a continuum, or a multiple root); a regular one is isolated and
    merely needed smaller boxes than the search allows.
    """
    system = _multiaffine.profile_system(*payoffs, supports)
    eqs: list[Equilibrium] = []
    singular = False
    for y in points:
        eq = verifier.continuum_point(supports, y)
        if eq is None:
            continue
        eqs.append(eq)
        # singular values relative to the largest (payoffs are scaled to max |u| = 1)
        _, J = _multiaffine.point_values(system, y)
        sv = np.linalg.svd(J, compute_uv=False) if J.shape[1] else np.ones(1)
        singular |= bool(sv.min() <= _SINGULAR * max(1.0, sv.max()))
    # groups cut apart by the search (boxes discarded between them) give nearby points: keep one per
    # neighbourhood of radius _NEAR
    kept: list[Equilibrium] = []
    for eq in sorted(eqs, key=lambda e: not e.is_exact):
        z = np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies])
        if len(kept) < _MAX_POINTS and all(
                np.abs(z - np.concatenate([np.asarray(v, dtype=float) for v in k.strategies])).max() > _NEAR
                for k in kept):
            kept.append(eq)
    return kept, singular


def _distinct(eqs: list[Equilibrium], exact: list[Equilibrium]) -> list[Equilibrium]:
    """Float equilibria with near-duplicates (max norm within ``10 * TOLERANCE``) removed, also of ``exact`` ones."""
    kept: list[Equilibrium] = list(exact)
    for eq in eqs:
        z = np.concatenate([np.asarray(s, dtype=float) for s in eq.strategies])
        if not any(np.abs(z - np.concatenate([np.asarray(s, dtype=float) for s in k.strategies])).max()
                   <= 10 * TOLERANCE for k in kept):
            kept.append(eq)
    return kept[len(exact):]
