"""The exact fallback of a single-equilibrium solver keeps the extreme equilibrium nearest each float one
(mutation testing, sampled run)."""

from __future__ import annotations

import numpy as np

import coopgame as cg
from coopgame.equilibria._finish import finish_bimatrix

# a coordination game: two pure equilibria and the mixed one (1/3, 2/3) for both
COORDINATION = cg.NormalFormGame([[[2, 0], [0, 1]], [[2, 0], [0, 1]]])


def _profiles(eqs):
    return [tuple(tuple(float(v) for v in s) for s in e.strategies) for e in eqs]


def test_unverifiable_float_profiles_are_replaced_by_the_nearest_extreme_equilibria():
    # (0.1, 0.9) against itself is no equilibrium, so the float stage fails and the exact fallback runs
    near_second = np.array([[0.1, 0.9]])
    eqs = finish_bimatrix(COORDINATION, near_second, near_second.copy(), "lemke_howson", complete=False)
    assert _profiles(eqs) == [((0.0, 1.0), (0.0, 1.0))]
    near_first = np.array([[0.9, 0.1]])
    eqs = finish_bimatrix(COORDINATION, near_first, near_first.copy(), "lemke_howson", complete=False)
    assert _profiles(eqs) == [((1.0, 0.0), (1.0, 0.0))]
    both = np.array([[0.9, 0.1], [0.1, 0.9]])
    eqs = finish_bimatrix(COORDINATION, both, both.copy(), "lemke_howson", complete=False)
    assert sorted(_profiles(eqs)) == [((0.0, 1.0), (0.0, 1.0)), ((1.0, 0.0), (1.0, 0.0))]
