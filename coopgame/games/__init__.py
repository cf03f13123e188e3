"""Games: numeric normal-form games and their constructors."""

from coopgame.games.continuous import ContinuousGame
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.random import random_game
from coopgame.games.symbolic import SymbolicGame
from coopgame.games.symmetric import SymmetricGame

__all__ = ["ContinuousGame", "NormalFormGame", "SymbolicGame", "SymmetricGame", "random_game"]
