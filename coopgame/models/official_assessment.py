"""Officials' performance evaluation: GDP against environment, with concave fiscal utility and transfers."""

from __future__ import annotations

from typing import Any

import sympy

from coopgame._checks import check_choice, public
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.models._common import finish, game, symbol

__all__ = ["performance_evaluation", "FISCAL_UTILITIES"]

#: The fiscal utilities ``u`` that :func:`performance_evaluation` accepts.
FISCAL_UTILITIES = {"linear": None, "log": sympy.log, "sqrt": sympy.sqrt}


@public
def performance_evaluation(fiscal: str = "linear", **values: Any) -> SymbolicGame | NormalFormGame:
    """Two regions' officials choose Strict or Lax regulation, weighing GDP against the environment.

    An official is assessed by ``U = w*GDP + (1 - w)*Env``: a Lax regime
    brings GDP ``G_L`` and environmental quality ``E_L``, a Strict one
    ``G_S < G_L`` and ``E_S > E_L``. Strict is chosen iff
    ``w < w* = dE/(dE + dG)`` with ``dE = E_S - E_L`` and ``dG = G_L - G_S``:
    GDP-dominated evaluation (large ``w``) makes officials tolerate
    polluting industry (S3), and raising the weight of ecology (lower ``w``)
    restores strict regulation (S4).

    With ``fiscal="log"`` or ``"sqrt"`` GDP enters through a concave fiscal
    utility of the region's revenue, ``U_i = w*u(R0_i + tau_i + GDP) +
    (1 - w)*Env``. Region 1 is the economically weak region (base revenue
    ``R0_1``, receiving a central transfer ``tau``), Region 2 the strong one
    (``R0_2``). The poorer a region, the more a GDP gain is worth to it, so it
    chooses Lax over a wider range of ``w``; a transfer shrinks that range
    (the fiscal tilt of S4). Each official's payoff depends only on its own
    choice, so each region's choice is a dominant strategy.

    Parameters
    ----------
    fiscal : {"linear", "log", "sqrt"}, default "linear"
        How GDP enters the assessment.
    w : default 3/5
        Weight of GDP in the assessment (``0 < w < 1``).
    G_S, G_L : default 1, 3
        GDP under Strict and Lax regulation.
    E_S, E_L : default 3, 1
        Environmental quality under Strict and Lax regulation.
    R0_1, R0_2 : default 1, 9
        Base fiscal revenue of the weak and the strong region (concave only).
    tau : default 0
        Central transfer to the weak region (concave only).

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", "Region 2"; actions "Strict", "Lax".

    References
    ----------
    Li, H. and Zhou, L.-A. (2005), "Political turnover and economic
    performance: the incentive role of personnel control in China", *Journal
    of Public Economics* 89; Wang Shunyu; Niu Junjun; Shen Lijuan and Chen Yue
    (2015) on green-GDP evaluation (the source papers of docs/explanation/claims.md);
    claim C3 of the same page.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame import models
    >>> models.performance_evaluation().payoffs[0][1, 0]
    E_L*(1 - w) + G_L*w
    >>> cg.dominant_strategies(models.performance_evaluation(w=0.4).numeric()).to_dict()
    {'Region 1': 'Strict', 'Region 2': 'Strict'}
    >>> cg.dominant_strategies(models.performance_evaluation("sqrt", w=0.8).numeric()).to_dict()
    {'Region 1': 'Lax', 'Region 2': 'Strict'}
    """
    f = FISCAL_UTILITIES[check_choice(fiscal, "fiscal", "performance_evaluation", sorted(FISCAL_UTILITIES))]
    w, G_S, G_L, E_S, E_L = (symbol(x) for x in ("w", "G_S", "G_L", "E_S", "E_L"))
    gdp, env = (G_S, G_L), (E_S, E_L)
    if f is None:
        base = [0, 0]
    else:
        base = [symbol("R0_1") + symbol("tau"), symbol("R0_2")]

    def u(i: int, a: int) -> Any:
        money = gdp[a] if f is None else f(base[i] + gdp[a])
        return w * money + (1 - w) * env[a]

    A = [[u(0, 0)] * 2, [u(0, 1)] * 2]
    B = [[u(1, 0), u(1, 1)]] * 2
    defaults = {"w": sympy.Rational(3, 5), "G_S": 1, "G_L": 3, "E_S": 3, "E_L": 1, "R0_1": 1, "R0_2": 9, "tau": 0}
    g = game([A, B], ["Region 1", "Region 2"], [["Strict", "Lax"]] * 2, defaults)
    return finish("performance_evaluation", g, values, ("fiscal",))
