"""Nash equilibria of a two-player game by support enumeration.

For every pair of supports ``(I, J)`` of equal size ``k`` (a non-degenerate
game has no other equilibrium supports) the column strategy on ``J`` that
makes the row player indifferent on ``I`` is found, and kept when it is
positive and ``I`` is a best-reply set to it; then the row strategy on ``I``
making the column player indifferent on ``J`` is checked the same way. All
pairs of one size are solved in a few batched linear-algebra calls.

The method assumes a non-degenerate game. When it sees signs of degeneracy
(a singular system, or an equilibrium with more best replies than its
support size) it warns with :class:`~coopgame.DegenerateGameWarning`: it may
then have missed equilibria, and :func:`vertex_enumeration` is the method to
use.
"""

from __future__ import annotations

import math
import warnings
from itertools import combinations
from typing import Any

import numpy as np

from coopgame._checks import check_int, check_size, public
from coopgame._numeric import TOLERANCE
from coopgame.equilibria._finish import finish_bimatrix
from coopgame.equilibria._linalg import solve_stack
from coopgame.equilibria._polytope import unit_scaled
from coopgame.errors import DegenerateGameWarning
from coopgame.games.coerce import GameLike, as_normal_form, require_two_players
from coopgame.results import Solutions

__all__ = ["support_enumeration", "MAX_SUPPORT_PAIRS"]

#: Support enumeration refuses games with more pairs of equal-size supports
#: than this (the count is ``comb(m + n, m) - 1``).
MAX_SUPPORT_PAIRS = 2_000_000

#: Pairs of supports solved per batch (bounds memory).
_CHUNK = 50_000

#: Payoffs are rescaled to [0, 1] (``unit_scaled``), so comparisons use an absolute tolerance, a tenth of
#: the library's (the solutions are verified against the game's tolerance afterwards).
_TOL = TOLERANCE / 10


def _indifference(M: np.ndarray, rows: np.ndarray, cols: np.ndarray):
    """Strategies on ``cols`` making the row player of ``M`` indifferent over ``rows``.

    For each pair solves ``M[rows, cols] s = v 1`` with ``sum(s) = 1``.
    Returns ``(s, v, ok, suspect)``: ``ok`` False for singular or ill-conditioned
    systems, whose solutions are dropped; ``suspect`` marks those among them
    that may still have solutions (consistent singular systems: a continuum of
    indifferent strategies, the mark of a degenerate game; or ill-conditioned
    ones). Singular systems without any solution (the row player cannot be
    made indifferent on ``rows``) are not suspect: rock-paper-scissors has many.
    """
    p, k = rows.shape
    mats = np.zeros((p, k + 1, k + 1))
    mats[:, :k, :k] = M[rows[:, :, None], cols[:, None, :]]
    mats[:, :k, k] = -1.0
    mats[:, k, :k] = 1.0
    rhs = np.zeros((p, k + 1))
    rhs[:, k] = 1.0
    sol, ok = solve_stack(mats, rhs)
    suspect = np.zeros(p, dtype=bool)
    bad = np.flatnonzero(~ok)
    if bad.size:
        tol = TOLERANCE * (k + 1)  # entries of the scaled payoffs lie in [0, 1]
        rank = np.linalg.matrix_rank(mats[bad], tol=tol)
        augmented = np.concatenate([mats[bad], rhs[bad][:, :, None]], axis=2)
        suspect[bad] = rank == np.linalg.matrix_rank(augmented, tol=tol)
    return sol[:, :k], sol[:, k], ok, suspect


def _spread(vals: np.ndarray, idx: np.ndarray, size: int) -> np.ndarray:
    full = np.zeros((len(vals), size))
    np.put_along_axis(full, idx, vals, axis=1)
    return full


