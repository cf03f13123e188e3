"""International environmental agreements as coalition games (Barrett 1994).

Each model returns an :class:`Agreement`: the signatory and non-signatory
payoffs ``pi_s(k)`` and ``pi_n(k)`` as callables of the number ``k`` of
signatories, which unpack as ``pi_s, pi_n = agreement``. Signatories choose
their abatement to maximise the coalition's joint payoff, non-signatories
their own, simultaneously (Cournot/Nash between the coalition and the fringe).

Integers and Fractions as parameters give exact Fractions; sympy symbols
give expressions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import (
    check_bool,
    check_callable,
    check_choice,
    check_int,
    check_real,
    check_size,
    describe,
    public,
)
from coopgame.coalitions.stability import MAX_SIZE_PLAYERS, StableSizes, stable_coalition_sizes
from coopgame.errors import InvalidArgumentError
from coopgame.results import Result

__all__ = ["MAX_PARADOX_WORK", "Agreement", "AgreementOutcome", "linear_benefit_agreement", "barrett_cournot_agreement",
           "barrett_stackelberg_agreement", "binary_participation_agreement", "heterogeneous_linear_payoff",
           "heterogeneous_barrett_payoff", "paradox_of_cooperation", "ParadoxOfCooperation"]


def _positive(name: str, x: Any, where: str) -> Any:
    """A positive parameter: a finite number (ints become Fractions) or a sympy expression (assumed positive)."""
    if isinstance(x, sympy.Basic) and x.free_symbols:
        if x.is_positive is False:
            raise InvalidArgumentError(f"{where}: expected a positive {name}, got {x!r}")
        return x
    v = check_real(x, name, where, minimum=0, open_min=True, exact=True)
    return Fraction(v) if isinstance(v, int) else v


def _check_n(n: Any, where: str) -> int:
    return check_int(n, "the number of countries n", where, minimum=2)


@public
@dataclass(frozen=True)
class Agreement(Result):
    """An agreement model: payoffs of signatories and non-signatories by coalition size.

    Attributes
    ----------
    pi_signatory, pi_nonsignatory : callables of ``k``
    abatement_signatory, abatement_nonsignatory : callables of ``k``
        Each member's and each outsider's abatement.
    n : int
    name : str
    """

    pi_signatory: Callable[[int], Any]
    pi_nonsignatory: Callable[[int], Any]
    abatement_signatory: Callable[[int], Any]
    abatement_nonsignatory: Callable[[int], Any]
    n: int
    name: str

    def __post_init__(self) -> None:
        for field in ("pi_signatory", "pi_nonsignatory", "abatement_signatory", "abatement_nonsignatory"):
            check_callable(getattr(self, field), field, "Agreement")
        object.__setattr__(self, "n", check_int(self.n, "n", "Agreement", minimum=1))
        if not isinstance(self.name, str):
            raise InvalidArgumentError(f"Agreement: expected name to be a string, got {describe(self.name)}")

    def __iter__(self) -> Iterator[Callable[[int], Any]]:
        return iter((self.pi_signatory, self.pi_nonsignatory))

    @public
    def stable_sizes(self, strict_external: bool = True, *, max_players: int = MAX_SIZE_PLAYERS) -> StableSizes:
        """:func:`stable_coalition_sizes` of this model."""
        return stable_coalition_sizes(self.pi_signatory, self.pi_nonsignatory, self.n, strict_external,
                                      max_players=max_players)

    def _size(self, k: Any, where: str) -> int:
        return check_int(k, "the coalition size k", f"Agreement.{where}", minimum=0, maximum=self.n)

    @public
    def total_abatement(self, k: int) -> Any:
        """Total abatement ``Q(k) = k q_s(k) + (n - k) q_n(k)`` with ``k`` signatories."""
        return self._sum(self._size(k, "total_abatement"), self.abatement_signatory, self.abatement_nonsignatory)

    @public
    def welfare(self, k: int) -> Any:
        """Total payoff of all ``n`` countries, ``k pi_s(k) + (n - k) pi_n(k)``, with ``k`` signatories."""
        return self._sum(self._size(k, "welfare"), self.pi_signatory, self.pi_nonsignatory)

    def _sum(self, k: int, signatory: Callable[[int], Any], nonsignatory: Callable[[int], Any]) -> Any:
        """``k signatory(k) + (n - k) nonsignatory(k)``, calling each only when its group is not empty."""
        total: Any = 0
        if k:
            total = total + k * signatory(k)
        if k < self.n:
            total = total + (self.n - k) * nonsignatory(k)
        return total

    @public
    def outcome(self, k: int | None = None, strict_external: bool = True, *,
                max_players: int = MAX_SIZE_PLAYERS) -> AgreementOutcome:
        """Abatement and welfare with ``k`` signatories, set against no agreement and full cooperation.

        By default ``k`` is the largest stable size. The *closure* is the share
        of the welfare gap between no agreement (``k = 0``) and the grand
        coalition (``k = n``) that the agreement closes (Barrett 1994).

        Examples
        --------
        >>> from coopgame.coalitions.agreements import linear_benefit_agreement
        >>> out = linear_benefit_agreement(10).outcome()
        >>> out.size, out.total_abatement, out.full_abatement
        (3, Fraction(16, 1), Fraction(100, 1))
        >>> out.closure
        Fraction(16, 135)
        """
        sizes = self.stable_sizes(strict_external, max_players=max_players)
        if k is None:
            if not sizes:
                raise InvalidArgumentError(f"Agreement.outcome: {self.name} has no stable size; pass k")
            k = max(sizes)
        k = self._size(k, "outcome")
        w0, wn, wk = self.welfare(0), self.welfare(self.n), self.welfare(k)
        gap = wn - w0
        return AgreementOutcome(
            self.name, self.n, k, tuple(sizes),
            self.abatement_signatory(k) if k else None,
            self.abatement_nonsignatory(k) if k < self.n else None,
            self.total_abatement(k), wk, self.total_abatement(0), w0, self.total_abatement(self.n), wn,
            gap, (wk - w0) / gap if gap != 0 else None, _is_exact(wk, w0, wn),
        )

    def __repr__(self) -> str:
        return f"Agreement({self.name}, n={self.n})"


def _is_exact(*values: Any) -> bool:
    return all(isinstance(v, (int, Fraction)) for v in values)


@public
@dataclass(frozen=True)
class AgreementOutcome(Result):
    """An agreement of ``size`` signatories against no agreement and full cooperation.

    Attributes
    ----------
    name : str
        The model.
    n, size : int
        Countries and signatories.
    stable_sizes : tuple of int
        The model's stable sizes (under the external-stability rule used).
    abatement_signatory, abatement_nonsignatory
        Each member's and each outsider's abatement (None when there are none).
    total_abatement, welfare
        With ``size`` signatories.
    nash_abatement, nash_welfare
        With no agreement (``k = 0``).
    full_abatement, full_welfare
        With every country signing (``k = n``).
    gain_from_cooperation
        ``full_welfare - nash_welfare``.
    closure
        ``(welfare - nash_welfare) / gain_from_cooperation``: the share of the
        gain the agreement realises (None when the gain is zero).
    is_exact : bool
        True when the welfare figures are exact (Fractions).
    """

    name: str
    n: int
    size: int
    stable_sizes: tuple[int, ...]
    abatement_signatory: Any
    abatement_nonsignatory: Any
    total_abatement: Any
    welfare: Any
    nash_abatement: Any
    nash_welfare: Any
    full_abatement: Any
    full_welfare: Any
    gain_from_cooperation: Any
    closure: Any
    is_exact: bool = False

    @property
    def relative_gain(self) -> Any:
        """``gain_from_cooperation / nash_welfare``: how much full cooperation adds, relative to none."""
        return self.gain_from_cooperation / self.nash_welfare if self.nash_welfare != 0 else None

    def __repr__(self) -> str:
        def fmt(x: Any) -> str:
            return "-" if x is None else (f"{float(x):.4g}" if not isinstance(x, int) else str(x))

        who = f"{self.size} signator{'y' if self.size == 1 else 'ies'}"
        return (f"AgreementOutcome({self.name}, n={self.n}: {who}, total abatement "
                f"{fmt(self.total_abatement)} (none {fmt(self.nash_abatement)}, full {fmt(self.full_abatement)}), "
                f"welfare {fmt(self.welfare)} (none {fmt(self.nash_welfare)}, full {fmt(self.full_welfare)}), "
                f"closure {fmt(self.closure)})")


@public
def linear_benefit_agreement(n: int, b: Any = 1, c: Any = 1) -> Agreement:
    """Linear benefit, quadratic cost: ``u_i = b*Q - (c/2) q_i**2`` with ``Q = sum_j q_j``.

    A non-signatory abates ``q_n = b/c`` (its first-order condition
    ``b = c q``); each of ``k`` signatories abates ``q_s = k b/c`` (the
    coalition internalises the benefit to its ``k`` members), so
    ``Q = (k**2 + n - k) b/c`` and

    * ``pi_s(k) = (b**2/c) (k**2/2 + n - k)``,
    * ``pi_n(k) = (b**2/c) (k**2 + n - k - 1/2)``.

    Internal stability ``pi_s(k) >= pi_n(k-1)`` reduces to
    ``(k - 1)(k - 3) <= 0`` and external stability ``pi_n(k) > pi_s(k+1)``
    to ``k (k - 2) > 0``: the stable size is 3 for every ``n >= 3``, ``b``,
    ``c`` (with weak external stability also 2, where an outsider is
    indifferent about joining).

    Examples
    --------
    >>> from coopgame.coalitions import linear_benefit_agreement
    >>> pi_s, pi_n = linear_benefit_agreement(10, b=2, c=3)
    >>> pi_s(3), pi_n(2)
    (Fraction(46, 3), Fraction(46, 3))
    >>> linear_benefit_agreement(10, b=2, c=3).stable_sizes()
    StableSizes((3,), external stability strict)
    """
    where = "linear_benefit_agreement"
    n = _check_n(n, where)
    b, c = _positive("b", b, where), _positive("c", c, where)
    scale = b * b / c
    half = Fraction(1, 2)
    return Agreement(
        lambda k: scale * (half * k * k + n - k),
        lambda k: scale * (k * k + n - k - half),
        lambda k: k * b / c,
        lambda k: b / c,
        n,
        "linear benefit, quadratic cost",
    )


def _barrett_agreement(n: int, a: Any, b: Any, c: Any, total: Callable[[int], Any], q_s: Callable[[int], Any],
                       q_n: Callable[[int], Any], name: str) -> Agreement:
    """Barrett's payoffs ``(b/n)(a Q - Q**2/2) - (c/2) q**2`` for given abatement functions of the coalition size."""

    def benefit(k: int) -> Any:
        q = total(k)
        return b / n * (a * q - q * q / 2)

    return Agreement(
        lambda k: benefit(k) - c / 2 * q_s(k) ** 2,
        lambda k: benefit(k) - c / 2 * q_n(k) ** 2,
        q_s,
        q_n,
        n,
        name,
    )


