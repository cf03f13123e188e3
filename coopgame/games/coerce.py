"""The one input layer for games: what every entry point accepts as a game.

Every public function that takes a finite game passes it through
:func:`as_normal_form`, so each accepts the same things:

* a :class:`~coopgame.NormalFormGame`;
* a :class:`~coopgame.SymbolicGame` whose parameters all have values (a game
  with free parameters is refused with :class:`~coopgame.UnresolvedParameterError`
  naming them);
* a sequence of payoff arrays, one per player (nested lists or numpy arrays),
  as :class:`~coopgame.NormalFormGame` takes them.

The predicates on games that several subpackages need (:func:`is_symmetric`,
:func:`symmetric_matrix`) live here as well, so no solver imports them from
another solver.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, Union, runtime_checkable

import numpy as np

from coopgame._checks import describe
from coopgame._numeric import as_exact, classify_scalar
from coopgame.errors import InvalidGameError, InvalidGameTypeError, NotSupportedError, UnresolvedParameterError
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["GameLike", "FiniteGame", "as_normal_form", "require_two_players", "is_symmetric", "symmetric_matrix",
           "as_symmetric_game"]


@runtime_checkable
class FiniteGame(Protocol):
    """What coopgame reads from a finite game: payoff arrays with player and action labels."""

    @property
    def payoffs(self) -> tuple[Any, ...]: ...

    @property
    def players(self) -> tuple[str, ...]: ...

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]: ...


#: Anything :func:`as_normal_form` turns into a game: a game object or one payoff array per player.
GameLike = Union[NormalFormGame, SymbolicGame, Sequence["npt.ArrayLike"], "npt.NDArray[Any]"]


def as_normal_form(game: object, where: str) -> NormalFormGame:
    """The numeric game behind ``game``, or a typed error naming ``where``.

    Examples
    --------
    >>> from coopgame.games.coerce import as_normal_form
    >>> as_normal_form([[[1, 0], [0, 1]], [[1, 0], [0, 1]]], "f").shape
    (2, 2)
    >>> as_normal_form("pd", "f")
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidGameTypeError: f: expected a game (NormalFormGame, SymbolicGame or a sequence of payoff arrays), got 'pd' (str)
    """
    if isinstance(game, NormalFormGame):
        return game
    if isinstance(game, SymbolicGame):
        if game.parameters:
            names = ", ".join(sorted(s.name for s in game.parameters))
            raise UnresolvedParameterError(
                f"{where}: expected a game with numeric payoffs, got a SymbolicGame with free parameters ({names}); "
                "give them values with game.subs({...}) first")
        result = game.subs({})
        assert isinstance(result, NormalFormGame)
        return result
    if isinstance(game, (list, tuple, np.ndarray)) and not isinstance(game, str):
        try:
            return NormalFormGame(game)
        except InvalidGameError as err:
            text = str(err).removeprefix("NormalFormGame: ")
            raise type(err)(f"{where}: {text}") from None
    raise InvalidGameTypeError(
        f"{where}: expected a game (NormalFormGame, SymbolicGame or a sequence of payoff arrays), "
        f"got {describe(game)} ({type(game).__name__})")


def require_two_players(game: NormalFormGame, where: str, alternative: str = "pure_equilibria(game)") -> None:
    """Refuse games that do not have exactly two players, naming what works for N players."""
    if game.num_players != 2:
        raise NotSupportedError(
            f"{where}: expected a two-player game, got {game.num_players} players; for N-player games use {alternative}")


def is_symmetric(game: NormalFormGame) -> bool:
    """True for a two-player game with square payoffs whose column payoffs are the transposed row payoffs.

    Exact games are compared exactly, float games within the game's tolerance.
    """
    if game.num_players != 2 or game.shape[0] != game.shape[1]:
        return False
    if game.is_exact:
        A, B = game.payoffs
        return bool((B == A.T).all())
    A, B = game.float_payoffs
    # the same test as np.allclose(B, A.T, rtol=0, atol=tol), without its overhead on small matrices
    return bool(np.abs(B - A.T).max(initial=0.0) <= game.float_tolerance)


def symmetric_matrix(game: NormalFormGame, where: str) -> np.ndarray:
    """The row player's payoff matrix of a symmetric two-player game (exact or float, as the game is).

    One-population dynamics and evolutionary stability are defined only for
    such games: the column player's payoffs must be the transpose of the row
    player's.
    """
    if game.num_players != 2 or game.shape[0] != game.shape[1]:
        raise InvalidGameError(
            f"{where}: expected a symmetric two-player game (one population), got a game of shape {game.shape}")
    if not is_symmetric(game):
        raise InvalidGameError(
            f"{where}: expected a symmetric game (column payoffs = transpose of row payoffs); "
            "give one probability vector per player for two-population dynamics")
    return game.payoffs[0]


def as_symmetric_game(game: object, where: str, *, exact_integers: bool = False) -> NormalFormGame:
    """A symmetric two-player game (one population) from a game or from the row player's square payoff matrix.

    A two-dimensional array ``A`` is read as the row payoffs of the game
    ``(A, A.T)`` (exactly when ``exact_integers`` and every entry is an
    integer or a Fraction); anything else goes through
    :func:`as_normal_form` and must be symmetric (see
    :func:`symmetric_matrix`).

    Examples
    --------
    >>> from coopgame.games.coerce import as_symmetric_game
    >>> game = as_symmetric_game([[3, 0], [5, 1]], "f", exact_integers=True)
    >>> game.is_exact, game.payoffs[1].tolist() == [[3, 5], [0, 1]]
    (True, True)
    """
    if isinstance(game, (list, tuple, np.ndarray)):
        try:
            arr = np.asarray(game, dtype=object)
        except (TypeError, ValueError):
            arr = None
        if arr is not None and arr.ndim == 2:
            if exact_integers and arr.size and all(classify_scalar(v) in ("int", "exact") for v in arr.flat):
                arr = as_exact(arr)
            game = [arr, arr.T]
    nf = as_normal_form(game, where)
    symmetric_matrix(nf, where)
    return nf
