"""Network formation over time: improving paths, closed cycles and stochastically stable networks.

Jackson and Watts (2002): at each date a pair of regions meets and adds its
link if both weakly gain (one strictly), or cuts it if one strictly gains.
A sequence of such myopic moves is an *improving path*. From every network
an improving path leads either to a pairwise-stable network or into a
*closed cycle* (a set of networks joined by improving paths that no improving
path leaves). With small errors (a pair does the opposite of what pays with
probability ``epsilon``), the networks played most of the time as
``epsilon -> 0`` are the *stochastically stable* ones: the recurrent classes
of least stochastic potential (Young 1993), where the resistance of a move
is 1 for a mistake and 0 for an improving move.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._checks import check_int, check_seed, check_size, public
from coopgame.networks._nx import networkx
from coopgame.networks.game import NetworkGame, NetworkLike, tolerance
from coopgame.networks.stability import (
    MAX_NETWORKS,
    all_masks,
    check_game,
    exactness,
    graphs,
    improving_link,
    improving_moves,
)
from coopgame.results import Result, Solutions

__all__ = ["improving_path", "ImprovingPath", "closed_cycles", "stochastically_stable_networks",
           "StochasticStability"]

#: Default limit on the work of the resistance computation: recurrent classes x networks x links.
MAX_WORK = 10**8


@dataclass(frozen=True, eq=False)
class ImprovingPath(Result):
    """A path of myopic link moves from a starting network.

    Attributes
    ----------
    networks : tuple of networkx.Graph
        The networks along the path, the start first.
    moves : tuple of (player, player, str)
        The link changed at each step and whether it was ``"add"`` or ``"cut"``.
    ends : str
        ``"stable"`` (the last network is pairwise stable), ``"cycle"`` (the
        path came back to a network it had visited: ``networks[cycle_start:]``
        is an improving cycle) or ``"max_steps"``.
    cycle_start : int or None
        Index of the first visit of the repeated network.
    """

    networks: tuple[Any, ...]
    moves: tuple[tuple[Any, Any, str], ...]
    ends: str
    cycle_start: int | None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ImprovingPath):
            return NotImplemented
        return (self.moves, self.ends, self.cycle_start) == (other.moves, other.ends, other.cycle_start) and all(
            set(a.edges) == set(b.edges) for a, b in zip(self.networks, other.networks))

    def __hash__(self) -> int:
        return hash((self.moves, self.ends, self.cycle_start))


@public
def improving_path(game: NetworkGame, start: NetworkLike, *, seed: Any = None, max_steps: int = 10_000) -> ImprovingPath:
    """Follow myopic link moves (Jackson and Watts 2002) from ``start`` until none pays or a network repeats.

    At each step one improving move is drawn at random (uniformly, with
    ``seed``): cutting a link that one end strictly gains from cutting, or
    adding a link both ends weakly gain from, one strictly.

    Examples
    --------
    >>> from fractions import Fraction
    >>> import networkx as nx
    >>> from coopgame.networks import connections_model, improving_path
    >>> path = improving_path(connections_model(4, Fraction(1, 2), Fraction(1, 5)), nx.empty_graph(4), seed=1)
    >>> path.ends, path.networks[-1].number_of_edges(), len(path.moves)
    ('stable', 6, 6)
    """
    where = "improving_path"
    game = check_game(game, where)
    rng = check_seed(seed, where)
    limit = check_int(max_steps, "max_steps", where, minimum=0)
    mask = game.mask(start, where)
    visited = {mask: 0}
    path = [mask]
    moves: list[tuple[Any, Any, str]] = []
    cache: dict[int, tuple[Any, ...]] = {}
    ends, cycle_start = "max_steps", None
    for _ in range(limit + 1):
        options = improving_moves(game, mask, cache)
        if not options:
            ends = "stable"
            break
        if len(moves) == limit:
            break
        k = options[int(rng.integers(len(options)))]
        i, j = game._pairs[k]
        moves.append((game._players[i], game._players[j], "cut" if mask >> k & 1 else "add"))
        mask ^= 1 << k
        path.append(mask)
        if mask in visited:
            ends, cycle_start = "cycle", visited[mask]
            break
        visited[mask] = len(path) - 1
    return ImprovingPath(networks=tuple(graphs(game, path)), moves=tuple(moves), ends=ends, cycle_start=cycle_start)


def _improving_graph(game: NetworkGame, where: str, max_networks: Any) -> tuple[np.ndarray, np.ndarray, bool]:
    """All networks and the (num_pairs, N) table of improving moves."""
    masks = all_masks(game, where, max_networks, "improving_path(game, start) from given networks")
    table, exact = game.table(masks)
    tol = tolerance(table.reshape(-1), exact)
    by_player = np.ascontiguousarray(table.T)
    moves = np.stack([improving_link(game, masks, by_player, tol, k) for k in range(len(game._pairs))])
    return masks, moves, exact


def _recurrent_classes(masks: np.ndarray, moves: np.ndarray) -> list[np.ndarray]:
    """Sink strongly connected components of the improving-path graph, in order of their smallest network."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components
    n_net = masks.shape[0]
    src, dst = [], []
    for k in range(moves.shape[0]):
        rows = np.flatnonzero(moves[k])
        src.append(rows)
        dst.append(rows ^ (1 << k))
    s, d = np.concatenate(src), np.concatenate(dst)
    graph = csr_matrix((np.ones(s.shape[0]), (s, d)), shape=(n_net, n_net))
    count, label = connected_components(graph, directed=True, connection="strong")
    leaves = np.ones(count, dtype=bool)
    leaves[np.unique(label[s[label[s] != label[d]]])] = False
    classes = [np.flatnonzero(label == c) for c in np.flatnonzero(leaves)]
    return sorted(classes, key=lambda c: int(c[0]))


