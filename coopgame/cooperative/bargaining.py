"""Nash and Kalai-Smorodinsky bargaining: the split two (or, with transferable utility, n) parties agree on.

Nash (1950): over a convex feasible set of payoff vectors and a disagreement
point ``d``, the bargaining solution maximises the Nash product
``prod_i (u_i - d_i) ** w_i`` over the feasible ``u >= d`` (equal weights
``w_i = 1`` in the symmetric solution; unequal weights give the asymmetric
solution of Kalai 1977, ``w`` measuring bargaining power).

:func:`nash_bargaining` accepts

* a two-player :class:`~coopgame.games.normal_form.NormalFormGame`: the
  feasible set is the convex hull of the pure payoff profiles (the payoffs of
  jointly randomised, i.e. correlated, strategies); the default disagreement
  point is each player's max-min (security) value in mixed strategies;
* a sequence of payoff pairs, whose convex hull is the feasible set;
* a :class:`~coopgame.cooperative.tu_game.TUGame` (transferable utility): the
  grand coalition's worth is split, each player getting its disagreement
  payoff (default ``v({i})``) plus a share ``w_i / sum(w)`` of the surplus
  ``v(N) - sum_i d_i``. For a cost game the savings are shared the same way.

With two players the maximiser lies on the Pareto frontier of the hull: the
frontier's edges are found by a monotone-chain convex hull and, on each edge,
the Nash product's maximiser solves a linear equation, so rational input gives
an exact (Fraction) answer.

:func:`kalai_smorodinsky` takes the same problems (one parsing for both):
it gives each party the same fraction of its ideal gain, the point where the
ray from the disagreement point to the ideal point leaves the feasible set
(Kalai and Smorodinsky 1975).

References
----------
Nash, J. F. (1950). The bargaining problem. Econometrica 18: 155-162.
Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person
bargaining. International Journal of Game Theory 6: 179-187.
Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's bargaining
problem. Econometrica 43: 513-518.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import public
from coopgame._numeric import TOLERANCE, classify_scalar, format_number, to_fraction
from coopgame.errors import InvalidArgumentError, InvalidGameError
from coopgame.games.coerce import as_normal_form, require_two_players
from coopgame.results import Result

if TYPE_CHECKING:
    from coopgame.cooperative.tu_game import TUGame
    from coopgame.games.coerce import GameLike

__all__ = ["BargainingSolution", "KalaiSmorodinskySolution", "kalai_smorodinsky", "nash_bargaining"]


def _numbers_text(xs: Sequence[Any]) -> str:
    return ", ".join(format_number(x) for x in xs)


class _Agreement(Result):
    """What the bargaining results share: tuple fields, a read-only distribution, gains, equality by key.

    Subclasses are frozen dataclasses with ``payoffs``, ``disagreement`` and
    ``distribution`` fields; ``_tuples`` names the fields kept as tuples and
    ``_key`` those that decide equality.
    """

    payoffs: tuple[Any, ...]
    disagreement: tuple[Any, ...]
    distribution: np.ndarray | None
    _tuples: tuple[str, ...] = ()
    _key: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in self._tuples:
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.distribution is not None:
            frozen = np.array(self.distribution, copy=True)
            frozen.flags.writeable = False
            object.__setattr__(self, "distribution", frozen)

    @property
    def gains(self) -> tuple[Any, ...]:
        """Each party's gain over the disagreement point."""
        return tuple(u - d for u, d in zip(self.payoffs, self.disagreement))

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._key)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Agreement)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())


