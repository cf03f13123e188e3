"""Linear-quadratic games with several stocks: matrix Riccati equations and Pontryagin systems, in floats.

With stocks ``X`` (n of them), ``dX/dt = A X + B u + c`` and payoffs
quadratic in ``(X, u)``, linear Markov strategies ``u = b X + a`` and values
``X'P_d X/2 + q_d'X + w_d`` solve coupled matrix Riccati equations (Basar and
Olsder 1999, ch. 6). They are solved as the limit of the finite-horizon
equilibria (backward integration from a zero terminal value, then Newton's
method), keeping the closed loop's eigenvalues below ``r/2``. The open-loop
equilibrium follows the ``n``-dimensional stable subspace of the linear
state-costate system. Values of any linear rule come from a Lyapunov
equation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_int, check_real, describe, public
from coopgame._numeric import readonly, scaled_tolerance
from coopgame.differential.game import DifferentialGame
from coopgame.differential.solution import DifferentialSolution, Path, SteadyState, check_bounds
from coopgame.errors import InvalidArgumentError, InvalidGameError, NotSupportedError, SolverError
from coopgame.results import Solutions

__all__ = ["MatrixData", "MatrixRule", "MatrixSolution", "matrix_data", "matrix_feedback", "matrix_open_loop"]


@dataclass(frozen=True)
class MatrixData:
    """Float matrices of a linear-quadratic game with ``n`` stocks and ``m`` controls."""

    n: int
    A: np.ndarray
    B: np.ndarray
    c: np.ndarray
    H: tuple[np.ndarray, ...]
    g: tuple[np.ndarray, ...]
    k: tuple[float, ...]
    rates: tuple[float, ...]


def matrix_data(game: DifferentialGame) -> MatrixData | None:
    """The float matrices of a game without free parameters, or None when it is not linear-quadratic."""
    z = (*game.state, *game.all_controls)
    zero = {s: 0 for s in z}
    n = len(game.state)
    rows = []
    for f in game.dynamics:
        try:
            poly = sympy.Poly(sympy.expand(f), *z)
        except sympy.PolynomialError:
            return None
        if poly.total_degree() > 1 or any(not cf.is_number for cf in poly.coeffs()):
            return None
        rows.append(([float(sympy.diff(f, s)) for s in z], float(f.xreplace(zero))))
    grad = np.array([r[0] for r in rows])
    H, g, k = [], [], []
    for payoff in game.payoffs:
        try:
            poly = sympy.Poly(sympy.expand(payoff), *z)
        except sympy.PolynomialError:
            return None
        if poly.total_degree() > 2 or any(not cf.is_number for cf in poly.coeffs()):
            return None
        H.append(np.array(sympy.hessian(payoff, z).evalf(), dtype=float))
        g.append(np.array([float(sympy.diff(payoff, s).xreplace(zero)) for s in z]))
        k.append(float(payoff.xreplace(zero)))
    return MatrixData(n, grad[:, :n], grad[:, n:], np.array([r[1] for r in rows]), tuple(H), tuple(g), tuple(k),
                      tuple(float(r) for r in game.discount))


@dataclass(frozen=True)
class MatrixRule:
    """Controls ``u = b X + a`` and the closed loop ``dX/dt = A_cl X + c_cl``."""

    a: np.ndarray
    b: np.ndarray
    A_cl: np.ndarray
    c_cl: np.ndarray
    reason: str


def _first_order(data: MatrixData, H: list[np.ndarray], owners: list[int], where: str) -> np.ndarray:
    n, m = data.n, data.B.shape[1]
    M = np.array([[H[owners[k]][n + k, n + j] for j in range(m)] for k in range(m)])
    for d in sorted(set(owners)):
        own = [k for k in range(m) if owners[k] == d]
        block = M[np.ix_(own, own)]
        if not np.all(np.linalg.eigvalsh((block + block.T) / 2) < 0):
            raise NotSupportedError(f"{where}: expected each payoff strictly concave in its owner's controls")
    if abs(np.linalg.det(M)) <= scaled_tolerance(float(np.max(np.abs(M)))) ** 2:
        raise InvalidGameError(f"{where}: expected the first-order conditions to determine the controls, got a singular system")
    return M


def _rule(data: MatrixData, H: list[np.ndarray], g: list[np.ndarray], owners: list[int], M: np.ndarray,
          P: list[np.ndarray], q: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """``b, a`` of the controls that maximise each owner's Hamiltonian given value gradients ``P_d X + q_d``."""
    n, m = data.n, data.B.shape[1]
    Hux = np.array([H[owners[k]][n + k, :n] for k in range(m)])
    gu = np.array([g[owners[k]][n + k] for k in range(m)])
    Bp = np.array([data.B[:, k] @ P[owners[k]] for k in range(m)])
    Bq = np.array([data.B[:, k] @ q[owners[k]] for k in range(m)])
    Minv = np.linalg.inv(M)
    return -Minv @ (Hux + Bp), -Minv @ (gu + Bq)


