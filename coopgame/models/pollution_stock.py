"""Transboundary stock pollution: regions emit into a shared stock that decays slowly (a differential game)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from coopgame._checks import check_bool, check_int, check_size, public
from coopgame.differential.game import DifferentialGame
from coopgame.models._common import check_parameters

__all__ = ["stock_pollution", "MAX_STOCK_REGIONS"]

_NAME = "stock_pollution"

#: Default largest number of regions of :func:`stock_pollution` (keyword ``max_regions``): the feedback
#: solution of ``n`` unequal regions solves ``n`` coupled Riccati equations.
MAX_STOCK_REGIONS = 200


@public
def stock_pollution(n: int = 2, *, unequal: bool = False, max_regions: int = MAX_STOCK_REGIONS,
                    **values: Any) -> DifferentialGame:
    """The linear-quadratic transboundary stock-pollution game (van der Ploeg and de Zeeuw 1992; Dockner and Long 1993).

    Region ``i`` emits ``e_i``; the stock ``S`` follows
    ``dS/dt = sum_j e_j - delta*S`` and region ``i`` maximises the discounted
    integral (rate ``r``) of ``alpha*e_i - e_i**2/2 - beta_i*S**2/2``: the
    benefit of emitting against the damage of the stock. Emissions are not
    bounded (the linear-quadratic literature's convention).

    Parameters
    ----------
    n : int, default 2
        Number of regions.
    unequal : bool, default False
        One damage parameter per region (``beta_1, ..., beta_n``) instead of
        a common ``beta``.
    max_regions : int, default :data:`MAX_STOCK_REGIONS` (200)
        Size budget.
    alpha : default 1
        Marginal benefit of the first unit of emissions.
    beta (or beta_1, ..., beta_n) : default 1/20 (region i: i/20 when unequal)
        Slope of the marginal damage of the stock.
    delta : default 1/10
        Natural decay rate of the stock.
    r : default 1/20
        Discount rate.

    Returns
    -------
    DifferentialGame
        With the defaults in ``defaults`` (``game.numeric()`` substitutes
        them); keyword values are substituted.

    Examples
    --------
    >>> from coopgame.models import stock_pollution
    >>> stock_pollution(n=3)
    DifferentialGame(3 players, state S, controls e1 | e2 | e3, parameters alpha, beta, delta, r)
    >>> stock_pollution(unequal=True).parameters
    (alpha, beta_1, beta_2, delta, r)
    """
    n = check_int(n, "the number of regions n", _NAME, minimum=1)
    check_size(_NAME, n, check_int(max_regions, "max_regions", _NAME, minimum=1), what="the number of regions n",
               limit_name="max_regions")
    unequal = check_bool(unequal, "unequal", _NAME)
    S = sympy.Symbol("S", real=True)
    e = [sympy.Symbol(f"e{i + 1}", real=True) for i in range(n)]
    alpha, delta, r = (sympy.Symbol(s, positive=True) for s in ("alpha", "delta", "r"))
    betas = ([sympy.Symbol(f"beta_{i + 1}", positive=True) for i in range(n)] if unequal
             else [sympy.Symbol("beta", positive=True)] * n)
    payoffs = [alpha * e[i] - e[i] ** 2 / 2 - betas[i] * S ** 2 / 2 for i in range(n)]
    defaults: dict[str, Any] = {"alpha": 1, "delta": Fraction(1, 10), "r": Fraction(1, 20)}
    if unequal:
        defaults.update({f"beta_{i + 1}": Fraction(i + 1, 20) for i in range(n)})
    else:
        defaults["beta"] = Fraction(1, 20)
    accepted = sorted(defaults)
    given = check_parameters(_NAME, values, accepted, options=("n", "unequal", "max_regions"))
    game = DifferentialGame([f"Region {i + 1}" for i in range(n)], S, e, sum(e) - delta * S, payoffs, r,
                            defaults=defaults)
    return game.subs(given) if given else game
