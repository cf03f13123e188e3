"""Payoff differences whose signs decide equilibrium and dominance: the raw material of symbolic conditions.

A pure profile is a Nash equilibrium when every player's payoff minus its
payoff after any unilateral deviation is non-negative; an action is dominant
when its payoff minus that of any other action is non-negative against every
profile of the others. Both the symbolic conditions
(:mod:`coopgame.equilibria.conditions`) and the numeric threshold scans
(:mod:`coopgame.equilibria._unique`) start from these lists.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from coopgame.games.symbolic import SymbolicGame

__all__ = ["nash_differences", "dominance_differences"]


def nash_differences(g: SymbolicGame, idx: tuple[int, ...]) -> list[Any]:
    """``u_p(idx) - u_p(deviation)`` for every player ``p`` and every other action of ``p``."""
    out = []
    for p, a in enumerate(idx):
        u = g.payoffs[p]
        for alt in range(g.shape[p]):
            if alt != a:
                dev = list(idx)
                dev[p] = alt
                out.append(u[idx] - u[tuple(dev)])
    return out


def dominance_differences(g: SymbolicGame, p: int, a: int) -> list[Any]:
    """``u_p(a, s) - u_p(b, s)`` for every other action ``b`` of ``p`` and every profile ``s`` of the others."""
    u = g.payoffs[p]
    others = [range(m) if q != p else [None] for q, m in enumerate(g.shape)]
    out = []
    for prof in product(*others):
        for alt in range(g.shape[p]):
            if alt != a:
                mine = tuple(a if q == p else s for q, s in enumerate(prof))
                dev = tuple(alt if q == p else s for q, s in enumerate(prof))
                out.append(u[mine] - u[dev])
    return out
