"""Tests of coopgame.cooperative.alternating_offers: Rubinstein bargaining (claim C23).

Oracles: the closed forms (Rubinstein 1982's share, the finite-horizon sum
for equal discount factors), an independent backward induction written here
over the subgame values, and nash_bargaining for the short-period limit.
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coopgame.cooperative import RubinsteinSolution, TUGame, nash_bargaining, rubinstein
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, SolverLimitError

discount = st.fractions(F(0), F(1), max_denominator=50)
inner = st.fractions(F(1, 50), F(49, 50), max_denominator=50)


def backward_induction(d1, d2, horizon):
    """Shares (party 1, party 2) by backward induction over the value of each party at each period (oracle)."""
    v = [F(0), F(0)]  # values (in period-t units) if no agreement by the end
    for t in range(horizon - 1, -1, -1):
        proposer = t % 2
        responder = 1 - proposer
        # the responder accepts anything worth its discounted continuation value
        keep = (d1, d2)[responder] * v[responder]
        new = [F(0), F(0)]
        new[responder] = keep
        new[proposer] = 1 - keep
        v = new
    return tuple(v)


# --------------------------------------------------------------------------- published
def test_published_rubinstein_1982_theorem():
    """Rubinstein (1982), Theorem: the first mover gets (1 - d2)/(1 - d1 d2) (Osborne and Rubinstein 1990, ch. 3)."""
    s = rubinstein((F(9, 10), F(4, 5)))
    assert s.shares == ((1 - F(4, 5)) / (1 - F(9, 10) * F(4, 5)), 1 - (1 - F(4, 5)) / (1 - F(9, 10) * F(4, 5)))
    assert s.shares == (F(5, 7), F(2, 7))
    # equal discount factors: 1/(1 + d) for the first mover
    assert rubinstein(F(1, 2)).shares == (F(2, 3), F(1, 3))


@given(discount, discount)
def test_closed_form(d1, d2):
    assume(d1 * d2 != 1)
    s = rubinstein((d1, d2), surplus=3)
    assert s.is_exact and s.shares[0] == (1 - d2) / (1 - d1 * d2)
    assert s.payoffs == (3 * s.shares[0], 3 * s.shares[1])


@given(discount, discount, st.integers(1, 40))
def test_finite_horizon_is_backward_induction(d1, d2, horizon):
    assert rubinstein((d1, d2), horizon=horizon).shares == backward_induction(d1, d2, horizon)


@given(discount, st.integers(1, 40))
def test_finite_horizon_closed_form_for_equal_discounts(d, horizon):
    assert rubinstein(d, horizon=horizon).shares[0] == (1 - (-d) ** horizon) / (1 + d)


@given(inner, inner, st.integers(1, 60))
def test_finite_horizon_tends_to_the_infinite_one(d1, d2, horizon):
    gap = abs(rubinstein((d1, d2), horizon=horizon).shares[0] - rubinstein((d1, d2)).shares[0])
    assert gap <= (d1 * d2) ** ((horizon - 1) // 2)


# --------------------------------------------------------------------------- C23
@given(discount, discount)
def test_c23_efficient(d1, d2):
    assume(d1 * d2 != 1)
    s = rubinstein((d1, d2), surplus=F(7, 3))
    assert sum(s.shares) == 1 and sum(s.payoffs) == F(7, 3)
    assert all(0 <= x <= 1 for x in s.shares)


@given(inner, inner, inner)
def test_c23_first_mover_share_rises_with_own_patience_and_falls_with_the_others(a, b, other):
    assume(a < b)
    assert rubinstein((b, other)).shares[0] > rubinstein((a, other)).shares[0]
    assert rubinstein((other, b)).shares[0] < rubinstein((other, a)).shares[0]


@settings(max_examples=60)
@given(st.floats(0.05, 5), st.floats(0.05, 5))
def test_c23_short_periods_tend_to_the_weighted_nash_solution(r1, r2):
    """Binmore, Rubinstein and Wolinsky (1986): d_i = exp(-r_i h), h -> 0 gives powers r2/(r1+r2), r1/(r1+r2)."""
    limit = nash_bargaining(TUGame(2, [0, 0, 0, 1]), weights=(r2, r1)).payoffs
    assert limit[0] == pytest.approx(r2 / (r1 + r2))
    errors = []
    for h in (1e-1, 1e-2, 1e-3, 1e-4):
        s = rubinstein((math.exp(-r1 * h), math.exp(-r2 * h)))
        assert not s.is_exact
        assert s.nash_weights == pytest.approx((r2 / (r1 + r2), r1 / (r1 + r2)))
        errors.append(abs(s.shares[0] - limit[0]))
    assert errors[-1] <= 1e-3
    assert errors[-1] <= errors[0] + 1e-12


# --------------------------------------------------------------------------- the result and options
def test_result_and_first_mover():
    s = rubinstein((F(9, 10), F(4, 5)), first=1)
    assert s.first == 1
    assert s.shares == (1 - (1 - F(9, 10)) / (1 - F(9, 10) * F(4, 5)), (1 - F(9, 10)) / (1 - F(9, 10) * F(4, 5)))
    assert "party 2 proposes first" in repr(s)
    assert isinstance(s, RubinsteinSolution) and s == rubinstein((F(9, 10), F(4, 5)), first=1)
    assert hash(s) == hash(rubinstein((F(9, 10), F(4, 5)), first=1))
    assert s.to_dict()["horizon"] is None and "<table" in s._repr_html_()
    assert rubinstein((0.9, 0.8)).shares[0] == pytest.approx(5 / 7)
    assert rubinstein((1, F(1, 2))).shares == (1, 0)  # a perfectly patient first mover takes all
    assert rubinstein((1, 1), horizon=4).shares == (0, 1)  # no impatience: the last proposer takes all
    assert rubinstein((0, 0)).nash_weights is None
    assert "horizon 4" in repr(rubinstein(F(1, 2), horizon=4))


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("discounts", [(1.5, 0.5), (-0.1, 0.5), (float("nan"), 0.5), (0.5, math.inf),
                                       (0.5, 0.5, 0.5), (0.5,), "0.5", (True, 0.5), None])
def test_bad_discounts(discounts):
    with pytest.raises(InvalidArgumentError):
        rubinstein(discounts)


def test_no_impatience_without_deadline():
    with pytest.raises(InvalidArgumentError, match="every split is an equilibrium"):
        rubinstein((1, 1))


@pytest.mark.parametrize("kwargs", [{"surplus": 0}, {"surplus": -1}, {"surplus": float("nan")}, {"surplus": "1"},
                                    {"horizon": 0}, {"horizon": 1.5}, {"horizon": True}, {"first": 2},
                                    {"max_horizon": 0}])
def test_bad_options(kwargs):
    with pytest.raises(InvalidArgumentError):
        rubinstein((0.5, 0.5), **kwargs)


def test_horizon_budget_and_misspelt_keyword():
    with pytest.raises(SolverLimitError, match="max_horizon"):
        rubinstein((0.5, 0.5), horizon=11, max_horizon=10)
    assert rubinstein((F(1, 2), F(1, 2)), horizon=11, max_horizon=11).is_exact
    with pytest.raises(InvalidArgumentTypeError, match="horizon"):
        rubinstein((0.5, 0.5), horizn=3)
