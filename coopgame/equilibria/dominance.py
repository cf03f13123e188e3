"""Dominance: dominant strategies and iterated elimination of dominated actions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coopgame._checks import check_bool, public
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.normal_form import NormalFormGame
from coopgame.results import Result

__all__ = ["dominant_strategies", "iterated_elimination", "DominantStrategies", "EliminationStep", "EliminationResult"]


def _dominates(u: np.ndarray, p: int, a: int, b: int, strict: bool, tol: float) -> bool:
    """Does action ``a`` of player ``p`` dominate action ``b`` in payoff array ``u``?"""
    diff = np.asarray(np.take(u, a, axis=p) - np.take(u, b, axis=p))
    if strict:
        return bool((diff > tol).all())
    return bool((diff >= -tol).all() and (diff > tol).any())


@public
@dataclass(frozen=True)
class DominantStrategies(Result):
    """Each player's dominant action, if it has one.

    Attributes
    ----------
    game : NormalFormGame
    indices : tuple of (int or None)
        Index of each player's dominant action, None where there is none.
    strict : bool
        Whether strict or weak dominance was asked for.
    """

    game: NormalFormGame
    indices: tuple[int | None, ...]
    strict: bool

    @property
    def actions(self) -> tuple[str | None, ...]:
        """Labels of the dominant actions (None where a player has none)."""
        return tuple(None if k is None else self.game.actions[p][k] for p, k in enumerate(self.indices))

    @property
    def profile(self) -> tuple[str, ...] | None:
        """The dominant-strategy equilibrium (labels) when every player has a dominant action."""
        acts = self.actions
        return None if any(a is None for a in acts) else acts  # type: ignore[return-value]

    @public
    def to_dict(self) -> dict[str, str | None]:
        """``{player: dominant action label or None}``."""
        return dict(zip(self.game.players, self.actions))

    def __repr__(self) -> str:
        kind = "strictly" if self.strict else "weakly"
        parts = "; ".join(f"{name}: {a if a is not None else '(none)'}" for name, a in zip(self.game.players, self.actions))
        return f"DominantStrategies({kind}: {parts})"


@public
def dominant_strategies(game: GameLike, strict: bool = True) -> DominantStrategies:
    """Find each player's dominant action.

    An action is *strictly dominant* when it pays strictly more than every
    other action of the player against every profile of the others; *weakly
    dominant* when it pays at least as much everywhere and strictly more
    somewhere, against each other action.

    Parameters
    ----------
    game : NormalFormGame
    strict : bool, default True

    Returns
    -------
    DominantStrategies

    Examples
    --------
    >>> import coopgame as cg
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...                        actions=[["Govern", "Free-ride"]] * 2)
    >>> result = cg.dominant_strategies(pd)
    >>> result
    DominantStrategies(strictly: Player 1: Free-ride; Player 2: Free-ride)
    >>> result.profile
    ('Free-ride', 'Free-ride')
    """
    game = as_normal_form(game, "dominant_strategies")
    strict = check_bool(strict, "strict", "dominant_strategies")
    tol = game.tolerance
    indices: list[int | None] = []
    for p, u in enumerate(game.payoffs):
        m = game.shape[p]
        found = None
        for a in range(m):
            if all(_dominates(u, p, a, b, strict, tol) for b in range(m) if b != a):
                found = a
                break
        indices.append(found)
    return DominantStrategies(game, tuple(indices), strict)


@public
@dataclass(frozen=True)
class EliminationStep(Result):
    """One elimination: in ``round``, ``player``'s ``action`` was dominated by ``dominated_by``."""

    round: int
    player: str
    action: str
    dominated_by: str

    def __str__(self) -> str:
        return f"round {self.round}: {self.player} drops {self.action} (dominated by {self.dominated_by})"


@public
@dataclass(frozen=True)
class EliminationResult(Result):
    """The outcome of iterated elimination of dominated actions.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game (only surviving actions, labels kept).
    remaining : tuple of tuple of int
        Indices, in the original game, of each player's surviving actions.
    steps : tuple of EliminationStep
        Every elimination, in order.
    strict : bool
    """

    game: NormalFormGame
    remaining: tuple[tuple[int, ...], ...]
    steps: tuple[EliminationStep, ...]
    strict: bool

    @property
    def is_solved(self) -> bool:
        """True when a single action survives for every player (dominance solvable)."""
        return all(len(r) == 1 for r in self.remaining)

    def __repr__(self) -> str:
        kind = "strictly" if self.strict else "weakly"
        lines = [f"EliminationResult ({kind} dominated actions removed, {len(self.steps)} step(s))"]
        lines += [f"  {s}" for s in self.steps]
        surv = "; ".join(f"{p}: {', '.join(a)}" for p, a in zip(self.game.players, self.game.actions))
        lines.append(f"  surviving: {surv}")
        return "\n".join(lines)


@public
def iterated_elimination(game: GameLike, strict: bool = True) -> EliminationResult:
    """Iteratively remove actions dominated by another pure action.

    Each round removes, for every player at once, all actions dominated in the
    game that survived the previous round; rounds repeat until nothing changes.
    With ``strict=True`` the result does not depend on the order; with weak
    dominance it may, and this order (simultaneous, round by round) is the one
    recorded.

    Parameters
    ----------
    game : NormalFormGame
    strict : bool, default True

    Returns
    -------
    EliminationResult

    Examples
    --------
    >>> import coopgame as cg
    >>> game = cg.NormalFormGame([[[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]]],
    ...                          actions=[["Up", "Down"], ["Left", "Middle", "Right"]])
    >>> result = cg.iterated_elimination(game)
    >>> result
    EliminationResult (strictly dominated actions removed, 3 step(s))
      round 1: Player 2 drops Right (dominated by Middle)
      round 2: Player 1 drops Down (dominated by Up)
      round 3: Player 2 drops Left (dominated by Middle)
      surviving: Player 1: Up; Player 2: Middle
    >>> result.is_solved
    True
    """
    game = as_normal_form(game, "iterated_elimination")
    strict = check_bool(strict, "strict", "iterated_elimination")
    tol = game.tolerance
    remaining = [list(range(m)) for m in game.shape]
    steps: list[EliminationStep] = []
    rnd = 0
    while True:
        rnd += 1
        sub = [u[np.ix_(*remaining)] for u in game.payoffs]
        removals: list[tuple[int, int, int]] = []
        for p, u in enumerate(sub):
            alive = remaining[p]
            dominated: set[int] = set()
            for b in range(len(alive)):
                for a in range(len(alive)):
                    if a != b and a not in dominated and _dominates(u, p, a, b, strict, tol):
                        removals.append((p, alive[b], alive[a]))
                        dominated.add(b)
                        break
        if not removals:
            break
        for p, b, a in removals:
            remaining[p].remove(b)
            steps.append(EliminationStep(rnd, game.players[p], game.actions[p][b], game.actions[p][a]))
    payoffs = [u[np.ix_(*remaining)] for u in game.payoffs]
    actions = [[game.actions[p][k] for k in r] for p, r in enumerate(remaining)]
    reduced = NormalFormGame(payoffs, game.players, actions, exact=game.is_exact)
    return EliminationResult(reduced, tuple(tuple(r) for r in remaining), tuple(steps), strict)
