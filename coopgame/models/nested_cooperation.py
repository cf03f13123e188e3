"""Provinces and cities: a nested cooperation game (claim S10 of docs/explanation/claims.md)."""

from __future__ import annotations

from typing import Any

from coopgame._checks import public
from coopgame.games.multilevel import MultilevelGame
from coopgame.models._common import check_parameters, symbol
from coopgame.models._common import game as _game

__all__ = ["multilevel"]

_ACTIONS = ("Cooperate", "Defect")


@public
def multilevel(**values: Any) -> MultilevelGame:
    """Two provinces, then one city in each: city cooperation needs provincial cooperation.

    Upper level: two provinces sign a cooperation agreement (Cooperate, cost
    ``k``) or not (Defect). The agreement binds only if both sign, and then
    each province gains ``B``: ``u = B*[both sign] - k*[signs]``, a
    coordination game for ``B > k`` (both sign, or neither).

    Lower level: a city in each province cooperates (cost ``c``, benefit
    ``b`` to the other city) or defects, ``u = b*[other cooperates] -
    c*[cooperates]``: a prisoner's dilemma for ``b > c``. Where the provinces'
    agreement binds it supplies a joint fund paying each city ``f`` when
    both cities cooperate (a joint project), turning the dilemma into a
    coordination game for ``f >= c``. So the cities' (Cooperate, Cooperate)
    is an equilibrium only under the provinces' (Cooperate, Cooperate)
    (claim S10: cooperation among lower-level units is feasible only where
    their higher-level units cooperate).

    Parameters
    ----------
    B : default 3
        Each province's gain when the agreement binds.
    k : default 1
        A province's cost of signing.
    b : default 2
        Benefit to a city of the other city's cooperation.
    c : default 1
        A city's cost of cooperating.
    f : default 2
        Joint-fund payment to each city when both cooperate under the agreement.
    **values
        Values for these parameters; those given are substituted.

    Returns
    -------
    MultilevelGame
        Levels "Provinces" (players "Province 1", "Province 2") and "Cities"
        (players "City 1", "City 2"); actions "Cooperate", "Defect".

    Raises
    ------
    InvalidArgumentError
        An unknown keyword.

    References
    ----------
    Claim S10 of docs/explanation/claims.md; Putnam, R. (1988), "Diplomacy and domestic
    politics: the logic of two-level games", *International Organization* 42(3).

    Examples
    --------
    >>> from coopgame import models
    >>> game = models.multilevel(f=1/2)
    >>> game.lower[("Cooperate", "Cooperate")].parameters
    (b, c)
    >>> models.multilevel(B=3, k=1, b=2, c=1, f=2).parameters
    ()
    """
    B, k, b, c, f = (symbol(s) for s in ("B", "k", "b", "c", "f"))
    defaults = {"B": 3, "k": 1, "b": 2, "c": 1, "f": 2}
    values = check_parameters("multilevel", values, list(defaults))
    upper = _game([[[B - k, -k], [0, 0]], [[B - k, 0], [-k, 0]]], ("Province 1", "Province 2"),
                  (_ACTIONS, _ACTIONS), defaults)

    def cities(outcome: tuple[str, ...]) -> Any:
        bonus = f if outcome == ("Cooperate", "Cooperate") else 0
        return _game([[[b - c + bonus, -c], [b, 0]], [[b - c + bonus, b], [-c, 0]]], ("City 1", "City 2"),
                     (_ACTIONS, _ACTIONS), defaults)

    game = MultilevelGame(upper, cities, levels=("Provinces", "Cities"))
    return game.subs(values) if values else game
