"""Linear-state games: exact feedback equilibria, coalition worths and time-consistent payments.

The model is the emission-reduction game of Petrosyan and Zaccour (2003): region i
bears the cost gamma/2 (E_i - ebar_i)**2 of cutting its emission E_i below its
business-as-usual level ebar_i and the damage pi_i S of the stock, which moves by
dS/dt = sum_j E_j - delta S. The damage is linear in the stock, so the value
functions are linear and the strategies constant. The parameter values below are
this test's own (no numbers are taken from the paper); every expected value is
derived here from the Hamilton-Jacobi-Bellman equations, independently of the
library's Riccati machinery.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.differential import (
    DifferentialGame,
    coalition_worths,
    cooperative_solution,
    feedback_nash,
    time_consistent_payments,
)
from coopgame.errors import InvalidGameError

R = sympy.Rational
S = sympy.Symbol("S", real=True)


def emission_game(ebar, pi, gamma, delta, r):
    E = sympy.symbols(f"E1:{len(ebar) + 1}", real=True)
    payoffs = [-(gamma / 2) * (E[i] - ebar[i]) ** 2 - pi[i] * S for i in range(len(ebar))]
    return DifferentialGame(len(ebar), S, list(E), sum(E) - delta * S, payoffs, r)


def hjb_worth(K, ebar, pi, gamma, delta, r):
    """v(K, S) when K acts as one player and the others alone (the HJB with a value linear in S).

    Coefficient of S: r a = -sum_K pi - delta a, so a_K = -sum_K pi / (r + delta); a member emits
    ebar_i + a_K/gamma, an outsider j ebar_j - pi_j/(gamma (r + delta)); the constant solves
    r b = -|K| a_K**2/(2 gamma) + a_K * (sum of all emissions).
    """
    n = len(ebar)
    a_K = -sum(pi[i] for i in K) / (r + delta)
    emissions = [ebar[i] + (a_K if i in K else -pi[i] / (r + delta)) / gamma for i in range(n)]
    b_K = (-len(K) * a_K ** 2 / (2 * gamma) + a_K * sum(emissions)) / r
    return a_K * S + b_K


def shapley_by_orders(worth, n):
    """Average marginal contribution over all n! orders (independent of the library's Shapley routine)."""
    phi = [sympy.Integer(0)] * n
    for order in itertools.permutations(range(n)):
        before: tuple[int, ...] = ()
        for i in order:
            after = tuple(sorted((*before, i)))
            phi[i] += worth(after) - (worth(before) if before else 0)
            before = after
    return [sympy.expand(p / math.factorial(n)) for p in phi]


EBAR, PI = [10, 12, 8], [R(1, 2), 1, R(3, 2)]
GAMMA, DELTA, RATE = R(1), R(1, 10), R(1, 20)


def test_three_unequal_regions_are_solved_exactly():
    game = emission_game(EBAR, PI, GAMMA, DELTA, RATE)
    fb = feedback_nash(game)
    assert fb.is_exact and fb.method.startswith("linear-state game")
    # constant strategies ebar_i - pi_i/(gamma (r + delta)), values linear in the stock
    assert list(fb.strategies) == [EBAR[i] - PI[i] / (GAMMA * (RATE + DELTA)) for i in range(3)] == [R(20, 3), R(16, 3), -2]
    for i in range(3):
        assert sympy.expand(fb.value_functions[i] - hjb_worth((i,), EBAR, PI, GAMMA, DELTA, RATE)) == 0
    coop = cooperative_solution(game)
    assert coop.is_exact and list(coop.strategies) == [e - sum(PI) / (GAMMA * (RATE + DELTA)) for e in EBAR]
    assert sympy.expand(sum(coop.value_functions) - hjb_worth((0, 1, 2), EBAR, PI, GAMMA, DELTA, RATE)) == 0


def test_coalition_worths_and_shapley_imputation_match_the_hjb_derivation():
    game = emission_game(EBAR, PI, GAMMA, DELTA, RATE)
    worths = coalition_worths(game)
    assert set(worths) == {K for k in range(1, 4) for K in itertools.combinations(range(3), k)}
    for K, v in worths.items():
        assert sympy.expand(v - hjb_worth(K, EBAR, PI, GAMMA, DELTA, RATE)) == 0, K
    plan = time_consistent_payments(game, 0, num=5)
    assert plan.is_exact
    expected = shapley_by_orders(lambda K: hjb_worth(K, EBAR, PI, GAMMA, DELTA, RATE), 3)
    assert [sympy.expand(f - e) for f, e in zip(plan.imputation_functions, expected)] == [0, 0, 0]
    assert list(plan.imputation) == [e.xreplace({S: 0}) for e in expected] == [R(23500, 27), R(1000, 27), R(-24500, 27)]
    # the slope of the damage is additive over coalitions, so each region's share of it is its own damage
    assert [sympy.diff(e, S) for e in plan.imputation_functions] == [-p / (RATE + DELTA) for p in PI]
    assert all(plan.agreeable) and all(plan.agreeable_at_start)


def test_payments_follow_the_imputation_distribution_procedure():
    # beta_i(t) = r xi_i(S(t)) - xi_i'(S(t)) dS/dt along the cooperative path; here xi_i' is constant
    game = emission_game(EBAR, PI, GAMMA, DELTA, RATE)
    plan = time_consistent_payments(game, 40, num=9)
    coop_emission = sum(e - sum(PI) / (GAMMA * (RATE + DELTA)) for e in EBAR)
    stock_star = coop_emission / DELTA
    state = float(stock_star) + (40 - float(stock_star)) * np.exp(-float(DELTA) * plan.t)
    assert np.allclose(plan.state, state, rtol=1e-12, atol=1e-9)
    for i, xi in enumerate(plan.imputation_functions):
        slope, level = float(sympy.diff(xi, S)), float(xi.xreplace({S: 0}))
        beta = float(RATE) * (slope * state + level) - slope * (float(coop_emission) - float(DELTA) * state)
        assert np.allclose(plan.payments[:, i], beta, rtol=1e-10, atol=1e-8)
    # at each date the payments add up to the cooperative flow of payoffs
    coop = cooperative_solution(game)
    flows = coop.path(40, float(plan.t[-1]), num=9).payoffs.sum(axis=1)
    assert np.allclose(plan.payments.sum(axis=1), flows, rtol=1e-10, atol=1e-8)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 20), st.integers(1, 9)), min_size=2, max_size=4),
       st.integers(1, 5), st.integers(1, 5))
