"""The compiled kernels of games on networks: one update step, fixation runs and recorded runs.

Compiled with numba (a dependency),
with incremental payoff updates so one step costs ``O(degree)``; without
numba they run as plain Python on numpy's legacy global generator (slow,
same results for a given seed within that mode). The callers run them in
chunks (of runs or of steps) so that long work shows progress and can be
interrupted between chunks; a seed of -1 continues the random stream of the
previous chunk, so chunked and unchunked runs give the same results.
"""

from __future__ import annotations

import math

import numpy as np

try:  # pragma: no cover - numba is optional; the fallback keeps the module importable without it
    from numba import njit
except ImportError:  # pragma: no cover
    njit = None  # type: ignore[assignment]

__all__ = ["set_payoffs", "step", "fixation_runs", "evolve"]


def _set_payoffs(indptr, indices, A, s, P):  # pragma: no cover, no mutate block - compiled
    n = indptr.shape[0] - 1
    for i in range(n):
        acc = 0.0
        for e in range(indptr[i], indptr[i + 1]):
            acc += A[s[i], s[indices[e]]]
        P[i] = acc


def _fitness(P_i, deg_i, w, average):  # pragma: no cover, no mutate block - compiled
    p = P_i / deg_i if average else P_i
    return 1.0 - w + w * p


def _neighbour_fitness(indptr, indices, P, w, average, lo, hi):  # pragma: no cover, no mutate block - compiled
    """Total fitness of the neighbours ``indices[lo:hi]``."""
    total = 0.0
    for e in range(lo, hi):
        j = indices[e]
        total += _fitness(P[j], indptr[j + 1] - indptr[j], w, average)
    return total


def _roulette(indptr, indices, P, s, w, average, lo, hi, r, acc):  # pragma: no cover, no mutate block - compiled
    """The strategy of the neighbour whose fitness interval (after ``acc``) holds ``r``; the last one by default."""
    for e in range(lo, hi):
        j = indices[e]
        acc += _fitness(P[j], indptr[j + 1] - indptr[j], w, average)
        if r < acc:
            return s[j]
    return s[indices[hi - 1]]


def _step(indptr, indices, A, w, update, average, s, P, counts):  # pragma: no cover, no mutate block - compiled
    """One update; returns True when a node changed strategy."""
    n = indptr.shape[0] - 1
    i = np.random.randint(0, n)
    lo, hi = indptr[i], indptr[i + 1]
    deg = hi - lo
    old = s[i]
    if update == 0:  # death-birth
        total = _neighbour_fitness(indptr, indices, P, w, average, lo, hi)
        r = np.random.random() * total
        new = _roulette(indptr, indices, P, s, w, average, lo, hi, r, 0.0)
    elif update == 1:  # imitation (self included)
        own = _fitness(P[i], deg, w, average)
        total = own + _neighbour_fitness(indptr, indices, P, w, average, lo, hi)
        r = np.random.random() * total
        new = old if r < own else _roulette(indptr, indices, P, s, w, average, lo, hi, r, own)
    else:  # pairwise comparison with a random neighbour (Fermi)
        j = indices[lo + np.random.randint(0, deg)]
        pi = P[i] / deg if average else P[i]
        pj = P[j] / (indptr[j + 1] - indptr[j]) if average else P[j]
        x = -w * (pj - pi)
        prob = 0.0 if x > 700.0 else 1.0 / (1.0 + math.exp(x))  # exp overflows past 709 (not a tolerance)
        new = s[j] if np.random.random() < prob else old
    if new == old:
        return False
    acc = 0.0
    for e in range(lo, hi):
        j = indices[e]
        sj = s[j]
        P[j] += A[sj, new] - A[sj, old]
        acc += A[new, sj]
    P[i] = acc
    s[i] = new
    counts[old] -= 1
    counts[new] += 1
    return True


def _fixation_kernel(indptr, indices, A, w, update, average, mutant, resident, runs, max_steps,
                     seed):  # pragma: no cover, no mutate block - compiled
    if seed >= 0:
        np.random.seed(seed)
    n = indptr.shape[0] - 1
    m = A.shape[0]
    s = np.empty(n, dtype=np.int64)
    P = np.empty(n)
    counts = np.zeros(m, dtype=np.int64)
    fixed = 0
    unfinished = 0
    total_steps = 0
    for _ in range(runs):
        for i in range(n):
            s[i] = resident
        s[np.random.randint(0, n)] = mutant
        counts[:] = 0
        counts[resident] = n - 1
        counts[mutant] = 1
        _set_payoffs(indptr, indices, A, s, P)
        steps = 0
        while 0 < counts[mutant] < n and steps < max_steps:
            _step(indptr, indices, A, w, update, average, s, P, counts)
            steps += 1
        total_steps += steps
        if counts[mutant] == n:
            fixed += 1
        elif counts[mutant] > 0:
            unfinished += 1
    return fixed, unfinished, total_steps


def _evolve_kernel(indptr, indices, A, w, update, average, s, P, counts, record, k, start, stop, every, steps,
                   seed):  # pragma: no cover, no mutate block - compiled
    """Steps ``start + 1 .. stop`` of a run of ``steps``; records counts every ``every`` steps and at the last.

    Returns the next free row of ``record``.
    """
    if seed >= 0:
        np.random.seed(seed)
    for t in range(start + 1, stop + 1):
        _step(indptr, indices, A, w, update, average, s, P, counts)
        if t % every == 0 or t == steps:
            record[k, :] = counts
            k += 1
    return k


if njit is not None:  # pragma: no branch
    _set_payoffs = njit(cache=True)(_set_payoffs)
    _fitness = njit(cache=True)(_fitness)
    _neighbour_fitness = njit(cache=True)(_neighbour_fitness)
    _roulette = njit(cache=True)(_roulette)
    _step = njit(cache=True)(_step)
    _fixation_kernel = njit(cache=True)(_fixation_kernel)
    _evolve_kernel = njit(cache=True)(_evolve_kernel)

set_payoffs = _set_payoffs
step = _step
fixation_runs = _fixation_kernel
evolve = _evolve_kernel
