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

from coopgame.equilibria._checks import require_numeric, require_two_players
from coopgame.equilibria._faces import solve_faces
from coopgame.equilibria._finish import finish_bimatrix
from coopgame.equilibria._polytope import LABEL_TOL, labelled_vertices, normalise
from coopgame.equilibria.result import Equilibrium  # noqa: F401  (return type)
from coopgame.errors import SolverError, SolverLimitError

__all__ = ["vertex_enumeration", "MAX_POLYTOPE_DIMENSION"]

#: Vertex enumeration refuses best-response polytopes of higher dimension
#: (the number of actions of the player with fewer actions, or of the other
#: player when the game is degenerate): the number of vertices grows
#: exponentially with it.
MAX_POLYTOPE_DIMENSION = 16


def _limit(dimension: int, who: str) -> None:
    if dimension > MAX_POLYTOPE_DIMENSION:
        raise SolverLimitError(
            f"vertex_enumeration: the {who} has {dimension} actions, above the limit of "
            f"{MAX_POLYTOPE_DIMENSION} (coopgame.equilibria.vertex_enumeration.MAX_POLYTOPE_DIMENSION) "
            "for enumerating all equilibria; use mixed_equilibria(game, method='lemke_howson') "
            "to find one equilibrium"
        )


def _extreme_pairs(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
        _limit(n, "opponent of the player with fewer actions (degenerate game)")
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


def vertex_enumeration(game: Any) -> list[Equilibrium]:
    """All extreme equilibria of a two-player game, degenerate or not.

    Parameters
    ----------
    game : NormalFormGame
        Two players. Exact games give exact equilibria with zero regret.

    Returns
    -------
    list of Equilibrium
        The extreme equilibria: every equilibrium of the game is a convex
        combination of extreme equilibria lying in a common component, the
        same set as Gambit's ``enummixed``.

    Raises
    ------
    SolverLimitError
        When a best-response polytope to enumerate has more than
        :data:`MAX_POLYTOPE_DIMENSION` dimensions.

    Examples
    --------
    A degenerate game: the column player is indifferent, so whole segments of
    profiles are equilibria; vertex enumeration returns their end points.

    >>> import coopgame as cg
    >>> game = cg.NormalFormGame([[[1, 0], [0, 1]], [[1, 1], [1, 1]]], exact=True)
    >>> for eq in cg.vertex_enumeration(game):
    ...     print(eq)
    Equilibrium(Player 1: 1; Player 2: 1; payoffs 1, 1)
    Equilibrium(Player 1: 1; Player 2: 1/2 1 + 1/2 2; payoffs 1/2, 1)
    Equilibrium(Player 1: 2; Player 2: 1/2 1 + 1/2 2; payoffs 1/2, 1)
    Equilibrium(Player 1: 2; Player 2: 2; payoffs 1, 1)

    Row 1 against any column mixture with at least half on column 1 is an
    equilibrium (a segment from the first to the second profile), and so on.
    """
    game = require_numeric(game, "vertex_enumeration")
    require_two_players(game, "vertex_enumeration")
    m, n = game.shape
    _limit(min(m, n), "player with fewer actions")
    Af, Bf = game.float_payoffs
    A, B = normalise(Af), normalise(Bf)
    try:
        if m <= n:
            X, Y = _extreme_pairs(A, B)
        else:
            Y, X = _extreme_pairs(B.T, A.T)
    except SolverError:  # floating-point trouble: finish_bimatrix solves the game exactly instead
        X = Y = None
    return finish_bimatrix(game, X, Y, "vertex_enumeration")
