"""Cartel stability of coalitions (d'Aspremont et al. 1983; Carraro and Siniscalco 1993; Barrett 1994).

With ``k`` signatories among ``n`` identical players, a signatory earns
``pi_s(k)`` and a non-signatory ``pi_n(k)``. A size ``k`` is

* internally stable when no signatory gains by leaving:
  ``pi_s(k) >= pi_n(k - 1)``;
* externally stable when no non-signatory gains by joining:
  ``pi_n(k) > pi_s(k + 1)`` (``>=`` with ``strict_external=False``), so a
  player indifferent about joining joins (strict) or stays out (weak).

Ties decide results in the linear-benefit model (see
:func:`coopgame.coalitions.linear_benefit_agreement`), hence the option.
"""

from __future__ import annotations

import decimal
import itertools
import numbers
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, NotSupportedError, SolverLimitError

__all__ = ["stable_coalition_sizes", "StableSizes", "SizeCheck", "potentially_internally_stable", "optimal_transfers",
           "coalition_stability", "CoalitionCheck", "stable_coalitions", "MAX_COALITION_PLAYERS"]

#: Largest number of players for which :func:`stable_coalitions` checks all ``2**n`` coalitions.
MAX_COALITION_PLAYERS: int = 16


@dataclass(frozen=True)
class SizeCheck:
    """The two stability checks of one coalition size, with the payoffs compared."""

    size: int
    internal: bool
    external: bool
    signatory: Any            # pi_s(k)
    leaver: Any               # pi_n(k - 1)
    nonsignatory: Any         # pi_n(k), None when k = n
    joiner: Any               # pi_s(k + 1), None when k = n

    @property
    def stable(self) -> bool:
        return self.internal and self.external

    @property
    def reason(self) -> str:
        """Why the size is or is not stable, in words."""
        if self.stable:
            return "stable"
        out = []
        if not self.internal:
            out.append(f"a signatory gains by leaving ({self.leaver} > {self.signatory})")
        if not self.external:
            out.append(f"an outsider gains by joining ({self.joiner} vs {self.nonsignatory})")
        return "; ".join(out)


class StableSizes(tuple):
    """The stable coalition sizes (a tuple), with the checks of every size in ``.checks``."""

    checks: tuple[SizeCheck, ...]
    strict_external: bool

    def __new__(cls, sizes: Iterable[int], checks: Iterable[SizeCheck] = (), strict_external: bool = True):
        self = super().__new__(cls, tuple(sizes))
        self.checks = tuple(checks)
        self.strict_external = strict_external
        return self

    def __repr__(self) -> str:
        rule = "strict" if self.strict_external else "weak"
        return f"StableSizes({tuple(self)!r}, external stability {rule})"


def _decide(rel: Any, what: str) -> bool:
    if isinstance(rel, bool):
        return rel
    if rel in (sympy.true, sympy.false):
        return bool(rel)
    try:
        return bool(rel)
    except TypeError:
        raise NotSupportedError(f"stable_coalition_sizes: cannot decide {what} ({rel}); give numeric parameter values") from None


def _payoff_value(value: Any, which: str, k: int) -> Any:
    """``value`` when it is a real number (or a sympy expression); a typed error naming ``which(k)`` otherwise."""
    if isinstance(value, (sympy.Basic, decimal.Decimal)) or (isinstance(value, numbers.Real) and not isinstance(value, bool)):
        return value
    raise InvalidArgumentTypeError(
        f"stable_coalition_sizes: expected {which}({k}) to return a real number, got {value!r}"
    )


