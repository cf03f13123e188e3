"""Equilibrium checks written directly from the definitions, independent of coopgame's solvers.

Shared by the tests of conditions and thresholds, so that each property is
checked against the same plain oracle.
"""

from __future__ import annotations

import numpy as np


def is_nash(g, idx, strict: bool = False) -> bool:
    """Every unilateral deviation from the pure profile ``idx`` loses (strictly when ``strict``)."""
    for p, a in enumerate(idx):
        u = g.payoffs[p]
        for alt in range(g.shape[p]):
            if alt == a:
                continue
            dev = list(idx)
            dev[p] = alt
            d = u[tuple(idx)] - u[tuple(dev)]
            if (d <= 0) if strict else (d < 0):
                return False
    return True


def best_reply_to_everything(g, p: int, a: int, strict: bool = False) -> bool:
    """Player ``p``'s action ``a`` pays at least (strictly more when ``strict``) than every other, everywhere."""
    u = np.asarray(g.payoffs[p], dtype=object)
    mine = np.take(u, a, axis=p)
    for alt in range(g.shape[p]):
        if alt != a:
            d = (mine - np.take(u, alt, axis=p)).reshape(-1)
            if not all((v > 0) if strict else (v >= 0) for v in d):
                return False
    return True
