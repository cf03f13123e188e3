"""mixed_equilibria (the front door), support enumeration and Lemke-Howson."""

from __future__ import annotations

import warnings
from contextlib import nullcontext
from fractions import Fraction

import numpy as np
import pytest

import coopgame as cg
from coopgame.equilibria.mixed import METHODS
from coopgame.errors import InvalidArgumentError, SolverLimitError
from tests import strategies as cgst

F = Fraction
third = F(1, 3)

BATTLE = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], actions=[["Opera", "Football"]] * 2, exact=True)
PENNIES = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
#: von Stengel (2007), AGT ch. 3, example (3.3); see tests/test_vertex_enumeration.py
STENGEL = cg.NormalFormGame([[[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]], exact=True)
STENGEL_DEGENERATE = cg.NormalFormGame([[[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]], exact=True)


def key(eqs):
    return cgst.exact_set(eqs)


def quiet(call, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cg.DegenerateGameWarning)
        return call(*args, **kwargs)


# ---------------------------------------------------------------- front door
def test_methods_table():
    assert set(METHODS) == {"vertex_enumeration", "support_enumeration", "lemke_howson", "support_polynomial"}


def test_auto_is_vertex_enumeration():
    for game in (BATTLE, STENGEL, STENGEL_DEGENERATE, cg.random_game((3, 4), seed=1)):
        auto = cg.mixed_equilibria(game)
        assert auto == cg.equilibria.vertex_enumeration(game) == cg.mixed_equilibria(game, method="vertex_enumeration")
        assert all(e.method == "vertex_enumeration" for e in auto)


@pytest.mark.parametrize("method", ["vertex_enumeration", "support_enumeration", "lemke_howson"])
def test_every_method_through_the_front_door(method):
    eqs = cg.mixed_equilibria(STENGEL, method=method)
    assert eqs and all(e.method == method for e in eqs)
    assert key(eqs) <= key(cg.equilibria.vertex_enumeration(STENGEL))
    assert all(e.max_regret() == 0 for e in eqs)


def test_options_are_passed_to_the_method():
    direct = cg.equilibria.lemke_howson(STENGEL, initial_label=3)
    assert cg.mixed_equilibria(STENGEL, method="lemke_howson", initial_label=3) == direct
    with pytest.raises(InvalidArgumentError, match="unknown option 'initial_label'.*max_dimension"):
        cg.mixed_equilibria(STENGEL, method="vertex_enumeration", initial_label=3)


def test_unknown_options_are_refused_with_the_accepted_list():
    with pytest.raises(InvalidArgumentError, match="unknown option 'bogus'; expected one of: max_dimension"):
        cg.mixed_equilibria(STENGEL, bogus=1)
    with pytest.raises(InvalidArgumentError, match="did you mean 'max_pivots'"):
        cg.mixed_equilibria(STENGEL, method="lemke_howson", max_pivot=3)
    with pytest.raises(InvalidArgumentError, match="did you mean 'lemke_howson'"):
        cg.mixed_equilibria(STENGEL, method="lemke_howsen")
    with pytest.raises(InvalidArgumentError, match="fallback"):
        cg.mixed_equilibria(STENGEL, fallback="mixed")


def test_fallback_to_pure_equilibria_when_the_method_refuses_the_size():
    game = cg.NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]], exact=True)
    three = cg.NormalFormGame([np.ones((2, 2, 2))] * 3, exact=True)
    with pytest.raises(SolverLimitError, match="max_seconds=0"):
        cg.mixed_equilibria(three, max_seconds=0)
    eqs = cg.mixed_equilibria(three, max_seconds=0, fallback="pure")
    assert eqs == cg.pure_equilibria(three) and len(eqs) == 8
    assert eqs.method == "pure" and eqs.is_complete is False and eqs.is_exact is True
    assert "too large for support_polynomial" in eqs.note and "only pure equilibria" in eqs.note
    # when the method accepts the game, the fallback changes nothing
    full = cg.mixed_equilibria(game, fallback="pure")
    assert full.method == "vertex_enumeration" and full.is_complete and len(full) == 3


def test_solutions_record_method_exactness_and_completeness():
    eqs = cg.mixed_equilibria(STENGEL, method="lemke_howson")
    assert (eqs.method, eqs.is_complete) == ("lemke_howson", False) and len(eqs) == 1
    eqs = cg.mixed_equilibria(STENGEL)
    assert (eqs.method, eqs.is_complete, eqs.is_exact) == ("vertex_enumeration", True, STENGEL.is_exact)
    assert list(eqs.to_frame().columns)[-1] == "method"


def test_one_player_game():
    game = cg.NormalFormGame([[2, 7, 7]], exact=True)
    assert [e.pure_profile for e in cg.mixed_equilibria(game)] == [("2",), ("3",)]


def test_accepts_payoff_arrays():
    assert len(cg.mixed_equilibria([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])) == 3


