"""The replicator field: one object for the vector field of the replicator dynamics and its Jacobian.

For one population per role ``p`` (any number of strategies ``a``) the field is

    dx_{p,a}/dt = x_{p,a} (u_{p,a}(x) - sum_b x_{p,b} u_{p,b}(x)),

where ``u_{p,a}(x)`` is the payoff of strategy ``a`` in the state ``x``: the
expected payoff against the other roles' shares for a normal-form game, the
payoff expression of a :class:`~coopgame.dynamics.population.PopulationGame`,
or ``(A x)_a`` for one population playing a symmetric two-player game with
row matrix ``A`` (Taylor and Jonker 1978; Hofbauer and Sigmund 1998,
chapters 7 and 10).

:class:`ReplicatorField` evaluates this field on stacked states (arrays of
shape ``(..., dim)``), projects states onto the simplices, gives the
Jacobian in the tangent coordinates (the shares of all strategies of each
role but the last), exactly in Fractions when the game and the point are
exact, and the sympy form of the same equations. Every part of
:mod:`coopgame.dynamics` that needs the field (integration, rest points,
stability, basins, the symbolic equations, the plots) takes it from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_choice, public
from coopgame._numeric import as_float, to_fraction
from coopgame.dynamics.population import PopulationGame, as_population_game
from coopgame.errors import InvalidArgumentError, InvalidGameError
from coopgame.games.coerce import as_normal_form, is_symmetric, symmetric_matrix
from coopgame.games.normal_form import NormalFormGame

try:  # pragma: no cover - exercised in the environments that have numba
    from numba import njit
except ImportError:  # pragma: no cover
    njit = None

__all__ = ["POPULATIONS", "ReplicatorField", "replicator_expressions"]

#: How the state is read: one population playing a symmetric game, or one population per role.
POPULATIONS = ("auto", "single", "multi")


def _one_population_numpy(y: np.ndarray, A: np.ndarray) -> np.ndarray:  # pragma: no mutate block (compiled by numba)
    """The one-population field at ``y`` projected onto the simplex (tiny negatives clipped, renormalised)."""
    z = np.maximum(y, 0.0)
    total = z.sum()
    z = z / (total if total > 0 else 1.0)
    f = A @ z
    return z * (f - z @ f)


if njit is not None:  # pragma: no branch
    # the same, compiled: one call per evaluation instead of several numpy calls (solve_ivp calls it ~10^3 times)
    _one_population_field = njit(cache=True)(_one_population_numpy)
else:  # pragma: no cover
    _one_population_field = _one_population_numpy


def _tidy(e: sympy.Expr, state: Sequence[sympy.Symbol] = ()) -> sympy.Expr:
    """A payoff difference in a readable form: expanded and collected in the state coordinates."""
    e = sympy.expand(e)
    if state and not e.is_polynomial(*state):
        e = sympy.simplify(e)
    return sympy.collect(e, list(state)) if state else e


def replicator_expressions(game: PopulationGame) -> tuple[list[sympy.Expr], list[sympy.Expr] | None]:
    """The replicator equations of a population game in its state coordinates, as sympy expressions.

    A two-strategy role with coordinate ``x`` gets ``x (1 - x) Delta`` with
    ``Delta`` the first strategy's payoff minus the second's; a role with
    more strategies gets ``x_a (u_a - sum_b x_b u_b)`` for each strategy but
    the last. Returns the equations and, when every role has two strategies,
    the advantages ``Delta`` (None otherwise).

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.dynamics.field import replicator_expressions
    >>> from coopgame.dynamics.population import PopulationGame
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    >>> replicator_expressions(PopulationGame.from_game(pd))
    ([x*(1 - x)*(-y - 1), y*(1 - y)*(-x - 1)], [-y - 1, -x - 1])
    """
    state = game.state
    equations: list[sympy.Expr] = []
    advantages: list[sympy.Expr] | None = [] if all(m == 2 for m in game.shape) else None
    for row, sh, coords in zip(game.payoffs, game.shares, game.role_state):
        if len(row) == 2:
            delta = _tidy(row[0] - row[1], state)
            x = coords[0]
            equations.append(x * (1 - x) * delta)
            if advantages is not None:
                advantages.append(delta)
            continue
        mean = sympy.expand(sum((s * u for s, u in zip(sh, row)), sympy.Integer(0)))
        for a, x in enumerate(coords):
            equations.append(x * _tidy(row[a] - mean, state))
    return equations, advantages


def _sympy_number(v: Any) -> sympy.Expr:
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    return sympy.Float(float(v)) if not float(v).is_integer() else sympy.Integer(int(float(v)))


@public
class ReplicatorField:
    """The replicator vector field of a game, with its Jacobian and its sympy form.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, sequence of payoff arrays or PopulationGame
        A PopulationGame may keep free parameters for :meth:`symbolic`; the
        numeric methods then refuse with :class:`~coopgame.UnresolvedParameterError`.
    populations : {"auto", "single", "multi"}, default "auto"
        ``"single"``: one population playing a symmetric two-player game
        (the row player's matrix); ``"multi"``: one population per role.
        ``"auto"`` takes ``"single"`` for symmetric two-player games,
        ``"multi"`` otherwise (always for a PopulationGame).
    where : str
        The public function named in error messages.

    Attributes
    ----------
    populations : str
        ``"single"`` or ``"multi"``.
    sizes : tuple of int
        Strategies of each population; the state is their shares side by side.
    dim : int
        ``sum(sizes)``; the tangent space has ``dim - len(sizes)`` coordinates.
    labels : tuple of str
        A name for each share (``"player: action"``, or the action for one population).
    is_exact : bool
        True when the payoffs are exact (Fractions, or sympy rationals).

    Examples
    --------
    >>> import numpy as np
    >>> import coopgame as cg
    >>> from coopgame.dynamics.field import ReplicatorField
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    >>> field = ReplicatorField(pd, populations="multi")
    >>> field(np.array([[0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]])).tolist()
    [[-0.375, 0.375, -0.375, 0.375], [0.0, 0.0, 0.0, 0.0]]
    >>> field.jacobian([Fraction(1), Fraction(0), Fraction(1), Fraction(0)]).tolist()
    [[Fraction(2, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(2, 1)]]
    >>> ReplicatorField(pd).populations, ReplicatorField(pd).symbolic()[1]
    ('single', [x*(1 - x)*(-x - 1)])
    """

    def __init__(self, game: Any, *, populations: str = "auto", where: str = "ReplicatorField") -> None:
        check_choice(populations, "populations", where, POPULATIONS)
        self.where = where
        self.population_game: PopulationGame | None = None
        self.game: NormalFormGame | None = None
        if isinstance(game, PopulationGame):
            if populations == "single":
                raise InvalidArgumentError(f"{where}: a PopulationGame runs one population per role; "
                                           "use populations='multi' (or 'auto')")
            self.population_game = game
            self.populations = "multi"
            sizes = tuple(game.shape)
            self.players: tuple[str, ...] = tuple(game.players)
            self.actions: tuple[tuple[str, ...], ...] = tuple(tuple(a) for a in game.actions)
            self.is_exact = all(not e.has(sympy.Float) for row in game.payoffs for e in row)
        else:
            nf = as_normal_form(game, where)
            self.game = nf
            if populations == "auto":
                populations = "single" if is_symmetric(nf) else "multi"
            elif populations == "single" and not is_symmetric(nf):
                raise InvalidGameError(
                    f"{where}: expected a symmetric two-player game for one-population dynamics (column payoffs = "
                    f"transpose of row payoffs), got a game of shape {nf.shape} that is not; "
                    "use populations='multi' or give one probability vector per player")
            self.populations = populations
            self.players = tuple(nf.players)
            self.actions = tuple(tuple(a) for a in nf.actions)
            self.is_exact = nf.is_exact
            if populations == "single":
                A = symmetric_matrix(nf, where)
                self._A_exact = A if nf.is_exact else None
                self.A = np.ascontiguousarray(as_float(np.asarray(A)), dtype=float)
                sizes = (nf.shape[0],)
            else:
                sizes = tuple(nf.shape)
        self.sizes: tuple[int, ...] = sizes
        ends = np.cumsum((0,) + sizes)
        self.bounds: list[tuple[int, int]] = [(int(ends[k]), int(ends[k + 1])) for k in range(len(sizes))]
        self.dim = int(ends[-1])
        self.tangent_dim = self.dim - len(sizes)
        if self.populations == "single":
            self.labels: tuple[str, ...] = tuple(self.actions[0])
        else:
            self.labels = tuple(f"{p}: {a}" for p, acts in zip(self.players, self.actions) for a in acts)
        # lift matrix E (dim x tangent_dim): x = E y + last corner of each simplex
        E = np.zeros((self.dim, self.tangent_dim), dtype=int)
        kept = []
        k = 0
        for lo, hi in self.bounds:
            for a in range(lo, hi - 1):
                E[a, k + a - lo] = 1
                E[hi - 1, k + a - lo] = -1
                kept.append(a)
            k += hi - lo - 1
        self._E = E
        self._kept = np.array(kept, dtype=int)
        # M @ E without multiplications: column k of E is e_a - e_last, a = kept[k] and last its population's last share
        self._last = np.array([hi - 1 for lo, hi in self.bounds for _ in range(lo, hi - 1)], dtype=int)
        self._numeric_population: Callable[[np.ndarray], list[np.ndarray]] | None = None
        self._derivative: Any = None
        self._symbolic_game: PopulationGame | None = None

    # ------------------------------------------------------------------ payoffs
    def _population_payoffs(self) -> Callable[[np.ndarray], list[np.ndarray]]:
        """The PopulationGame's payoffs compiled for stacked states (refuses free parameters)."""
        if self._numeric_population is None:
            game = self.population_game
            assert game is not None
            game.payoff_function(self.where)              # refuses free parameters, naming them
            flat = [e for row in game.payoffs for e in row]
            func = sympy.lambdify(game.state, flat, modules="numpy")
            bounds, sizes = self.bounds, self.sizes

            def payoffs(Y: np.ndarray) -> list[np.ndarray]:
                shape = Y.shape[:-1]
                coords = [Y[..., lo + k] for (lo, _), m in zip(bounds, sizes) for k in range(m - 1)]
                vals = func(*coords)
                out, k = [], 0
                for m in sizes:
                    out.append(np.stack([np.broadcast_to(np.asarray(v, dtype=float), shape) for v in vals[k:k + m]],
                                        axis=-1))
                    k += m
                return out

            self._numeric_population = payoffs
        return self._numeric_population

    def _exact_population_payoffs(self, Y: np.ndarray) -> list[np.ndarray]:
        """A PopulationGame's payoffs at rational states, exactly (Fractions; floats where a value is irrational)."""
        game = self.population_game
        assert game is not None
        game.payoff_function(self.where)              # refuses free parameters, naming them
        flat = Y.reshape(-1, self.dim)
        rows = []
        for state in flat:
            at = {s: sympy.Rational(to_fraction(v).numerator, to_fraction(v).denominator)
                  for s, v in zip(game.state, self.tangent(state))}
            values = [sympy.nsimplify(e.xreplace(at)) for row in game.payoffs for e in row]
            rows.append([Fraction(int(v.p), int(v.q)) if v.is_Rational else float(v) for v in values])
        U = np.array(rows, dtype=object).reshape(Y.shape[:-1] + (self.dim,))
        return [U[..., lo:hi] for lo, hi in self.bounds]

    def payoffs(self, Y: Any) -> list[np.ndarray]:
        """Each strategy's payoff in the states ``Y`` (shape ``(..., dim)``): one array ``(..., m_p)`` per population.

        Object arrays of Fractions (exact payoffs) give exact payoffs; anything else floats.
        """
        if not isinstance(Y, np.ndarray) or Y.dtype.kind not in "fO":
            Y = np.asarray(Y, dtype=float)
        if Y.dtype == object and self.is_exact and self.population_game is not None:
            return self._exact_population_payoffs(Y)
        exact = Y.dtype == object and self.is_exact
        if not exact and Y.dtype == object:
            Y = as_float(Y)
        if self.population_game is not None:
            return self._population_payoffs()(Y)
        if self.populations == "single":
            A = self._A_exact if exact else self.A
            return [Y @ np.asarray(A).T]
        if Y.ndim == 1:
            return self._state_payoffs(Y, exact)
        flat = Y.reshape(-1, self.dim)
        K = len(flat)
        parts = [flat[:, lo:hi] for lo, hi in self.bounds]
        matrices = self._arranged(exact)[1]
        out = []
        for p in range(len(self.sizes)):
            joint = np.ones((K, 1), dtype=object if exact else float)
            for q, v in enumerate(parts):
                if q != p:
                    joint = (joint[:, :, None] * v[:, None, :]).reshape(K, -1)
            out.append((joint @ matrices[p].T).reshape(Y.shape[:-1] + (self.sizes[p],)))
        return out

    def _arranged(self, exact: bool) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Each role's payoffs with its own axis first, as a tensor and as a matrix (own strategies by the others'
        joint profiles, in player order); exact or float. Built once, on first use."""
        key = "_arranged_exact" if exact else "_arranged_float"
        if key not in self.__dict__:
            assert self.game is not None
            arrays = self.game.payoffs if exact else self.game.float_payoffs
            moved = [np.moveaxis(a, p, 0) for p, a in enumerate(arrays)]
            if not exact:
                moved = [np.ascontiguousarray(m) for m in moved]
            self.__dict__[key] = (moved, [m.reshape(m.shape[0], -1) for m in moved])
        return self.__dict__[key]

    def _shares(self, y: np.ndarray, exact: bool) -> list[tuple[np.ndarray, int | None]]:
        """Each role's shares at one state, with the index of its strategy when it plays one purely.

        Only exact states look for pure shares: a slice spares Fraction arithmetic, while a float product
        with a unit vector gives the same numbers at less cost than the search (this is the integrator's path).
        """
        out: list[tuple[np.ndarray, int | None]] = []
        for lo, hi in self.bounds:
            v = y[lo:hi]
            if not exact:
                out.append((v, None))
                continue
            nonzero = [i for i in range(hi - lo) if v[i] != 0]
            out.append((v, nonzero[0] if len(nonzero) == 1 and v[nonzero[0]] == 1 else None))
        return out

    def _contracted(self, shares: list[tuple[np.ndarray, int | None]], exact: bool, p: int,
                    keep: int | None = None) -> np.ndarray:
        """Role ``p``'s payoff array at one state (``shares`` from :meth:`_shares`) with every other role's axis
        contracted but ``keep``'s: shape ``(m_p,)``, or ``(m_p, m_keep)``. A pure share picks a slice, not a sum."""
        u = self._arranged(exact)[0][p]
        roles = [q for q in range(len(self.sizes)) if q != p]   # the roles behind axes 1, 2, ... of u
        for q in reversed(roles):
            if q == keep:
                continue
            axis = 1 + roles.index(q)
            v, pure = shares[q]
            last = axis == u.ndim - 1
            if pure is not None:
                u = u[(slice(None),) * axis + (pure,)]
            else:
                u = u @ v if last else np.tensordot(u, v, axes=([axis], [0]))
        return np.asarray(u)

    def _state_payoffs(self, y: np.ndarray, exact: bool) -> list[np.ndarray]:
        """:meth:`payoffs` at one state."""
        shares = self._shares(y, exact)
        return [self._contracted(shares, exact, p) for p in range(len(self.sizes))]

    # ------------------------------------------------------------------ the field
    def __call__(self, Y: Any) -> np.ndarray:
        """The field at the states ``Y``, shape ``(..., dim)`` (exact for Fraction states of exact games)."""
        if not isinstance(Y, np.ndarray) or Y.dtype.kind not in "fO":
            Y = np.asarray(Y, dtype=float)
        U = self.payoffs(Y)
        exact = U[0].dtype == object
        if not exact and Y.dtype == object:
            Y = as_float(Y)
        out = np.empty(Y.shape, dtype=object if exact else float)
        for (lo, hi), u in zip(self.bounds, U):
            x = Y[..., lo:hi]
            avg = (x * u).sum(axis=-1, keepdims=True) if exact else np.einsum("...i,...i->...", x, u)[..., None]
            out[..., lo:hi] = x * (u - avg)
        return out

    def project(self, Y: Any) -> np.ndarray:
        """States moved onto the simplices: tiny negatives clipped to 0, each population's shares renormalised."""
        Y = np.clip(np.array(Y, dtype=float), 0.0, None)
        for lo, hi in self.bounds:
            s = Y[..., lo:hi].sum(axis=-1, keepdims=True)
            Y[..., lo:hi] = Y[..., lo:hi] / np.where(s > 0, s, 1.0)
        return Y

    def rhs(self) -> Callable[[float, np.ndarray], np.ndarray]:
        """``f(t, y)`` for :func:`scipy.integrate.solve_ivp`: the field at ``y`` projected onto the simplices.

        One population playing a matrix game runs the compiled kernel (numba, when installed).
        """
        if self.populations == "single" and self.population_game is None:
            A = self.A

            def single(t: float, y: np.ndarray) -> np.ndarray:
                return _one_population_field(y, A)

            return single
        starts = np.array([lo for lo, _ in self.bounds])
        owner = np.repeat(np.arange(len(self.sizes)), self.sizes)

        def projected(t: float, y: np.ndarray) -> np.ndarray:
            y = np.maximum(y, 0.0)
            sums = np.add.reduceat(y, starts)
            sums[sums <= 0] = 1.0
            return self(y / sums[owner])

        return projected

    # ------------------------------------------------------------------ tangent space
    @property
    def lift_matrix(self) -> np.ndarray:
        """``E`` (``dim x tangent_dim``): a tangent vector ``v`` moves the state by ``E v``."""
        return self._E

    def tangent(self, x: Any) -> np.ndarray:
        """The tangent coordinates of a state: each population's shares but its last."""
        return np.asarray(x)[..., self._kept]

    def lift(self, y: Any) -> np.ndarray:
        """The state (all shares) with tangent coordinates ``y``."""
        y = np.asarray(y)
        out = np.empty(y.shape[:-1] + (self.dim,), dtype=y.dtype if y.dtype == object else float)
        k = 0
        for lo, hi in self.bounds:
            m = hi - lo
            out[..., lo:hi - 1] = y[..., k:k + m - 1]
            out[..., hi - 1] = 1 - y[..., k:k + m - 1].sum(axis=-1)
            k += m - 1
        return out

    def _along_tangent(self, M: np.ndarray) -> np.ndarray:
        """``M @ E``: derivatives along the shares (columns of ``M``) turned into derivatives along the tangent coordinates."""
        return M[:, self._kept] - M[:, self._last]

    def _payoff_derivative(self, x: np.ndarray, exact: bool) -> np.ndarray:
        """``d u / d y`` at ``x``: the payoffs' derivatives along the tangent coordinates, shape ``(dim, tangent_dim)``."""
        if self.population_game is not None:
            game = self.population_game
            if self._derivative is None:
                flat = [e for row in game.payoffs for e in row]
                matrix = sympy.Matrix(flat).jacobian(sympy.Matrix(game.state)) if game.state else sympy.zeros(
                    len(flat), 0)
                self._derivative = (matrix, sympy.lambdify(game.state, matrix, modules="numpy"))
            matrix, func = self._derivative
            y = self.tangent(x)
            if exact:
                at = {s: sympy.Rational(v.numerator, v.denominator) for s, v in zip(game.state, y)}
                return np.array([[to_fraction(sympy.nsimplify(e.xreplace(at))) for e in r]
                                 for r in matrix.tolist()], dtype=object).reshape(self.dim, self.tangent_dim)
            return np.asarray(func(*[float(v) for v in y]), dtype=float).reshape(self.dim, self.tangent_dim)
        if self.populations == "single":
            A = self._A_exact if exact else self.A
            return self._along_tangent(np.asarray(A))
        # block (p, q) of d u / d x: role p's payoffs with every role's share contracted but p's and q's
        D = np.zeros((self.dim, self.dim), dtype=object if exact else float)
        shares = self._shares(x, exact)
        for p, (plo, phi) in enumerate(self.bounds):
            for q, (lo, hi) in enumerate(self.bounds):
                if p != q:
                    D[plo:phi, lo:hi] = self._contracted(shares, exact, p, keep=q)
        return self._along_tangent(D)

    def jacobian(self, x: Any) -> np.ndarray:
        """The Jacobian of the field in the tangent coordinates at the state ``x`` (all shares, flat).

        Entry ``[i, j]`` is the derivative of the ``i``-th tangent coordinate's
        rate (the share of a strategy other than its population's last) along
        the ``j``-th. Fractions when the payoffs are exact and ``x`` is a
        vector of Fractions; floats otherwise.
        """
        x = np.asarray(x)
        exact = self.is_exact and x.dtype == object and all(isinstance(v, (Fraction, int)) for v in x)
        if exact:
            x = np.array([to_fraction(v) for v in x], dtype=object)
            u = np.concatenate(self.payoffs(x))
            if not all(isinstance(v, Fraction) for v in u):    # an irrational payoff value: a float Jacobian
                return self.jacobian(as_float(x))
            try:
                Du = self._payoff_derivative(x, True)
            except TypeError:
                return self.jacobian(as_float(x))
        else:
            x = as_float(x) if x.dtype == object else np.asarray(x, dtype=float)
            u = np.concatenate(self.payoffs(x))
            Du = self._payoff_derivative(x, False)
        # row a of the full Jacobian is (u_a - avg) E_a + x_a (Du_a - G); only the tangent rows are kept, and
        # E_a (a not its population's last share) is the unit vector of a's own tangent coordinate
        full = np.empty((self.tangent_dim, self.tangent_dim), dtype=object if exact else float)
        k = 0
        for lo, hi in self.bounds:
            xp, up = x[lo:hi], u[lo:hi]
            avg = xp @ up
            G = Du[lo:hi].T @ xp
            G[k:k + hi - lo - 1] += up[:-1] - up[-1]            # + E[lo:hi].T @ u
            for a in range(lo, hi - 1):
                row = x[a] * (Du[a] - G)
                row[k + a - lo] += u[a] - avg
                full[k + a - lo] = row
            k += hi - lo - 1
        return full

    # ------------------------------------------------------------------ sympy form
    def as_population_game(self) -> PopulationGame:
        """The game as a PopulationGame: payoffs as sympy expressions of the tangent coordinates."""
        if self.population_game is not None:
            return self.population_game
        if self._symbolic_game is not None:
            return self._symbolic_game
        assert self.game is not None
        if self.populations == "multi":
            self._symbolic_game = as_population_game(self.game, self.where)
            return self._symbolic_game
        A = self._A_exact if self._A_exact is not None else self.A
        m = self.sizes[0]
        entries = [[_sympy_number(v) for v in row] for row in A]

        def payoff(a: int) -> Callable[..., sympy.Expr]:
            def value(*xs: sympy.Expr) -> sympy.Expr:
                shares = [*xs, 1 - sum(xs, sympy.Integer(0))]
                return sum((entries[a][b] * shares[b] for b in range(m)), sympy.Integer(0))
            return value

        self._symbolic_game = PopulationGame([[payoff(a) for a in range(m)]], players=["Population"],
                                             actions=[self.actions[0]])
        return self._symbolic_game

    def symbolic(self) -> tuple[tuple[sympy.Symbol, ...], list[sympy.Expr], list[sympy.Expr] | None]:
        """The same field in sympy: the state coordinates, the equations and (two strategies per role) the advantages."""
        game = self.as_population_game()
        equations, advantages = replicator_expressions(game)
        return game.state, equations, advantages
