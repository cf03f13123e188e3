"""The shallow lake shared by communities: phosphorus loading against a clear lake (a non-linear differential game)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from coopgame._checks import check_bool, check_int, check_size, public
from coopgame.differential.game import DifferentialGame
from coopgame.models._common import check_parameters

__all__ = ["shallow_lake", "MAX_COMMUNITIES"]

_NAME = "shallow_lake"

#: Default largest number of communities of :func:`shallow_lake` (keyword ``max_communities``).
MAX_COMMUNITIES = 50


@public
def shallow_lake(n: int = 2, *, unequal: bool = False, max_communities: int = MAX_COMMUNITIES,
                 **values: Any) -> DifferentialGame:
    """Communities load phosphorus into a shallow lake (Maler, Xepapadeas and de Zeeuw 2003).

    Community ``i`` chooses its loading ``a_i > 0``; the phosphorus stock
    follows ``dx/dt = sum_j a_j - b*x + x**2/(x**2 + 1)`` (the last term is
    the lake's internal recycling, which makes it flip between a clear and a
    turbid state) and community ``i`` maximises the discounted integral (rate
    ``r``) of ``ln(a_i) - c_i*x**2``: farming income against the loss of a
    clear lake. With unequal damage weights (``unequal=True``) communities
    can be farming (small ``c_i``) or green (large ``c_i``).

    Parameters
    ----------
    n : int, default 2
        Number of communities.
    unequal : bool, default False
        One damage weight per community (``c_1, ..., c_n``) instead of ``c``.
    max_communities : int, default :data:`MAX_COMMUNITIES` (50)
        Size budget.
    b : default 3/5
        Rate at which phosphorus leaves the lake (0.6: a hysteretic lake).
    c (or c_1, ..., c_n) : default 1
        Weight of the damage of the stock.
    r : default 3/100
        Discount rate.

    Returns
    -------
    DifferentialGame
        Loadings bounded below by 0; defaults in ``defaults``.

    Examples
    --------
    >>> from coopgame.models import shallow_lake
    >>> shallow_lake()
    DifferentialGame(2 players, state x, controls a1 | a2, parameters b, c, r)
    """
    n = check_int(n, "the number of communities n", _NAME, minimum=1)
    check_size(_NAME, n, check_int(max_communities, "max_communities", _NAME, minimum=1),
               what="the number of communities n", limit_name="max_communities")
    unequal = check_bool(unequal, "unequal", _NAME)
    x = sympy.Symbol("x", real=True)
    a = [sympy.Symbol(f"a{i + 1}", real=True) for i in range(n)]
    b, r = sympy.Symbol("b", positive=True), sympy.Symbol("r", positive=True)
    cs = ([sympy.Symbol(f"c_{i + 1}", positive=True) for i in range(n)] if unequal
          else [sympy.Symbol("c", positive=True)] * n)
    payoffs = [sympy.log(a[i]) - cs[i] * x ** 2 for i in range(n)]
    defaults: dict[str, Any] = {"b": Fraction(3, 5), "r": Fraction(3, 100)}
    if unequal:
        defaults.update({f"c_{i + 1}": 1 for i in range(n)})
    else:
        defaults["c"] = 1
    given = check_parameters(_NAME, values, sorted(defaults), options=("n", "unequal", "max_communities"))
    game = DifferentialGame([f"Community {i + 1}" for i in range(n)], x, a, sum(a) - b * x + x ** 2 / (x ** 2 + 1),
                            payoffs, r, bounds={ai: (0, None) for ai in a}, defaults=defaults)
    return game.subs(given) if given else game
