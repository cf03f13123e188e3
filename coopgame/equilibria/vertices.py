"""All extreme Nash equilibria of a two-player game by vertex enumeration.

The extreme equilibria (vertices of every equilibrium component, the set
Gambit's ``enummixed`` returns) are the completely labelled pairs of vertices
of the two best-response polytopes (see :mod:`coopgame.equilibria._polytope`).

The algorithm enumerates the vertices of the polytope of the player with fewer
actions only: by Qhull for small polytopes, by compiled lexicographic reverse
search (:mod:`coopgame.equilibria._reverse_search`, the method of lrs) for
larger ones, under a time budget. For a vertex ``x`` the opponent's compatible
points form a face of the other polytope, cut out by the labels ``x`` lacks;
when that face is a single point it is found by one small linear solve. When
it may be larger, which happens in degenerate games, its vertices are found
by solving every choice of further tight constraints on it (few: the face
has low dimension), and only if that is too many is the vertex matched
against all vertices of the other polytope.

Exact games are solved in floating point first; each equilibrium is then
recomputed in rational arithmetic from its supports and best-response sets
and verified to have zero regret.
"""

from __future__ import annotations

import math
import time
from itertools import combinations
from typing import Any

import numpy as np

from coopgame._checks import check_bool, check_int, check_real, check_size, public
from coopgame.equilibria import _faces
from coopgame.equilibria._faces import solve_faces
from coopgame.equilibria._finish import finish_bimatrix
from coopgame.equilibria._linalg import solve_stack
from coopgame.equilibria._polytope import LABEL_TOL, labelled_vertices, normalise
from coopgame.equilibria._reverse_search import walk_polytope
from coopgame.errors import SolverError
from coopgame.games.coerce import GameLike, as_normal_form, require_two_players
from coopgame.results import Solutions

__all__ = ["vertex_enumeration", "MAX_SECONDS"]

#: Default time budget of :func:`vertex_enumeration`, in seconds: larger games are refused when their
#: estimated running time (measured on a sample of the enumeration) exceeds it.
MAX_SECONDS = 300.0

#: Largest number of candidate bases tried on the face of one degenerate vertex before matching against
#: all vertices of the other polytope instead.
MAX_FACE_BASES = 20_000

#: Without numba, polytopes up to this dimension are enumerated by Qhull (fast there); larger ones by the
#: reverse search run as plain Python, which the time budget then usually refuses.
QHULL_DIMENSION = 14

#: With numba, polytopes above this dimension are enumerated by the compiled reverse search. Up to it
#: Qhull is used: the reverse search is 1.5-3x faster there too, but compiling its kernel costs seconds
#: in a fresh environment (cached on disk afterwards), a bad trade for a small game.
WALK_DIMENSION = 10


def _use_walk(dimension: int) -> bool:
    if _faces.HAVE_NUMBA:  # read at call time: tests switch it off
        return dimension > WALK_DIMENSION
    return dimension > QHULL_DIMENSION


def _limit(dimension: int, who: str, max_dimension: int | None) -> None:
    if max_dimension is None:
        return
    check_size("vertex_enumeration", dimension, max_dimension,
               what=f"the number of actions of the {who} (the dimension of the polytope whose vertices are enumerated)",
               limit_name="max_dimension",
               alternative="mixed_equilibria(game, method='lemke_howson') to find one equilibrium")


