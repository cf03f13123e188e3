"""One-sided link formation (Bala and Goyal 2000): each region decides alone which links it pays for.

Region ``i`` chooses the set of regions it links to and pays ``c`` for each
link it forms; a link needs no consent from the other end. In the
*two-way flow* model the benefits travel both ways along a link (``i``
gains ``delta ** d`` from every region at distance ``d`` in the undirected
network), in the *one-way flow* model only to the region that formed it
(``i`` gains from the regions it reaches along the links' directions). A
*Nash network* is a profile of link choices in which no region gains by
choosing another set of links; *strict* when every other choice loses.

Networks here are networkx DiGraphs: an arc ``i -> j`` is a link that ``i``
formed (and pays for).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import check_bool, check_choice, check_int, check_real, check_size, describe, public
from coopgame.errors import InvalidGameTypeError
from coopgame.networks._kernels import COMPILED, reach_payoffs
from coopgame.networks._nx import networkx
from coopgame.networks.game import CHUNK, MAX_PLAYERS, distances, link_ends, player_labels, tolerance
from coopgame.networks.models import _ConnectionsKernel, popcount, reach_benefits
from coopgame.results import Solutions

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

__all__ = ["OneSidedGame", "one_sided_model", "nash_networks"]

#: Default limit on the link profiles enumerated: 2**20 (all profiles of five regions).
MAX_PROFILES = 2**20


def _arc_index(n: int) -> dict[tuple[int, int], int]:
    """Bit of arc (i, j): row i's arcs are the contiguous bits i (n - 1) .. i (n - 1) + n - 2."""
    return {(i, j): i * (n - 1) + (j if j < i else j - 1) for i in range(n) for j in range(n) if i != j}


class OneSidedGame:
    """A one-sided link-formation game (Bala and Goyal 2000); build it with :func:`one_sided_model`.

    ``.value(network)`` gives each region's payoff for a networkx DiGraph of
    the links formed (arc ``i -> j``: ``i`` formed and pays for the link).
    """

    def __init__(self, n: int, cost: Any, delta: Any, flow: str, players: tuple[Hashable, ...]) -> None:
        self._n = n
        self._players = players
        self._index = {p: k for k, p in enumerate(players)}
        self._arcs = _arc_index(n)
        self._arc_list = sorted(self._arcs, key=self._arcs.__getitem__)
        self._flow = flow
        self._kernel = _ConnectionsKernel(n, delta, [[0 if i == j else cost for j in range(n)] for i in range(n)],
                                          [[0 if i == j else 1 for j in range(n)] for i in range(n)])

    @property
    def num_players(self) -> int:
        """Number of regions."""
        return self._n

    @property
    def players(self) -> tuple[Hashable, ...]:
        """Labels of the regions."""
        return self._players

    @property
    def flow(self) -> str:
        """``"two_way"`` or ``"one_way"``."""
        return self._flow

    @property
    def num_profiles(self) -> int:
        """Number of link profiles, ``2 ** (n (n - 1))`` (a Python int)."""
        return 1 << (self._n * (self._n - 1))

    def __repr__(self) -> str:
        return f"OneSidedGame(num_players={self._n}, flow={self._flow!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OneSidedGame):
            return NotImplemented
        return (self._players, self._flow, self._kernel.key()) == (other._players, other._flow, other._kernel.key())

    def __hash__(self) -> int:
        return hash((self._players, self._flow, self._kernel.key()))

    def mask(self, network: Any, where: str = "OneSidedGame") -> int:
        """Bitmask of a profile given as a networkx DiGraph or an iterable of arcs (former, partner)."""
        nx = networkx()
        out = 0
        for i, j in link_ends(network, nx.DiGraph, self._index, where, "arc"):
            out |= 1 << self._arcs[(i, j)]
        return out

    def graph(self, mask: int, payoffs: Sequence[Any] | None = None) -> nx.DiGraph:
        """The DiGraph of a profile mask."""
        nx = networkx()
        g = nx.DiGraph()
        g.add_nodes_from(self._players)
        g.add_edges_from((self._players[i], self._players[j]) for (i, j), k in self._arcs.items() if mask >> k & 1)
        if payoffs is not None:
            g.graph["payoffs"] = tuple(payoffs)
        return g

    def payoffs(self, mask: int) -> tuple[Any, ...]:
        """Each region's payoff in the profile ``mask``."""
        n, kern = self._n, self._kernel
        adj: list[list[int]] = [[] for _ in range(n)]
        formed = [0] * n
        for (i, j), k in self._arcs.items():
            if mask >> k & 1:
                formed[i] += 1
                adj[i].append(j)
                if self._flow == "two_way":
                    adj[j].append(i)
        zero: Any = Fraction(0) if kern.exact else 0.0
        out = []
        for i in range(n):
            u = zero
            for _, d in distances(adj, i).items():
                u += kern.delta ** d
            out.append(u - formed[i] * kern.cost[i][(i + 1) % n])
        return tuple(out)

    def value(self, network: Any) -> np.ndarray:
        """Each region's payoff for the profile ``network`` (read-only array; Fractions when exact).

        Examples
        --------
        >>> import networkx as nx
        >>> from coopgame.networks import one_sided_model
        >>> game = one_sided_model(3, cost=0.5)
        >>> game.value(nx.DiGraph([(0, 1), (0, 2)])).tolist()  # the centre sponsors both links
        [1.0, 2.0, 2.0]
        """
        values = self.payoffs(self.mask(network, "OneSidedGame.value"))
        exact = all(isinstance(v, Fraction) for v in values)
        out = np.array(values, dtype=object if exact else float)
        out.flags.writeable = False
        return out

    def table(self, masks: np.ndarray) -> tuple[np.ndarray, bool]:
        """Payoff table of many profiles (scaled integers when exact, as for NetworkGame.table)."""
        n = self._n
        B, C, exact = self._kernel._coefficients()
        dtype = np.int64 if exact else float
        cost = C[0][1] if n > 1 else 0
        if COMPILED:
            arcs = self._arc_list
            src = np.array([i for i, _ in arcs], dtype=np.int64)
            dst = np.array([j for _, j in arcs], dtype=np.int64)
            coef = np.array(B, dtype=dtype).reshape(n, n, n)
            paid = np.full(len(arcs), cost, dtype=dtype)
            return reach_payoffs(masks, src, dst, self._flow == "two_way", coef, paid, np.zeros_like(paid)), exact
        out = np.empty((masks.shape[0], n), dtype=dtype)
        for s in range(0, masks.shape[0], CHUNK):
            chunk = masks[s:s + CHUNK]
            nbr = np.zeros((chunk.shape[0], n), dtype=np.int64)
            for (i, j), k in self._arcs.items():
                bit = (chunk >> k) & 1
                nbr[:, i] |= bit << j
                if self._flow == "two_way":
                    nbr[:, j] |= bit << i
            u = reach_benefits(nbr, B, [True] * n, dtype)
            row = (1 << (n - 1)) - 1
            for i in range(n):
                u[:, i] -= popcount((chunk >> (i * (n - 1))) & row) * cost
            out[s:s + CHUNK] = u
        return out, exact


