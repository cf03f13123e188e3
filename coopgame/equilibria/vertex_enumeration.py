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

from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._numeric import as_float, exact_solve
from coopgame.equilibria._checks import require_numeric, require_two_players
from coopgame.equilibria._faces import solve_faces
from coopgame.equilibria._polytope import LABEL_TOL, labelled_vertices, normalise
from coopgame.equilibria.result import Equilibrium, sort_equilibria
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


def _to_strategies(V: np.ndarray) -> np.ndarray:
    """Rows of vertices scaled to probability vectors, entries below the tolerance set to 0."""
    V = np.where(V > LABEL_TOL * np.maximum(1.0, V.max(axis=1, keepdims=True)), V, 0.0)
    return V / V.sum(axis=1, keepdims=True)


def _exact_strategy(M: Any, x: np.ndarray, Mf: np.ndarray) -> np.ndarray | None:
    """Recompute a strategy exactly: support of ``x``, opponent indifferent over its best replies.

    ``M`` is the opponent's exact payoff matrix oriented (our actions, their actions).
    """
    support = np.flatnonzero(x > 0)
    values = x @ Mf
    spread = max(1.0, float(np.abs(Mf).max()))
    replies = np.flatnonzero(values >= values.max() - 10 * LABEL_TOL * spread)
    # unknowns: x_S and the opponent's value v; x_S . M[S, j] = v for j in replies; sum x_S = 1
    rows = [[M[i, j] for i in support] + [-1] for j in replies]
    rows.append([1] * len(support) + [0])
    rhs = [0] * len(replies) + [1]
    sol = exact_solve(rows, rhs)
    if sol is None:
        return None
    out = np.array([Fraction(0)] * len(x), dtype=object)
    for i, val in zip(support, sol[:-1]):
        out[i] = val
    return out


def _numerical_trouble(what: str) -> SolverError:
    return SolverError(f"vertex_enumeration: {what} (numerical trouble); please report this game")


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
    A degenerate game: the column player is indifferent, so the row player's
    equilibrium mixtures form a segment with two extreme points.

    >>> import coopgame as cg
    >>> game = cg.NormalFormGame([[[1, 0], [0, 1]], [[1, 1], [1, 1]]], exact=True)
    >>> for eq in cg.vertex_enumeration(game):
    ...     print(eq)
    Equilibrium(Player 1: 1; Player 2: 1; payoffs 1, 1)
    Equilibrium(Player 1: 1/2 1 + 1/2 2; Player 2: 1/2 1 + 1/2 2; payoffs 1/2, 1)
    Equilibrium(Player 1: 2; Player 2: 2; payoffs 1, 1)
    """
    game = require_numeric(game, "vertex_enumeration")
    require_two_players(game, "vertex_enumeration")
    m, n = game.shape
    _limit(min(m, n), "player with fewer actions")
    Af, Bf = game.float_payoffs
    A, B = normalise(Af), normalise(Bf)
    if m <= n:
        X, Y = _extreme_pairs(A, B)
    else:
        Y, X = _extreme_pairs(B.T, A.T)
    X, Y = _to_strategies(X), _to_strategies(Y)
    if game.is_exact:
        Ae, Be = game.payoffs
        out = []
        for x, y in zip(X, Y):
            xe = _exact_strategy(Be, x, Bf)
            ye = _exact_strategy(Ae.T, y, Af.T)
            if xe is None or ye is None:
                raise _numerical_trouble("could not recompute an equilibrium exactly")
            eq = Equilibrium._trusted(game, (xe, ye), method="vertex_enumeration")
            if eq.max_regret() != 0:
                raise _numerical_trouble("an equilibrium recomputed exactly has positive regret")
            out.append(eq)
        return sort_equilibria(out)
    # float games: verify every profile at once, then wrap
    AY, XB = Y @ Af.T, X @ Bf
    u1, u2 = (AY * X).sum(axis=1), (XB * Y).sum(axis=1)
    regret = np.maximum(AY.max(axis=1) - u1, XB.max(axis=1) - u2)
    if len(regret) and regret.max() > game.tolerance:
        raise _numerical_trouble(f"a computed profile has regret {regret.max():.3g} above {game.tolerance:.3g}")
    out = [Equilibrium._trusted(game, (x, y), np.array([a, b]), method="vertex_enumeration")
           for x, y, a, b in zip(X, Y, u1, u2)]
    return sort_equilibria(out)