@public
@dataclass(frozen=True, eq=False, repr=False)
class BargainingSolution(_Agreement):
    """The Nash bargaining solution of a bargaining problem.

    Attributes
    ----------
    payoffs : tuple
        The agreed payoff of each party (Fractions for exact input).
    disagreement : tuple
        The disagreement point used.
    weights : tuple
        Bargaining weights (all 1 for the symmetric solution).
    nash_product : Fraction or float
        ``prod (u_i - d_i) ** w_i`` at the solution (a float when the weights
        are not integers).
    distribution : numpy.ndarray or None
        For a game: a joint distribution over pure profiles (shape
        ``game.shape``, at most two profiles; read-only) whose expected
        payoffs are the solution, i.e. the jointly randomised agreement that
        implements it. It need not be a correlated equilibrium: the agreement
        is assumed binding. None for other inputs.
    method : str
        ``"convex hull"`` or ``"transferable utility"``.
    is_exact : bool
        True when the payoffs are Fractions.

    Examples
    --------
    >>> from coopgame.cooperative.bargaining import nash_bargaining
    >>> s = nash_bargaining([(0, 0), (4, 0), (0, 2)])
    >>> s
    BargainingSolution(payoffs 2, 1; disagreement 0, 0; Nash product 2)
    >>> s.payoffs, s.is_exact
    ((Fraction(2, 1), Fraction(1, 1)), True)
    """

    payoffs: tuple[Any, ...]
    disagreement: tuple[Any, ...]
    weights: tuple[Any, ...]
    nash_product: Any
    distribution: np.ndarray | None
    method: str
    is_exact: bool = False

    _tuples = ("payoffs", "disagreement", "weights")
    _key = ("payoffs", "disagreement", "weights")

    def __repr__(self) -> str:
        fmt = _numbers_text
        w = "" if all(x == 1 for x in self.weights) else f"; weights {fmt(self.weights)}"
        return (f"BargainingSolution(payoffs {fmt(self.payoffs)}; disagreement {fmt(self.disagreement)}{w}; "
                f"Nash product {format_number(self.nash_product)})")


# ---------------------------------------------------------------------- numbers
def _numbers(values: Sequence[Any], what: str, where: str = "nash_bargaining") -> tuple[list[Any], bool]:
    kinds = {classify_scalar(v) for v in values}
    if kinds - {"int", "exact", "float"} or any(isinstance(v, (bool, np.bool_)) for v in values):
        raise InvalidArgumentError(f"{where}: {what} must be finite real numbers, got {list(values)!r}")
    if "float" in kinds:
        return [float(v) for v in values], False
    return [to_fraction(v) for v in values], True


def _product(gains: Sequence[Any], weights: Sequence[Any], exact: bool) -> Any:
    """Nash product; exact when the input is exact and the weights are integers."""
    if any(g <= 0 for g in gains):
        return Fraction(0) if exact else 0.0
    if exact and all(Fraction(w).denominator == 1 for w in weights):
        out = Fraction(1)
        for g, w in zip(gains, weights):
            out *= Fraction(g) ** int(w)
        return out
    try:
        return float(math.prod(float(g) ** float(w) for g, w in zip(gains, weights)))
    except OverflowError:  # the product exceeds the float range: its logarithm is still finite
        return math.inf


def _log_product(gains: Sequence[Any], weights: Sequence[Any]) -> float:
    if any(g <= 0 for g in gains):
        return -math.inf
    return sum(float(w) * math.log(float(g)) for g, w in zip(gains, weights))


