"""Three levels of government: counties link within and across provinces, a nation coordinates.

Counties are the players of a connections model. A link between two
counties of the same province costs each ``within_cost``; a link across
provinces costs ``across_cost``, unless the two provinces have signed a
provincial agreement (``province_links``), which brings the cost down to
``within_cost``: cooperation among lower-level units is easier where their
higher-level units cooperate (the nested structure of the source papers).
The national coordinator's instruments are then the questions of
:func:`coopgame.networks.link_subsidies` (which links to fund) and of which
provincial agreements to broker.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from coopgame._checks import check_int, check_real, describe, public
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.networks import NetworkGame, connections_model

__all__ = ["three_level"]


@public
def three_level(provinces: int = 2, counties: int = 3, *, delta: Any = Fraction(1, 2),
                within_cost: Any = Fraction(2, 5), across_cost: Any = Fraction(4, 5),
                province_links: Sequence[tuple[int, int]] = ()) -> NetworkGame:
    """Counties in provinces under a nation: cross-province links cost more unless the provinces are linked.

    Parameters
    ----------
    provinces : int, default 2
        Number of provinces.
    counties : int, default 3
        Counties per province; counties are labelled ``"P1-C1"``, ``"P1-C2"``, ...
    delta : real in (0, 1], default 1/2
    within_cost : real >= 0, default 2/5
        Cost to each end of a link inside a province (or across linked provinces).
    across_cost : real >= within_cost, default 4/5
        Cost to each end of a link between counties of unlinked provinces.
    province_links : sequence of (int, int)
        Pairs of provinces (numbered from 0) with a provincial agreement.

    Examples
    --------
    >>> from coopgame.models import three_level
    >>> from coopgame.networks import pairwise_stable_networks
    >>> apart = three_level()
    >>> linked = three_level(province_links=[(0, 1)])
    >>> def crossing(game):  # the most cross-province links in any pairwise-stable network
    ...     return max(sum(u[1] != v[1] for u, v in g.edges) for g in pairwise_stable_networks(game))
    >>> crossing(apart), crossing(linked)
    (1, 6)

    References
    ----------
    Jackson and Wolinsky (1996) for the connections model; Yuan, Wen and
    Zhang (2020), *Strategic Study of CAE* 22(1): 50-55, for the
    nation-province-county system of cross-regional governance.
    """
    where = "three_level"
    p = check_int(provinces, "provinces", where, minimum=1, maximum=100)
    k = check_int(counties, "counties", where, minimum=1, maximum=100)
    if p * k > 1000:
        raise InvalidArgumentError(f"{where}: expected at most 1000 counties, got {p} x {k}")
    d = check_real(delta, "delta", where, minimum=0, maximum=1, open_min=True, exact=True)
    inside = check_real(within_cost, "within_cost", where, minimum=0, exact=True)
    across = check_real(across_cost, "across_cost", where, minimum=0, exact=True)
    if across < inside:
        raise InvalidArgumentError(f"{where}: expected across_cost >= within_cost, got {across!r} < {inside!r}")
    if isinstance(province_links, (str, bytes)) or not hasattr(province_links, "__iter__"):
        raise InvalidArgumentTypeError(
            f"{where}: expected province_links as a sequence of pairs of provinces, got {describe(province_links)}")
    linked = set()
    for pair in province_links:
        try:
            a, b = pair
        except (TypeError, ValueError):
            raise InvalidArgumentError(f"{where}: expected each province link as a pair, got {describe(pair)}") from None
        a = check_int(a, "province", where, minimum=0, maximum=p - 1)
        b = check_int(b, "province", where, minimum=0, maximum=p - 1)
        linked |= {(a, b), (b, a)}
    home = [q for q in range(p) for _ in range(k)]
    n = p * k
    cost = [[0 if a == b else (inside if home[a] == home[b] or (home[a], home[b]) in linked else across)
             for b in range(n)] for a in range(n)]
    labels = [f"P{q + 1}-C{c + 1}" for q in range(p) for c in range(k)]
    return connections_model(n, d, cost, players=labels)
