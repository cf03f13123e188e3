"""Coalition stability and environmental-agreement models."""

from coopgame.coalitions.agreements import (
    Agreement,
    barrett_cournot_agreement,
    heterogeneous_linear_payoff,
    linear_benefit_agreement,
)
from coopgame.coalitions.stability import (
    SizeCheck,
    StableSizes,
    optimal_transfers,
    potentially_internally_stable,
    stable_coalition_sizes,
)

__all__ = [
    "stable_coalition_sizes", "StableSizes", "SizeCheck", "potentially_internally_stable", "optimal_transfers",
    "Agreement", "linear_benefit_agreement", "barrett_cournot_agreement", "heterogeneous_linear_payoff",
]