@public
def barrett_cournot_agreement(n: int, a: Any = 100, b: Any = 1, c: Any = 1) -> Agreement:
    """Barrett's (1994) quadratic model with a Cournot coalition.

    ``u_i = (b/n) (a Q - Q**2/2) - (c/2) q_i**2``. With ``gamma = c/b`` the
    first-order conditions give ``q_n = (a - Q)/(n gamma)`` for a
    non-signatory and ``q_s = k (a - Q)/(n gamma)`` for each signatory, so
    with ``m = k**2 + n - k``

    ``Q(k) = a m / (n gamma + m)``,

    ``pi_s(k) = (b/n)(a Q - Q**2/2) - (c/2) q_s**2`` and
    ``pi_n(k) = (b/n)(a Q - Q**2/2) - (c/2) q_n**2``. Stable coalitions have
    at most 2 members (claim C11).

    Examples
    --------
    >>> from coopgame.coalitions import barrett_cournot_agreement
    >>> model = barrett_cournot_agreement(10, a=100, b=1, c=1)
    >>> model.abatement_nonsignatory(1)
    Fraction(5, 1)
    >>> max(model.stable_sizes()) <= 2
    True
    """
    where = "barrett_cournot_agreement"
    n = _check_n(n, where)
    a, b, c = (_positive(name, v, where) for name, v in (("a", a), ("b", b), ("c", c)))
    gamma = c / b

    def total(k: int) -> Any:
        m = k * k + n - k
        return a * m / (n * gamma + m)

    def q_s(k: int) -> Any:
        return k * (a - total(k)) / (n * gamma)

    def q_n(k: int) -> Any:
        return (a - total(k)) / (n * gamma)

    return _barrett_agreement(n, a, b, c, total, q_s, q_n, "Barrett (1994) quadratic, Cournot coalition")


