"""Plots (matplotlib, imported only when a plot is drawn).

Every function takes ``ax=None`` (a new figure and axes when None) and returns
the :class:`matplotlib.axes.Axes` it drew on.
"""

from coopgame.plot.agreements import paradox_plot
from coopgame.plot.best_response import best_response_plot
from coopgame.plot.differential import payment_schedule_plot, steady_states_plot, stock_paths_plot
from coopgame.plot.dynamics import basin_map, phase_portrait, simplex_plot, time_series, trajectory_3d
from coopgame.plot.folk import folk_theorem_plot
from coopgame.plot.networks import network_plot, network_regime_map
from coopgame.plot.regime import regime_map, threshold_plot

__all__ = [
    "basin_map", "phase_portrait", "simplex_plot", "time_series", "trajectory_3d",
    "best_response_plot", "folk_theorem_plot", "paradox_plot", "regime_map", "threshold_plot",
    "network_plot", "network_regime_map", "stock_paths_plot", "payment_schedule_plot", "steady_states_plot"]
