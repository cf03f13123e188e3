"""The numeric fallback of `rest_points` on a face that sympy cannot solve in closed form.

One role with advantage f(x) = x (1 - x) (cos 8x - x) for its first strategy: sympy cannot solve cos 8x = x,
so the mixed face is searched numerically. Its roots 0 and 1 lie on the face's boundary (they are the corners,
found on the pure faces); cos 8x = x has exactly three roots in (0, 1), bracketed here by sign changes of
cos 8x - x and located independently with Brent's method.
"""

import decimal
import itertools
import warnings
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from scipy.optimize import brentq

import coopgame as cg
from coopgame.dynamics import PopulationGame, rest_points, stability
from coopgame.errors import DegenerateGameWarning, SolverLimitError


def _roots_of_cos8x_minus_x():
    f = lambda v: np.cos(8 * v) - v  # noqa: E731
    grid = np.linspace(0.001, 0.999, 2000)
    s = f(grid)
    return [brentq(f, grid[i], grid[i + 1], xtol=1e-15) for i in range(len(grid) - 1) if s[i] * s[i + 1] < 0]


def test_numeric_face_finds_every_interior_root_once_and_no_boundary_root():
    x = sympy.symbols("x", real=True)
    game = PopulationGame([[x * (1 - x) * (sympy.cos(8 * x) - x), 0]], state=[x])
    points = rest_points(game)
    shares = [float(p[0][0]) for p in points]
    roots = _roots_of_cos8x_minus_x()
    assert len(roots) == 3
    # the two corners (pure faces) first, then each interior root exactly once: no copy of a corner
    assert sorted(shares[:2]) == [0.0, 1.0]
    assert shares[2:] == pytest.approx(roots, abs=1e-9)
    for s in shares[2:]:
        assert abs(np.cos(8 * s) - s) < 1e-10
    # a numeric search cannot prove that it found every root: the result says it may be partial
    assert not points.is_complete and "searched numerically" in points.note


def test_numeric_face_reports_no_root_where_the_payoff_is_undefined():
    """f(x) = log(x - 1/5) + cos 3x - 1 is undefined (NaN in floats) on (0, 1/5] and below log(4/5) < 0 on
    (1/5, 1): the mixed face has no rest point, only the two corners are rest points. (A start in (0, 1/5],
    where the residual is NaN, was once reported as a root.)"""
    x = sympy.symbols("x", real=True)
    game = PopulationGame([[sympy.log(x - sympy.Rational(1, 5)) + sympy.cos(3 * x) - 1, 0]], state=[x])
    with np.errstate(invalid="ignore"):
        shares = sorted(float(p[0][0]) for p in rest_points(game))
    assert shares == [0.0, 1.0]


def test_numeric_face_with_more_roots_than_starts_says_it_is_partial():
    """cos 40x = x has 13 roots in (0, 1) (sign changes of cos 40x - x on a fine grid), more than the grid of
    five starts can reach: every point returned is a root, and the result says that some may be missing.
    (It once claimed to be complete with 5 of the 13.)"""
    x = sympy.symbols("x", real=True)
    game = PopulationGame([[sympy.cos(40 * x) - x, 0]], state=[x])
    points = rest_points(game)
    grid = np.linspace(0.0001, 0.9999, 20001)
    values = np.cos(40 * grid) - grid
    assert int((values[:-1] * values[1:] < 0).sum()) == 13
    interior = [float(p[0][0]) for p in points if 0 < p[0][0] < 1]
    assert 0 < len(interior) <= 13
    for s in interior:
        assert abs(np.cos(40 * s) - s) < 1e-10
    assert not points.is_complete
    assert points.note == ("faces sympy could not solve were searched numerically from a grid of starts, which may "
                           "miss rest points")


def test_numeric_face_with_four_unknowns_is_searched():
    """One role with five strategies, strategy a earning -(exp(s_a) + s_a**3) at its own share s_a: that is
    strictly decreasing in s_a, so strategies earn the same only at equal shares. The rest points are the
    uniform mixtures over each of the 2**5 - 1 = 31 supports, the full support (four unknowns, the largest
    face the numeric search takes) among them; sympy cannot solve exp(s) + s**3 = exp(t) + t**3."""
    ys = sympy.symbols("y1:5", real=True)
    shares = [*ys, 1 - sum(ys)]
    game = PopulationGame([[-(sympy.exp(s) + s ** 3) for s in shares]], state=[list(ys)])
    with warnings.catch_warnings():
        warnings.simplefilter("error", DegenerateGameWarning)     # no face is given up
        points = rest_points(game)
    assert len(points) == 31
    found = sorted(tuple(round(float(v), 9) for v in p[0]) for p in points)
    expected = sorted(tuple(round(1 / len(sup), 9) if a in sup else 0.0 for a in range(5))
                      for k in range(1, 6) for sup in itertools.combinations(range(5), k))
    assert found == expected
    assert not points.is_complete          # searched numerically


