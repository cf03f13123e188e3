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
import math
import numbers
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import call_user, check_bool, check_callable, check_int, check_size, describe, public
from coopgame.errors import CallbackError, InvalidArgumentError, InvalidArgumentTypeError, NotSupportedError
from coopgame.results import Result, html_table

__all__ = ["stable_coalition_sizes", "StableSizes", "SizeCheck", "potentially_internally_stable", "optimal_transfers",
           "coalition_stability", "CoalitionCheck", "stable_coalitions", "MAX_COALITION_PLAYERS",
           "MAX_SIZE_PLAYERS"]

#: Default largest number of players for which :func:`stable_coalitions` checks all ``2**n`` coalitions
#: (keyword ``max_players``).
MAX_COALITION_PLAYERS: int = 16

#: Default largest number of players of :func:`stable_coalition_sizes` (it calls each payoff function
#: about ``n`` times; keyword ``max_players``).
MAX_SIZE_PLAYERS: int = 100_000


@public
@dataclass(frozen=True)
class SizeCheck(Result):
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


@public
@dataclass(frozen=True, eq=False, repr=False)
class StableSizes(Result):
    """The stable coalition sizes, with the checks of every size in ``.checks``.

    It iterates, indexes and compares like the tuple of sizes
    (``StableSizes(...) == (3,)``, ``max(sizes)``, ``3 in sizes``).

    Attributes
    ----------
    sizes : tuple of int
        The stable sizes, increasing.
    checks : tuple of SizeCheck
        The two stability checks of every size ``1..n``.
    strict_external : bool
        The external-stability rule used.
    """

    sizes: tuple[int, ...]
    checks: tuple[SizeCheck, ...] = ()
    strict_external: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "sizes", tuple(int(k) for k in self.sizes))
        object.__setattr__(self, "checks", tuple(self.checks))

    def __iter__(self) -> Iterator[int]:
        return iter(self.sizes)

    def __len__(self) -> int:
        return len(self.sizes)

    def __getitem__(self, index: Any) -> Any:
        return self.sizes[index]

    def __contains__(self, size: object) -> bool:
        return size in self.sizes

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StableSizes):
            return (self.sizes, self.strict_external) == (other.sizes, other.strict_external)
        if isinstance(other, tuple):
            return self.sizes == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.sizes)

    def __repr__(self) -> str:
        rule = "strict" if self.strict_external else "weak"
        return f"StableSizes({self.sizes!r}, external stability {rule})"

    def _repr_html_(self) -> str:
        rule = "strict" if self.strict_external else "weak"
        caption = f"stable sizes {', '.join(map(str, self.sizes)) or 'none'} (external stability {rule})"
        rows = ((c.size, c.internal, c.external, c.reason) for c in self.checks)
        return html_table(rows, header=("size", "internal", "external", "why"), caption=caption)


def _decide(rel: Any, what: str, where: str = "stable_coalition_sizes") -> bool:
    if isinstance(rel, bool):
        return rel
    if rel in (sympy.true, sympy.false):
        return bool(rel)
    try:
        return bool(rel)
    except TypeError:
        raise NotSupportedError(f"{where}: cannot decide {what} ({rel}); give numeric parameter values") from None


def _payoff_value(value: Any, where: str, call: str) -> Any:
    """``value`` when it is a real number (or a sympy expression); a typed error naming the call otherwise.

    NaN and infinities are refused: a comparison with them decides nothing.
    """
    if isinstance(value, sympy.Basic):
        if value.is_number and (value.is_real is False or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo)):
            raise CallbackError(f"{where}: expected {call} to return a finite real number, got {describe(value)}")
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, decimal.Decimal)):
        raise InvalidArgumentTypeError(f"{where}: expected {call} to return a real number, got {describe(value)}")
    try:
        finite = math.isfinite(value)
    except (TypeError, ValueError, OverflowError):  # an exotic Real: trust what it compares to
        finite = True
    if not finite:
        raise CallbackError(f"{where}: expected {call} to return a finite real number, got {describe(value)}")
    return value


def _user_payoff(payoff: Callable[..., Any], where: str, *args: Any) -> Any:
    """Call a payoff function the user gave and check that it returns a finite real number."""
    shown = ", ".join(describe(a) for a in args)
    return _payoff_value(call_user(payoff, *args, where=where, what="payoff"), where, f"payoff({shown})")


