"""The conditioning check of the batched solves overflows quietly (mutation testing, sampled run)."""

from __future__ import annotations

import warnings

import numpy as np

from coopgame.equilibria._linalg import solve_stack


def test_an_estimate_that_overflows_marks_the_system_ill_conditioned_without_a_warning():
    # the inverse has an entry 1e200 and the matrix a row sum 1e200: their product overflows to inf
    mats = np.array([[[1e-200, 0.0], [0.0, 1e200]], [[2.0, 0.0], [0.0, 4.0]]])
    rhs = np.array([[1.0, 1.0], [2.0, 4.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sol, ok = solve_stack(mats, rhs)
    assert ok.tolist() == [False, True]
    assert sol[1].tolist() == [1.0, 1.0]
