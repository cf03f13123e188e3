"""Evolutionarily stable strategies of one-population (symmetric two-player) games.

Maynard Smith's conditions: a strategy ``p`` (pure or mixed) of the
symmetric game with row-player matrix ``A`` is evolutionarily stable when,
for every other strategy ``q``,

1. ``q.A.p <= p.A.p`` (``p`` is a symmetric Nash equilibrium), and
2. if ``q.A.p == p.A.p`` then ``p.A.q > q.A.q`` (``p`` does better against
   any alternative best reply than that reply does against itself).

The alternative best replies ``q`` are the mixtures of the pure best replies
``T`` to ``p``; writing ``z = q - p``, condition 2 reads ``z.A.z < 0`` for
every non-zero ``z`` in the cone ``{sum z = 0, z_i = 0 off T, z_j >= 0 on
T \\ supp p}`` (Haigh 1975; Bomze and Pötscher 1989). On the directions
inside the support this is negative definiteness of the symmetric part of
``A`` (Sylvester's criterion, in exact arithmetic for exact games);
the directions towards best replies outside the support are handled by
eliminating the support directions and testing the reduced form for strict
copositivity (Kaplan 2000).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_int, check_size, describe, probability_vector, public
from coopgame._numeric import TOLERANCE, exact_solve, readonly, scaled_tolerance
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.errors import InvalidProfileError, SolverLimitError
from coopgame.games.coerce import GameLike, as_symmetric_game
from coopgame.results import ArrayResult, Solutions

__all__ = ["ESS", "MAX_STRATEGIES", "evolutionarily_stable_strategies", "is_ess"]

#: Default ``max_strategies``: :func:`evolutionarily_stable_strategies` visits
#: ``2**m`` supports, and both functions test up to ``2**k`` subsets of the
#: ``k`` alternative best replies outside the support.
MAX_STRATEGIES = 14

#: Largest condition number of a support's linear system solved in floats
#: (not a tolerance): beyond it the solution is not trusted, and the
#: candidate comes from the exact search or mixed_equilibria instead.
_MAX_CONDITION = 1e12


@public
@dataclass(frozen=True, eq=False)
class ESS(ArrayResult):
    """An evolutionarily stable strategy.

    Attributes
    ----------
    strategy : numpy.ndarray
        The probability vector (Fractions for exact games).
    payoff : number
        ``p.A.p``, the population's payoff at the ESS (each player's payoff,
        see :attr:`payoffs`).
    support : tuple of int
        The indices of the strategies played with positive probability
        (labels through :attr:`support_labels`).
    actions : tuple of str
        The labels of all strategies.

    Examples
    --------
    >>> from coopgame.dynamics.ess import evolutionarily_stable_strategies
    >>> ess = evolutionarily_stable_strategies([[-1, 2], [0, 1]])[0]
    >>> ess.support, ess.support_labels, ess.payoffs, ess.is_exact
    ((0, 1), ('1', '2'), (Fraction(1, 2), Fraction(1, 2)), True)
    """

    strategy: np.ndarray
    payoff: Any
    support: tuple[int, ...]
    actions: tuple[str, ...] = ()

    @property
    def is_exact(self) -> bool:
        """True when the strategy and payoff are exact Fractions."""
        return self.strategy.dtype == object

    @property
    def support_labels(self) -> tuple[str, ...]:
        """The labels of the strategies in the support."""
        return tuple(self.actions[i] for i in self.support)

    @property
    def payoffs(self) -> tuple[Any, Any]:
        """Each player's payoff when both play the ESS (one per player, both ``p.A.p``)."""
        return (self.payoff, self.payoff)

    def _frame_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {f"p({a})": v for a, v in zip(self.actions, self.strategy)}
        row["support"] = ", ".join(self.support_labels)
        row["payoff"] = self.payoff
        return row

    def __repr__(self) -> str:
        def fmt(v: Any) -> str:
            return str(v) if isinstance(v, Fraction) else f"{float(v):.6g}"
        body = " + ".join(f"{fmt(v)} {a}" for v, a in zip(self.strategy, self.actions) if v != 0)
        return f"ESS({body}; payoff {fmt(self.payoff)})"


def _matrix(game: Any, where: str) -> tuple[np.ndarray, tuple[str, ...], bool]:
    """The row player's matrix of a symmetric two-player game (or a square matrix) and whether it is exact."""
    nf = as_symmetric_game(game, where, exact_integers=True)
    return nf.payoffs[0], tuple(nf.actions[0]), nf.is_exact