@public
def stable_coalition_sizes(pi_signatory: Callable[[int], Any], pi_nonsignatory: Callable[[int], Any], n: int,
                           strict_external: bool = True, *, max_players: int = MAX_SIZE_PLAYERS) -> StableSizes:
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
    max_players : int, default :data:`MAX_SIZE_PLAYERS` (100,000)
        Size budget: larger ``n`` is refused before any payoff is computed.

    Returns
    -------
    StableSizes
        The stable sizes (iterating like a tuple); ``.checks`` holds a
        :class:`SizeCheck` per size with its reason.

    Raises
    ------
    CallbackError
        A payoff function raises, or returns NaN or an infinity.
    SolverLimitError
        ``n`` above ``max_players``.

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
    where = "stable_coalition_sizes"
    check_callable(pi_signatory, "pi_signatory", where)
    check_callable(pi_nonsignatory, "pi_nonsignatory", where)
    n = check_int(n, "n", where, minimum=1)
    strict_external = check_bool(strict_external, "strict_external", where)
    check_size(where, n, check_int(max_players, "max_players", where, minimum=1), what="the number of players n",
               limit_name="max_players", alternative="a closed form of the stability conditions instead")

    def value(f: Callable[[int], Any], name: str, k: int) -> Any:
        return _payoff_value(call_user(f, k, where=where, what=name), where, f"{name}({k})")

    s = {k: value(pi_signatory, "pi_signatory", k) for k in range(1, n + 1)}
    ns = {k: value(pi_nonsignatory, "pi_nonsignatory", k) for k in range(0, n)}
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
    return StableSizes(tuple(sizes), tuple(checks), strict_external)


@public
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
    where = "potentially_internally_stable"
    members = _members(coalition, where)
    check_callable(payoff, "payoff", where)
    inside = sum((_user_payoff(payoff, where, i, members) for i in members), Fraction(0))
    outside = sum((_user_payoff(payoff, where, i, members - {i}) for i in members), Fraction(0))
    return _decide(inside >= outside, "potential internal stability", where)


def _members(coalition: Any, where: str) -> frozenset:
    """A coalition as a frozenset of hashable members, or a typed error."""
    if isinstance(coalition, (str, bytes)):
        raise InvalidArgumentTypeError(f"{where}: expected a coalition as a collection of players, got {coalition!r}")
    try:
        return frozenset(coalition)
    except TypeError:
        raise InvalidArgumentTypeError(
            f"{where}: expected a coalition as a collection of hashable players, got {describe(coalition)}") from None


@public
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
    return _optimal_transfers(payoff, _members(coalition, "optimal_transfers"), "optimal_transfers")


def _optimal_transfers(payoff: Callable[..., Any], members: frozenset, where: str) -> dict[Hashable, Any]:
    check_callable(payoff, "payoff", where)
    if not members:
        return {}
    out = {i: _user_payoff(payoff, where, i, members - {i}) for i in members}
    surplus = sum((_user_payoff(payoff, where, i, members) for i in members), Fraction(0)) - sum(out.values(), Fraction(0))
    return {i: out[i] + surplus / len(members) for i in members}


@public
@dataclass(frozen=True)
class CoalitionCheck(Result):
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


@public
def coalition_stability(payoff: Callable[[Hashable, frozenset], Any], coalition: Collection[Hashable],
                        players: Iterable[Hashable] | int, strict_external: bool = True,
                        transfers: bool = False, *, max_players: int = MAX_SIZE_PLAYERS) -> CoalitionCheck:
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

    ``players`` is a collection of player labels or a number ``n`` (players
    ``0..n-1``), at most ``max_players`` (default :data:`MAX_SIZE_PLAYERS`).

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
    where = "coalition_stability"
    check_callable(payoff, "payoff", where)
    members = _members(coalition, where)
    everyone = _players(players, where, check_int(max_players, "max_players", where, minimum=1))
    strict_external = check_bool(strict_external, "strict_external", where)
    transfers = check_bool(transfers, "transfers", where)
    return _coalition_check(payoff, members, everyone, strict_external, transfers, where)


