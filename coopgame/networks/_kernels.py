"""The compiled kernel of reach-based payoffs (connections and one-sided models) over many networks.

Compiled with numba (a dependency):
one breadth-first search on bitmasks per player and network, about a
hundred machine operations per network on seven players. Without numba the
models use the vectorised numpy search of :func:`coopgame.networks.models.reach_benefits`
(same results, a few times slower).
"""

from __future__ import annotations

from typing import Any

import numpy as np

try:  # pragma: no cover - numba is optional; the numpy path keeps the package working without it
    from numba import njit
except ImportError:  # pragma: no cover
    njit = None

__all__ = ["COMPILED", "reach_payoffs", "pairwise_stable_table"]


def _reach_payoffs(masks, src, dst, both, B, csrc, cdst, out):  # pragma: no cover, no mutate block - compiled
    """out[t, i] = sum of B[d, i, j] over j reached from i at distance d, minus the costs of i's links."""
    n = out.shape[1]
    m = src.shape[0]
    nbr = np.zeros(n, dtype=np.int64)
    for t in range(masks.shape[0]):
        mask = masks[t]
        for i in range(n):
            nbr[i] = 0
            out[t, i] = 0
        for k in range(m):
            if (mask >> k) & 1:
                a = src[k]
                b = dst[k]
                nbr[a] |= np.int64(1) << b
                if both:
                    nbr[b] |= np.int64(1) << a
                out[t, a] -= csrc[k]
                out[t, b] -= cdst[k]
        for i in range(n):
            reached = (np.int64(1) << i) | nbr[i]
            frontier = nbr[i]
            d = 1
            while frontier != 0:
                f = frontier
                nxt = np.int64(0)
                j = 0
                while f != 0:
                    if f & 1:
                        out[t, i] += B[d, i, j]
                        nxt |= nbr[j]
                    f >>= 1
                    j += 1
                nxt &= ~reached
                reached |= nxt
                frontier = nxt
                d += 1


def _pairwise_stable(table, src, dst, tol, out):  # pragma: no cover, no mutate block - compiled
    """out[t] = no link of network t is an improving move (Jackson-Wolinsky pairwise stability)."""
    for t in range(table.shape[0]):
        ok = True
        for k in range(src.shape[0]):
            o = t ^ (1 << k)
            i = src[k]
            j = dst[k]
            di = table[o, i] - table[t, i]
            dj = table[o, j] - table[t, j]
            if (t >> k) & 1:
                if di > tol or dj > tol:
                    ok = False
                    break
            elif di >= -tol and dj >= -tol and (di > tol or dj > tol):
                ok = False
                break
        out[t] = ok


COMPILED = njit is not None
_compiled: Any = njit(cache=True, nogil=True)(_reach_payoffs) if COMPILED else None
_compiled_stable: Any = njit(cache=True, nogil=True)(_pairwise_stable) if COMPILED else None


def pairwise_stable_table(table: np.ndarray, src: np.ndarray, dst: np.ndarray, tol: float) -> np.ndarray:
    """Which networks ``0 .. len(table) - 1`` are pairwise stable, link ``k`` joining ``src[k]`` and ``dst[k]``.

    ``table[t]`` holds the payoffs of network ``t`` (all networks present).
    Requires numba (:data:`COMPILED`).
    """
    out = np.zeros(table.shape[0], dtype=np.bool_)
    _compiled_stable(table, src, dst, table.dtype.type(tol) if table.dtype.kind == "f" else int(tol), out)
    return out


def reach_payoffs(masks: np.ndarray, src: np.ndarray, dst: np.ndarray, both: bool, B: np.ndarray,
                  csrc: np.ndarray, cdst: np.ndarray) -> np.ndarray:
    """Payoff table of networks ``masks``: bit ``k`` links ``src[k]`` to ``dst[k]`` (both ways when ``both``).

    ``B[d, i, j]`` is what ``i`` gains from ``j`` at distance ``d``; the end
    ``src[k]`` of link ``k`` pays ``csrc[k]``, the end ``dst[k]`` pays
    ``cdst[k]``. The dtype of ``B`` (int64 for scaled exact payoffs, or
    float64) is the table's. Requires numba (:data:`COMPILED`).
    """
    out = np.zeros((masks.shape[0], B.shape[1]), dtype=B.dtype)
    _compiled(masks, src, dst, both, B, csrc.astype(B.dtype), cdst.astype(B.dtype), out)
    return out
