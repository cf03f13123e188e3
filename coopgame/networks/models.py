"""Network-formation games: the connections model, the co-author model, and user value functions.

* Connections model (Jackson and Wolinsky 1996): region ``i`` gains
  ``w_ij * delta ** d(i, j)`` from every region ``j`` it reaches at
  distance ``d(i, j)`` and pays ``c_ij`` for each of its own links ``ij``.
  Costs may be one number or a matrix (region- and distance-specific costs
  from a distance matrix of jurisdictions, see :func:`distance_costs`).
* Co-author model (Jackson and Wolinsky 1996, section 4): each collaborator
  ``j`` of ``i`` brings ``1/n_i + 1/n_j + 1/(n_i n_j)``, with ``n_i`` the
  number of ``i``'s links.
* A user value function: :class:`~coopgame.networks.NetworkGame`.

Exact (Fraction) payoffs for rational parameters; floats otherwise.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import check_int, check_real, describe, public
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.networks._kernels import COMPILED, reach_payoffs
from coopgame.networks.game import (
    MAX_PLAYERS,
    NetworkGame,
    chunked,
    distances,
    exact_or_float_table,
    is_rational,
    neighbour_masks,
    neighbours,
)

__all__ = ["connections_model", "coauthor_model", "distance_costs"]

#: Largest integer a scaled exact payoff table may hold (beyond it the table is float): int64 with headroom for sums.
_INT_LIMIT = 2**61


def popcount(a: np.ndarray) -> np.ndarray:
    """Number of set bits of each entry of a non-negative int64 array."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(a).astype(np.int64)
    out = np.zeros_like(a)  # pragma: no cover - numpy < 2
    x = a.copy()  # pragma: no cover
    while x.any():  # pragma: no cover
        out += x & 1
        x >>= 1
    return out  # pragma: no cover


def square_matrix(value: Any, n: int, name: str, where: str, *, minimum: float | None = None) -> list[list[Any]]:
    """An n x n matrix of finite reals (exact entries kept exact); the diagonal is ignored and set to 0."""
    if isinstance(value, (str, bytes)):
        raise InvalidArgumentTypeError(f"{where}: expected {name} as an {n} x {n} matrix, got {describe(value)}")
    try:
        rows = [list(r) for r in value]
    except TypeError:
        raise InvalidArgumentTypeError(f"{where}: expected {name} as a number or an {n} x {n} matrix, "
                                       f"got {describe(value)}") from None
    if len(rows) != n or any(len(r) != n for r in rows):
        raise InvalidArgumentError(f"{where}: expected {name} as an {n} x {n} matrix, got {describe(value)}")
    return [[0 if i == j else check_real(rows[i][j], f"{name}[{i}][{j}]", where, minimum=minimum, exact=True)
             for j in range(n)] for i in range(n)]


def _matrix(value: Any, n: int, name: str, where: str, *, minimum: float | None) -> list[list[Any]]:
    if isinstance(value, (list, tuple, np.ndarray)):
        return square_matrix(value, n, name, where, minimum=minimum)
    x = check_real(value, name, where, minimum=minimum, exact=True)
    return [[0 if i == j else x for j in range(n)] for i in range(n)]


def _lcm_den(values: Sequence[Any]) -> int:
    out = 1
    for v in values:
        d = Fraction(v).denominator
        out = out * d // math.gcd(out, d)
    return out


def reach_benefits(nbr: np.ndarray, B: Sequence[Sequence[Sequence[Any]]], uniform: Sequence[bool],
                   dtype: Any) -> np.ndarray:
    """Benefits ``sum_j B[d][i][j]`` over the players ``j`` that ``i`` reaches at distance ``d``, for many networks.

    ``nbr[:, i]`` is the bitmask of the players one step from ``i`` (its
    neighbours, or the players it links to for directed flow); reach grows by
    breadth-first search on bitmasks. ``uniform[i]`` says that ``B[d][i][j]``
    is the same for every ``j``, so a popcount replaces the sum.
    """
    size, n = nbr.shape
    u = np.zeros((size, n), dtype=dtype)
    reached = nbr | (np.int64(1) << np.arange(n, dtype=np.int64))
    frontier = nbr
    for d in range(1, n):
        for i in range(n):
            if uniform[i]:
                coef = B[d][i][(i + 1) % n] if n > 1 else 0
                if coef:
                    u[:, i] += popcount(frontier[:, i]) * coef
            else:
                for j in range(n):
                    if j != i and B[d][i][j]:
                        u[:, i] += ((frontier[:, i] >> j) & 1) * B[d][i][j]
        if d == n - 1:
            break
        nxt = np.zeros_like(frontier)
        for i in range(n):
            f = frontier[:, i]
            acc = nxt[:, i]
            for j in range(n):
                acc |= nbr[:, j] & -((f >> j) & 1)
        nxt &= ~reached
        if not nxt.any():
            break
        reached |= nxt
        frontier = nxt
    return u


