"""Coalition stability and environmental-agreement models."""

from coopgame.coalitions.agreements import (
    GAMMA_RANGE,
    MAX_PARADOX_WORK,
    Agreement,
    AgreementOutcome,
    ParadoxOfCooperation,
    barrett_cournot_agreement,
    barrett_stackelberg_agreement,
    binary_participation_agreement,
    heterogeneous_barrett_payoff,
    heterogeneous_linear_payoff,
    linear_benefit_agreement,
    paradox_of_cooperation,
)
from coopgame.coalitions.chander_tulkens import MAX_GAMMA_CORE_PLAYERS, ChanderTulkens, chander_tulkens_transfers
from coopgame.coalitions.stability import (
    MAX_COALITION_PLAYERS,
    MAX_SIZE_PLAYERS,
    CoalitionCheck,
    SizeCheck,
    StableSizes,
    coalition_stability,
    optimal_transfers,
    potentially_internally_stable,
    stable_coalition_sizes,
    stable_coalitions,
)

__all__ = [
    "stable_coalition_sizes", "StableSizes", "SizeCheck", "potentially_internally_stable", "optimal_transfers",
    "Agreement", "linear_benefit_agreement", "barrett_cournot_agreement", "heterogeneous_linear_payoff",
    "barrett_stackelberg_agreement", "binary_participation_agreement", "heterogeneous_barrett_payoff",
    "paradox_of_cooperation", "AgreementOutcome", "ParadoxOfCooperation",
    "coalition_stability", "stable_coalitions", "CoalitionCheck", "MAX_COALITION_PLAYERS",
    "chander_tulkens_transfers", "ChanderTulkens", "MAX_GAMMA_CORE_PLAYERS", "MAX_SIZE_PLAYERS", "MAX_PARADOX_WORK", "GAMMA_RANGE",
]
