"""The folk theorem's region of a two-player stage game."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from coopgame._checks import check_bool, public
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.games.coerce import GameLike, as_normal_form, require_two_players
from coopgame.plot._axes import get_axes
from coopgame.repeated.folk import feasible_region, individually_rational_region

__all__ = ["folk_theorem_plot"]


@public
def folk_theorem_plot(game: GameLike, ax: Any = None, mixed: bool = True, annotate: bool = True) -> Any:
    """Shade the feasible and individually rational payoffs of a two-player game.

    The light polygon is the feasible set (the convex hull of the pure payoff
    profiles, drawn as small dots); the darker polygon the part of it at or
    above both players' minmax values, marked by a cross with dotted lines.
    By the folk theorem, every payoff strictly inside the dark region is
    sustained by a subgame-perfect equilibrium of the repeated game when
    players are patient enough. Stage Nash equilibrium payoffs are marked
    with black dots.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    ax : matplotlib Axes, optional
    mixed : bool, default True
        Minmax values with mixed (True) or pure punishments.
    annotate : bool, default True
        Label the minmax point and the Nash payoffs.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.patches[0]`` is the feasible polygon and ``ax.patches[1]`` the
        individually rational one (absent when that region is a point, a
        segment or empty); the collection labelled ``"stage Nash
        equilibria"`` holds the Nash payoffs and the one labelled
        ``"minmax"`` the minmax point.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.plot.folk import folk_theorem_plot
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    >>> ax = folk_theorem_plot(pd)
    >>> ax.patches[1].get_xy()[:4].tolist()  # the individually rational polygon
    [[1.0, 1.0], [4.333333333333333, 1.0], [3.0, 3.0], [1.0, 4.333333333333333]]
    """
    from matplotlib.patches import Polygon

    game = as_normal_form(game, "folk_theorem_plot")
    require_two_players(game, "folk_theorem_plot", "feasible_region(game) for the payoff profiles")
    annotate = check_bool(annotate, "annotate", "folk_theorem_plot")
    feas = feasible_region(game)
    ir = individually_rational_region(game, mixed=mixed)
    assert feas.vertices is not None and ir.vertices is not None and ir.minmax is not None  # two players
    ax = get_axes(ax, where="folk_theorem_plot")
    fv = np.array([[float(v) for v in p] for p in feas.vertices])
    if len(fv) >= 3:
        ax.add_patch(Polygon(fv, closed=True, facecolor="tab:blue", alpha=0.15, edgecolor="tab:blue",
                             label="feasible payoffs"))
    else:
        ax.plot(fv[:, 0], fv[:, 1], color="tab:blue", alpha=0.4, lw=3, label="feasible payoffs")
    iv = np.array([[float(v) for v in p] for p in ir.vertices]).reshape(-1, 2)
    if len(iv) >= 3:
        ax.add_patch(Polygon(iv, closed=True, facecolor="tab:green", alpha=0.35, edgecolor="tab:green",
                             label="feasible and individually rational"))
    elif len(iv):
        ax.plot(iv[:, 0], iv[:, 1], color="tab:green", lw=3, marker="s" if len(iv) == 1 else None,
                label="feasible and individually rational")
    pts = np.array([[float(v) for v in p] for p in feas.points])
    ax.scatter(pts[:, 0], pts[:, 1], s=12, color="tab:blue", zorder=3, label="pure payoff profiles")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = mixed_equilibria(game)
    nash = np.array([[float(v) for v in e.payoffs] for e in eqs]).reshape(-1, 2)
    ax.scatter(nash[:, 0], nash[:, 1], s=60, color="black", zorder=5, label="stage Nash equilibria")
    mm = np.array([float(v) for v in ir.minmax])
    ax.scatter([mm[0]], [mm[1]], s=80, marker="x", color="tab:red", zorder=6, label="minmax")
    ax.axvline(mm[0], color="tab:red", ls=":", lw=1)
    ax.axhline(mm[1], color="tab:red", ls=":", lw=1)
    if annotate:
        ax.annotate(f"minmax ({mm[0]:.3g}, {mm[1]:.3g})", mm, textcoords="offset points", xytext=(6, -12), fontsize=8)
        for x, y in nash:
            ax.annotate(f"({x:.3g}, {y:.3g})", (x, y), textcoords="offset points", xytext=(6, 6), fontsize=8)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = 0.08 * np.maximum(hi - lo, 1e-9)  # a plotting margin (positive when all payoffs coincide)
    ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
    ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
    ax.set_xlabel(f"{game.players[0]}'s average payoff")
    ax.set_ylabel(f"{game.players[1]}'s average payoff")
    ax.set_title("Folk theorem: feasible and individually rational payoffs")
    ax.legend(loc="best", fontsize="small")
    return ax
