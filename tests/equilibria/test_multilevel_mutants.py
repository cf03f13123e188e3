"""The table of a nested game's solution (mutation testing, sampled run: no test built it)."""

from __future__ import annotations

from fractions import Fraction

from coopgame import models
from coopgame.equilibria.multilevel import solve_multilevel


def test_table_has_one_row_per_branch_with_both_outcomes_and_the_upper_payoffs():
    """Defaults B=3, k=1: a province gets B - k = 2 when both sign and 0 when neither does (the model's formula)."""
    game = models.multilevel()
    frame = solve_multilevel(game).to_frame()
    p1, p2 = game.upper.players
    assert list(frame.columns) == ["Provinces", "Cities", f"payoff: {p1}", f"payoff: {p2}"]
    assert frame["Provinces"].tolist() == ["Cooperate, Cooperate", "Defect, Defect"]
    assert frame["Cities"].tolist() == ["('Cooperate', 'Cooperate'); ('Defect', 'Defect')", "('Defect', 'Defect')"]
    assert frame[f"payoff: {p1}"].tolist() == [Fraction(2), Fraction(0)]
    assert frame[f"payoff: {p2}"].tolist() == [Fraction(2), Fraction(0)]
