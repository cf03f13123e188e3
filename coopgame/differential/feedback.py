"""Feedback (Markov-perfect) Nash equilibrium of a differential game."""

from __future__ import annotations

from coopgame._checks import public
from coopgame.differential.game import DifferentialGame
from coopgame.differential.linear_quadratic import feedback_rule, lq_data
from coopgame.differential.multi_stock import MatrixSolution, matrix_data, matrix_feedback
from coopgame.differential.solution import DifferentialSolution, LinearSolution
from coopgame.errors import InvalidGameTypeError, NotSupportedError

__all__ = ["feedback_nash"]

_WHERE = "feedback_nash"


def check_game(game: object, where: str) -> DifferentialGame:
    """A DifferentialGame without free parameters."""
    if not isinstance(game, DifferentialGame):
        raise InvalidGameTypeError(f"{where}: expected a DifferentialGame, got {type(game).__name__}")
    game.require_numeric(where)
    return game


def owners(game: DifferentialGame) -> list[int]:
    """The player who owns each control, in the order of ``game.all_controls``."""
    return [i for i, group in enumerate(game.controls) for _ in group]


@public
def feedback_nash(game: DifferentialGame) -> DifferentialSolution:
    """The feedback (Markov-perfect) Nash equilibrium: strategies that depend on the current stock.

    Several stocks: the same equations in matrix form, solved in floats
    (a :class:`~coopgame.differential.multi_stock.MatrixSolution`; ``x0`` is
    then one value per stock).

    For a linear-quadratic one-stock game the equilibrium in linear
    strategies ``u = a + b x`` solves the coupled Riccati equations of the
    players' Hamilton-Jacobi-Bellman equations (Basar and Olsder 1999;
    Dockner and Long 1993). They are solved in closed form (exact for exact
    input) when there is one player, when the players are interchangeable,
    or in a linear-state game (payoffs linear in the stock, as with the
    linear damages of Petrosyan and Zaccour 2003: values linear in the
    stock, strategies constant), and in floats otherwise; of the roots, the one whose closed loop grows at a
    rate below ``r/2`` (so that discounted values converge) is chosen, and
    ``.method`` says how. The steady state's kind is that of the stock under
    the strategies (``"stable"`` or ``"unstable"``).

    Parameters
    ----------
    game : DifferentialGame
        Without free parameters (``game.subs(...)`` or ``game.numeric()``).

    Returns
    -------
    LinearSolution
        ``.strategies`` (each control as a function of the stock),
        ``.value_functions``, ``.steady_states``, ``.path(x0, t_max)``,
        ``.values(x0)``.

    Raises
    ------
    UnresolvedParameterError
        Free parameters.
    InvalidGameError
        A stock that no linear rule keeps from growing faster than ``r/2``.
    NotSupportedError
        A game that is not linear-quadratic (with one stock, use
        :func:`open_loop_nash` or :func:`cooperative_solution` for one-stock
        non-linear games such as the shallow lake).

    Examples
    --------
    Symmetric regions (``N = 2``, ``alpha = 1``, ``beta = 1/20``,
    ``delta = 1/10``, ``r = 1/20``): the strategies emit less as the stock
    grows.

    >>> from coopgame.differential import feedback_nash
    >>> from coopgame.models import stock_pollution
    >>> eq = feedback_nash(stock_pollution(n=2).numeric())
    >>> eq.is_exact, eq.steady_states[0].kind
    (True, 'stable')
    >>> eq.strategies[0]
    S*(1/24 - sqrt(265)/120) + sqrt(265)/66 + 7/22
    """
    game = check_game(game, _WHERE)
    if len(game.state) > 1:
        matrices = matrix_data(game)
        if matrices is None:
            raise NotSupportedError(f"{_WHERE}: expected a linear-quadratic game (linear dynamics, quadratic payoffs) "
                                    f"when there are several stocks, got {game!r}")
        matrix_rule, _ = matrix_feedback(matrices, list(matrices.H), list(matrices.g), list(matrices.k),
                                         list(matrices.rates), owners(game), _WHERE)
        return MatrixSolution.build("feedback Nash", game, matrices, matrix_rule, "stable", _WHERE)
    data = lq_data(game)
    if data is None:
        raise NotSupportedError(
            f"{_WHERE}: expected a linear-quadratic game with one stock (linear dynamics, quadratic payoffs), "
            f"got {game!r}; for one-stock non-linear games use open_loop_nash or cooperative_solution")
    rule = feedback_rule(data, data.H, data.g, data.k, data.rates, owners(game), _WHERE)
    kind = "stable" if float(rule.A_cl) < 0 else "unstable"
    return LinearSolution.build("feedback Nash", game, rule, kind, rule.reason, _WHERE)
