"""Policy instruments: value objects that transform a game's payoffs.

Each instrument is immutable and has ``transform(payoffs, players, actions)``
returning new payoff arrays (object arrays of numbers or sympy expressions)
and action labels, and ``coordinator_cost(players, actions, probabilities)``,
what the coordinating government pays under a profile. Apply them with
``game.apply(*instruments)``; they work on numeric and symbolic games alike.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import call_user, check_probability, describe, public
from coopgame.errors import InvalidArgumentTypeError, InvalidGameError, InvalidProfileError
from coopgame.games.expressions import as_expression

__all__ = ["Subsidy", "Penalty", "Transfer", "Standard", "combined_detection"]

#: A player named by label or index.
Player = int | str
#: An amount: a number (int, float, Fraction), a sympy expression or a text formula.
Amount = Any
Payoffs = Sequence[np.ndarray]
Labels = Sequence[Sequence[str]]


def _symbols(payoffs: Payoffs) -> dict[str, sympy.Symbol]:
    out: dict[str, sympy.Symbol] = {}
    for a in payoffs:
        for e in a.reshape(-1):
            if isinstance(e, sympy.Basic):
                out.update({s.name: s for s in e.free_symbols if isinstance(s, sympy.Symbol)})
    return out


def _check_amount(value: Amount, name: str, where: str) -> Amount:
    """An amount as given (numbers kept as they are), once it is known to be a finite real or a formula.

    Refuses booleans, None, NaN, infinities, complex numbers, broken formulas
    and numbers of more than :data:`coopgame._checks.MAX_DIGITS` digits
    (:class:`~coopgame.InvalidGameError`).
    """
    try:
        as_expression(value, None, where)
    except InvalidGameError as err:
        reason = str(err).removeprefix(f"{where}: ")
        raise InvalidGameError(f"{where}: expected {name} to be a finite real number or a formula, "
                               f"got {describe(value)} ({reason})") from None
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    return value


def _amount(value: Amount, payoffs: Payoffs, where: str) -> Any:
    """A number stays a number (Fractions and floats kept); text and sympy become expressions of the game's symbols."""
    if isinstance(value, (int, float, Fraction)) and not isinstance(value, bool):
        return value
    known = _symbols(payoffs)
    expr = as_expression(value, known, where)
    expr = expr.xreplace({s: known[s.name] for s in expr.free_symbols
                          if isinstance(s, sympy.Symbol) and s.name in known and known[s.name] != s})
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    return expr


def _probability(value: Any, name: str, where: str) -> Any:
    """A detection probability: a number in [0, 1] (exact kept exact) or a formula (numeric formulas checked too)."""
    if isinstance(value, (str, sympy.Basic)):
        expr = as_expression(value, None, where)
        if expr.free_symbols:
            return expr
        value = expr
    return check_probability(value, name, where, exact=True)


def _check_player(value: Any, what: str, where: str) -> Player:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)) and value >= 0:
        return int(value)
    raise InvalidProfileError(f"{where}: expected {what} as a label or a non-negative index, got {describe(value)}")


def _player(players: Sequence[str], who: Player, where: str) -> int:
    if isinstance(who, str):
        if who in players:
            return players.index(who)
        raise InvalidProfileError(f"{where}: expected a player in {tuple(players)}, got {who!r}")
    if isinstance(who, (int, np.integer)) and not isinstance(who, bool) and 0 <= who < len(players):
        return int(who)
    raise InvalidProfileError(f"{where}: expected a player name or index below {len(players)}, got {describe(who)}")


def _action(actions: Labels, p: int, what: Any, where: str) -> int:
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
    index: list[Any] = [np.newaxis] * len(shape)
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
        # values may be plain Python numbers: xreplace needs sympy objects
        expr = as_expression(value, {s.name: s for s in values}).xreplace(
            {s: sympy.sympify(v) for s, v in values.items()})
        if expr.is_Rational:
            return Fraction(int(expr.p), int(expr.q))
        return float(expr) if expr.is_number else expr
    return value


