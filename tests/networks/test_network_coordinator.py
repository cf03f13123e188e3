"""Allocation rules, link subsidies and weak-to-strong links, against definitions and scipy's HiGHS.

The least-subsidy closed form is checked against the linear programme
solved by scipy.optimize.linprog (HiGHS); the Myerson value against its
characterisation (fairness and component balance, Myerson 1977; Jackson and
Wolinsky 1996, Theorem 4); the weak-to-strong thresholds against the
Jackson-Wolinsky conditions for the star and the complete network.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from coopgame.errors import InvalidArgumentError, SolverLimitError
from coopgame.networks import (
    NetworkGame,
    allocation_game,
    connections_model,
    efficient_networks,
    egalitarian_allocation,
    is_pairwise_stable,
    link_subsidies,
    myerson_value,
    pairwise_stable_networks,
    weak_to_strong,
)
from tests.networks.oracle import all_graphs, connections_payoffs, key

PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
fractions = st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10)
costs = st.fractions(min_value=0, max_value=F(2), max_denominator=10)


@PROPERTY
@given(n=st.integers(2, 5), delta=fractions, cost=costs, data=st.data())
def test_myerson_value_is_fair_and_component_balanced(n, delta, cost, data):
    game = connections_model(n, delta, cost)
    edges = data.draw(st.sets(st.sampled_from(list(itertools.combinations(range(n), 2)))))
    g = nx.Graph(list(edges))
    g.add_nodes_from(range(n))
    y = myerson_value(game, g)
    for comp in nx.connected_components(g):
        assert sum(y[i] for i in comp) == sum(connections_payoffs(g, delta, cost)[i] for i in comp)
    for i, j in g.edges:
        h = g.copy()
        h.remove_edge(i, j)
        z = myerson_value(game, h)
        assert y[i] - z[i] == y[j] - z[j]  # each link is worth the same to its two ends


def test_egalitarian_rule_makes_every_efficient_network_stable():
    for delta, cost in [(F(1, 2), F(5, 8)), (F(1, 2), F(2, 5)), (F(2, 3), F(1, 10)), (F(1, 3), F(1, 2))]:
        game = connections_model(4, delta, cost)
        shared = allocation_game(game, "egalitarian")
        stable = {key(g) for g in pairwise_stable_networks(shared)}
        assert {key(g) for g in efficient_networks(game)} <= stable
        for g in all_graphs(4):
            total = sum(connections_payoffs(g, delta, cost))
            assert list(egalitarian_allocation(game, g, by_component=False)) == [total / 4] * 4
            comp_alloc = egalitarian_allocation(game, g)
            for comp in nx.connected_components(g):
                v = sum(connections_payoffs(g, delta, cost)[i] for i in comp)
                assert all(comp_alloc[i] == v / len(comp) for i in comp)


def test_allocation_game_myerson_matches_myerson_value():
    game = connections_model(4, F(1, 2), F(2, 5))
    mg = allocation_game(game, "myerson")
    for g in [nx.star_graph(3), nx.path_graph(4), nx.complete_graph(4), nx.empty_graph(4)]:
        assert list(mg.value(g)) == list(myerson_value(game, g))
    assert mg != allocation_game(game, "egalitarian") and mg == allocation_game(game, "myerson")


def _lp_subsidy(game, g, per):
    """The least subsidy as an LP solved by HiGHS (float)."""
    here = [float(v) for v in game.value(g)]
    links = list(g.edges)
    if per == "region":
        n = game.num_players
        A, b = [], []
        for i, j in links:
            h = g.copy()
            h.remove_edge(i, j)
            there = [float(v) for v in game.value(h)]
            for end in (i, j):
                row = [0.0] * n
                row[end] = -1.0
                A.append(row)
                b.append(here[end] - there[end])
        c = [1.0] * n
    else:
        A, b = [], []
        for t, (i, j) in enumerate(links):
            h = g.copy()
            h.remove_edge(i, j)
            there = [float(v) for v in game.value(h)]
            if per == "link":
                for s, end in enumerate((i, j)):
                    row = [0.0] * (2 * len(links))
                    row[2 * t + s] = -1.0
                    A.append(row)
                    b.append(here[end] - there[end])
            else:
                row = [0.0] * len(links)
                row[t] = -1.0
                A.append(row)
                b.append(here[i] - there[i] + here[j] - there[j])
        c = [1.0] * (2 * len(links) if per == "link" else len(links))
    if not A:
        return 0.0
    res = linprog(c, A_ub=A, b_ub=b, bounds=[(0, None)] * len(c), method="highs")
    assert res.status == 0
    return res.fun


@PROPERTY
@given(n=st.integers(2, 5), delta=fractions, cost=costs, per=st.sampled_from(["link", "pair", "region"]), data=st.data())
def test_least_subsidy_equals_the_lp_and_makes_the_network_stable(n, delta, cost, per, data):
    game = connections_model(n, delta, cost)
    edges = data.draw(st.sets(st.sampled_from(list(itertools.combinations(range(n), 2)))))
    g = nx.Graph(list(edges))
    g.add_nodes_from(range(n))
    plan = link_subsidies(game, g, per=per)
    assert plan.is_exact
    assert abs(float(plan.total) - _lp_subsidy(game, g, per)) <= 1e-7 * max(1, float(plan.total))  # HiGHS accuracy
    # with the subsidies paid, no link's end gains by cutting it; additions are what they were
    if per == "link":
        def subsidised(h):
            u = list(game.value(h))
            for (i, j), (si, sj) in plan.amounts.items():
                if h.has_edge(i, j):
                    u[i] += si
                    u[j] += sj
            return u
        blocked = not plan.is_feasible
        assert blocked == any(
            not g.has_edge(i, j) and _adds(subsidised, g, i, j) for i, j in itertools.combinations(range(n), 2))
        if plan.is_feasible:
            assert _stable_under(subsidised, g)


def _adds(payoff, g, i, j):
    h = g.copy()
    h.add_edge(i, j)
    a, b = payoff(g), payoff(h)
    return b[i] >= a[i] and b[j] >= a[j] and (b[i] > a[i] or b[j] > a[j])


def _stable_under(payoff, g):
    here = payoff(g)
    for i, j in g.edges:
        h = g.copy()
        h.remove_edge(i, j)
        there = payoff(h)
        if there[i] > here[i] or there[j] > here[j]:
            return False
    return all(not _adds(payoff, g, i, j) for i, j in itertools.combinations(sorted(g.nodes), 2) if not g.has_edge(i, j))


def test_default_target_is_the_cheapest_efficient_network():
    game = connections_model(4, F(1, 2), F(5, 8))
    plan = link_subsidies(game)
    assert any(key(plan.network) == key(e) for e in efficient_networks(game))
    assert plan.total == 3 * (F(5, 8) - F(1, 2))  # the centre's three links
    assert len(plan.subsidised_links) == 3 and plan.is_feasible
    assert link_subsidies(game, per="pair").total == F(0)  # a leaf gains 1 - 5/8 from its link: enough to pay the centre
    stable_already = link_subsidies(connections_model(4, F(1, 2), F(1, 5)))
    assert stable_already.total == 0 and stable_already.subsidised_links == []


def test_blocking_links_are_reported():
    game = connections_model(4, F(1, 2), F(1, 10))  # everyone wants every link: the star is not stable whatever is paid
    plan = link_subsidies(game, nx.star_graph(3))
    assert not plan.is_feasible and len(plan.blocking) == 3


def test_user_game_with_float_payoffs():
    game = NetworkGame(3, lambda g: [0.5 * g.degree(i) - 0.7 * g.degree(i) ** 2 / 2 for i in sorted(g.nodes)])
    plan = link_subsidies(game, nx.complete_graph(3))
    assert not plan.is_exact and plan.total == pytest.approx(6 * (0.7 * 1.5 - 0.5))


def test_weak_to_strong_thresholds_match_jackson_wolinsky():
    for n, cost, d0, growth, top in [(5, F(2, 5), F(1, 5), F(1, 4), F(4, 5)), (4, F(1, 5), F(1, 10), F(1, 5), F(1, 2)),
                                     (6, F(3, 20), F(1, 20), F(1, 10), F(9, 10))]:
        run = weak_to_strong(n, cost, d0, growth=growth, delta_max=top, periods=40)
        for t, delta in enumerate(run.deltas):
            assert run.stable["star"][t] == (delta - delta**2 <= cost <= delta)
            assert run.stable["complete"][t] == (cost <= delta - delta**2)
            assert run.stable["empty"][t] == (cost >= delta)
            assert is_pairwise_stable(connections_model(n, delta, cost), nx.star_graph(n - 1)) == run.stable["star"][t]
        assert all(a <= b for a, b in zip(run.deltas, run.deltas[1:]))


def test_errors():
    game = connections_model(3, F(1, 2), F(1, 5))
    with pytest.raises(InvalidArgumentError, match="did you mean 'myerson'"):
        allocation_game(game, "myersn")
    with pytest.raises(InvalidArgumentError, match="per"):
        link_subsidies(game, per="county")
    with pytest.raises(SolverLimitError, match="max_coalitions"):
        myerson_value(connections_model(20, 0.5, 0.1), [])
    with pytest.raises(SolverLimitError, match="max_networks"):
        link_subsidies(connections_model(8, 0.5, 0.1))
    with pytest.raises(SolverLimitError, match=r"max_work=4,194,304.*start=\[\.\.\.\]"):
        pairwise_stable_networks(allocation_game(connections_model(7, 0.5, 0.1)))  # 2**21 networks x 2**7 coalitions
    with pytest.raises(SolverLimitError, match="max_work"):
        efficient_networks(allocation_game(connections_model(5, 0.5, 0.1), max_work=1000))  # 2**10 x 2**5
    searched = pairwise_stable_networks(allocation_game(connections_model(7, 0.5, 0.1)), start=[[]], max_visits=5)
    assert not searched.is_complete and "max_visits=5" in searched.note  # the search runs where enumeration is refused
    assert link_subsidies(connections_model(8, 0.5, 0.4), nx.star_graph(7)).is_feasible
    with pytest.raises(InvalidArgumentError, match="delta_max >= delta0"):
        weak_to_strong(4, 0.3, 0.5, delta_max=0.4)
    with pytest.raises(InvalidArgumentError, match="growth"):
        weak_to_strong(4, 0.3, 0.5, growth=0)
    with pytest.raises(InvalidArgumentError, match="cost"):
        weak_to_strong(4, -0.3, 0.5)
    with pytest.raises(InvalidArgumentError, match="n"):
        weak_to_strong(1, 0.3, 0.5)
    with pytest.raises(InvalidArgumentError, match="<= 12"):
        weak_to_strong(10**9, 0.3, 0.5)
    assert np.isclose(float(egalitarian_allocation(connections_model(3, 0.5, 0.2), [(0, 1)])[0]), 0.3)


def test_subsidy_and_strengthening_results_compare_by_value():
    import dataclasses

    game = connections_model(4, F(1, 2), F(1, 5))
    first, again = link_subsidies(game, nx.star_graph(3)), link_subsidies(game, nx.star_graph(3))
    assert first == again and hash(first) == hash(again)  # the networks were compared by identity
    assert first == link_subsidies(game, nx.relabel_nodes(nx.star_graph(3), {0: 0, 1: 3, 2: 1, 3: 2}))
    assert first != link_subsidies(game, nx.path_graph(4))
    assert first != dataclasses.replace(first, total=first.total + 1)
    run, rerun = weak_to_strong(4, F(3, 10), F(1, 2)), weak_to_strong(4, F(3, 10), F(1, 2))
    assert run == rerun and hash(run) == hash(rerun)  # hash raised TypeError on the dict fields
    assert run != weak_to_strong(4, F(2, 10), F(1, 2))
