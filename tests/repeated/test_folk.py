"""The folk theorem's region: feasible and individually rational payoffs, minmax values."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nashpy  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import assume, given, settings  # noqa: E402
from scipy.spatial import ConvexHull, HalfspaceIntersection, QhullError  # noqa: E402

import coopgame as cg  # noqa: E402
from coopgame.errors import InvalidArgumentError, NotSupportedError  # noqa: E402
from coopgame.plot.folk import folk_theorem_plot  # noqa: E402
from coopgame.repeated import play  # noqa: E402
from coopgame.repeated.discount import critical_discount_factor  # noqa: E402
from coopgame.repeated.folk import (  # noqa: E402
    Minmax,
    PayoffRegion,
    feasible_region,
    individually_rational_region,
    minmax_values,
)
from tests.strategies import bimatrix_games, games, generic_bimatrix_games, pd_payoffs  # noqa: E402


def pd(t, r, p, s):
    return cg.NormalFormGame([[[r, s], [t, p]], [[r, t], [s, p]]], actions=[["C", "D"]] * 2, exact=True)


# ------------------------------------------------------------------ hand-computed prisoner's dilemma
def test_derived_prisoners_dilemma_region_by_hand():
    """T, R, P, S = 5, 3, 1, 0. Feasible: the quadrilateral (0,5), (1,1), (5,0), (3,3).

    Individually rational: minmax (1, 1) (D holds the other to max(S, P) = 1
    whether or not the punisher mixes); the line x = 1 meets the edge from
    (0, 5) to (3, 3), y = 5 - 2x/3, at (1, 13/3), so the region is the
    quadrilateral (1, 1), (13/3, 1), (3, 3), (1, 13/3). Its area, split along
    the diagonal from (1, 1) to (3, 3): two triangles of area
    |(10/3)(2) - 0(2)|/2 = 10/3 each, 20/3 in all.
    """
    game = pd(5, 3, 1, 0)
    feas = feasible_region(game)
    assert set(feas.vertices) == {(0, 5), (1, 1), (5, 0), (3, 3)}
    assert feas.area == Fraction(1, 2) * abs(0 * 1 - 5 * 1 + 1 * 0 - 1 * 5 + 5 * 3 - 0 * 3 + 3 * 5 - 3 * 0)
    ir = individually_rational_region(game)
    third = Fraction(13, 3)
    assert list(ir.vertices) == [(1, 1), (third, 1), (3, 3), (1, third)]
    assert ir.area == Fraction(20, 3)
    assert ir.minmax == (1, 1) and individually_rational_region(game, mixed=False).minmax == (1, 1)
    assert ir.contains((3, 3)) and ir.contains((2, 2), strict=True)
    assert ir.contains((1, third)) and not ir.contains((1, third + Fraction(1, 100)))
    assert not ir.contains((Fraction(1, 2), 4))  # feasible, but below player 1's minmax
    assert feas.contains((Fraction(1, 2), 4))
    assert not ir.contains((1, 2), strict=True) and ir.contains((1, 2))
    assert "13/3" in repr(ir) and "minmax (1, 1), mixed" in repr(ir)


def test_minmax_mixed_below_pure_matching_pennies():
    pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    assert minmax_values(pennies, mixed=False).values == (1, 1)
    mixed = minmax_values(pennies)
    assert isinstance(mixed, Minmax) and mixed.values == (0, 0)
    assert list(mixed.punishments[0]) == [Fraction(1, 2), Fraction(1, 2)]
    region = individually_rational_region(pennies)
    assert region.vertices == ((0, 0),)  # a zero-sum game: only the value is individually rational
    assert individually_rational_region(pennies, mixed=False).is_empty


# ------------------------------------------------------------------ independent oracles
def _maxmin_value(M):
    """The other side of the minimax theorem: max over the player's mixed x of min_j (x M)_j, by LP."""
    from scipy.optimize import linprog

    m, k = M.shape
    res = linprog(np.r_[np.zeros(m), -1.0], A_ub=np.hstack([-M.T, np.ones((k, 1))]), b_ub=np.zeros(k),
                  A_eq=np.r_[np.ones(m), 0.0][None, :], b_eq=[1.0], bounds=[(0, None)] * m + [(None, None)],
                  method="highs")
    return -res.fun