# ---------------------------------------------------------------- support enumeration
def test_published_support_enumeration_von_stengel():
    """von Stengel (2007), AGT ch. 3, (3.3): three equilibria, found by support enumeration as well."""
    assert key(cg.equilibria.support_enumeration(STENGEL)) == {
        ((1, 0, 0), (1, 0)),
        ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
        ((0, third, 2 * third), (third, 2 * third)),
    }


def test_published_support_enumeration_pennies_and_battle():
    half = F(1, 2)
    assert key(cg.equilibria.support_enumeration(PENNIES)) == {((half, half), (half, half))}
    assert key(cg.equilibria.support_enumeration(BATTLE)) == key(cg.equilibria.vertex_enumeration(BATTLE))


def test_support_enumeration_float_and_exact_agree():
    for seed in range(8):
        game = cg.random_game((3, 4), seed=seed)
        exact = game.to_exact()
        assert cgst.same_float_set(cg.equilibria.support_enumeration(game), cg.equilibria.support_enumeration(exact), tol=1e-9)


def test_support_enumeration_no_warning_on_non_degenerate_games():
    with warnings.catch_warnings():
        warnings.simplefilter("error", cg.DegenerateGameWarning)
        for seed in range(10):
            cg.equilibria.support_enumeration(cg.random_game((4, 3), seed=seed))
        cg.equilibria.support_enumeration(STENGEL)


def test_support_enumeration_warns_on_degenerate_games():
    with pytest.warns(cg.DegenerateGameWarning, match="vertex_enumeration"):
        eqs = cg.equilibria.support_enumeration(STENGEL_DEGENERATE)
    # what it finds is correct, but the end of the segment with unequal support sizes,
    # ((1, 0, 0), (2/3, 1/3)), is missed: the reason for the warning
    assert all(e.max_regret() == 0 for e in eqs)
    assert key(eqs) == {((1, 0, 0), (1, 0)), ((0, third, 2 * third), (third, 2 * third))}
    assert key(eqs) < key(cg.equilibria.vertex_enumeration(STENGEL_DEGENERATE))


def test_support_enumeration_on_all_ties_warns_and_is_correct():
    game = cg.NormalFormGame([np.zeros((2, 2))] * 2, exact=True)
    with pytest.warns(cg.DegenerateGameWarning):
        eqs = cg.equilibria.support_enumeration(game)
    assert all(e.max_regret() == 0 for e in eqs)


def test_support_enumeration_one_by_n():
    game = cg.NormalFormGame([[[0, 0, 0]], [[1, 3, 2]]], exact=True)
    assert key(cg.equilibria.support_enumeration(game)) == {((1,), (0, 1, 0))}


# ---------------------------------------------------------------- Lemke-Howson
def test_published_lemke_howson_battle_docstring():
    """From the origin every label of the battle of the sexes leads to a pure equilibrium."""
    assert [e.pure_profile for e in cg.equilibria.lemke_howson(BATTLE)] == [("Opera", "Opera")]
    everything = cg.equilibria.lemke_howson(BATTLE, initial_label="all")
    assert {e.pure_profile for e in everything} == {("Opera", "Opera"), ("Football", "Football")}


def test_derived_lemke_howson_von_stengel_every_label():
    """The ends of the Lemke-Howson paths from each label in von Stengel's 3x2 example (3.3).

    Not copied from the text: the expected ends come from QuantEcon's
    independent implementation (``quantecon.game_theory.lemke_howson`` with
    ``init_pivot=k``, same label numbering), computed while writing this test.
    The mixed equilibrium ((4/5, 1/5, 0), (2/3, 1/3)) is on no path from the origin.
    """
    pure = ((1, 0, 0), (1, 0))
    mixed = ((0, third, 2 * third), (third, 2 * third))
    expected = [pure, mixed, pure, pure, mixed]
    for label, end in enumerate(expected):
        assert key(cg.equilibria.lemke_howson(STENGEL, initial_label=label)) == {end}, label
    assert key(cg.equilibria.lemke_howson(STENGEL, initial_label="all")) == {pure, mixed}


def test_lemke_howson_returns_one_equilibrium_per_label():
    game = cg.random_game((4, 6), seed=9)
    for label in range(10):
        eqs = cg.equilibria.lemke_howson(game, initial_label=label)
        assert len(eqs) == 1 and eqs[0].method == "lemke_howson"
        assert eqs[0].max_regret() <= game.tolerance
    assert cg.equilibria.lemke_howson(game) == cg.equilibria.lemke_howson(game, initial_label=0)
    assert cg.equilibria.lemke_howson(game, initial_label=np.int64(2)) == cg.equilibria.lemke_howson(game, initial_label=2)


def test_lemke_howson_all_labels_are_distinct_equilibria():
    game = cg.random_game((5, 5), seed=3)
    everything = cg.equilibria.lemke_howson(game, initial_label="all")
    assert len({tuple(np.round(np.concatenate(e.strategies), 9)) for e in everything}) == len(everything)
    assert cgst.same_float_set(everything, everything)
    for eq in everything:
        assert any(cgst.same_float_set([eq], [v]) for v in cg.equilibria.vertex_enumeration(game))


