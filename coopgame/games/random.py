"""Random games for tests, examples and benchmarks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from coopgame.errors import InvalidGameError
from coopgame.games.normal_form import NormalFormGame

__all__ = ["random_game"]


def random_game(shape: int | Sequence[int], seed: int | np.random.Generator | None = None,
                integer: bool = False, high: int = 10) -> NormalFormGame:
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

    Returns
    -------
    NormalFormGame

    Examples
    --------
    >>> import coopgame as cg
    >>> game = cg.random_game((2, 3), seed=1, integer=True)
    >>> game.shape, game.is_exact
    ((2, 3), True)
    >>> game == cg.random_game((2, 3), seed=1, integer=True)
    True
    """
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (int(shape), int(shape))
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__iter__") or not all(
            isinstance(m, (int, np.integer)) and not isinstance(m, bool) for m in shape):
        raise InvalidGameError(f"random_game: expected whole numbers of actions per player, got {shape!r}")
    shape = tuple(int(m) for m in shape)
    if not isinstance(high, (int, np.integer)) or isinstance(high, bool):
        raise InvalidGameError(f"random_game: expected a whole number for high, got {high!r}")
    if not shape or any(m < 1 for m in shape):
        raise InvalidGameError(f"random_game: expected at least one player and one action each, got shape {shape}")
    if integer and high < 1:
        raise InvalidGameError(f"random_game: expected high >= 1 for integer payoffs, got {high}")
    rng = np.random.default_rng(seed)
    if integer:
        arrays = [rng.integers(0, high, size=shape) for _ in shape]
        return NormalFormGame(arrays, exact=True)
    return NormalFormGame([rng.random(shape) for _ in shape])
