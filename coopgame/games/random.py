"""Random games for tests, examples and benchmarks."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from coopgame._checks import check_bool, check_int, check_seed, check_size, describe, public
from coopgame.errors import InvalidGameError
from coopgame.games._payoffs import MAX_PLAYERS
from coopgame.games.normal_form import NormalFormGame

__all__ = ["MAX_RANDOM_SIZE", "random_game"]

#: Most payoff numbers (players times profiles) :func:`random_game` draws; raise it with ``max_size=``.
MAX_RANDOM_SIZE = 10**7


@public
def random_game(shape: int | Sequence[int], seed: int | np.random.Generator | None = None,
                integer: bool = False, high: int = 10, *, max_size: int = MAX_RANDOM_SIZE) -> NormalFormGame:
    """A game with independent random payoffs.

    Parameters
    ----------
    shape : int or sequence of int
        Number of actions of each player; an int ``m`` means a two-player
        ``m x m`` game.
    seed : int or numpy.random.Generator, optional
        Source of randomness; the same seed gives the same game.
    integer : bool, default False
        False: float payoffs uniform on [0, 1) (non-degenerate with
        probability one). True: exact integer payoffs drawn uniformly from
        ``0, ..., high - 1``; small ``high`` gives degenerate games with ties.
    high : int, default 10
        Upper bound (exclusive) of integer payoffs.
    max_size : int, default :data:`MAX_RANDOM_SIZE` (ten million)
        Most payoff numbers drawn, ``N * m_1 * ... * m_N``, computed in
        Python integers before anything is allocated.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidGameError
        A shape that is not one positive whole number per player (at most
        32 players).
    SolverLimitError
        More than ``max_size`` payoffs.

    Examples
    --------
    >>> import coopgame as cg
    >>> game = cg.random_game((2, 3), seed=1, integer=True)
    >>> game.shape, game.is_exact
    ((2, 3), True)
    >>> game == cg.random_game((2, 3), seed=1, integer=True)
    True
    """
    where = "random_game"
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, (bool, np.bool_)):
        shape = (int(shape), int(shape))
    if isinstance(shape, (str, bytes)) or not isinstance(shape, (Sequence, np.ndarray)) or not all(
            isinstance(m, (int, np.integer)) and not isinstance(m, (bool, np.bool_)) for m in shape):
        raise InvalidGameError(f"{where}: expected whole numbers of actions per player, got {describe(shape)}")
    dims = tuple(int(m) for m in shape)
    if not dims or any(m < 1 for m in dims):
        raise InvalidGameError(f"{where}: expected at least one player and one action each, got shape {describe(dims)}")
    if len(dims) > MAX_PLAYERS:
        raise InvalidGameError(f"{where}: expected at most {MAX_PLAYERS} players (MAX_PLAYERS), got {len(dims)}")
    limit = check_int(max_size, "max_size", where, minimum=1)
    check_size(where, len(dims) * math.prod(dims), limit, what="the number of payoffs (players x profiles)",
               limit_name="max_size")
    integer = check_bool(integer, "integer", where)
    high = check_int(high, "high", where, minimum=1 if integer else None)
    rng = check_seed(seed, where)
    if integer:
        arrays = [rng.integers(0, high, size=dims) for _ in dims]
        return NormalFormGame(arrays, exact=True)
    return NormalFormGame([rng.random(dims) for _ in dims])
