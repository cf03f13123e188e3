"""The brute-force vertex fallback used when Qhull fails (mutation testing, sampled run: no test reached it)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coopgame.equilibria import _polytope
from coopgame.errors import SolverError

# the unit square {0 <= x <= 1, 0 <= y <= 1} as G z <= h; its vertices are its four corners
SQUARE_G = np.array([[-1.0, 0.0], [0.0, -1.0], [1.0, 0.0], [0.0, 1.0]])
SQUARE_H = np.array([0.0, 0.0, 1.0, 1.0])
CORNERS = {(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)}


def _as_set(verts):
    return {tuple(float(v) + 0.0 for v in row) for row in np.round(verts, 12)}


def test_brute_force_solves_every_pair_of_constraints_and_keeps_the_feasible_points():
    verts = _polytope._vertices_brute_force(SQUARE_G, SQUARE_H)
    assert verts.shape == (4, 2)
    assert _as_set(verts) == CORNERS


def test_brute_force_refuses_more_bases_than_its_limit_naming_the_count():
    rows, d = 40, 5
    count = math.comb(rows, d)
    assert count > _polytope.BRUTE_FORCE_LIMIT
    with pytest.raises(SolverError, match=f"brute-force fallback would try {count} bases"):
        _polytope._vertices_brute_force(np.ones((rows, d)), np.ones(rows))


def test_polytope_vertices_falls_back_to_brute_force_when_qhull_fails(monkeypatch):
    import scipy.spatial

    def failing_hull(*args, **kwargs):
        raise scipy.spatial.QhullError("forced failure")

    expected, expected_tight = _polytope.polytope_vertices(SQUARE_G, SQUARE_H, np.array([0.5, 0.5]))
    monkeypatch.setattr(scipy.spatial, "ConvexHull", failing_hull)
    verts, tight = _polytope.polytope_vertices(SQUARE_G, SQUARE_H, np.array([0.5, 0.5]))
    assert _as_set(verts) == _as_set(expected) == CORNERS
    # each corner is tight at exactly two of the four sides
    assert (tight.sum(axis=1) == 2).all() and len(tight) == len(expected_tight) == 4