@public
def barrett_stackelberg_agreement(n: int, a: Any = 100, b: Any = 1, c: Any = 1) -> Agreement:
    """Barrett's (1994) quadratic model with the coalition as Stackelberg leader.

    Payoffs as in :func:`barrett_cournot_agreement`,
    ``u_i = (b/n)(a Q - Q**2/2) - (c/2) q_i**2`` with ``gamma = c/b``, but the
    ``k`` signatories choose their abatement first, anticipating the
    non-signatories' reaction. A non-signatory's best reply to the rest is
    ``q_n = max(0, (a - Q)/(n gamma))``; all ``n - k`` of them together react
    to the signatories' total ``Q_s`` with

    ``q_n(Q_s) = max(0, (a - Q_s)/(n gamma + n - k))``,

    so each unit the coalition abates is partly undone by the fringe (leakage
    ``lambda = (n - k)/(n gamma + n - k)``). Maximising the members' joint
    payoff against that reaction gives Barrett's closed forms

    ``Q_s = a k**2 (1 - lambda)**2 / (n gamma + k**2 (1 - lambda)**2)``,
    ``q_s = Q_s / k`` and ``q_n = (a - Q_s)/(n gamma + n - k)``.

    A coalition of one is no coalition: for ``k <= 1`` every country plays
    the non-cooperative Nash equilibrium (``Q = a/(1 + gamma)``), as in
    Barrett's paper, where stable agreements have at least two members. The
    grand coalition (``k = n``) is the full cooperative optimum.

    Non-negativity: the fringe's reaction hits its corner ``q_n = 0`` only
    if the signatories abate ``Q_s >= a``, where the marginal benefit
    ``a - Q`` is no longer positive; the leader never goes there (its
    optimum has ``Q_s < a``), so non-signatories always abate a positive
    amount and the interior formulas above are the leader's global optimum.
    The code keeps the ``max(0, .)`` and the tests check the closed form
    against a search over ``Q_s`` that includes the corner region. Barrett's
    model has no baseline emissions, so it does not constrain abatement
    from above; the debate on non-negative *emissions* (Diamantoudi and
    Sartzetakis 2006; Rubio and Ulph 2006) concerns a version of the model
    written in emissions and is not modelled here.

    Stable coalitions can have any size from 2 to ``n``, but large ones arise
    only where full cooperation gains little over no agreement (small
    ``gamma``): the *paradox of cooperation*, see
    :func:`paradox_of_cooperation`.

    Parameters
    ----------
    n : int
        Number of countries (at least 2).
    a, b, c : positive numbers, defaults 100, 1, 1
        Integers and Fractions give exact Fractions.

    Returns
    -------
    Agreement

    References
    ----------
    Barrett, S. (1994), "Self-enforcing international environmental
    agreements", *Oxford Economic Papers* 46: 878-894.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.coalitions.agreements import barrett_stackelberg_agreement
    >>> barrett_stackelberg_agreement(10, a=100, b=1, c=1).stable_sizes()
    StableSizes((3,), external stability strict)
    >>> barrett_stackelberg_agreement(10, a=100, b=1, c=Fraction(1, 100)).stable_sizes()
    StableSizes((10,), external stability strict)
    """
    where = "barrett_stackelberg_agreement"
    n = _check_n(n, where)
    a, b, c = (_positive(name, v, where) for name, v in (("a", a), ("b", b), ("c", c)))
    gamma = c / b

    def zero_if_negative(x: Any) -> Any:
        try:
            return x if x > 0 else 0 * x
        except TypeError:  # symbolic: the interior branch
            return x

    def leader_total(k: int) -> Any:
        if k <= 1:  # no coalition: Nash, each abates a/(n (1 + gamma))
            return a / (n * (1 + gamma)) * k
        lam = (n - k) / (n * gamma + n - k)  # leakage: the fringe undoes this share of the coalition's abatement
        w = k * k * (1 - lam) ** 2
        return a * w / (n * gamma + w)

    def q_n(k: int) -> Any:
        if k <= 1:
            return a / (n * (1 + gamma))
        return zero_if_negative((a - leader_total(k)) / (n * gamma + n - k))

    def q_s(k: int) -> Any:
        return leader_total(k) / k if k >= 1 else a / (n * (1 + gamma))

    def total(k: int) -> Any:
        return leader_total(k) + (n - k) * q_n(k) if k >= 1 else n * q_n(0)

    return _barrett_agreement(n, a, b, c, total, q_s, q_n, "Barrett (1994) quadratic, Stackelberg-leader coalition")


