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

from coopgame._numeric import TOLERANCE, exact_solve, readonly
from coopgame.errors import (
    CoopgameError,
    InvalidGameError,
    InvalidProfileError,
    SolverLimitError,
)
from coopgame.games.normal_form import NormalFormGame

__all__ = ["ESS", "MAX_STRATEGIES", "evolutionarily_stable_strategies", "is_ess"]

#: Largest number of strategies :func:`evolutionarily_stable_strategies` accepts (it visits 2**m supports).
MAX_STRATEGIES = 14


@dataclass(frozen=True, eq=False)
class ESS:
    """An evolutionarily stable strategy.

    Attributes
    ----------
    strategy : numpy.ndarray
        The probability vector (Fractions for exact games).
    payoff : number
        ``p.A.p``, the population's payoff at the ESS.
    support : tuple of str
        The labels of the strategies played with positive probability.
    actions : tuple of str
        The labels of all strategies.
    """

    strategy: np.ndarray
    payoff: Any
    support: tuple[str, ...]
    actions: tuple[str, ...] = ()

    def __repr__(self) -> str:
        def fmt(v: Any) -> str:
            return str(v) if isinstance(v, Fraction) else f"{float(v):.6g}"
        body = " + ".join(f"{fmt(v)} {a}" for v, a in zip(self.strategy, self.actions) if v != 0)
        return f"ESS({body}; payoff {fmt(self.payoff)})"


def _matrix(game: Any, where: str) -> tuple[np.ndarray, tuple[str, ...], bool]:
    """The row player's matrix of a symmetric two-player game (or a square matrix) and whether it is exact."""
    from coopgame.dynamics.replicator import is_symmetric, numeric_game
    from coopgame.games.symbolic import SymbolicGame

    if isinstance(game, (NormalFormGame, SymbolicGame)):
        game = numeric_game(game, where)
        if game.num_players != 2 or game.shape[0] != game.shape[1]:
            raise InvalidGameError(f"{where}: expected a symmetric two-player game, got a game of shape {game.shape}")
        A = game.payoffs[0]
        if not is_symmetric(game):
            raise InvalidGameError(f"{where}: expected a symmetric game (column payoffs = transpose of the row "
                                   "payoffs); ESS are defined for one population playing a symmetric game")
        return np.array(A, dtype=object if game.is_exact else float), tuple(game.actions[0]), game.is_exact
    try:
        arr = np.asarray(game)
    except (ValueError, TypeError):
        raise InvalidGameError(f"{where}: expected a symmetric game or a square payoff matrix, got {game!r}") from None
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise InvalidGameError(f"{where}: expected a square payoff matrix, got shape {arr.shape}")
    game = NormalFormGame([arr, arr.T], exact=arr.dtype.kind in "iub" or arr.dtype == object)
    return _matrix(game, where)


def _strategy(p: Any, labels: tuple[str, ...], exact: bool, where: str) -> np.ndarray:
    m = len(labels)
    if isinstance(p, str):
        if p not in labels:
            raise InvalidProfileError(f"{where}: expected a strategy label among {list(labels)}, got {p!r}")
        vec = [Fraction(int(a == p)) for a in labels]
    elif isinstance(p, (int, np.integer)) and not isinstance(p, bool):
        if not 0 <= int(p) < m:
            raise InvalidProfileError(f"{where}: expected a strategy index in [0, {m}), got {p}")
        vec = [Fraction(int(k == int(p))) for k in range(m)]
    else:
        vals = list(p)
        if len(vals) != m:
            raise InvalidProfileError(f"{where}: expected a probability vector of length {m}, got {len(vals)} entries")
        if exact and all(isinstance(v, (int, Fraction, np.integer, sympy.Rational)) for v in vals):
            vec = [Fraction(int(sympy.Rational(v).p), int(sympy.Rational(v).q)) if isinstance(v, sympy.Rational)
                   else Fraction(v) for v in vals]
        else:
            vec = [float(v) for v in vals]
            exact = False
    arr = np.array(vec, dtype=object if exact else float)
    if any(v < 0 for v in arr) or abs(sum(arr) - 1) > (0 if exact else 1e-9):
        raise InvalidProfileError(f"{where}: expected non-negative probabilities summing to 1, got {list(arr)}")
    return arr


def _negative_definite(G: Any, exact: bool) -> bool:
    k = G.shape[0]
    if k == 0:
        return True
    if exact:
        H = sympy.Matrix(k, k, lambda i, j: -sympy.Rational(G[i, j].numerator, G[i, j].denominator))
        return all(H[:r, :r].det() > 0 for r in range(1, k + 1))
    eig = np.linalg.eigvalsh(-np.asarray(G, float))
    return bool(eig.min() > TOLERANCE * max(1.0, float(np.abs(G).max())))


