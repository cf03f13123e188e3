"""Network games: players are nodes, and a value function gives each player's payoff in every network.

A network on ``n`` players is a set of undirected links between them. Inside
the package a network is a bitmask over the ``n (n - 1) / 2`` pairs (pair
``(i, j)``, ``i < j``, in lexicographic order, is bit ``k``), so that whole
families of networks are tables of integers and a link is added or cut by an
exclusive or. At the edges of the public API networks are networkx graphs
whose nodes are the players' labels (``0 .. n - 1`` unless labels are given).

A :class:`NetworkGame` is immutable. Its payoffs are exact (Fractions) when
the model's parameters are rational numbers and its value function exact;
then every comparison the solvers make is exact too (the payoff tables are
integers, scaled by a common positive factor). Otherwise they are floats and
comparisons use the package's tolerance (:mod:`coopgame._numeric`).

References
----------
Jackson, M. O. and Wolinsky, A. (1996), "A strategic model of social and
economic networks", *Journal of Economic Theory* 71: 44-74. Jackson, M. O.
(2008), *Social and Economic Networks*, Princeton University Press, ch. 6.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from coopgame._checks import call_user, check_callable, check_int, describe, public
from coopgame._numeric import classify_scalar, scaled_tolerance, to_fraction
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.networks._nx import networkx

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

__all__ = ["NetworkGame", "NetworkLike"]

#: A network as the public functions take it: a networkx Graph on the players, or an iterable of links (pairs of players).
NetworkLike: TypeAlias = "nx.Graph | Iterable[tuple[Hashable, Hashable]]"

#: Rows of a payoff table computed at once (bounds the memory of vectorised kernels: 2**16 rows of n int64 payoffs).
CHUNK = 1 << 16

#: Largest number of players a network game may have (a network is then a bitmask of about 5 * 10**5 bits).
MAX_PLAYERS = 1000


def pair_list(n: int) -> tuple[tuple[int, int], ...]:
    """The pairs ``(i, j)``, ``i < j``, in the order of the bits of a network mask."""
    return tuple((i, j) for i in range(n) for j in range(i + 1, n))


def neighbours(mask: int, pairs: Sequence[tuple[int, int]], n: int) -> list[list[int]]:
    """Adjacency lists of the network ``mask``."""
    adj: list[list[int]] = [[] for _ in range(n)]
    k = 0
    while mask:
        if mask & 1:
            i, j = pairs[k]
            adj[i].append(j)
            adj[j].append(i)
        mask >>= 1
        k += 1
    return adj


def distances(adj: Sequence[Sequence[int]], source: int) -> dict[int, int]:
    """Breadth-first distances from ``source`` to every player it reaches (itself excluded)."""
    dist = {source: 0}
    frontier = [source]
    d = 0
    while frontier:
        d += 1
        nxt = []
        for u in frontier:
            for v in adj[u]:
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        frontier = nxt
    del dist[source]
    return dist


def neighbour_masks(masks: np.ndarray, pairs: Sequence[tuple[int, int]], n: int) -> np.ndarray:
    """For networks ``masks`` (int64), an (len, n) int64 array whose row i is the bitmask of i's neighbours."""
    nbr = np.zeros((masks.shape[0], n), dtype=np.int64)
    for k, (i, j) in enumerate(pairs):
        bit = (masks >> k) & 1
        nbr[:, i] |= bit << j
        nbr[:, j] |= bit << i
    return nbr


def chunked(function: Callable[[np.ndarray], np.ndarray], masks: np.ndarray, n: int, dtype: Any) -> np.ndarray:
    """Apply a vectorised kernel to ``masks`` in chunks of :data:`CHUNK` rows (bounded memory)."""
    out = np.empty((masks.shape[0], n), dtype=dtype)
    for s in range(0, masks.shape[0], CHUNK):
        out[s:s + CHUNK] = function(masks[s:s + CHUNK])
    return out