@public
def binary_participation_agreement(n: int, b: Any = 1, c: Any = Fraction(5, 2)) -> Agreement:
    """Barrett's binary participation model: each country abates one unit or none.

    ``u_i = b Z - c a_i`` with ``a_i`` in ``{0, 1}`` and ``Z`` the number of
    abating countries, ``b < c < n b`` (abating is dominated for a single
    country yet all abating beats none). A non-signatory never abates
    (``b < c``); the ``k`` signatories abate together when that pays the
    coalition, ``k b >= c``. So with ``k* = ceil(c/b)``:

    * ``pi_s(k) = b k - c`` and ``pi_n(k) = b k`` for ``k >= k*``,
    * ``pi_s(k) = pi_n(k) = 0`` below ``k*`` (nobody abates).

    The stable size is ``k*`` (with strict external stability): each member
    is pivotal, since one leaving makes the rest stop abating (Barrett 2003,
    ch. 7; the same ``k*`` as claim C17 of :func:`coopgame.models.minimum_participation`).
    With weak external stability the sizes below ``k* - 1``, where nobody
    abates and joining changes nothing, are also stable.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from coopgame.coalitions.agreements import binary_participation_agreement
    >>> model = binary_participation_agreement(10, b=1, c=Fraction(5, 2))
    >>> model.stable_sizes()
    StableSizes((3,), external stability strict)
    >>> model.outcome().closure
    Fraction(3, 10)
    """
    where = "binary_participation_agreement"
    n = _check_n(n, where)
    b, c = _positive("b", b, where), _positive("c", c, where)
    try:
        bad = not (b < c < n * b)
    except TypeError:
        bad = False
    if bad:
        raise InvalidArgumentError(f"{where}: expected b < c < n*b (a dilemma), got b={b!r}, c={c!r}, n={n}")

    def abates(k: int) -> bool:
        return bool(k * b >= c)

    return Agreement(
        lambda k: (b * k - c) if abates(k) else 0 * b,
        lambda k: b * k if abates(k) else 0 * b,
        lambda k: Fraction(1) if abates(k) else Fraction(0),
        lambda k: Fraction(0),
        n,
        "binary participation",
    )


