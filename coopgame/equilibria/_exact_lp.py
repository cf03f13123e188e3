"""A small exact linear-programming solver: two-phase simplex in Fractions, with a dual certificate.

Solves ``max c.x`` subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq``, ``x >= 0``
over the rationals on a dense tableau, with Dantzig's pivoting rule and
Bland's rule at degenerate vertices (so it never cycles). It is meant for the small LPs whose exact optimum a result promises
(one LP per follower reply in a Stackelberg game, the cheapest instrument
mix of a small game); large float LPs go to HiGHS through scipy.

The answer carries its own proof: the dual prices ``y_ub >= 0`` and ``y_eq``
satisfy ``A_ub^T y_ub + A_eq^T y_eq >= c`` and
``b_ub.y_ub + b_eq.y_eq = c.x`` exactly, which certifies that ``x`` is
optimal (weak duality). :func:`solve_exact_lp` checks this before
returning, and an infeasible or unbounded programme is reported as such,
never as a wrong optimum.

References
----------
Dantzig, G. B. (1963). *Linear Programming and Extensions*. Princeton.
Bland, R. G. (1977). New finite pivoting rules for the simplex method.
Mathematics of Operations Research 2: 103-107.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coopgame._numeric import LP_TOLERANCE, exact_solve
from coopgame.errors import SolverError

__all__ = ["ExactLP", "solve_exact_lp"]


@dataclass(frozen=True)
class ExactLP:
    """The outcome of :func:`solve_exact_lp`.

    Attributes
    ----------
    status : str
        ``"optimal"``, ``"infeasible"`` or ``"unbounded"``.
    x : tuple of Fraction or None
        An optimal vertex (None unless optimal).
    value : Fraction or None
        The optimal objective value (of the problem as posed: a minimum when
        ``maximize=False``).
    y_ub, y_eq : tuple of Fraction or None
        Dual prices of the inequality and equality rows (for the maximisation
        form; ``y_ub >= 0``); they certify optimality.
    """

    status: str
    x: tuple[Fraction, ...] | None = None
    value: Fraction | None = None
    y_ub: tuple[Fraction, ...] | None = None
    y_eq: tuple[Fraction, ...] | None = None


def _pivot(rows: list[list[Fraction]], z: list[Fraction], r: int, col: int) -> None:
    row = rows[r]
    inv = 1 / row[col]
    if inv != 1:
        row[:] = [v * inv for v in row]
    for k, other in enumerate(rows):
        if k != r:
            f = other[col]
            if f:
                other[:] = [a - f * b if b else a for a, b in zip(other, row)]
    f = z[col]
    if f:
        z[:] = [a - f * b if b else a for a, b in zip(z, row)]


def _simplex(rows: list[list[Fraction]], z: list[Fraction], basis: list[int], allowed: int) -> bool:
    """Pivot to optimality over columns ``< allowed``; False when unbounded.

    Dantzig's rule (the most negative reduced cost) while pivots make
    progress; after a degenerate pivot, Bland's rule (the first negative
    reduced cost) until one makes progress again. Bland's rule cannot cycle
    and the objective rises strictly at every other pivot, so no basis
    repeats and the method terminates.
    """
    bland = False
    while True:
        if bland:
            col = next((j for j in range(allowed) if z[j] < 0), None)
        else:
            col = min(range(allowed), key=z.__getitem__, default=None)
            if col is not None and z[col] >= 0:
                col = None
        if col is None:
            return True
        best: tuple[Fraction, int, int] | None = None
        for r, row in enumerate(rows):
            a = row[col]
            if a > 0:
                key = (row[-1] / a, basis[r], r)
                if best is None or key < best:
                    best = key
        if best is None:
            return False
        bland = best[0] == 0
        r = best[2]
        _pivot(rows, z, r, col)
        basis[r] = col


def _objective_row(rows: list[list[Fraction]], basis: list[int], cost: list[Fraction]) -> list[Fraction]:
    """Reduced costs ``c_B B^-1 A - c`` (and the objective value in the last entry)."""
    width = len(cost) + 1
    z = [-c for c in cost] + [Fraction(0)]
    for row, b in zip(rows, basis):
        cb = cost[b]
        if cb:
            for j in range(width):
                if row[j]:
                    z[j] += cb * row[j]
    return z


def _from_hint(c: list[Fraction], spec: list[tuple[list[Fraction], Fraction, str]], n_ub: int, hint: Sequence[float],
               dual_hint: Sequence[float] | None) -> ExactLP | None:
    """The exact vertex and duals a float solution points at, if they check out exactly (else None).

    The support of ``hint`` and the tight rows give the primal vertex (solved
    in Fractions); the rows with a non-zero price in ``dual_hint`` (else the
    tight rows) give the dual prices by complementary slackness. Both are
    then checked exactly: primal and dual feasibility and equal objectives.
    """
    n = len(c)
    x_f = [float(v) for v in hint]
    scale = max([1.0] + [abs(float(v)) for a, b, _ in spec for v in (*a, b)])
    support = [j for j in range(n) if x_f[j] > LP_TOLERANCE]
    slack = [float(b) - sum(float(a[j]) * x_f[j] for j in support) for a, b, _ in spec]
    tight = [i for i in range(len(spec)) if spec[i][2] == "eq" or abs(slack[i]) <= LP_TOLERANCE * scale]
    if not support:
        return None
    xs = exact_solve([[spec[i][0][j] for j in support] for i in tight], [spec[i][1] for i in tight])
    if xs is None or any(v < 0 for v in xs):
        return None
    x = [Fraction(0)] * n
    for j, v in zip(support, xs):
        x[j] = v
    for a, b, kind in spec:
        lhs = sum((a[j] * x[j] for j in support), Fraction(0))
        if (kind == "le" and lhs > b) or (kind == "eq" and lhs != b):
            return None
    if dual_hint is not None:
        priced = [i for i in range(len(spec)) if spec[i][2] == "eq" or
                  (i in tight and abs(float(dual_hint[i])) > LP_TOLERANCE)]
    else:
        priced = tight
    ys = exact_solve([[spec[i][0][j] for i in priced] for j in support], [c[j] for j in support]) if priced else None
    if ys is None:
        return None
    y = [Fraction(0)] * len(spec)
    for i, v in zip(priced, ys):
        y[i] = v
    if any(y[i] < 0 for i in range(n_ub)):
        return None
    for j in range(n):
        if sum((y[i] * spec[i][0][j] for i in priced if y[i]), Fraction(0)) < c[j]:
            return None
    value = sum((c[j] * x[j] for j in support), Fraction(0))
    if sum((y[i] * spec[i][1] for i in priced), Fraction(0)) != value:
        return None
    return ExactLP("optimal", tuple(x), value, tuple(y[:n_ub]), tuple(y[n_ub:]))


def solve_exact_lp(c: Sequence[Any], A_ub: Sequence[Sequence[Any]] = (), b_ub: Sequence[Any] = (),
                   A_eq: Sequence[Sequence[Any]] = (), b_eq: Sequence[Any] = (), *,
                   maximize: bool = True, hint: Sequence[float] | None = None,
                   dual_hint: Sequence[float] | None = None) -> ExactLP:
    """Solve ``max (or min) c.x`` s.t. ``A_ub x <= b_ub``, ``A_eq x = b_eq``, ``x >= 0`` exactly.

    Entries may be ints or Fractions (anything :class:`fractions.Fraction`
    accepts). The optimum is certified by its dual prices before it is
    returned (a :class:`~coopgame.errors.SolverError` would mean a bug).

    ``hint`` (a float optimum, e.g. from HiGHS) and ``dual_hint`` (its
    prices of the rows, inequality rows first, any sign convention) let the
    exact answer be read off in one linear solve: the vertex they point at
    is recomputed in Fractions and returned only if it passes the same exact
    optimality check; otherwise the simplex runs as without them.

    Examples
    --------
    >>> lp = solve_exact_lp([3, 2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6])
    >>> lp.status, lp.x, lp.value
    ('optimal', (Fraction(4, 1), Fraction(0, 1)), Fraction(12, 1))
    >>> solve_exact_lp([1], A_ub=[[-1]], b_ub=[-1]).status
    'unbounded'
    >>> solve_exact_lp([1], A_eq=[[1]], b_eq=[-1]).status
    'infeasible'
    """
    n = len(c)
    cost0 = [Fraction(v) for v in c]
    cmax = cost0 if maximize else [-v for v in cost0]
    spec: list[tuple[list[Fraction], Fraction, str]] = []
    for a, b in zip(A_ub, b_ub):
        spec.append(([Fraction(v) for v in a], Fraction(b), "le"))
    for a, b in zip(A_eq, b_eq):
        spec.append(([Fraction(v) for v in a], Fraction(b), "eq"))
    m = len(spec)
    if hint is not None and all(len(a) == n for a, _, _ in spec):
        found = _from_hint(cmax, spec, len(b_ub), hint, dual_hint)
        if found is not None:
            assert found.value is not None
            return found if maximize else ExactLP("optimal", found.x, -found.value, found.y_ub, found.y_eq)
    signs = []
    kinds = []
    for coeffs, b, kind in spec:
        if len(coeffs) != n:
            raise SolverError("solve_exact_lp: a constraint row has the wrong length")
        s = -1 if b < 0 else 1
        signs.append(s)
        kinds.append(("ge" if kind == "le" else "eq") if s < 0 else kind)
    # columns: originals, one slack/surplus per inequality row, then artificials
    ineq = [i for i in range(m) if kinds[i] != "eq"]
    art = [i for i in range(m) if kinds[i] != "le"]
    n_real = n + len(ineq)
    width = n_real + len(art)
    slack_col = {i: n + k for k, i in enumerate(ineq)}
    art_col = {i: n_real + k for k, i in enumerate(art)}
    rows: list[list[Fraction]] = []
    basis: list[int] = []
    unit: list[int] = []
    zero = Fraction(0)
    for i, (coeffs, b, _) in enumerate(spec):
        s = signs[i]
        row = [v * s for v in coeffs] + [zero] * (width - n) + [b * s]
        if kinds[i] == "le":
            row[slack_col[i]] = Fraction(1)
            basis.append(slack_col[i])
            unit.append(slack_col[i])
        else:
            if kinds[i] == "ge":
                row[slack_col[i]] = Fraction(-1)
            row[art_col[i]] = Fraction(1)
            basis.append(art_col[i])
            unit.append(art_col[i])
        rows.append(row)
    keep = list(range(m))  # original row of each tableau row
    if art:
        phase1 = [zero] * n_real + [Fraction(-1)] * len(art)
        z = _objective_row(rows, basis, phase1)
        _simplex(rows, z, basis, width)
        if z[-1] < 0:
            return ExactLP("infeasible")
        # drive artificials out of the basis; drop redundant rows
        r = 0
        while r < len(rows):
            if basis[r] >= n_real:
                col = next((j for j in range(n_real) if rows[r][j] != 0), None)
                if col is None:
                    del rows[r], basis[r], keep[r]
                    continue
                _pivot(rows, z, r, col)
                basis[r] = col
            r += 1
    cost = cmax + [zero] * (width - n)
    z = _objective_row(rows, basis, cost)
    if not _simplex(rows, z, basis, n_real):
        return ExactLP("unbounded")
    x = [zero] * width
    for row, b in zip(rows, basis):
        x[b] = row[-1]
    xs = tuple(x[:n])
    value = sum((cv * xv for cv, xv in zip(cmax, xs) if xv), zero)
    y = [zero] * m
    for i in keep:
        y[i] = z[unit[i]] * signs[i]
    # certificate: dual feasibility and a zero duality gap, checked exactly
    for j in range(n):
        if sum((y[i] * spec[i][0][j] for i in range(m) if y[i]), zero) < cmax[j]:
            raise SolverError("solve_exact_lp: the dual certificate failed (dual infeasible)")
    n_ub = len(b_ub)
    if any(v < 0 for v in y[:n_ub]) or sum((y[i] * spec[i][1] for i in range(m)), zero) != value:
        raise SolverError("solve_exact_lp: the dual certificate failed (duality gap)")
    return ExactLP("optimal", xs, value if maximize else -value, tuple(y[:n_ub]), tuple(y[n_ub:]))
