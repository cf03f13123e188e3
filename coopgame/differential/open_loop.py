"""Open-loop Nash equilibrium of a differential game: each player commits to a time path (Pontryagin)."""

from __future__ import annotations

from typing import Any

from coopgame._checks import public
from coopgame.differential.canonical import GRID_POINTS, pontryagin_solution
from coopgame.differential.feedback import check_game, owners
from coopgame.differential.game import DifferentialGame
from coopgame.differential.linear_quadratic import _NoSaddle, lq_data, open_loop_rule
from coopgame.differential.multi_stock import MatrixSolution, matrix_data, matrix_open_loop
from coopgame.differential.solution import DifferentialSolution, LinearSolution
from coopgame.errors import NotSupportedError

__all__ = ["open_loop_nash"]

_WHERE = "open_loop_nash"


@public
def open_loop_nash(game: DifferentialGame, *, interval: Any = None, grid: int = GRID_POINTS) -> DifferentialSolution:
    """The open-loop Nash equilibrium: each player's Pontryagin conditions, given the others' paths.

    Player ``i``'s Hamiltonian ``g_i + lambda_i f`` is maximised in its
    controls; the costates follow ``dlambda_i/dt = r_i lambda_i - dH_i/dx``.
    In a linear-quadratic one-stock game the state-costate system is linear:
    its steady state is exact for exact input and the path from any stock
    follows the eigenvector of its one stable eigenvalue (a saddle). In other
    one-stock games (the shallow lake) every steady state in the state
    interval is found by isolating the real roots of one equation in the
    stock (exactly when it is rational, on a fine grid with bisection
    otherwise), each classified by the eigenvalues of the state-costate
    system; paths follow the saddles' stable manifolds.

    Parameters
    ----------
    game : DifferentialGame
        Without free parameters.
    interval : (lo, hi), optional
        Non-linear games: the stock interval searched for steady states. Not
        needed when the steady-state equation is rational (all real roots are
        isolated exactly); required otherwise. Ignored for linear-quadratic games.
    grid : int, default :data:`~coopgame.differential.canonical.GRID_POINTS`
        Grid points of the search when the equation is not rational.

    Returns
    -------
    DifferentialSolution

    Raises
    ------
    NotSupportedError
        Several stocks in a non-linear game, or a linear system without a
        unique saddle path.

    Examples
    --------
    >>> from coopgame.differential import open_loop_nash
    >>> from coopgame.models import stock_pollution
    >>> ol = open_loop_nash(stock_pollution(n=2).numeric())
    >>> ol.steady_states[0].state, ol.steady_states[0].kind
    (60/23, 'saddle')
    """
    game = check_game(game, _WHERE)
    if len(game.state) > 1:
        matrices = matrix_data(game)
        if matrices is None:
            raise NotSupportedError(f"{_WHERE}: expected a linear-quadratic game when there are several stocks, got {game!r}")
        return MatrixSolution.build("open-loop Nash", game, matrices, matrix_open_loop(matrices, owners(game), _WHERE),
                                    "saddle", _WHERE)
    data = lq_data(game)
    if data is None:
        return pontryagin_solution(game, "open-loop Nash", interval=interval, grid=grid)
    try:
        rule = open_loop_rule(data, owners(game), _WHERE)
    except _NoSaddle as err:
        raise NotSupportedError(f"{_WHERE}: expected a saddle (one stable eigenvalue), got {err.stable} stable "
                                f"eigenvalues among {err.eigenvalues}: the open-loop path is not unique") from None
    return LinearSolution.build("open-loop Nash", game, rule, "saddle", rule.reason, _WHERE)
