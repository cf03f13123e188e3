"""Every bad input to a game constructor or a game method is a typed error naming the function (issue: hostile numbers)."""

from __future__ import annotations

import decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy

import coopgame as cg
from coopgame._checks import MAX_DIGITS
from coopgame.errors import (
    CallbackError,
    CoopgameError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidProfileError,
    UnresolvedParameterError,
)
from coopgame.games.continuous import ContinuousGame
from coopgame.games.multilevel import MultilevelGame

PD = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]


def with_entry(value):
    return [[[value, 0], [0, 0]], [[0, 0], [0, 0]]]


# ---------------------------------------------------------------- huge numbers
def test_published_issue_case_huge_integer_in_a_float_game_is_refused_naming_the_limit():
    with pytest.raises(InvalidGameError, match="MAX_DIGITS") as info:
        cg.NormalFormGame(with_entry(10**400))
    assert str(info.value).startswith("NormalFormGame: ")


@pytest.mark.parametrize("value", [10**400, -(10**400), Fraction(1, 10**400), Fraction(10**400, 7),
                                   sympy.Integer(10**400), decimal.Decimal("1e999999999"), decimal.Decimal("1e-400")])
def test_exact_numbers_beyond_max_digits_are_refused_in_any_game(value):
    for exact in (None, True, False):
        with pytest.raises(InvalidGameError, match="MAX_DIGITS"):
            cg.NormalFormGame(with_entry(value), exact=exact)


def test_large_integers_within_the_limit_stay_exact_or_become_floats():
    big = 10**(MAX_DIGITS - 1)
    exact = cg.NormalFormGame(with_entry(big + 1), exact=True)
    assert exact.payoffs[0][0, 0] == big + 1 and isinstance(exact.payoffs[0][0, 0], Fraction)
    floats = cg.NormalFormGame(with_entry(big + 1))
    assert floats.payoffs[0][0, 0] == float(big)
    assert cg.pure_equilibria(exact)


# ---------------------------------------------------------------- entries that are not real numbers
@pytest.mark.parametrize("value", [float("nan"), float("inf"), -np.inf, 1 + 2j, True, np.bool_(False), "3", None,
                                   [1, 2], sympy.I, sympy.oo, decimal.Decimal("NaN"), object()])
def test_entries_that_are_not_finite_real_numbers_are_refused(value):
    with pytest.raises(InvalidGameError, match="NormalFormGame") as info:
        cg.NormalFormGame(with_entry(value))
    assert isinstance(info.value, ValueError)


def test_free_symbols_are_an_unresolved_parameter_error():
    with pytest.raises(UnresolvedParameterError, match="NormalFormGame.*c"):
        cg.NormalFormGame(with_entry(sympy.Symbol("c")))


@pytest.mark.parametrize("payoffs", [
    [np.array([[True, False], [False, True]])] * 2,
    [np.array([[1 + 0j, 0], [0, 0]])] * 2,
    [np.array([[1, 0], [0, np.inf]])] * 2,
    [np.array([["a", "b"], ["c", "d"]])] * 2,
])
def test_numpy_arrays_of_the_wrong_kind_are_refused(payoffs):
    with pytest.raises(InvalidGameError, match="NormalFormGame"):
        cg.NormalFormGame(payoffs)


# ---------------------------------------------------------------- shapes
@pytest.mark.parametrize("payoffs, fragment", [
    ([], "at least one player"),
    ([[]], "at least one action"),
    ([[[], []], [[], []]], "at least one action"),
    ([[[1, 2], [3]], [[1, 2], [3, 4]]], "rectangular"),
    ([[[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]]], "same shape"),
    ([[1, 2], [3, 4]], "axes"),
    ([np.zeros((1,) * 33)] * 33, "MAX_PLAYERS"),
    ("payoffs", "sequence of payoff arrays"),
    (5, "sequence of payoff arrays"),
    (None, "sequence of payoff arrays"),
])
def test_bad_shapes_are_refused(payoffs, fragment):
    with pytest.raises(InvalidGameError, match=fragment):
        cg.NormalFormGame(payoffs)


def test_deep_nesting_is_refused_not_a_recursion_error():
    deep: list = [1]
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(InvalidGameError):
        cg.NormalFormGame([deep, deep])
    with pytest.raises(InvalidGameError):
        cg.SymbolicGame([deep, deep])


# ---------------------------------------------------------------- labels and options
def test_published_issue_case_actions_none_per_player_means_default_labels():
    game = cg.NormalFormGame(PD, actions=[None, None])
    assert game.actions == (("1", "2"), ("1", "2"))
    assert "NormalFormGame" in repr(game)
    mixed = cg.NormalFormGame(PD, actions=[None, ["L", "R"]])
    assert mixed.actions == (("1", "2"), ("L", "R")) and "L" in repr(mixed)


