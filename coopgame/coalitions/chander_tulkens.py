"""Chander-Tulkens transfers: the grand coalition in the gamma-core (Chander and Tulkens 1997).

The economy: ``n`` countries; country ``i`` abates ``q_i >= 0`` at a convex
cost ``C_i(q_i) = (c_i/2) q_i**2`` and suffers a *linear* damage
``pi_i`` per unit of total emissions, so (up to a constant) its welfare is

    ``w_i(q) = pi_i Q - C_i(q_i)``,  ``Q = sum_j q_j``.

* Non-cooperative (Nash) abatement: ``qbar_i = pi_i / c_i`` (a dominant
  strategy, since damages are linear).
* Efficient abatement: ``q*_i = pi_N / c_i`` with ``pi_N = sum_j pi_j``
  (marginal cost equal to the sum of marginal damages).
* Chander-Tulkens transfers (sum to zero):

  ``T_i = [C_i(q*_i) - C_i(qbar_i)] - (pi_i / pi_N) sum_j [C_j(q*_j) - C_j(qbar_j)]``

  Each country is paid its extra abatement cost and pays back a share of
  the total extra cost proportional to its marginal damage. After transfers
  country ``i`` gets ``w_i(qbar) + (pi_i/pi_N) (W* - Wbar)``: its Nash
  welfare plus a share ``pi_i/pi_N`` of the gain from cooperation.

The gamma-characteristic function gives each coalition ``S`` its total
welfare at the Nash equilibrium between ``S`` (acting as one player) and the
other countries acting separately, each best-replying individually. Chander
and Tulkens (1997) prove that, with linear damages, the allocation above is
in the gamma-core: no coalition gets more on its own,
``sum_{i in S} x_i >= v_gamma(S)`` for every ``S``.

Integers and Fractions keep every quantity exact.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import check_int, check_real, check_size, describe, public
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.results import Result

if TYPE_CHECKING:
    from coopgame.cooperative.tu_game import TUGame

__all__ = ["ChanderTulkens", "chander_tulkens_transfers", "MAX_GAMMA_CORE_PLAYERS"]

#: Default largest number of countries for which the gamma-core is checked over all ``2**n`` coalitions
#: (keyword ``max_players`` of the methods that do).
MAX_GAMMA_CORE_PLAYERS: int = 20

_FUNC = "chander_tulkens_transfers"


def _numbers(name: str, values: Any) -> tuple[Any, ...]:
    """Positive finite numbers, kept exact (Fractions) when they are rational."""
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise InvalidArgumentTypeError(f"{_FUNC}: expected {name} as a sequence of positive numbers, got {describe(values)}")
    out = []
    for x in values:
        v = check_real(x, name, _FUNC, minimum=0, open_min=True, exact=True)
        out.append(Fraction(v) if isinstance(v, int) else v)
    return tuple(out)


@public
@dataclass(frozen=True)
class ChanderTulkens(Result):
    """The Chander-Tulkens solution of a linear-damage, quadratic-cost economy.

    Attributes
    ----------
    damages, costs : tuple
        ``pi_i`` (marginal damage) and ``c_i`` (cost slope) per country.
    nash_abatement, optimal_abatement : tuple
        ``qbar_i = pi_i/c_i`` and ``q*_i = pi_N/c_i``.
    nash_welfare, optimal_welfare : tuple
        ``w_i`` at ``qbar`` and at ``q*`` before transfers.
    transfers : tuple
        ``T_i`` (received; they sum to zero).
    payoffs : tuple
        ``w_i(q*) + T_i = w_i(qbar) + (pi_i/pi_N) * surplus``.
    surplus : number
        The gain from cooperation ``W* - Wbar``.
    is_exact : bool
        True when every quantity is a Fraction (integer or Fraction input).
    """

    damages: tuple[Any, ...]
    costs: tuple[Any, ...]
    nash_abatement: tuple[Any, ...]
    optimal_abatement: tuple[Any, ...]
    nash_welfare: tuple[Any, ...]
    optimal_welfare: tuple[Any, ...]
    transfers: tuple[Any, ...]
    payoffs: tuple[Any, ...]
    surplus: Any
    is_exact: bool = False

    @property
    def n(self) -> int:
        return len(self.damages)

    @public
    def welfare(self, abatement: Sequence[Any]) -> tuple[Any, ...]:
        """Each country's welfare ``pi_i Q - (c_i/2) q_i**2`` at an abatement profile."""
        if isinstance(abatement, (str, bytes)) or not isinstance(abatement, (Sequence, np.ndarray)) \
                or len(abatement) != self.n:
            raise InvalidArgumentError(f"ChanderTulkens.welfare: expected {self.n} abatement levels, got {describe(abatement)}")
        abatement = [check_real(q, "abatement", "ChanderTulkens.welfare", exact=self.is_exact) for q in abatement]
        total = sum(abatement, 0 * self.damages[0])
        return tuple(p * total - c / 2 * q * q for p, c, q in zip(self.damages, self.costs, abatement))

    @public
    def gamma_abatement(self, coalition: Collection[int]) -> tuple[Any, ...]:
        """Abatement at the Nash equilibrium between ``coalition`` (one player) and the singletons outside it.

        Members abate ``pi_S / c_i`` (they internalise the coalition's damage);
        outsiders their dominant ``pi_j / c_j``.
        """
        members = self._coalition(coalition, "gamma_abatement")
        pi_s = sum((self.damages[i] for i in members), 0 * self.damages[0])
        return tuple((pi_s if i in members else self.damages[i]) / self.costs[i] for i in range(self.n))

    @public
    def gamma_value(self, coalition: Collection[int]) -> Any:
        """``v_gamma(S)``: the coalition's total welfare against individually best-replying outsiders."""
        members = self._coalition(coalition, "gamma_value")
        if not members:
            return 0 * self.damages[0]
        w = self.welfare(self.gamma_abatement(members))
        return sum((w[i] for i in members), 0 * self.damages[0])

    @public
    def gamma_game(self, *, max_players: int = MAX_GAMMA_CORE_PLAYERS) -> TUGame:
        """The gamma-characteristic function as a :class:`~coopgame.cooperative.TUGame`.

        Refused above ``max_players`` countries (``2**n`` worths).
        """
        from coopgame.cooperative.tu_game import TUGame

        self._limit("gamma_game", max_players)
        return TUGame(self.n, lambda S: self.gamma_value(S), max_players=max(self.n, 1))

    @public
    def blocking_coalitions(self, *, max_players: int = MAX_GAMMA_CORE_PLAYERS) -> list[frozenset]:
        """Coalitions that would get more on their own than the Chander-Tulkens payoffs give them.

        Empty exactly when the allocation is in the gamma-core (Chander and
        Tulkens 1997 prove it always is in this economy). Checks all
        ``2**n - 1`` coalitions, so more than ``max_players`` countries are
        refused.
        """
        self._limit("blocking_coalitions", max_players)
        out = []
        for size in range(1, self.n + 1):
            for combo in itertools.combinations(range(self.n), size):
                share = sum((self.payoffs[i] for i in combo), 0 * self.damages[0])
                if share < self.gamma_value(combo) - self._tol():
                    out.append(frozenset(combo))
        return out

    @public
    def in_gamma_core(self, *, max_players: int = MAX_GAMMA_CORE_PLAYERS) -> bool:
        """True when no coalition blocks the Chander-Tulkens allocation."""
        return not self.blocking_coalitions(max_players=max_players)

    def _tol(self) -> Any:
        if self.is_exact:
            return 0
        from coopgame._numeric import scaled_tolerance

        return scaled_tolerance(max(abs(float(v)) for v in self.payoffs))

    def _limit(self, where: str, max_players: int) -> None:
        func = f"ChanderTulkens.{where}"
        check_size(func, self.n, check_int(max_players, "max_players", func, minimum=1),
                   what="the number of countries (2**n coalitions)", limit_name="max_players",
                   alternative="gamma_value on chosen coalitions instead")

    def _coalition(self, coalition: Collection[int], where: str) -> frozenset:
        if isinstance(coalition, (str, bytes)) or not isinstance(coalition, Collection):
            raise InvalidArgumentError(f"ChanderTulkens.{where}: expected a collection of country indices, "
                                       f"got {describe(coalition)}")
        members = frozenset(coalition)
        if not all(isinstance(i, numbers.Integral) and not isinstance(i, bool) and 0 <= i < self.n for i in members):
            raise InvalidArgumentError(f"ChanderTulkens.{where}: expected country indices 0..{self.n - 1}, "
                                       f"got {sorted(members, key=str)!r}")
        return members

    def __repr__(self) -> str:
        def fmt(v: Any) -> str:
            return str(v) if isinstance(v, Fraction) else f"{float(v):.4g}"

        return (f"ChanderTulkens({self.n} countries: transfers ({', '.join(fmt(t) for t in self.transfers)}); "
                f"surplus {fmt(self.surplus)})")


