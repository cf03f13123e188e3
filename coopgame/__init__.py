"""coopgame: game-theoretic models of intergovernmental environmental cooperation.

The top level holds what a reader of the tutorials reaches for first: the
games, the front doors of each capability, the policy instruments, the
result types every solver shares, and the errors. Everything else lives in
its subpackage, each of which is also an attribute of this package:

* :mod:`coopgame.games` (game classes), :mod:`coopgame.equilibria` (one
  algorithm per module: ``vertex_enumeration``, ``lemke_howson``, ...),
  :mod:`coopgame.mechanisms` (instruments);
* :mod:`coopgame.dynamics` (replicator dynamics, basins, corner tables, ESS,
  finite populations, networks), :mod:`coopgame.repeated`,
  :mod:`coopgame.coalitions`, :mod:`coopgame.cooperative`,
  :mod:`coopgame.differential` (pollution stocks over time),
  :mod:`coopgame.networks` (which cooperation links form);
* :mod:`coopgame.models` (the catalogue), :mod:`coopgame.sweeps`,
  :mod:`coopgame.io`, :mod:`coopgame.plot`.
"""

from coopgame import (
    coalitions,
    cooperative,
    differential,
    dynamics,
    equilibria,
    games,
    io,
    mechanisms,
    models,
    networks,
    plot,
    repeated,
    sweeps,
)
from coopgame._numeric import TOLERANCE
from coopgame._version import __version__
from coopgame.coalitions import stable_coalition_sizes
from coopgame.cooperative import TUGame, kalai_smorodinsky, nash_bargaining, rubinstein
from coopgame.differential import (
    DifferentialGame,
    cooperative_solution,
    feedback_nash,
    open_loop_nash,
    time_consistent_payments,
)
from coopgame.dynamics import replicator, rest_points, stability
from coopgame.equilibria import (
    Equilibrium,
    Threshold,
    continuous_equilibrium,
    cooperative_optimum,
    correlated_equilibrium,
    dominance_conditions,
    dominant_strategies,
    equilibrium_conditions,
    iterated_elimination,
    mixed_equilibria,
    pure_equilibria,
    solve_multilevel,
    stackelberg,
    symbolic_mixed_equilibria,
    symbolic_mixed_equilibrium,
    threshold,
)
from coopgame.errors import (
    CallbackError,
    CoopgameError,
    DegenerateGameWarning,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidFileError,
    InvalidGameError,
    InvalidGameTypeError,
    InvalidProfileError,
    InvalidTypeError,
    NotSupportedError,
    SolverError,
    SolverLimitError,
    UnresolvedParameterError,
)
from coopgame.games import ContinuousGame, MultilevelGame, NormalFormGame, SymbolicGame, SymmetricGame, random_game
from coopgame.io import read_game, read_nfg, write_nfg
from coopgame.mechanisms import Penalty, Standard, Subsidy, Transfer, combined_detection, design, instrument_cost
from coopgame.networks import NetworkGame, connections_model, efficient_networks, pairwise_stable_networks
from coopgame.repeated import critical_discount_factor, play
from coopgame.results import Solutions
from coopgame.sweeps import sweep

__all__ = [
    "__version__",
    "TOLERANCE",
    # games
    "NormalFormGame",
    "SymbolicGame",
    "SymmetricGame",
    "ContinuousGame",
    "MultilevelGame",
    "random_game",
    # instruments
    "Subsidy",
    "Penalty",
    "Transfer",
    "Standard",
    "instrument_cost",
    "combined_detection",
    "design",
    # front doors
    "pure_equilibria",
    "mixed_equilibria",
    "correlated_equilibrium",
    "dominant_strategies",
    "iterated_elimination",
    "equilibrium_conditions",
    "dominance_conditions",
    "symbolic_mixed_equilibrium",
    "symbolic_mixed_equilibria",
    "threshold",
    "continuous_equilibrium",
    "cooperative_optimum",
    "solve_multilevel",
    "stackelberg",
    "critical_discount_factor",
    "play",
    "replicator",
    "rest_points",
    "stability",
    "stable_coalition_sizes",
    "TUGame",
    "nash_bargaining",
    "kalai_smorodinsky",
    "rubinstein",
    "DifferentialGame",
    "cooperative_solution",
    "open_loop_nash",
    "feedback_nash",
    "time_consistent_payments",
    "NetworkGame",
    "connections_model",
    "pairwise_stable_networks",
    "efficient_networks",
    "sweep",
    "read_nfg",
    "write_nfg",
    "read_game",
    # results
    "Equilibrium",
    "Solutions",
    "Threshold",
    # errors
    "CoopgameError",
    "InvalidGameError",
    "InvalidProfileError",
    "InvalidArgumentError",
    "InvalidFileError",
    "InvalidTypeError",
    "InvalidGameTypeError",
    "InvalidArgumentTypeError",
    "UnresolvedParameterError",
    "CallbackError",
    "NotSupportedError",
    "SolverLimitError",
    "SolverError",
    "DegenerateGameWarning",
    # subpackages
    "games",
    "equilibria",
    "mechanisms",
    "dynamics",
    "repeated",
    "coalitions",
    "cooperative",
    "differential",
    "networks",
    "models",
    "sweeps",
    "io",
    "plot",
]
