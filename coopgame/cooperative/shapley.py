"""Shapley and Banzhaf values of TU games, vectorised over bitmasks.

For each player ``i`` the marginal contributions ``v(S + i) - v(S)`` over the
``2**(n-1)`` coalitions ``S`` without ``i`` are summed by coalition size, from
one weighted ``bincount`` per player over a strided view of the worths (see
``_size_sums``); the Shapley value weights size ``s`` by ``s! (n-s-1)! / n!``.
Exact games are scaled to integers by the common denominator of their worths;
the sums are done in float64 while that is exact (every partial sum below
``2**53``) and in Python ints otherwise, so the result is exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import check_int, check_seed, describe, public
from coopgame._numeric import readonly
from coopgame.cooperative._worths import Worths
from coopgame.errors import InvalidArgumentError
from coopgame.results import ArrayResult

__all__ = ["MonteCarloShapley", "banzhaf", "exact_shapley", "monte_carlo_shapley", "popcounts", "shapley_of_worths"]


@public
@dataclass(frozen=True, eq=False)
class MonteCarloShapley(ArrayResult):
    """Sampled Shapley value.

    Attributes
    ----------
    values : numpy.ndarray
        Mean marginal contribution of each player over the sampled orders
        (read-only).
    standard_errors : numpy.ndarray
        Standard error of each mean (sample standard deviation / sqrt(samples)).
    samples : int
        Number of random orders.
    is_exact : bool
        Always False: the values are estimates.

    Examples
    --------
    >>> from coopgame.cooperative import TUGame
    >>> mc = TUGame(2, [0, 1, 2, 3]).shapley_value(method="monte_carlo", samples=50, seed=0)
    >>> mc.values.tolist(), mc.standard_errors.tolist(), mc.samples
    ([1.0, 2.0], [0.0, 0.0], 50)
    """

    values: np.ndarray
    standard_errors: np.ndarray
    samples: int
    is_exact: bool = False

    def __post_init__(self) -> None:
        for name in ("values", "standard_errors"):
            object.__setattr__(self, name, readonly(np.array(getattr(self, name), dtype=float)))


def popcounts(n: int) -> np.ndarray:
    """Number of players in each coalition, indexed by bitmask (int8 array of length ``2**n``)."""
    pc = np.zeros(1, dtype=np.int8)
    for _ in range(n):
        pc = np.concatenate((pc, pc + 1))
    return pc


def _integer_worths(game: Any) -> tuple[np.ndarray, int]:
    """Worths of an exact game times their common denominator, as int64 or Python-int object array."""
    cached = getattr(game, "_integer_values", None)
    if cached is not None:
        ints, den = cached()
        if ints is not None:
            return ints, den
    v = game.values.tolist()
    den = 1
    for d in {f.denominator for f in v}:
        den = den * d // math.gcd(den, d)
    ints = [f.numerator * (den // f.denominator) for f in v]
    big = max(abs(x) for x in ints)
    if big < (1 << 62):
        return np.array(ints, dtype=np.int64), den
    arr = np.empty(len(ints), dtype=object)
    arr[:] = ints
    return arr, den


def _size_sums(game: Any) -> tuple[list[Any], Any, bool]:
    """Per player, sums of marginal contributions grouped by coalition size.

    Returns (sums, denominator, exact) where sums[i][s] is the sum over |S| = s
    of (v(S+i) - v(S)) times ``denominator`` (an int for exact games, 1.0 else).

    With ``in_i[k]`` the sum of ``v(T)`` over coalitions of size ``k`` containing
    ``i`` and ``tot[k]`` the sum over all coalitions of size ``k``,
    ``sums[i][s] = in_i[s + 1] - (tot[s] - in_i[s])``. Each ``in_i`` is one
    weighted ``bincount`` over the half of the bitmask array whose bit ``i`` is
    set (a strided view of the worths reshaped to ``(2**(n-1-i), 2, 2**i)``).
    Exact games are scaled to integers; their float sums are exact while every
    partial sum stays below ``2**53``, otherwise the sums are done in Python ints.
    """
    n = game.num_players
    exact = game.is_exact
    den: Any
    if exact:
        vv, den = _integer_worths(game)
        big = int(np.max(np.abs(vv))) if vv.dtype != object else max(abs(int(x)) for x in vv.tolist())
        fast = vv.dtype != object and big * (1 << (n + 2)) < (1 << 53)
    else:
        vv, den, fast = game.values, 1.0, True
    if not fast:
        return _size_sums_python(game, vv, den)
    weights = vv.astype(float)
    pc = popcounts(n)
    tot = np.bincount(pc, weights=weights, minlength=n + 1)
    out = []
    for i in range(n):
        shape = (1 << (n - 1 - i), 2, 1 << i)
        sel = weights.reshape(shape)[:, 1, :].ravel()
        sizes = pc.reshape(shape)[:, 1, :].ravel()
        ins = np.bincount(sizes, weights=sel, minlength=n + 1)
        marg = ins[1:] - (tot[:-1] - ins[:-1])
        out.append([round(float(x)) for x in marg] if exact else list(marg))
    return out, den, exact


def _size_sums_python(game: Any, vv: np.ndarray, den: int) -> tuple[list[Any], Any, bool]:
    """Exact size sums in Python ints (worths too large for exact float sums)."""
    obj = np.empty(1 << game.num_players, dtype=object)
    obj[:] = [int(x) for x in vv.tolist()]
    return [[int(x) for x in row] for row in _object_size_sums(obj, game.num_players)], den, True


def _object_size_sums(worths: np.ndarray, n: int) -> list[list[Any]]:
    """Per player, sums of ``v(S + i) - v(S)`` by coalition size, in the arithmetic of the worths themselves.

    ``worths`` is an object array indexed by bitmask; only ``+`` and ``-`` of
    its items are used (Python ints, Fractions, sympy expressions alike).
    """
    pc = popcounts(n).astype(np.int64)
    order = np.argsort(pc, kind="stable")
    starts = np.concatenate(([0], np.cumsum([math.comb(n - 1, s) for s in range(n - 1)]))).astype(np.int64)
    out = []
    for i in range(n):
        bit = 1 << i
        sel = order[(order & bit) == 0]
        diff = worths[sel | bit] - worths[sel]
        out.append(list(np.add.reduceat(diff, starts)))
    return out


def shapley_of_worths(worths: Any, n: int) -> list[Any]:
    """The Shapley value of worths in their own exact arithmetic (ints, Fractions, sympy expressions).

    ``worths[mask]`` is the worth of the coalition whose members are the set
    bits of ``mask`` (``worths[0]``, the empty coalition's, is normally 0),
    ``2**n`` entries in all. Only sums, differences and products with
    Fractions of the worths are formed, so worths that are expressions (for
    instance functions of a stock, Petrosyan and Zaccour 2003) give the
    Shapley value as an expression. :class:`~coopgame.cooperative.TUGame` takes
    numbers; this is the same sum (``s!(n-s-1)!/n!`` times the marginal
    contributions, grouped by size) for any such values.

    Examples
    --------
    >>> import sympy
    >>> from coopgame.cooperative.shapley import shapley_of_worths
    >>> x = sympy.Symbol("x")
    >>> shapley_of_worths([0, x, 2, 6 + x], 2)
    [x + 2, 4]
    """
    where = "shapley_of_worths"
    n = check_int(n, "n", where, minimum=1, maximum=62)
    if isinstance(worths, (str, bytes)) or not hasattr(worths, "__len__") or len(worths) != 1 << n:
        raise InvalidArgumentError(f"{where}: expected 2**n = {1 << n} worths indexed by bitmask, got "
                                   f"{len(worths) if hasattr(worths, '__len__') else describe(worths)}")
    obj = np.empty(1 << n, dtype=object)
    obj[:] = list(worths)
    nfact = math.factorial(n)
    weights = [Fraction(math.factorial(s) * math.factorial(n - s - 1), nfact) for s in range(n)]
    return [sum((w * x for w, x in zip(weights, sums)), 0) for sums in _object_size_sums(obj, n)]


def exact_shapley(game: Worths) -> np.ndarray:
    """Exact Shapley value (Fractions for exact games, floats otherwise).

    Examples
    --------
    >>> from coopgame.cooperative import TUGame
    >>> from coopgame.cooperative.shapley import exact_shapley
    >>> [str(x) for x in exact_shapley(TUGame(2, [0, 1, 2, 6]))]
    ['5/2', '7/2']
    """
    n = game.num_players
    sums, den, exact = _size_sums(game)
    nfact = math.factorial(n)
    weights = [math.factorial(s) * math.factorial(n - s - 1) for s in range(n)]
    if exact:
        out = np.empty(n, dtype=object)
        for i in range(n):
            out[i] = Fraction(sum(w * int(x) for w, x in zip(weights, sums[i])), nfact * den)
        return out
    wf = np.array([float(Fraction(w, nfact)) for w in weights])
    return np.array([float(np.dot(wf, np.asarray(sums[i], dtype=float))) for i in range(n)])


def banzhaf(game: Worths) -> np.ndarray:
    """Banzhaf value ``sum_{S not containing i} (v(S+i) - v(S)) / 2**(n-1)``.

    Examples
    --------
    >>> from coopgame.cooperative import TUGame
    >>> from coopgame.cooperative.shapley import banzhaf
    >>> [str(x) for x in banzhaf(TUGame(2, [0, 1, 2, 6]))]
    ['5/2', '7/2']
    """
    n = game.num_players
    sums, den, exact = _size_sums(game)
    if exact:
        out = np.empty(n, dtype=object)
        for i in range(n):
            out[i] = Fraction(sum(int(x) for x in sums[i]), den << (n - 1))
        return out
    return np.array([float(np.sum(np.asarray(sums[i], dtype=float))) / 2 ** (n - 1) for i in range(n)])


def monte_carlo_shapley(game: Worths, samples: int = 1000, seed: Any = None) -> MonteCarloShapley:
    """Shapley value estimated from ``samples`` uniformly random player orders.

    Examples
    --------
    >>> from coopgame.cooperative import TUGame
    >>> from coopgame.cooperative.shapley import monte_carlo_shapley
    >>> r = monte_carlo_shapley(TUGame(3, lambda S: len(S)), samples=10, seed=2)
    >>> r.values.tolist()
    [1.0, 1.0, 1.0]
    """
    samples = check_int(samples, "samples", "monte_carlo_shapley", minimum=2)
    rng = check_seed(seed, "monte_carlo_shapley")
    n = game.num_players
    vf = game.values.astype(float) if game.is_exact else game.values
    total = np.zeros(n)
    total_sq = np.zeros(n)
    chunk = max(1, 200_000 // n)
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        perms = np.argsort(rng.random((m, n)), axis=1)
        bits = np.left_shift(np.int64(1), perms.astype(np.int64))
        cum = np.cumsum(bits, axis=1)
        marg = vf[cum] - vf[cum - bits]
        contrib = np.empty((m, n))
        contrib[np.arange(m)[:, None], perms] = marg
        total += contrib.sum(axis=0)
        total_sq += (contrib**2).sum(axis=0)
        done += m
    mean = total / samples
    var = np.maximum(total_sq / samples - mean**2, 0.0) * samples / (samples - 1)
    return MonteCarloShapley(values=mean, standard_errors=np.sqrt(var / samples), samples=int(samples))
