"""The progress bar of the fixation simulation counts each run once (mutation testing, sampled run)."""

from __future__ import annotations

import numpy as np
import pytest

from coopgame.dynamics.finite.simulation import _batch


class _Bar:
    def __init__(self):
        self.n = 0

    def update(self, k):
        self.n += k


@pytest.mark.parametrize("process", ["moran", "pairwise"])
@pytest.mark.parametrize("max_steps", [10**6, 3])
def test_every_run_advances_the_bar_once_whether_it_ends_or_is_cut_off(process, max_steps):
    size, runs = 6, 40
    neutral = np.zeros(size + 1)
    bar = _Bar()
    fixed, unfinished, _ = _batch(size, process, 0.1, neutral, neutral, runs, max_steps, np.random.default_rng(1), bar)
    assert bar.n == runs
    assert 0 <= fixed <= runs - unfinished
    if max_steps > 10**5:
        assert unfinished == 0  # neutral drift in a population of 6 is absorbed long before a million steps
