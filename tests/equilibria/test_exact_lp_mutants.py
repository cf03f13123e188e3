"""The exact LP solver (coopgame.equilibria._exact_lp): every answer proven optimal by the test itself.

Written for the fourth mutation run (issue 12, docs/explanation/mutation_testing.md). An optimum is
checked by weak duality, independently of the solver's own check: ``x`` feasible, the returned prices
``y_ub >= 0`` with ``A_ub^T y_ub + A_eq^T y_eq >= c`` (of the maximisation form) and ``b.y = c.x``; the
status against HiGHS. The float hint must give its exact vertex in one linear solve (no simplex).
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from scipy.optimize import linprog

from coopgame.equilibria import _exact_lp
from coopgame.equilibria._exact_lp import solve_exact_lp
from coopgame.errors import SolverError


def check_optimal(lp, c, Au, bu, Ae, be, maximize):
    """Weak duality, in Fractions: x feasible, the prices dual feasible, equal objectives."""
    n = len(c)
    assert lp.status == "optimal"
    x, y_ub, y_eq = lp.x, lp.y_ub, lp.y_eq
    assert len(x) == n and len(y_ub) == len(bu) and len(y_eq) == len(be)
    assert all(isinstance(v, F) for v in (*x, *y_ub, *y_eq))
    assert all(v >= 0 for v in x)
    assert all(sum(F(a) * v for a, v in zip(row, x)) <= b for row, b in zip(Au, bu))
    assert all(sum(F(a) * v for a, v in zip(row, x)) == b for row, b in zip(Ae, be))
    cmax = [F(v) if maximize else -F(v) for v in c]
    assert all(v >= 0 for v in y_ub)
    for j in range(n):
        priced = sum(F(row[j]) * y for row, y in zip(Au, y_ub)) + sum(F(row[j]) * y for row, y in zip(Ae, y_eq))
        assert priced >= cmax[j]
    objective = sum((F(cv) * xv for cv, xv in zip(c, x)), F(0))
    assert isinstance(lp.value, F) and lp.value == objective
    dual = sum(F(b) * y for b, y in zip(bu, y_ub)) + sum(F(b) * y for b, y in zip(be, y_eq))
    assert dual == (objective if maximize else -objective)


def random_lp(rng, t):
    n, mu, me = int(rng.integers(1, 5)), int(rng.integers(0, 4)), int(rng.integers(0, 3))
    c = rng.integers(-3, 4, n).tolist()
    Au, bu = rng.integers(-3, 4, (mu, n)).tolist(), rng.integers(-3, 5, mu).tolist()
    Ae, be = rng.integers(-2, 3, (me, n)).tolist(), rng.integers(-2, 3, me).tolist()
    if me == 2 and t % 3 == 0:  # a redundant equality row
        Ae[1], be[1] = [2 * v for v in Ae[0]], 2 * be[0]
    return c, Au, bu, Ae, be


def highs(c, Au, bu, Ae, be, maximize):
    return linprog([-v for v in c] if maximize else c, A_ub=Au or None, b_ub=bu or None, A_eq=Ae or None,
                   b_eq=be or None, method="highs")


def test_random_programmes_are_solved_with_a_certificate_the_test_checks_itself():
    rng = np.random.default_rng(12)
    statuses = {"optimal": 0, "infeasible": 0, "unbounded": 0}
    for t in range(300):
        c, Au, bu, Ae, be = random_lp(rng, t)
        maximize = bool(t % 2)
        lp = solve_exact_lp(c, Au, bu, Ae, be, maximize=maximize)
        ref = highs(c, Au, bu, Ae, be, maximize)
        statuses[lp.status] += 1
        if ref.status == 0:
            check_optimal(lp, c, Au, bu, Ae, be, maximize)
            assert abs(float(lp.value) - (-ref.fun if maximize else ref.fun)) < 1e-7
        else:
            assert lp.status in ("infeasible", "unbounded")
            assert lp.x is None and lp.value is None and lp.y_ub is None and lp.y_eq is None
            if lp.status == "infeasible":
                assert ref.status == 2
    assert min(statuses.values()) > 15


def test_hinted_programmes_maximised_and_minimised_give_the_certified_optimum():
    rng = np.random.default_rng(13)
    used = 0
    for t in range(300):
        c, Au, bu, Ae, be = random_lp(rng, t)
        maximize = bool(t % 2)
        ref = highs(c, Au, bu, Ae, be, maximize)
        if ref.status != 0:
            continue
        duals = list(ref.ineqlin.marginals if Au else []) + list(ref.eqlin.marginals if Ae else [])
        for dual_hint in (duals, None):
            lp = solve_exact_lp(c, Au, bu, Ae, be, maximize=maximize, hint=ref.x, dual_hint=dual_hint)
            check_optimal(lp, c, Au, bu, Ae, be, maximize)
        used += 1
    assert used > 80


def no_simplex(*args):
    raise AssertionError("the simplex ran")


# each programme has a unique, nondegenerate optimum (every basic variable and every price positive), so the
# float optimum's support and tight rows determine the exact vertex and prices
NONDEGENERATE = [
    # max 3x + 2y, x + y <= 4, x + 3y <= 6: the vertex (4, 0), prices (3, 0)
    ([3, 2], [[1, 1], [1, 3]], [4, 6], [], [], True),
    # min x + 2y + 3z, x + y + z = 1, x - y >= -1/2 (as -x + y <= 1/2): z = 0, the vertex (1, 0, 0)
    ([1, 2, 3], [[-1, 1, 0]], [F(1, 2)], [[1, 1, 1]], [1], False),
    # max x + y, 2x + y <= 4, x + 2y <= 5, x <= 3: the vertex (1, 2), prices (1/3, 1/3, 0)
    ([1, 1], [[2, 1], [1, 2], [1, 0]], [4, 5, 3], [], [], True),
    # min 2x + 3y, x + y >= 2 (as -x - y <= -2), x - y = 1/3: the vertex (7/6, 5/6)
    ([2, 3], [[-1, -1]], [-2], [[1, -1]], [F(1, 3)], False),
]


@pytest.mark.parametrize("c, Au, bu, Ae, be, maximize", NONDEGENERATE)
def test_a_float_optimum_as_hint_is_read_off_in_one_linear_solve(c, Au, bu, Ae, be, maximize, monkeypatch):
    plain = solve_exact_lp(c, Au, bu, Ae, be, maximize=maximize)
    check_optimal(plain, c, Au, bu, Ae, be, maximize)
    ref = highs(c, Au, bu, Ae, be, maximize)
    duals = list(ref.ineqlin.marginals if Au else []) + list(ref.eqlin.marginals if Ae else [])
    monkeypatch.setattr(_exact_lp, "_simplex", no_simplex)
    for dual_hint in (duals, None):
        hinted = solve_exact_lp(c, Au, bu, Ae, be, maximize=maximize, hint=ref.x, dual_hint=dual_hint)
        check_optimal(hinted, c, Au, bu, Ae, be, maximize)
        assert hinted == plain  # the optimum and its prices are unique


def test_chvatals_cycling_example_terminates_at_its_optimum(monkeypatch):
    # Chvatal (1983), Linear Programming, section 3: on this degenerate programme the rule "most negative
    # reduced cost enters, the smallest index leaves among ties" cycles through six bases; Bland's rule after a
    # degenerate pivot ends it. Optimum x = (1, 0, 1, 0), value 1, proven by the prices (0, 18, 1).
    pivots = []
    pivot = _exact_lp._pivot

    def counted(*args):
        pivots.append(1)
        assert len(pivots) < 100, "the simplex is cycling"
        pivot(*args)

    monkeypatch.setattr(_exact_lp, "_pivot", counted)
    c = [10, -57, -9, -24]
    Au = [[F(1, 2), F(-11, 2), F(-5, 2), 9], [F(1, 2), F(-3, 2), F(-1, 2), 1], [1, 0, 0, 0]]
    bu = [0, 0, 1]
    lp = solve_exact_lp(c, Au, bu)
    check_optimal(lp, c, Au, bu, [], [], True)
    assert lp.x == (1, 0, 1, 0) and lp.value == 1


@pytest.mark.parametrize("maximize", [True, False])
def test_fractional_right_hand_sides_between_zero_and_one(maximize):
    # rows with b in (0, 1), positive and negative, and a fractional equality: the signs of the rows decide
    # which need an artificial start; the optimum is checked by weak duality and against HiGHS
    c = [1, -2, 3]
    Au = [[1, 1, 1], [-1, 2, 0], [0, -1, 1]]
    bu = [F(3, 4), F(5, 6), F(-1, 5)]
    Ae = [[1, 0, -1]]
    be = [F(-1, 7)]
    lp = solve_exact_lp(c, Au, bu, Ae, be, maximize=maximize)
    check_optimal(lp, c, Au, bu, Ae, be, maximize)
    ref = highs(c, Au, [float(b) for b in bu], Ae, [float(b) for b in be], maximize)
    assert abs(float(lp.value) - (-ref.fun if maximize else ref.fun)) < 1e-9


@pytest.mark.parametrize("hint", [None, [1.0, 0.0]])
def test_a_constraint_row_of_the_wrong_length_is_refused_by_name(hint):
    with pytest.raises(SolverError, match=r"^solve_exact_lp: a constraint row has the wrong length$"):
        solve_exact_lp([1, 2], A_ub=[[1, 1], [1]], b_ub=[1, 1], hint=hint)
    with pytest.raises(SolverError, match=r"^solve_exact_lp: a constraint row has the wrong length$"):
        solve_exact_lp([1, 2], A_eq=[[1, 1, 1]], b_eq=[1], hint=hint)


def test_a_degenerate_vertex_is_read_off_with_the_prices_of_its_hint(monkeypatch):
    # max x + y, x <= 1, y <= 1, x + y <= 2: all three rows are tight at (1, 1), and the prices are not unique
    # ((1, 1, 0) or (0, 0, 1), ...); the rows HiGHS prices make the square system the vertex needs, all three
    # tight rows do not, so without the prices the simplex decides
    c, Au, bu = [1, 1], [[1, 0], [0, 1], [1, 1]], [1, 1, 2]
    ref = highs(c, Au, bu, [], [], True)
    monkeypatch.setattr(_exact_lp, "_simplex", no_simplex)
    lp = solve_exact_lp(c, Au, bu, hint=ref.x, dual_hint=ref.ineqlin.marginals)
    check_optimal(lp, c, Au, bu, [], [], True)
    assert lp.x == (1, 1) and lp.value == 2
    with pytest.raises(AssertionError, match="the simplex ran"):
        solve_exact_lp(c, Au, bu, hint=ref.x)


@pytest.mark.parametrize("c, Au, bu, Ae, be, hint", [
    ([1, 0], [[1, 1], [1, 0]], [1, 2], [], [], [2.0, 0.0]),     # violates x + y <= 1, which is not tight there
    ([1, 1], [[1, 0], [0, 1]], [1, 1], [[1, 1]], [1], [1.0, 1.0]),  # violates the equality x + y = 1
    ([2, 1], [[1, 1]], [1], [], [], [0.0, 1.0]),                # feasible, not optimal (x enters at price 1)
])
def test_a_hint_at_a_wrong_point_falls_back_to_the_simplex(c, Au, bu, Ae, be, hint):
    lp = solve_exact_lp(c, Au, bu, Ae, be, hint=hint)
    check_optimal(lp, c, Au, bu, Ae, be, True)
    assert lp == solve_exact_lp(c, Au, bu, Ae, be)


def test_a_programme_without_variables_has_the_optimum_zero():
    assert solve_exact_lp([]) == _exact_lp.ExactLP("optimal", (), F(0), (), ())
