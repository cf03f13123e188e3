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
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from scipy import sparse

from coopgame._checks import check_int, check_size, describe, probability_vector, public
from coopgame._numeric import TOLERANCE, exact_solve, format_number, readonly
from coopgame.equilibria.result import payoff_column
from coopgame.errors import InvalidArgumentError, InvalidProfileError, SolverError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.normal_form import NormalFormGame
from coopgame.results import Result

__all__ = ["MAX_NONZEROS", "OBJECTIVES", "CorrelatedEquilibrium", "correlated_equilibrium"]

#: Largest number of non-zero coefficients in the obedience constraints
#: (``num_profiles * sum_i (m_i - 1)``) that :func:`correlated_equilibrium` accepts by
#: default (its ``max_nonzeros``): about a 100x100 game, solved in seconds; the work grows
#: faster than the count (a 200x200 game, 16 million, takes minutes).
MAX_NONZEROS = 2_000_000

#: The named objectives (a player index or label, or a weight vector, are also accepted).
OBJECTIVES = ("welfare", "maxmin", "feasible")


@public
@dataclass(frozen=True, eq=False, repr=False)
class CorrelatedEquilibrium(Result):
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
    support : tuple of tuple of int
        The pure profiles (action indices) with positive probability;
        ``support_labels`` gives them by label.
    objective, method : str

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
    """

    game: NormalFormGame
    distribution: np.ndarray
    objective: str = ""
    method: str = ""
    payoffs: tuple[Any, ...] = field(init=False)

    def __post_init__(self) -> None:
        game = as_normal_form(self.game, "CorrelatedEquilibrium")
        self._set(game, _validate_distribution(game, self.distribution), self.objective, self.method)

    @classmethod
    def _trusted(cls, game: NormalFormGame, p: np.ndarray, objective: str, method: str) -> CorrelatedEquilibrium:
        ce = cls.__new__(cls)
        ce._set(game, p, objective, method)
        return ce

    def _set(self, game: NormalFormGame, p: np.ndarray, objective: str, method: str) -> None:
        exact = p.dtype == object
        arrays = game.payoffs if exact else game.float_payoffs
        if exact:
            flat = p.reshape(-1)
            payoffs = tuple(sum((x * y for x, y in zip(flat, a.reshape(-1)) if x != 0), Fraction(0)) for a in arrays)
        else:
            payoffs = tuple(float(np.dot(p.reshape(-1), a.reshape(-1))) for a in arrays)
        object.__setattr__(self, "game", game)
        object.__setattr__(self, "distribution", readonly(p))
        object.__setattr__(self, "objective", str(objective))
        object.__setattr__(self, "method", str(method))
        object.__setattr__(self, "payoffs", payoffs)

    # ------------------------------------------------------------------ attributes
    @property
    def is_exact(self) -> bool:
        """True when the distribution is made of Fractions."""
        return bool(self.distribution.dtype == object)

    @property
    def welfare(self) -> Any:
        """Sum of the expected payoffs."""
        return sum(self.payoffs, Fraction(0)) if self.is_exact else float(sum(self.payoffs))

    @property
    def strategies(self) -> tuple[np.ndarray, ...]:
        """Marginal distribution of each player's recommended action."""
        n = self.game.num_players
        out = []
        for i in range(n):
            axes = tuple(k for k in range(n) if k != i)
            m = self.distribution.sum(axis=axes) if axes else self.distribution.copy()
            out.append(readonly(np.asarray(m, dtype=object if self.is_exact else float)))
        return tuple(out)

    def _positive(self) -> list[tuple[int, ...]]:
        p = self.distribution
        # probabilities: an absolute tolerance, not scaled by the payoffs (see coopgame._numeric)
        return [tuple(int(a) for a in i) for i in np.ndindex(*p.shape)
                if ((p[i] > 0) if self.is_exact else (p[i] > TOLERANCE))]

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """Pure profiles (action indices) with positive probability, in array order."""
        return tuple(self._positive())

    @property
    def support_labels(self) -> tuple[tuple[str, ...], ...]:
        """Pure profiles (action labels) with positive probability, in array order."""
        return tuple(tuple(self.game.actions[k][a] for k, a in enumerate(i)) for i in self._positive())

    # ------------------------------------------------------------------ checks
    @public
    def regrets(self) -> tuple[Any, ...]:
        """Each player's largest gain from disobeying one recommendation (0 when obedient).

        For player ``i`` this is ``max(0, max over a != b of
        sum_{a_-i} p(a, a_-i) (u_i(b, a_-i) - u_i(a, a_-i)))``: the gain from
        always playing ``b`` when told ``a``, weighted by how often ``a`` is
        recommended (not conditioned on it).
        """
        return tuple(_violations(self.game, self.distribution, i) for i in range(self.game.num_players))

    @public
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

    @public
    def is_verified(self) -> bool:
        """True when :meth:`max_regret` is 0 (exact) or within the game's float tolerance."""
        r = self.max_regret()
        return bool(r <= 0) if self.is_exact else bool(r <= self.game.float_tolerance)

    def _number(self, v: Any) -> Any:
        return v if self.is_exact else float(v)

    @public
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
        game = self.game
        dist = {labels: self._number(self.distribution[i]) for i, labels in zip(self.support, self.support_labels)}
        return {
            "players": list(game.players),
            "distribution": dist,
            "payoffs": {game.players[k]: self._number(v) for k, v in enumerate(self.payoffs)},
            "welfare": self._number(self.welfare),
            "objective": self.objective,
            "method": self.method,
        }

    def _describe(self, limit: int = 8) -> str:
        parts = [f"{format_number(self.distribution[i])} ({', '.join(labels)})"
                 for i, labels in zip(self.support, self.support_labels)]
        shown = parts if len(parts) <= limit else parts[:limit] + [f"... {len(parts) - limit} more"]
        return " + ".join(shown)

    def _frame_row(self) -> dict[str, Any]:
        """One table row: the distribution in words, each player's payoff, the method."""
        row: dict[str, Any] = {"distribution": self._describe()}
        for name, v in zip(self.game.players, self.payoffs):
            row[payoff_column(name)] = self._number(v)
        row["method"] = self.method
        return row

    # ------------------------------------------------------------------ dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CorrelatedEquilibrium):
            return NotImplemented
        return self.game == other.game and np.array_equal(self.distribution, other.distribution)

    def __hash__(self) -> int:
        return hash((self.game, tuple(float(v) for v in self.distribution.reshape(-1))))

    def __reduce__(self) -> Any:
        return (CorrelatedEquilibrium._trusted, (self.game, self.distribution, self.objective, self.method))

    def __repr__(self) -> str:
        pay = ", ".join(format_number(v) for v in self.payoffs)
        return f"CorrelatedEquilibrium({self._describe()}; payoffs {pay})"