@public
def combined_detection(*probabilities: Amount) -> Any:
    """Detection probability of independent supervisors: ``1 - prod(1 - rho_j)``.

    Each probability is a number in [0, 1] (Fractions stay exact) or a
    formula; numbers outside [0, 1], NaN and infinities are refused, as
    :class:`Penalty` refuses them.

    Examples
    --------
    >>> import coopgame as cg
    >>> cg.combined_detection(0.5, 0.5)
    0.75
    >>> cg.combined_detection("rho_c", "rho_p")
    -(1 - rho_c)*(1 - rho_p) + 1
    >>> cg.combined_detection(1.5)
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidArgumentError: combined_detection: expected probability 1 to be a finite real number >= 0 and <= 1, got 1.5
    """
    if len(probabilities) == 1 and isinstance(probabilities[0], (list, tuple)):
        probabilities = tuple(probabilities[0])
    vals = [_probability(p, f"probability {k + 1}", "combined_detection") for k, p in enumerate(probabilities)]
    miss: Any = 1
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

    def resolved(self, players: Sequence[str], actions: Labels) -> _Instrument:
        """The same instrument with its action named by label, as recorded by ``game.apply``.

        Labels survive later instruments that remove actions (a Standard), indices do not.
        """
        if not hasattr(self, "action"):
            return self
        player, action = getattr(self, "player"), getattr(self, "action")  # noqa: B009 - set by the subclasses
        p = _player(players, player, type(self).__name__)
        return replace(self, action=actions[p][_action(actions, p, action, type(self).__name__)])  # type: ignore[type-var]

    def _cost_share(self, players: Sequence[str], actions: Labels, probabilities: Sequence[Sequence[Any]]) -> Any:
        """Probability that the instrument's player plays its action (0 once a standard removed it)."""
        player, action = getattr(self, "player"), getattr(self, "action")  # noqa: B009 - set by the subclasses
        p = _player(players, player, type(self).__name__)
        if isinstance(action, str) and action not in actions[p]:
            return 0
        return probabilities[p][_action(actions, p, action, type(self).__name__)]

    def coordinator_cost(self, players: Sequence[str], actions: Labels, probabilities: Sequence[Sequence[Any]]) -> Any:
        """What the coordinator pays under a profile (one probability vector per player); zero by default."""
        return 0


@public
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "player", _check_player(self.player, "the player", "Subsidy"))
        object.__setattr__(self, "action", _check_player(self.action, "the action", "Subsidy"))
        object.__setattr__(self, "amount", _check_amount(self.amount, "amount", "Subsidy"))

    def transform(self, payoffs: Payoffs, players: Sequence[str], actions: Labels) -> tuple[list[np.ndarray], Labels]:
        """Payoff arrays with the amount added to the player's payoff wherever it plays the action."""
        p = _player(players, self.player, "Subsidy")
        k = _action(actions, p, self.action, "Subsidy")
        amount = _amount(self.amount, payoffs, "Subsidy")
        out = list(payoffs)
        out[p] = _add(payoffs[p], _action_mask(payoffs[p].shape, p, k), amount)
        return out, actions

    def coordinator_cost(self, players: Sequence[str], actions: Labels, probabilities: Sequence[Sequence[Any]]) -> Any:
        """The amount times the probability that the player plays the action."""
        return _amount(self.amount, [], "Subsidy") * self._cost_share(players, actions, probabilities)


@public
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
        object.__setattr__(self, "player", _check_player(self.player, "the player", "Penalty"))
        object.__setattr__(self, "action", _check_player(self.action, "the action", "Penalty"))
        object.__setattr__(self, "fine", _check_amount(self.fine, "fine", "Penalty"))
        det = self.detection
        if isinstance(det, np.ndarray):
            det = det.tolist()
        if isinstance(det, (list, tuple)):  # several supervisors: keep it hashable
            for k, d in enumerate(det):
                _probability(d, f"detection probability {k + 1}", "Penalty")
            det = tuple(d.item() if isinstance(d, np.generic) else d for d in det)
        else:
            _probability(det, "detection", "Penalty")
            det = det.item() if isinstance(det, np.generic) else det
        object.__setattr__(self, "detection", det)

    def expected_fine(self, payoffs: Payoffs = ()) -> Any:
        """``detection * fine``, with several detection probabilities combined."""
        det = self.detection
        parts = det if isinstance(det, (list, tuple)) else [det]
        values = [_amount(d, payoffs, "Penalty") for d in parts]
        det = combined_detection(*values) if isinstance(det, (list, tuple)) else values[0]
        return det * _amount(self.fine, payoffs, "Penalty")

    def transform(self, payoffs: Payoffs, players: Sequence[str], actions: Labels) -> tuple[list[np.ndarray], Labels]:
        """Payoff arrays with the expected fine taken from the player's payoff wherever it plays the action."""
        p = _player(players, self.player, "Penalty")
        k = _action(actions, p, self.action, "Penalty")
        out = list(payoffs)
        out[p] = _add(payoffs[p], _action_mask(payoffs[p].shape, p, k), -self.expected_fine(payoffs))
        return out, actions

    def coordinator_cost(self, players: Sequence[str], actions: Labels, probabilities: Sequence[Sequence[Any]]) -> Any:
        """Minus the expected fine times the probability that the player plays the action."""
        return -self.expected_fine() * self._cost_share(players, actions, probabilities)


