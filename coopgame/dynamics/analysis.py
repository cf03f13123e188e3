"""The analysis applied papers print: replicator equations, Jacobian, corner table, scenarios.

Evolutionary-game papers on environmental governance follow one recipe:
write the replicator equations of each role, their Jacobian, evaluate it at
the ``2**N`` corners of the state cube, read off the eigenvalues and the
conditions under which every eigenvalue is negative, and report which
corners are evolutionarily stable under a few numeric parameter scenarios.
This module does each step with sympy, and the last one also vectorised
over many sampled parameter sets.

At a corner (a pure profile ``s``) the Jacobian is diagonal in the
coordinates of the strategies not played, with entries

    u_p(b, s_-p) - u_p(s)      for each role p and each strategy b != s_p,

(for two strategies: ``(1 - 2 x_p) * Delta_p``), so the eigenvalues are
payoff differences and a corner is asymptotically stable iff it is a strict
Nash equilibrium of the (state-evaluated) game.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._numeric import TOLERANCE, readonly
from coopgame.dynamics.population import PopulationGame, as_population_game
from coopgame.dynamics.stability import support_system
from coopgame.errors import (
    InvalidArgumentError,
    InvalidProfileError,
    SolverLimitError,
    UnresolvedParameterError,
)

__all__ = [
    "CLASSES",
    "MAX_CORNERS",
    "CornerClassification",
    "CornerRow",
    "CornerTable",
    "ReplicatorSystem",
    "SymbolicRestPoint",
    "classify_corners",
    "corner_eigenvalues",
    "corner_table",
    "replicator_equations",
    "symbolic_rest_points",
]

#: Largest number of corners (pure profiles) :func:`corner_table` and :func:`classify_corners` accept.
MAX_CORNERS = 4096

#: Classification codes of :class:`CornerClassification` (index = code).
CLASSES = ("stable", "unstable", "saddle", "non-hyperbolic")


# ------------------------------------------------------------------------------------------ equations
@dataclass(frozen=True, eq=False)
class ReplicatorSystem:
    """The replicator equations of a game and their Jacobian, as sympy expressions.

    Attributes
    ----------
    game : PopulationGame
        The game, its payoffs as expressions of the state.
    state : tuple of sympy.Symbol
        The coordinates: for each role the shares of all its strategies but
        the last (for a two-strategy role, the share of its first strategy).
    labels : tuple of str
        ``"role: strategy"`` for each coordinate.
    equations : sympy.ImmutableMatrix
        Column of the time derivatives of the coordinates.
    jacobian : sympy.ImmutableMatrix
        ``J[i, j] = d equations[i] / d state[j]``.
    advantages : tuple of sympy.Expr or None
        For games with two strategies per role, ``Delta_p``: the payoff of
        the first strategy minus the second's, so that
        ``dx_p/dt = x_p (1 - x_p) Delta_p``.
    """

    game: PopulationGame
    state: tuple[sympy.Symbol, ...]
    labels: tuple[str, ...]
    equations: sympy.ImmutableMatrix
    jacobian: sympy.ImmutableMatrix
    advantages: tuple[sympy.Expr, ...] | None = None

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The game's parameters (free symbols other than the state)."""
        return self.game.parameters

    def subs(self, mapping: Mapping[Any, Any] | None = None, **values: Any) -> ReplicatorSystem:
        """The system with parameter values substituted (by symbol or name)."""
        return replicator_equations(self.game.subs(mapping, **values))

    def point(self, point: Any) -> dict[sympy.Symbol, sympy.Expr]:
        """A state as ``{coordinate: value}``: from a mapping, coordinates, a pure or a mixed profile."""
        return _coordinates(self.game, point, "ReplicatorSystem.point")

    def field_at(self, point: Any) -> sympy.ImmutableMatrix:
        """The right-hand side at a state (see :meth:`point` for the forms a state may take)."""
        return sympy.ImmutableMatrix(self.equations.xreplace(self.point(point)).applyfunc(sympy.simplify))

    def jacobian_at(self, point: Any) -> sympy.ImmutableMatrix:
        """The Jacobian at a state, simplified.

        Examples
        --------
        >>> from coopgame import models
        >>> from coopgame.dynamics.analysis import replicator_equations
        >>> system = replicator_equations(models.tripartite())
        >>> system.jacobian_at(["Supervise loosely", "Regulate strictly", "Abate"])
        Matrix([
        [-c_c - s_g,                0,                 0],
        [         0, c_g + s_e - w,                 0],
        [         0,                0, c_e - f_e - s_e]])
        """
        return sympy.ImmutableMatrix(self.jacobian.xreplace(self.point(point)).applyfunc(sympy.expand))

    def eigenvalues_at(self, point: Any) -> tuple[sympy.Expr, ...]:
        """The Jacobian's eigenvalues at a state, symbolically (with multiplicity), simplified.

        Examples
        --------
        >>> from coopgame import models
        >>> from coopgame.dynamics.analysis import replicator_equations
        >>> system = replicator_equations(models.inspection())
        >>> B, F, dc, k, rho = system.parameters
        >>> x, y = system.state
        >>> sorted(system.eigenvalues_at({x: 1, y: 0}), key=str)     # all cooperate for real, nobody inspects
        [-k, dc]
        """
        jac = sympy.Matrix(self.jacobian_at(point))
        out: list[sympy.Expr] = []
        for value, mult in jac.eigenvals().items():
            out.extend([sympy.simplify(value)] * mult)
        return tuple(out)

    def to_latex(self) -> str:
        r"""The equations as a LaTeX ``aligned`` block.

        Examples
        --------
        >>> import coopgame as cg
        >>> from coopgame.dynamics.analysis import replicator_equations
        >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
        >>> print(replicator_equations(pd).to_latex())
        \begin{aligned}
        \frac{dx}{dt} &= x \left(1 - x\right) \left(- y - 1\right) \\
        \frac{dy}{dt} &= y \left(1 - y\right) \left(- x - 1\right)
        \end{aligned}
        """
        lines = [rf"\frac{{d{sympy.latex(s)}}}{{dt}} &= {sympy.latex(e)}" for s, e in zip(self.state, self.equations)]
        return "\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}"

    def __repr__(self) -> str:
        lines = [f"ReplicatorSystem({len(self.state)} coordinates: "
                 + ", ".join(f"{s} = share of {lab}" for s, lab in zip(self.state, self.labels)) + ")"]
        width = max(len(str(s)) for s in self.state) + 4
        for s, e in zip(self.state, self.equations):
            lines.append(f"  d{s}/dt".ljust(width + 2) + f" = {e}")
        return "\n".join(lines)


