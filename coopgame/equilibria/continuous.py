"""Nash equilibria, cooperative optima and the price of anarchy of continuous games.

Front door :func:`continuous_equilibrium` with methods

``"symbolic"``
    first-order conditions ``du_i/dx_i = 0`` solved by sympy when every payoff
    is provably concave in the player's own choice; a numeric interior
    solution is clipped to the bounds and re-checked; with free parameters
    the solution is symbolic and carries the conditions (``lo <= x_i <= hi``)
    under which it is interior.
``"root"``
    the first-order system solved numerically with bounds as KKT conditions:
    an active-set loop fixes choices at violated bounds and releases those
    whose derivative points inwards, solving the free part with
    ``scipy.optimize.root`` on one lambdified gradient and Jacobian for all
    players (a single linear solve when the conditions are linear).
``"best_response"``
    Gauss-Seidel best-response iteration, each best response a bounded 1-D
    maximisation (grid plus ``scipy.optimize.minimize_scalar``); needs no
    derivatives, so it also serves non-smooth payoffs.
``"auto"``
    symbolic when parameters are left free; otherwise symbolic for small
    games, then ``"root"``, then ``"best_response"``, keeping the first
    result that verifies.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_choice, check_int, check_mapping, check_real, describe, public
from coopgame._numeric import TOLERANCE, scaled_tolerance
from coopgame.equilibria.result import payoff_column
from coopgame.errors import (
    InvalidArgumentTypeError,
    InvalidGameTypeError,
    InvalidProfileError,
    NotSupportedError,
    SolverError,
    UnresolvedParameterError,
)
from coopgame.games.continuous import ContinuousGame, _Compiled
from coopgame.results import ArrayResult

__all__ = [
    "ContinuousEquilibrium",
    "CooperativeOptimum",
    "continuous_equilibrium",
    "cooperative_optimum",
    "price_of_anarchy",
    "best_response_iteration",
]

METHODS = ("auto", "symbolic", "root", "best_response")
_GRID = 101


# ---------------------------------------------------------------------- checks
def _windows(c: _Compiled, x: np.ndarray, width: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Finite search intervals: the bounds, or a window around ``x`` where unbounded."""
    w = 10.0 * np.maximum(1.0, np.abs(x)) if width is None else np.full_like(x, width)
    a = np.where(np.isfinite(c.lo), c.lo, np.minimum(x, np.where(np.isfinite(c.hi), c.hi, x)) - w)
    b = np.where(np.isfinite(c.hi), c.hi, np.maximum(x, a) + w)
    return a, b


def _best_on(c: _Compiled, x: np.ndarray, players: Sequence[int], a: np.ndarray, b: np.ndarray,
             grid: int = _GRID) -> tuple[np.ndarray, np.ndarray]:
    """Best choice and payoff of each listed player on [a_i, b_i], others fixed at ``x``.

    One batched evaluation on a grid for all listed players, then a bounded
    ``minimize_scalar`` in the grid cell around each best grid point.
    """
    from scipy import optimize
    players = list(players)
    m = len(players)
    pts = np.linspace(a[players], b[players], grid).T  # (m, grid)
    u = c.deviations(x, players, pts)
    best_x = np.empty(m)
    best_u = np.empty(m)
    for k, i in enumerate(players):
        vals = u[k]
        vals = np.where(np.isfinite(vals), vals, -np.inf)
        j = int(np.argmax(vals))
        bx, bu = pts[k, j], vals[j]
        lo_, hi_ = pts[k, max(j - 1, 0)], pts[k, min(j + 1, grid - 1)]
        if hi_ > lo_:
            def neg(t: float, i: int = i) -> float:
                v = c.deviation_scalar(x, i, t)
                return -v if math.isfinite(v) else math.inf
            res = optimize.minimize_scalar(neg, bounds=(lo_, hi_), method="bounded",
                                           # locate the best reply to near machine precision (a choice, not
                                           # a payoff: the gain is judged against TOLERANCE afterwards)
                                           options={"xatol": 1e-13 * max(1.0, abs(bx))})
            if -res.fun > bu:
                bx, bu = float(res.x), -float(res.fun)
        best_x[k], best_u[k] = bx, bu
    return best_x, best_u


