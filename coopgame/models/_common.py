"""Shared plumbing of the model catalog: symbols, keyword checking, substitution."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from coopgame.errors import InvalidArgumentError
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame

__all__ = ["symbol", "finish", "profile_game", "check_players", "MAX_PLAYERS"]

#: Largest number of regions for which the N-player binary models are built over all 2**N profiles.
MAX_PLAYERS = 8


def symbol(name: str) -> sympy.Symbol:
    """The positive real symbol a model uses for a parameter (the same one text formulas give)."""
    return sympy.Symbol(name, positive=True)


def check_players(model: str, n: Any, low: int = 2) -> int:
    """Validate a number of regions for a model built over all profiles."""
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise InvalidArgumentError(f"{model}: expected an integer number of regions n, got {n!r}")
    n = int(n)
    if not low <= n <= MAX_PLAYERS:
        raise InvalidArgumentError(
            f"{model}: expected {low} <= n <= {MAX_PLAYERS} regions (the game lists all 2**n profiles; "
            f"an anonymous SymmetricGame version for large n is planned), got n={n}")
    return n


def profile_game(n: int, payoff: Callable[[int, tuple[int, ...]], Any], players: Sequence[str],
                 actions: Sequence[Sequence[str]], defaults: Mapping[str, Any]) -> SymbolicGame:
    """A binary N-player SymbolicGame; ``payoff(i, a)`` gets ``a[j] = 1`` when region j plays its first action."""
    arrays = [np.empty((2,) * n, dtype=object) for _ in range(n)]
    for idx in np.ndindex(*(2,) * n):
        a = tuple(1 - k for k in idx)  # index 0 is the first (cooperative) action
        for i in range(n):
            arrays[i][idx] = sympy.sympify(payoff(i, a))
    return SymbolicGame(arrays, players, actions, defaults=_defaults_for(arrays, defaults))


def _defaults_for(arrays: Iterable[np.ndarray], defaults: Mapping[str, Any]) -> dict[str, Any]:
    names = set()
    for a in arrays:
        for e in np.asarray(a, dtype=object).reshape(-1):
            if isinstance(e, sympy.Basic):
                names |= {s.name for s in e.free_symbols}
    return {k: v for k, v in defaults.items() if k in names}


def game(payoffs: Sequence[Any], players: Sequence[str], actions: Sequence[Sequence[str]],
         defaults: Mapping[str, Any]) -> SymbolicGame:
    """A SymbolicGame whose defaults are restricted to the parameters it has."""
    arrays = [np.array(p, dtype=object) for p in payoffs]
    arrays = [np.vectorize(sympy.sympify, otypes=[object])(a) for a in arrays]
    return SymbolicGame(arrays, players, actions, defaults=_defaults_for(arrays, defaults))


def finish(model: str, symbolic: SymbolicGame, values: Mapping[str, Any],
           options: Sequence[str] = ()) -> SymbolicGame | NormalFormGame:
    """Check the keyword values against the game's parameters and substitute them.

    Raises :class:`InvalidArgumentError` naming the model, the accepted
    parameters and the structural options for any unknown keyword.
    """
    accepted = [s.name for s in symbolic.parameters]
    unknown = [k for k in values if k not in accepted]
    if unknown:
        extra = f"; options {list(options)}" if options else ""
        raise InvalidArgumentError(
            f"{model}: expected keyword parameters among {accepted}{extra}, got unknown {unknown}")
    if not values:
        return symbolic
    return symbolic.subs(dict(values))