def replicator_equations(game: Any) -> ReplicatorSystem:
    """The multi-population replicator equations of ``game`` and their Jacobian, symbolically.

    For a role with two strategies and coordinate ``x`` (the share of its
    first strategy) the equation is ``dx/dt = x (1 - x) Delta(state)``; for
    more strategies, ``dx_a/dt = x_a (u_a - sum_b x_b u_b)`` for each
    strategy but the last. Parameters stay symbolic; :meth:`ReplicatorSystem.subs`
    gives the values after substitution.

    Parameters
    ----------
    game : SymbolicGame, NormalFormGame or PopulationGame

    Returns
    -------
    ReplicatorSystem

    Examples
    --------
    The tripartite central / local / enterprise game (THEORY.md 2.6), with
    ``x, y, z`` the shares of strict supervision, strict regulation and
    abatement:

    >>> from coopgame import models
    >>> from coopgame.dynamics.analysis import replicator_equations
    >>> system = replicator_equations(models.tripartite())
    >>> system.equations[2]
    z*(1 - z)*(-c_e + y*(f_e + s_e))
    >>> system.advantages[1]
    -c_g + f_e - g + w + x*(F_g + s_g) + z*(-f_e + g - s_e)
    """
    game = as_population_game(game, "replicator_equations")
    shares = game.shares
    state = game.state
    labels = tuple(f"{game.players[p]}: {game.actions[p][a]}"
                   for p, m in enumerate(game.shape) for a in range(m - 1))
    equations: list[sympy.Expr] = []
    advantages: list[sympy.Expr] | None = [] if all(m == 2 for m in game.shape) else None
    for _p, (row, sh, coords) in enumerate(zip(game.payoffs, shares, game.role_state)):
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
    eq = sympy.ImmutableMatrix(equations)
    jac = sympy.ImmutableMatrix(eq.jacobian(sympy.Matrix(state))) if state else sympy.ImmutableMatrix([])
    return ReplicatorSystem(game, state, labels, eq, jac, tuple(advantages) if advantages is not None else None)


def _tidy(e: sympy.Expr, state: Sequence[sympy.Symbol] = ()) -> sympy.Expr:
    """A payoff difference in a readable form: expanded and collected in the state coordinates."""
    e = sympy.expand(e)
    if not e.is_polynomial(*state) if state else False:
        e = sympy.simplify(e)
    return sympy.collect(e, list(state)) if state else e


