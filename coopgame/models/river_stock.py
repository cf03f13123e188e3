"""Downstream pollution: an upstream region emits into a river stock that only the downstream region suffers."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from coopgame._checks import public
from coopgame.differential.game import DifferentialGame
from coopgame.models._common import check_parameters

__all__ = ["downstream_pollution"]

_NAME = "downstream_pollution"


@public
def downstream_pollution(**values: Any) -> DifferentialGame:
    """Upstream and downstream regions share a river whose pollution stock harms downstream only (Jorgensen and Zaccour 2001).

    Both regions emit (``e_u``, ``e_d``) as a by-product of production; the
    stock ``S`` follows ``dS/dt = e_u + e_d - delta*S``. Upstream gains
    ``alpha_u*e_u - e_u**2/2`` and suffers nothing; downstream gains
    ``alpha_d*e_d - e_d**2/2 - beta*S**2/2``. Without cooperation upstream
    emits ``alpha_u`` for ever; cooperation needs downstream to pay upstream
    to abate, and :func:`~coopgame.differential.time_consistent_payments`
    spreads that payment over time so that upstream never wants to leave.
    This is a linear-quadratic version of Jorgensen and Zaccour's downstream
    pollution game.

    Parameters
    ----------
    alpha_u, alpha_d : default 1
        Marginal benefit of the first unit of emissions upstream and downstream.
    beta : default 1/10
        Slope of downstream's marginal damage.
    delta : default 1/10
        Decay rate of the stock.
    r : default 1/20
        Discount rate.

    Examples
    --------
    >>> from coopgame.models import downstream_pollution
    >>> downstream_pollution().players
    ('Upstream', 'Downstream')
    """
    S = sympy.Symbol("S", real=True)
    eu, ed = sympy.Symbol("e_u", real=True), sympy.Symbol("e_d", real=True)
    au, ad, beta, delta, r = (sympy.Symbol(s, positive=True) for s in ("alpha_u", "alpha_d", "beta", "delta", "r"))
    defaults: dict[str, Any] = {"alpha_u": 1, "alpha_d": 1, "beta": Fraction(1, 10), "delta": Fraction(1, 10),
                                "r": Fraction(1, 20)}
    given = check_parameters(_NAME, values, sorted(defaults))
    game = DifferentialGame(["Upstream", "Downstream"], S, [eu, ed], eu + ed - delta * S,
                            [au * eu - eu ** 2 / 2, ad * ed - ed ** 2 / 2 - beta * S ** 2 / 2], r, defaults=defaults)
    return game.subs(given) if given else game
