"""Finite, well-mixed populations: Moran and pairwise-comparison (Fermi) processes.

A population of ``Z`` individuals plays a symmetric game (a two-player game
given by its row player's payoffs, or an ``n``-player
:class:`~coopgame.games.symmetric.SymmetricGame` played in random groups).
One module per idea:

``adapter``
    The game seen by the population: labels, group size, average payoffs
    without self-interaction, and the shared argument checks.
``fixation``
    :func:`fixation_probability`: the exact fixation probability of a single
    mutant (Fractions for the Moran process of an exact game).
``small_mutation``
    :func:`stationary_distribution`: the chain of monomorphic states in the
    limit of rare mutations (Fudenberg & Imhof 2006).
``estimate`` and ``simulation``
    :func:`simulate_fixation`: individual-level simulation, reported as a
    :class:`FixationEstimate` with a Wilson interval (:func:`wilson_interval`).
``mutation_selection``
    :func:`mutation_selection_distribution`: the full chain over every
    composition of the population, with mutations that are not rare.
"""

from coopgame.dynamics.finite.adapter import MAX_EXACT_POPULATION, MAX_POPULATION, PROCESSES
from coopgame.dynamics.finite.estimate import FixationEstimate, wilson_interval
from coopgame.dynamics.finite.fixation import fixation_probability
from coopgame.dynamics.finite.mutation_selection import (
    MAX_MUTATION_STATES,
    MutationSelectionDistribution,
    mutation_selection_distribution,
)
from coopgame.dynamics.finite.simulation import MAX_RUNS, MAX_SIMULATION_STEPS, simulate_fixation
from coopgame.dynamics.finite.small_mutation import StationaryDistribution, stationary_distribution

__all__ = [
    "MAX_EXACT_POPULATION",
    "MAX_MUTATION_STATES",
    "MAX_POPULATION",
    "MAX_RUNS",
    "MAX_SIMULATION_STEPS",
    "PROCESSES",
    "FixationEstimate",
    "MutationSelectionDistribution",
    "StationaryDistribution",
    "fixation_probability",
    "mutation_selection_distribution",
    "simulate_fixation",
    "stationary_distribution",
    "wilson_interval",
]
