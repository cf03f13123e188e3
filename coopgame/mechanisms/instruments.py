"""Policy instruments: value objects that transform a game's payoffs.

Each instrument is immutable and has ``transform(payoffs, players, actions)``
returning new payoff arrays (object arrays of numbers or sympy expressions)
and action labels, and ``coordinator_cost(players, actions, probabilities)``,
what the coordinating government pays under a profile. Apply them with
``game.apply(*instruments)``; they work on numeric and symbolic games alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import sympy

from coopgame.errors import InvalidGameError, InvalidProfileError
from coopgame.games._base import describe
from coopgame.games.symbolic import as_expression

__all__ = ["Subsidy", "Penalty", "Transfer", "Standard", "combined_detection"]

Player = int | str
Amount = Any


def _symbols(payoffs: Sequence[np.ndarray]) -> dict[str, sympy.Symbol]:
    out: dict[str, sympy.Symbol] = {}
    for a in payoffs:
        for e in a.reshape(-1):
            if isinstance(e, sympy.Basic):
                out.update({s.name: s for s in e.free_symbols if isinstance(s, sympy.Symbol)})
    return out


def _amount(value: Amount, payoffs: Sequence[np.ndarray], where: str) -> Any:
    """A number stays a number (Fractions and floats kept); text and sympy become expressions."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        if not np.isfinite(float(value)):
            raise InvalidGameError(f"{where}: expected a finite amount, got {value!r}")
        return value
    from fractions import Fraction

    if isinstance(value, Fraction):
        return value
    known = _symbols(payoffs)
    expr = as_expression(value, known, where)
    expr = expr.xreplace({s: known[s.name] for s in expr.free_symbols
                          if isinstance(s, sympy.Symbol) and s.name in known and known[s.name] != s})
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    return expr


def _player(players: Sequence[str], who: Player, where: str) -> int:
    if isinstance(who, str):
        if who in players:
            return players.index(who)
        raise InvalidProfileError(f"{where}: expected a player in {tuple(players)}, got {who!r}")
    if isinstance(who, (int, np.integer)) and not isinstance(who, bool) and 0 <= who < len(players):
        return int(who)
    raise InvalidProfileError(f"{where}: expected a player name or index below {len(players)}, got {describe(who)}")


def _action(actions: Sequence[Sequence[str]], p: int, what: Any, where: str) -> int:
    labels = actions[p]
    if isinstance(what, str):
        if what in labels:
            return list(labels).index(what)
        raise InvalidProfileError(f"{where}: expected an action of player {p} in {tuple(labels)}, got {what!r}")
    if isinstance(what, (int, np.integer)) and not isinstance(what, bool) and 0 <= what < len(labels):
        return int(what)
    raise InvalidProfileError(f"{where}: expected an action label or index below {len(labels)}, got {describe(what)}")


def _action_mask(shape: tuple[int, ...], p: int, k: int) -> np.ndarray:
    """Boolean array of ``shape``: True where player ``p`` plays action ``k``."""
    index = [np.newaxis] * len(shape)
    index[p] = slice(None)
    onehot = np.zeros(shape[p], dtype=bool)
    onehot[k] = True
    return np.broadcast_to(onehot[tuple(index)], shape)


def _add(a: np.ndarray, mask: np.ndarray, amount: Any) -> np.ndarray:
    out = np.array(a, dtype=object)
    out[mask] = [v + amount for v in out[mask]]
    return out


def _substitute(value: Any, values: Mapping[sympy.Symbol, Any]) -> Any:
    if isinstance(value, str) or isinstance(value, sympy.Basic):
        expr = as_expression(value, {s.name: s for s in values}).xreplace(values)
        if expr.is_Rational:
            from fractions import Fraction

            return Fraction(int(expr.p), int(expr.q))
        return float(expr) if expr.is_number else expr
    return value


def combined_detection(*probabilities: Amount) -> Any:
    """Detection probability of independent supervisors: ``1 - prod(1 - rho_j)``.

    Examples
    --------
    >>> import coopgame as cg
    >>> cg.combined_detection(0.5, 0.5)
    0.75
    >>> cg.combined_detection("rho_c", "rho_p")
    -(1 - rho_c)*(1 - rho_p) + 1
    """
    if len(probabilities) == 1 and isinstance(probabilities[0], (list, tuple)):
        probabilities = tuple(probabilities[0])
    from fractions import Fraction

    vals = [p if isinstance(p, (int, float, Fraction)) else as_expression(p) for p in probabilities]
    miss = 1
    for v in vals:
        miss = miss * (1 - v)
    return 1 - miss