def _coordinates(game: PopulationGame, point: Any, where: str) -> dict[sympy.Symbol, sympy.Expr]:
    """A state as ``{coordinate: value}`` from a mapping, flat coordinates, a pure or a mixed profile."""
    state = game.state
    if isinstance(point, Mapping):
        out = {}
        by_name = {s.name: s for s in state}
        for k, v in point.items():
            name = k.name if isinstance(k, sympy.Symbol) else k
            if name not in by_name:
                raise InvalidProfileError(f"{where}: expected state coordinates among {list(by_name)}, got {k!r}")
            out[by_name[name]] = _number(v)
        if set(out) != set(state):
            raise InvalidProfileError(f"{where}: expected a value for every coordinate {list(by_name)}, got {list(point)}")
        return out
    if isinstance(point, (str, bytes)) or not isinstance(point, (Sequence, np.ndarray)):
        raise InvalidProfileError(f"{where}: expected a state (coordinates, a pure or a mixed profile), got {point!r}")
    items = list(point)
    n = game.num_players
    if len(items) == n and all(isinstance(v, (str, np.str_)) for v in items):
        coords: list[sympy.Expr] = []
        for p, label in enumerate(items):
            if label not in game.actions[p]:
                raise InvalidProfileError(f"{where}: expected an action of {game.players[p]!r} among "
                                          f"{list(game.actions[p])}, got {label!r}")
            a = game.actions[p].index(label)
            coords.extend(sympy.Integer(int(a == b)) for b in range(game.shape[p] - 1))
        return dict(zip(state, coords))
    if len(items) == n and all(isinstance(v, (Sequence, np.ndarray)) and not isinstance(v, str) for v in items):
        coords = []
        for p, vec in enumerate(items):
            vec = list(vec)
            if len(vec) != game.shape[p]:
                raise InvalidProfileError(f"{where}: expected {game.shape[p]} shares for {game.players[p]!r}, "
                                          f"got {len(vec)}")
            coords.extend(_number(v) for v in vec[:-1])
        return dict(zip(state, coords))
    if len(items) == len(state):
        return dict(zip(state, (_number(v) for v in items)))
    raise InvalidProfileError(f"{where}: expected {len(state)} coordinates, {n} action labels or {n} probability "
                              f"vectors, got {point!r}")


def _number(v: Any) -> sympy.Expr:
    if isinstance(v, sympy.Basic):
        return v
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return sympy.Integer(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return sympy.Integer(int(f)) if f.is_integer() else sympy.Float(f)
    return sympy.sympify(v)


# ------------------------------------------------------------------------------------------ symbolic rest points
@dataclass(frozen=True, eq=False)
class SymbolicRestPoint:
    """A rest point of the replicator dynamics with parameters left symbolic.

    Attributes
    ----------
    point : dict
        Coordinate -> value (sympy expressions of the parameters).
    mixing : tuple of str
        The roles that mix (more than one strategy in use); empty at a corner.
    condition : sympy Boolean
        When the point lies in the state space with every mixing share
        strictly between 0 and 1 (``True`` for corners).
    """

    point: dict[sympy.Symbol, sympy.Expr]
    mixing: tuple[str, ...]
    condition: Any

    def __repr__(self) -> str:
        pt = ", ".join(f"{k} = {v}" for k, v in self.point.items())
        cond = "" if self.condition is sympy.true else f" if {self.condition}"
        return f"SymbolicRestPoint({pt}{cond})"


def symbolic_rest_points(game: Any, *, max_mixing: int | None = None) -> list[SymbolicRestPoint]:
    """Rest points of the replicator dynamics solved with the parameters left as symbols.

    For each choice of strategies in use (a support per role) the roles'
    indifference conditions are solved with sympy: corners first, then points
    where one, two, ... roles mix. Faces that sympy cannot solve in closed
    form, and continua of rest points, are skipped; for numbers use
    :func:`~coopgame.dynamics.stability.rest_points` after ``subs``.

    Parameters
    ----------
    game : SymbolicGame, NormalFormGame or PopulationGame
    max_mixing : int, optional
        Consider at most this many mixing roles (default: all).

    Returns
    -------
    list of SymbolicRestPoint

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.dynamics.analysis import symbolic_rest_points
    >>> points = symbolic_rest_points(models.inspection())
    >>> len(points), points[-1]
    (5, SymbolicRestPoint(x = 1 - k/(B*rho), y = dc/(F*rho) if (B*rho > k) & (F*rho > dc)))
    """
    where = "symbolic_rest_points"
    if hasattr(game, "shape"):
        _corner_profiles(game, where)
    pgame = as_population_game(game, where)
    shape = pgame.shape
    limit = 3 ** 6
    combos = int(np.prod([2 ** m - 1 for m in shape]))
    if combos > limit:
        raise SolverLimitError(f"{where}: expected at most {limit} support combinations, got {combos}; "
                               "substitute numbers and use rest_points() or integrate with replicator()")
    supports_per_role = [[c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)] for m in shape]
    found: list[tuple[int, SymbolicRestPoint]] = []
    for supports in itertools.product(*supports_per_role):
        mixing = [p for p, sup in enumerate(supports) if len(sup) > 1]
        if max_mixing is not None and len(mixing) > max_mixing:
            continue
        shares, unknowns, eqs = support_system(pgame, supports, "_u")
        at = {x: shares[p][a] for p, coords in enumerate(pgame.role_state) for a, x in enumerate(coords)}
        if not unknowns:
            solutions: list[dict[sympy.Symbol, sympy.Expr]] = [{}]
        else:
            if any(e == 0 for e in eqs):
                continue
            try:
                solutions = sympy.solve(eqs, unknowns, dict=True)
            except NotImplementedError:
                continue
        for sol in solutions:
            if any(u not in sol for u in unknowns) or any(v.free_symbols & set(unknowns) for v in sol.values()):
                continue                                        # a continuum: not isolated
            point = {x: sympy.simplify(v.xreplace(sol)) for x, v in at.items()}
            conditions = []
            for p in mixing:
                for a in supports[p]:
                    v = sympy.simplify(shares[p][a].xreplace(sol))
                    conditions.append(_between(v))
            condition = sympy.And(*conditions) if conditions else sympy.true
            if condition is sympy.false:
                continue
            found.append((len(mixing), SymbolicRestPoint(point, tuple(pgame.players[p] for p in mixing), condition)))
    found.sort(key=lambda item: item[0])
    return [rp for _, rp in found]