def test_lemke_howson_exact():
    eqs = cg.equilibria.lemke_howson(STENGEL_DEGENERATE)
    assert len(eqs) == 1
    assert all(isinstance(v, Fraction) for s in eqs[0].strategies for v in s)
    assert eqs[0].max_regret() == 0


def test_lemke_howson_degenerate_games_still_end_at_equilibria():
    """The lexicographic ratio test keeps paths going in degenerate games."""
    for seed in range(30):
        game = cg.random_game((4, 4), seed=seed, integer=True, high=2)
        extreme = key(cg.equilibria.vertex_enumeration(game))
        for label in range(8):
            (eq,) = cg.equilibria.lemke_howson(game, initial_label=label)
            assert eq.max_regret() == 0
            # Lemke-Howson ends at a vertex pair, so at an extreme equilibrium
            assert key([eq]) <= extreme, (seed, label)


def test_lemke_howson_large_game():
    game = cg.random_game((30, 30), seed=1)
    (eq,) = cg.equilibria.lemke_howson(game)
    assert eq.max_regret() <= game.tolerance
    exact = cg.random_game((25, 20), seed=1, integer=True, high=5)
    (eq,) = cg.equilibria.lemke_howson(exact)
    assert eq.max_regret() == 0


def test_lemke_howson_pivot_limit():
    game = cg.random_game((4, 4), seed=3)
    with pytest.raises(cg.SolverError, match="lemke_howson") as info:
        cg.equilibria.lemke_howson(game, max_pivots=1)
    assert isinstance(info.value, RuntimeError)
    assert "max_pivots" in str(info.value)


def test_lemke_howson_one_by_one():
    game = cg.NormalFormGame([[[1]], [[2]]], exact=True)
    assert key(cg.equilibria.lemke_howson(game, initial_label="all")) == {((1,), (1,))}


@pytest.mark.parametrize("method", ["support_enumeration", "lemke_howson"])
def test_derived_exact_game_with_tiny_payoff_difference_other_methods(method):
    game = cg.NormalFormGame([[[F(1)], [1 + F(1, 10**12)]], [[F(0)], [F(0)]]])
    eqs = quiet(cg.mixed_equilibria, game, method=method)
    assert [e.pure_profile for e in eqs] == [("2", "1")]


@pytest.mark.parametrize("method, exact", [
    pytest.param("vertex_enumeration", True),
    pytest.param("vertex_enumeration", False),
    pytest.param("support_enumeration", True),
    pytest.param("support_enumeration", False),
    pytest.param("lemke_howson", True),
    pytest.param("lemke_howson", False),
])
def test_derived_equilibrium_with_a_small_probability(method, exact):
    # Non-degenerate 2x2 game (matching-pennies-like). The column player is indifferent only when
    # x1 * 1 = x2 * 10**-7, so the unique equilibrium is x = (1, 10**7) / (10**7 + 1), y = (1/2, 1/2).
    game = cg.NormalFormGame([[[0, 1], [1, 0]], [[1, 0], [0, F(1, 10**7)]]], exact=exact)
    x = [F(1, 10**7 + 1), F(10**7, 10**7 + 1)]
    assert game.to_exact().max_regret([x, [F(1, 2), F(1, 2)]]) == 0
    eqs = cg.mixed_equilibria(game, method=method)
    assert cgst.same_float_set(eqs, [(x, [0.5, 0.5])], tol=1e-12)


@pytest.mark.parametrize("method", ["support_enumeration", "vertex_enumeration"])
def test_payoffs_whose_span_overflows_floats_still_give_verified_equilibria(method):
    game = cg.NormalFormGame([[[1e308, -1e308], [0, 0]], [[0, 0], [1e308, 1]]])
    # degenerate (the column player is indifferent against the top row): support enumeration says so
    with pytest.warns(cg.DegenerateGameWarning) if method == "support_enumeration" else nullcontext():
        eqs = cg.mixed_equilibria(game, method=method)
    assert eqs and all(eq.is_verified() for eq in eqs)
    assert [0, 0] in [[int(s.argmax()) for s in eq.strategies] for eq in eqs]  # the pure equilibrium (top, left)


def test_unit_scaled_keeps_the_order_and_spans_zero_to_one():
    from coopgame.equilibria._polytope import normalise, unit_scaled

    M = np.array([[1e308, -1e308], [0.0, 1.0]])
    scaled = unit_scaled(M)
    assert scaled.min() == 0.0 and scaled.max() == 1.0 and np.all(np.isfinite(scaled))
    assert scaled[1, 1] >= scaled[1, 0]
    assert np.array_equal(unit_scaled(np.array([[3.0, 3.0]])), np.zeros((1, 2)))
    assert np.array_equal(normalise(np.array([[0.0, 2.0]])), np.array([[1.0, 2.0]]))
