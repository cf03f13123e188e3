"""Games: the ground floor of coopgame.

Modules, bottom to top: ``expressions`` (formulas as sympy), ``_payoffs``
(which numbers are payoffs), ``_display`` (payoff tables as text, HTML and
LaTeX), ``_base`` (labels, profiles, instruments, ``build_game``),
``normal_form``, ``symbolic``, ``symmetric``, ``continuous``, ``multilevel``,
``random``, and ``coerce`` (the one coercion of game-like input).
"""

from coopgame.games.continuous import ContinuousGame
from coopgame.games.multilevel import MultilevelGame
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.random import random_game
from coopgame.games.symbolic import SymbolicGame
from coopgame.games.symmetric import SymmetricGame

__all__ = ["ContinuousGame", "MultilevelGame", "NormalFormGame", "SymbolicGame", "SymmetricGame", "random_game"]
