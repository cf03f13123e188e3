"""All pure-strategy Nash equilibria of an N-player game, vectorised over the payoff array."""

from __future__ import annotations

import numpy as np

from coopgame.equilibria._checks import require_numeric, unit_vector
from coopgame.equilibria.result import Equilibrium

__all__ = ["pure_equilibria", "best_response_mask"]


def best_response_mask(game) -> np.ndarray:
    """Boolean array of the game's shape: True where every player best-responds.

    Player ``p``'s action is a best response at a profile when no other action
    of ``p`` pays more against the same actions of the others (ties within
    ``game.tolerance``; exact comparison for exact games). Cost: one pass over
    each player's payoff array.
    """
    game = require_numeric(game, "best_response_mask")
    tol = game.tolerance
    mask = np.ones(game.shape, dtype=bool)
    for p, u in enumerate(game.payoffs):
        best = u.max(axis=p, keepdims=True)
        if tol:
            mask &= u >= best - tol
        else:
            mask &= u == best
    return mask


def pure_equilibria(game) -> list[Equilibrium]:
    """All pure-strategy Nash equilibria of a game with any number of players.

    Parameters
    ----------
    game : NormalFormGame
        Exact games are compared in rational arithmetic; float games with ties
        within ``game.tolerance``.

    Returns
    -------
    list of Equilibrium
        In lexicographic order of the action indices.

    Examples
    --------
    >>> import coopgame as cg
    >>> stag_hunt = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]],
    ...                               actions=[["Stag", "Hare"]] * 2)
    >>> cg.pure_equilibria(stag_hunt)
    [Equilibrium(Player 1: Stag; Player 2: Stag; payoffs 4, 4), Equilibrium(Player 1: Hare; Player 2: Hare; payoffs 3, 3)]
    """
    game = require_numeric(game, "pure_equilibria")
    mask = best_response_mask(game)
    profiles = np.argwhere(mask)
    out = []
    for profile in profiles:
        idx = tuple(int(k) for k in profile)
        vectors = [unit_vector(m, k, game.is_exact) for m, k in zip(game.shape, idx)]
        payoffs = np.array([u[idx] for u in game.payoffs], dtype=game.payoffs[0].dtype)
        out.append(Equilibrium._trusted(game, vectors, payoffs, method="pure"))
    return out
