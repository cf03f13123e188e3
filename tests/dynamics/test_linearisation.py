"""The one classifier of linearisations, pinned to the tolerance policy (kills the 1e-9 -> 1e-1 mutant)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import coopgame as cg
from coopgame import models
from coopgame.dynamics import attractors, basins, rest_points, stability
from coopgame.dynamics.analysis import classify_corners, corner_table
from coopgame.dynamics.linearisation import CLASSES, classify_eigenvalues, classify_signs, linearise


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


# ---------------------------------------------------------------- pinned by mutation testing (issue 12)
T = 1e-9  # coopgame._numeric.TOLERANCE, written out: these cases sit exactly at its edge


def _codes(eigenvalues, scale=None):
    return [CLASSES[c] for c in np.ravel(classify_eigenvalues(eigenvalues, scale))]


@pytest.mark.parametrize(("eigenvalues", "expected"), [
    ([-1.0, -2.0], "stable"), ([1.0, 2.0], "unstable"), ([-1.0, 2.0], "saddle"),
    ([0.0, -1.0], "non-hyperbolic"), ([0.0, 1.0], "non-hyperbolic"),
    ([1j, -1j], "centre"), ([1e-3j, -1e-3j], "centre"),
    ([1j, 1 + 1j], "non-hyperbolic"),                       # one zero real part, one not: no centre
    ([0j, 0j], "non-hyperbolic"), ([T * 1j, -T * 1j], "non-hyperbolic"),   # imaginary parts within the tolerance
    ([1j, -1j, 0j], "non-hyperbolic"),                      # a centre needs exactly two coordinates
    ([-T, -1.0], "non-hyperbolic"), ([T, 1.0], "non-hyperbolic"),          # exactly at the tolerance: zero
    ([-1.5 * T, -1.0], "stable"), ([1.5 * T, 1.0], "unstable"),            # just beyond it: a sign
    ([-1 + 1j, -1 - 1j], "stable"), ([1 + 1j, 1 - 1j], "unstable"),
])
def test_classify_eigenvalues_one_set_at_a_time_agrees_with_linearise_classes(eigenvalues, expected):
    assert _codes([eigenvalues]) == [expected]
    assert classify_signs([0 if abs(e.real) <= T else int(np.sign(e.real)) for e in np.asarray(eigenvalues, complex)],
                          [abs(complex(e).imag) > T for e in eigenvalues]) == expected


def test_classify_eigenvalues_batches_keep_each_set_at_its_own_scale():
    batch = [[-1e7, -1e7], [-1.0, 1e-3], [1j, -1j], [0.0, -1.0], [-1.0, 2.0]]
    assert _codes(batch) == ["stable", "saddle", "centre", "non-hyperbolic", "saddle"]
    codes = classify_eigenvalues(batch)
    assert codes.shape == (5,) and codes.dtype == np.int8          # compact codes for large grids
    assert _codes([[-1.0, 1e-3]], scale=[1e7]) == ["non-hyperbolic"]  # 1e-3 is zero next to 1e7
    assert _codes([[-1.0, 1.5 * T]], scale=[0.5]) == ["saddle"]       # the scale counts from 1 up only
    nested = np.array([[[1j, -1j], [-1.0, 1.0], [0.0, -1.0]]])       # shape (1, 3, 2)
    assert classify_eigenvalues(nested).shape == (1, 3)
    assert _codes(nested) == ["centre", "saddle", "non-hyperbolic"]
    empty = classify_eigenvalues(np.zeros((2, 0)))                  # no coordinates: as linearise, stable
    assert [CLASSES[c] for c in empty] == ["stable", "stable"] == [linearise(np.zeros((0, 0)), False).classification] * 2


def test_classify_signs_centre_needs_two_zero_real_parts_and_rotation():
    assert classify_signs([0, 1], [True, True]) == "non-hyperbolic"
    assert classify_signs([0, 0, 0], [True, True, True]) == "non-hyperbolic"
    assert classify_signs([0, 0], [True, False]) == "non-hyperbolic"
    assert classify_signs([], []) == "stable"


def test_exact_triangular_jacobians_use_exact_diagonal_signs_in_any_dimension():
    tiny = Fraction(1, 10**12)
    def exact(rows):
        return np.array([[Fraction(v) for v in r] for r in rows], dtype=object)
    upper = exact([[-1, 5, 7, 1], [0, -1, 2, 3], [0, 0, -1, 4], [0, 0, 0, tiny]])
    lower = exact(np.array(upper.T))
    diagonal = exact(np.diag([-1, -1, -1, 0]).tolist())
    for jac in (upper, lower):       # four coordinates: beyond sympy, yet exact because triangular
        lin = linearise(jac, True)
        assert lin.classification == "saddle" and lin.is_exact
        assert linearise(np.array(jac, dtype=float), False).classification == "non-hyperbolic"
    assert linearise(diagonal, True).classification == "non-hyperbolic"
    assert linearise(exact([[-1, 0], [0, 0]]), True).classification == "non-hyperbolic"
    assert linearise(exact([[1, 0], [0, -1]]), True).classification == "saddle"
    # not triangular: the diagonal says nothing (eigenvalues 3 and -1)
    lin = linearise(exact([[1, 2], [2, 1]]), True)
    assert lin.classification == "saddle" and np.allclose(lin.eigenvalues.real, [-1, 3])


def test_linearise_types_and_the_empty_jacobian():
    lin = linearise([[1, 0], [0, -2]], False)              # ints in a float linearisation become floats
    assert isinstance(lin.det, float) and isinstance(lin.trace, float) and (lin.det, lin.trace) == (-2.0, -1.0)
    assert not isinstance(lin.det, Fraction)
    half = linearise([[Fraction(1, 2), 0], [0, -1]], False)
    assert isinstance(half.det, float) and not half.is_exact
    for empty in ([], np.zeros((0, 0))):
        for is_exact in (False, True):
            lin = linearise(empty, is_exact)
            assert lin.classification == "stable" and lin.eigenvalues.shape == (0,)
            assert lin.eigenvalues.dtype == complex and lin.det is None and lin.trace is None
    lin = linearise([[2.0, 0.0], [0.0, -3.0]], False)
    assert lin.eigenvalues.tolist() == [-3.0, 2.0] and not lin.eigenvalues.flags.writeable


def test_exact_signs_that_sympy_cannot_decide_are_evaluated_with_fifty_digits():
    import sympy

    from coopgame.dynamics.linearisation import _sign
    assert (_sign(sympy.Integer(0)), _sign(sympy.Rational(3, 2)), _sign(sympy.Rational(-3, 2))) == (0, 1, -1)
    # companion matrix of x^3 - 3x + 1: three real roots written with complex radicals
    companion = sympy.Matrix([[0, 0, -1], [1, 0, 3], [0, 1, 0]])
    imaginary_parts = [sympy.im(ev) for ev in companion.eigenvals()]
    assert [_sign(v) for v in imaginary_parts] == [0, 0, 0]
    jac = np.array([[Fraction(int(v)) for v in row] for row in companion.tolist()], dtype=object)
    lin = linearise(jac, True)
    assert lin.classification == "saddle"
    assert np.allclose(lin.eigenvalues.real, [-1.8793852415718169, 0.3472963553338607, 1.532088886237956])


def test_exact_non_triangular_jacobians_keep_exact_signs_and_float_edges_follow_the_tolerance():
    def exact(rows):
        return np.array([[Fraction(v) for v in r] for r in rows], dtype=object)
    tiny = Fraction(1, 10**12)
    block = exact([[1, 2, 0], [2, 1, 0], [0, 1, tiny]])          # eigenvalues 3, -1 and 1e-12, not triangular
    assert linearise(block, True).classification == "saddle"
    assert linearise(np.array(block, dtype=float), False).classification == "non-hyperbolic"
    spiral = exact([[Fraction(1, 2), 1], [-1, Fraction(-1, 3)]])   # trace 1/6, det 5/6: an unstable spiral
    assert linearise(spiral, True).classification == "unstable"
    nilpotent = exact([[1, 1], [-1, -1]])                          # eigenvalue 0 twice, trace 0, det 0
    assert linearise(nilpotent, True).classification == "non-hyperbolic"
    assert linearise(exact([[0, 0], [0, 0]]), True).classification == "non-hyperbolic"
    assert linearise(np.diag([-1.0, T]), False).classification == "non-hyperbolic"   # exactly at the tolerance
    assert linearise([[0.0, -T], [T, 0.0]], False).classification == "non-hyperbolic"  # rotation within it