def stable_coalition_sizes(pi_signatory: Callable[[int], Any], pi_nonsignatory: Callable[[int], Any], n: int,
                           strict_external: bool = True) -> StableSizes:
    """The coalition sizes ``k = 1..n`` that are internally and externally stable.

    Parameters
    ----------
    pi_signatory, pi_nonsignatory : callables of the coalition size ``k``
        A signatory's and a non-signatory's payoff when ``k`` players sign
        (``pi_nonsignatory`` is called with ``0..n-1``, ``pi_signatory`` with
        ``1..n``). Return numbers (Fractions keep ties exact) or sympy numbers.
    n : int
        Number of players.
    strict_external : bool, default True
        External stability as ``pi_n(k) > pi_s(k + 1)`` (True) or ``>=``.
        ``k = n`` is externally stable (nobody is left to join).

    Returns
    -------
    StableSizes
        A tuple of the stable sizes; ``.checks`` holds a :class:`SizeCheck`
        per size with its reason.

    Examples
    --------
    Linear benefit, quadratic cost (``b = c = 1``): a signatory earns
    ``k**2/2 + n - k``, a non-signatory ``k**2 + n - k - 1/2``.

    >>> from fractions import Fraction
    >>> from coopgame.coalitions import stable_coalition_sizes
    >>> pi_s = lambda k: Fraction(k * k, 2) + 10 - k
    >>> pi_n = lambda k: k * k + 10 - k - Fraction(1, 2)
    >>> stable_coalition_sizes(pi_s, pi_n, 10)
    StableSizes((3,), external stability strict)
    >>> stable_coalition_sizes(pi_s, pi_n, 10, strict_external=False)
    StableSizes((2, 3), external stability weak)
    >>> stable_coalition_sizes(pi_s, pi_n, 10).checks[1].reason
    'an outsider gains by joining (23/2 vs 23/2)'
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise InvalidArgumentError(f"stable_coalition_sizes: expected a positive whole number of players n, got {n!r}")
    n = int(n)  # numpy integers too
    if not callable(pi_signatory) or not callable(pi_nonsignatory):
        raise InvalidArgumentTypeError(
            "stable_coalition_sizes: expected pi_signatory and pi_nonsignatory as callables of k, got "
            f"{type(pi_signatory).__name__} and {type(pi_nonsignatory).__name__}")
    s = {k: _payoff_value(pi_signatory(k), "pi_signatory", k) for k in range(1, n + 1)}
    ns = {k: _payoff_value(pi_nonsignatory(k), "pi_nonsignatory", k) for k in range(0, n)}
    checks, sizes = [], []
    for k in range(1, n + 1):
        internal = _decide(s[k] >= ns[k - 1], f"internal stability of k={k}")
        if k == n:
            external = True
            outsider = joiner = None
        else:
            outsider, joiner = ns[k], s[k + 1]
            rel = outsider > joiner if strict_external else outsider >= joiner
            external = _decide(rel, f"external stability of k={k}")
        check = SizeCheck(k, internal, external, s[k], ns[k - 1], outsider, joiner)
        checks.append(check)
        if check.stable:
            sizes.append(k)
    return StableSizes(sizes, checks, strict_external)


def potentially_internally_stable(payoff: Callable[[Hashable, frozenset], Any], coalition: Collection[Hashable]) -> bool:
    """Potential internal stability (Carraro, Eyckmans and Finus 2006).

    ``coalition`` is potentially internally stable when the members' total
    payoff covers the sum of what each would get by leaving:
    ``sum_{i in S} pi_i(S) >= sum_{i in S} pi_i(S minus {i})``. ``payoff(i, S)``
    is player ``i``'s payoff when ``S`` (a frozenset) is the coalition.
    For identical players this is internal stability.

    Examples
    --------
    >>> from coopgame.coalitions import potentially_internally_stable
    >>> pay = lambda i, S: len(S) ** 2 if i in S else len(S) ** 2 + 1
    >>> potentially_internally_stable(pay, {1, 2})
    True
    """
    members = frozenset(coalition)
    inside = sum((payoff(i, members) for i in members), Fraction(0))
    outside = sum((payoff(i, members - {i}) for i in members), Fraction(0))
    return _decide(inside >= outside, "potential internal stability")


def optimal_transfers(payoff: Callable[[Hashable, frozenset], Any], coalition: Collection[Hashable]) -> Mapping[Hashable, Any]:
    """Transfers giving each member its outside option plus an equal share of the surplus.

    Member ``i`` receives ``pi_i(S minus {i}) + (sum_j pi_j(S) - sum_j pi_j(S minus {j}))/|S|``
    (an optimal transfer scheme in the sense of Carraro, Eyckmans and Finus
    2006: every member gets at least its outside option exactly when the
    coalition is potentially internally stable). The shares sum to the
    coalition's total payoff.

    Examples
    --------
    >>> from coopgame.coalitions import optimal_transfers
    >>> pay = lambda i, S: (3 if i == 1 else 1) * len(S) if i in S else 2
    >>> dict(sorted(optimal_transfers(pay, {1, 2}).items()))
    {1: Fraction(4, 1), 2: Fraction(4, 1)}
    """
    members = frozenset(coalition)
    out = {i: payoff(i, members - {i}) for i in members}
    surplus = sum((payoff(i, members) for i in members), Fraction(0)) - sum(out.values(), Fraction(0))
    return {i: out[i] + surplus / len(members) for i in members}


@dataclass(frozen=True)
class CoalitionCheck:
    """Internal and external stability of one coalition of heterogeneous players.

    Attributes
    ----------
    coalition : frozenset
    internal, external : bool
    leavers : tuple
        Members who gain by leaving: ``pi_i(S minus {i}) > pi_i(S)``.
    joiners : tuple
        Outsiders who would join: ``pi_j(S with j) > pi_j(S)`` (``>=`` under
        strict external stability, where an indifferent outsider joins).
    """

    coalition: frozenset
    internal: bool
    external: bool
    leavers: tuple
    joiners: tuple
    strict_external: bool = True

    @property
    def stable(self) -> bool:
        return self.internal and self.external

    def __repr__(self) -> str:
        members = "{" + ", ".join(map(str, sorted(self.coalition, key=str))) + "}"
        if self.stable:
            what = "stable"
        else:
            parts = []
            if self.leavers:
                parts.append("leavers " + ", ".join(map(str, self.leavers)))
            if self.joiners:
                parts.append("joiners " + ", ".join(map(str, self.joiners)))
            what = "unstable: " + "; ".join(parts)
        return f"CoalitionCheck({members} {what})"


def coalition_stability(payoff: Callable[[Hashable, frozenset], Any], coalition: Collection[Hashable],
                        players: Iterable[Hashable], strict_external: bool = True,
                        transfers: bool = False) -> CoalitionCheck:
    """Internal and external stability of ``coalition`` when players differ.

    ``payoff(i, S)`` is player ``i``'s payoff when ``S`` (a frozenset) is the
    coalition, members and outsiders alike. ``S`` is internally stable when
    no member gains by leaving, ``pi_i(S) >= pi_i(S minus {i})`` for all
    ``i`` in ``S``, and externally stable when no outsider gains by joining,
    ``pi_j(S) > pi_j(S with j)`` for every outsider ``j`` (``>=`` with
    ``strict_external=False``). With identical players this is
    :func:`stable_coalition_sizes` by membership rather than size.

    With ``transfers=True`` members share the coalition's payoff by
    :func:`optimal_transfers`, within ``S`` and within ``S with j`` for a
    prospective joiner ``j`` (Carraro, Eyckmans and Finus 2006). Then ``S`` is
    internally stable iff it is :func:`potentially_internally_stable`, and an
    outsider joins iff ``S with j`` is potentially internally stable (with a
    strictly positive surplus under ``strict_external=False``).

    Examples
    --------
    >>> from coopgame.coalitions.agreements import heterogeneous_linear_payoff
    >>> from coopgame.coalitions.stability import coalition_stability
    >>> pay = heterogeneous_linear_payoff([1] * 5, [1] * 5)
    >>> coalition_stability(pay, {0, 1, 2}, range(5))
    CoalitionCheck({0, 1, 2} stable)
    >>> coalition_stability(pay, {0, 1, 2, 3}, range(5)).leavers
    (0, 1, 2, 3)

    One country with three times the others' benefit: no coalition is stable
    without transfers, but it and two others are with them.

    >>> pay = heterogeneous_linear_payoff([1, 1, 1, 3], [1, 1, 1, 1])
    >>> coalition_stability(pay, {1, 2, 3}, range(4))
    CoalitionCheck({1, 2, 3} unstable: leavers 1, 2)
    >>> coalition_stability(pay, {1, 2, 3}, range(4), transfers=True)
    CoalitionCheck({1, 2, 3} stable)
    """
    members = frozenset(coalition)
    everyone = list(players)
    if not members <= set(everyone):
        raise InvalidArgumentError(f"coalition_stability: expected a coalition of the players {everyone!r}, "
                                   f"got {sorted(members, key=str)!r}")

    def share(i: Hashable, group: frozenset) -> Any:
        if transfers and group:
            return optimal_transfers(payoff, group)[i]
        return payoff(i, group)

    leavers = tuple(i for i in everyone if i in members
                    and not _decide(share(i, members) >= payoff(i, members - {i}), f"whether {i!r} leaves"))
    joiners = []
    for j in everyone:
        if j in members:
            continue
        stay, join = payoff(j, members), share(j, members | {j})
        stays = stay > join if strict_external else stay >= join
        if not _decide(stays, f"whether {j!r} joins"):
            joiners.append(j)
    return CoalitionCheck(members, not leavers, not joiners, leavers, tuple(joiners), strict_external)


def stable_coalitions(payoff: Callable[[Hashable, frozenset], Any], players: Iterable[Hashable] | int,
                      strict_external: bool = True, min_size: int = 2, transfers: bool = False) -> list[frozenset]:
    """Every internally and externally stable coalition of heterogeneous players, by brute force.

    Checks all coalitions with at least ``min_size`` members (``2**n``
    of them) with :func:`coalition_stability` (``transfers=True``: under
    optimal transfers); ``players`` is a collection or a number ``n``
    (players ``0..n-1``).

    Raises
    ------
    SolverLimitError
        More than :data:`MAX_COALITION_PLAYERS` players.

    Examples
    --------
    >>> from coopgame.coalitions.agreements import heterogeneous_linear_payoff
    >>> from coopgame.coalitions.stability import stable_coalitions
    >>> pay = heterogeneous_linear_payoff([1, 1, 1, 1], [1, 1, 1, 1])
    >>> len(stable_coalitions(pay, 4))  # every coalition of three
    4
    >>> pay = heterogeneous_linear_payoff([1, 1, 1, 1], [2, 1, 1, 1])  # country 0 abates at twice the cost
    >>> sorted(sorted(s) for s in stable_coalitions(pay, 4))
    [[0, 1], [0, 2], [0, 3]]
    """
    if isinstance(players, int) and not isinstance(players, bool):
        everyone = list(range(players))
    else:
        everyone = list(players)
    if len(everyone) > MAX_COALITION_PLAYERS:
        raise SolverLimitError(
            f"stable_coalitions: {len(everyone)} players means 2**{len(everyone)} coalitions, above the limit of "
            f"{MAX_COALITION_PLAYERS} players; check chosen coalitions with coalition_stability instead")
    out = []
    for size in range(max(min_size, 0), len(everyone) + 1):
        for combo in itertools.combinations(everyone, size):
            if coalition_stability(payoff, combo, everyone, strict_external, transfers).stable:
                out.append(frozenset(combo))
    return out
