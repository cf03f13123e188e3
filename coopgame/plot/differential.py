"""Plots of differential games: stock paths under each solution, payment schedules, steady states by kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_int, check_real, describe, public
from coopgame.errors import InvalidArgumentTypeError
from coopgame.plot._axes import get_axes

__all__ = ["stock_paths_plot", "payment_schedule_plot", "steady_states_plot"]

_MARKERS = {"saddle": "o", "stable": "o", "unstable": "x"}


def _solutions(solutions: Any, where: str) -> list[Any]:
    from coopgame.differential.solution import DifferentialSolution

    items = [solutions] if isinstance(solutions, DifferentialSolution) else list(solutions) \
        if isinstance(solutions, Sequence) and not isinstance(solutions, (str, bytes)) else None
    if not items or not all(isinstance(s, DifferentialSolution) for s in items):
        raise InvalidArgumentTypeError(f"{where}: expected a solution or a sequence of solutions "
                                       f"(cooperative_solution, open_loop_nash, feedback_nash), got {describe(solutions)}")
    return items


@public
def stock_paths_plot(solutions: Any, x0: Any, t_max: Any, *, num: int = 201, ax: Any = None) -> Any:
    """The stock over time from ``x0`` under each solution (one line each, labelled by its concept).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from coopgame.differential import cooperative_solution, feedback_nash
    >>> from coopgame.models import stock_pollution
    >>> from coopgame.plot.differential import stock_paths_plot
    >>> game = stock_pollution(n=2).numeric()
    >>> ax = stock_paths_plot([cooperative_solution(game), feedback_nash(game)], 0, 40)
    >>> [line.get_label() for line in ax.get_lines()]
    ['cooperative', 'feedback Nash']
    """
    where = "stock_paths_plot"
    items = _solutions(solutions, where)
    check_real(x0, "x0", where)
    num = check_int(num, "num", where, minimum=2, maximum=10 ** 6)
    ax = get_axes(ax, where=where)
    for sol in items:
        path = sol.path(x0, t_max, num=num)
        ax.plot(path.t, path.state, label=sol.concept)
    ax.set_xlabel("time")
    ax.set_ylabel(f"stock {items[0].game.state[0]}")
    ax.legend()
    return ax


@public
def payment_schedule_plot(schedule: Any, *, ax: Any = None) -> Any:
    """Each player's payment flow over time (one line per player) from :func:`time_consistent_payments`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from coopgame.differential import time_consistent_payments
    >>> from coopgame.models import stock_pollution
    >>> from coopgame.plot.differential import payment_schedule_plot
    >>> plan = time_consistent_payments(stock_pollution(n=2, unequal=True).numeric(), 0, num=11)
    >>> [line.get_label() for line in payment_schedule_plot(plan).get_lines()][:2]
    ['player 1', 'player 2']
    """
    from coopgame.differential.payments import PaymentSchedule

    where = "payment_schedule_plot"
    if not isinstance(schedule, PaymentSchedule):
        raise InvalidArgumentTypeError(f"{where}: expected a PaymentSchedule, got {describe(schedule)}")
    ax = get_axes(ax, where=where)
    for i in range(schedule.payments.shape[1]):
        ax.plot(schedule.t, schedule.payments[:, i], label=f"player {i + 1}")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_xlabel("time")
    ax.set_ylabel("payment flow")
    ax.legend()
    return ax


@public
def steady_states_plot(solutions: Any, *, stock_range: Any = None, ax: Any = None) -> Any:
    """Steady states of each solution as (stock, total control) points, by kind, over the stock's constancy curve.

    When the dynamics are ``sum of controls + h(stock)`` (the shallow lake,
    stock pollution), the curve ``-h(x)`` shows the total control that keeps
    each stock constant; steady states lie on it. Saddles and stable states
    are drawn as dots, unstable ones as crosses.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from coopgame.differential import open_loop_nash
    >>> from coopgame.models import shallow_lake
    >>> from coopgame.plot.differential import steady_states_plot
    >>> ax = steady_states_plot(open_loop_nash(shallow_lake().numeric()))
    >>> len(ax.collections)
    2
    """
    where = "steady_states_plot"
    items = _solutions(solutions, where)
    ax = get_axes(ax, where=where)
    game = items[0].game
    points = [float(s.state) for sol in items for s in sol.steady_states]
    if stock_range is None:
        hi = max([1.0, *points]) * 1.3
        lo = min([0.0, *points])
    else:
        if not isinstance(stock_range, (tuple, list, np.ndarray)) or len(stock_range) != 2:
            raise InvalidArgumentTypeError(f"{where}: expected stock_range as a pair (low, high), got "
                                       f"{describe(stock_range)}")
        lo = check_real(stock_range[0], "stock_range[0]", where)
        hi = check_real(stock_range[1], "stock_range[1]", where, minimum=lo, open_min=True)
    x = game.state[0]
    rest = sympy.expand(game.dynamics[0] - sum(game.all_controls))
    if not (rest.free_symbols & set(game.all_controls)):
        xs = np.linspace(lo, hi, 400)
        curve = np.broadcast_to(sympy.lambdify(x, -rest, "numpy")(xs), xs.shape)
        ax.plot(xs, curve, color="grey", label=f"d{x}/dt = 0")
    for sol in items:
        for kind in ("saddle", "stable", "unstable"):
            chosen = [s for s in sol.steady_states if s.kind == kind]
            if chosen:
                ax.scatter([float(s.state) for s in chosen], [sum(float(c) for c in s.controls) for s in chosen],
                           marker=_MARKERS[kind], label=f"{sol.concept}: {kind}", zorder=3)
    ax.set_xlabel(f"stock {x}")
    ax.set_ylabel("total control")
    ax.legend()
    return ax