def _sequence(values: Any, name: str, where: str) -> list[Any]:
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise InvalidArgumentError(f"{where}: expected {name} as a sequence of numbers, got {describe(values)}")
    return list(values)


@public
def heterogeneous_linear_payoff(b: Any, c: Any) -> Callable[[int, frozenset], Any]:
    """``payoff(i, S)`` in the linear model with country-specific ``b_i`` and ``c_i``.

    ``u_i = b_i Q - (c_i/2) q_i**2``: a member of ``S`` abates
    ``sum_{j in S} b_j / c_i``, an outsider ``b_i/c_i``. For
    :func:`potentially_internally_stable` and :func:`optimal_transfers`.

    Examples
    --------
    >>> from coopgame.coalitions import heterogeneous_linear_payoff
    >>> pay = heterogeneous_linear_payoff([1, 1, 1], [1, 1, 1])
    >>> pay(0, frozenset({0, 1, 2}))
    Fraction(9, 2)
    """
    where = "heterogeneous_linear_payoff"
    bs = [_positive("b", v, where) for v in _sequence(b, "b", where)]
    cs = [_positive("c", v, where) for v in _sequence(c, "c", where)]
    if len(bs) != len(cs) or not bs:
        raise InvalidArgumentError(f"{where}: expected b and c of the same non-zero length")

    def payoff(i: int, coalition: frozenset) -> Any:
        joint = sum((bs[j] for j in coalition), Fraction(0))
        q = [joint / cs[j] if j in coalition else bs[j] / cs[j] for j in range(len(bs))]
        return bs[i] * sum(q, Fraction(0)) - cs[i] / 2 * q[i] ** 2

    return payoff


