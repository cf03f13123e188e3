"""The textbook 2x2 games with symbolic payoffs, told as stories of two regions.

Each function returns a :class:`~coopgame.SymbolicGame` when called with no
arguments (its default values stored in ``defaults``) and substitutes the
keyword values given; with every parameter given it is a
:class:`~coopgame.NormalFormGame`.
"""

from __future__ import annotations

from typing import Any

from coopgame._checks import public
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.models._common import finish, game, symbol

__all__ = ["prisoners_dilemma", "stag_hunt", "chicken", "battle_of_the_sexes", "matching_pennies"]

_REGIONS = ["Region 1", "Region 2"]


def _symmetric(name: str, labels: list[str], R: Any, S: Any, T: Any, P: Any, defaults: dict[str, Any],
               values: dict[str, Any]) -> SymbolicGame | NormalFormGame:
    """Symmetric 2x2 game: (first, first) = R, (first, second) = S, (second, first) = T, (second, second) = P."""
    g = game([[[R, S], [T, P]], [[R, T], [S, P]]], _REGIONS, [labels, labels], defaults)
    return finish(name, g, values)


@public
def prisoners_dilemma(**values: Any) -> SymbolicGame | NormalFormGame:
    """Prisoner's dilemma: two regions each cooperate on pollution control or defect.

    Cooperating with a cooperating neighbour gives the reward ``R``; defecting
    on it the temptation ``T``; being defected on the sucker's payoff ``S``;
    mutual defection the punishment ``P``. With ``T > R > P > S`` defection is
    dominant and mutual defection is the unique equilibrium although mutual
    cooperation is better for both: the core of the free-riding story (S1) in
    the source papers (Wang; Niu).

    Parameters
    ----------
    T : default 5
        Temptation: payoff of defecting while the other cooperates.
    R : default 3
        Reward of mutual cooperation.
    P : default 1
        Punishment of mutual defection.
    S : default 0
        Sucker's payoff of cooperating alone.

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", "Region 2"; actions "Cooperate", "Defect".

    References
    ----------
    Rapoport, A. and Chammah, A. M. (1965), *Prisoner's Dilemma*; Axelrod, R.
    (1984), *The Evolution of Cooperation*; claims C7 and C8 of docs/explanation/claims.md.

    Examples
    --------
    >>> from coopgame import models
    >>> models.prisoners_dilemma().parameters
    (P, R, S, T)
    >>> models.prisoners_dilemma(T=5, R=3, P=1, S=0)
    NormalFormGame (Region 1: rows, Region 2: columns)
                 Cooperate  Defect
    Cooperate         3, 3    0, 5
    Defect            5, 0    1, 1
    """
    T, R, P, S = (symbol(x) for x in "TRPS")
    return _symmetric("prisoners_dilemma", ["Cooperate", "Defect"], R, S, T, P,
                      {"T": 5, "R": 3, "P": 1, "S": 0}, values)


@public
def stag_hunt(**values: Any) -> SymbolicGame | NormalFormGame:
    """Stag hunt: two regions choose a joint project (Stag) or go it alone (Hare).

    The joint project (a shared treatment plant, a basin-wide plan) pays ``R``
    to each only if both join; a region joining alone gets ``S``; going alone
    pays ``T`` if the other joins and ``P`` if it does not. With
    ``R > T >= P > S`` both (Stag, Stag) and (Hare, Hare) are equilibria:
    cooperation is a coordination problem that a credible coordinator (S9,
    Yuan, Wen and Zhang 2020) can settle.

    Parameters
    ----------
    R : default 4
        Payoff of the joint project when both join.
    S : default 1
        Payoff of joining alone.
    T : default 3
        Payoff of going alone while the other joins.
    P : default 3
        Payoff of both going alone.

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", "Region 2"; actions "Stag", "Hare".

    References
    ----------
    Skyrms, B. (2004), *The Stag Hunt and the Evolution of Social Structure*;
    Rousseau's parable; claim C9 of docs/explanation/claims.md.

    Examples
    --------
    >>> from coopgame import models
    >>> models.stag_hunt(R=4, S=1, T=3, P=3)
    NormalFormGame (Region 1: rows, Region 2: columns)
            Stag  Hare
    Stag    4, 4  1, 3
    Hare    3, 1  3, 3
    """
    R, S, T, P = (symbol(x) for x in "RSTP")
    return _symmetric("stag_hunt", ["Stag", "Hare"], R, S, T, P, {"R": 4, "S": 1, "T": 3, "P": 3}, values)


