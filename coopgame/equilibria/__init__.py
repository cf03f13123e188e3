"""Equilibrium solvers, one algorithm per module, all returning Equilibrium objects."""

from coopgame.equilibria.commitment import StackelbergEquilibrium, commitment_payoff, stackelberg
from coopgame.equilibria.conditions import (
    SymbolicMixedEquilibrium,
    Threshold,
    dominance_conditions,
    equilibrium_conditions,
    symbolic_mixed_equilibria,
    symbolic_mixed_equilibrium,
    threshold,
)
from coopgame.equilibria.continuous import (
    ContinuousEquilibrium,
    CooperativeOptimum,
    best_response_iteration,
    continuous_equilibrium,
    cooperative_optimum,
    price_of_anarchy,
)
from coopgame.equilibria.correlated import CorrelatedEquilibrium, correlated_equilibrium
from coopgame.equilibria.dominance import (
    DominantStrategies,
    EliminationResult,
    EliminationStep,
    dominant_strategies,
    iterated_elimination,
)
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.equilibria.multilevel import MultilevelEquilibrium, anticipated_upper, solve_multilevel
from coopgame.equilibria.pivoting import lemke_howson
from coopgame.equilibria.polynomial import support_polynomial
from coopgame.equilibria.pure import pure_equilibria
from coopgame.equilibria.result import Equilibrium, equilibria_frame
from coopgame.equilibria.supports import support_enumeration
from coopgame.equilibria.symmetric import SymmetricEquilibrium
from coopgame.equilibria.vertices import vertex_enumeration

__all__ = [
    "Equilibrium",
    "equilibria_frame",
    "pure_equilibria",
    "dominant_strategies",
    "iterated_elimination",
    "DominantStrategies",
    "EliminationResult",
    "EliminationStep",
    "vertex_enumeration",
    "support_enumeration",
    "support_polynomial",
    "lemke_howson",
    "mixed_equilibria",
    "correlated_equilibrium",
    "CorrelatedEquilibrium",
    "equilibrium_conditions",
    "dominance_conditions",
    "symbolic_mixed_equilibrium",
    "symbolic_mixed_equilibria",
    "SymbolicMixedEquilibrium",
    "threshold",
    "Threshold",
    "SymmetricEquilibrium",
    "ContinuousEquilibrium",
    "CooperativeOptimum",
    "continuous_equilibrium",
    "cooperative_optimum",
    "price_of_anarchy",
    "best_response_iteration",
    "MultilevelEquilibrium",
    "solve_multilevel",
    "anticipated_upper",
    "StackelbergEquilibrium",
    "stackelberg",
    "commitment_payoff",
]
