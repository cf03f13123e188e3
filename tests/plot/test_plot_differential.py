"""Plots of differential games: data on the axes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from coopgame.differential import (  # noqa: E402
    cooperative_solution,
    feedback_nash,
    open_loop_nash,
    time_consistent_payments,
)
from coopgame.errors import InvalidArgumentTypeError  # noqa: E402
from coopgame.models import shallow_lake, stock_pollution  # noqa: E402
from coopgame.plot.differential import payment_schedule_plot, steady_states_plot, stock_paths_plot  # noqa: E402


def test_stock_paths():
    game = stock_pollution(n=2).numeric()
    sols = [cooperative_solution(game), open_loop_nash(game), feedback_nash(game)]
    ax = stock_paths_plot(sols, 0, 60, num=31)
    ends = [line.get_ydata()[-1] for line in ax.get_lines()]
    assert ends == pytest.approx([float(s.steady_states[0].state) for s in sols], rel=1e-3)
    assert ax.get_lines()[0].get_ydata()[0] == 0


def test_payment_schedule():
    plan = time_consistent_payments(stock_pollution(n=2, unequal=True).numeric(), 0, num=11)
    ax = payment_schedule_plot(plan)
    assert np.allclose(ax.get_lines()[1].get_ydata(), plan.payments[:, 1])


def test_lake_steady_states():
    sol = open_loop_nash(shallow_lake().numeric())
    ax = steady_states_plot(sol)
    saddles = ax.collections[0].get_offsets()
    assert len(saddles) == 2 and len(ax.collections[1].get_offsets()) == 1
    assert ax.get_lines()[0].get_label() == "dx/dt = 0"


def test_plot_errors():
    with pytest.raises(InvalidArgumentTypeError):
        stock_paths_plot("x", 0, 1)
    with pytest.raises(InvalidArgumentTypeError):
        payment_schedule_plot(3)
    with pytest.raises(InvalidArgumentTypeError):
        steady_states_plot([1, 2])
