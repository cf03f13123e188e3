"""Linear-quadratic one-stock games: detection, coupled Riccati equations, the Pontryagin system, policy values.

A game is linear-quadratic (LQ) when it has one stock ``x`` whose dynamics
are linear, ``dx/dt = A x + sum_k B_k u_k + c``, and payoffs quadratic in
``(x, u)``: ``g_d = z'H_d z/2 + g_d'z + k_d`` with ``z = (x, u_1, ..., u_m)``.
Decision makers ``d`` (the players, or one planner for the cooperative
solution) each own some controls.

* Linear Markov strategies ``u = a + b x`` with quadratic values
  ``V_d = P_d x^2/2 + q_d x + w_d`` solve the Hamilton-Jacobi-Bellman
  equations exactly when the coefficients of ``x^2, x, 1`` match: coupled
  Riccati equations in ``P``, then linear equations in ``q`` and ``w``
  (Basar and Olsder 1999, ch. 6; Dockner et al. 2000, ch. 7).
* The open-loop Nash equilibrium solves the linear Pontryagin system in
  ``(x, lambda_1, ..., lambda_D)``; its saddle path is the stable
  eigenvector.
* :func:`rule_values` gives any player's discounted payoff under a linear
  rule (the policy-evaluation step), used for every LQ solution.

The arithmetic is sympy's: rational input gives exact (algebraic) results
wherever the equations are solved in closed form: one decision maker,
players who are symmetric, or a linear-state game (no payoff quadratic in
the stock nor mixing it with a control: ``P = 0``, values linear in the
stock). Otherwise the Riccati equations are solved in floats, and the
results say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from coopgame._numeric import TOLERANCE, scaled_tolerance
from coopgame.differential.game import DifferentialGame
from coopgame.errors import InvalidGameError, NotSupportedError, SolverError

__all__ = ["LQData", "LinearRule", "lq_data", "feedback_rule", "open_loop_rule", "rule_values", "is_exact_number", "tidy"]


def tidy(value: Any) -> Any:
    """An exact algebraic number in a tidy form (denominators rationalised, expanded): cheaper than simplify."""
    return sympy.expand(sympy.radsimp(sympy.expand(value)))


def is_exact_number(value: Any) -> bool:
    """True for a sympy number free of floats (rationals and algebraic numbers)."""
    expr = sympy.sympify(value)
    return bool(expr.is_number) and not expr.has(sympy.Float)


@dataclass(frozen=True)
class LQData:
    """The matrices of a linear-quadratic one-stock game (sympy numbers)."""

    x: sympy.Symbol
    controls: tuple[sympy.Symbol, ...]
    A: sympy.Expr
    B: sympy.Matrix
    c: sympy.Expr
    H: tuple[sympy.Matrix, ...]
    g: tuple[sympy.Matrix, ...]
    k: tuple[sympy.Expr, ...]
    rates: tuple[sympy.Expr, ...]

    @property
    def is_exact(self) -> bool:
        """True when every coefficient is exact (no floats)."""
        numbers = [self.A, self.c, *self.B, *self.k, *self.rates]
        for h, g in zip(self.H, self.g):
            numbers += list(h) + list(g)
        return all(is_exact_number(v) for v in numbers)


def _quadratic(expr: sympy.Expr, z: Sequence[sympy.Symbol]) -> tuple[sympy.Matrix, sympy.Matrix, sympy.Expr] | None:
    """``(H, g, k)`` with ``expr = z'Hz/2 + g'z + k``, or None when ``expr`` is not a quadratic polynomial in ``z``."""
    try:
        poly = sympy.Poly(sympy.expand(expr), *z)
    except sympy.PolynomialError:
        return None
    if poly.total_degree() > 2 or any(not c.is_number for c in poly.coeffs()):
        return None
    zero = {s: 0 for s in z}
    H = sympy.hessian(expr, z).applyfunc(sympy.expand)
    g = sympy.Matrix([sympy.diff(expr, s).xreplace(zero) for s in z])
    return H, g, sympy.expand(expr.xreplace(zero))


def lq_data(game: DifferentialGame) -> LQData | None:
    """The LQ matrices of a one-stock game without free parameters, or None when it is not LQ.

    Examples
    --------
    >>> from coopgame.differential import DifferentialGame
    >>> from coopgame.differential.linear_quadratic import lq_data
    >>> game = DifferentialGame(1, "x", ["u"], "u - x/10", ["-u**2/2 - x**2"], "1/20")
    >>> data = lq_data(game)
    >>> data.A, data.B, data.H[0]
    (-1/10, Matrix([[1]]), Matrix([
    [-2,  0],
    [ 0, -1]]))
    """
    if len(game.state) != 1:
        return None
    x = game.state[0]
    controls = game.all_controls
    z = (x, *controls)
    dyn = _quadratic(game.dynamics[0], z)
    if dyn is None or any(v != 0 for v in dyn[0]):
        return None
    H, g, k = [], [], []
    for payoff in game.payoffs:
        form = _quadratic(payoff, z)
        if form is None:
            return None
        H.append(form[0])
        g.append(form[1])
        k.append(form[2])
    grad = dyn[1]
    return LQData(x, controls, grad[0], sympy.Matrix(grad[1:]), dyn[2], tuple(H), tuple(g), tuple(k),
                  tuple(game.discount))


@dataclass(frozen=True)
class LinearRule:
    """Controls ``u = a + b x`` and the closed loop ``dx/dt = A_cl x + c_cl``; values ``P x^2/2 + q x + w``."""

    a: tuple[Any, ...]
    b: tuple[Any, ...]
    A_cl: Any
    c_cl: Any
    P: tuple[Any, ...]
    q: tuple[Any, ...]
    w: tuple[Any, ...]
    reason: str
    is_exact: bool
    eigenvalues: tuple[Any, ...] = ()


def _objective(data: LQData, weights: Sequence[Any]) -> tuple[sympy.Matrix, sympy.Matrix, sympy.Expr]:
    """The weighted sum of the players' payoff matrices."""
    H = sympy.zeros(*data.H[0].shape)
    g = sympy.zeros(*data.g[0].shape)
    k: sympy.Expr = sympy.Integer(0)
    for w, h_, g_, k_ in zip(weights, data.H, data.g, data.k):
        H += w * h_
        g += w * g_
        k += w * k_
    return H, g, k


