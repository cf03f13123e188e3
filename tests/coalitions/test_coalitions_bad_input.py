"""Bad input to coopgame.coalitions: typed errors, size budgets, no quiet NaN."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coopgame.coalitions import (
    AgreementOutcome,
    ChanderTulkens,
    CoalitionCheck,
    ParadoxOfCooperation,
    StableSizes,
    barrett_cournot_agreement,
    chander_tulkens_transfers,
    coalition_stability,
    heterogeneous_linear_payoff,
    linear_benefit_agreement,
    optimal_transfers,
    paradox_of_cooperation,
    potentially_internally_stable,
    stable_coalition_sizes,
    stable_coalitions,
)
from coopgame.errors import (
    CallbackError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotSupportedError,
    SolverLimitError,
)
from coopgame.results import Result

PI_S = linear_benefit_agreement(10).pi_signatory
PI_N = linear_benefit_agreement(10).pi_nonsignatory


def boom(*args):
    raise ZeroDivisionError("inside the user's payoff")


# ----------------------------------------------------------------------------- callbacks
def test_payoff_functions_that_raise_are_callback_errors():
    with pytest.raises(CallbackError, match=r"stable_coalition_sizes: pi_signatory\(1\) raised ZeroDivisionError") as info:
        stable_coalition_sizes(boom, PI_N, 5)
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    for call in (lambda: coalition_stability(boom, {0}, range(3)),
                 lambda: stable_coalitions(boom, 3),
                 lambda: potentially_internally_stable(boom, {0, 1}),
                 lambda: optimal_transfers(boom, {0, 1})):
        with pytest.raises(CallbackError, match="payoff.*raised ZeroDivisionError"):
            call()


@pytest.mark.parametrize("bad", ["a", None, [1], 1j, True])
def test_payoff_functions_must_return_real_numbers(bad):
    with pytest.raises(InvalidArgumentTypeError, match=r"coalition_stability: expected payoff\(.*\) to return a real"):
        coalition_stability(lambda i, S: bad, {0, 1}, range(3))
    with pytest.raises(InvalidArgumentTypeError, match=r"expected pi_nonsignatory\(0\) to return a real number"):
        stable_coalition_sizes(PI_S, lambda k: bad, 4)


@pytest.mark.parametrize("bad", [float("nan"), math.inf, -math.inf])
def test_payoff_functions_must_return_finite_numbers(bad):
    with pytest.raises(CallbackError, match="finite real number"):
        stable_coalition_sizes(lambda k: bad, PI_N, 4)
    with pytest.raises(CallbackError, match="finite real number"):
        coalition_stability(lambda i, S: bad, {0, 1}, range(3))


def test_undecidable_symbolic_comparisons_name_the_function():
    import sympy

    x = sympy.Symbol("x")
    with pytest.raises(NotSupportedError, match="coalition_stability: cannot decide"):
        coalition_stability(lambda i, S: x * len(S), {0, 1}, range(3))


# ----------------------------------------------------------------------------- sizes
def test_stable_coalition_sizes_has_a_budget_checked_before_any_call():
    calls = []

    def pi(k):
        calls.append(k)
        return 0

    with pytest.raises(SolverLimitError, match=r"of at most max_players=100,000, got 1,000,000,000"):
        stable_coalition_sizes(pi, pi, 10**9)
    assert calls == []
    assert stable_coalition_sizes(PI_S, PI_N, 10, max_players=10) == (3,)
    with pytest.raises(SolverLimitError, match="max_players=9"):
        stable_coalition_sizes(PI_S, PI_N, 10, max_players=9)


@pytest.mark.parametrize("n", [0, 2.5, "3", True, None])
def test_stable_coalition_sizes_refuses_bad_n(n):
    with pytest.raises(InvalidArgumentError, match="stable_coalition_sizes: expected n"):
        stable_coalition_sizes(PI_S, PI_N, n)


def test_stable_coalitions_players_and_budget():
    pay = heterogeneous_linear_payoff([1] * 4, [1] * 4)
    with pytest.raises(InvalidArgumentError, match="stable_coalitions: expected players to be an integer"):
        stable_coalitions(pay, 2.5)
    with pytest.raises(SolverLimitError, match=r"of at most max_players=16, got 1,000,000,000"):
        stable_coalitions(pay, 10**9)
    with pytest.raises(SolverLimitError, match="max_players=3.*coalition_stability"):
        stable_coalitions(pay, 4, max_players=3)
    with pytest.raises(InvalidArgumentTypeError, match="strict_external"):
        stable_coalitions(pay, 4, strict_external="yes")
    with pytest.raises(InvalidArgumentError, match="distinct"):
        stable_coalitions(pay, [0, 0, 1])
    assert len(stable_coalitions(pay, 4.0)) == 4  # an integral float is a count


def test_paradox_of_cooperation_has_a_work_budget():
    with pytest.raises(SolverLimitError, match="max_work"):
        paradox_of_cooperation(10**9)
    with pytest.raises(SolverLimitError, match="of at most max_work=29, got 30"):
        paradox_of_cooperation(10, [0.1, 1.0, 10.0], max_work=29)
    for gammas in ([float("nan")], [0.0], ["a"], [], "abc"):
        with pytest.raises(InvalidArgumentError, match="gamma"):
            paradox_of_cooperation(10, gammas)
    with pytest.raises(InvalidArgumentError, match="did you mean 'cournot'"):
        paradox_of_cooperation(10, [1.0], model="cournott")


# ----------------------------------------------------------------------------- numbers
@pytest.mark.parametrize("bad", [float("nan"), math.inf, -1, 0, True, "1", 10**400])
def test_agreement_parameters_are_checked(bad):
    with pytest.raises(InvalidArgumentError, match="barrett_cournot_agreement"):
        barrett_cournot_agreement(10, a=bad)
    with pytest.raises(InvalidArgumentError, match="heterogeneous_linear_payoff"):
        heterogeneous_linear_payoff([1, bad], [1, 1])


def test_agreement_sizes_are_checked():
    model = linear_benefit_agreement(5)
    with pytest.raises(InvalidArgumentError, match=r"Agreement.welfare: expected the coalition size k"):
        model.welfare(6)
    with pytest.raises(InvalidArgumentError, match=r"Agreement.outcome"):
        model.outcome(k=2.5)
    assert model.welfare(2.0) == model.welfare(2)


def test_chander_tulkens_refuses_overflow_instead_of_returning_nan():
    with pytest.raises(InvalidArgumentError, match="range of floats; pass integers or Fractions"):
        chander_tulkens_transfers([1e300, 1], [1, 1])
    exact = chander_tulkens_transfers([10**300, 1], [1, 1])  # exact input stays exact, however large
    assert exact.is_exact and sum(exact.transfers) == 0
    for bad in ([float("nan"), 1], [0, 1], [True, 1], ["a", 1]):
        with pytest.raises(InvalidArgumentError, match="chander_tulkens_transfers: expected damages"):
            chander_tulkens_transfers(bad, [1, 1])
    with pytest.raises(InvalidArgumentError, match="chander_tulkens_transfers"):
        chander_tulkens_transfers(5, [1])


def test_chander_tulkens_gamma_core_budget():
    ct = chander_tulkens_transfers([1, 1, 2], [1, 2, 1])
    with pytest.raises(SolverLimitError, match="max_players=2.*gamma_value"):
        ct.in_gamma_core(max_players=2)
    with pytest.raises(SolverLimitError, match="max_players=2"):
        ct.gamma_game(max_players=2)
    assert ct.in_gamma_core() and ct.gamma_game().num_players == 3
    with pytest.raises(InvalidArgumentError, match="gamma_value"):
        ct.gamma_value({0, 5})


# ----------------------------------------------------------------------------- results
def test_stable_sizes_is_a_frozen_result_that_compares_like_the_sizes():
    sizes = stable_coalition_sizes(PI_S, PI_N, 10, strict_external=False)
    assert isinstance(sizes, StableSizes) and isinstance(sizes, Result)
    assert sizes == (2, 3) and list(sizes) == [2, 3] and len(sizes) == 2 and sizes[-1] == 3 and 3 in sizes
    assert max(sizes) == 3 and tuple(sizes) == (2, 3) and hash(sizes) == hash((2, 3))
    assert sizes != stable_coalition_sizes(PI_S, PI_N, 10)
    with pytest.raises(AttributeError):
        sizes.sizes = (1,)
    assert sizes.to_dict()["sizes"] == (2, 3) and len(sizes.checks) == 10
    assert not StableSizes(())


def test_coalition_results_share_the_vocabulary():
    out = linear_benefit_agreement(10).outcome()
    assert isinstance(out, AgreementOutcome) and out.is_exact and out.size == 3
    ct = chander_tulkens_transfers([1, 1, 2], [1, 2, 1])
    assert isinstance(ct, ChanderTulkens) and ct.is_exact and sum(ct.payoffs) == sum(ct.optimal_welfare)
    assert not chander_tulkens_transfers([1.0, 1.0], [1.0, 2.0]).is_exact
    check = coalition_stability(heterogeneous_linear_payoff([1] * 5, [1] * 5), {0, 1, 2}, range(5))
    assert isinstance(check, CoalitionCheck) and isinstance(check, Result) and check.stable
    paradox = paradox_of_cooperation(10, [0.01, 1.0])
    assert isinstance(paradox, ParadoxOfCooperation) and paradox == paradox_of_cooperation(10, [0.01, 1.0])
    with pytest.raises(ValueError):
        paradox.stable_size[0] = 1


def test_agreements_built_by_hand_are_checked():
    from coopgame.coalitions import Agreement

    f = linear_benefit_agreement(5).pi_signatory
    with pytest.raises(InvalidArgumentError, match="Agreement: expected pi_signatory to be a function"):
        Agreement(float("nan"), f, f, f, 5, "x")
    with pytest.raises(InvalidArgumentError, match="Agreement: expected n"):
        Agreement(f, f, f, f, float("nan"), "x")
    with pytest.raises(InvalidArgumentError, match="Agreement: expected name"):
        Agreement(f, f, f, f, 5, float("nan"))
    assert Agreement(f, f, f, f, 5.0, "x").n == 5


def test_coalition_stability_bounds_the_number_of_players():
    pay = heterogeneous_linear_payoff([1] * 3, [1] * 3)
    with pytest.raises(SolverLimitError, match=r"coalition_stability: .* of at most max_players=100,000"):
        coalition_stability(pay, {0}, 10**30)
    with pytest.raises(SolverLimitError, match="max_players=2"):
        coalition_stability(pay, {0}, range(3), max_players=2)
    assert coalition_stability(pay, {0, 1}, 3).internal


def test_stable_sizes_show_every_check_in_a_notebook():
    html = linear_benefit_agreement(5).stable_sizes()._repr_html_()
    assert "stable sizes 3 (external stability strict)" in html
    assert html.count("<tr>") == 1 + 5 and "a signatory gains by leaving" in html


@pytest.mark.parametrize("gamma", [1e308, 1e-308, 1e-7, 1e101])
def test_paradox_of_cooperation_refuses_gamma_where_floats_lose_the_welfare(gamma):
    from coopgame.coalitions import GAMMA_RANGE, paradox_of_cooperation

    assert GAMMA_RANGE == (1e-6, 1e100)
    with pytest.raises(InvalidArgumentError, match="paradox_of_cooperation: expected gamma to be a finite real number >= 1e-06"):
        paradox_of_cooperation(5, [gamma])


@pytest.mark.parametrize("model", ["stackelberg", "cournot"])
def test_paradox_of_cooperation_at_the_ends_of_the_gamma_range(model):
    from coopgame.coalitions import GAMMA_RANGE, paradox_of_cooperation

    data = paradox_of_cooperation(50, list(GAMMA_RANGE), model=model)
    assert np.all(np.isfinite(data.relative_gain)) and np.all(np.isfinite(data.closure))
    assert np.all((data.stable_size >= 1) & (data.stable_size <= 50))


def test_agreement_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.coalitions import linear_benefit_agreement
    from coopgame.errors import InvalidArgumentTypeError

    obj = linear_benefit_agreement(5, 1, 2)
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.outcome(k=2, strict=True)
    assert "Agreement.outcome: got an unknown keyword argument 'strict'" in str(caught.value)

def test_paradox_of_cooperation_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.coalitions import paradox_of_cooperation
    from coopgame.errors import InvalidArgumentTypeError

    obj = paradox_of_cooperation(4, [0.5, 2.0])
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.to_frame(wide=True)
    assert "ParadoxOfCooperation.to_frame: got an unknown keyword argument 'wide'; it takes no keyword arguments" in str(caught.value)
