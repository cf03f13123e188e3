"""The front door for mixed equilibria: two-player methods, and support_polynomial for N players."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from coopgame._checks import check_choice, check_options, public
from coopgame.equilibria.pivoting import lemke_howson
from coopgame.equilibria.polynomial import support_polynomial
from coopgame.equilibria.pure import pure_equilibria
from coopgame.equilibria.supports import support_enumeration
from coopgame.equilibria.symmetric import symmetric_mixed_equilibria
from coopgame.equilibria.vertices import vertex_enumeration
from coopgame.errors import InvalidArgumentTypeError, NotSupportedError, SolverLimitError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.symmetric import SymmetricGame
from coopgame.results import Solutions

__all__ = ["mixed_equilibria", "METHODS", "N_PLAYER_METHODS", "FALLBACKS", "method_options"]

#: The methods :func:`mixed_equilibria` accepts, by name.
METHODS: dict[str, Callable[..., Solutions[Any]]] = {
    "vertex_enumeration": vertex_enumeration,
    "support_enumeration": support_enumeration,
    "lemke_howson": lemke_howson,
    "support_polynomial": support_polynomial,
}

#: The methods that accept games with three or more players.
N_PLAYER_METHODS = ("support_polynomial",)

#: What :func:`mixed_equilibria` may fall back to when the method refuses the game's size.
FALLBACKS = ("pure",)


def method_options(method: Callable[..., Any]) -> tuple[str, ...]:
    """The keyword options a solver takes (every parameter but the game)."""
    params = list(inspect.signature(method).parameters.values())[1:]
    return tuple(p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY))


@public
def mixed_equilibria(game: GameLike | SymmetricGame, method: str = "auto", *, fallback: str | None = None,
                     **options: Any) -> Solutions[Any]:
    """Nash equilibria in mixed strategies of a game with any number of players.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, sequence of payoff arrays or SymmetricGame
        A two-player game, or a small game with three or more players (a
        one-player game is also accepted: its equilibria are the optimal
        actions). A :class:`~coopgame.games.symmetric.SymmetricGame` gives
        its symmetric equilibria
        (:func:`~coopgame.equilibria.symmetric.symmetric_mixed_equilibria`).
    method : str, default "auto"
        ``"auto"`` and ``"vertex_enumeration"``: all extreme equilibria (the
        vertices of every equilibrium component), correct for degenerate
        games, exact for exact games. ``"support_enumeration"``: all
        equilibria of a non-degenerate game (warns when the game looks
        degenerate). ``"lemke_howson"``: one equilibrium, for games too large
        to enumerate. For games with three or more players ``"auto"`` means
        ``"support_polynomial"``
        (:func:`~coopgame.equilibria.polynomial.support_polynomial`): all
        isolated equilibria, certified (exact where rational, interval
        arithmetic otherwise), found by support enumeration with pruning and
        subdivision of each support profile's indifference conditions
        (warns with :class:`~coopgame.DegenerateGameWarning` and marks the
        list partial when some support carries a continuum, listing a point
        of it); it may also be asked for by name, for any number of players.
    fallback : {None, "pure"}, default None
        With ``"pure"``, when the method refuses the game's size
        (:class:`~coopgame.SolverLimitError`), return
        :func:`~coopgame.equilibria.pure.pure_equilibria` instead, marked
        partial (``is_complete=False``) with a note saying why.
    **options
        The chosen method's options (for example ``initial_label`` for
        Lemke–Howson, or ``max_seconds`` for ``support_polynomial``); an option the method does not take
        is refused, listing those it takes.

    Returns
    -------
    Solutions of Equilibrium
        With ``method``, ``is_exact``, ``is_complete`` and ``note``.

    Raises
    ------
    InvalidArgumentError
        For an unknown method or an option the method does not take.
    NotSupportedError
        For a two-player method asked of a game with three or more players.
    SolverLimitError
        When the method refuses the game's size and no ``fallback`` is given.

    Examples
    --------
    Matching pennies has only a mixed equilibrium:

    >>> import coopgame as cg
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    >>> eqs = cg.mixed_equilibria(pennies)
    >>> eqs, eqs.method, eqs.is_complete
    ([Equilibrium(Player 1: 1/2 1 + 1/2 2; Player 2: 1/2 1 + 1/2 2; payoffs 0, 0)], 'vertex_enumeration', True)

    Three players (a 2x2x2 game) use ``support_polynomial``; here each player
    wants to match the next one and the last wants to mismatch the first
    (Jordan's game), so all mix equally:

    >>> import numpy as np
    >>> i, j, k = np.indices((2, 2, 2))
    >>> match = lambda a, b: np.where(a == b, 1, -1)
    >>> jordan = cg.NormalFormGame([match(i, j), match(j, k), -match(k, i)], exact=True)
    >>> [eq.method for eq in cg.mixed_equilibria(jordan)], cg.mixed_equilibria(jordan)[0].payoffs.tolist()
    (['support_polynomial'], [Fraction(0, 1), Fraction(0, 1), Fraction(0, 1)])

    A game too large for the method, with the fallback to pure equilibria:

    >>> eqs = cg.mixed_equilibria(jordan, max_seconds=0, fallback="pure")
    >>> len(eqs), eqs.method, eqs.is_complete
    (0, 'pure', False)
    >>> eqs.note[:94]
    'the game is too large for support_polynomial (support_polynomial: expected an estimated runnin'

    """
    where = "mixed_equilibria"
    if not isinstance(method, str):
        raise InvalidArgumentTypeError(
            f"{where}: expected method as a str ('auto' or one of {sorted(METHODS)}), got {method!r}")
    if fallback is not None:
        check_choice(fallback, "fallback", where, FALLBACKS)
    if isinstance(game, SymmetricGame):  # anonymous game: symmetric equilibria
        check_choice(method, "method (for a SymmetricGame)", where, ("auto", "symmetric"))
        check_options(f"{where}(method='symmetric')", options, method_options(symmetric_mixed_equilibria))
        return symmetric_mixed_equilibria(game, **options)
    game = as_normal_form(game, where)
    if method == "auto":
        method = "vertex_enumeration" if game.num_players <= 2 else "support_polynomial"
    check_choice(method, "method", where, ("auto", *METHODS))
    solver = METHODS[method]
    check_options(f"{where}(method={method!r})", options, method_options(solver))
    if game.num_players == 1:
        return pure_equilibria(game)
    if game.num_players != 2 and method not in N_PLAYER_METHODS:
        raise NotSupportedError(
            f"{where}: method {method!r} expects a two-player game, got {game.num_players} players; "
            "use method='auto' or 'support_polynomial' for small N-player games, "
            "or pure_equilibria(game) for all pure equilibria of any N-player game")
    try:
        return solver(game, **options)
    except SolverLimitError as err:
        if fallback is None:
            raise
        found = pure_equilibria(game)
        return Solutions(found, method="pure", is_exact=found.is_exact, is_complete=False,
                         note=f"the game is too large for {method} ({err}); only pure equilibria are listed")
