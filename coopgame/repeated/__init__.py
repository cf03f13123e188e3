"""Repeated games: critical discount factors, discounted play, and the folk theorem's payoff region."""

from coopgame.repeated.discount import DiscountFactor, critical_discount_factor
from coopgame.repeated.folk import Minmax, PayoffRegion, feasible_region, individually_rational_region, minmax_values
from coopgame.repeated.simulation import MAX_ROUNDS, STRATEGIES, RepeatedPlay, play

__all__ = [
    "critical_discount_factor", "DiscountFactor", "play", "RepeatedPlay", "STRATEGIES", "MAX_ROUNDS",
    "feasible_region", "individually_rational_region", "minmax_values", "PayoffRegion", "Minmax",
]
