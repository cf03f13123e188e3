"""Linear programmes ``min c.x subject to G x >= h`` (``x`` free): exact in Fractions, or HiGHS in floats.

The exact solver hands the *dual* programme ``max h.y subject to G^T y = c,
y >= 0`` to the package's Fraction simplex
(:func:`coopgame.equilibria._exact_lp.solve_exact_lp`): its tableau has one
row per unknown, and a design problem has a handful of unknowns (the
instruments' amounts) and many constraints (one per deviation), so the
dual's tableau is small. The primal solution is the dual's vector of
equality prices; the dual's positive entries are primal constraints that
hold with equality (the binding ones).

Every answer comes with its certificate, checkable in exact arithmetic:

* optimal: ``x`` with ``G x >= h``, ``y >= 0`` with ``G^T y = c``, and
  ``c.x = h.y`` (strong duality), which proves ``x`` optimal;
* infeasible: a Farkas ray ``y >= 0`` with ``G^T y = 0`` and ``h.y > 0``
  (a non-negative combination of constraints that reads ``0 >= positive``);
  its support names the constraints that conflict;
* unbounded: a feasible ``x`` and a direction ``d`` with ``G d >= 0`` and
  ``c.d < 0``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._numeric import LP_TOLERANCE
from coopgame.equilibria._exact_lp import ExactLP, solve_exact_lp
from coopgame.errors import SolverError

__all__ = ["LPSolution", "solve_exact", "solve_float", "check_certificate", "residuals"]


@dataclass(frozen=True)
class LPSolution:
    """The outcome of ``min c.x s.t. G x >= h``.

    ``status`` is ``"optimal"``, ``"infeasible"`` or ``"unbounded"``; ``x``
    the primal point (None when infeasible); ``y`` the dual multipliers (one
    per row of ``G``), or the Farkas ray when infeasible; ``basis`` the rows
    whose dual columns are basic at the optimum; ``direction`` an improving
    ray when unbounded.
    """

    status: str
    x: tuple[Any, ...] | None
    y: tuple[Any, ...] | None
    value: Any = None
    basis: tuple[int, ...] = ()
    direction: tuple[Any, ...] | None = None


def _max_dual(G: Sequence[Sequence[Fraction]], c: Sequence[Fraction], h: Sequence[Fraction]) -> ExactLP:
    """``max h.y s.t. G^T y = c, y >= 0``; its equality rows' dual prices are the primal ``x``."""
    k = len(c)
    At = [[G[j][i] for j in range(len(G))] for i in range(k)]
    return solve_exact_lp(list(h), A_eq=At, b_eq=list(c))


def _farkas(G: Sequence[Sequence[Fraction]], h: Sequence[Fraction]) -> list[Fraction] | None:
    """A ray ``y >= 0``, ``sum y <= 1``, ``G^T y = 0`` maximising ``h.y``; None when that maximum is 0 (G x >= h is feasible)."""
    m = len(G)
    k = len(G[0]) if m else 0
    At = [[G[j][i] for j in range(m)] for i in range(k)]
    out = solve_exact_lp(list(h), A_ub=[[Fraction(1)] * m], b_ub=[Fraction(1)], A_eq=At, b_eq=[Fraction(0)] * k)
    if out.status != "optimal" or out.x is None:  # pragma: no cover - the normalised ray problem is feasible and bounded
        raise SolverError("design: the normalised Farkas problem failed")
    if out.value is None or out.value <= 0:
        return None
    return list(out.x)


def solve_exact(c: Sequence[Any], G: Sequence[Sequence[Any]], h: Sequence[Any]) -> LPSolution:
    """``min c.x s.t. G x >= h`` in Fractions, with its certificate (see the module docstring).

    Examples
    --------
    >>> from coopgame.mechanisms._design_lp import solve_exact
    >>> sol = solve_exact([1, 1], [[1, 0], [0, 1], [1, 2]], [0, 0, 3])
    >>> sol.status, sol.x, sol.value
    ('optimal', (Fraction(0, 1), Fraction(3, 2)), Fraction(3, 2))
    >>> solve_exact([1], [[1], [-1]], [2, -1]).status
    'infeasible'
    """
    cf = [Fraction(v) for v in c]
    Gf = [[Fraction(v) for v in row] for row in G]
    hf = [Fraction(v) for v in h]
    k = len(cf)
    if not Gf:
        if any(v != 0 for v in cf):
            return LPSolution("unbounded", tuple([Fraction(0)] * k), None, None, (), tuple(-v for v in cf))
        return LPSolution("optimal", tuple([Fraction(0)] * k), (), Fraction(0))
    out = _max_dual(Gf, cf, hf)
    if out.status == "optimal":
        assert out.x is not None and out.y_eq is not None
        y, x = out.x, out.y_eq
        value = sum((a * b for a, b in zip(cf, x)), Fraction(0))
        return LPSolution("optimal", tuple(x), tuple(y), value, tuple(j for j, v in enumerate(y) if v > 0))
    ray = _farkas(Gf, hf)
    if ray is not None:
        return LPSolution("infeasible", None, tuple(ray))
    # feasible primal, infeasible dual: the cost falls without bound
    feasible = solve_exact([0] * k, Gf, hf)
    direction = _descent(cf, Gf)
    return LPSolution("unbounded", feasible.x, None, None, (), direction)


