"""Adjacent counties deciding which cooperation agreements to sign: a connections model on a map.

Counties sit on a grid (rows x columns of neighbouring jurisdictions). An
agreement (a link) between two counties brings each ``w * delta ** d`` from
every county it reaches at distance ``d`` through agreements, with weight
``w = 1 + river_bonus`` between counties on the same river (shared water
makes cooperation worth more) and 1 otherwise. A link costs each end
``base_cost`` between adjacent counties, plus ``distance_rate`` for every
further step on the map (coordination across distance costs more).

The source papers report that fewer than 30 % of the 107 counties of the
Qinba mountain area were in any cooperation agreement (Yuan, Wen and Zhang
2020); the model asks which agreements counties sign on their own
(pairwise stability) and which a coordinator should fund.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from coopgame._checks import check_int, check_real, describe, public
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.networks import NetworkGame, connections_model

__all__ = ["adjacent_counties"]


@public
def adjacent_counties(rows: int = 2, cols: int = 3, *, delta: Any = Fraction(1, 2), base_cost: Any = Fraction(3, 5),
                      distance_rate: Any = Fraction(1, 2), river: Sequence[int] | None = None,
                      river_bonus: Any = Fraction(1, 2)) -> NetworkGame:
    """Counties on a ``rows x cols`` map choosing cooperation agreements; link costs grow with distance.

    Parameters
    ----------
    rows, cols : int, default 2 and 3
        The map: county ``(r, c)`` neighbours ``(r +- 1, c)`` and ``(r, c +- 1)``.
        Counties are labelled ``(r, c)``.
    delta : real in (0, 1], default 1/2
        Value of a direct agreement; ``delta ** d`` through ``d`` agreements.
    base_cost : real >= 0, default 3/5
        Cost to each end of an agreement between adjacent counties.
    distance_rate : real >= 0, default 1/2
        Extra cost per map step beyond the first (Manhattan distance).
    river : sequence of int, optional
        The map rows the river runs along (default: row 0); counties on
        the river value each other ``1 + river_bonus``.
    river_bonus : real >= 0, default 1/2

    Returns
    -------
    NetworkGame
        A connections model (exact for the default rational values).

    Examples
    --------
    >>> from coopgame.models import adjacent_counties
    >>> from coopgame.networks import efficient_networks, pairwise_stable_networks
    >>> game = adjacent_counties()
    >>> game.players
    ((0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2))
    >>> [sorted(g.edges) for g in pairwise_stable_networks(game)][0]  # only the river counties cooperate
    [((0, 0), (0, 1)), ((0, 1), (0, 2))]
    >>> efficient_networks(game)[0].number_of_edges()  # while linking all six pays more in total
    5

    References
    ----------
    Jackson, M. O. and Wolinsky, A. (1996), *Journal of Economic Theory* 71:
    44-74 (the connections model); Yuan, Wen and Zhang (2020), *Strategic
    Study of CAE* 22(1): 50-55 (cooperation networks of the Qinba counties).
    """
    where = "adjacent_counties"
    r = check_int(rows, "rows", where, minimum=1, maximum=30)
    c = check_int(cols, "cols", where, minimum=1, maximum=30)
    if r * c > 1000:
        raise InvalidArgumentError(f"{where}: expected at most 1000 counties, got rows * cols = {r * c}")
    d = check_real(delta, "delta", where, minimum=0, maximum=1, open_min=True, exact=True)
    base = check_real(base_cost, "base_cost", where, minimum=0, exact=True)
    rate = check_real(distance_rate, "distance_rate", where, minimum=0, exact=True)
    bonus = check_real(river_bonus, "river_bonus", where, minimum=0, exact=True)
    if river is None:
        on_river = {0}
    else:
        if isinstance(river, (str, bytes)) or not hasattr(river, "__iter__"):
            raise InvalidArgumentTypeError(f"{where}: expected river as a sequence of row numbers, got {describe(river)}")
        on_river = {check_int(x, "river row", where, minimum=0, maximum=r - 1) for x in river}
    cells = [(i, j) for i in range(r) for j in range(c)]
    n = len(cells)
    cost = [[0 if a == b else base + rate * (abs(cells[a][0] - cells[b][0]) + abs(cells[a][1] - cells[b][1]) - 1)
             for b in range(n)] for a in range(n)]
    benefit = [[0 if a == b else (1 + bonus if cells[a][0] in on_river and cells[b][0] in on_river else 1)
                for b in range(n)] for a in range(n)]
    return connections_model(n, d, cost, benefit=benefit, players=cells)
