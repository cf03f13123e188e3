"""One Nash equilibrium of a two-player game by the Lemke–Howson algorithm.

Complementary pivoting on the two best-response polytopes (Lemke and Howson
1964, in the tableau form of von Stengel 2007): starting from the artificial
equilibrium at the origin, the variable with a chosen label enters, and each
pivot lets the complement of the label that just left enter the other
tableau, until the chosen label leaves. A lexicographic minimum-ratio test
keeps the path unique in degenerate games, so the algorithm always ends.

Exact games pivot in integer arithmetic (Bareiss-style integer pivoting on
payoffs scaled to integers); float games in floating point. Polynomial work
per pivot, so it serves games far too large for enumeration, though the
number of pivots can grow exponentially in contrived games.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np

from coopgame._checks import check_int, check_size, public
from coopgame._numeric import TOLERANCE
from coopgame.equilibria._finish import finish_bimatrix
from coopgame.equilibria.result import sort_equilibria
from coopgame.errors import InvalidProfileError, SolverError
from coopgame.games.coerce import GameLike, as_normal_form, require_two_players
from coopgame.results import Solutions

__all__ = ["lemke_howson", "MAX_LEMKE_HOWSON_SIZE"]

#: :func:`lemke_howson` refuses games with more payoff entries per player (``m * n``)
#: than this: each pivot costs about ``m * n`` operations in Python and a path
#: may take many pivots (a random 400x400 game takes about two minutes).
MAX_LEMKE_HOWSON_SIZE = 40_000

#: Pivoting tolerance, relative to the largest tableau entry: a thousandth of the library's
#: tolerance, because errors accumulate over the pivots; the equilibrium found is verified
#: against the game's tolerance afterwards (coopgame.equilibria._finish).
_PIVOT_TOL = TOLERANCE / 1000


class _Tableau:
    """``M z = 1`` with a basis; columns are labels, the last column the right-hand side.

    ``basis[r]`` is the label of the variable basic in row ``r``. In integer
    mode the rows are scaled by the common determinant ``det`` (the value of a
    basic variable is ``rhs / det``).
    """

    def __init__(self, M: np.ndarray, basis: list[int], exact: bool) -> None:
        self.M = M
        self.basis = basis
        self.exact = exact
        self.det = 1
        self.lex_cols = list(basis)  # the initial basis: identity columns for the lexicographic rule
        self.tol = 0 if exact else _PIVOT_TOL * max(1.0, float(np.abs(M).max()))

    def _ratio_row(self, col: int) -> int:
        M, tol = self.M, self.tol
        if not self.exact:
            return self._float_ratio_row(col)
        rows = [r for r in range(M.shape[0]) if M[r, col] > tol]
        if not rows:
            raise SolverError("lemke_howson: unbounded ray met (the game's payoffs could not be made positive)")
        for key in [-1] + self.lex_cols:
            if len(rows) == 1:
                break
            ratios = [Fraction(M[r, key]) / M[r, col] for r in rows]
            best = min(ratios)
            rows = [r for r, q in zip(rows, ratios) if q == best]
        return rows[0]

    def _float_ratio_row(self, col: int) -> int:
        """The lexicographic minimum-ratio test, vectorised over the rows."""
        M = self.M
        rows = np.flatnonzero(M[:, col] > self.tol)
        if rows.size == 0:
            raise SolverError("lemke_howson: unbounded ray met (the game's payoffs could not be made positive)")
        for key in [-1] + self.lex_cols:
            if rows.size == 1:
                break
            ratios = M[rows, key] / M[rows, col]
            best = ratios.min()
            rows = rows[ratios <= best + _PIVOT_TOL * max(1.0, abs(best))]
        return int(rows[0])

    def pivot(self, col: int) -> int:
        """Enter the variable with label ``col``; return the label that leaves."""
        row = self._ratio_row(col)
        M = self.M
        piv = M[row, col]
        if self.exact:
            for r in range(M.shape[0]):
                if r != row:
                    M[r] = [(a * piv - M[r, col] * b) // self.det for a, b in zip(M[r], M[row])]
            self.det = piv
        else:
            M[row] = M[row] / piv
            others = np.arange(M.shape[0]) != row
            M[others] -= np.outer(M[others, col], M[row])
        leaving = self.basis[row]
        self.basis[row] = col
        return leaving

    def values(self, labels: range) -> np.ndarray:
        out = np.zeros(len(labels))
        for r, lab in enumerate(self.basis):
            if lab in labels:
                out[lab - labels.start] = float(Fraction(self.M[r, -1], self.det)) if self.exact else self.M[r, -1]
        return out


def _integer_matrix(M: np.ndarray) -> np.ndarray:
    """Positive integer matrix with the same best replies (object array of Python ints)."""
    fr = [Fraction(v) for v in M.reshape(-1)]
    scale = lcm(*(f.denominator for f in fr))
    ints = np.array([int(f * scale) for f in fr], dtype=object).reshape(M.shape)
    shift = 1 - min(ints.reshape(-1))
    return ints + shift


def _path(A: np.ndarray, B: np.ndarray, label: int, exact: bool, max_pivots: int) -> tuple[np.ndarray, np.ndarray]:
    m, n = A.shape
    dtype = object if exact else float
    # P: B^T x + s = 1, columns x_0..x_{m-1} (labels 0..m-1), s_0..s_{n-1} (labels m..m+n-1)
    P = np.zeros((n, m + n + 1), dtype=dtype)
    P[:, :m] = B.T
    P[:, m:m + n] = np.eye(n, dtype=int).astype(dtype)
    P[:, -1] = 1
    # Q: r + A y = 1, columns r_0..r_{m-1} (labels 0..m-1), y_0..y_{n-1} (labels m..m+n-1)
    Q = np.zeros((m, m + n + 1), dtype=dtype)
    Q[:, :m] = np.eye(m, dtype=int).astype(dtype)
    Q[:, m:m + n] = A
    Q[:, -1] = 1
    tp = _Tableau(P, list(range(m, m + n)), exact)
    tq = _Tableau(Q, list(range(m)), exact)
    entering, tableau = label, (tp if label < m else tq)
    for _ in range(max_pivots):
        leaving = tableau.pivot(entering)
        if leaving == label:
            break
        entering = leaving
        tableau = tq if tableau is tp else tp
    else:
        raise SolverError(f"lemke_howson: no equilibrium after {max_pivots} pivots (raise max_pivots)")
    return tp.values(range(0, m)), tq.values(range(m, m + n))


@public
def lemke_howson(game: GameLike, initial_label: int | str = 0, max_pivots: int = 100_000, *,
                 max_size: int = MAX_LEMKE_HOWSON_SIZE) -> Solutions[Any]:
    """One equilibrium of a two-player game (or several) by the Lemke–Howson algorithm.

    Parameters
    ----------
    game : NormalFormGame
        Two players; any size. Exact games pivot in exact integer arithmetic.
    initial_label : int or "all", default 0
        The label dropped first: ``0 .. m-1`` are the row player's actions,
        ``m .. m+n-1`` the column player's. ``"all"`` follows the path of
        every label and returns the distinct equilibria found.
    max_pivots : int, default 100000
        Bound on the pivots of one path.
    max_size : int, default :data:`MAX_LEMKE_HOWSON_SIZE` (40,000)
        Largest ``m * n`` accepted (the cost of one pivot grows with it;
        40,000 is a 200x200 game, whose paths take up to tens of seconds).

    Returns
    -------
    Solutions of Equilibrium
        One equilibrium (or, with ``"all"``, those the paths reach; not
        necessarily all equilibria of the game): ``is_complete`` is False.

    Raises
    ------
    SolverLimitError
        When ``m * n`` exceeds ``max_size``.

    Examples
    --------
    >>> import coopgame as cg
    >>> battle = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]],
    ...                            actions=[["Opera", "Football"]] * 2, exact=True)
    >>> cg.equilibria.lemke_howson(battle)
    [Equilibrium(Player 1: Opera; Player 2: Opera; payoffs 2, 1)]
    >>> len(cg.equilibria.lemke_howson(battle, initial_label="all"))  # the mixed one is on no path from the origin
    2
    """
    where = "lemke_howson"
    game = as_normal_form(game, where)
    require_two_players(game, where, "support_polynomial(game) or pure_equilibria(game)")
    max_pivots = check_int(max_pivots, "max_pivots", where, minimum=1)
    max_size = check_int(max_size, "max_size", where, minimum=1)
    m, n = game.shape
    check_size(where, m * n, max_size, what=f"the number of payoff entries of a {m}x{n} game (the cost of a pivot)",
               limit_name="max_size", alternative="pure_equilibria(game) for the pure equilibria")
    if isinstance(initial_label, str) and initial_label == "all":
        labels = list(range(m + n))
    elif isinstance(initial_label, (int, np.integer)) and not isinstance(initial_label, bool) and 0 <= initial_label < m + n:
        labels = [int(initial_label)]
    else:
        raise InvalidProfileError(
            f"{where}: expected initial_label to be an integer from 0 to {m + n - 1} or 'all', got {initial_label!r}"
        )
    if game.is_exact:
        A, B = (_integer_matrix(M) for M in game.payoffs)
    else:
        A, B = (M - M.min() + 1.0 for M in game.float_payoffs)
    xs, ys = [], []
    for label in labels:
        x, y = _path(A, B, label, game.is_exact, max_pivots)
        xs.append(x)
        ys.append(y)
    found = finish_bimatrix(game, np.array(xs), np.array(ys), where, complete=False)
    return Solutions(sort_equilibria(found), method=where, is_exact=game.is_exact, is_complete=False,
                     note="the equilibria reached by Lemke-Howson paths, not necessarily all")
