"""The opponent's point for each vertex of a best-response polytope (vertex enumeration's inner loop).

For a vertex ``x`` with support ``S`` and best-reply set ``T`` (``|S| = |T| = k``)
the opponent's compatible points form the face ``{y : y_j = 0 off T, (A y)_i = 1
on S}`` of its polytope; when ``A[S, T]`` is non-singular that face is the single
point ``y_T = A[S, T]^{-1} 1``, an equilibrium partner when it is feasible
(``y >= 0`` and ``A y <= 1``).

Thousands of such k x k systems are solved per game. A compiled kernel (numba,
cached on disk) does it when numba is installed; otherwise one batched numpy
call. Both estimate each system's condition number from the solutions of two
fixed random right-hand sides solved alongside (a system singular in exact
arithmetic gives a huge solution for a generic right-hand side) and report
ill-conditioned systems, whose vertices the caller treats as degenerate.
"""

from __future__ import annotations

import numpy as np

from coopgame.equilibria._linalg import MAX_CONDITION, PROBES, solve_stack

try:  # pragma: no cover - exercised in the environments that have numba
    from numba import njit
except ImportError:  # pragma: no cover
    njit = None

__all__ = ["solve_faces", "face_one", "HAVE_NUMBA", "njit"]

HAVE_NUMBA = njit is not None


def _solve_faces_numpy(A, S, T, k, tol):
    count, K = S.shape
    n = A.shape[1]
    inside = np.arange(K)[None, :] < k[:, None]
    block = A[S[:, :, None], T[:, None, :]]
    mats = np.where(inside[:, :, None] & inside[:, None, :], block, np.eye(K))
    sol, ok = solve_stack(mats, inside.astype(float), active=inside)
    y = np.zeros((count, n + 1))
    np.put_along_axis(y, np.where(inside, T, n), sol, axis=1)
    y = y[:, :n]
    feasible = ok & (y >= -tol).all(axis=1) & ((y @ A.T) <= 1 + tol).all(axis=1)
    return y, ok, feasible


def face_one(A, S, T, kk, probes, tol, max_condition, W, x, y):  # pragma: no cover, no mutate block - compiled when numba is installed
    """Solve one vertex's face system ``A[S[:kk], T[:kk]] y_T = 1`` into ``y`` (zero elsewhere on entry).

    ``W`` (K x K+3) and ``x`` (K x 3) are scratch space. Returns 0 when the
    system is singular or ill-conditioned (``y`` untouched), 1 when ``y`` is
    not a feasible partner, 2 when it is (``y >= 0`` and ``A y <= 1`` within ``tol``).
    """
    m = A.shape[0]
    anorm = 0.0
    pnorm = 0.0
    for r in range(kk):
        rs = 0.0
        for c in range(kk):
            a = A[S[r], T[c]]
            W[r, c] = a
            rs += abs(a)
        anorm = max(anorm, rs)
        W[r, kk] = 1.0
        W[r, kk + 1] = probes[r, 0]
        W[r, kk + 2] = probes[r, 1]
        pnorm = max(pnorm, abs(probes[r, 0]), abs(probes[r, 1]))
    for p in range(kk):
        piv = p
        best = abs(W[p, p])
        for r in range(p + 1, kk):
            if abs(W[r, p]) > best:
                best = abs(W[r, p])
                piv = r
        if best == 0.0:
            return 0
        if piv != p:
            for c in range(p, kk + 3):
                tmp = W[p, c]
                W[p, c] = W[piv, c]
                W[piv, c] = tmp
        for r in range(p + 1, kk):
            f = W[r, p] / W[p, p]
            if f != 0.0:
                for c in range(p, kk + 3):
                    W[r, c] -= f * W[p, c]
    inv_norm = 0.0
    for j in range(3):
        for p in range(kk - 1, -1, -1):
            s = W[p, kk + j]
            for c in range(p + 1, kk):
                s -= W[p, c] * x[c, j]
            x[p, j] = s / W[p, p]
            if j > 0:
                inv_norm = max(inv_norm, abs(x[p, j]))
    if inv_norm / pnorm * anorm >= max_condition:
        return 0
    good = True
    for p in range(kk):
        y[T[p]] = x[p, 0]
        if x[p, 0] < -tol:
            good = False
    if good:
        for i in range(m):
            s = 0.0
            for p in range(kk):
                s += A[i, T[p]] * x[p, 0]
            if s > 1.0 + tol:
                return 1
        return 2
    return 1


def _solve_faces_loop(A, S, T, k, probes, tol, max_condition, y, ok, feasible):  # pragma: no cover, no mutate block
    K = S.shape[1]
    W = np.empty((K, K + 3))
    x = np.empty((K, 3))
    for v in range(S.shape[0]):
        status = face_one(A, S[v], T[v], k[v], probes, tol, max_condition, W, x, y[v])
        ok[v] = status > 0
        feasible[v] = status == 2


if HAVE_NUMBA:  # pragma: no branch
    face_one = njit(cache=True)(face_one)
    _solve_faces_kernel = njit(cache=True)(_solve_faces_loop)


def solve_faces(A: np.ndarray, supp: np.ndarray, br: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve every vertex's face system.

    Parameters
    ----------
    A : (m, n) float array, the row player's normalised payoffs
    supp, br : (V, m) and (V, n) boolean arrays with equal row counts
    tol : feasibility tolerance

    Returns
    -------
    y : (V, n) candidate partner points
    ok : (V,) True where the system is well conditioned
    feasible : (V,) True where ``y`` is a feasible partner (implies ``ok``)
    """
    count = len(supp)
    n = A.shape[1]
    if count == 0:
        return np.zeros((0, n)), np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    k = supp.sum(axis=1)
    K = int(k.max())
    S = np.argsort(~supp, axis=1, kind="stable")[:, :K]
    T = np.argsort(~br, axis=1, kind="stable")[:, :K]
    if not HAVE_NUMBA:
        return _solve_faces_numpy(A, S, T, k, tol)
    y = np.zeros((count, n))
    ok = np.zeros(count, dtype=np.bool_)
    feasible = np.zeros(count, dtype=np.bool_)
    _solve_faces_kernel(np.ascontiguousarray(A, dtype=np.float64), S.astype(np.int64), T.astype(np.int64),
                        k.astype(np.int64), PROBES, tol, MAX_CONDITION, y, ok, feasible)
    return y, ok, feasible
