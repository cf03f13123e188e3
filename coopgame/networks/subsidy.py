"""The coordinator's question: the least subsidy that makes an efficient network pairwise stable.

A higher level (a province, the nation) pays regions for keeping links.
With a subsidy ``s_(i,l) >= 0`` paid to region ``i`` while link ``l`` of the
target network ``g`` stands, cutting ``l`` no longer pays ``i`` when
``u_i(g) + s_(i,l) >= u_i(g - l)``. The least total subsidy is the linear
programme

    minimise   sum of the subsidies
    subject to u_i(g) + s_(i,l) >= u_i(g - l)   for each link l of g and each end i of l,
               s >= 0,

and its variants: ``per="pair"`` lets the two ends of a link share one
subsidy ``s_l`` (side payments between partners: ``s_l >= d_i + d_j``);
``per="region"`` pays each region one amount for keeping all its links
(``s_i >= d_i(l)`` for each of its links). The constraints of each variant
separate (one link or one region per constraint block), so the optimum is
``max(0, ...)`` of the deficits, computed here exactly for exact payoffs.
Subsidies on existing links do not change the incentive to add a missing
link: when a missing link is one that both ends would add (one strictly),
no such subsidy makes ``g`` stable, and the result says which links block.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coopgame._checks import check_choice, public
from coopgame.networks.efficiency import efficient_networks
from coopgame.networks.game import NetworkGame, NetworkLike, tolerance, total
from coopgame.networks.stability import MAX_NETWORKS, check_game, improving_moves
from coopgame.results import ArrayResult

__all__ = ["link_subsidies", "LinkSubsidy"]


@dataclass(frozen=True, eq=False)
class LinkSubsidy(ArrayResult):
    """The least subsidies that make a network pairwise stable.

    Attributes
    ----------
    network : networkx.Graph
        The target network.
    per : str
        ``"link"``, ``"pair"`` or ``"region"``.
    amounts : dict
        ``per="link"``: ``{(i, j): (to i, to j)}`` for each link;
        ``per="pair"``: ``{(i, j): amount}``; ``per="region"``: ``{i: amount}``.
        Zero amounts included.
    total : number
        The coordinator's outlay per period (exact for exact payoffs).
    is_feasible : bool
        False when a missing link would be added (``blocking``), which no
        subsidy on existing links prevents.
    blocking : tuple of (player, player)
        The missing links both ends would add.
    is_exact : bool
    """

    network: Any
    per: str
    amounts: dict[Any, Any]
    total: Any
    is_feasible: bool
    blocking: tuple[tuple[Any, Any], ...]
    is_exact: bool

    def _fields_key(self) -> tuple[Any, ...]:
        # the network by its nodes and links (networkx graphs compare by identity); the other fields by value
        nodes = frozenset(self.network.nodes)
        links = frozenset(frozenset(e) for e in self.network.edges)
        return (nodes, links, *super()._fields_key()[1:])  # network is the first field

    @property
    def subsidised_links(self) -> list[tuple[Any, Any]]:
        """The links that receive a positive subsidy (per link or pair), or the links of subsidised regions."""
        if self.per == "region":
            return [e for e in self.network.edges if self.amounts[e[0]] > 0 or self.amounts[e[1]] > 0]
        return [link for link, a in self.amounts.items() if (sum(a) if isinstance(a, tuple) else a) > 0]


def _plus(x: Any, tol: float) -> Any:
    """max(0, x), with float noise below the tolerance read as 0."""
    if isinstance(x, Fraction):
        return max(Fraction(0), x)
    return float(x) if x > tol else 0.0


def _subsidies(game: NetworkGame, mask: int, per: str) -> tuple[dict[Any, Any], Any, bool]:
    here = game.payoffs(mask)
    labels = game.players
    deficits: dict[int, list[tuple[int, Any, Any]]] = {}  # link -> [(end, deficit)]
    values: list[Any] = list(here)
    for k, (i, j) in enumerate(game._pairs):
        if mask >> k & 1:
            there = game.payoffs(mask & ~(1 << k))
            values += list(there)
            deficits[k] = [(i, there[i] - here[i], None), (j, there[j] - here[j], None)]
    exact = all(isinstance(v, Fraction) for v in values)
    tol = tolerance(values, exact)
    amounts: dict[Any, Any] = {}
    if per == "region":
        need: dict[int, Any] = {i: (Fraction(0) if exact else 0.0) for i in range(game.num_players)}
        for parts in deficits.values():
            for i, d, _ in parts:
                need[i] = max(need[i], _plus(d, tol))
        amounts = {labels[i]: v for i, v in need.items()}
    else:
        for k, parts in deficits.items():
            i, j = game._pairs[k]
            if per == "link":
                amounts[(labels[i], labels[j])] = (_plus(parts[0][1], tol), _plus(parts[1][1], tol))
            else:
                amounts[(labels[i], labels[j])] = _plus(parts[0][1] + parts[1][1], tol)
    flat = [x for a in amounts.values() for x in (a if isinstance(a, tuple) else (a,))]
    return amounts, total(flat) if flat else (Fraction(0) if exact else 0.0), exact


@public
def link_subsidies(game: NetworkGame, network: NetworkLike | None = None, *, per: str = "link",
                   max_networks: int = MAX_NETWORKS) -> LinkSubsidy:
    """The least subsidies that make ``network`` (default: an efficient network) pairwise stable.

    Parameters
    ----------
    game : NetworkGame
    network : network, optional
        The target. By default the efficient network needing the least
        total subsidy (found by enumeration, within ``max_networks``).
    per : {"link", "pair", "region"}
        Pay each end of each link (``"link"``), each link with its ends free
        to share it (``"pair"``), or each region for keeping all its links
        (``"region"``).

    Returns
    -------
    LinkSubsidy

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, link_subsidies
    >>> game = connections_model(4, Fraction(1, 2), Fraction(5, 8))  # c > delta: the centre would cut its links
    >>> plan = link_subsidies(game)
    >>> plan.total, plan.is_feasible, sorted(d for _, d in plan.network.degree)
    (Fraction(3, 8), True, [1, 1, 1, 3])
    >>> link_subsidies(game, plan.network, per="region").total  # one payment to the centre for all three links
    Fraction(1, 8)
    """
    where = "link_subsidies"
    game = check_game(game, where)
    per = check_choice(per, "per", where, ("link", "pair", "region"))
    if network is None:
        candidates = [game.mask(g, where) for g in efficient_networks(game, max_networks=max_networks)]
        mask = min(candidates, key=lambda m: _subsidies(game, m, per)[1])
    else:
        mask = game.mask(network, where)
    amounts, outlay, exact = _subsidies(game, mask, per)
    labels = game.players
    blocking = tuple((labels[game._pairs[k][0]], labels[game._pairs[k][1]]) for k in improving_moves(game, mask)
                     if not mask >> k & 1)
    return LinkSubsidy(network=game.graph(mask, game.payoffs(mask)), per=per, amounts=amounts, total=outlay,
                       is_feasible=not blocking, blocking=blocking, is_exact=exact)