def player_labels(players: Any, n: int, where: str) -> tuple[Hashable, ...]:
    """The players' labels: ``0 .. n - 1`` for None, else ``n`` distinct hashable labels."""
    if players is None:
        return tuple(range(n))
    if isinstance(players, (str, bytes)) or not isinstance(players, Iterable):
        raise InvalidArgumentTypeError(f"{where}: expected players as a sequence of {n} labels, got {describe(players)}")
    labels = tuple(players)
    for label in labels:
        if not isinstance(label, Hashable) or label is None:
            raise InvalidArgumentTypeError(f"{where}: expected hashable player labels, got {describe(label)}")
    if len(labels) != n or len(set(labels)) != n:
        raise InvalidArgumentError(f"{where}: expected players as {n} distinct labels, got {describe(players)}")
    return labels


def link_ends(network: Any, graph_type: type, index: dict[Hashable, int], where: str,
              what: str) -> Iterator[tuple[int, int]]:
    """The player indices ``(i, j)`` of each link (or arc) of ``network``: a ``graph_type`` graph or pairs of labels."""
    nx = networkx()
    graph: Any = network
    if isinstance(network, graph_type):
        for node in graph.nodes:
            if node not in index:
                raise InvalidArgumentError(
                    f"{where}: expected a network whose nodes are among the players {describe(tuple(index))}, "
                    f"got node {describe(node)}")
        edges: Iterable[Any] = graph.edges
    elif isinstance(network, (str, bytes, numbers.Number, nx.Graph)) or not isinstance(network, Iterable):
        raise InvalidArgumentTypeError(f"{where}: expected a network as a networkx {graph_type.__name__} or an "
                                       f"iterable of {what}s, got {describe(network)}")
    else:
        edges = network
    for edge in edges:
        try:
            a, b = edge
            i, j = index[a], index[b]
        except (TypeError, ValueError, KeyError):
            raise InvalidArgumentError(f"{where}: expected each {what} as a pair of players among "
                                       f"{describe(tuple(index))}, got {describe(edge)}") from None
        if i == j:
            raise InvalidArgumentError(f"{where}: expected {what}s between two different players, got {describe(edge)}")
        yield i, j


def is_rational(value: Any) -> bool:
    """True for an int or Fraction (exact input), False for a float."""
    return classify_scalar(value) in ("int", "exact")


class _UserKernel:
    """Payoffs from a function the user passes: network (networkx Graph) -> one payoff per player."""

    def __init__(self, value: Callable[..., Any]) -> None:
        self.function = value
        self.exact = True  # until a float payoff is seen; the table says which it was
        self._cache: dict[int, tuple[Any, ...]] = {}

    def key(self) -> tuple[Any, ...]:
        return ("user", id(self.function))

    def payoffs(self, game: NetworkGame, mask: int) -> tuple[Any, ...]:
        if mask in self._cache:
            return self._cache[mask]
        where = "NetworkGame.value"
        out = call_user(self.function, game.graph(mask), where=where, what=_name(self.function))
        try:
            values = list(out) if not isinstance(out, (str, bytes, dict)) else None
        except TypeError:
            values = None
        if values is None or len(values) != game.num_players:
            raise InvalidArgumentError(
                f"{where}: expected the value function {_name(self.function)} to return {game.num_players} payoffs "
                f"(one per player), got {describe(out)}")
        result: list[Any] = []
        for v in values:
            kind = classify_scalar(v)
            if kind in ("int", "exact"):
                result.append(to_fraction(v))
            elif kind == "float":
                result.append(float(v))
            else:
                raise InvalidArgumentError(
                    f"{where}: expected the value function {_name(self.function)} to return finite real payoffs, "
                    f"got {describe(out)}")
        payoffs = tuple(result)
        self._cache[mask] = payoffs
        return payoffs

    def table(self, game: NetworkGame, masks: np.ndarray) -> tuple[np.ndarray, bool]:
        rows = [self.payoffs(game, int(m)) for m in masks]
        return exact_or_float_table(rows, game.num_players)


def _name(function: Any) -> str:
    return getattr(function, "__name__", None) or type(function).__name__