def matrix_feedback(data: MatrixData, H: list[np.ndarray], g: list[np.ndarray], k: list[float], rates: list[float],
                    owners: list[int], where: str) -> tuple[MatrixRule, list[tuple[np.ndarray, np.ndarray, float]]]:
    """Linear Markov strategies of the decision makers (coupled matrix Riccati equations), and their values."""
    from scipy.integrate import solve_ivp
    from scipy.optimize import fsolve

    n, D = data.n, len(H)
    M = _first_order(data, H, owners, where)
    zeros = [np.zeros(n)] * D

    def riccati(flat: np.ndarray) -> np.ndarray:
        P = [flat[d * n * n:(d + 1) * n * n].reshape(n, n) for d in range(D)]
        P = [(p + p.T) / 2 for p in P]
        b, _ = _rule(data, H, g, owners, M, P, zeros)
        A_cl = data.A + data.B @ b
        Z1 = np.vstack([np.eye(n), b])
        out = [Z1.T @ H[d] @ Z1 + P[d] @ A_cl + A_cl.T @ P[d] - rates[d] * P[d] for d in range(D)]
        return np.concatenate([o.reshape(-1) for o in out])

    def settled(_t: float, p: np.ndarray) -> float:
        return float(np.max(np.abs(riccati(p)))) - 1e-6 * max(1.0, float(np.max(np.abs(p))))  # not TOLERANCE: hand-over to Newton

    settled.terminal = True  # type: ignore[attr-defined]

    def blown(_t: float, p: np.ndarray) -> float:
        return 1e12 - float(np.max(np.abs(p)))  # not TOLERANCE: divergence of the backward Riccati flow

    blown.terminal = True  # type: ignore[attr-defined]
    with np.errstate(all="ignore"):
        sol = solve_ivp(lambda _t, p: riccati(p), (0.0, 1e6), np.zeros(D * n * n), method="LSODA",
                        events=[settled, blown], rtol=1e-10, atol=1e-12)
        start = sol.y[:, -1]
        if not np.all(np.isfinite(start)) or np.max(np.abs(start)) >= 1e12:
            raise InvalidGameError(f"{where}: expected stabilisable stocks, got a backward Riccati flow that diverges")
        root, _, ier, msg = fsolve(riccati, start, full_output=True, xtol=1e-14)
    residual = float(np.max(np.abs(riccati(root))))
    if ier != 1 and residual > scaled_tolerance(float(np.max(np.abs(root)))):
        raise SolverError(f"{where}: the coupled Riccati equations did not converge ({msg}); residual {residual:.3g}")
    P = [(root[d * n * n:(d + 1) * n * n].reshape(n, n) + root[d * n * n:(d + 1) * n * n].reshape(n, n).T) / 2
         for d in range(D)]
    b, _ = _rule(data, H, g, owners, M, P, zeros)
    A_cl = data.A + data.B @ b
    growth = float(np.max(np.linalg.eigvals(A_cl).real))
    if not growth < min(rates) / 2:
        raise InvalidGameError(f"{where}: expected stabilisable stocks, got closed-loop growth {growth:.6g} >= r/2")

    # the linear terms q solve an affine system: found by probing it at the basis vectors
    def linear(qflat: np.ndarray) -> np.ndarray:
        q = [qflat[d * n:(d + 1) * n] for d in range(D)]
        _, a = _rule(data, H, g, owners, M, P, q)
        c_cl = data.c + data.B @ a
        Z1, Z0 = np.vstack([np.eye(n), b]), np.concatenate([np.zeros(n), a])
        return np.concatenate([rates[d] * q[d] - (Z1.T @ H[d] @ Z0 + Z1.T @ g[d] + P[d] @ c_cl + A_cl.T @ q[d])
                               for d in range(D)])

    base = linear(np.zeros(D * n))
    L = np.column_stack([linear(e) - base for e in np.eye(D * n)])
    qflat = np.linalg.solve(L, -base)
    q = [qflat[d * n:(d + 1) * n] for d in range(D)]
    _, a = _rule(data, H, g, owners, M, P, q)
    c_cl = data.c + data.B @ a
    rule = MatrixRule(a, b, A_cl, c_cl,
                      f"floats: the limit of the finite-horizon equilibria (backward matrix Riccati integration from "
                      f"zero, then Newton's method; residual {residual:.2g}); closed-loop eigenvalues below r/2")
    values = [rule_values_matrix(H[d], g[d], k[d], rates[d], rule) for d in range(D)]
    return rule, values