def _first_order(data: LQData, H: Sequence[sympy.Matrix], owners: Sequence[int], where: str) -> sympy.Matrix:
    """The matrix of the first-order conditions in the controls, after checking own-control concavity."""
    m = len(data.controls)
    M = sympy.Matrix(m, m, lambda k, j: H[owners[k]][1 + k, 1 + j])
    for d in sorted(set(owners)):
        own = [k for k in range(m) if owners[k] == d]
        block = np.array(M.extract(own, own).evalf(), dtype=float)
        if not np.all(np.linalg.eigvalsh((block + block.T) / 2) < 0):
            names = ", ".join(data.controls[k].name for k in own)
            raise NotSupportedError(
                f"{where}: expected each payoff strictly concave in its owner's controls ({names}), got a "
                f"Hessian with eigenvalues {np.linalg.eigvalsh((block + block.T) / 2).tolist()}; a linear-quadratic "
                f"solution needs an interior best response")
    if M.det() == 0:
        raise InvalidGameError(f"{where}: expected the first-order conditions to determine the controls, got a singular system")
    return M


def _num(value: Any) -> float:
    return float(sympy.re(sympy.N(value, 30)))


def _is_symmetric(data: LQData, owners: Sequence[int], H: Sequence[sympy.Matrix], g: Sequence[sympy.Matrix],
                  k: Sequence[sympy.Expr], rates: Sequence[Any]) -> bool:
    """True when the decision makers are interchangeable (one control each; payoffs permute with the controls)."""
    D = len(H)
    if D < 2 or list(owners) != list(range(D)) or len(set(rates)) != 1 or len(set(data.B)) != 1:
        return False

    def swapped(i: int, j: int, mat: sympy.Matrix) -> sympy.Matrix:
        perm = list(range(mat.shape[0]))
        perm[1 + i], perm[1 + j] = perm[1 + j], perm[1 + i]
        return mat.extract(perm, perm) if mat.shape[1] > 1 else mat.extract(perm, [0])

    for i in range(1, D):
        if swapped(0, i, H[0]) != H[i] or swapped(0, i, g[0]) != g[i] or k[0] != k[i]:
            return False
    for j in range(1, D - 1):
        if swapped(j, j + 1, H[0]) != H[0] or swapped(j, j + 1, g[0]) != g[0]:
            return False
    return True


