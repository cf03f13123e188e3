"""Discounted repeated play of a stage game by history-dependent strategies."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import call_user, check_choice, check_discount, check_int, check_size, describe, public
from coopgame.errors import InvalidArgumentError, SolverError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.symbolic import SymbolicGame
from coopgame.results import Result

__all__ = ["play", "RepeatedPlay", "STRATEGIES", "MAX_ROUNDS"]

#: Default largest number of rounds :func:`play` accepts (every round is stored; keyword ``max_rounds``).
MAX_ROUNDS: int = 1_000_000

#: History seen by a strategy: past rounds, each ``(own action, other players' actions...)`` as labels.
History = tuple[tuple[str, ...], ...]


def _always_cooperate(history: History, c: str, d: str) -> str:
    return c


def _always_defect(history: History, c: str, d: str) -> str:
    return d


def _grim(history: History, c: str, d: str, coop: tuple[str, ...] = ()) -> str:
    return d if any(r[1:] != coop[1:] for r in history) else c


def _tit_for_tat(history: History, c: str, d: str, coop: tuple[str, ...] = ()) -> str:
    if not history:
        return c
    return c if history[-1][1:] == coop[1:] else d


def _wsls(history: History, c: str, d: str, coop: tuple[str, ...] = ()) -> str:
    # Pavlov: win (the others cooperated) -> stay, lose -> shift
    if not history:
        return c
    own = history[-1][0]
    if history[-1][1:] == coop[1:]:
        return own
    return d if own == c else c


#: Built-in strategies by name.
STRATEGIES = {
    "always_cooperate": _always_cooperate, "allc": _always_cooperate,
    "always_defect": _always_defect, "alld": _always_defect,
    "grim": _grim, "tit_for_tat": _tit_for_tat, "tft": _tit_for_tat,
    "win_stay_lose_shift": _wsls, "wsls": _wsls, "pavlov": _wsls,
}


def _per_player(actions: Any, default: Sequence[Any], name: str, n: int) -> Sequence[Any]:
    """One action per player (labels or indices), or the default when none is given."""
    if actions is None:
        return default
    if isinstance(actions, (str, bytes)) or not isinstance(actions, (Sequence, np.ndarray)) or len(actions) != n:
        raise InvalidArgumentError(f"play: expected {name} as one action for each of {n} players, got {describe(actions)}")
    return list(actions)


def _bind(strategy: Callable[..., str], c: str, d: str, own: tuple[str, ...] | None) -> Callable[[History], str]:
    """A built-in strategy as a function of the history alone."""
    if own is None:
        return lambda history: strategy(history, c, d)
    return lambda history: strategy(history, c, d, own)


@public
@dataclass(frozen=True, repr=False)
class RepeatedPlay(Result):
    """The outcome of :func:`play`.

    Attributes
    ----------
    history : tuple of profiles
        The action labels played in each round.
    stage_payoffs : tuple of tuples
        Each round's stage payoffs.
    payoffs : tuple
        Each player's discounted sum ``sum_t delta**t u_i(a_t)``.
    average : tuple
        Normalised discounted payoffs ``(1 - delta) * payoffs`` (equal to the
        stage payoff when a profile is repeated forever).
    delta : number
    is_exact : bool
        True when the payoffs are exact (Fractions or sympy expressions).
    """

    history: tuple[tuple[str, ...], ...]
    stage_payoffs: tuple[tuple[Any, ...], ...]
    payoffs: tuple[Any, ...]
    average: tuple[Any, ...]
    delta: Any
    is_exact: bool = False

    def __repr__(self) -> str:
        shown = " ".join("/".join(a) for a in self.history[:8]) + (" ..." if len(self.history) > 8 else "")
        pay = ", ".join(str(round(p, 6) if isinstance(p, float) else p) for p in self.payoffs)
        return f"RepeatedPlay({len(self.history)} rounds, delta={self.delta}: {shown}; discounted payoffs {pay})"


@public
def play(game: GameLike, strategies: Sequence[str | Callable[[History], Any]], rounds: int,
         delta: Any, cooperate: Sequence[Any] | None = None, defect: Sequence[Any] | None = None, *,
         max_rounds: int = MAX_ROUNDS) -> RepeatedPlay:
    """Play ``rounds`` rounds of the stage game and discount the payoffs.

    Parameters
    ----------
    game : NormalFormGame or SymbolicGame
    strategies : sequence, one per player
        Names among ``"always_cooperate"``, ``"always_defect"``, ``"grim"``,
        ``"tit_for_tat"``, ``"win_stay_lose_shift"`` (aliases ``allc``,
        ``alld``, ``tft``, ``wsls``, ``pavlov``), or callables
        ``f(history) -> action`` where ``history`` is a tuple of past rounds,
        each ``(own action, others' actions...)`` as labels (the player's own
        action first). Grim, tit-for-tat and win-stay-lose-shift count a
        round as cooperative when every other player chose its cooperative
        action; with more than two players "tit-for-tat" defects after any
        defection by another player.
    rounds : int
        Number of rounds (a truncation of the infinite game), at most
        ``max_rounds``.
    delta : number
        Discount factor in ``[0, 1]`` (1: undiscounted sums); Fractions keep
        exact games exact, and a sympy symbol keeps a symbolic game symbolic.
    cooperate, defect : sequences of actions, optional
        Each player's cooperative and defecting action; by default the
        first and the second action.
    max_rounds : int, default :data:`MAX_ROUNDS` (1,000,000)
        Size budget: every round is stored, so more rounds are refused.

    Raises
    ------
    CallbackError
        A strategy function raises (the original error is its ``__cause__``).
    InvalidArgumentError
        A discount factor outside ``[0, 1]``, NaN or infinite; a bad number of
        rounds; unknown strategy names.

    Examples
    --------
    >>> import coopgame as cg
    >>> from fractions import Fraction
    >>> from coopgame.repeated import play
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"]] * 2, exact=True)
    >>> out = play(pd, ["tit_for_tat", "always_defect"], rounds=3, delta=Fraction(1, 2))
    >>> out.history
    (('C', 'D'), ('D', 'D'), ('D', 'D'))
    >>> out.payoffs
    (Fraction(3, 4), Fraction(23, 4))
    """
    where = "play"
    if not isinstance(game, SymbolicGame):
        game = as_normal_form(game, where)
    n = game.num_players
    if isinstance(strategies, (str, bytes)) or not isinstance(strategies, (Sequence, np.ndarray)) \
            or len(strategies) != n:
        raise InvalidArgumentError(f"play: expected one strategy for each of {n} players, got {describe(strategies)}")
    rounds = check_int(rounds, "rounds", where, minimum=0)
    check_size(where, rounds, check_int(max_rounds, "max_rounds", where, minimum=1), what="the number of rounds",
               limit_name="max_rounds", alternative="critical_discount_factor for the infinitely repeated game")
    coop = tuple(game.actions[p][game.action_index(p, a)]
                 for p, a in enumerate(_per_player(cooperate, [0] * n, "cooperate", n)))
    if defect is None:
        for p in range(n):
            if len(game.actions[p]) < 2:
                raise InvalidArgumentError(f"play: player {game.players[p]!r} needs at least two actions")
        defect = [1] * n
    dfct = tuple(game.actions[p][game.action_index(p, a)] for p, a in enumerate(_per_player(defect, defect, "defect", n)))
    funcs: list[Callable[[History], Any]] = []
    for p, s in enumerate(strategies):
        if callable(s):
            funcs.append(s)
            continue
        if not isinstance(s, str):
            raise InvalidArgumentError(f"play: expected a strategy name in {sorted(STRATEGIES)} or a callable, got {s!r}")
        f = STRATEGIES[check_choice(s.lower().replace("-", "_").replace(" ", "_"), f"strategies[{p}]", where, STRATEGIES)]
        own = (coop[p],) + coop[:p] + coop[p + 1:]
        funcs.append(_bind(f, coop[p], dfct[p], None if f in (_always_cooperate, _always_defect) else own))
    exact = isinstance(game, SymbolicGame) or game.is_exact
    delta_v: Any
    if isinstance(game, SymbolicGame) and isinstance(delta, sympy.Basic) and delta.free_symbols:
        delta_v = delta  # a symbolic discount factor in a symbolic game
    else:
        delta_v = check_discount(delta, "delta", where, allow_one=True, exact=exact)
        if isinstance(delta_v, int):
            delta_v = Fraction(delta_v)
    history: list[tuple[str, ...]] = []
    views: list[list[tuple[str, ...]]] = [[] for _ in range(n)]
    stage: list[tuple[Any, ...]] = []
    total: list[Any] = [0] * n
    weight: Any = 1
    for _ in range(rounds):
        acts = []
        for p in range(n):
            a = call_user(funcs[p], tuple(views[p]), where=where, what=f"the strategy of {game.players[p]!r}")
            acts.append(game.actions[p][game.action_index(p, a)])
        prof = tuple(acts)
        idx = game.pure_profile(prof)
        pay = tuple(game.payoffs[p][idx] if exact else float(game.payoffs[p][idx]) for p in range(n))
        history.append(prof)
        stage.append(pay)
        for p in range(n):
            views[p].append((prof[p],) + prof[:p] + prof[p + 1:])
            total[p] = total[p] + weight * pay[p]
        weight = weight * delta_v
    if any(isinstance(t, float) and not math.isfinite(t) for t in total):
        raise SolverError(f"{where}: expected discounted payoffs within the range of floats, got {describe(total)}; "
                          f"use exact payoffs (integers or Fractions) or fewer rounds")
    avg = tuple((1 - delta_v) * t for t in total)
    return RepeatedPlay(tuple(history), tuple(stage), tuple(total), avg, delta_v, bool(exact) and not isinstance(delta_v, float))
