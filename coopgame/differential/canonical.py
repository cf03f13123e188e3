"""Non-linear one-stock games: steady states and saddle paths of the Pontryagin (state-costate) system.

Each decision maker ``d`` (every player for the open-loop equilibrium, one
planner for the cooperative solution) has a Hamiltonian
``H_d = g_d + lambda_d f``; its controls maximise it and its costate follows
``dlambda_d/dt = r_d lambda_d - dH_d/dx``. At a steady state ``f = 0`` and
``dlambda/dt = 0``; eliminating the controls and costates leaves one equation
``phi(x) = 0`` in the stock.

* **All steady states**: when ``phi`` is rational, the real roots of its
  numerator are isolated exactly (sympy's real-root isolation), so none is
  missed; otherwise the interval given is scanned on a grid, sign changes
  are bisected (Brent) and near-tangencies polished, to a stated accuracy.
* **Kinds** from the eigenvalues of the state-costate system: one stable
  eigenvalue (as many as stocks) is a ``"saddle"``; none is ``"unstable"``.
* **Paths** follow the saddles' stable manifolds, traced by integrating the
  system backwards from the saddle along its stable eigenvector until the
  stock reaches ``x0``; where several saddles' manifolds reach ``x0`` (the
  shallow lake's Skiba region), the one of highest weighted value is taken
  (Skiba 1978; Maler, Xepapadeas and de Zeeuw 2003).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_int, check_real, describe, public
from coopgame._numeric import TOLERANCE, readonly, scaled_tolerance
from coopgame.differential.game import DifferentialGame
from coopgame.differential.solution import DifferentialSolution, Path, SteadyState, check_bounds, check_stock
from coopgame.errors import InvalidArgumentError, NotSupportedError, SolverError
from coopgame.results import Solutions

__all__ = ["pontryagin_solution", "PontryaginSolution", "GRID_POINTS", "PATH_ACCURACY"]

#: Default number of grid points when the steady-state equation is not rational (keyword ``grid``).
GRID_POINTS = 20001

#: Relative accuracy of paths and values traced along a stable manifold (the integrator's tolerance and the
#: size of the first step off the saddle); not the tolerance policy's TOLERANCE, which is for exact comparisons.
PATH_ACCURACY = 1e-7


@dataclass(frozen=True)
class _System:
    """The state-costate system with the controls eliminated, lambdified."""

    x: sympy.Symbol
    lam: tuple[sympy.Symbol, ...]
    controls: tuple[sympy.Expr, ...]  # u(x, lambda)
    rhs: tuple[sympy.Expr, ...]  # d(x, lambda)/dt
    rates: tuple[Any, ...]
    weights: tuple[Any, ...]


def _system(game: DifferentialGame, concept: str, weights: Sequence[Any] | None) -> tuple[_System, list[list[int]]]:
    where = concept
    if len(game.state) != 1:
        raise NotSupportedError(f"{where}: expected one stock for a non-linear game, got {len(game.state)}; "
                                f"linear-quadratic games with one stock are solved exactly")
    x = game.state[0]
    f = game.dynamics[0]
    n = game.num_players
    if concept == "cooperative":
        w = list(weights) if weights is not None else [1] * n
        objectives = [sum((wi * g for wi, g in zip(w, game.payoffs)), sympy.Integer(0))]
        groups = [list(range(len(game.all_controls)))]
        rates = [game.discount[0]]
    else:
        objectives = list(game.payoffs)
        index = {c: k for k, c in enumerate(game.all_controls)}
        groups = [[index[c] for c in g] for g in game.controls]
        rates = list(game.discount)
        w = [1] * n
    lam = sympy.symbols(f"_lambda0:{len(objectives)}", real=True)
    controls = game.all_controls
    foc = [sympy.diff(objectives[d] + lam[d] * f, controls[k]) for d, group in enumerate(groups) for k in group]
    try:
        branches = sympy.solve(foc, list(controls), dict=True)
    except Exception as err:  # noqa: BLE001 - sympy's solver raises many kinds
        raise NotSupportedError(f"{where}: expected first-order conditions solvable for the controls, got {foc} "
                                f"({type(err).__name__})") from None
    branches = [b for b in branches if all(c in b for c in controls)]
    if len(branches) != 1:
        raise NotSupportedError(f"{where}: expected the first-order conditions {foc} to give the controls in one "
                                f"closed form, got {len(branches)}")
    u = tuple(sympy.simplify(branches[0][c]) for c in controls)
    sub = dict(zip(controls, u))
    xdot = f.xreplace(sub)
    ldot = [rates[d] * lam[d] - sympy.diff(objectives[d] + lam[d] * f, x).xreplace(sub) for d in range(len(objectives))]
    return _System(x, lam, u, (xdot, *ldot), tuple(rates), tuple(w)), groups


def _steady_equation(system: _System, where: str) -> tuple[sympy.Expr, dict[sympy.Symbol, sympy.Expr]]:
    """``phi(x)`` and the costates as functions of ``x`` at a steady state."""
    try:
        sols = sympy.solve(list(system.rhs[1:]), list(system.lam), dict=True)
    except Exception as err:  # noqa: BLE001 - sympy's solver raises many kinds
        raise NotSupportedError(f"{where}: expected the steady costates in closed form ({type(err).__name__})") from None
    sols = [s for s in sols if all(v in s for v in system.lam)]
    if len(sols) != 1:
        raise NotSupportedError(f"{where}: expected one closed form of the steady costates, got {len(sols)}")
    lam_x = {k: sympy.simplify(v) for k, v in sols[0].items()}
    return sympy.simplify(system.rhs[0].xreplace(lam_x)), lam_x


def _roots(phi: sympy.Expr, x: sympy.Symbol, interval: tuple[float, float] | None, grid: int,
           where: str) -> tuple[list[Any], bool, str]:
    """All real roots of ``phi`` (in ``interval`` when given); whether they are exact; how they were found."""
    num, den = sympy.fraction(sympy.together(sympy.expand(phi)))
    num = sympy.expand(num)
    try:
        poly = sympy.Poly(num, x)
        rational = all(c.is_number for c in poly.coeffs()) and sympy.Poly(den, x) is not None
    except sympy.PolynomialError:
        rational = False
    lo, hi = interval if interval is not None else (-np.inf, np.inf)
    if rational:
        exact = all(c.is_Rational for c in poly.coeffs())
        if exact:
            roots: list[Any] = [rt for rt in poly.real_roots() if den.xreplace({x: rt}) != 0]
            how = f"exact real-root isolation of a degree-{poly.degree()} polynomial (sympy)"
        else:
            scale = max(abs(float(c)) for c in poly.coeffs())
            roots = []
            for rt in poly.nroots(n=30, maxsteps=200):
                if abs(float(sympy.im(rt))) <= 1e-10 * max(1.0, abs(complex(rt))):  # not TOLERANCE: imaginary parts of float roots
                    value = float(sympy.re(rt))
                    if abs(float(den.xreplace({x: value}))) > scaled_tolerance(scale):
                        roots.append(sympy.Float(value))
            how = f"all roots of a degree-{poly.degree()} polynomial (floats, 30 digits)"
        roots = [rt for rt in roots if lo <= float(rt) <= hi]
        return sorted(roots, key=float), exact, how
    if interval is None:
        raise InvalidArgumentError(f"{where}: expected interval=(lo, hi) for the stock: the steady-state equation "
                                   f"{phi} = 0 is not rational, so its roots are searched on a grid")
    from scipy.optimize import brentq, minimize_scalar

    fn = sympy.lambdify(x, phi, "numpy")
    xs = np.linspace(lo, hi, grid)
    with np.errstate(all="ignore"):
        ys = np.asarray(fn(xs), dtype=float) * np.ones_like(xs)
    found: list[float] = []
    ok = np.isfinite(ys)
    for k in range(grid - 1):
        if ok[k] and ok[k + 1] and (ys[k] == 0 or ys[k] * ys[k + 1] < 0):
            found.append(xs[k] if ys[k] == 0 else brentq(fn, xs[k], xs[k + 1], xtol=1e-14))
    # near-tangent roots: a local minimum of |phi| between grid points that reaches zero
    absy = np.where(ok, np.abs(ys), np.inf)
    for k in range(1, grid - 1):
        if absy[k] <= absy[k - 1] and absy[k] <= absy[k + 1] and not any(abs(r - xs[k]) <= 2 * (xs[1] - xs[0]) for r in found):
            res = minimize_scalar(lambda t: abs(float(fn(t))), bounds=(xs[k - 1], xs[k + 1]), method="bounded",
                                  options={"xatol": 1e-14})
            if res.fun <= scaled_tolerance(float(np.nanmax(absy[np.isfinite(absy)]))):
                found.append(float(res.x))
    how = (f"grid of {grid} points on [{lo:g}, {hi:g}] with Brent's method on sign changes and polished "
           f"near-tangencies (roots closer than {(hi - lo) / (grid - 1):.2g} may be merged)")
    return [sympy.Float(v) for v in sorted(set(found))], False, how


@dataclass(frozen=True, eq=False, repr=False)
class PontryaginSolution(DifferentialSolution):
    """Open-loop or cooperative solution of a non-linear one-stock game; paths along stable manifolds."""

    system: _System | None = field(default=None, repr=False)
    costates: tuple[tuple[Any, ...], ...] = ()
    _compiled: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def _functions(self) -> tuple[Any, Any, Any]:
        """The lambdified system, controls and Jacobian (made once)."""
        assert self.system is not None
        if "rhs" not in self._compiled:
            s = self.system
            y = [s.x, *s.lam]
            self._compiled["rhs"] = sympy.lambdify(y, list(s.rhs), "numpy")
            self._compiled["ctrl"] = sympy.lambdify(y, list(s.controls), "numpy")
            self._compiled["jac"] = sympy.lambdify(y, sympy.Matrix(s.rhs).jacobian(y), "numpy")
            variables = [self.game.state[0], *self.game.all_controls]
            self._compiled["flows"] = [sympy.lambdify(variables, g, "numpy") for g in self.game.payoffs]
        return self._compiled["rhs"], self._compiled["ctrl"], self._compiled["jac"]

    def _branch(self, k: int, x0: float) -> tuple[Any, float, Any] | None:
        """The stable manifold of saddle ``k`` traced backwards until the stock reaches ``x0`` (None if it does not)."""
        from scipy.integrate import solve_ivp

        state = self.steady_states[k]
        rhs, _, jac = self._functions()
        ystar = np.array([float(state.state), *(float(c) for c in self.costates[k])])
        J = np.asarray(jac(*ystar), dtype=float)
        eig, vecs = np.linalg.eig(J)
        i = int(np.argmin(eig.real))
        mu = float(eig[i].real)
        v = np.real(vecs[:, i])
        v = v / v[0]
        gap = x0 - ystar[0]
        if gap == 0:
            return None
        eps = PATH_ACCURACY * max(1.0, abs(ystar[0])) * np.sign(gap)
        start = ystar + eps * v

        def back(_t: float, y: np.ndarray) -> np.ndarray:
            return -np.asarray(rhs(*y), dtype=float)

        def reached(_t: float, y: np.ndarray) -> float:
            return float(y[0] - x0)

        reached.terminal = True  # type: ignore[attr-defined]
        horizon = 200.0 / abs(mu)  # not TOLERANCE: a time limit, many e-folding times of the saddle
        with np.errstate(all="ignore"):
            sol = solve_ivp(back, (0.0, horizon), start, events=[reached], dense_output=True, rtol=PATH_ACCURACY,
                            atol=PATH_ACCURACY * 1e-3, method="LSODA")
        if sol.status != 1 or not sol.t_events[0].size:
            return None
        return sol, float(sol.t_events[0][0]), (ystar, mu, v, eps)

    def _trace(self, x0: float, where: str) -> tuple[int, Any, float, Any]:
        saddles = [k for k, s in enumerate(self.steady_states) if s.kind == "saddle"]
        at = [k for k in saddles if float(self.steady_states[k].state) == x0]
        if at:
            return at[0], None, 0.0, None
        candidates = []
        for k in saddles:
            branch = self._branch(k, x0)
            if branch is not None:
                candidates.append((k, *branch))
        if not candidates:
            raise SolverError(f"{where}: expected the stable manifold of a saddle to reach x0 = {x0:g}, got none "
                              f"(saddles at {[float(self.steady_states[k].state) for k in saddles]})")
        if len(candidates) == 1:
            return candidates[0]
        best = max(candidates, key=lambda c: float(np.dot(self._values_along(c, where), self._weights())))
        return best

    def _weights(self) -> np.ndarray:
        assert self.system is not None
        return np.array([float(w) for w in self.system.weights]) if self.concept == "cooperative" \
            else np.ones(self.game.num_players)

    def _sample(self, branch: tuple[int, Any, float, Any], t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Stock and costates at times ``t`` along a traced branch (the saddle's linear tail after it)."""
        k, sol, T, extra = branch
        state = self.steady_states[k]
        if sol is None:
            y = np.array([float(state.state), *(float(c) for c in self.costates[k])])
            return np.repeat(y[None, :], t.size, axis=0), np.zeros(t.size)
        ystar, mu, v, eps = extra
        out = np.empty((t.size, ystar.size))
        inside = t <= T
        out[inside] = sol.sol(T - t[inside]).T
        out[~inside] = ystar[None, :] + eps * v[None, :] * np.exp(mu * (t[~inside] - T))[:, None]
        return out, inside

    def _flows(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        _, ctrl, _ = self._functions()
        with np.errstate(all="ignore"):
            controls = np.column_stack([np.broadcast_to(c, y.shape[0]) for c in ctrl(*y.T)])
            flows = np.column_stack([np.broadcast_to(g(y[:, 0], *controls.T), y.shape[0])
                                     for g in self._compiled["flows"]])
        return controls, flows

    def _values_along(self, branch: tuple[int, Any, float, Any], where: str) -> np.ndarray:
        from scipy.integrate import quad_vec

        k, sol, T, _ = branch
        rates = np.array([float(r) for r in self.game.discount])
        ys = np.array([float(self.steady_states[k].state), *(float(c) for c in self.costates[k])])
        _, flow_star = self._flows(ys[None, :])
        values = flow_star[0] / rates * np.exp(-rates * T)
        if sol is not None:
            def integrand(t: float) -> np.ndarray:
                y, _ = self._sample(branch, np.array([t]))
                return np.exp(-rates * t) * self._flows(y)[1][0]

            values = values + quad_vec(integrand, 0.0, T, epsabs=0, epsrel=PATH_ACCURACY)[0]
        if not np.all(np.isfinite(values)):
            raise SolverError(f"{where}: expected finite values along the path, got {values.tolist()}")
        return values

    @public
    def path(self, x0: Any, t_max: Any, *, num: int = 201) -> Path:
        """The time path from ``x0`` along a saddle's stable manifold (accuracy about :data:`PATH_ACCURACY`)."""
        where = f"{type(self).__name__}.path ({self.concept})"
        x0f = float(check_stock(x0, where))
        t_max = check_real(t_max, "t_max", where, minimum=0, open_min=True)
        num = check_int(num, "num", where, minimum=2, maximum=10 ** 7)
        branch = self._trace(x0f, where)
        t = np.linspace(0.0, t_max, num)
        y, _ = self._sample(branch, t)
        controls, flows = self._flows(y)
        check_bounds(self.game, controls, where)
        return Path(readonly(t), readonly(y[:, 0].copy()), readonly(controls), readonly(flows),
                    self.steady_states[branch[0]])

    @public
    def values(self, x0: Any) -> np.ndarray:
        """Each player's discounted payoff from ``x0`` along the chosen saddle path (floats)."""
        where = f"{type(self).__name__}.values ({self.concept})"
        x0f = float(check_stock(x0, where))
        return self._values_along(self._trace(x0f, where), where)


def pontryagin_solution(game: DifferentialGame, concept: str, weights: Sequence[Any] | None = None, *,
                        interval: Any = None, grid: int = GRID_POINTS) -> PontryaginSolution:
    """The open-loop (``concept="open-loop Nash"``) or cooperative solution of a non-linear one-stock game."""
    where = "cooperative_solution" if concept == "cooperative" else "open_loop_nash"
    if interval is not None:
        if isinstance(interval, (str, bytes)) or not hasattr(interval, "__len__") or len(interval) != 2:
            raise InvalidArgumentError(f"{where}: expected interval=(lo, hi), got {describe(interval)}")
        lo = check_real(interval[0], "interval[0]", where)
        hi = check_real(interval[1], "interval[1]", where, minimum=lo, open_min=True)
        interval = (lo, hi)
    grid = check_int(grid, "grid", where, minimum=3, maximum=10 ** 8)
    system, _ = _system(game, concept, weights)
    phi, lam_x = _steady_equation(system, where)
    roots, exact, how = _roots(phi, system.x, interval, grid, where)
    y = [system.x, *system.lam]
    J = sympy.Matrix(system.rhs).jacobian(y)
    states: list[SteadyState] = []
    costates: list[tuple[Any, ...]] = []
    variables = [game.state[0], *game.all_controls]
    for rt in roots:
        lam = {k: (v.xreplace({system.x: rt}) if exact else sympy.Float(float(v.xreplace({system.x: rt}))))
               for k, v in lam_x.items()}
        point = {system.x: rt, **lam}
        try:
            controls = tuple((c.xreplace(point) if exact else sympy.Float(float(c.xreplace(point)))) for c in system.controls)
            numeric = [complex(sympy.N(c)) for c in controls]
        except (TypeError, ValueError):
            continue
        if any(abs(c.imag) > TOLERANCE * max(1.0, abs(c)) for c in numeric):
            continue
        flows = [complex(sympy.N(g.xreplace(dict(zip(variables, [rt, *controls]))))) for g in game.payoffs]
        if any(not np.isfinite(v) or abs(v.imag) > TOLERANCE * max(1.0, abs(v)) for v in flows):
            continue  # outside the payoffs' domain (a logarithm of a non-positive loading)
        try:
            check_bounds(game, np.array([[c.real for c in numeric]]), where)
        except NotSupportedError:
            continue
        Jn = np.array(J.xreplace(point).evalf(), dtype=float)
        eig = np.linalg.eigvals(Jn)
        stable = int(np.sum(eig.real < 0))
        kind = "saddle" if stable == 1 else ("unstable" if stable == 0 else "stable")
        states.append(SteadyState(rt if exact else sympy.Float(float(rt)), controls, kind,
                                  tuple(complex(e) for e in eig), exact))
        costates.append(tuple(lam[k] for k in system.lam))
    note = "" if interval is None else f"steady states in [{interval[0]:g}, {interval[1]:g}] only"
    steady = Solutions(states, method=how, is_exact=exact, is_complete=interval is None or exact, note=note)
    method = (f"Pontryagin conditions; steady states by {how}; kinds from the state-costate eigenvalues; paths along "
              f"stable manifolds traced backwards (relative accuracy about {PATH_ACCURACY:g})")
    return PontryaginSolution(concept, game, steady, exact, method, system, tuple(costates))
