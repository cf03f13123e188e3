"""Thresholds that need numbers: the "unique" concept, and conditions not linear in the parameter.

Both scan the parameter's critical values (where some payoff comparison
changes sign, so where the set of equilibria can change) and test the
concept between and at them on the numeric game. They return the fields of
a :class:`~coopgame.equilibria.conditions.Threshold` as a dict, which
:func:`~coopgame.equilibria.conditions.threshold` turns into the result (so
this module does not import the one that calls it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import combinations
from typing import Any

import sympy

from coopgame.equilibria._differences import dominance_differences
from coopgame.equilibria.dominance import iterated_elimination
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.errors import SolverLimitError
from coopgame.games.normal_form import NormalFormGame

__all__ = ["unique_threshold", "numeric_threshold"]


def _roots(exprs: Sequence[sympy.Expr], sym: sympy.Symbol) -> list[sympy.Expr]:
    out = set()
    for e in exprs:
        e = sympy.together(sympy.expand(e))
        if not e.has(sym):
            continue
        num, _ = sympy.fraction(e)
        try:
            sols = sympy.solve(num, sym)
        except NotImplementedError:
            continue
        for r in sols:
            if r.is_real is not False and r.is_number:
                out.add(sympy.nsimplify(r, rational=True) if r.is_Float else r)
    floor = 0 if sym.is_nonnegative else None
    vals = sorted((r for r in out if floor is None or float(r) >= floor), key=float)
    return vals


def _points(crit: list[sympy.Expr], sym: sympy.Symbol) -> list[tuple[sympy.Expr, bool]]:
    """Test points in increasing order: (value, is_critical)."""
    pts: list[tuple[sympy.Expr, bool]] = []
    low = sympy.Integer(0) if sym.is_nonnegative else None
    if crit:
        first = crit[0]
        below = first / 2 if low is not None else first - 1
        if low is None or below > low or (low == 0 and first > 0):
            pts.append((sympy.nsimplify(below, rational=True) if low is None or first > 0 else below, False))
        for a, b in zip(crit, crit[1:]):
            pts.append((a, True))
            pts.append(((a + b) / 2, False))
        pts.append((crit[-1], True))
        pts.append((crit[-1] + 1, False))
        pts.append((2 * abs(crit[-1]) + 10, False))
    else:
        pts = [(sympy.Integer(1), False), (sympy.Integer(10), False)]
    if sym.is_positive:
        pts = [(v, c) for v, c in pts if v > 0]
    return pts


def _game_at(g, sym: sympy.Symbol, value: sympy.Expr) -> NormalFormGame:
    v = sympy.nsimplify(value, rational=True) if value.is_Rational or value.is_Float else value
    if not v.is_Rational:
        v = sympy.Float(sympy.N(v, 30), 30)  # irrational critical values (roots of quadratics) too
    return g.subs({sym: v})


def _scan(holds: Callable[[sympy.Expr], bool], crit: list[sympy.Expr], sym: sympy.Symbol):
    """Least test point from which ``holds`` stays true; returns (value, attained) or None."""
    pts = _points(crit, sym)
    results = [holds(v) for v, _ in pts]
    if not results or not results[-1]:
        return None
    k = len(results) - 1
    while k > 0 and results[k - 1]:
        k -= 1
    value, is_crit = pts[k]
    if is_crit:
        return value, True
    if k == 0:
        return (sympy.Integer(0) if sym.is_nonnegative else -sympy.oo), False
    prev, prev_crit = pts[k - 1]
    if prev_crit:
        return prev, False
    lo, hi = float(prev), float(value)  # change inside an interval: bisect
    for _ in range(60):
        mid = (lo + hi) / 2
        if holds(sympy.Float(mid, 30)):
            hi = mid
        else:
            lo = mid
    return sympy.Float(hi), True


#: Largest number of support pairs whose mixed-equilibrium boundaries the "unique" scan derives.
MAX_SUPPORT_PAIRS = 400


def _indifferent(M, rows, cols):
    """Symbolic strategy on ``cols`` making the row player of ``M`` indifferent over ``rows``, and its value."""
    s = sympy.symbols(f"_s0:{len(cols)}")
    v = sympy.Symbol("_v")
    eqs = [sum(M[i, j] * s[k] for k, j in enumerate(cols)) - v for i in rows] + [sum(s) - 1]
    sol = sympy.solve(eqs, [*s, v], dict=True)
    if len(sol) != 1 or any(x not in sol[0] for x in (*s, v)):
        return None
    return [sol[0][x] for x in s], sol[0][v]


def _mixed_boundaries(g, sym: sympy.Symbol) -> list[sympy.Expr]:
    """Expressions whose roots are where mixed equilibria can appear or vanish.

    For each pair of equal-size supports (I, J) the strategies that make each
    player indifferent on the other's support are functions of the
    parameter; the set of equilibria changes where one of their
    probabilities reaches 0 or an action outside the support ties with it.
    """
    A, B = g.payoffs
    m, n = g.shape
    out: list[sympy.Expr] = []
    pairs = sum(math.comb(m, k) * math.comb(n, k) for k in range(2, min(m, n) + 1))
    if pairs > MAX_SUPPORT_PAIRS:
        raise SolverLimitError(
            f"threshold: concept='unique' scans where mixed equilibria appear or vanish, over at most "
            f"{MAX_SUPPORT_PAIRS} pairs of equal-size supports; this {m}x{n} game has {pairs}, so the scan "
            "would be incomplete. Use concept='strictly_dominant' (sufficient for uniqueness) or check "
            "uniqueness at chosen values with mixed_equilibria")
    for k in range(2, min(m, n) + 1):
        for I in combinations(range(m), k):
            for J in combinations(range(n), k):
                ys = _indifferent(A, I, J)
                if ys is not None:
                    y, v = ys
                    out += list(y)
                    out += [sum(A[i, j] * y[c] for c, j in enumerate(J)) - v for i in range(m) if i not in I]
                xs = _indifferent(B.T, J, I)
                if xs is not None:
                    x, u = xs
                    out += list(x)
                    out += [sum(B[i, j] * x[c] for c, i in enumerate(I)) - u for j in range(n) if j not in J]
    return [e for e in out if e.has(sym)]


def unique_threshold(g: Any, idx: tuple[int, ...], sym: sympy.Symbol) -> dict[str, Any]:
    """Fields of the "unique" threshold of a game whose only free parameter is ``sym``."""
    diffs = []
    for p in range(g.num_players):
        for a in range(g.shape[p]):
            diffs += dominance_differences(g, p, a)
    if g.num_players == 2:
        diffs += _mixed_boundaries(g, sym)
    crit = _roots(diffs, sym)

    def holds(value: sympy.Expr) -> bool:
        game = _game_at(g, sym, value)
        if game.num_players <= 2:
            eqs = mixed_equilibria(game)
            return len(eqs) == 1 and eqs[0].is_pure and eqs[0].support == tuple((k,) for k in idx)
        res = iterated_elimination(game)
        return res.is_solved and res.remaining == tuple((k,) for k in idx)

    found = _scan(holds, crit, sym)
    if found is None:
        return {"value": None, "method": "numeric scan",
                "reason": "the profile is not the unique equilibrium for large values"}
    value, attained = found
    return {"value": value, "attained": attained, "method": "numeric scan of critical values"}


def numeric_threshold(idx: tuple[int, ...], sym: sympy.Symbol, diffs: Sequence[sympy.Expr],
                      strict: bool) -> dict[str, Any]:
    """Fields of a threshold whose conditions ``diffs >= 0`` (``> 0`` when strict) are not linear in ``sym``."""
    others = set().union(*(d.free_symbols for d in diffs)) - {sym}
    if others:
        names = ", ".join(sorted(s.name for s in others))
        return {"value": None, "method": "numeric",
                "reason": f"the conditions are not linear in {sym}; give values= for {names}"}
    crit = _roots(diffs, sym)

    def holds(value: sympy.Expr) -> bool:
        vals = [d.xreplace({sym: value}) for d in diffs]
        return all((v > 0) if strict else (v >= 0) for v in vals)

    found = _scan(holds, crit, sym)
    if found is None:
        return {"value": None, "method": "numeric", "reason": "the conditions fail for large values"}
    value, attained = found
    return {"value": value, "attained": attained, "method": "numeric scan of critical values"}
