"""coopgame.random_game: shapes, payoff kinds and ranges, reproducibility through ``seed=``."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from tests import strategies as cgst


def test_int_shape_is_a_square_two_player_game():
    game = cg.random_game(3, seed=0)
    assert game.num_players == 2 and game.shape == (3, 3)
    assert cg.random_game(np.int64(2), seed=0).shape == (2, 2)


@pytest.mark.parametrize("shape", [(1,), (2, 3), (3, 1, 2), (2, 2, 2, 2), [4, 2]])
def test_sequence_shape(shape):
    game = cg.random_game(shape, seed=1)
    assert game.shape == tuple(shape) and game.num_players == len(shape)
    assert all(u.shape == tuple(shape) for u in game.payoffs)


def test_float_payoffs_uniform_on_unit_interval():
    game = cg.random_game((20, 30), seed=2)
    assert not game.is_exact
    values = np.concatenate([u.reshape(-1) for u in game.payoffs])
    assert values.min() >= 0 and values.max() < 1
    assert abs(values.mean() - 0.5) < 0.05  # 1200 draws: the standard error is about 0.008
    assert len(np.unique(values)) == values.size  # continuous: no ties


def test_integer_payoffs_are_exact_and_in_range():
    game = cg.random_game((10, 10), seed=3, integer=True, high=4)
    assert game.is_exact
    values = [v for u in game.payoffs for v in u.reshape(-1)]
    assert all(isinstance(v, Fraction) and v.denominator == 1 for v in values)
    assert set(values) == {0, 1, 2, 3}  # every value 0..high-1 appears in 200 draws


def test_default_high_is_ten():
    values = {v for u in cg.random_game((15, 15), seed=4, integer=True).payoffs for v in u.reshape(-1)}
    assert values == set(range(10))


def test_high_one_gives_an_all_ties_game():
    game = cg.random_game((2, 3), seed=5, integer=True, high=1)
    assert all((u == 0).all() for u in game.payoffs)
    assert len(cg.pure_equilibria(game)) == 6


def test_same_seed_same_game():
    for kwargs in ({}, {"integer": True}, {"integer": True, "high": 3}):
        assert cg.random_game((3, 4), seed=7, **kwargs) == cg.random_game((3, 4), seed=7, **kwargs)


def test_different_seeds_differ():
    assert cg.random_game((3, 4), seed=7) != cg.random_game((3, 4), seed=8)
    assert cg.random_game((3, 3, 3), seed=7, integer=True, high=1000) != cg.random_game((3, 3, 3), seed=8,
                                                                                          integer=True, high=1000)


def test_generator_seed_is_used_and_advanced():
    rng = np.random.default_rng(11)
    first = cg.random_game((2, 2), seed=rng)
    second = cg.random_game((2, 2), seed=rng)
    assert first != second
    assert first == cg.random_game((2, 2), seed=np.random.default_rng(11))


def test_no_seed_gives_fresh_randomness():
    assert cg.random_game((4, 4)) != cg.random_game((4, 4))


def test_small_integer_games_are_often_degenerate():
    games = [cg.random_game((3, 3), seed=s, integer=True, high=2) for s in range(50)]
    assert sum(cgst.has_payoff_tie(g) for g in games) >= 45


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 5), st.integers(2, 5))
def test_float_random_games_are_non_degenerate(seed, m, n):
    """Uniform payoffs: an odd number of equilibria, and support enumeration does not see degeneracy."""
    game = cg.random_game((m, n), seed=seed)
    assert len(cg.equilibria.vertex_enumeration(game)) % 2 == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error", cg.DegenerateGameWarning)
        cg.equilibria.support_enumeration(game)


@pytest.mark.parametrize("bad", [0, -1, (), (2, 0), (0,), "ab", None, (2, "x"), True])
def test_bad_shapes(bad):
    with pytest.raises(cg.InvalidGameError, match="random_game") as info:
        cg.random_game(bad)
    assert isinstance(info.value, ValueError)


def test_bad_high():
    with pytest.raises(cg.InvalidArgumentError, match="random_game.*high"):
        cg.random_game((2, 2), integer=True, high=0)
    with pytest.raises(cg.InvalidArgumentError, match="random_game.*high"):
        cg.random_game((2, 2), integer=True, high=2.5)
    # high only matters for integer games
    assert not cg.random_game((2, 2), seed=0, high=0).is_exact


@pytest.mark.parametrize("shape", [(2,) * 30, (10**6, 10**6), (10**30, 2)])
def test_size_budget_is_checked_before_drawing(shape):
    with pytest.raises(cg.SolverLimitError, match="max_size"):
        cg.random_game(shape)


def test_too_many_players_is_a_typed_error():
    with pytest.raises(cg.InvalidGameError, match="MAX_PLAYERS"):
        cg.random_game((2,) * 40)


def test_size_budget_can_be_raised_and_lowered():
    assert cg.random_game((2,) * 5, seed=0, max_size=5 * 2**5).shape == (2,) * 5
    with pytest.raises(cg.SolverLimitError, match="max_size=159"):
        cg.random_game((2,) * 5, max_size=159)
    with pytest.raises(cg.InvalidArgumentError, match="max_size"):
        cg.random_game((2, 2), max_size=0)


@pytest.mark.parametrize("kwargs, typed", [
    ({"seed": -1}, cg.InvalidArgumentError),
    ({"seed": "x"}, cg.InvalidArgumentTypeError),
    ({"integer": "yes"}, cg.InvalidArgumentTypeError),
    ({"high": None, "integer": True}, cg.InvalidArgumentTypeError),
])
def test_bad_options_are_typed_errors(kwargs, typed):
    with pytest.raises(typed, match="random_game"):
        cg.random_game((2, 2), **kwargs)
