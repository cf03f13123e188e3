"""Bad input to coopgame.cooperative: every class of it gets a typed error, every size a budget.

One test per class of bad input: worth functions that raise or return
nonsense, sizes above the budgets (with the keyword that raises them),
NaN and infinite numbers, booleans where numbers are meant, unknown method
names, and results that are frozen and use the shared vocabulary.
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest

from coopgame.cooperative import (
    BargainingSolution,
    LeastCore,
    MonteCarloShapley,
    TUGame,
    airport_shapley,
    local_responsibility,
    nash_bargaining,
    upstream_equal_sharing,
)
from coopgame.errors import (
    CallbackError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidGameTypeError,
    InvalidProfileError,
    NotSupportedError,
    SolverLimitError,
)
from coopgame.games.normal_form import NormalFormGame
from coopgame.results import Result


# ----------------------------------------------------------------------------- callbacks
def test_a_worth_function_that_raises_is_a_callback_error_with_the_cause():
    def worth(coalition):
        raise KeyError("no such region")

    with pytest.raises(CallbackError, match=r"TUGame: values\(frozenset\(\)\) raised KeyError") as info:
        TUGame(3, worth)
    assert isinstance(info.value.__cause__, KeyError)


@pytest.mark.parametrize("bad", ["a", None, float("nan"), math.inf, 1j, True])
def test_a_worth_function_returning_a_non_number_is_refused(bad):
    with pytest.raises(InvalidGameError, match="TUGame"):
        TUGame(2, lambda S: bad if S else 0)


@pytest.mark.parametrize("values", [{(0,): float("nan")}, {(0, 1): math.inf}, [0, 1, float("-inf"), 2],
                                    np.array([0.0, np.nan, 1.0, 2.0]), [0, True, 1, 2]])
def test_nan_infinite_and_boolean_worths_are_refused(values):
    with pytest.raises(InvalidGameError, match="TUGame"):
        TUGame(2, values)


# ----------------------------------------------------------------------------- size budgets
def test_the_player_budget_refuses_before_building_and_can_be_raised():
    calls = []
    with pytest.raises(SolverLimitError, match=r"of at most max_players=20, got 21.*airport_shapley"):
        TUGame(21, lambda S: calls.append(S) or 0)
    assert calls == []  # refused before a single worth was computed
    with pytest.raises(SolverLimitError, match="max_players=3"):
        TUGame(4, {}, max_players=3)
    assert TUGame(4, {}, max_players=4).num_players == 4
    with pytest.raises(InvalidArgumentError, match="max_players"):
        TUGame(2, {}, max_players=0)


@pytest.mark.parametrize("n", ["3", 2.0, None, True])
def test_num_players_must_be_an_integer(n):
    with pytest.raises(InvalidGameTypeError, match="num_players"):
        TUGame(n, {})


def test_the_lp_budget_of_core_least_core_and_nucleolus_is_a_keyword():
    game = TUGame(4, lambda S: len(S) ** 2)
    for call in (lambda: game.nucleolus(max_players=3), lambda: game.least_core(max_players=3),
                 lambda: game.core_is_empty(max_players=3)):
        with pytest.raises(SolverLimitError, match=r"of at most max_players=3, got 4.*shapley_value"):
            call()
    assert [str(x) for x in game.nucleolus(max_players=4)] == ["4", "4", "4", "4"]


def test_from_normal_form_budget_and_checks():
    pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    with pytest.raises(SolverLimitError, match="max_profiles=3"):
        TUGame.from_normal_form(pd, max_profiles=3)
    with pytest.raises(InvalidArgumentError, match="did you mean 'alpha'"):
        TUGame.from_normal_form(pd, "alfa")
    with pytest.raises(InvalidArgumentTypeError, match="mixed"):
        TUGame.from_normal_form(pd, mixed=1)
    # a game given as arrays goes through the one coercion
    assert TUGame.from_normal_form([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]).grand_value == 6


# ----------------------------------------------------------------------------- options
def test_shapley_options_are_checked():
    game = TUGame(3, lambda S: len(S))
    with pytest.raises(InvalidArgumentError, match="did you mean 'monte_carlo'"):
        game.shapley_value("montecarlo")
    with pytest.raises(InvalidArgumentError, match="samples"):
        game.shapley_value("monte_carlo", samples=1)
    with pytest.raises(InvalidArgumentTypeError, match="samples"):
        game.shapley_value("monte_carlo", samples=True)
    with pytest.raises(InvalidArgumentError, match="seed"):
        game.shapley_value("monte_carlo", seed=-1)


def test_allocations_with_nan_or_text_are_refused():
    game = TUGame(2, [0, 1, 1, 3])
    for x in ([float("nan"), 1], ["a", 1], [1]):
        with pytest.raises(InvalidProfileError, match="core_contains"):
            game.core_contains(x)


# ----------------------------------------------------------------------------- bargaining and river sharing
@pytest.mark.parametrize("call, match", [
    (lambda: nash_bargaining([(0, 0), (1, 1)], disagreement=5), "disagreement point of 2 numbers"),
    (lambda: nash_bargaining([(0, 0), (1, 1)], disagreement=(float("nan"), 0)), "finite real numbers"),
    (lambda: nash_bargaining([(0, 0), (1, math.inf)]), "finite real numbers"),
    (lambda: nash_bargaining([(0, 0), (True, 1)], disagreement=(0, 0)), "finite real numbers"),
    (lambda: nash_bargaining([(0, 0), (1, 1)], weights=5), "weights"),
    (lambda: nash_bargaining([(0, 0), (1, 1)], weights=(float("nan"), 1)), "weights"),
    (lambda: nash_bargaining("pairs"), "sequence of payoff pairs"),
])
def test_bargaining_inputs_are_checked(call, match):
    with pytest.raises(InvalidArgumentError, match=match):
        call()


def test_bargaining_refuses_n_player_games_naming_the_tu_alternative():
    with pytest.raises(NotSupportedError, match="TUGame"):
        nash_bargaining(NormalFormGame([np.zeros((2, 2, 2))] * 3))


@pytest.mark.parametrize("costs", [[1, float("nan")], [1, math.inf], "abc", 5, [[1, 2], [3]], [True, 1], [1, -1]])
def test_river_costs_are_checked(costs):
    for rule in (local_responsibility, upstream_equal_sharing, airport_shapley):
        with pytest.raises(InvalidGameError, match=rule.__name__):
            rule(costs)


def test_huge_exact_costs_stay_exact():
    big = 10**200
    assert list(upstream_equal_sharing([big, 2 * big])) == [F(2 * big), F(big)]


# ----------------------------------------------------------------------------- results
def test_results_are_frozen_dataclasses_of_the_shared_vocabulary():
    game = TUGame(3, lambda S: 1 if len(S) >= 2 else 0)
    lc = game.least_core()
    mc = game.shapley_value("monte_carlo", samples=20, seed=0)
    bs = nash_bargaining(game)
    for result in (lc, mc, bs):
        assert isinstance(result, Result)
        with pytest.raises(AttributeError):
            result.is_exact = False
    assert isinstance(lc, LeastCore) and lc.is_exact and lc.to_dict()["epsilon"] == F(1, 3)
    assert isinstance(mc, MonteCarloShapley) and not mc.is_exact
    assert isinstance(bs, BargainingSolution) and bs.is_exact and bs.payoffs == (F(1, 3),) * 3
    with pytest.raises(ValueError):
        lc.allocation[0] = 5
    with pytest.raises(ValueError):
        mc.values[0] = 5
    assert lc == game.least_core() and hash(lc) == hash(game.least_core())
    assert mc == game.shapley_value("monte_carlo", samples=20, seed=0)


@pytest.mark.parametrize("players", [True, 1j, 0.5, 10**30, math.nan, 3, "ab", ["a", "a"], ["a"]])
def test_player_labels_are_checked(players):
    with pytest.raises(InvalidGameError, match="TUGame: expected 2 distinct player labels"):
        TUGame(2, {}, players=players)


def test_a_progress_bar_can_be_asked_for_or_refused():
    assert TUGame(13, lambda S: len(S), progress=True) == TUGame(13, lambda S: len(S), progress=False)
    with pytest.raises(InvalidArgumentTypeError, match="progress"):
        TUGame(2, lambda S: len(S), progress="yes")


@pytest.mark.parametrize("call, match", [
    (lambda g: g.shapley_value(methd="exact"), r"TUGame\.shapley_value: .*'methd' \(did you mean 'method'\?\)"),
    (lambda g: g.nucleolus(max_player=3), r"TUGame\.nucleolus: .*did you mean 'max_players'"),
    (lambda g: g.least_core(5), r"TUGame\.least_core: expected arguments \(\*, max_players"),
    (lambda g: g.core_contains(), r"TUGame\.core_contains: expected arguments \(x"),
    (lambda g: g.core_is_empty(max_player=3), r"TUGame\.core_is_empty: .*max_players"),
    (lambda g: g.banzhaf_value(normalised=True), r"TUGame\.banzhaf_value: got an unknown keyword"),
    (lambda g: g.value(), r"TUGame\.value: expected arguments \(coalition"),
    (lambda g: TUGame.from_costs(2, [0, 1, 1, 1], bogus=1), r"TUGame\.from_costs: .*expected one of: num_players, costs"),
    (lambda g: TUGame.from_normal_form([[[1, 0], [0, 1]]] * 2, kindd="beta"), r"did you mean 'kind'"),
])
def test_misspelt_method_arguments_are_typed_errors_naming_the_method(call, match):
    with pytest.raises(InvalidArgumentTypeError, match=match):
        call(TUGame(2, [0, 1, 1, 3]))
