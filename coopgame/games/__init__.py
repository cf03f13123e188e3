"""Games: numeric normal-form games and their constructors."""

from coopgame.games.normal_form import NormalFormGame
from coopgame.games.random import random_game

__all__ = ["NormalFormGame", "random_game"]
