"""Interior roots of a Bernstein polynomial: a double root (mutation testing, sampled run)."""

from __future__ import annotations

import numpy as np

from coopgame.equilibria.symmetric import _interior_roots


def test_a_double_root_off_the_grid_is_found_when_the_coefficient_signs_alternate_back():
    # (p - 1/3)**2 = p**2 - 2p/3 + 1/9 in the Bernstein basis (q**2, 2pq, p**2), q = 1 - p: b0 = f(0) = 1/9,
    # b1 = f(0) + f'(0)/2 = -2/9, b2 = f(1) = 4/9. Signs +, -, +: two sign changes, no sign change on the grid,
    # so the root is found only by the search for touching minima that the count of two allows.
    roots = _interior_roots(np.array([1 / 9, -2 / 9, 4 / 9]), 1e-9)
    assert len(roots) == 1
    p, q = roots[0]
    assert abs(p - 1 / 3) < 1e-6 and abs(q - 2 / 3) < 1e-6
