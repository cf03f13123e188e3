"""Improving paths, closed cycles and stochastic stability (Jackson and Watts 2002) against independent oracles.

The stochastically stable networks are checked against the stationary
distribution of the perturbed Markov chain itself (a pair drawn uniformly;
it does what pays with probability 1 - epsilon, the opposite with
probability epsilon), solved directly for a small epsilon.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopgame.errors import InvalidArgumentError, InvalidGameTypeError, SolverLimitError
from coopgame.networks import (
    NetworkGame,
    closed_cycles,
    connections_model,
    improving_path,
    is_pairwise_stable,
    pairwise_stable_networks,
    stochastically_stable_networks,
)
from tests.networks.oracle import connections_payoffs, key

PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rotating(g):
    """Three regions, each preferring the link after it in the cycle 0 -> 1 -> 2 -> 0: no stable network."""
    u = [0, 0, 0]
    if g.number_of_edges() == 1:
        a, b = next(iter(g.edges))
        first = a if (a + 1) % 3 == b else b
        u[first], u[(first + 1) % 3] = 2, 1
    elif g.number_of_edges() == 2:
        centre = max(g.nodes, key=g.degree)
        u[centre] = u[(centre + 1) % 3] = 1
    return u


def perturbed_chain(n, payoff, eps):
    """Transition matrix of Jackson and Watts's perturbed process over edge sets, built from the definition."""
    pairs = list(itertools.combinations(range(n), 2))
    states = [frozenset(frozenset(p) for p in edges) for r in range(len(pairs) + 1)
              for edges in itertools.combinations(pairs, r)]
    index = {s: t for t, s in enumerate(states)}
    pay = {}
    for s in states:
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_edges_from(tuple(e) for e in s)
        pay[s] = payoff(g)
    P = np.zeros((len(states), len(states)))
    for s in states:
        for i, j in pairs:
            e = frozenset((i, j))
            t = s - {e} if e in s else s | {e}
            a, b = pay[s], pay[t]
            if e in s:
                pays = b[i] > a[i] or b[j] > a[j]
            else:
                pays = b[i] >= a[i] and b[j] >= a[j] and (b[i] > a[i] or b[j] > a[j])
            p_move = (1 - eps) if pays else eps
            P[index[s], index[t]] += p_move / len(pairs)
            P[index[s], index[s]] += (1 - p_move) / len(pairs)
    return states, P


def stationary(P):
    n = P.shape[0]
    A = np.vstack([P.T - np.eye(n), np.ones(n)])
    b = np.zeros(n + 1)
    b[-1] = 1
    return np.linalg.lstsq(A, b, rcond=None)[0]


@pytest.mark.parametrize("n, delta, cost", [(3, F(1, 2), F(1, 5)), (3, F(1, 2), F(2, 5)), (3, F(1, 2), F(3, 5)),
                                            (4, F(1, 2), F(2, 5)), (4, F(1, 2), F(3, 5)), (4, F(3, 4), F(4, 5))])
def test_stochastic_stability_matches_the_perturbed_chain(n, delta, cost):
    payoff = lambda g: connections_payoffs(g, delta, cost)  # noqa: E731
    result = stochastically_stable_networks(connections_model(n, delta, cost))
    states, P = perturbed_chain(n, payoff, 1e-6)  # potentials one apart differ in mass by a factor of ~1e-6
    pi = stationary(P)
    index = {s: t for t, s in enumerate(states)}
    mass = [sum(pi[index[key(g)]] for g in cls) for cls in result.classes]
    heavy = {c for c, m in enumerate(mass) if m > 1e-3}
    assert heavy == set(result.stochastically_stable)
    assert sum(mass[c] for c in heavy) > 0.99
    stable = {key(g) for g in pairwise_stable_networks(connections_model(n, delta, cost))}
    assert {key(cls[0]) for cls in result.classes if len(cls) == 1} == stable


def test_stochastic_stability_with_a_closed_cycle():
    game = NetworkGame(3, rotating)
    result = stochastically_stable_networks(game)
    assert len(result.classes) == 1 and len(result.classes[0]) == 6 and result.stochastically_stable == (0,)
    assert result.potentials == (0,)
    states, P = perturbed_chain(3, rotating, 1e-6)
    pi = stationary(P)
    assert sum(pi[states.index(key(g))] for g in result.classes[0]) > 0.99


def test_closed_cycle_by_definition():
    game = NetworkGame(3, rotating)
    assert len(pairwise_stable_networks(game)) == 0
    (cycle,) = closed_cycles(game)
    members = {key(g) for g in cycle}
    assert members == {key(nx.Graph(e)) for e in ([(0, 1)], [(1, 2)], [(0, 2)], [(0, 1), (1, 2)], [(1, 2), (0, 2)],
                                                  [(0, 2), (0, 1)])}
    path = improving_path(game, nx.empty_graph(3), seed=0, max_steps=50)
    assert path.ends == "cycle" and path.cycle_start is not None
    assert key(path.networks[-1]) == key(path.networks[path.cycle_start])
    assert {key(g) for g in path.networks[path.cycle_start:]} <= members
    assert len(closed_cycles(connections_model(4, F(1, 2), F(2, 5)))) == 0


@PROPERTY
@given(n=st.integers(2, 6), delta=st.fractions(F(1, 10), F(9, 10), max_denominator=10),
       cost=st.fractions(0, 2, max_denominator=10), seed=st.integers(0, 2**32 - 1))
def test_improving_path_moves_are_improving_and_end_stable(n, delta, cost, seed):
    game = connections_model(n, delta, cost)
    path = improving_path(game, nx.empty_graph(n), seed=seed)
    assert path.ends in ("stable", "cycle")
    if path.ends == "stable":
        assert is_pairwise_stable(game, path.networks[-1])
    for before, after, (i, j, how) in zip(path.networks, path.networks[1:], path.moves):
        a, b = connections_payoffs(before, delta, cost), connections_payoffs(after, delta, cost)
        assert (how == "cut") == before.has_edge(i, j) and after.has_edge(i, j) == (how == "add")
        if how == "cut":
            assert b[i] > a[i] or b[j] > a[j]
        else:
            assert b[i] >= a[i] and b[j] >= a[j] and (b[i] > a[i] or b[j] > a[j])
    assert improving_path(game, nx.empty_graph(n), seed=seed) == path  # seeded: reproducible


def test_max_steps_and_errors():
    game = connections_model(5, F(1, 2), F(1, 5))
    path = improving_path(game, nx.empty_graph(5), seed=0, max_steps=2)
    assert path.ends == "max_steps" and len(path.moves) == 2
    assert improving_path(game, nx.complete_graph(5)).ends == "stable"
    with pytest.raises(InvalidArgumentError, match="max_steps"):
        improving_path(game, [], max_steps=-1)
    with pytest.raises(InvalidArgumentError, match="seed"):
        improving_path(game, [], seed=-3)
    with pytest.raises(InvalidGameTypeError):
        closed_cycles("game")
    with pytest.raises(SolverLimitError, match="improving_path"):
        stochastically_stable_networks(connections_model(8, 0.5, 0.2))
    with pytest.raises(SolverLimitError, match="max_work"):
        stochastically_stable_networks(connections_model(4, 0.5, 0.2), max_work=10)
