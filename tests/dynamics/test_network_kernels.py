"""The compiled kernels of coopgame.dynamics.network: incremental payoffs, conservation, seeding.

These tests call the kernels directly. Being collected before tests/test_examples.py, they also
compile (and cache on disk) the kernels before the gallery example on networks is timed.
"""

from __future__ import annotations

import numpy as np
import pytest

from coopgame.dynamics.network import (
    as_graph,
    donation_game,
    fixation_on_graph,
    kernels,
    simulate_network,
)


def _random_graph(n: int, p: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    upper = np.triu(rng.random((n, n)) < p, 1)
    adj = (upper | upper.T).astype(int)
    for i in range(n):  # no isolated nodes
        if not adj[i].any():
            j = (i + 1) % n
            adj[i, j] = adj[j, i] = 1
    return adj


@pytest.mark.parametrize("update", [0, 1, 2])
@pytest.mark.parametrize("average", [False, True])
def test_incremental_payoffs_equal_recomputed_payoffs(update, average):
    adj = _random_graph(25, 0.2, seed=update + 3 * average)
    g = as_graph(adj)
    A = np.array([[2.0, -1.0, 0.5], [3.0, 0.0, 1.0], [1.5, 0.25, 0.0]])
    rng = np.random.default_rng(1)
    s = rng.integers(0, 3, size=25).astype(np.int64)
    P = np.zeros(25)
    counts = np.bincount(s, minlength=3).astype(np.int64)
    kernels.set_payoffs(g.indptr, g.indices, A, s, P)
    np.random.seed(0)
    for _ in range(3000):
        kernels.step(g.indptr, g.indices, A, 0.3, update, average, s, P, counts)
    direct = np.array([A[s[i], s[adj[i] == 1]].sum() for i in range(25)])
    np.testing.assert_allclose(P, direct, rtol=0, atol=1e-9)
    assert counts.tolist() == np.bincount(s, minlength=3).tolist()


def test_fixation_kernel_is_seeded():
    g = _random_graph(20, 0.25, seed=7)
    first = fixation_on_graph(donation_game(5, 1), g, runs=400, intensity=0.1, seed=3)
    again = fixation_on_graph(donation_game(5, 1), g, runs=400, intensity=0.1, seed=3)
    other = fixation_on_graph(donation_game(5, 1), g, runs=400, intensity=0.1, seed=4)
    assert first == again
    assert (first.fixations, first.mean_steps) != (other.fixations, other.mean_steps)


def test_evolve_kernel_conserves_nodes():
    g = _random_graph(30, 0.15, seed=2)
    for update in ("death-birth", "imitation", "pairwise"):
        run = simulate_network(donation_game(4, 1), g, steps=500, update=update, intensity=0.05, seed=5,
                               record_every=50)
        assert (run.counts.sum(axis=1) == 30).all()
