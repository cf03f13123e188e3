"""Evolutionary dynamics: replicator dynamics, rest points and their stability, basins of attraction,
finite populations (Moran and Fermi processes) and games on networks.

Layout: ``field`` (the one replicator field and its Jacobian), ``linearisation``
(the one classifier of Jacobians), ``states`` (reading a state),
``integration`` (solve_ivp and the stacked Runge-Kutta scheme),
``trajectory`` (trajectories: ``replicator``), ``fixed_points`` (rest points),
``linear_stability`` (stability of a rest point), ``attraction`` (the one
attractor finder), ``basin_estimates`` (basins and times to reach), ``analysis``
(the symbolic equations and corner tables), ``population`` (state-dependent payoffs).

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
from coopgame.dynamics.attraction import attractors
from coopgame.dynamics.basin_estimates import MAX_STARTS, MAX_WORK, Basins, basins, time_to_reach
from coopgame.dynamics.corner_design import StabilisingDesign, stabilising_design
from coopgame.dynamics.ess import ESS, evolutionarily_stable_strategies, is_ess
from coopgame.dynamics.field import ReplicatorField
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
from coopgame.dynamics.fixed_points import MAX_FACES, MAX_ROLES, rest_points
from coopgame.dynamics.linear_stability import Stability, stability
from coopgame.dynamics.network import NetworkRun, donation_game, fixation_on_graph, simulate_network
from coopgame.dynamics.population import PopulationGame
from coopgame.dynamics.trajectory import Trajectory, replicator

__all__ = [
    "MAX_ROLES", "MAX_FACES", "Stability", "Trajectory", "replicator", "rest_points", "stability", "ReplicatorField",
    "MAX_STARTS", "MAX_WORK", "Basins", "attractors", "basins", "time_to_reach",
    "MAX_EXACT_POPULATION", "MAX_MUTATION_STATES", "FixationEstimate", "MutationSelectionDistribution",
    "StationaryDistribution", "fixation_probability", "mutation_selection_distribution", "simulate_fixation",
    "stationary_distribution", "NetworkRun", "donation_game", "fixation_on_graph", "simulate_network",
    "CornerClassification", "CornerRow", "CornerTable", "ReplicatorSystem", "SymbolicRestPoint", "classify_corners",
    "corner_eigenvalues", "corner_table", "replicator_equations", "symbolic_rest_points",
    "ESS", "evolutionarily_stable_strategies", "is_ess", "PopulationGame",
    "StabilisingDesign", "stabilising_design",
]
