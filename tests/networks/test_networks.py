"""coopgame.networks against an independent brute force (networkx only), and claim C25 as properties.

Claim C25 (docs/explanation/claims.md): in the connections model the efficient
network is complete, a star or empty in the three cost ranges; every network
reported pairwise stable passes the independent link-by-link check; the
efficient value is at least that of every pairwise-stable network.
"""

from __future__ import annotations

from fractions import Fraction as F

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopgame.networks import (
    NetworkGame,
    coauthor_model,
    connections_model,
    distance_costs,
    efficient_networks,
    is_pairwise_stable,
    network_price_of_anarchy,
    pairwise_nash_stable_networks,
    pairwise_stable_networks,
    strongly_stable_networks,
)
from tests.networks.oracle import brute_force, connections_payoffs, is_star, key
from tests.networks.oracle import is_pairwise_stable as oracle_stable

# too_slow off: each example enumerates every labelled network of the game (exact arithmetic), by design.
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

fractions = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)
costs = st.fractions(min_value=0, max_value=F(3, 1), max_denominator=20)


def keys(graphs):
    return {key(g) for g in graphs}


@pytest.mark.parametrize("n, delta, cost", [
    (2, F(1, 2), F(1, 3)), (3, F(1, 2), F(1, 4)), (4, F(1, 2), F(2, 5)), (4, F(3, 4), F(1, 2)),
    (5, F(1, 2), F(3, 5)), (5, F(2, 3), F(1, 4)), (5, F(1, 2), F(1, 4)),
])
def test_brute_force_stable_and_efficient_sets(n, delta, cost):
    """The whole stable and efficient sets equal those of the networkx brute force (ties at c = delta - delta^2 included)."""
    game = connections_model(n, delta, cost)
    stable, efficient, best = brute_force(n, lambda g: connections_payoffs(g, delta, cost))
    got = pairwise_stable_networks(game)
    assert got.is_exact and got.is_complete and got.method == "enumeration"
    assert keys(got) == stable
    eff = efficient_networks(game)
    assert keys(eff) == efficient and eff[0].graph["total"] == best


def test_brute_force_six_players():
    """All 2**15 labelled networks on six players, once (a few seconds of networkx)."""
    delta, cost = F(1, 2), F(2, 5)
    stable, efficient, best = brute_force(6, lambda g: connections_payoffs(g, delta, cost))
    game = connections_model(6, delta, cost)
    assert keys(pairwise_stable_networks(game)) == stable
    assert keys(efficient_networks(game)) == efficient


def test_float_parameters_agree_with_exact():
    exact = connections_model(5, F(1, 2), F(2, 5))
    floats = connections_model(5, 0.5, 0.4)
    a, b = pairwise_stable_networks(exact), pairwise_stable_networks(floats)
    assert a.is_exact and not b.is_exact
    assert keys(a) == keys(b)
    assert keys(efficient_networks(exact)) == keys(efficient_networks(floats))
    assert floats.value(nx.star_graph(4)).dtype == float


def test_payoffs_are_the_oracle_payoffs_on_random_networks():
    rng = np.random.default_rng(3)
    game = connections_model(7, F(2, 3), F(1, 7))
    for _ in range(30):
        g = nx.gnp_random_graph(7, rng.uniform(0.1, 0.7), seed=int(rng.integers(1 << 30)))
        assert list(game.value(g)) == connections_payoffs(g, F(2, 3), F(1, 7))
        assert game.total_value(g) == sum(connections_payoffs(g, F(2, 3), F(1, 7)))


def test_table_equals_payoffs_exact_and_float():
    """The vectorised payoff table is the payoffs (scaled by one common factor when exact)."""
    for game in (connections_model(5, F(2, 3), [[0, 1, 2, 3, 4]] * 5, benefit=[[F(1, 2)] * 5] * 5),
                 connections_model(5, 0.7, 0.3), coauthor_model(5)):
        masks = np.arange(0, game.num_networks, 37)
        table, exact = game.table(masks)
        rows = [game.payoffs(int(m)) for m in masks]
        if exact:
            ratio = {F(int(t)) / v for row, trow in zip(rows, table) for v, t in zip(row, trow) if v}
            assert len(ratio) == 1 and next(iter(ratio)) > 0
            assert all(int(t) == 0 for row, trow in zip(rows, table) for v, t in zip(row, trow) if not v)
        else:
            assert np.allclose(table, np.array(rows, dtype=float), rtol=0, atol=1e-12)  # float rounding only


@PROPERTY
@given(n=st.integers(2, 5), delta=fractions, cost=costs)
def test_claim_c25(n, delta, cost):
    """C25: efficient architecture by cost range; stable networks pass the oracle; efficient >= stable."""
    game = connections_model(n, delta, cost)
    eff = efficient_networks(game)
    low, high = delta - delta**2, delta + (n - 2) * delta**2 / 2
    if cost < low:
        assert len(eff) == 1 and eff[0].number_of_edges() == n * (n - 1) // 2
    elif low < cost < high:
        assert all(is_star(g) for g in eff)
    elif cost > high:
        assert len(eff) == 1 and eff[0].number_of_edges() == 0
    stable = pairwise_stable_networks(game)
    payoff = lambda g: connections_payoffs(g, delta, cost)  # noqa: E731
    for g in stable:
        assert oracle_stable(g, payoff)
        assert g.graph["total"] <= eff[0].graph["total"]
        assert list(g.graph["payoffs"]) == payoff(g)


