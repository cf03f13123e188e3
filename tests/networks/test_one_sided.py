"""One-sided link formation (Bala and Goyal 2000): Nash networks against a brute force written with networkx.

Derived checks (from the definitions, by hand): with no decay and c < 1 the
centre-sponsored star is a strict Nash network of the two-way flow model, the
empty network is strict Nash iff c > 1; in the one-way flow model with
c < 1 the wheel (a directed cycle through every region) is strict Nash.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import networkx as nx
import pytest

from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, InvalidGameTypeError, SolverLimitError
from coopgame.networks import connections_model, nash_networks, one_sided_model


def oracle_payoffs(g, n, cost, delta, flow):
    h = g if flow == "one_way" else g.to_undirected()
    out = []
    for i in range(n):
        dist = nx.single_source_shortest_path_length(h, i)
        out.append(sum((F(delta) ** d for j, d in dist.items() if j != i), F(0)) - F(cost) * g.out_degree(i))
    return out


def oracle_nash(n, cost, delta, flow, strict):
    arcs = [(i, j) for i in range(n) for j in range(n) if i != j]
    profiles = {}
    for r in range(len(arcs) + 1):
        for chosen in itertools.combinations(arcs, r):
            g = nx.DiGraph(list(chosen))
            g.add_nodes_from(range(n))
            profiles[frozenset(chosen)] = oracle_payoffs(g, n, cost, delta, flow)
    found = set()
    for prof, pay in profiles.items():
        good = True
        for i in range(n):
            others = frozenset(a for a in prof if a[0] != i)
            mine = frozenset(a for a in prof if a[0] == i)
            own = [(i, j) for j in range(n) if j != i]
            for r in range(len(own) + 1):
                for alt in itertools.combinations(own, r):
                    if frozenset(alt) == mine:
                        continue
                    there = profiles[others | frozenset(alt)][i]
                    if there > pay[i] or (strict and there >= pay[i]):
                        good = False
        if good:
            found.add(prof)
    return found


@pytest.mark.parametrize("n, cost, delta, flow, strict", [
    (3, F(1, 2), 1, "two_way", False), (3, F(1, 2), 1, "two_way", True), (3, F(3, 2), 1, "two_way", False),
    (3, F(1, 2), 1, "one_way", True), (3, F(1, 2), F(1, 2), "two_way", False), (4, F(1, 2), 1, "two_way", True),
    (4, F(3, 2), 1, "two_way", False), (4, F(1, 2), 1, "one_way", True), (4, F(1, 3), F(2, 3), "one_way", False),
])
def test_nash_networks_match_brute_force(n, cost, delta, flow, strict):
    game = one_sided_model(n, cost, delta=delta, flow=flow)
    got = nash_networks(game, strict=strict)
    assert got.is_exact and got.is_complete
    assert {frozenset(g.edges) for g in got} == oracle_nash(n, cost, delta, flow, strict)
    for g in got:
        assert list(g.graph["payoffs"]) == oracle_payoffs(g, n, cost, delta, flow)


def test_derived_bala_goyal_architectures():
    for n in (3, 4, 5):
        star = nx.DiGraph([(0, j) for j in range(1, n)])
        strict = {frozenset(g.edges) for g in nash_networks(one_sided_model(n, F(1, 2)), strict=True)}
        assert frozenset(star.edges) in strict
        assert frozenset() not in strict
        high = {frozenset(g.edges) for g in nash_networks(one_sided_model(n, F(3, 2)), strict=True)}
        assert frozenset() in high
        wheel = nx.DiGraph([(i, (i + 1) % n) for i in range(n)])
        one_way = {frozenset(g.edges) for g in nash_networks(one_sided_model(n, F(1, 2), flow="one_way"), strict=True)}
        assert frozenset(wheel.edges) in one_way


def test_float_input_and_values():
    game = one_sided_model(4, 0.5, delta=0.9)
    exact = one_sided_model(4, F(1, 2), delta=F(9, 10))
    assert {frozenset(g.edges) for g in nash_networks(game)} == {frozenset(g.edges) for g in nash_networks(exact)}
    g = nx.DiGraph([(0, 1), (2, 1)])
    g.add_nodes_from(range(4))
    assert list(exact.value(g)) == oracle_payoffs(g, 4, F(1, 2), F(9, 10), "two_way")
    assert game.value([(0, 1)]).dtype == float and game == one_sided_model(4, 0.5, delta=0.9)


def test_errors():
    with pytest.raises(InvalidArgumentError, match="cost"):
        one_sided_model(3, -1)
    with pytest.raises(InvalidArgumentError, match="delta"):
        one_sided_model(3, 1, delta=0)
    with pytest.raises(InvalidArgumentError, match="did you mean 'one_way'"):
        one_sided_model(3, 1, flow="oneway")
    with pytest.raises(SolverLimitError, match="max_profiles"):
        nash_networks(one_sided_model(6, 1))
    with pytest.raises(InvalidGameTypeError, match="OneSidedGame"):
        nash_networks(connections_model(3, 0.5, 0.1))
    game = one_sided_model(3, 1)
    with pytest.raises(InvalidArgumentTypeError, match="DiGraph"):
        game.value(nx.Graph([(0, 1)]))
    with pytest.raises(InvalidArgumentError, match="different players"):
        game.value([(1, 1)])
    with pytest.raises(InvalidArgumentError, match="distinct labels"):
        one_sided_model(2, 1, players=["a", "a"])
