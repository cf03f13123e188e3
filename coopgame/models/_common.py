"""Shared plumbing of the model catalog: symbols, keyword checking, substitution."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_int, check_options, check_real, check_size
from coopgame.errors import InvalidArgumentError
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame

__all__ = ["symbol", "finish", "profile_game", "check_players", "check_parameters", "check_values", "MAX_PLAYERS"]

#: Default largest number of regions for which the N-player binary models are built over all 2**N
#: profiles (``n * 2**n`` symbolic payoffs; keyword ``max_players`` of those models).
MAX_PLAYERS = 8


def symbol(name: str) -> sympy.Symbol:
    """The positive real symbol a model uses for a parameter (the same one text formulas give)."""
    return sympy.Symbol(name, positive=True)


def check_players(model: str, n: Any, low: int = 2, max_players: Any = MAX_PLAYERS,
                  alternative: str = "the anonymous SymmetricGame models (public_goods_anonymous, "
                                     "minimum_participation_anonymous) instead") -> int:
    """Validate a number of regions for a model built over all ``2**n`` profiles, within the size budget."""
    n = check_int(n, "the number of regions n", model, minimum=low)
    check_size(model, n, check_int(max_players, "max_players", model, minimum=1),
               what="the number of regions n (the game lists all 2**n profiles)", limit_name="max_players",
               alternative=alternative)
    return n


def check_values(model: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword parameter values of a model: numbers must be finite reals; names and expressions pass.

    Strings and sympy expressions are parsed by the game's ``subs``; any other
    value must be a finite real number (NaN, infinities, booleans, complex
    numbers and integers of more than 300 digits are refused).
    """
    out = {}
    for key, value in values.items():
        if isinstance(value, str) or (isinstance(value, sympy.Basic) and not value.is_number):
            out[key] = value
        elif isinstance(value, sympy.Basic):
            check_real(value, key, model)  # a finite real number (sqrt(2) stays exact)
            out[key] = value
        else:
            out[key] = check_real(value, key, model, exact=True)
    return out


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

    Raises :class:`InvalidArgumentError` naming the model and the accepted
    parameters (with a did-you-mean) for any unknown keyword; ``options``
    are the model's structural keywords, named in that message.
    """
    checked = check_parameters(model, values, [s.name for s in symbolic.parameters], options)
    if not checked:
        return symbolic
    return symbolic.subs(checked)


def check_parameters(model: str, values: Mapping[str, Any], accepted: Iterable[str],
                     options: Sequence[str] = ()) -> dict[str, Any]:
    """The keyword parameter values of a model, checked: known names (did-you-mean otherwise), finite numbers.

    ``options`` are the model's structural keywords, named in the message
    about an unknown parameter.
    """
    try:
        check_options(model, values, accepted, what="parameter")
    except InvalidArgumentError as err:
        if not options:
            raise
        raise InvalidArgumentError(f"{err}; structural options: {', '.join(options)}") from None
    return check_values(model, values)