def _labelled(other: np.ndarray, budget: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All non-zero vertices of ``{x >= 0, other^T x <= 1}`` with their labels (see _polytope.labelled_vertices)."""
    if not _use_walk(other.shape[0]):
        return labelled_vertices(other)
    _, _, V, Z, B = walk_polytope(other, None, LABEL_TOL, **budget)
    if len(V) == 0:
        raise SolverError("vertex_enumeration: found no vertex of a best-response polytope (numerical trouble)")
    return V, Z, B


def _match(xverts: np.ndarray, x_zero: np.ndarray, x_br: np.ndarray, A: np.ndarray, n: int,
           max_dimension: int | None, budget: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Pair labelled x-vertices with every vertex of the other polytope that completes their labels."""
    _limit(n, "opponent of the player with fewer actions (degenerate game)", max_dimension)
    yverts, y_zero, y_br = _labelled(A.T, budget)
    missing = (~x_zero).astype(float) @ (~y_br).astype(float).T
    missing += (~x_br).astype(float) @ (~y_zero).astype(float).T
    ix, iy = np.nonzero(missing == 0)
    return xverts[ix], yverts[iy]


def _independent_rows(M: np.ndarray) -> list[int]:
    """Indices of a maximal set of linearly independent rows of ``M`` (greedy, in order)."""
    rows: list[int] = []
    for i in range(len(M)):
        if np.linalg.matrix_rank(M[rows + [i]], tol=LABEL_TOL) == len(rows) + 1:
            rows.append(i)
    return rows


def _face_partners(xverts: np.ndarray, x_zero: np.ndarray, x_br: np.ndarray,
                   A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Partners of degenerate x-vertices, by enumerating each one's face of the other polytope.

    For a vertex ``x`` with support ``S`` and best-reply set ``T`` (``|T| > |S|``)
    the compatible points form the face ``{y_T >= 0 : A[S, T] y_T = 1,
    A[i, T] y_T <= 1}`` of the opponent's polytope; its vertices are the
    feasible solutions of the ``|S|`` equations plus ``|T| - |S|`` further
    tight constraints, all tried (when ``A[S, T]`` is rank-deficient, a
    maximal independent set of its equations, the others checked after).
    Returns ``(X, Y, failed)``: ``failed`` marks the vertices with too many
    combinations, which the caller matches against all vertices of the other
    polytope instead.
    """
    m, n = A.shape
    xs, ys = [np.zeros((0, m))], [np.zeros((0, n))]
    failed = np.zeros(len(xverts), dtype=bool)
    for v, (x, zero, br) in enumerate(zip(xverts, x_zero, x_br)):
        S, T = np.flatnonzero(~zero), np.flatnonzero(br)
        t = len(T)
        others = np.flatnonzero(zero)
        AST = A[np.ix_(S, T)]
        basis = _independent_rows(AST)
        extra = t - len(basis)
        if math.comb(t + len(others), extra) > MAX_FACE_BASES:
            failed[v] = True
            continue
        options = np.vstack([np.eye(t), A[np.ix_(others, T)]])  # y_j = 0 (j in T), or (A y)_i = 1 (i off S)
        rhs_options = np.concatenate([np.zeros(t), np.ones(len(others))])
        combos = np.array(list(combinations(range(len(options)), extra)), dtype=np.int64).reshape(-1, extra)
        mats = np.concatenate([np.broadcast_to(AST[basis], (len(combos), len(basis), t)), options[combos]], axis=1)
        rhs = np.concatenate([np.ones((len(combos), len(basis))), rhs_options[combos]], axis=1)
        sol, ok = solve_stack(mats, rhs)
        sol = sol[ok]
        sol = sol[(np.abs(sol @ AST.T - 1) <= LABEL_TOL).all(axis=1)]  # the dependent equations hold too
        feasible = (sol >= -LABEL_TOL).all(axis=1) & (sol @ A[:, T].T <= 1 + LABEL_TOL).all(axis=1)
        sol = sol[feasible]
        if len(sol) == 0:
            continue
        tight = np.concatenate([sol <= LABEL_TOL, sol @ A[:, T].T >= 1 - LABEL_TOL], axis=1)
        _, first = np.unique(np.packbits(tight, axis=1), axis=0, return_index=True)
        y = np.zeros((len(first), n))
        y[:, T] = sol[np.sort(first)]
        xs.append(np.broadcast_to(x, (len(y), m)))
        ys.append(y)
    return np.concatenate(xs), np.concatenate(ys), failed


def _extreme_pairs(A: np.ndarray, B: np.ndarray, max_dimension: int | None,
                   budget: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Completely labelled vertex pairs (x, y) for normalised positive A, B (x over the rows)."""
    m, n = A.shape
    xs, ys = [np.zeros((0, m))], [np.zeros((0, n))]
    if _use_walk(m):
        X, Y, V, Z, Br = walk_polytope(B, A, LABEL_TOL, **budget)
        xs.append(X)
        ys.append(Y)
    else:
        verts, zero_lab, br_lab = labelled_vertices(B)
        supp = ~zero_lab
        irregular = supp.sum(axis=1) != br_lab.sum(axis=1)
        rows = np.flatnonzero(~irregular)
        if len(rows):
            y, ok, feasible = solve_faces(A, supp[rows], br_lab[rows], LABEL_TOL)
            irregular[rows[~ok]] = True
            xs.append(verts[rows[feasible]])
            ys.append(y[feasible])
        V, Z, Br = verts[irregular], zero_lab[irregular], br_lab[irregular]
    if len(V):  # degenerate or ill-conditioned vertices: their partners span a face of the other polytope
        Xd, Yd, failed = _face_partners(V, Z, Br, A)
        xs.append(Xd)
        ys.append(Yd)
        if failed.any():
            Xd, Yd = _match(V[failed], Z[failed], Br[failed], A, n, max_dimension, budget)
            xs.append(Xd)
            ys.append(Yd)
    return np.concatenate(xs), np.concatenate(ys)


@public
def vertex_enumeration(game: GameLike, *, max_seconds: float = MAX_SECONDS, progress: bool | None = None,
                       max_dimension: int | None = None) -> Solutions[Any]:
    """All extreme equilibria of a two-player game, degenerate or not.

    Parameters
    ----------
    game : NormalFormGame
        Two players. Exact games give exact equilibria with zero regret.
    max_seconds : float, default :data:`MAX_SECONDS` (300)
        Time budget. Games with more than about 12 actions per player are
        first sampled: the enumeration runs for a moment, the number of
        vertices to visit is estimated (Knuth's estimator of the size of the
        reverse-search tree), and the game is refused when the extrapolated
        time exceeds ``max_seconds``; the estimate is checked again as the
        enumeration runs. ``float('inf')`` never refuses.
    progress : bool or None, default None
        A tqdm progress bar with the estimated time left: None shows one in a
        terminal or notebook when the work lasts over a second; True always;
        False never.
    max_dimension : int or None, default None
        Optional fixed cap on the dimension of a best-response polytope (the
        number of actions of the player with fewer actions, or of the other
        player when the game is degenerate); None for no cap.

    Returns
    -------
    Solutions of Equilibrium
        The extreme equilibria (``is_complete``): every equilibrium of the
        game is a convex combination of extreme equilibria lying in a common
        component, the same set as Gambit's ``enummixed`` and lrsnash.

    Raises
    ------
    SolverLimitError
        When the estimated running time exceeds ``max_seconds`` (the message
        gives the estimate), or a polytope's dimension exceeds ``max_dimension``.

    Notes
    -----
    The vertices of the smaller player's best-response polytope are
    enumerated by Qhull (on the polar) up to 10 actions, and above by
    lexicographic reverse search (Avis and Fukuda 1992, as in lrs), compiled
    by numba (without numba: Qhull up to 14 actions, the reverse search as
    plain Python above). Each nondegenerate vertex's partner is one small
    linear solve; a degenerate vertex's partners are the vertices of a face
    of the other polytope, enumerated directly.

    Examples
    --------
    A degenerate game: the column player is indifferent, so whole segments of
    profiles are equilibria; vertex enumeration returns their end points.

    >>> import coopgame as cg
    >>> game = cg.NormalFormGame([[[1, 0], [0, 1]], [[1, 1], [1, 1]]], exact=True)
    >>> for eq in cg.equilibria.vertex_enumeration(game):
    ...     print(eq)
    Equilibrium(Player 1: 1; Player 2: 1; payoffs 1, 1)
    Equilibrium(Player 1: 1; Player 2: 1/2 1 + 1/2 2; payoffs 1/2, 1)
    Equilibrium(Player 1: 2; Player 2: 1/2 1 + 1/2 2; payoffs 1/2, 1)
    Equilibrium(Player 1: 2; Player 2: 2; payoffs 1, 1)

    Row 1 against any column mixture with at least half on column 1 is an
    equilibrium (a segment from the first to the second profile), and so on.

    A budget too small for the work is refused with the estimate:

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> big = cg.NormalFormGame([rng.integers(0, 100, (18, 18)) for _ in range(2)])
    >>> cg.equilibria.vertex_enumeration(big, max_seconds=0.01)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coopgame.errors.SolverLimitError: vertex_enumeration: expected an estimated running time of at most max_seconds=0.01 s, got about ...
    """
    started = time.perf_counter()
    where = "vertex_enumeration"
    game = as_normal_form(game, where)
    require_two_players(game, where, "support_polynomial(game) or pure_equilibria(game)")
    max_seconds = check_real(max_seconds, "max_seconds", where, minimum=0, open_min=True, allow_inf=True)
    if progress is not None:
        progress = check_bool(progress, "progress", where)
    if max_dimension is not None:
        max_dimension = check_int(max_dimension, "max_dimension", where, minimum=1)
    m, n = game.shape
    _limit(min(m, n), "player with fewer actions", max_dimension)
    budget = {"where": where, "max_seconds": max_seconds, "progress": progress, "started": started}
    Af, Bf = game.float_payoffs
    A, B = normalise(Af), normalise(Bf)
    X: np.ndarray | None
    Y: np.ndarray | None
    try:
        if m <= n:
            X, Y = _extreme_pairs(A, B, max_dimension, budget)
        else:
            Y, X = _extreme_pairs(B.T, A.T, max_dimension, budget)
    except SolverError:  # floating-point trouble: finish_bimatrix solves the game exactly instead
        X = Y = None
    found = finish_bimatrix(game, X, Y, where)
    return Solutions(found, method=where, is_exact=game.is_exact, is_complete=True)
