"""Nucleolus and pre-nucleolus by the Maschler-Peleg-Shapley sequence of LPs.

Stage ``k`` minimises the largest excess ``e = v(S) - x(S)`` over coalitions
whose excess is not yet fixed, keeping the excesses fixed at earlier stages
(scipy ``linprog``, HiGHS). Coalitions with a positive dual price are tight at
every optimum and get their excess fixed at ``e_k``; a player whose lower
bound ``x_i >= v({i})`` has a positive reduced cost gets ``x_i = v({i})``;
coalitions whose indicator lies in the span of the fixed ones are fixed too.
The sequence stops when the fixed indicators span R^n, which determines ``x``.

Each stage's LP is solved by constraint generation: over a few coalitions
first, adding the violated ones until the restricted optimum satisfies every
coalition (so it and its duals are optimal for the full LP). Most of the
``2**n`` rows never enter an LP, which makes 16-player games take well under
a second.

For exact games the float LPs only identify the tight coalitions: ``x`` and
the stage levels ``e_k`` are then recomputed exactly by solving the fixed
equalities in Fractions, and the exact point is checked against the float one
and against every constraint in integer arithmetic (``SolverError`` if they
disagree).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import check_int, check_size
from coopgame._numeric import LP_TOLERANCE, TOLERANCE, exact_solve, scaled_tolerance
from coopgame.cooperative._worths import Worths
from coopgame.errors import InvalidGameError, SolverError

__all__ = ["LP_MAX_PLAYERS", "exact_excesses", "nucleolus", "prenucleolus"]

#: Default largest number of players of the LP-based concepts (core, least core, nucleolus); their
#: LPs have ``2**n`` constraints. The keyword ``max_players`` raises it.
LP_MAX_PLAYERS = 16

#: Duals and slacks of the LP sequence (on the game scaled to max |v| = 1) below this count as zero;
#: exact games are recomputed and verified in Fractions afterwards.
_LP_TOL = LP_TOLERANCE


def _check_size(game: Any, func: str, max_players: int | None) -> None:
    limit = LP_MAX_PLAYERS if max_players is None else check_int(max_players, "max_players", func, minimum=1)
    check_size(func, game.num_players, limit, what="the number of players (the LPs have 2**n constraints)",
               limit_name="max_players", alternative="shapley_value(), which needs no LP, instead")


def _benefit_values(game: Any) -> np.ndarray:
    """Worths of the benefit game (negated for cost games)."""
    return -game.values if game.cost else game.values


def sequence(game: Worths, imputation: bool, func: str, max_players: int | None = None) -> tuple[np.ndarray, list[Any]]:
    """Run the LP sequence on the benefit game; return (allocation, stage levels e_k).

    Allocations and levels are Fractions for exact games.
    """
    _check_size(game, func, max_players)
    n = game.num_players
    v_obj = _benefit_values(game)
    exact = game.is_exact
    vf = v_obj.astype(float)
    scale = max(1.0, float(np.max(np.abs(vf))))
    vs = vf / scale
    full = (1 << n) - 1
    if imputation and sum(vs[1 << i] for i in range(n)) > vs[full] + TOLERANCE:
        raise InvalidGameError(f"{func}: the game has no imputation (sum of v({{i}}) exceeds v(N))")
    if n == 1:
        return np.array([v_obj[1]], dtype=v_obj.dtype), []
    masks = np.arange(1, full, dtype=np.int64)
    A = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    free = np.ones(len(masks), dtype=bool)
    # fixed rows: (row index into masks, kind, stage) kind in {"stage", "zero", "implied"}
    fixed: list[tuple[int, str, int]] = []
    basis_rows = [np.ones(n)]
    levels: list[float] = []
    bounds = [(vs[1 << i], None) if imputation else (None, None) for i in range(n)] + [(None, None)]
    fixed_exc = np.zeros(len(masks))
    x: np.ndarray | None = None
    tol = _LP_TOL
    for stage in range(n + 1):
        fi = np.flatnonzero(free)
        if fi.size == 0:
            break
        fx = [r for r, _, _ in fixed]
        A_eq = np.vstack([np.append(np.ones(n), 0.0)] + [np.append(A[r], 0.0) for r in fx])
        b_eq = np.array([vs[full]] + [vs[masks[r]] - fixed_exc[r] for r in fx])
        res, lp_rows = _stage_lp(A, vs[masks], fi, A_eq, b_eq, bounds, n, x)
        if res.status != 0:
            raise SolverError(f"{func}: LP stage {stage + 1} failed: {res.message}")
        x = res.x[:n]
        e = float(res.x[-1])
        duals = -np.asarray(res.ineqlin.marginals)
        new = [int(lp_rows[k]) for k in np.flatnonzero(duals > tol)]
        zero = []
        if imputation:
            red = np.asarray(res.lower.marginals)[:n]
            zero = [i for i in range(n) if red[i] > tol]
        if not new and not zero:
            # degenerate duals: fall back on coalitions tight at this optimum
            slack = vs[masks[fi]] - A[fi] @ x - e
            new = [int(fi[k]) for k in np.flatnonzero(np.abs(slack) <= TOLERANCE)][:1]
            if not new:
                raise SolverError(f"{func}: LP stage {stage + 1} fixed no coalition")
        levels.append(e)
        for r in new:
            fixed.append((r, "stage", len(levels) - 1))
            fixed_exc[r] = e
            free[r] = False
            basis_rows.append(A[r])
        for i in zero:
            r = (1 << i) - 1  # masks start at 1
            if free[r]:
                fixed.append((r, "zero", -1))
                fixed_exc[r] = 0.0
                free[r] = False
            basis_rows.append(A[r])
        B = np.array(basis_rows)
        rank = np.linalg.matrix_rank(B)
        if rank >= n:
            break
        # coalitions in the span of the fixed ones have a fixed excess too
        _, _, vt = np.linalg.svd(B)
        q = vt[:rank].T
        fi = np.flatnonzero(free)
        resid = A[fi] - (A[fi] @ q) @ q.T
        implied = fi[np.linalg.norm(resid, axis=1) <= TOLERANCE]
        for r in implied:
            free[r] = False
            fixed_exc[r] = vs[masks[r]] - A[r] @ x
    assert x is not None
    xf = x * scale
    if not exact:
        return xf, [lv * scale for lv in levels]
    # exact recomputation from the fixed equalities
    stage_ids = sorted({k for _, kind, k in fixed if kind == "stage"})
    col = {k: n + j for j, k in enumerate(stage_ids)}
    width = n + len(stage_ids)
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    row = [Fraction(1)] * n + [Fraction(0)] * len(stage_ids)
    rows.append(row)
    rhs.append(v_obj[full])
    for r, kind, k in fixed:
        if kind == "implied":
            continue
        row = [Fraction(int(a)) for a in A[r]] + [Fraction(0)] * len(stage_ids)
        if kind == "stage":
            row[col[k]] = Fraction(1)
        rows.append(row)
        rhs.append(v_obj[int(masks[r])])
    sol = exact_solve(rows, rhs)
    if sol is None:
        # The fixed equalities leave the stage levels free (the LP duals, not
        # the tight sets, pin them down): snap each level to the nearest
        # rational with a small denominator and solve for x with the levels known.
        den = 1
        for f in v_obj.tolist():
            den = den * f.denominator // math.gcd(den, f.denominator)
        err = scaled_tolerance(scale * den)
        qmax = max(1, math.isqrt(int(1 / (4 * err))))
        snapped = {k: Fraction(Fraction(levels[k] * scale * den).limit_denominator(qmax), den) for k in stage_ids}
        xrows = [r[:n] for r in rows]
        xrhs = [b - sum((r[col[k]] * snapped[k] for k in stage_ids), Fraction(0)) for r, b in zip(rows, rhs)]
        xsol = exact_solve(xrows, xrhs)
        if xsol is None:
            raise SolverError(f"{func}: could not recover an exact solution from the LP sequence")
        sol = list(xsol) + [snapped[k] for k in stage_ids]
    if len(sol) != width:
        raise SolverError(f"{func}: could not recover an exact solution from the LP sequence")
    xe = np.empty(n, dtype=object)
    xe[:] = sol[:n]
    lev = [sol[col[k]] for k in stage_ids]
    if np.max(np.abs(xe.astype(float) - xf)) > 10 * _LP_TOL * scale:  # the LP's accuracy, not TOLERANCE
        raise SolverError(f"{func}: exact recomputation disagrees with the LP solution")
    # every coalition's excess must be at most the first level; imputation bounds must hold
    exc, mult = exact_excesses(game, list(xe))
    if 0 in col and int(exc[1:full].max()) > sol[col[0]] * mult:
        raise SolverError(f"{func}: exact recomputation violates the first-stage constraint")
    if imputation and any(xe[i] < v_obj[1 << i] for i in range(n)):
        raise SolverError(f"{func}: exact recomputation is not an imputation")
    return xe, lev


def exact_excesses(game: Worths, x: Sequence[Fraction]) -> tuple[np.ndarray, int]:
    """Exact excesses of the benefit game at ``x``, scaled to integers.

    Returns ``(E, L)`` with ``E[S] = L * (v(S) - x(S))`` for every bitmask ``S``
    (int64 when that cannot overflow, else Python ints in an object array) and
    ``L`` the least common multiple of the denominators. Coalition sums are
    built by doubling (``x(S + i) = x(S) + x_i`` over the upper half of the
    masks), so no Fraction arithmetic is done per coalition.
    """
    from coopgame.cooperative.shapley import _integer_worths

    vi, dv = _integer_worths(game)
    if game.cost:
        vi = -vi
    xs = [Fraction(a) for a in x]
    dx = 1
    for f in xs:
        dx = dx * f.denominator // math.gcd(dx, f.denominator)
    mult = dv * dx // math.gcd(dv, dx)
    xi = [int(f * mult) for f in xs]
    big_v = int(np.max(np.abs(vi))) if vi.dtype != object else max(abs(int(a)) for a in vi.tolist())
    if (big_v * (mult // dv) + sum(abs(a) for a in xi)) < (1 << 62) and vi.dtype != object:
        sums = np.zeros(1, dtype=np.int64)
        for a in xi:
            sums = np.concatenate((sums, sums + np.int64(a)))
        return vi * np.int64(mult // dv) - sums, mult
    sums = np.zeros(1, dtype=object)
    sums[0] = 0
    for a in xi:
        sums = np.concatenate((sums, sums + a))
    big = np.empty(vi.shape[0], dtype=object)
    big[:] = [int(a) * (mult // dv) for a in vi.tolist()]
    return big - sums, mult


def _stage_lp(A: np.ndarray, v_rows: np.ndarray, fi: np.ndarray, A_eq: np.ndarray, b_eq: np.ndarray,
              bounds: list[Any], n: int, x_prev: np.ndarray | None) -> tuple[Any, np.ndarray]:
    """One stage's LP ``min e  s.t.  e >= v(S) - x(S)`` over the free rows ``fi``, by constraint generation.

    The LP is first solved over a few rows (the free singletons and
    complements of singletons, and the rows with the largest excess at the
    previous stage's point); the free rows it violates are added (the most
    violated first) until none is. The final restricted optimum is feasible
    for all rows, hence optimal for the full LP, and its duals (zero on the
    rows left out) are optimal duals of the full LP. ``e`` gets a lower bound
    far below any attainable level so that early restricted LPs stay bounded;
    if that bound is ever active the full LP is solved instead.

    Returns the ``linprog`` result and the row numbers (into ``A``) of its
    inequality constraints.
    """
    from scipy.optimize import linprog
    c = np.zeros(n + 1)
    c[-1] = 1.0
    if fi.size <= 8 * n + 64:
        active = fi
    else:
        sizes = A[fi].sum(axis=1)
        seed = fi[(sizes == 1) | (sizes == n - 1)]
        if x_prev is not None:
            exc = v_rows[fi] - A[fi] @ x_prev
            top = fi[np.argpartition(-exc, min(4 * n, fi.size - 1))[: 4 * n]]
            seed = np.union1d(seed, top)
        active = seed if seed.size else fi[: 4 * n]
    floor = -10.0 * (n + 2)
    lp_bounds = list(bounds[:n]) + [(floor, None)]
    add = max(4 * n, 32)
    for _ in range(200):
        A_ub = np.hstack([-A[active], -np.ones((active.size, 1))])
        res = linprog(c, A_ub=A_ub, b_ub=-v_rows[active], A_eq=A_eq, b_eq=b_eq, bounds=lp_bounds, method="highs")
        if res.status != 0 or active.size == fi.size:
            break
        x, e = res.x[:n], res.x[-1]
        viol = v_rows[fi] - A[fi] @ x - e
        bad = np.flatnonzero(viol > TOLERANCE / 10)  # stricter than the fixing test, so no row is missed
        if bad.size == 0:
            if e > floor + 1.0:
                return res, active
            break
        if bad.size > add:
            bad = bad[np.argpartition(-viol[bad], add)[:add]]
        active = np.union1d(active, fi[bad])
    # fall back on the full LP
    A_ub = np.hstack([-A[fi], -np.ones((fi.size, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=-v_rows[fi], A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
    return res, fi


def _coalition_sums(x: np.ndarray, n: int) -> np.ndarray:
    """x(S) for every bitmask S (same dtype as x)."""
    size = 1 << n
    if x.dtype == object:
        out = np.full(size, Fraction(0), dtype=object)
    else:
        out = np.zeros(size)
    masks = np.arange(size)
    for i in range(n):
        sel = ((masks >> i) & 1).astype(bool)
        out[sel] = out[sel] + x[i]
    return out


def nucleolus(game: Worths, *, max_players: int | None = None) -> np.ndarray:
    """Nucleolus over the imputation set (Schmeidler 1969).

    Exact (Fractions) for exact games. Cost games: the allocation of costs
    that lexicographically minimises the largest cost excesses ``x(S) - c(S)``.
    Games with more than ``max_players`` players (default
    :data:`LP_MAX_PLAYERS`) are refused with a SolverLimitError.

    Examples
    --------
    Bankruptcy game with claims (100, 200, 300) and estate 200: the Talmud rule.

    >>> from coopgame.cooperative import TUGame
    >>> from coopgame.cooperative.nucleolus import nucleolus
    >>> d = (100, 200, 300)
    >>> g = TUGame(3, lambda S: max(0, 200 - sum(d[i] for i in range(3) if i not in S)))
    >>> [str(x) for x in nucleolus(g)]
    ['50', '75', '75']
    """
    x, _ = sequence(game, True, "nucleolus", max_players)
    return -x if game.cost else x


def prenucleolus(game: Worths, *, max_players: int | None = None) -> np.ndarray:
    """Pre-nucleolus (over efficient allocations, no individual-rationality bounds).

    Examples
    --------
    >>> from coopgame.cooperative import TUGame
    >>> from coopgame.cooperative.nucleolus import prenucleolus
    >>> [str(x) for x in prenucleolus(TUGame(2, [0, 1, 0, 3]))]
    ['2', '1']
    """
    x, _ = sequence(game, False, "prenucleolus", max_players)
    return -x if game.cost else x