@public
def heterogeneous_barrett_payoff(a: Any, b: Sequence[Any], c: Sequence[Any]) -> Callable[[int, frozenset], Any]:
    """``payoff(i, S)`` in Barrett's quadratic model with country-specific ``b_i`` and ``c_i`` (Cournot coalition).

    ``u_i = b_i (a Q - Q**2/2) - (c_i/2) q_i**2``. The members of ``S``
    maximise their joint payoff and outsiders their own, simultaneously:
    member ``i`` abates ``q_i = B_S (a - Q)/c_i`` with ``B_S = sum_{j in S} b_j``,
    outsider ``j`` abates ``q_j = b_j (a - Q)/c_j``, so ``Q = a H/(1 + H)``
    with ``H = sum_{i in S} B_S/c_i + sum_{j not in S} b_j/c_j``. With
    ``b_i = b/n`` and ``c_i = c`` this is :func:`barrett_cournot_agreement`.
    For :func:`potentially_internally_stable`, :func:`optimal_transfers`
    and :func:`coalition_stability`.

    Examples
    --------
    >>> from coopgame.coalitions.agreements import barrett_cournot_agreement, heterogeneous_barrett_payoff
    >>> from fractions import Fraction
    >>> pay = heterogeneous_barrett_payoff(100, [Fraction(1, 4)] * 4, [1] * 4)
    >>> pay(0, frozenset({0, 1})) == barrett_cournot_agreement(4, 100, 1, 1).pi_signatory(2)
    True
    """
    where = "heterogeneous_barrett_payoff"
    a = _positive("a", a, where)
    bs = [_positive("b", v, where) for v in _sequence(b, "b", where)]
    cs = [_positive("c", v, where) for v in _sequence(c, "c", where)]
    if len(bs) != len(cs) or not bs:
        raise InvalidArgumentError("heterogeneous_barrett_payoff: expected b and c of the same non-zero length")
    cache: dict[frozenset, list[Any]] = {}

    def abatement(coalition: frozenset) -> list[Any]:
        if coalition not in cache:
            joint = sum((bs[j] for j in coalition), 0 * bs[0])
            weight = [joint / cs[j] if j in coalition else bs[j] / cs[j] for j in range(len(bs))]
            h = sum(weight, 0 * bs[0])
            gap = a / (1 + h)  # a - Q
            cache[coalition] = [w * gap for w in weight]
        return cache[coalition]

    def payoff(i: int, coalition: frozenset) -> Any:
        q = abatement(frozenset(coalition))
        total = sum(q, 0 * bs[0])
        return bs[i] * (a * total - total * total / 2) - cs[i] / 2 * q[i] ** 2

    return payoff


