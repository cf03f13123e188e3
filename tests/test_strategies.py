"""Tests of the hypothesis generators in tests/strategies.py (the generators must be right before they test anything)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import coopgame as cg
from tests import strategies as cgst

FAST = settings(max_examples=40, deadline=None)


@FAST
@given(cgst.games(num_players=st.integers(1, 4), max_actions=3, max_profiles=24))
def test_games_shapes_and_kinds(game):
    assert isinstance(game, cg.NormalFormGame)
    assert 1 <= game.num_players <= 4
    assert len(game.payoffs) == game.num_players
    assert all(1 <= m <= 3 for m in game.shape)
    assert math.prod(game.shape) <= 24
    for u in game.payoffs:
        assert u.shape == game.shape
        assert np.isfinite(game.float_payoffs[0]).all()
    if game.is_exact:
        assert all(isinstance(v, Fraction) for u in game.payoffs for v in u.reshape(-1))
    else:
        assert all(u.dtype == float for u in game.payoffs)


@FAST
@given(cgst.games(num_players=3, exact=True, min_actions=2, max_actions=2))
def test_games_fixed_players_exact(game):
    assert game.num_players == 3 and game.shape == (2, 2, 2) and game.is_exact


@FAST
@given(cgst.games(exact=False, payoff_range=(0, 1)))
def test_games_payoff_range_respected(game):
    assert all(((u >= 0) & (u <= 1)).all() for u in game.payoffs)
    assert not game.is_exact


@FAST
@given(cgst.bimatrix_games(min_actions=1, max_actions=5, exact=True))
def test_bimatrix_games_shapes(game):
    assert game.num_players == 2
    assert all(1 <= m <= 5 for m in game.shape)
    assert game.is_exact


@FAST
@given(cgst.bimatrix_games(max_actions=4, exact=True, degenerate=True))
def test_degenerate_bimatrix_payoffs_are_small_integers(game):
    values = {v for u in game.payoffs for v in u.reshape(-1)}
    assert values <= {Fraction(0), Fraction(1), Fraction(2)}


@FAST
@given(cgst.bimatrix_games(max_actions=3, exact=False, degenerate=True, high=3))
def test_degenerate_float_bimatrix_in_range(game):
    assert not game.is_exact
    assert set(np.unique(np.concatenate([u.reshape(-1) for u in game.payoffs]))) <= {0.0, 1.0, 2.0, 3.0}


@settings(max_examples=3, deadline=None)
@given(st.data())
def test_degenerate_games_have_ties_often(data):
    """With payoffs in 0..2 and at least 2x2 actions, most games have a payoff tie (a degenerate game)."""
    drawn = [data.draw(cgst.bimatrix_games(min_actions=2, max_actions=4, degenerate=True)) for _ in range(100)]
    share = sum(cgst.has_payoff_tie(g) for g in drawn) / len(drawn)
    assert share >= 0.5, share


@settings(max_examples=3, deadline=None)
@given(st.data())
def test_generic_games_have_no_ties(data):
    drawn = [data.draw(cgst.generic_bimatrix_games(max_actions=4)) for _ in range(50)]
    assert not any(cgst.has_payoff_tie(g) for g in drawn)


def test_has_payoff_tie_detects_ties_and_their_absence():
    tie = cg.NormalFormGame([[[1, 2], [1, 3]], [[0, 1], [2, 3]]])  # row player: column 1 gives 1, 1
    assert cgst.has_payoff_tie(tie)
    no_tie = cg.NormalFormGame([[[1, 2], [0, 3]], [[0, 1], [2, 3]]])
    assert not cgst.has_payoff_tie(no_tie)
    col_tie = cg.NormalFormGame([[[1, 2], [0, 3]], [[0, 1], [2, 2]]])  # column player, row 2
    assert cgst.has_payoff_tie(col_tie)


@FAST
@given(cgst.generic_bimatrix_games(min_actions=2, max_actions=4, exact=True))
def test_generic_exact_games(game):
    assert game.is_exact and game.num_players == 2
    assert all(2 <= m <= 4 for m in game.shape)


@FAST
@given(st.integers(1, 6).flatmap(lambda m: st.tuples(st.just(m), cgst.mixed_strategies(m, exact=True))))
def test_exact_mixed_strategies_are_exact_probability_vectors(case):
    m, x = case
    assert x.shape == (m,) and x.dtype == object
    assert all(isinstance(v, Fraction) and v >= 0 for v in x)
    assert sum(x, Fraction(0)) == 1  # exactly


@FAST
@given(st.integers(1, 6).flatmap(lambda m: st.tuples(st.just(m), cgst.mixed_strategies(m, exact=False))))
def test_float_mixed_strategies_are_probability_vectors(case):
    m, x = case
    assert x.shape == (m,) and x.dtype == float
    assert (x >= 0).all()
    assert abs(x.sum() - 1) <= 1e-12


@FAST
@given(st.integers(1, 5).flatmap(lambda m: cgst.mixed_strategies(m, exact=True, pure_ok=False)))
def test_fully_mixed_strategies_are_positive(x):
    assert all(v > 0 for v in x)


@FAST
@given(cgst.games(max_profiles=12).flatmap(lambda g: st.tuples(st.just(g), cgst.mixed_profiles(g))))
def test_mixed_profiles_fit_the_game(case):
    game, profile = case
    assert len(profile) == game.num_players
    assert tuple(len(s) for s in profile) == game.shape
    game.mixed_profile(profile)  # accepted by the game itself


@FAST
@given(cgst.pd_payoffs())
def test_pd_payoffs_are_ordered(tRPS):
    t, r, p, s = tRPS
    assert t > r > p > s


@FAST
@given(cgst.pd_payoffs(cooperation_efficient=True, exact=True))
def test_pd_payoffs_efficient_and_exact(tRPS):
    t, r, p, s = tRPS
    assert t > r > p > s
    assert 2 * r > t + s
    assert all(isinstance(v, Fraction) for v in tRPS)


def test_pd_payoffs_without_efficiency_can_violate_it():
    """The unconstrained generator must not silently impose 2R > T + S."""
    t, r, p, s = find(cgst.pd_payoffs(), lambda v: 2 * v[1] <= v[0] + v[3], settings=settings(database=None))
    assert t > r > p > s and 2 * r <= t + s


@FAST
@given(cgst.positive_affine(exact=True), st.fractions(min_value=-10, max_value=10), st.fractions(min_value=-10, max_value=10))
def test_positive_affine_exact_preserves_order(f, u, v):
    assert isinstance(f.scale, Fraction) and f.scale > 0
    assert isinstance(f(u), Fraction)
    assert (f(u) > f(v)) == (u > v) and (f(u) == f(v)) == (u == v)


@FAST
@given(cgst.positive_affine(exact=False))
def test_positive_affine_float_on_arrays(f):
    assert f.scale > 0
    u = np.array([[1.0, 2.0], [3.0, -4.0]])
    out = f(u)
    assert out.shape == u.shape
    np.testing.assert_allclose(out, f.scale * u + f.shift)
    obj = np.array([Fraction(1), Fraction(-2)], dtype=object)
    g = cgst.AffineMap(Fraction(2), Fraction(1, 3))
    assert list(g(obj)) == [Fraction(7, 3), Fraction(-11, 3)]


def test_affine_map_rejects_non_positive_scale():
    with pytest.raises(ValueError):
        cgst.AffineMap(0, 1)
    with pytest.raises(ValueError):
        cgst.AffineMap(-1, 1)


@FAST
@given(st.integers(1, 6).flatmap(lambda m: st.tuples(st.just(m), cgst.permutations_of(m))))
def test_permutations_of(case):
    m, perm = case
    assert sorted(perm) == list(range(m))


@FAST
@given(cgst.tu_games(min_players=1, max_players=4))
def test_tu_games_sizes_and_exact_worths(game):
    assert 1 <= game.num_players <= 4
    coalitions = [frozenset(c) for k in range(game.num_players + 1)
                  for c in itertools.combinations(range(game.num_players), k)]
    worths = [game.value(c) for c in coalitions]
    assert worths[0] == 0
    assert all(0 <= w for w in worths)


@FAST
@given(cgst.tu_games(min_players=2, max_players=4, superadditive=True))
def test_superadditive_tu_games_are_superadditive(game):
    n = game.num_players
    players = range(n)
    for k in range(1, n):
        for first in itertools.combinations(players, k):
            rest = [p for p in players if p not in first]
            for j in range(1, len(rest) + 1):
                for second in itertools.combinations(rest, j):
                    s, t = frozenset(first), frozenset(second)
                    assert game.value(s | t) >= game.value(s) + game.value(t)


def test_tu_games_without_superadditivity_can_violate_it():
    """The plain generator must not silently impose superadditivity."""
    game = find(cgst.tu_games(min_players=2, max_players=2),
                lambda g: g.value(frozenset({0, 1})) < g.value(frozenset({0})) + g.value(frozenset({1})),
                settings=settings(database=None))
    assert game.value(frozenset({0, 1})) < game.value(frozenset({0})) + game.value(frozenset({1}))


# ---------------------------------------------------------------- helpers
def test_same_float_set_is_one_to_one_and_tolerant():
    a = [(np.array([1.0, 0.0]), np.array([0.5, 0.5]))]
    b = [(np.array([1.0, 1e-10]), np.array([0.5, 0.5]))]
    assert cgst.same_float_set(a, b)
    assert not cgst.same_float_set(a, b, tol=1e-12)
    assert not cgst.same_float_set(a + a, b + [(np.array([0.0, 1.0]), np.array([0.5, 0.5]))])
    assert not cgst.same_float_set(a, a + a)


def test_exact_set_and_key():
    eq = cg.Equilibrium(cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True),
                        [[Fraction(1, 2)] * 2] * 2)
    assert cgst.exact_set([eq]) == {((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))}
    assert cgst.exact_key([[1, 0], [0, 1]]) == ((1, 0), (0, 1))


def test_independent_regrets_on_a_known_game():
    # prisoner's dilemma: (C, C) has regret 2 for both; (D, D) none
    A = np.array([[3, 0], [5, 1]], dtype=object)
    B = A.T.copy()
    cc = cgst.independent_regrets([A, B], [[1, 0], [1, 0]])
    dd = cgst.independent_regrets([A, B], [[0, 1], [0, 1]])
    assert cc == [2, 2] and dd == [0, 0]
    half = [Fraction(1, 2)] * 2
    assert cgst.independent_regrets([A, B], [half, half]) == [Fraction(3, 4), Fraction(3, 4)]