def exact_or_float_table(rows: Sequence[Sequence[Any]], n: int) -> tuple[np.ndarray, bool]:
    """A payoff table from rows of payoffs: scaled integers (exact) when every entry is rational and fits int64."""
    flat = [v for row in rows for v in row]
    if all(isinstance(v, (int, Fraction)) for v in flat):
        scale = 1
        for v in flat:
            scale = scale * Fraction(v).denominator // math.gcd(scale, Fraction(v).denominator)
        ints = [int(Fraction(v) * scale) for v in flat]
        if not ints or max(abs(v) for v in ints) < 2**62:
            return np.array(ints, dtype=np.int64).reshape(len(rows), n), True
    return np.array([float(v) for v in flat], dtype=float).reshape(len(rows), n), False


@public
class NetworkGame:
    """A network-formation game: players are nodes; a value function gives each player's payoff in each network.

    Parameters
    ----------
    num_players : int
        Number of players (regions), at least 1.
    value : callable
        ``value(network)`` with ``network`` a networkx Graph on the players
        (nodes are the labels) returning one payoff per player, in the order
        of ``players``. Integer and Fraction payoffs are kept exact. Whatever
        the function raises comes back as a
        :class:`~coopgame.errors.CallbackError`; a result of the wrong
        length or a non-finite payoff is an
        :class:`~coopgame.errors.InvalidArgumentError`.
    players : sequence of hashable, optional
        Labels of the players (the nodes of the networks); ``0 .. n - 1`` by
        default.
    name : str, optional
        A name shown by ``repr``.

    Examples
    --------
    >>> import networkx as nx  # type: ignore[import-untyped, unused-ignore]
    >>> from coopgame.networks import NetworkGame
    >>> game = NetworkGame(3, lambda g: [g.degree(i) for i in g.nodes])
    >>> game.value(nx.path_graph(3)).tolist()
    [Fraction(1, 1), Fraction(2, 1), Fraction(1, 1)]
    >>> game.value([(0, 2)]).tolist()
    [Fraction(1, 1), Fraction(0, 1), Fraction(1, 1)]
    """

    _n: int
    _players: tuple[Hashable, ...]
    _index: dict[Hashable, int]
    _pairs: tuple[tuple[int, int], ...]
    _pair_index: dict[tuple[int, int], int]
    _kernel: Any
    _name: str

    def __init__(self, num_players: int, value: Callable[[nx.Graph], Sequence[Any]], *,
                 players: Sequence[Hashable] | None = None, name: str = "network game") -> None:
        check_callable(value, "value", "NetworkGame")
        self._setup(num_players, players, _UserKernel(value), name, "NetworkGame")

    def _setup(self, num_players: Any, players: Sequence[Hashable] | None, kernel: Any, name: str, where: str) -> None:
        n = check_int(num_players, "num_players", where, minimum=1, maximum=MAX_PLAYERS)
        labels = player_labels(players, n, where)
        if not isinstance(name, str):
            raise InvalidArgumentTypeError(f"{where}: expected name as a string, got {describe(name)}")
        object.__setattr__(self, "_n", n)
        object.__setattr__(self, "_players", labels)
        object.__setattr__(self, "_index", {p: k for k, p in enumerate(labels)})
        object.__setattr__(self, "_pairs", pair_list(n))
        object.__setattr__(self, "_pair_index", {p: k for k, p in enumerate(pair_list(n))})
        object.__setattr__(self, "_kernel", kernel)
        object.__setattr__(self, "_name", name)

    @classmethod
    def _from_kernel(cls, num_players: int, kernel: Any, *, players: Sequence[Hashable] | None, name: str,
                     where: str) -> NetworkGame:
        game = cls.__new__(cls)
        game._setup(num_players, players, kernel, name, where)
        return game

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    # --- what it is -------------------------------------------------------
    @property
    def num_players(self) -> int:
        """Number of players."""
        return int(self._n)

    @property
    def players(self) -> tuple[Hashable, ...]:
        """The players' labels: the nodes of every network."""
        return tuple(self._players)

    @property
    def pairs(self) -> tuple[tuple[Hashable, Hashable], ...]:
        """The possible links, as pairs of labels, in the order the package numbers them."""
        return tuple((self._players[i], self._players[j]) for i, j in self._pairs)

    @property
    def num_networks(self) -> int:
        """Number of labelled networks on the players: ``2 ** (n (n - 1) / 2)`` (a Python int)."""
        return 1 << len(self._pairs)

    @property
    def name(self) -> str:
        """The game's name."""
        return str(self._name)

    def __repr__(self) -> str:
        return f"NetworkGame({self._name!r}, num_players={self._n})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NetworkGame):
            return NotImplemented
        return (self._n, self._players, self._kernel.key()) == (other._n, other._players, other._kernel.key())

    def __hash__(self) -> int:
        return hash((self._n, self._players, self._kernel.key()))

    # --- networks in and out ---------------------------------------------
    def mask(self, network: Any, where: str = "NetworkGame") -> int:
        """The bitmask of a network (networkx Graph on the players, or an iterable of links)."""
        nx = networkx()
        if isinstance(network, (nx.DiGraph, nx.MultiGraph)):
            raise InvalidArgumentTypeError(f"{where}: expected an undirected simple networkx Graph, got {describe(network)}")
        out = 0
        for i, j in link_ends(network, nx.Graph, self._index, where, "link"):
            out |= 1 << self._pair_index[(min(i, j), max(i, j))]
        return out

    def graph(self, mask: int, payoffs: Sequence[Any] | None = None) -> nx.Graph:
        """The networkx Graph of a network mask (all players as nodes); ``payoffs`` go into ``graph.graph``."""
        nx = networkx()
        g = nx.Graph()
        g.add_nodes_from(self._players)
        g.add_edges_from((self._players[self._pairs[k][0]], self._players[self._pairs[k][1]])
                         for k in range(len(self._pairs)) if mask >> k & 1)
        if payoffs is not None:
            g.graph["payoffs"] = tuple(payoffs)
            g.graph["total"] = sum(payoffs, Fraction(0)) if all(isinstance(v, (int, Fraction)) for v in payoffs) \
                else float(sum(float(v) for v in payoffs))
        return g

    # --- payoffs ----------------------------------------------------------
    def payoffs(self, mask: int) -> tuple[Any, ...]:
        """Each player's payoff in the network ``mask`` (Fractions when exact, else floats)."""
        return tuple(self._kernel.payoffs(self, mask))

    def table(self, masks: np.ndarray) -> tuple[np.ndarray, bool]:
        """Payoff table of many networks at once: ``(table, is_exact)``.

        An exact table holds integers: the payoffs times one positive factor
        common to the whole table (so comparisons within it are exact). A
        float table holds the payoffs.
        """
        return self._kernel.table(self, np.asarray(masks, dtype=np.int64))  # type: ignore[no-any-return, unused-ignore]

    def value(self, network: NetworkLike) -> np.ndarray:
        """Each player's payoff in ``network``: a read-only array (Fractions when exact).

        Examples
        --------
        >>> from coopgame.networks import connections_model
        >>> connections_model(3, delta=0.5, cost=0.2).value([(0, 1), (1, 2)]).round(3).tolist()
        [0.55, 0.6, 0.55]
        """
        values = self.payoffs(self.mask(network, "NetworkGame.value"))
        exact = all(isinstance(v, (int, Fraction)) for v in values)
        out = np.array(list(values), dtype=object if exact else float)
        out.flags.writeable = False
        return out

    def total_value(self, network: NetworkLike) -> Any:
        """The sum of the players' payoffs in ``network`` (a Fraction when exact)."""
        values = self.payoffs(self.mask(network, "NetworkGame.total_value"))
        return total(values)


def total(values: Sequence[Any]) -> Any:
    """Sum of payoffs: a Fraction when every payoff is exact, else a float."""
    if all(isinstance(v, (int, Fraction)) for v in values):
        return sum((Fraction(v) for v in values), Fraction(0))
    return float(sum(float(v) for v in values))


def tolerance(values: Iterable[Any], exact: bool) -> float:
    """Zero for exact comparisons; the package's tolerance at the scale of ``values`` otherwise."""
    if exact:
        return 0.0
    if isinstance(values, np.ndarray):
        scale = float(np.abs(values).max()) if values.size else 0.0
    else:
        scale = max((abs(float(v)) for v in values), default=0.0)
    return scaled_tolerance(scale)