@public
def support_enumeration(game: GameLike, *, max_pairs: int = MAX_SUPPORT_PAIRS) -> Solutions[Any]:
    """Equilibria of a non-degenerate two-player game by enumerating supports.

    Parameters
    ----------
    game : NormalFormGame
        Two players. Exact games give exact equilibria.
    max_pairs : int, default :data:`MAX_SUPPORT_PAIRS` (2,000,000)
        Largest number of pairs of equal-size supports to solve
        (``comb(m + n, m) - 1`` for an ``m x n`` game).

    Returns
    -------
    Solutions of Equilibrium
        All equilibria of a non-degenerate game (which has finitely many):
        ``is_complete``. When the game looks degenerate the list is marked
        partial (``is_complete=False``), with a note.

    Warns
    -----
    DegenerateGameWarning
        When the game shows signs of degeneracy; some equilibria may then be
        missing, and :func:`vertex_enumeration` finds them all.

    Raises
    ------
    SolverLimitError
        When there are more than ``max_pairs`` support pairs.

    Examples
    --------
    >>> import coopgame as cg
    >>> chicken = cg.NormalFormGame([[[0, -1], [1, -10]], [[0, 1], [-1, -10]]],
    ...                             actions=[["Swerve", "Straight"]] * 2, exact=True)
    >>> for eq in cg.equilibria.support_enumeration(chicken):
    ...     print(eq)
    Equilibrium(Player 1: Swerve; Player 2: Straight; payoffs -1, 1)
    Equilibrium(Player 1: 9/10 Swerve + 1/10 Straight; Player 2: 9/10 Swerve + 1/10 Straight; payoffs -1/10, -1/10)
    Equilibrium(Player 1: Straight; Player 2: Swerve; payoffs 1, -1)
    """
    where = "support_enumeration"
    game = as_normal_form(game, where)
    require_two_players(game, where, "support_polynomial(game) or pure_equilibria(game)")
    max_pairs = check_int(max_pairs, "max_pairs", where, minimum=1)
    m, n = game.shape
    check_size(where, math.comb(m + n, m) - 1, max_pairs, what=f"the number of support pairs of a {m}x{n} game",
               limit_name="max_pairs",
               alternative="method='vertex_enumeration' for all equilibria or method='lemke_howson' for one")
    A, B = (unit_scaled(M) for M in game.float_payoffs)
    xs, ys = [], []
    # a pure strategy with several best replies makes the game degenerate (equilibria on supports of
    # unequal size, which this method does not look for)
    degenerate = bool(((A >= A.max(axis=0, keepdims=True) - _TOL).sum(axis=0) > 1).any()
                      or ((B >= B.max(axis=1, keepdims=True) - _TOL).sum(axis=1) > 1).any())
    for k in range(1, min(m, n) + 1):
        I_all = np.array(list(combinations(range(m), k)))
        J_all = np.array(list(combinations(range(n), k)))
        step = max(1, _CHUNK // len(J_all))
        for start in range(0, len(I_all), step):
            I = np.repeat(I_all[start:start + step], len(J_all), axis=0)
            J = np.tile(J_all, (min(step, len(I_all) - start), 1))
            # column strategy on J making the row player indifferent on I
            y, v, ok, suspect = _indifference(A, I, J)
            degenerate |= bool(suspect.any())
            keep = ok & (y > _TOL).all(axis=1)
            yfull = _spread(y[keep], J[keep], n)
            keep[keep] = (yfull @ A.T <= v[keep, None] + _TOL).all(axis=1)
            if not keep.any():
                continue
            I, J, yfull = I[keep], J[keep], _spread(y[keep], J[keep], n)
            # row strategy on I making the column player indifferent on J
            x, u, ok, suspect = _indifference(B.T, J, I)
            degenerate |= bool(suspect.any())
            keep = ok & (x > _TOL).all(axis=1)
            xfull = _spread(x[keep], I[keep], m)
            good = (xfull @ B <= u[keep, None] + _TOL).all(axis=1)
            xfull, yfull = xfull[good], yfull[keep][good]
            replies = ((yfull @ A.T >= (yfull @ A.T).max(axis=1, keepdims=True) - _TOL).sum(axis=1)
                       + (xfull @ B >= (xfull @ B).max(axis=1, keepdims=True) - _TOL).sum(axis=1))
            degenerate |= bool((replies > 2 * k).any())
            xs.append(xfull)
            ys.append(yfull)
    note = ""
    if degenerate:
        note = ("the game looks degenerate, so some equilibria may be missing; "
                "use vertex_enumeration(game) (or mixed_equilibria(game)) to find them all")
        warnings.warn(f"{where}: {note}", DegenerateGameWarning, stacklevel=2)
    X = np.concatenate(xs) if xs else np.zeros((0, m))
    Y = np.concatenate(ys) if ys else np.zeros((0, n))
    found = finish_bimatrix(game, X, Y, where)
    return Solutions(found, method=where, is_exact=game.is_exact, is_complete=not degenerate, note=note)
