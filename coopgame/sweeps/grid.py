"""Grids of parameter points, and the seed each point receives.

A grid is a mapping from parameter names to values (the full factorial
product) or a DataFrame of points. Its size is computed in Python integers
and checked against a limit (``max_points``) before any point is built.

Randomness. A swept function that takes a ``seed`` (or ``rng``) argument
receives one derived from the sweep's ``seed`` and the point's *values*
(:func:`point_seed`): not from the row number, the chunk or the worker. So
results do not depend on the executor, on the chunking, nor on where the
point sits in the grid; a point that appears twice gets the same seed (add a
``replicate`` parameter to the grid for independent repetitions).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import numbers
import sys
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import check_int, check_size, describe, public
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MAX_POINTS", "grid_points", "point_seed"]

#: Default limit on the number of points of a sweep (``max_points=``): a grid
#: mapping is refused before any point is built when its product is larger.
MAX_POINTS = 10_000_000


def _is_scalar(v: Any) -> bool:
    if v is None or isinstance(v, (str, bytes, numbers.Number)):
        return True
    if isinstance(v, np.ndarray):
        return v.ndim == 0
    return not isinstance(v, Iterable)


def _length(values: Any) -> int | None:
    """The number of values, in a Python int (``range(10**30)`` included); None when unknown."""
    if isinstance(values, range):  # len() overflows beyond sys.maxsize
        span, step = values.stop - values.start, values.step
        return max(0, -(-span // step)) if step > 0 else max(0, -(span // -step) if span < 0 else 0)
    if isinstance(values, np.ndarray):
        return int(values.size)
    try:
        return len(values)
    except (TypeError, OverflowError):
        return None


def _axis(name: Any, values: Any, where: str, max_points: int) -> list[Any]:
    """One axis of a factorial grid as a list, refused before it is built when it alone is too long."""
    import pandas as pd
    if not isinstance(name, str) or not name.isidentifier():
        raise InvalidArgumentError(f"{where}: expected parameter names that are identifiers, got {describe(name)}")
    if isinstance(values, (str, bytes)) or _is_scalar(values):
        return [values]
    if isinstance(values, (Mapping, set, frozenset)):
        raise InvalidArgumentTypeError(f"{where}: expected a sequence of values for {name!r}, "
                                       f"got {type(values).__name__}")
    length = _length(values)
    if length is not None:
        check_size(where, length, max_points, what=f"the number of values of {name!r}", limit_name="max_points")
    if isinstance(values, (np.ndarray, pd.Series, pd.Index)):
        return list(values.tolist())
    try:
        out = list(itertools.islice(iter(values), min(max_points, sys.maxsize - 1) + 1))
    except TypeError:
        raise InvalidArgumentTypeError(f"{where}: expected a sequence of values for {name!r}, "
                                       f"got {type(values).__name__}") from None
    check_size(where, len(out), max_points, what=f"the number of values of {name!r}", limit_name="max_points")
    return out


@public
def grid_points(grid: Any, where: str = "sweep", *, max_points: int = MAX_POINTS) -> pd.DataFrame:
    """The points of a grid as a DataFrame, one row per point.

    Parameters
    ----------
    grid : mapping or pandas.DataFrame
        A mapping from parameter names to sequences of values gives the full
        factorial grid, the first parameter varying slowest (as
        :func:`itertools.product`); a single number stands for a one-value
        sequence. A DataFrame is taken as the list of points itself (a Monte
        Carlo sample, a hand-picked design), with its index reset.
    where : str
        The public function named in error messages.
    max_points : int, default :data:`MAX_POINTS` (10,000,000)
        The largest number of points accepted. The size of a factorial grid
        is the product of the axes' lengths, computed in Python integers and
        checked before any point is built.

    Raises
    ------
    InvalidArgumentError
        A malformed grid (not a mapping or DataFrame, no parameter, an empty
        axis, names that are not identifiers).
    SolverLimitError
        More points than ``max_points``.

    Examples
    --------
    >>> from coopgame.sweeps import grid_points
    >>> grid_points({"F": [4, 8], "rho": [0.5, 1.0]})
       F  rho
    0  4  0.5
    1  4  1.0
    2  8  0.5
    3  8  1.0
    >>> grid_points({"a": range(10**6), "b": range(10**6)})
    Traceback (most recent call last):
    ...
    coopgame.errors.SolverLimitError: sweep: expected the number of grid points of at most max_points=10,000,000, got 1,000,000,000,000; pass a larger max_points= to accept the work
    """
    import pandas as pd
    max_points = check_int(max_points, "max_points", where, minimum=1)
    if isinstance(grid, pd.DataFrame):
        names = list(grid.columns)
        if not all(isinstance(n, str) for n in names):
            raise InvalidArgumentError(f"{where}: expected string column names in the grid DataFrame, got {names!r}")
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            raise InvalidArgumentError(f"{where}: expected distinct column names in the grid DataFrame, got {dup} twice")
        if not names:
            raise InvalidArgumentError(f"{where}: expected a grid DataFrame with at least one parameter column, got none")
        check_size(where, len(grid), max_points, what="the number of grid points", limit_name="max_points")
        return grid.reset_index(drop=True).copy()
    if not isinstance(grid, Mapping):
        raise InvalidArgumentTypeError(f"{where}: expected the grid as a mapping from parameter names to values "
                                       f"or a pandas DataFrame of points, got {type(grid).__name__}")
    if not grid:
        raise InvalidArgumentError(f"{where}: expected at least one parameter in the grid, got an empty mapping")
    names = list(grid)
    lengths = [_length(v) if not (isinstance(v, (str, bytes)) or _is_scalar(v)) else 1 for v in grid.values()]
    if all(n is not None for n in lengths):  # refuse a huge product before building any axis
        check_size(where, math.prod(lengths), max_points, what="the number of grid points",  # type: ignore[arg-type]
                   limit_name="max_points")
    axes = [_axis(name, values, where, max_points) for name, values in grid.items()]
    for name, values in zip(names, axes):
        if not values:
            raise InvalidArgumentError(f"{where}: expected at least one value for {name!r}, got an empty sequence")
    size = math.prod(len(a) for a in axes)
    check_size(where, size, max_points, what="the number of grid points", limit_name="max_points")
    # full factorial without a Python loop over points: repeat / tile each axis
    columns: dict[str, Any] = {}
    inner = size
    for name, values in zip(names, axes):
        inner //= len(values)
        outer = size // (inner * len(values))
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        col = np.tile(np.repeat(arr, inner), outer)
        columns[name] = pd.Series(col, name=name).infer_objects()
    return pd.DataFrame(columns)


# ------------------------------------------------------------------------------------ seeds
def _canonical(value: Any) -> str:
    """A text that is the same for equal numbers of any type (1, 1.0, Fraction(1), numpy.int64(1))."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None:
        return "none"
    if isinstance(value, (bool, np.bool_)):
        return f"q:{int(value)}"
    if isinstance(value, numbers.Rational):
        num, den = int(value.numerator), int(value.denominator)
        if max(num.bit_length(), den.bit_length()) > 4096:  # beyond the int-to-decimal limit: hexadecimal
            return f"x:{num:x}/{den:x}"
        return f"q:{num}/{den}"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        q = Fraction(value)
        return f"q:{q.numerator}/{q.denominator}"
    if isinstance(value, str):
        return "s:" + value
    mod = type(value).__module__
    if mod.startswith("sympy") and getattr(value, "is_Rational", False):
        return f"q:{int(value.p)}/{int(value.q)}"
    return f"{type(value).__name__}:{value!r}"


