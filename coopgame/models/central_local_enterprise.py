"""Central government, local government and enterprise: the tripartite 2x2x2 game."""

from __future__ import annotations

from typing import Any

import numpy as np

from coopgame._checks import public
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.models._common import finish, game, symbol

__all__ = ["tripartite"]

_NAMES = ("pi", "c_e", "s_e", "f_e", "w", "c_g", "g", "d", "s_g", "F_g", "c_c", "B", "r")


@public
def tripartite(**values: Any) -> SymbolicGame | NormalFormGame:
    """The canonical central / local / enterprise game (claim C18 of docs/explanation/claims.md).

    The central government supervises strictly (S) or loosely (L); the local
    government regulates strictly (R) or laxly (N); the enterprise abates (A)
    or pollutes (P). Indicators in brackets:

    - Enterprise: ``u(A) = pi - c_e + s_e [G=R]``; ``u(P) = pi - f_e [G=R]``.
    - Local government: ``u(R) = w - c_g - s_e [E=A] + f_e [E=P] + s_g [C=S]
      - d [E=P]``; ``u(N) = g [E=P] - F_g [C=S] - d [E=P]``.
    - Central government: ``u(S) = -c_c + B [E=A] + F_g [G=N] - s_g [G=R]``;
      ``u(L) = B [E=A] - r [E=P]``.

    In replicator dynamics with state (x, y, z), the shares of S, R and A,
    (L, R, A) is stable iff ``w > c_g + s_e`` and ``f_e + s_e > c_e``;
    (L, N, P) iff ``F_g + r < c_c`` and ``w + f_e < c_g + g``; (S, R, A) is
    never stable: the coordinator's role is transitional (S9). The remedies
    of the source papers map onto ``w`` (ecological assessment, S4), ``F_g``
    and ``r`` (accountability, S6), ``f_e`` and ``s_e`` (enterprise
    incentives).

    Parameters
    ----------
    pi : default 10
        Enterprise's base profit.
    c_e : default 3
        Enterprise's abatement cost.
    s_e : default 1
        Local subsidy to an abating enterprise under strict regulation.
    f_e : default 4
        Local fine on a polluting enterprise under strict regulation.
    w : default 5
        Ecological-assessment reward for strict local regulation.
    c_g : default 2
        Local cost of strict regulation.
    g : default 3
        Local fiscal/GDP gain from tolerated pollution.
    d : default 1
        Local damage from pollution.
    s_g : default 1
        Central subsidy for strict local regulation under strict supervision.
    F_g : default 2
        Central penalty on a lax local government found by strict supervision.
    c_c : default 2
        Central cost of strict supervision.
    B : default 5
        Central environmental benefit of abatement.
    r : default 1
        Central reputation loss when pollution goes unchecked under loose supervision.

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Central government", "Local government", "Enterprise";
        actions "Supervise strictly"/"Supervise loosely", "Regulate
        strictly"/"Regulate laxly", "Abate"/"Pollute".

    References
    ----------
    Friedman, D. (1991), "Evolutionary games in economics", *Econometrica*
    59(3); Wang, Y. and Shi, Y. (2019), *IJERPH* 16:2775; Wang Shunyu; Yuan,
    Wen and Zhang (2020) (the source papers of docs/explanation/claims.md); claim C18 of the
    same page.

    Examples
    --------
    >>> from coopgame import models
    >>> game = models.tripartite()
    >>> game.payoffs[1][0, 1, 1]     # lax local government, strict supervision, polluter
    -F_g - d + g
    >>> models.tripartite().numeric()["Supervise loosely", "Regulate strictly", "Abate"]
    (Fraction(5, 1), Fraction(2, 1), Fraction(8, 1))
    """
    (pi, c_e, s_e, f_e, w, c_g, g, d, s_g, F_g, c_c, B, r) = (symbol(x) for x in _NAMES)
    arrays = [np.empty((2, 2, 2), dtype=object) for _ in range(3)]
    for idx in np.ndindex(2, 2, 2):
        cs, gr, ea = (1 - k for k in idx)  # 1 = Supervise strictly / Regulate strictly / Abate
        ep = 1 - ea
        arrays[2][idx] = (pi - c_e + s_e * gr) if ea else (pi - f_e * gr)
        if gr:
            arrays[1][idx] = w - c_g - s_e * ea + f_e * ep + s_g * cs - d * ep
        else:
            arrays[1][idx] = g * ep - F_g * cs - d * ep
        if cs:
            arrays[0][idx] = -c_c + B * ea + F_g * (1 - gr) - s_g * gr
        else:
            arrays[0][idx] = B * ea - r * ep
    defaults = dict(zip(_NAMES, (10, 3, 1, 4, 5, 2, 3, 1, 1, 2, 2, 5, 1)))
    gm = game(arrays, ["Central government", "Local government", "Enterprise"],
              [["Supervise strictly", "Supervise loosely"], ["Regulate strictly", "Regulate laxly"], ["Abate", "Pollute"]],
              defaults)
    return finish("tripartite", gm, values)
