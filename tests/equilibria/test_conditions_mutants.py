"""The table of symbolic mixed equilibria (mutation testing, sampled run)."""

from __future__ import annotations

import sympy

import coopgame as cg


def test_frame_of_symbolic_mixed_equilibria_has_the_conditions_column():
    # matching pennies: (1/2, 1/2) for both, value 0, for every parameter value (tests/equilibria/test_conditions.py)
    mp = cg.NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    frame = cg.symbolic_mixed_equilibria(mp).to_frame()
    assert list(frame.columns) == ["Player 1", "Player 2", "payoff: Player 1", "payoff: Player 2", "conditions"]
    assert frame["Player 1"].tolist() == ["(1/2, 1/2)"] and frame["payoff: Player 2"].tolist() == [0]
    assert frame["conditions"].tolist() == [sympy.true]
