"""coopgame: game-theoretic models of intergovernmental environmental cooperation."""

from fractions import Fraction

from coopgame._numeric import TOLERANCE
from coopgame._version import __version__
from coopgame.equilibria import (
    DominantStrategies,
    EliminationResult,
    EliminationStep,
    Equilibrium,
    dominant_strategies,
    equilibria_frame,
    iterated_elimination,
    lemke_howson,
    mixed_equilibria,
    pure_equilibria,
    support_enumeration,
    vertex_enumeration,
)
from coopgame.errors import (
    CoopgameError,
    DegenerateGameWarning,
    InvalidFileError,
    InvalidGameError,
    InvalidProfileError,
    NotSupportedError,
    SolverError,
    SolverLimitError,
    UnresolvedParameterError,
)
from coopgame.games import NormalFormGame, SymbolicGame, random_game
from coopgame import plot
from coopgame.mechanisms import (
    InstrumentCost,
    Penalty,
    Standard,
    Subsidy,
    Transfer,
    combined_detection,
    instrument_cost,
)

__all__ = [
    "__version__",
    "TOLERANCE",
    "Fraction",
    "NormalFormGame",
    "SymbolicGame",
    "random_game",
    "Equilibrium",
    "equilibria_frame",
    "pure_equilibria",
    "mixed_equilibria",
    "lemke_howson",
    "vertex_enumeration",
    "support_enumeration",
    "dominant_strategies",
    "iterated_elimination",
    "DominantStrategies",
    "EliminationResult",
    "EliminationStep",
    "CoopgameError",
    "InvalidGameError",
    "InvalidProfileError",
    "InvalidFileError",
    "UnresolvedParameterError",
    "NotSupportedError",
    "SolverLimitError",
    "SolverError",
    "DegenerateGameWarning",
    "plot",
    "Subsidy",
    "Penalty",
    "Transfer",
    "Standard",
    "combined_detection",
    "instrument_cost",
    "InstrumentCost",
]
