"""Payoff numbers: what a finite game accepts as payoffs, and how they become exact or float arrays.

One function, :func:`numeric_array`, decides for every numeric game
(:class:`~coopgame.NormalFormGame`, :class:`~coopgame.SymmetricGame`) which
entries are payoffs: real numbers, finite, not booleans, with at most
:data:`coopgame._checks.MAX_DIGITS` digits when exact (so every exact payoff
also has a float value). Exact games keep them as Fractions; float games as
float64.
"""

from __future__ import annotations

import decimal
import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from coopgame._checks import MAX_DIGITS, describe
from coopgame._numeric import as_exact, as_float, classify_scalar
from coopgame.errors import InvalidGameError, UnresolvedParameterError

__all__ = ["MAX_PLAYERS", "payoff_array", "check_shapes", "numeric_arrays"]

#: Most players (axes of a payoff array) a finite game may have: numpy's limit on array dimensions.
MAX_PLAYERS = 32

_BITS = MAX_DIGITS * 3.33  # bits of a MAX_DIGITS-digit integer, as in coopgame._checks


def _object_array(p: Any, k: int, where: str) -> np.ndarray:
    try:
        return np.array(p, dtype=object)
    except (ValueError, TypeError, RecursionError) as err:
        raise InvalidGameError(
            f"{where}: expected a rectangular array for player {k + 1}'s payoffs, got a ragged nesting ({err})") from None


def payoff_array(p: Any, k: int, where: str, *, formulas: bool = False) -> np.ndarray:
    """Player ``k``'s payoffs as an ndarray (numeric dtype, or object for exact and other entries).

    Refuses ragged nestings, arrays of more than :data:`MAX_PLAYERS` axes
    and, unless ``formulas`` (entries are formulas, kept in an object array),
    text and complex numbers.
    """
    if isinstance(p, (str, bytes)):
        raise InvalidGameError(f"{where}: expected an array of payoffs for player {k + 1}, got the text {describe(p)}")
    if formulas:
        arr = _object_array(p, k, where)
    elif isinstance(p, np.ndarray) and p.dtype.kind in "iuf":
        arr = p
    else:
        try:
            arr = np.array(p)
        except (ValueError, TypeError, RecursionError, OverflowError):
            arr = _object_array(p, k, where)
        if arr.dtype.kind in "USa":
            raise InvalidGameError(
                f"{where}: expected numbers in player {k + 1}'s payoffs, got text such as {describe(arr.reshape(-1)[0])}")
        if arr.dtype.kind == "c":
            raise InvalidGameError(f"{where}: expected real payoffs for player {k + 1}, got complex numbers")
        if arr.dtype.kind not in "biufO":
            arr = _object_array(p, k, where)
        elif arr.dtype.kind in "iuf" and any(isinstance(v, (bool, np.bool_)) for v in _object_array(p, k, where).reshape(-1)):
            arr = _object_array(p, k, where)  # numpy turned booleans into numbers: keep them to refuse them
    if arr.ndim > MAX_PLAYERS:
        raise InvalidGameError(f"{where}: expected at most {MAX_PLAYERS} players (MAX_PLAYERS), got {arr.ndim} axes")
    if arr.dtype == object:
        for v in arr.reshape(-1):
            if isinstance(v, (list, tuple, np.ndarray)):
                raise InvalidGameError(
                    f"{where}: expected a rectangular array for player {k + 1}'s payoffs, got a ragged nesting of lists")
    return arr


def check_shapes(arrays: Sequence[np.ndarray], where: str) -> tuple[int, ...]:
    """The common shape of one payoff array per player: N arrays with N axes each, no empty axis."""
    n = len(arrays)
    if n == 0:
        raise InvalidGameError(f"{where}: expected payoff arrays for at least one player, got none")
    if n > MAX_PLAYERS:
        raise InvalidGameError(f"{where}: expected at most {MAX_PLAYERS} players (MAX_PLAYERS), got {n} payoff arrays")
    shape = arrays[0].shape
    for k, a in enumerate(arrays):
        if a.shape != shape:
            raise InvalidGameError(f"{where}: expected every player's payoff array to have the same shape, "
                                   f"got {shape} for player 1 and {a.shape} for player {k + 1}")
    if len(shape) != n:
        raise InvalidGameError(f"{where}: expected {n} payoff arrays with {n} axes each (one axis per player), "
                               f"got arrays of shape {shape}")
    if any(m == 0 for m in shape):
        raise InvalidGameError(f"{where}: expected every player to have at least one action, got shape {shape}")
    return tuple(shape)