@PROPERTY
@given(n=st.integers(2, 4), delta=fractions, cost=costs)
def test_stable_set_is_complete_against_the_oracle(n, delta, cost):
    stable, efficient, _ = brute_force(n, lambda g: connections_payoffs(g, delta, cost))
    game = connections_model(n, delta, cost)
    assert keys(pairwise_stable_networks(game)) == stable
    assert keys(efficient_networks(game)) == efficient


@PROPERTY
@given(n=st.integers(2, 4), data=st.data())
def test_user_value_function_matches_oracle(n, data):
    """A user value function (integer payoffs: per-node weights of neighbours minus link costs) against the oracle."""
    w = data.draw(st.lists(st.integers(-3, 5), min_size=n * n, max_size=n * n))
    c = data.draw(st.integers(0, 4))

    def value(g):
        return [sum(w[i * n + j] for j in g.neighbors(i)) - c * g.degree(i) for i in sorted(g.nodes)]

    game = NetworkGame(n, value)
    stable, efficient, _ = brute_force(n, value)
    assert keys(pairwise_stable_networks(game)) == stable
    assert keys(efficient_networks(game)) == efficient


def test_search_from_start_finds_stable_networks_and_says_it_is_partial():
    game = connections_model(9, F(1, 2), F(2, 5))
    found = pairwise_stable_networks(game, start=[nx.star_graph(8), nx.path_graph(9)], max_visits=300)
    assert not found.is_complete and "improving paths" in found.note and found.method == "improving_path_search"
    assert found and all(is_pairwise_stable(game, g) for g in found)
    small = connections_model(4, F(1, 2), F(2, 5))
    everything = keys(pairwise_stable_networks(small))
    from_all = pairwise_stable_networks(small, start=[nx.empty_graph(4), nx.complete_graph(4)])
    assert keys(from_all) <= everything
    capped = pairwise_stable_networks(game, start=[nx.complete_graph(9)], max_visits=3)
    assert "max_visits" in capped.note


def test_up_to_isomorphism():
    game = connections_model(5, F(1, 2), F(2, 5))
    classes = pairwise_stable_networks(game, up_to_isomorphism=True)
    everything = pairwise_stable_networks(game)
    for g in everything:
        assert sum(nx.is_isomorphic(g, h) for h in classes) == 1
    for a in classes:
        assert sum(nx.is_isomorphic(a, b) for b in classes) == 1


def test_labels_are_the_nodes():
    game = connections_model(3, F(1, 2), F(1, 5), players=["A", "B", "C"])
    (g,) = pairwise_stable_networks(game)
    assert set(g.nodes) == {"A", "B", "C"} and g.number_of_edges() == 3
    assert list(game.value([("A", "B")])) == [F(1, 2) - F(1, 5), F(1, 2) - F(1, 5), 0]


def test_distance_costs_make_far_links_fail():
    """Regions on a line; link cost grows with distance: only short links survive."""
    dist = [[abs(i - j) for j in range(5)] for i in range(5)]
    game = connections_model(5, F(1, 2), distance_costs(dist, base=F(1, 10), rate=F(3, 10)))
    stable_here = pairwise_stable_networks(game)
    assert any(sorted(g.edges) == [(0, 1), (1, 2), (2, 3), (3, 4)] for g in stable_here)  # the line of neighbours
    for g in stable_here:
        assert all(abs(i - j) <= 2 for i, j in g.edges)  # a link across three or more costs more than it brings
    payoff = lambda g: [sum(F(1, 2) ** d for j, d in nx.single_source_shortest_path_length(g, i).items() if j != i)  # noqa: E731
                        - sum(F(1, 10) + F(3, 10) * abs(i - j) for j in g.neighbors(i)) for i in range(5)]
    stable, efficient, _ = brute_force(5, payoff)
    assert keys(pairwise_stable_networks(game)) == stable
    assert keys(efficient_networks(game)) == efficient


def test_pairwise_nash_and_strong_stability_against_definitions():
    import itertools

    from tests.networks.oracle import all_graphs

    for delta, cost in [(F(1, 2), F(2, 5)), (F(1, 2), F(1, 5)), (F(3, 4), F(7, 10))]:
        n = 4
        payoff = lambda g, delta=delta, cost=cost: connections_payoffs(g, delta, cost)  # noqa: E731
        game = connections_model(n, delta, cost)
        pns = keys(pairwise_nash_stable_networks(game))
        expected = set()
        for g in all_graphs(n):
            if not oracle_stable(g, payoff):
                continue
            here = payoff(g)
            ok = True
            for i in range(n):
                own = list(g.edges(i))
                for r in range(2, len(own) + 1):
                    for cut in itertools.combinations(own, r):
                        h = g.copy()
                        h.remove_edges_from(cut)
                        ok &= payoff(h)[i] <= here[i]
            if ok:
                expected.add(key(g))
        assert pns == expected
        strong = strongly_stable_networks(game)
        assert keys(strong) <= pns  # strong stability implies pairwise Nash stability
        for g in strong:
            assert oracle_stable(g, payoff)


