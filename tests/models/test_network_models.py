"""The network models of the catalog: adjacent counties and the nation-province-county system."""

from __future__ import annotations

import math
from fractions import Fraction as F

import networkx as nx
import pytest

from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.models import adjacent_counties, three_level
from coopgame.networks import efficient_networks, link_subsidies, pairwise_stable_networks


def test_adjacent_counties_payoffs_by_hand():
    game = adjacent_counties(1, 3, delta=F(1, 2), base_cost=F(1, 5), distance_rate=F(1, 10), river=[0], river_bonus=1)
    # a line of three river counties (weights 2): the middle one pays two adjacent links
    assert list(game.value([((0, 0), (0, 1)), ((0, 1), (0, 2))])) == [2 * F(1, 2) + 2 * F(1, 4) - F(1, 5),
                                                                      4 * F(1, 2) - 2 * F(1, 5),
                                                                      2 * F(1, 2) + 2 * F(1, 4) - F(1, 5)]
    # a link across two map steps costs base + rate
    assert list(game.value([((0, 0), (0, 2))])) == [1 - F(3, 10), 0, 1 - F(3, 10)]
    off_river = adjacent_counties(2, 1, delta=F(1, 2), base_cost=0, river=[0], river_bonus=1)
    assert list(off_river.value([((0, 0), (1, 0))])) == [F(1, 2), F(1, 2)]


def test_default_counties_tell_the_story():
    """Few counties cooperate on their own; the efficient network needs a subsidy on two links."""
    game = adjacent_counties()
    stable = pairwise_stable_networks(game)
    involved = [sum(1 for v in g if g.degree(v)) for g in stable]
    assert min(involved) == 3  # the river counties only
    best = efficient_networks(game)
    assert all(g.graph["total"] < best[0].graph["total"] for g in stable)
    plan = link_subsidies(game)
    assert plan.is_feasible and plan.total > 0 and len(plan.subsidised_links) == 2


def test_three_level_costs():
    game = three_level(2, 2, delta=F(1, 2), within_cost=F(1, 5), across_cost=F(3, 5))
    cross = [("P1-C1", "P2-C1")]
    assert list(game.value(cross)) == [F(1, 2) - F(3, 5), 0, F(1, 2) - F(3, 5), 0]
    linked = three_level(2, 2, delta=F(1, 2), within_cost=F(1, 5), across_cost=F(3, 5), province_links=[(0, 1)])
    assert list(linked.value(cross)) == [F(1, 2) - F(1, 5), 0, F(1, 2) - F(1, 5), 0]
    crossing = lambda g: sum(u[1] != v[1] for u, v in g.edges)  # noqa: E731
    assert max(crossing(g) for g in pairwise_stable_networks(three_level())) < max(
        crossing(g) for g in pairwise_stable_networks(three_level(province_links=[(0, 1)])))


@pytest.mark.parametrize("call, error", [
    (lambda: adjacent_counties(0, 3), InvalidArgumentError),
    (lambda: adjacent_counties(2, 3, delta=0), InvalidArgumentError),
    (lambda: adjacent_counties(2, 3, base_cost=-1), InvalidArgumentError),
    (lambda: adjacent_counties(2, 3, distance_rate=math.nan), InvalidArgumentError),
    (lambda: adjacent_counties(2, 3, river=[5]), InvalidArgumentError),
    (lambda: adjacent_counties(2, 3, river="top"), InvalidArgumentTypeError),
    (lambda: adjacent_counties(40, 40), InvalidArgumentError),
    (lambda: three_level(0), InvalidArgumentError),
    (lambda: three_level(2, 2, within_cost=1, across_cost=F(1, 2)), InvalidArgumentError),
    (lambda: three_level(2, 2, province_links=[(0, 2)]), InvalidArgumentError),
    (lambda: three_level(2, 2, province_links=[5]), InvalidArgumentError),
    (lambda: three_level(2, 2, province_links=7), InvalidArgumentTypeError),
    (lambda: three_level(2, 2, across_cost=-1), InvalidArgumentError),
])
def test_bad_input(call, error):
    with pytest.raises(error):
        call()


def test_labels_are_graph_nodes():
    g = pairwise_stable_networks(adjacent_counties(1, 2))[0]
    assert set(g.nodes) == {(0, 0), (0, 1)} and isinstance(g, nx.Graph)