@public
@dataclass(frozen=True, eq=False)
class ParadoxOfCooperation(Result):
    """Stable agreement size and gain from cooperation across ``gamma = c/b`` (Barrett 1994).

    Attributes
    ----------
    n : int
    model : str
        ``"stackelberg"`` or ``"cournot"``.
    gamma : numpy array
        The cost-benefit ratios ``c/b``.
    stable_size : numpy int array
        The largest stable size at each ``gamma``.
    relative_gain : numpy array
        ``(W(n) - W(0))/W(0)``: what full cooperation adds to no agreement.
    closure : numpy array
        The share of that gain the stable agreement realises.
    abatement_ratio : numpy array
        Full-cooperation over non-cooperative total abatement,
        ``n (1 + gamma)/(n + gamma)``.
    """

    n: int
    model: str
    gamma: np.ndarray
    stable_size: np.ndarray
    relative_gain: np.ndarray
    closure: np.ndarray
    abatement_ratio: np.ndarray

    _ARRAYS = ("gamma", "stable_size", "relative_gain", "closure", "abatement_ratio")

    def __post_init__(self) -> None:
        for name in self._ARRAYS:
            arr = np.array(getattr(self, name))
            arr.flags.writeable = False
            object.__setattr__(self, name, arr)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParadoxOfCooperation):
            return NotImplemented
        return (self.n, self.model) == (other.n, other.model) and all(
            np.array_equal(getattr(self, a), getattr(other, a), equal_nan=True) for a in self._ARRAYS)

    def __hash__(self) -> int:
        return hash((self.n, self.model, tuple(self.gamma.tolist())))

    @public
    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per ``gamma``."""
        import pandas as pd

        return pd.DataFrame({"gamma": self.gamma, "stable_size": self.stable_size,
                             "relative_gain": self.relative_gain, "closure": self.closure,
                             "abatement_ratio": self.abatement_ratio})

    def __repr__(self) -> str:
        return (f"ParadoxOfCooperation({self.model}, n={self.n}, {len(self.gamma)} values of gamma from "
                f"{self.gamma.min():.3g} to {self.gamma.max():.3g}; stable sizes {int(self.stable_size.max())} down to "
                f"{int(self.stable_size.min())})")


#: Default largest ``n`` times the number of values of ``gamma`` that :func:`paradox_of_cooperation`
#: accepts (each pair costs about ``2n`` payoff evaluations; keyword ``max_work``).
MAX_PARADOX_WORK: int = 1_000_000

#: The values of gamma (c/b) :func:`paradox_of_cooperation` accepts: beyond them the
#: float welfare levels of the Barrett models underflow or lose every digit.
GAMMA_RANGE = (1e-6, 1e100)


@public
def paradox_of_cooperation(n: int, gammas: Sequence[float] | None = None, a: float = 100.0,
                           model: str = "stackelberg", strict_external: bool = True, *,
                           max_work: int = MAX_PARADOX_WORK) -> ParadoxOfCooperation:
    """The paradox of cooperation: stable size against the gain from cooperation, across ``gamma``.

    For each ``gamma = c/b`` (with ``b = 1``), the largest stable size of
    :func:`barrett_stackelberg_agreement` (or :func:`barrett_cournot_agreement`
    with ``model="cournot"``), the relative gain of full cooperation over no
    agreement, and the share of it the stable agreement closes. As
    ``gamma`` rises, the gain from full cooperation rises and the stable size
    falls: agreements are large only where they are worth little (Barrett
    1994). Computed in floats.

    Parameters
    ----------
    n : int
        Number of countries.
    gammas : sequence of positive numbers, optional
        Default ``numpy.logspace(-3, 3, 61)``; each within :data:`GAMMA_RANGE`
        (``1e-6`` to ``1e100``), where the float computation keeps its digits.
    a : float, default 100
    model : {"stackelberg", "cournot"}
    strict_external : bool, default True
    max_work : int, default :data:`MAX_PARADOX_WORK` (1,000,000)
        Size budget: ``n`` times the number of values of ``gamma`` above it
        is refused before anything is computed.

    Examples
    --------
    >>> from coopgame.coalitions.agreements import paradox_of_cooperation
    >>> data = paradox_of_cooperation(10, [0.01, 1.0, 100.0])
    >>> data.stable_size.tolist()
    [10, 3, 2]
    >>> [round(float(g), 4) for g in data.relative_gain]
    [0.0001, 0.2539, 3.8553]
    """
    where = "paradox_of_cooperation"
    n = _check_n(n, where)
    builders = {"stackelberg": barrett_stackelberg_agreement, "cournot": barrett_cournot_agreement}
    model = check_choice(model, "model", where, builders)
    strict_external = check_bool(strict_external, "strict_external", where)
    a = float(check_real(a, "a", where, minimum=0, open_min=True))
    limit = check_int(max_work, "max_work", where, minimum=1)
    if gammas is None:
        grid = np.logspace(-3, 3, 61)
    else:
        if isinstance(gammas, (str, bytes)):
            raise InvalidArgumentError(f"{where}: expected positive finite values of gamma, got {gammas!r}")
        values = np.ravel(np.asarray(gammas, dtype=object)) if not np.isscalar(gammas) else np.array([gammas], dtype=object)
        grid = np.array([check_real(g, "gamma", where, minimum=GAMMA_RANGE[0], maximum=GAMMA_RANGE[1])
                         for g in values], dtype=float)
        if grid.size == 0:
            raise InvalidArgumentError(f"{where}: expected at least one value of gamma, got {describe(gammas)}")
    check_size(where, n * grid.size, limit, what="n times the number of values of gamma", limit_name="max_work",
               alternative="fewer values of gamma or a smaller n")
    sizes, gains, closures = [], [], []
    for g in grid:
        out = builders[model](n, a, 1.0, float(g)).outcome(strict_external=strict_external, max_players=n)
        if out.relative_gain is None or out.closure is None:  # the welfare levels underflow to 0 in floats
            raise InvalidArgumentError(f"{where}: expected values of gamma at which welfare without an agreement is "
                                       f"not 0 in floating point, got gamma={g:g}; use a smaller gamma")
        sizes.append(out.size)
        gains.append(float(out.relative_gain))
        closures.append(float(out.closure))
    return ParadoxOfCooperation(n, model, grid, np.array(sizes, dtype=int), np.array(gains), np.array(closures),
                                n * (1 + grid) / (n + grid))