def markov_system(data: LQData, H: Sequence[sympy.Matrix], g: Sequence[sympy.Matrix], rates: Sequence[Any],
                  owners: Sequence[int], where: str) -> tuple[Any, ...]:
    """The symbolic system of linear Markov strategies, given value coefficients ``P_d, q_d`` as unknowns.

    Returns ``(P, q, a, b, A_cl, c_cl, z0, F)``: the symbols ``P_d`` and
    ``q_d``; the controls ``u = a + b x`` that maximise each owner's
    Hamiltonian; the closed loop ``A_cl x + c_cl``; ``z0 = (0, a)``; and the
    Riccati expressions ``F_d`` (zero at a solution). The matrices may hold
    symbols other than ``x`` (parameters), but not in the controls' Hessian.
    """
    D = len(H)
    m = len(data.controls)
    Minv = _first_order(data, H, owners, where).inv()
    P = sympy.symbols(f"_P0:{D}")
    q = sympy.symbols(f"_q0:{D}")
    hx = sympy.Matrix([H[owners[j]][1 + j, 0] for j in range(m)])
    gu = sympy.Matrix([g[owners[j]][1 + j] for j in range(m)])
    b = -Minv * (hx + sympy.Matrix([data.B[j] * P[owners[j]] for j in range(m)]))
    a = -Minv * (gu + sympy.Matrix([data.B[j] * q[owners[j]] for j in range(m)]))
    A_cl = sympy.expand(data.A + (data.B.T * b)[0])
    c_cl = sympy.expand(data.c + (data.B.T * a)[0])
    z1 = sympy.Matrix([1, *b])
    F = [sympy.expand((z1.T * H[d] * z1)[0] / 2 + P[d] * A_cl - rates[d] * P[d] / 2) for d in range(D)]
    return P, q, a, b, A_cl, c_cl, sympy.Matrix([0, *a]), F


def feedback_rule(data: LQData, H: Sequence[sympy.Matrix], g: Sequence[sympy.Matrix], k: Sequence[sympy.Expr],
                  rates: Sequence[Any], owners: Sequence[int], where: str, *, max_exact: int = 1) -> LinearRule:
    """Linear Markov strategies of decision makers with payoffs ``(H_d, g_d, k_d)`` owning the controls ``owners``.

    The coupled Riccati equations are solved in closed form for one decision
    maker or for interchangeable ones (a quadratic in one unknown), exactly
    for a linear-state game (``P = 0`` solves them all, and is the limit of
    the finite-horizon equilibria), otherwise in floats as the limit of the
    finite-horizon equilibria (backward integration from a zero terminal
    value, then Newton's method). Of the
    solutions, the one whose closed loop satisfies ``A_cl < r/2`` (so that
    ``exp(-rt) V(x(t)) -> 0``) is chosen; the reason is recorded.
    """
    D = len(H)
    P, q, a, b, A_cl, c_cl, z0, F = markov_system(data, H, g, rates, owners, where)
    r_min = min(rates, key=_num)
    exact = data.is_exact
    symmetric = _is_symmetric(data, owners, H, g, k, rates)
    P_val: list[Any]
    if exact and (D <= max_exact or symmetric):
        s = sympy.Symbol("_P")
        eq = F[0].xreplace({p: s for p in P}) if symmetric else F[0].xreplace({P[0]: s})
        roots = [rt for rt in sympy.solve(eq, s) if rt.is_real]
        closed = [(rt, sympy.nsimplify(A_cl.xreplace({p: rt for p in P}))) for rt in roots]
        good = [(rt, acl) for rt, acl in closed if _num(acl) < _num(r_min) / 2]
        if not good:
            shown = ", ".join(f"{_num(acl):.6g}" for _, acl in closed) or "none (no real root)"
            raise InvalidGameError(
                f"{where}: expected a stabilisable stock, got closed-loop growth rates {shown} from the Riccati "
                f"roots, none below r/2 = {_num(r_min) / 2:.6g}: the discounted payoffs diverge under every linear rule")
        root, acl = min(good, key=lambda t: _num(t[1]))
        P_val = [root] * D
        kind = "interchangeable players: the symmetric Riccati equation" if symmetric else "the Riccati equation"
        others = [f"{_num(c):.6g}" for rt, c in closed if rt != root]
        reason = (f"{kind} has {len(roots)} real root(s); P = {root} gives the closed loop dx/dt = ({acl})*x + ..., "
                  f"below r/2 so that exp(-rt)V(x(t)) -> 0" + (f" (the other gives {', '.join(others)})" if others else ""))
    elif exact and all(sympy.expand(f.xreplace({p: 0 for p in P})) == 0 for f in F):
        P_val, reason = _linear_state(A_cl.xreplace({p: 0 for p in P}), r_min, len(P), where)
    else:
        P_val, reason = _numeric_riccati(F, P, A_cl, r_min, where)
        exact = False
    sub = dict(zip(P, P_val))
    A_num = sympy.nsimplify(A_cl.xreplace(sub)) if exact else sympy.Float(_num(A_cl.xreplace(sub)))
    # q: linear equations given P
    b_val = [tidy(v.xreplace(sub)) if exact else sympy.Float(_num(v.xreplace(sub))) for v in b]
    z1v = sympy.Matrix([1, *b_val])
    c_sub = c_cl.xreplace(sub)
    q_eqs = [sympy.expand((z0.T * H[d] * z1v)[0] + (g[d].T * z1v)[0] + P_val[d] * c_sub + q[d] * A_num - rates[d] * q[d])
             for d in range(D)]
    q_sol = sympy.linsolve(q_eqs, list(q))
    if not q_sol or len(q_sol) != 1:
        raise SolverError(f"{where}: expected one solution of the linear value equations, got {q_sol}")
    q_val = [tidy(v) if exact else sympy.Float(_num(v)) for v in next(iter(q_sol))]
    subq = dict(zip(q, q_val))
    a_val = [tidy(v.xreplace(subq)) if exact else sympy.Float(_num(v.xreplace(subq))) for v in a]
    c_val = tidy(c_sub.xreplace(subq)) if exact else sympy.Float(_num(c_sub.xreplace(subq)))
    z0v = sympy.Matrix([0, *a_val])
    w_val = [((z0v.T * H[d] * z0v)[0] / 2 + (g[d].T * z0v)[0] + k[d] + q_val[d] * c_val) / rates[d] for d in range(D)]
    w_val = [tidy(v) if exact else sympy.Float(_num(v)) for v in w_val]
    return LinearRule(tuple(a_val), tuple(b_val), A_num, c_val, tuple(P_val), tuple(q_val), tuple(w_val), reason, exact)


