"""What the solution concepts of TU games read from a game: a Protocol for type hints.

:class:`~coopgame.cooperative.TUGame` satisfies it; the modules that compute
the Shapley value, the core and the nucleolus name it instead of the class,
which imports them (its methods call them).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

__all__ = ["Worths"]


class Worths(Protocol):
    """A TU game as the solution concepts read it: worths indexed by coalition bitmask."""

    @property
    def num_players(self) -> int: ...

    @property
    def values(self) -> np.ndarray: ...

    @property
    def is_exact(self) -> bool: ...

    @property
    def cost(self) -> bool: ...
