"""The folk theorem's payoff region: feasible and individually rational payoffs of a stage game.

In the infinitely repeated game, every payoff profile that is *feasible*
(a convex combination of the stage game's pure payoff profiles) and
*strictly individually rational* (above each player's minmax value) is the
average payoff of a subgame-perfect equilibrium when players are patient
enough (Fudenberg and Maskin 1986; with public randomisation or, for
``delta`` near 1, without). This module computes the region:

* :func:`minmax_values`: each player's minmax value, the least payoff the
  others can hold it to when it best-responds, with the others in pure
  strategies or, for two players, mixed (a linear program);
* :func:`feasible_region` and :func:`individually_rational_region`: the
  region as a typed result with its vertices (two players) and
  ``contains(point)``.

Exact games stay exact: the hull and its clipping use Fractions, and the
mixed minmax value is recovered exactly from the LP's optimal basis and
certified by a primal-dual pair (a float is returned only if that fails).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import check_bool, check_real, describe, public
from coopgame._numeric import LP_TOLERANCE, exact_solve, scaled_tolerance
from coopgame.errors import InvalidArgumentError, NotSupportedError, SolverError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.normal_form import NormalFormGame
from coopgame.results import Result

__all__ = ["Minmax", "PayoffRegion", "minmax_values", "feasible_region", "individually_rational_region"]

Point = tuple[Any, ...]


# ------------------------------------------------------------------ minmax
@public
@dataclass(frozen=True, eq=False, repr=False)
class Minmax(Result):
    """Each player's minmax value and the punishment that achieves it.

    Attributes
    ----------
    values : tuple
        ``values[i]``: the least payoff the other players can hold player
        ``i`` to while ``i`` best-responds (Fractions for exact games when
        the exact value is certified, floats otherwise).
    punishments : tuple
        ``punishments[i]``: the other players' strategies that hold ``i``
        down: a tuple of action labels (pure) or, for two players with
        ``mixed=True``, the opponent's probability vector.
    mixed : bool
        Whether the punishers may mix.
    players : tuple of str
    is_exact : bool
        True when every value is a Fraction.
    """

    values: tuple[Any, ...]
    punishments: tuple[Any, ...]
    mixed: bool
    players: tuple[str, ...]
    is_exact: bool = False

    def __post_init__(self) -> None:
        frozen = []
        for p in self.punishments:
            if isinstance(p, np.ndarray):
                p = p.copy()
                p.flags.writeable = False
            frozen.append(p)
        object.__setattr__(self, "punishments", tuple(frozen))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Minmax):
            return NotImplemented
        return (self.values, self.mixed, self.players) == (other.values, other.mixed, other.players)

    def __hash__(self) -> int:
        return hash((self.values, self.mixed, self.players))

    def __repr__(self) -> str:
        kind = "mixed" if self.mixed else "pure"
        vals = ", ".join(f"{p}: {v}" for p, v in zip(self.players, self.values))
        return f"Minmax({kind}; {vals})"


def _pure_minmax(game: NormalFormGame, p: int, exact: bool) -> tuple[Any, tuple[str, ...]]:
    arr = game.payoffs[p] if exact else game.float_payoffs[p]
    moved = np.moveaxis(arr, p, 0)
    best = moved.max(axis=0)  # over own actions, for each profile of the others
    flat = int(np.argmin(best.reshape(-1)))
    idx = np.unravel_index(flat, best.shape)
    others = [q for q in range(game.num_players) if q != p]
    labels = tuple(game.actions[q][int(k)] for q, k in zip(others, idx))
    v = best[idx]
    return (v if exact else float(v)), labels


def _lp_minmax(M: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """min_y max_a (M y)_a over the simplex; returns value, minimiser y and the maximiser's dual x."""
    from scipy.optimize import linprog

    m, k = M.shape
    # variables (y_1..y_k, v): minimise v s.t. M y - v <= 0, sum y = 1, y >= 0
    c = np.zeros(k + 1)
    c[-1] = 1.0
    A_ub = np.hstack([M, -np.ones((m, 1))])
    A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(m), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * k + [(None, None)], method="highs")
    if res.status != 0:
        raise SolverError(f"minmax_values: the linear program failed ({res.message})")
    y = np.clip(res.x[:k], 0, None)
    y = y / y.sum()
    x = np.clip(-np.asarray(res.ineqlin.marginals, dtype=float), 0, None)
    x = x / x.sum() if x.sum() > 0 else np.full(m, 1.0 / m)
    return float(res.x[-1]), y, x


