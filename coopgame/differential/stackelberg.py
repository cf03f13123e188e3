"""A central government that leads: it announces an emission tax rule, the regions respond in feedback Nash equilibrium."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_choice, public
from coopgame.differential.cooperative import cooperative_solution
from coopgame.differential.feedback import check_game, feedback_nash, owners
from coopgame.differential.game import DifferentialGame
from coopgame.differential.linear_quadratic import LQData, lq_data, markov_system, rule_values, solve_riccati
from coopgame.differential.multi_stock import MatrixRule, rule_values_matrix
from coopgame.differential.solution import LinearSolution, check_bounds, check_stock
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


class _TaxedResponse:
    """The regions' feedback response to a tax ``tau0 + tau1*x``, and the untaxed welfare under it, in floats.

    The tax only shifts the payoff matrices (``-tau0`` on the gradient in each
    own control, ``-tau1`` on the cross term of the stock with it), so the
    symbolic Markov system is built ONCE with ``tau0, tau1`` as symbols and
    compiled; each evaluation then solves the coupled Riccati equations in
    floats (the backward integration and Newton's method of the one-stock
    float path, :func:`~coopgame.differential.linear_quadratic.solve_riccati`),
    the linear value equations in ``q``, and values the untaxed payoffs under
    the rule (Lyapunov equation). It is the same computation as
    :func:`~coopgame.differential.feedback_nash` on the taxed game, in floats.
    """

    def __init__(self, data: LQData, owner: list[int]) -> None:
        t0, t1 = sympy.symbols("_tau0 _tau1")
        H = [h.copy() for h in data.H]
        g = [v.copy() for v in data.g]
        for j, i in enumerate(owner):
            g[i][1 + j] -= t0
            H[i][0, 1 + j] -= t1
            H[i][1 + j, 0] -= t1
        P, q, a, b, A_cl, c_cl, z0, F = markov_system(data, H, g, data.rates, owner, _WHERE)
        z1 = sympy.Matrix([1, *b])
        q_eqs = sympy.Matrix([(z0.T * H[d] * z1)[0] + (g[d].T * z1)[0] + P[d] * c_cl + q[d] * (A_cl - data.rates[d])
                              for d in range(len(H))])
        at_zero = {s: 0 for s in q}
        self._f = sympy.lambdify([P, t1], [2 * e for e in F], "numpy")
        self._jac = sympy.lambdify([P, t1], sympy.Matrix([2 * e for e in F]).jacobian(list(P)), "numpy")
        self._acl = sympy.lambdify([P, t1], A_cl, "numpy")
        self._b = sympy.lambdify([P, t1], list(b), "numpy")
        self._q_matrix = sympy.lambdify([P, t0, t1], q_eqs.jacobian(list(q)), "numpy")
        self._q_const = sympy.lambdify([P, t0, t1], list(q_eqs.xreplace(at_zero)), "numpy")
        self._a = sympy.lambdify([P, q, t0, t1], list(a), "numpy")
        self._ccl = sympy.lambdify([P, q, t0, t1], c_cl, "numpy")
        self.r_min = min(float(r) for r in data.rates)
        self.D = len(H)
        self.untaxed = [(np.array(h, dtype=float), np.array(v, dtype=float).ravel(), float(c), float(r))
                        for h, v, c, r in zip(data.H, data.g, data.k, data.rates)]

    def riccati(self, t1: float) -> np.ndarray:
        """The value slopes ``P`` of the response to the tax slope ``t1`` (the level ``tau0`` does not enter them)."""
        P, _ = solve_riccati(lambda p: self._f(p, t1), lambda p: self._jac(p, t1), lambda p: self._acl(p, t1),
                             self.D, self.r_min, _WHERE)
        return P

    def welfare(self, P: np.ndarray, t0: float, t1: float, x0: float) -> float:
        """Sum of the untaxed payoffs from ``x0`` under the response with value slopes ``P`` (from :meth:`riccati`)."""
        Q = np.asarray(self._q_matrix(P, t0, t1), dtype=float)
        if not abs(np.linalg.det(Q)) > 0:
            raise SolverError(f"{_WHERE}: expected one solution of the linear value equations, got a singular system")
        q = np.linalg.solve(Q, -np.asarray(self._q_const(P, t0, t1), dtype=float))
        b = np.asarray(self._b(P, t1), dtype=float)
        rule = MatrixRule(np.asarray(self._a(P, q, t0, t1), dtype=float), b.reshape(-1, 1),
                          np.array([[float(self._acl(P, t1))]]), np.array([float(self._ccl(P, q, t0, t1))]), "")
        total = 0.0
        for H, g, k, r in self.untaxed:
            Pv, qv, w = rule_values_matrix(H, g, k, r, rule)
            total += float(Pv[0, 0]) * x0 ** 2 / 2 + float(qv[0]) * x0 + w
        return total

    def best_level(self, t1: float, x0: float) -> tuple[float, float]:
        """``(tau0, welfare)``: the best tax level for the slope ``t1``, in closed form.

        Given ``t1`` the value slopes ``P`` are fixed, the linear value terms
        ``q`` and the controls' intercepts are affine in ``tau0``, so the
        welfare is a quadratic in ``tau0``: three evaluations give it exactly.
        """
        P = self.riccati(t1)
        low, mid, high = (self.welfare(P, t, t1, x0) for t in (-1.0, 0.0, 1.0))
        curvature, slope = (high + low) / 2 - mid, (high - low) / 2
        if not curvature < 0:
            raise SolverError(f"{_WHERE}: expected the welfare to be strictly concave in the tax level, got the "
                              f"curvature {curvature:.6g}")
        t0 = -slope / (2 * curvature)
        return t0, self.welfare(P, t0, t1, x0)


def _taxed(game: DifferentialGame, tau: sympy.Expr) -> DifferentialGame:
    """The game with the tax ``tau`` per unit of every control taken from its owner's payoff; bounds kept."""
    payoffs = [g - tau * sum(group, sympy.Integer(0)) for g, group in zip(game.payoffs, game.controls)]
    return DifferentialGame(list(game.players), list(game.state), [list(g) for g in game.controls], list(game.dynamics),
                            payoffs, list(game.discount),
                            bounds={c: b for c, b in game.bounds.items() if b != (None, None)})