def _too_long(v: Any) -> bool:
    """True for an exact number whose numerator or denominator has more than MAX_DIGITS digits."""
    if isinstance(v, decimal.Decimal):
        sign, digits, exponent = v.as_tuple()
        return len(digits) > MAX_DIGITS or abs(int(exponent)) > MAX_DIGITS
    if isinstance(v, numbers.Integral):
        return abs(int(v)).bit_length() > _BITS
    if isinstance(v, numbers.Rational):
        return abs(int(v.numerator)).bit_length() > _BITS or int(v.denominator).bit_length() > _BITS
    p, q = getattr(v, "p", None), getattr(v, "q", None)  # sympy Rational
    if isinstance(p, int) and isinstance(q, int):
        return abs(p).bit_length() > _BITS or q.bit_length() > _BITS
    return False


def _kinds(arr: np.ndarray, where: str, locate: Callable[[tuple[int, ...]], str], free: set[Any]) -> set[str]:
    """The kinds of numbers in ``arr`` ("int", "exact", "float"); a typed error for anything else.

    Free symbols are added to ``free`` (the caller names them all at once).
    """
    if arr.dtype.kind == "b":
        raise InvalidGameError(f"{where}: expected real numbers as payoffs, got a boolean as the payoff {locate((0,) * arr.ndim)}")
    if arr.dtype.kind == "f":
        if not np.isfinite(arr).all():
            idx = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
            raise InvalidGameError(f"{where}: expected a finite real number as the payoff {locate(idx)}, got {arr[idx]} "
                                   "(NaN and infinite values are not payoffs)")
        return {"float"}
    if arr.dtype.kind in "iu":
        return {"int"}
    kinds: set[str] = set()
    for idx, v in np.ndenumerate(arr):
        kind = "bad" if isinstance(v, (bool, np.bool_)) else classify_scalar(v)
        if kind == "symbolic":
            free |= v.free_symbols
            continue
        if kind in ("bad", "nonfinite"):
            what = "a finite real number" if kind == "nonfinite" else "a real number"
            why = " (NaN and infinite values are not payoffs)" if kind == "nonfinite" else ""
            raise InvalidGameError(f"{where}: expected {what} as the payoff {locate(idx)}, got {describe(v)}{why}")
        if kind in ("int", "exact") and _too_long(v):
            raise InvalidGameError(
                f"{where}: expected payoffs with at most {MAX_DIGITS} digits (coopgame._checks.MAX_DIGITS), "
                f"got {describe(v)} as the payoff {locate(idx)}")
        kinds.add(kind)
    return kinds


def numeric_arrays(arrays: Sequence[np.ndarray], exact: bool | None, where: str,
                   locate: Callable[[int, tuple[int, ...]], str]) -> list[np.ndarray]:
    """The arrays checked and converted: object arrays of Fractions (exact) or float64 arrays.

    ``exact=None`` makes them exact when some entry is a Fraction (or another
    exact rational) and none is a float. ``locate(k, index)`` names the entry
    at ``index`` of array ``k`` in error messages.

    Raises
    ------
    InvalidGameError
        For booleans, text, None, complex numbers, NaN, infinities and exact
        numbers of more than :data:`~coopgame._checks.MAX_DIGITS` digits.
    UnresolvedParameterError
        For expressions with free symbols, naming them.
    """
    kinds: set[str] = set()
    free: set[Any] = set()
    for k, a in enumerate(arrays):
        def at(idx: tuple[int, ...], k: int = k) -> str:
            return locate(k, idx)

        kinds |= _kinds(a, where, at, free)
    if free:
        names = ", ".join(sorted(str(s) for s in free))
        raise UnresolvedParameterError(
            f"{where}: expected numeric payoffs, got expressions with free parameters ({names}); "
            "use SymbolicGame and .subs(...) to give them values")
    if exact is None:
        exact = "exact" in kinds and "float" not in kinds
    if exact:
        return [as_exact(a) for a in arrays]
    out = []
    for k, a in enumerate(arrays):
        f = np.array(as_float(a), dtype=float)
        if not np.isfinite(f).all():
            idx = tuple(int(i) for i in np.argwhere(~np.isfinite(f))[0])
            raise InvalidGameError(f"{where}: expected a finite real number as the payoff {locate(k, idx)}, got {f[idx]} "
                                   "(NaN and infinite values are not payoffs)")
        out.append(f)
    return out
