"""The front door for mixed equilibria of two-player games."""

from __future__ import annotations

from typing import Any, Callable

from coopgame.equilibria._checks import require_numeric
from coopgame.equilibria.lemke_howson import lemke_howson
from coopgame.equilibria.pure import pure_equilibria
from coopgame.equilibria.result import Equilibrium
from coopgame.equilibria.support_enumeration import support_enumeration
from coopgame.equilibria.vertex_enumeration import vertex_enumeration
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, NotSupportedError

__all__ = ["mixed_equilibria", "METHODS"]

#: The methods :func:`mixed_equilibria` accepts, by name.
METHODS: dict[str, Callable[..., list[Equilibrium]]] = {
    "vertex_enumeration": vertex_enumeration,
    "support_enumeration": support_enumeration,
    "lemke_howson": lemke_howson,
}


def mixed_equilibria(game: Any, method: str = "auto", **options: Any) -> list[Equilibrium]:
    """Nash equilibria in mixed strategies of a two-player game.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game (a one-player game is also accepted: its equilibria
        are the optimal actions).
    method : str, default "auto"
        ``"auto"`` and ``"vertex_enumeration"``: all extreme equilibria (the
        vertices of every equilibrium component), correct for degenerate
        games, exact for exact games. ``"support_enumeration"``: all
        equilibria of a non-degenerate game (warns when the game looks
        degenerate). ``"lemke_howson"``: one equilibrium, for games too large
        to enumerate.
    **options
        Passed to the method (for example ``initial_label`` for Lemke–Howson).

    Returns
    -------
    list of Equilibrium

    Raises
    ------
    NotSupportedError
        For games with more than two players (use :func:`pure_equilibria`).

    Examples
    --------
    Matching pennies has only a mixed equilibrium:

    >>> import coopgame as cg
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    >>> cg.mixed_equilibria(pennies)
    [Equilibrium(Player 1: 1/2 1 + 1/2 2; Player 2: 1/2 1 + 1/2 2; payoffs 0, 0)]
    """
    from coopgame.games.symmetric import SymmetricGame

    if not isinstance(method, str):
        raise InvalidArgumentTypeError(
            f"mixed_equilibria: expected method as a str ('auto' or one of {sorted(METHODS)}), got {method!r}"
        )
    if isinstance(game, SymmetricGame):  # anonymous game: symmetric equilibria
        from coopgame.equilibria.symmetric import symmetric_mixed_equilibria

        if method not in ("auto", "symmetric"):
            raise InvalidArgumentError(
                f"mixed_equilibria: expected method 'auto' or 'symmetric' for a SymmetricGame, got {method!r}"
            )
        return symmetric_mixed_equilibria(game, **options)
    game = require_numeric(game, "mixed_equilibria")
    if method == "auto":
        method = "vertex_enumeration"
    if method not in METHODS:
        raise InvalidArgumentError(
            f"mixed_equilibria: expected method 'auto' or one of {sorted(METHODS)}, got {method!r}"
        )
    if game.num_players == 1:
        return pure_equilibria(game)
    if game.num_players != 2:
        raise NotSupportedError(
            f"mixed_equilibria: expected a two-player game, got {game.num_players} players; "
            "use pure_equilibria(game) for all pure equilibria of an N-player game"
        )
    return METHODS[method](game, **options)
