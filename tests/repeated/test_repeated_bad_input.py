"""Bad input to coopgame.repeated: typed errors, a round budget, value results that work as values."""

from __future__ import annotations

import math
from fractions import Fraction as F

import pytest
import sympy

import coopgame as cg
from coopgame.errors import (
    CallbackError,
    InvalidArgumentError,
    InvalidGameTypeError,
    NotSupportedError,
    SolverLimitError,
)
from coopgame.repeated import (
    DiscountFactor,
    Minmax,
    PayoffRegion,
    RepeatedPlay,
    critical_discount_factor,
    feasible_region,
    individually_rational_region,
    minmax_values,
    play,
)
from coopgame.results import Result, ValueResult

PD = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"]] * 2, exact=True)


# ----------------------------------------------------------------------------- discount factors as values
def test_a_critical_discount_factor_works_as_its_value():
    d = critical_discount_factor(PD, ("C", "C"))
    assert isinstance(d, ValueResult) and d.is_exact
    assert float(d) == 0.5 and sympy.sympify(d) == sympy.Rational(1, 2)
    assert d._repr_latex_() == r"$\frac{1}{2}$"
    symbolic = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["C", "D"]] * 2)
    expr = critical_discount_factor(symbolic, ("C", "C"), punishment=("D", "D"))
    symbols = {s.name: s for s in sympy.sympify(expr).free_symbols}
    R, T, P = symbols["R"], symbols["T"], symbols["P"]
    assert sympy.simplify(sympy.sympify(expr) - (T - R) / (T - P)) == 0
    with pytest.raises(NotSupportedError, match="free parameters"):
        float(expr)


def test_a_profile_that_no_discount_factor_sustains_has_no_value():
    never = critical_discount_factor(PD, ("C", "C"), strategy="one_shot")
    assert not never.sustainable
    with pytest.raises(NotSupportedError, match="no discount factor below 1"):
        float(never)
    assert never._repr_latex_() is None


@pytest.mark.parametrize("delta", [1.5, -0.1, math.inf, float("nan"), 1, "0.5", True])
def test_sustains_checks_the_discount_factor(delta):
    with pytest.raises(InvalidArgumentError, match="DiscountFactor.sustains: expected delta"):
        critical_discount_factor(PD, ("C", "C")).sustains(delta)


def test_critical_discount_factor_input():
    with pytest.raises(InvalidArgumentError, match="did you mean 'grim'"):
        critical_discount_factor(PD, ("C", "C"), strategy="grimm")
    with pytest.raises(InvalidGameTypeError, match="critical_discount_factor"):
        critical_discount_factor("pd", ("C", "C"))
    as_arrays = critical_discount_factor([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], (0, 0))
    assert float(as_arrays) == 0.5


# ----------------------------------------------------------------------------- play
@pytest.mark.parametrize("delta", [float("nan"), 1.5, -0.1, math.inf, "0.5", None, True])
def test_play_refuses_bad_discount_factors(delta):
    with pytest.raises(InvalidArgumentError, match="play: expected delta"):
        play(PD, ["grim", "grim"], 5, delta)


def test_play_accepts_delta_one_for_undiscounted_sums():
    out = play(PD, ["grim", "grim"], 4, 1)
    assert out.payoffs == (12, 12) and out.is_exact


@pytest.mark.parametrize("rounds", [-1, 2.5, "3", True, None])
def test_play_refuses_bad_round_counts(rounds):
    with pytest.raises(InvalidArgumentError, match="play: expected rounds"):
        play(PD, ["grim", "grim"], rounds, 0.5)


def test_play_has_a_round_budget():
    with pytest.raises(SolverLimitError, match=r"of at most max_rounds=1,000,000, got 1,000,000,000.*critical"):
        play(PD, ["grim", "grim"], 10**9, 0.5)
    with pytest.raises(SolverLimitError, match="max_rounds=3"):
        play(PD, ["grim", "grim"], 4, 0.5, max_rounds=3)
    assert len(play(PD, ["grim", "grim"], 3, 0.5, max_rounds=3).history) == 3


def test_a_strategy_that_raises_is_a_callback_error():
    def strategy(history):
        raise RuntimeError("bad strategy")

    with pytest.raises(CallbackError, match=r"play: the strategy of 'Player 1'\(\(\)\) raised RuntimeError") as info:
        play(PD, [strategy, "grim"], 3, 0.5)
    assert isinstance(info.value.__cause__, RuntimeError)


def test_play_checks_strategies():
    with pytest.raises(InvalidArgumentError, match="did you mean 'tit_for_tat'"):
        play(PD, ["tit_for_tatt", "grim"], 3, 0.5)
    with pytest.raises(InvalidArgumentError, match="one strategy for each"):
        play(PD, 5, 3, 0.5)
    with pytest.raises(InvalidArgumentError, match="strategy name"):
        play(PD, [5, "grim"], 3, 0.5)


# ----------------------------------------------------------------------------- folk theorem region
def test_region_inputs_are_checked():
    region = individually_rational_region(PD)
    for point in ([float("nan"), 1], ["a", 1], [1], 5):
        with pytest.raises(InvalidArgumentError, match="PayoffRegion.contains"):
            region.contains(point)
    with pytest.raises(InvalidArgumentError, match="mixed"):
        minmax_values(PD, mixed="yes")
    with pytest.raises(InvalidGameTypeError, match="feasible_region"):
        feasible_region(None)


def test_repeated_results_share_the_vocabulary():
    region = individually_rational_region(PD)
    mm = minmax_values(PD)
    out = play(PD, ["tft", "alld"], 3, F(1, 2))
    for result in (region, mm, out, critical_discount_factor(PD, ("C", "C"))):
        assert isinstance(result, Result)
    assert isinstance(region, PayoffRegion) and region.is_exact and region == individually_rational_region(PD)
    assert isinstance(mm, Minmax) and mm.is_exact and mm.values == (1, 1)
    assert isinstance(out, RepeatedPlay) and out.is_exact
    assert not play(PD, ["tft", "alld"], 3, 0.5).is_exact
    assert isinstance(critical_discount_factor(PD, ("C", "C")), DiscountFactor)


@pytest.mark.parametrize("actions", [True, 1j, 0.5, 10**30, math.nan, "CC", ["C"], None])
def test_play_checks_the_cooperative_and_defecting_actions(actions):
    if actions is None:
        assert play(PD, ["grim", "grim"], 2, 0.5, cooperate=None).history == (("C", "C"), ("C", "C"))
        return
    for keyword in ("cooperate", "defect"):
        with pytest.raises(InvalidArgumentError, match=f"play: expected {keyword} as one action for each"):
            play(PD, ["grim", "grim"], 2, 0.5, **{keyword: actions})


def test_play_refuses_discounted_payoffs_beyond_the_range_of_floats():
    from coopgame.errors import SolverError

    game = cg.NormalFormGame([[[1e308, -1e308], [0, 0]], [[0, 0], [1e308, 1]]])
    with pytest.raises(SolverError, match="play: expected discounted payoffs within the range of floats"):
        cg.play(game, ["grim", "grim"], 5, 0.9)
    exact = cg.NormalFormGame([[[10**299, -10**299], [0, 0]], [[0, 0], [10**299, 1]]])
    assert float(cg.play(exact, ["grim", "grim"], 5, F(9, 10)).payoffs[0]) == pytest.approx(4.0951e299)