def _linear_state(acl: Any, r_min: Any, D: int, where: str) -> tuple[list[Any], str]:
    """``P = 0`` for a linear-state game: every Riccati equation holds at ``P = 0`` exactly.

    No payoff has a term quadratic in the stock or a product of the stock
    with a control, so ``P = 0`` is a fixed point of the backward Riccati
    flow from the zero terminal value: the limit of the finite-horizon
    equilibria (the selection :func:`solve_riccati` makes numerically) is
    ``P = 0`` itself, exact. The values are linear in the stock and the
    strategies do not depend on it (linear-state games, Dockner et al. 2000,
    section 7.2; Jorgensen, Martin-Herran and Zaccour 2003).
    """
    if not _num(acl) < _num(r_min) / 2:
        raise InvalidGameError(
            f"{where}: expected a stabilisable stock, got closed-loop growth {_num(acl):.6g} >= r/2 = "
            f"{_num(r_min) / 2:.6g} at the limit of the finite-horizon equilibria (P = 0, a linear-state game)")
    reason = (f"linear-state game: P = 0 solves the Riccati equations exactly, so it is the limit of the finite-horizon "
              f"equilibria (values linear in the stock, strategies independent of it); closed loop dx/dt = ({acl})*x + "
              f"..., below r/2 so that exp(-rt)V(x(t)) -> 0")
    return [sympy.Integer(0)] * D, reason


def _numeric_riccati(F: Sequence[sympy.Expr], P: Sequence[sympy.Symbol], A_cl: sympy.Expr, r_min: Any,
                     where: str) -> tuple[list[Any], str]:
    """Coupled Riccati equations in floats: backward integration from P = 0, then Newton's method."""
    f = sympy.lambdify([P], [2 * e for e in F], "numpy")
    jac = sympy.lambdify([P], sympy.Matrix([2 * e for e in F]).jacobian(list(P)), "numpy")
    acl = sympy.lambdify([P], A_cl, "numpy")
    root, reason = solve_riccati(f, jac, acl, len(P), _num(r_min), where)
    return [sympy.Float(v) for v in root], reason