def _between(v: sympy.Expr) -> Any:
    """``0 < v < 1`` in the readable form of :func:`_negative`."""
    v = sympy.together(v)
    num, den = sympy.fraction(v)
    if den.is_positive:                                         # 0 < num/den < 1  <=>  0 < num < den
        return sympy.And(_negative(-num), _negative(num - den))
    return sympy.And(_negative(-v), _negative(v - 1))


# ------------------------------------------------------------------------------------------ corners
def _corner_profiles(game: Any, where: str) -> list[tuple[int, ...]]:
    count = int(np.prod(game.shape))
    if count > MAX_CORNERS:
        raise SolverLimitError(f"{where}: expected at most {MAX_CORNERS} corners (pure profiles), got {count}; "
                               "analyse chosen profiles with stability() instead")
    return list(itertools.product(*(range(m) for m in game.shape)))


def corner_eigenvalues(game: Any, profile: Sequence[int | str]) -> tuple[sympy.Expr, ...]:
    """The Jacobian eigenvalues at a corner (pure profile): ``u_p(b, s) - u_p(s_p, s)`` for every ``b != s_p``.

    Roles in order, for each role its strategies other than the one played,
    in order; payoffs are evaluated in the corner state (which matters only
    for state-dependent payoffs).

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.dynamics.analysis import corner_eigenvalues
    >>> corner_eigenvalues(models.tripartite(), ["Supervise strictly", "Regulate strictly", "Abate"])
    (c_c + s_g, -F_g + c_g + s_e - s_g - w, c_e - f_e - s_e)
    """
    game = as_population_game(game, "corner_eigenvalues")
    idx = _profile_indices(game, profile, "corner_eigenvalues")
    return _corner_eigs(game, idx)


def _profile_indices(game: PopulationGame, profile: Sequence[int | str], where: str) -> tuple[int, ...]:
    if isinstance(profile, (str, bytes)) or len(profile) != game.num_players:
        raise InvalidProfileError(f"{where}: expected one action per role ({game.num_players}), got {profile!r}")
    out = []
    for p, a in enumerate(profile):
        if isinstance(a, str) and a in game.actions[p]:
            out.append(game.actions[p].index(a))
        elif isinstance(a, (int, np.integer)) and not isinstance(a, bool) and 0 <= int(a) < game.shape[p]:
            out.append(int(a))
        else:
            raise InvalidProfileError(f"{where}: expected an action of {game.players[p]!r} among "
                                      f"{list(game.actions[p])} or an index, got {a!r}")
    return tuple(out)


def _corner_eigs(game: PopulationGame, idx: tuple[int, ...]) -> tuple[sympy.Expr, ...]:
    at: dict[sympy.Symbol, sympy.Expr] = {}
    for p, coords in enumerate(game.role_state):
        for b, x in enumerate(coords):
            at[x] = sympy.Integer(int(b == idx[p]))
    eigs = []
    for p, row in enumerate(game.payoffs):
        here = row[idx[p]].xreplace(at)
        for b in range(len(row)):
            if b != idx[p]:
                eigs.append(_tidy(row[b].xreplace(at) - here))
    return tuple(eigs)