def test_cubic_roots_without_a_real_form_are_found():
    """x**3 - x + 1/5 has three real roots (about -1.088, 0.2091 and 0.8789, the roots of the polynomial by
    numpy's companion matrix); sympy writes them with complex radicals (casus irreducibilis), whose realness
    it cannot decide. The two in (0, 1) are rest points, with the corners; they are irrational, so floats."""
    x = sympy.symbols("x", real=True)
    points = rest_points(PopulationGame([[x ** 3 - x + sympy.Rational(1, 5), 0]], state=[x]))
    roots = sorted(r.real for r in np.roots([1, 0, -1, 0.2]) if 0 < r.real < 1)
    assert len(roots) == 2
    assert [p[0].tolist() for p in points[:2]] == [[1, 0], [0, 1]]
    assert sorted(float(p[0][0]) for p in points[2:]) == pytest.approx(roots, abs=1e-12)
    assert len(points) == 4 and not points.is_exact and points.is_complete


def test_complex_roots_are_not_rest_points():
    """With a state symbol sympy does not know to be real, the indifference equation (z - 1/2)**2 + 1 = 0 has
    the complex roots 1/2 +- i: no rest point on the mixed face, only the two corners."""
    z = sympy.symbols("z")
    points = rest_points(PopulationGame([[(z - sympy.Rational(1, 2)) ** 2 + 1, 0]], state=[z]))
    assert [p[0].tolist() for p in points] == [[1, 0], [0, 1]]


def test_complex_roots_whose_realness_sympy_cannot_decide_are_not_rest_points():
    """z**3 - z + 1 has one real root (about -1.3247) and the complex pair 0.6624 +- 0.5623i (numpy's
    companion matrix), written by sympy with radicals whose realness it cannot decide: their real part lies in
    (0, 1), but they are no rest points."""
    z = sympy.symbols("z")
    assert sorted(round(r.imag, 4) for r in np.roots([1, 0, -1, 1])) == [-0.5623, 0.0, 0.5623]
    points = rest_points(PopulationGame([[z ** 3 - z + 1, 0]], state=[z]))
    assert [p[0].tolist() for p in points] == [[1, 0], [0, 1]]


def test_three_strategy_faces_rock_paper_scissors():
    """Two populations playing rock-paper-scissors (zero-sum, win 1, loss -1). A rest point has each role
    indifferent on its support against the other's mixture: besides the 9 corners, the interior point
    (1/3, 1/3, 1/3) for both roles (the full 3-strategy supports, two unknowns each). Every point returned
    is at rest, which `stability` checks (it refuses a point where the field is not zero)."""
    rps = cg.NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], exact=True)
    points = rest_points(rps)
    third = [F(1, 3)] * 3
    assert [v.tolist() for v in points[-1]] == [third, third]
    assert sum(all(1 in v.tolist() for v in p) for p in points) == 9      # the corners
    for p in points:
        stability(rps, [v.tolist() for v in p])


def _mixed_shares(advantage):
    """The first-strategy shares of the rest points inside the mixed face of one role with this advantage."""
    x = sympy.symbols("x", real=True)
    with np.errstate(invalid="ignore"):
        points = rest_points(PopulationGame([[advantage(x), 0]], state=[x]))
    assert [p[0].tolist() for p in points[:2]] == [[1, 0], [0, 1]]          # the corners
    assert not points.is_complete                                            # searched numerically
    return sorted(float(p[0][0]) for p in points[2:])


def test_numeric_face_goes_on_after_a_start_where_the_payoff_is_undefined():
    # log(x - 1/5) + (x - 1/2)**3 - log(3/10) is increasing with its one root at 1/2; it is undefined (NaN)
    # at the first start 0.1
    shares = _mixed_shares(lambda x: sympy.log(x - sympy.Rational(1, 5)) + (x - sympy.Rational(1, 2)) ** 3
                           - sympy.log(sympy.Rational(3, 10)))
    assert shares == pytest.approx([0.5], abs=1e-12)


def test_numeric_face_does_not_take_a_minimum_for_a_root():
    # cos 8x - x + 2 >= 1 - x > 0 on (0, 1): no rest point inside, though |f| has local minima there (about
    # 0.61 at x = pi/8) where a root finder stalls
    assert _mixed_shares(lambda x: sympy.cos(8 * x) - x + 2) == []


def test_numeric_face_goes_on_after_finding_a_root_again():
    # roots 1/5 and 4/5 (exp(x) + x**3 + 1 > 0): the starts 0.1 and 0.3 both lead to 1/5, the later ones to 4/5
    shares = _mixed_shares(lambda x: (x - sympy.Rational(1, 5)) * (x - sympy.Rational(4, 5))
                           * (sympy.exp(x) + x ** 3 + 1))
    assert shares == pytest.approx([0.2, 0.8], abs=1e-12)