def _check_when(when: Any) -> None:
    """Refuse a ``when=`` that is not None, a callable, a mapping, a profile or a list of profiles."""
    if when is None or callable(when) or isinstance(when, Mapping):
        return
    if isinstance(when, (list, tuple)) and when:
        profiles = when if all(isinstance(w, (list, tuple)) for w in when) else [when]
        if all(isinstance(p, (list, tuple)) and all(_is_label(a) for a in p) for p in profiles):
            return
    raise InvalidArgumentTypeError(
        f"Transfer: expected when= as None, a predicate on profiles, a mapping {{player: action}}, a profile "
        f"(action labels or indices, None for any) or a list of profiles, got {describe(when)}")


def _is_label(action: Any) -> bool:
    """An action label, an action index or None (any action)."""
    return action is None or isinstance(action, str) or (isinstance(action, numbers.Integral) and not isinstance(action, bool))


@public
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "payer", _check_player(self.payer, "the payer", "Transfer"))
        object.__setattr__(self, "payee", _check_player(self.payee, "the payee", "Transfer"))
        object.__setattr__(self, "amount", _check_amount(self.amount, "amount", "Transfer"))
        _check_when(self.when)

    def _mask(self, shape: tuple[int, ...], players: Sequence[str], actions: Labels) -> np.ndarray:
        when = self.when
        if when is None:
            return np.ones(shape, dtype=bool)
        if callable(when):
            mask = np.zeros(shape, dtype=bool)
            predicate: Callable[..., Any] = when
            for idx in np.ndindex(*shape):
                labels = tuple(actions[p][k] for p, k in enumerate(idx))
                mask[idx] = bool(call_user(predicate, labels, where="Transfer", what="when"))
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

    def transform(self, payoffs: Payoffs, players: Sequence[str], actions: Labels) -> tuple[list[np.ndarray], Labels]:
        """Payoff arrays with the amount moved from payer to payee in the profiles of ``when``."""
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


@public
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "player", _check_player(self.player, "the player", "Standard"))
        forbidden = self.forbidden_actions
        if isinstance(forbidden, (str, int, np.integer)) and not isinstance(forbidden, (bool, np.bool_)):
            forbidden = _check_player(forbidden, "the forbidden action", "Standard")
        elif isinstance(forbidden, (list, tuple, np.ndarray)):
            forbidden = tuple(_check_player(f, "the forbidden actions", "Standard") for f in forbidden)
        else:
            raise InvalidProfileError(f"Standard: expected an action label or index (or a sequence of them) as "
                                      f"forbidden_actions, got {describe(forbidden)}")
        object.__setattr__(self, "forbidden_actions", forbidden)

    def transform(self, payoffs: Payoffs, players: Sequence[str], actions: Labels) -> tuple[list[np.ndarray], Labels]:
        """Payoff arrays without the forbidden actions of the player."""
        p = _player(players, self.player, "Standard")
        forbidden = self.forbidden_actions
        if not isinstance(forbidden, tuple):
            forbidden = (forbidden,)
        drop = sorted({_action(actions, p, f, "Standard") for f in forbidden})
        if len(drop) >= len(actions[p]):
            raise InvalidGameError(f"Standard: expected at least one action of {players[p]!r} to remain, "
                                   f"got all of {tuple(actions[p])} forbidden")
        out = [np.delete(a, drop, axis=p) for a in payoffs]
        new_actions = list(actions)
        new_actions[p] = tuple(lab for k, lab in enumerate(actions[p]) if k not in drop)
        return out, tuple(new_actions)
