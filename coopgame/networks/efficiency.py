"""Efficient networks (the largest total value) and the price of anarchy of network formation.

The efficient networks maximise the sum of the players' payoffs
(Jackson and Wolinsky 1996). Comparing them with the pairwise-stable
networks measures what decentralised link formation loses: the price of
anarchy (efficient value over the worst stable value) and the price of
stability (over the best stable value).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import describe, public
from coopgame.errors import InvalidArgumentError
from coopgame.networks._nx import networkx
from coopgame.networks.game import NetworkGame, NetworkLike, tolerance, total
from coopgame.networks.stability import (
    MAX_NETWORKS,
    all_masks,
    check_game,
    graphs,
    pairwise_stable_networks,
)
from coopgame.results import Result, Solutions

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

__all__ = ["efficient_networks", "network_price_of_anarchy", "NetworkPriceOfAnarchy"]


@public
def efficient_networks(game: NetworkGame, *, among: Iterable[NetworkLike] | None = None,
                       max_networks: int = MAX_NETWORKS) -> Solutions[nx.Graph]:
    """The networks with the largest total value (sum of the players' payoffs).

    Parameters
    ----------
    game : NetworkGame
    among : list of networks, optional
        Compare only these networks (for games too large to enumerate); the
        result is then the best of them (``is_complete`` False).
    max_networks : int, default 2**21
        Largest number of labelled networks enumerated; above it the call
        is refused naming ``among=``.

    Returns
    -------
    Solutions of networkx.Graph
        Every efficient network, with ``graph.graph["payoffs"]`` and
        ``graph.graph["total"]``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, efficient_networks
    >>> half = Fraction(1, 2)
    >>> [g.number_of_edges() for g in efficient_networks(connections_model(4, half, Fraction(1, 5)))]
    [6]
    >>> len(efficient_networks(connections_model(4, half, Fraction(1, 2))))  # the four stars
    4
    >>> efficient_networks(connections_model(4, half, 2))[0].number_of_edges()
    0
    """
    nx = networkx()
    where = "efficient_networks"
    game = check_game(game, where)
    if among is not None:
        if isinstance(among, nx.Graph) or not isinstance(among, Iterable):
            raise InvalidArgumentError(f"{where}: expected among as a list of networks, got {describe(among)}")
        masks = sorted({game.mask(g, where) for g in among})
        if not masks:
            raise InvalidArgumentError(f"{where}: expected at least one network in among, got {describe(among)}")
        totals = [total(game.payoffs(m)) for m in masks]
        exact = all(isinstance(t, Fraction) for t in totals)
        best = max(totals)
        tol = tolerance(totals, exact)
        chosen = [m for m, t in zip(masks, totals) if t >= best - tol]
        return Solutions(graphs(game, chosen), method="comparison", is_exact=exact, is_complete=False,
                         note=f"the best of the {len(masks)} networks given")
    masks_all = all_masks(game, where, max_networks, "efficient_networks(game, among=[...]) to compare given networks")
    table, exact = game.table(masks_all)
    totals = table.sum(axis=1)
    tol = tolerance(totals, exact)
    best_masks = np.flatnonzero(totals >= totals.max() - tol)
    return Solutions(graphs(game, best_masks.tolist(), table), method="enumeration", is_exact=exact, is_complete=True)


@dataclass(frozen=True)
class NetworkPriceOfAnarchy(Result):
    """Efficient against pairwise-stable networks.

    Attributes
    ----------
    efficient_value : number
        Largest total value of any network.
    worst_stable_value, best_stable_value : number or None
        Smallest and largest total value of a pairwise-stable network (None
        when no network is pairwise stable).
    price_of_anarchy, price_of_stability : number or None
        ``efficient_value / worst_stable_value`` and ``efficient_value /
        best_stable_value`` when the denominator is positive, else None (a
        ratio of values is meaningless at or below zero; use the gaps).
    anarchy_gap, stability_gap : number or None
        ``efficient_value - worst_stable_value`` and ``efficient_value -
        best_stable_value``.
    num_stable : int
        Number of pairwise-stable labelled networks.
    is_exact : bool
    """

    efficient_value: Any
    worst_stable_value: Any
    best_stable_value: Any
    price_of_anarchy: Any
    price_of_stability: Any
    anarchy_gap: Any
    stability_gap: Any
    num_stable: int
    is_exact: bool


def _ratio(a: Any, b: Any) -> Any:
    if b is None or b <= 0:
        return None
    return a / b


@public
def network_price_of_anarchy(game: NetworkGame, *, max_networks: int = MAX_NETWORKS) -> NetworkPriceOfAnarchy:
    """The price of anarchy and of stability of pairwise-stable network formation.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, network_price_of_anarchy
    >>> poa = network_price_of_anarchy(connections_model(4, Fraction(1, 2), Fraction(2, 5)))
    >>> poa.num_stable, poa.efficient_value, poa.worst_stable_value  # 4 stars (efficient) and 12 lines are stable
    (16, Fraction(21, 10), Fraction(37, 20))
    >>> poa.price_of_anarchy, poa.price_of_stability
    (Fraction(42, 37), Fraction(1, 1))
    >>> network_price_of_anarchy(connections_model(4, Fraction(1, 2), Fraction(5, 8))).price_of_anarchy is None
    True
    """
    where = "network_price_of_anarchy"
    game = check_game(game, where)
    best = efficient_networks(game, max_networks=max_networks)
    stable = pairwise_stable_networks(game, max_networks=max_networks)
    eff = best[0].graph["total"]
    values = [g.graph["total"] for g in stable]
    worst = min(values) if values else None
    top = max(values) if values else None
    exact = best.is_exact and stable.is_exact
    return NetworkPriceOfAnarchy(
        efficient_value=eff, worst_stable_value=worst, best_stable_value=top,
        price_of_anarchy=_ratio(eff, worst), price_of_stability=_ratio(eff, top),
        anarchy_gap=None if worst is None else eff - worst, stability_gap=None if top is None else eff - top,
        num_stable=len(stable), is_exact=exact)