def _gains(c: _Compiled, x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    u0 = c.payoffs(x)
    a, b = _windows(c, x)
    _, best = _best_on(c, x, range(c.n), a, b)
    return np.maximum(best - u0, 0.0)


def _kkt_residual(c: _Compiled, x: np.ndarray) -> float:
    g = c.grad(x)
    return float(np.max(np.abs(x - np.clip(x + g, c.lo, c.hi)), initial=0.0))


# ---------------------------------------------------------------------- results
@public
@dataclass(frozen=True, eq=False)
class ContinuousEquilibrium(ArrayResult):
    """A Nash equilibrium of a :class:`ContinuousGame`, as found by a solver.

    Attributes
    ----------
    game : ContinuousGame
        The game solved (parameter values substituted).
    strategies : tuple
        One choice per player: floats, or sympy expressions for a symbolic
        solution with free parameters.
    payoffs : tuple
        Each player's payoff at ``strategies``.
    method : str
        ``"symbolic"``, ``"root"`` or ``"best_response"``.
    expressions : tuple of sympy.Expr or None
        The exact solution when the symbolic method found it.
    conditions : tuple of sympy relations
        For a symbolic solution with free parameters: the conditions under
        which it lies within the bounds (empty when nothing is needed).
    iterations : int
        Rounds of the numeric method (0 for symbolic).

    Examples
    --------
    >>> from coopgame.games.continuous import ContinuousGame
    >>> from coopgame.equilibria.continuous import continuous_equilibrium
    >>> game = ContinuousGame(["b*x - x**2/2 - x*y/2", "b*y - y**2/2 - x*y/2"], ["x", "y"], [(0, None)] * 2)
    >>> eq = continuous_equilibrium(game, values={"b": 3})
    >>> eq
    ContinuousEquilibrium(x=2, y=2; payoffs 2, 2; method symbolic)
    >>> eq.is_verified()
    True
    >>> continuous_equilibrium(game).strategies
    (2*b/3, 2*b/3)
    """

    game: ContinuousGame
    strategies: tuple[Any, ...]
    payoffs: tuple[Any, ...]
    method: str
    expressions: tuple[sympy.Expr, ...] | None = None
    conditions: tuple[Any, ...] = ()
    iterations: int = 0
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def players(self) -> tuple[str, ...]:
        return self.game.players

    @property
    def welfare(self) -> Any:
        """Sum of the payoffs."""
        if all(isinstance(p, float) for p in self.payoffs):
            return float(sum(self.payoffs))
        return sympy.simplify(sympy.Add(*self.payoffs))

    @property
    def is_symbolic(self) -> bool:
        """True for a closed-form solution with free parameters."""
        return not all(isinstance(s, float) for s in self.strategies)

    @property
    def is_exact(self) -> bool:
        """True when the symbolic method found the solution in closed form (:attr:`expressions`)."""
        return self.expressions is not None

    def _frame_row(self) -> dict[str, Any]:
        """One table row: each player's choice, each player's payoff, the method."""
        row: dict[str, Any] = dict(zip(self.players, self.strategies))
        for name, v in zip(self.players, self.payoffs):
            row[payoff_column(name)] = v
        row["method"] = self.method
        return row

    def _need_numbers(self, what: str) -> None:
        if self.is_symbolic:
            names = ", ".join(s.name for s in self.game.parameters)
            raise UnresolvedParameterError(
                f"ContinuousEquilibrium.{what}: expected a numeric equilibrium, got a symbolic one in {names}; "
                f"solve with values=")

    @public
    def gains(self) -> np.ndarray:
        """Each player's largest payoff gain from a unilateral deviation within the bounds.

        Checked numerically: a grid over the player's interval (a window of
        ten times ``max(1, |x_i|)`` around the choice where unbounded), then a
        bounded :func:`scipy.optimize.minimize_scalar` around the best grid point.
        """
        self._need_numbers("gains")
        if "gains" not in self._cache:
            self._cache["gains"] = _gains(self.game.compiled(), np.array(self.strategies))
        return self._cache["gains"].copy()

    @public
    def max_gain(self) -> float:
        """Largest gain any player can get by a unilateral deviation (0 at an exact equilibrium)."""
        return float(np.max(self.gains(), initial=0.0))

    @public
    def tolerance(self) -> float:
        """``TOLERANCE * max(1, max |payoff|)``: the gain :meth:`is_verified` accepts."""
        self._need_numbers("tolerance")
        return scaled_tolerance(max((abs(float(p)) for p in self.payoffs), default=0.0))

    @public
    def is_verified(self, tol: float | None = None) -> bool:
        """True when :meth:`max_gain` is at most ``tol`` (default :meth:`tolerance`)."""
        return self.max_gain() <= (self.tolerance() if tol is None else tol)

    @public
    def to_dict(self) -> dict[str, Any]:
        """Plain dict of strategies and payoffs keyed by player label."""
        return {"strategies": dict(zip(self.players, self.strategies)),
                "payoffs": dict(zip(self.players, self.payoffs)), "method": self.method}

    def __repr__(self) -> str:
        def fmt(v: Any) -> str:
            return f"{v:.6g}" if isinstance(v, float) else str(v)

        n = len(self.strategies)
        xs = ", ".join(f"{s}={fmt(v)}" for s, v in zip(self.game.strategies[:8], self.strategies))
        ps = ", ".join(fmt(p) for p in self.payoffs[:8])
        more = ", ..." if n > 8 else ""
        return f"ContinuousEquilibrium({xs}{more}; payoffs {ps}{more}; method {self.method})"


@public
@dataclass(frozen=True, eq=False)
class CooperativeOptimum(ArrayResult):
    """The profile maximising the sum of payoffs (joint welfare) within the bounds.

    Attributes
    ----------
    game : ContinuousGame
    strategies : tuple of float
    payoffs : tuple of float
    welfare : float
    method : str
    success : bool
        Whether the optimiser reported convergence (a local maximum when the
        welfare is not concave).

    Examples
    --------
    >>> from coopgame.games.continuous import ContinuousGame
    >>> from coopgame.equilibria.continuous import cooperative_optimum
    >>> game = ContinuousGame(["3*x - x**2/2 - x*y", "3*y - y**2/2 - x*y"], ["x", "y"], [(0, None)] * 2)
    >>> opt = cooperative_optimum(game)
    >>> [round(v, 6) for v in opt.strategies], round(opt.welfare, 6)
    ([1.0, 1.0], 3.0)
    """

    game: ContinuousGame
    strategies: tuple[float, ...]
    payoffs: tuple[float, ...]
    welfare: float
    method: str
    success: bool

    @property
    def players(self) -> tuple[str, ...]:
        return self.game.players

    @public
    def to_dict(self) -> dict[str, Any]:
        return {"strategies": dict(zip(self.players, self.strategies)),
                "payoffs": dict(zip(self.players, self.payoffs)), "welfare": self.welfare}

    def __repr__(self) -> str:
        xs = ", ".join(f"{s}={v:.6g}" for s, v in zip(self.game.strategies[:8], self.strategies))
        more = ", ..." if len(self.strategies) > 8 else ""
        return f"CooperativeOptimum({xs}{more}; welfare {self.welfare:.6g})"


# ---------------------------------------------------------------------- helpers
def _check_values(values: Any, where: str) -> None:
    """Refuse ``values=`` that is neither None nor a mapping from parameter names to values."""
    check_mapping(values, "values", where, what="a mapping from parameter names to values")


def _check_game(game: Any, where: str) -> None:
    if not isinstance(game, ContinuousGame):
        raise InvalidGameTypeError(f"{where}: expected a ContinuousGame, got {type(game).__name__}")


def _start(c: _Compiled, x0: Any, where: str) -> np.ndarray:
    if x0 is None:
        both = np.isfinite(c.lo) & np.isfinite(c.hi)
        mid = np.where(both, c.lo, 0.0) / 2 + np.where(both, c.hi, 0.0) / 2
        x = np.where(both, mid,
                     np.where(np.isfinite(c.lo), c.lo, np.where(np.isfinite(c.hi), c.hi, 0.0)))
        return x.astype(float)
    try:
        x = np.array(x0, dtype=float).reshape(-1)
    except (TypeError, ValueError, OverflowError):
        raise InvalidProfileError(f"{where}: expected x0 as {c.n} finite numbers, got {describe(x0)}") from None
    if x.shape != (c.n,) or not np.all(np.isfinite(x)):
        raise InvalidProfileError(f"{where}: expected x0 as {c.n} finite numbers, got {describe(x0)}")
    return np.clip(x, c.lo, c.hi)


def _numeric_result(game: ContinuousGame, x: np.ndarray, method: str, iterations: int,
                    expressions: tuple | None = None) -> ContinuousEquilibrium:
    c = game.compiled()
    pay = c.payoffs(x)
    return ContinuousEquilibrium(game, tuple(float(v) for v in x), tuple(float(v) for v in pay), method,
                                 expressions=expressions, iterations=iterations)


def _verified(res: ContinuousEquilibrium, c: _Compiled) -> bool:
    """KKT conditions suffice when payoffs are concave in own choice; else the deviation check."""
    x = np.array(res.strategies)
    if c.own_concave:
        g = c.grad(x)
        if _kkt_residual(c, x) <= scaled_tolerance(np.max(np.abs(x), initial=0.0)) and np.all(np.isfinite(g)):
            return True
    return res.is_verified()


def _kkt_active_set(grad: Any, jac: Any, linear: bool, lo: np.ndarray, hi: np.ndarray, x0: np.ndarray,
                    own_linear: np.ndarray | None = None) -> tuple[np.ndarray, bool, int]:
    """Solve ``grad(x) = 0`` on a box as KKT conditions by an active-set loop.

    A choice at its lower bound needs ``grad <= 0``, at its upper bound
    ``grad >= 0``; free choices ``grad = 0``.
    """
    from scipy import optimize
    n = x0.size
    x = np.clip(x0.astype(float), lo, hi)
    free = np.ones(n, dtype=bool)
    if own_linear is not None and own_linear.any():
        g = grad(x)
        up = own_linear & (g > 0) & np.isfinite(hi)
        down = own_linear & (g < 0) & np.isfinite(lo)
        x[up], x[down] = hi[up], lo[down]
        free[up | down] = False
    rounds = 0
    for rounds in range(1, 4 * n + 20):
        idx = np.flatnonzero(free)
        if idx.size:
            if linear:
                J = jac(x)[np.ix_(idx, idx)]
                g = grad(x)[idx]
                try:
                    dx = np.linalg.solve(J, -g)
                except np.linalg.LinAlgError:
                    dx = np.linalg.lstsq(J, -g, rcond=None)[0]
                x[idx] = x[idx] + dx
            else:
                def f(z: np.ndarray, x: np.ndarray = x, idx: np.ndarray = idx) -> np.ndarray:
                    y = x.copy()
                    y[idx] = z
                    return grad(y)[idx]

                def fj(z: np.ndarray, x: np.ndarray = x, idx: np.ndarray = idx) -> np.ndarray:
                    y = x.copy()
                    y[idx] = z
                    return jac(y)[np.ix_(idx, idx)]

                with np.errstate(all="ignore"):
                    sol = optimize.root(f, x[idx], jac=fj, method="hybr")
                    if not sol.success or not np.all(np.isfinite(sol.x)):
                        ls = optimize.least_squares(f, x[idx], jac=fj, bounds=(lo[idx], hi[idx]))
                        z = ls.x
                    else:
                        z = sol.x
                if not np.all(np.isfinite(z)):
                    return x, False, rounds
                x[idx] = z
        # bound violations smaller than this are rounding of the Newton step, not a violation (a thousandth
        # of TOLERANCE, so that the returned point is checked against TOLERANCE with room to spare)
        tol_x = TOLERANCE / 1000 * np.maximum(1.0, np.abs(x))
        below = free & (x < lo - tol_x)
        above = free & (x > hi + tol_x)
        if below.any() or above.any():
            # fix the worst violation first (fixing all at once can cycle)
            viol = np.where(below, lo - x, 0.0) + np.where(above, x - hi, 0.0)
            k = int(np.argmax(viol / np.maximum(1.0, np.abs(x))))
            x[k] = lo[k] if below[k] else hi[k]
            free[k] = False
            x[free] = np.clip(x[free], lo[free], hi[free]) if not linear else x[free]
            continue
        x = np.clip(x, lo, hi)
        g = grad(x)
        gtol = TOLERANCE / 10 * max(1.0, float(np.max(np.abs(g), initial=0.0)))  # release a bound: a tenth of it
        release = ~free & (((x <= lo) & (g > gtol)) | ((x >= hi) & (g < -gtol)))
        if release.any():
            k = int(np.argmax(np.abs(np.where(release, g, 0.0))))
            free[k] = True
            continue
        resid = float(np.max(np.abs(g[free]), initial=0.0))
        # the stationarity check is looser than the payoff tolerance (10x) because the caller verifies the
        # deviation gains against TOLERANCE itself
        return x, bool(np.isfinite(resid) and resid <= 10 * scaled_tolerance(np.max(np.abs(x), initial=0.0))), rounds
    return x, False, rounds


# ---------------------------------------------------------------------- methods
def _symbolic(game: ContinuousGame) -> ContinuousEquilibrium | None:
    """Interior first-order conditions solved by sympy; None when sympy cannot or payoffs are not concave."""
    xs = game.strategies
    dummies = [sympy.Dummy(x.name, real=True) for x in xs]
    rep = dict(zip(xs, dummies))
    back = dict(zip(dummies, xs))
    us = [u.xreplace(rep) for u in game.payoffs]
    focs = [sympy.diff(u, d) for u, d in zip(us, dummies)]
    for foc, d in zip(focs, dummies):
        s = sympy.diff(foc, d)
        if s.free_symbols - set(game.parameters) - set(dummies) or not (
                (s.is_number and s <= 0) or s.is_nonpositive is True):
            return None
    try:
        A, b = sympy.linear_eq_to_matrix(focs, dummies)
        linear = True
    except Exception:  # sympy.solvers.solveset.NonlinearError and friends
        linear = False
    sols: list[list[sympy.Expr]] = []
    if linear:
        try:
            if A.det() == 0:
                return None
            sols = [list(A.LUsolve(b))]
        except Exception:
            return None
    else:
        try:
            raw = sympy.solve(focs, dummies, dict=True)
        except Exception:
            return None
        for s in raw:
            if all(d in s for d in dummies):
                vals = [s[d] for d in dummies]
                if all(v.is_real is not False for v in vals):
                    sols.append(vals)
    free_params = bool(game.parameters)
    for vals in sols:
        vals = [sympy.simplify(v.xreplace(back)) if free_params else v.xreplace(back) for v in vals]
        if free_params:
            conds = []
            ok = True
            for v, (lo, hi) in zip(vals, game.bounds):
                for rel in ([sympy.Le(lo, v)] if lo is not None else []) + ([sympy.Le(v, hi)] if hi is not None else []):
                    rel = sympy.simplify(rel)
                    if rel is sympy.false:
                        ok = False
                    elif rel is not sympy.true:
                        conds.append(rel)
            if not ok:
                continue
            sub = dict(zip(xs, vals))
            pays = tuple(sympy.simplify(u.xreplace(sub)) for u in game.payoffs)
            return ContinuousEquilibrium(game, tuple(vals), pays, "symbolic", expressions=tuple(vals),
                                         conditions=tuple(conds))
        try:
            x = np.array([float(v) for v in vals])
        except TypeError:
            continue
        c = game.compiled()
        x = np.clip(x, c.lo, c.hi)
        res = _numeric_result(game, x, "symbolic", 0, expressions=tuple(vals))
        if _verified(res, c):
            return res
    return None


@public
def best_response_iteration(game: ContinuousGame, values: Mapping[Any, Any] | None = None, x0: Any = None, *,
                            max_iter: int = 500, xtol: float = 1e-7) -> ContinuousEquilibrium:
    """Gauss-Seidel best-response iteration.

    Each player in turn moves to its best response (grid plus bounded
    :func:`scipy.optimize.minimize_scalar`) to the others' current choices,
    until no choice moves by more than ``xtol * max(1, |x|)`` (a relative
    step size, not the payoff tolerance: the result is then checked for
    deviation gains within :data:`~coopgame._numeric.TOLERANCE`). Needs no
    derivatives. Unbounded choices are searched in a window around the
    current choice that grows while the best response sits at its edge.

    Raises
    ------
    SolverError
        When the iteration does not settle within ``max_iter`` rounds
        (best responses may cycle) or a payoff is unbounded above.

    Examples
    --------
    >>> from coopgame.games.continuous import ContinuousGame
    >>> from coopgame.equilibria.continuous import best_response_iteration
    >>> game = ContinuousGame(["-Abs(x - y/2 - 1)", "-Abs(y - x/2 - 1)"], ["x", "y"], [(-5, 5)] * 2)
    >>> [round(v, 6) for v in best_response_iteration(game).strategies]
    [2.0, 2.0]
    """
    where = "best_response_iteration"
    _check_game(game, where)
    _check_values(values, where)
    max_iter = check_int(max_iter, "max_iter", where, minimum=1)
    xtol = check_real(xtol, "xtol", where, minimum=0, open_min=True)
    game = game.numeric(values)
    c = game.compiled()
    x = _start(c, x0, where)
    moved = math.inf
    for it in range(1, max_iter + 1):
        moved = 0.0
        for i in range(c.n):
            width = 10.0 * max(1.0, abs(x[i]))
            for _ in range(12):
                a, b = _windows(c, x, width)
                bx, _ = _best_on(c, x, [i], a, b, grid=41)
                at_edge = (not np.isfinite(c.lo[i]) and bx[0] <= a[i] + TOLERANCE * width) or \
                          (not np.isfinite(c.hi[i]) and bx[0] >= b[i] - TOLERANCE * width)
                if not at_edge:
                    break
                width *= 10.0
            else:
                raise SolverError(f"best_response_iteration: expected bounded best responses, "
                                  f"got player {game.players[i]!r}'s payoff growing without bound")
            moved = max(moved, abs(bx[0] - x[i]) / max(1.0, abs(x[i])))
            x[i] = bx[0]
        if moved <= xtol:
            return _numeric_result(game, x, "best_response", it)
    raise SolverError(f"best_response_iteration: expected convergence within max_iter={max_iter} rounds, "
                      f"got a last move of {moved:.3g}; best responses may cycle (try method='root')")


def _root(game: ContinuousGame, x0: Any) -> ContinuousEquilibrium:
    c = game.compiled()
    x = _start(c, x0, "continuous_equilibrium")
    xr, ok, rounds = _kkt_active_set(c.grad, c.jac, c.grad_is_linear, c.lo, c.hi, x, c.own_linear)
    res = _numeric_result(game, xr, "root", rounds)
    res._cache["kkt_ok"] = ok
    return res


@public
def continuous_equilibrium(game: ContinuousGame, method: str = "auto", values: Mapping[Any, Any] | None = None,
                           x0: Any = None, *, max_iter: int = 500) -> ContinuousEquilibrium:
    """A Nash equilibrium of a continuous game.

    Parameters
    ----------
    game : ContinuousGame
    method : {"auto", "symbolic", "root", "best_response"}
        See the module docstring.
    values : mapping, optional
        Parameter values. Numeric methods also use the game's defaults for
        parameters not given; the symbolic method substitutes only ``values``
        and returns expressions in the parameters left free.
    x0 : sequence of float, optional
        Start of the numeric methods (default: the middle of each interval,
        the finite bound, or 0).
    max_iter : int
        Rounds of best-response iteration.

    Returns
    -------
    ContinuousEquilibrium

    Raises
    ------
    UnresolvedParameterError
        A numeric method met free parameters without values or defaults.
    NotSupportedError
        ``method="symbolic"`` when payoffs are not provably concave in the own
        choice or sympy finds no interior solution within the bounds.
    SolverError
        No numeric method reached a verified equilibrium.

    Examples
    --------
    The continuous public-goods game (claim C1 of the docs' claims page) with ``r < N``: nobody
    contributes, the bound ``g_i >= 0`` binds.

    >>> from coopgame.games.continuous import ContinuousGame
    >>> from coopgame.equilibria.continuous import continuous_equilibrium
    >>> n = 3
    >>> game = ContinuousGame([f"e - g{i} + r/{n}*(g0 + g1 + g2)" for i in range(n)],
    ...                       [f"g{i}" for i in range(n)], [(0, "e")] * n)
    >>> continuous_equilibrium(game, values={"e": 10, "r": 2}).strategies
    (0.0, 0.0, 0.0)
    """
    _check_game(game, "continuous_equilibrium")
    _check_values(values, "continuous_equilibrium")
    check_choice(method, "method", "continuous_equilibrium", METHODS)
    max_iter = check_int(max_iter, "max_iter", "continuous_equilibrium", minimum=1)
    if method == "symbolic" or (method == "auto" and values is None and game.parameters
                                and not set(game.parameters) <= set(game.defaults)):
        g = game.subs(values) if values else game
        res = _symbolic(g)
        if res is None:
            if g.parameters and method == "auto":
                raise UnresolvedParameterError(
                    f"continuous_equilibrium: sympy found no interior solution in the parameters "
                    f"{', '.join(s.name for s in g.parameters)}; give values= for a numeric solution")
            raise NotSupportedError("continuous_equilibrium: expected payoffs concave in the own choice with an "
                                    "interior solution sympy can find, got none; use method='root' or 'best_response'")
        return res
    num = game.numeric(values)
    c = num.compiled()
    if method == "best_response":
        return best_response_iteration(num, None, x0, max_iter=max_iter)
    if method == "root":
        return _root(num, x0)
    # auto
    if num.num_players <= 6 and x0 is None:
        res = _symbolic(num)
        if res is not None:
            return res
    try:
        res = _root(num, x0)
        if _verified(res, c):
            return res
    except (ValueError, ArithmeticError, np.linalg.LinAlgError):
        pass
    res = best_response_iteration(num, None, x0, max_iter=max_iter)
    if res.is_verified():
        return res
    raise SolverError(f"continuous_equilibrium: expected a verified equilibrium, got a largest deviation gain "
                      f"{res.max_gain():.3g} after best-response iteration")


@public
def cooperative_optimum(game: ContinuousGame, values: Mapping[Any, Any] | None = None,
                        x0: Any = None) -> CooperativeOptimum:
    """The profile maximising joint welfare (the sum of payoffs) within the bounds.

    ``scipy.optimize.minimize`` (L-BFGS-B) with the bounds and the lambdified
    welfare gradient, polished by the KKT active-set solve when the welfare
    Hessian is available; the better of the two is kept. A local maximum when
    welfare is not concave.

    Examples
    --------
    Full contribution is optimal in the public-goods game when ``r > 1``:

    >>> from coopgame.games.continuous import ContinuousGame
    >>> from coopgame.equilibria.continuous import cooperative_optimum
    >>> game = ContinuousGame(["e - g0 + r/2*(g0 + g1)", "e - g1 + r/2*(g0 + g1)"], ["g0", "g1"], [(0, "e")] * 2)
    >>> cooperative_optimum(game, values={"e": 10, "r": 1.5}).strategies
    (10.0, 10.0)
    """
    from scipy import optimize
    _check_game(game, "cooperative_optimum")
    _check_values(values, "cooperative_optimum")
    num = game.numeric(values)
    c = num.compiled()
    x = _start(c, x0, "cooperative_optimum")

    def fun(z: np.ndarray) -> tuple[float, np.ndarray]:
        return -float(np.sum(c.payoffs(z))), -c.welfare_grad(z)

    bounds = [(None if not np.isfinite(l) else float(l), None if not np.isfinite(h) else float(h))
              for l, h in zip(c.lo, c.hi)]
    with np.errstate(all="ignore"):
        res = optimize.minimize(fun, x, jac=True, method="L-BFGS-B", bounds=bounds,
                                # the optimiser's own stopping rules, tighter than TOLERANCE; the
                                # maximum is then refined by the KKT solve below
                                options={"maxiter": 10000, "ftol": 1e-15, "gtol": 1e-12})
    best, success = np.clip(res.x, c.lo, c.hi), bool(res.success)
    best_w = float(np.sum(c.payoffs(best)))
    try:
        hess = c.welfare_hess(best)
        linear = c.welfare_is_quadratic
        if np.all(np.isfinite(hess)):
            own = np.array([bool(np.all(np.asarray(hess[i]) == 0)) for i in range(c.n)]) if linear else None
            xr, ok, _ = _kkt_active_set(c.welfare_grad, c.welfare_hess, linear, c.lo, c.hi, best, own)
            wr = float(np.sum(c.payoffs(xr)))
            if ok and np.isfinite(wr) and wr >= best_w - TOLERANCE / 1000 * max(1.0, abs(best_w)):
                best, best_w, success = xr, wr, True
    except (ValueError, ArithmeticError, np.linalg.LinAlgError, TypeError):
        pass
    if not np.isfinite(best_w):
        raise SolverError("cooperative_optimum: expected a finite welfare maximum, got none")
    pay = c.payoffs(best)
    return CooperativeOptimum(num, tuple(float(v) for v in best), tuple(float(v) for v in pay), best_w,
                              "L-BFGS-B", success)


@public
def price_of_anarchy(game: ContinuousGame, values: Mapping[Any, Any] | None = None,
                     equilibrium: ContinuousEquilibrium | None = None) -> float:
    """Welfare at the cooperative optimum divided by welfare at the Nash equilibrium.

    Convention: ``W(optimum) / W(Nash)`` with welfare the sum of payoffs, the
    equilibrium being the one :func:`continuous_equilibrium` returns (or the
    one given). With positive welfare the ratio is at least 1, and 1 means the
    equilibrium is efficient. It is a measure of inefficiency only when
    ``W(Nash) > 0``: if ``W(Nash) == 0`` the result is ``inf`` (``1.0`` when the
    optimum is also 0), and if ``W(Nash) < 0`` the ratio is returned as
    computed (negative, or below 1) and should not be read as a price of
    anarchy; compare welfare differences instead.

    Examples
    --------
    >>> from coopgame.games.continuous import ContinuousGame
    >>> from coopgame.equilibria.continuous import price_of_anarchy
    >>> game = ContinuousGame(["e - g0 + r/2*(g0 + g1)", "e - g1 + r/2*(g0 + g1)"], ["g0", "g1"], [(0, "e")] * 2)
    >>> price_of_anarchy(game, values={"e": 10, "r": 1.5})
    1.5
    """
    _check_game(game, "price_of_anarchy")
    _check_values(values, "price_of_anarchy")
    if equilibrium is not None and not isinstance(equilibrium, ContinuousEquilibrium):
        raise InvalidArgumentTypeError(f"price_of_anarchy: expected equilibrium as a ContinuousEquilibrium "
                                       f"(a result of continuous_equilibrium) or None, got {describe(equilibrium)}")
    eq = equilibrium if equilibrium is not None else continuous_equilibrium(game, values=values)
    if eq.is_symbolic:
        eq = continuous_equilibrium(game, values=values, method="root")
    w_nash = float(eq.welfare)
    w_opt = max(cooperative_optimum(game, values).welfare, w_nash)
    tol = scaled_tolerance(max(abs(w_opt), abs(w_nash)))
    if abs(w_nash) <= tol:
        return 1.0 if abs(w_opt) <= tol else math.inf
    return w_opt / w_nash