class _ConnectionsKernel:
    """Payoffs of the connections model: sum of w_ij delta^d(i,j) over reached j, minus own links' costs."""

    def __init__(self, n: int, delta: Any, cost: list[list[Any]], benefit: list[list[Any]]) -> None:
        self.n = n
        self.exact = is_rational(delta) and all(is_rational(v) for row in cost + benefit for v in row)
        conv = Fraction if self.exact else float
        self.delta = conv(delta)
        self.cost = tuple(tuple(conv(v) for v in row) for row in cost)
        self.benefit = tuple(tuple(conv(v) for v in row) for row in benefit)

    def key(self) -> tuple[Any, ...]:
        return ("connections", self.delta, self.cost, self.benefit)

    @functools.cached_property
    def _scaled(self) -> tuple[list[list[list[Any]]], list[list[Any]], int] | None:
        """Integer coefficients and their common scale, for fast exact payoffs (small games only)."""
        if not self.exact or self.n > 12:
            return None
        B, C, exact = self._coefficients()
        if not exact:
            return None
        delta = Fraction(self.delta)
        scale = delta.denominator ** (self.n - 1) * _lcm_den([v for row in self.benefit for v in row]) * _lcm_den(
            [v for row in self.cost for v in row])
        return B, C, scale

    def payoffs(self, game: NetworkGame, mask: int) -> tuple[Any, ...]:
        n = self.n
        adj = neighbours(mask, game._pairs, n)
        if self._scaled is not None:
            B, C, scale = self._scaled
            return tuple(Fraction(sum(B[d][i][j] for j, d in distances(adj, i).items()) - sum(C[i][j] for j in adj[i]),
                                  scale) for i in range(n))
        zero: Any = Fraction(0) if self.exact else 0.0
        out = []
        for i in range(n):
            u = zero
            for j, d in distances(adj, i).items():
                u += self.benefit[i][j] * self.delta ** d
            for j in adj[i]:
                u -= self.cost[i][j]
            out.append(u)
        return tuple(out)

    def _coefficients(self) -> tuple[list[list[list[Any]]], list[list[Any]], bool]:
        """Per-distance benefit coefficients B[d][i][j] and costs C[i][j] of the table, scaled to integers when exact."""
        n = self.n
        if self.exact:
            delta = Fraction(self.delta)
            p, q = delta.numerator, delta.denominator
            dw = _lcm_den([v for row in self.benefit for v in row])
            dc = _lcm_den([v for row in self.cost for v in row])
            B = [[[int(self.benefit[i][j] * dw) * p**d * q ** (n - 1 - d) * dc for j in range(n)] for i in range(n)]
                 for d in range(n)]
            C = [[int(self.cost[i][j] * dc) * q ** (n - 1) * dw for j in range(n)] for i in range(n)]
            bound = max((sum(abs(B[d][i][j]) for d in range(n) for j in range(n)) + sum(abs(c) for c in C[i])
                         for i in range(n)), default=0)
            if bound < _INT_LIMIT:
                return B, C, True
        B = [[[float(self.benefit[i][j]) * float(self.delta) ** d for j in range(n)] for i in range(n)] for d in range(n)]
        C = [[float(self.cost[i][j]) for j in range(n)] for i in range(n)]
        return B, C, False

    def table(self, game: NetworkGame, masks: np.ndarray) -> tuple[np.ndarray, bool]:
        n = self.n
        B, C, exact = self._coefficients()
        dtype = np.int64 if exact else float
        pairs = game._pairs
        if COMPILED:
            src = np.array([i for i, _ in pairs], dtype=np.int64)
            dst = np.array([j for _, j in pairs], dtype=np.int64)
            csrc = np.array([C[i][j] for i, j in pairs], dtype=dtype)
            cdst = np.array([C[j][i] for i, j in pairs], dtype=dtype)
            coef = np.array(B, dtype=dtype).reshape(n, n, n)
            return reach_payoffs(masks, src, dst, True, coef, csrc, cdst), exact
        uniform = [len({B[1][i][j] for j in range(n) if j != i}) <= 1 for i in range(n)]

        def kernel(chunk: np.ndarray) -> np.ndarray:
            u = np.zeros((chunk.shape[0], n), dtype=dtype)
            for k, (i, j) in enumerate(pairs):
                bit = (chunk >> k) & 1
                if C[i][j]:
                    u[:, i] -= bit * C[i][j]
                if C[j][i]:
                    u[:, j] -= bit * C[j][i]
            u += reach_benefits(neighbour_masks(chunk, pairs, n), B, uniform, dtype)
            return u

        return chunked(kernel, masks, n, dtype), exact


