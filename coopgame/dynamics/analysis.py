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

import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_int, check_real, check_size, describe, public
from coopgame._numeric import readonly
from coopgame.dynamics.field import ReplicatorField, _tidy
from coopgame.dynamics.fixed_points import MAX_FACES, face_count, support_system
from coopgame.dynamics.linearisation import CLASSES as _LINEAR_CLASSES
from coopgame.dynamics.linearisation import classify_eigenvalues, linearise
from coopgame.dynamics.population import PopulationGame, as_population_game
from coopgame.dynamics.states import read_state
from coopgame.dynamics.states import to_sympy_number as _number
from coopgame.errors import (
    InvalidArgumentError,
    InvalidProfileError,
    UnresolvedParameterError,
)
from coopgame.games.coerce import GameLike
from coopgame.results import ArrayResult, html_table

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

#: Classification codes of :class:`CornerClassification` (index = code). The Jacobian at a corner is
#: triangular with real eigenvalues, so the classifier's fifth class, "centre", never occurs here.
CLASSES = _LINEAR_CLASSES[:4]


# ------------------------------------------------------------------------------------------ equations
@public
@dataclass(frozen=True, eq=False)
class ReplicatorSystem(ArrayResult):
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

    @public
    def subs(self, mapping: Mapping[Any, Any] | None = None, **values: Any) -> ReplicatorSystem:
        """The system with parameter values substituted (by symbol or name)."""
        return replicator_equations(self.game._substituted(mapping, values, "ReplicatorSystem.subs"))

    @functools.cached_property
    def _field(self) -> ReplicatorField:
        return ReplicatorField(self.game, where="ReplicatorSystem.point")

    @public
    def point(self, point: Any) -> dict[sympy.Symbol, sympy.Expr]:
        """A state as ``{coordinate: value}``: from a mapping, coordinates, a pure or a mixed profile.

        A numeric state is read and checked by :func:`~coopgame.dynamics.states.read_state`
        (shares in [0, 1], each role's summing to one; rationals stay exact). A state
        with symbolic values, such as a :class:`SymbolicRestPoint`'s ``point``, is
        given as a mapping or as the flat coordinates.

        Examples
        --------
        >>> from fractions import Fraction
        >>> from coopgame import models
        >>> from coopgame.dynamics.analysis import replicator_equations
        >>> system = replicator_equations(models.inspection())
        >>> system.point([[Fraction(1, 4), Fraction(3, 4)], [1, 0]])
        {x: 1/4, y: 1}
        """
        where = "ReplicatorSystem.point"
        if _is_symbolic_state(point):
            return _symbolic_coordinates(self.game, point, where)
        flat = read_state(self._field, point, where, exact=True)
        coords: list[Any] = []
        start = 0
        for m in self._field.sizes:
            coords.extend(flat[start:start + m - 1])
            start += m
        return dict(zip(self.state, (_number(v) for v in coords)))

    @public
    def field_at(self, point: Any) -> sympy.ImmutableMatrix:
        """The right-hand side at a state (see :meth:`point` for the forms a state may take)."""
        return sympy.ImmutableMatrix(self.equations.xreplace(self.point(point)).applyfunc(sympy.simplify))

    @public
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

    @public
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

    @public
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

    def _repr_latex_(self) -> str:
        """The equations, for notebooks."""
        return "$" + self.to_latex() + "$"

    def __repr__(self) -> str:
        lines = [f"ReplicatorSystem({len(self.state)} coordinates: "
                 + ", ".join(f"{s} = share of {lab}" for s, lab in zip(self.state, self.labels)) + ")"]
        width = max(len(str(s)) for s in self.state) + 4
        for s, e in zip(self.state, self.equations):
            lines.append(f"  d{s}/dt".ljust(width + 2) + f" = {e}")
        return "\n".join(lines)


