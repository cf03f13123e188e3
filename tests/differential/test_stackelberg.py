"""A leading centre announcing a tax rule; the downstream-pollution model."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from scipy.integrate import simpson

from coopgame.differential import (
    DifferentialGame,
    central_tax_rule,
    cooperative_solution,
    feedback_nash,
    open_loop_nash,
    time_consistent_payments,
)
from coopgame.differential.feedback import owners
from coopgame.differential.linear_quadratic import lq_data, rule_values
from coopgame.differential.stackelberg import _taxed, _TaxedResponse
from coopgame.errors import InvalidArgumentError, NotSupportedError, SolverError
from coopgame.mechanisms import Standard
from coopgame.models import downstream_pollution, shallow_lake, stock_pollution

GAMES = {"symmetric": lambda: stock_pollution(n=2).numeric(),
         "unequal": lambda: stock_pollution(n=3, unequal=True).numeric(),
         "downstream": lambda: downstream_pollution().numeric()}


def _slow_welfare(game, t0, t1, x0):
    """Total untaxed welfare through the public feedback_nash on the taxed game (sympy, the pre-compiled path)."""
    data = lq_data(game)
    response = feedback_nash(_taxed(game, sympy.Float(t0) + sympy.Float(t1) * game.state[0]))
    return sum(float(P) * x0 ** 2 / 2 + float(q) * x0 + float(w)
               for P, q, w in (rule_values(data.H[i], data.g[i], data.k[i], data.rates[i], response.rule)
                               for i in range(game.num_players)))


def _welfare_by_quadrature(game, response, x0, t_max=400.0, num=20001):
    """The untaxed payoffs integrated along the response's path (Simpson), plus the steady state's tail."""
    path = response.path(x0, t_max, num=num)
    flow = sympy.lambdify([*game.state, *game.all_controls], sum(game.payoffs), "numpy")
    values = np.broadcast_to(flow(path.state, *path.controls.T), path.t.shape)
    r = float(game.discount[0])
    return float(simpson(np.exp(-r * path.t) * values, x=path.t)) + float(values[-1]) * np.exp(-r * t_max) / r


@pytest.mark.parametrize("name", sorted(GAMES))
def test_compiled_welfare_matches_feedback_nash(name):
    # the compiled float evaluator used inside the search agrees with feedback_nash on the taxed game
    game = GAMES[name]()
    fast = _TaxedResponse(lq_data(game), owners(game))
    for t0, t1 in [(0.0, 0.0), (0.3, 0.0), (0.5, 0.2), (-0.4, 0.7)]:
        for x0 in (0.0, 1.5):
            slow = _slow_welfare(game, t0, t1, x0)
            assert fast.welfare(fast.riccati(t1), t0, t1, x0) == pytest.approx(slow, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("name", sorted(GAMES))
@pytest.mark.parametrize("rule", ["constant", "linear"])
def test_central_tax_is_a_maximum_checked_independently(name, rule):
    game = GAMES[name]()
    tax = central_tax_rule(game, 1, rule)
    # the reported welfare: the untaxed payoffs integrated along the regions' response path
    assert tax.welfare == pytest.approx(_welfare_by_quadrature(game, tax.response, 1), rel=1e-7)
    assert tax.laissez_faire_welfare < tax.welfare <= tax.cooperative_welfare + 1e-9 * abs(tax.cooperative_welfare)
    # no nearby rule does better (each welfare through the public feedback_nash on the taxed game)
    best = np.array(tax.parameters + (0.0,) * (2 - len(tax.parameters)))
    for step in np.eye(len(tax.parameters)) * 1e-3:
        for sign in (1, -1):
            moved = best + sign * np.concatenate([step, np.zeros(2 - step.size)])
            assert _slow_welfare(game, moved[0], moved[1], 1.0) < tax.welfare


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
    # the second region gains from the first's emissions convexly: total welfare has no maximum in the tax level
    game = DifferentialGame(2, "x", [["u"], ["v"]], "u + v - x", ["-u**2/2 - x**2/2", "2*u**2 - v**2/2 - x**2/2"],
                            "1/20")
    for rule in ("constant", "linear"):
        with pytest.raises(SolverError, match="strictly concave in the tax level"):
            central_tax_rule(game, 1, rule)


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


def _floored(floor=None):
    """Two regions, the second harmed more (beta_2 = 1/30 > 1/40): a uniform tax over-taxes it below its
    cooperative emission. ``floor``: a minimum level of the second region's emission (a Standard)."""
    game = DifferentialGame(2, "S", ["e1", "e2"], "e1 + e2 - S/10", ["e1 - e1**2/2 - S**2/40", "e2 - e2**2/2 - S**2/30"],
                            "1/20")
    return game if floor is None else game.apply(Standard(1, f"e2 < {floor}"))


def test_taxed_game_keeps_the_bounds():
    game = _floored("1/1000")
    tau = sympy.Rational(1, 2) + game.state[0] / 10
    taxed = _taxed(game, tau)
    assert taxed.bounds == game.bounds and taxed.bounds[game.all_controls[1]] == (sympy.Rational(1, 1000), None)
    # a heavy tax pushes the second region's steady-state emission below its floor: refused, not ignored
    with pytest.raises(NotSupportedError, match="e2 = .* beyond the bound 0.001"):
        feedback_nash(_taxed(game, sympy.Integer(1)))
    assert float(feedback_nash(_taxed(_floored(), sympy.Integer(1))).steady_states[0].controls[1]) < 0.001


def test_central_tax_where_the_bound_binds_only_under_the_tax():
    # without tax and under cooperation the floor does not bind (steady-state emissions of the second region
    # 0.0020 and 0.060); the best constant tax drives it to 0.00069 < 0.001
    free, floored = _floored(), _floored("1/1000")
    for solver in (feedback_nash, cooperative_solution):
        assert float(solver(floored).steady_states[0].controls[1]) > 0.001
    unbounded = central_tax_rule(free, 0, "constant")
    assert float(unbounded.response.steady_states[0].controls[1]) < 0.001
    with pytest.raises(NotSupportedError, match="central_tax_rule: expected the regions' response to the best constant "
                                                "tax rule to keep every control within its bounds"):
        central_tax_rule(floored, 0, "constant")
    # the linear rule keeps the second region above the floor: the bound removes nothing, same rule, bound kept
    linear_free, linear = central_tax_rule(free, 0), central_tax_rule(floored, 0)
    assert linear.parameters == pytest.approx(linear_free.parameters, rel=1e-6, abs=1e-9)
    assert linear.welfare == pytest.approx(linear_free.welfare, rel=1e-9)
    assert linear.response.game.bounds == floored.bounds
    assert float(linear.response.steady_states[0].controls[1]) > 0.001


def test_central_tax_where_the_bound_binds_at_the_initial_stock_only():
    # a ceiling the response respects at its steady state but not at x0: the check covers the start of the path
    game = _floored().apply(Standard(0, "e1 > 3/10"))
    tax = central_tax_rule(_floored(), 0)
    a, b = (float(v) for v in (tax.response.rule.a[0], tax.response.rule.b[0]))
    assert a > 0.3 > a + b * float(tax.response.steady_states[0].state)
    with pytest.raises(NotSupportedError, match="e1 = .* beyond the bound 0.3"):
        central_tax_rule(game, 0)
