"""Rest points of multi-population replicator dynamics and their stability (Lyapunov's first method).

For ``N`` roles with two strategies each the state is ``x = (x_1, ..., x_N)``,
the share of each role's first strategy, and the dynamics are

    dx_i/dt = F_i(x) = x_i (1 - x_i) Delta_i(x_-i),

where ``Delta_i`` is role ``i``'s payoff advantage of its first strategy, a
multilinear function of the other roles' shares. The Jacobian has entries

    dF_i/dx_i = (1 - 2 x_i) Delta_i,   dF_i/dx_j = x_i (1 - x_i) dDelta_i/dx_j,

computed in exact rational arithmetic for exact games.

Roles with more strategies, and population games whose payoffs depend on the
state (:class:`~coopgame.dynamics.population.PopulationGame`), are analysed
in the tangent space of the simplices: each role's coordinates are the
shares of all its strategies but the last, the Jacobian is that of the
symbolic replicator equations of :func:`~coopgame.dynamics.analysis.replicator_equations`,
and the rest points are found support by support (each role's strategies in
its support earn equal payoffs), solved with sympy.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._numeric import readonly
from coopgame.dynamics.replicator import _is_flat_vector, numeric_game, symmetric_matrix
from coopgame.errors import (
    DegenerateGameWarning,
    InvalidProfileError,
    SolverLimitError,
)
from coopgame.games.normal_form import NormalFormGame

__all__ = ["MAX_ROLES", "Stability", "rest_points", "stability"]

#: Largest number of roles :func:`rest_points` accepts (it visits 3**N faces).
MAX_ROLES = 6


def _advantages(game: NormalFormGame, exact: bool) -> list[np.ndarray]:
    """Role i's payoff difference (first minus second strategy), an array over the other roles' strategies."""
    arrays = game.payoffs if exact else game.float_payoffs
    out = []
    for i, a in enumerate(arrays):
        d = np.moveaxis(np.asarray(a), i, 0)
        out.append(d[0] - d[1])
    return out


def _contract(d: np.ndarray, weights: Sequence[np.ndarray]) -> Any:
    """Contract the array ``d`` (one axis per other role, in order) with one weight vector per axis."""
    for w in reversed(weights):
        d = d @ w
    return d


# ---------------------------------------------------------------------------------------- rest points
def support_system(pgame: Any, supports: Sequence[Sequence[int]], prefix: str
                   ) -> tuple[list[list[sympy.Expr]], list[sympy.Symbol], list[sympy.Expr]]:
    """The rest-point equations of the face where each role uses the strategies in ``supports``.

    Returns each role's shares as expressions in unknowns (one unknown per
    strategy in a support but the last; zero off the support), the unknowns,
    and the indifference equations (equal payoffs within each support) that
    a rest point in the relative interior of the face solves.
    """
    shares: list[list[sympy.Expr]] = []
    unknowns: list[sympy.Symbol] = []
    for p, (sup, m) in enumerate(zip(supports, pgame.shape)):
        if len(sup) == 1:
            shares.append([sympy.Integer(int(a == sup[0])) for a in range(m)])
            continue
        u = list(sympy.symbols(f"{prefix}{p}_0:{len(sup) - 1}", real=True))
        unknowns.extend(u)
        vec = [sympy.Integer(0)] * m
        for a, sym in zip(sup[:-1], u):
            vec[a] = sym
        vec[sup[-1]] = 1 - sum(u, sympy.Integer(0))
        shares.append(vec)
    at = {x: shares[p][a] for p, coords in enumerate(pgame.role_state) for a, x in enumerate(coords)}
    eqs = []
    for p, sup in enumerate(supports):
        row = [pgame.payoffs[p][a].xreplace(at) for a in sup]
        eqs.extend(sympy.expand(sympy.together(r - row[0])) for r in row[1:])
    return shares, unknowns, eqs


def rest_points(game: Any) -> list[tuple[np.ndarray, ...]]:
    """All isolated rest points of the multi-population replicator dynamics.

    Corners, then points on edges and faces, then interior points: for each
    set of roles that mix, the others sit at a corner and the mixing roles'
    indifference conditions ``Delta_i = 0`` are solved exactly with sympy
    (float games via their shortest decimal form); faces sympy cannot solve
    in closed form (state-dependent payoffs with transcendental terms) are
    solved numerically from a grid of starts. Continua of rest points
    (a role indifferent on a whole face) are skipped with a
    :class:`DegenerateGameWarning`.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or PopulationGame
        No free parameters. Two strategies per role: ``N <= MAX_ROLES``
        roles. More strategies, or state-dependent payoffs: every support
        combination is visited (at most ``3**MAX_ROLES`` of them).

    Returns
    -------
    list of tuple of numpy.ndarray
        Each point as one probability vector per role (Fractions when the
        game is exact and the point rational, floats otherwise).

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.dynamics import rest_points
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    >>> points = rest_points(pennies)
    >>> len(points), [str(v[0]) for v in points[-1]]
    (5, ['1/2', '1/2'])
    """
    where = "rest_points"
    if _general(game):
        return _general_rest_points(game, where)
    game = numeric_game(game, where)
    n = game.num_players
    if n > MAX_ROLES:
        raise SolverLimitError(
            f"{where}: expected at most {MAX_ROLES} roles (the search visits 3**N faces), got {n}; "
            "integrate the dynamics with replicator() instead"
        )
    exact_game = game if game.is_exact else game.to_exact()
    xs = sympy.symbols(f"x0:{n}")
    deltas = []
    for i, d in enumerate(_advantages(exact_game, exact=True)):
        weights = [np.array([xs[j], 1 - xs[j]], dtype=object) for j in range(n) if j != i]
        expr = _contract(np.vectorize(lambda v: sympy.Rational(v.numerator, v.denominator), otypes=[object])(d),
                         weights)
        deltas.append(sympy.expand(expr))
    points: list[tuple[np.ndarray, ...]] = []
    degenerate = False
    for k in range(n + 1):
        for mixing in itertools.combinations(range(n), k):
            others = [j for j in range(n) if j not in mixing]
            for corner in itertools.product((1, 0), repeat=len(others)):
                fixed = {xs[j]: sympy.Integer(c) for j, c in zip(others, corner)}
                if not mixing:
                    points.append(_point(game, [fixed[xs[j]] for j in range(n)]))
                    continue
                eqs = [sympy.expand(deltas[i].xreplace(fixed)) for i in mixing]
                unknowns = [xs[i] for i in mixing]
                if any(e == 0 for e in eqs):
                    degenerate = True
                    continue
                for sol in sympy.solve(eqs, unknowns, dict=True):
                    values = [sol.get(u, u) for u in unknowns]
                    if any(v.free_symbols for v in values):
                        degenerate = True
                        continue
                    if not all(_in_open_unit(v) for v in values):
                        continue
                    full = dict(fixed)
                    full.update(zip(unknowns, values))
                    points.append(_point(game, [full[xs[j]] for j in range(n)]))
    if degenerate:
        warnings.warn(
            f"{where}: the game has continua of rest points (a role indifferent along a whole face); "
            "only isolated rest points are returned",
            DegenerateGameWarning,
            stacklevel=2,
        )
    return points


def _in_open_unit(v: sympy.Expr) -> bool:
    v = sympy.nsimplify(v) if v.is_Float else v
    if v.is_real is False:
        return False
    if v.is_real is None:
        c = complex(sympy.N(v, 30))
        if abs(c.imag) > 1e-12:
            return False
        return 0 < c.real < 1
    pos, below = (v > 0), (v < 1)
    if pos in (sympy.true, sympy.false) and below in (sympy.true, sympy.false):
        return bool(pos) and bool(below)
    f = float(sympy.N(v, 30))
    return 0 < f < 1


def _point(game: NormalFormGame, shares: Sequence[sympy.Expr]) -> tuple[np.ndarray, ...]:
    rational = all(sympy.sympify(s).is_Rational for s in shares)
    if game.is_exact and rational:
        vals = [Fraction(int(sympy.Rational(s).p), int(sympy.Rational(s).q)) for s in shares]
        return tuple(readonly(np.array([v, 1 - v], dtype=object)) for v in vals)
    vals = [float(sympy.re(sympy.N(s, 30))) for s in shares]
    return tuple(readonly(np.array([v, 1.0 - v])) for v in vals)


# ---------------------------------------------------------------------------------------- stability
@dataclass(frozen=True, eq=False)
class Stability:
    """Linear stability of a rest point of the multi-population replicator dynamics.

    Attributes
    ----------
    point : tuple of numpy.ndarray
        The rest point, one probability vector per role.
    jacobian : numpy.ndarray
        ``J[i, j] = dF_i/dx_j`` in the coordinates of each role's
        first-strategy share (for roles with more strategies: the shares of
        all but the last), Fractions for exact games and points.
    eigenvalues : numpy.ndarray
        Complex eigenvalues of ``J``.
    classification : str
        ``"stable"`` (all real parts < 0: asymptotically stable),
        ``"unstable"`` (all > 0), ``"saddle"`` (both signs, none zero),
        ``"centre"`` (two coordinates, a purely imaginary pair) or
        ``"non-hyperbolic"``.
    det, trace : number or None
        ``det J`` and ``tr J`` for two coordinates, e.g. two two-strategy
        roles (Friedman 1991: asymptotically stable iff ``det > 0`` and
        ``tr < 0``); None otherwise.
    exact : bool
        True when the Jacobian and the classification are exact.
    """

    point: tuple[np.ndarray, ...]
    jacobian: np.ndarray
    eigenvalues: np.ndarray
    classification: str
    det: Any = None
    trace: Any = None
    exact: bool = False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Stability):
            return NotImplemented
        return (self.classification == other.classification and self.exact == other.exact
                and self.det == other.det and self.trace == other.trace
                and len(self.point) == len(other.point)
                and all(np.array_equal(a, b) for a, b in zip(self.point, other.point))
                and np.array_equal(self.jacobian, other.jacobian)
                and np.array_equal(self.eigenvalues, other.eigenvalues))

    __hash__ = None  # type: ignore[assignment]  # holds arrays

    @property
    def is_asymptotically_stable(self) -> bool:
        """True when every eigenvalue has a negative real part."""
        return self.classification == "stable"

    def __repr__(self) -> str:
        pt = ", ".join(str(v[0]) if self.exact else f"{float(v[0]):.6g}" for v in self.point)
        eig = ", ".join(f"{complex(e):.4g}" if abs(complex(e).imag) > 0 else f"{complex(e).real:.4g}"
                        for e in self.eigenvalues)
        extra = f", det {self.det}, trace {self.trace}" if self.det is not None else ""
        return f"Stability({self.classification} at x = ({pt}); eigenvalues {eig}{extra})"


def _field_and_jacobian(game: NormalFormGame, x: Sequence[Any], exact: bool) -> tuple[list[Any], np.ndarray]:
    n = game.num_players
    one = Fraction(1) if exact else 1.0
    deltas = _advantages(game, exact)
    field = []
    jac = np.empty((n, n), dtype=object if exact else float)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        weights = [np.array([x[j], one - x[j]], dtype=object if exact else float) for j in others]
        delta = _contract(deltas[i], weights)
        field.append(x[i] * (one - x[i]) * delta)
        jac[i, i] = (one - 2 * x[i]) * delta
        for pos, j in enumerate(others):
            w = list(weights)
            w[pos] = np.array([one, -one], dtype=object if exact else float)
            jac[i, j] = x[i] * (one - x[i]) * _contract(deltas[i], w)
    return field, jac


def _classify(real: Sequence[int], imag_nonzero: Sequence[bool], n: int) -> str:
    """Classify from the signs (-1, 0, 1) of the real parts."""
    if all(s < 0 for s in real):
        return "stable"
    if all(s > 0 for s in real):
        return "unstable"
    if all(s != 0 for s in real):
        return "saddle"
    if n == 2 and all(s == 0 for s in real) and all(imag_nonzero):
        return "centre"
    return "non-hyperbolic"


def stability(game: Any, point: Any) -> Stability:
    """Jacobian, eigenvalues and classification of a rest point of the multi-population replicator dynamics.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or PopulationGame
        No free parameters. With more than two strategies for some role (or
        a PopulationGame) the Jacobian is taken in the tangent space of the
        simplices: coordinates are the shares of each role's strategies but
        the last.
    point : mixed profile or one vector of shares
        One probability vector (or action label, or action index) per role:
        a rest point of the multi-population dynamics. For a symmetric
        two-player game, a single vector of shares (floats or Fractions,
        e.g. ``[0.5, 0.5]``) is a rest point of the one-population dynamics
        (as in :func:`replicator`); a flat sequence of integers is read as a
        pure profile by action index.
        Exact games with rational points are analysed exactly (at the
        interior rest point of a 2x2 two-role game ``trace`` is exactly 0).

    Returns
    -------
    Stability

    Raises
    ------
    InvalidProfileError
        When ``point`` is not a rest point.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.dynamics import stability
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    >>> stability(pd, ["2", "2"]).classification        # mutual defection
    'stable'
    >>> res = stability(cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True), [[cg.Fraction(1, 2)] * 2] * 2)
    >>> res.classification, res.trace, res.det
    ('centre', Fraction(0, 1), Fraction(1, 1))

    One population playing hawk-dove (chicken) settles at its mixed
    equilibrium, which two separate populations would leave:

    >>> chicken = cg.NormalFormGame([[[3, 2], [4, 1]], [[3, 4], [2, 1]]], exact=True)
    >>> stability(chicken, [cg.Fraction(1, 2), cg.Fraction(1, 2)]).classification
    'stable'
    >>> stability(chicken, [[cg.Fraction(1, 2)] * 2] * 2).classification
    'saddle'
    """
    where = "stability"
    if _is_shares(point) and not _general_population(game):
        return _general_stability(_one_population(numeric_game(game, where), where), [point], where)
    if _general(game):
        return _general_stability(game, point, where)
    game = numeric_game(game, where)
    n = game.num_players
    vectors = game.mixed_profile(point, where)
    exact = game.is_exact and all(v.dtype == object for v in vectors)
    x = [v[0] if exact else float(v[0]) for v in vectors]
    field, jac = _field_and_jacobian(game, x, exact)
    if exact:
        if any(f != 0 for f in field):
            raise InvalidProfileError(f"{where}: expected a rest point, got a point where the field is "
                                      f"{[str(f) for f in field]}")
    else:
        scale = max(1.0, float(np.abs(game.float_payoffs).max()))
        if max(abs(f) for f in field) > 1e-7 * scale:
            raise InvalidProfileError(f"{where}: expected a rest point, got a point where the field is "
                                      f"{[float(f) for f in field]}")
    eigenvalues, classification, det, trace = _linearisation(jac, exact, n)
    return Stability(
        point=tuple(vectors),
        jacobian=readonly(jac),
        eigenvalues=readonly(eigenvalues),
        classification=classification,
        det=det,
        trace=trace,
        exact=exact,
    )


def _linearisation(jac: np.ndarray, exact: bool, dim: int) -> tuple[np.ndarray, str, Any, Any]:
    """Sorted eigenvalues, classification, det and trace (two coordinates only) of a Jacobian.

    Exact Jacobians (Fractions) of up to three coordinates are classified by
    the signs of their exact eigenvalues; others by floating-point
    eigenvalues, zero within ``1e-9`` of the largest entry.
    """
    jac_float = np.array(jac, dtype=float).reshape(dim, dim)
    eigenvalues = np.linalg.eigvals(jac_float).astype(complex) if dim else np.zeros(0, dtype=complex)
    if exact and dim <= 3:
        matrix = sympy.Matrix(dim, dim, lambda i, j: sympy.Rational(jac[i, j].numerator, jac[i, j].denominator))
        evs = []
        for ev, mult in matrix.eigenvals().items():
            evs.extend([ev] * mult)
        real_signs = [_sign(sympy.re(ev)) for ev in evs]
        imag_nonzero = [_sign(sympy.im(ev)) != 0 for ev in evs]
        eigenvalues = np.array([complex(sympy.N(ev, 30)) for ev in evs], dtype=complex)
    else:
        tol = 1e-9 * max(1.0, float(np.abs(jac_float).max(initial=0.0)))
        real_signs = [0 if abs(e.real) <= tol else (1 if e.real > 0 else -1) for e in eigenvalues]
        imag_nonzero = [abs(e.imag) > tol for e in eigenvalues]
    classification = _classify(real_signs, imag_nonzero, dim)
    det = trace = None
    if dim == 2:
        trace = jac[0, 0] + jac[1, 1]
        det = jac[0, 0] * jac[1, 1] - jac[0, 1] * jac[1, 0]
        if exact and trace == 0 and det > 0:
            classification = "centre"
    order = np.lexsort((eigenvalues.imag, eigenvalues.real))
    return eigenvalues[order], classification, det, trace


def _sign(v: sympy.Expr) -> int:
    v = sympy.simplify(v)
    if v.is_zero:
        return 0
    if v.is_positive:
        return 1
    if v.is_negative:
        return -1
    f = complex(sympy.N(v, 50))
    if abs(f.real) < 1e-30:
        return 0
    return 1 if f.real > 0 else -1


# ---------------------------------------------------------------------------------------- any strategies
def _is_shares(point: Any) -> bool:
    """A single vector of shares (some entry not an integer): a state of one-population dynamics.

    A flat sequence of integers stays a pure profile given by action indices.
    """
    if not _is_flat_vector(point):
        return False
    return any(not isinstance(v, (int, np.integer)) or isinstance(v, bool) for v in point)


def _general_population(game: Any) -> bool:
    from coopgame.dynamics.population import PopulationGame

    return isinstance(game, PopulationGame)


def _one_population(game: NormalFormGame, where: str) -> Any:
    """The one-population replicator dynamics of a symmetric two-player game, as a one-role PopulationGame.

    The state is the population's shares of all strategies but the last;
    strategy ``a`` earns ``(A x)_a`` against the population ``x``.
    """
    from coopgame.dynamics.population import PopulationGame

    A = symmetric_matrix(game, where)
    m = A.shape[0]
    entries = [[sympy.Rational(v.numerator, v.denominator) if game.is_exact else sympy.Float(float(v))
                for v in row] for row in A]

    def payoff(a: int) -> Any:
        def value(*xs: Any) -> Any:
            shares = [*xs, 1 - sum(xs, sympy.Integer(0))]
            return sum((entries[a][b] * shares[b] for b in range(m)), sympy.Integer(0))
        return value

    return PopulationGame([[payoff(a) for a in range(m)]], players=["Population"], actions=[game.actions[0]])


def _general(game: Any) -> bool:
    """True for population games and for games with a role that has other than two strategies."""
    from coopgame.dynamics.population import PopulationGame

    if isinstance(game, PopulationGame):
        return True
    shape = getattr(game, "shape", None)
    return shape is not None and any(m != 2 for m in shape)


def _population(game: Any, where: str) -> Any:
    from coopgame.dynamics.population import PopulationGame

    if not isinstance(game, PopulationGame):
        game = PopulationGame.from_game(numeric_game(game, where))
    elif game.parameters:
        game.payoff_function(where)  # raises UnresolvedParameterError naming the parameters
    return game


def _is_exact(values: Sequence[sympy.Expr]) -> bool:
    return all(sympy.sympify(v).is_Rational for v in values)


def _fraction(v: sympy.Expr) -> Fraction:
    r = sympy.Rational(v)
    return Fraction(int(r.p), int(r.q))


def _general_rest_points(game: Any, where: str) -> list[tuple[np.ndarray, ...]]:
    pgame = _population(game, where)
    shape = pgame.shape
    combos = int(np.prod([2 ** m - 1 for m in shape]))
    limit = 3 ** MAX_ROLES
    if combos > limit:
        raise SolverLimitError(
            f"{where}: expected at most {limit} support combinations (prod of 2**m - 1 over roles), got {combos}; "
            "integrate the dynamics with replicator() instead")
    float_game = isinstance(game, NormalFormGame) and not game.is_exact  # its whole floats became sympy Integers
    exact_payoffs = not float_game and all(not e.has(sympy.Float) for row in pgame.payoffs for e in row)
    supports_per_role = [[s for k in range(1, m + 1) for s in itertools.combinations(range(m), k)] for m in shape]
    found: list[tuple[int, tuple[np.ndarray, ...]]] = []
    degenerate = False
    for supports in itertools.product(*supports_per_role):
        shares, unknowns, eqs = support_system(pgame, supports, "_s")
        if not unknowns:
            solutions: list[dict[sympy.Symbol, sympy.Expr]] = [{}]
        else:
            if any(e == 0 for e in eqs):
                degenerate = True
                continue
            try:
                solutions = sympy.solve(eqs, unknowns, dict=True)
            except NotImplementedError:
                solutions = _numeric_solutions(eqs, unknowns, shares, supports)
                if solutions is None:
                    degenerate = True
                    continue
        for sol in solutions:
            values = [sympy.sympify(v).xreplace(sol) for vec in shares for v in vec]
            if any(v.free_symbols for v in values):
                degenerate = True
                continue
            inside = all(_in_open_unit(v) for p, sup in enumerate(supports) if len(sup) > 1
                         for a, v in enumerate(shares[p]) if a in sup for v in [sympy.sympify(v).xreplace(sol)])
            if not inside:
                continue
            vecs = []
            exact = exact_payoffs and _is_exact(values)
            for vec in shares:
                vals = [sympy.sympify(v).xreplace(sol) for v in vec]
                if exact:
                    vecs.append(readonly(np.array([_fraction(v) for v in vals], dtype=object)))
                else:
                    vecs.append(readonly(np.array([float(sympy.re(sympy.N(v, 30))) for v in vals])))
            mixing = sum(len(sup) > 1 for sup in supports)
            found.append((mixing, tuple(vecs)))
    if degenerate:
        warnings.warn(
            f"{where}: the game has continua of rest points (a role indifferent along a whole face), or faces "
            "sympy could not solve; only isolated rest points are returned",
            DegenerateGameWarning,
            stacklevel=3,
        )
    found.sort(key=lambda item: item[0])
    return [pt for _, pt in found]


#: Largest number of unknowns on one face for the numeric fallback of :func:`rest_points`.
_NUMERIC_UNKNOWNS = 4


def _numeric_solutions(eqs: Sequence[sympy.Expr], unknowns: Sequence[sympy.Symbol],
                       shares: Sequence[Sequence[sympy.Expr]],
                       supports: Sequence[Sequence[int]]) -> list[dict[sympy.Symbol, sympy.Expr]] | None:
    """Rest points on a face that sympy cannot solve in closed form: roots from a grid of starts (floats).

    Returns None when the face has too many unknowns for the grid.
    """
    from scipy.optimize import root

    k = len(unknowns)
    if k > _NUMERIC_UNKNOWNS:
        return None
    func = sympy.lambdify(list(unknowns), list(eqs), modules="numpy")
    inside = [sympy.lambdify(list(unknowns), [shares[p][a] for p, sup in enumerate(supports) if len(sup) > 1
                                              for a in sup], modules="numpy")]
    grid = np.linspace(0.1, 0.9, 5)
    found: list[np.ndarray] = []
    for start in itertools.product(grid, repeat=k):
        if len(eqs) != k:
            break
        try:
            res = root(lambda u: np.asarray(func(*u), dtype=float), np.array(start), method="hybr", tol=1e-13)
        except (ValueError, ZeroDivisionError, FloatingPointError):
            continue
        if not np.all(np.isfinite(res.x)):         # judged by the residual below, not by res.success
            continue
        if np.abs(np.asarray(func(*res.x), dtype=float)).max() > 1e-10:
            continue
        vals = np.asarray(inside[0](*res.x), dtype=float)
        if (vals <= 1e-12).any() or (vals >= 1 - 1e-12).any():
            continue
        if any(np.allclose(res.x, f, atol=1e-8) for f in found):
            continue
        found.append(res.x)
    return [{u: sympy.Float(float(v)) for u, v in zip(unknowns, x)} for x in found]


def _general_stability(game: Any, point: Any, where: str) -> Stability:
    from coopgame.dynamics.analysis import replicator_equations

    pgame = _population(game, where)
    system = replicator_equations(pgame)
    try:
        coords = system.point(point)
    except InvalidProfileError as err:
        raise InvalidProfileError(str(err).replace("ReplicatorSystem.point", where)) from None
    for p, sh in enumerate(pgame.shares):
        vals = [complex(sympy.N(v.xreplace(coords))) for v in sh]
        if any(v.real < -1e-9 or abs(v.imag) > 1e-12 for v in vals) or abs(sum(vals) - 1) > 1e-7:
            raise InvalidProfileError(f"{where}: expected a point of the state space, got shares "
                                      f"{[v.real for v in vals]} for {pgame.players[p]!r}")
    exact = all(v.is_Rational for v in coords.values()) and all(
        not e.has(sympy.Float) for row in pgame.payoffs for e in row)
    field = [sympy.simplify(f) for f in system.equations.xreplace(coords)]
    if exact:
        if any(f != 0 for f in field):
            raise InvalidProfileError(f"{where}: expected a rest point, got a point where the field is "
                                      f"{[str(f) for f in field]}")
    else:
        scale = max([1.0] + [abs(float(sympy.N(e.xreplace(coords)))) for row in pgame.payoffs for e in row])
        if max([0.0] + [abs(complex(sympy.N(f))) for f in field]) > 1e-7 * scale:
            raise InvalidProfileError(f"{where}: expected a rest point, got a point where the field is "
                                      f"{[complex(sympy.N(f)).real for f in field]}")
    jac_sym = system.jacobian.xreplace(coords)
    dim = jac_sym.shape[0]
    if exact:
        jac_sym = jac_sym.applyfunc(sympy.nsimplify)
        exact = all(v.is_Rational for v in jac_sym)
    if exact:
        jac = np.empty((dim, dim), dtype=object)
        for i in range(dim):
            for j in range(dim):
                jac[i, j] = _fraction(jac_sym[i, j])
    else:
        jac = np.array([[float(sympy.re(sympy.N(jac_sym[i, j]))) for j in range(dim)] for i in range(dim)])
    eigenvalues, classification, det, trace = _linearisation(jac, exact, dim)
    vectors = []
    for sh in pgame.shares:
        vals = [v.xreplace(coords) for v in sh]
        if exact:
            vectors.append(readonly(np.array([_fraction(v) for v in vals], dtype=object)))
        else:
            vectors.append(readonly(np.array([float(sympy.re(sympy.N(v))) for v in vals])))
    return Stability(point=tuple(vectors), jacobian=readonly(jac), eigenvalues=readonly(eigenvalues),
                     classification=classification, det=det, trace=trace, exact=exact)