class _Instrument:
    """Shared behaviour: substitution of parameter values and the default zero coordinator cost."""

    #: Fields holding amounts (numbers or formulas), as opposed to players and actions.
    _amount_fields: tuple[str, ...] = ()

    def substituted(self, values: Mapping[sympy.Symbol, Any]) -> _Instrument:
        """The same instrument with parameter values put into its amounts."""
        changes = {}
        for name in self._amount_fields:
            value = getattr(self, name)
            if isinstance(value, (list, tuple)):
                changes[name] = type(value)(_substitute(v, values) for v in value)
            else:
                changes[name] = _substitute(value, values)
        return replace(self, **changes)  # type: ignore[type-var]

    def resolved(self, players: Sequence[str], actions: Sequence[Sequence[str]]) -> _Instrument:
        """The same instrument with its action named by label, as recorded by ``game.apply``.

        Labels survive later instruments that remove actions (a Standard), indices do not.
        """
        if not hasattr(self, "action"):
            return self
        p = _player(players, self.player, type(self).__name__)
        return replace(self, action=actions[p][_action(actions, p, self.action, type(self).__name__)])  # type: ignore[type-var]

    def _cost_share(self, players, actions, probabilities) -> Any:
        """Probability that the instrument's player plays its action (0 once a standard removed it)."""
        p = _player(players, self.player, type(self).__name__)
        if isinstance(self.action, str) and self.action not in actions[p]:
            return 0
        return probabilities[p][_action(actions, p, self.action, type(self).__name__)]

    def coordinator_cost(self, players: Sequence[str], actions: Sequence[Sequence[str]],
                         probabilities: Sequence[np.ndarray]) -> Any:
        return 0


@dataclass(frozen=True)
class Subsidy(_Instrument):
    """A coordinator pays ``player`` the ``amount`` whenever it plays ``action``.

    Examples
    --------
    >>> import coopgame as cg
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    >>> pd.apply(cg.Subsidy(0, "Govern", "s"), cg.Subsidy(1, "Govern", "s"))
    SymbolicGame (Player 1: rows, Player 2: columns)
                  Govern      Free-ride
    Govern    s + 3, s + 3       s, 5
    Free-ride       5, s       1, 1
    """

    player: Player
    action: Any
    amount: Amount
    _amount_fields = ("amount",)

    def transform(self, payoffs, players, actions):
        p = _player(players, self.player, "Subsidy")
        k = _action(actions, p, self.action, "Subsidy")
        amount = _amount(self.amount, payoffs, "Subsidy")
        out = list(payoffs)
        out[p] = _add(payoffs[p], _action_mask(payoffs[p].shape, p, k), amount)
        return out, actions

    def coordinator_cost(self, players, actions, probabilities):
        return _amount(self.amount, [], "Subsidy") * self._cost_share(players, actions, probabilities)


@dataclass(frozen=True)
class Penalty(_Instrument):
    """An expected fine ``detection * fine`` on ``player`` whenever it plays ``action``.

    ``detection`` may be a sequence of detection probabilities of independent
    supervisors (the centre, the public, NGOs, the media), which combine to
    ``1 - prod(1 - rho_j)`` (see :func:`combined_detection`). The fines
    collected count as negative cost to the coordinator.

    Examples
    --------
    >>> import coopgame as cg
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    >>> fined = pd.apply(cg.Penalty(0, "Free-ride", "F", detection="rho"))
    >>> fined.payoffs[0][1, 0]
    -F*rho + 5
    """

    player: Player
    action: Any
    fine: Amount
    detection: Any = 1
    _amount_fields = ("fine", "detection")

    def __post_init__(self) -> None:
        if isinstance(self.detection, (list, np.ndarray)):  # several supervisors: keep it hashable
            object.__setattr__(self, "detection", tuple(np.asarray(self.detection, dtype=object).tolist()))

    def expected_fine(self, payoffs: Sequence[np.ndarray] = ()) -> Any:
        """``detection * fine``, with several detection probabilities combined."""
        det = self.detection
        parts = det if isinstance(det, (list, tuple)) else [det]
        values = [_amount(d, payoffs, "Penalty") for d in parts]
        for v in values:
            number = v if not isinstance(v, sympy.Basic) else (v if v.is_number else None)
            if number is not None and not 0 <= float(number) <= 1:
                raise InvalidGameError(f"Penalty: expected detection probabilities between 0 and 1, got {v}")
        det = combined_detection(*values) if isinstance(det, (list, tuple)) else values[0]
        return det * _amount(self.fine, payoffs, "Penalty")

    def transform(self, payoffs, players, actions):
        p = _player(players, self.player, "Penalty")
        k = _action(actions, p, self.action, "Penalty")
        out = list(payoffs)
        out[p] = _add(payoffs[p], _action_mask(payoffs[p].shape, p, k), -self.expected_fine(payoffs))
        return out, actions

    def coordinator_cost(self, players, actions, probabilities):
        return -self.expected_fine() * self._cost_share(players, actions, probabilities)