class _CoauthorKernel:
    """Payoffs of the co-author model: sum over i's collaborators j of 1/n_i + 1/n_j + 1/(n_i n_j)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.exact = True

    def key(self) -> tuple[Any, ...]:
        return ("coauthor",)

    def payoffs(self, game: NetworkGame, mask: int) -> tuple[Any, ...]:
        adj = neighbours(mask, game._pairs, self.n)
        deg = [len(a) for a in adj]
        return tuple(sum((Fraction(1, deg[i]) + Fraction(1, deg[j]) + Fraction(1, deg[i] * deg[j]) for j in adj[i]),
                         Fraction(0)) for i in range(self.n))

    def table(self, game: NetworkGame, masks: np.ndarray) -> tuple[np.ndarray, bool]:
        n = self.n
        base = math.lcm(*range(1, max(n, 2)))
        scale = base * base
        if scale * 3 * n >= _INT_LIMIT:  # pragma: no cover - only for hundreds of players
            rows = [self.payoffs(game, int(m)) for m in masks]
            return exact_or_float_table(rows, n)
        inv = np.array([0] + [scale // d for d in range(1, n)], dtype=np.int64)
        inv2 = np.array([[0 if a == 0 or b == 0 else scale // (a * b) for b in range(n)] for a in range(n)], dtype=np.int64)
        pairs = game._pairs

        def kernel(chunk: np.ndarray) -> np.ndarray:
            nbr = neighbour_masks(chunk, pairs, n)
            deg = popcount(nbr)
            u = np.zeros((chunk.shape[0], n), dtype=np.int64)
            for k, (i, j) in enumerate(pairs):
                bit = (chunk >> k) & 1
                share = bit * (inv[deg[:, i]] + inv[deg[:, j]] + inv2[deg[:, i], deg[:, j]])
                u[:, i] += share
                u[:, j] += share
            return u

        return chunked(kernel, masks, n, np.int64), True


@public
def connections_model(n: int, delta: Any, cost: Any, *, benefit: Any = None,
                      players: Sequence[Hashable] | None = None) -> NetworkGame:
    """The connections model of Jackson and Wolinsky (1996): benefits decay with distance, each link costs.

    Region ``i`` gains ``w_ij * delta ** d`` from every region ``j`` it
    reaches at distance ``d`` (links between regions pass benefits on, with
    decay) and pays ``c_ij`` for each of its own links ``ij``.

    Parameters
    ----------
    n : int
        Number of regions (at least 1).
    delta : real in (0, 1]
        Benefit of a direct link; ``delta ** d`` at distance ``d``.
    cost : real >= 0, or n x n matrix of reals >= 0
        Cost of a link to each of its ends; a matrix gives ``cost[i][j]``,
        paid by ``i`` for the link ``ij`` (region- and distance-specific
        costs, e.g. from :func:`distance_costs`). The diagonal is ignored.
    benefit : n x n matrix of reals, optional
        The weights ``w_ij`` (1 off the diagonal by default).
    players : sequence of hashable, optional
        Labels of the regions (the nodes of the networks).

    Returns
    -------
    NetworkGame
        ``.value(network)`` gives each region's payoff. Exact (Fractions)
        when ``delta``, ``cost`` and ``benefit`` are ints or Fractions.

    Raises
    ------
    InvalidArgumentError
        ``delta`` outside (0, 1], a negative or non-finite cost, a matrix of
        the wrong shape.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.networks import connections_model, efficient_networks
    >>> game = connections_model(4, delta=Fraction(1, 2), cost=Fraction(1, 3))
    >>> game.value([(0, 1), (0, 2), (0, 3)]).tolist()  # a star: centre 3/2 - 1, leaves 1/2 + 2/4 - 1/3
    [Fraction(1, 2), Fraction(2, 3), Fraction(2, 3), Fraction(2, 3)]
    >>> sorted(efficient_networks(game)[0].degree)  # delta - delta**2 < c: the star is efficient
    [(0, 3), (1, 1), (2, 1), (3, 1)]

    References
    ----------
    Jackson, M. O. and Wolinsky, A. (1996), *Journal of Economic Theory*
    71: 44-74, section 3; Jackson (2008), *Social and Economic Networks*,
    ch. 6. Claim C25 of docs/explanation/claims.md.
    """
    where = "connections_model"
    n = check_int(n, "n", where, minimum=1, maximum=MAX_PLAYERS)
    delta = check_real(delta, "delta", where, minimum=0, maximum=1, open_min=True, exact=True)
    costs = _matrix(cost, n, "cost", where, minimum=0)
    weights = _matrix(1 if benefit is None else benefit, n, "benefit", where, minimum=None)
    kernel = _ConnectionsKernel(n, delta, costs, weights)
    return NetworkGame._from_kernel(n, kernel, players=players, name="connections model", where=where)


@public
def coauthor_model(n: int, *, players: Sequence[Hashable] | None = None) -> NetworkGame:
    """The co-author model of Jackson and Wolinsky (1996): time shared between partners.

    Each partner ``j`` of ``i`` brings ``1/n_i + 1/n_j + 1/(n_i n_j)``
    (``n_i`` the number of ``i``'s links): two regions working together
    benefit from each other's attention, which is spread over all their
    partnerships. Payoffs are exact.

    Examples
    --------
    >>> from coopgame.networks import coauthor_model
    >>> coauthor_model(3).value([(0, 1)]).tolist()
    [Fraction(3, 1), Fraction(3, 1), Fraction(0, 1)]

    References
    ----------
    Jackson, M. O. and Wolinsky, A. (1996), *Journal of Economic Theory*
    71: 44-74, section 4 (the efficient network is pairs, pairwise stable
    networks are over-connected).
    """
    n = check_int(n, "n", "coauthor_model", minimum=1, maximum=MAX_PLAYERS)
    return NetworkGame._from_kernel(n, _CoauthorKernel(n), players=players, name="co-author model",
                                    where="coauthor_model")


@public
def distance_costs(distance: Any, base: Any, rate: Any = 0, *, adjacency: Any = None) -> list[list[Any]]:
    """A link-cost matrix growing with distance: ``cost[i][j] = base + rate * distance[i][j]``.

    Parameters
    ----------
    distance : n x n matrix of reals >= 0
        Distances between the jurisdictions (e.g. hops on their adjacency
        graph, or kilometres between seats).
    base, rate : real >= 0
        Fixed and per-distance cost of a link.
    adjacency : n x n matrix of 0/1, optional
        When given, adjacent jurisdictions pay only ``base``.

    Examples
    --------
    >>> distance_costs([[0, 1, 2], [1, 0, 1], [2, 1, 0]], base=1, rate=2)
    [[0, 3, 5], [3, 0, 3], [5, 3, 0]]
    """
    where = "distance_costs"
    b = check_real(base, "base", where, minimum=0, exact=True)
    r = check_real(rate, "rate", where, minimum=0, exact=True)
    if isinstance(distance, (str, bytes)) or not hasattr(distance, "__len__"):
        raise InvalidArgumentTypeError(f"{where}: expected distance as a square matrix, got {describe(distance)}")
    n = len(distance)
    dist = square_matrix(distance, n, "distance", where, minimum=0)
    adj = None if adjacency is None else square_matrix(adjacency, n, "adjacency", where, minimum=0)
    return [[0 if i == j else (b if adj is not None and adj[i][j] else b + r * dist[i][j]) for j in range(n)]
            for i in range(n)]