def _nashpy_value(M):
    """Value of the zero-sum game (M, -M) from nashpy's support enumeration (None if it finds nothing)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for x, y in nashpy.Game(M, -M).support_enumeration():
            return float(x @ M @ y)
    return None


@settings(max_examples=60, deadline=None)
@given(bimatrix_games(min_actions=1, max_actions=4, exact=None))
def test_minmax_against_brute_force_and_nashpy(game):
    A, B = (np.asarray(a, dtype=float) for a in game.float_payoffs)
    Ae, Be = game.payoffs
    pure = minmax_values(game, mixed=False)
    assert pure.values[0] == min(max(Ae[i, j] for i in range(A.shape[0])) for j in range(A.shape[1]))
    assert pure.values[1] == min(max(Be[i, j] for j in range(B.shape[1])) for i in range(B.shape[0]))
    mixed = minmax_values(game)
    for p, M in ((0, A), (1, B.T)):
        assert float(mixed.values[p]) == pytest.approx(_maxmin_value(M), abs=1e-7)
        other = _nashpy_value(M)
        if other is not None:
            assert float(mixed.values[p]) == pytest.approx(other, abs=1e-7)
        assert mixed.values[p] <= pure.values[p] + 1e-9
        if game.is_exact:
            assert isinstance(mixed.values[p], Fraction)
            y = mixed.punishments[p]
            assert sum(y) == 1 and max(sum(M_row * yj for M_row, yj in zip(row, y)) for row in
                                       (game.payoffs[0] if p == 0 else game.payoffs[1].T)) == mixed.values[p]


def _ir_area_by_halfspaces(points, lo):
    """Area of hull(points) cut by x >= lo[0], y >= lo[1], from scipy's halfspace intersection."""
    hull = ConvexHull(points)
    halfspaces = np.vstack([hull.equations, [[-1, 0, lo[0]], [0, -1, lo[1]]]])
    # an interior point: the Chebyshev centre by linear programming
    from scipy.optimize import linprog

    norms = np.linalg.norm(halfspaces[:, :2], axis=1)
    res = linprog([0, 0, -1], A_ub=np.hstack([halfspaces[:, :2], norms[:, None]]), b_ub=-halfspaces[:, 2],
                  bounds=[(None, None), (None, None), (0, None)], method="highs")
    if res.status != 0 or res.x[2] < 1e-6:
        return 0.0
    inter = HalfspaceIntersection(halfspaces, res.x[:2])
    return ConvexHull(inter.intersections).volume


@settings(max_examples=60, deadline=None)
@given(generic_bimatrix_games(min_actions=2, max_actions=4, exact=False))
def test_regions_against_scipy(game):
    """Payoffs in general position (no near-collinear sliver whose vertices depend on a tolerance)."""
    feas = feasible_region(game)
    pts = np.array(feas.points, dtype=float)
    try:
        hull = ConvexHull(pts)
    except QhullError:
        assume(False)
    assert {tuple(np.round(pts[k], 9)) for k in hull.vertices} == {tuple(np.round(v, 9)) for v in feas.vertices}
    assert float(feas.area) == pytest.approx(hull.volume, rel=1e-9, abs=1e-9)
    ir = individually_rational_region(game)
    assert float(ir.area) == pytest.approx(_ir_area_by_halfspaces(pts, [float(v) for v in ir.minmax]), abs=1e-7)
    # every vertex is in the region, and random points agree with a direct test
    rng = np.random.default_rng(0)
    for v in ir.vertices:
        assert ir.contains(v)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    for q in rng.uniform(lo - 1, hi + 1, size=(40, 2)):
        inside_hull = all(np.dot(eq[:2], q) + eq[2] <= 1e-9 for eq in hull.equations)
        assert feas.contains(q) == inside_hull
        assert ir.contains(q) == (inside_hull and q[0] >= ir.minmax[0] - 1e-9 and q[1] >= ir.minmax[1] - 1e-9)