@public
def closed_cycles(game: NetworkGame, *, max_networks: int = MAX_NETWORKS) -> Solutions[tuple[Any, ...]]:
    """Every closed cycle of improving paths (Jackson and Watts 2002), by enumeration.

    A closed cycle is a set of at least two networks, each reachable from
    every other by an improving path, that no improving path leaves. With
    the pairwise-stable networks they are where myopic link formation ends
    up; a game without pairwise-stable networks has at least one.

    Returns
    -------
    Solutions of tuple of networkx.Graph
        Each item is one closed cycle's networks.

    Examples
    --------
    >>> from coopgame.networks import NetworkGame, closed_cycles, pairwise_stable_networks
    >>> def value(g):  # three regions; each prefers the link "after" it in the cycle 0 -> 1 -> 2 -> 0
    ...     u = [0, 0, 0]
    ...     if g.number_of_edges() == 1:
    ...         a, b = next(iter(g.edges))
    ...         first = a if (a + 1) % 3 == b else b
    ...         u[first], u[(first + 1) % 3] = 2, 1
    ...     elif g.number_of_edges() == 2:
    ...         centre = max(g.nodes, key=g.degree)
    ...         u[centre] = u[(centre + 1) % 3] = 1
    ...     return u
    >>> game = NetworkGame(3, value)
    >>> len(pairwise_stable_networks(game)), [g.number_of_edges() for g in closed_cycles(game)[0]]
    (0, [1, 1, 2, 1, 2, 2])
    """
    where = "closed_cycles"
    game = check_game(game, where)
    masks, moves, exact = _improving_graph(game, where, max_networks)
    cycles = [c for c in _recurrent_classes(masks, moves) if c.shape[0] > 1]
    return Solutions([tuple(graphs(game, c.tolist())) for c in cycles], method="enumeration", is_exact=exact,
                     is_complete=True)


