"""River sharing and airport games.

Convention (Ni and Wang 2007, Ambec and Sprumont 2002): agents are ordered
along the river from upstream to downstream; the paper's agent 1 is the most
upstream. Here agent ``k`` of the paper is index ``k - 1``: index 0 is the
most upstream agent.

Ni, D. and Wang, Y. (2007). Sharing a polluted river. Games and Economic
Behavior 60: 176-186. ``costs[i]`` is the cost of cleaning the river in
region ``i``.

* Local responsibility sharing (absolute territorial sovereignty): each
  region pays its own cost, ``x_i = c_i``. It is the Shapley value of the
  additive cost game ``c(S) = sum_{i in S} c_i``.
* Upstream equal sharing (unlimited territorial integrity): the cost of
  region ``j`` (1-based) is shared equally by ``j`` and its ``j - 1`` upstream
  agents, ``x_i = sum_{j >= i} c_j / j``. It is the Shapley value of the cost
  game ``c(S) = sum_{j >= min S} c_j``: a coalition is responsible for the
  cost of every region at or downstream of its most upstream member (a sum of
  games ``c_j * [S meets {1..j}]``, each shared equally by agents ``1..j``).

Ambec, S. and Sprumont, Y. (2002). Sharing a river. Journal of Economic
Theory 107: 453-462. The downstream incremental distribution gives agent
``i`` its marginal value to its upstream predecessors,
``z_i = v({1..i}) - v({1..i-1})``.

Littlechild, S. C. and Owen, G. (1973). A simple expression for the Shapley
value in a special case. Management Science 20: 370-372. Airport game
``c(S) = max_{i in S} c_i``; with costs sorted ``c_(1) <= ... <= c_(n)`` the
Shapley value of the ``k``-th is ``sum_{m <= k} (c_(m) - c_(m-1)) / (n - m + 1)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import describe, public
from coopgame._numeric import classify_scalar, to_fraction
from coopgame.cooperative.tu_game import TUGame
from coopgame.errors import InvalidGameError

__all__ = [
    "airport_game",
    "airport_shapley",
    "downstream_incremental",
    "local_responsibility",
    "local_responsibility_game",
    "upstream_equal_sharing",
    "upstream_equal_sharing_game",
]


def _costs(costs: Any, func: str, nonnegative: bool = True) -> np.ndarray:
    if isinstance(costs, (str, bytes)) or not isinstance(costs, (Sequence, np.ndarray)):
        raise InvalidGameError(f"{func}: expected a sequence of costs, got {describe(costs)}")
    try:
        arr = np.asarray(costs, dtype=object)
    except ValueError:  # ragged nesting
        raise InvalidGameError(f"{func}: expected a flat sequence of costs, got {describe(costs)}") from None
    if arr.ndim != 1:
        raise InvalidGameError(f"{func}: expected a flat sequence of costs, got {describe(costs)}")
    xs = list(arr)
    if not xs:
        raise InvalidGameError(f"{func}: costs must not be empty")
    kinds = {classify_scalar(c) for c in xs}
    if kinds - {"int", "exact", "float"} or any(isinstance(c, (bool, np.bool_)) for c in xs):
        raise InvalidGameError(f"{func}: costs must be finite real numbers, got {costs!r}")
    if "float" in kinds:
        out = np.array([float(c) for c in xs])
    else:
        out = np.empty(len(xs), dtype=object)
        out[:] = [to_fraction(c) for c in xs]
    if nonnegative and any(c < 0 for c in out):
        raise InvalidGameError(f"{func}: costs must be non-negative, got {costs!r}")
    return out


@public
def local_responsibility(costs: Sequence[Any]) -> np.ndarray:
    """Local responsibility sharing ``x_i = c_i`` (Ni and Wang 2007).

    Examples
    --------
    >>> from coopgame.cooperative import local_responsibility
    >>> [str(x) for x in local_responsibility([6, 4, 3])]
    ['6', '4', '3']
    """
    return _costs(costs, "local_responsibility").copy()


@public
def local_responsibility_game(costs: Sequence[Any]) -> TUGame:
    """Cost game ``c(S) = sum_{i in S} c_i`` whose Shapley value is local responsibility sharing.

    Examples
    --------
    >>> from coopgame.cooperative import local_responsibility_game
    >>> str(local_responsibility_game([6, 4, 3]).value({0, 2}))
    '9'
    """
    c = _costs(costs, "local_responsibility_game")
    return TUGame(len(c), lambda S: sum((c[i] for i in S), c[0] * 0), cost=True)


@public
def upstream_equal_sharing(costs: Sequence[Any]) -> np.ndarray:
    """Upstream equal sharing ``x_i = sum_{j >= i} c_j / j`` (1-based, agent 1 upstream).

    Index 0 is the most upstream agent. Exact for int/Fraction costs.

    Examples
    --------
    >>> from coopgame.cooperative import upstream_equal_sharing
    >>> [str(x) for x in upstream_equal_sharing([6, 4, 3])]
    ['9', '3', '1']
    """
    c = _costs(costs, "upstream_equal_sharing")
    n = len(c)
    exact = c.dtype == object
    shares = [c[j] / (Fraction(j + 1) if exact else (j + 1)) for j in range(n)]
    out = np.empty(n, dtype=c.dtype)
    acc = Fraction(0) if exact else 0.0
    for i in range(n - 1, -1, -1):
        acc = acc + shares[i]
        out[i] = acc
    return out


@public
def upstream_equal_sharing_game(costs: Sequence[Any]) -> TUGame:
    """Cost game ``c(S) = sum_{j >= min S} c_j`` whose Shapley value is upstream equal sharing.

    Examples
    --------
    >>> from coopgame.cooperative import upstream_equal_sharing_game
    >>> g = upstream_equal_sharing_game([6, 4, 3])
    >>> str(g.value({1})), str(g.value({0, 2}))
    ('7', '13')
    """
    c = _costs(costs, "upstream_equal_sharing_game")
    n = len(c)
    return TUGame(n, lambda S: sum((c[j] for j in range(min(S), n)), c[0] * 0) if S else 0, cost=True)


@public
def downstream_incremental(values: Any) -> np.ndarray:
    """Downstream incremental distribution ``z_i = v({1..i}) - v({1..i-1})`` (Ambec and Sprumont 2002).

    ``values`` is either a :class:`TUGame` (players ordered upstream to
    downstream, index 0 most upstream) or the sequence
    ``v({1}), v({1,2}), ..., v({1..n})`` of worths of the upstream prefixes.

    Examples
    --------
    >>> from coopgame.cooperative import downstream_incremental
    >>> [str(x) for x in downstream_incremental([2, 5, 9])]
    ['2', '3', '4']
    """
    if isinstance(values, TUGame):
        n = values.num_players
        prefix = np.array([values.values[(1 << (i + 1)) - 1] for i in range(n)], dtype=values.values.dtype)
    else:
        prefix = _costs(values, "downstream_incremental", nonnegative=False)
    out = prefix.copy()
    out[1:] = prefix[1:] - prefix[:-1]
    return out


@public
def airport_game(costs: Sequence[Any]) -> TUGame:
    """Airport cost game ``c(S) = max_{i in S} c_i`` (Littlechild and Owen 1973).

    Examples
    --------
    >>> from coopgame.cooperative import airport_game
    >>> g = airport_game([1, 2, 3])
    >>> [str(x) for x in g.shapley_value()]
    ['1/3', '5/6', '11/6']
    """
    c = _costs(costs, "airport_game")
    return TUGame(len(c), lambda S: max(c[i] for i in S) if S else 0, cost=True)


@public
def airport_shapley(costs: Sequence[Any]) -> np.ndarray:
    """Shapley value of the airport game by the Littlechild-Owen formula, in the input order.

    Examples
    --------
    >>> from coopgame.cooperative import airport_shapley
    >>> [str(x) for x in airport_shapley([3, 1, 2])]
    ['11/6', '1/3', '5/6']
    """
    c = _costs(costs, "airport_shapley")
    n = len(c)
    exact = c.dtype == object
    order = sorted(range(n), key=lambda i: c[i])
    out = np.empty(n, dtype=c.dtype)
    acc = Fraction(0) if exact else 0.0
    prev = Fraction(0) if exact else 0.0
    for k, i in enumerate(order):
        acc = acc + (c[i] - prev) / (Fraction(n - k) if exact else (n - k))
        prev = c[i]
        out[i] = acc
    return out
