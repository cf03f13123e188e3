"""The exact LP without constraints (mutation testing, sampled run)."""

from __future__ import annotations

from fractions import Fraction

from coopgame.mechanisms._design_lp import solve_exact, solve_float


def test_without_constraints_a_nonzero_cost_is_unbounded_from_the_origin_like_a_vacuous_constraint():
    sol = solve_exact([1, -1], [], [])
    assert sol.status == "unbounded"
    assert sol.x == (Fraction(0), Fraction(0))  # every point is feasible; the origin is reported
    assert sol.direction == (Fraction(-1), Fraction(1))  # minus the cost: c.d < 0 with no constraint to keep
    vacuous = solve_exact([1, -1], [[0, 0]], [0])  # 0 >= 0 holds everywhere: the same problem
    assert (vacuous.status, vacuous.x) == (sol.status, sol.x)


def test_float_basis_at_a_large_scale_is_the_exact_basis():
    # entries of order 1e4 (a seeded random draw, rounded to 3 decimals); HiGHS leaves residuals of order 1e-11 at
    # the tight rows, which the tolerance relative to the data's scale must accept. The oracle is the exact LP.
    G = [[2501.909, 7944.276, 5513.714], [-5495.856, -3996.674, 7471.069], [-9894.694, 6424.568, 5941.389],
         [-641.301, -3939.351, -4431.488], [-4902.608, -1098.474, 90.965], [1069.947, 9910.006, 5853.238],
         [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    h = [10440.147, -6375.912, 1432.659, -5284.684, -4631.951, 11260.347, -10.0, -10.0, -10.0]
    c = [0.925, 0.666, 0.563]
    exact = solve_exact([Fraction(str(v)) for v in c], [[Fraction(str(v)) for v in row] for row in G],
                        [Fraction(str(v)) for v in h])
    approx = solve_float(c, G, h)
    assert exact.status == approx.status == "optimal"
    assert len(exact.basis) == 3  # a vertex of a programme in three unknowns
    assert approx.basis == exact.basis


def test_float_lp_without_constraints_is_unbounded_from_the_origin_like_the_exact_one():
    sol = solve_float([1.0, -1.0], [], [])
    assert sol.status == "unbounded"
    assert sol.x == (0.0, 0.0) and sol.y is None and sol.value is None and sol.basis == ()
    assert [float(v) for v in sol.direction] == [-1.0, 1.0]


def test_exact_basis_lists_every_row_with_a_positive_dual():
    # solve_exact's doctest: min x1 + x2 with x1, x2 >= 0 and x1 + 2 x2 >= 3 has x = (0, 3/2). The duals solve
    # (1, 1) = y0 (1, 0) + y1 (0, 1) + y2 (1, 2) with y1 = 0 (x2 > 0): y2 = 1/2, y0 = 1/2; both rows are in the basis
    sol = solve_exact([1, 1], [[1, 0], [0, 1], [1, 2]], [0, 0, 3])
    assert sol.x == (0, Fraction(3, 2)) and sol.y == (Fraction(1, 2), 0, Fraction(1, 2))
    assert sol.basis == (0, 2)