def solve_riccati(f: Any, jac: Any, acl: Any, D: int, r_min: float, where: str) -> tuple[np.ndarray, str]:
    """Coupled Riccati equations ``f(P) = 0`` (``f`` is twice the HJB residual) in floats, given as callables.

    The limit of the finite-horizon equilibria: backward integration of
    ``dP/dt = f(P)`` from ``P = 0`` (Jacobian ``jac``), then Newton's method;
    the root must give a closed-loop growth ``acl(P)`` below ``r_min/2``.
    """
    from scipy.integrate import solve_ivp
    from scipy.optimize import fsolve

    def rhs(_t: float, p: np.ndarray) -> np.ndarray:
        return np.asarray(f(p), dtype=float)

    def settled(_t: float, p: np.ndarray) -> float:
        # stop once the residual is small relative to P (the Newton step below finishes the job)
        return float(np.max(np.abs(rhs(0.0, p)))) - 1e-6 * max(1.0, float(np.max(np.abs(p))))  # not TOLERANCE: a hand-over point

    settled.terminal = True  # type: ignore[attr-defined]

    def blown(_t: float, p: np.ndarray) -> float:
        return 1e12 - float(np.max(np.abs(p)))  # not TOLERANCE: divergence of the backward Riccati flow

    blown.terminal = True  # type: ignore[attr-defined]
    with np.errstate(all="ignore"):
        sol = solve_ivp(rhs, (0.0, 1e6), np.zeros(D), method="LSODA", events=[settled, blown], rtol=1e-10, atol=1e-12,
                        jac=lambda _t, p: np.asarray(jac(p), dtype=float))
    start = sol.y[:, -1]
    if not np.all(np.isfinite(start)) or np.max(np.abs(start)) >= 1e12:
        raise InvalidGameError(f"{where}: expected a stabilisable stock, got a backward Riccati flow that diverges "
                               f"(the discounted payoffs diverge under linear rules)")
    with np.errstate(all="ignore"):
        root, info, ier, msg = fsolve(lambda p: rhs(0.0, p), start, fprime=lambda p: np.asarray(jac(p), dtype=float),
                                      full_output=True, xtol=1e-14)
    residual = float(np.max(np.abs(rhs(0.0, root))))
    if ier != 1 and residual > scaled_tolerance(float(np.max(np.abs(root)))):
        raise SolverError(f"{where}: the coupled Riccati equations did not converge ({msg}); residual {residual:.3g}")
    growth = float(acl(root))
    if not growth < r_min / 2:
        raise InvalidGameError(f"{where}: expected a stabilisable stock, got closed-loop growth {growth:.6g} >= r/2 "
                               f"at the limit of the finite-horizon equilibria")
    reason = (f"floats: the limit of the finite-horizon equilibria (backward Riccati integration from a zero terminal "
              f"value, then Newton's method; residual {residual:.2g}), with closed loop dx/dt = {growth:.6g}*x + ..., "
              f"below r/2 so that exp(-rt)V(x(t)) -> 0")
    return root, reason


