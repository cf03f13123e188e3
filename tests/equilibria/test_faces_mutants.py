"""The face systems of no vertex (mutation testing, sampled run)."""

from __future__ import annotations

import numpy as np

from coopgame.equilibria._faces import solve_faces


def test_no_vertices_give_empty_results_of_the_documented_shapes_and_types():
    A = np.array([[1.0, 0.5, 0.25], [0.0, 1.0, 0.5]])
    y, ok, feasible = solve_faces(A, np.zeros((0, 2), dtype=bool), np.zeros((0, 3), dtype=bool), 1e-9)
    assert y.shape == (0, 3) and ok.shape == (0,) and feasible.shape == (0,)
    assert ok.dtype == bool and feasible.dtype == bool  # masks: y[feasible] must select, not fail
    assert y[feasible].shape == (0, 3)