def _strictly_copositive(C: Any, exact: bool) -> bool:
    """Kaplan (2000): no principal submatrix has a positive eigenvector with a non-positive eigenvalue."""
    k = C.shape[0]
    scale = max(1.0, float(np.abs(np.asarray(C, float)).max())) if k else 1.0
    for r in range(1, k + 1):
        for idx in itertools.combinations(range(k), r):
            sub = C[np.ix_(idx, idx)]
            if exact:
                M = sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in row] for row in sub])
                for value, _, vectors in M.eigenvects():
                    if not value.is_real or value > 0:
                        continue
                    if _cone_has_positive(np.array([[complex(sympy.N(v)).real for v in vec] for vec in vectors]).T):
                        return False
            else:
                values, vectors = np.linalg.eigh(np.asarray(sub, float))
                tol = TOLERANCE * scale
                nonpos = values <= tol
                if nonpos.any() and _cone_has_positive(vectors[:, nonpos], close=values[nonpos]):
                    return False
    return True


def _cone_has_positive(basis: np.ndarray, close: Any = None) -> bool:
    """Whether the span of the columns of ``basis`` holds a vector with all entries positive."""
    basis = np.atleast_2d(basis)
    if basis.shape[1] == 1:
        v = basis[:, 0]
        tol = 1e-12 * max(1.0, float(np.abs(v).max()))
        return bool((v > tol).all() or (v < -tol).all())
    from scipy.optimize import linprog

    # maximise t subject to basis @ c >= t, |c| <= 1
    k = basis.shape[1]
    res = linprog(np.r_[np.zeros(k), -1.0], A_ub=np.c_[-basis, np.ones(basis.shape[0])],
                  b_ub=np.zeros(basis.shape[0]), bounds=[(-1, 1)] * k + [(None, 1)], method="highs")
    return bool(res.status == 0 and -res.fun > 1e-9)


def is_ess(game: Any, strategy: Any) -> bool:
    """Whether ``strategy`` is an evolutionarily stable strategy (Maynard Smith's conditions).

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or square matrix
        A symmetric two-player game (one population); a matrix is the row
        player's payoff matrix.
    strategy : label, index or probability vector
        A pure strategy or a mixed one. Exact games with rational strategies
        are decided exactly.

    Returns
    -------
    bool

    Examples
    --------
    Hawk-Dove with value ``V = 2`` and cost ``C = 4``: neither pure strategy
    is stable, the mixture with ``V/C = 1/2`` hawks is.

    >>> import coopgame as cg
    >>> from coopgame.dynamics.ess import is_ess
    >>> hawk_dove = [[-1, 2], [0, 1]]
    >>> is_ess(hawk_dove, 0), is_ess(hawk_dove, 1), is_ess(hawk_dove, [cg.Fraction(1, 2)] * 2)
    (False, False, True)

    Rock-paper-scissors with a win worth more than a loss: the centre is an ESS.

    >>> rps = [[0, -1, 2], [2, 0, -1], [-1, 2, 0]]
    >>> is_ess(rps, [cg.Fraction(1, 3)] * 3), is_ess([[0, -2, 1], [1, 0, -2], [-2, 1, 0]], [cg.Fraction(1, 3)] * 3)
    (True, False)
    """
    where = "is_ess"
    A, labels, exact = _matrix(game, where)
    p = _strategy(strategy, labels, exact, where)
    exact = exact and p.dtype == object
    return _check(A if exact else np.asarray(A, float), p, exact)


def _check(A: np.ndarray, p: np.ndarray, exact: bool) -> bool:
    m = A.shape[0]
    Ap = A @ p
    value = p @ Ap
    scale = 1.0 if exact else max(1.0, float(np.abs(A).max()))
    tol = 0 if exact else TOLERANCE * scale * 10
    if any(v > value + tol for v in Ap):
        return False                                           # condition 1 fails: a better reply exists
    support = [i for i in range(m) if (p[i] != 0 if exact else p[i] > 1e-12)]
    best = [i for i in range(m) if abs(Ap[i] - value) <= tol]
    extra = [j for j in best if j not in support]
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
            Gs = sympy.Matrix(G.shape[0], G.shape[1], lambda i, j: sympy.Rational(G[i, j].numerator, G[i, j].denominator))
            Cs = sympy.Matrix(cross.shape[0], cross.shape[1],
                              lambda i, j: sympy.Rational(cross[i, j].numerator, cross[i, j].denominator))
            Rs = sympy.Matrix(R.shape[0], R.shape[1], lambda i, j: sympy.Rational(R[i, j].numerator, R[i, j].denominator))
            red = Rs - Cs.T * Gs.inv() * Cs
            R = np.array([[Fraction(int(red[i, j].p), int(red[i, j].q)) for j in range(red.shape[1])]
                          for i in range(red.shape[0])], dtype=object)
        else:
            R = R - cross.T @ np.linalg.solve(G, cross)
    C = -R if not exact else np.array([[-v for v in row] for row in R], dtype=object)
    return _strictly_copositive(C, exact)


