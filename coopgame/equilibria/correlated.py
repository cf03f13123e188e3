"""Correlated equilibria: what a coordinator who recommends actions can implement.

A mediator (a higher-level government) draws a profile ``a`` from a joint
distribution ``p`` and tells each region only its own action ``a_i``. The
distribution is a *correlated equilibrium* (Aumann 1974) when obeying is a
best reply for everyone: for every player ``i`` and every pair of actions
``a_i != b_i``,

    sum over a_-i of  p(a_i, a_-i) * (u_i(b_i, a_-i) - u_i(a_i, a_-i))  <=  0

(the *obedience* constraints, linear in ``p``). The set of correlated
equilibria is a polytope containing every Nash equilibrium (as a product
distribution), so the coordinator's best choice over it is a linear programme.

:func:`correlated_equilibrium` solves it with HiGHS (``scipy.optimize.linprog``)
for any number of players. For exact (Fraction) games the optimal vertex is
then recomputed in rational arithmetic from the constraints that are tight at
the float optimum and checked exactly, so :meth:`CorrelatedEquilibrium.max_regret`
is exactly ``0``.

References
----------
Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies.
Journal of Mathematical Economics 1: 67-96.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from coopgame._numeric import (
    TOLERANCE,
    as_exact,
    as_float,
    exact_solve,
    format_number,
    readonly,
)
from coopgame.games.coerce import as_normal_form
from coopgame.errors import (
    InvalidArgumentError,
    InvalidProfileError,
    SolverError,
    SolverLimitError,
)
from coopgame.games.normal_form import NormalFormGame

__all__ = ["MAX_NONZEROS", "OBJECTIVES", "CorrelatedEquilibrium", "correlated_equilibrium"]

#: Largest number of non-zero coefficients in the obedience constraints
#: (``num_profiles * sum_i (m_i - 1)``) that :func:`correlated_equilibrium` accepts.
MAX_NONZEROS = 20_000_000

#: The named objectives (a player index or label, or a weight vector, are also accepted).
OBJECTIVES = ("welfare", "maxmin", "feasible")


class CorrelatedEquilibrium:
    """A joint distribution over pure profiles that obeys the correlated-equilibrium constraints.

    Returned by :func:`correlated_equilibrium`; can also be built directly
    from a game and a distribution to check it (:meth:`max_regret`).

    Parameters
    ----------
    game : NormalFormGame
    distribution : array-like of shape ``game.shape``
        Probabilities of the pure profiles (non-negative, summing to 1).
        Exact (Fractions) when the game is exact and the entries are
        rational; floats otherwise.
    objective : str, default ""
        What the distribution was chosen to maximise (recorded only).
    method : str, default ""
        The solver that produced it (recorded only).

    Attributes
    ----------
    game : NormalFormGame
    distribution : numpy.ndarray
        Read-only array of shape ``game.shape``.
    payoffs : tuple
        Expected payoff of each player.
    welfare : Fraction or float
        Sum of the expected payoffs.
    strategies : tuple of numpy.ndarray
        Marginal distribution of each player's recommended action.
    objective, method : str

    Notes
    -----
    For compatibility with code written against solvers that return a list
    of :class:`~coopgame.equilibria.result.Equilibrium`, a
    ``CorrelatedEquilibrium`` also behaves as a one-element sequence:
    ``len(ce) == 1`` and ``ce[0]``, ``ce[-1]`` and ``list(ce)`` all give the
    object itself, so ``for eq in correlated_equilibrium(game)`` works.

    Examples
    --------
    Every Nash equilibrium, as a product distribution, is a correlated one:

    >>> import numpy as np
    >>> from fractions import Fraction
    >>> from coopgame.games.normal_form import NormalFormGame
    >>> from coopgame.equilibria.correlated import CorrelatedEquilibrium
    >>> chicken = NormalFormGame([[[6, 2], [7, 0]], [[6, 7], [2, 0]]], exact=True,
    ...                          actions=[["Yield", "Dare"]] * 2)
    >>> half = Fraction(2, 3), Fraction(1, 3)
    >>> ce = CorrelatedEquilibrium(chicken, np.outer(half, half))
    >>> ce.max_regret(), ce.payoffs
    (Fraction(0, 1), (Fraction(14, 3), Fraction(14, 3)))
    >>> len(ce), ce[0] is ce
    (1, True)
    """

    __slots__ = ("_exact", "_game", "_method", "_objective", "_p", "_payoffs")

    def __init__(self, game: NormalFormGame, distribution: Any, objective: str = "", method: str = "") -> None:
        game = as_normal_form(game, "CorrelatedEquilibrium")
        p = _validate_distribution(game, distribution)
        self._init(game, p, objective, method)

    def _init(self, game: NormalFormGame, p: np.ndarray, objective: str, method: str) -> None:
        self._game = game
        self._exact = p.dtype == object
        self._p = readonly(p)
        arrays = game.payoffs if self._exact else game.float_payoffs
        if self._exact:
            flat = p.reshape(-1)
            self._payoffs = tuple(sum((x * y for x, y in zip(flat, a.reshape(-1)) if x != 0), Fraction(0))
                                  for a in arrays)
        else:
            self._payoffs = tuple(float(np.dot(p.reshape(-1), a.reshape(-1))) for a in arrays)
        self._objective = str(objective)
        self._method = str(method)

    def __setattr__(self, name: str, value: Any) -> None:
        try:
            object.__getattribute__(self, name)
        except AttributeError:
            object.__setattr__(self, name, value)  # first assignment, from _init
            return
        raise AttributeError("CorrelatedEquilibrium is immutable")

    # ------------------------------------------------------------------ attributes
    @property
    def game(self) -> NormalFormGame:
        """The game."""
        return self._game

    @property
    def distribution(self) -> np.ndarray:
        return self._p

    @property
    def payoffs(self) -> tuple[Any, ...]:
        return self._payoffs

    @property
    def welfare(self) -> Any:
        return sum(self._payoffs, Fraction(0)) if self._exact else float(sum(self._payoffs))

    @property
    def strategies(self) -> tuple[np.ndarray, ...]:
        n = self._game.num_players
        out = []
        for i in range(n):
            axes = tuple(k for k in range(n) if k != i)
            m = self._p.sum(axis=axes) if axes else self._p.copy()
            out.append(readonly(np.asarray(m, dtype=object if self._exact else float)))
        return tuple(out)

    @property
    def objective(self) -> str:
        return self._objective

    @property
    def method(self) -> str:
        return self._method

    @property
    def is_exact(self) -> bool:
        """True when the distribution is made of Fractions."""
        return self._exact

    @property
    def support(self) -> tuple[tuple[str, ...], ...]:
        """Pure profiles (action labels) with positive probability, in array order."""
        tol = 0 if self._exact else TOLERANCE  # probabilities: not scaled by the payoffs
        idx = np.argwhere(self._p > tol) if not self._exact else [
            i for i in np.ndindex(*self._p.shape) if self._p[i] > 0]
        return tuple(tuple(self._game.actions[k][int(a)] for k, a in enumerate(i)) for i in idx)

    # ------------------------------------------------------------------ checks
    def regrets(self) -> tuple[Any, ...]:
        """Each player's largest gain from disobeying one recommendation (0 when obedient).

        For player ``i`` this is ``max(0, max over a != b of
        sum_{a_-i} p(a, a_-i) (u_i(b, a_-i) - u_i(a, a_-i)))``: the gain from
        always playing ``b`` when told ``a``, weighted by how often ``a`` is
        recommended (not conditioned on it).
        """
        return tuple(_violations(self._game, self._p, i) for i in range(self._game.num_players))

    def max_regret(self) -> Any:
        """Largest violation of an obedience constraint: exactly 0 for an exact distribution.

        Examples
        --------
        >>> from coopgame.games.normal_form import NormalFormGame
        >>> from coopgame.equilibria.correlated import CorrelatedEquilibrium
        >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
        >>> CorrelatedEquilibrium(pd, [[1, 0], [0, 0]]).max_regret()   # cooperating is not obeyed
        Fraction(2, 1)
        """
        return max(self.regrets())

    def is_verified(self) -> bool:
        """True when :meth:`max_regret` is 0 (exact) or within the game's float tolerance."""
        r = self.max_regret()
        return bool(r <= 0) if self._exact else bool(r <= self._game.float_tolerance)

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form: players, the support's probabilities by profile labels, payoffs, welfare.

        Examples
        --------
        >>> from coopgame.games.normal_form import NormalFormGame
        >>> from coopgame.equilibria.correlated import correlated_equilibrium
        >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
        >>> correlated_equilibrium(pd).to_dict()["distribution"]
        {('2', '2'): Fraction(1, 1)}
        """
        game = self._game

        def num(v: Any) -> Any:
            return v if self._exact else float(v)

        dist = {}
        for i in np.ndindex(*self._p.shape):
            v = self._p[i]
            if (v > 0) if self._exact else (v > TOLERANCE):
                dist[tuple(game.actions[k][a] for k, a in enumerate(i))] = num(v)
        return {
            "players": list(game.players),
            "distribution": dist,
            "payoffs": {game.players[k]: num(v) for k, v in enumerate(self._payoffs)},
            "welfare": num(self.welfare),
            "objective": self._objective,
            "method": self._method,
        }

    # ------------------------------------------------------------------ sequence protocol
    def __len__(self) -> int:
        return 1

    def __iter__(self) -> Iterator[CorrelatedEquilibrium]:
        yield self

    def __getitem__(self, index: int) -> CorrelatedEquilibrium:
        if isinstance(index, slice):
            return [self][index]  # type: ignore[return-value]
        if index in (0, -1):
            return self
        raise IndexError(f"CorrelatedEquilibrium: behaves as a one-element sequence; index {index!r} out of range")

    # ------------------------------------------------------------------ dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CorrelatedEquilibrium):
            return NotImplemented
        return self._game == other._game and np.array_equal(self._p, other._p)

    def __hash__(self) -> int:
        return hash((self._game, tuple(float(v) for v in self._p.reshape(-1))))

    def __repr__(self) -> str:
        game = self._game
        parts = []
        for i in np.ndindex(*self._p.shape):
            v = self._p[i]
            if (v > 0) if self._exact else (v > TOLERANCE):
                parts.append(f"{format_number(v)} ({', '.join(game.actions[k][a] for k, a in enumerate(i))})")
        shown = parts if len(parts) <= 8 else parts[:8] + [f"... {len(parts) - 8} more"]
        pay = ", ".join(format_number(v) for v in self._payoffs)
        return f"CorrelatedEquilibrium({' + '.join(shown)}; payoffs {pay})"


# ---------------------------------------------------------------------- helpers
def _validate_distribution(game: NormalFormGame, distribution: Any) -> np.ndarray:
    func = "CorrelatedEquilibrium"
    try:
        arr = np.array(distribution)
    except (ValueError, TypeError):
        arr = None
    if arr is None or arr.shape != game.shape or arr.dtype.kind not in "biufO":
        raise InvalidProfileError(
            f"{func}: expected a probability array of shape {game.shape}, got {type(distribution).__name__}"
            + (f" of shape {arr.shape}" if arr is not None else "")
        )
    flat = arr.reshape(-1)
    exact = game.is_exact and (arr.dtype.kind in "biu" or (
        arr.dtype == object and not any(isinstance(v, (float, np.floating)) for v in flat)))
    if exact:
        try:
            p = as_exact(arr)
        except TypeError:
            raise InvalidProfileError(f"{func}: expected numbers as probabilities") from None
        if any(v < 0 for v in p.reshape(-1)) or sum(p.reshape(-1), Fraction(0)) != 1:
            raise InvalidProfileError(f"{func}: expected non-negative probabilities summing to 1")
        return p
    try:
        p = as_float(arr)
    except (TypeError, ValueError):
        raise InvalidProfileError(f"{func}: expected numbers as probabilities") from None
    if not np.all(np.isfinite(p)) or (p < -1e-7).any() or abs(p.sum() - 1) > 1e-7:
        raise InvalidProfileError(
            f"{func}: expected non-negative probabilities summing to 1, got sum {float(np.nansum(p)):g}"
        )
    return np.array(p, dtype=float)


def _violations(game: NormalFormGame, p: np.ndarray, i: int) -> Any:
    """max(0, largest obedience-constraint left-hand side) for player ``i``."""
    exact = p.dtype == object
    u = game.payoffs[i] if exact else game.float_payoffs[i]
    m = game.shape[i]
    P = np.moveaxis(p, i, 0).reshape(m, -1)
    U = np.moveaxis(u, i, 0).reshape(m, -1)
    gains = P.dot(U.T)  # gains[a, b] = sum_r P[a, r] U[b, r]
    diag = np.array([gains[a, a] for a in range(m)], dtype=gains.dtype)
    worst = gains - diag[:, None]
    best = worst.max()
    return max(best, Fraction(0)) if exact else max(float(best), 0.0)


def _obedience_matrix(game: NormalFormGame, scale: float) -> sparse.csr_matrix:
    """Sparse matrix of the obedience constraints ``G p <= 0`` (payoffs divided by ``scale``).

    Row ``(i, a, b)`` for ``a != b`` has, in the column of each profile with
    ``a_i = a``, the coefficient ``u_i(b, a_-i) - u_i(a, a_-i)``.
    """
    shape = game.shape
    total = math.prod(shape)
    index = np.arange(total).reshape(shape)
    data, rows, cols = [], [], []
    offset = 0
    for i, m in enumerate(shape):
        if m < 2:
            continue
        U = np.moveaxis(game.float_payoffs[i], i, 0).reshape(m, -1) / scale
        C = np.moveaxis(index, i, 0).reshape(m, -1)
        R = U.shape[1]
        a_idx, b_idx = np.nonzero(~np.eye(m, dtype=bool))  # every ordered pair a != b
        vals = U[b_idx] - U[a_idx]  # (m(m-1), R)
        data.append(vals.reshape(-1))
        cols.append(C[a_idx].reshape(-1))
        rows.append(np.repeat(np.arange(offset, offset + a_idx.size), R))
        offset += a_idx.size
    if not data:
        return sparse.csr_matrix((0, total))
    return sparse.csr_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
                             shape=(offset, total))


def _objective_weights(game: NormalFormGame, objective: Any) -> tuple[str, np.ndarray | None, str]:
    """(kind, weights per player or None, description)."""
    func = "correlated_equilibrium"
    n = game.num_players
    if isinstance(objective, str):
        if objective == "welfare":
            return "linear", np.ones(n), "welfare"
        if objective == "maxmin":
            return "maxmin", None, "maxmin"
        if objective == "feasible":
            return "linear", np.zeros(n), "feasible"
        if objective in game.players:
            k = game.players.index(objective)
            w = np.zeros(n)
            w[k] = 1.0
            return "linear", w, f"payoff of {objective}"
        raise InvalidArgumentError(
            f"{func}: expected objective 'welfare', 'maxmin', 'feasible', a player (index or one of "
            f"{list(game.players)}) or {n} weights, got {objective!r}"
        )
    if isinstance(objective, (int, np.integer)) and not isinstance(objective, bool):
        if not 0 <= int(objective) < n:
            raise InvalidArgumentError(f"{func}: expected a player index in 0..{n - 1}, got {objective!r}")
        w = np.zeros(n)
        w[int(objective)] = 1.0
        return "linear", w, f"payoff of {game.players[int(objective)]}"
    try:
        w = np.asarray(objective, dtype=float)
    except (TypeError, ValueError):
        w = None
    if w is None or w.shape != (n,) or not np.all(np.isfinite(w)):
        raise InvalidArgumentError(
            f"{func}: expected objective 'welfare', 'maxmin', 'feasible', a player (index or label) or "
            f"{n} finite weights, got {objective!r}"
        )
    return "linear", w, "weights (" + ", ".join(format_number(x) for x in w) + ")"


def correlated_equilibrium(game: Any, objective: Any = "welfare") -> CorrelatedEquilibrium:
    """The correlated equilibrium a coordinator would recommend: the best one for an objective.

    Solves the linear programme "maximise the objective over joint
    distributions ``p`` of pure profiles subject to the obedience constraints"
    (see the module docstring) with HiGHS, for games with any number of
    players.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (a symbolic game with every parameter given is accepted).
    objective : str, int or sequence of float, default "welfare"
        ``"welfare"``: maximise the sum of expected payoffs.
        ``"maxmin"``: maximise the smallest expected payoff (egalitarian).
        ``"feasible"``: any correlated equilibrium (no objective).
        A player index or label: maximise that player's expected payoff.
        A sequence of ``N`` weights: maximise the weighted sum of payoffs.

    Returns
    -------
    CorrelatedEquilibrium
        With ``.distribution`` (shape ``game.shape``), ``.payoffs``,
        ``.welfare``, ``.strategies`` (marginals) and ``.max_regret()``. It also
        behaves as a one-element list (see :class:`CorrelatedEquilibrium`).
        For exact games the distribution is exact (Fractions) and its regret
        exactly 0; if the exact recomputation fails (it should not), a
        ``RuntimeWarning`` is issued and the float solution is returned.

    Raises
    ------
    SolverLimitError
        When the obedience constraints would have more than ``MAX_NONZEROS``
        non-zero coefficients.

    Examples
    --------
    Chicken: each driver yields or dares. A coordinator who tells both to
    yield half the time, and otherwise tells one of them (at random) to dare,
    gets 21/4 to each; the symmetric Nash equilibrium gives only 14/3.

    >>> from coopgame.games.normal_form import NormalFormGame
    >>> from coopgame.equilibria.correlated import correlated_equilibrium
    >>> chicken = NormalFormGame([[[6, 2], [7, 0]], [[6, 7], [2, 0]]], exact=True,
    ...                          players=["Row", "Column"], actions=[["Yield", "Dare"]] * 2)
    >>> ce = correlated_equilibrium(chicken)
    >>> ce
    CorrelatedEquilibrium(1/2 (Yield, Yield) + 1/4 (Yield, Dare) + 1/4 (Dare, Yield); payoffs 21/4, 21/4)
    >>> ce.welfare, ce.max_regret()
    (Fraction(21, 2), Fraction(0, 1))
    >>> correlated_equilibrium(chicken, objective="Row").payoffs
    (Fraction(7, 1), Fraction(2, 1))
    """
    func = "correlated_equilibrium"
    game = as_normal_form(game, func)
    kind, weights, description = _objective_weights(game, objective)
    shape = game.shape
    n = game.num_players
    total = math.prod(shape)
    nonzeros = total * sum(m - 1 for m in shape)
    if nonzeros > MAX_NONZEROS:
        raise SolverLimitError(
            f"{func}: the obedience constraints of a game of shape {shape} have {nonzeros:,} non-zero "
            f"coefficients; the limit is MAX_NONZEROS = {MAX_NONZEROS:,}; reduce the game (for example with "
            "iterated_elimination) or look for Nash equilibria (pure_equilibria / mixed_equilibria) instead"
        )
    fp = game.float_payoffs
    scale = max(float(np.abs(a).max()) for a in fp) or 1.0  # payoffs scaled to at most 1: unit-free
    G = _obedience_matrix(game, scale)
    U = np.vstack([a.reshape(-1) / scale for a in fp])  # (n, total)
    if kind == "maxmin":
        # variables (p, t): maximise t subject to t <= u_i . p
        nv = total + 1
        c = np.zeros(nv)
        c[-1] = -1.0
        A_ub = sparse.vstack([sparse.hstack([G, sparse.csr_matrix((G.shape[0], 1))]),
                              sparse.csr_matrix(np.hstack([-U, np.ones((n, 1))]))]).tocsr()
        bounds = [(0, None)] * total + [(None, None)]
    else:
        nv = total
        assert weights is not None
        c = -(weights @ U)
        A_ub = G
        bounds = [(0, None)] * total
    b_ub = np.zeros(A_ub.shape[0])
    A_eq = sparse.csr_matrix(np.append(np.ones(total), np.zeros(nv - total))[None, :])
    res = linprog(c, A_ub=A_ub if A_ub.shape[0] else None, b_ub=b_ub if A_ub.shape[0] else None,
                  A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs",
                  options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
    if res.status != 0:
        raise SolverError(f"{func}: the linear programme failed ({res.message})")
    x = np.asarray(res.x)
    method = "linprog-highs"
    if game.is_exact:
        p_exact = _exact_vertex(game, kind, weights, A_ub, x, total, -float(res.fun))
        if p_exact is not None:
            ce = CorrelatedEquilibrium.__new__(CorrelatedEquilibrium)
            ce._init(game, p_exact.reshape(shape), description, method + " (exact vertex)")
            return ce
        warnings.warn(f"{func}: could not recover an exact optimal vertex; returning the float solution",
                      RuntimeWarning, stacklevel=2)
    p = _polish(game, A_ub, x, total, kind)
    ce = CorrelatedEquilibrium.__new__(CorrelatedEquilibrium)
    ce._init(game, p.reshape(shape), description, method)
    return ce


def _vertex_system(A_ub: Any, x: np.ndarray, total: int, kind: str) -> tuple[Any, ...] | None:
    """Support columns, tight inequality rows and an independent square choice of rows at ``x``.

    Unknowns are the probabilities of the profiles in the float support (and
    ``t`` for maxmin); equations are ``sum p = 1`` (row 0) and the inequality
    rows tight at ``x`` (row ``1 + k`` is ``tight[k]``). A square subset of
    independent rows is picked by pivoted QR, always keeping row 0.
    """
    from scipy.linalg import qr

    nv = x.size
    cols = [j for j in range(total) if x[j] > 1e-9]
    if kind == "maxmin":
        cols.append(total)
    A = A_ub.tocsr()
    slack = -(A @ x)
    tight = np.flatnonzero(np.abs(slack) <= 1e-8)
    eq_row = np.zeros(nv)
    eq_row[:total] = 1.0
    M = np.vstack([eq_row[cols][None, :], A[tight][:, cols].toarray()]) if tight.size else eq_row[cols][None, :]
    k = len(cols)
    if M.shape[0] < k:
        return None
    if k > 1:
        _, _, piv = qr(M[1:].T, pivoting=True, mode="economic")
        chosen = [0] + [1 + int(r) for r in piv[: k - 1]]
    else:
        chosen = [0]
    return cols, tight, chosen, M  # type: ignore[return-value]


def _polish(game: NormalFormGame, A_ub: Any, x: np.ndarray, total: int, kind: str) -> np.ndarray:
    """The float vertex re-solved from its tight constraints (keeps ``x`` if that is not better)."""
    def clean(y: np.ndarray) -> np.ndarray:
        p = np.clip(y[:total], 0.0, None)
        return (p / p.sum()).reshape(game.shape)

    base = clean(x)
    system = _vertex_system(A_ub, x, total, kind)
    if system is None:
        return base
    cols, _, chosen, M = system  # type: ignore[misc]
    sq = M[chosen]
    rhs = np.zeros(len(chosen))
    rhs[0] = 1.0
    try:
        sol = np.linalg.solve(sq, rhs)
    except np.linalg.LinAlgError:
        return base
    y = np.zeros_like(x)
    y[cols] = sol
    if np.max(np.abs(y - x)) > 1e-6:
        return base
    cand = clean(y)
    n = game.num_players
    r_base = max(_violations(game, base, i) for i in range(n))
    r_cand = max(_violations(game, cand, i) for i in range(n))
    return cand if r_cand <= r_base else base


def _exact_vertex(game: NormalFormGame, kind: str, weights: np.ndarray | None, A_ub: Any, x: np.ndarray,
                  total: int, value: float) -> np.ndarray | None:
    """Recompute the LP vertex near ``x`` in Fractions; None when that fails.

    Unknowns are the probabilities of the profiles in the float support (and
    ``t`` for maxmin); equations are ``sum p = 1`` and the inequality rows
    tight at ``x``. A square, independent subset of them is picked by pivoted
    QR in floats and solved exactly; the result is then checked exactly
    against every constraint and its objective against the LP optimum.
    """
    system = _vertex_system(A_ub, x, total, kind)
    if system is None:
        return None
    cols, tight, chosen, _ = system  # type: ignore[misc]
    exact_rows = _exact_rows(game, kind, tight, total)
    rows, rhs = [], []
    for r in chosen:
        full = exact_rows(r)
        rows.append([full(j) for j in cols])
        rhs.append(Fraction(1) if r == 0 else Fraction(0))
    sol = exact_solve(rows, rhs)
    if sol is None:
        return None
    p = np.empty(total, dtype=object)
    p[:] = [Fraction(0)] * total
    for j, v in zip(cols, sol):
        if j < total:
            p[j] = v
    if any(v < 0 for v in sol[: len(cols) - (kind == "maxmin")]) or sum(p, Fraction(0)) != 1:
        return None
    shaped = p.reshape(game.shape)
    if any(_violations(game, shaped, i) > 0 for i in range(game.num_players)):
        return None
    # objective value must match the float optimum
    pays = [sum((a * b for a, b in zip(p, u.reshape(-1)) if a != 0), Fraction(0)) for u in game.payoffs]
    scale = max(float(np.abs(a).max()) for a in game.float_payoffs) or 1.0  # as in correlated_equilibrium
    if kind == "maxmin":
        obj = float(min(pays)) / scale
    else:
        assert weights is not None
        obj = float(sum(w * float(v) for w, v in zip(weights, pays))) / scale
    if abs(obj - value) > 1e-6 * max(1.0, abs(value)):
        return None
    return p


def _exact_rows(game: NormalFormGame, kind: str, tight: np.ndarray, total: int):
    """Function r -> (function j -> exact coefficient) for rows of the stacked system.

    Row 0 is the normalisation; row ``1 + k`` is inequality row ``tight[k]``
    of ``A_ub`` (obedience rows first, then for maxmin ``t - u_i . p``),
    recomputed from the exact payoffs.
    """
    shape = game.shape
    index = np.arange(total).reshape(shape)
    # map obedience row number -> (player, a, b)
    table: list[tuple[int, int, int]] = []
    for i, m in enumerate(shape):
        if m < 2:
            continue
        a_idx, b_idx = np.nonzero(~np.eye(m, dtype=bool))
        table.extend((i, int(a), int(b)) for a, b in zip(a_idx, b_idx))
    flat_pay = [u.reshape(-1) for u in game.payoffs]

    def row(r: int):
        if r == 0:
            return lambda j: Fraction(1) if j < total else Fraction(0)
        g = int(tight[r - 1])
        if g >= len(table):  # maxmin row: t - u_i . p <= 0
            i = g - len(table)
            return lambda j: Fraction(1) if j == total else -flat_pay[i][j]
        i, a, b = table[g]

        def coef(j: int) -> Fraction:
            if j >= total:
                return Fraction(0)
            prof = list(np.unravel_index(j, shape))
            if prof[i] != a:
                return Fraction(0)
            dev = list(prof)
            dev[i] = b
            return game.payoffs[i][tuple(dev)] - game.payoffs[i][tuple(prof)]
        return coef

    del index
    return row