def test_strong_stability_by_definition_three_players():
    """Every coalition and every network reachable by it, written out (n = 3)."""
    import itertools

    from tests.networks.oracle import all_graphs

    n = 3
    for delta, cost in [(F(1, 2), F(1, 5)), (F(1, 2), F(2, 5)), (F(1, 2), F(3, 5)), (F(9, 10), F(1, 2))]:
        payoff = lambda g, delta=delta, cost=cost: connections_payoffs(g, delta, cost)  # noqa: E731
        graphs = list(all_graphs(n))
        expected = set()
        for g in graphs:
            blocked = False
            for r in range(1, n + 1):
                for S in itertools.combinations(range(n), r):
                    for h in graphs:
                        added = set(map(frozenset, h.edges)) - set(map(frozenset, g.edges))
                        cut = set(map(frozenset, g.edges)) - set(map(frozenset, h.edges))
                        if not all(e <= set(S) for e in added) or not all(e & set(S) for e in cut) or (not added and not cut):
                            continue
                        a, b = payoff(g), payoff(h)
                        if all(b[i] >= a[i] for i in S) and any(b[i] > a[i] for i in S):
                            blocked = True
            if not blocked:
                expected.add(key(g))
        assert keys(strongly_stable_networks(connections_model(n, delta, cost))) == expected


def test_price_of_anarchy_is_consistent():
    game = connections_model(5, F(1, 2), F(2, 5))
    poa = network_price_of_anarchy(game)
    stable = pairwise_stable_networks(game)
    assert poa.num_stable == len(stable)
    assert poa.worst_stable_value == min(g.graph["total"] for g in stable)
    assert poa.price_of_anarchy == poa.efficient_value / poa.worst_stable_value >= 1
    assert poa.to_dict()["is_exact"] is True


def test_efficient_among_given_networks():
    game = connections_model(9, F(1, 2), F(2, 5))
    best = efficient_networks(game, among=[nx.star_graph(8), nx.path_graph(9), nx.empty_graph(9)])
    assert not best.is_complete and len(best) == 1 and is_star(best[0])


def test_game_is_immutable_and_hashable():
    a, b = connections_model(3, F(1, 2), 1), connections_model(3, F(1, 2), 1)
    assert a == b and hash(a) == hash(b) and a != connections_model(3, F(1, 3), 1)
    with pytest.raises(AttributeError):
        a.foo = 1
    assert a.num_networks == 8 and a.pairs == ((0, 1), (0, 2), (1, 2)) and "connections" in repr(a)


def test_numpy_path_equals_compiled_path(monkeypatch):
    """Without numba the vectorised numpy kernels run: same tables, same stable sets."""
    import coopgame.networks.models as models_module
    import coopgame.networks.one_sided as one_sided_module
    import coopgame.networks.stability as stability_module
    from coopgame.networks import nash_networks, one_sided_model

    cases = [connections_model(5, F(1, 2), F(2, 5)), connections_model(5, 0.7, 0.3),
             connections_model(4, F(2, 3), [[0, 1, 2, 3]] * 4, benefit=[[1, F(1, 2), 2, 1]] * 4)]
    one_sided = [one_sided_model(4, F(1, 2)), one_sided_model(4, 0.4, delta=0.8, flow="one_way")]
    before = [(g.table(np.arange(g.num_networks)), keys(pairwise_stable_networks(g))) for g in cases]
    before_os = [{frozenset(g.edges) for g in nash_networks(o)} for o in one_sided]
    for module in (models_module, one_sided_module, stability_module):
        monkeypatch.setattr(module, "COMPILED", False)
    for g, ((table, exact), stable) in zip(cases, before):
        table2, exact2 = g.table(np.arange(g.num_networks))
        assert exact == exact2 and np.allclose(table, table2, rtol=0, atol=1e-12)  # float rounding order only
        assert keys(pairwise_stable_networks(g)) == stable
    for o, nash in zip(one_sided, before_os):
        assert {frozenset(g.edges) for g in nash_networks(o)} == nash


def test_import_coopgame_does_not_load_networkx():
    """networkx is imported when a network function first needs it (coopgame.networks._nx), not by ``import coopgame``."""
    import subprocess
    import sys

    code = "import coopgame, sys; print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False"]
    code = ("import sys, coopgame.networks as n; print('networkx' in sys.modules); "
            "n.pairwise_stable_networks(n.connections_model(3, 0.5, 0.1)); print('networkx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