def _strategy(p: Any, labels: tuple[str, ...], exact: bool, where: str) -> np.ndarray:
    m = len(labels)
    if isinstance(p, str):
        if p not in labels:
            raise InvalidProfileError(f"{where}: expected a strategy label among {list(labels)}, got {p!r}")
        return np.array([Fraction(int(a == p)) for a in labels], dtype=object if exact else float)
    if isinstance(p, (int, np.integer)) and not isinstance(p, (bool, np.bool_)):
        if not 0 <= int(p) < m:
            raise InvalidProfileError(f"{where}: expected a strategy index in [0, {m}), got {p}")
        return np.array([Fraction(int(k == int(p))) for k in range(m)], dtype=object if exact else float)
    if isinstance(p, (int, float, np.number, np.bool_)):
        raise InvalidProfileError(
            f"{where}: expected a strategy label, an index or a probability vector of length {m}, got {describe(p)}")
    return probability_vector(p, m, "strategy", where, exact=exact)


def _sympy_matrix(a: Any) -> Any:
    """A sympy Matrix of Rationals from a 2-D object array of Fractions."""
    return sympy.Matrix(a.shape[0], a.shape[1], lambda i, j: sympy.Rational(a[i, j].numerator, a[i, j].denominator))


def _negative_definite(G: Any, exact: bool) -> bool:
    k = G.shape[0]
    if k == 0:
        return True
    if exact:
        H = -_sympy_matrix(G)
        return all(H[:r, :r].det() > 0 for r in range(1, k + 1))
    eig = np.linalg.eigvalsh(-np.asarray(G, float))
    return bool(eig.min() > scaled_tolerance(float(np.abs(G).max())))


def _strictly_copositive(C: Any, exact: bool) -> bool:
    """Kaplan (2000): no principal submatrix has a positive eigenvector with a non-positive eigenvalue."""
    k = C.shape[0]
    tol = scaled_tolerance(float(np.abs(np.asarray(C, float)).max())) if k else TOLERANCE
    for r in range(1, k + 1):
        for idx in itertools.combinations(range(k), r):
            sub = C[np.ix_(idx, idx)]
            if exact:
                for value, _, vectors in _sympy_matrix(sub).eigenvects():
                    if not value.is_real or value > 0:
                        continue
                    if _cone_has_positive(np.array([[complex(sympy.N(v)).real for v in vec] for vec in vectors]).T):
                        return False
            else:
                values, vectors = np.linalg.eigh(np.asarray(sub, float))
                nonpos = values <= tol
                if nonpos.any() and _cone_has_positive(vectors[:, nonpos]):
                    return False
    return True


def _cone_has_positive(basis: np.ndarray) -> bool:
    """Whether the span of the columns of ``basis`` (unit eigenvectors) holds a vector with all entries positive.

    Entries are compared with the absolute tolerance: the vectors are normalised.
    """
    basis = np.atleast_2d(basis)
    if basis.shape[1] == 1:
        v = basis[:, 0]
        tol = TOLERANCE
        return bool((v > tol).all() or (v < -tol).all())
    from scipy.optimize import linprog

    # maximise t subject to basis @ c >= t, |c| <= 1
    k = basis.shape[1]
    res = linprog(np.r_[np.zeros(k), -1.0], A_ub=np.c_[-basis, np.ones(basis.shape[0])],
                  b_ub=np.zeros(basis.shape[0]), bounds=[(-1, 1)] * k + [(None, 1)], method="highs")
    return bool(res.status == 0 and -res.fun > TOLERANCE)


def _check_limit(max_strategies: Any, where: str) -> int:
    return check_int(max_strategies, "max_strategies", where, minimum=1)