def open_loop_rule(data: LQData, owners: Sequence[int], where: str, *, max_exact: int = 6) -> LinearRule:
    """The open-loop Nash saddle path of the linear Pontryagin system, as a rule ``u = a + b x`` along it.

    The system in ``(x, lambda_1, ..., lambda_N)`` is linear; its steady state
    solves a linear system and the path from any stock follows the stable
    eigenvector. Exactly one stable eigenvalue is needed for a unique path.
    Exact (closed-form eigenvalue) for systems of size at most ``max_exact``.
    """
    D = len(data.H)
    m = len(data.controls)
    M = _first_order(data, data.H, owners, where)
    lam = sympy.symbols(f"_l0:{D}")
    x = data.x
    hx = sympy.Matrix([data.H[owners[j]][1 + j, 0] for j in range(m)])
    gu = sympy.Matrix([data.g[owners[j]][1 + j] for j in range(m)])
    u = -M.inv() * (hx * x + gu + sympy.Matrix([data.B[j] * lam[owners[j]] for j in range(m)]))
    z = sympy.Matrix([x, *u])
    xdot = data.A * x + (data.B.T * u)[0] + data.c
    ldot = [data.rates[d] * lam[d] - ((data.H[d][0, :] * z)[0] + data.g[d][0]) - lam[d] * data.A for d in range(D)]
    y = [x, *lam]
    rhs = [sympy.expand(e) for e in (xdot, *ldot)]
    J = sympy.Matrix(rhs).jacobian(y)
    kvec = sympy.Matrix(rhs).xreplace({s: 0 for s in y})
    exact = data.is_exact
    if J.det() == 0:
        raise SolverError(f"{where}: expected an isolated open-loop steady state, got a singular Pontryagin system")
    ystar = -J.inv() * kvec if exact else -sympy.Matrix(np.linalg.solve(np.array(J.evalf(), dtype=float),
                                                                         np.array(kvec.evalf(), dtype=float)))
    ystar = ystar.applyfunc(sympy.simplify) if exact else ystar
    Jf = np.array(J.evalf(), dtype=float)
    eig, vecs = np.linalg.eig(Jf)
    stable = [i for i in range(len(eig)) if eig[i].real < 0]
    sub_star = dict(zip(y, ystar))
    u_star = [v.xreplace(sub_star) for v in u]
    eigen_text = ", ".join(f"{e.real:.6g}" + (f"{e.imag:+.3g}i" if abs(e.imag) > TOLERANCE else "") for e in eig)
    if len(stable) != 1:
        # no unique saddle path: the steady state is still reported, with no rule along a path
        raise _NoSaddle(tuple(u_star), ystar[0], len(stable), eigen_text)
    mu_f = eig[stable[0]].real
    vec = np.real(vecs[:, stable[0]])
    mu: Any = sympy.Float(mu_f)
    v: list[Any] = [sympy.Float(t / vec[0]) for t in vec]
    if exact and len(y) <= max_exact:
        s = sympy.Symbol("_mu")
        found = [rt for rt in sympy.roots(J.charpoly(s).as_expr(), s) if rt.is_real and abs(_num(rt) - mu_f) <= 1e-8 * max(1, abs(mu_f))]  # not TOLERANCE: matching a float root
        if found:
            mu = found[0]
            null = (J - mu * sympy.eye(len(y))).applyfunc(sympy.simplify).nullspace(simplify=True)
            if len(null) == 1 and null[0][0] != 0:
                v = [tidy(t / null[0][0]) for t in null[0]]
            else:
                exact = False
        else:
            exact = False
    else:
        exact = False
    if not exact:
        ystar = ystar.applyfunc(lambda t: sympy.Float(_num(t)))
        u_star = [sympy.Float(_num(t.xreplace(dict(zip(y, ystar))))) for t in u]
        mu, v = sympy.Float(mu_f), [sympy.Float(_num(t)) for t in v]
    # along the path lambda_d = lambda_d* + v_d (x - x*), so u is linear in x
    b = [sympy.expand(sympy.diff(e.xreplace({lam[d]: v[1 + d] * x for d in range(D)}), x)) for e in u]
    b = [tidy(t) if exact else sympy.Float(_num(t)) for t in b]
    a = [tidy(us - bk * ystar[0]) if exact else sympy.Float(_num(us - bk * ystar[0])) for us, bk in zip(u_star, b)]
    reason = (f"Pontryagin: the linear state-costate system has eigenvalues {eigen_text}; the path follows the "
              f"eigenvector of the one stable eigenvalue {mu}")
    return LinearRule(tuple(a), tuple(b), mu, -mu * ystar[0], (), (), (), reason, exact, tuple(complex(e) for e in eig))


class _NoSaddle(Exception):
    """The open-loop system has no unique saddle path (raised inside the package, caught by the solver)."""

    def __init__(self, controls: tuple[Any, ...], state: Any, stable: int, eigenvalues: str) -> None:
        super().__init__(eigenvalues)
        self.controls, self.state, self.stable, self.eigenvalues = controls, state, stable, eigenvalues


def rule_values(H: sympy.Matrix, g: sympy.Matrix, k: sympy.Expr, rate: Any, rule: LinearRule) -> tuple[Any, Any, Any]:
    """``(P, q, w)``: the discounted payoff ``P x0^2/2 + q x0 + w`` of a flow ``(H, g, k)`` under ``rule`` from ``x0``.

    Solves ``r V = g(x, a + b x) + V'(x)(A_cl x + c_cl)`` for a quadratic ``V``;
    needs ``2 A_cl < r`` (the integral converges).
    """
    z1 = sympy.Matrix([1, *rule.b])
    z0 = sympy.Matrix([0, *rule.a])
    P = (z1.T * H * z1)[0] / (rate - 2 * rule.A_cl)
    q = ((z0.T * H * z1)[0] + (g.T * z1)[0] + P * rule.c_cl) / (rate - rule.A_cl)
    w = ((z0.T * H * z0)[0] / 2 + (g.T * z0)[0] + k + q * rule.c_cl) / rate
    if rule.is_exact:
        return tidy(P), tidy(q), tidy(w)
    return sympy.Float(_num(P)), sympy.Float(_num(q)), sympy.Float(_num(w))