def _negative(e: sympy.Expr) -> Any:
    """``e < 0`` as a readable relation: terms with negative coefficients on the left, ``Q > P``."""
    e = sympy.expand(e)
    if e.is_number:
        return sympy.true if e < 0 else sympy.false
    pos, neg = sympy.Integer(0), sympy.Integer(0)
    for term in sympy.Add.make_args(e):
        coeff, _ = term.as_coeff_Mul()
        if coeff < 0:
            neg += -term
        else:
            pos += term
    rel = sympy.StrictGreaterThan(neg, pos)
    return rel


def _sign(value: sympy.Expr, tol: float) -> int:
    if value.is_Rational:
        return int(bool(value > 0)) - int(bool(value < 0))
    f = complex(sympy.N(value, 30))
    if abs(f.real) <= tol:
        return 0
    return 1 if f.real > 0 else -1


def _classify_signs(signs: Sequence[int]) -> str:
    if all(s < 0 for s in signs):
        return "stable"
    if all(s > 0 for s in signs):
        return "unstable"
    if all(s != 0 for s in signs):
        return "saddle"
    return "non-hyperbolic"


@dataclass(frozen=True, eq=False)
class CornerRow:
    """One corner of the state cube in a :class:`CornerTable`.

    Attributes
    ----------
    profile : tuple of str
        The pure profile (one action per role).
    point : tuple of int
        The corner's coordinates (shares of the first strategies).
    eigenvalues : tuple of sympy.Expr
        The Jacobian eigenvalues at the corner.
    condition : sympy Boolean
        When every eigenvalue is negative: ``True`` (always asymptotically
        stable), ``False`` (never, for positive parameters) or the relations.
    scenarios : dict
        For each scenario name, ``(eigenvalues, classification)`` with the
        eigenvalues as sympy numbers (exact for rational inputs).
    """

    profile: tuple[str, ...]
    point: tuple[int, ...]
    eigenvalues: tuple[sympy.Expr, ...]
    condition: Any
    scenarios: dict[str, tuple[tuple[sympy.Expr, ...], str]] = field(default_factory=dict)

    @property
    def never_stable(self) -> bool:
        """True when no (positive) parameter values make the corner asymptotically stable."""
        return self.condition is sympy.false

    def classification(self, scenario: str) -> str:
        """``"stable"``, ``"unstable"``, ``"saddle"`` or ``"non-hyperbolic"`` under a scenario."""
        return self.scenarios[scenario][1]