@public
def is_ess(game: GameLike, strategy: Any, *, max_strategies: int = MAX_STRATEGIES) -> bool:
    """Whether ``strategy`` is an evolutionarily stable strategy (Maynard Smith's conditions).

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or square matrix
        A symmetric two-player game (one population); a matrix is the row
        player's payoff matrix.
    strategy : label, index or probability vector
        A pure strategy or a mixed one (one probability vector, not a
        profile). Exact games with rational strategies are decided exactly.
    max_strategies : int
        The second condition tests up to ``2**k`` subsets of the ``k``
        alternative best replies outside the support; more than
        ``max_strategies`` (default :data:`MAX_STRATEGIES`, 14) such replies
        are refused with :class:`~coopgame.errors.SolverLimitError`.

    Returns
    -------
    bool

    Raises
    ------
    InvalidGameError
        A game that is not symmetric.
    InvalidProfileError
        A strategy that is not a label, an index or a probability vector.

    Examples
    --------
    Hawk-Dove with value ``V = 2`` and cost ``C = 4``: neither pure strategy
    is stable, the mixture with ``V/C = 1/2`` hawks is.

    >>> import coopgame as cg
    >>> from coopgame.dynamics.ess import is_ess
    >>> hawk_dove = [[-1, 2], [0, 1]]
    >>> is_ess(hawk_dove, 0), is_ess(hawk_dove, 1), is_ess(hawk_dove, [Fraction(1, 2)] * 2)
    (False, False, True)

    Rock-paper-scissors with a win worth more than a loss: the centre is an ESS.

    >>> rps = [[0, -1, 2], [2, 0, -1], [-1, 2, 0]]
    >>> is_ess(rps, [Fraction(1, 3)] * 3), is_ess([[0, -2, 1], [1, 0, -2], [-2, 1, 0]], [Fraction(1, 3)] * 3)
    (True, False)
    """
    where = "is_ess"
    A, labels, exact = _matrix(game, where)
    limit = _check_limit(max_strategies, where)
    p = _strategy(strategy, labels, exact, where)
    exact = exact and p.dtype == object
    return _check(A if exact else np.asarray(A, float), p, exact, limit, where)


def _check(A: np.ndarray, p: np.ndarray, exact: bool, limit: int, where: str) -> bool:
    m = A.shape[0]
    Ap = A @ p
    value = p @ Ap
    tol = 0 if exact else scaled_tolerance(float(np.abs(A).max()))
    if any(v > value + tol for v in Ap):
        return False                                           # condition 1 fails: a better reply exists
    support = [i for i in range(m) if (p[i] != 0 if exact else p[i] > TOLERANCE)]
    best = [i for i in range(m) if abs(Ap[i] - value) <= tol]
    extra = [j for j in best if j not in support]
    check_size(where, len(extra), limit, what="the number of alternative best replies outside the support",
               limit_name="max_strategies")
    M = (A + A.T) / 2 if not exact else np.array([[(A[i, j] + A[j, i]) / 2 for j in range(m)] for i in range(m)],
                                                 dtype=object)
    s0 = support[-1]

    def direction(i: int) -> np.ndarray:
        v = np.zeros(m, dtype=object if exact else float)
        if exact:
            v[:] = Fraction(0)
            v[i], v[s0] = Fraction(1), Fraction(-1)
        else:
            v[i], v[s0] = 1.0, -1.0
        return v

    V = np.array([direction(i) for i in support[:-1]], dtype=object if exact else float).reshape(-1, m).T
    G = V.T @ M @ V
    if not _negative_definite(G, exact):
        return False
    if not extra:
        return True
    W = np.array([direction(j) for j in extra], dtype=object if exact else float).T
    R = W.T @ M @ W
    if V.shape[1]:
        cross = V.T @ M @ W
        if exact:
            Cs = _sympy_matrix(cross)
            red = _sympy_matrix(R) - Cs.T * _sympy_matrix(G).inv() * Cs
            R = np.array([[Fraction(int(red[i, j].p), int(red[i, j].q)) for j in range(red.shape[1])]
                          for i in range(red.shape[0])], dtype=object)
        else:
            R = R - cross.T @ np.linalg.solve(G, cross)
    C = -R if not exact else np.array([[-v for v in row] for row in R], dtype=object)
    return _strictly_copositive(C, exact)


