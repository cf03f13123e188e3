"""Monte Carlo estimates of fixation probabilities: the result and its Wilson confidence interval.

Shared by the well-mixed simulation (:func:`~coopgame.dynamics.finite.simulate_fixation`)
and the simulation on graphs (:func:`~coopgame.dynamics.network.fixation_on_graph`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from coopgame._checks import check_int, check_real, public
from coopgame.errors import InvalidArgumentError
from coopgame.results import Result

__all__ = ["FixationEstimate", "check_confidence", "wilson_interval"]


def check_confidence(confidence: Any, where: str) -> float:
    """A confidence level in the open interval (0, 1)."""
    return float(check_real(confidence, "confidence", where, minimum=0, maximum=1, open_min=True, open_max=True))


@public
def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion.

    Parameters
    ----------
    successes, trials : int
        ``0 <= successes <= trials``, ``trials >= 1``.
    confidence : float
        In ``(0, 1)``.

    Examples
    --------
    >>> from coopgame.dynamics.finite import wilson_interval
    >>> low, high = wilson_interval(30, 100)
    >>> round(low, 4), round(high, 4)
    (0.2189, 0.3958)
    """
    where = "wilson_interval"
    trials = check_int(trials, "trials", where, minimum=1)
    successes = check_int(successes, "successes", where, minimum=0)
    if successes > trials:
        raise InvalidArgumentError(
            f"{where}: expected integers 0 <= successes <= trials, got {successes!r}, {trials!r}")
    confidence = check_confidence(confidence, where)
    from scipy.stats import norm

    z = float(norm.ppf(0.5 + confidence / 2))
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


@public
@dataclass(frozen=True)
class FixationEstimate(Result):
    """A Monte Carlo estimate of a fixation probability.

    Attributes
    ----------
    probability : float
        Share of runs in which the mutant took over.
    fixations, runs : int
        Runs that ended with the mutant fixed; runs in all.
    interval : tuple of float
        Wilson score interval at level ``confidence``.
    confidence : float
    neutral : float
        ``1 / Z``, the fixation probability of a neutral mutant.
    mean_steps : float
        Mean number of update steps until absorption (either way).
    unfinished : int
        Runs stopped at the step cap before absorption (counted as not fixed).
    is_exact : bool
        Always False: an estimate is never exact.

    Examples
    --------
    >>> from coopgame.dynamics.finite import simulate_fixation
    >>> est = simulate_fixation([[1, 1], [1, 1]], 0, 1, 10, runs=2000, seed=1)
    >>> est.contains(0.1)
    True
    """

    probability: float
    fixations: int
    runs: int
    interval: tuple[float, float]
    confidence: float
    neutral: float
    mean_steps: float
    unfinished: int = 0

    is_exact = False

    @property
    def standard_error(self) -> float:
        """Binomial standard error ``sqrt(p (1 - p) / runs)``."""
        p = self.probability
        return math.sqrt(p * (1 - p) / self.runs)

    @public
    def contains(self, value: float) -> bool:
        """True when ``value`` lies in the confidence interval."""
        return self.interval[0] <= float(value) <= self.interval[1]

    @property
    def above_neutral(self) -> bool:
        """True when the whole interval lies above ``1 / Z``: selection favours the mutant's fixation."""
        return self.interval[0] > self.neutral

    @property
    def below_neutral(self) -> bool:
        """True when the whole interval lies below ``1 / Z``: selection opposes it."""
        return self.interval[1] < self.neutral

    def __repr__(self) -> str:
        lo, hi = self.interval
        return (f"FixationEstimate({self.probability:.4g}, {self.confidence * 100:g}% CI [{lo:.4g}, {hi:.4g}], "
                f"{self.fixations}/{self.runs} runs fixed, neutral {self.neutral:.4g})")
