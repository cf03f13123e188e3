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
bisect. Boxes that shrink to :data:`MIN_WIDTH` undecided hold a singular
solution or a continuum; they are returned for the caller to examine.
Here every box of every support profile of one size pattern is handled in
the same batched numpy call.

The floating-point stage is a search, not a proof: each solution it finds is
certified afterwards (exactly or with interval arithmetic) by the caller.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from itertools import combinations, product

import numpy as np

__all__ = ["SupportSystem", "isolate", "prune", "evaluate", "gauss_newton", "MIN_WIDTH", "MAX_BOXES"]

#: Boxes narrower than this (in every unknown, probabilities) are no longer split: they hold a
#: singular solution or part of a continuum. Not the payoff tolerance: a resolution of the search.
MIN_WIDTH = 2.0 ** -6

#: Boxes examined per support profile before the rest are handed back undecided.
MAX_BOXES = 200_000

#: Largest number of corner values (boxes x unknowns x corners) computed at once for the
#: preconditioned range test; beyond it only the plain test runs.
_FULL_CORNERS = 4_000_000

#: Split point of a box's widest side, as a fraction of its width: off-centre so that simple
#: rational solutions (1/2, 1/3) do not fall on the faces of boxes.
_SPLIT = 0.5 + 0.0193

#: Boxes are widened by this fraction of their width on every side before each test, so that a
#: solution on a face is proven inside the widened box.
_INFLATE = 0.05

#: A range is treated as excluding zero only beyond this margin (payoffs are scaled to max |u| = 1,
#: so it absorbs the rounding of the corner sums; not the equilibrium tolerance).
_MARGIN = 1e-11


@dataclass
class SupportSystem:
    """The indifference systems of a batch of support profiles of one size pattern, payoffs scaled.

    The batch holds every support profile whose supports have sizes ``sizes``
    (``k_p`` for player ``p``): ``supports[s]`` is profile ``s``.
    ``rows[p][s]`` holds player ``p``'s payoff differences
    ``u_p(a, .) - u_p(S_p[0], .)`` for every action ``a`` of ``p`` in the
    order ``order[p][s]`` (its support's other actions first, then the
    actions outside its support), restricted to the others' supports: shape
    ``(S, m_p, k_q for q != p)``.
    """

    sizes: tuple[int, ...]
    supports: list[tuple[tuple[int, ...], ...]]
    rows: list[np.ndarray]
    d: list[int] = field(init=False)
    offsets: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.d = [k - 1 for k in self.sizes]
        self.offsets = [int(v) for v in np.cumsum([0, *self.d])]

    @property
    def dim(self) -> int:
        return self.offsets[-1]

    def take(self, keep: np.ndarray) -> SupportSystem:
        """The sub-batch of the profiles marked in ``keep``."""
        return SupportSystem(self.sizes, [s for s, k in zip(self.supports, keep) if k], [r[keep] for r in self.rows])

    @classmethod
    def build(cls, payoffs: list[np.ndarray], sizes: tuple[int, ...]) -> SupportSystem:
        """Every support profile with support sizes ``sizes``, in lexicographic order."""
        n = len(sizes)
        shape = payoffs[0].shape
        choices = [np.array(list(combinations(range(m), k)), dtype=np.intp).reshape(-1, k)
                   for m, k in zip(shape, sizes)]
        counts = [len(c) for c in choices]
        rows = []
        for p in range(n):
            others = [q for q in range(n) if q != p]
            r = len(others)
            Up = np.moveaxis(payoffs[p], p, 0)
            index = []
            for i, q in enumerate(others):
                view = [1] * (2 * r)
                view[i] = counts[q]
                view[r + i] = sizes[q]
                index.append(choices[q].reshape(view))
            block = Up[(slice(None),) + tuple(index)]  # (m_p, n_q..., k_q...)
            m = shape[p]
            order = np.array([list(c) + [a for a in range(m) if a not in c] for c in choices[p]], dtype=np.intp)
            diff = block[order] - block[order[:, :1]]  # (n_p, m_p, n_q..., k_q...)
            diff = diff[:, 1:]  # drop the first support action's own (zero) row
            # batch axes to the front in player order: (n_1, ..., n_n, m_p - 1, k_q...)
            batch_axes = [0] + [2 + i for i in range(r)]
            player_of = [p] + others
            perm = [batch_axes[player_of.index(q)] for q in range(n)] + [1] + [2 + r + i for i in range(r)]
            diff = np.transpose(diff, perm)
            rows.append(np.ascontiguousarray(diff.reshape((math.prod(counts), m - 1) + tuple(sizes[q] for q in others))))
        supports = [tuple(tuple(int(a) for a in choices[q][i]) for q, i in enumerate(combo))
                    for combo in product(*(range(c) for c in counts))]
        return cls(tuple(sizes), supports, rows)