def evolutionarily_stable_strategies(game: Any) -> list[ESS]:
    """All evolutionarily stable strategies of a symmetric two-player game (one population).

    Candidates are the symmetric Nash equilibria: for each support, the
    equalities ``(A p)_i = v`` on the support are solved exactly (only
    isolated solutions qualify: an ESS is isolated), and the equilibria of
    :func:`~coopgame.mixed_equilibria` that are symmetric are added; each
    candidate is then checked with :func:`is_ess`. At most one ESS has a
    given support.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or square matrix
        At most :data:`MAX_STRATEGIES` strategies.

    Returns
    -------
    list of ESS
        In order of support size, then of the strategies.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.dynamics.ess import evolutionarily_stable_strategies
    >>> hawk_dove = cg.NormalFormGame([[[-1, 2], [0, 1]], [[-1, 0], [2, 1]]], actions=[["Hawk", "Dove"]] * 2,
    ...                               exact=True)
    >>> evolutionarily_stable_strategies(hawk_dove)
    [ESS(1/2 Hawk + 1/2 Dove; payoff 1/2)]
    >>> stag_hunt = [[4, 0], [3, 3]]
    >>> [ess.support for ess in evolutionarily_stable_strategies(stag_hunt)]
    [('1',), ('2',)]
    """
    where = "evolutionarily_stable_strategies"
    A, labels, exact = _matrix(game, where)
    m = A.shape[0]
    if m > MAX_STRATEGIES:
        raise SolverLimitError(f"{where}: expected at most {MAX_STRATEGIES} strategies (the search visits 2**m "
                               f"supports), got {m}; test chosen candidates with is_ess() instead")
    Af = np.asarray(A, float)
    candidates: list[np.ndarray] = []
    for r in range(1, m + 1):
        for support in itertools.combinations(range(m), r):
            p = _support_solution(A, support, exact)
            if p is not None:
                candidates.append(p)
    try:
        from coopgame.equilibria.mixed import mixed_equilibria

        game_nf = NormalFormGame([A, A.T], None, [labels, labels], exact=exact)
        for eq in mixed_equilibria(game_nf):
            a, b = eq.strategies
            if all(x == y for x, y in zip(a, b)) if exact else np.allclose(np.asarray(a, float), np.asarray(b, float)):
                candidates.append(np.array(a, dtype=object if exact else float))
    except CoopgameError:  # too large for vertex enumeration: the support search covers isolated candidates
        candidates = list(candidates)
    found: list[ESS] = []
    seen: list[np.ndarray] = []
    for p in candidates:
        pf = np.asarray(p, float)
        if any(np.allclose(pf, q, atol=1e-9) for q in seen):
            continue
        seen.append(pf)
        if _check(A if exact else Af, p, exact):
            vec = readonly(np.array(p, dtype=object if exact else float))
            value = vec @ (A if exact else Af) @ vec
            found.append(ESS(vec, value, tuple(labels[i] for i in range(m) if pf[i] > 1e-12), labels))
    found.sort(key=lambda e: (len(e.support), [-float(v) for v in e.strategy]))
    return found


def _support_solution(A: np.ndarray, support: Sequence[int], exact: bool) -> np.ndarray | None:
    """The unique symmetric equilibrium with exactly this support, if there is one."""
    m = A.shape[0]
    r = len(support)
    # unknowns: p_s (s in support) and v; equations: (A p)_i - v = 0 for i in support, sum p = 1
    rows, rhs = [], []
    for i in support:
        rows.append([A[i, s] for s in support] + [-1])
        rhs.append(0)
    rows.append([1] * r + [0])
    rhs.append(1)
    if exact:
        sol = exact_solve(rows, rhs)
        if sol is None:
            return None
        probs, v = sol[:r], sol[r]
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
    if np.linalg.cond(M) > 1e12:
        return None
    probs, v = sol[:r], sol[r]
    if (probs <= 1e-12).any():
        return None
    p = np.zeros(m)
    p[list(support)] = probs
    tol = TOLERANCE * max(1.0, float(np.abs(A).max())) * 10
    if (A @ p > v + tol).any():
        return None
    return p
