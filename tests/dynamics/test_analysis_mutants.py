"""The corner table's frame keeps rational eigenvalues exact (mutation testing, sampled run)."""

from __future__ import annotations

from fractions import Fraction

import sympy

from coopgame import models
from coopgame.dynamics import corner_table


def test_frame_gives_each_scenario_eigenvalue_as_the_exact_fraction():
    table = corner_table(models.tripartite(), [{"w": 5}, {"w": 1, "f_e": 2, "F_g": Fraction(1, 2)}])
    frame = table.to_frame()
    seen = set()
    for k, row in enumerate(table.rows):
        for name, (eigs, _) in row.scenarios.items():
            expected = tuple(Fraction(str(e)) for e in eigs)  # sympy prints a Rational as p/q
            assert frame[f"{name}: eigenvalues"][k] == expected
            seen.update(expected)
    assert any(v.denominator > 1 for v in seen)  # F_g = 1/2 gives halves


def test_text_table_writes_each_corner_condition_and_never_for_the_impossible_ones():
    table = corner_table(models.tripartite())
    _, body = table._cells()
    conditions = [row.condition for row in table.rows]
    assert any(c is sympy.false for c in conditions) and any(c not in (sympy.true, sympy.false) for c in conditions)
    for cond, cells in zip(conditions, body):
        assert cells[3] == ("never" if cond is sympy.false else str(cond))
        assert cells[3] in str(table)