def _exact_minmax(M: np.ndarray, y: np.ndarray, x: np.ndarray, tol: float) -> tuple[Fraction, list[Fraction]] | None:
    """Recover the exact value from the float solution's supports; None unless certified optimal."""
    m, k = M.shape
    Mf = np.array([[float(v) for v in row] for row in M])
    v_f = float(np.max(Mf @ y))
    support_y = [j for j in range(k) if y[j] > tol]
    support_x = [a for a in range(m) if x[a] > tol]
    active = [a for a in range(m) if (Mf @ y)[a] >= v_f - tol * max(1.0, abs(v_f))]
    tight = [j for j in range(k) if (x @ Mf)[j] <= v_f + tol * max(1.0, abs(v_f))]
    # y on its support, with the value: rows of the active set are equal to v, probabilities sum to 1
    rows = [[M[a][j] for j in support_y] + [Fraction(-1)] for a in active] + [[Fraction(1)] * len(support_y) + [Fraction(0)]]
    sol = exact_solve(rows, [Fraction(0)] * len(active) + [Fraction(1)])
    cols = [[M[a][j] for a in support_x] + [Fraction(-1)] for j in tight] + [[Fraction(1)] * len(support_x) + [Fraction(0)]]
    dual = exact_solve(cols, [Fraction(0)] * len(tight) + [Fraction(1)])
    if sol is None or dual is None:
        return None
    v, w = sol[-1], dual[-1]
    yy = [Fraction(0)] * k
    for j, val in zip(support_y, sol[:-1]):
        yy[j] = val
    xx = [Fraction(0)] * m
    for a, val in zip(support_x, dual[:-1]):
        xx[a] = val
    if v != w or min(yy) < 0 or min(xx) < 0:
        return None
    # certificate: against y no row earns more than v; x earns at least v against every column
    if any(sum((M[a][j] * yy[j] for j in range(k)), Fraction(0)) > v for a in range(m)):
        return None
    if any(sum((xx[a] * M[a][j] for a in range(m)), Fraction(0)) < v for j in range(k)):
        return None
    return v, yy