@public
def one_sided_model(n: int, cost: Any, *, delta: Any = 1, flow: str = "two_way",
                    players: Sequence[Hashable] | None = None) -> OneSidedGame:
    """Bala and Goyal's (2000) one-sided link formation: each region pays ``cost`` for each link it forms.

    Parameters
    ----------
    n : int
        Number of regions (at least 1).
    cost : real >= 0
        Cost of a link to the region that forms it.
    delta : real in (0, 1], default 1
        Decay: a region at distance ``d`` is worth ``delta ** d`` (1: no
        decay, each region reached is worth 1).
    flow : {"two_way", "one_way"}
        Whether benefits flow along a link both ways or only to its former.

    Examples
    --------
    >>> from coopgame.networks import nash_networks, one_sided_model
    >>> stars = nash_networks(one_sided_model(4, cost=0.5), strict=True)
    >>> [sorted(g.edges) for g in stars][:1], len(stars)  # the centre-sponsored stars
    ([[(0, 1), (0, 2), (0, 3)]], 4)
    """
    where = "one_sided_model"
    n = check_int(n, "n", where, minimum=1, maximum=MAX_PLAYERS)
    c = check_real(cost, "cost", where, minimum=0, exact=True)
    d = check_real(delta, "delta", where, minimum=0, maximum=1, open_min=True, exact=True)
    f = check_choice(flow, "flow", where, ("two_way", "one_way"))
    return OneSidedGame(n, c, d, f, player_labels(players, n, where))


@public
def nash_networks(game: OneSidedGame, *, strict: bool = False, max_profiles: int = MAX_PROFILES) -> Solutions[nx.DiGraph]:
    """Every Nash network (or strict Nash network) of one-sided link formation, by enumeration.

    A profile is Nash when no region gains by replacing its set of links by
    any other set (all ``2 ** (n - 1)`` of them are compared); strict when
    every other set gives it strictly less.

    Parameters
    ----------
    strict : bool, default False
        Keep only strict Nash networks.
    max_profiles : int, default 2**20
        Limit on the ``2 ** (n (n - 1))`` profiles enumerated (2**20: five regions).

    Returns
    -------
    Solutions of networkx.DiGraph
        Arc ``i -> j``: ``i`` formed the link. ``graph.graph["payoffs"]``
        holds the regions' payoffs.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import nash_networks, one_sided_model
    >>> wheels = nash_networks(one_sided_model(3, Fraction(1, 2), flow="one_way"), strict=True)
    >>> sorted(sorted(g.edges) for g in wheels)  # the two directed cycles: each region pays for one link
    [[(0, 1), (1, 2), (2, 0)], [(0, 2), (1, 0), (2, 1)]]
    >>> [g.number_of_edges() for g in nash_networks(one_sided_model(3, 2), strict=True)]  # links cost too much
    [0]
    """
    where = "nash_networks"
    if not isinstance(game, OneSidedGame):
        raise InvalidGameTypeError(f"{where}: expected a OneSidedGame (from one_sided_model), got {describe(game)}")
    strict = check_bool(strict, "strict", where)
    limit = check_int(max_profiles, "max_profiles", where, minimum=1)
    check_size(where, game.num_profiles, limit, what="a number of link profiles (2 ** (n (n - 1)))",
               limit_name="max_profiles", alternative="a check of given profiles with OneSidedGame.value")
    n = game.num_players
    masks = np.arange(game.num_profiles, dtype=np.int64)
    table, exact = game.table(masks)
    tol = tolerance(table.reshape(-1), exact)
    ok = np.ones(masks.shape[0], dtype=bool)
    row = (1 << (n - 1)) - 1
    for i in range(n):
        off = i * (n - 1)
        base = masks & ~np.int64(row << off)
        mine = (masks >> off) & row
        here = table[:, i]
        for s in range(1 << (n - 1)):
            there = table[base | np.int64(s << off), i]
            worse = there < here - tol if strict else there <= here + tol
            ok &= worse | (mine == s)
    found = np.flatnonzero(ok).tolist()
    items = [game.graph(m, game.payoffs(m)) for m in found]
    return Solutions(items, method="enumeration", is_exact=exact, is_complete=True,
                     note="strict Nash networks" if strict else "")
