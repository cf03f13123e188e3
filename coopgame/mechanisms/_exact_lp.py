"""Linear programmes ``min c.x subject to G x >= h`` (``x`` free): exact in Fractions, or HiGHS in floats.

The exact solver runs the simplex method with Bland's rule (which cannot
cycle) on the *dual* programme ``max h.y subject to G^T y = c, y >= 0``,
whose tableau has one row per unknown: a design problem has a handful of
unknowns (the instruments' amounts) and many constraints (one per deviation),
so the dual's tableau is small. The primal solution is the simplex
multiplier vector of the dual; the basic dual columns are primal
constraints that hold with equality (the binding ones).

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
from coopgame.errors import SolverError

__all__ = ["LPSolution", "solve_exact", "solve_float", "check_certificate"]


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


def _pivot(rows: list[list[Fraction]], obj: list[Fraction], r: int, col: int) -> None:
    """Pivot the tableau (rows, objective row) on entry (r, col); only non-zero entries of the pivot row are touched."""
    prow = rows[r]
    inv = 1 / prow[col]
    nz = [j for j, v in enumerate(prow) if v != 0]
    for j in nz:
        prow[j] *= inv
    for i, row in enumerate(rows):
        if i != r:
            f = row[col]
            if f != 0:
                for j in nz:
                    row[j] -= f * prow[j]
    f = obj[col]
    if f != 0:
        for j in nz:
            obj[j] -= f * prow[j]


def _simplex(rows: list[list[Fraction]], obj: list[Fraction], basis: list[int], allowed: int) -> str:
    """Maximise with a tableau whose last column is the right-hand side and ``obj[j]`` the reduced profit of column j.

    Only columns below ``allowed`` may enter. Bland's rule: the entering
    column is the first with a positive reduced profit, the leaving row the
    one of least ratio with the smallest basic index among ties. Returns
    ``"optimal"`` or ``"unbounded"`` (with the entering column left in ``basis`` bookkeeping untouched).
    """
    while True:
        col = next((j for j in range(allowed) if obj[j] > 0), None)
        if col is None:
            return "optimal"
        best: tuple[Fraction, int, int] | None = None
        for i, row in enumerate(rows):
            a = row[col]
            if a > 0:
                key = (row[-1] / a, basis[i], i)
                if best is None or key[:2] < best[:2]:
                    best = key
        if best is None:
            return "unbounded:" + str(col)
        r = best[2]
        _pivot(rows, obj, r, col)
        basis[r] = col


def _dual_tableau(G: Sequence[Sequence[Fraction]], c: Sequence[Fraction]) -> tuple[list[list[Fraction]], list[int]]:
    """Rows ``sum_j G[j][i] y_j + a_i = c_i`` (signs flipped so that the right-hand side is non-negative)."""
    m, k = len(G), len(c)
    rows = []
    for i in range(k):
        sign = -1 if c[i] < 0 else 1
        row = [sign * G[j][i] for j in range(m)] + [Fraction(0)] * k + [sign * c[i]]
        row[m + i] = Fraction(1)
        rows.append(row)
    return rows, [m + i for i in range(k)]


def _phase_one(rows: list[list[Fraction]], basis: list[int], m: int, k: int) -> bool:
    """Drive the artificial columns (m .. m+k-1) to zero; False when the system has no solution."""
    obj = [sum((row[j] for row in rows), Fraction(0)) if j < m else Fraction(0) for j in range(m + k)]
    obj.append(sum((row[-1] for row in rows), Fraction(0)))
    _simplex(rows, obj, basis, m)
    if obj[-1] != 0:
        return False
    # artificial columns still basic (at zero): pivot them out on any real column, or drop a redundant row
    i = 0
    while i < len(rows):
        if basis[i] >= m:
            col = next((j for j in range(m) if rows[i][j] != 0), None)
            if col is None:
                del rows[i]
                del basis[i]
                continue
            _pivot(rows, [Fraction(0)] * (m + k + 1), i, col)
            basis[i] = col
        i += 1
    return True


def _multipliers(rows: list[list[Fraction]], basis: list[int], m: int, k: int, h: Sequence[Fraction],
                 flips: Sequence[int]) -> list[Fraction]:
    """Simplex multipliers ``pi`` with ``pi . A_B = h_B``: read off the artificial columns, which hold B^-1."""
    pi = [Fraction(0)] * k
    for i, b in enumerate(basis):
        hb = h[b]
        if hb != 0:
            row = rows[i]
            for t in range(k):
                v = row[m + t]
                if v != 0:
                    pi[t] += hb * v * flips[t]
    return pi


def _max_dual(G: Sequence[Sequence[Fraction]], c: Sequence[Fraction], h: Sequence[Fraction]) -> tuple[str, Any]:
    """``max h.y s.t. G^T y = c, y >= 0``: ("infeasible", None), ("unbounded", None) or ("optimal", (y, x, basis))."""
    m, k = len(G), len(c)
    rows, basis = _dual_tableau(G, c)
    flips = [-1 if c[i] < 0 else 1 for i in range(k)]
    if not _phase_one(rows, basis, m, k):
        return "infeasible", None
    # phase two: reduced profit of column j is h_j - h_B B^-1 A_j
    obj = [Fraction(h[j]) if j < m else Fraction(0) for j in range(m + k)] + [Fraction(0)]
    for i, b in enumerate(basis):
        f = obj[b]
        if f != 0:
            row = rows[i]
            for j, v in enumerate(row):
                if v != 0:
                    obj[j] -= f * v
    status = _simplex(rows, obj, basis, m)
    if status != "optimal":
        return "unbounded", None
    y = [Fraction(0)] * m
    for i, b in enumerate(basis):
        y[b] = rows[i][-1]
    x = _multipliers(rows, basis, m, k, h, flips)
    return "optimal", (y, x, tuple(sorted(basis)))


def _farkas(G: Sequence[Sequence[Fraction]], h: Sequence[Fraction]) -> list[Fraction] | None:
    """A ray ``y >= 0``, ``sum y <= 1``, ``G^T y = 0`` maximising ``h.y``; None when that maximum is 0 (G x >= h is feasible)."""
    m = len(G)
    k = len(G[0]) if m else 0
    # add the normalisation sum y + s = 1 as one more primal unknown's column: rows of G gain an entry 1,
    # a slack row (s) is a constraint with G-row (0..0, 1) and h = 0
    G2 = [list(r) + [Fraction(1)] for r in G] + [[Fraction(0)] * k + [Fraction(1)]]
    c2 = [Fraction(0)] * k + [Fraction(1)]
    h2 = list(h) + [Fraction(0)]
    status, out = _max_dual(G2, c2, h2)
    if status != "optimal":  # pragma: no cover - the normalised ray problem is feasible and bounded
        raise SolverError("exact LP: the normalised Farkas problem failed")
    y = out[0][:m]
    if sum((a * b for a, b in zip(y, h)), Fraction(0)) <= 0:
        return None
    return y


def solve_exact(c: Sequence[Any], G: Sequence[Sequence[Any]], h: Sequence[Any]) -> LPSolution:
    """``min c.x s.t. G x >= h`` in Fractions, with its certificate (see the module docstring).

    Examples
    --------
    >>> from coopgame.mechanisms._exact_lp import solve_exact
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
    status, out = _max_dual(Gf, cf, hf)
    if status == "optimal":
        y, x, basis = out
        value = sum((a * b for a, b in zip(cf, x)), Fraction(0))
        return LPSolution("optimal", tuple(x), tuple(y), value, basis)
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
        primal = all(sum((g * v for g, v in zip(row, x)), 0) - b >= -tolerance for row, b in zip(G, h))
        dual_nonneg = all(v >= -tolerance for v in y)
        stationary = all(abs(sum((G[j][i] * y[j] for j in range(len(G))), 0) - c[i]) <= tolerance for i in range(k))
        gap = sum((a * b for a, b in zip(c, x)), 0) - sum((a * b for a, b in zip(h, y)), 0)
        return bool(primal and dual_nonneg and stationary and abs(gap) <= tolerance)
    if sol.status == "infeasible":
        if sol.y is None:
            return False
        y = sol.y
        combo = all(abs(sum((G[j][i] * y[j] for j in range(len(G))), 0)) <= tolerance for i in range(k))
        return bool(all(v >= -tolerance for v in y) and combo
                    and sum((a * b for a, b in zip(h, y)), 0) > tolerance)
    return sol.direction is not None and all(
        sum((g * v for g, v in zip(row, sol.direction)), 0) >= -tolerance for row in G) and bool(
        sum((a * b for a, b in zip(c, sol.direction)), 0) < 0)
