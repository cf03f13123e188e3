"""The donation game, the game of the b/c rules for cooperation on graphs."""

from __future__ import annotations

from typing import Any

from coopgame._checks import check_bool, check_real, public
from coopgame.games.normal_form import NormalFormGame

__all__ = ["donation_game"]


@public
def donation_game(b: Any, c: Any, *, exact: bool | None = None) -> NormalFormGame:
    """The donation game: a cooperator pays ``c`` for its partner to receive ``b``.

    Row payoffs ``[[b - c, -c], [b, 0]]``, actions ``("Cooperate", "Defect")``:
    a prisoner's dilemma when ``b > c > 0``.

    Parameters
    ----------
    b, c : number
        Benefit and cost, finite real numbers (exact ones stay exact).
    exact : bool, optional
        As for :class:`~coopgame.NormalFormGame`.

    Examples
    --------
    >>> from coopgame.dynamics.network import donation_game
    >>> donation_game(4, 1)
    NormalFormGame (Player 1: rows, Player 2: columns)
                 Cooperate  Defect
    Cooperate         3, 3   -1, 4
    Defect            4, -1   0, 0
    """
    where = "donation_game"
    b = check_real(b, "b", where, exact=True)
    c = check_real(c, "c", where, exact=True)
    if exact is not None:
        exact = check_bool(exact, "exact", where)
    A = [[b - c, -c], [b, 0]]
    B = [[b - c, b], [-c, 0]]
    return NormalFormGame([A, B], actions=[["Cooperate", "Defect"]] * 2, exact=exact)