def matrix_open_loop(data: MatrixData, owners: list[int], where: str) -> MatrixRule:
    """The open-loop Nash path as a rule ``u = b X + a`` along the stable subspace of the state-costate system."""
    n, D = data.n, len(data.H)
    H, g = list(data.H), list(data.g)
    M = _first_order(data, H, owners, where)
    size = n * (1 + D)

    def field_(y: np.ndarray) -> np.ndarray:
        X, lam = y[:n], [y[n * (1 + d):n * (2 + d)] for d in range(D)]
        u = _controls(X, lam)
        z = np.concatenate([X, u])
        Xdot = data.A @ X + data.B @ u + data.c
        ldot = [data.rates[d] * lam[d] - (H[d][:n, :] @ z + g[d][:n] + data.A.T @ lam[d]) for d in range(D)]
        return np.concatenate([Xdot, *ldot])

    def _controls(X: np.ndarray, lam: list[np.ndarray]) -> np.ndarray:
        b, a = _rule(data, H, g, owners, M, [np.zeros((n, n))] * D, lam)
        return b @ X + a

    k0 = field_(np.zeros(size))
    J = np.column_stack([field_(e) - k0 for e in np.eye(size)])
    ystar = np.linalg.solve(J, -k0)
    eig, vecs = np.linalg.eig(J)
    stable = np.flatnonzero(eig.real < 0)
    if stable.size != n:
        raise NotSupportedError(f"{where}: expected {n} stable eigenvalues (one per stock), got {stable.size}: "
                                f"no unique open-loop path")
    Vx, Vl = vecs[:n, stable], vecs[n:, stable]
    Mlam = np.real(Vl @ np.linalg.inv(Vx))  # lambda - lambda* = Mlam (X - X*)
    A_cl = np.real(Vx @ np.diag(eig[stable]) @ np.linalg.inv(Vx))
    Xs, ls = ystar[:n], ystar[n:]

    def along(X: np.ndarray) -> np.ndarray:
        lam = ls + Mlam @ (X - Xs)
        return _controls(X, [lam[d * n:(d + 1) * n] for d in range(D)])

    a0 = along(np.zeros(n))
    b = np.column_stack([along(e) - a0 for e in np.eye(n)])
    text = ", ".join(f"{e.real:.4g}" for e in eig)
    return MatrixRule(a0, b, A_cl, -A_cl @ Xs, f"Pontryagin: the state-costate system has eigenvalues {text}; "
                                                  f"the path follows its {n}-dimensional stable subspace")


