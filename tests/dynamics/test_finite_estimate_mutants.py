"""The text of a Monte Carlo fixation estimate (mutation testing, sampled run)."""

from __future__ import annotations

import pytest

from coopgame.dynamics.finite import wilson_interval
from coopgame.dynamics.finite.estimate import FixationEstimate
from coopgame.errors import InvalidArgumentError


def test_text_gives_the_confidence_level_in_percent():
    # the interval of 30 successes in 100 trials is wilson_interval's own doctest: (0.2189, 0.3958)
    est = FixationEstimate(probability=0.3, fixations=30, runs=100, interval=wilson_interval(30, 100),
                           confidence=0.95, neutral=0.25, mean_steps=12.0, unfinished=0)
    assert repr(est) == "FixationEstimate(0.3, 95% CI [0.2189, 0.3958], 30/100 runs fixed, neutral 0.25)"
    est90 = FixationEstimate(probability=0.3, fixations=30, runs=100, interval=wilson_interval(30, 100, 0.9),
                             confidence=0.9, neutral=0.25, mean_steps=12.0, unfinished=0)
    assert repr(est90).startswith("FixationEstimate(0.3, 90% CI [")


@pytest.mark.parametrize("confidence", [0, 1, 1.5])
def test_a_confidence_outside_the_open_unit_interval_is_refused_by_name(confidence):
    with pytest.raises(InvalidArgumentError, match=r"^wilson_interval: expected confidence to be a finite real "
                                                    r"number > 0 and < 1, got "):
        wilson_interval(1, 2, confidence)
