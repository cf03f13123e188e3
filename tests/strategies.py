"""Hypothesis generators for coopgame's domain objects, and the helpers that compare their results.

The generators (all ``@st.composite`` strategies) draw

* :func:`games` -- N-player :class:`coopgame.NormalFormGame` s, float or exact;
* :func:`bimatrix_games` -- two-player games, optionally *degenerate* (small
  integer payoffs in a tiny range so that ties are common) or *generic*
  (payoffs from a continuous distribution, non-degenerate with probability one);
* :func:`mixed_strategies` -- probability vectors, exact ones as Fractions
  summing to exactly 1;
* :func:`pd_payoffs` -- prisoner's-dilemma payoffs ``T > R > P > S``
  (optionally ``2R > T + S``);
* :func:`positive_affine` -- a positive affine map ``u -> a u + b`` (``a > 0``);
* :func:`tu_games` -- transferable-utility games, optionally superadditive.

The generators are themselves tested in ``tests/test_strategies.py``.

The helpers below them turn equilibria into comparable keys, compute regrets
independently of coopgame (so that a property test does not check coopgame
against itself), and compare float equilibrium sets within a tolerance.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st

import coopgame as cg

__all__ = [
    "games",
    "bimatrix_games",
    "generic_bimatrix_games",
    "mixed_strategies",
    "mixed_profiles",
    "pd_payoffs",
    "positive_affine",
    "permutations_of",
    "tu_games",
    "AffineMap",
    "exact_key",
    "exact_set",
    "float_rows",
    "same_float_set",
    "independent_regrets",
    "has_payoff_tie",
]

#: Integer payoff range of degenerate games: 0..DEGENERATE_HIGH (inclusive).
DEGENERATE_HIGH = 2


# --------------------------------------------------------------------------- payoffs
def _entries(exact: bool, low: int = -10, high: int = 10) -> st.SearchStrategy:
    """One payoff entry: a Fraction (small numerator and denominator) or a finite float."""
    if exact:
        return st.builds(
            Fraction,
            st.integers(min_value=low * 4, max_value=high * 4),
            st.sampled_from([1, 1, 1, 2, 3, 4]),
        )
    return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False, width=64)


def _array(draw, shape: tuple[int, ...], entries: st.SearchStrategy) -> np.ndarray:
    size = math.prod(shape)
    values = draw(st.lists(entries, min_size=size, max_size=size))
    dtype = object if values and isinstance(values[0], Fraction) else float
    return np.array(values, dtype=dtype).reshape(shape)


@st.composite
def games(
    draw,
    num_players: int | st.SearchStrategy[int] = st.integers(min_value=1, max_value=4),
    min_actions: int = 1,
    max_actions: int = 3,
    exact: bool | None = None,
    max_profiles: int = 64,
    payoff_range: tuple[int, int] = (-10, 10),
) -> cg.NormalFormGame:
    """An N-player game.

    Parameters
    ----------
    num_players : int or strategy of int
    min_actions, max_actions : int
        Range of each player's number of actions.
    exact : bool or None
        True: Fraction payoffs (an exact game); False: float payoffs; None: either.
    max_profiles : int
        Upper bound on the number of pure profiles (the product of the shape);
        players' action counts are drawn in turn so that the bound holds.
    payoff_range : (low, high)
        Payoffs lie in [low, high].
    """
    n = num_players if isinstance(num_players, int) else draw(num_players)
    if exact is None:
        exact = draw(st.booleans())
    shape: list[int] = []
    for p in range(n):
        room = max_profiles // max(1, math.prod(shape)) // (min_actions ** (n - p - 1))
        top = max(min_actions, min(max_actions, room))
        shape.append(draw(st.integers(min_value=min_actions, max_value=top)))
    shape_t = tuple(shape)
    entries = _entries(exact, *payoff_range)
    arrays = [_array(draw, shape_t, entries) for _ in range(n)]
    return cg.NormalFormGame(arrays, exact=exact)


@st.composite
def bimatrix_games(
    draw,
    min_actions: int = 1,
    max_actions: int = 4,
    exact: bool | None = True,
    degenerate: bool = False,
    high: int = DEGENERATE_HIGH,
) -> cg.NormalFormGame:
    """A two-player game with ``min_actions..max_actions`` actions per player.

    ``degenerate=True`` draws integer payoffs in ``0..high`` (``high`` is 2 by
    default, at most 3 is sensible), so ties -- and therefore degenerate games
    with continua of equilibria -- are common. Otherwise payoffs are drawn as
    in :func:`games`. ``exact`` chooses Fractions (True), floats (False) or
    either (None).
    """
    if exact is None:
        exact = draw(st.booleans())
    m = draw(st.integers(min_value=min_actions, max_value=max_actions))
    n = draw(st.integers(min_value=min_actions, max_value=max_actions))
    if degenerate:
        entries = st.integers(min_value=0, max_value=high)
        arrays = [np.array(draw(st.lists(entries, min_size=m * n, max_size=m * n))).reshape(m, n) for _ in range(2)]
    else:
        arrays = [_array(draw, (m, n), _entries(exact)) for _ in range(2)]
    return cg.NormalFormGame(arrays, exact=exact)


@st.composite
def generic_bimatrix_games(
    draw, min_actions: int = 2, max_actions: int = 4, exact: bool = False
) -> cg.NormalFormGame:
    """A two-player game in general position (non-degenerate with probability one).

    Hypothesis shrinks drawn floats towards simple values (0, 1, ...), which
    makes ties and hence degenerate games; here only a seed is drawn and the
    payoffs come from a continuous distribution, so the game is non-degenerate
    whatever the seed. Exact games use integers below 10**9 from the same
    seed (ties then have probability below 1e-6 per game of this size).
    """
    m = draw(st.integers(min_value=min_actions, max_value=max_actions))
    n = draw(st.integers(min_value=min_actions, max_value=max_actions))
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rng = np.random.default_rng(seed)
    if exact:
        arrays = [rng.integers(0, 10**9, size=(m, n)) for _ in range(2)]
        return cg.NormalFormGame(arrays, exact=True)
    return cg.NormalFormGame([rng.uniform(-1, 1, size=(m, n)) for _ in range(2)])


# --------------------------------------------------------------------------- strategies
@st.composite
def mixed_strategies(draw, m: int, exact: bool = False, pure_ok: bool = True) -> np.ndarray:
    """A probability vector of length ``m``.

    Exact vectors are object arrays of Fractions summing to exactly 1; float
    vectors are float64 arrays summing to 1 up to rounding. With ``pure_ok``
    zeros (and pure strategies) are possible; otherwise every entry is positive.
    """
    low = 0 if pure_ok else 1
    weights = draw(st.lists(st.integers(min_value=low, max_value=20), min_size=m, max_size=m).filter(lambda w: sum(w) > 0))
    total = sum(weights)
    if exact:
        return np.array([Fraction(w, total) for w in weights], dtype=object)
    if draw(st.booleans()):
        # continuous weights too, so float vectors are not all rational with small denominators
        jitter = draw(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=m, max_size=m))
        w = np.array(weights, dtype=float) + np.array(jitter) * (np.array(weights) > 0)
        return w / w.sum()
    return np.array(weights, dtype=float) / total


@st.composite
def mixed_profiles(draw, game: cg.NormalFormGame, exact: bool | None = None) -> tuple[np.ndarray, ...]:
    """One probability vector per player of ``game`` (exact when the game is, unless told)."""
    if exact is None:
        exact = game.is_exact
    return tuple(draw(mixed_strategies(m, exact=exact)) for m in game.shape)


@st.composite
def pd_payoffs(draw, cooperation_efficient: bool = False, exact: bool = False,
               low: int = -20, high: int = 20) -> tuple[Any, Any, Any, Any]:
    """Prisoner's-dilemma payoffs ``(T, R, P, S)`` with ``T > R > P > S``.

    ``cooperation_efficient=True`` also requires ``2R > T + S`` (mutual
    cooperation beats taking turns to exploit each other). ``exact=True``
    gives Fractions with denominators up to 4; otherwise integers.
    """
    den = draw(st.sampled_from([1, 2, 3, 4])) if exact else 1
    s = draw(st.integers(min_value=low, max_value=high))
    p = s + draw(st.integers(min_value=1, max_value=10))
    r = p + draw(st.integers(min_value=1, max_value=10))
    # with cooperation_efficient: T - R < R - S, i.e. T < 2R - S
    top = r - s - 1 if cooperation_efficient else 10
    t = r + draw(st.integers(min_value=1, max_value=max(1, top)))
    values = (t, r, p, s)
    if exact:
        return tuple(Fraction(v, den) for v in values)  # type: ignore[return-value]
    return values


class AffineMap:
    """``u -> scale * u + shift`` with ``scale > 0``, on scalars and arrays (Fractions stay exact)."""

    def __init__(self, scale: Any, shift: Any) -> None:
        if not scale > 0:
            raise ValueError(f"AffineMap: expected a positive scale, got {scale!r}")
        self.scale = scale
        self.shift = shift

    def __call__(self, u: Any) -> Any:
        if isinstance(u, np.ndarray) and u.dtype == object:
            return np.array([self.scale * v + self.shift for v in u.reshape(-1)], dtype=object).reshape(u.shape)
        if isinstance(u, np.ndarray):
            return float(self.scale) * u + float(self.shift)
        return self.scale * u + self.shift

    def __repr__(self) -> str:
        return f"AffineMap({self.scale!r}, {self.shift!r})"


@st.composite
def positive_affine(draw, exact: bool = True) -> AffineMap:
    """A positive affine transformation ``u -> a u + b`` with ``a > 0``.

    Exact maps have Fraction coefficients (``a`` in ``[1/5, 5]``); float maps
    ``a`` in ``[0.1, 10]`` and ``b`` in ``[-10, 10]``.
    """
    if exact:
        a = Fraction(draw(st.integers(1, 5)), draw(st.integers(1, 5)))
        b = Fraction(draw(st.integers(-20, 20)), draw(st.integers(1, 4)))
        return AffineMap(a, b)
    a = draw(st.floats(min_value=0.1, max_value=10.0))
    b = draw(st.floats(min_value=-10.0, max_value=10.0))
    return AffineMap(a, b)


def permutations_of(m: int) -> st.SearchStrategy[list[int]]:
    """A permutation of ``range(m)``."""
    return st.permutations(list(range(m)))


@st.composite
def tu_games(draw, min_players: int = 1, max_players: int = 4, exact: bool = True,
             superadditive: bool = False) -> cg.TUGame:
    """A TU game on ``min_players..max_players`` players with worths in [0, 20].

    Exact games have Fraction worths (denominators up to 4), others floats.
    ``superadditive=True`` makes ``v(S | T) >= v(S) + v(T)`` for disjoint
    coalitions, by giving each coalition at least the best sum over its
    splits into two parts (coalitions are drawn by increasing size).
    """
    n = draw(st.integers(min_value=min_players, max_value=max_players))
    entries = (st.builds(Fraction, st.integers(0, 80), st.sampled_from([1, 2, 4])) if exact
               else st.floats(min_value=0, max_value=20, allow_nan=False, allow_infinity=False))
    worth: dict[frozenset[int], Any] = {frozenset(): Fraction(0) if exact else 0.0}
    for size in range(1, n + 1):
        for members in itertools.combinations(range(n), size):
            coalition = frozenset(members)
            value = draw(entries)
            if superadditive:
                splits = [worth[frozenset(part)] + worth[coalition - frozenset(part)]
                          for k in range(1, size) for part in itertools.combinations(members, k)]
                value = value + max(splits, default=0)
            worth[coalition] = value
    return cg.TUGame(n, {c: v for c, v in worth.items() if c})


# --------------------------------------------------------------------------- helpers
def exact_key(strategies: Sequence[Sequence[Any]]) -> tuple[tuple[Fraction, ...], ...]:
    """A profile as a hashable tuple of tuples of Fractions (pygambit's Rationals are Fractions)."""
    return tuple(tuple(Fraction(v) for v in s) for s in strategies)


def exact_set(equilibria: Iterable[Any]) -> set[tuple[tuple[Fraction, ...], ...]]:
    """The set of exact profiles of a list of Equilibrium objects (or of profiles)."""
    return {exact_key(getattr(e, "strategies", e)) for e in equilibria}


def float_rows(equilibria: Iterable[Any]) -> list[np.ndarray]:
    """Each profile (Equilibrium or tuple of vectors) flattened to one float vector."""
    return [np.concatenate([np.asarray(s, dtype=float).reshape(-1) for s in getattr(e, "strategies", e)])
            for e in equilibria]


def same_float_set(first: Iterable[Any], second: Iterable[Any], tol: float = 1e-8) -> bool:
    """True when the two collections of profiles match one to one within ``tol`` (max norm).

    Matching is greedy over a distance matrix, so near-duplicates cannot make
    two sets of different sizes look equal.
    """
    a, b = float_rows(first), float_rows(second)
    if len(a) != len(b):
        return False
    used: set[int] = set()
    for x in a:
        match = next((j for j, y in enumerate(b) if j not in used and x.shape == y.shape
                      and float(np.abs(x - y).max()) <= tol), None)
        if match is None:
            return False
        used.add(match)
    return True


def independent_regrets(payoffs: Sequence[np.ndarray], strategies: Sequence[Sequence[Any]]) -> list[Any]:
    """Each player's regret computed from scratch by summing over all pure profiles.

    Written without coopgame (plain loops over ``itertools.product``) so that
    property tests check coopgame against a second implementation. Works in
    Fractions when payoffs and strategies are Fractions, in floats otherwise.
    """
    shape = payoffs[0].shape
    n = len(shape)
    regrets = []
    for p in range(n):
        values = [0] * shape[p]
        for profile in itertools.product(*(range(m) for m in shape)):
            weight = 1
            for q in range(n):
                if q != p:
                    weight = weight * strategies[q][profile[q]]
            if weight:
                values[profile[p]] = values[profile[p]] + weight * payoffs[p][profile]
        expected = sum((strategies[p][k] * values[k] for k in range(shape[p])), 0)
        regrets.append(max(values) - expected)
    return regrets


def has_payoff_tie(game: cg.NormalFormGame) -> bool:
    """True when some player gets equal payoffs from two of its actions against some pure profile of the others.

    A game with no such tie can still be degenerate, but one with a tie usually is.
    """
    for p, u in enumerate(game.payoffs):
        moved = np.moveaxis(np.asarray(u), p, -1).reshape(-1, game.shape[p])
        for row in moved:
            if len(set(row.tolist())) < len(row):
                return True
    return False
