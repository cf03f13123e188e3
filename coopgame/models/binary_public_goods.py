"""Free-riding among N regions: binary public goods, threshold public goods, minimum participation.

Claims S1, S2, C1 and C17 of docs/explanation/claims.md. The games list all ``2**n`` profiles, so they are
built for ``2 <= n <= 8`` regions by default (keyword ``max_players``); the
anonymous :class:`~coopgame.SymmetricGame` versions of
:mod:`coopgame.models.anonymous` hold many regions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_bool, check_int, public
from coopgame.errors import InvalidArgumentError
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame, as_expression
from coopgame.models._common import MAX_PLAYERS, check_players, finish, profile_game, symbol

__all__ = ["public_goods", "threshold_public_goods", "minimum_participation"]


def _regions(n: int) -> list[str]:
    return [f"Region {i + 1}" for i in range(n)]


def _per_region(model: str, what: str, given: Any, n: int) -> list[sympy.Expr]:
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence) or len(given) != n:
        raise InvalidArgumentError(f"{model}: expected {what} as a sequence of {n} numbers or names (one per region), "
                                   f"got {given!r}")
    return [as_expression(v, None, model) for v in given]


@public
def public_goods(n: int = 2, costs: Sequence[Any] | None = None, shares: Sequence[Any] | None = None, *,
                 max_players: int = MAX_PLAYERS, **values: Any) -> SymbolicGame | NormalFormGame:
    """Binary public-goods game: each region governs its pollution at a cost or free-rides.

    Region ``i`` governs (cost ``c_i``) or free-rides. Every governing region
    creates clean air or water worth ``r`` times its cost, which all regions
    share (equally by default): with ``K`` regions governing at a common
    cost, ``u_i = r*c*K/n - c*[i governs]``. For ``r < n`` free-riding is
    strictly dominant, for ``r > 1`` everyone governing maximises the total:
    with ``1 < r < n`` regions "hitchhike" on one another's governance (S1)
    and the dilemma sharpens with the number of jurisdictions (S2).

    Parameters
    ----------
    n : int, default 2
        Number of regions (2 to ``max_players``; the game lists all ``2**n``
        profiles).
    costs : sequence of n numbers or names, optional
        Region-specific governance costs (heterogeneous regions), e.g.
        ``costs=("c_1", "c_2", "c_3")`` or ``costs=(2, 4, 6)``; by default
        every region has the cost ``c``.
    shares : sequence of n numbers or names, optional
        Each region's share of the total benefit; by default ``1/n`` each.
    c : default 4
        Common cost of governing (when ``costs`` is not given).
    r : default 3/2
        Multiplier: the benefit created per unit of governance spending.
    max_players : int, default 8
        Size budget: more regions are refused (``n * 2**n`` symbolic
        payoffs); :func:`~coopgame.models.public_goods_anonymous` holds
        thousands of regions.
    **values
        Values for the parameters (names given in ``costs`` or ``shares``
        included); those given are substituted. Numbers must be finite.

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", ..., "Region n"; actions "Govern", "Free-ride".

    References
    ----------
    Olson, M. (1965), *The Logic of Collective Action*; Hardin, G. (1968),
    "The tragedy of the commons"; Wang Shunyu and Niu Junjun (free-riding
    among local governments; the source papers of docs/explanation/claims.md);
    claim C1 of the same page.

    Examples
    --------
    >>> from coopgame import models
    >>> game = models.public_goods()
    >>> game.parameters, game.defaults
    ((c, r), {c: 4, r: 3/2})
    >>> models.public_goods(c=4, r=1.5)
    NormalFormGame (Region 1: rows, Region 2: columns)
                 Govern  Free-ride
    Govern         2, 2      -1, 3
    Free-ride     3, -1       0, 0
    >>> models.public_goods(n=3, costs=(1, 2, 3), r=2).payoffs[2][0, 0, 0]
    Fraction(1, 1)
    """
    n = check_players("public_goods", n, max_players=max_players)
    r = symbol("r")
    defaults: dict[str, Any] = {"c": 4, "r": sympy.Rational(3, 2)}
    if costs is None:
        cost = [symbol("c")] * n
    else:
        cost = _per_region("public_goods", "costs", costs, n)
        defaults.update({s.name: 4 for e in cost for s in e.free_symbols})
    share = [sympy.Integer(1) / n] * n if shares is None else _per_region("public_goods", "shares", shares, n)
    if shares is not None:
        defaults.update({s.name: sympy.Integer(1) / n for e in share for s in e.free_symbols})

    def u(i: int, a: tuple[int, ...]) -> Any:
        return r * sum(cost[j] * a[j] for j in range(n)) * share[i] - cost[i] * a[i]

    game = profile_game(n, u, _regions(n), [["Govern", "Free-ride"]] * n, defaults)
    return finish("public_goods", game, values, ("n", "costs", "shares", "max_players"))


@public
def threshold_public_goods(n: int = 3, m: int | None = None, risk: bool = False, *, max_players: int = MAX_PLAYERS,
                           **values: Any) -> SymbolicGame | NormalFormGame:
    """Threshold (step-level) public goods: the common good needs at least ``m`` governing regions.

    Each region governs at cost ``c`` or free-rides. If at least ``m``
    regions govern, the common good (a cleaned-up river basin, an air-quality
    target) is produced and every region gets ``b``; otherwise nothing:
    ``u_i = b*[K >= m] - c*[i governs]``. With ``risk=True`` it is the
    collective-risk version: if fewer than ``m`` govern, a disaster costing
    ``L`` strikes with probability ``p``, ``u_i = -p*L*[K < m] - c*[i governs]``.
    For ``b > c`` (or ``p*L > c``) both "nobody governs" and "exactly ``m``
    govern" are equilibria: cooperation is a coordination problem, not a
    dilemma.

    Parameters
    ----------
    n : int, default 3
        Number of regions (2 to ``max_players``, default 8).
    m : int, optional
        Threshold number of governing regions, ``1 <= m <= n``; default
        ``ceil(n/2)`` (so 2 of 3).
    risk : bool, default False
        The collective-risk variant (parameters ``p`` and ``L`` instead of ``b``).
    b : default 3
        Benefit to every region when the good is produced.
    c : default 1
        Cost of governing.
    p : default 1/2
        Probability of the disaster below the threshold (``risk=True``).
    L : default 4
        Loss of every region in the disaster (``risk=True``).

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", ..., "Region n"; actions "Govern", "Free-ride".

    References
    ----------
    Palfrey, T. and Rosenthal, H. (1984), "Participation and the provision of
    discrete public goods", *Journal of Public Economics* 24; Milinski, M. et
    al. (2008), "The collective-risk social dilemma and the prevention of
    simulated dangerous climate change", *PNAS* 105(7); claim S1 of docs/explanation/claims.md.

    Examples
    --------
    >>> from coopgame import models
    >>> game = models.threshold_public_goods(n=3, m=2)
    >>> game.parameters
    (b, c)
    >>> g = game.numeric()
    >>> [g.payoffs[0][idx] for idx in [(0, 0, 1), (0, 1, 1), (1, 0, 0)]]
    [Fraction(2, 1), Fraction(-1, 1), Fraction(3, 1)]
    """
    one = isinstance(m, (int, np.integer)) and not isinstance(m, (bool, np.bool_)) and m == 1
    n = check_players("threshold_public_goods", n, low=1 if one else 2, max_players=max_players)
    risk = check_bool(risk, "risk", "threshold_public_goods")
    m = -(-n // 2) if m is None else check_int(m, "the threshold m", "threshold_public_goods", minimum=1, maximum=n)
    c = symbol("c")
    if risk:
        loss = symbol("p") * symbol("L")

        def u(i: int, a: tuple[int, ...]) -> Any:
            return -loss * int(sum(a) < m) - c * a[i]
    else:
        b = symbol("b")

        def u(i: int, a: tuple[int, ...]) -> Any:
            return b * int(sum(a) >= m) - c * a[i]

    defaults = {"b": 3, "c": 1, "p": sympy.Rational(1, 2), "L": 4}
    game = profile_game(n, u, _regions(n), [["Govern", "Free-ride"]] * n, defaults)
    return finish("threshold_public_goods", game, values, ("n", "m", "risk", "max_players"))


@public
def minimum_participation(n: int = 4, clause: int | None = None, *, max_players: int = MAX_PLAYERS,
                          **values: Any) -> SymbolicGame | NormalFormGame:
    """Barrett's binary abatement game, with an optional minimum-participation clause.

    Each of ``n`` regions abates (cost ``c``) or pollutes; every unit of
    abatement benefits every region by ``b``: ``u_i = b*Z - c*a_i`` with
    ``Z`` the number of abating regions. With ``b < c < n*b`` polluting is
    dominant although all abating is better for everyone.

    An agreement of ``k`` signatories who abate jointly is *stable* (Barrett;
    Carraro and Siniscalco) when no signatory gains by leaving and no
    outsider by joining. Signatories abate only if ``k*b >= c``, so the stable
    agreement has ``k* = ceil(c/b)`` members: the smallest coalition in which
    every member's abatement is pivotal (``k* b >= c > (k* - 1) b``).

    With ``clause=k`` the game models a treaty that enters into force only
    if at least ``k`` regions sign: a region choosing "Abate" signs, and
    signatories abate only when at least ``k`` have signed,
    ``u_i = [K >= k] (b*K - c*a_i)``. With ``clause=k*`` the profiles in
    which exactly ``k*`` regions sign are equilibria.

    Parameters
    ----------
    n : int, default 4
        Number of regions (2 to ``max_players``, default 8;
        :func:`~coopgame.models.minimum_participation_anonymous` holds more).
    clause : int, optional
        Minimum number of signatories for the treaty to bind (1 to n); by
        default none (every abating region abates).
    b : default 1
        Benefit to each region of one region's abatement.
    c : default 5/2
        Cost of abating (so ``k* = ceil(c/b) = 3`` with the defaults).

    Returns
    -------
    SymbolicGame or NormalFormGame
        Players "Region 1", ..., "Region n"; actions "Abate", "Pollute".

    References
    ----------
    Barrett, S. (1994), "Self-enforcing international environmental
    agreements", *Oxford Economic Papers* 46; Barrett, S. (2003),
    *Environment and Statecraft*, ch. 7 and 8 (minimum participation);
    Carraro, C. and Siniscalco, D. (1993), "Strategies for the international
    protection of the environment", *Journal of Public Economics* 52;
    claim C17 of docs/explanation/claims.md.

    Examples
    --------
    >>> from coopgame import models
    >>> game = models.minimum_participation(n=4, clause=3)
    >>> game.parameters
    (b, c)
    >>> g = game.numeric()
    >>> g.payoffs[0][0, 0, 0, 1], g.payoffs[3][0, 0, 0, 1]
    (Fraction(1, 2), Fraction(3, 1))
    """
    n = check_players("minimum_participation", n, max_players=max_players)
    k = 1 if clause is None else check_int(clause, "clause", "minimum_participation", minimum=1, maximum=n)
    b, c = symbol("b"), symbol("c")

    def u(i: int, a: tuple[int, ...]) -> Any:
        K = sum(a)
        return (b * K - c * a[i]) if K >= k else 0

    defaults = {"b": 1, "c": sympy.Rational(5, 2)}
    game = profile_game(n, u, _regions(n), [["Abate", "Pollute"]] * n, defaults)
    return finish("minimum_participation", game, values, ("n", "clause", "max_players"))
