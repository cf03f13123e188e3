"""Reading a state of the replicator dynamics: the forms a user may give it, checked once.

A state is every population's strategy shares side by side (the layout of
:class:`~coopgame.dynamics.field.ReplicatorField`). Users give it as

* one probability vector, action label or action index per role (a mixed or
  pure profile), or for a two-strategy role of a population game the share
  of its first strategy;
* one flat probability vector, for one population;
* for a population game also ``{coordinate: value}`` or the flat tangent
  coordinates (the shares of all strategies but each role's last).

Each probability vector goes through :func:`coopgame._checks.probability_vector`,
so NaN, infinities, booleans and vectors that do not sum to one are refused
with :class:`~coopgame.InvalidProfileError`.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import describe, probability_vector
from coopgame._numeric import to_fraction
from coopgame.dynamics.field import ReplicatorField
from coopgame.errors import InvalidProfileError

__all__ = ["is_flat_vector", "is_shares", "read_state", "to_sympy_number"]


def is_flat_vector(x: Any) -> bool:
    """True for one flat sequence of scalars (numbers, not strings or nested sequences)."""
    if isinstance(x, (str, bytes, Mapping)):
        return False
    try:
        arr = np.asarray(x, dtype=object)
    except (ValueError, TypeError):
        return False
    if arr.ndim != 1 or arr.size == 0:
        return False
    return all(not isinstance(v, (str, bytes, list, tuple, np.ndarray, Mapping)) for v in arr.tolist())


def is_shares(point: Any) -> bool:
    """A flat vector with some entry that is not an integer index: the shares of one population.

    A flat sequence of integers stays a pure profile given by action indices.
    """
    if not is_flat_vector(point):
        return False
    return any(not isinstance(v, (int, np.integer)) or isinstance(v, (bool, np.bool_)) for v in point)


def to_sympy_number(v: Any, where: str = "to_sympy_number") -> sympy.Expr:
    """A scalar (or an expression) as a sympy number: rationals exact, whole floats as integers."""
    if isinstance(v, sympy.Basic):
        return v
    if isinstance(v, (bool, np.bool_)):
        raise InvalidProfileError(f"{where}: expected a number, got {describe(v)}")
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    if isinstance(v, numbers.Integral):
        return sympy.Integer(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if not np.isfinite(f):
            raise InvalidProfileError(f"{where}: expected a finite number, got {describe(v)}")
        return sympy.Integer(int(f)) if f.is_integer() else sympy.Float(f)
    try:
        return sympy.sympify(v, strict=not isinstance(v, str))
    except (sympy.SympifyError, TypeError, ValueError, SyntaxError, RecursionError):
        raise InvalidProfileError(f"{where}: expected a number or an expression, got {describe(v)}") from None


def _finish(vectors: Sequence[np.ndarray], exact: bool) -> np.ndarray:
    if exact and all(v.dtype == object for v in vectors):
        return np.concatenate([np.asarray(v, dtype=object) for v in vectors])
    return np.concatenate([np.asarray(v, dtype=float) for v in vectors])


def _completed(head: Sequence[Any], m: int, name: str, where: str, exact: bool) -> np.ndarray:
    """A role's shares from all but its last (the last is one minus their sum), checked."""
    if not is_flat_vector(list(head) + [0]) or any(isinstance(v, (bool, np.bool_)) for v in head):
        raise InvalidProfileError(f"{where}: expected {name} as numbers, got {describe(list(head))}")
    try:
        last = (Fraction(1) - sum((to_fraction(v) for v in head), Fraction(0)) if exact
                and all(_rational(v) for v in head) else 1.0 - sum(float(v) for v in head))
    except (TypeError, ValueError, OverflowError):
        raise InvalidProfileError(f"{where}: expected {name} as numbers, got {describe(list(head))}") from None
    return probability_vector([*head, last], m, name, where, exact=exact)


def _coordinate_state(field: ReplicatorField, values: Sequence[Any], where: str, what: str, exact: bool) -> np.ndarray:
    """A population game's state from its tangent coordinates (each role's shares but the last)."""
    vectors = []
    k = 0
    for p, m in enumerate(field.sizes):
        vectors.append(_completed(values[k:k + m - 1], m, f"{what} for {field.players[p]!r}", where, exact))
        k += m - 1
    return _finish(vectors, exact)


