"""All solutions in a box of one support profile's indifference system: subdivision with Krawczyk's test.

The unknowns of a support profile are, for each player ``q`` with support
``S_q`` of size ``k_q``, the probabilities ``y_q`` of ``S_q[1:]`` (``d_q = k_q
- 1`` numbers; the first action gets ``1 - sum(y_q)``). Each equation says
that one action of a player's support earns what the first one earns: it is
affine in every other player's block ``y_q`` and does not involve the
player's own, so it is *multi-affine*: of degree at most 1 in every single
unknown. That gives exact ranges cheaply. A multi-affine function takes its
extreme values over a box at the box's corners, so contracting the payoff
differences with each block's corner points gives the exact range of every
equation, and of every Jacobian entry, over a box.

The search is Gambit's (McKelvey and McLennan 1996, section 6): start from
the unit box, discard boxes on which some equation cannot vanish or some
action outside a player's support earns strictly more than the support,
prove a box holds exactly one solution with Krawczyk's interval Newton test
(Krawczyk 1969; Moore, Kearfott and Cloud 2009, section 8.2), otherwise
bisect its widest side. Boxes are cut to the simplices first. Four more
exclusion tests cut most of the boxes. The equations combined by the
inverse Jacobian at the box's centre (by its left singular vectors when it
is singular) are multi-affine too, and when one combination has one sign at
every corner the box holds no solution. The strongest form of that test
asks whether *any* combination has one sign at every corner: by Gordan's
alternative, exactly when the origin lies outside the convex hull of the
equations' corner values, which Wolfe's nearest-point method decides
(:func:`_hull_excluded`; run when the Newton point from the centre lies
outside the box). A function of one sign at every
corner that vanishes only on a face where some probability is 0 rules the
box out too, whether an equation or an outside action's advantage
(:func:`_face_zeros`). And Krawczyk's test runs only when the Newton point
from the centre lies in the box, where it can succeed. The exclusion tests
use the box itself; Krawczyk's test, the box widened by :data:`_INFLATE`
(so that a solution on a face is proven). Boxes that shrink to :data:`MIN_WIDTH` undecided hold a singular
solution or part of a continuum: Gauss-Newton steps from them reach points
of the solution set, which are handed to the caller (:func:`_candidates`).

The kernels below are plain loops compiled by numba (cached on disk), one
call per batch of support profiles: the systems of small games are so small
that array calls would spend their time on overhead. Without numba the same
functions run as Python, correct but slow.

The floating-point stage is a search, not a proof: each solution it finds is
certified afterwards (exactly or with interval arithmetic) by the caller.

Layout of one support profile's system (arrays of ``int64`` unless said):
``m[p]`` actions, ``k[p]`` support size, ``off`` the offsets of the blocks of
unknowns (``off[p + 1] - off[p] = k[p] - 1``), ``G`` (float) player after
player, ``goff[p]`` where player ``p``'s rows start: ``m[p] - 1`` rows (its
support's other actions first, then the actions outside its support), each
the payoff differences ``u_p(a, .) - u_p(S_p[0], .)`` over the others' support
actions (players in order, the last varying fastest). Support profiles of one
size pattern are numbered in mixed radix over each player's list of
``k[p]``-subsets (lexicographic; the last player varies fastest).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from coopgame._numeric import TOLERANCE

try:  # pragma: no cover - numba is a run-time dependency; the fallback only keeps the package importable
    from numba import njit
except ImportError:  # pragma: no cover
    njit = None

__all__ = ["MIN_WIDTH", "MAX_BOXES", "COMPILED", "solve_range", "profile_system", "point_values", "compile_kernels"]

#: True when the kernels are compiled (numba installed).
COMPILED = njit is not None


def _kernel(f: Any) -> Any:
    return njit(cache=True, nogil=True)(f) if njit is not None else f


def _inlined(f: Any) -> Any:
    """A small kernel compiled into its callers (numba's IR inlining): called per box from the inner loops,
    where a call costs a fifth of the time on Gambit's 5x4x3 game."""
    return njit(cache=True, nogil=True, inline="always")(f) if njit is not None else f


#: Boxes narrower than this (in every unknown, probabilities) are no longer split: they hold a
#: singular solution or part of a continuum. Not the payoff tolerance: a resolution of the search.
MIN_WIDTH = 2.0 ** -6

#: Boxes examined per support profile before the rest are handed back undecided.
MAX_BOXES = 200_000

#: Split point of a box's widest side, as a fraction of its width: off-centre so that simple
#: rational solutions (1/2, 1/3) do not fall on the faces of boxes.
_SPLIT = 0.5 + 0.0193

#: Boxes are widened by this fraction of their width on every side before each test, so that a
#: solution on a face is proven inside the widened box.
_INFLATE = 0.05

#: A range is treated as excluding zero only beyond this margin (payoffs are scaled to max |u| = 1,
#: so it absorbs the rounding of the corner sums; not the equilibrium tolerance).
_MARGIN = 1e-11

#: A Jacobian whose condition number (infinity norm) exceeds this is treated as singular.
_ILL_CONDITIONED = 1e12

#: A row of the preconditioned equations is tested for one sign over a box only when the Newton point
#: from the centre lies beyond this fraction of the box's half-width in that coordinate (to first order
#: the row changes sign inside otherwise).
_REACH = 0.5

#: Undecided boxes of one support profile examined at most (evenly sampled beyond that).
_MAX_UNDECIDED = 256

#: Gauss-Newton starting points per group of touching undecided boxes.
_STARTS = 8

#: An empty face table, for evaluations that do not look for zeros on faces.
_NO_FACES = np.zeros((1, 1), dtype=np.int64)

#: Coordinates within this of 0, or sums within this of 1, put a vertex on a face of its simplex (the
#: vertices are computed from the box's bounds in floating point; not the equilibrium tolerance).
_ON_FACE = 1e-12

#: Boxes are also tested cut by the simplices (:func:`_cut_excluded`) only when no side is wider than
#: this: wider boxes are mostly decided by the cheaper tests, and the cut test costs several of them.
_CUT_WIDTH = 2.0 ** -3

#: Major steps of Wolfe's method in the hull test (:func:`_hull_excluded`) before a box is kept.
_HULL_STEPS = 24

#: Outcomes of one box test.
_DISCARD, _KEEP, _PROVEN = 0, 1, 2


# ---------------------------------------------------------------------------------------- systems
@_kernel
def _others(counts, p):  # pragma: no cover - compiled
    """The product of ``counts[q]`` over the players ``q`` other than ``p``: the number of columns of player
    ``p``'s rows when each other player has ``counts[q]`` points."""
    out = 1
    for q in range(counts.shape[0]):
        if q != p:
            out *= counts[q]
    return out


@_kernel
def _build(U, shape, strides, subs, rows, k, G, goff):  # pragma: no cover - compiled
    """Fill ``G``/``goff`` with the system of the profile whose player ``p`` has support ``subs[rows[p], :k[p]]``.

    ``U`` (n, prod shape): the payoffs, flat in C order (``strides`` per player).
    """
    n = shape.shape[0]
    pos = 0
    order = np.empty(shape.max(), dtype=np.int64)
    for p in range(n):
        goff[p] = pos
        m = shape[p]
        K = _others(k, p)
        # p's actions: its support, then the actions outside it
        for j in range(k[p]):
            order[j] = subs[rows[p], j]
        r = k[p]
        for a in range(m):
            inside = False
            for j in range(k[p]):
                if subs[rows[p], j] == a:
                    inside = True
            if not inside:
                order[r] = a
                r += 1
        first = order[0] * strides[p]
        for t in range(K):
            # the others' support actions of column t (mixed radix, the last player fastest)
            rest = t
            base = 0
            for q in range(n - 1, -1, -1):
                if q == p:
                    continue
                c = rest % k[q]
                rest //= k[q]
                base += subs[rows[q], c] * strides[q]
            ref = U[p, base + first]
            for e in range(m - 1):
                G[pos + e * K + t] = U[p, base + order[e + 1] * strides[p]] - ref
        pos += (m - 1) * K
    goff[n] = pos


@_kernel
def _size(shape, k):  # pragma: no cover - compiled
    """Length of ``G`` for support sizes ``k``."""
    n = shape.shape[0]
    total = 0
    for p in range(n):
        total += (shape[p] - 1) * _others(k, p)
    return total


# ---------------------------------------------------------------------------------------- values
@_kernel
def _contract(T, outer, kk, inner, M, mo, c, out):  # pragma: no cover - compiled
    """``T`` viewed (outer, kk, inner) times ``M[mo:]`` viewed (c, kk) on the middle axis: (outer, c, inner).

    Written into the start of ``out``, whose used part is returned.
    """
    out = out[:outer * c * inner]
    out[:] = 0.0
    for o in range(outer):
        for a in range(c):
            dst = (o * c + a) * inner
            for b in range(kk):
                w = M[mo + a * kk + b]
                if w != 0.0:
                    src = (o * kk + b) * inner
                    for i in range(inner):
                        out[dst + i] += w * T[src + i]
    return out


@_kernel
def _player_values(G, goff, k, p, nrows, mats, moff, mrows, skip, dmat, dmoff, dims, ws):  # pragma: no cover
    """Player ``p``'s first ``nrows`` rows contracted with each other block's matrix.

    Block ``q``'s matrix is ``mats[moff[q]:]`` (``mrows[q]`` points, each a
    probability vector of length ``k[q]``), or, for ``q == skip``, the
    derivative matrix ``dmat[dmoff[q]:]`` (``k[q] - 1`` rows). ``dims``
    receives the result's shape: ``nrows``, then one entry per other player.
    The work is done in the two rows of ``ws`` (:func:`_workspace`); the
    result is a view of one of them.
    """
    n = k.shape[0]
    dims[0] = nrows
    j = 1
    for q in range(n):
        if q != p:
            dims[j] = k[q]
            j += 1
    K = 1
    for j in range(1, n):
        K *= dims[j]
    T = G[goff[p]:goff[p] + nrows * K]
    j = n - 1
    side = 0
    for q in range(n - 1, -1, -1):
        if q == p:
            continue
        outer = np.int64(1)
        for i in range(j):
            outer *= dims[i]
        inner = np.int64(1)
        for i in range(j + 1, n):
            inner *= dims[i]
        if q == skip:
            T = _contract(T, outer, dims[j], inner, dmat, dmoff[q], k[q] - 1, ws[side])
            dims[j] = k[q] - 1
        else:
            T = _contract(T, outer, dims[j], inner, mats, moff[q], mrows[q], ws[side])
            dims[j] = mrows[q]
        side = 1 - side
        j -= 1
    return T


@_kernel
def _workspace(shape, k):  # pragma: no cover - compiled
    """Scratch arrays for one profile's evaluations: ``(ws, dims, vals, voff)``.

    Sized for the largest points per block any caller uses with a box's
    corners (its ``2**(k[q] - 1)`` corners, or ``k[q]`` pure actions).
    """
    n = k.shape[0]
    points = np.empty(n, dtype=np.int64)
    for q in range(n):
        points[q] = max(k[q], 1 << (k[q] - 1))
    return _workspace_for(shape, k, points)


@_kernel
def _workspace_for(shape, k, points):  # pragma: no cover - compiled
    """Scratch arrays for evaluations at ``points[q]`` points per block: ``(ws, dims, vals, voff)``."""
    n = k.shape[0]
    width = 1
    total = 0
    for p in range(n):
        C = _others(points, p)
        width = max(width, max(shape[p] - 1, 1) * C)
        total += (k[p] - 1) * C
    return np.empty((2, width)), np.empty(n, dtype=np.int64), np.empty(total), np.empty(n + 1, dtype=np.int64)


@_kernel
def _ranges(G, goff, shape, k, off, mats, moff, mrows, dmat, dmoff, flo, fhi, fmid, dims, ws, vals, voff,
            onface, faces):  # pragma: no cover - compiled
    """Exact ranges over the boxes spanned by each block's points; returns whether some action is beaten.

    Fills the equations' bounds ``flo``/``fhi`` (D) and their means over the
    points ``fmid`` (at a box's corners: the value at its centre, the
    functions being multi-affine). ``vals[voff[p]:voff[p + 1]]`` holds player
    ``p``'s equations at every combination of the others' points (rows of
    ``prod mrows[q], q != p`` values). "Beaten": some action outside a
    player's support earns strictly more than a support action at every
    point; with ``faces`` (the points are the vertices of a box, cut by the
    simplices or not, and ``onface`` says which faces of the simplices each
    lies on: :func:`_face_zeros`) also when it earns at least as much at every
    vertex and more wherever every support probability is positive.
    """
    n = shape.shape[0]
    voff[0] = 0
    for p in range(n):
        voff[p + 1] = voff[p] + (k[p] - 1) * _others(mrows, p)
    beaten = False
    for p in range(n):
        rows = shape[p] - 1
        if rows == 0:
            continue
        dp = k[p] - 1
        V = _player_values(G, goff, k, p, rows, mats, moff, mrows, np.int64(-1), dmat, dmoff, dims, ws)
        C = V.shape[0] // rows
        vals[voff[p]:voff[p + 1]] = V[:dp * C]
        for i in range(dp):
            lo = np.inf
            hi = -np.inf
            total = 0.0
            for c in range(C):
                v = V[i * C + c]
                lo = min(lo, v)
                hi = max(hi, v)
                total += v
            flo[off[p] + i] = lo
            fhi[off[p] + i] = hi
            fmid[off[p] + i] = total / C
        for b in range(dp, rows):
            for a in range(-1, dp):  # a = -1: the first support action, whose row is zero
                gap = np.inf
                for c in range(C):
                    w = V[a * C + c] if a >= 0 else 0.0
                    gap = min(gap, V[b * C + c] - w)
                if gap > _MARGIN:
                    beaten = True
                elif faces and gap >= -_MARGIN and _face_zeros(V, b, a, C, 1.0, p, k, mrows, onface):
                    beaten = True
    return beaten


@_kernel
def _jacobian(G, goff, k, off, mats, moff, mrows, dmat, dmoff, Jlo, Jhi, Jmid, dims, ws):  # pragma: no cover - compiled
    """Exact bounds ``Jlo``/``Jhi`` (D, D) of the Jacobian over the boxes spanned by each block's points, and
    its mean ``Jmid`` over the points (at a box's corners: the Jacobian at its centre)."""
    n = k.shape[0]
    D = off[n]
    for i in range(D):
        for j in range(D):
            Jlo[i, j] = 0.0
            Jhi[i, j] = 0.0
            Jmid[i, j] = 0.0
    for p in range(n):
        dp = k[p] - 1
        if dp == 0:
            continue
        for q in range(n):
            if q == p or k[q] == 1:
                continue
            W = _player_values(G, goff, k, p, dp, mats, moff, mrows, q, dmat, dmoff, dims, ws)
            # q's axis among the others, and the stride of that axis
            inner = 1
            j = n - 1
            for r in range(n - 1, -1, -1):
                if r == p:
                    continue
                if r == q:
                    break
                inner *= dims[j]
                j -= 1
            C = W.shape[0] // dp
            dq = k[q] - 1
            for i in range(dp):
                for jj in range(dq):
                    Jlo[off[p] + i, off[q] + jj] = np.inf
                    Jhi[off[p] + i, off[q] + jj] = -np.inf
            for t in range(W.shape[0]):
                i = t // C
                jj = (t // inner) % dq
                v = W[t]
                a = off[p] + i
                b = off[q] + jj
                if v < Jlo[a, b]:
                    Jlo[a, b] = v
                if v > Jhi[a, b]:
                    Jhi[a, b] = v
                Jmid[a, b] += v
            share = dp * dq / W.shape[0]
            for i in range(dp):
                for jj in range(dq):
                    Jmid[off[p] + i, off[q] + jj] *= share


@_kernel
def _derivatives(k, off):  # pragma: no cover - compiled
    """Each block's derivative matrix d x / d y for x = (1 - sum y, y): rows e_j - e_0, flat, with offsets."""
    n = k.shape[0]
    dmoff = np.zeros(n + 1, dtype=np.int64)
    for q in range(n):
        dmoff[q + 1] = dmoff[q] + (k[q] - 1) * k[q]
    dmat = np.zeros(dmoff[n])
    for q in range(n):
        for j in range(k[q] - 1):
            dmat[dmoff[q] + j * k[q]] = -1.0
            dmat[dmoff[q] + j * k[q] + j + 1] = 1.0
    return dmat, dmoff


@_kernel
def _point_mats(y, k, off):  # pragma: no cover - compiled
    """Each block's probability vector ``(1 - sum y_q, y_q)`` at the point ``y``: one row per block."""
    n = k.shape[0]
    moff = np.zeros(n + 1, dtype=np.int64)
    for q in range(n):
        moff[q + 1] = moff[q] + k[q]
    mats = np.empty(moff[n])
    for q in range(n):
        s = 0.0
        for j in range(k[q] - 1):
            v = y[off[q] + j]
            mats[moff[q] + 1 + j] = v
            s += v
        mats[moff[q]] = 1.0 - s
    return mats, moff, np.ones(n, dtype=np.int64)


@_kernel
def _corner_layout(k):  # pragma: no cover - compiled
    """Storage of each block's ``2**d[q]`` box corners: ``(mats, moff, mrows)``."""
    n = k.shape[0]
    mrows = np.empty(n, dtype=np.int64)
    moff = np.zeros(n + 1, dtype=np.int64)
    for q in range(n):
        mrows[q] = 1 << (k[q] - 1)
        moff[q + 1] = moff[q] + mrows[q] * k[q]
    return np.empty(moff[n]), moff, mrows


@_kernel
def _corner_mats(lo, hi, k, off, mats, moff, mrows):  # pragma: no cover - compiled
    """Fill ``mats`` (:func:`_corner_layout`) with each block's corner points of the box ``[lo, hi]`` as
    probability vectors (first unknown the most significant bit of the corner's number)."""
    n = k.shape[0]
    for q in range(n):
        d = k[q] - 1
        for c in range(mrows[q]):
            s = 0.0
            base = moff[q] + c * k[q]
            for j in range(d):
                v = hi[off[q] + j] if (c >> (d - 1 - j)) & 1 else lo[off[q] + j]
                mats[base + 1 + j] = v
                s += v
            mats[base] = 1.0 - s


@_kernel
def _pure_mats(k):  # pragma: no cover - compiled
    """Each block's pure actions (identity rows): the corners of the others' support simplices."""
    n = k.shape[0]
    moff = np.zeros(n + 1, dtype=np.int64)
    for q in range(n):
        moff[q + 1] = moff[q] + k[q] * k[q]
    mats = np.zeros(moff[n])
    for q in range(n):
        for j in range(k[q]):
            mats[moff[q] + j * k[q] + j] = 1.0
    return mats, moff, k.copy()


@_kernel
def _evaluate(G, goff, shape, k, off, y, dmat, dmoff):  # pragma: no cover - compiled
    """Equations (D) and Jacobian (D, D) at ``y``."""
    D = off[k.shape[0]]
    mats, moff, mrows = _point_mats(y, k, off)
    ws, dims, vals, voff = _workspace(shape, k)
    f = np.empty(D)
    J = np.empty((D, D))
    _ranges(G, goff, shape, k, off, mats, moff, mrows, dmat, dmoff, f, np.empty(D), np.empty(D), dims, ws, vals, voff,
            _NO_FACES, False)
    _jacobian(G, goff, k, off, mats, moff, mrows, dmat, dmoff, J, np.empty((D, D)), np.empty((D, D)), dims, ws)
    return f, J


@_kernel
def _inverse(A):  # pragma: no cover - compiled
    """Inverse by Gauss-Jordan elimination with partial pivoting; ok False when singular or not finite."""
    D = A.shape[0]
    M = np.zeros((D, 2 * D))
    for i in range(D):
        for j in range(D):
            M[i, j] = A[i, j]
        M[i, D + i] = 1.0
    for c in range(D):
        piv = c
        for r in range(c + 1, D):
            if abs(M[r, c]) > abs(M[piv, c]):
                piv = r
        if not (abs(M[piv, c]) > 0.0) or not np.isfinite(M[piv, c]):
            return M[:, D:].copy(), False
        if piv != c:
            for j in range(2 * D):
                t = M[c, j]
                M[c, j] = M[piv, j]
                M[piv, j] = t
        s = M[c, c]
        for j in range(2 * D):
            M[c, j] /= s
        for r in range(D):
            if r != c and M[r, c] != 0.0:
                t = M[r, c]
                for j in range(2 * D):
                    M[r, j] -= t * M[c, j]
    Y = M[:, D:].copy()
    for i in range(D):
        for j in range(D):
            if not np.isfinite(Y[i, j]):
                return Y, False
    return Y, True


@_kernel
def _norm(A):  # pragma: no cover - compiled
    """The infinity norm (largest row sum of absolute values)."""
    out = 0.0
    for i in range(A.shape[0]):
        t = 0.0
        for j in range(A.shape[1]):
            t += abs(A[i, j])
        out = max(out, t)
    return out


@_kernel
def _newton(G, goff, shape, k, off, y, dmat, dmoff, steps):  # pragma: no cover - compiled
    """A few Newton steps from a point already in the basin of a proven solution."""
    D = y.shape[0]
    for _ in range(steps):
        f, J = _evaluate(G, goff, shape, k, off, y, dmat, dmoff)
        Y, ok = _inverse(J)
        if not ok:
            break
        for i in range(D):
            s = 0.0
            for j in range(D):
                s += Y[i, j] * f[j]
            y[i] -= s
    return y


# ---------------------------------------------------------------------------------------- the search
@_inlined
def _table_offsets(voff, k, aoff):  # pragma: no cover - compiled
    """Where each player's combined table starts in :func:`_combined_tables`'s ``A`` (one entry per column of its
    corner values; ``aoff[0]`` is 0)."""
    for p in range(k.shape[0]):
        dp = k[p] - 1
        aoff[p + 1] = aoff[p] + ((voff[p + 1] - voff[p]) // dp if dp else 0)


@_inlined
def _combined_tables(w, vals, voff, k, off, aoff, A):  # pragma: no cover - compiled
    """The combination ``w . f`` of the equations reduced to one table per player: ``A[aoff[p] + c]`` is player
    ``p``'s part at its column ``c`` of corner values, so that its value at a corner is a sum of one entry per
    player (:func:`_corner_value`)."""
    for p in range(k.shape[0]):
        dp = k[p] - 1
        C = aoff[p + 1] - aoff[p]
        for c in range(C):
            t = 0.0
            for j in range(dp):
                t += w[off[p] + j] * vals[voff[p] + j * C + c]
            A[aoff[p] + c] = t


@_inlined
def _corner_value(A, aoff, k, columns, c):  # pragma: no cover - compiled
    """The combination of :func:`_combined_tables` at corner ``c`` of the box."""
    t = 0.0
    for p in range(k.shape[0]):
        if k[p] > 1:
            t += A[aoff[p] + columns[p, c]]
    return t


@_kernel
def _excluded(Y, vals, voff, k, off, columns, rows, space):  # pragma: no cover - compiled
    """True when some row of ``Y`` (those where ``rows`` is True) times the equations has one sign at every
    corner of the box.

    The combinations are multi-affine too, so their exact range is over the
    ``2**D`` corners; ``columns[p, c]`` is the column of player ``p``'s values
    at corner ``c``. Each row is first reduced to one table per player, in
    the tables of the hull test's scratch ``space`` (:func:`_hull_space`).
    """
    n = k.shape[0]
    D = off[n]
    aoff, A = space[0], space[1]
    _table_offsets(voff, k, aoff)
    for i in range(D):
        if not rows[i]:
            continue
        margin = 0.0
        for j in range(D):
            margin += abs(Y[i, j])
        margin *= _MARGIN
        _combined_tables(Y[i], vals, voff, k, off, aoff, A)
        above = True
        below = True
        for c in range(columns.shape[1]):
            t = _corner_value(A, aoff, k, columns, c)
            if t <= margin:
                above = False
            if t >= -margin:
                below = False
            if not above and not below:
                break
        if above or below:
            return True
    return False


@_kernel
def _hull_excluded(Y, vals, voff, k, off, columns, start, iterations, space):  # pragma: no cover - compiled
    """True when the origin lies outside the convex hull of the points ``Y f(v)`` over the box's corners ``v``.

    Then some combination ``w . f`` of the equations is positive at every
    corner (Gordan's alternative), so, being multi-affine, on the whole box:
    the strongest of the combined tests, which try only the rows of ``Y``.
    The nearest point of the hull to the origin is sought by Wolfe's method
    (Wolfe 1976), from the corner ``start``, for at most ``iterations`` major
    steps; it stops as soon as its current point ``x`` certifies (``x .
    Y f(v)`` above the rounding margin at every corner, the minimum found by
    the same per-player tables as :func:`_excluded`). ``Y`` preconditions
    (the inverse Jacobian at the centre: the points then lie near the box
    shifted by the Newton point, a well-conditioned polytope); the answer
    does not depend on it. ``space`` holds the arrays it works in
    (:func:`_hull_space`).
    """
    n = k.shape[0]
    D = off[n]
    aoff, A, S, P, lam, mu, f, x, w, M = space  # S, P, lam: the active set's corners, points and weights
    _table_offsets(voff, k, aoff)
    S[0] = start
    ns = 1
    lam[0] = 1.0
    _hull_point(Y, vals, voff, k, off, columns, start, f, P[0])
    for j in range(D):
        x[j] = P[0, j]
    for _ in range(iterations):
        # the corner minimising x . Y f(v): w = Y^T x, reduced to one table per player
        scale = 0.0
        for j in range(D):
            t = 0.0
            for i in range(D):
                t += Y[i, j] * x[i]
            w[j] = t
            scale += abs(t)
        _combined_tables(w, vals, voff, k, off, aoff, A)
        best = np.inf
        arg = -1
        for c in range(columns.shape[1]):
            t = _corner_value(A, aoff, k, columns, c)
            if t < best:
                best = t
                arg = c
        if best > _MARGIN * scale:
            return True
        xx = 0.0
        for j in range(D):
            xx += x[j] * x[j]
        if not best < xx * (1.0 - 1e-9) or ns > D:  # x is the nearest point (within rounding), or a full set
            return False
        for i in range(ns):
            if S[i] == arg:
                return False  # no progress: rounding
        S[ns] = arg
        lam[ns] = 0.0
        _hull_point(Y, vals, voff, k, off, columns, arg, f, P[ns])
        ns += 1
        while True:  # minor steps: the nearest point of the active set's affine hull, kept in its convex hull
            if not _affine_nearest(P, ns, mu, M):
                return False
            low = 1.0
            for i in range(ns):
                if mu[i] <= 1e-12 and lam[i] - mu[i] > 0.0:
                    low = min(low, lam[i] / (lam[i] - mu[i]))
            if low >= 1.0:
                for i in range(ns):
                    lam[i] = mu[i]
                break
            m = 0
            for i in range(ns):
                v = lam[i] + low * (mu[i] - lam[i])
                if v > 1e-12:
                    S[m] = S[i]
                    lam[m] = v
                    for j in range(D):
                        P[m, j] = P[i, j]
                    m += 1
            if m == ns or m == 0:
                return False
            ns = m
        for j in range(D):
            t = 0.0
            for i in range(ns):
                t += lam[i] * P[i, j]
            x[j] = t
    return False


@_kernel
def _hull_point(Y, vals, voff, k, off, columns, c, f, out):  # pragma: no cover - compiled
    """``Y f(v)`` at corner ``c`` of the box into ``out`` (``f`` from the corner tables ``vals``)."""
    n = k.shape[0]
    D = off[n]
    for p in range(n):
        dp = k[p] - 1
        if dp == 0:
            continue
        C = (voff[p + 1] - voff[p]) // dp
        for j in range(dp):
            f[off[p] + j] = vals[voff[p] + j * C + columns[p, c]]
    for i in range(D):
        t = 0.0
        for j in range(D):
            t += Y[i, j] * f[j]
        out[i] = t


@_kernel
def _affine_nearest(P, ns, mu, M):  # pragma: no cover - compiled
    """Weights ``mu`` (summing to 1) of the point of the affine hull of ``P[:ns]`` nearest the origin; False
    when the points are affinely dependent (numerically). ``M`` is scratch of at least ``ns + 1`` rows and
    ``ns + 2`` columns.

    Solves ``[[P P^T, 1], [1^T, 0]] [mu; nu] = [0; 1]`` by Gauss-Jordan elimination with partial pivoting.
    """
    D = P.shape[1]
    m = ns + 1
    for a in range(ns):
        for b in range(a, ns):
            t = 0.0
            for j in range(D):
                t += P[a, j] * P[b, j]
            M[a, b] = t
            M[b, a] = t
        M[a, ns] = 1.0
        M[ns, a] = 1.0
        M[a, m] = 0.0
    M[ns, ns] = 0.0
    M[ns, m] = 1.0
    for c in range(m):
        piv = c
        for r in range(c + 1, m):
            if abs(M[r, c]) > abs(M[piv, c]):
                piv = r
        if not abs(M[piv, c]) > 1e-300:  # NaN included
            return False
        if piv != c:
            for j in range(m + 1):
                t = M[c, j]
                M[c, j] = M[piv, j]
                M[piv, j] = t
        for r in range(m):
            if r != c and M[r, c] != 0.0:
                t = M[r, c] / M[c, c]
                for j in range(c, m + 1):
                    M[r, j] -= t * M[c, j]
    for a in range(ns):
        mu[a] = M[a, m] / M[a, a]
        if not np.isfinite(mu[a]):
            return False
    return True


@_kernel
def _hull_space(n, D, values):  # pragma: no cover - compiled
    """The arrays :func:`_hull_excluded` (and :func:`_excluded`) work in, for ``n`` players, ``D`` unknowns and
    ``values`` table entries at most: the table offsets (one per player and one more), the tables, then the
    active set and the points of Wolfe's method."""
    return (np.zeros(n + 1, dtype=np.int64), np.empty(values), np.empty(D + 2, dtype=np.int64), np.empty((D + 2, D)),
            np.empty(D + 2), np.empty(D + 2), np.empty(D), np.empty(D), np.empty(D), np.empty((D + 3, D + 4)))


@_kernel
def _face_zeros(V, r, r0, C, sign, p, k, mrows, onface):  # pragma: no cover - compiled
    """True when every zero of ``sign * (V[r] - V[r0])`` over the vertices lies on one face of the simplices;
    the caller has checked that it is nowhere below ``-_MARGIN``.

    ``V`` holds rows of ``C`` values of player ``p`` at the combinations of the
    other blocks' vertices (the last player's fastest); ``r0 = -1`` is a row
    of zeros. ``onface[q, v]`` has bit ``j`` set when block ``q``'s vertex
    ``v`` has ``y_j = 0`` (action ``j + 1`` of the support unplayed) and bit
    ``d_q`` when its coordinates sum to 1 (the first action unplayed). A
    function affine in each block is, at each point of a product of
    polytopes, a combination of its vertex values with weights positive on
    the vertices of the faces that hold the point: when its vertex values
    have one sign, it vanishes only on products of faces all of whose
    vertices are zeros. When every zero has block ``q``'s vertex on one face
    of ``q``'s simplex, so do those faces: the function has that one sign
    strictly wherever every support probability is positive. Such functions
    are common in degenerate games (a product ``y_a y_b``, say), whose zeros
    on the boundary would otherwise be surrounded by boxes down to
    :data:`MIN_WIDTH`.
    """
    n = k.shape[0]
    stride = 1  # of block q's vertex number among the columns
    for q in range(n - 1, -1, -1):
        if q == p or k[q] == 1:  # a pure block has one point (stride unchanged) and no faces
            continue
        common = -1  # the faces every zero's vertex of block q lies on
        for c in range(C):
            v = V[r * C + c] - (V[r0 * C + c] if r0 >= 0 else 0.0)
            if sign * v <= _MARGIN:
                common &= onface[q, (c // stride) % mrows[q]]
                if common == 0:
                    break
        if common != 0:
            return True
        stride *= mrows[q]
    return False


@_kernel
def _zero_on_boundary(flo, fhi, vals, voff, k, off, mrows, onface):  # pragma: no cover - compiled
    """True when some equation has one sign over the vertices and vanishes only where some probability is 0
    (:func:`_face_zeros`): the box holds no solution with every support probability positive."""
    n = k.shape[0]
    for p in range(n):
        dp = k[p] - 1
        if dp == 0:
            continue
        C = (voff[p + 1] - voff[p]) // dp
        V = vals[voff[p]:voff[p + 1]]
        for i in range(dp):
            e = off[p] + i
            if flo[e] >= -_MARGIN and _face_zeros(V, i, -1, C, 1.0, p, k, mrows, onface):
                return True
            if fhi[e] <= _MARGIN and _face_zeros(V, i, -1, C, -1.0, p, k, mrows, onface):
                return True
    return False


@_kernel
def _vertex_faces(k, mats, moff, mrows, onface):  # pragma: no cover - compiled
    """The faces of the simplices each block's points (probability vectors in ``mats``, as
    :func:`_corner_mats` or :func:`_cut_vertices` lay them out) lie on, into ``onface`` (:func:`_face_zeros`):
    bit ``j`` when support action ``j + 1`` is unplayed, bit ``d`` when the first is (a box's corners outside
    the simplex count as on that face: the functions there are beyond it)."""
    for q in range(k.shape[0]):
        d = k[q] - 1
        for c in range(mrows[q]):
            base = moff[q] + c * k[q]
            mask = 1 << d if mats[base] <= _ON_FACE else 0
            for j in range(d):
                if mats[base + 1 + j] <= _ON_FACE:
                    mask |= 1 << j
            onface[q, c] = mask


@_kernel
def _cut_layout(shape, k, off):  # pragma: no cover - compiled
    """Storage for :func:`_cut_vertices` and the evaluations over them, made once per size pattern:
    ``(mats, moff, mrows, onface, point, ws, vals, voff, dims, flo, fhi, fm)``."""
    n = k.shape[0]
    most = np.empty(n, dtype=np.int64)
    moff = np.zeros(n + 1, dtype=np.int64)
    for q in range(n):
        d = k[q] - 1
        most[q] = (1 << d) * (d + 2)  # corners, and at most d * 2**(d - 1) edges crossing sum y = 1
        moff[q + 1] = moff[q] + most[q] * k[q]
    points = np.empty(n, dtype=np.int64)
    for q in range(n):
        points[q] = max(most[q], k[q])
    ws, dims, vals, voff = _workspace_for(shape, k, points)
    D = off[n]
    return (np.empty(moff[n]), moff, np.zeros(n, dtype=np.int64), np.zeros((n, most.max()), dtype=np.int64),
            np.empty(max(1, k.max())), ws, vals, voff, dims, np.empty(D), np.empty(D), np.empty(D))


@_kernel
def _cut_vertices(lo, hi, k, off, mats, moff, mrows, point):  # pragma: no cover - compiled
    """The vertices of each block's box cut by its simplex (``sum y <= 1``), as probability vectors, into
    ``mats`` (:func:`_cut_layout`; ``mrows`` receives their numbers).

    They are the box's corners inside the simplex and the points where the
    box's edges cross the face ``sum y = 1``.
    """
    n = k.shape[0]
    for q in range(n):
        d = k[q] - 1
        count = 0
        for c in range(1 << d):
            total = 0.0
            for j in range(d):
                point[j] = hi[off[q] + j] if (c >> (d - 1 - j)) & 1 else lo[off[q] + j]
                total += point[j]
            for t in range(-1, d):  # the corner itself (t = -1), or its edge raising unknown t
                if t == -1:
                    if total > 1.0 + _ON_FACE:
                        continue
                elif (c >> (d - 1 - t)) & 1 or not (total < 1.0 - _ON_FACE
                                                    and total - point[t] + hi[off[q] + t] > 1.0 + _ON_FACE):
                    continue
                base = moff[q] + count * k[q]
                first = 1.0
                for j in range(d):
                    v = point[j] + (1.0 - total if j == t else 0.0)  # the edge crosses sum y = 1 there
                    mats[base + 1 + j] = v
                    first -= v
                mats[base] = max(first, 0.0) if t >= 0 else first
                count += 1
        mrows[q] = count


@_kernel
def _cut_excluded(G, goff, shape, k, off, lo, hi, dmat, dmoff, cut):  # pragma: no cover - compiled
    """The exclusion tests by ranges again, over the box cut by the simplices, when it sticks out of one
    (``cut``: :func:`_cut_layout`).

    The equations are affine in each block, so their ranges over the cut box
    are over the products of its blocks' vertices (:func:`_cut_vertices`),
    tighter than over the box's corners; and the face where a player's first
    action is unplayed becomes a face of the cut box, where zeros can be
    recognised (:func:`_face_zeros`).
    """
    n = k.shape[0]
    out = False
    for q in range(n):
        s = 0.0
        for j in range(off[q], off[q + 1]):
            s += hi[j]
            if hi[j] - lo[j] > _CUT_WIDTH:
                return False
        if k[q] > 2 and s > 1.0:
            out = True
    if not out:
        return False
    mats, moff, mrows, onface, point, ws, vals, voff, dims, flo, fhi, fm = cut
    _cut_vertices(lo, hi, k, off, mats, moff, mrows, point)
    _vertex_faces(k, mats, moff, mrows, onface)
    if _ranges(G, goff, shape, k, off, mats, moff, mrows, dmat, dmoff, flo, fhi, fm, dims, ws, vals, voff, onface, True):
        return True
    for i in range(off[n]):
        if flo[i] > _MARGIN or fhi[i] < -_MARGIN:
            return True
    return _zero_on_boundary(flo, fhi, vals, voff, k, off, mrows, onface)


@_kernel
def _test(G, goff, shape, k, off, lo, hi, dmat, dmoff, columns, work, root):  # pragma: no cover - compiled
    """Discard, prove or keep the box ``[lo, hi]``; a proven box's refined solution goes to ``root``.

    ``work`` holds the scratch arrays made once per profile by :func:`_search`.
    """
    mats, moff, mrows, ws, dims, vals, voff, flo, fhi, fm, Jlo, Jhi, Jm, wlo, whi, onface, cut, hull = work
    D = lo.shape[0]
    # the exclusion tests on the box itself; Krawczyk's test on the box widened by _INFLATE
    _corner_mats(lo, hi, k, off, mats, moff, mrows)
    _vertex_faces(k, mats, moff, mrows, onface)
    if _ranges(G, goff, shape, k, off, mats, moff, mrows, dmat, dmoff, flo, fhi, fm, dims, ws, vals, voff, onface, True):
        return _DISCARD
    for i in range(D):
        if flo[i] > _MARGIN or fhi[i] < -_MARGIN:
            return _DISCARD
    if _zero_on_boundary(flo, fhi, vals, voff, k, off, mrows, onface):
        return _DISCARD
    # Y, the inverse Jacobian at the centre (f there is the mean of its corner values: multi-affine)
    for j in range(D):
        w = hi[j] - lo[j]
        wlo[j] = lo[j] - _INFLATE * w
        whi[j] = hi[j] + _INFLATE * w
        root[j] = (lo[j] + hi[j]) / 2
    pmats, pmoff, pmrows = _point_mats(root, k, off)
    _jacobian(G, goff, k, off, pmats, pmoff, pmrows, dmat, dmoff, Jlo, Jhi, Jm, dims, ws)
    Y, ok = _inverse(Jm)
    if not (ok and _norm(Y) * _norm(Jm) < _ILL_CONDITIONED):
        # a (numerically) singular Jacobian: always so when a player has more unknowns than the others
        # together (its equations then depend on fewer unknowns than there are). The left singular vectors
        # combine the equations instead; those of the null space are flat to first order over the box.
        for i in range(D):
            for j in range(D):
                if not np.isfinite(Jm[i, j]):
                    return _KEEP
        U, _, _ = np.linalg.svd(Jm)
        Ut = np.ascontiguousarray(U.T)
        if _excluded(Ut, vals, voff, k, off, columns, np.ones(D, dtype=np.bool_), hull):
            return _DISCARD
        if _hull_excluded(Ut, vals, voff, k, off, columns, 0, _HULL_STEPS, hull):
            return _DISCARD
        return _DISCARD if _cut_excluded(G, goff, shape, k, off, lo, hi, dmat, dmoff, cut) else _KEEP
    # the Newton step from the centre, -Y f(m)
    step = np.empty(D)
    far = np.zeros(D, dtype=np.bool_)
    for i in range(D):
        s = 0.0
        for j in range(D):
            s -= Y[i, j] * fm[j]
        step[i] = s
        # row i of Y f is, to first order, y_i minus the Newton point's y_i: of one sign over the box only
        # when that point lies (nearly) beyond the box in coordinate i
        far[i] = not abs(s) < _REACH * (hi[i] - lo[i]) / 2
    # the equations combined by Y: often of one sign over the whole box when the box holds no solution
    if _excluded(Y, vals, voff, k, off, columns, far, hull):
        return _DISCARD
    # with the Newton point outside the box, the best combination (the origin outside the hull of the values)
    outside = 0
    corner = 0
    for i in range(D):
        if not abs(step[i]) < (hi[i] - lo[i]) / 2:
            outside += 1
        corner = 2 * corner + (1 if step[i] > 0.0 else 0)
    if outside and _hull_excluded(Y, vals, voff, k, off, columns, corner, _HULL_STEPS, hull):
        return _DISCARD
    # the last of the exclusion tests, the dearest: ranges over the box cut by the simplices
    if _cut_excluded(G, goff, shape, k, off, lo, hi, dmat, dmoff, cut):
        return _DISCARD
    # Krawczyk: K = m - Y f(m) + (I - Y J(X)) (X - m) on the widened box X. It proves a solution when K
    # lies inside X, which needs the Newton point m - Y f(m) inside X: when that is not so the box is kept
    # without computing J(X). (K's other use, discarding boxes where K misses X, is left to the tests
    # above: measured on Gambit's example games, it discarded no box they had kept.)
    for i in range(D):
        if not abs(step[i]) < (whi[i] - wlo[i]) / 2:  # NaN included
            return _KEEP
    _corner_mats(wlo, whi, k, off, mats, moff, mrows)
    _jacobian(G, goff, k, off, mats, moff, mrows, dmat, dmoff, Jlo, Jhi, Jm, dims, ws)
    for i in range(D):
        t = 0.0
        for j in range(D):
            a = (1.0 if i == j else 0.0)
            b = 0.0
            for l in range(D):
                a -= Y[i, l] * (Jlo[l, j] + Jhi[l, j]) / 2
                b += abs(Y[i, l]) * (Jhi[l, j] - Jlo[l, j]) / 2
            t += (abs(a) + b) * (whi[j] - wlo[j]) / 2
        if not abs(step[i]) + t < (whi[i] - wlo[i]) / 2:  # NaN included
            return _KEEP
    for j in range(D):
        root[j] = (wlo[j] + whi[j]) / 2 + step[j]
    _newton(G, goff, shape, k, off, root, dmat, dmoff, 4)
    return _PROVEN


@_kernel
def _grow(a, rows):  # pragma: no cover - compiled
    if rows <= a.shape[0]:
        return a
    b = np.empty((max(rows, 2 * a.shape[0]), a.shape[1]))
    b[:a.shape[0]] = a
    return b


@_kernel
def _scratch(shape, k, off):  # pragma: no cover - compiled
    """The arrays :func:`_search` works in, the same for every profile of one size pattern: ``(columns, work)``.

    ``columns[p, c]`` is the column of player ``p``'s corner values at corner
    ``c`` of the whole box (the first unknown is the most significant bit of
    a corner's number); ``work`` holds :func:`_test`'s arrays.
    """
    n = k.shape[0]
    D = off[n]
    columns = np.zeros((n, 1 << D), dtype=np.int64)
    for c in range(1 << D):
        for p in range(n):
            col = 0
            for q in range(n):
                if q != p:
                    col = (col << (k[q] - 1)) + ((c >> (D - off[q + 1])) & ((1 << (k[q] - 1)) - 1))
            columns[p, c] = col
    mats, moff, mrows = _corner_layout(k)
    ws, dims, vals, voff = _workspace(shape, k)
    work = (mats, moff, mrows, ws, dims, vals, voff, np.empty(D), np.empty(D), np.empty(D),
            np.empty((D, D)), np.empty((D, D)), np.empty((D, D)), np.empty(D), np.empty(D),
            np.zeros((n, mrows.max()), dtype=np.int64), _cut_layout(shape, k, off), _hull_space(n, D, vals.shape[0]))
    return columns, work


@_kernel
def _search(G, goff, shape, k, off, dmat, dmoff, scratch, max_boxes, pid, roots, nr, root_pid, cand, nc, cand_pid,
            regret, root_regret):  # pragma: no cover - compiled
    """Every solution of one profile's system in the unit box.

    Appends the proven solutions that pass :func:`_admissible` with
    ``root_regret`` to ``roots`` (row ``nr`` on) and the points
    reached from the boxes left undecided (:func:`_candidates`) to ``cand``
    (row ``nc`` on), each tagged with ``pid``. Returns the new arrays and
    counts, then 1 when ``max_boxes`` stopped the search, 2 when from some
    group of undecided boxes no solution of the system was reached at all, 0
    otherwise. ``scratch`` is
    :func:`_scratch`'s, made once per size pattern.
    """
    columns, work = scratch
    und = np.empty((16, 2 * off[k.shape[0]]))
    nu = 0
    n = k.shape[0]
    D = off[n]
    root = np.empty(D)
    stack = np.empty((64, 2 * D))
    for j in range(D):
        stack[0, j] = 0.0
        stack[0, D + j] = 1.0
    top = 1
    examined = 0
    exhausted = False
    while top:
        top -= 1
        lo = stack[top, :D].copy()
        hi = stack[top, D:].copy()
        examined += 1
        if examined > max_boxes:  # every box left is undecided
            exhausted = True
            und = _grow(und, nu + top + 1)
            und[nu, :D] = lo
            und[nu, D:] = hi
            nu += 1
            for t in range(top):
                und[nu] = stack[t]
                nu += 1
            break
        outside = False
        for q in range(n):
            s = 0.0
            for j in range(off[q], off[q + 1]):
                s += lo[j]
            if off[q + 1] > off[q] and s >= 1.0:
                outside = True
            # the simplex cuts the box: no coordinate exceeds 1 minus the others' lower bounds
            for j in range(off[q], off[q + 1]):
                hi[j] = min(hi[j], 1.0 - (s - lo[j]))
        if outside:
            continue
        status = _test(G, goff, shape, k, off, lo, hi, dmat, dmoff, columns, work, root)
        if status == _DISCARD:
            continue
        if status == _PROVEN:
            if not _admissible(G, goff, shape, k, off, root, dmat, dmoff, work[4], work[3], root_regret):
                continue  # a solution of the equations, but not an equilibrium with these supports
            roots = _grow(roots, nr + 1)
            root_pid = _grow(root_pid, nr + 1)
            roots[nr, :D] = root
            root_pid[nr, 0] = pid
            nr += 1
            continue
        widest = 0
        for j in range(1, D):
            if hi[j] - lo[j] > hi[widest] - lo[widest]:
                widest = j
        width = hi[widest] - lo[widest]
        if width < MIN_WIDTH:
            und = _grow(und, nu + 1)
            und[nu, :D] = lo
            und[nu, D:] = hi
            nu += 1
            continue
        cut = lo[widest] + _SPLIT * width
        stack = _grow(stack, top + 2)
        stack[top, :D] = lo  # the upper part, examined after the lower one
        stack[top, D:] = hi
        stack[top, widest] = cut
        stack[top + 1, :D] = lo
        stack[top + 1, D:] = hi
        stack[top + 1, D + widest] = cut
        top += 2
    state = 1 if exhausted else 0
    if nu:
        points, lost = _candidates(G, goff, shape, k, off, dmat, dmoff, und[:nu], regret)
        cand = _grow(cand, nc + points.shape[0])
        cand_pid = _grow(cand_pid, nc + points.shape[0])
        for i in range(points.shape[0]):
            cand[nc, :D] = points[i]
            cand_pid[nc, 0] = pid
            nc += 1
        if lost and not exhausted:
            state = 2
    return roots, nr, root_pid, cand, nc, cand_pid, state, min(examined, max_boxes)


@_kernel
def _admissible(G, goff, shape, k, off, y, dmat, dmoff, dims, ws, regret):  # pragma: no cover - compiled
    """Whether the point ``y`` has every support probability above the tolerance and no action earning
    more than ``regret`` (scaled payoffs) above the best support action, for any player."""
    mats, moff, mrows = _point_mats(y, k, off)
    for i in range(mats.shape[0]):
        if not mats[i] > TOLERANCE:  # probabilities: an absolute tolerance (see coopgame._numeric)
            return False
    for p in range(k.shape[0]):
        rows = shape[p] - 1
        if rows == 0:
            continue
        V = _player_values(G, goff, k, p, rows, mats, moff, mrows, np.int64(-1), dmat, dmoff, dims, ws)
        best = 0.0
        for a in range(k[p] - 1):
            best = max(best, V[a])
        for b in range(k[p] - 1, rows):
            if V[b] - best > regret:
                return False
    return True


@_kernel
def _candidates(G, goff, shape, k, off, dmat, dmoff, boxes, regret):  # pragma: no cover - compiled
    """Points of the solution set reached from undecided boxes ``[lo | hi]``: at most one per group of touching boxes.

    From up to :data:`_STARTS` box centres of each group (boxes sampled
    evenly down to :data:`_MAX_UNDECIDED`), minimum-norm Gauss-Newton steps;
    the first point reached that solves the system (residual below the
    tolerance), has every support probability above the tolerance and gives
    no player more than ``regret`` (scaled payoffs) by deviating stands for
    its group. Points on the boundary of the simplices belong to smaller
    supports and are dropped here. Also returns the number of groups from
    which no start reached a solution of the system at all.
    """
    n = k.shape[0]
    D = off[n]
    U = boxes.shape[0]
    if U > _MAX_UNDECIDED:
        pick = np.empty(_MAX_UNDECIDED, dtype=np.int64)
        for i in range(_MAX_UNDECIDED):
            pick[i] = int(i * (U - 1) / (_MAX_UNDECIDED - 1))
        boxes = boxes[pick]
        U = _MAX_UNDECIDED
    # groups of touching (closed) boxes, by search over the touching graph
    label = -np.ones(U, dtype=np.int64)
    groups = 0
    queue = np.empty(U, dtype=np.int64)
    for first in range(U):
        if label[first] >= 0:
            continue
        label[first] = groups
        queue[0] = first
        head, tail = 0, 1
        while head < tail:
            i = queue[head]
            head += 1
            for j in range(U):
                if label[j] >= 0:
                    continue
                touch = True
                for d in range(D):
                    if boxes[i, d] > boxes[j, D + d] + 1e-12 or boxes[j, d] > boxes[i, D + d] + 1e-12:
                        touch = False
                        break
                if touch:
                    label[j] = groups
                    queue[tail] = j
                    tail += 1
        groups += 1
    out = np.empty((groups, D))
    found = 0
    lost = 0
    members = np.empty(U, dtype=np.int64)
    ws, dims, _, _ = _workspace(shape, k)
    for g in range(groups):
        count = 0
        for i in range(U):
            if label[i] == g:
                members[count] = i
                count += 1
        starts = min(count, _STARTS)
        solved = False
        for t in range(starts):
            b = members[int(t * (count - 1) / (starts - 1)) if starts > 1 else 0]
            y = (boxes[b, :D] + boxes[b, D:]) / 2
            if not _gauss_newton(G, goff, shape, k, off, y, dmat, dmoff, 30) < TOLERANCE:
                continue
            solved = True
            if _admissible(G, goff, shape, k, off, y, dmat, dmoff, dims, ws, regret):
                out[found] = y
                found += 1
                break
        if not solved:
            lost += 1
    return out[:found], lost


@_kernel
def solve_range(U, shape, strides, subs, sub0, sizes, first, start, stop, max_boxes, budget, regret,
                root_regret):  # pragma: no cover - compiled
    """Prune and search the support profiles ``start..stop-1``, numbered over all size patterns.

    Pattern ``t`` has support sizes ``sizes[t]`` and the profiles
    ``first[t]..first[t + 1]-1``. Player ``p``'s subsets of size ``s`` are
    the rows ``sub0[p, s]..sub0[p, s + 1]-1`` of ``subs`` (lexicographic, the
    actions first in each row), and a profile's number within its pattern is
    mixed radix over them (the last player fastest). Each profile examines at most ``max_boxes`` boxes, and
    all of them together at most ``budget`` units (the caller's time left; a
    box of ``D`` unknowns costs ``max(1, 2**(D - 9))`` units, its corner test
    growing like ``2**D``); a profile the budget stops, or never reaches, is
    reported as stopped.

    A profile is pruned (Porter, Nudelman and Shoham 2008) when, over the
    product of the others' support simplices, some support action is beaten
    everywhere or two support actions can never earn the same. A profile with
    no unknowns (pure) is kept when no action earns more. Returns ``(roots,
    root_pid, points, point_pid, exhausted_pid, open_pid)``: the solutions
    proven isolated, one row each (the pattern's unknowns first, then
    padding), with every support probability above the tolerance and no gain
    from deviating above ``root_regret`` (scaled payoffs; the others are no
    equilibria with these supports); the points reached from undecided boxes
    (:func:`_candidates`, with ``regret`` the largest gain from deviating
    allowed there, in scaled payoffs), which lie on continua or are singular
    solutions; the profiles the box budget stopped; the profiles with
    undecided boxes from which no solution of the system was reached (they
    may hold singular equilibria); the number of boxes examined. Undecided boxes from which only solutions
    that are no equilibria were reached (on the boundary of the simplices, or
    with a gain from deviating) are taken to hold none: the search is not a
    proof there.
    """
    n = shape.shape[0]
    width = 1
    for q in range(n):
        width += shape[q] - 1
    roots = np.empty((4, width))
    root_pid = np.empty((4, 1))
    cand = np.empty((4, width))
    cand_pid = np.empty((4, 1))
    gone = np.empty(stop - start, dtype=np.int64)
    ng = 0
    open_ = np.empty(stop - start, dtype=np.int64)
    no = 0
    nr = np.int64(0)  # not a literal: one compiled signature of _search
    nc = np.int64(0)
    spent = 0.0
    examined = 0
    t = 0
    while first[t + 1] <= start:
        t += 1
    at = start
    while at < stop:
        # one size pattern: its arrays, then its profiles in the range
        k = sizes[t].copy()
        off = np.zeros(n + 1, dtype=np.int64)
        for q in range(n):
            off[q + 1] = off[q] + k[q] - 1
        D = off[n]
        cost = max(1.0, 2.0 ** (D - 9))
        G = np.empty(_size(shape, k))
        goff = np.empty(n + 1, dtype=np.int64)
        rows = np.empty(n, dtype=np.int64)
        pmats, pmoff, pmrows = _pure_mats(k)
        ws, dims, vals, voff = _workspace(shape, k)
        dmat, dmoff = _derivatives(k, off)
        scratch = _scratch(shape, k, off)
        flo = np.empty(D)
        fhi = np.empty(D)
        fm = np.empty(D)
        last = min(stop, first[t + 1])
        for pid in range(at, last):
            rest = pid - first[t]
            for q in range(n - 1, -1, -1):
                count = sub0[q, k[q] + 1] - sub0[q, k[q]]
                rows[q] = sub0[q, k[q]] + rest % count
                rest //= count
            _build(U, shape, strides, subs, rows, k, G, goff)
            if _ranges(G, goff, shape, k, off, pmats, pmoff, pmrows, dmat, dmoff, flo, fhi, fm, dims, ws, vals,
                       voff, _NO_FACES, False):
                continue
            dead = False
            for i in range(D):
                if flo[i] > _MARGIN or fhi[i] < -_MARGIN:
                    dead = True
            if dead:
                continue
            if D == 0:  # a pure profile that survived: no action earns more (checked above with equality)
                roots = _grow(roots, nr + 1)
                root_pid = _grow(root_pid, nr + 1)
                root_pid[nr, 0] = pid
                nr += 1
                continue
            allowed = min(max_boxes, int((budget - spent) / cost))
            if allowed <= 0:
                gone[ng] = pid
                ng += 1
                continue
            roots, nr, root_pid, cand, nc, cand_pid, state, used = _search(
                G, goff, shape, k, off, dmat, dmoff, scratch, allowed, pid, roots, nr, root_pid, cand, nc, cand_pid,
                regret, root_regret)
            spent += used * cost
            examined += used
            if state == 1:
                gone[ng] = pid
                ng += 1
            elif state == 2:
                open_[no] = pid
                no += 1
        at = last
        t += 1
    return (roots[:nr], root_pid[:nr, 0].astype(np.int64), cand[:nc], cand_pid[:nc, 0].astype(np.int64), gone[:ng],
            open_[:no], examined)


# ---------------------------------------------------------------------------------------- one profile
def profile_system(U: np.ndarray, shape: np.ndarray, strides: np.ndarray,
                   supports: tuple[tuple[int, ...], ...]) -> tuple[np.ndarray, ...]:
    """The arrays of one profile's system: ``(G, goff, shape, k, off, dmat, dmoff)``."""
    n = len(supports)
    k = np.array([len(s) for s in supports], dtype=np.int64)
    subs = np.zeros((n, int(k.max())), dtype=np.int64)
    for p, s in enumerate(supports):
        subs[p, :len(s)] = s
    off = np.concatenate([[0], np.cumsum(k - 1)]).astype(np.int64)
    G = np.empty(int(_size(shape, k)))
    goff = np.empty(n + 1, dtype=np.int64)
    _build(U, shape, strides, subs, np.arange(n, dtype=np.int64), k, G, goff)
    dmat, dmoff = _derivatives(k, off)
    return G, goff, shape, k, off, dmat, dmoff


def point_values(system: tuple[np.ndarray, ...], y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Equations and Jacobian of a profile's system (:func:`profile_system`) at ``y``."""
    G, goff, shape, k, off, dmat, dmoff = system
    return _evaluate(G, goff, shape, k, off, np.asarray(y, dtype=float), dmat, dmoff)


@_kernel
def _outside(G, goff, shape, k, off, y, dmat, dmoff):  # pragma: no cover - compiled
    """Each action outside a support: its payoff minus that of its player's first support action at ``y``
    (the actions in player order), and the gradients (rows)."""
    n = k.shape[0]
    D = off[n]
    count = 0
    for p in range(n):
        count += shape[p] - k[p]
    g = np.empty(count)
    Jg = np.zeros((count, D))
    mats, moff, mrows = _point_mats(y, k, off)
    ws, dims, _, _ = _workspace(shape, k)
    r = 0
    for p in range(n):
        rows = shape[p] - 1
        dp = k[p] - 1
        if rows == dp:
            continue
        V = _player_values(G, goff, k, p, rows, mats, moff, mrows, np.int64(-1), dmat, dmoff, dims, ws)
        for b in range(dp, rows):
            g[r + b - dp] = V[b]
        for q in range(n):
            if q == p or k[q] == 1:
                continue
            dq = k[q] - 1
            W = _player_values(G, goff, k, p, rows, mats, moff, mrows, np.int64(q), dmat, dmoff, dims, ws)
            for b in range(dp, rows):
                for j in range(dq):
                    Jg[r + b - dp, off[q] + j] = W[b * dq + j]
        r += rows - dp
    return g, Jg


@_kernel
def _gauss_newton(G, goff, shape, k, off, y, dmat, dmoff, steps):  # pragma: no cover - compiled
    """Gauss-Newton steps on ``y`` in place towards an equilibrium with these supports; returns the largest
    residual of the equations reached.

    Each step is the (damped) minimum-norm solution ``A^T (A A^T + lam I)^-1
    r`` of the equations together with the best-reply conditions that the
    point violates (an outside action earning more), taken as equations:
    on a set of solutions of the equations, the equilibria can be the
    points where such a condition binds (the ends of a segment of
    equilibria, say).
    """
    D = y.shape[0]
    for _ in range(steps):
        f, J = _evaluate(G, goff, shape, k, off, y, dmat, dmoff)
        g, Jg = _outside(G, goff, shape, k, off, y, dmat, dmoff)
        m = D
        for i in range(g.shape[0]):
            if g[i] > 0.0:
                m += 1
        R = np.empty(m)
        A = np.empty((m, D))
        R[:D] = f
        A[:D] = J
        r = D
        for i in range(g.shape[0]):
            if g[i] > 0.0:
                R[r] = g[i]
                A[r] = Jg[i]
                r += 1
        if not D or np.abs(R).max() < 1e-15:  # converged to rounding (the system is scaled to max |u| = 1)
            break
        At = np.ascontiguousarray(A.T)
        AA = A @ At
        # a damping relative to the scale of A A^T: the step of a rank-deficient A (a continuum) stays finite
        lam = 1e-12 * (np.trace(AA) / m + 1e-300)
        for i in range(m):
            AA[i, i] += lam
        Y, ok = _inverse(AA)
        if not ok:
            break
        y -= At @ (Y @ R)
    f, _ = _evaluate(G, goff, shape, k, off, y, dmat, dmoff)
    return np.abs(f).max() if D else 0.0


@cache
def compile_kernels() -> None:
    """Compile (or load from numba's disk cache) every kernel, once per process.

    The caller runs it before starting its clock, so that compiling (about a
    minute in a new installation) does not eat a time budget. The problem
    solved is a 2x2 game whose payoffs are all zero: every box stays
    undecided, so the search, the budget stop and the continuum points all
    run.
    """
    shape = np.array([2, 2], dtype=np.int64)
    subs = np.array([[0, 0], [1, 0], [0, 1], [0, 0], [1, 0], [0, 1]], dtype=np.int64)  # each player's {0}, {1}, {0, 1}
    sub0 = np.array([[0, 0, 2, 3], [0, 3, 5, 6]], dtype=np.int64)
    solve_range(np.zeros((2, 4)), shape, np.array([2, 1], dtype=np.int64), subs, sub0, np.array([[2, 2]]),
                np.array([0, 1], dtype=np.int64), 0, 1, 64, 64.0, 1e-9, 1e-6)
    point_values(profile_system(np.zeros((2, 4)), shape, np.array([2, 1], dtype=np.int64), ((0, 1), (0, 1))),
                 np.full(2, 0.5))
