"""Shared helper: the axes to draw on."""

from __future__ import annotations

from typing import Any

from coopgame._checks import describe
from coopgame.errors import InvalidArgumentTypeError


def get_axes(ax: Any = None, *, where: str = "plot", **subplot_kw: Any):
    """Return ``ax``, or the axes of a new figure when ``ax`` is None; anything but matplotlib Axes is refused."""
    from matplotlib.axes import Axes

    if ax is not None:
        if not isinstance(ax, Axes):
            raise InvalidArgumentTypeError(f"{where}: expected ax as matplotlib Axes or None, got {describe(ax)}")
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(subplot_kw=subplot_kw or None)
    return ax
