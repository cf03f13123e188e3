"""Free-riding among many regions: anonymous and continuous public goods (claims S1, S2, C1, C2).

The binary games of :mod:`coopgame.models.binary_public_goods` list all ``2**n``
profiles. Here a region's payoff depends only on its own action and on how
many others govern, so :class:`~coopgame.SymmetricGame` holds them for
many regions (up to :data:`MAX_ANONYMOUS_REGIONS` by default, built in
linear time); :func:`public_goods_continuous` lets each region choose how
much to contribute.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from coopgame._checks import check_int, check_real, check_size, public
from coopgame.games.continuous import ContinuousGame
from coopgame.games.symmetric import SymmetricGame
from coopgame.models._common import check_parameters, symbol

__all__ = ["minimum_participation_anonymous", "public_goods_anonymous", "public_goods_continuous",
           "MAX_ANONYMOUS_REGIONS", "MAX_CONTINUOUS_REGIONS"]

#: Default largest number of regions of the anonymous games (two exact payoffs per number of others
#: governing are stored, so the work grows linearly; keyword ``max_regions``).
MAX_ANONYMOUS_REGIONS = 100_000

#: Default largest number of regions :func:`public_goods_continuous` builds (one symbol and one payoff
#: expression each, and solvers that work on all of them; keyword ``max_regions``).
MAX_CONTINUOUS_REGIONS = 100

#: Floats given as parameters of the exact anonymous games are read as the nearest fraction with a
#: denominator at most this (a float's binary expansion is not what the user typed).
_FLOAT_DENOMINATOR = 10**12


def _regions(model: str, n: Any, max_regions: Any, alternative: str) -> int:
    n = check_int(n, "the number of regions n", model, minimum=2)
    check_size(model, n, check_int(max_regions, "max_regions", model, minimum=2), what="the number of regions n",
               limit_name="max_regions", alternative=alternative)
    return n


def _number(model: str, name: str, value: Any) -> Fraction:
    """A positive finite number as a Fraction (floats by their nearest simple fraction)."""
    if isinstance(value, sympy.Basic) and not value.is_Rational:
        value = float(check_real(value, name, model, minimum=0, open_min=True))
    out = check_real(value, name, model, minimum=0, open_min=True, exact=True)
    if isinstance(out, float):
        return Fraction(out).limit_denominator(_FLOAT_DENOMINATOR)
    return Fraction(out)


def _affine_game(n: int, labels: list[str], slope: Fraction, cost: Fraction, threshold: int = 0) -> SymmetricGame:
    """The anonymous binary game ``u = slope * z - cost * [own action is the first]`` (0 when ``z < threshold``).

    ``z`` is the number of players, the player included, on the first action.
    The table is built from integers (one Fraction per entry, no Fraction
    arithmetic), so a hundred thousand regions take about a second.
    """
    sn, sd = slope.numerator, slope.denominator
    cn, cd = cost.numerator, cost.denominator
    zero = Fraction(0)
    rows = []
    for own in (0, 1):
        row = []
        for k in range(n):  # count vector k: n - 1 - k others on the first action
            z = n - 1 - k + (own == 0)
            if z < threshold:
                row.append(zero)
            elif own == 0:
                row.append(Fraction(sn * z * cd - cn * sd, sd * cd))
            else:
                row.append(Fraction(sn * z, sd))
        rows.append(row)
    return SymmetricGame.from_table(n, labels, rows, exact=True)


@public
def public_goods_anonymous(n: int = 100, c: Any = 4, r: Any = Fraction(3, 2), *,
                           max_regions: int = MAX_ANONYMOUS_REGIONS) -> SymmetricGame:
    """The binary public-goods game among ``n`` anonymous regions, as a SymmetricGame.

    Each region governs (cost ``c``) or free-rides; with ``K`` regions
    governing, ``u_i = r*c*K/n - c*[i governs]``. For ``1 < r < n``
    free-riding is strictly dominant and everyone governing is optimal
    (claims C1, C2 of the claims page, docs/explanation/claims.md). Payoffs are exact fractions.

    Parameters
    ----------
    n : int, default 100
        Number of regions, 2 to ``max_regions``.
    c : number, default 4
        Cost of governing.
    r : number, default 3/2
        Multiplier of governance spending.
    max_regions : int, default :data:`MAX_ANONYMOUS_REGIONS` (100,000)
        Size budget: the game stores two exact payoffs per number of
        others governing, so its size and construction time grow with ``n``;
        larger ``n`` is refused unless this is raised.

    Returns
    -------
    SymmetricGame
        Actions "Govern", "Free-ride".

    Raises
    ------
    InvalidArgumentError
        A bad ``n``, or ``c`` or ``r`` not a positive finite number.
    SolverLimitError
        ``n`` above ``max_regions``.

    References
    ----------
    Olson, M. (1965), *The Logic of Collective Action*; claim C1 of docs/explanation/claims.md.

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
    n = _regions(model, n, max_regions, "the closed forms of the claims page (docs/explanation/claims.md, C1, C2)")
    c, r = _number(model, "c", c), _number(model, "r", r)
    return _affine_game(n, ["Govern", "Free-ride"], r * c / n, c)


