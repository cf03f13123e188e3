"""Population games: each strategy's payoff is a function (a sympy expression) of the population state.

A normal-form game gives, in every population state, each strategy an
expected payoff that is multilinear in the other roles' shares. Some
instruments make payoffs depend on the state in other ways: a fine
proportional to the share of violators (a *dynamic penalty*), a subsidy that
shrinks as more regions take it up, a reputation loss growing with the share
of polluters. :class:`PopulationGame` holds such payoffs as sympy expressions
of the state and of named parameters; :func:`~coopgame.dynamics.trajectory.replicator`
integrates it, :func:`~coopgame.dynamics.analysis.replicator_equations` prints
its equations and Jacobian, and :func:`~coopgame.dynamics.fixed_points.rest_points`
and :func:`~coopgame.dynamics.linear_stability.stability` analyse it.

The state of a role with ``m`` strategies is written with ``m - 1``
coordinates, the shares of its first ``m - 1`` strategies (the last share is
one minus their sum); a two-strategy role has one coordinate, the share of
its first strategy. By default the coordinates are called ``x, y, z`` (up to
three two-strategy roles), otherwise ``x_1, x_2, ...`` or ``x_1_1, ...``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from coopgame._checks import describe, public
from coopgame.errors import (
    InvalidArgumentError,
    InvalidGameError,
    InvalidGameTypeError,
    UnresolvedParameterError,
)
from coopgame.games.coerce import as_normal_form
from coopgame.games.expressions import parameter_values
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame, as_expression

__all__ = ["PopulationGame", "as_population_game"]


def _to_sympy(v: Any) -> sympy.Expr:
    if isinstance(v, sympy.Basic):
        return v
    from fractions import Fraction

    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    if isinstance(v, (int, np.integer)):
        return sympy.Integer(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return sympy.Integer(int(f)) if f.is_integer() else sympy.Float(f)
    return as_expression(v)


def _default_state(shape: tuple[int, ...], taken: set[str]) -> tuple[tuple[sympy.Symbol, ...], ...]:
    n = len(shape)
    if all(m == 2 for m in shape) and n <= 3:  # x, y, z (the caller does not count them as taken here)
        names = [[v] for v in ("x", "y", "z")[:n]]
    elif all(m == 2 for m in shape):
        names = [[f"x_{p + 1}"] for p in range(n)]
    else:
        names = [[f"x_{p + 1}_{a + 1}" for a in range(m - 1)] for p, m in enumerate(shape)]
    for role in names:
        for name in role:
            if name in taken:
                raise InvalidGameError(
                    f"PopulationGame: a parameter is called {name!r}, the default name of a state coordinate; "
                    "give the state symbols with state=...")
    return tuple(tuple(sympy.Symbol(name, real=True) for name in role) for role in names)


@public
class PopulationGame:
    """Roles whose strategies earn payoffs that are functions of the population state.

    Parameters
    ----------
    payoffs : sequence of sequences
        ``payoffs[p][a]``: the payoff of role ``p``'s strategy ``a`` as a
        sympy expression (or text formula) in the state coordinates and in
        parameters, or a function that takes the state coordinates (all
        roles', flattened, as sympy symbols) and returns such an expression.
    state : sequence, optional
        The state coordinates, one entry per role: a symbol for a
        two-strategy role (the share of its first strategy), or a sequence
        of ``m - 1`` symbols for a role with ``m`` strategies. Default
        ``x, y, z`` or ``x_1, x_2, ...`` (see the module notes).
    players, actions : optional
        Labels (default ``"Player 1"``, ... and ``"1"``, ``"2"``, ...).
    defaults : mapping, optional
        Default parameter values, used by :meth:`numeric`.

    Examples
    --------
    The inspection game with a fine proportional to the share of violators
    ``1 - x`` (``x`` the share of real cooperation, ``y`` of inspection):

    >>> import sympy
    >>> from coopgame.dynamics.population import PopulationGame
    >>> game = PopulationGame([[0, "dc - y*rho*F*(1 - x)"], ["(1 - x)*rho*B - k", 0]],
    ...                       players=["Local government", "Central government"],
    ...                       actions=[["Real", "False"], ["Inspect", "Trust"]])
    >>> game.state
    (x, y)
    >>> game.parameters
    (B, F, dc, k, rho)
    >>> game.subs(B=4, F=16, dc=2, k=1, rho=sympy.Rational(1, 2)).payoffs[0]
    (0, -8*y*(1 - x) + 2)

    A payoff may also be a function of the state coordinates:

    >>> PopulationGame([[lambda x, y: 3 * y, lambda x, y: 4 * y + 1]] * 2).payoffs[1]
    (3*y, 4*y + 1)
    """

    __slots__ = ("_actions", "_defaults", "_hash", "_payoffs", "_players", "_state")

    def __init__(self, payoffs: Sequence[Sequence[Any]], state: Sequence[Any] | None = None,
                 players: Sequence[str] | None = None, actions: Sequence[Sequence[str]] | None = None, *,
                 defaults: Mapping[Any, Any] | None = None) -> None:
        where = "PopulationGame"
        if isinstance(payoffs, (str, bytes, Mapping)) or not isinstance(payoffs, Sequence) or not payoffs:
            raise InvalidGameError(f"{where}: expected one sequence of strategy payoffs per role, got {describe(payoffs)}")
        rows = []
        for p, row in enumerate(payoffs):
            if isinstance(row, (str, bytes)) or not isinstance(row, (Sequence, np.ndarray)) or len(row) < 1:
                raise InvalidGameError(f"{where}: expected a sequence of payoffs (one per strategy) for role {p + 1}, "
                                       f"got {describe(row)}")
            rows.append(list(row))
        shape = tuple(len(r) for r in rows)  # every role has a strategy: an empty row is refused above
        # labels
        dummy = NormalFormGame([np.zeros(shape) for _ in shape], players, actions)
        self._players = dummy.players
        self._actions = dummy.actions
        # text and expressions: collect parameter names first
        known: dict[str, sympy.Symbol] = {}
        for row in rows:
            for v in row:
                if isinstance(v, sympy.Basic):
                    known.update({s.name: s for s in v.free_symbols if isinstance(s, sympy.Symbol)})
        if state is None:
            taken = set(known)
            for row in rows:
                for v in row:
                    if isinstance(v, str):
                        taken |= set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", v))
            taken -= {"x", "y", "z"} if all(m == 2 for m in shape) and len(shape) <= 3 else set()
            coords = _default_state(shape, taken)
        else:
            coords = self._parse_state(state, shape)
        self._state = coords
        state_names = {s.name: s for role in coords for s in role}
        known.update(state_names)
        flat = tuple(s for role in coords for s in role)
        out = []
        for p, row in enumerate(rows):
            exprs = []
            for a, v in enumerate(row):
                if callable(v) and not isinstance(v, sympy.Basic):
                    try:
                        v = v(*flat)
                    except Exception as err:  # noqa: BLE001 - a user function may raise anything
                        raise InvalidGameError(
                            f"{where}: the payoff function of role {p + 1}, strategy {a + 1} failed on the state symbols "
                            f"{flat} ({type(err).__name__}: {err}); write it with sympy operations") from None
                if isinstance(v, str):
                    e = as_expression(v, known, where)
                else:
                    e = _to_sympy(v)
                    if not isinstance(e, sympy.Expr):
                        raise InvalidGameError(f"{where}: expected a payoff expression, got {describe(v)}")
                # symbols with a state name but other assumptions mean the state coordinate
                rename = {s: state_names[s.name] for s in e.free_symbols
                          if isinstance(s, sympy.Symbol) and s.name in state_names and s != state_names[s.name]}
                e = e.xreplace(rename) if rename else e
                known.update({s.name: s for s in e.free_symbols if isinstance(s, sympy.Symbol)})
                exprs.append(e)
            out.append(tuple(exprs))
        self._payoffs = tuple(out)
        if defaults is not None and not isinstance(defaults, Mapping):
            raise InvalidArgumentError(f"{where}: expected defaults as a mapping of parameter names to values, "
                                       f"got {describe(defaults)}")
        self._defaults = self._resolve(defaults or {}, "PopulationGame.defaults", skip_unknown=True)
        self._hash: int | None = None

    @staticmethod
    def _parse_state(state: Any, shape: tuple[int, ...]) -> tuple[tuple[sympy.Symbol, ...], ...]:
        where = "PopulationGame"
        if isinstance(state, (str, bytes)) or not isinstance(state, Sequence) or len(state) != len(shape):
            raise InvalidGameError(f"{where}: expected state coordinates for {len(shape)} roles, got {describe(state)}")
        out = []
        for p, (entry, m) in enumerate(zip(state, shape)):
            if isinstance(entry, (sympy.Symbol, str)):
                syms = [entry]
            elif isinstance(entry, (Sequence, np.ndarray)) and not isinstance(entry, bytes):
                syms = list(entry)
            else:
                raise InvalidGameError(f"{where}: expected state symbols for role {p + 1}, got {describe(entry)}")
            syms = [sympy.Symbol(s, real=True) if isinstance(s, str) else s for s in syms]
            if len(syms) != m - 1 or not all(isinstance(s, sympy.Symbol) for s in syms):
                raise InvalidGameError(f"{where}: expected {m - 1} state symbols for role {p + 1} "
                                       f"(the shares of its first {m - 1} strategies), got {describe(entry)}")
            out.append(tuple(syms))
        names = [str(s) for role in out for s in role]
        if len(set(names)) != len(names):
            raise InvalidGameError(f"{where}: expected distinct state symbols, got {names}")
        return tuple(out)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_game(cls, game: Any, state: Sequence[Any] | None = None) -> PopulationGame:
        """The population game of a normal-form or symbolic game: expected payoffs in the state.

        Examples
        --------
        >>> import coopgame as cg
        >>> from coopgame.dynamics.population import PopulationGame
        >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
        >>> PopulationGame.from_game(pd).payoffs[0]
        (3*y, 4*y + 1)
        """
        if isinstance(game, PopulationGame):
            return game
        if not isinstance(game, (NormalFormGame, SymbolicGame)):
            raise InvalidGameTypeError(f"PopulationGame.from_game: expected a NormalFormGame or SymbolicGame, "
                                   f"got {type(game).__name__}")
        shape = tuple(game.shape)
        taken = {s.name for s in game.parameters} if isinstance(game, SymbolicGame) else set()
        coords = cls._parse_state(state, shape) if state is not None else _default_state(shape, taken)
        shares = [_shares(role, m) for role, m in zip(coords, shape)]
        arrays = [np.vectorize(_to_sympy, otypes=[object])(np.asarray(a, dtype=object)) for a in game.payoffs]
        n = len(shape)
        payoffs = []
        for p in range(n):
            row = []
            for a in range(shape[p]):
                total = sympy.Integer(0)
                others = [q for q in range(n) if q != p]
                for rest in itertools.product(*(range(shape[q]) for q in others)):
                    idx = [0] * n
                    idx[p] = a
                    weight = sympy.Integer(1)
                    for q, b in zip(others, rest):
                        idx[q] = b
                        weight = weight * shares[q][b]
                    total += weight * arrays[p][tuple(idx)]
                row.append(sympy.expand(total))
            payoffs.append(row)
        defaults = game.defaults if isinstance(game, SymbolicGame) else None
        return cls(payoffs, coords, game.players, game.actions, defaults=defaults)

    # ------------------------------------------------------------------ accessors
    @property
    def payoffs(self) -> tuple[tuple[sympy.Expr, ...], ...]:
        """``payoffs[p][a]``: the payoff of role ``p``'s strategy ``a`` as an expression of the state."""
        return self._payoffs

    @property
    def state(self) -> tuple[sympy.Symbol, ...]:
        """The state coordinates, all roles' in order (one per two-strategy role)."""
        return tuple(s for role in self._state for s in role)

    @property
    def role_state(self) -> tuple[tuple[sympy.Symbol, ...], ...]:
        """The state coordinates role by role."""
        return self._state

    @property
    def shares(self) -> tuple[tuple[sympy.Expr, ...], ...]:
        """Each role's strategy shares in the coordinates (the last one is one minus the others)."""
        return tuple(_shares(role, m) for role, m in zip(self._state, self.shape))

    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        return self._actions

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each role."""
        return tuple(len(r) for r in self._payoffs)

    @property
    def num_players(self) -> int:
        return len(self._payoffs)

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The free symbols of the payoffs other than the state coordinates, sorted by name."""
        state = set(self.state)
        free: set[sympy.Symbol] = set()
        for row in self._payoffs:
            for e in row:
                free |= {s for s in e.free_symbols if s not in state}
        return tuple(sorted(free, key=lambda s: s.name))

    @property
    def defaults(self) -> dict[sympy.Symbol, Any]:
        return dict(self._defaults)

    def _resolve(self, mapping: Mapping[Any, Any], where: str, *, skip_unknown: bool = False
                 ) -> dict[sympy.Symbol, Any]:
        return parameter_values(mapping, self.parameters, where, key_error=InvalidArgumentError,
                                name_error=InvalidArgumentError, skip_unknown=skip_unknown)

    # ------------------------------------------------------------------ transformations
    def subs(self, mapping: Mapping[Any, Any] | None = None, **values: Any) -> PopulationGame:
        """Substitute parameter values (by symbol or name); the state stays symbolic."""
        return self._substituted(mapping, values, "PopulationGame.subs")

    def _substituted(self, mapping: Mapping[Any, Any] | None, values: Mapping[str, Any], where: str) -> PopulationGame:
        """:meth:`subs`, its errors naming ``where`` (the caller's front door)."""
        combined = dict(mapping or {})
        combined.update(values)
        sub = {k: _to_sympy(v) for k, v in self._resolve(combined, where).items()}
        payoffs = [[e.xreplace(sub) for e in row] for row in self._payoffs]
        defaults = {k: v for k, v in self._defaults.items() if k not in sub}
        return PopulationGame(payoffs, self._state, self._players, self._actions, defaults=defaults)

    def numeric(self, **values: Any) -> PopulationGame:
        """The game at its default parameter values, overridden by ``values``; no parameter left free."""
        combined: dict[str, Any] = {k.name: v for k, v in self._defaults.items()}
        combined.update(values)
        game = self.subs(combined)
        if game.parameters:
            raise UnresolvedParameterError(f"PopulationGame.numeric: expected values for every parameter, missing "
                                           f"{', '.join(s.name for s in game.parameters)}")
        return game

    def with_payoff(self, player: int | str, action: int | str, payoff: Any) -> PopulationGame:
        """A copy with one strategy's payoff replaced (an expression, text, or a function of the state).

        Examples
        --------
        A fine ``F`` on a detected violation becomes ``F`` times the share of
        violators ``1 - x``:

        >>> from coopgame import models
        >>> from coopgame.dynamics.population import PopulationGame
        >>> game = PopulationGame.from_game(models.inspection())
        >>> game.payoffs[0][1]
        -F*rho*y + dc
        >>> game.with_payoff(0, "False", "dc - rho*F*(1 - x)*y").payoffs[0][1]
        -F*rho*y*(1 - x) + dc
        """
        p = self._index(self._players, player, "player")
        a = self._index(self._actions[p], action, "action")
        rows = [list(r) for r in self._payoffs]
        if isinstance(payoff, str):
            known = {s.name: s for s in self.parameters}
            known.update({s.name: s for s in self.state})
            payoff = as_expression(payoff, known, "PopulationGame.with_payoff")
        rows[p][a] = payoff
        return PopulationGame(rows, self._state, self._players, self._actions, defaults=self._defaults)

    @staticmethod
    def _index(labels: Sequence[str], key: int | str, what: str) -> int:
        if isinstance(key, str) and key in labels:
            return list(labels).index(key)
        if isinstance(key, (int, np.integer)) and not isinstance(key, bool) and 0 <= int(key) < len(labels):
            return int(key)
        raise InvalidArgumentError(f"PopulationGame: expected a {what} among {list(labels)} or an index, got {key!r}")

    # ------------------------------------------------------------------ numbers
    def payoff_function(self, where: str = "PopulationGame") -> Callable[[Sequence[np.ndarray]], list[np.ndarray]]:
        """A numpy function: full share vectors (one per role) -> payoff vectors (one per role).

        Raises :class:`UnresolvedParameterError` while a parameter is free.
        """
        if self.parameters:
            raise UnresolvedParameterError(
                f"{where}: expected a population game with numeric payoffs, got free parameters "
                f"({', '.join(s.name for s in self.parameters)}); use .subs(...) or .numeric() first")
        flat = [e for row in self._payoffs for e in row]
        func = sympy.lambdify(self.state, flat, modules="numpy")
        shape = self.shape

        def payoffs(vectors: Sequence[np.ndarray]) -> list[np.ndarray]:
            coords = [v[k] for v, m in zip(vectors, shape) for k in range(m - 1)]
            vals = func(*coords)
            out, k = [], 0
            for m in shape:
                out.append(np.array([float(v) for v in vals[k:k + m]]))
                k += m
            return out

        return payoffs

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        params = ", ".join(s.name for s in self.parameters) or "none"
        lines = [f"PopulationGame(state {', '.join(s.name for s in self.state)}; parameters {params})"]
        for p, row in enumerate(self._payoffs):
            for a, e in enumerate(row):
                lines.append(f"  {self._players[p]}: {self._actions[p][a]}: {e}")
        return "\n".join(lines)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PopulationGame):
            return NotImplemented
        return (self._players == other._players and self._actions == other._actions
                and self._state == other._state and self._payoffs == other._payoffs)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self._players, self._actions, self._state, self._payoffs))
        return self._hash


def _shares(coords: Sequence[sympy.Symbol], m: int) -> tuple[sympy.Expr, ...]:
    return tuple(coords) + (1 - sum(coords, sympy.Integer(0)),)


def as_population_game(game: object, where: str) -> PopulationGame:
    """A PopulationGame from a PopulationGame, a SymbolicGame (free parameters kept) or anything
    :func:`~coopgame.games.coerce.as_normal_form` accepts (errors name ``where``)."""
    if isinstance(game, PopulationGame):
        return game
    if isinstance(game, SymbolicGame):
        return PopulationGame.from_game(game)
    if isinstance(game, (NormalFormGame, list, tuple, np.ndarray)):
        return PopulationGame.from_game(as_normal_form(game, where))
    raise InvalidGameTypeError(f"{where}: expected a NormalFormGame, SymbolicGame, PopulationGame or a sequence of "
                               f"payoff arrays, got {describe(game)} ({type(game).__name__})")
