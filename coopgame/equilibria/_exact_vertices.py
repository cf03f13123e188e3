"""Extreme equilibria of a small bimatrix game in exact rational arithmetic, by brute force.

Every vertex of the best-response polytope ``{x >= 0, B^T x <= 1}`` is the
unique solution of some set of tight constraints: ``x_i = 0`` off a support
``S`` and ``(B^T x)_j = 1`` on an equally large set ``J``. Solving all
``comb(m + n, m)`` such systems exactly, keeping the feasible solutions, and
pairing the completely labelled vertices of the two polytopes gives the
extreme equilibria with no rounding anywhere (von Stengel 2007, section 3.5).

It is the fallback of the floating-point solvers: they call it when their own
exact recomputation or verification fails (payoffs that differ by less than
the tolerance, tiny probabilities, extreme magnitudes), so such games are
still solved, exactly, as long as they are small.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations

import numpy as np

from coopgame._numeric import exact_solve
from coopgame.errors import SolverError

__all__ = ["exact_extreme_pairs", "MAX_EXACT_BASES"]

#: Largest number of candidate bases (``comb(m + n, m)``) the exact fallback will solve.
MAX_EXACT_BASES = 20_000


def _positive(M: np.ndarray) -> list[list[Fraction]]:
    """Exact positive matrix with the same best replies (shift so the minimum is 1)."""
    low = min(M.reshape(-1))
    return [[Fraction(v) - low + 1 for v in row] for row in M]


def _vertices(other: list[list[Fraction]]) -> list[tuple[tuple[Fraction, ...], frozenset[int]]]:
    """Non-zero vertices of ``{x >= 0, other^T x <= 1}`` with their labels (exact)."""
    m, n = len(other), len(other[0])
    found: dict[tuple[Fraction, ...], frozenset[int]] = {}
    for k in range(1, min(m, n) + 1):
        for S in combinations(range(m), k):
            for J in combinations(range(n), k):
                sol = exact_solve([[other[i][j] for i in S] for j in J], [Fraction(1)] * k)
                if sol is None or any(v < 0 for v in sol):
                    continue
                x = [Fraction(0)] * m
                for i, v in zip(S, sol):
                    x[i] = v
                values = [sum((x[i] * other[i][j] for i in S), Fraction(0)) for j in range(n)]
                if any(v > 1 for v in values):
                    continue
                key = tuple(x)
                if key not in found:
                    labels = {i for i in range(m) if x[i] == 0} | {m + j for j in range(n) if values[j] == 1}
                    found[key] = frozenset(labels)
    return list(found.items())


def exact_extreme_pairs(A: np.ndarray, B: np.ndarray, method: str) -> list[tuple[list[Fraction], list[Fraction]]]:
    """All extreme equilibria ``(x, y)`` of the game ``(A, B)`` as exact probability vectors.

    ``A`` and ``B`` hold exact numbers (Fractions, ints, or floats taken at
    their exact binary value).
    """
    m, n = A.shape
    bases = math.comb(m + n, m)
    if bases > MAX_EXACT_BASES:
        raise SolverError(
            f"{method}: floating-point trouble on a {m}x{n} game, and the exact fallback would solve {bases} "
            f"systems (limit {MAX_EXACT_BASES}); rescale the payoffs or use exact=True on a smaller game"
        )
    P = _vertices(_positive(B))                       # x: labels i (x_i = 0), m + j (j a best reply)
    Q = _vertices([list(r) for r in zip(*_positive(A))])  # y: labels m + j (y_j = 0), i (i a best reply)
    everything = frozenset(range(m + n))
    swap = {lab: (lab + m if lab < n else lab - n) for lab in range(m + n)}  # Q's own label order -> game labels
    pairs = []
    for x, lx in P:
        for y, ly in Q:
            if lx | frozenset(swap[lab] for lab in ly) == everything:
                sx, sy = sum(x), sum(y)
                pairs.append(([v / sx for v in x], [v / sy for v in y]))
    return pairs