@dataclass(frozen=True)
class Transfer(_Instrument):
    """A side payment: ``payer`` pays ``payee`` the ``amount`` (ecological compensation).

    ``when`` says in which profiles the payment is made: None (always); a
    mapping ``{player: action}`` (whenever those players play those actions);
    one profile or a list of profiles (labels or indices, ``None`` for any
    action); or a predicate called with the profile's action labels. The total
    payoff of every profile is unchanged.

    Examples
    --------
    >>> import coopgame as cg
    >>> river = cg.NormalFormGame([[[-2, -2], [0, 0]], [[3, 0], [3, 0]]],
    ...                           players=["Upstream", "Downstream"],
    ...                           actions=[["Protect", "Develop"], ["Pay", "Refuse"]])
    >>> paid = river.apply(cg.Transfer("Downstream", "Upstream", 3, when=("Protect", "Pay")))
    >>> paid
    NormalFormGame (Upstream: rows, Downstream: columns)
                Pay  Refuse
    Protect    1, 0   -2, 0
    Develop    0, 3    0, 0
    """

    payer: Player
    payee: Player
    amount: Amount
    when: Any = None
    _amount_fields = ("amount",)

    def _mask(self, shape: tuple[int, ...], players: Sequence[str], actions: Sequence[Sequence[str]]) -> np.ndarray:
        when = self.when
        if when is None:
            return np.ones(shape, dtype=bool)
        if callable(when):
            mask = np.zeros(shape, dtype=bool)
            for idx in np.ndindex(*shape):
                mask[idx] = bool(when(tuple(actions[p][k] for p, k in enumerate(idx))))
            return mask
        if isinstance(when, Mapping):
            mask = np.ones(shape, dtype=bool)
            for who, what in when.items():
                p = _player(players, who, "Transfer")
                mask &= _action_mask(shape, p, _action(actions, p, what, "Transfer"))
            return mask
        if isinstance(when, (list, tuple)) and when and all(isinstance(w, (list, tuple)) for w in when):
            profiles = when
        else:
            profiles = [when]
        mask = np.zeros(shape, dtype=bool)
        for prof in profiles:
            if not isinstance(prof, (list, tuple)) or len(prof) != len(shape):
                raise InvalidProfileError(f"Transfer: expected profiles with {len(shape)} entries in when=, got {describe(prof)}")
            one = np.ones(shape, dtype=bool)
            for p, what in enumerate(prof):
                if what is not None:
                    one &= _action_mask(shape, p, _action(actions, p, what, "Transfer"))
            mask |= one
        return mask

    def transform(self, payoffs, players, actions):
        a = _player(players, self.payer, "Transfer")
        b = _player(players, self.payee, "Transfer")
        if a == b:
            raise InvalidProfileError(f"Transfer: expected different payer and payee, got {self.payer!r} twice")
        amount = _amount(self.amount, payoffs, "Transfer")
        mask = self._mask(payoffs[0].shape, players, actions)
        out = list(payoffs)
        out[a] = _add(payoffs[a], mask, -amount)
        out[b] = _add(payoffs[b], mask, amount)
        return out, actions


@dataclass(frozen=True)
class Standard(_Instrument):
    """A unified standard: ``player`` may no longer play ``forbidden_actions`` (harmonisation).

    Examples
    --------
    >>> import coopgame as cg
    >>> race = cg.NormalFormGame([[[2, 0], [3, 1]], [[2, 3], [0, 1]]], actions=[["Strict", "Lax"]] * 2)
    >>> race.apply(cg.Standard(0, "Lax"), cg.Standard(1, "Lax"))
    NormalFormGame (Player 1: rows, Player 2: columns)
              Strict
    Strict      2, 2
    """

    player: Player
    forbidden_actions: Any

    def transform(self, payoffs, players, actions):
        p = _player(players, self.player, "Standard")
        forbidden = self.forbidden_actions
        if isinstance(forbidden, (str, int, np.integer)):
            forbidden = [forbidden]
        drop = sorted({_action(actions, p, f, "Standard") for f in forbidden})
        if len(drop) >= len(actions[p]):
            raise InvalidGameError(f"Standard: expected at least one action of {players[p]!r} to remain, "
                                   f"got all of {tuple(actions[p])} forbidden")
        out = [np.delete(a, drop, axis=p) for a in payoffs]
        new_actions = list(actions)
        new_actions[p] = tuple(lab for k, lab in enumerate(actions[p]) if k not in drop)
        return out, tuple(new_actions)