# ---------------------------------------------------------------------- two-player polytope
def _cross(o: Sequence[Any], a: Sequence[Any], b: Sequence[Any]) -> Any:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _pareto_chain(points: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Vertices of the strictly Pareto-efficient part of the convex hull, u1 increasing (u2 decreasing).

    It runs from the point best for player 2 (ties: best for player 1) to the
    point best for player 1 (ties: best for player 2) along the upper hull of
    the points between them.
    """
    first = max(points, key=lambda p: (p[1], p[0]))
    last = max(points, key=lambda p: (p[0], p[1]))
    if first == last:
        return [first]
    best_y: dict[Any, Any] = {}
    for x, y in points:
        if x >= first[0] and y >= last[1] and (x not in best_y or y > best_y[x]):
            best_y[x] = y
    chain: list[tuple[Any, Any]] = []
    for p in sorted(best_y.items()):
        while len(chain) >= 2 and _cross(chain[-2], chain[-1], p) >= 0:
            chain.pop()
        chain.append(p)
    return chain


Segment = tuple[tuple[Any, Any], tuple[Any, Any], Any]


def _solve_polytope(points: list[tuple[Any, Any]], d: Sequence[Any], w: Sequence[Any],
                    exact: bool) -> tuple[tuple[Any, Any], Segment]:
    """Maximiser of the Nash product over the hull; also (p, q, t): u = (1 - t) p + t q for points p, q."""
    chain = _pareto_chain(points)
    one = Fraction(1) if exact else 1.0
    zero = one * 0
    candidates: list[tuple[tuple[Any, Any], tuple[tuple[Any, Any], tuple[Any, Any], Any]]] = []
    for p in chain:
        if p[0] >= d[0] and p[1] >= d[1]:
            candidates.append((p, (p, p, zero)))
    for p, q in itertools.pairwise(chain):
        p1, p2 = p[0] - d[0], p[1] - d[1]
        d1, d2 = q[0] - p[0], q[1] - p[1]  # d1 > 0 > d2 on the Pareto chain
        # t range with both gains >= 0: p1 + t d1 >= 0 and p2 + t d2 >= 0
        lo = max(zero, -p1 / d1)
        hi = min(one, -p2 / d2)
        if lo > hi:
            continue
        wa, wb = w
        t = -(wa * d1 * p2 + wb * d2 * p1) / ((wa + wb) * d1 * d2)
        t = min(max(t, lo), hi)
        u = (p[0] + t * d1, p[1] + t * d2)
        candidates.append((u, (p, q, t)))
    if not candidates:
        raise InvalidArgumentError(
            f"nash_bargaining: no feasible payoff gives both parties at least the disagreement point "
            f"({format_number(d[0])}, {format_number(d[1])}); expected a disagreement point dominated by a feasible payoff"
        )
    gains = [(u[0] - d[0], u[1] - d[1]) for u, _ in candidates]
    if all(min(g) <= 0 for g in gains):  # degenerate: nobody can gain without the other losing
        best = max(range(len(candidates)), key=lambda k: gains[k][0] + gains[k][1])
    else:
        best = max(range(len(candidates)), key=lambda k: _log_product(gains[k], w))
        if exact and all(Fraction(x).denominator == 1 for x in w):  # exact tie-break
            top = _product(gains[best], w, True)
            for k, g in enumerate(gains):
                if _product(g, w, True) > top:
                    best, top = k, _product(g, w, True)
    return candidates[best][0], candidates[best][1]


@public
def nash_bargaining(problem: GameLike | TUGame | Sequence[Sequence[Any]], disagreement: Any = None,
                    weights: Sequence[Any] | None = None) -> BargainingSolution:
    """Nash bargaining solution of a game, a set of payoff pairs, or a TU game.

    Parameters
    ----------
    problem : NormalFormGame, sequence of payoff pairs, or TUGame
        Two-player game (feasible set: convex hull of its pure payoff
        profiles), a sequence of ``(u1, u2)`` points (their convex hull), or a
        TU game (the grand coalition's worth is split).
    disagreement : sequence of numbers or "maxmin", optional
        The disagreement point. Default: each player's max-min value in
        mixed strategies for a game (``"maxmin"``), ``v({i})`` for a TU
        game; required for a set of points.
    weights : sequence of numbers, optional
        Bargaining powers (positive; default all 1, the symmetric solution).

    Returns
    -------
    BargainingSolution

    Raises
    ------
    InvalidArgumentError
        When no feasible payoff dominates the disagreement point, or for bad
        weights or a missing disagreement point.
    InvalidGameError
        For a TU game whose grand coalition is worth less than the sum of the
        disagreement payoffs.

    Examples
    --------
    Upstream region U protects a river at an opportunity cost 5 (own benefit
    1), which is worth 8 to downstream D; without agreement both get 0. With
    transferable utility they split the surplus 8 + 1 - 5 = 4 equally, so D
    pays U a transfer T with 1 - 5 + T = 2, i.e. T = 6 = (C_u - b_u + B_d) / 2:

    >>> from coopgame.cooperative.tu_game import TUGame
    >>> from coopgame.cooperative.bargaining import nash_bargaining
    >>> river = TUGame(2, {(0,): 0, (1,): 0, (0, 1): 8 + 1 - 5}, players=["U", "D"])
    >>> nash_bargaining(river).payoffs
    (Fraction(2, 1), Fraction(2, 1))

    Chicken as a bargaining problem: the players' security level is 2 each,
    and the symmetric solution is the cooperative outcome (6, 6).

    >>> from coopgame.games.normal_form import NormalFormGame
    >>> chicken = NormalFormGame([[[6, 2], [7, 0]], [[6, 7], [2, 0]]], exact=True)
    >>> s = nash_bargaining(chicken)
    >>> s.payoffs, s.disagreement
    ((Fraction(6, 1), Fraction(6, 1)), (Fraction(2, 1), Fraction(2, 1)))
    >>> nash_bargaining(chicken, weights=(3, 1)).payoffs   # (6, 6) is a kink: power does not move it
    (Fraction(6, 1), Fraction(6, 1))
    >>> nash_bargaining([(0, 0), (4, 0), (0, 2)], weights=(3, 1)).payoffs
    (Fraction(3, 1), Fraction(1, 2))
    """
    from coopgame.cooperative.tu_game import TUGame

    if isinstance(problem, TUGame):
        return _tu_bargaining(problem, disagreement, weights)
    pts, d, exact, game, profiles = _two_player_problem(problem, disagreement, "nash_bargaining")
    w = _weights(weights, 2)
    u, (p, q, t) = _solve_polytope(pts, d, w, exact)
    distribution = _distribution(game, profiles, pts, p, q, t, exact)
    gains = (u[0] - d[0], u[1] - d[1])
    return BargainingSolution(u, d, w, _product(gains, w, exact), distribution, "convex hull", exact)


def _two_player_problem(problem: Any, disagreement: Any, where: str) -> tuple[list[tuple[Any, Any]], tuple[Any, Any], bool,
                                                                            Any, list[tuple[int, ...]] | None]:
    """A two-player bargaining problem: (payoff points, disagreement point, exact, game or None, profiles or None).

    The one parsing of the problems :func:`nash_bargaining` and
    :func:`kalai_smorodinsky` take: a two-player game (its pure payoff
    profiles; default disagreement the max-min values) or a sequence of
    payoff pairs (default disagreement their componentwise minimum).
    """
    from coopgame.games.normal_form import NormalFormGame
    from coopgame.games.symbolic import SymbolicGame

    game: Any = None
    profiles: list[tuple[int, ...]] | None = None
    if isinstance(problem, (NormalFormGame, SymbolicGame)):
        game = as_normal_form(problem, where)
        require_two_players(game, where,
                            "a TUGame (e.g. TUGame.from_normal_form(game)) for n parties with transferable utility")
        arrays = game.payoffs if game.is_exact else game.float_payoffs
        profiles = list(np.ndindex(*game.shape))
        raw = [(arrays[0][p], arrays[1][p]) for p in profiles]
        if disagreement is None or (isinstance(disagreement, str) and disagreement == "maxmin"):
            from coopgame.cooperative._from_normal_form import matrix_game_value

            disagreement = (matrix_game_value(np.asarray(arrays[0])), matrix_game_value(np.asarray(arrays[1]).T))
        elif isinstance(disagreement, str):
            raise InvalidArgumentError(f"{where}: disagreement must be 'maxmin' or two numbers, got {disagreement!r}")
    else:
        if isinstance(problem, (str, bytes)):
            raise InvalidArgumentError(
                f"{where}: expected a NormalFormGame, a TUGame or a sequence of payoff pairs, got {problem!r}")
        try:
            raw = [tuple(p) for p in problem]
        except TypeError:
            raise InvalidArgumentError(
                f"{where}: expected a NormalFormGame, a TUGame or a sequence of payoff pairs, got {problem!r}"
            ) from None
        if not raw or any(len(p) != 2 for p in raw):
            raise InvalidArgumentError(f"{where}: expected a non-empty sequence of (u1, u2) pairs, got {problem!r}")
        if disagreement is None:
            disagreement = (min(p[0] for p in raw), min(p[1] for p in raw))
    d_raw = _point(disagreement, 2, where)
    flat, exact = _numbers([x for p in raw for x in p] + d_raw, "payoffs and the disagreement point", where)
    pts = [(flat[2 * k], flat[2 * k + 1]) for k in range(len(raw))]
    return pts, (flat[-2], flat[-1]), exact, game, profiles


def _distribution(game: Any, profiles: list[tuple[int, ...]] | None, pts: list[tuple[Any, Any]],
                  p: tuple[Any, Any], q: tuple[Any, Any], t: Any, exact: bool) -> np.ndarray | None:
    """For a game: the joint distribution ``(1 - t)`` on ``p``'s profile and ``t`` on ``q``'s (None otherwise)."""
    if game is None or profiles is None:
        return None
    distribution = np.zeros(game.shape, dtype=object if exact else float)
    if exact:
        distribution[...] = Fraction(0)
    distribution[profiles[pts.index(p)]] += 1 - t
    distribution[profiles[pts.index(q)]] += t
    return distribution


def _point(disagreement: Any, n: int, where: str = "nash_bargaining") -> list[Any]:
    """The disagreement point as a list of ``n`` entries (checked as numbers by the caller)."""
    if isinstance(disagreement, (str, bytes)):
        raise InvalidArgumentError(f"{where}: expected a disagreement point of {n} numbers, got {disagreement!r}")
    try:
        point = list(disagreement)
    except TypeError:
        raise InvalidArgumentError(
            f"{where}: expected a disagreement point of {n} numbers, got {disagreement!r}") from None
    if len(point) != n:
        raise InvalidArgumentError(f"{where}: expected a disagreement point of {n} numbers, got {disagreement!r}")
    return point


def _weights(weights: Sequence[Any] | None, n: int) -> tuple[Any, ...]:
    if weights is None:
        return (1,) * n
    if isinstance(weights, (str, bytes)) or not hasattr(weights, "__len__"):
        raise InvalidArgumentError(f"nash_bargaining: expected {n} weights, got {weights!r}")
    ws = list(weights)
    if len(ws) != n:
        raise InvalidArgumentError(f"nash_bargaining: expected {n} weights, got {weights!r}")
    vals, exact = _numbers(ws, "weights")
    if any(x <= 0 for x in vals):
        raise InvalidArgumentError(f"nash_bargaining: weights must be positive, got {weights!r}")
    return tuple(int(x) if exact and x.denominator == 1 else x for x in vals)


def _tu_bargaining(game: Any, disagreement: Any, weights: Sequence[Any] | None,
                   where: str = "nash_bargaining") -> BargainingSolution:
    n = game.num_players
    v = game.values
    single = [v[1 << i] for i in range(n)]
    d_raw = single if disagreement is None else _point(disagreement, n, where)
    nums, exact = _numbers(list(d_raw) + [v[-1]], "worths and the disagreement point", where)
    exact = exact and game.is_exact
    if not exact:
        nums = [float(x) for x in nums]
    d, total = nums[:-1], nums[-1]
    w = _weights(weights, n)
    wsum = sum(Fraction(x) if exact else float(x) for x in w)
    if game.cost:
        # costs: each pays its stand-alone cost minus a share of the savings
        surplus = sum(d) - total
        if surplus < 0:
            raise InvalidGameError(f"{where}: the grand coalition costs more than the stand-alone costs together")
        shares = [di - (Fraction(wi) if exact else float(wi)) / wsum * surplus for di, wi in zip(d, w)]
        gains = [di - si for di, si in zip(d, shares)]
    else:
        surplus = total - sum(d)
        if surplus < 0:
            raise InvalidGameError(
                f"{where}: v(N) = {format_number(total)} is less than the sum of the disagreement payoffs "
                f"{format_number(sum(d))}; no split gives everyone at least the disagreement point"
            )
        shares = [di + (Fraction(wi) if exact else float(wi)) / wsum * surplus for di, wi in zip(d, w)]
        gains = [si - di for di, si in zip(d, shares)]
    return BargainingSolution(tuple(shares), tuple(d), w, _product(gains, w, exact), None, "transferable utility", exact)


# ---------------------------------------------------------------------- Kalai-Smorodinsky
@public
@dataclass(frozen=True, eq=False, repr=False)
class KalaiSmorodinskySolution(_Agreement):
    """The Kalai-Smorodinsky bargaining solution: gains proportional to the ideal point's.

    Attributes
    ----------
    payoffs : tuple
        The agreed payoff of each party (Fractions for exact input).
    disagreement : tuple
        The disagreement point used.
    ideal : tuple
        The ideal (utopia) point: each party's best feasible payoff given
        that the other gets at least its disagreement payoff.
    distribution : numpy.ndarray or None
        For a game: a joint distribution over pure profiles (read-only)
        whose expected payoffs are the solution; None for other inputs.
    method : str
        ``"convex hull"`` or ``"transferable utility"``.
    is_exact : bool
        True when the payoffs are Fractions.

    Examples
    --------
    >>> from coopgame.cooperative.bargaining import kalai_smorodinsky
    >>> kalai_smorodinsky([(0, 0), (4, 0), (0, 2)])
    KalaiSmorodinskySolution(payoffs 2, 1; disagreement 0, 0; ideal 4, 2)
    """

    payoffs: tuple[Any, ...]
    disagreement: tuple[Any, ...]
    ideal: tuple[Any, ...]
    distribution: np.ndarray | None
    method: str
    is_exact: bool = False

    _tuples = ("payoffs", "disagreement", "ideal")
    _key = ("payoffs", "disagreement", "ideal")

    def __repr__(self) -> str:
        fmt = _numbers_text
        return (f"KalaiSmorodinskySolution(payoffs {fmt(self.payoffs)}; disagreement {fmt(self.disagreement)}; "
                f"ideal {fmt(self.ideal)})")


def _segments(chain: list[tuple[Any, Any]]) -> list[tuple[tuple[Any, Any], tuple[Any, Any]]]:
    """The Pareto chain as segments (a single point as a degenerate one)."""
    return list(itertools.pairwise(chain)) if len(chain) > 1 else [(chain[0], chain[0])]


def _ideal_point(chain: list[tuple[Any, Any]], d: Sequence[Any], exact: bool) -> tuple[Any, Any] | None:
    """Best payoff of each party on the Pareto chain subject to both getting at least ``d``."""
    one = Fraction(1) if exact else 1.0
    points: list[tuple[Any, Any]] = [p for p in chain if p[0] >= d[0] and p[1] >= d[1]]
    for p, q in _segments(chain):
        for axis in (0, 1):  # where the segment crosses u_axis = d_axis
            if q[axis] != p[axis]:
                t = (d[axis] - p[axis]) / (q[axis] - p[axis])
                if 0 <= t <= one:
                    u = (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
                    if u[0] >= d[0] and u[1] >= d[1]:
                        points.append(u)
    if not points:
        return None
    return max(u[0] for u in points), max(u[1] for u in points)


def _ray_exit(chain: list[tuple[Any, Any]], d: Sequence[Any], g: Sequence[Any],
              exact: bool) -> tuple[tuple[Any, Any], tuple[Any, Any], Any] | None:
    """Farthest point ``d + t g`` (t >= 0) on the Pareto chain, as (p, q, s): the point (1 - s) p + s q."""
    one = Fraction(1) if exact else 1.0
    zero = one * 0
    tol = 0 if exact else TOLERANCE * max(1.0, *(abs(float(v)) for p in chain for v in p))
    best: tuple[Any, tuple[tuple[Any, Any], tuple[Any, Any], Any]] | None = None
    for p, q in _segments(chain):
        e = (q[0] - p[0], q[1] - p[1])
        r = (p[0] - d[0], p[1] - d[1])
        det = e[0] * g[1] - e[1] * g[0]  # solve t g - s e = r
        if det != 0:
            t = (e[0] * r[1] - e[1] * r[0]) / det
            s = (g[0] * r[1] - g[1] * r[0]) / det
            candidates = [(t, s)] if -tol <= s <= one + tol else []
        else:  # parallel (or a point): endpoints on the ray
            candidates = []
            for s_end, pt in ((zero, p), (one, q)):
                rr = (pt[0] - d[0], pt[1] - d[1])
                if abs(rr[0] * g[1] - rr[1] * g[0]) <= tol:
                    k = 0 if g[0] != 0 else 1
                    candidates.append((rr[k] / g[k], s_end))
        for t, s in candidates:
            s = min(max(s, zero), one)
            if t >= -tol and (best is None or t > best[0]):
                best = (t, (p, q, s))
    return None if best is None else best[1]


@public
def kalai_smorodinsky(problem: GameLike | TUGame | Sequence[Sequence[Any]],
                      disagreement: Any = None) -> KalaiSmorodinskySolution:
    """Kalai-Smorodinsky bargaining solution of a game, a set of payoff pairs, or a TU game.

    The solution is the Pareto-optimal point at which each party's gain over
    the disagreement point is the same fraction of its ideal gain (the best
    it could get given that the other gets its disagreement payoff). It
    replaces Nash's independence of irrelevant alternatives by monotonicity
    (Kalai and Smorodinsky 1975).

    Parameters
    ----------
    problem : NormalFormGame, sequence of payoff pairs, or TUGame
        As for :func:`nash_bargaining`: a two-player game (the convex hull
        of its pure payoff profiles), a sequence of ``(u1, u2)`` points (their
        convex hull), or a TU game (the grand coalition's worth is split;
        every ideal gain is then the whole surplus, so the surplus is split
        equally).
    disagreement : sequence of numbers or "maxmin", optional
        As for :func:`nash_bargaining`.

    Returns
    -------
    KalaiSmorodinskySolution
        ``.payoffs``, ``.ideal``, ``.disagreement``; exact (Fractions) for
        exact input.

    Raises
    ------
    InvalidArgumentError
        When no feasible payoff gives both parties their disagreement
        payoffs, or for a malformed problem or disagreement point.
    InvalidGameError
        For a TU game whose grand coalition is worth less than the sum of the
        disagreement payoffs.

    References
    ----------
    Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's
    bargaining problem. Econometrica 43: 513-518.

    Examples
    --------
    On a linear frontier it agrees with Nash's solution; where the frontier
    bends they differ. Here party 1 could get 3 at best, party 2 at best 2;
    Kalai-Smorodinsky gives each three quarters of its ideal gain, Nash the
    kink (2, 2):

    >>> from coopgame.cooperative.bargaining import kalai_smorodinsky, nash_bargaining
    >>> kalai_smorodinsky([(0, 0), (2, 0), (0, 1)]).payoffs
    (Fraction(1, 1), Fraction(1, 2))
    >>> points = [(0, 0), (3, 0), (2, 2), (0, 2)]
    >>> s = kalai_smorodinsky(points)
    >>> s.payoffs, s.ideal, nash_bargaining(points).payoffs
    ((Fraction(9, 4), Fraction(3, 2)), (Fraction(3, 1), Fraction(2, 1)), (Fraction(2, 1), Fraction(2, 1)))

    With transferable utility every ideal gain is the whole surplus, so the
    surplus is split equally:

    >>> from coopgame.cooperative.tu_game import TUGame
    >>> kalai_smorodinsky(TUGame(2, {(0,): 0, (1,): 0, (0, 1): 4}, players=["U", "D"])).payoffs
    (Fraction(2, 1), Fraction(2, 1))
    """
    from coopgame.cooperative.tu_game import TUGame

    where = "kalai_smorodinsky"
    if isinstance(problem, TUGame):
        tu = _tu_bargaining(problem, disagreement, None, where)
        surplus = sum(tu.gains)
        tu_ideal = tuple(di - surplus if problem.cost else di + surplus for di in tu.disagreement)
        return KalaiSmorodinskySolution(tu.payoffs, tu.disagreement, tu_ideal, None, "transferable utility",
                                        tu.is_exact)
    pts, d, exact, game, profiles = _two_player_problem(problem, disagreement, where)
    chain = _pareto_chain(pts)
    ideal = _ideal_point(chain, d, exact)
    if ideal is None:
        raise InvalidArgumentError(
            f"{where}: no feasible payoff gives both parties at least the disagreement point "
            f"({format_number(d[0])}, {format_number(d[1])}); expected a disagreement point dominated by a feasible payoff")
    g = (ideal[0] - d[0], ideal[1] - d[1])
    if g[0] == 0 and g[1] == 0:
        exit_ = next(((p, p, 0 * g[0]) for p in chain if p == tuple(d)), None)
        u = tuple(d)
    else:
        exit_ = _ray_exit(chain, d, g, exact)
        if exit_ is None:  # pragma: no cover - the ideal point's construction puts a chain point on the ray
            raise InvalidArgumentError(f"{where}: could not locate the Kalai-Smorodinsky point")
        p, q, s = exit_
        u = (p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1]))
    distribution = None if exit_ is None else _distribution(game, profiles, pts, *exit_, exact)
    return KalaiSmorodinskySolution(u, d, ideal, distribution, "convex hull", exact)
