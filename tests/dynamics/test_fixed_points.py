"""The numeric fallback of `rest_points` on a face that sympy cannot solve in closed form.

One role with advantage f(x) = x (1 - x) (cos 8x - x) for its first strategy: sympy cannot solve cos 8x = x,
so the mixed face is searched numerically. Its roots 0 and 1 lie on the face's boundary (they are the corners,
found on the pure faces); cos 8x = x has exactly three roots in (0, 1), bracketed here by sign changes of
cos 8x - x and located independently with Brent's method.
"""

import numpy as np
import pytest
import sympy
from scipy.optimize import brentq

from coopgame.dynamics import PopulationGame, rest_points


def _roots_of_cos8x_minus_x():
    f = lambda v: np.cos(8 * v) - v  # noqa: E731
    grid = np.linspace(0.001, 0.999, 2000)
    s = f(grid)
    return [brentq(f, grid[i], grid[i + 1], xtol=1e-15) for i in range(len(grid) - 1) if s[i] * s[i + 1] < 0]


def test_numeric_face_finds_every_interior_root_once_and_no_boundary_root():
    x = sympy.symbols("x", real=True)
    game = PopulationGame([[x * (1 - x) * (sympy.cos(8 * x) - x), 0]], state=[x])
    shares = [float(p[0][0]) for p in rest_points(game)]
    roots = _roots_of_cos8x_minus_x()
    assert len(roots) == 3
    # the two corners (pure faces) first, then each interior root exactly once: no copy of a corner
    assert sorted(shares[:2]) == [0.0, 1.0]
    assert shares[2:] == pytest.approx(roots, abs=1e-9)
    for s in shares[2:]:
        assert abs(np.cos(8 * s) - s) < 1e-10


def test_numeric_face_reports_no_root_where_the_payoff_is_undefined():
    """f(x) = log(x - 1/5) + cos 3x - 1 is undefined (NaN in floats) on (0, 1/5] and below log(4/5) < 0 on
    (1/5, 1): the mixed face has no rest point, only the two corners are rest points. (A start in (0, 1/5],
    where the residual is NaN, was once reported as a root.)"""
    x = sympy.symbols("x", real=True)
    game = PopulationGame([[sympy.log(x - sympy.Rational(1, 5)) + sympy.cos(3 * x) - 1, 0]], state=[x])
    with np.errstate(invalid="ignore"):
        shares = sorted(float(p[0][0]) for p in rest_points(game))
    assert shares == [0.0, 1.0]
