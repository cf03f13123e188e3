"""Shared helper: the axes to draw on."""

from __future__ import annotations

from typing import Any


def get_axes(ax: Any = None, **subplot_kw: Any):
    """Return ``ax``, or the axes of a new figure when ``ax`` is None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(subplot_kw=subplot_kw or None)
    return ax