@public
def replicator_equations(game: GameLike | PopulationGame) -> ReplicatorSystem:
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
    The tripartite central / local / enterprise game (claim C18 of docs/explanation/claims.md), with
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
    labels = tuple(f"{game.players[p]}: {game.actions[p][a]}"
                   for p, m in enumerate(game.shape) for a in range(m - 1))
    state, equations, advantages = ReplicatorField(game, where="replicator_equations").symbolic()
    eq = sympy.ImmutableMatrix(equations)
    jac = sympy.ImmutableMatrix(eq.jacobian(sympy.Matrix(state))) if state else sympy.ImmutableMatrix([])
    return ReplicatorSystem(game, state, labels, eq, jac, tuple(advantages) if advantages is not None else None)


def _is_symbolic_state(point: Any) -> bool:
    """True when some value of a state is an expression with free symbols (or text in a mapping)."""
    if isinstance(point, Mapping):
        return any(isinstance(v, str) or (isinstance(v, sympy.Basic) and bool(v.free_symbols))
                   for v in point.values())
    if isinstance(point, (str, bytes)) or not isinstance(point, (Sequence, np.ndarray)):
        return False
    return any(isinstance(v, sympy.Basic) and bool(v.free_symbols) for v in point)


def _symbolic_coordinates(game: PopulationGame, point: Any, where: str) -> dict[sympy.Symbol, sympy.Expr]:
    """A state with symbolic values, from ``{coordinate: value}`` or the flat coordinates."""
    state = game.state
    by_name = {s.name: s for s in state}
    if isinstance(point, Mapping):
        out = {}
        for k, v in point.items():
            name = k.name if isinstance(k, sympy.Symbol) else k
            if name not in by_name:
                raise InvalidProfileError(f"{where}: expected state coordinates among {list(by_name)}, got {k!r}")
            out[by_name[name]] = _number(v, where)
        if set(out) != set(state):
            raise InvalidProfileError(f"{where}: expected a value for every coordinate {list(by_name)}, got {list(point)}")
        return out
    items = list(point)
    if len(items) != len(state):
        raise InvalidProfileError(f"{where}: expected a symbolic state as {{coordinate: value}} or as the "
                                  f"{len(state)} coordinates {list(by_name)}, got {describe(point)}")
    return dict(zip(state, (_number(v, where) for v in items)))


# ------------------------------------------------------------------------------------------ symbolic rest points
@public
@dataclass(frozen=True, eq=False)
class SymbolicRestPoint(ArrayResult):
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


