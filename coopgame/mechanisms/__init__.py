"""Policy instruments a coordinating government can use, as game transformations."""

from coopgame.mechanisms.cheapest_mix import Amounts, Design, DesignCertificate, design
from coopgame.mechanisms.cost import InstrumentCost, instrument_cost
from coopgame.mechanisms.instruments import Penalty, Standard, Subsidy, Transfer, combined_detection

__all__ = ["Subsidy", "Penalty", "Transfer", "Standard", "combined_detection", "instrument_cost", "InstrumentCost",
           "design", "Design", "DesignCertificate", "Amounts"]
