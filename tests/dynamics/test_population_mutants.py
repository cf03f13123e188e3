"""PopulationGame reads its payoff rows and state symbols (mutation testing, sampled run)."""

from __future__ import annotations

import math

import pytest

from coopgame.dynamics import replicator
from coopgame.dynamics.population import PopulationGame
from coopgame.errors import InvalidGameError


@pytest.mark.parametrize("row", ["ab", b"ab", 5, []])
def test_a_role_whose_payoffs_are_not_a_sequence_is_refused_by_role(row):
    # a string is a sequence of characters, not of payoffs; a number has no length
    with pytest.raises(InvalidGameError, match=r"expected a sequence of payoffs \(one per strategy\) for role 1, got "):
        PopulationGame([row, ["x", 0]])


def test_state_symbols_named_by_strings_are_real():
    # shares are real numbers; sympy decides signs and simplifies with this assumption
    game = PopulationGame([[0, "b"], ["a", 0]], state=["a", "b"])
    assert [s.name for s in game.state] == ["a", "b"]
    assert all(s.is_real for s in game.state)


@pytest.mark.parametrize("entry", [["a", "b"], [1]])
def test_a_role_with_the_wrong_number_or_kind_of_state_symbols_is_refused_with_the_count(entry):
    # two strategies per role: one share per role, the second share is 1 minus the first
    with pytest.raises(InvalidGameError, match=r"expected 1 state symbols for role 1 \(the shares of its first 1 "
                                                r"strategies\), got "):
        PopulationGame([[0, "y"], ["x", 0]], state=[entry, "y"])


def test_a_role_of_a_single_strategy_is_accepted_and_keeps_its_share():
    # "at least one strategy per role": a role of one strategy has no state symbol and share 1 throughout.
    # Role 2 earns 0 and 1: dx/dt = -x (1 - x) from x = 1/2 gives x(t) = 1 / (1 + e**t), 1 / (1 + e) at t = 1
    game = PopulationGame([[1], [0, 1]])
    assert len(game.state) == 1
    traj = replicator(game, [[1], [0.5, 0.5]], 1.0)
    first, second = traj.final
    assert first.tolist() == [1.0]
    assert second[0] == pytest.approx(1 / (1 + math.e), abs=1e-6)


def test_default_state_symbols_are_x_y_z_beside_a_parameter_named_by_a_capital():
    # roles of two strategies, at most three roles: the shares are x, y (z); a parameter "Y" is another symbol
    game = PopulationGame([["Y*y", 0], [0, "x"]])
    assert [s.name for s in game.state] == ["x", "y"]
    assert [s.name for s in game.parameters] == ["Y"]