@public
def evolutionarily_stable_strategies(game: GameLike, *, max_strategies: int = MAX_STRATEGIES) -> Solutions[ESS]:
    """All evolutionarily stable strategies of a symmetric two-player game (one population).

    Candidates are the symmetric Nash equilibria: for each support, the
    equalities ``(A p)_i = v`` on the support are solved exactly (only
    isolated solutions qualify: an ESS is isolated), and the equilibria of
    :func:`~coopgame.mixed_equilibria` that are symmetric are added; each
    candidate is then checked with :func:`is_ess`. At most one ESS has a
    given support, and its support's equations have a unique solution, so
    the list is complete.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or square matrix
        A symmetric two-player game.
    max_strategies : int
        Largest number of strategies accepted (the search visits ``2**m``
        supports); default :data:`MAX_STRATEGIES` (14).

    Returns
    -------
    Solutions of ESS
        In order of support size, then of the strategies; ``is_exact`` for
        exact games, ``method`` ``"support_enumeration"``.

    Raises
    ------
    SolverLimitError
        More than ``max_strategies`` strategies.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.dynamics.ess import evolutionarily_stable_strategies
    >>> hawk_dove = cg.NormalFormGame([[[-1, 2], [0, 1]], [[-1, 0], [2, 1]]], actions=[["Hawk", "Dove"]] * 2,
    ...                               exact=True)
    >>> evolutionarily_stable_strategies(hawk_dove)
    [ESS(1/2 Hawk + 1/2 Dove; payoff 1/2)]
    >>> stag_hunt = [[4, 0], [3, 3]]
    >>> [ess.support_labels for ess in evolutionarily_stable_strategies(stag_hunt)]
    [('1',), ('2',)]
    """
    where = "evolutionarily_stable_strategies"
    nf = as_symmetric_game(game, where, exact_integers=True)
    A, labels, exact = nf.payoffs[0], tuple(nf.actions[0]), nf.is_exact
    m = A.shape[0]
    limit = _check_limit(max_strategies, where)
    check_size(where, m, limit, what="the number of strategies (the search visits 2**m supports)",
               limit_name="max_strategies", alternative="is_ess() on chosen candidates")
    Af = np.asarray(A, float)
    candidates: list[np.ndarray] = []
    for r in range(1, m + 1):
        for support in itertools.combinations(range(m), r):
            p = _support_solution(A, support, exact)
            if p is not None:
                candidates.append(p)
    try:
        equilibria = list(mixed_equilibria(nf))
    except SolverLimitError:  # too large for enumeration: the support search covers every ESS
        equilibria = []
    for eq in equilibria:
        a, b = eq.strategies
        if all(x == y for x, y in zip(a, b)) if exact else np.allclose(np.asarray(a, float), np.asarray(b, float),
                                                                        rtol=0, atol=TOLERANCE):
            candidates.append(np.array(a, dtype=object if exact else float))
    found: list[ESS] = []
    seen: list[np.ndarray] = []
    for p in candidates:
        pf = np.asarray(p, float)
        if any(np.allclose(pf, q, rtol=0, atol=TOLERANCE) for q in seen):
            continue
        seen.append(pf)
        if _check(A if exact else Af, p, exact, limit, where):
            vec = readonly(np.array(p, dtype=object if exact else float))
            value = vec @ (A if exact else Af) @ vec
            found.append(ESS(vec, value, tuple(i for i in range(m) if pf[i] > TOLERANCE), labels))
    found.sort(key=lambda e: (len(e.support), [-float(v) for v in e.strategy]))
    return Solutions(found, method="support_enumeration", is_exact=exact, is_complete=True)


def _support_solution(A: np.ndarray, support: Sequence[int], exact: bool) -> np.ndarray | None:
    """The unique symmetric equilibrium with exactly this support, if there is one."""
    m = A.shape[0]
    r = len(support)
    # unknowns: p_s (s in support) and v; equations: (A p)_i - v = 0 for i in support, sum p = 1
    rows: list[list[Any]] = [[A[i, s] for s in support] + [-1] for i in support] + [[1] * r + [0]]
    rhs: list[Any] = [0] * r + [1]
    if exact:
        exact_sol = exact_solve(rows, rhs)
        if exact_sol is None:
            return None
        probs, v = exact_sol[:r], exact_sol[r]
        if any(x <= 0 for x in probs):
            return None
        p = np.array([Fraction(0)] * m, dtype=object)
        for s, x in zip(support, probs):
            p[s] = x
        if any(sum(A[j, k] * p[k] for k in range(m)) > v for j in range(m)):
            return None
        return p
    M = np.array(rows, dtype=float)
    try:
        sol = np.linalg.solve(M, np.array(rhs, dtype=float))
    except np.linalg.LinAlgError:
        return None
    if np.linalg.cond(M) > _MAX_CONDITION:
        return None
    fprobs, fv = sol[:r], float(sol[r])
    if (fprobs <= TOLERANCE).any():
        return None
    q = np.zeros(m)
    q[list(support)] = fprobs
    if (A @ q > fv + scaled_tolerance(float(np.abs(A).max()))).any():
        return None
    return q