@public
def minimum_participation_anonymous(n: int = 100, clause: int | None = None, b: Any = 1,
                                    c: Any = Fraction(5, 2), *,
                                    max_regions: int = MAX_ANONYMOUS_REGIONS) -> SymmetricGame:
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
        Number of regions, 2 to ``max_regions``.
    clause : int, optional
        Minimum number of signatories, 1 to ``n``; none by default.
    b : number, default 1
        Benefit to each region of one region's abatement.
    c : number, default 5/2
        Cost of abating.
    max_regions : int, default :data:`MAX_ANONYMOUS_REGIONS` (100,000)
        Size budget, as for :func:`public_goods_anonymous`.

    Returns
    -------
    SymmetricGame
        Actions "Abate", "Pollute".

    References
    ----------
    Barrett, S. (2003), *Environment and Statecraft*, ch. 7 and 8;
    claim C17 of the claims page (docs/explanation/claims.md).

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
    n = _regions(model, n, max_regions, "the closed form k* = ceil(c/b) of claim C17 (docs/explanation/claims.md)")
    k = 1 if clause is None else check_int(clause, "clause", model, minimum=1, maximum=n)
    b, c = _number(model, "b", b), _number(model, "c", c)
    return _affine_game(n, ["Abate", "Pollute"], b, c, threshold=k)


@public
def public_goods_continuous(n: int = 2, *, max_regions: int = MAX_CONTINUOUS_REGIONS, **values: Any) -> ContinuousGame:
    """The continuous public-goods game: each region contributes ``g_i`` in ``[0, e]``.

    ``u_i = e - g_i + (r/n) * sum_j g_j``. For ``r < n`` contributing
    nothing is every region's unique best response to anything the others
    do; for ``r > 1`` full contribution maximises the total (claim C1).

    Parameters
    ----------
    n : int, default 2
        Number of regions, 2 to ``max_regions``.
    max_regions : int, default :data:`MAX_CONTINUOUS_REGIONS` (100)
        Size budget: one symbol and one payoff expression per region, and the
        solvers work on all of them at once; :func:`public_goods_anonymous`
        holds many regions with a binary choice.
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
    goods provision", *Quarterly Journal of Economics* 103(1); claim C1 of the claims page
    (docs/explanation/claims.md).

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
    n = _regions(model, n, max_regions, "public_goods_anonymous(n=...) for large populations")
    values = check_parameters(model, values, ["e", "r"], ("n", "max_regions"))
    e, r = symbol("e"), symbol("r")
    gs = [sympy.Symbol(f"g{i + 1}", real=True) for i in range(n)]
    total = sum(gs)
    game = ContinuousGame([e - g + r / n * total for g in gs], gs, [(0, e)] * n,
                          [f"Region {i + 1}" for i in range(n)], defaults={"e": 10, "r": sympy.Rational(3, 2)})
    return game.subs(values) if values else game