@public
def chander_tulkens_transfers(damages: Sequence[Any], costs: Sequence[Any]) -> ChanderTulkens:
    """Chander-Tulkens transfers for the linear-damage, quadratic-abatement-cost economy.

    Parameters
    ----------
    damages : sequence of positive numbers
        ``pi_i``: country ``i``'s damage per unit of total emissions (its
        benefit per unit of anyone's abatement).
    costs : sequence of positive numbers
        ``c_i``: abatement cost ``C_i(q) = (c_i/2) q**2``.

    Integers and Fractions give exact Fractions; floats give floats, and
    float input whose results overflow the float range is refused (pass it
    as Fractions to compute exactly).

    Returns
    -------
    ChanderTulkens
        Abatement, welfare, transfers and payoffs; ``.gamma_value(S)``,
        ``.in_gamma_core()`` and ``.gamma_game()`` check the gamma-core.

    References
    ----------
    Chander, P. and Tulkens, H. (1997), "The core of an economy with
    multilateral environmental externalities", *International Journal of
    Game Theory* 26: 379-401.

    Examples
    --------
    Three countries; the third suffers most and abates most cheaply.

    >>> from coopgame.coalitions.chander_tulkens import chander_tulkens_transfers
    >>> ct = chander_tulkens_transfers([1, 1, 2], [1, 2, 1])
    >>> ct.optimal_abatement
    (Fraction(4, 1), Fraction(2, 1), Fraction(4, 1))
    >>> ct.transfers
    (Fraction(51, 16), Fraction(-9, 16), Fraction(-21, 8))
    >>> sum(ct.transfers), ct.in_gamma_core()
    (Fraction(0, 1), True)
    """
    pis = _numbers("damages", damages)
    cs = _numbers("costs", costs)
    if len(pis) != len(cs) or not pis:
        raise InvalidArgumentError("chander_tulkens_transfers: expected damages and costs of the same non-zero length, "
                                   f"got {len(pis)} and {len(cs)}")
    zero = 0 * pis[0]
    pi_n = sum(pis, zero)
    qbar = tuple(p / c for p, c in zip(pis, cs))
    qstar = tuple(pi_n / c for c in cs)

    def welfare(q: Sequence[Any]) -> tuple[Any, ...]:
        total = sum(q, zero)
        return tuple(p * total - c / 2 * x * x for p, c, x in zip(pis, cs, q))

    w_bar, w_star = welfare(qbar), welfare(qstar)
    extra_cost = tuple(c / 2 * (b * b - a * a) for c, a, b in zip(cs, qbar, qstar))  # C_i(q*) - C_i(qbar)
    total_extra = sum(extra_cost, zero)
    transfers = tuple(dc - p / pi_n * total_extra for dc, p in zip(extra_cost, pis))
    payoffs = tuple(w + t for w, t in zip(w_star, transfers))
    surplus = sum(w_star, zero) - sum(w_bar, zero)
    exact = all(isinstance(v, Fraction) for v in pis + cs)
    if not exact and not all(math.isfinite(float(v)) for v in transfers + payoffs + w_star + w_bar + (surplus,)):
        raise InvalidArgumentError(
            f"{_FUNC}: the welfare and transfers of damages {describe(list(damages))} and costs {describe(list(costs))} "
            "exceed the range of floats; pass integers or Fractions to compute them exactly")
    return ChanderTulkens(pis, cs, qbar, qstar, w_bar, w_star, transfers, payoffs, surplus, exact)
