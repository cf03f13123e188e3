"""What a coordinator pays for the instruments of a game at a profile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import describe, probability_vector, public
from coopgame.errors import InvalidGameTypeError, InvalidProfileError
from coopgame.games._base import GameBase
from coopgame.games.expressions import as_expression
from coopgame.results import ValueResult, html_table

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


@public
@dataclass(frozen=True)
class InstrumentCost(ValueResult):
    """The coordinator's expected net outlay at a profile.

    It works as its total: ``float(cost)``, ``sympy.sympify(cost)``.

    Attributes
    ----------
    total : number or sympy expression
        Subsidies paid minus expected fines collected (transfers between
        regions and standards cost the coordinator nothing here).
    items : tuple of (instrument, cost) pairs
    """

    total: Any
    items: tuple[tuple[Any, Any], ...]

    @property
    def value(self) -> Any:
        """The total (what the result stands for as a value)."""
        return self.total

    def __repr__(self) -> str:
        lines = [f"InstrumentCost(total {self.total})"]
        lines += [f"  {inst!r}: {cost}" for inst, cost in self.items]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [(repr(inst), cost) for inst, cost in self.items] + [("total", self.total)]
        return html_table(rows, header=["instrument", "coordinator's cost"], caption="InstrumentCost")


def _strategy(game: GameBase, p: int, entry: Any) -> list[Any]:
    """Player ``p``'s strategy: an action (label or index), a probability vector, or a vector of formulas."""
    where = "instrument_cost"
    m = game.shape[p]
    if isinstance(entry, (str, int, np.integer)) and not isinstance(entry, (bool, np.bool_)):
        vec: list[Any] = [0] * m
        vec[game.action_index(p, entry)] = 1
        return vec
    if isinstance(entry, (list, tuple, np.ndarray)) and any(
            isinstance(v, (str, sympy.Basic)) and not (isinstance(v, sympy.Basic) and v.is_number) for v in entry):
        if len(entry) != m:
            raise InvalidProfileError(f"{where}: expected a probability vector of length {m} for "
                                      f"{game.players[p]!r}, got {describe(entry)}")
        return [as_expression(v, None, where) for v in entry]
    return list(probability_vector(entry, m, f"the strategy of {game.players[p]!r}", where, exact=True))


@public
def instrument_cost(game: GameBase, profile: Sequence[Any]) -> InstrumentCost:
    """The budget the instruments recorded on ``game`` cost the coordinator at ``profile``.

    Parameters
    ----------
    game : NormalFormGame or SymbolicGame
        A game obtained with ``game.apply(...)``; its ``instruments`` are costed.
    profile : sequence
        A pure profile (one action label or index per player) or a mixed one
        (one probability vector per player; entries may be formulas), giving
        the expected cost. Probability vectors are checked as everywhere in
        coopgame (finite, non-negative, summing to 1).

    Returns
    -------
    InstrumentCost

    Examples
    --------
    >>> import coopgame as cg
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    >>> designed = pd.apply(cg.Subsidy(0, "Govern", 2), cg.Subsidy(1, "Govern", 2))
    >>> cost = cg.instrument_cost(designed, ("Govern", "Govern"))
    >>> cost.total, float(cost)
    (Fraction(4, 1), 4.0)
    """
    if not isinstance(game, GameBase):
        raise InvalidGameTypeError(f"instrument_cost: expected a NormalFormGame or SymbolicGame, got {describe(game)}")
    if not isinstance(profile, (list, tuple)) or len(profile) != game.num_players:
        raise InvalidProfileError(
            f"instrument_cost: expected one action or probability vector for each of {game.num_players} players, "
            f"got {describe(profile)}"
        )
    probabilities = [_strategy(game, p, entry) for p, entry in enumerate(profile)]
    items = []
    total: Any = 0
    for inst in game.instruments:
        cost = inst.coordinator_cost(game.players, game.actions, probabilities)
        items.append((inst, _plain(cost)))
        total = total + cost
    return InstrumentCost(_plain(total), tuple(items))