@public
def symbolic_rest_points(game: GameLike | PopulationGame, *, max_mixing: int | None = None,
                         max_faces: int = MAX_FACES) -> list[SymbolicRestPoint]:
    """Rest points of the replicator dynamics solved with the parameters left as symbols.

    For each choice of strategies in use (a support per role) the roles'
    indifference conditions are solved with sympy: corners first, then points
    where one, two, ... roles mix. Faces that sympy cannot solve in closed
    form, and continua of rest points, are skipped; for numbers use
    :func:`~coopgame.dynamics.fixed_points.rest_points` after ``subs``.

    Parameters
    ----------
    game : SymbolicGame, NormalFormGame or PopulationGame
    max_mixing : int, optional
        Consider at most this many mixing roles (default: all).
    max_faces : int, default ``MAX_FACES`` (729)
        Largest number of support combinations ``prod(2**m - 1)`` visited;
        larger games are refused (:class:`~coopgame.SolverLimitError`) before any work.

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
    if max_mixing is not None:
        max_mixing = check_int(max_mixing, "max_mixing", where, minimum=0)
    max_faces = check_int(max_faces, "max_faces", where, minimum=1)
    if hasattr(game, "shape"):                  # refuse before building the population game
        check_size(where, face_count(game.shape), max_faces, what="the number of support combinations (faces)",
                   limit_name="max_faces", alternative="rest_points() after substituting numbers, or replicator()")
    pgame = as_population_game(game, where)
    shape = pgame.shape
    check_size(where, face_count(shape), max_faces, what="the number of support combinations (faces)",
               limit_name="max_faces", alternative="rest_points() after substituting numbers, or replicator()")
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
def _corner_profiles(game: Any, where: str, max_corners: int = MAX_CORNERS) -> list[tuple[int, ...]]:
    check_size(where, math.prod(int(m) for m in game.shape), max_corners, what="the number of corners (pure profiles)",
               limit_name="max_corners", alternative="stability() at chosen profiles")
    return list(itertools.product(*(range(m) for m in game.shape)))


@public
def corner_eigenvalues(game: GameLike | PopulationGame, profile: Sequence[int | str]) -> tuple[sympy.Expr, ...]:
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
    if (isinstance(profile, (str, bytes)) or not isinstance(profile, (Sequence, np.ndarray))
            or len(profile) != game.num_players):
        raise InvalidProfileError(f"{where}: expected one action per role ({game.num_players}), "
                                  f"got {describe(profile)}")
    out = []
    for p, a in enumerate(profile):
        if isinstance(a, str) and a in game.actions[p]:
            out.append(game.actions[p].index(a))
        elif isinstance(a, (int, np.integer)) and not isinstance(a, bool) and 0 <= int(a) < game.shape[p]:
            out.append(int(a))
        else:
            raise InvalidProfileError(f"{where}: expected an action of {game.players[p]!r} among "
                                      f"{list(game.actions[p])} or an index, got {describe(a)}")
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


def _corner_class(values: Sequence[sympy.Expr]) -> str:
    """The class of a corner from its eigenvalues (numbers), by the one classifier: exact when all are rational."""
    if all(v.is_Rational for v in values):
        return linearise(np.diag([Fraction(int(v.p), int(v.q)) for v in values]).astype(object), True).classification
    return linearise(np.diag([float(sympy.re(sympy.N(v, 30))) for v in values]), False).classification


@public
@dataclass(frozen=True, eq=False)
class CornerRow(ArrayResult):
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

    @public
    def classification(self, scenario: str) -> str:
        """``"stable"``, ``"unstable"``, ``"saddle"`` or ``"non-hyperbolic"`` under a scenario."""
        return self.scenarios[scenario][1]


@public
@dataclass(frozen=True, eq=False)
class CornerTable(ArrayResult):
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

    @public
    def row(self, profile: Sequence[str]) -> CornerRow:
        """The row of a corner given by its action labels."""
        for r in self.rows:
            if tuple(r.profile) == tuple(profile):
                return r
        raise InvalidProfileError(f"CornerTable.row: expected a pure profile among {[r.profile for r in self.rows]}, "
                                  f"got {profile!r}")

    @public
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

    @public
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

    def _cells(self) -> tuple[list[str], list[list[str]]]:
        """The header and the rows of the table as text (for ``str`` and the notebook)."""
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
        return head, body

    def __str__(self) -> str:
        head, body = self._cells()
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

    def _repr_html_(self) -> str:
        head, body = self._cells()
        stable = "; ".join(f"{name}: " + (", ".join("(" + ", ".join(p) + ")" for p in self.stable_corners(name))
                                          or "none") for name in self.scenarios)
        return html_table(body, header=head, caption="Corner stability" + (f" (stable corners {stable})"
                                                                            if stable else ""))


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
            full[key] = check_real(v, f"the value of {key!r} in scenario {name!r}", where, exact=True)
        missing = [k for k in names if k not in full]
        if missing:
            raise UnresolvedParameterError(f"{where}: scenario {name!r} leaves {missing} without values "
                                           "(and the game has no defaults for them)")
        out[name] = {k: full[k] for k in names}
    return out


@public
def corner_table(game: GameLike | PopulationGame, scenarios: Any = None, *, max_corners: int = MAX_CORNERS) -> CornerTable:
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
        Values must be finite real numbers (rationals stay exact).
    max_corners : int, default ``MAX_CORNERS`` (4096)
        Largest number of corners; larger games are refused before any work.

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
    max_corners = check_int(max_corners, "max_corners", where, minimum=1)
    if hasattr(game, "shape"):
        _corner_profiles(game, where, max_corners)     # refuse before building the population game
    pgame = as_population_game(game, where)
    profiles = _corner_profiles(pgame, where, max_corners)
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
            per[name] = (vals, _corner_class(vals))
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
@public
@dataclass(frozen=True, eq=False)
class CornerClassification(ArrayResult):
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

    @public
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


def _float_column(values: Any, name: str, where: str) -> np.ndarray:
    """A column of parameter values as finite floats (NaN, infinities, booleans and text refused)."""
    try:
        arr = np.asarray(values)
        bad_kind = arr.dtype.kind not in "iufO" or (arr.dtype == object and any(
            isinstance(v, (bool, np.bool_, str, bytes)) for v in arr.reshape(-1)))
        out = np.asarray(arr, dtype=float)
    except (TypeError, ValueError, OverflowError):
        bad_kind, out = True, np.zeros(0)
    if bad_kind or not np.isfinite(out).all():
        raise InvalidArgumentError(f"{where}: expected finite real values of the parameter {name!r}, "
                                   f"got {describe(values)}")
    return out


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
            cols[key] = _float_column(samples[k], key, where)
        for s, v in game.defaults.items():
            cols.setdefault(s.name, np.asarray(float(v)))
        missing = [k for k in names if k not in cols]
        if missing:
            raise UnresolvedParameterError(f"{where}: expected values (or game defaults) for {missing}")
    else:
        raise InvalidArgumentError(f"{where}: expected samples as a mapping of parameter arrays, a DataFrame or a "
                                   f"2-d array with columns {names}, got {type(samples).__name__}")
    arrays = [_float_column(cols[k], k, where) for k in names]
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else (1,)
    except ValueError:
        raise InvalidArgumentError(f"{where}: expected parameter arrays of one common length, got lengths "
                                   f"{[a.shape for a in arrays]}") from None
    if len(shape) > 1:
        raise InvalidArgumentError(f"{where}: expected one-dimensional parameter arrays, got shape {shape}")
    n = shape[0] if shape else 1
    return [np.broadcast_to(a, (n,)) for a in arrays], n


@public
def classify_corners(game: GameLike | PopulationGame, samples: Any, *, max_corners: int = MAX_CORNERS) -> CornerClassification:
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
        Values must be finite real numbers.
    max_corners : int, default ``MAX_CORNERS`` (4096)
        Largest number of corners; larger games are refused before any work.

    Returns
    -------
    CornerClassification

    Notes
    -----
    The classifier of :func:`~coopgame.dynamics.linearisation.classify_eigenvalues`:
    an eigenvalue within ``TOLERANCE * max(1, max |eigenvalue|)`` of zero
    (per sample and corner) counts as zero, and the corner is then
    non-hyperbolic. Non-finite parameter values are refused.

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
    max_corners = check_int(max_corners, "max_corners", where, minimum=1)
    if hasattr(game, "shape"):
        _corner_profiles(game, where, max_corners)     # refuse before building the population game
    pgame = as_population_game(game, where)
    profiles = _corner_profiles(pgame, where, max_corners)
    columns, n = _sample_columns(pgame, samples, where)
    exprs = [e for idx in profiles for e in _corner_eigs(pgame, idx)]
    k = sum(m - 1 for m in pgame.shape)
    func = sympy.lambdify(pgame.parameters, exprs, modules="numpy")
    values = func(*columns)
    flat = np.empty((n, len(profiles) * k))
    for j, v in enumerate(values):
        flat[:, j] = v
    eig = flat.reshape(n, len(profiles), k)
    codes = classify_eigenvalues(eig)             # the one classifier, each corner at its own scale
    corners = tuple(tuple(pgame.actions[p][a] for p, a in enumerate(idx)) for idx in profiles)
    return CornerClassification(corners, tuple(s.name for s in pgame.parameters), readonly(eig), readonly(codes))
