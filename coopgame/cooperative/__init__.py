"""Cooperative (TU) games: Shapley and Banzhaf values, core, least core, nucleolus, bargaining (Nash, Kalai-Smorodinsky, Rubinstein), river sharing.

Examples
--------
>>> from coopgame.cooperative import TUGame, upstream_equal_sharing
>>> [str(x) for x in upstream_equal_sharing([6, 4, 3])]
['9', '3', '1']
"""

from coopgame.cooperative.alternating_offers import RubinsteinSolution, rubinstein
from coopgame.cooperative.bargaining import (
    BargainingSolution,
    KalaiSmorodinskySolution,
    kalai_smorodinsky,
    nash_bargaining,
)
from coopgame.cooperative.core import LeastCore
from coopgame.cooperative.river import (
    airport_game,
    airport_shapley,
    downstream_incremental,
    local_responsibility,
    local_responsibility_game,
    upstream_equal_sharing,
    upstream_equal_sharing_game,
)
from coopgame.cooperative.shapley import MonteCarloShapley
from coopgame.cooperative.tu_game import TUGame

__all__ = [
    "BargainingSolution",
    "nash_bargaining",
    "KalaiSmorodinskySolution",
    "kalai_smorodinsky",
    "RubinsteinSolution",
    "rubinstein",
    "LeastCore",
    "MonteCarloShapley",
    "TUGame",
    "airport_game",
    "airport_shapley",
    "downstream_incremental",
    "local_responsibility",
    "local_responsibility_game",
    "upstream_equal_sharing",
    "upstream_equal_sharing_game",
]
