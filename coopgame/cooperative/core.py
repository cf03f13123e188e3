"""Core membership, core emptiness and the least core of TU games."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._checks import public
from coopgame._numeric import classify_scalar, readonly, scaled_tolerance, to_fraction
from coopgame.cooperative._worths import Worths
from coopgame.cooperative.nucleolus import (
    _benefit_values,
    _coalition_sums,
    exact_excesses,
    sequence,
)
from coopgame.errors import InvalidProfileError
from coopgame.results import ArrayResult

__all__ = ["LeastCore", "core_contains", "core_is_empty", "least_core"]


@public
@dataclass(frozen=True, eq=False)
class LeastCore(ArrayResult):
    """Least core of a TU game.

    Attributes
    ----------
    epsilon : Fraction or float
        Smallest ``e`` such that some efficient ``x`` has ``x(S) + e >= v(S)``
        for every proper non-empty coalition (for cost games
        ``x(S) - e <= c(S)``). The core is empty exactly when ``epsilon > 0``.
    allocation : numpy.ndarray
        The pre-nucleolus, a point of the least core (read-only; one entry per player).
    is_exact : bool
        True when ``epsilon`` and the allocation are Fractions.

    Examples
    --------
    >>> from coopgame.cooperative import TUGame
    >>> lc = TUGame(2, [0, 1, 1, 4]).least_core()
    >>> str(lc.epsilon), [str(x) for x in lc.allocation]
    ('-1', ['2', '2'])
    """

    epsilon: Any
    allocation: np.ndarray
    is_exact: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "allocation", readonly(np.array(self.allocation, dtype=object if self.is_exact else float)))


def core_contains(game: Worths, x: Any) -> bool:
    """True when ``x`` is efficient and no coalition can improve on it.

    Exact comparison when the game and ``x`` are exact, else the relative
    tolerance ``TOLERANCE * max(1, max |v|)``.

    Examples
    --------
    >>> from coopgame.cooperative import TUGame
    >>> from coopgame.cooperative.core import core_contains
    >>> g = TUGame(2, [0, 1, 1, 4])
    >>> core_contains(g, [2, 2]), core_contains(g, [3.5, 0.5])
    (True, False)
    """
    n = game.num_players
    xs = list(np.asarray(x, dtype=object).reshape(-1)) if not isinstance(x, np.ndarray) else list(x.reshape(-1))
    if len(xs) != n:
        raise InvalidProfileError(f"core_contains: expected an allocation with {n} entries, got {len(xs)}")
    kinds = {classify_scalar(a) for a in xs}
    if kinds - {"int", "exact", "float"}:
        raise InvalidProfileError(f"core_contains: expected allocation entries that are finite real numbers, got {xs!r}")
    v = _benefit_values(game)
    full = (1 << n) - 1
    if game.is_exact and "float" not in kinds:
        xe = [to_fraction(a) for a in xs]
        if game.cost:
            xe = [-a for a in xe]
        exc, _ = exact_excesses(game, xe)  # scaled v(S) - x(S)
        return bool(exc[full] == 0) and bool(np.all(exc <= 0))
    xa = np.array([float(a) for a in xs])
    if game.cost:
        xa = -xa
    vf = v.astype(float)
    tol = scaled_tolerance(float(np.max(np.abs(vf))))
    sums = _coalition_sums(xa, n)
    return bool(abs(sums[full] - vf[full]) <= tol) and bool(np.all(sums >= vf - tol))


def least_core(game: Worths, *, max_players: int | None = None) -> LeastCore:
    """Least core value and a least-core point (the pre-nucleolus).

    Examples
    --------
    >>> from coopgame.cooperative import TUGame
    >>> from coopgame.cooperative.core import least_core
    >>> str(least_core(TUGame(3, lambda S: 1 if len(S) >= 2 else 0)).epsilon)
    '1/3'
    """
    x, levels = sequence(game, False, "least_core", max_players)
    eps = levels[0] if levels else (0 if game.is_exact else 0.0)
    return LeastCore(epsilon=eps, allocation=-x if game.cost else x, is_exact=game.is_exact)


def core_is_empty(game: Worths, *, max_players: int | None = None) -> bool:
    """True when the core is empty (least-core ``epsilon > 0``; exact for exact games).

    Examples
    --------
    >>> from coopgame.cooperative import TUGame
    >>> from coopgame.cooperative.core import core_is_empty
    >>> core_is_empty(TUGame(2, [0, 1, 1, 4]))
    False
    """
    lc = least_core(game, max_players=max_players)
    if game.is_exact:
        return bool(lc.epsilon > 0)
    return bool(lc.epsilon > scaled_tolerance(float(np.max(np.abs(game.values)))))
