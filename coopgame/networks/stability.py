"""Which networks last: pairwise stability, pairwise Nash stability and strong stability.

* Pairwise stable (Jackson and Wolinsky 1996): no linked pair in which one
  end strictly gains by cutting the link, and no unlinked pair in which both
  weakly gain and one strictly gains by adding it.
* Pairwise Nash stable (Bloch and Jackson 2006): pairwise stable, and no
  player gains by cutting any set of its links at once.
* Strongly stable (Jackson and van den Nouweland 2005): no coalition ``S``
  can move to another network by adding links among its members and cutting
  links with at least one end in ``S`` so that every member weakly gains and
  one strictly gains.

Exact enumeration computes one payoff table over all ``2 ** (n (n - 1) / 2)``
labelled networks (vectorised over network bitmasks) and checks every link
of every network at once; it first checks that number against
``max_networks``. For more players, ``start=`` searches from given networks
along improving paths (Jackson and Watts 2002): a network is pairwise stable
exactly when no improving path leaves it, so the search finds every
pairwise-stable network reachable from the starting networks, and says so.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import check_bool, check_int, check_size, describe, public
from coopgame.errors import InvalidArgumentError, InvalidGameTypeError
from coopgame.networks._kernels import COMPILED, pairwise_stable_table
from coopgame.networks._nx import networkx
from coopgame.networks.game import NetworkGame, NetworkLike, tolerance
from coopgame.networks.isomorphism import isomorphism_classes
from coopgame.results import Solutions

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "pairwise_stable_networks",
    "pairwise_nash_stable_networks",
    "strongly_stable_networks",
    "is_pairwise_stable",
    "improving_moves",
]

#: Default limit on the number of labelled networks enumerated exactly: 2**21 (all networks on 7 players).
MAX_NETWORKS = 2**21

#: Default limit on the networks visited by a search from starting networks.
MAX_VISITS = 10**5

#: Default limit on the pairs of networks compared by the strong-stability check: 2**20 (5 players).
MAX_PAIRS = 2**20


def check_game(game: object, where: str) -> NetworkGame:
    """The game argument: a NetworkGame."""
    if not isinstance(game, NetworkGame):
        raise InvalidGameTypeError(f"{where}: expected a NetworkGame (e.g. connections_model(n, delta, cost)), "
                                   f"got {describe(game)}")
    return game


def all_masks(game: NetworkGame, where: str, max_networks: Any, alternative: str) -> np.ndarray:
    """Every network mask of the game, after the size check (in Python ints, before allocating)."""
    limit = check_int(max_networks, "max_networks", where, minimum=1)
    check_size(where, game.num_networks, limit, what="a number of labelled networks (2 ** (n (n - 1) / 2))",
               limit_name="max_networks", alternative=alternative)
    return np.arange(game.num_networks, dtype=np.int64)


def improving_link(game: NetworkGame, masks: np.ndarray, table: np.ndarray, tol: float, k: int) -> np.ndarray:
    """Boolean array: is toggling link ``k`` of each network an improving move?

    ``masks`` are all networks and ``table`` is the payoff table transposed
    (``table[i, m]``: player ``i``'s payoff in network ``m``, contiguous per
    player so that the look-ups of the toggled networks stay in cache). Cutting improves when one end strictly gains; adding when both
    weakly gain and one strictly gains (Jackson and Watts 2002).
    """
    i, j = game._pairs[k]
    other = masks ^ (1 << k)
    has = ((masks >> k) & 1).astype(bool)
    di = table[i][other] - table[i]
    dj = table[j][other] - table[j]
    cut = (di > tol) | (dj > tol)
    add = (di >= -tol) & (dj >= -tol) & ((di > tol) | (dj > tol))
    return np.where(has, cut, add)


def stable_in_table(game: NetworkGame, masks: np.ndarray, table: np.ndarray, tol: float) -> np.ndarray:
    """Boolean array: which of ``masks`` (all networks, ``table[m]`` the payoffs of network ``m``) are pairwise stable.

    Compiled when numba is installed; otherwise one vectorised pass per link.
    """
    if COMPILED:
        src = np.array([i for i, _ in game._pairs], dtype=np.int64)
        dst = np.array([j for _, j in game._pairs], dtype=np.int64)
        return pairwise_stable_table(table, src, dst, tol)
    by_player = np.ascontiguousarray(table.T)
    stable = np.ones(masks.shape[0], dtype=bool)
    for k in range(len(game._pairs)):
        stable &= ~improving_link(game, masks, by_player, tol, k)
    return stable


def improving_moves(game: NetworkGame, mask: int, cache: dict[int, tuple[Any, ...]] | None = None) -> list[int]:
    """The links (bit numbers) whose cutting or adding is an improving move from network ``mask``.

    Cutting ``ij`` improves when ``i`` or ``j`` strictly gains; adding it when
    both weakly gain and one strictly gains (Jackson and Watts 2002).
    ``cache`` (mask -> payoffs) saves recomputing networks met before.
    """
    memo: dict[int, tuple[Any, ...]] = {} if cache is None else cache

    def pay(m: int) -> tuple[Any, ...]:
        if m not in memo:
            memo[m] = game.payoffs(m)
        return memo[m]

    here = pay(mask)
    moves = []
    for k, (i, j) in enumerate(game._pairs):
        there = pay(mask ^ (1 << k))
        tol = tolerance((here[i], here[j], there[i], there[j]), _exact(here + there))
        di, dj = there[i] - here[i], there[j] - here[j]
        if mask >> k & 1:
            if di > tol or dj > tol:
                moves.append(k)
        elif di >= -tol and dj >= -tol and (di > tol or dj > tol):
            moves.append(k)
    return moves


def _exact(values: Iterable[Any]) -> bool:
    return all(not isinstance(v, float) for v in values)


def graphs(game: NetworkGame, masks: Iterable[int], table: np.ndarray | None = None) -> list[nx.Graph]:
    """networkx Graphs of the masks, each carrying its payoffs and total in ``graph.graph``.

    A float payoff ``table`` of all networks, when given, supplies the payoffs
    (an exact table is scaled, so exact payoffs are recomputed as Fractions).
    """
    if table is not None and table.dtype.kind == "f":
        return [game.graph(int(m), tuple(float(v) for v in table[int(m)])) for m in masks]
    return [game.graph(int(m), game.payoffs(int(m))) for m in masks]


def exactness(game: NetworkGame, masks: Iterable[int]) -> bool:
    """True when the payoffs of every listed network are exact."""
    return all(_exact(game.payoffs(int(m))) for m in masks)


@public
def is_pairwise_stable(game: NetworkGame, network: NetworkLike) -> bool:
    """Whether ``network`` is pairwise stable: checked link by link (each deletion, each addition).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, is_pairwise_stable
    >>> import networkx as nx  # type: ignore[import-untyped, unused-ignore]
    >>> game = connections_model(4, delta=Fraction(1, 2), cost=Fraction(1, 3))
    >>> is_pairwise_stable(game, nx.star_graph(3)), is_pairwise_stable(game, nx.complete_graph(4))
    (True, False)
    """
    game = check_game(game, "is_pairwise_stable")
    return not improving_moves(game, game.mask(network, "is_pairwise_stable"))


def _search(game: NetworkGame, start: Any, where: str, max_visits: Any) -> tuple[list[int], int, bool]:
    """Pairwise-stable networks reachable by improving paths from ``start``: (masks, visited, finished)."""
    limit = check_int(max_visits, "max_visits", where, minimum=1)
    starts = [game.mask(s, where) for s in start]
    if not starts:
        raise InvalidArgumentError(f"{where}: expected at least one starting network, got {describe(start)}")
    seen = set(starts)
    queue = deque(starts)
    found: list[int] = []
    cache: dict[int, tuple[Any, ...]] = {}
    while queue:
        if len(seen) > limit:
            return sorted(found), len(seen), False
        m = queue.popleft()
        moves = improving_moves(game, m, cache)
        if not moves:
            found.append(m)
        for k in moves:
            nxt = m ^ (1 << k)
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return sorted(found), len(seen), True


@public
def pairwise_stable_networks(game: NetworkGame, *, start: Iterable[NetworkLike] | None = None,
                             up_to_isomorphism: bool = False, max_networks: int = MAX_NETWORKS,
                             max_visits: int = MAX_VISITS) -> Solutions[nx.Graph]:
    """Every pairwise-stable network (Jackson and Wolinsky 1996) on the labelled players.

    A network is pairwise stable when no linked pair has an end that
    strictly gains by cutting the link, and no unlinked pair would both
    weakly gain, one strictly, by adding it.

    Parameters
    ----------
    game : NetworkGame
        E.g. :func:`connections_model`.
    start : list of networks, optional
        Search instead of enumerating: follow every improving path (Jackson
        and Watts 2002) from these networks and return the pairwise-stable
        networks they reach. For games too large to enumerate; the result is
        complete for what those paths reach (``is_complete`` is False and
        ``note`` says how many networks were visited).
    up_to_isomorphism : bool, default False
        Keep one network per isomorphism class (ignores player labels, so
        use it for games symmetric in the players).
    max_networks : int, default 2**21
        Largest number of labelled networks, ``2 ** (n (n - 1) / 2)``,
        enumerated (2**21: all networks on 7 players). Above it the call is
        refused with a :class:`~coopgame.errors.SolverLimitError` naming
        ``start=``.
    max_visits : int, default 10**5
        Largest number of networks the search from ``start`` visits; when
        reached the networks found so far are returned with a note.

    Returns
    -------
    Solutions of networkx.Graph
        Networks on the players, in the order of their bitmasks; each
        ``graph.graph["payoffs"]`` holds the players' payoffs and
        ``graph.graph["total"]`` their sum. ``is_exact`` is True when the
        payoffs are exact.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, pairwise_stable_networks
    >>> game = connections_model(4, delta=Fraction(1, 2), cost=Fraction(1, 5))
    >>> [g.number_of_edges() for g in pairwise_stable_networks(game)]  # c < delta - delta**2: complete only
    [6]
    >>> stable = pairwise_stable_networks(connections_model(4, delta=Fraction(1, 2), cost=Fraction(2, 5)),
    ...                                   up_to_isomorphism=True)
    >>> sorted(sorted(d for _, d in g.degree) for g in stable)  # the star and the line
    [[1, 1, 1, 3], [1, 1, 2, 2]]
    """
    nx = networkx()
    where = "pairwise_stable_networks"
    game = check_game(game, where)
    iso = check_bool(up_to_isomorphism, "up_to_isomorphism", where)
    if start is not None:
        if isinstance(start, nx.Graph) or not isinstance(start, Iterable):
            raise InvalidArgumentError(f"{where}: expected start as a list of networks, got {describe(start)}")
        start = list(start)
        masks, visited, finished = _search(game, start, where, max_visits)
        items = graphs(game, masks)
        how = (f"all {visited:,} reachable networks visited" if finished
               else f"search stopped at max_visits={max_visits:,}")
        note = (f"the pairwise-stable networks reachable by improving paths from the {len(start)} starting "
                f"network(s) ({how}); others may exist")
        return Solutions(isomorphism_classes(items) if iso else items, method="improving_path_search",
                         is_exact=exactness(game, masks), is_complete=False, note=note)
    all_ = all_masks(game, where, max_networks, "pairwise_stable_networks(game, start=[...]), a search from "
                     "given networks along improving paths")
    table, exact = game.table(all_)
    stable = np.flatnonzero(stable_in_table(game, all_, table, tolerance(table.reshape(-1), exact)))
    items = graphs(game, stable.tolist(), table)
    note = "one network per isomorphism class" if iso else ""
    return Solutions(isomorphism_classes(items) if iso else items, method="enumeration", is_exact=exact,
                     is_complete=True, note=note)


def _subsets(bits: list[int]) -> Iterable[int]:
    for s in range(1, 1 << len(bits)):
        yield sum(1 << bits[t] for t in range(len(bits)) if s >> t & 1)


@public
def pairwise_nash_stable_networks(game: NetworkGame, *, max_networks: int = MAX_NETWORKS) -> Solutions[nx.Graph]:
    """Pairwise-stable networks in which no player gains by cutting any set of its links at once.

    These are the pairwise-stable networks that are also Nash equilibria of
    the link-announcement game (Bloch and Jackson 2006). Same size limit as
    :func:`pairwise_stable_networks`.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, pairwise_nash_stable_networks
    >>> game = connections_model(3, delta=Fraction(1, 2), cost=Fraction(1, 5))
    >>> [g.number_of_edges() for g in pairwise_nash_stable_networks(game)]
    [3]
    """
    where = "pairwise_nash_stable_networks"
    game = check_game(game, where)
    stable = pairwise_stable_networks(game, max_networks=max_networks)
    out = []
    for g in stable:
        m = game.mask(g, where)
        here = game.payoffs(m)
        ok = True
        for i in range(game.num_players):
            own = [k for k, (a, b) in enumerate(game._pairs) if i in (a, b) and m >> k & 1]
            for cut in _subsets(own):
                there = game.payoffs(m & ~cut)
                if there[i] - here[i] > tolerance((there[i], here[i]), _exact((there[i], here[i]))):
                    ok = False
                    break
            if not ok:
                break
        if ok:
            out.append(g)
    return Solutions(out, method="enumeration", is_exact=stable.is_exact, is_complete=True)


@public
def strongly_stable_networks(game: NetworkGame, *, max_pairs: int = MAX_PAIRS) -> Solutions[nx.Graph]:
    """Strongly stable networks (Jackson and van den Nouweland 2005), by comparing every pair of networks.

    ``g`` is strongly stable when no coalition ``S`` can reach another
    network ``g'`` (adding only links between members of ``S``, cutting only
    links with an end in ``S``) in which every member weakly gains and one
    strictly gains. The check uses the largest candidate coalition, the
    players who weakly gain, which blocks whenever any coalition does.

    Parameters
    ----------
    max_pairs : int, default 2**20
        Largest number of pairs of networks compared, ``4 ** (n (n - 1) / 2)``
        (2**20: five players).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, strongly_stable_networks
    >>> game = connections_model(4, delta=Fraction(1, 2), cost=Fraction(1, 5))
    >>> [g.number_of_edges() for g in strongly_stable_networks(game)]
    [6]
    """
    where = "strongly_stable_networks"
    game = check_game(game, where)
    limit = check_int(max_pairs, "max_pairs", where, minimum=1)
    check_size(where, game.num_networks**2, limit, what="a number of pairs of networks compared",
               limit_name="max_pairs", alternative="pairwise_stable_networks (a weaker notion) on more players")
    masks = np.arange(game.num_networks, dtype=np.int64)
    table, exact = game.table(masks)
    tol = tolerance(table.reshape(-1), exact)
    n = game.num_players
    ends = [(1 << i) | (1 << j) for i, j in game._pairs]
    weights = np.int64(1) << np.arange(n, dtype=np.int64)
    out = []
    for g in range(game.num_networks):
        gain = table - table[g]
        weak = ((gain >= -tol) * weights).sum(axis=1)
        blocked = (gain > tol).any(axis=1)
        added = masks & ~g
        cut = g & ~masks
        for k, e in enumerate(ends):
            blocked &= (((added >> k) & 1) == 0) | ((weak & e) == e)
            blocked &= (((cut >> k) & 1) == 0) | ((weak & e) != 0)
        if not blocked.any():
            out.append(g)
    return Solutions(graphs(game, out), method="enumeration", is_exact=exact, is_complete=True)