def _contract(G: np.ndarray, mats: list[np.ndarray]) -> np.ndarray:
    """``G`` (B, E, k_1..k_r) contracted on each axis ``i`` with ``mats[i]`` (B or 1, c_i, k_i): (B, E, c_1..c_r).

    The last axis is contracted first by a batched matrix product; each result
    axis is moved to the front of the remaining ones, so the work is one
    reshape and one product per player.
    """
    r = len(mats)
    B = G.shape[0]
    E = G.shape[1]
    ks = list(G.shape[2:])
    T = G.reshape(B, -1, ks[-1]) if r else G
    done: list[int] = []
    for i in range(r - 1, -1, -1):
        M = mats[i]
        T = T @ np.swapaxes(M, 1, 2)  # (B, E*k_1..k_{i-1} * C_done, c_i)
        done.insert(0, M.shape[1])
        if i:
            # bring k_{i-1} last: (B, E*k_1..k_{i-2}, k_{i-1}, C_done * c_i) -> swap
            T = T.reshape(T.shape[0], -1, ks[i - 1], math.prod(done))
            T = np.swapaxes(T, 2, 3).reshape(T.shape[0], -1, ks[i - 1])
    # memory order is (B, E, c_r, ..., c_1)
    T = T.reshape((T.shape[0], E) + tuple(reversed(done)))
    return np.transpose(T, (0, 1, *range(r + 1, 1, -1)))


def _points(y: np.ndarray) -> np.ndarray:
    """Probability vectors ``(1 - sum y, y)`` of points ``y`` (..., d): (..., d + 1)."""
    return np.concatenate([1.0 - y.sum(axis=-1, keepdims=True), y], axis=-1)


_BITS: dict[int, np.ndarray] = {}


