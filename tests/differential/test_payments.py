"""Time-consistent payments: claim C20 (budget balance, time consistency, agreeability) and typed errors."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import simpson
from scipy.linalg import solve_continuous_are

from coopgame.differential import (
    DifferentialGame,
    coalition_worths,
    cooperative_solution,
    feedback_nash,
    time_consistent_payments,
)
from coopgame.differential.linear_quadratic import lq_data
from coopgame.differential.payments import _block_game
from coopgame.errors import InvalidArgumentError, NotSupportedError, SolverLimitError
from coopgame.mechanisms import Standard
from coopgame.models import stock_pollution


def discounted(t, flow, r):
    return simpson(np.exp(-r * t) * flow, x=t)


unequal_damages = st.fixed_dictionaries({
    "beta_1": st.floats(0.01, 1), "beta_2": st.floats(0.01, 1), "beta_3": st.floats(0.01, 1),
    "alpha": st.floats(0.5, 5), "delta": st.floats(0.05, 0.5), "r": st.floats(0.02, 0.2),
})


# each example solves eight games and integrates the schedule: fewer examples than the profile's default
@settings(max_examples=10)
@given(unequal_damages, st.floats(0, 20), st.sampled_from(["shapley", "nash"]))
def test_claim_c20(p, x0, sharing):
    check_c20(p, x0, sharing)


def check_c20(p, x0, sharing):
    game = stock_pollution(n=3, unequal=True).numeric(**p)
    r = p["r"]
    plan = time_consistent_payments(game, x0, sharing, t_max=40 / r, num=100001)
    imputation = np.asarray(plan.imputation, dtype=float)
    scale = 1 + np.abs(imputation).max()
    # the discounted payments add up to the imputation
    total = [discounted(plan.t, plan.payments[:, i], r) for i in range(3)]
    tail = np.exp(-40) * imputation  # what remains after t_max, at the stock then reached
    # (Simpson's rule on the grid is accurate to about 1e-5 when the stock moves fast: the tolerance is the quadrature's)
    assert np.asarray(total) + tail == pytest.approx(imputation, rel=1e-4, abs=1e-5 * scale)
    # the imputations add up to the cooperative value
    coop = cooperative_solution(game)
    assert imputation.sum() == pytest.approx(np.asarray(coop.values(x0), dtype=float).sum(), rel=1e-9, abs=1e-9)
    # payments at each date add up to the cooperative payoff flow at that date
    path = coop.path(x0, plan.t[-1], num=plan.t.size)
    assert plan.payments.sum(axis=1) == pytest.approx(path.payoffs.sum(axis=1), rel=1e-8, abs=1e-8)
    # from a later date, what remains equals the imputation of the game starting at the stock reached (re-solved)
    k = 10000
    later = time_consistent_payments(game, float(plan.state[k]), sharing, num=2)
    remaining = [discounted(plan.t[k:] - plan.t[k], plan.payments[k:, i], r) for i in range(3)]
    tail_k = np.exp(-r * (plan.t[-1] - plan.t[k])) * np.asarray(later.imputation, dtype=float)  # negligible here
    assert np.asarray(remaining) == pytest.approx(np.asarray(later.imputation, dtype=float) - tail_k, rel=1e-4, abs=1e-5 * scale)
    # each region's imputation is at least its feedback-Nash value, along the whole path
    assert np.all(imputation >= np.asarray(plan.noncooperative, dtype=float) - 1e-9 * max(1, np.abs(imputation).max()))
    assert all(plan.agreeable) and all(plan.agreeable_at_start)
    assert np.all(plan.margins >= -1e-9 * max(1, np.abs(plan.margins).max()))


def test_derived_two_regions_shapley_is_equal_split_and_exact():
    game = stock_pollution(n=2).numeric()
    shapley = time_consistent_payments(game, 1, num=3)
    nash = time_consistent_payments(game, 1, "nash", num=3)
    assert shapley.is_exact and list(shapley.imputation) == list(nash.imputation)
    W = sum(cooperative_solution(game).values(1))
    V = feedback_nash(game).values(1)
    assert sympy.expand(sympy.radsimp(shapley.imputation[0] - (V[0] + (W - sum(V)) / 2))) == 0


def test_worths():
    game = stock_pollution(n=3, unequal=True).numeric()
    worths = coalition_worths(game)
    S = game.state[0]
    assert len(worths) == 7
    coop = cooperative_solution(game)
    fb = feedback_nash(game)
    assert float(worths[(0, 1, 2)].xreplace({S: 2})) == pytest.approx(float(sum(coop.values(2))), rel=1e-9)
    for i in range(3):
        assert float(worths[(i,)].xreplace({S: 2})) == pytest.approx(float(fb.values(2)[i]), rel=1e-9)
    # the pair's worth, independently: scipy's Riccati solver for the pair's problem against region 3's rule
    _, rule = _block_game(lq_data(game), [[0, 1], [2]], [0, 1, 2], "test")
    r, a3, b3 = 0.05, float(rule.a[2]), float(rule.b[2])
    A_aug = np.array([[-0.1 + b3, a3], [0, 0]]) - r / 2 * np.eye(2)
    B_aug = np.array([[1.0, 1.0], [0, 0]])
    # cost -(g1 + g2) = (beta_1 + beta_2) S**2/2 - e1 - e2 + (e1**2 + e2**2)/2 with beta_i = i/20
    Q, R, N = np.array([[0.15 / 2, 0], [0, 0]]), np.eye(2) / 2, np.array([[0, 0], [-0.5, -0.5]])
    X = solve_continuous_are(A_aug, B_aug, Q, R, s=N)
    start = np.array([2.0, 1.0])
    assert float(worths[(0, 1)].xreplace({S: 2})) == pytest.approx(-start @ X @ start, rel=1e-9)
    # not superadditive: region 3's feedback response to the pair's abatement leaves the pair worse off than apart
    assert float(worths[(0, 1)].xreplace({S: 2})) < float((worths[(0,)] + worths[(1,)]).xreplace({S: 2}))


def test_given_weights():
    game = stock_pollution(n=2, unequal=True).numeric()
    plan = time_consistent_payments(game, 0, "weights", weights=[3, 1], num=3)
    surplus = float(sum(cooperative_solution(game).values(0)) - sum(feedback_nash(game).values(0)))
    gains = np.asarray(plan.imputation, dtype=float) - np.asarray(plan.noncooperative, dtype=float)
    assert gains == pytest.approx([0.75 * surplus, 0.25 * surplus])
    assert "imputation" in plan._repr_html_()


def test_errors():
    game = stock_pollution(n=2).numeric()
    with pytest.raises(InvalidArgumentError, match="did you mean 'shapley'"):
        time_consistent_payments(game, 0, "shapely")
    with pytest.raises(InvalidArgumentError, match="weights= only"):
        time_consistent_payments(game, 0, "nash", weights=[1, 1])
    with pytest.raises(InvalidArgumentError, match="weights="):
        time_consistent_payments(game, 0, "weights")
    with pytest.raises(InvalidArgumentError):
        time_consistent_payments(game, float("nan"))
    with pytest.raises(InvalidArgumentError):
        time_consistent_payments(game, 0, t_max=0)
    with pytest.raises(SolverLimitError, match="max_players"):
        time_consistent_payments(stock_pollution(n=4).numeric(), 0, max_players=3)
    with pytest.raises(SolverLimitError, match="max_players"):
        coalition_worths(stock_pollution(n=4).numeric(), max_players=3)
    lake = DifferentialGame(1, "x", ["u"], "u - x + x**2/(1 + x**2)", ["log(u) - x**2"], 1)
    with pytest.raises(NotSupportedError, match="linear-quadratic"):
        time_consistent_payments(lake, 0)
    S, e1, e2 = game.state[0], *game.all_controls
    two_rates = DifferentialGame(2, S, [e1, e2], game.dynamics[0], game.payoffs, ["1/20", "1/10"])
    with pytest.raises(NotSupportedError, match="common discount"):
        time_consistent_payments(two_rates, 0)


def test_bounds_are_respected_by_every_game_the_schedule_values():
    # a floor on emissions (a Standard): no game the schedule uses may push a region below it
    game = stock_pollution(n=2).numeric()
    floored = game.apply(Standard(0, "e1 < 0"), Standard(1, "e2 < 0"))
    # from x0 = 0 every rule emits more than nothing: same schedule as without the floor
    plain, kept = time_consistent_payments(game, 0, num=5), time_consistent_payments(floored, 0, num=5)
    assert list(kept.imputation) == list(plain.imputation)
    assert np.array_equal(kept.payments, plain.payments)
    # from x0 = 5 cooperation starts by emitting less than nothing (e = -0.54): the floor binds there, at x0 only
    coop = cooperative_solution(game)
    assert float(coop.steady_states[0].controls[0]) > 0 > coop.path(5, 1, num=2).controls[0, 0]
    for sharing in ("shapley", "nash"):
        with pytest.raises(NotSupportedError, match="time_consistent_payments: expected controls within their bounds"):
            time_consistent_payments(floored, 5, sharing)


def test_coalition_worths_refuse_a_coalition_game_beyond_the_bounds():
    # linear damages (Petrosyan and Zaccour 2003): a coalition K's members emit ebar_i - sum_K pi/(r + delta);
    # region 3 (ebar 8) emits -2 alone, -16/3 with region 1, -26/3 with region 2, -12 with both
    S = sympy.Symbol("S")
    E = sympy.symbols("E1:4")
    ebar, pi = [10, 12, 8], [sympy.Rational(1, 2), 1, sympy.Rational(3, 2)]
    game = DifferentialGame(3, S, list(E), sum(E) - S / 10,
                            [-(E[i] - ebar[i]) ** 2 / 2 - pi[i] * S for i in range(3)], sympy.Rational(1, 20))
    assert coalition_worths(game.apply(Standard(2, "E3 < -13"))) == coalition_worths(game)
    with pytest.raises(NotSupportedError, match=r"E3 = -12 beyond the bound -11.*coalition \(0, 1, 2\) plays as one"):
        coalition_worths(game.apply(Standard(2, "E3 < -11")))
    with pytest.raises(NotSupportedError, match=r"coalition \(1, 2\) plays as one"):
        coalition_worths(game.apply(Standard(2, "E3 < -8")))
