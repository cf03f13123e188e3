"""DifferentialGame: players steer one or more stocks with their controls, each maximising a discounted payoff.

A differential game in continuous time (Dockner, Jorgensen, Long and Sorger
2000): stocks ``x`` move by ``dx/dt = f(x, u_1, ..., u_N)``; player ``i``
chooses its controls ``u_i(t)`` to maximise ``int_0^oo exp(-r_i t) g_i(x, u) dt``.
Everything is a sympy expression with named parameters, as in
:class:`~coopgame.SymbolicGame`; ``subs`` gives the numeric game the solvers
need.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_mapping, check_real, describe, public
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    NotSupportedError,
    UnresolvedParameterError,
)
from coopgame.games.expressions import as_expression, parameter_values, with_defaults

__all__ = ["DifferentialGame"]

_WHERE = "DifferentialGame"


def _is_sequence(value: Any) -> bool:
    return isinstance(value, (Sequence, np.ndarray)) and not isinstance(value, (str, bytes))


def _as_symbol(value: Any, known: dict[str, sympy.Symbol], what: str) -> sympy.Symbol:
    if isinstance(value, sympy.Symbol):
        return value
    if isinstance(value, str) and value.isidentifier():
        return known.get(value) or sympy.Symbol(value, real=True)
    raise InvalidGameError(f"{_WHERE}: expected a sympy Symbol or a name for {what}, got {describe(value)}")


def _known(*groups: Any) -> dict[str, sympy.Symbol]:
    """Symbols already used in sympy expressions among the inputs, by name."""
    out: dict[str, sympy.Symbol] = {}
    for group in groups:
        items = group if _is_sequence(group) else [group]
        for item in items:
            if _is_sequence(item):
                out.update(_known(item))
            elif isinstance(item, sympy.Basic):
                out.update({s.name: s for s in item.free_symbols if isinstance(s, sympy.Symbol)})
    return out


def _expression(value: Any, known: dict[str, sympy.Symbol], by_name: dict[str, sympy.Symbol], what: str) -> sympy.Expr:
    expr = as_expression(value, known, f"{_WHERE} ({what})")
    # a symbol named like a state or control but with other assumptions means that variable
    return expr.xreplace({s: by_name[s.name] for s in expr.free_symbols
                          if isinstance(s, sympy.Symbol) and s.name in by_name and s != by_name[s.name]})


@public
class DifferentialGame:
    """A differential game: N players steer stocks with their controls over an infinite horizon.

    Player ``i`` maximises ``int_0^oo exp(-r_i t) g_i(x(t), u(t)) dt`` subject
    to ``dx/dt = f(x, u)``, ``x(0) = x0``.

    Parameters
    ----------
    players : int or sequence of str
        The number of players (labelled ``"Region 1"``, ...) or their labels.
    state : Symbol or name, or a sequence of them
        The stock(s).
    controls : sequence
        One entry per player: a Symbol (or name), or a sequence of them when
        the player has several controls.
    dynamics : expression, or one per stock
        ``dx/dt`` (sympy expressions or text formulas).
    payoffs : sequence of expressions
        Each player's instantaneous payoff ``g_i(x, u)``.
    discount : number or expression, or one per player
        The discount rate ``r`` (common) or ``r_i`` (per player); numbers must
        be positive.
    bounds : mapping, optional
        ``{control: (lo, hi)}``, ``None`` for no bound on a side.
    defaults : mapping, optional
        Default parameter values (by symbol or name), used by :meth:`numeric`.

    Attributes
    ----------
    players, state, controls, dynamics, payoffs, discount, bounds, parameters

    Raises
    ------
    InvalidGameError
        Malformed input: a control missing from its owner's payoff and from
        the dynamics, a stock absent from the dynamics, repeated symbols, a
        non-positive discount rate, bounds with ``lo > hi``.

    Examples
    --------
    Two regions emit ``e1, e2`` into a stock ``S`` that decays at rate ``delta``:

    >>> from coopgame.differential import DifferentialGame
    >>> game = DifferentialGame(2, "S", ["e1", "e2"], "e1 + e2 - delta*S",
    ...                         ["alpha*e1 - e1**2/2 - beta*S**2/2", "alpha*e2 - e2**2/2 - beta*S**2/2"], "r")
    >>> game
    DifferentialGame(2 players, state S, controls e1 | e2, parameters alpha, beta, delta, r)
    >>> game.subs(alpha=1, beta=1, delta=0.1, r=0.05).parameters
    ()
    """

    __slots__ = ("_players", "_state", "_controls", "_dynamics", "_payoffs", "_discount", "_bounds", "_defaults",
                 "_hash")

    def __init__(self, players: int | Sequence[str], state: Any, controls: Sequence[Any], dynamics: Any,
                 payoffs: Sequence[Any], discount: Any, *, bounds: Mapping[Any, Any] | None = None,
                 defaults: Mapping[Any, Any] | None = None) -> None:
        # players
        if isinstance(players, (int, np.integer)) and not isinstance(players, (bool, np.bool_)):
            if players < 1:
                raise InvalidGameError(f"{_WHERE}: expected at least one player, got {players}")
            if _is_sequence(controls) and players != len(controls):   # checked before any label is made
                raise InvalidGameError(f"{_WHERE}: expected one control (or a sequence of controls) per player "
                                       f"({players}), got {len(controls)}")
            labels = tuple(f"Region {k + 1}" for k in range(int(players)))
        elif isinstance(players, Sequence) and _is_sequence(players) and players and all(isinstance(p, str) for p in players):
            labels = tuple(str(p) for p in players)
            if len(set(labels)) != len(labels):
                raise InvalidGameError(f"{_WHERE}: expected distinct player labels, got {list(labels)}")
        else:
            raise InvalidGameError(f"{_WHERE}: expected a number of players or a sequence of labels, got {describe(players)}")
        n = len(labels)
        known = _known(dynamics, payoffs, discount)
        # stocks and controls
        states = [_as_symbol(s, known, "a stock") for s in (state if _is_sequence(state) else [state])]
        if not states:
            raise InvalidGameError(f"{_WHERE}: expected at least one stock, got {describe(state)}")
        if not _is_sequence(controls) or len(controls) != n:
            raise InvalidGameError(f"{_WHERE}: expected one control (or a sequence of controls) per player ({n}), "
                                   f"got {describe(controls)}")
        ctrls = []
        for k, c in enumerate(controls):
            group = [_as_symbol(s, known, f"a control of {labels[k]!r}") for s in (c if _is_sequence(c) else [c])]
            if not group:
                raise InvalidGameError(f"{_WHERE}: expected at least one control for {labels[k]!r}, got none")
            ctrls.append(tuple(group))
        every = [s.name for s in states] + [s.name for g in ctrls for s in g]
        if len(set(every)) != len(every):
            raise InvalidGameError(f"{_WHERE}: expected distinct stock and control names, got {every}")
        by_name = {s.name: s for s in states} | {s.name: s for g in ctrls for s in g}
        known.update(by_name)
        # dynamics
        dyn = list(dynamics) if _is_sequence(dynamics) else [dynamics]
        if len(dyn) != len(states):
            raise InvalidGameError(f"{_WHERE}: expected one equation d(stock)/dt per stock ({len(states)}), got {len(dyn)}")
        dyn_exprs = tuple(_expression(d, known, by_name, f"the dynamics of {s}") for d, s in zip(dyn, states))
        # payoffs
        if not _is_sequence(payoffs) or len(payoffs) != n:
            raise InvalidGameError(f"{_WHERE}: expected one instantaneous payoff per player ({n}), got {describe(payoffs)}")
        pay = tuple(_expression(p, known, by_name, f"{labels[k]!r}'s payoff") for k, p in enumerate(payoffs))
        # discount
        rates = list(discount) if _is_sequence(discount) else [discount] * n
        if len(rates) != n:
            raise InvalidGameError(f"{_WHERE}: expected one discount rate or one per player ({n}), got {len(rates)}")
        disc = []
        for k, r in enumerate(rates):
            e = _expression(r, known, by_name, f"{labels[k]!r}'s discount rate")
            if e.free_symbols & set(by_name.values()):
                raise InvalidGameError(f"{_WHERE}: expected discount rates free of stocks and controls, got {e}")
            if e.is_number and not (e.is_extended_real and e.is_positive):
                raise InvalidGameError(f"{_WHERE}: expected a positive discount rate for {labels[k]!r}, got {e}")
            disc.append(e)
        self._players = labels
        self._state = tuple(states)
        self._controls = tuple(ctrls)
        self._dynamics = dyn_exprs
        self._payoffs = pay
        self._discount = tuple(disc)
        self._bounds = self._check_bounds(bounds, known, by_name)
        self._check_structure()
        self._defaults = self._resolve(check_mapping(defaults, "defaults", _WHERE,
                                                     what="a mapping from parameter names to values"), "defaults")
        self._hash: int | None = None

    # ------------------------------------------------------------------ validation
    def _check_bounds(self, bounds: Mapping[Any, Any] | None, known: dict[str, sympy.Symbol],
                      by_name: dict[str, sympy.Symbol]) -> tuple[tuple[Any, Any], ...]:
        given = check_mapping(bounds, "bounds", _WHERE, what="a mapping {control: (lo, hi)}")
        controls = self.all_controls
        out: list[tuple[Any, Any]] = [(None, None)] * len(controls)
        for key, pair in given.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            names = [c.name for c in controls]
            if name not in names:
                raise InvalidGameError(f"{_WHERE}: expected bounds on controls among {names}, got {describe(key)}")
            if not _is_sequence(pair) or len(pair) != 2:
                raise InvalidGameError(f"{_WHERE}: expected a (lo, hi) pair as the bounds of {name}, got {describe(pair)}")
            values: list[Any] = []
            for v in pair:
                if v is None or (isinstance(v, float) and np.isinf(v)) or v in (sympy.oo, -sympy.oo):
                    values.append(None)
                    continue
                e = _expression(v, known, by_name, f"the bounds of {name}")
                if e.free_symbols & set(by_name.values()):
                    raise InvalidGameError(f"{_WHERE}: expected bounds free of stocks and controls, got {e} for {name}")
                values.append(e)
            lo, hi = values
            if lo is not None and hi is not None and (hi - lo).is_negative:
                raise InvalidGameError(f"{_WHERE}: expected lo <= hi in the bounds of {name}, got ({lo}, {hi})")
            out[names.index(name)] = (lo, hi)
        return tuple(out)

    def _check_structure(self) -> None:
        for k, (group, payoff) in enumerate(zip(self._controls, self._payoffs)):
            for c in group:
                if c not in payoff.free_symbols:
                    raise InvalidGameError(
                        f"{_WHERE}: expected each control in its owner's payoff, got control {c} missing from "
                        f"the payoff of {self._players[k]!r} ({payoff})")
        for s, d in zip(self._state, self._dynamics):
            if not (d.free_symbols & set(self._state)) and not (d.free_symbols & set(self.all_controls)):
                raise InvalidGameError(f"{_WHERE}: expected the dynamics of {s} to depend on the stocks or the controls, "
                                       f"got {d}")
        used = set().union(*(d.free_symbols for d in self._dynamics), *(p.free_symbols for p in self._payoffs))
        for s in self._state:
            if s not in used:
                raise InvalidGameError(f"{_WHERE}: expected the stock {s} in the dynamics or the payoffs, got it in neither")

    # ------------------------------------------------------------------ attributes
    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def num_players(self) -> int:
        """Number of players ``N``."""
        return len(self._players)

    @property
    def state(self) -> tuple[sympy.Symbol, ...]:
        """The stocks (a tuple, also for one stock)."""
        return self._state

    @property
    def controls(self) -> tuple[tuple[sympy.Symbol, ...], ...]:
        """Each player's controls (a tuple per player)."""
        return self._controls

    @property
    def all_controls(self) -> tuple[sympy.Symbol, ...]:
        """Every control, in player order."""
        return tuple(c for group in self._controls for c in group)

    @property
    def dynamics(self) -> tuple[sympy.Expr, ...]:
        """``d(stock)/dt``, one expression per stock."""
        return self._dynamics

    @property
    def payoffs(self) -> tuple[sympy.Expr, ...]:
        """Each player's instantaneous payoff."""
        return self._payoffs

    @property
    def discount(self) -> tuple[sympy.Expr, ...]:
        """Each player's discount rate (the same expression repeated when common)."""
        return self._discount

    @property
    def common_discount(self) -> bool:
        """True when every player discounts at the same rate."""
        return len(set(self._discount)) == 1

    @property
    def bounds(self) -> dict[sympy.Symbol, tuple[Any, Any]]:
        """``{control: (lo, hi)}`` (``None`` where unbounded), for every control."""
        return dict(zip(self.all_controls, self._bounds))

    @property
    def defaults(self) -> dict[sympy.Symbol, Any]:
        """Default parameter values (a copy)."""
        return dict(self._defaults)

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The free symbols other than stocks and controls, sorted by name."""
        free: set[sympy.Symbol] = set()
        for e in (*self._dynamics, *self._payoffs, *self._discount):
            free |= e.free_symbols
        for pair in self._bounds:
            for v in pair:
                if v is not None:
                    free |= v.free_symbols
        free -= set(self._state) | set(self.all_controls)
        return tuple(sorted(free, key=lambda s: s.name))

    def player_index(self, player: int | str, where: str) -> int:
        """The index of a player given by label or index."""
        if isinstance(player, str) and player in self._players:
            return self._players.index(player)
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool) and 0 <= player < self.num_players:
            return int(player)
        raise InvalidArgumentError(f"{where}: expected a player among {list(self._players)} or an index below "
                                   f"{self.num_players}, got {describe(player)}")

    # ------------------------------------------------------------------ substitution
    def _resolve(self, mapping: Mapping[Any, Any], what: str) -> dict[sympy.Symbol, Any]:
        return parameter_values(mapping, self.parameters, f"{_WHERE}.{what}",
                                reserved=(*self._state, *self.all_controls), reserved_what="the stock or control",
                                key_error=InvalidArgumentTypeError, name_error=InvalidArgumentError)

    def _rebuilt(self, dynamics: Sequence[Any], payoffs: Sequence[Any], discount: Sequence[Any],
                 bounds: Sequence[tuple[Any, Any]], defaults: Mapping[Any, Any]) -> DifferentialGame:
        game = DifferentialGame(list(self._players), list(self._state), [list(g) for g in self._controls],
                                list(dynamics), list(payoffs), list(discount),
                                bounds={c: b for c, b in zip(self.all_controls, bounds) if b != (None, None)})
        keep = set(game.parameters)
        game._defaults = {k: v for k, v in defaults.items() if k in keep}
        return game

    def subs(self, mapping: Mapping[Any, Any] | None = None, **values: Any) -> DifferentialGame:
        """A new game with parameter values substituted (keys: symbols or names).

        Examples
        --------
        >>> from coopgame.differential import DifferentialGame
        >>> DifferentialGame(1, "x", ["u"], "u - d*x", ["-u**2 - x**2"], "r").subs(d=1, r="1/10").discount
        (1/10,)
        """
        combined = check_mapping(mapping, "the values", f"{_WHERE}.subs", what="a mapping from parameter names to values")
        combined.update(values)
        resolved = self._resolve(combined, "subs")
        known = {s.name: s for s in self.parameters}
        sub = {}
        for k, v in resolved.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                check_real(v, k.name, f"{_WHERE}.subs")
            sub[k] = as_expression(v, known, f"{_WHERE}.subs")
        return self._rebuilt([e.xreplace(sub) for e in self._dynamics], [e.xreplace(sub) for e in self._payoffs],
                             [e.xreplace(sub) for e in self._discount],
                             [(None if lo is None else lo.xreplace(sub), None if hi is None else hi.xreplace(sub))
                              for lo, hi in self._bounds],
                             {k: v for k, v in self._defaults.items() if k not in sub})

    def numeric(self, values: Mapping[Any, Any] | None = None, **more: Any) -> DifferentialGame:
        """The game at its default parameter values, overridden by ``values``; no parameter may stay free.

        Raises
        ------
        UnresolvedParameterError
            When a parameter has neither a value nor a default.
        """
        combined = with_defaults(self._defaults, values, more, f"{_WHERE}.numeric")
        game = self.subs(combined) if combined else self
        game.require_numeric(f"{_WHERE}.numeric")
        return game

    def require_numeric(self, where: str) -> None:
        """Refuse a game with free parameters (:class:`~coopgame.UnresolvedParameterError`)."""
        if self.parameters:
            missing = ", ".join(s.name for s in self.parameters)
            raise UnresolvedParameterError(
                f"{where}: expected a game without free parameters, got {missing} free; "
                f"use game.subs(...) or game.numeric() (the defaults)")

    # ------------------------------------------------------------------ instruments
    def apply(self, *instruments: Any) -> DifferentialGame:
        """The game with policy instruments of a higher level applied.

        * ``Penalty(player, control, fine, detection=1)``: an emission tax,
          ``detection * fine`` per unit of the control, taken from the
          player's payoff.
        * ``Subsidy(player, control, amount)``: ``amount`` per unit of the
          control, added to the player's payoff.
        * ``Standard(player, "e1 > 2")``: the relation names the forbidden
          levels of a control; here it becomes the bound ``e1 <= 2``.

        Examples
        --------
        >>> from coopgame import Penalty, Standard
        >>> from coopgame.differential import DifferentialGame
        >>> game = DifferentialGame(1, "S", ["e"], "e - S", ["e - e**2/2 - S**2/2"], 1)
        >>> taxed = game.apply(Penalty(0, "e", "tau"), Standard(0, "e > 3"))
        >>> taxed.payoffs[0], taxed.bounds
        (-S**2/2 - e**2/2 - e*tau + e, {e: (None, 3)})
        """
        from coopgame.mechanisms import Penalty, Standard, Subsidy

        where = f"{_WHERE}.apply"
        payoffs = list(self._payoffs)
        bounds = list(self._bounds)
        known = {s.name: s for s in (*self.parameters, *self._state, *self.all_controls)}
        for inst in instruments:
            if isinstance(inst, (Penalty, Subsidy)):
                p = self.player_index(inst.player, where)
                control = self._own_control(p, inst.action, where)
                if isinstance(inst, Penalty):
                    det = inst.detection
                    rates = det if isinstance(det, tuple) else (det,)
                    miss = sympy.Integer(1)
                    for d in rates:
                        miss *= 1 - as_expression(d, known, where)
                    per_unit = (1 - miss) * as_expression(inst.fine, known, where)
                    payoffs[p] = payoffs[p] - per_unit * control
                else:
                    payoffs[p] = payoffs[p] + as_expression(inst.amount, known, where) * control
            elif isinstance(inst, Standard):
                p = self.player_index(inst.player, where)
                forbidden = inst.forbidden_actions if isinstance(inst.forbidden_actions, tuple) else (inst.forbidden_actions,)
                for rel in forbidden:
                    control, side, level = self._forbidden(p, rel, known, where)
                    k = self.all_controls.index(control)
                    lo, hi = bounds[k]
                    bounds[k] = (lo, level) if side == "hi" else (level, hi)
            else:
                raise NotSupportedError(f"{where}: expected Penalty (a tax per unit of a control), Subsidy (per unit) or "
                                        f"Standard (a bound on a control), got {describe(inst)}")
        return self._rebuilt(self._dynamics, payoffs, self._discount, bounds, self._defaults)

    def _own_control(self, p: int, action: Any, where: str) -> sympy.Symbol:
        group = self._controls[p]
        if isinstance(action, str):
            for c in group:
                if c.name == action:
                    return c
        elif isinstance(action, int) and 0 <= action < len(group):
            return group[action]
        raise InvalidArgumentError(f"{where}: expected a control of {self._players[p]!r} among "
                                   f"{[c.name for c in group]} (name or index), got {describe(action)}")

    def _forbidden(self, p: int, relation: Any, known: dict[str, sympy.Symbol],
                   where: str) -> tuple[sympy.Symbol, str, sympy.Expr]:
        expected = (f"a relation such as '{self._controls[p][0]} > 2' naming the forbidden levels of a control "
                    f"of {self._players[p]!r}")
        if not isinstance(relation, str):
            raise InvalidArgumentError(f"{where}: expected {expected}, got {describe(relation)}")
        try:
            rel = sympy.parse_expr(relation, local_dict=dict(known))
        except Exception:  # noqa: BLE001 - the parser raises many kinds
            raise InvalidArgumentError(f"{where}: expected {expected}, got {relation!r}") from None
        if not isinstance(rel, (sympy.StrictGreaterThan, sympy.GreaterThan, sympy.StrictLessThan, sympy.LessThan)):
            raise InvalidArgumentError(f"{where}: expected {expected}, got {relation!r}")
        lhs, rhs = rel.lhs, rel.rhs
        variables = set(self.all_controls) | set(self._state)
        greater = isinstance(rel, (sympy.StrictGreaterThan, sympy.GreaterThan))
        if lhs in self._controls[p] and not (rhs.free_symbols & variables):
            return lhs, ("hi" if greater else "lo"), rhs
        if rhs in self._controls[p] and not (lhs.free_symbols & variables):
            return rhs, ("lo" if greater else "hi"), lhs
        raise InvalidArgumentError(f"{where}: expected {expected}, got {relation!r}")

    # ------------------------------------------------------------------ dunder
    def __repr__(self) -> str:
        ctrl = " | ".join(", ".join(c.name for c in g) for g in self._controls[:6]) + (" | ..." if self.num_players > 6 else "")
        params = ", ".join(s.name for s in self.parameters) or "none"
        states = ", ".join(s.name for s in self._state)
        return f"DifferentialGame({self.num_players} players, state {states}, controls {ctrl}, parameters {params})"

    def _key(self) -> tuple[Any, ...]:
        return (self._players, self._state, self._controls, self._dynamics, self._payoffs, self._discount, self._bounds)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DifferentialGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self._key())
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._players, self._state, self._controls, self._dynamics, self._payoffs, self._discount,
                           self.bounds, self._defaults))


def _rebuild(players: Any, state: Any, controls: Any, dynamics: Any, payoffs: Any, discount: Any, bounds: Any,
             defaults: Any) -> DifferentialGame:
    return DifferentialGame(list(players), list(state), [list(g) for g in controls], list(dynamics), list(payoffs),
                            list(discount), bounds={k: v for k, v in bounds.items() if v != (None, None)},
                            defaults=defaults)
