"""A leading centre announcing a tax rule; the downstream-pollution model."""

from __future__ import annotations

import numpy as np
import pytest

from coopgame.differential import (
    central_tax_rule,
    cooperative_solution,
    feedback_nash,
    open_loop_nash,
    time_consistent_payments,
)
from coopgame.errors import InvalidArgumentError, NotSupportedError
from coopgame.models import downstream_pollution, shallow_lake, stock_pollution


def test_linear_tax_rule_implements_cooperation():
    game = stock_pollution(n=2).numeric()
    linear = central_tax_rule(game, 0)
    constant = central_tax_rule(game, 0, "constant")
    assert linear.gap_closed == pytest.approx(1, abs=1e-6)
    assert 0.9 < constant.gap_closed < linear.gap_closed
    # the regions' response to the linear rule reaches the cooperative steady state
    coop = cooperative_solution(game)
    assert float(linear.response.steady_states[0].state) == pytest.approx(float(coop.steady_states[0].state), rel=1e-5)
    assert "CentralTax(rule=" in repr(linear)


def test_central_tax_errors():
    with pytest.raises(InvalidArgumentError, match="did you mean 'linear'"):
        central_tax_rule(stock_pollution(n=2).numeric(), 0, "lineer")
    with pytest.raises(NotSupportedError):
        central_tax_rule(shallow_lake().numeric(), 0.5)


def test_downstream_pollution():
    game = downstream_pollution().numeric()
    fb, ol = feedback_nash(game), open_loop_nash(game)
    # upstream ignores the stock: it emits alpha_u whatever happens, so open loop and feedback coincide
    S = game.state[0]
    assert float(fb.strategies[0].xreplace({S: 0})) == pytest.approx(1)
    assert abs(float(fb.strategies[0].xreplace({S: 1})) - 1) < 1e-12
    assert float(ol.steady_states[0].state) == pytest.approx(float(fb.steady_states[0].state), rel=1e-9)
    plan = time_consistent_payments(game, 0, num=5)
    gains = np.asarray(plan.imputation, dtype=float) - np.asarray(plan.noncooperative, dtype=float)
    assert np.all(gains > 0) and all(plan.agreeable)
    # cooperation costs upstream (it abates for downstream's sake) so downstream pays: its payments are negative
    coop_upstream = float(cooperative_solution(game).values(0)[0])
    assert coop_upstream < float(plan.noncooperative[0]) and np.all(plan.payments[1:, 1] < 0)
    with pytest.raises(InvalidArgumentError, match="did you mean"):
        downstream_pollution(alpha_up=2)