# ---------------------------------------------------------------------- helpers
def _validate_distribution(game: NormalFormGame, distribution: Any) -> np.ndarray:
    func = "CorrelatedEquilibrium"
    try:
        arr = np.array(distribution, dtype=object)
    except (ValueError, TypeError):
        arr = None
    if arr is None or arr.shape != game.shape:
        raise InvalidProfileError(
            f"{func}: expected a probability array of shape {game.shape}, got {describe(distribution)}"
            + (f" of shape {arr.shape}" if arr is not None else ""))
    flat = probability_vector(arr.reshape(-1), arr.size, "distribution", func, exact=game.is_exact)
    return np.array(flat, dtype=flat.dtype).reshape(game.shape)


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
    given: np.ndarray | None
    try:
        given = np.asarray(objective, dtype=float)
    except (TypeError, ValueError):
        given = None
    if given is None or given.shape != (n,) or not np.all(np.isfinite(given)):
        raise InvalidArgumentError(
            f"{func}: expected objective 'welfare', 'maxmin', 'feasible', a player (index or label) or "
            f"{n} finite weights, got {objective!r}"
        )
    return "linear", given, "weights (" + ", ".join(format_number(x) for x in given) + ")"


@public
def correlated_equilibrium(game: GameLike, objective: Any = "welfare", *,
                           max_nonzeros: int = MAX_NONZEROS) -> CorrelatedEquilibrium:
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
    max_nonzeros : int, default :data:`MAX_NONZEROS` (2,000,000)
        Largest number of non-zero coefficients of the obedience constraints
        (``num_profiles * sum_i (m_i - 1)``), checked before anything is built.

    Returns
    -------
    CorrelatedEquilibrium
        With ``.distribution`` (shape ``game.shape``), ``.payoffs``,
        ``.welfare``, ``.strategies`` (marginals) and ``.max_regret()``.
        For exact games the distribution is exact (Fractions) and its regret
        exactly 0; if the exact recomputation fails (it should not), a
        ``RuntimeWarning`` is issued and the float solution is returned.

    Raises
    ------
    SolverLimitError
        When the obedience constraints would have more than ``max_nonzeros``
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
    from scipy.optimize import linprog
    func = "correlated_equilibrium"
    game = as_normal_form(game, func)
    max_nonzeros = check_int(max_nonzeros, "max_nonzeros", func, minimum=1)
    shape = game.shape
    n = game.num_players
    total = math.prod(shape)
    check_size(func, total * sum(m - 1 for m in shape), max_nonzeros,
               what=f"the number of non-zero coefficients of the obedience constraints of a game of shape {shape}",
               limit_name="max_nonzeros",
               alternative="iterated_elimination(game) to reduce the game first, or pure_equilibria(game)")
    kind, weights, description = _objective_weights(game, objective)
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
                  # HiGHS's own feasibility: a tenth of the library's tolerance (the payoffs are scaled to at
                  # most 1), so that the vertex it returns passes the regret check
                  options={"primal_feasibility_tolerance": TOLERANCE / 10,
                           "dual_feasibility_tolerance": TOLERANCE / 10})
    if res.status != 0:
        raise SolverError(f"{func}: the linear programme failed ({res.message})")
    x = np.asarray(res.x)
    method = "linprog-highs"
    if game.is_exact:
        p_exact = _exact_vertex(game, kind, weights, A_ub, x, total, -float(res.fun))
        if p_exact is not None:
            return CorrelatedEquilibrium._trusted(game, p_exact.reshape(shape), description, method + " (exact vertex)")
        warnings.warn(f"{func}: could not recover an exact optimal vertex; returning the float solution",
                      RuntimeWarning, stacklevel=2)
    p = _polish(game, A_ub, x, total, kind)
    return CorrelatedEquilibrium._trusted(game, p.reshape(shape), description, method)


