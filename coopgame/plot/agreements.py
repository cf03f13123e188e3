"""The paradox of cooperation: stable agreement size against the gain from cooperation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from coopgame._checks import check_bool, public
from coopgame.coalitions.agreements import ParadoxOfCooperation, paradox_of_cooperation
from coopgame.errors import InvalidArgumentError
from coopgame.plot._axes import get_axes

__all__ = ["paradox_plot"]


@public
def paradox_plot(n: int | Sequence[int] = (10, 50), gammas: Sequence[float] | None = None, ax: Any = None,
                 model: str = "stackelberg", share: bool = False,
                 data: ParadoxOfCooperation | Sequence[ParadoxOfCooperation] | None = None) -> Any:
    """Draw Barrett's paradox of cooperation: the stable size against the gain from full cooperation.

    For each number of countries ``n``, one line runs over ``gamma = c/b``
    (:func:`~coopgame.coalitions.agreements.paradox_of_cooperation`): the
    horizontal axis is the relative gain of full cooperation over no
    agreement (log scale), the vertical axis the size of the stable
    agreement. The lines fall: large agreements are stable only where
    cooperation gains little.

    Parameters
    ----------
    n : int or sequence of int, default (10, 50)
        Numbers of countries, one line each.
    gammas : sequence of positive numbers, optional
        The values of ``gamma`` (default ``numpy.logspace(-3, 3, 61)``).
    ax : matplotlib Axes, optional
    model : {"stackelberg", "cournot"}
    share : bool, default False
        Plot the stable size as a share ``k*/n`` of the countries.
    data : ParadoxOfCooperation or a sequence of them, optional
        Precomputed data; then ``n`` and ``gammas`` are ignored.

    Returns
    -------
    matplotlib.axes.Axes
        One line per ``n``, labelled ``"n = ..."``; ``line.get_xdata()`` is the
        relative gain and ``line.get_ydata()`` the stable size.

    Examples
    --------
    >>> from coopgame.plot.agreements import paradox_plot
    >>> ax = paradox_plot(n=(10,), gammas=[0.01, 1.0, 100.0])
    >>> ax.lines[0].get_ydata().tolist()
    [10, 3, 2]
    >>> ax.get_xscale()
    'log'
    """
    share = check_bool(share, "share", "paradox_plot")
    if data is None:
        if isinstance(n, (str, bytes)):
            raise InvalidArgumentError(f"paradox_plot: expected n as a number or a sequence of numbers, got {n!r}")
        sizes: list[Any] = list(n) if isinstance(n, (Sequence, np.ndarray)) else [n]
        if not sizes:
            raise InvalidArgumentError("paradox_plot: expected at least one number of countries n")
        series = [paradox_of_cooperation(m, gammas, model=model) for m in sizes]
    else:
        series = [data] if isinstance(data, ParadoxOfCooperation) else (
            list(data) if isinstance(data, (Sequence, np.ndarray)) and not isinstance(data, (str, bytes)) else [])
        if not series or not all(isinstance(d, ParadoxOfCooperation) for d in series):
            raise InvalidArgumentError("paradox_plot: expected data as a ParadoxOfCooperation (paradox_of_cooperation's "
                                       "result) or a non-empty sequence of them")
    ax = get_axes(ax, where="paradox_plot")
    for d in series:
        y = d.stable_size / d.n if share else d.stable_size
        ax.plot(d.relative_gain, y, marker="o", ms=3, lw=1.5, drawstyle="steps-post", label=f"n = {d.n}")
    ax.set_xscale("log")
    ax.set_xlabel("gain from full cooperation over no agreement, (W(n) - W(0)) / W(0)")
    ax.set_ylabel("share of countries in the stable agreement" if share else "stable agreement size k*")
    kind = {"stackelberg": "Stackelberg", "cournot": "Cournot"}.get(series[0].model, series[0].model)
    ax.set_title(f"Paradox of cooperation ({kind})")
    ax.legend(loc="best", fontsize="small")
    return ax
