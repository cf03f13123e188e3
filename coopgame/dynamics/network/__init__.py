"""Games on networks: evolutionary dynamics of a symmetric game played along the links of a graph.

One module per idea:

``graph``
    :func:`as_graph` reads networkx graphs and adjacency matrices into a
    :class:`Graph` (compressed sparse rows).
``kernels``
    The compiled update step and the run loops (numba when installed).
``simulation``
    :func:`simulate_network` (a recorded run) and :func:`fixation_on_graph`
    (a Monte Carlo fixation probability), with death-birth, imitation and
    pairwise-comparison updating (Ohtsuki et al. 2006).
``games``
    :func:`donation_game`, the game of the ``b/c > k`` rule.
"""

from coopgame.dynamics.network.games import donation_game
from coopgame.dynamics.network.graph import MAX_NODES, Graph, as_graph
from coopgame.dynamics.network.simulation import (
    MAX_RECORDS,
    MAX_RUN_STEPS,
    UPDATES,
    NetworkRun,
    fixation_on_graph,
    simulate_network,
)

__all__ = [
    "MAX_NODES",
    "MAX_RECORDS",
    "MAX_RUN_STEPS",
    "UPDATES",
    "Graph",
    "NetworkRun",
    "as_graph",
    "donation_game",
    "fixation_on_graph",
    "simulate_network",
]