def _vertex_system(A_ub: Any, x: np.ndarray, total: int, kind: str) -> tuple[Any, ...] | None:
    """Support columns, tight inequality rows and an independent square choice of rows at ``x``.

    Unknowns are the probabilities of the profiles in the float support (and
    ``t`` for maxmin); equations are ``sum p = 1`` (row 0) and the inequality
    rows tight at ``x`` (row ``1 + k`` is ``tight[k]``). A square subset of
    independent rows is picked by pivoted QR, always keeping row 0.
    """
    from scipy.linalg import qr

    nv = x.size
    cols = [j for j in range(total) if x[j] > TOLERANCE]  # probabilities: absolute tolerance
    if kind == "maxmin":
        cols.append(total)
    A = A_ub.tocsr()
    slack = -(A @ x)
    tight = np.flatnonzero(np.abs(slack) <= 10 * TOLERANCE)  # rows of payoffs scaled to at most 1: unit-free
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
    return cols, tight, chosen, M


def _polish(game: NormalFormGame, A_ub: Any, x: np.ndarray, total: int, kind: str) -> np.ndarray:
    """The float vertex re-solved from its tight constraints (keeps ``x`` if that is not better)."""
    def clean(y: np.ndarray) -> np.ndarray:
        p = np.clip(y[:total], 0.0, None)
        return (p / p.sum()).reshape(game.shape)

    base = clean(x)
    system = _vertex_system(A_ub, x, total, kind)
    if system is None:
        return base
    cols, _, chosen, M = system
    sq = M[chosen]
    rhs = np.zeros(len(chosen))
    rhs[0] = 1.0
    try:
        sol = np.linalg.solve(sq, rhs)
    except np.linalg.LinAlgError:
        return base
    y = np.zeros_like(x)
    y[cols] = sol
    # not the tolerance: a heuristic for "the re-solved point is the vertex HiGHS found", not a
    # verdict (the regret of both is compared next)
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
    cols, tight, chosen, _ = system
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
    # not the tolerance: the float optimum only locates the exact vertex (which was checked exactly
    # above); a looser match only guards against recovering a different vertex
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
            prof = [int(k) for k in np.unravel_index(j, shape)]
            if prof[i] != a:
                return Fraction(0)
            dev = list(prof)
            dev[i] = b
            return game.payoffs[i][tuple(dev)] - game.payoffs[i][tuple(prof)]
        return coef

    return row