@pytest.mark.parametrize("players, actions", [
    (["A", None], None), (["A", "A"], None), ("AB", None), (None, [["a", "b"], [1, 2]]), (None, [["a"], ["b", "c"]]),
    (None, "ab"), (None, [["a", "b"]]),
])
def test_bad_labels_are_refused(players, actions):
    with pytest.raises(InvalidGameError, match="NormalFormGame"):
        cg.NormalFormGame(PD, players=players, actions=actions)


def test_exact_must_be_a_boolean():
    with pytest.raises(InvalidArgumentTypeError, match="exact"):
        cg.NormalFormGame(PD, exact="yes")


# ---------------------------------------------------------------- profiles
@pytest.mark.parametrize("profile", [
    [[1.5, -0.5], [1, 0]], [[0.5, 0.6], [1, 0]], [[np.nan, 1], [1, 0]], [[True, False], [1, 0]], [["a", "b"], [1, 0]],
    [[1, 0, 0], [1, 0]], [[1, 0]], "12", [None, [1, 0]], [[10**400, 0], [1, 0]],
])
def test_bad_mixed_profiles_are_profile_errors(profile):
    game = cg.NormalFormGame(PD)
    with pytest.raises(InvalidProfileError, match="NormalFormGame.expected_payoffs"):
        game.expected_payoffs(profile)


def test_mixed_profiles_are_exact_in_exact_games_and_labels_stand_for_pure_strategies():
    game = cg.NormalFormGame(PD, actions=[["C", "D"]] * 2, exact=True)
    vectors = game.mixed_profile(["D", [Fraction(1, 3), Fraction(2, 3)]])
    assert vectors[0].tolist() == [0, 1] and all(isinstance(v, Fraction) for v in vectors[0])
    assert vectors[1].tolist() == [Fraction(1, 3), Fraction(2, 3)]
    floats = game.mixed_profile([1, [0.25, 0.75]])
    assert all(v.dtype == float for v in floats)
    with pytest.raises(InvalidProfileError):  # exact vectors must sum to exactly 1
        game.mixed_profile([[Fraction(1, 3), Fraction(1, 3)], "C"])


# ---------------------------------------------------------------- symbolic games
@pytest.mark.parametrize("value", [True, None, 10**400, "10**400", float("nan"), 1j, [1]])
def test_symbolic_game_refuses_non_payoffs(value):
    with pytest.raises(InvalidGameError, match="SymbolicGame"):
        cg.SymbolicGame(with_entry(value))


# ---------------------------------------------------------------- continuous and multilevel games
def test_continuous_evaluate_checks_the_profile_and_the_result():
    game = ContinuousGame(["log(x) + y", "x*y"], ["x", "y"])
    assert game.evaluate([1, 2]).tolist() == [2.0, 2.0]
    for bad in (["a", 1], [True, 1], [np.nan, 1], [1], "xy"):
        with pytest.raises(CoopgameError, match="ContinuousGame.evaluate"):
            game.evaluate(bad)
    with pytest.raises(InvalidProfileError, match="finite real number"):
        game.evaluate([-1, 1])  # log(-1) is no real number


def test_multilevel_lower_function_that_raises_is_a_callback_error():
    upper = cg.NormalFormGame(PD, actions=[["C", "D"]] * 2)

    def lower(outcome):
        raise RuntimeError("no lower game")

    with pytest.raises(CallbackError, match=r"MultilevelGame: lower\(\('C', 'C'\)\) raised RuntimeError") as info:
        MultilevelGame(upper, lower)
    assert isinstance(info.value.__cause__, RuntimeError)


# ---------------------------------------------------------------- methods given junk
@pytest.mark.parametrize("call", [
    lambda g: g.action_values(0, 5),
    lambda g: g.best_responses(0, None),
    lambda g: g.permute_players(None),
    lambda g: g.permute_players("ab"),
    lambda g: g.permute_actions(0, 3),
    lambda g: g.permute_actions(0, [0, 0]),
    lambda g: g[None],
    lambda g: g[[0, 5]],
    lambda g: g.player_index(2.5),
])
def test_normal_form_methods_refuse_junk_with_profile_errors(call):
    with pytest.raises(InvalidProfileError, match="NormalFormGame"):
        call(cg.NormalFormGame(PD))


