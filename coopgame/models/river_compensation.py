"""Upstream-downstream pollution and ecological compensation (the Xin'an River pilot as a preset)."""

from __future__ import annotations

from typing import Any

import sympy

from coopgame._checks import check_bool, check_choice, check_probability, public
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame, as_expression
from coopgame.models._common import finish, game, symbol

__all__ = ["upstream_downstream", "bargained_payment", "PRESETS"]

#: Named parameter sets of :func:`upstream_downstream`.
#: ``"xinan_2012"``: first round of the Xin'an River pilot (Anhui upstream, Zhejiang downstream,
#: 2012-2014), in hundred million yuan a year, as the pilot's public documents report them: a central fund
#: ``S = 3`` to the upstream and a symmetric bet ``M = 1`` between the provinces.
PRESETS: dict[str, dict[str, Any]] = {
    "xinan_2012": {"bet": True, "subsidy": True, "values": {"M": 1, "S": 3}},
}


@public
def bargained_payment(theta: Any = None) -> sympy.Expr:
    """The Nash-bargained compensation ``T = C_u - b_u + (1 - theta)(B_d + b_u - C_u)``.

    ``theta`` is the downstream's bargaining power; by default the symbol
    ``theta``, and with equal power (``theta = 1/2``) ``T* = (C_u - b_u + B_d)/2``.

    Examples
    --------
    >>> from coopgame import models
    >>> models.bargained_payment(sympy.Rational(1, 2))
    B_d/2 + C_u/2 - b_u/2
    """
    C_u, b_u, B_d = symbol("C_u"), symbol("b_u"), symbol("B_d")
    if theta is None:
        th = symbol("theta")
    elif isinstance(theta, (str, sympy.Basic)) and not (isinstance(theta, sympy.Basic) and theta.is_number):
        th = as_expression(theta, None, "bargained_payment")
    else:
        th = sympy.sympify(check_probability(theta, "theta", "bargained_payment", exact=True))
    return sympy.expand(C_u - b_u + (1 - th) * (B_d + b_u - C_u))


@public
def upstream_downstream(preset: str | None = None, *, bet: bool = False, subsidy: bool = False,
                        payment: str = "fixed", **values: Any) -> SymbolicGame | NormalFormGame:
    """An upstream region protects or develops; the downstream region compensates or refuses.

    Protecting the watershed costs the upstream an opportunity cost ``C_u``
    and brings it an own benefit ``b_u``; the downstream gains ``B_d`` when
    the upstream protects. "Compensate" means the downstream enters an
    enforceable compensation agreement paying ``T`` on protection;
    "Refuse" means no agreement. Payoffs (upstream, downstream):

    =========  ==========================  ====================
    U \\ D      Compensate                  Refuse
    =========  ==========================  ====================
    Protect    ``b_u - C_u + T, B_d - T``  ``b_u - C_u, B_d``
    Develop    ``0, 0``                    ``0, 0``
    =========  ==========================  ====================

    Without compensation the upstream protects iff ``b_u >= C_u``, so the
    upstream enjoys development while the downstream bears the cost (S5).
    A payment in the band ``C_u - b_u <= T <= B_d`` makes protection the
    upstream's best response and leaves both better off; the band is
    non-empty iff protection is efficient (Coase). Left to itself the
    downstream prefers to refuse: compensation needs an institution.

    Options: ``bet=True`` replaces ``T`` by the Xin'an-style symmetric bet
    ``M`` (downstream pays ``M`` if the water meets the standard, upstream
    pays ``M`` otherwise, so protection gains ``2M``); ``subsidy=True`` adds
    a central fund ``S`` to the upstream under the agreement;
    ``payment="nash"`` sets ``T`` to the Nash-bargained payment with
    downstream bargaining power ``theta`` (see :func:`bargained_payment`).

    Parameters
    ----------
    preset : {"xinan_2012"}, optional
        ``"xinan_2012"``: the first round of the Xin'an River pilot
        (2012-2014; central fund ``S = 3`` to upstream Anhui, symmetric bet
        ``M = 1`` with downstream Zhejiang, in hundred million yuan a year;
        as the pilot's public documents report them; claim S5 of
        the claims page).
    bet, subsidy : bool, default False
    payment : {"fixed", "nash"}, default "fixed"
    C_u : default 3
        Upstream's opportunity cost of protection.
    b_u : default 1
        Upstream's own benefit of protection.
    B_d : default 4
        Downstream's gain when the upstream protects.
    T : default 3
        Compensation paid on protection (``payment="fixed"``, no bet).
    theta : default 1/2
        Downstream's bargaining power (``payment="nash"``).
    M : default 1
        The bet (``bet=True``).
    S : default 3
        Central fund to the upstream (``subsidy=True``).

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Upstream", "Downstream"; actions "Protect", "Develop" and
        "Compensate", "Refuse".

    References
    ----------
    Coase, R. H. (1960), "The problem of social cost", *Journal of Law and
    Economics* 3; Nash, J. (1950), "The bargaining problem", *Econometrica*
    18; Wang Shunyu and Niu Junjun on ecological compensation (the source
    papers of docs/explanation/claims.md); claims S5 and C4 of the same page.

    Examples
    --------
    >>> from coopgame import models
    >>> models.upstream_downstream()
    SymbolicGame (Upstream: rows, Downstream: columns)
                               Compensate                Refuse
    Protect    -C_u + T + b_u, B_d - T  -C_u + b_u, B_d
    Develop                       0, 0             0, 0
    >>> models.upstream_downstream("xinan_2012")
    SymbolicGame (Upstream: rows, Downstream: columns)
                                  Compensate                Refuse
    Protect    -C_u + b_u + 4, B_d - 1  -C_u + b_u, B_d
    Develop                         2, 1             0, 0
    """
    where = "upstream_downstream"
    preset_values: dict[str, Any] = {}
    bet, subsidy = check_bool(bet, "bet", where), check_bool(subsidy, "subsidy", where)
    if preset is not None:
        preset = check_choice(preset, "preset", where, sorted(PRESETS))
        bet, subsidy = PRESETS[preset]["bet"], PRESETS[preset]["subsidy"]
        preset_values = dict(PRESETS[preset]["values"])
    payment = check_choice(payment, "payment", where, ("fixed", "nash"))
    C_u, b_u, B_d = symbol("C_u"), symbol("b_u"), symbol("B_d")
    if bet:
        paid, fined = symbol("M"), symbol("M")
    else:
        paid, fined = (symbol("T") if payment == "fixed" else bargained_payment()), 0
    fund = symbol("S") if subsidy else 0
    U = [[b_u - C_u + paid + fund, b_u - C_u], [fund - fined, 0]]
    D = [[B_d - paid, B_d], [fined, 0]]
    defaults = {"C_u": 3, "b_u": 1, "B_d": 4, "T": 3, "theta": sympy.Rational(1, 2), "M": 1, "S": 3}
    g: Any = game([U, D], ["Upstream", "Downstream"], [["Protect", "Develop"], ["Compensate", "Refuse"]], defaults)
    if preset_values:
        g = g.subs(preset_values)
    return finish(where, g, values, ("preset", "bet", "subsidy", "payment"))