@dataclass(frozen=True, eq=False)
class CornerTable:
    """The corner-stability table of an evolutionary game (see :func:`corner_table`).

    Attributes
    ----------
    rows : tuple of CornerRow
        One row per corner, in the order of the pure profiles.
    scenarios : dict
        Scenario name -> the parameter values used (defaults filled in).
    players, state : tuple
        Role names and state coordinates.
    """

    rows: tuple[CornerRow, ...]
    scenarios: dict[str, dict[str, Any]]
    players: tuple[str, ...]
    state: tuple[sympy.Symbol, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def row(self, profile: Sequence[str]) -> CornerRow:
        """The row of a corner given by its action labels."""
        for r in self.rows:
            if tuple(r.profile) == tuple(profile):
                return r
        raise InvalidProfileError(f"CornerTable.row: expected a pure profile among {[r.profile for r in self.rows]}, "
                                  f"got {profile!r}")

    def stable_corners(self, scenario: str | None = None) -> Any:
        """The asymptotically stable corners (the ESS of the papers) under a scenario, or under each.

        Returns a list of profiles for one scenario, or a dict scenario -> list.
        """
        if scenario is None:
            return {name: self.stable_corners(name) for name in self.scenarios}
        if scenario not in self.scenarios:
            raise InvalidArgumentError(f"CornerTable.stable_corners: expected a scenario among {list(self.scenarios)}, "
                                       f"got {scenario!r}")
        return [r.profile for r in self.rows if r.scenarios[scenario][1] == "stable"]

    @property
    def never_stable(self) -> list[tuple[str, ...]]:
        """Corners that are asymptotically stable for no positive parameter values."""
        return [r.profile for r in self.rows if r.never_stable]

    def to_frame(self) -> Any:
        """A pandas DataFrame: one row per corner; symbolic columns as sympy, scenarios as numbers and labels."""
        import pandas as pd

        records = []
        for r in self.rows:
            rec: dict[str, Any] = {"corner": ", ".join(r.profile), "point": r.point,
                                   "eigenvalues": r.eigenvalues, "stable iff": r.condition}
            for name, (eigs, cls) in r.scenarios.items():
                rec[f"{name}: eigenvalues"] = tuple(_as_plain(e) for e in eigs)
                rec[f"{name}: classification"] = cls
            records.append(rec)
        return pd.DataFrame.from_records(records)

    def __str__(self) -> str:
        head = ["corner", "(" + ", ".join(s.name for s in self.state) + ")", "eigenvalues", "stable iff"]
        body = []
        for r in self.rows:
            cond = "always" if r.condition is sympy.true else "never" if r.condition is sympy.false else str(r.condition)
            cells = [", ".join(r.profile), "(" + ", ".join(str(v) for v in r.point) + ")",
                     "; ".join(str(e) for e in r.eigenvalues), cond]
            for name in self.scenarios:
                eigs, cls = r.scenarios[name]
                cells.append(f"{cls} (" + ", ".join(_fmt(e) for e in eigs) + ")")
            body.append(cells)
        head += [f"scenario {name}" for name in self.scenarios]
        widths = [max(len(row[k]) for row in [head] + body) for k in range(len(head))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(head, widths)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in body]
        for name, values in self.scenarios.items():
            ess = self.stable_corners(name)
            text = "; ".join("(" + ", ".join(p) + ")" for p in ess) or "none"
            vals = ", ".join(f"{k}={_fmt(_number(v))}" for k, v in values.items())
            lines.append(f"scenario {name} ({vals}): stable corners {text}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"CornerTable({len(self.rows)} corners, {len(self.scenarios)} scenarios)\n{self}"


def _as_plain(e: sympy.Expr) -> Any:
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    return float(e)


def _fmt(e: sympy.Expr) -> str:
    if e.is_Rational:
        return str(e)
    return f"{float(e):.4g}"


def _scenario_dict(game: PopulationGame, scenarios: Any, where: str) -> dict[str, dict[str, Any]]:
    if scenarios is None:
        items: list[tuple[str, Mapping[Any, Any]]] = []
        if game.defaults:
            items = [("defaults", {})]
    elif isinstance(scenarios, Mapping) and all(isinstance(v, Mapping) for v in scenarios.values()):
        items = [(str(k), v) for k, v in scenarios.items()]
    elif isinstance(scenarios, Mapping):
        items = [("1", scenarios)]
    elif isinstance(scenarios, Sequence) and all(isinstance(v, Mapping) for v in scenarios):
        items = [(str(k + 1), v) for k, v in enumerate(scenarios)]
    else:
        raise InvalidArgumentError(f"{where}: expected scenarios as a mapping name -> parameter values, a list of "
                                   f"such mappings, or one mapping, got {scenarios!r}")
    out: dict[str, dict[str, Any]] = {}
    names = [s.name for s in game.parameters]
    for name, values in items:
        full: dict[str, Any] = {k.name: v for k, v in game.defaults.items()}
        for k, v in values.items():
            key = k.name if isinstance(k, sympy.Symbol) else k
            if key not in names:
                raise InvalidArgumentError(f"{where}: scenario {name!r} sets {key!r}, expected parameters among {names}")
            full[key] = v
        missing = [k for k in names if k not in full]
        if missing:
            raise UnresolvedParameterError(f"{where}: scenario {name!r} leaves {missing} without values "
                                           "(and the game has no defaults for them)")
        out[name] = {k: full[k] for k in names}
    return out


def corner_table(game: Any, scenarios: Any = None) -> CornerTable:
    """Every corner with its eigenvalues, the conditions for stability and the stable corners per scenario.

    Parameters
    ----------
    game : SymbolicGame, NormalFormGame or PopulationGame
        Any number of roles and strategies (at most :data:`MAX_CORNERS`
        corners). Symbols are taken as positive, as the catalog's are, so a
        corner whose eigenvalue is a sum of positive parameters is never
        stable.
    scenarios : mapping or list of mappings, optional
        Parameter values: ``{"name": {"w": 5, ...}, ...}``, a list of such
        mappings (named ``"1"``, ``"2"``, ...), or one mapping. Parameters a
        scenario leaves out take the game's defaults. Default: the game's
        defaults as one scenario ``"defaults"`` (none if it has none).

    Returns
    -------
    CornerTable
        Printable (``print(table)``), ``.to_frame()`` for pandas,
        ``.stable_corners(scenario)`` for the ESS lists of the papers.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame import models
    >>> from coopgame.dynamics.analysis import corner_table
    >>> weak = {"w": 1, "f_e": 2, "F_g": Fraction(1, 2)}         # weak assessment and accountability
    >>> table = corner_table(models.tripartite(), {"default": {}, "weak": weak})
    >>> table.row(("Supervise loosely", "Regulate strictly", "Abate")).condition
    (w > c_g + s_e) & (f_e + s_e > c_e)
    >>> table.never_stable[:2]
    [('Supervise strictly', 'Regulate strictly', 'Abate'), ('Supervise strictly', 'Regulate laxly', 'Abate')]
    >>> table.stable_corners("default")
    [('Supervise loosely', 'Regulate strictly', 'Abate')]
    >>> table.stable_corners("weak")
    [('Supervise loosely', 'Regulate laxly', 'Pollute')]
    """
    where = "corner_table"
    if hasattr(game, "shape"):
        _corner_profiles(game, where)            # refuse before building the population game
    pgame = as_population_game(game, where)
    profiles = _corner_profiles(pgame, where)
    scen = _scenario_dict(pgame, scenarios, where)
    subs = {name: {_param(pgame, k): _number(v)
                   for k, v in values.items()} for name, values in scen.items()}
    rows = []
    for idx in profiles:
        eigs = _corner_eigs(pgame, idx)
        cond = sympy.And(*[_negative(e) for e in eigs])
        point = tuple(int(a == 0) for a in idx) if all(m == 2 for m in pgame.shape) else tuple(idx)
        per: dict[str, tuple[tuple[sympy.Expr, ...], str]] = {}
        for name, mapping in subs.items():
            vals = tuple(e.xreplace(mapping) for e in eigs)
            scale = max([1.0] + [abs(complex(sympy.N(v))) for v in vals])
            signs = [_sign(v, TOLERANCE * scale) for v in vals]
            per[name] = (vals, _classify_signs(signs))
        profile = tuple(pgame.actions[p][a] for p, a in enumerate(idx))
        rows.append(CornerRow(profile, point, eigs, cond, per))
    return CornerTable(tuple(rows), scen, pgame.players, pgame.state)


def _param(game: PopulationGame, name: str) -> sympy.Symbol:
    for s in game.parameters:
        if s.name == name:
            return s
    raise InvalidArgumentError(f"corner_table: expected a parameter among {[s.name for s in game.parameters]}, "
                               f"got {name!r}")


# ------------------------------------------------------------------------------------------ many samples
@dataclass(frozen=True, eq=False)
class CornerClassification:
    """Corner stability over many parameter sets (see :func:`classify_corners`).

    Attributes
    ----------
    corners : tuple of tuple of str
        The corners (pure profiles), in order.
    parameters : tuple of str
        Parameter names, in the order of the sample columns.
    eigenvalues : numpy.ndarray
        Shape ``(samples, corners, coordinates)``.
    codes : numpy.ndarray
        Shape ``(samples, corners)``, int8 indices into :data:`CLASSES`
        (0 stable, 1 unstable, 2 saddle, 3 non-hyperbolic).
    """

    corners: tuple[tuple[str, ...], ...]
    parameters: tuple[str, ...]
    eigenvalues: np.ndarray
    codes: np.ndarray

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    @property
    def stable(self) -> np.ndarray:
        """Boolean ``(samples, corners)``: asymptotically stable."""
        return self.codes == 0

    @property
    def classification(self) -> np.ndarray:
        """The classes as strings, shape ``(samples, corners)``."""
        return np.asarray(CLASSES, dtype=object)[self.codes]

    @property
    def stable_count(self) -> np.ndarray:
        """Number of stable corners in each sample."""
        return self.stable.sum(axis=1)

    @property
    def unique_stable(self) -> np.ndarray:
        """Index of the only stable corner of each sample; -1 when there is none or more than one."""
        stable = self.stable
        first = stable.argmax(axis=1)
        return np.where(stable.sum(axis=1) == 1, first, -1)

    def frequencies(self) -> Any:
        """A pandas DataFrame: for each corner, the share of samples in each class."""
        import pandas as pd

        counts = np.stack([(self.codes == k).mean(axis=0) for k in range(len(CLASSES))], axis=1)
        return pd.DataFrame(counts, index=[", ".join(c) for c in self.corners], columns=list(CLASSES))

    def __repr__(self) -> str:
        share = self.stable.mean(axis=0)
        parts = [f"({', '.join(c)}) {100 * s:.1f}%" for c, s in zip(self.corners, share) if s > 0]
        return (f"CornerClassification({len(self)} parameter sets, {len(self.corners)} corners; stable: "
                + ("; ".join(parts) or "none") + ")")


def _sample_columns(game: PopulationGame, samples: Any, where: str) -> tuple[list[np.ndarray], int]:
    names = [s.name for s in game.parameters]
    if isinstance(samples, np.ndarray) and samples.ndim == 2:
        if samples.shape[1] != len(names):
            raise InvalidArgumentError(f"{where}: expected a samples array with {len(names)} columns {names}, "
                                       f"got shape {samples.shape}")
        cols = {k: samples[:, j] for j, k in enumerate(names)}
    elif isinstance(samples, Mapping) or hasattr(samples, "columns"):
        keys = list(samples.keys()) if isinstance(samples, Mapping) else list(samples.columns)
        cols = {}
        for k in keys:
            key = k.name if isinstance(k, sympy.Symbol) else str(k)
            if key not in names:
                raise InvalidArgumentError(f"{where}: expected parameters among {names}, got a column {key!r}")
            cols[key] = np.asarray(samples[k], dtype=float)
        for s, v in game.defaults.items():
            cols.setdefault(s.name, np.asarray(float(v)))
        missing = [k for k in names if k not in cols]
        if missing:
            raise UnresolvedParameterError(f"{where}: expected values (or game defaults) for {missing}")
    else:
        raise InvalidArgumentError(f"{where}: expected samples as a mapping of parameter arrays, a DataFrame or a "
                                   f"2-d array with columns {names}, got {type(samples).__name__}")
    arrays = [np.asarray(cols[k], dtype=float) for k in names]
    shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else (1,)
    if len(shape) > 1:
        raise InvalidArgumentError(f"{where}: expected one-dimensional parameter arrays, got shape {shape}")
    n = shape[0] if shape else 1
    return [np.broadcast_to(a, (n,)) for a in arrays], n


def classify_corners(game: Any, samples: Any) -> CornerClassification:
    """Classify every corner under many parameter sets at once (vectorised, no per-sample sympy).

    The corner eigenvalues (payoff differences, see :func:`corner_eigenvalues`)
    are compiled once with :func:`sympy.lambdify` and evaluated on whole
    arrays of parameter values.

    Parameters
    ----------
    game : SymbolicGame, NormalFormGame or PopulationGame
    samples : mapping, DataFrame or 2-d array
        Parameter values: a mapping name -> 1-d array (scalars broadcast;
        parameters left out take the game's defaults), a pandas DataFrame
        with one column per parameter, or an array of shape
        ``(samples, parameters)`` in the order of ``game.parameters``.

    Returns
    -------
    CornerClassification

    Notes
    -----
    An eigenvalue within ``TOLERANCE * max(1, max |eigenvalue|)`` of zero
    (per sample) counts as zero: the corner is then non-hyperbolic.

    Examples
    --------
    >>> import numpy as np
    >>> from coopgame import models
    >>> from coopgame.dynamics.analysis import classify_corners
    >>> rng = np.random.default_rng(0)
    >>> game = models.tripartite()
    >>> samples = {s.name: rng.uniform(0.1, 10, size=1000) for s in game.parameters}
    >>> result = classify_corners(game, samples)
    >>> result.codes.shape
    (1000, 8)
    >>> bool(result.stable[:, 0].any())          # (S, R, A) is never stable
    False
    >>> lra = result.corners.index(("Supervise loosely", "Regulate strictly", "Abate"))
    >>> expected = (samples["w"] > samples["c_g"] + samples["s_e"]) & (samples["f_e"] + samples["s_e"] > samples["c_e"])
    >>> bool((result.stable[:, lra] == expected).all())
    True
    """
    where = "classify_corners"
    if hasattr(game, "shape"):
        _corner_profiles(game, where)            # refuse before building the population game
    pgame = as_population_game(game, where)
    profiles = _corner_profiles(pgame, where)
    columns, n = _sample_columns(pgame, samples, where)
    exprs = [e for idx in profiles for e in _corner_eigs(pgame, idx)]
    k = sum(m - 1 for m in pgame.shape)
    func = sympy.lambdify(pgame.parameters, exprs, modules="numpy")
    values = func(*columns)
    eig = np.empty((n, len(profiles) * k))
    for j, v in enumerate(values):
        eig[:, j] = v
    eig = eig.reshape(n, len(profiles), k)
    scale = np.maximum(1.0, np.abs(eig).max(axis=(1, 2), initial=0.0))[:, None, None]
    tol = TOLERANCE * scale
    neg = eig < -tol
    pos = eig > tol
    codes = np.full((n, len(profiles)), 3, dtype=np.int8)
    all_neg = neg.all(axis=2)
    all_pos = pos.all(axis=2)
    nonzero = (neg | pos).all(axis=2)
    codes[nonzero] = 2
    codes[all_pos] = 1
    codes[all_neg] = 0
    corners = tuple(tuple(pgame.actions[p][a] for p, a in enumerate(idx)) for idx in profiles)
    return CornerClassification(corners, tuple(s.name for s in pgame.parameters), readonly(eig), readonly(codes))