def _rational(v: Any) -> bool:
    if isinstance(v, (bool, np.bool_)):
        return False
    if isinstance(v, (Fraction, numbers.Integral)):
        return True
    return isinstance(v, sympy.Basic) and bool(v.is_Rational)


def read_state(field: ReplicatorField, x: Any, where: str, what: str = "the state", *,
               exact: bool = False) -> np.ndarray:
    """The flat state (all shares) of ``field`` that ``x`` names, checked.

    Returns Fractions (object array) when ``exact`` and the state is
    rational, floats otherwise.
    """
    n = len(field.sizes)
    game = field.population_game
    if field.populations == "single":
        if isinstance(x, str) or (isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))):
            return _pure(field, 0, x, where, what, exact)
        if not is_flat_vector(x):
            raise InvalidProfileError(f"{where}: expected {what} as one probability vector of length {field.dim} "
                                      f"(one population) or an action label, got {describe(x)}")
        return _finish([probability_vector(x, field.dim, what, where, exact=exact)], exact)
    if game is not None and isinstance(x, Mapping):
        by_name = {s.name: k for k, s in enumerate(game.state)}
        coords: list[Any] = [None] * len(by_name)
        for key, v in x.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if name not in by_name:
                raise InvalidProfileError(f"{where}: expected state coordinates among {list(by_name)}, got {key!r}")
            coords[by_name[name]] = v
        if any(c is None for c in coords):
            raise InvalidProfileError(f"{where}: expected a value for every coordinate {list(by_name)}, "
                                      f"got {list(x)}")
        return _coordinate_state(field, coords, where, what, exact)
    if isinstance(x, (str, bytes, Mapping)) or not isinstance(x, (Sequence, np.ndarray)):
        raise InvalidProfileError(f"{where}: expected {what} as one probability vector (or action label) per role "
                                  f"({n} roles), got {describe(x)}")
    items = list(x)
    if game is None:
        assert field.game is not None
        pure_indices = len(items) == n and all(
            isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in items)
        if is_flat_vector(items) and not pure_indices:
            raise InvalidProfileError(
                f"{where}: expected {what} as one probability vector (or action label) per role ({n} roles), got "
                f"the single vector {describe(x)}; one-population dynamics need a symmetric two-player game")
        if len(items) != n:
            raise InvalidProfileError(f"{where}: expected {what} as one probability vector (or action label) for "
                                      f"each of {n} roles, got {describe(x)}")
        vectors = []
        for p, v in enumerate(items):
            if isinstance(v, str) or (isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))):
                vectors.append(_pure(field, p, v, where, what, exact))
            else:
                vectors.append(probability_vector(v, field.sizes[p], f"{what} for {field.players[p]!r}", where,
                                                  exact=exact))
        return _finish(vectors, exact)
    # a population game: one entry per role, or the flat tangent coordinates
    if len(items) == n and not (is_flat_vector(items) and any(m != 2 for m in field.sizes)):
        vectors = []
        for p, (v, m) in enumerate(zip(items, field.sizes)):
            if isinstance(v, str):
                vectors.append(_pure(field, p, v, where, what, exact))
            elif is_flat_vector([v]) and m == 2:
                vectors.append(_completed([v], m, f"{what} for {field.players[p]!r}", where, exact))
            else:
                vectors.append(probability_vector(v, m, f"{what} for {field.players[p]!r}", where, exact=exact))
        return _finish(vectors, exact)
    if len(items) == field.tangent_dim and is_flat_vector(items):
        return _coordinate_state(field, items, where, what, exact)
    raise InvalidProfileError(f"{where}: expected {what} as {field.tangent_dim} coordinates, {n} action labels or "
                              f"{n} probability vectors, got {describe(x)}")


def _pure(field: ReplicatorField, p: int, label: Any, where: str, what: str, exact: bool) -> np.ndarray:
    acts = field.actions[p]
    if isinstance(label, str) and label in acts:
        k = acts.index(label)
    elif isinstance(label, (int, np.integer)) and not isinstance(label, bool) and 0 <= int(label) < len(acts):
        k = int(label)
    else:
        raise InvalidProfileError(f"{where}: expected {what} to name an action of {field.players[p]!r} among "
                                  f"{list(acts)}, got {describe(label)}")
    if exact:
        vec = np.array([Fraction(int(a == k)) for a in range(len(acts))], dtype=object)
    else:
        vec = np.zeros(len(acts))
        vec[k] = 1.0
    return vec
