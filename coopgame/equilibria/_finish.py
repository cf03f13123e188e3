"""Turn a solver's floating-point profiles of a bimatrix game into verified Equilibrium objects.

Every two-player solver ends here, so every returned equilibrium passes the
same independent check: exact games are recomputed in rational arithmetic
from their supports and best-reply sets and must have zero regret; float games
must have regret within ``game.tolerance``. When a profile fails, the game
is solved again exactly by basis enumeration (small games), and only if that
is impossible does SolverError reach the caller: a wrong profile is never
returned.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._numeric import TOLERANCE, exact_solve
from coopgame.equilibria._exact_vertices import exact_extreme_pairs
from coopgame.equilibria.result import Equilibrium, sort_equilibria
from coopgame.errors import SolverError
from coopgame.games.normal_form import NormalFormGame

__all__ = ["finish_bimatrix", "clean_strategies"]


def clean_strategies(V: np.ndarray) -> np.ndarray:
    """Rows scaled to probability vectors; entries negligible against the row's largest set to 0."""
    V = np.asarray(V, dtype=float)
    # 1e-300 only keeps an all-zero row from dividing by zero
    V = np.where(V > TOLERANCE / 10 * np.maximum(1e-300, V.max(axis=1, keepdims=True)), V, 0.0)
    return V / V.sum(axis=1, keepdims=True)


def exact_strategy(M: Any, x: np.ndarray, Mf: np.ndarray) -> np.ndarray | None:
    """Recompute a strategy exactly from its support and the opponent's best replies.

    ``M`` (exact) and ``Mf`` (float) are the opponent's payoffs oriented
    (our actions, their actions). The strategy is the unique one on the
    support of ``x`` that makes the opponent indifferent among its best
    replies to ``x``; None when that system has no unique solution.
    """
    support = np.flatnonzero(x > 0)
    values = x @ Mf
    spread = max(1.0, float(np.abs(Mf).max()))
    replies = np.flatnonzero(values >= values.max() - TOLERANCE * spread)
    # unknowns: x_S and the opponent's value v; x_S . M[S, j] = v for j in replies; sum x_S = 1
    rows = [[M[i, j] for i in support] + [-1] for j in replies]
    rows.append([1] * len(support) + [0])
    sol = exact_solve(rows, [Fraction(0)] * len(replies) + [Fraction(1)])
    if sol is None:
        return None
    out = np.array([Fraction(0)] * len(x), dtype=object)
    for i, val in zip(support, sol[:-1]):
        out[i] = val
    return out


def _trouble(method: str, what: str) -> SolverError:
    return SolverError(f"{method}: {what} (numerical trouble); please report this game")


def finish_bimatrix(game: NormalFormGame, X: np.ndarray | None, Y: np.ndarray | None, method: str,
                    complete: bool = True) -> list[Equilibrium]:
    """Verified, sorted, de-duplicated equilibria from rows of (unnormalised) strategies ``X``, ``Y``.

    When the floating-point results cannot be verified (or ``X`` is None:
    the floating-point stage failed), the game's extreme equilibria are
    computed exactly instead (:mod:`coopgame.equilibria._exact_vertices`):
    all of them when ``complete`` (enumeration methods), otherwise the one
    nearest to each floating-point profile.
    """
    if X is not None and Y is not None:
        try:
            return _finish(game, X, Y, method)
        except SolverError:
            pass
    return _exact_fallback(game, X, Y, method, complete)


def _exact_fallback(game: NormalFormGame, X: np.ndarray | None, Y: np.ndarray | None, method: str,
                    complete: bool) -> list[Equilibrium]:
    if game.is_exact:
        A, B = game.payoffs
    else:  # floats at their exact binary value
        A, B = (np.array([Fraction(float(v)) for v in M.reshape(-1)], dtype=object).reshape(M.shape)
                for M in game.float_payoffs)
    pairs = exact_extreme_pairs(A, B, method)
    if not complete and X is not None and Y is not None and pairs:
        m, n = game.shape
        found = np.array([[float(v) for v in x + y] for x, y in pairs])
        wanted = np.hstack([clean_strategies(X.reshape(-1, m)), clean_strategies(Y.reshape(-1, n))])
        nearest = sorted({int(np.abs(found - w).sum(axis=1).argmin()) for w in wanted})
        pairs = [pairs[k] for k in nearest]
    out = []
    for x, y in pairs:
        if game.is_exact:
            vectors = (np.array(x, dtype=object), np.array(y, dtype=object))
        else:
            vectors = (np.array([float(v) for v in x]), np.array([float(v) for v in y]))
        eq = Equilibrium._trusted(game, vectors, method=method)
        if not eq.is_verified():
            raise _trouble(method, "an exactly computed equilibrium fails the regret check after rounding")
        out.append(eq)
    return sort_equilibria(out)


def _finish(game: NormalFormGame, X: np.ndarray, Y: np.ndarray, method: str) -> list[Equilibrium]:
    m, n = game.shape
    X = clean_strategies(X.reshape(-1, m))
    Y = clean_strategies(Y.reshape(-1, n))
    Af, Bf = game.float_payoffs
    out: list[Equilibrium] = []
    if game.is_exact:
        Ae, Be = game.payoffs
        seen = set()
        for x, y in zip(X, Y):
            xe = exact_strategy(Be, x, Bf)
            ye = exact_strategy(Ae.T, y, Af.T)
            if xe is None or ye is None:
                raise _trouble(method, "could not recompute an equilibrium exactly")
            key = (tuple(xe), tuple(ye))
            if key in seen:
                continue
            seen.add(key)
            eq = Equilibrium._trusted(game, (xe, ye), method=method)
            if eq.max_regret() != 0:
                raise _trouble(method, "an equilibrium recomputed exactly has positive regret")
            out.append(eq)
        return sort_equilibria(out)
    AY, XB = Y @ Af.T, X @ Bf
    u1, u2 = (AY * X).sum(axis=1), (XB * Y).sum(axis=1)
    regret = np.maximum(AY.max(axis=1) - u1, XB.max(axis=1) - u2) if len(X) else np.zeros(0)
    if len(regret) and regret.max() > game.tolerance:
        raise _trouble(method, f"a computed profile has regret {regret.max():.3g} above {game.tolerance:.3g}")
    if len(X) > 1:  # the same equilibrium reached twice (Lemke-Howson from several labels)
        keep = _first_of_clusters(np.hstack([X, Y]), 10 * TOLERANCE)
        X, Y, u1, u2 = X[keep], Y[keep], u1[keep], u2[keep]
    out = [Equilibrium._trusted(game, (x, y), np.array([a, b]), method=method) for x, y, a, b in zip(X, Y, u1, u2)]
    return sort_equilibria(out)


def _first_of_clusters(Z: np.ndarray, tol: float) -> list[int]:
    """Rows of ``Z`` kept when each row is dropped if it lies within ``tol`` (max norm) of an earlier kept row.

    The greedy rule of a pairwise scan, with the close pairs found by a k-d
    tree, so that games with thousands of equilibria are not quadratic.
    """
    from scipy.spatial import cKDTree

    close: dict[int, list[int]] = {}
    for i, j in cKDTree(Z).query_pairs(tol, p=np.inf):
        lo, hi = (i, j) if i < j else (j, i)
        close.setdefault(hi, []).append(lo)
    kept = np.zeros(len(Z), dtype=bool)
    for k in range(len(Z)):
        kept[k] = not any(kept[j] for j in close.get(k, ()))
    return [int(k) for k in np.flatnonzero(kept)]
