"""Critical discount factors of repeated stage games.

A profile ``a*`` of a stage game is *sustained* in the infinitely repeated
game with discount factor ``delta`` when no player gains from a deviation
(payoffs are discounted sums; conditions are the one-shot deviation checks
of the strategy's automaton). Every condition is linear in ``delta``, so
the set of sustaining ``delta`` in ``[0, 1)`` is an interval whose least
point is the *critical discount factor*.

For player ``i`` write ``R_i = u_i(a*)``; ``T_i`` the best payoff of a
one-shot deviation from ``a*``; ``P_i`` the payoff in the punishment
profile; ``S_i`` the payoff for returning to ``a*_i`` while punished.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_choice, check_discount, public
from coopgame.errors import InvalidArgumentError, NotSupportedError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.symbolic import SymbolicGame
from coopgame.games.symmetric import SymmetricGame
from coopgame.results import ValueResult

__all__ = ["critical_discount_factor", "DiscountFactor"]

_STRATEGIES = {"grim": "grim", "grim_trigger": "grim", "tit_for_tat": "tit_for_tat", "tit-for-tat": "tit_for_tat",
               "tft": "tit_for_tat", "one_shot": "one_shot", "stage": "one_shot"}


@public
@dataclass(frozen=True, repr=False)
class DiscountFactor(ValueResult):
    """The least discount factor at which a profile is sustained.

    It works as its value: ``float(result)``, ``sympy.sympify(result)``
    (a profile that no ``delta < 1`` sustains has no value, and converting
    it raises :class:`~coopgame.NotSupportedError`).

    Attributes
    ----------
    value
        The critical ``delta`` (a Fraction for exact games, a float for float
        games, a sympy expression for symbolic games); ``None`` when no
        ``delta < 1`` sustains the profile.
    strategy
        ``"grim"``, ``"tit_for_tat"`` or ``"one_shot"``.
    profile
        The sustained profile, as action labels.
    punishment
        The punishment profile per player (grim and tit-for-tat), as labels.
    per_player
        Each player's own critical ``delta``.
    conditions
        The linear conditions ``(player, a, b)`` meaning ``a + b*delta >= 0``.
    """

    value: Any
    strategy: str
    profile: tuple[str, ...]
    punishment: tuple[tuple[str, ...], ...] = ()
    per_player: tuple[Any, ...] = ()
    conditions: tuple[tuple[int, Any, Any], ...] = ()

    @property
    def sustainable(self) -> bool:
        """False when no discount factor below 1 sustains the profile."""
        return self.value is not None

    @property
    def is_exact(self) -> bool:
        """True when the value is exact (a Fraction or a sympy expression), False for floats."""
        return not isinstance(self.value, float)

    def _require_value(self, what: str) -> None:
        if self.value is None:
            raise NotSupportedError(f"DiscountFactor.{what}: no discount factor below 1 sustains the profile, "
                                    "so there is no value; check .sustainable first")

    def __float__(self) -> float:
        self._require_value("__float__")
        if isinstance(self.value, sympy.Basic) and self.value.free_symbols:
            raise NotSupportedError("DiscountFactor.__float__: the value has free parameters "
                                    f"({self.value}); substitute them first")
        return float(self.value)

    def _sympy_(self) -> Any:
        self._require_value("_sympy_")
        return super()._sympy_()

    def _repr_latex_(self) -> str | None:
        if self.value is None:
            return None
        return super()._repr_latex_()

    @public
    def sustains(self, delta: Any) -> bool:
        """Whether ``delta`` (a discount factor in [0, 1)) satisfies every condition (numeric results only)."""
        if isinstance(self.value, sympy.Basic) and not self.value.is_number:
            raise NotSupportedError("DiscountFactor.sustains: expected a numeric result; substitute parameters first")
        delta = check_discount(delta, "delta", "DiscountFactor.sustains", exact=True)
        return all(bool(a + b * delta >= 0) for _, a, b in self.conditions)

    def __repr__(self) -> str:
        value = "never (no delta < 1)" if self.value is None else str(self.value)
        if len(self.profile) > 4 and len(set(self.profile)) == 1:
            shown = f"{self.profile[0]} x {len(self.profile)}"
        else:
            shown = ", ".join(self.profile)
        return f"DiscountFactor({self.strategy}: delta* = {value} for ({shown}))"


def _decide(rel: Any) -> bool | None:
    """True/False when a comparison is decidable, None otherwise."""
    if isinstance(rel, (bool, np.bool_)):
        return bool(rel)
    if rel in (sympy.true, sympy.false):
        return bool(rel)
    return None


def _max(values: Sequence[Any], symbolic: bool) -> Any:
    if symbolic:
        return sympy.Max(*values)
    return max(values)


def _pure_equilibria(game: Any, payoffs: Sequence[np.ndarray], symbolic: bool) -> list[tuple[int, ...]]:
    out = []
    for idx in np.ndindex(*game.shape):
        ok = True
        for p in range(game.num_players):
            for k in range(game.shape[p]):
                if k == idx[p]:
                    continue  # no deviation (sympy leaves ``R >= R`` undecided)
                other = idx[:p] + (k,) + idx[p + 1:]
                gain = payoffs[p][idx] - payoffs[p][other]
                d = _decide(sympy.sympify(gain) >= 0 if symbolic else gain >= 0)
                if d is None:
                    raise NotSupportedError(
                        "critical_discount_factor: cannot decide the stage equilibria of a symbolic game "
                        f"(is {payoffs[p][idx]} >= {payoffs[p][other]}?); pass punishment=(...) explicitly"
                    )
                if not d:
                    ok = False
                    break
            if not ok:
                break
        if ok:
            out.append(idx)
    return out


def _least_delta(conditions: Sequence[tuple[int, Any, Any]], symbolic: bool, one: Any) -> tuple[Any, tuple[Any, ...]]:
    """Least delta in [0, 1) meeting every ``a + b*delta >= 0``; per player too.

    The conditions cut out an interval; its least point is returned (an
    upper end below 1 arises only in unusual games whose punishment pays
    more than the deviation; such profiles are still reported by their
    least delta, see ``DiscountFactor.sustains``).
    """
    per: dict[int, Any] = {}
    upper: dict[int, Any] = {}
    never: set[int] = set()
    for p, a, b in conditions:
        per.setdefault(p, 0 * one)
        if symbolic and not (sympy.sympify(a).is_number and sympy.sympify(b).is_number):
            # assume the textbook case: a gain from deviating (a < 0) and a positive slope (b > 0)
            t = (-a) / b
            per[p] = sympy.Max(per[p], t) if per[p] != 0 else t
            continue
        if b > 0:
            t = -a / b
            if t >= 1:
                never.add(p)
            elif t > per[p]:
                per[p] = t
        elif a < 0:  # fails at delta = 0 and does not improve with delta
            never.add(p)
        elif b < 0:  # holds only for delta <= -a/b: an upper bound
            upper[p] = min(upper.get(p, 1 * one), -a / b)
    for p, hi in upper.items():
        if p not in never and hi < per[p]:
            never.add(p)
    players = sorted(per)
    values = tuple(None if p in never else per[p] for p in players)
    if never:
        return None, values
    return _max(list(values), symbolic) if len(values) > 1 else values[0], values


def _symmetric_action(game: SymmetricGame, profile: Any, what: str) -> int:
    """The one action every player takes in a symmetric profile (an action, or N equal actions)."""
    if isinstance(profile, (str, int, np.integer)) and not isinstance(profile, bool):
        return game.action_index(profile if isinstance(profile, str) else int(profile))
    try:
        acts = {game.action_index(a) for a in profile}
    except TypeError:
        raise InvalidArgumentError(
            f"critical_discount_factor: expected the {what} of a SymmetricGame as one action or {game.num_players} "
            f"equal actions, got {profile!r}") from None
    if len(acts) != 1 or len(profile) != game.num_players:
        raise NotSupportedError(
            f"critical_discount_factor: expected a symmetric {what} (every one of the {game.num_players} players on "
            f"the same action) in a SymmetricGame, got {profile!r}")
    return acts.pop()


def _symmetric_critical(game: SymmetricGame, profile: Any, key: str, punishment: Any) -> DiscountFactor:
    """Grim trigger and one-shot checks in an anonymous game, for one representative player."""
    n, m = game.num_players, game.num_actions
    exact = game.is_exact
    one: Any = Fraction(1) if exact else 1.0
    star = _symmetric_action(game, profile, "profile")

    def others(a: int) -> tuple[int, ...]:
        return tuple(n - 1 if j == a else 0 for j in range(m))

    def u(own: int, a: int) -> Any:  # own action against every other player on a
        v = game.payoff(own, others(a))
        return Fraction(v) if exact else float(v)

    labels = (game.actions[star],) * n
    devs = [k for k in range(m) if k != star]
    if key == "one_shot":
        conds = tuple((0, u(star, star) - u(k, star), 0 * one) for k in devs)
        value = 0 * one if all(a >= 0 for _, a, _ in conds) else None
        return DiscountFactor(value, key, labels, (), (value,), conds)
    if key == "tit_for_tat":
        raise NotSupportedError(f"critical_discount_factor: tit-for-tat is defined for two players, got {n}")
    if punishment is not None:
        pun = _symmetric_action(game, punishment, "punishment")
    else:
        eqs = [x for x in range(m) if all(u(x, x) >= u(y, x) for y in range(m))]
        if not eqs:
            raise NotSupportedError("critical_discount_factor: the symmetric stage game has no symmetric pure "
                                    "equilibrium; pass punishment=...")
        pun = min(eqs, key=lambda x: u(x, x))
    conds_list: list[tuple[int, Any, Any]] = []
    if devs:
        R, T, P = u(star, star), max(u(k, star) for k in devs), u(pun, pun)
        conds_list.append((0, R - T, T - P))
    value, per = _least_delta(conds_list, False, one) if conds_list else (0 * one, (0 * one,))
    return DiscountFactor(value, key, labels, ((game.actions[pun],) * n,), per, tuple(conds_list))


@public
def critical_discount_factor(game: GameLike | SymmetricGame, profile: Sequence[Any],
                             strategy: str = "grim", punishment: Sequence[Any] | None = None) -> DiscountFactor:
    """The least discount factor ``delta`` at which ``profile`` is sustained in the repeated game.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or SymmetricGame
        The stage game (any number of players). For an anonymous
        :class:`~coopgame.SymmetricGame` (thousands of players) only
        symmetric profiles are handled, with grim trigger or one-shot
        checks, for one representative player.
    profile : sequence of actions
        The profile to sustain, one action (label or index) per player; for
        a SymmetricGame also a single action that every player takes.
    strategy : {"grim", "tit_for_tat", "one_shot"}
        ``"grim"``: play ``profile`` until someone deviates, then the
        punishment profile forever. Player ``i`` needs
        ``R_i >= (1 - delta) T_i + delta P_i``, i.e.
        ``delta >= (T_i - R_i)/(T_i - P_i)``. Subgame perfect when the
        punishment is a stage Nash equilibrium.

        ``"tit_for_tat"`` (two players): each player plays its part of
        ``profile`` first, then its part of ``profile`` if the other did so
        last round and its part of the punishment profile otherwise. Against
        it the deviator's best replies are stationary policies of a two-state
        decision problem: deviate forever (``delta >= (T-R)/(T-P)``) or
        alternate deviating and returning (``delta >= (T-R)/(R-S)``), so
        ``delta* = max((T-R)/(T-P), (T-R)/(R-S))`` in the prisoner's dilemma.

        ``"one_shot"``: ``profile`` in every round whatever happened; sustained
        (``delta* = 0``) iff it is a stage Nash equilibrium, never otherwise.
    punishment : sequence of actions, optional
        The punishment profile for every deviator. By default, for each
        deviator, the pure stage Nash equilibrium worst for that deviator
        (first in profile order at ties); symbolic games whose equilibria
        cannot be decided need it given.

    Returns
    -------
    DiscountFactor
        ``.value`` is a Fraction for exact games, a float for float games,
        and a sympy expression (with ``Max`` over players where needed) for
        symbolic games; ``None`` when no ``delta < 1`` works. Symbolic values
        assume every player gains from deviating and loses from punishment
        (``T_i > R_i > P_i``), as in the prisoner's dilemma.

    Notes
    -----
    Fines: a :class:`~coopgame.Penalty` on the defecting action charges the
    expected fine ``rho F`` on *every* choice of that action, mutual
    defection included, so it lowers both ``T`` and ``P`` and grim trigger
    needs ``delta >= (T - rho F - R)/(T - P)``. The formula
    ``(T - rho F - R)/(T - rho F - P)`` holds when only a *unilateral*
    defection is fined (the payoff ``T`` alone); write that game directly to
    get it.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.repeated import critical_discount_factor
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"]] * 2, exact=True)
    >>> critical_discount_factor(pd, ("C", "C"))
    DiscountFactor(grim: delta* = 1/2 for (C, C))
    >>> critical_discount_factor(pd, ("C", "C"), strategy="tit_for_tat").value
    Fraction(2, 3)
    >>> sym = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["C", "D"]] * 2)
    >>> critical_discount_factor(sym, ("C", "C"), punishment=("D", "D")).value
    (-R + T)/(-P + T)

    Fifty regions in the public-goods game, ``delta*(N) = (N - r)/(r (N - 1))``:

    >>> from coopgame import models
    >>> critical_discount_factor(models.public_goods_anonymous(n=50), "Govern")
    DiscountFactor(grim: delta* = 97/147 for (Govern x 50))
    """
    where = "critical_discount_factor"
    name = strategy.lower().replace(" ", "_") if isinstance(strategy, str) else strategy
    key = _STRATEGIES[check_choice(name, "strategy", where, _STRATEGIES)]
    if isinstance(game, SymmetricGame):
        return _symmetric_critical(game, profile, key, punishment)
    if not isinstance(game, SymbolicGame):
        game = as_normal_form(game, where)
    symbolic = isinstance(game, SymbolicGame)
    payoffs: Any
    if isinstance(game, SymbolicGame):
        payoffs = game.payoffs
        one: Any = sympy.Integer(1)
    elif game.is_exact:
        payoffs = tuple(np.vectorize(Fraction, otypes=[object])(a) for a in game.payoffs)
        one = Fraction(1)
    else:
        payoffs = game.float_payoffs
        one = 1.0
    n = game.num_players
    star = game.pure_profile(profile)
    labels = tuple(game.actions[p][star[p]] for p in range(n))

    def u(p: int, idx: tuple[int, ...]) -> Any:
        v = payoffs[p][idx]
        return v if symbolic else (v if isinstance(v, Fraction) else float(v))

    def swap(idx: tuple[int, ...], p: int, k: int) -> tuple[int, ...]:
        return idx[:p] + (k,) + idx[p + 1:]

    deviations = {p: [k for k in range(game.shape[p]) if k != star[p]] for p in range(n)}
    if key == "one_shot":
        checks = []
        for p in range(n):
            for k in deviations[p]:
                checks.append((p, u(p, star) - u(p, swap(star, p, k)), 0 * one))
        stable = [_decide(a >= 0) for _, a, _ in checks]
        if any(s is None for s in stable):
            raise NotSupportedError("critical_discount_factor: cannot decide whether a symbolic profile is a stage equilibrium")
        value = 0 * one if all(stable) else None
        return DiscountFactor(value, key, labels, (), (), tuple(checks))

    if key == "tit_for_tat" and n != 2:
        raise NotSupportedError(f"critical_discount_factor: tit-for-tat is defined for two players, got {n}")
    if punishment is not None:
        pun = game.pure_profile(punishment)
        punish = {p: pun for p in range(n)}
    else:
        eqs = _pure_equilibria(game, payoffs, symbolic)
        if not eqs:
            raise NotSupportedError("critical_discount_factor: the stage game has no pure equilibrium; pass punishment=(...)")
        punish = {}
        for p in range(n):
            best = eqs[0]
            for e in eqs[1:]:
                if _decide(u(p, e) < u(p, best)):
                    best = e
            punish[p] = best

    conds: list[tuple[int, Any, Any]] = []
    for p in range(n):
        if not deviations[p]:
            continue
        R = u(p, star)
        T = _max([u(p, swap(star, p, k)) for k in deviations[p]], symbolic)
        if key == "grim":
            # one-shot deviation: T + delta P/(1-delta) <= R/(1-delta)  <=>  R - T + delta (T - P) >= 0
            P = u(p, punish[p])
            conds.append((p, R - T, T - P))
        else:
            q = 1 - p  # the tit-for-tat player
            punished = swap(star, q, punish[p][q])  # the other answers with its punishment action
            P = _max([u(p, swap(punished, p, k)) for k in deviations[p]], symbolic)  # stay deviating
            S = u(p, punished if punished[p] == star[p] else swap(punished, p, star[p]))  # return
            conds.append((p, R - T, T - P))   # deviate forever: T + delta P/(1-delta)
            conds.append((p, R - T, R - S))   # alternate: (T + delta S)/(1 - delta^2)
    value, per = _least_delta(conds, symbolic, one)
    pun_labels = tuple(tuple(game.actions[q][punish[p][q]] for q in range(n)) for p in range(n))
    return DiscountFactor(value, key, labels, pun_labels, per, tuple(conds))
