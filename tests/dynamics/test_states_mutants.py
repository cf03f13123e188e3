"""A population game's state read role by role names the role it refuses (mutation testing, sampled run)."""

from __future__ import annotations

import pytest

from coopgame.dynamics import replicator
from coopgame.dynamics.population import PopulationGame
from coopgame.errors import InvalidProfileError

# two roles of three strategies each, constant payoffs: only the reading of the state matters here
GAME = PopulationGame([[1, 2, 0], [0, 1, 2]])


@pytest.mark.parametrize(("x0", "role"), [([[0.5, 0.6, 0.2], [0.2, 0.3, 0.5]], "Player 1"),
                                          ([[0.2, 0.3, 0.5], [0.5, -0.1, 0.6]], "Player 2")])
def test_a_role_whose_shares_are_no_probability_vector_is_named(x0, role):
    with pytest.raises(InvalidProfileError, match=rf"^replicator: expected x0 for '{role}' to be a probability vector "
                                                  r"of length 3 "):
        replicator(GAME, x0, 1.0)