def test_linear_state_games_stay_exact_for_any_unequal_regions(regions, delta, rate):
    ebar = [R(e) for e, _ in regions]
    pi = [R(p, 4) for _, p in regions]
    delta_, rate_ = R(delta, 10), R(rate, 20)
    game = emission_game(ebar, pi, R(2), delta_, rate_)
    fb = feedback_nash(game)
    assert fb.is_exact
    assert list(fb.strategies) == [ebar[i] - pi[i] / (2 * (rate_ + delta_)) for i in range(len(ebar))]
    worths = coalition_worths(game)
    for K in [(0,), tuple(range(len(ebar)))]:
        assert sympy.expand(worths[K] - hjb_worth(K, ebar, pi, R(2), delta_, rate_)) == 0


def test_a_stock_that_grows_too_fast_is_refused():
    # dS/dt = E - (-1) S: the stock grows at rate 1 > r/2 whatever the (constant) strategies
    E1, E2 = sympy.symbols("E1 E2", real=True)
    game = DifferentialGame(2, S, [E1, E2], E1 + E2 + S, [-(E1 - 1) ** 2 / 2 - S, -(E2 - 2) ** 2 / 2 - 2 * S], R(1, 20))
    with pytest.raises(InvalidGameError, match="linear-state game"):
        feedback_nash(game)
