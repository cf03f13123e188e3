"""The table of a nested game's solution (mutation testing, sampled run: no test built it)."""

from __future__ import annotations

from fractions import Fraction

import coopgame as cg
from coopgame import models
from coopgame.equilibria.multilevel import solve_multilevel
from coopgame.games.multilevel import MultilevelGame


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


def test_text_joins_several_lower_equilibria_and_says_none_when_there_is_none():
    branch = solve_multilevel(models.multilevel())[0]
    assert repr(branch) == ("MultilevelEquilibrium(Provinces: (Cooperate, Cooperate) -> "
                            "Cities: (Cooperate, Cooperate); (Defect, Defect))")
    # matching pennies below every upper outcome: no pure lower equilibrium
    pd = cg.NormalFormGame([[[3, 0], [4, 1]], [[3, 4], [0, 1]]], actions=[["C", "D"]] * 2)
    pennies = cg.NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    (only,) = solve_multilevel(MultilevelGame(pd, lambda outcome: pennies))
    assert only.lower == ()
    assert repr(only) == "MultilevelEquilibrium(Upper: (D, D) -> Lower: none)"
