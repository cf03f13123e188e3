"""The cooperative solution: the controls that maximise the (weighted) sum of the players' payoffs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_real, describe, public
from coopgame.differential.canonical import GRID_POINTS, pontryagin_solution
from coopgame.differential.feedback import check_game
from coopgame.differential.game import DifferentialGame
from coopgame.differential.linear_quadratic import _objective, feedback_rule, lq_data
from coopgame.differential.multi_stock import MatrixSolution, matrix_data, matrix_feedback
from coopgame.differential.solution import DifferentialSolution, LinearSolution, as_sympy_number
from coopgame.errors import InvalidArgumentError, NotSupportedError

__all__ = ["cooperative_solution", "check_weights"]

_WHERE = "cooperative_solution"


def check_weights(weights: Sequence[Any] | None, n: int, where: str) -> list[Any]:
    """Positive welfare weights, one per player (exact kept exact); None gives ones."""
    if weights is None:
        return [sympy.Integer(1)] * n
    if isinstance(weights, (str, bytes)) or not hasattr(weights, "__len__") or len(weights) != n:
        raise InvalidArgumentError(f"{where}: expected one positive weight per player ({n}), got {describe(weights)}")
    return [as_sympy_number(check_real(w, f"weight {k + 1}", where, minimum=0, open_min=True, exact=True))
            for k, w in enumerate(weights)]


@public
def cooperative_solution(game: DifferentialGame, weights: Sequence[Any] | None = None, *, interval: Any = None,
                         grid: int = GRID_POINTS) -> DifferentialSolution:
    """The joint optimum: all controls chosen to maximise ``sum_i w_i g_i`` discounted at the common rate.

    For a linear-quadratic one-stock game the optimum is a linear rule from
    one Riccati equation, solved in closed form (exact for exact input); the
    stable root is chosen. For other one-stock games the steady states come
    from the Pontryagin conditions, all of them in the state interval (see
    :func:`open_loop_nash`), and paths follow the saddles' stable manifolds
    (the one of highest joint value where several reach the initial stock).

    Parameters
    ----------
    game : DifferentialGame
        Without free parameters and with a common discount rate.
    weights : sequence of positive numbers, optional
        Welfare weights (all ones by default).
    interval, grid
        Non-linear games: where and how finely to search for steady states
        (see :func:`open_loop_nash`).

    Returns
    -------
    DifferentialSolution
        ``.steady_states``, ``.path(x0, t_max)``, ``.values(x0)`` (each
        player's own discounted payoff along the cooperative path).

    Raises
    ------
    NotSupportedError
        Per-player discount rates (the joint optimum is then not time-consistent);
        several stocks in a non-linear game.

    Examples
    --------
    >>> from coopgame.differential import cooperative_solution
    >>> from coopgame.models import stock_pollution
    >>> coop = cooperative_solution(stock_pollution(n=2).numeric())
    >>> coop.steady_states[0].state, coop.steady_states[0].kind
    (60/43, 'saddle')
    """
    game = check_game(game, _WHERE)
    w = check_weights(weights, game.num_players, _WHERE)
    if not game.common_discount:
        raise NotSupportedError(f"{_WHERE}: expected a common discount rate, got {list(game.discount)}; "
                                f"with different rates the joint optimum is not time-consistent")
    if len(game.state) > 1:
        matrices = matrix_data(game)
        if matrices is None:
            raise NotSupportedError(f"{_WHERE}: expected a linear-quadratic game when there are several stocks, got {game!r}")
        weights_f = [float(v) for v in w]
        Hm = [np.sum([wi * h for wi, h in zip(weights_f, matrices.H)], axis=0)]
        gm = [np.sum([wi * v for wi, v in zip(weights_f, matrices.g)], axis=0)]
        km = [float(sum(wi * v for wi, v in zip(weights_f, matrices.k)))]
        matrix_rule, _ = matrix_feedback(matrices, Hm, gm, km, [matrices.rates[0]], [0] * len(game.all_controls), _WHERE)
        return MatrixSolution.build("cooperative", game, matrices, matrix_rule, "saddle", _WHERE)
    data = lq_data(game)
    if data is None:
        return pontryagin_solution(game, "cooperative", weights=w, interval=interval, grid=grid)
    H, g, k = _objective(data, w)
    rule = feedback_rule(data, [H], [g], [k], [data.rates[0]], [0] * len(data.controls), _WHERE)
    kind = "saddle" if float(rule.A_cl) < 0 else "unstable"
    return LinearSolution.build("cooperative", game, rule, kind, rule.reason, _WHERE)
