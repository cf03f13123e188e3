"""Repeated games: critical discount factors and discounted play."""

from coopgame.repeated.discount import DiscountFactor, critical_discount_factor
from coopgame.repeated.play import STRATEGIES, RepeatedPlay, play

__all__ = ["critical_discount_factor", "DiscountFactor", "play", "RepeatedPlay", "STRATEGIES"]
