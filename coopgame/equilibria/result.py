"""The result object every equilibrium solver returns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from coopgame._numeric import TOLERANCE, as_float, format_number, readonly
from coopgame.errors import InvalidGameTypeError
from coopgame.games.normal_form import MixedProfile, NormalFormGame

__all__ = ["Equilibrium", "sort_equilibria", "equilibria_frame"]


class Equilibrium:
    """A strategy profile of a game, with its payoffs, as found by a solver.

    Equilibria are immutable and check themselves: :meth:`max_regret` is the
    largest gain any player could make by deviating (exactly 0 for exact
    games, at most ``game.tolerance`` for float games).

    Parameters
    ----------
    game : NormalFormGame
        The game the profile belongs to.
    strategies : sequence
        One probability vector (or pure action) per player.
    method : str, optional
        The solver that found it.

    Attributes
    ----------
    game : NormalFormGame
    strategies : tuple of numpy.ndarray
        One probability vector per player (object arrays of Fractions for exact games).
    payoffs : numpy.ndarray
        Expected payoff of each player.
    method : str

    Examples
    --------
    >>> import coopgame as cg
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    >>> eq = cg.Equilibrium(pennies, [[cg.Fraction(1, 2)] * 2] * 2)
    >>> eq
    Equilibrium(Player 1: 1/2 1 + 1/2 2; Player 2: 1/2 1 + 1/2 2; payoffs 0, 0)
    >>> eq.max_regret(), eq.is_pure, eq.support
    (Fraction(0, 1), False, ((0, 1), (0, 1)))
    """

    __slots__ = ("_game", "_strategies", "_payoffs", "_method")

    def __init__(self, game: NormalFormGame, strategies: MixedProfile, method: str = "") -> None:
        if not isinstance(game, NormalFormGame):
            raise InvalidGameTypeError(f"Equilibrium: expected a NormalFormGame, got {type(game).__name__}")
        vectors = game.mixed_profile(strategies)
        self._init(game, vectors, game.expected_payoffs(vectors), method)

    def _init(self, game: NormalFormGame, vectors: tuple[np.ndarray, ...], payoffs: np.ndarray, method: str) -> None:
        self._game = game
        self._strategies = vectors
        self._payoffs = readonly(np.array(payoffs, dtype=payoffs.dtype))
        self._method = method

    @classmethod
    def _trusted(cls, game: NormalFormGame, vectors: Sequence[np.ndarray], payoffs: np.ndarray | None = None,
                 method: str = "") -> Equilibrium:
        """Build without validating ``vectors`` (solvers that produced them know they are valid)."""
        eq = cls.__new__(cls)
        vectors = tuple(readonly(np.asarray(v)) for v in vectors)
        if payoffs is None:
            payoffs = game.expected_payoffs(vectors)
        eq._init(game, vectors, payoffs, method)
        return eq

    @property
    def game(self) -> NormalFormGame:
        return self._game

    @property
    def strategies(self) -> tuple[np.ndarray, ...]:
        return self._strategies

    @property
    def payoffs(self) -> np.ndarray:
        return self._payoffs

    @property
    def method(self) -> str:
        return self._method

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the actions each player plays with positive probability."""
        # probabilities lie in [0, 1]: the tolerance is not scaled by the payoffs here (a probability
        # of 1e-6 in a game with payoffs of 1e6 is part of the support)
        tol = TOLERANCE
        return tuple(tuple(int(k) for k in np.flatnonzero(as_float(s) > tol)) if s.dtype != object
                     else tuple(k for k, v in enumerate(s) if v > 0) for s in self._strategies)

    @property
    def is_pure(self) -> bool:
        """True when every player plays one action."""
        return all(len(s) == 1 for s in self.support)

    @property
    def pure_profile(self) -> tuple[str, ...] | None:
        """Action labels of a pure equilibrium; None for a mixed one."""
        if not self.is_pure:
            return None
        return tuple(self._game.actions[p][s[0]] for p, s in enumerate(self.support))

    def regrets(self) -> np.ndarray:
        """Each player's regret at this profile."""
        return self._game.regrets(self._strategies)

    def max_regret(self) -> Any:
        """Largest regret of any player: exactly 0 for exact games, at most ``game.tolerance`` otherwise."""
        return self._game.max_regret(self._strategies)

    def is_verified(self) -> bool:
        """True when :meth:`max_regret` is within the game's tolerance."""
        return self._game.is_equilibrium(self._strategies)

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form: ``{"players", "strategies", "payoffs", "method"}``, labels as keys."""
        game = self._game

        def num(v: Any) -> Any:
            return v if self._game.is_exact and not isinstance(v, float) else float(v)

        return {
            "players": list(game.players),
            "strategies": {
                game.players[p]: {game.actions[p][k]: num(s[k]) for k in range(len(s))}
                for p, s in enumerate(self._strategies)
            },
            "payoffs": {game.players[p]: num(v) for p, v in enumerate(self._payoffs)},
            "method": self._method,
        }

    def _sort_key(self) -> tuple[float, ...]:
        return tuple(-float(v) for s in self._strategies for v in s)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return self._game == other._game and all(
            np.array_equal(a, b) for a, b in zip(self._strategies, other._strategies)
        )

    def __hash__(self) -> int:
        return hash((self._game, self.support))

    def _describe_strategy(self, p: int) -> str:
        labels = self._game.actions[p]
        s = self._strategies[p]
        support = self.support[p]
        if len(support) == 1:
            return labels[support[0]]
        return " + ".join(f"{format_number(s[k])} {labels[k]}" for k in support)

    def __repr__(self) -> str:
        parts = [f"{name}: {self._describe_strategy(p)}" for p, name in enumerate(self._game.players)]
        pay = ", ".join(format_number(v) for v in self._payoffs)
        return f"Equilibrium({'; '.join(parts)}; payoffs {pay})"


def sort_equilibria(equilibria: Iterable[Equilibrium]) -> list[Equilibrium]:
    """Equilibria in a fixed order: those weighting earlier actions more come first."""
    return sorted(equilibria, key=Equilibrium._sort_key)


def equilibria_frame(equilibria: Iterable[Equilibrium]):
    """A pandas DataFrame with one row per equilibrium.

    Columns: each player's strategy in words (``"1/2 Up + 1/2 Down"``), then
    each player's payoff (exact Fractions stay exact), then the method.

    Examples
    --------
    >>> import coopgame as cg
    >>> pd_game = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...                             players=["North", "South"], actions=[["Govern", "Free-ride"]] * 2)
    >>> print(cg.equilibria_frame(cg.pure_equilibria(pd_game)).to_string(index=False))
        North     South  payoff North  payoff South method
    Free-ride Free-ride           1.0           1.0   pure
    """
    import pandas as pd

    rows = []
    players: tuple[str, ...] = ()
    for eq in equilibria:
        players = eq.game.players
        row: dict[str, Any] = {name: eq._describe_strategy(p) for p, name in enumerate(players)}
        for p, name in enumerate(players):
            v = eq.payoffs[p]
            row[f"payoff {name}"] = v if eq.game.is_exact else float(v)
        row["method"] = eq.method
        rows.append(row)
    return pd.DataFrame(rows)
