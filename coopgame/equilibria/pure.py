"""All pure-strategy Nash equilibria of an N-player game, vectorised over the payoff array."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import public
from coopgame.equilibria.result import Equilibrium
from coopgame.equilibria.symmetric import symmetric_pure_equilibria
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symmetric import SymmetricGame
from coopgame.results import Solutions

__all__ = ["pure_equilibria"]


def _unit_vector(m: int, k: int, exact: bool) -> np.ndarray:
    """The pure strategy ``k`` of a player with ``m`` actions."""
    v = np.array([Fraction(0)] * m, dtype=object) if exact else np.zeros(m)
    v[k] = Fraction(1) if exact else 1.0
    return v


def _equilibrium_indices(game: NormalFormGame) -> np.ndarray:
    """Flat (C-order) indices of the profiles where every player best-responds.

    Players are checked one after another; while many profiles survive, a
    player is checked over the whole payoff array at once, and once few do,
    only at the surviving profiles (gathering the payoffs of the player's
    other actions by strides). Ties count as best responses, within
    ``game.tolerance`` (exact comparison for exact games).
    """
    tol = game.tolerance
    shape = game.shape
    size = math.prod(shape)
    strides = [math.prod(shape[p + 1:]) for p in range(len(shape))]
    mask: np.ndarray | None = np.ones(shape, dtype=bool)
    cand: Any = None
    for p, u in enumerate(game.payoffs):
        if mask is not None:
            best = u.max(axis=p, keepdims=True)
            mask &= (u >= best - tol) if tol else (u == best)
            if p + 1 < len(shape) and mask.sum() * 8 < size:
                cand = np.flatnonzero(mask)
                mask = None
            continue
        assert cand is not None
        flat = u.reshape(-1)
        own = (cand // strides[p]) % shape[p]
        base = cand - own * strides[p]
        values = flat[base[:, None] + np.arange(shape[p])[None, :] * strides[p]]
        best = values.max(axis=1)
        mine = flat[cand]
        cand = cand[(mine >= best - tol) if tol else (mine == best)]
    assert cand is not None or mask is not None
    return np.flatnonzero(mask) if mask is not None else np.asarray(cand)


@public
def pure_equilibria(game: GameLike | SymmetricGame) -> Solutions[Any]:
    """All pure-strategy Nash equilibria of a game with any number of players.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, sequence of payoff arrays or SymmetricGame
        Exact games are compared in rational arithmetic; float games with ties
        within ``game.tolerance``. A SymmetricGame gives its pure count
        profiles (:func:`~coopgame.equilibria.symmetric.symmetric_pure_equilibria`).

    Returns
    -------
    Solutions of Equilibrium
        All of them (``is_complete``), in lexicographic order of the action
        indices; ``method`` is ``"pure"``.

    Examples
    --------
    >>> import coopgame as cg
    >>> stag_hunt = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]],
    ...                               actions=[["Stag", "Hare"]] * 2)
    >>> cg.pure_equilibria(stag_hunt)
    [Equilibrium(Player 1: Stag; Player 2: Stag; payoffs 4, 4), Equilibrium(Player 1: Hare; Player 2: Hare; payoffs 3, 3)]
    """
    if isinstance(game, SymmetricGame):  # anonymous game: count profiles
        return symmetric_pure_equilibria(game)
    game = as_normal_form(game, "pure_equilibria")
    out = []
    for flat in _equilibrium_indices(game):
        idx = tuple(int(k) for k in np.unravel_index(flat, game.shape))
        vectors = [_unit_vector(m, k, game.is_exact) for m, k in zip(game.shape, idx)]
        payoffs = np.array([u[idx] for u in game.payoffs], dtype=game.payoffs[0].dtype)
        out.append(Equilibrium._trusted(game, vectors, payoffs, method="pure"))
    return Solutions(out, method="pure", is_exact=game.is_exact, is_complete=True)