def _corners(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Corner points of boxes ``[lo, hi]`` (B, d) as probability vectors: (B, 2**d, d + 1)."""
    d = lo.shape[1]
    bits = _BITS.get(d)
    if bits is None:
        bits = _BITS[d] = np.array(list(product((0.0, 1.0), repeat=d))).reshape(2 ** d, d)
    y = lo[:, None, :] + bits[None] * (hi - lo)[:, None, :]
    return _points(y)


def _derivative(k: int) -> np.ndarray:
    """d x / d y for x = (1 - sum y, y): rows e_j - e_0, shape (k - 1, k)."""
    D = np.zeros((k - 1, k))
    D[:, 0] = -1.0
    D[np.arange(k - 1), np.arange(1, k)] = 1.0
    return D


def evaluate(system: SupportSystem, sid: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Equations ``f`` (B, D), Jacobian (B, D, D) and every player's rows (B, m_p - 1) at points ``y`` (B, D).

    Point ``b`` belongs to support profile ``sid[b]`` of the batch.
    """
    n = len(system.sizes)
    B = y.shape[0]
    xs = [_points(y[:, system.offsets[q]:system.offsets[q + 1]])[:, None, :] for q in range(n)]
    D = system.dim
    f = np.zeros((B, D))
    J = np.zeros((B, D, D))
    values = []
    for p in range(n):
        others = [q for q in range(n) if q != p]
        G = system.rows[p][sid]
        val = _contract(G, [xs[q] for q in others]).reshape(B, -1)
        values.append(val)
        lo, hi = system.offsets[p], system.offsets[p + 1]
        f[:, lo:hi] = val[:, :system.d[p]]
        if system.d[p] == 0:
            continue
        Gp = G[:, :system.d[p]]
        for q in others:
            if system.d[q] == 0:
                continue
            mats = [xs[r] if r != q else _derivative(system.sizes[q])[None] for r in others]
            J[:, lo:hi, system.offsets[q]:system.offsets[q + 1]] = _contract(Gp, mats).reshape(B, system.d[p], system.d[q])
    return f, J, values


def _ranges(system: SupportSystem, sid: np.ndarray, corners: list[np.ndarray], jacobian: bool = True,
            full: list[np.ndarray] | None = None):
    """Exact ranges over boxes given by each block's corner points (B, c_q, k_q).

    Returns the equations' lower and upper bounds (B, D); whether some action
    is certainly beaten (B,): an outside action earns strictly more than a
    support action everywhere, or two support actions can never tie; and the
    Jacobian's bounds (B, D, D) when ``jacobian``. ``full``, when given,
    receives each player's equations at the corners of the others' blocks
    (see :func:`_full_corners`).
    """
    n = len(system.sizes)
    B = len(sid)
    D = system.dim
    flo = np.zeros((B, D))
    fhi = np.zeros((B, D))
    beaten = np.zeros(B, dtype=bool)
    Jlo = Jhi = None
    for p in range(n):
        others = [q for q in range(n) if q != p]
        G = system.rows[p][sid]
        dp = system.d[p]
        if G.shape[1] == 0:
            if full is not None:
                full.append(np.zeros((B, 0, 1)))
            continue
        V = _contract(G, [corners[q] for q in others]).reshape(B, G.shape[1], -1)
        if full is not None:
            full.append(V[:, :dp])
        a, b = system.offsets[p], system.offsets[p + 1]
        flo[:, a:b] = V[:, :dp].min(axis=2)
        fhi[:, a:b] = V[:, :dp].max(axis=2)
        if G.shape[1] > dp:
            # some action b outside the support beats some support action a everywhere (a = S_p[0]: row 0)
            W = np.concatenate([np.zeros((B, 1, V.shape[2])), V[:, :dp]], axis=1)
            gap = (V[:, dp:, None, :] - W[:, None, :, :]).min(axis=3)
            beaten |= (gap > _MARGIN).any(axis=(1, 2))
    if jacobian:
        Jlo, Jhi = _jacobian_ranges(system, sid, corners)
    return flo, fhi, beaten, Jlo, Jhi


def _full_corners(system: SupportSystem, values: list[np.ndarray], corners: list[np.ndarray]) -> np.ndarray:
    """Every equation at every corner of the whole box (B, D, 2**D), from each player's values at the
    corners of the others' blocks (constant along the player's own block)."""
    n = len(system.sizes)
    B = values[0].shape[0]
    out = np.empty((B, system.dim, 2 ** system.dim))
    for p in range(n):
        dp = system.d[p]
        if dp == 0:
            continue
        others = [q for q in range(n) if q != p]
        W0 = values[p].reshape((B, dp) + tuple(corners[q].shape[1] for q in others))
        W0 = np.expand_dims(W0, 2 + p)
        target = (B, dp) + tuple(c.shape[1] for c in corners)
        out[:, system.offsets[p]:system.offsets[p + 1]] = np.broadcast_to(W0, target).reshape(B, dp, -1)
    return out


def _jacobian_ranges(system: SupportSystem, sid: np.ndarray, corners: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Exact bounds (B, D, D) of the Jacobian over boxes given by each block's corner points."""
    n = len(system.sizes)
    B = len(sid)
    D = system.dim
    Jlo = np.zeros((B, D, D))
    Jhi = np.zeros((B, D, D))
    for p in range(n):
        dp = system.d[p]
        if dp == 0:
            continue
        others = [q for q in range(n) if q != p]
        Gp = system.rows[p][sid][:, :dp]
        a, b = system.offsets[p], system.offsets[p + 1]
        for q in others:
            if system.d[q] == 0:
                continue
            mats = [corners[r] if r != q else _derivative(system.sizes[q])[None] for r in others]
            W = _contract(Gp, mats)  # (B, dp, ..., d_q at q's place, ...)
            W = np.moveaxis(W, 2 + others.index(q), 2).reshape(B, dp, system.d[q], -1)
            Jlo[:, a:b, system.offsets[q]:system.offsets[q + 1]] = W.min(axis=3)
            Jhi[:, a:b, system.offsets[q]:system.offsets[q + 1]] = W.max(axis=3)
    return Jlo, Jhi


def prune(system: SupportSystem) -> np.ndarray:
    """Profiles of the batch that may hold an equilibrium (conditional dominance, Porter et al. 2008).

    Over the product of the others' support simplices (whose extreme points
    are their pure actions), a profile is dropped when some player's support
    action is beaten everywhere by another action, or two of its support
    actions can never earn the same.
    """
    sid = np.arange(len(system.supports))
    corners = [np.eye(k)[None] for k in system.sizes]
    flo, fhi, beaten, _, _ = _ranges(system, sid, corners, jacobian=False)
    return ~(beaten | (flo > _MARGIN).any(axis=1) | (fhi < -_MARGIN).any(axis=1))


def _outside_simplex(system: SupportSystem, lo: np.ndarray) -> np.ndarray:
    """Boxes whose every point gives some player's first support action probability <= 0."""
    out = np.zeros(lo.shape[0], dtype=bool)
    for q in range(len(system.sizes)):
        if system.d[q]:
            out |= lo[:, system.offsets[q]:system.offsets[q + 1]].sum(axis=1) >= 1.0
    return out


@dataclass
class Isolation:
    """What the search found for a batch: proven solutions, and the undecided small boxes."""

    root_sid: np.ndarray  # (R,) the profile of each solution
    roots: np.ndarray  # (R, D) refined points, each the unique solution of a proven box
    undecided_sid: np.ndarray  # (U,)
    undecided_lo: np.ndarray  # (U, D)
    undecided_hi: np.ndarray  # (U, D)
    exhausted: np.ndarray  # profiles whose search MAX_BOXES stopped


def _test(system: SupportSystem, sid: np.ndarray, lo: np.ndarray, hi: np.ndarray,
          roots: list[np.ndarray], root_sid: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Discard, prove or keep each box; proven solutions are appended to ``roots``; returns the kept boxes."""
    D = system.dim
    eye = np.eye(D)
    width = hi - lo
    wlo = lo - _INFLATE * width
    whi = hi + _INFLATE * width
    corners = [_corners(wlo[:, system.offsets[q]:system.offsets[q + 1]], whi[:, system.offsets[q]:system.offsets[q + 1]])
               for q in range(len(system.sizes))]
    values: list[np.ndarray] = []
    flo, fhi, beaten, _, _ = _ranges(system, sid, corners, jacobian=False, full=values)
    keep = ~(beaten | (flo > _MARGIN).any(axis=1) | (fhi < -_MARGIN).any(axis=1))
    sid, lo, hi, wlo, whi = sid[keep], lo[keep], hi[keep], wlo[keep], whi[keep]
    if not len(lo):
        return sid, lo, hi
    corners = [c[keep] for c in corners]
    full = _full_corners(system, [v[keep] for v in values], corners)
    Jlo, Jhi = _jacobian_ranges(system, sid, corners)
    # Krawczyk: K = m - Y f(m) + (I - Y J(X)) (X - m), with Y the inverse Jacobian at the centre
    m = (wlo + whi) / 2
    r = (whi - wlo) / 2
    fm, Jm, _ = evaluate(system, sid, m)
    with np.errstate(all="ignore"):
        det = np.linalg.det(Jm)
        good = np.isfinite(det) & (np.abs(det) > 0)
        Y = np.zeros_like(Jm)
        if good.any():
            Y[good] = np.linalg.inv(Jm[good])
        Jc = (Jlo + Jhi) / 2
        Jr = (Jhi - Jlo) / 2
        step = -np.einsum("bij,bj->bi", Y, fm)
        spread = np.einsum("bij,bj->bi", np.abs(eye - Y @ Jc) + np.abs(Y) @ Jr, r)
        good &= np.isfinite(step).all(axis=1) & np.isfinite(spread).all(axis=1)
        if full is not None:
            # the equations combined by Y are multi-affine too: their exact range is over the corners
            pre = Y @ full
            margin = _MARGIN * np.abs(Y).sum(axis=2)
            gone = good & ((pre.min(axis=2) > margin) | (pre.max(axis=2) < -margin)).any(axis=1)
            good &= ~gone
        inside = good & (np.abs(step) + spread < r).all(axis=1)
        apart = good & ((step + spread < -r) | (step - spread > r)).any(axis=1)
        if full is not None:
            apart |= gone
    if inside.any():
        roots.append(_newton(system, sid[inside], m[inside] + step[inside]))
        root_sid.append(sid[inside])
    rest = ~inside & ~apart
    return sid[rest], lo[rest], hi[rest]


def isolate(system: SupportSystem, max_boxes: int = MAX_BOXES, deadline: float | None = None) -> Isolation:
    """Every solution in the unit box of each profile's system, proven unique in its box (see the module doc).

    After ``deadline`` (a ``time.monotonic()`` value) the boxes left are handed back undecided, and
    their profiles listed as exhausted.
    """
    D = system.dim
    S = len(system.supports)
    if D == 0:
        sid = np.arange(S)
        _, _, values = evaluate(system, sid, np.zeros((S, 0)))
        ok = np.ones(S, dtype=bool)
        for v in values:
            ok &= (v <= _MARGIN).all(axis=1)
        return Isolation(sid[ok], np.zeros((int(ok.sum()), 0)), np.zeros(0, dtype=np.intp), np.zeros((0, 0)),
                         np.zeros((0, 0)), np.zeros(0, dtype=np.intp))
    sid = np.arange(S)
    lo = np.zeros((S, D))
    hi = np.ones((S, D))
    roots: list[np.ndarray] = []
    root_sid: list[np.ndarray] = []
    und: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    examined = np.zeros(S, dtype=np.int64)
    exhausted: list[np.ndarray] = []
    while len(lo):
        np.add.at(examined, sid, 1)
        over = examined[sid] > max_boxes
        if deadline is not None and time.monotonic() > deadline:
            over[:] = True
        if over.any():
            und.append((sid[over], lo[over], hi[over]))
            exhausted.append(np.unique(sid[over]))
            sid, lo, hi = sid[~over], lo[~over], hi[~over]
        keep = ~_outside_simplex(system, lo)
        sid, lo, hi = sid[keep], lo[keep], hi[keep]
        if not len(lo):
            break
        chunk = max(1, _FULL_CORNERS // (D * 2 ** D))
        parts = []
        for c in range(0, len(sid), chunk):
            if deadline is not None and time.monotonic() > deadline:  # left for the next round to hand back
                parts.append((sid[c:], lo[c:], hi[c:]))
                break
            parts.append(_test(system, sid[c:c + chunk], lo[c:c + chunk], hi[c:c + chunk], roots, root_sid))
        sid = np.concatenate([q[0] for q in parts])
        lo = np.concatenate([q[1] for q in parts])
        hi = np.concatenate([q[2] for q in parts])
        width = hi - lo
        small = width.max(axis=1) < MIN_WIDTH
        if small.any():
            und.append((sid[small], lo[small], hi[small]))
        sid, lo, hi, width = sid[~small], lo[~small], hi[~small], width[~small]
        if not len(lo):
            break
        # split the (up to 3) widest sides when at least half as wide as the widest: fewer rounds
        split = width >= 0.5 * width.max(axis=1, keepdims=True)
        if D > 3:
            split &= width >= np.sort(width, axis=1)[:, -3:-2]
        for j in range(D):
            rows = np.flatnonzero(split[:, j])
            if not len(rows):
                continue
            cut = lo[rows, j] + _SPLIT * width[rows, j]
            lo2, hi2 = lo[rows].copy(), hi[rows].copy()
            lo2[:, j] = cut
            hi[rows, j] = cut
            sid = np.concatenate([sid, sid[rows]])
            lo = np.concatenate([lo, lo2])
            hi = np.concatenate([hi, hi2])
            width = np.concatenate([width, width[rows]])
            split = np.concatenate([split, split[rows]])
    cat = np.concatenate
    return Isolation(cat(root_sid) if root_sid else np.zeros(0, dtype=np.intp),
                     cat(roots) if roots else np.zeros((0, D)),
                     cat([u[0] for u in und]) if und else np.zeros(0, dtype=np.intp),
                     cat([u[1] for u in und]) if und else np.zeros((0, D)),
                     cat([u[2] for u in und]) if und else np.zeros((0, D)),
                     cat(exhausted) if exhausted else np.zeros(0, dtype=np.intp))


def _newton(system: SupportSystem, sid: np.ndarray, y: np.ndarray, steps: int = 4) -> np.ndarray:
    """A few Newton steps from points already in the basin of a proven solution."""
    for _ in range(steps):
        f, J, _ = evaluate(system, sid, y)
        try:
            y = y - np.linalg.solve(J, f[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:  # pragma: no cover - proven boxes have non-singular Jacobians
            break
    return y


def gauss_newton(system: SupportSystem, sid: np.ndarray, y: np.ndarray, steps: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """Minimum-norm Gauss-Newton from each row of ``y`` onto the solution set; returns points and residuals."""
    for _ in range(steps):
        f, J, _ = evaluate(system, sid, y)
        if not f.size or np.abs(f).max() < 1e-15:  # converged to rounding (the system is scaled to max |u| = 1)
            break
        y = y - (np.linalg.pinv(J) @ f[:, :, None])[:, :, 0]
    f, _, _ = evaluate(system, sid, y)
    return y, (np.abs(f).max(axis=1) if f.shape[1] else np.zeros(len(y)))
