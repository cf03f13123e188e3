"""The one classifier of linearisations, pinned to the tolerance policy (kills the 1e-9 -> 1e-1 mutant)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import coopgame as cg
from coopgame import models
from coopgame.dynamics import attractors, basins, rest_points, stability
from coopgame.dynamics.analysis import classify_corners, corner_table
from coopgame.dynamics.linearisation import CLASSES, classify_eigenvalues, linearise


def small_coordination(exact: bool) -> cg.NormalFormGame:
    """Both corners strict by 0.05: every corner eigenvalue is -0.05 (or +0.05 off the diagonal corners)."""
    v = Fraction(1, 20) if exact else 0.05
    return cg.NormalFormGame([[[v, 0], [0, v]], [[v, 0], [0, v]]], exact=exact)


@pytest.mark.parametrize("exact", [False, True])
def test_strict_corner_with_small_eigenvalues_is_stable(exact):
    game = small_coordination(exact)
    res = stability(game, [[1, 0], [1, 0]])
    assert res.classification == "stable" and res.is_exact == exact
    assert np.allclose(res.eigenvalues.real, [-0.05, -0.05])
    assert stability(game, [[1, 0], [0, 1]]).classification == "unstable"
    assert len(attractors(game, populations="multi")) == 2


def test_strict_corner_with_small_eigenvalues_is_stable_everywhere():
    assert linearise(np.diag([-0.05, -0.05]), False).classification == "stable"
    assert linearise(np.diag([-0.05, 0.05]), False).classification == "saddle"
    assert [CLASSES[c] for c in classify_eigenvalues([[-0.05, -0.05, -0.05]])] == ["stable"]
    b = basins(small_coordination(False), grid=20, populations="multi")
    assert len(b.attractors) == 2 and b.unresolved < 0.2
    sym = cg.SymbolicGame([[["a", 0], [0, "a"]], [["a", 0], [0, "a"]]])
    res = classify_corners(sym, {"a": [0.05, -0.05]})
    assert res.classification[0].tolist() == ["stable", "unstable", "unstable", "stable"]
    assert res.classification[1].tolist() == ["unstable", "stable", "stable", "unstable"]
    table = corner_table(sym, {"small": {"a": 0.05}})
    assert table.stable_corners("small") == [("1", "1"), ("2", "2")]


@pytest.mark.parametrize("exact", [False, True])
def test_real_centre_is_a_centre(exact):
    pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=exact)
    interior = rest_points(pennies)[-1]
    res = stability(pennies, interior)
    assert res.classification == "centre" and res.is_exact == exact
    assert res.trace == 0 and res.det > 0
    inspection = models.inspection().numeric()
    assert stability(inspection, rest_points(inspection)[-1]).classification == "centre"
    lin = linearise([[0.0, -1e-3], [1e-3, 0.0]], False)        # slow rotation: still a centre
    assert lin.classification == "centre"


def test_zero_within_the_tolerance_is_zero_in_floats_and_exact_signs_are_kept():
    tiny = 1e-12
    assert linearise(np.diag([-1.0, tiny]), False).classification == "non-hyperbolic"
    assert linearise(np.diag([-1.0, -1e-6]), False).classification == "stable"      # far above 1e-9
    exact = np.array([[Fraction(-1), Fraction(0)], [Fraction(0), Fraction(1, 10**12)]], dtype=object)
    assert linearise(exact, True).classification == "saddle"
    # the tolerance scales with the Jacobian: 1e-3 is zero next to 1e7 only in floats
    assert linearise(np.diag([-1e7, 1e-3]), False).classification == "non-hyperbolic"
    assert linearise(np.diag([-1e7, 1e-1]), False).classification == "saddle"


def test_stability_and_attractors_agree_near_non_hyperbolic_points():
    rng = np.random.default_rng(11)
    for _ in range(20):
        A = rng.integers(-2, 3, size=(2, 2)) * 0.05
        game = cg.NormalFormGame([A, A.T])
        corners = [[[1, 0], [1, 0]], [[1, 0], [0, 1]], [[0, 1], [1, 0]], [[0, 1], [0, 1]]]
        stable = [c for c in corners if stability(game, c).classification == "stable"]
        found = attractors(game, populations="multi")
        assert sorted(tuple(float(v[0]) for v in a) for a in found) == sorted(
            tuple(float(v[0]) for v in c) for c in stable)