@pytest.mark.parametrize("value", ["x", None, float("nan"), np.inf, True, [1, np.nan]])
def test_lambdify_refuses_values_that_are_not_finite_reals(value):
    f = cg.SymbolicGame([[["b - c", "-c"], ["b", 0]], [["b - c", "b"], ["-c", 0]]]).lambdify()
    with pytest.raises(InvalidProfileError, match="lambdify"):
        f(b=value, c=1)


@pytest.mark.parametrize("exact", [None, True, False])
def test_nan_in_a_float_array_is_refused_whatever_exact_says(exact):
    with pytest.raises(InvalidGameError, match=r"finite.*player 1 at \(0, 1\)"):
        cg.NormalFormGame([np.array([[1, np.nan], [0, 1]]), np.ones((2, 2))], exact=exact)


def test_every_free_parameter_is_named():
    x, y = sympy.symbols("x y")
    with pytest.raises(UnresolvedParameterError, match="x, y"):
        cg.NormalFormGame([[[x, 0], [0, 0]], [[0, y], [0, 0]]])


# ---------------------------------------------------------------- found by the fuzz harness (wave 2)
@pytest.mark.parametrize("defaults", [3, [1], "junk", np.full((2, 2), np.nan), float("nan")])
def test_defaults_must_be_a_mapping(defaults):
    with pytest.raises(InvalidArgumentTypeError, match="SymbolicGame: expected defaults as a mapping"):
        cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], defaults=defaults)
    with pytest.raises(InvalidArgumentTypeError, match="ContinuousGame: expected defaults as a mapping"):
        ContinuousGame(["b*x - x**2/2"], ["x"], [(0, None)], defaults=defaults)


def test_continuous_game_values_must_be_a_mapping():
    game = ContinuousGame(["b*x - x**2/2"], ["x"], [(0, None)])
    with pytest.raises(InvalidArgumentTypeError, match="ContinuousGame.numeric: expected values as a mapping"):
        game.numeric([("b", 1)])
    with pytest.raises(InvalidArgumentTypeError, match="ContinuousGame.subs"):
        game.subs(3)


@pytest.mark.parametrize("players", [3, 2.5, float("nan"), object()])
def test_continuous_game_players_must_be_labels(players):
    with pytest.raises(InvalidGameError, match="ContinuousGame: expected 1 player labels"):
        ContinuousGame(["b*x - x**2/2"], ["x"], [(0, None)], players=players)


@pytest.mark.parametrize("levels", [2.5, None, 3, object(), "ab", ("a",)])
def test_multilevel_levels_must_be_two_names(levels):
    pd = cg.NormalFormGame(PD)
    with pytest.raises(InvalidGameError, match="expected two level names"):
        MultilevelGame(pd, lambda outcome: pd, levels=levels)


@pytest.mark.parametrize("formula", ["10**10**10", "2**1000", "(1/2)**10000", "sqrt(10**10**10)",
                                     "exp(10**10**10)", "Max(10**10**10, 1)", "1000000!", "10.0**10**10"])
def test_formula_with_a_huge_number_is_refused_before_it_is_computed(formula):
    with pytest.raises(InvalidGameError, match=f"at most {MAX_DIGITS} digits"):
        cg.SymbolicGame([[[formula, 0], [0, 0]], [[0, 0], [0, 0]]])


@pytest.mark.parametrize(("formula", "value"), [("2**996", sympy.Integer(2) ** 996), ("2**-3", sympy.Rational(1, 8)),
                                                ("5!", sympy.Integer(120)), ("x**(10**10)", sympy.Symbol("x", positive=True) ** 10**10)])
def test_formula_with_a_large_but_allowed_number_is_evaluated(formula, value):
    from coopgame.games.expressions import as_expression

    assert as_expression(formula) == value


@pytest.mark.parametrize("formula", ["a = 1", "a; b"])
def test_formula_statements_are_refused(formula):
    from coopgame.games.expressions import as_expression

    with pytest.raises(InvalidGameError, match="expected a formula"):
        as_expression(formula)


@pytest.mark.parametrize("mapping", [3, "f", [("f", 3)], np.full((2, 2), np.nan)])
def test_multilevel_subs_takes_a_mapping(mapping):
    from coopgame import models

    with pytest.raises(InvalidArgumentTypeError, match="MultilevelGame.subs: expected the values as a mapping"):
        models.multilevel().subs(mapping)


@pytest.mark.parametrize("name", [3, None, ["R"], np.full((2, 2), np.nan)])
def test_symbolic_game_symbol_takes_a_name(name):
    game = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]])
    with pytest.raises(InvalidArgumentTypeError, match="SymbolicGame.symbol: expected a parameter name"):
        game.symbol(name)
    assert game.symbol("R").name == "R"
