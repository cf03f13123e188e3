"""Race to the bottom: two regions compete for mobile investment with environmental standards."""

from __future__ import annotations

from typing import Any

import sympy

from coopgame._checks import public
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.models._common import finish, game, symbol

__all__ = ["race_to_the_bottom"]


@public
def race_to_the_bottom(**values: Any) -> SymbolicGame | NormalFormGame:
    """Two regions set Strict or Lax environmental standards to attract mobile investment.

    Mobile (polluting) investment worth ``G`` goes to the region with the
    laxer standard and is split equally when both choose the same. A lax
    standard costs the region its own environmental damage ``D`` and its
    neighbour a spillover ``sigma*D``. Region 1's payoffs:

    ============  ==============  ======================
    1 \\ 2         Strict          Lax
    ============  ==============  ======================
    Strict        ``G/2``         ``-sigma*D``
    Lax           ``G - D``       ``G/2 - D - sigma*D``
    ============  ==============  ======================

    Lax is dominant iff ``G/2 > D``, and then (Lax, Lax) is the unique
    equilibrium although (Strict, Strict) is better for both: the race to the
    bottom and pollution havens (S3) as a prisoner's dilemma. A unified
    standard (``Standard``, S7) or a central fine with ``rho*F >= G/2 - D``
    (``Penalty``) restores (Strict, Strict).

    Parameters
    ----------
    G : default 4
        Value of the mobile investment.
    D : default 1
        Own environmental damage of a lax standard.
    sigma : default 1/2
        Spillover: the share of that damage borne by the neighbour.

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", "Region 2"; actions "Strict", "Lax".

    References
    ----------
    Oates, W. E. and Schwab, R. M. (1988), "Economic competition among
    jurisdictions: efficiency enhancing or distortion inducing?", *Journal of
    Public Economics* 35; Markusen, J. R., Morey, E. R. and Olewiler, N.
    (1995), "Competition in regional environmental policies when plant
    locations are endogenous", *Journal of Public Economics* 56; Wang Shunyu
    and Niu Junjun (the source papers of docs/explanation/claims.md); claim C6 of the same
    page.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame import models
    >>> models.race_to_the_bottom(G=4, D=1, sigma=0)
    NormalFormGame (Region 1: rows, Region 2: columns)
              Strict   Lax
    Strict      2, 2  0, 3
    Lax         3, 0  1, 1
    >>> cg.dominant_strategies(models.race_to_the_bottom().numeric()).to_dict()
    {'Region 1': 'Lax', 'Region 2': 'Lax'}
    """
    G, D, sigma = symbol("G"), symbol("D"), symbol("sigma")

    def u(mine: int, other: int) -> Any:  # 1 = Lax
        share = G / 2 if mine == other else (G if mine else 0)
        return share - D * mine - sigma * D * other

    A = [[u(0, 0), u(0, 1)], [u(1, 0), u(1, 1)]]
    B = [[u(0, 0), u(1, 0)], [u(0, 1), u(1, 1)]]
    g = game([A, B], ["Region 1", "Region 2"], [["Strict", "Lax"]] * 2, {"G": 4, "D": 1, "sigma": sympy.Rational(1, 2)})
    return finish("race_to_the_bottom", g, values)
