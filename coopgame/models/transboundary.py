"""Transboundary emissions with a transport matrix: Maler's acid-rain game (Maler 1989)."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_choice, check_int, check_size, public
from coopgame.errors import InvalidArgumentError
from coopgame.games.continuous import ContinuousGame
from coopgame.games.symbolic import as_expression
from coopgame.models._common import check_parameters, symbol

__all__ = ["transboundary_emissions", "MAX_REGIONS"]

_NAME = "transboundary_emissions"

#: Default largest number of regions :func:`transboundary_emissions` builds (its transport matrix has
#: ``n**2`` symbolic entries, and the solvers work on all of them; keyword ``max_regions``).
MAX_REGIONS = 50


@public
def transboundary_emissions(n: int = 2, transport: Any = None, damage: str = "linear", *,
                            max_regions: int = MAX_REGIONS, **values: Any) -> ContinuousGame:
    """Regions choose emissions that are carried to one another's territory (Maler's acid-rain game).

    Region ``i`` emits ``e_i >= 0`` and gains ``b*e_i - (c/2)*e_i**2``. A
    transport matrix ``A`` carries a share ``a_ij`` of region ``j``'s emissions
    onto region ``i``, whose deposition ``D_i = sum_j a_ij e_j`` costs it
    ``d*D_i`` (``damage="linear"``) or ``(d/2)*D_i**2`` (``"quadratic"``):

    ``W_i = b*e_i - (c/2)*e_i**2 - d*sum_j a_ij e_j``.

    By default a share ``alpha`` of each region's emissions lands at home and
    the rest is spread equally over the other ``n - 1`` regions
    (``a_ii = alpha``, ``a_ij = (1 - alpha)/(n - 1)``). Each region weighs only
    its own deposition, so Nash emissions ``(b - d*alpha)/c`` (linear damage)
    exceed the cooperative ``(b - d)/c``, and the gap ``d*(1 - alpha)/c``
    grows as the off-diagonal share rises.

    Parameters
    ----------
    n : int, default 2
        Number of regions, 2 to ``max_regions``.
    transport : n x n array-like, optional
        A user transport matrix (numbers, expressions or names); replaces
        ``alpha``.
    damage : {"linear", "quadratic"}, default "linear"
        Damage as a function of deposition.
    max_regions : int, default :data:`MAX_REGIONS` (50)
        Size budget: the transport matrix has ``n**2`` symbolic entries.
    b : default 10
        Marginal benefit of the first unit of emissions.
    c : default 1
        Slope of the marginal benefit.
    d : default 1
        Marginal damage of deposition (``"quadratic"``: its slope).
    alpha : default 1/2
        Share of a region's emissions deposited at home.
    **values
        Values for these parameters; those given are substituted.

    Returns
    -------
    ContinuousGame
        Players "Region 1", ..., "Region n"; choice variables ``e1``, ...,
        ``en`` in ``[0, oo)``.

    Raises
    ------
    InvalidArgumentError
        Bad ``n``, ``transport`` or ``damage``, or an unknown keyword.

    References
    ----------
    Maler, K.-G. (1989), "The acid rain game", in H. Folmer and E. van Ierland
    (eds.), *Valuation Methods and Policy Making in Environmental Economics*,
    Elsevier; claim S5 of docs/explanation/claims.md.

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.equilibria.continuous import continuous_equilibrium, cooperative_optimum
    >>> game = models.transboundary_emissions()
    >>> game
    ContinuousGame(2 players, strategies e1 in [0, oo), e2 in [0, oo), parameters alpha, b, c, d)
    >>> continuous_equilibrium(game, method="symbolic").strategies
    ((-alpha*d + b)/c, (-alpha*d + b)/c)
    >>> numeric = models.transboundary_emissions(b=10, c=1, d=2, alpha=0.25)
    >>> continuous_equilibrium(numeric).strategies, cooperative_optimum(numeric).strategies
    ((9.5, 9.5), (8.0, 8.0))
    """
    n = check_int(n, "the number of regions n", _NAME, minimum=2)
    check_size(_NAME, n, check_int(max_regions, "max_regions", _NAME, minimum=2),
               what="the number of regions n (n**2 symbolic transport entries)", limit_name="max_regions",
               alternative="a model with fewer, aggregated regions")
    damage = check_choice(damage, "damage", _NAME, ("linear", "quadratic"))
    b, c, d = symbol("b"), symbol("c"), symbol("d")
    defaults: dict[str, Any] = {"b": 10, "c": 1, "d": 1, "alpha": sympy.Rational(1, 2)}
    if transport is None:
        alpha = symbol("alpha")
        A = [[alpha if i == j else (1 - alpha) / (n - 1) for j in range(n)] for i in range(n)]
    else:
        try:
            arr = np.asarray(transport, dtype=object)
        except ValueError:  # ragged nesting
            arr = np.empty(0, dtype=object)
        if arr.shape != (n, n):
            raise InvalidArgumentError(f"{_NAME}: expected an {n} x {n} transport matrix, got shape {arr.shape}")
        A = [[as_expression(arr[i, j], None, _NAME) for j in range(n)] for i in range(n)]
        del defaults["alpha"]
        for row in A:
            for e in row:
                defaults.update({s.name: sympy.Rational(1, n) for s in e.free_symbols})
    es = [sympy.Symbol(f"e{i + 1}", real=True) for i in range(n)]
    payoffs = []
    for i in range(n):
        dep = sum(A[i][j] * es[j] for j in range(n))
        harm = d * dep if damage == "linear" else d / 2 * dep ** 2
        payoffs.append(b * es[i] - c / 2 * es[i] ** 2 - harm)
    names = {s.name for p in payoffs for s in p.free_symbols} - {e.name for e in es}
    game = ContinuousGame(payoffs, es, [(0, None)] * n, [f"Region {i + 1}" for i in range(n)],
                          defaults={k: v for k, v in defaults.items() if k in names})
    values = check_parameters(_NAME, values, sorted(names), ("n", "transport", "damage", "max_regions"))
    return game.subs(values) if values else game