@public
def chicken(**values: Any) -> SymbolicGame | NormalFormGame:
    """Chicken (hawk-dove): two regions each yield or hold out in a dispute over a shared cost.

    Yielding (Swerve) to a yielding neighbour gives ``R``; yielding to one
    that holds out (Straight) gives ``S``, holding out against a yielding one
    ``T``; both holding out gives the worst ``P`` (the cost is never paid and
    the damage is done). With ``T > R > S > P`` the pure equilibria are the
    two asymmetric profiles, plus one mixed equilibrium.

    Parameters
    ----------
    T : default 4
        Payoff of holding out while the other yields.
    R : default 3
        Payoff of both yielding.
    S : default 2
        Payoff of yielding while the other holds out.
    P : default 1
        Payoff of both holding out.

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", "Region 2"; actions "Swerve", "Straight".

    References
    ----------
    Rapoport, A. and Chammah, A. M. (1966), "The game of chicken", *American
    Behavioral Scientist* 10(3); Maynard Smith and Price (1973) (hawk-dove).

    Examples
    --------
    >>> from coopgame import models
    >>> models.chicken().numeric()
    NormalFormGame (Region 1: rows, Region 2: columns)
                Swerve  Straight
    Swerve        3, 3      2, 4
    Straight      4, 2      1, 1
    """
    T, R, S, P = (symbol(x) for x in "TRSP")
    return _symmetric("chicken", ["Swerve", "Straight"], R, S, T, P, {"T": 4, "R": 3, "S": 2, "P": 1}, values)


@public
def battle_of_the_sexes(**values: Any) -> SymbolicGame | NormalFormGame:
    """Battle of the sexes: two regions want a common standard but each prefers its own.

    Coordinating on Region 1's favourite ("Opera") gives it ``a`` and Region 2
    ``b``; on Region 2's favourite ("Football") the reverse; failing to
    coordinate gives both 0. With ``a > b > 0`` there are two pure equilibria
    and one mixed: harmonising standards (S7) is a distribution problem as
    much as a coordination one.

    Parameters
    ----------
    a : default 2
        Payoff of coordinating on one's favourite.
    b : default 1
        Payoff of coordinating on the other's favourite.

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", "Region 2"; actions "Opera", "Football".

    References
    ----------
    Luce, R. D. and Raiffa, H. (1957), *Games and Decisions*, ch. 5.

    Examples
    --------
    >>> from coopgame import models
    >>> models.battle_of_the_sexes(a=2, b=1)
    NormalFormGame (Region 1: rows, Region 2: columns)
                Opera  Football
    Opera        2, 1      0, 0
    Football     0, 0      1, 2
    """
    a, b = symbol("a"), symbol("b")
    labels = ["Opera", "Football"]
    g = game([[[a, 0], [0, b]], [[b, 0], [0, a]]], _REGIONS, [labels, labels], {"a": 2, "b": 1})
    return finish("battle_of_the_sexes", g, values)


@public
def matching_pennies(**values: Any) -> SymbolicGame | NormalFormGame:
    """Matching pennies: an inspector wants to match, an evader to mismatch.

    Region 1 wins ``a`` (and Region 2 loses it) when the choices match, and
    loses ``a`` otherwise: the zero-sum skeleton of the inspection games of
    the claims page (claim C5), with the unique equilibrium (1/2, 1/2) for both.

    Parameters
    ----------
    a : default 1
        Stake of each round.

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", "Region 2"; actions "Heads", "Tails".

    References
    ----------
    von Neumann, J. and Morgenstern, O. (1944), *Theory of Games and Economic Behavior*.

    Examples
    --------
    >>> from coopgame import models
    >>> models.matching_pennies()
    SymbolicGame (Region 1: rows, Region 2: columns)
             Heads  Tails
    Heads    a, -a  -a, a
    Tails    -a, a  a, -a
    """
    a = symbol("a")
    labels = ["Heads", "Tails"]
    g = game([[[a, -a], [-a, a]], [[-a, a], [a, -a]]], _REGIONS, [labels, labels], {"a": 1})
    return finish("matching_pennies", g, values)
