"""The front door for mixed equilibria: two-player methods, and support_polynomial for N players."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coopgame.equilibria._checks import require_numeric
from coopgame.equilibria.lemke_howson import lemke_howson
from coopgame.equilibria.polynomial import support_polynomial
from coopgame.equilibria.pure import pure_equilibria
from coopgame.equilibria.result import Equilibrium
from coopgame.equilibria.support_enumeration import support_enumeration
from coopgame.equilibria.vertex_enumeration import vertex_enumeration
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, NotSupportedError

__all__ = ["mixed_equilibria", "METHODS", "N_PLAYER_METHODS"]

#: The methods :func:`mixed_equilibria` accepts, by name.
METHODS: dict[str, Callable[..., list[Equilibrium]]] = {
    "vertex_enumeration": vertex_enumeration,
    "support_enumeration": support_enumeration,
    "lemke_howson": lemke_howson,
    "support_polynomial": support_polynomial,
}

#: The methods that accept games with three or more players.
N_PLAYER_METHODS = ("support_polynomial",)


def mixed_equilibria(game: Any, method: str = "auto", **options: Any) -> list[Equilibrium]:
    """Nash equilibria in mixed strategies of a game with any number of players.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game, or a small game with three or more players (a
        one-player game is also accepted: its equilibria are the optimal
        actions).
    method : str, default "auto"
        ``"auto"`` and ``"vertex_enumeration"``: all extreme equilibria (the
        vertices of every equilibrium component), correct for degenerate
        games, exact for exact games. ``"support_enumeration"``: all
        equilibria of a non-degenerate game (warns when the game looks
        degenerate). ``"lemke_howson"``: one equilibrium, for games too large
        to enumerate. For games with three or more players ``"auto"`` means
        ``"support_polynomial"``
        (:func:`~coopgame.equilibria.polynomial.support_polynomial`): all
        isolated equilibria, found by solving each support profile's
        indifference conditions exactly with sympy (warns with
        :class:`~coopgame.DegenerateGameWarning` when some support carries a
        continuum); it may also be asked for by name, for any number of
        players.
    **options
        Passed to the method (for example ``initial_label`` for Lemke–Howson).

    Returns
    -------
    list of Equilibrium

    Raises
    ------
    NotSupportedError
        For a two-player method asked of a game with three or more players.
    SolverLimitError
        When ``support_polynomial`` meets a game with more support profiles
        than :data:`coopgame.equilibria.polynomial.MAX_SUPPORT_PROFILES`
        (use :func:`pure_equilibria`).

    Examples
    --------
    Matching pennies has only a mixed equilibrium:

    >>> import coopgame as cg
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    >>> cg.mixed_equilibria(pennies)
    [Equilibrium(Player 1: 1/2 1 + 1/2 2; Player 2: 1/2 1 + 1/2 2; payoffs 0, 0)]

    Three players (a 2x2x2 game) use ``support_polynomial``; here each player
    wants to match the next one and the last wants to mismatch the first
    (Jordan's game), so all mix equally:

    >>> import numpy as np
    >>> i, j, k = np.indices((2, 2, 2))
    >>> match = lambda a, b: np.where(a == b, 1, -1)
    >>> jordan = cg.NormalFormGame([match(i, j), match(j, k), -match(k, i)], exact=True)
    >>> [eq.method for eq in cg.mixed_equilibria(jordan)], cg.mixed_equilibria(jordan)[0].payoffs.tolist()
    (['support_polynomial'], [Fraction(0, 1), Fraction(0, 1), Fraction(0, 1)])
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
        method = "vertex_enumeration" if game.num_players <= 2 else "support_polynomial"
    if method not in METHODS:
        raise InvalidArgumentError(
            f"mixed_equilibria: expected method 'auto' or one of {sorted(METHODS)}, got {method!r}"
        )
    if game.num_players == 1:
        return pure_equilibria(game)
    if game.num_players != 2 and method not in N_PLAYER_METHODS:
        raise NotSupportedError(
            f"mixed_equilibria: method {method!r} expects a two-player game, got {game.num_players} players; "
            "use method='auto' or 'support_polynomial' for small N-player games, "
            "or pure_equilibria(game) for all pure equilibria of any N-player game"
        )
    return METHODS[method](game, **options)
