"""The payoff spread that sets the default integration horizon (mutation testing, sampled run)."""

from __future__ import annotations

from coopgame.dynamics.basin_estimates import _spread
from coopgame.dynamics.field import ReplicatorField
from coopgame.dynamics.population import PopulationGame


def test_spread_of_a_population_game_is_estimated_over_many_states():
    # role 2's payoffs (2y, 0) spread by 2y, at most 2. Its share y of a Dirichlet(1, 1) state is uniform, so the
    # largest of 256 fixed random states exceeds 0.95 unless all fall below (0.95**256, about 2e-6): spread in [1.9, 2]
    field = ReplicatorField(PopulationGame([["x", 0], ["2*y", 0]]))
    assert 1.9 <= _spread(field) <= 2.0
