"""Rubinstein's alternating-offers bargaining: who gets what when delay is costly.

Two parties split a surplus. One proposes a split; the other accepts it or,
after a period, makes a counter-offer; a payoff ``x`` received after ``t``
periods is worth ``d_i ** t * x`` to party ``i``. With an infinite horizon
the unique subgame-perfect equilibrium is immediate agreement on the first
mover's share

    (1 - d_2) / (1 - d_1 d_2)

(Rubinstein 1982, Theorem; Osborne and Rubinstein 1990, Section 3.3).
With a finite horizon of ``T`` offers (no agreement after the last one
leaves both with nothing) backward induction gives the last proposer the
whole surplus and each earlier proposer ``1 - d_r * x`` where ``x`` is the
responder's share as the next proposer (Stahl 1972).

With per-period discount factors ``d_i = exp(-r_i h)``, as the period
length ``h`` shrinks the first mover's share tends to ``r_2 / (r_1 + r_2)``:
the asymmetric Nash bargaining solution with bargaining powers inversely
proportional to the parties' impatience (Binmore, Rubinstein and Wolinsky
1986). :attr:`RubinsteinSolution.nash_weights` gives these powers.

References
----------
Stahl, I. (1972). *Bargaining Theory*. Stockholm School of Economics.
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
Econometrica 50: 97-109.
Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining
solution in economic modelling. RAND Journal of Economics 17: 176-188.
Osborne, M. J. and Rubinstein, A. (1990). *Bargaining and Markets*.
Academic Press.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coopgame._checks import check_discount, check_int, check_real, check_size, describe, public
from coopgame._numeric import format_number
from coopgame.errors import InvalidArgumentError
from coopgame.results import Result

__all__ = ["RubinsteinSolution", "rubinstein", "MAX_HORIZON"]

#: Default largest finite horizon :func:`rubinstein` accepts (keyword ``max_horizon``): backward
#: induction takes one step per period, and exact shares grow by a few digits per step.
MAX_HORIZON = 10_000


@public
@dataclass(frozen=True, repr=False)
class RubinsteinSolution(Result):
    """The subgame-perfect split of Rubinstein's alternating-offers game.

    Attributes
    ----------
    payoffs : tuple
        Each party's payoff (its share times the surplus), agreed at once.
    shares : tuple
        Each party's share of the surplus (they add up to 1).
    discounts : tuple
        The per-period discount factors ``(d_1, d_2)``.
    surplus : Fraction, int or float
    horizon : int or None
        The number of offers (None: unbounded).
    first : int
        The party who proposes first (0 or 1).
    is_exact : bool
        True when the shares are Fractions.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from coopgame.cooperative.alternating_offers import rubinstein
    >>> s = rubinstein((F(9, 10), F(4, 5)))
    >>> s
    RubinsteinSolution(payoffs 5/7, 2/7; discounts 9/10, 4/5; infinite horizon)
    >>> s.shares, s.is_exact
    ((Fraction(5, 7), Fraction(2, 7)), True)
    """

    payoffs: tuple[Any, Any]
    shares: tuple[Any, Any]
    discounts: tuple[Any, Any]
    surplus: Any
    horizon: int | None
    first: int = 0
    is_exact: bool = False

    @property
    def nash_weights(self) -> tuple[float, float] | None:
        """Bargaining powers of the weighted Nash solution the split tends to as periods shorten.

        With ``d_i = exp(-r_i h)`` these are ``r_2/(r_1 + r_2)`` and
        ``r_1/(r_1 + r_2)``, i.e. ``log d_2 / (log d_1 + log d_2)`` and its
        complement; None when a discount factor is 0 or both are 1.
        """
        d1, d2 = (float(d) for d in self.discounts)
        if d1 <= 0 or d2 <= 0 or (d1 == 1 and d2 == 1):
            return None
        l1, l2 = math.log(d1), math.log(d2)
        return l2 / (l1 + l2), l1 / (l1 + l2)

    def __repr__(self) -> str:
        def fmt(xs: Sequence[Any]) -> str:
            return ", ".join(format_number(x) for x in xs)

        horizon = "infinite horizon" if self.horizon is None else f"horizon {self.horizon}"
        first = "" if self.first == 0 else "; party 2 proposes first"
        return f"RubinsteinSolution(payoffs {fmt(self.payoffs)}; discounts {fmt(self.discounts)}; {horizon}{first})"


def _discounts(discounts: Any, where: str) -> tuple[Any, Any]:
    if isinstance(discounts, (str, bytes)):
        raise InvalidArgumentError(f"{where}: expected discounts as two discount factors in [0, 1], got {describe(discounts)}")
    if isinstance(discounts, Sequence) or hasattr(discounts, "__len__"):
        values = list(discounts)
        if len(values) != 2:
            raise InvalidArgumentError(
                f"{where}: expected discounts as two discount factors in [0, 1], got {describe(discounts)}")
    else:
        values = [discounts, discounts]  # one common discount factor
    d1, d2 = (check_discount(v, f"discounts[{k}]", where, allow_one=True, exact=True) for k, v in enumerate(values))
    return d1, d2


@public
def rubinstein(discounts: Any, surplus: Any = 1, horizon: int | None = None, *, first: int = 0,
               max_horizon: int = MAX_HORIZON) -> RubinsteinSolution:
    """The subgame-perfect split of a surplus under alternating offers (Rubinstein 1982).

    Parameters
    ----------
    discounts : pair of numbers in [0, 1], or one number
        Per-period discount factors ``(d_1, d_2)`` of the two parties (one
        number: a common factor). Rational input gives exact shares.
    surplus : positive number, default 1
        The amount to split.
    horizon : int or None, default None
        Number of offers; after the last rejected offer both get nothing.
        None: no deadline (Rubinstein's infinite horizon).
    first : {0, 1}, default 0
        The party who makes the first offer.
    max_horizon : int, default :data:`MAX_HORIZON` (10,000)
        Size budget on ``horizon`` (one backward-induction step each).

    Returns
    -------
    RubinsteinSolution
        ``.payoffs`` (shares times the surplus, in party order), ``.shares``,
        ``.nash_weights``.

    Raises
    ------
    InvalidArgumentError
        For discount factors outside [0, 1], NaN, a non-positive surplus, a
        horizon below 1, ``first`` not 0 or 1, or both discount factors equal
        to 1 with no deadline (then every split is an equilibrium).
    SolverLimitError
        When ``horizon`` exceeds ``max_horizon``.

    Examples
    --------
    Equal patience ``d``: the first mover gets ``1/(1 + d)`` (Osborne and
    Rubinstein 1990):

    >>> from fractions import Fraction as F
    >>> rubinstein(F(9, 10)).shares
    (Fraction(10, 19), Fraction(9, 19))

    An upstream and a downstream region bargain over a surplus of 4 (hundred
    million yuan a year); the downstream is more patient:

    >>> rubinstein((F(4, 5), F(9, 10)), surplus=4).payoffs
    (Fraction(10, 7), Fraction(18, 7))

    With a deadline, the last proposer takes everything; one offer is an
    ultimatum:

    >>> rubinstein((F(1, 2), F(1, 2)), horizon=1).shares
    (Fraction(1, 1), Fraction(0, 1))
    >>> rubinstein((F(1, 2), F(1, 2)), horizon=3).shares
    (Fraction(3, 4), Fraction(1, 4))
    """
    where = "rubinstein"
    d = _discounts(discounts, where)
    total = check_real(surplus, "surplus", where, minimum=0, open_min=True, exact=True)
    lead = check_int(first, "first", where, minimum=0, maximum=1)
    limit = check_int(max_horizon, "max_horizon", where, minimum=1)
    exact = all(isinstance(v, (int, Fraction)) for v in (*d, total))
    one: Any = Fraction(1) if exact else 1.0
    dl, dr = (Fraction(d[lead]), Fraction(d[1 - lead])) if exact else (float(d[lead]), float(d[1 - lead]))
    if horizon is None:
        if dl == 1 and dr == 1:
            raise InvalidArgumentError(
                f"{where}: expected at least one discount factor below 1 with an infinite horizon, got {describe(discounts)} "
                "(without impatience every split is an equilibrium; give a horizon=)")
        share = (one - dr) / (one - dl * dr)
    else:
        periods = check_int(horizon, "horizon", where, minimum=1)
        check_size(where, periods, limit, what="the horizon (one backward-induction step per offer)",
                   limit_name="max_horizon", alternative="horizon=None, the infinite-horizon limit")
        # x: share of whoever proposes in the period considered, from the last offer back to the first
        x = one
        for t in range(periods - 1, 0, -1):
            responder_discount = dr if t % 2 == 1 else dl  # in period t - 1 the proposer is lead iff t - 1 is even
            x = one - responder_discount * x
        share = x
    shares_ordered = (share, one - share)
    shares = shares_ordered if lead == 0 else (shares_ordered[1], shares_ordered[0])
    amount: Any = Fraction(total) if exact else float(total)
    payoffs = (shares[0] * amount, shares[1] * amount)
    return RubinsteinSolution(payoffs, shares, d, total, None if horizon is None else int(horizon), lead, exact)
