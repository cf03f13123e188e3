"""The exact LP without constraints (mutation testing, sampled run)."""

from __future__ import annotations

from fractions import Fraction

from coopgame.mechanisms._design_lp import solve_exact


def test_without_constraints_a_nonzero_cost_is_unbounded_from_the_origin_like_a_vacuous_constraint():
    sol = solve_exact([1, -1], [], [])
    assert sol.status == "unbounded"
    assert sol.x == (Fraction(0), Fraction(0))  # every point is feasible; the origin is reported
    assert sol.direction == (Fraction(-1), Fraction(1))  # minus the cost: c.d < 0 with no constraint to keep
    vacuous = solve_exact([1, -1], [[0, 0]], [0])  # 0 >= 0 holds everywhere: the same problem
    assert (vacuous.status, vacuous.x) == (sol.status, sol.x)
