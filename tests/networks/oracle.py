"""An independent oracle for the network tests: brute force over labelled graphs with networkx only.

Written without any of coopgame.networks' code: payoffs by networkx's
shortest paths in Fractions, stability by adding and removing each link of
a networkx Graph.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import networkx as nx


def all_graphs(n):
    """Every labelled simple graph on nodes 0..n-1."""
    pairs = list(itertools.combinations(range(n), 2))
    for r in range(len(pairs) + 1):
        for edges in itertools.combinations(pairs, r):
            g = nx.Graph()
            g.add_nodes_from(range(n))
            g.add_edges_from(edges)
            yield g


def key(g):
    return frozenset(frozenset(e) for e in g.edges)


def connections_payoffs(g, delta, cost):
    """Payoff of each node in the symmetric connections model (exact for Fraction input)."""
    out = []
    for i in sorted(g.nodes):
        counts = {}
        for d in nx.single_source_shortest_path_length(g, i).values():
            counts[d] = counts.get(d, 0) + 1
        p, q, top = Fraction(delta).numerator, Fraction(delta).denominator, len(g)
        benefit = Fraction(sum(c * p**d * q ** (top - d) for d, c in counts.items() if d > 0), q**top)
        out.append(benefit - Fraction(cost) * g.degree(i))
    return out


def is_pairwise_stable(g, payoff):
    """Jackson-Wolinsky pairwise stability, link by link; ``payoff(graph)`` lists the nodes' payoffs."""
    here = payoff(g)
    for i, j in itertools.combinations(sorted(g.nodes), 2):
        h = g.copy()
        if g.has_edge(i, j):
            h.remove_edge(i, j)
            there = payoff(h)
            if there[i] > here[i] or there[j] > here[j]:
                return False
        else:
            h.add_edge(i, j)
            there = payoff(h)
            if there[i] >= here[i] and there[j] >= here[j] and (there[i] > here[i] or there[j] > here[j]):
                return False
    return True


def brute_force(n, payoff):
    """(set of pairwise-stable edge sets, set of efficient edge sets, best total) over all labelled graphs.

    Each graph's payoffs are computed once; a link's addition or deletion is
    looked up by its edge set (the same definition as :func:`is_pairwise_stable`).
    """
    pay = {key(g): payoff(g) for g in all_graphs(n)}
    stable = set()
    for k, here in pay.items():
        ok = True
        for i, j in itertools.combinations(range(n), 2):
            e = frozenset((i, j))
            there = pay[k - {e}] if e in k else pay[k | {e}]
            if e in k:
                ok = not (there[i] > here[i] or there[j] > here[j])
            else:
                ok = not (there[i] >= here[i] and there[j] >= here[j] and (there[i] > here[i] or there[j] > here[j]))
            if not ok:
                break
        if ok:
            stable.add(k)
    totals = {k: sum(v) for k, v in pay.items()}
    best = max(totals.values())
    efficient = {k for k, t in totals.items() if t == best}
    return stable, efficient, best


def is_star(g):
    """A star spanning all nodes (for two nodes: the single link)."""
    n = g.number_of_nodes()
    degrees = sorted(d for _, d in g.degree)
    return g.number_of_edges() == n - 1 and degrees[-1] == n - 1 and (n <= 2 or degrees[:-1] == [1] * (n - 1))