def base_sequence(seed: Any) -> np.random.SeedSequence:
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence([int(v) for v in seed.integers(0, 2 ** 32, size=4)])
    if seed is None:
        return np.random.SeedSequence()
    try:
        return np.random.SeedSequence(seed)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"sweep: expected seed as None, a non-negative integer, a sequence of them, "
                                   f"a SeedSequence or a Generator, got {seed!r}") from None


@public
def point_seed(seed: Any, point: Mapping[str, Any]) -> int:
    """The seed a sweep passes to its function at ``point``.

    Derived from ``seed`` and a stable hash (BLAKE2b, not Python's ``hash``)
    of the point's names and values, with numbers compared by value
    (``1``, ``1.0`` and ``Fraction(1)`` give the same seed). So it does not
    depend on the executor, the chunking or the row.

    Examples
    --------
    >>> from coopgame.sweeps import point_seed
    >>> point_seed(42, {"F": 8, "rho": 0.5}) == point_seed(42, {"rho": 0.5, "F": 8.0})
    True
    >>> point_seed(42, {"F": 8}) == point_seed(43, {"F": 8})
    False
    """
    if not isinstance(point, Mapping) or not all(isinstance(k, str) for k in point):
        raise InvalidArgumentTypeError(f"point_seed: expected the point as a mapping from parameter names (str) "
                                       f"to values, got {describe(point)}")
    return seed_from(base_sequence(seed), point)


def seed_from(base: np.random.SeedSequence, point: Mapping[str, Any]) -> int:
    text = "\x1f".join(f"{k}\x1e{_canonical(v)}" for k, v in sorted(point.items()))
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    words = tuple(int.from_bytes(digest[i:i + 4], "little") for i in range(0, 16, 4))
    child = np.random.SeedSequence(base.entropy, spawn_key=(*base.spawn_key, *words))
    return int(child.generate_state(1, np.uint64)[0])
