"""All extreme Nash equilibria of a two-player game by vertex enumeration.

The extreme equilibria (vertices of every equilibrium component, the set
Gambit's ``enummixed`` returns) are the completely labelled pairs of vertices
of the two best-response polytopes (see :mod:`coopgame.equilibria._polytope`).

The algorithm enumerates the vertices of the polytope of the player with fewer
actions only. For a vertex ``x`` the opponent's compatible points form a face
of the other polytope, cut out by the labels ``x`` lacks; when that face is a
single point it is found by one small linear solve (vectorised over all
vertices). Only vertices whose face may be larger, which happens in degenerate
games, are matched against the vertices of the other polytope. Degenerate
games are therefore handled exactly as non-degenerate ones are, at the cost of
a second vertex enumeration when they occur.

Exact games are solved in floating point first; each equilibrium is then
recomputed in rational arithmetic from its supports and best-response sets
and verified to have zero regret.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from coopgame._checks import check_int, check_size, public
from coopgame.equilibria._faces import solve_faces
from coopgame.equilibria._finish import finish_bimatrix
from coopgame.equilibria._polytope import LABEL_TOL, labelled_vertices, normalise
from coopgame.errors import SolverError
from coopgame.games.coerce import GameLike, as_normal_form, require_two_players
from coopgame.results import Solutions

__all__ = ["vertex_enumeration", "MAX_POLYTOPE_DIMENSION"]

#: Vertex enumeration refuses best-response polytopes of higher dimension
#: (the number of actions of the player with fewer actions, or of the other
#: player when the game is degenerate): the number of vertices grows
#: exponentially with it.
MAX_POLYTOPE_DIMENSION = 16


def _limit(dimension: int, who: str, max_dimension: int) -> None:
    check_size("vertex_enumeration", dimension, max_dimension,
               what=f"the number of actions of the {who} (the dimension of the polytope whose vertices are enumerated)",
               limit_name="max_dimension",
               alternative="mixed_equilibria(game, method='lemke_howson') to find one equilibrium")


def _extreme_pairs(A: np.ndarray, B: np.ndarray, max_dimension: int) -> tuple[np.ndarray, np.ndarray]:
    """Completely labelled vertex pairs (x, y) for normalised positive A, B (x over the rows)."""
    m, n = A.shape
    verts, zero_lab, br_lab = labelled_vertices(B)
    supp = ~zero_lab
    irregular = supp.sum(axis=1) != br_lab.sum(axis=1)
    xs, ys = [], []
    rows = np.flatnonzero(~irregular)
    if len(rows):
        y, ok, feasible = solve_faces(A, supp[rows], br_lab[rows], LABEL_TOL)
        irregular[rows[~ok]] = True
        xs.append(verts[rows[feasible]])
        ys.append(y[feasible])
    if irregular.any():
        _limit(n, "opponent of the player with fewer actions (degenerate game)", max_dimension)
        yverts, y_zero, y_br = labelled_vertices(A.T)
        xi = np.flatnonzero(irregular)
        missing = (~zero_lab[xi]).astype(float) @ (~y_br).astype(float).T
        missing += (~br_lab[xi]).astype(float) @ (~y_zero).astype(float).T
        ix, iy = np.nonzero(missing == 0)
        xs.append(verts[xi[ix]])
        ys.append(yverts[iy])
    if not xs:
        return np.zeros((0, m)), np.zeros((0, n))
    return np.concatenate(xs), np.concatenate(ys)


@public
def vertex_enumeration(game: GameLike, *, max_dimension: int = MAX_POLYTOPE_DIMENSION) -> Solutions[Any]:
    """All extreme equilibria of a two-player game, degenerate or not.

    Parameters
    ----------
    game : NormalFormGame
        Two players. Exact games give exact equilibria with zero regret.
    max_dimension : int, default :data:`MAX_POLYTOPE_DIMENSION` (16)
        Largest dimension of a best-response polytope to enumerate (the
        number of vertices, hence the work, grows exponentially with it).

    Returns
    -------
    Solutions of Equilibrium
        The extreme equilibria (``is_complete``): every equilibrium of the
        game is a convex combination of extreme equilibria lying in a common
        component, the same set as Gambit's ``enummixed``.

    Raises
    ------
    SolverLimitError
        When a best-response polytope to enumerate has more than
        ``max_dimension`` dimensions.

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
    """
    game = as_normal_form(game, "vertex_enumeration")
    require_two_players(game, "vertex_enumeration", "support_polynomial(game) or pure_equilibria(game)")
    max_dimension = check_int(max_dimension, "max_dimension", "vertex_enumeration", minimum=1)
    m, n = game.shape
    _limit(min(m, n), "player with fewer actions", max_dimension)
    Af, Bf = game.float_payoffs
    A, B = normalise(Af), normalise(Bf)
    X: np.ndarray | None
    Y: np.ndarray | None
    try:
        if m <= n:
            X, Y = _extreme_pairs(A, B, max_dimension)
        else:
            Y, X = _extreme_pairs(B.T, A.T, max_dimension)
    except SolverError:  # floating-point trouble: finish_bimatrix solves the game exactly instead
        X = Y = None
    found = finish_bimatrix(game, X, Y, "vertex_enumeration")
    return Solutions(found, method="vertex_enumeration", is_exact=game.is_exact, is_complete=True)
