"""What a coordinator pays for the instruments of a game at a profile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame.errors import InvalidProfileError
from coopgame.games._base import describe

__all__ = ["instrument_cost", "InstrumentCost"]


def _plain(value: Any) -> Any:
    """Exact numbers as Fraction, other numbers as float, expressions simplified."""
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    expr = sympy.nsimplify(value) if isinstance(value, sympy.Float) else sympy.simplify(value)
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    if expr.is_number:
        return float(expr)
    return expr


@dataclass(frozen=True)
class InstrumentCost:
    """The coordinator's expected net outlay at a profile.

    Attributes
    ----------
    total : number or sympy expression
        Subsidies paid minus expected fines collected (transfers between
        regions and standards cost the coordinator nothing here).
    items : tuple of (instrument, cost) pairs
    """

    total: Any
    items: tuple[tuple[Any, Any], ...]

    def __repr__(self) -> str:
        lines = [f"InstrumentCost(total {self.total})"]
        lines += [f"  {inst!r}: {cost}" for inst, cost in self.items]
        return "\n".join(lines)


def instrument_cost(game: Any, profile: Sequence[Any]) -> InstrumentCost:
    """The budget the instruments recorded on ``game`` cost the coordinator at ``profile``.

    Parameters
    ----------
    game : NormalFormGame or SymbolicGame
        A game obtained with ``game.apply(...)``; its ``instruments`` are costed.
    profile : sequence
        A pure profile (one action label or index per player) or a mixed one
        (one probability vector per player; entries may be sympy expressions),
        giving the expected cost.

    Returns
    -------
    InstrumentCost

    Examples
    --------
    >>> import coopgame as cg
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    >>> designed = pd.apply(cg.Subsidy(0, "Govern", 2), cg.Subsidy(1, "Govern", 2))
    >>> cg.instrument_cost(designed, ("Govern", "Govern")).total
    Fraction(4, 1)
    """
    if not isinstance(profile, (list, tuple)) or len(profile) != game.num_players:
        raise InvalidProfileError(
            f"instrument_cost: expected one action or probability vector for each of {game.num_players} players, "
            f"got {describe(profile)}"
        )
    probabilities = []
    for p, entry in enumerate(profile):
        m = game.shape[p]
        if isinstance(entry, (str, int, np.integer)) and not isinstance(entry, bool):
            vec = [0] * m
            vec[game.action_index(p, entry)] = 1
        else:
            vec = list(entry)
            if len(vec) != m:
                raise InvalidProfileError(
                    f"instrument_cost: expected a probability vector of length {m} for {game.players[p]!r}, got {describe(entry)}"
                )
        probabilities.append(vec)
    items = []
    total: Any = 0
    for inst in game.instruments:
        cost = inst.coordinator_cost(game.players, game.actions, probabilities)
        items.append((inst, _plain(cost)))
        total = total + cost
    return InstrumentCost(_plain(total), tuple(items))