@public
def central_tax_rule(game: DifferentialGame, x0: Any, rule: str = "linear") -> CentralTax:
    """The emission tax rule that a leading central government announces to maximise total welfare.

    The centre moves first (Stackelberg leader): it announces a tax per unit
    of every control, constant (``rule="constant"``: ``tau0``) or linear in
    the stock (``"linear"``: ``tau0 + tau1*x``); the regions then play the
    feedback Nash equilibrium of the taxed game; the centre chooses the
    rule's coefficients to maximise the sum of the regions' own payoffs from
    ``x0`` (tax revenue returned to the regions).

    The tax's slope ``tau1`` enters the regions' coupled Riccati equations,
    its level ``tau0`` only their linear value equations, so for a given
    slope the welfare is a quadratic in ``tau0``, maximised in closed form;
    the slope is searched numerically (Nelder-Mead from zero, over the
    slopes that leave the regions a stabilising equilibrium), each step
    solving the Riccati equations in floats (the limit of the finite-horizon
    equilibria, as :func:`~coopgame.differential.feedback_nash` does). The
    chosen rule's ``response`` and ``welfare`` are then computed by
    :func:`~coopgame.differential.feedback_nash` on the taxed game, so
    ``welfare`` is a float; ``parameters`` are determined to about the square
    root of machine precision (the welfare is flat at its maximum).

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

    Raises
    ------
    NotSupportedError
        A game that is not linear-quadratic with one stock and a common
        discount rate; or a game with bounds on the controls (a Standard)
        where a bound binds under the best rule, at the steady state or at
        ``x0``: the regions' response is computed as an interior linear
        feedback equilibrium, which a binding bound makes wrong. When no
        bound binds under the rule found, it is the rule found for the same
        game without bounds.
    SolverError
        No rule under which the regions' response is stabilising.

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

    fast = _TaxedResponse(data, owners(game))

    failures: list[CoopgameError] = []

    def loss(t1: np.ndarray) -> float:
        try:
            return -fast.best_level(float(t1[0]), x0f)[1]
        except CoopgameError as exc:
            failures.append(exc)
            return np.inf  # a slope under which the regions' game has no stabilising equilibrium

    slope = 0.0
    if rule == "linear":
        with np.errstate(invalid="ignore"):  # inf - inf in the simplex's spread while it only meets failures
            found = minimize(loss, np.zeros(1), method="Nelder-Mead",
                             options={"xatol": 1e-9, "fatol": 1e-13, "maxiter": 2000})
        slope = float(found.x[0])
    try:
        level = fast.best_level(slope, x0f)[0]
    except CoopgameError as exc:
        raise SolverError(f"{_WHERE}: expected a tax rule under which the regions' response is stabilising and the "
                          f"welfare has a maximum, found none ({failures[-1] if failures else exc})") from exc
    best = np.array([level, slope][:2 if rule == "linear" else 1])
    try:
        welfare, response = welfare_under(best)  # feedback_nash refuses a steady state beyond a bound
        assert response.rule is not None
        # the controls are affine in the stock, which moves monotonically from x0 to the steady state:
        # within the bounds at both ends means within them all along the path
        check_bounds(response.game, np.array([[float(a) + float(b) * x0f for a, b in zip(response.rule.a,
                                                                                           response.rule.b)]]), _WHERE)
    except NotSupportedError as exc:
        raise NotSupportedError(
            f"{_WHERE}: expected the regions' response to the best {rule} tax rule to keep every control within its "
            f"bounds (where a bound binds, the linear feedback response is not the regions' equilibrium), got: {exc}"
        ) from exc
    coop = float(sum(np.asarray(cooperative_solution(game).values(x0), dtype=float)))
    laissez = float(sum(np.asarray(feedback_nash(game).values(x0), dtype=float)))
    tau = sympy.Float(best[0]) + (sympy.Float(best[1]) * x if best.size > 1 else 0)
    return CentralTax(tau, tuple(float(v) for v in best), welfare, coop, laissez, response)