def _descent(c: Sequence[Fraction], G: Sequence[Sequence[Fraction]]) -> tuple[Fraction, ...] | None:
    """A direction ``d`` with ``G d >= 0`` and ``c.d = -1`` (exists when the dual ``G^T y = c, y >= 0`` has no solution)."""
    k = len(c)
    rows = [list(r) for r in G] + [[-v for v in c], list(c)]
    rhs = [Fraction(0)] * len(G) + [Fraction(1), Fraction(-1)]
    sol = solve_exact([0] * k, rows, rhs)
    return sol.x if sol.status == "optimal" else None


def solve_float(c: Sequence[float], G: Sequence[Sequence[float]] | np.ndarray, h: Sequence[float]) -> LPSolution:
    """``min c.x s.t. G x >= h`` with HiGHS (scipy's ``linprog``), duals from its marginals.

    An infeasible programme's Farkas ray comes from a second, normalised LP
    (``max h.y s.t. G^T y = 0, sum y <= 1, y >= 0``).
    """
    from scipy.optimize import linprog

    Ga = np.asarray(G, dtype=float).reshape(len(h), len(c))
    ca = np.asarray(c, dtype=float)
    ha = np.asarray(h, dtype=float)
    k = ca.size
    if Ga.shape[0] == 0:
        if np.any(ca != 0):
            return LPSolution("unbounded", tuple([0.0] * k), None, None, (), tuple(-ca))
        return LPSolution("optimal", tuple([0.0] * k), (), 0.0)
    res = linprog(ca, A_ub=-Ga, b_ub=-ha, bounds=[(None, None)] * k, method="highs")
    if res.status == 0:
        y = np.maximum(-np.asarray(res.ineqlin.marginals, dtype=float), 0.0)
        x = np.asarray(res.x, dtype=float)
        scale = max(1.0, float(np.abs(Ga).max()), float(np.abs(ha).max()))
        basis = tuple(int(j) for j in np.flatnonzero(np.abs(Ga @ x - ha) <= LP_TOLERANCE * scale))
        return LPSolution("optimal", tuple(float(v) for v in x), tuple(float(v) for v in y), float(res.fun), basis)
    if res.status == 2:
        m = Ga.shape[0]
        ray = linprog(-ha, A_ub=np.ones((1, m)), b_ub=[1.0], A_eq=Ga.T, b_eq=np.zeros(k),
                      bounds=[(0, None)] * m, method="highs")
        y = tuple(float(v) for v in ray.x) if ray.status == 0 else None
        return LPSolution("infeasible", None, y)
    if res.status == 3:
        feas = linprog(np.zeros(k), A_ub=-Ga, b_ub=-ha, bounds=[(None, None)] * k, method="highs")
        x0 = tuple(float(v) for v in feas.x) if feas.status == 0 else None
        return LPSolution("unbounded", x0, None)
    raise SolverError(f"design: HiGHS failed on the linear programme ({res.message})")


def residuals(G: Sequence[Sequence[Any]], h: Sequence[Any], x: Sequence[Any]) -> list[Any]:
    """``G x - h`` row by row (zero coefficients skipped: rows are sparse)."""
    return [sum((g * v for g, v in zip(row, x) if g), 0) - b for row, b in zip(G, h)]


def _combination(G: Sequence[Sequence[Any]], y: Sequence[Any], k: int) -> list[Any]:
    """``G^T y`` over the rows with a non-zero multiplier."""
    out: list[Any] = [0] * k
    for row, w in zip(G, y):
        if w:
            for i, g in enumerate(row):
                if g:
                    out[i] += g * w
    return out


def check_certificate(c: Sequence[Any], G: Sequence[Sequence[Any]], h: Sequence[Any], sol: LPSolution,
                      tolerance: Any = 0) -> bool:
    """Whether ``sol`` proves what it says: feasibility, dual feasibility and equal objectives (optimal), or a Farkas ray.

    With exact data and ``tolerance=0`` the check is exact; floats use the
    given absolute tolerance (on data scaled to at most 1 it is the LP's
    accuracy).
    """
    k = len(c)
    if sol.status == "optimal":
        assert sol.x is not None and sol.y is not None
        x, y = sol.x, sol.y
        primal = all(r >= -tolerance for r in residuals(G, h, x))
        dual_nonneg = all(v >= -tolerance for v in y)
        stationary = all(abs(a - b) <= tolerance for a, b in zip(_combination(G, y, k), c))
        gap = sum((a * b for a, b in zip(c, x)), 0) - sum((a * b for a, b in zip(h, y) if b), 0)
        return bool(primal and dual_nonneg and stationary and abs(gap) <= tolerance)
    if sol.status == "infeasible":
        if sol.y is None:
            return False
        y = sol.y
        combo = all(abs(v) <= tolerance for v in _combination(G, y, k))
        return bool(all(v >= -tolerance for v in y) and combo
                    and sum((a * b for a, b in zip(h, y) if b), 0) > tolerance)
    return sol.direction is not None and all(r >= -tolerance for r in residuals(G, [0] * len(G), sol.direction)) and bool(
        sum((a * b for a, b in zip(c, sol.direction)), 0) < 0)
