"""Best-response polytopes of a bimatrix game and their vertices.

For a two-player game with payoff matrices ``A`` (m x n, row player) and
``B`` (m x n, column player), made positive, the best-response polytopes are

    P = {x in R^m : x >= 0, B^T x <= 1}      Q = {y in R^n : y >= 0, A y <= 1}

(von Stengel 2007, "Equilibrium computation for two-player games in strategic
and extensive form"). A point of P carries label ``i`` when ``x_i = 0`` and
label ``m + j`` when ``(B^T x)_j = 1``; a point of Q carries label ``m + j``
when ``y_j = 0`` and label ``i`` when ``(A y)_i = 1``. The extreme Nash
equilibria (the vertices of every equilibrium component) are exactly the
completely labelled pairs of non-zero vertices, normalised.

Vertices are found with Qhull through :class:`scipy.spatial.ConvexHull` on the
polar of the polytope, with a brute-force basis enumeration as fallback.
"""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np

from coopgame._numeric import TOLERANCE
from coopgame.errors import SolverError

#: Tight-constraint tolerance in the normalised coordinates (payoffs scaled into [1, 2]).
LABEL_TOL = TOLERANCE / 10

#: Largest number of bases the brute-force fallback will try.
BRUTE_FORCE_LIMIT = 200_000


def unit_scaled(M: np.ndarray) -> np.ndarray:
    """Positive affine image of ``M`` with entries in [0, 1] (zeros when ``M`` is constant).

    Payoffs near the float limit are divided by their largest magnitude
    first, so that the span ``max - min`` does not overflow to inf.
    """
    lo, hi = float(M.min()), float(M.max())
    if hi - lo <= 0:  # (an overflow to inf is > 0)
        return np.zeros_like(M, dtype=float)
    if math.isinf(hi - lo):
        scale = max(abs(lo), abs(hi))
        return (np.asarray(M, dtype=float) / scale - lo / scale) / (hi / scale - lo / scale)
    return (M - lo) / (hi - lo)


def normalise(M: np.ndarray) -> np.ndarray:
    """Positive affine image of ``M`` with entries in [1, 2] (equilibria unchanged)."""
    return unit_scaled(M) + 1.0


def polytope_vertices(G: np.ndarray, h: np.ndarray, interior: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vertices of the bounded polytope ``{z : G z <= h}`` with ``interior`` strictly inside.

    Returns ``(verts, tight)``: the vertices, each once, shape (V, d), and the
    boolean matrix (V, rows) of the constraints tight at each.
    """
    from scipy.spatial import ConvexHull, QhullError
    d = G.shape[1]
    if d == 1:
        slack_dir = G[:, 0]
        b = h - G[:, 0] * interior[0]
        ups = b[slack_dir > 0] / slack_dir[slack_dir > 0]
        downs = b[slack_dir < 0] / slack_dir[slack_dir < 0]
        verts = np.array([[interior[0] + ups.min()], [interior[0] + downs.max()]])
    else:
        slack = h - G @ interior
        points = G / slack[:, None]
        try:
            hull = ConvexHull(points)
        except QhullError:
            verts = _vertices_brute_force(G, h)
        else:
            eq = hull.equations
            verts = interior - eq[:, :-1] / eq[:, -1:]
    return _unique(verts, G, h)


def _unique(verts: np.ndarray, G: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop repeated vertices; a vertex is identified by its set of tight constraints.

    Repeats arise only at vertices with more tight constraints than the
    dimension (Qhull triangulates such facets of the polar), so simple
    polytopes skip the comparison.
    """
    # einsum rather than @: a product this size makes OpenBLAS start threads, which cost more than
    # they save on a busy machine and slow down Qhull and the compiled kernel around them
    t = np.abs(h[None, :] - np.einsum("vd,rd->vr", verts, G)) <= LABEL_TOL
    if len(verts) == 0 or (t.sum(axis=1) == G.shape[1]).all():
        return verts, t
    keys = np.packbits(t, axis=1)
    _, first = np.unique(keys, axis=0, return_index=True)
    first = np.sort(first)
    return verts[first], t[first]


def _vertices_brute_force(G: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Vertices by solving every d-subset of constraints (small polytopes only)."""
    rows, d = G.shape
    count = math.comb(rows, d)
    if count > BRUTE_FORCE_LIMIT:
        raise SolverError(
            f"vertex_enumeration: Qhull failed on a {d}-dimensional best-response polytope and the "
            f"brute-force fallback would try {count} bases (limit {BRUTE_FORCE_LIMIT}); "
            "use method='lemke_howson' for one equilibrium"
        )
    subsets = np.array(list(combinations(range(rows), d)))
    mats = G[subsets]
    rhs = h[subsets]
    ok = np.abs(np.linalg.det(mats)) > 1e-12  # singular systems skipped (normalised entries in [0, 1]); not a payoff tolerance
    sols = np.linalg.solve(mats[ok], rhs[ok][..., None])[..., 0]
    feasible = (sols @ G.T <= h + LABEL_TOL).all(axis=1)
    return sols[feasible]


def player_polytope(other: np.ndarray):
    """Constraints of the polytope of the player whose mixed strategy is ``x``.

    ``other`` is the opponent's normalised payoff matrix oriented (x-actions, opponent actions).
    Returns ``(G, h, interior)`` for ``{x >= 0, other^T x <= 1}``.
    """
    m, n = other.shape
    G = np.vstack([-np.eye(m), other.T])
    h = np.concatenate([np.zeros(m), np.ones(n)])
    t = 0.5 / other.sum(axis=0).max()
    return G, h, np.full(m, t)


def labelled_vertices(other: np.ndarray):
    """Non-zero vertices of ``{x >= 0, other^T x <= 1}`` and their labels.

    Returns ``(verts, zero_labels, br_labels)``: ``zero_labels[v, i]`` is True
    when ``x_i = 0``; ``br_labels[v, j]`` when the opponent's action ``j`` is a
    best response (``(other^T x)_j = 1``).
    """
    G, h, c = player_polytope(other)
    verts, t = polytope_vertices(G, h, c)
    m = other.shape[0]
    nonzero = ~t[:, :m].all(axis=1)
    verts, t = verts[nonzero], t[nonzero]
    if len(verts) == 0:
        raise SolverError("vertex_enumeration: found no vertex of a best-response polytope (numerical trouble)")
    return verts, t[:, :m], t[:, m:]
