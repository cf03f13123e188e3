"""`Stability` as a value: its equality and its text, on hand-computed linearisations.

The asymmetric matching-pennies game A = [[2, 0], [0, 1]], B = -A has its interior rest point at
p = q = 1/3 (2q = 1 - q makes row indifferent, 2p = 1 - p makes column indifferent). In the shares of the first
strategies, J = [[0, p(1-p)(2 + 1)], [q(1-q)(-2 - 1), 0]] = [[0, 2/3], [-2/3, 0]]: det 4/9, trace 0, eigenvalues
+-2i/3, a centre.
"""

import dataclasses
from fractions import Fraction as F

import numpy as np
import pytest

import coopgame as cg
from coopgame.dynamics import stability

PENNIES = [[[2, 0], [0, 1]], [[-2, 0], [0, -1]]]


def _exact_centre():
    return stability(cg.NormalFormGame(PENNIES, exact=True), [[F(1, 3), F(2, 3)]] * 2)


def test_hand_computed_centre():
    res = _exact_centre()
    assert res.classification == "centre" and res.is_exact
    assert res.jacobian.tolist() == [[0, F(2, 3)], [F(-2, 3), 0]]
    assert res.det == F(4, 9) and res.trace == 0


@pytest.mark.parametrize("field, value", [
    ("point", (np.array([F(1, 2), F(1, 2)]), np.array([F(1, 3), F(2, 3)]))),
    ("point", (np.array([F(1, 3), F(2, 3)]),)),
    ("jacobian", np.array([[0, F(2, 3)], [F(-1, 3), 0]], dtype=object)),
    ("eigenvalues", np.array([-2j / 3, 1j])),
    ("classification", "non-hyperbolic"),
    ("det", F(1, 9)),
    ("trace", F(1)),
    ("is_exact", False),
])
def test_stability_equality_sees_every_field(field, value):
    res = _exact_centre()
    assert res == dataclasses.replace(res)
    assert res != dataclasses.replace(res, **{field: value})


def test_stability_repr_exact_two_coordinates():
    # one share per role (the first strategy's): 1/3 and 1/3; complex eigenvalues keep their imaginary part
    assert repr(_exact_centre()) == (
        "Stability(centre at x = (1/3, 1/3); eigenvalues 0-0.6667j, 0+0.6667j, det 4/9, trace 0)")


def test_stability_repr_float_point():
    res = stability(cg.NormalFormGame(PENNIES), [[1 / 3, 2 / 3]] * 2)
    assert repr(res).startswith("Stability(centre at x = (0.333333, 0.333333); eigenvalues 0-0.6667j, 0+0.6667j, det ")


def test_stability_repr_real_eigenvalues():
    # mutual defection in the prisoner's dilemma: each cooperator share decays at rate 1 (payoff 0 against 1)
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    assert repr(stability(pd, [1, 1])) == "Stability(stable at x = (0, 0); eigenvalues -1, -1, det 1, trace -2)"


def test_stability_repr_without_det_beyond_two_coordinates():
    # 2x3 game at (second row, second column): row's share decays at 0 - 1, column 1's at 0 - 1, column 3's at
    # -1 - 1; three coordinates, so no det and trace are shown
    game = cg.NormalFormGame([[[3, 0, 1], [5, 1, 0]], [[3, 5, 0], [0, 1, -1]]], exact=True)
    res = stability(game, [1, 1])
    assert res.det is None and res.trace is None
    assert repr(res) == "Stability(stable at x = (0, 0); eigenvalues -2, -1, -1)"
