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
        warnings.simplefilter("error", RuntimeWarning)  # numpy's "overflow encountered"
        sol, ok = solve_stack(mats, rhs)
    assert ok.tolist() == [False, True]
    assert sol[1].tolist() == [1.0, 1.0]


def test_a_near_singular_system_is_flagged_even_when_one_probe_misses_its_weak_direction():
    # M = u1 e1^T + 1e-12 u2 e2^T has condition number 1e12; u1 is along the second probe and u2 orthogonal to it,
    # so that probe alone sees a well-conditioned system, and only the first probe reveals the weak direction
    from coopgame.equilibria._linalg import MAX_CONDITION, PROBES

    p2 = PROBES[:2, 1]
    u1 = p2 / np.linalg.norm(p2)
    u2 = np.array([-u1[1], u1[0]])
    M = np.outer(u1, [1.0, 0.0]) + 1e-12 * np.outer(u2, [0.0, 1.0])
    assert np.linalg.cond(M) > MAX_CONDITION
    assert abs(PROBES[:2, 0] @ u2) > 0.1  # the first probe has a component along the weak direction
    _, ok = solve_stack(M[None], np.ones((1, 2)))
    assert not ok[0]
