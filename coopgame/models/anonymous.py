"""Free-riding among many regions: anonymous and continuous public goods (THEORY.md section 2.1).

The binary games of :mod:`coopgame.models.public_goods` list all ``2**n``
profiles. Here a region's payoff depends only on its own action and on how
many others govern, so :class:`~coopgame.SymmetricGame` holds them for
thousands of regions; :func:`public_goods_continuous` lets each region
choose how much to contribute.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame.errors import InvalidArgumentError
from coopgame.games.continuous import ContinuousGame
from coopgame.games.symmetric import SymmetricGame
from coopgame.models._common import symbol

__all__ = ["minimum_participation_anonymous", "public_goods_anonymous", "public_goods_continuous"]

#: Most regions :func:`public_goods_continuous` builds (one symbol and one payoff expression each).
MAX_CONTINUOUS_REGIONS = 1000


def _regions(model: str, n: Any, low: int = 2) -> int:
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < low:
        raise InvalidArgumentError(f"{model}: expected an integer number of regions n >= {low}, got {n!r}")
    return int(n)


def _number(model: str, name: str, value: Any) -> Fraction:
    try:
        if isinstance(value, sympy.Basic):
            value = sympy.Rational(value)
            return Fraction(int(value.p), int(value.q))
        out = Fraction(value) if not isinstance(value, float) else Fraction(value).limit_denominator(10 ** 12)
    except (TypeError, ValueError) as err:
        raise InvalidArgumentError(f"{model}: expected a number for {name}, got {value!r}") from err
    if out <= 0:
        raise InvalidArgumentError(f"{model}: expected a positive {name}, got {value!r}")
    return out


def public_goods_anonymous(n: int = 100, c: Any = 4, r: Any = Fraction(3, 2)) -> SymmetricGame:
    """The binary public-goods game among ``n`` anonymous regions, as a SymmetricGame.

    Each region governs (cost ``c``) or free-rides; with ``K`` regions
    governing, ``u_i = r*c*K/n - c*[i governs]``. For ``1 < r < n``
    free-riding is strictly dominant and everyone governing is optimal
    (THEORY 2.1, claims C1, C2). Payoffs are exact fractions.

    Parameters
    ----------
    n : int, default 100
        Number of regions (2 or more; thousands are fine).
    c : number, default 4
        Cost of governing.
    r : number, default 3/2
        Multiplier of governance spending.

    Returns
    -------
    SymmetricGame
        Actions "Govern", "Free-ride".

    Raises
    ------
    InvalidArgumentError
        A bad ``n`` or a non-positive ``c`` or ``r``.

    References
    ----------
    Olson, M. (1965), *The Logic of Collective Action*; THEORY.md section 2.1.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame import models
    >>> game = models.public_goods_anonymous(n=1000)
    >>> game
    SymmetricGame(1000 players, actions ('Govern', 'Free-ride'), 1000 count vectors, exact payoffs)
    >>> cg.pure_equilibria(game)
    [SymmetricEquilibrium(Free-ride 1000; payoffs Free-ride 0)]
    >>> game.payoff("Govern", (999, 0)), game.payoff("Free-ride", (999, 0))
    (Fraction(2, 1), Fraction(2997, 500))
    """
    model = "public_goods_anonymous"
    n = _regions(model, n)
    c, r = _number(model, "c", c), _number(model, "r", r)

    def payoff(own: int, counts: tuple[int, ...]) -> Fraction:
        governs = own == 0
        return r * c * (counts[0] + governs) / n - (c if governs else 0)

    return SymmetricGame(n, ["Govern", "Free-ride"], payoff, exact=True)


def minimum_participation_anonymous(n: int = 100, clause: int | None = None, b: Any = 1,
                                    c: Any = Fraction(5, 2)) -> SymmetricGame:
    """Barrett's abatement game among ``n`` anonymous regions, with an optional minimum-participation clause.

    Every abating region gives every region ``b`` at its own cost ``c``:
    ``u_i = b*Z - c*a_i``. With ``clause=k`` the treaty binds only when at
    least ``k`` regions sign ("Abate"); otherwise nobody abates and payoffs
    are 0: ``u_i = [Z >= k] (b*Z - c*a_i)``. For ``b < c < n*b`` exactly
    ``k`` signatories form an equilibrium iff ``k >= k* = ceil(c/b)``
    (claim C17): a signatory's leaving dissolves the treaty (it stays iff
    ``k*b >= c``) and an outsider's joining costs it ``c - b > 0``. Profiles
    with at most ``k - 2`` signatories are weak equilibria too (the treaty is
    not in force and no single signature brings it in).

    Parameters
    ----------
    n : int, default 100
        Number of regions (2 or more).
    clause : int, optional
        Minimum number of signatories, 1 to ``n``; none by default.
    b : number, default 1
        Benefit to each region of one region's abatement.
    c : number, default 5/2
        Cost of abating.

    Returns
    -------
    SymmetricGame
        Actions "Abate", "Pollute".

    References
    ----------
    Barrett, S. (2003), *Environment and Statecraft*, ch. 7 and 8;
    THEORY.md sections 2.1 and 2.7, claim C17.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame import models
    >>> game = models.minimum_participation_anonymous(n=50, clause=3)
    >>> [eq.counts for eq in cg.pure_equilibria(game)]
    [(3, 47), (1, 49), (0, 50)]
    >>> cg.pure_equilibria(game)[0]
    SymmetricEquilibrium(Abate 3, Pollute 47; payoffs Abate 1/2, Pollute 3)

    Only ``(3, 47)`` has the treaty in force; below the clause nobody's
    signature changes anything (weak equilibria with payoff 0).
    """
    model = "minimum_participation_anonymous"
    n = _regions(model, n)
    if clause is not None and (isinstance(clause, bool) or not isinstance(clause, (int, np.integer))
                               or not 1 <= clause <= n):
        raise InvalidArgumentError(f"{model}: expected clause as an integer from 1 to n={n} or None, got {clause!r}")
    b, c = _number(model, "b", b), _number(model, "c", c)
    k = 1 if clause is None else int(clause)

    def payoff(own: int, counts: tuple[int, ...]) -> Fraction:
        abates = own == 0
        z = counts[0] + abates
        return b * z - (c if abates else 0) if z >= k else Fraction(0)

    return SymmetricGame(n, ["Abate", "Pollute"], payoff, exact=True)


def public_goods_continuous(n: int = 2, **values: Any) -> ContinuousGame:
    """The continuous public-goods game: each region contributes ``g_i`` in ``[0, e]``.

    ``u_i = e - g_i + (r/n) * sum_j g_j``. For ``r < n`` contributing
    nothing is every region's unique best response to anything the others
    do; for ``r > 1`` full contribution maximises the total (claim C1).

    Parameters
    ----------
    n : int, default 2
        Number of regions (2 or more).
    e : default 10
        Endowment.
    r : default 3/2
        Multiplier of the common pool.
    **values
        Values for ``e`` and ``r``; those given are substituted.

    Returns
    -------
    ContinuousGame
        Players "Region 1", ..., "Region n"; choice variables ``g1``, ...,
        ``gn`` in ``[0, e]``.

    References
    ----------
    Isaac, R. M. and Walker, J. M. (1988), "Group size effects in public
    goods provision", *Quarterly Journal of Economics* 103(1); THEORY.md
    section 2.1.

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.equilibria.continuous import continuous_equilibrium, cooperative_optimum
    >>> game = models.public_goods_continuous(n=3)
    >>> game
    ContinuousGame(3 players, strategies g1 in [0, e], g2 in [0, e], g3 in [0, e], parameters e, r)
    >>> continuous_equilibrium(game).strategies, cooperative_optimum(game).strategies
    ((0.0, 0.0, 0.0), (10.0, 10.0, 10.0))
    """
    model = "public_goods_continuous"
    n = _regions(model, n)
    if n > MAX_CONTINUOUS_REGIONS:
        raise InvalidArgumentError(
            f"{model}: expected at most MAX_CONTINUOUS_REGIONS = {MAX_CONTINUOUS_REGIONS} regions (one symbolic "
            f"contribution each), got {n}; use public_goods_anonymous(n=...) for large populations"
        )
    e, r = symbol("e"), symbol("r")
    gs = [sympy.Symbol(f"g{i + 1}", real=True) for i in range(n)]
    total = sum(gs)
    game = ContinuousGame([e - g + r / n * total for g in gs], gs, [(0, e)] * n,
                          [f"Region {i + 1}" for i in range(n)], defaults={"e": 10, "r": sympy.Rational(3, 2)})
    unknown = [k for k in values if k not in ("e", "r")]
    if unknown:
        raise InvalidArgumentError(f"{model}: expected keyword parameters among ['e', 'r']; options ['n'], "
                                   f"got unknown {unknown}")
    return game.subs(values) if values else game
