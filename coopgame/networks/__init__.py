"""Network formation: which cooperation links between regions form, which last, and which to fund.

Players are nodes; a :class:`NetworkGame` gives each player's payoff in
every network (networkx graphs on the players' labels, ``0 .. n - 1`` by
default). Models: :func:`connections_model`, :func:`coauthor_model`, or any
value function. Solutions: :func:`pairwise_stable_networks`,
:func:`efficient_networks` and the other stability notions, formation
dynamics, allocation rules and the least link subsidies that make an
efficient network stable.

References
----------
Jackson, M. O. and Wolinsky, A. (1996), "A strategic model of social and
economic networks", *Journal of Economic Theory* 71: 44-74. Jackson, M. O.
and Watts, A. (2002), "The evolution of social and economic networks",
*Journal of Economic Theory* 106: 265-295. Bala, V. and Goyal, S. (2000),
"A noncooperative model of network formation", *Econometrica* 68: 1181-1229.
"""

from coopgame.networks.allocation import allocation_game, egalitarian_allocation, myerson_value
from coopgame.networks.dynamics import (
    ImprovingPath,
    StochasticStability,
    closed_cycles,
    improving_path,
    stochastically_stable_networks,
)
from coopgame.networks.efficiency import NetworkPriceOfAnarchy, efficient_networks, network_price_of_anarchy
from coopgame.networks.game import NetworkGame
from coopgame.networks.models import coauthor_model, connections_model, distance_costs
from coopgame.networks.one_sided import OneSidedGame, nash_networks, one_sided_model
from coopgame.networks.stability import (
    is_pairwise_stable,
    pairwise_nash_stable_networks,
    pairwise_stable_networks,
    strongly_stable_networks,
)
from coopgame.networks.strengthening import LinkStrengthening, weak_to_strong
from coopgame.networks.subsidy import LinkSubsidy, link_subsidies

__all__ = [
    "NetworkGame",
    "connections_model",
    "coauthor_model",
    "distance_costs",
    "pairwise_stable_networks",
    "pairwise_nash_stable_networks",
    "strongly_stable_networks",
    "is_pairwise_stable",
    "efficient_networks",
    "network_price_of_anarchy",
    "NetworkPriceOfAnarchy",
    "improving_path",
    "ImprovingPath",
    "closed_cycles",
    "stochastically_stable_networks",
    "StochasticStability",
    "myerson_value",
    "egalitarian_allocation",
    "allocation_game",
    "link_subsidies",
    "LinkSubsidy",
    "weak_to_strong",
    "LinkStrengthening",
    "OneSidedGame",
    "one_sided_model",
    "nash_networks",
]