@dataclass(frozen=True, eq=False)
class StochasticStability(Result):
    """Recurrent classes of myopic link formation and which survive small errors.

    Attributes
    ----------
    classes : tuple of tuple of networkx.Graph
        The recurrent classes: pairwise-stable networks (one network each)
        and closed cycles.
    potentials : tuple of int
        Each class's stochastic potential: the least total resistance of a
        tree of paths from every other class into it.
    stochastically_stable : tuple of int
        Indices of the classes of least potential.
    resistance : numpy.ndarray
        ``resistance[a, b]``: the fewest mistakes that lead from class ``a``
        into the basin of class ``b``.
    is_exact : bool
    """

    classes: tuple[tuple[Any, ...], ...]
    potentials: tuple[int, ...]
    stochastically_stable: tuple[int, ...]
    resistance: np.ndarray
    is_exact: bool

    @property
    def networks(self) -> list[Any]:
        """The networks of the stochastically stable classes."""
        return [g for c in self.stochastically_stable for g in self.classes[c]]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StochasticStability):
            return NotImplemented
        return self.potentials == other.potentials and self.stochastically_stable == other.stochastically_stable \
            and np.array_equal(self.resistance, other.resistance)

    def __hash__(self) -> int:
        return hash((self.potentials, self.stochastically_stable))


@public
def stochastically_stable_networks(game: NetworkGame, *, max_networks: int = MAX_NETWORKS,
                                   max_work: int = MAX_WORK) -> StochasticStability:
    """The stochastically stable networks of myopic link formation with small errors (Jackson and Watts 2002).

    Computed exactly: the improving-path graph over all labelled networks
    gives the recurrent classes; shortest paths in which a mistaken link
    change costs 1 and an improving one 0 give the resistances between them;
    each class's stochastic potential is the weight of a minimum spanning
    arborescence into it (Edmonds), and the classes of least potential are
    stochastically stable (Young 1993).

    Parameters
    ----------
    max_networks : int, default 2**21
        Limit on the labelled networks enumerated.
    max_work : int, default 10**8
        Limit on recurrent classes x networks x links (one shortest-path
        search per class).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, stochastically_stable_networks
    >>> result = stochastically_stable_networks(connections_model(4, Fraction(1, 2), Fraction(2, 5)))
    >>> len(result.classes), sorted(sorted(d for _, d in g.degree) for g in result.networks)[0]
    (16, [1, 1, 1, 3])
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra
    nx = networkx()
    where = "stochastically_stable_networks"
    game = check_game(game, where)
    limit = check_int(max_work, "max_work", where, minimum=1)
    masks, moves, exact = _improving_graph(game, where, max_networks)
    classes = _recurrent_classes(masks, moves)
    n_net, m = masks.shape[0], moves.shape[0]
    check_size(where, len(classes) * n_net * max(m, 1), limit, what="work (recurrent classes x networks x links)",
               limit_name="max_work", alternative="improving_path(game, start) to follow the dynamics from given networks")
    eps = 1.0 / (n_net + 1)  # an improving move's length: any simple path of them is shorter than one mistake
    rows = np.repeat(np.arange(n_net), m)
    cols = (rows ^ np.tile(np.int64(1) << np.arange(m, dtype=np.int64), n_net)) if m else rows
    weight = np.where(moves.T.reshape(-1), eps, 1.0) if m else np.ones(0)
    graph = csr_matrix((weight, (rows, cols)), shape=(n_net, n_net))
    K = len(classes)
    resistance = np.zeros((K, K), dtype=np.int64)
    for a, members in enumerate(classes):
        dist = dijkstra(graph, directed=True, indices=members, min_only=True)
        for b, target in enumerate(classes):
            if a != b:
                resistance[a, b] = int(math.floor(float(dist[target].min()) + eps / 2))
    potentials = []
    for root in range(K):
        tree = nx.DiGraph()
        tree.add_nodes_from(range(K))
        # an in-tree into root of the class graph is an out-tree from root of the reversed graph
        tree.add_weighted_edges_from((b, a, int(resistance[a, b])) for a in range(K) for b in range(K)
                                     if a != b and a != root)
        if K == 1:
            potentials.append(0)
            continue
        arb = nx.minimum_spanning_arborescence(tree, attr="weight", preserve_attrs=True)
        potentials.append(int(sum(w for _, _, w in arb.edges(data="weight"))))
    least = min(potentials)
    resistance.flags.writeable = False
    return StochasticStability(
        classes=tuple(tuple(graphs(game, c.tolist())) for c in classes), potentials=tuple(potentials),
        stochastically_stable=tuple(i for i, p in enumerate(potentials) if p == least), resistance=resistance,
        is_exact=exact and exactness(game, [int(c[0]) for c in classes]))
