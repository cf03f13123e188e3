"""Vertices of a best-response polytope by lexicographic reverse search, with a time budget.

The polytope ``P = {x in R^m : x >= 0, C^T x <= 1}`` (``C`` the opponent's
normalised payoffs, m x n, entries in [1, 2]) is walked as in lrs (Avis and
Fukuda 1992, "A pivoting algorithm for convex hulls and vertex enumeration
of arrangements and polyhedra"; Avis 2000, "lrs: a revised implementation of
the reverse search vertex enumeration algorithm"): the simplex method with
Bland's rule and the lexicographic ratio test, minimising ``sum(x)``, leads
from every feasible basis to the origin, and reverse search visits the tree
of those simplex paths depth first, with no memory of visited bases. The
lexicographic ratio test perturbs the right-hand side symbolically, so a
degenerate polytope is walked as a simple one: every vertex is reached
(a degenerate vertex possibly through several bases; callers remove repeats).

Each visited vertex ``x`` with support ``S`` and best-reply set ``T`` is
handled at once (von Stengel 2007, section 3.5): when it is nondegenerate,
``|S| = |T|`` and the opponent's compatible points form the single point
``y_T = A[S, T]^{-1} 1`` (:func:`coopgame.equilibria._faces.face_one`), kept
when it is feasible. Degenerate vertices and ill-conditioned systems are
returned with their labels for matching against the other polytope.

The walk runs in a compiled kernel (numba) in chunks; between chunks the
driver updates a progress bar, re-estimates the time left and refuses
(:class:`~coopgame.errors.SolverLimitError`) when the estimate exceeds the
caller's budget. The number of vertices is estimated before the long work by
sampling: a vertex is a support ``S`` with an equally large set ``T`` of tight
constraints, so the share of uniformly random candidate pairs ``(S, T)``
that are vertices, times their number ``C(m + n, m)``, is an unbiased
estimate with binomial error. (Knuth's 1975 random-probe estimator of the
reverse-search tree, which lrs offers, was tried first: on random games its
mean over a thousand probes came out 5 to 30 times too low, the tree being
shallow with rare bushy subtrees.)
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from coopgame._checks import progress_bar
from coopgame.equilibria._faces import HAVE_NUMBA, face_one, njit
from coopgame.equilibria._linalg import MAX_CONDITION, PROBES
from coopgame.errors import SolverError, SolverLimitError

__all__ = ["walk_polytope", "vertex_bound", "HAVE_NUMBA"]

#: Nodes of the walk sampled before the driver first checks the time budget ...
FIRST_CHUNK = 20_000
#: ... or fewer, once this many seconds have passed (a walk run as plain Python).
SAMPLE_SECONDS = 0.25
#: Longest time spent sampling candidate bases to estimate the number of vertices, in seconds.
ESTIMATE_SECONDS = 0.5
#: Rows kept in each output buffer between drains.
BUFFER = 4096

_DONE, _PAUSED, _DEEP, _TROUBLE = 0, 1, 2, 3


def _lex_leave(T, n, m, nv, j, tol):  # pragma: no cover, no mutate block - compiled
    """Leaving row for entering column ``j`` by the lexicographic ratio test; -1 when none."""
    best = -1
    for r in range(n):
        d = T[r, j]
        if d <= tol:
            continue
        if best < 0:
            best = r
            continue
        db = T[best, j]
        # compare T[r, c] / d with T[best, c] / db without dividing (d, db > 0): divisions dominate the walk
        scale = tol * d * db
        diff = T[r, nv] * db - T[best, nv] * d
        if diff < -scale:
            best = r
            continue
        if diff > scale:
            continue
        for k in range(n):  # tie: compare the rows of the basis inverse (the symbolic perturbation)
            diff = T[r, m + k] * db - T[best, m + k] * d
            if diff < -scale:
                best = r
                break
            if diff > scale:
                break
    return best


def _is_child(T, z, basic, pos, nv, j, r, tol):  # pragma: no cover, no mutate block - compiled
    """True when the basis reached by pivoting ``j`` in at row ``r`` has this basis as its parent.

    The parent is the result of one Bland pivot: the smallest-index
    non-basic variable with negative reduced cost enters. In the neighbour
    the variable ``l`` that left must be that variable (the lexicographic
    ratio test then brings back ``j``: the polytope is walked as simple).
    """
    f = z[j] / T[r, j]
    leave = basic[r]
    for k in range(nv):
        if k == j:
            continue
        if k == leave:
            zk = -f
        elif pos[k] >= 0:
            continue
        else:
            zk = z[k] - f * T[r, k]
        if zk < -tol:
            return k == leave
    return False


def _pivot(T, z, basic, pos, n, nv, r, j):  # pragma: no cover, no mutate block - compiled
    d = 1.0 / T[r, j]
    for c in range(nv + 1):
        T[r, c] *= d
    T[r, j] = 1.0
    for i in range(n):
        if i != r:
            f = T[i, j]
            if f != 0.0:
                for c in range(nv + 1):
                    T[i, c] -= f * T[r, c]
                T[i, j] = 0.0
    f = z[j]
    if f != 0.0:
        for c in range(nv + 1):
            z[c] -= f * T[r, c]
        z[j] = 0.0
    leave = basic[r]
    pos[leave] = -1
    pos[j] = r
    basic[r] = j


def _copy_level(tab, z, basic, pos, src, dst):  # pragma: no cover, no mutate block - compiled
    tab[dst, :, :] = tab[src, :, :]
    z[dst, :] = z[src, :]
    basic[dst, :] = basic[src, :]
    pos[dst, :] = pos[src, :]


def _visit(T, pos, m, n, nv, A, mode, tol, probes, max_condition, W, xs, S, Tset,
           out_x, out_y, out_v, out_zero, out_br, counts):  # pragma: no cover, no mutate block - compiled
    """Handle the vertex of basis ``T``: a feasible pair, a labelled vertex, or nothing."""
    degenerate = False
    for r in range(n):
        if T[r, nv] <= tol:
            degenerate = True
            break
    if mode == 0 and not degenerate:
        kk = 0
        for i in range(m):
            if pos[i] >= 0:
                S[kk] = i
                kk += 1
        kt = 0
        for j in range(n):
            if pos[m + j] < 0:
                Tset[kt] = j
                kt += 1
        if kk == kt and kk > 0:
            p = counts[0]
            for c in range(out_y.shape[1]):
                out_y[p, c] = 0.0
            status = face_one(A, S, Tset, kk, probes, tol, max_condition, W, xs, out_y[p])
            if status == 1:
                return
            if status == 2:
                for i in range(m):
                    out_x[p, i] = T[pos[i], nv] if pos[i] >= 0 else 0.0
                counts[0] = p + 1
                return
    q = counts[1]
    nonzero = False
    for i in range(m):
        v = T[pos[i], nv] if pos[i] >= 0 else 0.0
        out_v[q, i] = v
        out_zero[q, i] = v <= tol
        if v > tol:
            nonzero = True
    if not nonzero:
        return
    for j in range(n):
        out_br[q, j] = pos[m + j] < 0 or T[pos[m + j], nv] <= tol
    counts[1] = q + 1


def _walk(tab, z, basic, pos, nxt, state, A, mode, tol, probes, max_condition, limit,
          out_x, out_y, out_v, out_zero, out_br, counts):  # pragma: no cover, no mutate block - compiled
    """Resume the reverse search from ``state = [depth, visited]`` for at most ``limit`` nodes."""
    n = tab.shape[1]
    nv = tab.shape[2] - 1
    m = nv - n
    K = max(m, n)
    W = np.empty((K, K + 3))
    xs = np.empty((K, 3))
    S = np.empty(K, dtype=np.int64)
    Tset = np.empty(K, dtype=np.int64)
    cap = tab.shape[0]
    cap_pairs = out_x.shape[0]
    cap_verts = out_v.shape[0]
    depth = state[0]
    done = 0
    while depth >= 0:
        if done >= limit or counts[0] >= cap_pairs or counts[1] >= cap_verts:
            state[0] = depth
            return _PAUSED
        T = tab[depth]
        descended = False
        while nxt[depth] < nv:
            j = nxt[depth]
            nxt[depth] = j + 1
            if pos[depth, j] >= 0:
                continue
            r = _lex_leave(T, n, m, nv, j, tol)
            if r < 0:
                state[0] = depth
                return _TROUBLE
            if _is_child(T, z[depth], basic[depth], pos[depth], nv, j, r, tol):
                if depth + 1 >= cap:
                    nxt[depth] = j
                    state[0] = depth
                    return _DEEP
                _copy_level(tab, z, basic, pos, depth, depth + 1)
                depth += 1
                _pivot(tab[depth], z[depth], basic[depth], pos[depth], n, nv, r, j)
                nxt[depth] = 0
                _visit(tab[depth], pos[depth], m, n, nv, A, mode, tol, probes, max_condition, W, xs, S, Tset,
                       out_x, out_y, out_v, out_zero, out_br, counts)
                state[1] += 1
                done += 1
                descended = True
                break
        if not descended:
            depth -= 1
    state[0] = depth
    return _DONE


def _sample_bases(M, cum, draws, seed, tol, probes, max_condition):  # pragma: no cover, no mutate block - compiled
    """How many of ``draws`` uniformly random candidate bases are vertices of ``{x >= 0, M x <= 1}``.

    ``M`` is (n, m); a candidate is a support ``S`` (k rows of x) and a set
    ``T`` of k tight constraints, k drawn with probability ``cum`` (the
    cumulative shares ``C(m, k) C(n, k) / C(m + n, m)``), so every candidate
    is equally likely.
    """
    n, m = M.shape
    np.random.seed(seed)
    K = min(m, n)
    rows = np.arange(n)
    cols = np.arange(m)
    W = np.empty((K, K + 3))
    xs = np.empty((K, 3))
    x = np.zeros(m)
    hits = 0
    for _ in range(draws):
        u = np.random.random()
        k = 1
        while k < K and cum[k] < u:
            k += 1
        for p in range(k):  # partial Fisher-Yates shuffles: the first k entries are a uniform k-subset
            q = p + np.random.randint(0, n - p)
            rows[p], rows[q] = rows[q], rows[p]
            q = p + np.random.randint(0, m - p)
            cols[p], cols[q] = cols[q], cols[p]
        for i in range(m):
            x[i] = 0.0
        if face_one(M, rows, cols, k, probes, tol, max_condition, W, xs, x) == 2:
            hits += 1
    return hits


if HAVE_NUMBA:  # pragma: no branch
    _lex_leave = njit(cache=True)(_lex_leave)
    _is_child = njit(cache=True)(_is_child)
    _pivot = njit(cache=True)(_pivot)
    _copy_level = njit(cache=True)(_copy_level)
    _visit = njit(cache=True)(_visit)
    _walk = njit(cache=True)(_walk)
    _sample_bases = njit(cache=True)(_sample_bases)


class _Walk:
    """The state of one reverse search, resumable chunk by chunk."""

    def __init__(self, other: np.ndarray, own: np.ndarray | None, tol: float):
        m, n = other.shape
        nv = m + n
        self.m, self.n = m, n
        depth_cap = 4 * nv + 8
        self.tab = np.zeros((depth_cap, n, nv + 1))
        self.tab[0, :, :m] = other.T
        self.tab[0, :, m:nv] = np.eye(n)
        self.tab[0, :, nv] = 1.0
        self.z = np.zeros((depth_cap, nv + 1))
        self.z[0, :m] = 1.0
        self.basic = np.zeros((depth_cap, n), dtype=np.int64)
        self.basic[0] = np.arange(m, nv)
        self.pos = np.full((depth_cap, nv), -1, dtype=np.int64)
        self.pos[0, m:] = np.arange(n)
        self.nxt = np.zeros(depth_cap, dtype=np.int64)
        self.state = np.zeros(2, dtype=np.int64)
        self.mode = 0 if own is not None else 1
        self.A = np.ascontiguousarray(own if own is not None else np.zeros((1, 1)), dtype=np.float64)
        self.tol = tol
        yn = own.shape[1] if own is not None else 1
        self.out_x = np.zeros((BUFFER, m))
        self.out_y = np.zeros((BUFFER, yn))
        self.out_v = np.zeros((BUFFER, m))
        self.out_zero = np.zeros((BUFFER, m), dtype=np.bool_)
        self.out_br = np.zeros((BUFFER, n), dtype=np.bool_)
        self.counts = np.zeros(2, dtype=np.int64)
        self.pairs: list[tuple[np.ndarray, np.ndarray]] = []
        self.verts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.finished = False

    @property
    def visited(self) -> int:
        return int(self.state[1])

    def _deepen(self) -> None:
        extra = self.tab.shape[0]
        self.tab = np.concatenate([self.tab, np.zeros_like(self.tab)])
        self.z = np.concatenate([self.z, np.zeros_like(self.z)])
        self.basic = np.concatenate([self.basic, np.zeros_like(self.basic)])
        self.pos = np.concatenate([self.pos, np.full_like(self.pos, -1)])
        self.nxt = np.concatenate([self.nxt, np.zeros(extra, dtype=np.int64)])

    def _drain(self) -> None:
        p, q = int(self.counts[0]), int(self.counts[1])
        if p:
            self.pairs.append((self.out_x[:p].copy(), self.out_y[:p].copy()))
        if q:
            self.verts.append((self.out_v[:q].copy(), self.out_zero[:q].copy(), self.out_br[:q].copy()))
        self.counts[:] = 0

    def run(self, limit: int) -> None:
        """Walk at most ``limit`` more nodes."""
        start = self.visited
        while not self.finished and self.visited - start < limit:
            if self.state[0] < 0:
                self.finished = True
                break
            status = _walk(self.tab, self.z, self.basic, self.pos, self.nxt, self.state, self.A, self.mode,
                           self.tol, PROBES, MAX_CONDITION, limit - (self.visited - start),
                           self.out_x, self.out_y, self.out_v, self.out_zero, self.out_br, self.counts)
            self._drain()
            if status == _DONE:
                self.finished = True
            elif status == _DEEP:
                self._deepen()
            elif status == _TROUBLE:
                raise SolverError("vertex_enumeration: no leaving variable in a pivot of the reverse search "
                                  "(numerical trouble)")

    def estimate(self, seconds: float) -> tuple[float, int]:
        """Estimated number of vertices: the share of random candidate bases that are vertices.

        Every vertex of the (nondegenerate) polytope is one support ``S`` with
        an equally large set of tight constraints ``T``; sampling such pairs
        uniformly among all ``C(m + n, m)`` and solving each gives an unbiased
        estimate with binomial error. Sampling stops after 100 hits or about
        ``seconds``; with fewer than 3 hits the estimate counts 3 (about the 95%
        upper confidence bound when none is found), so it errs high. Returns
        ``(estimate, hits)``.
        """
        m, n = self.m, self.n
        weights = np.array([math.comb(m, k) * math.comb(n, k) for k in range(min(m, n) + 1)], dtype=float)
        weights[0] = 0.0
        candidates = float(weights.sum())
        cum = np.cumsum(weights) / candidates
        M = np.ascontiguousarray(self.tab[0, :, :m])
        hits = draws = 0
        _sample_bases(M, cum, 0, 0, self.tol, PROBES, MAX_CONDITION)  # load the compiled kernel before timing
        start = time.perf_counter()
        batch = 20_000
        while hits < 100:
            hits += int(_sample_bases(M, cum, batch, 20261206 + draws, self.tol, PROBES, MAX_CONDITION))
            draws += batch
            if time.perf_counter() - start > seconds:
                break
        return candidates * max(hits, 3) / draws, hits

    def results(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        m, n, yn = self.m, self.n, self.out_y.shape[1]
        X = np.concatenate([p[0] for p in self.pairs]) if self.pairs else np.zeros((0, m))
        Y = np.concatenate([p[1] for p in self.pairs]) if self.pairs else np.zeros((0, yn))
        if not self.verts:
            return X, Y, np.zeros((0, m)), np.zeros((0, m), dtype=bool), np.zeros((0, n), dtype=bool)
        V = np.concatenate([v[0] for v in self.verts])
        Z = np.concatenate([v[1] for v in self.verts])
        B = np.concatenate([v[2] for v in self.verts])
        keys = np.packbits(np.concatenate([Z, B], axis=1), axis=1)  # a vertex is its set of tight constraints
        _, first = np.unique(keys, axis=0, return_index=True)
        first = np.sort(first)
        return X, Y, V[first], Z[first], B[first]


def vertex_bound(d: int, facets: int) -> int:
    """McMullen's (1970) upper bound on the vertices of a d-polytope with ``facets`` facets (Python ints).

    It bounds the bases the walk visits: those are the vertices of the
    symbolically perturbed polytope, which is simple with the same facets.
    """
    low, high = d // 2, d - d // 2
    return math.comb(facets - high, low) + math.comb(facets - low - 1, high - 1)


def _refuse(where: str, seconds: float, max_seconds: float, vertices: float, dimension: int, when: str) -> SolverLimitError:
    return SolverLimitError(
        f"{where}: expected an estimated running time of at most max_seconds={max_seconds:g} s, got about "
        f"{seconds:.3g} s ({when}: about {vertices:.3g} vertices of a {dimension}-dimensional best-response "
        "polytope); pass a larger max_seconds= to accept the work; or use "
        "mixed_equilibria(game, method='lemke_howson') to find one equilibrium")


def walk_polytope(other: np.ndarray, own: np.ndarray | None, tol: float, *, where: str, max_seconds: float,
                  progress: Any, started: float | None = None) -> tuple[np.ndarray, ...]:
    """All vertices of ``{x >= 0, other^T x <= 1}``, handled as described in the module docstring.

    ``own`` is the x-player's own normalised payoffs (m x n') when equilibrium
    partners are to be solved for each nondegenerate vertex, or None to return
    every non-zero vertex with its labels. Returns ``(X, Y, V, zero, br)``:
    equilibrium pairs found directly, and labelled vertices (the degenerate or
    ill-conditioned ones, or all of them when ``own`` is None), each vertex once.

    ``max_seconds`` bounds the whole call, counted from ``started``
    (``time.perf_counter()``; now when None). After a first sample
    (:data:`FIRST_CHUNK` nodes, or :data:`SAMPLE_SECONDS`) the time per node
    is known; when that time multiplied by the upper bound on the vertices
    (:func:`vertex_bound`) fits the budget, the walk goes on. Otherwise the number of vertices is estimated by
    sampling, and a SolverLimitError naming ``max_seconds`` and the estimate
    is raised when the extrapolated time exceeds the budget; again whenever a
    later re-estimate (after each chunk, with the measured time per node) does.
    """
    t0 = time.perf_counter() if started is None else started
    walk = _Walk(np.ascontiguousarray(other, dtype=np.float64), own, tol)
    walk.run(1)  # the first call loads the compiled kernel from numba's cache (or compiles it): not timed
    tic = time.perf_counter()
    chunk = 500
    while not walk.finished and walk.visited < FIRST_CHUNK and time.perf_counter() - tic < SAMPLE_SECONDS:
        walk.run(min(chunk, FIRST_CHUNK - walk.visited))  # growing chunks: a slow (uncompiled) walk stops early
        chunk *= 4
    if walk.finished:
        return walk.results()
    per_node = (time.perf_counter() - tic) / walk.visited
    m, n = other.shape
    bound = float(vertex_bound(m, m + n))
    total = bound
    how = "sampled"
    bar = progress_bar(progress, int(bound), where, unit="vertex")
    try:
        if (time.perf_counter() - t0) + per_node * bound > max_seconds or bar is not None:
            # the bound alone does not settle it (or a bar shows the time left): estimate the count
            sampled, hits = walk.estimate(ESTIMATE_SECONDS)
            total = min(bound, max(sampled, walk.visited + 1.0))
            if hits < 3:
                how = "an upper estimate (few sampled bases were vertices)"
            if bar is not None:
                bar.total = int(math.ceil(total))
                bar.update(walk.visited)
        projected = (time.perf_counter() - t0) + per_node * (total - walk.visited)
        if projected > max_seconds:
            raise _refuse(where, projected, max_seconds, total, m, f"estimated before the enumeration, {how}")
        chunk = max(500, int(SAMPLE_SECONDS / per_node))
        while not walk.finished:
            before, tic = walk.visited, time.perf_counter()
            walk.run(chunk)
            now = time.perf_counter()
            per_node = (now - tic) / max(1, walk.visited - before)
            chunk = max(500, int(SAMPLE_SECONDS / max(per_node, 1e-9)))  # a quarter second per chunk (1e-9: no 0 division)
            if walk.visited >= total and not walk.finished:  # the estimate was low: raise it
                total = 1.25 * walk.visited
                if bar is not None:
                    bar.total = int(total)
            if bar is not None:
                bar.update(walk.visited - bar.n)
            projected = (now - t0) + per_node * max(0.0, total - walk.visited)
            if not walk.finished and projected > max_seconds and total == bound:  # only the bound so far: estimate
                total = min(bound, max(walk.estimate(ESTIMATE_SECONDS)[0], 1.25 * walk.visited))
                how = "sampled"
                projected = (time.perf_counter() - t0) + per_node * max(0.0, total - walk.visited)
            if not walk.finished and projected > max_seconds:
                raise _refuse(where, projected, max_seconds, total, m,
                              f"re-estimated after {walk.visited:,} vertices, {how}")
        if bar is not None:
            bar.total = walk.visited
            bar.update(walk.visited - bar.n)
    finally:
        if bar is not None:
            bar.close()
    return walk.results()
