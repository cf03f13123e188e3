"""A central government that leads: it announces an emission tax rule, the regions respond in feedback Nash equilibrium."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_choice, public
from coopgame.differential.cooperative import cooperative_solution
from coopgame.differential.feedback import check_game, feedback_nash
from coopgame.differential.game import DifferentialGame
from coopgame.differential.linear_quadratic import lq_data, rule_values
from coopgame.differential.solution import LinearSolution, check_stock
from coopgame.errors import CoopgameError, NotSupportedError, SolverError
from coopgame.results import Result

__all__ = ["CentralTax", "central_tax_rule"]

_WHERE = "central_tax_rule"


@dataclass(frozen=True, repr=False)
class CentralTax(Result):
    """The tax rule a leading centre announces and the regions' response.

    Attributes
    ----------
    rule : sympy.Expr
        The tax per unit of each control, as a function of the stock.
    parameters : tuple of float
        ``(tau0,)`` for a constant tax, ``(tau0, tau1)`` for ``tau0 + tau1*x``.
    welfare : float
        The sum of the players' own payoffs (taxes are transfers, returned to
        the regions) from ``x0`` under the regions' response.
    cooperative_welfare, laissez_faire_welfare : float
        The same sum under the cooperative solution and the untaxed feedback
        equilibrium: the rule closes ``(welfare - laissez_faire) /
        (cooperative - laissez_faire)`` of the gap.
    response : LinearSolution
        The regions' feedback Nash equilibrium of the taxed game.
    """

    rule: sympy.Expr
    parameters: tuple[float, ...]
    welfare: float
    cooperative_welfare: float
    laissez_faire_welfare: float
    response: LinearSolution = field(repr=False)  # one stock: the regions' linear feedback rules

    @property
    def gap_closed(self) -> float:
        """Share of the gain from cooperation the tax rule achieves."""
        gap = self.cooperative_welfare - self.laissez_faire_welfare
        return float("nan") if gap == 0 else (self.welfare - self.laissez_faire_welfare) / gap

    def __repr__(self) -> str:
        return (f"CentralTax(rule={self.rule}, welfare={self.welfare:.6g}, cooperative={self.cooperative_welfare:.6g}, "
                f"laissez-faire={self.laissez_faire_welfare:.6g})")


def _taxed(game: DifferentialGame, tau: sympy.Expr) -> DifferentialGame:
    payoffs = [g - tau * sum(group, sympy.Integer(0)) for g, group in zip(game.payoffs, game.controls)]
    return DifferentialGame(list(game.players), list(game.state), [list(g) for g in game.controls], list(game.dynamics),
                            payoffs, list(game.discount))


@public
def central_tax_rule(game: DifferentialGame, x0: Any, rule: str = "linear") -> CentralTax:
    """The emission tax rule that a leading central government announces to maximise total welfare.

    The centre moves first (Stackelberg leader): it announces a tax per unit
    of every control, constant (``rule="constant"``: ``tau0``) or linear in
    the stock (``"linear"``: ``tau0 + tau1*x``); the regions then play the
    feedback Nash equilibrium of the taxed game; the centre chooses the
    rule's coefficients to maximise the sum of the regions' own payoffs from
    ``x0`` (tax revenue returned to the regions). Each evaluation solves the
    regions' game exactly (coupled Riccati equations); the outer maximisation
    is numeric (Nelder-Mead from the zero tax), so ``welfare`` is a float.

    Parameters
    ----------
    game : DifferentialGame
        A linear-quadratic one-stock game with a common discount rate.
    x0 : number
        The initial stock.
    rule : {"linear", "constant"}

    Returns
    -------
    CentralTax

    Examples
    --------
    >>> from coopgame.differential import central_tax_rule
    >>> from coopgame.models import stock_pollution
    >>> tax = central_tax_rule(stock_pollution(n=2).numeric(), x0=0, rule="constant")
    >>> tax.laissez_faire_welfare < tax.welfare <= tax.cooperative_welfare
    True
    """
    from scipy.optimize import minimize

    game = check_game(game, _WHERE)
    rule = check_choice(rule, "rule", _WHERE, ["linear", "constant"])
    x0 = check_stock(x0, _WHERE)
    data = lq_data(game)
    if data is None or not game.common_discount:
        raise NotSupportedError(f"{_WHERE}: expected a linear-quadratic one-stock game with a common discount rate, "
                                f"got {game!r}")
    x = game.state[0]
    x0f = float(x0)

    def welfare_under(coef: np.ndarray) -> tuple[float, LinearSolution]:
        tau = sympy.Float(coef[0]) + (sympy.Float(coef[1]) * x if coef.size > 1 else 0)
        response = feedback_nash(_taxed(game, tau))
        assert isinstance(response, LinearSolution) and response.rule is not None
        total = 0.0
        for i in range(game.num_players):
            P, q, w = rule_values(data.H[i], data.g[i], data.k[i], data.rates[i], response.rule)
            total += float(P) * x0f ** 2 / 2 + float(q) * x0f + float(w)
        return total, response

    def loss(coef: np.ndarray) -> float:
        try:
            return -welfare_under(coef)[0]
        except CoopgameError:
            return np.inf  # a rule under which the regions' game has no stabilising equilibrium

    start = np.zeros(2 if rule == "linear" else 1)
    best = minimize(loss, start, method="Nelder-Mead", options={"xatol": 1e-7, "fatol": 1e-10, "maxiter": 2000})
    if not np.isfinite(best.fun):
        raise SolverError(f"{_WHERE}: expected a tax rule with a stabilising response, found none")
    welfare, response = welfare_under(best.x)
    coop = float(sum(np.asarray(cooperative_solution(game).values(x0), dtype=float)))
    laissez = float(sum(np.asarray(feedback_nash(game).values(x0), dtype=float)))
    tau = sympy.Float(best.x[0]) + (sympy.Float(best.x[1]) * x if best.x.size > 1 else 0)
    return CentralTax(tau, tuple(float(v) for v in best.x), welfare, coop, laissez, response)
