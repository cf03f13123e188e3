"""The corner table's frame keeps rational eigenvalues exact (mutation testing, sampled run)."""

from __future__ import annotations

import re
from fractions import Fraction

import sympy

from coopgame import models
from coopgame.dynamics import classify_corners, corner_table


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


def test_text_table_rows_are_the_cells_separated_by_spaces():
    table = corner_table(models.tripartite())
    _, body = table._cells()
    lines = str(table).splitlines()[2:10]  # after the header and the rule, one line per corner
    assert len(body) == 8
    for cells, line in zip(body, lines):
        assert re.fullmatch(r"\s{2,}".join(re.escape(c) for c in cells), line)


def test_classification_text_gives_the_share_of_each_stable_corner_in_percent():
    # the exact table (defaults, w varied): at w = 5 one corner is stable, at w = 1 none, so 2 of 4 sets: 50.0%
    game = models.tripartite()
    assert corner_table(game, [{"w": 5}, {"w": 1}]).stable_corners() == {
        "1": [("Supervise loosely", "Regulate strictly", "Abate")], "2": []}
    result = classify_corners(game, {"w": [5.0, 5.0, 1.0, 1.0]})
    assert repr(result) == ("CornerClassification(4 parameter sets, 8 corners; stable: "
                            "(Supervise loosely, Regulate strictly, Abate) 50.0%)")
    assert repr(classify_corners(game, {"w": [1.0]})) == "CornerClassification(1 parameter sets, 8 corners; stable: none)"


def test_classification_reads_parameter_columns_of_fractions_like_floats():
    game = models.tripartite()
    exact = classify_corners(game, {"w": [Fraction(5), Fraction(1, 2), Fraction(7, 2)]})
    floats = classify_corners(game, {"w": [5.0, 0.5, 3.5]})
    assert (exact.codes == floats.codes).all()
