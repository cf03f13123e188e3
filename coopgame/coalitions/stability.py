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

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Collection, Hashable, Iterable, Mapping

import sympy

from coopgame.errors import InvalidArgumentError, NotSupportedError

__all__ = ["stable_coalition_sizes", "StableSizes", "SizeCheck", "potentially_internally_stable", "optimal_transfers"]


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
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidArgumentError(f"stable_coalition_sizes: expected a positive whole number of players n, got {n!r}")
    if not callable(pi_signatory) or not callable(pi_nonsignatory):
        raise InvalidArgumentError("stable_coalition_sizes: expected pi_signatory and pi_nonsignatory as callables of k")
    s = {k: pi_signatory(k) for k in range(1, n + 1)}
    ns = {k: pi_nonsignatory(k) for k in range(0, n)}
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