@public
def minmax_values(game: GameLike, mixed: bool = True) -> Minmax:
    """Each player's minmax value: the least payoff the others can force on it.

    ``v_i = min_{s_-i} max_{a_i} u_i(a_i, s_-i)``, with the others' ``s_-i``
    pure profiles (``mixed=False``, any number of players) or, for two
    players, a mixed strategy of the opponent (a linear program, the value of
    the zero-sum game in player ``i``'s payoffs). Mixing can only lower the
    value: ``mixed <= pure``.

    Parameters
    ----------
    game : NormalFormGame
    mixed : bool, default True

    Returns
    -------
    Minmax

    Raises
    ------
    NotSupportedError
        ``mixed=True`` with more than two players (independent mixing by
        several punishers is not a linear program); use ``mixed=False``.

    Examples
    --------
    Matching pennies: a pure punisher can be outguessed, a mixing one holds
    the payoff to 0.

    >>> import coopgame as cg
    >>> from coopgame.repeated.folk import minmax_values
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=[["H", "T"]] * 2)
    >>> minmax_values(pennies, mixed=False).values
    (1.0, 1.0)
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    >>> minmax_values(pennies)
    Minmax(mixed; Player 1: 0, Player 2: 0)
    """
    game = as_normal_form(game, "minmax_values")
    mixed = check_bool(mixed, "mixed", "minmax_values")
    n = game.num_players
    exact = game.is_exact
    if mixed and n != 2:
        raise NotSupportedError(f"minmax_values: mixed minmax is computed for two players, got {n}; "
                                "pass mixed=False for the pure minmax")
    values: list[Any] = []
    punish: list[Any] = []
    for p in range(n):
        if not mixed:
            v, lab = _pure_minmax(game, p, exact)
            values.append(v)
            punish.append(lab)
            continue
        arr = game.payoffs[p] if exact else game.float_payoffs[p]
        M = arr if p == 0 else arr.T  # rows: p's actions, columns: the opponent's
        Mf = np.asarray(M, dtype=float)
        v_f, y, x = _lp_minmax(Mf)
        if exact:
            got = _exact_minmax(M, y, x, LP_TOLERANCE)
            if got is not None:
                values.append(got[0])
                punish.append(np.array(got[1], dtype=object))
                continue
        values.append(v_f)
        punish.append(y)
    return Minmax(tuple(values), tuple(punish), bool(mixed), tuple(game.players),
                  all(isinstance(v, (int, Fraction)) for v in values))