def test_numeric_face_goes_on_after_a_start_that_ends_on_the_boundary():
    # roots 0 (the corner, on the face's boundary) and 4/5: the first starts lead to 0, the later ones to 4/5
    shares = _mixed_shares(lambda x: x * (x - sympy.Rational(4, 5)) * (sympy.exp(x) + x ** 3 + 1))
    assert shares == pytest.approx([0.8], abs=1e-12)


def test_a_root_on_a_smaller_face_is_listed_once():
    """One role with three strategies earning y1, 2 y2 + y1 - 1 and 0 (y3 = 1 - y1 - y2). Equal payoffs on the
    full support give y1 = 0, y2 = 1/2: not inside that face, but the rest point (0, 1/2, 1/2) of the edge
    between strategies 2 and 3 (2 y2 - 1 = 0 there), which is listed once, with the three corners; the edges
    {1, 2} and {1, 3} give y1 = 1 - y1 (y1 = y2 = 1/2) and y1 = 0 (a corner)."""
    y1, y2 = sympy.symbols("y1 y2", real=True)
    points = rest_points(PopulationGame([[y1, 2 * y2 + y1 - 1, 0]], state=[[y1, y2]]))
    found = sorted(tuple(p[0].tolist()) for p in points)
    assert found == sorted([(1, 0, 0), (0, 1, 0), (0, 0, 1), (F(1, 2), F(1, 2), 0), (0, F(1, 2), F(1, 2))])


def test_undecided_real_roots_beyond_the_face_are_not_rest_points():
    """x**3 - 3x + 1 has the real roots 2 cos(2 pi k / 9) (about 1.532, 0.3473 and -1.879; trigonometric
    solution of the cubic), written by sympy with complex radicals: only 0.3473 is a share."""
    x = sympy.symbols("x", real=True)
    points = rest_points(PopulationGame([[x ** 3 - 3 * x + 1, 0]], state=[x]))
    assert [p[0].tolist() for p in points[:2]] == [[1, 0], [0, 1]]
    assert len(points) == 3
    assert float(points[2][0][0]) == pytest.approx(2 * np.cos(4 * np.pi / 9), abs=1e-12)


def test_every_root_of_a_face_is_tried_after_one_outside_it():
    # x (2x + 1)(2x - 1): sympy lists the roots -1/2, 0 and 1/2; only 1/2 is a mixed rest point
    x = sympy.symbols("x", real=True)
    points = rest_points(PopulationGame([[x * (2 * x + 1) * (2 * x - 1), 0]], state=[x]))
    assert [p[0].tolist() for p in points] == [[1, 0], [0, 1], [F(1, 2), F(1, 2)]]


def test_an_isolated_rest_point_beside_a_continuum_on_the_same_face():
    """Two roles with advantages (y - 1/2)(x - 1/3) and (y - 1/2)(y - 1/4). Inside, the line y = 1/2 is a
    continuum of rest points (skipped, with a warning), and (x, y) = (1/3, 1/4) is isolated. With the 4
    corners, x = 1/3 on the two edges where y is pure, and y = 1/4 or 1/2 on the two edges where x is pure,
    that is 11 isolated rest points."""
    x, y = sympy.symbols("x y", real=True)
    half, third, quarter = sympy.Rational(1, 2), sympy.Rational(1, 3), sympy.Rational(1, 4)
    game = PopulationGame([[(y - half) * (x - third), 0], [(y - half) * (y - quarter), 0]], state=[x, y])
    with pytest.warns(DegenerateGameWarning, match="continua of rest points"):
        points = rest_points(game)
    found = [tuple(v[0] for v in p) for p in points]
    assert len(found) == 11 and len(set(found)) == 11
    # fewest mixing roles first: the corners, then the edges, then the inside
    assert [sum(0 < v < 1 for v in point) for point in found] == [0] * 4 + [1] * 6 + [2]
    assert found[-1] == (F(1, 3), F(1, 4))
    assert not points.is_complete and points.note == "continua of rest points are not listed"


def test_irrational_rest_points_are_the_nearest_floats():
    # x**2 = 1/2: the shares sqrt(2)/2 and 1 - sqrt(2)/2, each the double nearest to the exact value (computed
    # here with 40 decimal digits), not 1 - float(sqrt(2)/2)
    x = sympy.symbols("x", real=True)
    points = rest_points(PopulationGame([[x ** 2 - sympy.Rational(1, 2), 0]], state=[x]))
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        root = decimal.Decimal(2).sqrt() / 2
        nearest = [float(root), float(1 - root)]
    assert nearest[1] != 1 - nearest[0]
    assert points[-1][0].tolist() == nearest
    assert not points.is_exact


def test_the_face_limit_counts_every_support_combination():
    # two roles of three strategies: (2**3 - 1)**2 = 49 support combinations
    rps = cg.NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], exact=True)
    with pytest.raises(SolverLimitError, match=r"at most max_faces=48, got 49;"):
        rest_points(rps, max_faces=48)
    assert len(rest_points(rps, max_faces=49)) == 16
