"""Jackson and Wolinsky's results on the symmetric connections model, and the co-author model.

Sources: Jackson, M. O. and Wolinsky, A. (1996), "A strategic model of social
and economic networks", Journal of Economic Theory 71: 44-74, Proposition 1
(efficiency) and Proposition 2 (pairwise stability) of section 3, and
section 4 (co-author model); restated as Propositions 6.1 and 6.2 in
Jackson, M. O. (2008), Social and Economic Networks, ch. 6.
"""

from __future__ import annotations

from fractions import Fraction as F

import networkx as nx
import pytest

from coopgame.networks import coauthor_model, connections_model, efficient_networks, pairwise_stable_networks
from tests.networks.oracle import is_star

HALF = F(1, 2)


@pytest.mark.parametrize("n", [3, 4, 5])
def test_published_efficient_complete_when_cost_below_delta_minus_delta_squared(n):
    """JW 1996 Prop. 1(i): c < delta - delta^2 => the complete network is the unique efficient network."""
    for delta, cost in [(HALF, F(1, 5)), (F(2, 3), F(1, 10)), (F(1, 3), 0)]:
        eff = efficient_networks(connections_model(n, delta, cost))
        assert len(eff) == 1 and nx.is_isomorphic(eff[0], nx.complete_graph(n))


@pytest.mark.parametrize("n", [3, 4, 5])
def test_published_efficient_star_in_the_middle_range(n):
    """JW 1996 Prop. 1(ii): delta - delta^2 < c < delta + (n - 2) delta^2 / 2 => the star is the unique efficient architecture."""
    for delta in (HALF, F(2, 3), F(1, 3)):
        low, high = delta - delta**2, delta + (n - 2) * delta**2 / 2
        for cost in (low + (high - low) / 7, (low + high) / 2, high - (high - low) / 7):
            eff = efficient_networks(connections_model(n, delta, cost))
            assert eff.is_exact and eff.is_complete
            assert len(eff) == n and all(is_star(g) for g in eff)  # the n labelled stars


@pytest.mark.parametrize("n", [3, 4, 5])
def test_published_efficient_empty_when_cost_is_high(n):
    """JW 1996 Prop. 1(iii): c > delta + (n - 2) delta^2 / 2 => the empty network is the unique efficient network."""
    delta = F(3, 5)
    cost = delta + (n - 2) * delta**2 / 2 + F(1, 100)
    eff = efficient_networks(connections_model(n, delta, cost))
    assert len(eff) == 1 and eff[0].number_of_edges() == 0


@pytest.mark.parametrize("n", [3, 4, 5])
def test_published_pairwise_stable_complete_is_unique_for_low_cost(n):
    """JW 1996 Prop. 2(i): c < delta - delta^2 => the complete network is the unique pairwise stable network."""
    stable = pairwise_stable_networks(connections_model(n, HALF, F(1, 5)))
    assert len(stable) == 1 and stable[0].number_of_edges() == n * (n - 1) // 2


@pytest.mark.parametrize("n", [3, 4, 5])
def test_published_star_pairwise_stable_between_delta_minus_delta_squared_and_delta(n):
    """JW 1996 Prop. 2(ii): delta - delta^2 < c < delta => a star spanning all players is pairwise stable, not necessarily uniquely."""
    stable = pairwise_stable_networks(connections_model(n, HALF, F(2, 5)))
    stars = [g for g in stable if is_star(g)]
    assert len(stars) == n
    if n >= 4:
        assert len(stable) > n  # not unique: the line is pairwise stable too here (Jackson 2008, Fig. 6.2.1 discussion)


@pytest.mark.parametrize("n", [3, 4, 5])
def test_published_high_cost_stable_networks_have_two_links_each(n):
    """JW 1996 Prop. 2(iii): delta < c => every nonempty pairwise stable network gives each player in it at least two links, so is inefficient."""
    for cost in (F(11, 20), F(7, 10), F(9, 10)):
        game = connections_model(n, HALF, cost)
        stable = pairwise_stable_networks(game)
        best = efficient_networks(game)[0].graph["total"]
        assert any(g.number_of_edges() == 0 for g in stable)  # the empty network is stable when delta < c
        for g in stable:
            if g.number_of_edges():
                assert all(d >= 2 for _, d in g.degree if d > 0)
                assert g.graph["total"] < best


def test_published_coauthor_efficient_is_pairs_and_stable_is_overconnected():
    """JW 1996 section 4: with n even the efficient networks are perfect matchings (each component a pair);
    pairwise stable networks are over-connected (Jackson 2008, Prop. 6.2: each stable network is a
    collection of complete components of different sizes for n >= 4)."""
    game = coauthor_model(4)
    eff = efficient_networks(game)
    assert len(eff) == 3 and all(sorted(d for _, d in g.degree) == [1, 1, 1, 1] for g in eff)
    assert eff[0].graph["total"] == 4 * (1 + 1 + 1)  # each of the four authors gets 1 + 1 + 1 from its partner
    stable = pairwise_stable_networks(game)
    assert stable and all(g.graph["total"] < eff[0].graph["total"] for g in stable)
    for g in stable:
        sizes = sorted(len(c) for c in nx.connected_components(g) if len(c) > 1)
        assert len(set(sizes)) == len(sizes)  # components of different sizes
        for comp in nx.connected_components(g):
            sub = g.subgraph(comp)
            k = len(comp)
            assert sub.number_of_edges() == k * (k - 1) // 2  # each component complete