def rule_values_matrix(H: np.ndarray, g: np.ndarray, k: float, rate: float,
                       rule: MatrixRule) -> tuple[np.ndarray, np.ndarray, float]:
    """``(P, q, w)``: the discounted payoff ``X0'P X0/2 + q'X0 + w`` of a flow under a linear rule (Lyapunov equation)."""
    from scipy.linalg import solve_continuous_lyapunov

    n = rule.A_cl.shape[0]
    Z1, Z0 = np.vstack([np.eye(n), rule.b]), np.concatenate([np.zeros(n), rule.a])
    shifted = rule.A_cl - rate / 2 * np.eye(n)
    P = solve_continuous_lyapunov(shifted.T, -Z1.T @ H @ Z1)
    q = np.linalg.solve(rate * np.eye(n) - rule.A_cl.T, Z1.T @ H @ Z0 + Z1.T @ g + P @ rule.c_cl)
    w = (Z0 @ H @ Z0 / 2 + g @ Z0 + k + q @ rule.c_cl) / rate
    return P, q, float(w)


@dataclass(frozen=True, eq=False, repr=False)
class MatrixSolution(DifferentialSolution):
    """A solution of a linear-quadratic game with several stocks (floats): linear rule, quadratic values."""

    rule: MatrixRule | None = field(default=None, repr=False)
    value_coefficients: tuple[tuple[np.ndarray, np.ndarray, float], ...] = field(default=(), repr=False)

    @classmethod
    @public
    def build(cls, concept: str, game: DifferentialGame, data: MatrixData, rule: MatrixRule, kind_of: str,
              where: str) -> MatrixSolution:
        """Values of every player under the rule, the steady state and its kind."""
        values = tuple(rule_values_matrix(data.H[i], data.g[i], data.k[i], data.rates[i], rule)
                       for i in range(game.num_players))
        eig = np.linalg.eigvals(rule.A_cl)
        states = []
        if np.all(np.abs(eig) > 0):
            Xs = np.linalg.solve(rule.A_cl, -rule.c_cl)
            controls = rule.b @ Xs + rule.a
            check_bounds(game, controls[None, :], where)
            kind = kind_of if np.all(eig.real < 0) else "unstable"
            states.append(SteadyState(tuple(float(v) for v in Xs), tuple(float(v) for v in controls), kind,
                                      tuple(complex(e) for e in eig), False))
        steady = Solutions(states, method=rule.reason, is_exact=False, is_complete=True,
                           note="the one steady state of the linear rule")
        return cls(concept, game, steady, False, rule.reason, rule, values)

    def _x0(self, x0: Any, where: str) -> np.ndarray:
        n = len(self.game.state)
        if isinstance(x0, (str, bytes)) or not hasattr(x0, "__len__") or len(x0) != n:
            raise InvalidArgumentError(f"{where}: expected one initial value per stock ({n}), got {describe(x0)}")
        return np.array([check_real(v, f"x0[{i}]", where) for i, v in enumerate(x0)])

    @public
    def path(self, x0: Any, t_max: Any, *, num: int = 201) -> Path:
        """The time path from the stocks ``x0``: ``X(t) = X* + expm(A_cl t)(x0 - X*)``; ``state[k]`` is a row."""
        from scipy.linalg import expm

        where = f"MatrixSolution.path ({self.concept})"
        X0 = self._x0(x0, where)
        t_max = check_real(t_max, "t_max", where, minimum=0, open_min=True)
        num = check_int(num, "num", where, minimum=2, maximum=10 ** 6)
        assert self.rule is not None
        t = np.linspace(0.0, t_max, num)
        Xs = np.linalg.solve(self.rule.A_cl, -self.rule.c_cl)
        state = np.array([Xs + expm(self.rule.A_cl * s) @ (X0 - Xs) for s in t])
        controls = state @ self.rule.b.T + self.rule.a[None, :]
        check_bounds(self.game, controls, where)
        variables = [*self.game.state, *self.game.all_controls]
        flows = np.column_stack([np.broadcast_to(sympy.lambdify(variables, g, "numpy")(*state.T, *controls.T), t.shape)
                                 for g in self.game.payoffs])
        return Path(readonly(t), readonly(state), readonly(controls), readonly(flows),
                    self.steady_states[0] if self.steady_states else None)

    @public
    def values(self, x0: Any) -> np.ndarray:
        """Each player's discounted payoff from the stocks ``x0`` (floats)."""
        X0 = self._x0(x0, f"MatrixSolution.values ({self.concept})")
        return np.array([X0 @ P @ X0 / 2 + q @ X0 + w for P, q, w in self.value_coefficients])