def _players(players: Any, where: str, limit: int) -> list[Hashable]:
    """The players: a number ``n`` (players ``0..n-1``) or a collection of distinct hashable labels, at most ``limit``."""
    if isinstance(players, numbers.Number) and not isinstance(players, (bool, np.bool_)):
        n = check_int(players, "players", where, minimum=0)
        check_size(where, n, limit, what="the number of players", limit_name="max_players",
                   alternative="fewer players")
        return list(range(n))
    if isinstance(players, (str, bytes, bool, np.bool_)):
        raise InvalidArgumentTypeError(f"{where}: expected players as a number or a collection, got {players!r}")
    try:
        everyone = list(players)
        distinct = len(set(everyone)) == len(everyone)
    except TypeError:
        raise InvalidArgumentTypeError(
            f"{where}: expected players as a number or a collection of hashable labels, got {describe(players)}") from None
    if not distinct:
        raise InvalidArgumentError(f"{where}: expected distinct players, got {describe(players)}")
    check_size(where, len(everyone), limit, what="the number of players", limit_name="max_players",
               alternative="fewer players")
    return everyone


def _coalition_check(payoff: Callable[..., Any], members: frozenset, everyone: list[Hashable],
                     strict_external: bool, transfers: bool, where: str) -> CoalitionCheck:
    if not members <= set(everyone):
        raise InvalidArgumentError(f"{where}: expected a coalition of the players {describe(everyone)}, "
                                   f"got {sorted(members, key=str)!r}")

    def pay(i: Hashable, group: frozenset) -> Any:
        return _user_payoff(payoff, where, i, group)

    def share(i: Hashable, group: frozenset) -> Any:
        if transfers and group:
            return _optimal_transfers(payoff, group, where)[i]
        return pay(i, group)

    leavers = tuple(i for i in everyone if i in members
                    and not _decide(share(i, members) >= pay(i, members - {i}), f"whether {i!r} leaves", where))
    joiners = []
    for j in everyone:
        if j in members:
            continue
        stay, join = pay(j, members), share(j, members | {j})
        stays = stay > join if strict_external else stay >= join
        if not _decide(stays, f"whether {j!r} joins", where):
            joiners.append(j)
    return CoalitionCheck(members, not leavers, not joiners, leavers, tuple(joiners), strict_external)


@public
def stable_coalitions(payoff: Callable[[Hashable, frozenset], Any], players: Iterable[Hashable] | int,
                      strict_external: bool = True, min_size: int = 2, transfers: bool = False, *,
                      max_players: int = MAX_COALITION_PLAYERS) -> list[frozenset]:
    """Every internally and externally stable coalition of heterogeneous players, by brute force.

    Checks all coalitions with at least ``min_size`` members (``2**n``
    of them) with :func:`coalition_stability` (``transfers=True``: under
    optimal transfers); ``players`` is a collection or a number ``n``
    (players ``0..n-1``).

    Raises
    ------
    SolverLimitError
        More than ``max_players`` players (default
        :data:`MAX_COALITION_PLAYERS`, 16).
    CallbackError
        The payoff function raises or returns something other than a finite
        real number.

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
    where = "stable_coalitions"
    check_callable(payoff, "payoff", where)
    limit = check_int(max_players, "max_players", where, minimum=1)
    if isinstance(players, numbers.Number) and not isinstance(players, (bool, np.bool_)):
        # the size first: a huge number of players is refused before a list of them is built
        check_size(where, check_int(players, "players", where, minimum=0), limit,
                   what="the number of players (2**n coalitions are checked)", limit_name="max_players",
                   alternative="coalition_stability on chosen coalitions instead")
    everyone = _players(players, where, max(limit, MAX_SIZE_PLAYERS))
    check_size(where, len(everyone), limit, what="the number of players (2**n coalitions are checked)",
               limit_name="max_players", alternative="coalition_stability on chosen coalitions instead")
    strict_external = check_bool(strict_external, "strict_external", where)
    transfers = check_bool(transfers, "transfers", where)
    min_size = check_int(min_size, "min_size", where, minimum=0)
    out = []
    for size in range(min_size, len(everyone) + 1):
        for combo in itertools.combinations(everyone, size):
            if _coalition_check(payoff, frozenset(combo), everyone, strict_external, transfers, where).stable:
                out.append(frozenset(combo))
    return out
