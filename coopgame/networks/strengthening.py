"""From weak to strong networks: repeated exchange raises what a link carries, until links last.

Cooperation between regions often starts weak: a first agreement carries
little, and each exchange along it builds trust, routines and shared data
(Yuan, Wen and Zhang 2020 describe Qinba's "weak to strong" networks). In
the connections model this is a rising ``delta``: after ``t`` exchanges
``delta_t = delta_max - (delta_max - delta_0) (1 - growth) ** t``, each
exchange closing a share ``growth`` of the gap.

In the symmetric connections model (Jackson and Wolinsky 1996) the star is
pairwise stable when ``delta - delta**2 <= c <= delta`` and the complete
network when ``c <= delta - delta**2``; :func:`weak_to_strong` finds the
first period at which each becomes stable by checking every link of the
networks (not from these formulas, which the tests use as the oracle).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coopgame._checks import check_int, check_real, public
from coopgame.errors import InvalidArgumentError
from coopgame.networks._nx import networkx
from coopgame.networks.models import connections_model
from coopgame.networks.stability import is_pairwise_stable
from coopgame.results import ArrayResult

__all__ = ["weak_to_strong", "LinkStrengthening"]

_ARCHITECTURES = ("empty", "star", "complete")


@dataclass(frozen=True, eq=False)
class LinkStrengthening(ArrayResult):
    """Which network architectures are pairwise stable as links strengthen.

    Attributes
    ----------
    deltas : tuple
        ``delta_t`` for ``t = 0 .. periods``.
    stable : dict
        ``{"empty" | "star" | "complete": tuple of bool per period}``.
    first_stable : dict
        The first period at which each architecture is pairwise stable (None if never).
    cost : number
    """

    deltas: tuple[Any, ...]
    stable: dict[str, tuple[bool, ...]]
    first_stable: dict[str, int | None]
    cost: Any


@public
def weak_to_strong(n: int, cost: Any, delta0: Any, *, growth: Any = Fraction(1, 10), delta_max: Any = 1,
                   periods: int = 30) -> LinkStrengthening:
    """Track the stability of the empty, star and complete networks as ``delta`` rises with exchanges.

    Parameters
    ----------
    n : int
        Number of regions, 2 to 12 (each period checks every link of the
        complete network).
    cost : real >= 0
        Cost of a link to each end.
    delta0 : real in (0, 1]
        Value of a direct link before any exchange.
    growth : real in (0, 1], default 1/10
        Share of the gap to ``delta_max`` that each exchange closes.
    delta_max : real in [delta0, 1], default 1
        What a fully trusted link carries.
    periods : int, default 30
        Number of exchanges followed.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import weak_to_strong
    >>> run = weak_to_strong(5, cost=Fraction(2, 5), delta0=Fraction(1, 5), growth=Fraction(1, 4), delta_max=Fraction(4, 5))
    >>> run.first_stable  # the star lasts once delta reaches the cost; the complete network needs c <= delta - delta**2
    {'empty': 0, 'star': 2, 'complete': None}
    >>> run.deltas[1], run.deltas[2]
    (Fraction(7, 20), Fraction(37, 80))
    """
    nx = networkx()
    where = "weak_to_strong"
    n = check_int(n, "n", where, minimum=2, maximum=12)
    c = check_real(cost, "cost", where, minimum=0, exact=True)
    d0 = check_real(delta0, "delta0", where, minimum=0, maximum=1, open_min=True, exact=True)
    g = check_real(growth, "growth", where, minimum=0, maximum=1, open_min=True, exact=True)
    top = check_real(delta_max, "delta_max", where, minimum=0, maximum=1, open_min=True, exact=True)
    if top < d0:
        raise InvalidArgumentError(f"{where}: expected delta_max >= delta0, got delta_max={top!r} < delta0={d0!r}")
    t_max = check_int(periods, "periods", where, minimum=0, maximum=10_000)
    networks = {"empty": nx.empty_graph(n), "star": nx.star_graph(n - 1), "complete": nx.complete_graph(n)}
    deltas = []
    stable: dict[str, list[bool]] = {name: [] for name in _ARCHITECTURES}
    for t in range(t_max + 1):
        delta = top - (top - d0) * (1 - g) ** t
        deltas.append(delta)
        game = connections_model(n, delta, c)
        for name in _ARCHITECTURES:
            stable[name].append(is_pairwise_stable(game, networks[name]))
    first = {name: next((t for t, ok in enumerate(stable[name]) if ok), None) for name in _ARCHITECTURES}
    return LinkStrengthening(deltas=tuple(deltas), stable={k: tuple(v) for k, v in stable.items()},
                             first_stable=first, cost=c)
