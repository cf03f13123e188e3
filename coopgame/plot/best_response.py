"""Best-response correspondences of a 2x2 game, with its equilibria."""

from __future__ import annotations

from typing import Any

import numpy as np

from coopgame._checks import check_bool, public
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.errors import NotSupportedError
from coopgame.games.coerce import GameLike, as_normal_form, require_two_players
from coopgame.plot._axes import get_axes

__all__ = ["best_response_plot"]


def _correspondence(d0: float, d1: float) -> np.ndarray:
    """Graph of a best response as a path of (t, p) points.

    ``t`` is the opponent's probability of its first action, ``p`` the
    player's probability of its first action; the gain of the first action
    over the second is ``t * d0 + (1 - t) * d1``.
    """
    if d0 == 0 and d1 == 0:
        return np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0]])
    if (d0 > 0) == (d1 > 0) and d0 != 0 and d1 != 0:
        p = 1.0 if d0 > 0 else 0.0
        return np.array([[0.0, p], [1.0, p]])
    t_star = d1 / (d1 - d0)
    left = 1.0 if d1 > 0 else 0.0 if d1 < 0 else (1.0 if d0 < 0 else 0.0)
    right = 1.0 - left
    return np.array([[0.0, left], [t_star, left], [t_star, right], [1.0, right]])


@public
def best_response_plot(game: GameLike, ax: Any = None, annotate: bool = True) -> Any:
    """Draw both players' best responses in a 2x2 game and mark its equilibria.

    The horizontal axis is the probability that the row player plays its
    first action, the vertical axis the probability that the column player
    plays its first action; the equilibria are where the two graphs cross.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with two actions each.
    ax : matplotlib Axes, optional
    annotate : bool, default True
        Write each equilibrium's payoffs beside its marker.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import coopgame as cg
    >>> stag = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], actions=[["Stag", "Hare"]] * 2)
    >>> ax = cg.plot.best_response_plot(stag)
    >>> len(ax.collections[0].get_offsets())  # three equilibria marked
    3
    """
    game = as_normal_form(game, "best_response_plot")
    require_two_players(game, "best_response_plot", "pure_equilibria(game)")
    annotate = check_bool(annotate, "annotate", "best_response_plot")
    if game.shape != (2, 2):
        raise NotSupportedError(f"best_response_plot: expected a 2x2 game, got shape {game.shape}")
    A, B = game.float_payoffs
    ax = get_axes(ax, where="best_response_plot")
    row = _correspondence(A[0, 0] - A[1, 0], A[0, 1] - A[1, 1])  # (q, p)
    col = _correspondence(B[0, 0] - B[0, 1], B[1, 0] - B[1, 1])  # (p, q)
    r0, r1 = game.players
    ax.plot(row[:, 1], row[:, 0], lw=2.5, color="tab:blue", label=f"{r0}'s best response")
    ax.plot(col[:, 0], col[:, 1], lw=2.5, ls="--", color="tab:orange", label=f"{r1}'s best response")
    eqs = mixed_equilibria(game)
    pts = np.array([[float(e.strategies[0][0]), float(e.strategies[1][0])] for e in eqs]).reshape(-1, 2)
    ax.scatter(pts[:, 0], pts[:, 1], s=80, color="black", zorder=5, label="equilibria")
    if annotate:
        for e, (x, y) in zip(eqs, pts):
            ax.annotate("(" + ", ".join(f"{float(v):.3g}" for v in e.payoffs) + ")", (x, y),
                        textcoords="offset points", xytext=(6, 6), fontsize=8)
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel(f"P({r0} plays {game.actions[0][0]})")
    ax.set_ylabel(f"P({r1} plays {game.actions[1][0]})")
    ax.legend(loc="best", fontsize=7)
    return ax