@settings(max_examples=40, deadline=None)
@given(bimatrix_games(min_actions=1, max_actions=3, exact=True))
def test_nash_payoffs_are_feasible_and_individually_rational(game):
    """Any stage equilibrium holds each player at least to its mixed minmax value."""
    ir = individually_rational_region(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = cg.mixed_equilibria(game)
    for e in eqs:
        assert all(u >= v for u, v in zip(e.payoffs, ir.minmax))
        if all(isinstance(u, Fraction) for u in e.payoffs) and len(e.payoffs) == 2:
            assert ir.contains(e.payoffs)


# ------------------------------------------------------------------ the folk theorem and repeated play
@settings(max_examples=30, deadline=None)
@given(pd_payoffs(exact=True))
def test_folk_cooperation_is_in_region_and_sustained(v):
    t, r, p, s = v
    game = pd(t, r, p, s)
    ir = individually_rational_region(game)
    assert ir.minmax == (p, p)
    assert ir.contains((r, r), strict=True)
    assert not ir.contains((s, t))  # the sucker's payoff is below the minmax
    delta = (1 + critical_discount_factor(game, ("C", "C")).value) / 2
    avg = play(game, ["grim", "grim"], 50, delta).stage_payoffs[-1]
    assert ir.contains(avg)


def test_three_players_pure_minmax_and_lp_membership():
    game = cg.models.public_goods(n=3, c=4, r=Fraction(3, 2))
    mm = minmax_values(game, mixed=False)
    assert mm.values == (0, 0, 0) and mm.punishments[0] == ("Free-ride", "Free-ride")
    region = individually_rational_region(game, mixed=False)
    assert region.vertices is None
    assert region.contains((2, 2, 2)) and region.contains((0, 0, 0))
    assert not region.contains((3, 3, 3))
    # (-2, 2, 2): region 1 governs alone (r c/n - c = -2, the others get 2); feasible but below its minmax
    assert feasible_region(game).contains((-2, 2, 2)) and not region.contains((-2, 2, 2))
    assert not feasible_region(game).contains((-2, 1, 1))
    with pytest.raises(NotSupportedError):
        minmax_values(game)
    with pytest.raises(NotSupportedError):
        _ = region.area
    with pytest.raises(InvalidArgumentError):
        region.contains((1, 1))
    assert "payoff profiles" in repr(region)


@settings(max_examples=30, deadline=None)
@given(games(num_players=3, min_actions=1, max_actions=2, exact=True))
def test_pure_minmax_three_players_brute_force(game):
    mm = minmax_values(game, mixed=False)
    for p in range(3):
        others = [q for q in range(3) if q != p]
        best = []
        for combo in itertools.product(*(range(game.shape[q]) for q in others)):
            vals = []
            for a in range(game.shape[p]):
                idx = [0, 0, 0]
                idx[p] = a
                for q, k in zip(others, combo):
                    idx[q] = k
                vals.append(game.payoffs[p][tuple(idx)])
            best.append(max(vals))
        assert mm.values[p] == min(best)


def test_degenerate_regions():
    same = cg.NormalFormGame([[[1, 1], [1, 1]], [[2, 2], [2, 2]]], exact=True)
    assert feasible_region(same).vertices == ((1, 2),) and feasible_region(same).area == 0
    assert feasible_region(same).contains((1, 2)) and not feasible_region(same).contains((1, 3))
    line = cg.NormalFormGame([[[0, 2]], [[0, 2]]], exact=True)  # one row player action: payoffs on a segment
    region = individually_rational_region(line)
    # the row player has one action, so the column player can hold it to 0; the column player secures 2
    assert region.minmax == (0, 2) and region.vertices == ((2, 2),)
    assert feasible_region(line).contains((1, 1)) and not feasible_region(line).contains((1, Fraction(3, 2)))
    assert isinstance(region, PayoffRegion)


# ------------------------------------------------------------------ the plot
def test_folk_theorem_plot_data():
    game = pd(5, 3, 1, 0)
    ax = folk_theorem_plot(game)
    feas, ir = ax.patches[0], ax.patches[1]
    assert {tuple(p) for p in feas.get_xy().tolist()} == {(0.0, 5.0), (1.0, 1.0), (5.0, 0.0), (3.0, 3.0)}
    assert np.allclose(ir.get_xy()[:4], [[1, 1], [13 / 3, 1], [3, 3], [1, 13 / 3]])
    by_label = {c.get_label(): c for c in ax.collections}
    assert by_label["stage Nash equilibria"].get_offsets().tolist() == [[1.0, 1.0]]
    assert by_label["minmax"].get_offsets().tolist() == [[1.0, 1.0]]
    assert len(by_label["pure payoff profiles"].get_offsets()) == 4
    plt.close("all")
    _fig, ax = plt.subplots()
    pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    assert folk_theorem_plot(pennies, ax=ax, annotate=False) is ax
    # zero-sum: the feasible set is a segment and the individually rational set the single point (0, 0)
    assert len(ax.patches) == 0
    assert [line.get_label() for line in ax.lines][:1] == ["feasible payoffs"]
    with pytest.raises(NotSupportedError):
        folk_theorem_plot(cg.models.public_goods(n=3, c=4, r=Fraction(3, 2)))
    plt.close("all")


@settings(max_examples=60, deadline=None)
@given(bimatrix_games(min_actions=1, max_actions=4, exact=True))
def test_exact_regions_area_against_scipy(game):
    feas = feasible_region(game)
    ir = individually_rational_region(game)
    pts = np.array(feas.points, dtype=float)
    try:
        volume = ConvexHull(pts).volume
    except (QhullError, ValueError):
        volume = 0.0  # fewer than three points or all on a line
    assert float(feas.area) == pytest.approx(volume, abs=1e-9)
    assert isinstance(feas.area, (Fraction, int)) and isinstance(ir.area, (Fraction, int))
    assert all(feas.contains(v) and ir.contains(v) for v in ir.vertices)
    assert ir.area <= feas.area


def test_payoff_region_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.errors import InvalidArgumentTypeError
    from coopgame.repeated import feasible_region

    obj = feasible_region(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]))
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.contains([1, 1], strickt=True)
    assert "PayoffRegion.contains: got an unknown keyword argument 'strickt' (did you mean 'strict'?)" in str(caught.value)