# ------------------------------------------------------------------ planar geometry (exact or float)
def _cross(o: Point, a: Point, b: Point) -> Any:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points: Sequence[Point], eps: Any) -> list[Point]:
    """Convex hull, counter-clockwise, without collinear points (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def half(seq: Sequence[Point]) -> list[Point]:
        out: list[Point] = []
        for q in seq:
            while len(out) >= 2 and _cross(out[-2], out[-1], q) <= eps:
                out.pop()
            out.append(q)
        return out

    lower, upper = half(pts), half(list(reversed(pts)))
    hull = lower[:-1] + upper[:-1]
    return hull


def _clip(poly: list[Point], axis: int, bound: Any) -> list[Point]:
    """``poly`` intersected with the half-plane ``x[axis] >= bound`` (Sutherland-Hodgman)."""
    if not poly:
        return []
    if len(poly) == 1:
        return poly if poly[0][axis] >= bound else []
    out: list[Point] = []
    edges = list(zip(poly, poly[1:] + poly[:1])) if len(poly) > 2 else [(poly[0], poly[1])]
    if len(poly) == 2:  # a segment
        a, b = poly
        ins = [q for q in (a, b) if q[axis] >= bound]
        if (a[axis] - bound) * (b[axis] - bound) < 0:
            t = (bound - a[axis]) / (b[axis] - a[axis])
            ins.append(tuple(a[d] + t * (b[d] - a[d]) for d in range(2)))
        return sorted(set(ins))
    for a, b in edges:
        a_in, b_in = a[axis] >= bound, b[axis] >= bound
        if a_in:
            out.append(a)
        if a_in != b_in:
            t = (bound - a[axis]) / (b[axis] - a[axis])
            out.append(tuple(bound if d == axis else a[d] + t * (b[d] - a[d]) for d in range(2)))
    # drop repeated points while keeping the order
    clean: list[Point] = []
    for q in out:
        if not clean or q != clean[-1]:
            clean.append(q)
    if len(clean) > 1 and clean[0] == clean[-1]:
        clean.pop()
    return clean


def _area(poly: Sequence[Point]) -> Any:
    if len(poly) < 3:
        return 0
    s = 0
    for a, b in zip(poly, list(poly[1:]) + [poly[0]]):
        s = s + a[0] * b[1] - a[1] * b[0]
    return s / 2


# ------------------------------------------------------------------ the region
@public
@dataclass(frozen=True, eq=False, repr=False)
class PayoffRegion(Result):
    """A region of payoff profiles of a repeated game (the folk theorem's set).

    Attributes
    ----------
    kind : str
        ``"feasible"`` or ``"individually rational"`` (feasible and at least
        each player's minmax value).
    players : tuple of str
    points : tuple of tuples
        The stage game's distinct pure payoff profiles (the region is their
        convex hull, clipped by the minmax bounds).
    vertices : tuple of tuples or None
        Two players: the region's polygon, counter-clockwise, without
        collinear points (one point or two for degenerate regions; empty when
        the region is empty). None for more players.
    minmax : tuple or None
        The lower bounds (individually rational regions only).
    mixed : bool or None
        Whether the minmax values let the punishers mix.
    is_exact : bool
        True for exact games: points, vertices and bounds are Fractions.
    """

    kind: str
    players: tuple[str, ...]
    points: tuple[Point, ...]
    vertices: tuple[Point, ...] | None
    minmax: tuple[Any, ...] | None
    mixed: bool | None
    is_exact: bool

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PayoffRegion):
            return NotImplemented
        return (self.kind, self.players, self.points, self.vertices, self.minmax, self.mixed, self.is_exact) == (
            other.kind, other.players, other.points, other.vertices, other.minmax, other.mixed, other.is_exact)

    def __hash__(self) -> int:
        return hash((self.kind, self.players, self.points, self.vertices))

    @property
    def area(self) -> Any:
        """Area of the two-player polygon (exact for exact games)."""
        if self.vertices is None:
            raise NotSupportedError("PayoffRegion.area: defined for two players")
        return _area(self.vertices)

    @property
    def is_empty(self) -> bool:
        return self.vertices is not None and len(self.vertices) == 0

    def _tol(self) -> Any:
        if self.is_exact:
            return 0
        return scaled_tolerance(max([0.0] + [abs(float(v)) for p in self.points for v in p]))

    @public
    def contains(self, point: Sequence[Any], strict: bool = False) -> bool:
        """Whether ``point`` (one payoff per player) lies in the region.

        ``strict=True`` asks for payoffs strictly above the minmax values
        (the folk theorem's strictly individually rational payoffs). Exact for
        exact games; floats use :data:`coopgame.TOLERANCE` relative to the
        largest payoff.
        """
        n = len(self.players)
        where = "PayoffRegion.contains"
        if isinstance(point, (str, bytes)) or not isinstance(point, (Sequence, np.ndarray)) or len(point) != n:
            raise InvalidArgumentError(f"{where}: expected a point with {n} coordinates, got {describe(point)}")
        strict = check_bool(strict, "strict", where)
        pt = tuple(check_real(v, "point", where, exact=self.is_exact) for v in point)
        pt = tuple(Fraction(v) if isinstance(v, int) else v for v in pt)
        tol = self._tol()
        if self.minmax is not None:
            for v, lo in zip(pt, self.minmax):
                if (v <= lo + tol) if strict else (v < lo - tol):
                    return False
        return self._in_hull(pt, tol)

    def _in_hull(self, pt: Point, tol: Any) -> bool:
        if len(self.players) == 2:
            hull = _hull(self.points, 0 if self.is_exact else tol)
            if len(hull) == 1:
                return all(abs(a - b) <= tol for a, b in zip(pt, hull[0]))
            if len(hull) == 2:
                a, b = hull
                if abs(_cross(a, b, pt)) > tol * max(1, abs(b[0] - a[0]) + abs(b[1] - a[1])):
                    return False
                return all(min(a[d], b[d]) - tol <= pt[d] <= max(a[d], b[d]) + tol for d in range(2))
            return all(_cross(a, b, pt) >= -tol * max(1, abs(b[0] - a[0]) + abs(b[1] - a[1]))
                       for a, b in zip(hull, hull[1:] + hull[:1]))
        from scipy.optimize import linprog

        P = np.array([[float(v) for v in p] for p in self.points]).T  # n x K
        K = P.shape[1]
        A_eq = np.vstack([P, np.ones((1, K))])
        b_eq = np.array([float(v) for v in pt] + [1.0])
        res = linprog(np.zeros(K), A_eq=A_eq, b_eq=b_eq, bounds=[(0, None)] * K, method="highs")
        return res.status == 0

    def __repr__(self) -> str:
        who = ", ".join(self.players)
        if self.vertices is None:
            body = f"{len(self.points)} payoff profiles"
        elif not self.vertices:
            body = "empty"
        else:
            def fmt(v: Any) -> str:
                return str(v) if self.is_exact else f"{v:.4g}"

            body = "vertices " + " ".join("(" + ", ".join(fmt(v) for v in p) + ")" for p in self.vertices)
        extra = ""
        if self.minmax is not None:
            extra = f"; minmax ({', '.join(str(v) if self.is_exact else f'{v:.4g}' for v in self.minmax)})"
            extra += ", mixed" if self.mixed else ", pure"
        return f"PayoffRegion({self.kind} for {who}: {body}{extra})"


def _points(game: NormalFormGame) -> tuple[Point, ...]:
    exact = game.is_exact
    arrs = game.payoffs if exact else game.float_payoffs
    pts = {tuple((arrs[p][idx] if exact else float(arrs[p][idx])) for p in range(game.num_players))
           for idx in np.ndindex(*game.shape)}
    return tuple(sorted(pts))


@public
def feasible_region(game: GameLike) -> PayoffRegion:
    """The feasible payoffs: the convex hull of the stage game's pure payoff profiles.

    Any payoff in it is the long-run average of some sequence of play (or of
    publicly correlated play).

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.repeated.folk import feasible_region
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    >>> feasible_region(pd)
    PayoffRegion(feasible for Player 1, Player 2: vertices (0, 5) (1, 1) (5, 0) (3, 3))
    >>> feasible_region(pd).contains((2, 3)), feasible_region(pd).contains((2, 4))
    (True, False)
    """
    game = as_normal_form(game, "feasible_region")
    pts = _points(game)
    verts = None
    if game.num_players == 2:
        tol = 0 if game.is_exact else game.float_tolerance
        verts = tuple(_hull(pts, tol))
    return PayoffRegion("feasible", tuple(game.players), pts, verts, None, None, game.is_exact)


@public
def individually_rational_region(game: GameLike, mixed: bool = True) -> PayoffRegion:
    """Feasible payoffs at or above every player's minmax value: the folk theorem's region.

    Its payoffs strictly above the minmax values
    (``region.contains(x, strict=True)``) are subgame-perfect equilibrium
    payoffs of the repeated game for discount factors close enough to 1.

    Parameters
    ----------
    game : NormalFormGame
    mixed : bool, default True
        Minmax values with mixing punishers (two players only) or pure ones.

    Examples
    --------
    The prisoner's dilemma: the quadrilateral above the mutual-defection
    payoffs (1, 1).

    >>> import coopgame as cg
    >>> from coopgame.repeated.folk import individually_rational_region
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    >>> region = individually_rational_region(pd)
    >>> region
    PayoffRegion(individually rational for Player 1, Player 2: vertices (1, 1) (13/3, 1) (3, 3) (1, 13/3); minmax (1, 1), mixed)
    >>> region.area
    Fraction(20, 3)
    >>> region.contains((1, 1)), region.contains((1, 1), strict=True)
    (True, False)
    """
    game = as_normal_form(game, "individually_rational_region")
    mm = minmax_values(game, mixed=check_bool(mixed, "mixed", "individually_rational_region"))
    feas = feasible_region(game)
    verts = None
    if feas.vertices is not None:
        poly = list(feas.vertices)
        for axis in range(2):
            poly = _clip(poly, axis, mm.values[axis])
        if len(poly) > 2:
            poly = _hull(poly, 0 if game.is_exact else feas._tol())
        verts = tuple(poly)
    return PayoffRegion("individually rational", feas.players, feas.points, verts, mm.values, bool(mixed),
                        game.is_exact)
