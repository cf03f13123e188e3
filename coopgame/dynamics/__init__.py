"""Evolutionary dynamics: replicator dynamics, rest points and their stability, basins of attraction,
finite populations (Moran and Fermi processes) and games on networks.

Examples
--------
>>> import coopgame as cg
>>> from coopgame.dynamics import rest_points, stability
>>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
>>> [stability(pd, p).classification for p in rest_points(pd)]
['unstable', 'saddle', 'saddle', 'stable']
"""

from coopgame.dynamics.analysis import (
    CornerClassification,
    CornerRow,
    CornerTable,
    ReplicatorSystem,
    SymbolicRestPoint,
    classify_corners,
    corner_eigenvalues,
    corner_table,
    replicator_equations,
    symbolic_rest_points,
)
from coopgame.dynamics.basins import MAX_STARTS, Basins, attractors, basins, time_to_reach
from coopgame.dynamics.ess import ESS, evolutionarily_stable_strategies, is_ess
from coopgame.dynamics.finite import (
    MAX_EXACT_POPULATION,
    MAX_MUTATION_STATES,
    FixationEstimate,
    MutationSelectionDistribution,
    StationaryDistribution,
    fixation_probability,
    mutation_selection_distribution,
    simulate_fixation,
    stationary_distribution,
)
from coopgame.dynamics.network import NetworkRun, donation_game, fixation_on_graph, simulate_network
from coopgame.dynamics.population import PopulationGame
from coopgame.dynamics.replicator import Trajectory, replicator
from coopgame.dynamics.stability import MAX_ROLES, Stability, rest_points, stability

__all__ = [
    "MAX_ROLES", "Stability", "Trajectory", "replicator", "rest_points", "stability",
    "MAX_STARTS", "Basins", "attractors", "basins", "time_to_reach",
    "MAX_EXACT_POPULATION", "MAX_MUTATION_STATES", "FixationEstimate", "MutationSelectionDistribution",
    "StationaryDistribution", "fixation_probability", "mutation_selection_distribution", "simulate_fixation",
    "stationary_distribution", "NetworkRun", "donation_game", "fixation_on_graph", "simulate_network",
    "CornerClassification", "CornerRow", "CornerTable", "ReplicatorSystem", "SymbolicRestPoint", "classify_corners",
    "corner_eigenvalues", "corner_table", "replicator_equations", "symbolic_rest_points",
    "ESS", "evolutionarily_stable_strategies", "is_ess", "PopulationGame",
]
