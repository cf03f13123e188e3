"""Shared argument handling for the solvers."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from coopgame.errors import InvalidGameTypeError, NotSupportedError, UnresolvedParameterError
from coopgame.games.normal_form import NormalFormGame


def require_numeric(game: Any, func: str) -> NormalFormGame:
    """Return ``game`` as a NormalFormGame, or raise a typed error naming ``func``.

    A sequence of payoff arrays is accepted and turned into a game. A symbolic
    game with free parameters raises UnresolvedParameterError naming them.
    """
    if isinstance(game, NormalFormGame):
        return game
    params = getattr(game, "parameters", None)
    if params is not None and hasattr(game, "subs"):
        if params:
            names = ", ".join(str(s) for s in params)
            raise UnresolvedParameterError(
                f"{func}: expected a game with numeric payoffs, got one with free parameters ({names}); "
                "give them values with game.subs({...}) first"
            )
        return game.subs({})
    if isinstance(game, (list, tuple, np.ndarray)):
        return NormalFormGame(game)
    raise InvalidGameTypeError(f"{func}: expected a NormalFormGame (or a sequence of payoff arrays), got {type(game).__name__}")


def require_two_players(game: NormalFormGame, func: str) -> None:
    if game.num_players != 2:
        raise NotSupportedError(
            f"{func}: expected a two-player game, got {game.num_players} players; "
            "for N-player games use pure_equilibria(game) "
            "(all pure equilibria of any game)"
        )


def unit_vector(m: int, k: int, exact: bool) -> np.ndarray:
    """The pure strategy ``k`` of a player with ``m`` actions."""
    if exact:
        v = np.array([Fraction(0)] * m, dtype=object)
        v[k] = Fraction(1)
        return v
    v = np.zeros(m)
    v[k] = 1.0
    return v
