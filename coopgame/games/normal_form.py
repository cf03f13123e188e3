"""Numeric N-player games in strategic (normal) form."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_bool, describe, probability_vector, public
from coopgame._numeric import as_float, format_number, readonly, scaled_tolerance
from coopgame.errors import InvalidGameError, InvalidGameTypeError, InvalidProfileError
from coopgame.games._base import Action, GameBase, PureProfile, game_labels
from coopgame.games._payoffs import check_shapes, numeric_arrays, payoff_array

__all__ = ["NormalFormGame", "Action", "PureProfile", "MixedProfile"]

#: One probability vector (or a pure action) per player.
MixedProfile = Sequence[Sequence[float] | np.ndarray | Action]

_NAME = "NormalFormGame"


def _sequence(value: Any, what: str, where: str) -> Sequence[Any]:
    """``value`` when it is a sequence (not text), else a profile error naming ``where``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise InvalidProfileError(f"{where}: expected {what}, got {describe(value)}")
    return value


@public
class NormalFormGame(GameBase, kind="numeric"):
    """A finite game in strategic form with ``N`` players.

    Parameters
    ----------
    payoffs : sequence of N array-likes
        ``payoffs[i]`` is player ``i``'s payoff array, of shape
        ``(m_1, ..., m_N)``, indexed by the actions of all players in player
        order (the convention of Gambit and Nashpy). For two players these are
        the familiar matrices ``A`` (row player) and ``B`` (column player).
    players : sequence of str, optional
        Player names; default ``("Player 1", ..., "Player N")``.
    actions : sequence of sequences of str, optional
        Action labels, one sequence per player; default ``("1", "2", ...)``
        for each player, as in Gambit.
    exact : bool or None, optional
        ``None`` (default): exact rational arithmetic when the payoffs are
        :class:`~fractions.Fraction` or sympy ``Rational`` values (and no
        float is among them), floats otherwise. ``True``: make every payoff an
        exact Fraction (integers as they are, floats by their shortest decimal
        form, so ``0.1`` becomes ``1/10``). ``False``: floats.

    Notes
    -----
    Games are immutable: payoff arrays are read-only copies, and every
    transformation returns a new game. A pure profile names one action per
    player, by label (``str``) or by index (``int``); a mixed profile gives a
    probability vector per player (a label or index stands for the pure
    strategy).

    Examples
    --------
    Two regions decide whether to govern pollution at a cost (a prisoner's
    dilemma):

    >>> import coopgame as cg
    >>> A = [[3, 0], [5, 1]]
    >>> B = [[3, 5], [0, 1]]
    >>> game = cg.NormalFormGame([A, B], players=["North", "South"],
    ...                          actions=[["Govern", "Free-ride"]] * 2)
    >>> game
    NormalFormGame (North: rows, South: columns)
                 Govern  Free-ride
    Govern         3, 3       0, 5
    Free-ride      5, 0       1, 1
    >>> game["Free-ride", "Govern"]
    (5.0, 0.0)
    >>> game.best_responses("North", [None, "Govern"])
    (1,)
    >>> cg.pure_equilibria(game)
    [Equilibrium(North: Free-ride; South: Free-ride; payoffs 1, 1)]
    """

    __slots__ = ("_payoffs", "_players", "_actions", "_exact", "_hash", "_float", "_scale", "_instruments")

    def __init__(
        self,
        payoffs: Sequence[Any] | np.ndarray,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        *,
        exact: bool | None = None,
    ) -> None:
        if exact is not None:
            exact = check_bool(exact, "exact", _NAME)
        arrays = self._validate_payoffs(payoffs, exact)
        self._players, self._actions = game_labels(players, actions, arrays[0].shape, _NAME)
        self._payoffs = tuple(readonly(a) for a in arrays)
        self._exact = arrays[0].dtype == object
        self._hash: int | None = None
        self._float: tuple[np.ndarray, ...] | None = None if self._exact else self._payoffs
        self._scale: float | None = None
        self._instruments: tuple[Any, ...] = ()

    # ------------------------------------------------------------------ validation
    @staticmethod
    def _validate_payoffs(payoffs: Any, exact: bool | None) -> list[np.ndarray]:
        if isinstance(payoffs, (str, bytes, dict)) or not isinstance(payoffs, (Sequence, np.ndarray)):
            raise InvalidGameTypeError(
                f"{_NAME}: expected a sequence of payoff arrays, one per player, got {describe(payoffs)}"
            )
        if isinstance(payoffs, np.ndarray) and payoffs.ndim == 0:
            raise InvalidGameTypeError(f"{_NAME}: expected a sequence of payoff arrays, one per player, got a scalar")
        arrays = [payoff_array(p, k, _NAME) for k, p in enumerate(payoffs)]
        check_shapes(arrays, _NAME)
        return numeric_arrays(arrays, exact, _NAME, lambda k, idx: f"of player {k + 1} at {idx}")

    # ------------------------------------------------------------------ basic properties
    @property
    def is_exact(self) -> bool:
        """True when payoffs are exact Fractions and results are computed in rational arithmetic."""
        return self._exact

    @property
    def float_payoffs(self) -> tuple[np.ndarray, ...]:
        """Payoff arrays as float64 (the payoffs themselves for float games)."""
        if self._float is None:
            self._float = tuple(readonly(as_float(a)) for a in self._payoffs)
        return self._float

    @property
    def tolerance(self) -> float:
        """Absolute tolerance for this game: ``TOLERANCE * max(1, max |payoff|)``; 0 when exact."""
        return 0.0 if self._exact else self.float_tolerance

    @property
    def float_tolerance(self) -> float:
        """``TOLERANCE * max(1, max |payoff|)``: the tolerance of any computation done in floats.

        Unlike :attr:`tolerance` it is not zero for exact games: it is what a
        float computation on this game's payoffs may be off by.
        """
        if self._scale is None:
            self._scale = max(1.0, max(float(np.abs(a).max()) for a in self.float_payoffs))
        return scaled_tolerance(self._scale)

    # ------------------------------------------------------------------ profiles
    def mixed_profile(self, strategies: MixedProfile, where: str = _NAME) -> tuple[np.ndarray, ...]:
        """Validate a mixed profile and return it as a tuple of read-only probability vectors.

        Each entry is a probability vector over the player's actions, or a
        label/index standing for a pure strategy. Vectors are exact Fractions
        when the game is exact and the given numbers are rational; floats
        otherwise.
        """
        if isinstance(strategies, (str, bytes)) or not isinstance(strategies, (Sequence, np.ndarray)):
            raise InvalidProfileError(
                f"{where}: expected one probability vector per player ({self.num_players}), got {describe(strategies)}"
            )
        if len(strategies) != self.num_players:
            raise InvalidProfileError(
                f"{where}: expected one probability vector for each of {self.num_players} players, got {len(strategies)}"
            )
        vectors = [self._strategy_vector(p, s, where) for p, s in enumerate(strategies)]
        if all(v.dtype == object for v in vectors):
            return tuple(vectors)
        return tuple(v if v.dtype == float else readonly(as_float(v)) for v in vectors)

    def _strategy_vector(self, p: int, s: Any, where: str = _NAME) -> np.ndarray:
        """Player ``p``'s strategy: a label or index (the pure strategy) or a probability vector."""
        m = self.shape[p]
        if isinstance(s, (str, int, np.integer)) and not isinstance(s, (bool, np.bool_)):
            v = np.zeros(m, dtype=int)
            v[self.action_index(p, s)] = 1
            s = v
        return probability_vector(s, m, f"the strategy of {self._players[p]!r}", where, exact=self._exact)

    # ------------------------------------------------------------------ payoffs
    def __getitem__(self, profile: PureProfile) -> tuple[Any, ...]:
        idx = self.pure_profile(profile)
        return tuple(a[idx] if self._exact else float(a[idx]) for a in self._payoffs)

    def profile_payoffs(self, profile: PureProfile) -> tuple[Any, ...]:
        """Payoffs of all players at a pure profile (same as ``game[profile]``)."""
        return self[profile]

    def _arrays_for(self, vectors: Sequence[np.ndarray]) -> tuple[np.ndarray, ...]:
        exact = all(v.dtype == object for v in vectors)
        return self._payoffs if exact else self.float_payoffs

    def _values(self, arrays: Sequence[np.ndarray], p: int, vectors: Sequence[np.ndarray]) -> np.ndarray:
        u = np.moveaxis(arrays[p], p, 0)
        for q in reversed(range(self.num_players)):
            if q != p:
                u = u @ vectors[q]
        return u

    def action_values(self, player: int | str, strategies: MixedProfile) -> np.ndarray:
        """Payoff of each of ``player``'s actions against the others' strategies.

        The entry of ``player`` itself in ``strategies`` is ignored (it may be
        ``None``).
        """
        p = self.player_index(player)
        strategies = list(_sequence(strategies, "one strategy per player", f"{_NAME}.action_values"))
        if len(strategies) == self.num_players and strategies[p] is None:
            strategies[p] = 0
        vectors = self.mixed_profile(strategies, f"{_NAME}.action_values")
        return self._values(self._arrays_for(vectors), p, vectors)

    def expected_payoffs(self, strategies: MixedProfile) -> np.ndarray:
        """Expected payoff of each player under a mixed profile."""
        vectors = self.mixed_profile(strategies, f"{_NAME}.expected_payoffs")
        arrays = self._arrays_for(vectors)
        return np.array(
            [self._values(arrays, p, vectors) @ vectors[p] for p in range(self.num_players)],
            dtype=vectors[0].dtype,
        )

    def best_responses(self, player: int | str, strategies: MixedProfile) -> tuple[int, ...]:
        """Indices of ``player``'s pure best responses to the others' strategies (ties within :attr:`tolerance`)."""
        values = self.action_values(player, strategies)
        best = values.max()
        near = (values == best) if values.dtype == object else (values >= best - self.float_tolerance)
        return tuple(int(k) for k in np.flatnonzero(near))

    def regrets(self, strategies: MixedProfile) -> np.ndarray:
        """Each player's regret: best pure payoff against the others minus the expected payoff."""
        vectors = self.mixed_profile(strategies, f"{_NAME}.regrets")
        arrays = self._arrays_for(vectors)
        out = []
        for p in range(self.num_players):
            values = self._values(arrays, p, vectors)
            out.append(values.max() - values @ vectors[p])
        return np.array(out, dtype=vectors[0].dtype)

    def max_regret(self, strategies: MixedProfile) -> Any:
        """Largest regret of any player (0 at an equilibrium; exact for exact games and strategies)."""
        return self.regrets(strategies).max()

    def is_equilibrium(self, strategies: MixedProfile) -> bool:
        """True when every player's regret is at most :attr:`tolerance`.

        Exact games with exact strategies need a regret of exactly zero;
        strategies given as floats are checked with the float tolerance
        ``TOLERANCE * max(1, max |payoff|)`` even on an exact game.
        """
        regret = self.max_regret(strategies)
        exact = isinstance(regret, Fraction) or (hasattr(regret, "dtype") and regret.dtype == object)
        return bool(regret <= (0 if exact else self.float_tolerance))

    # ------------------------------------------------------------------ transformations
    def to_float(self) -> NormalFormGame:
        """The same game with float payoffs."""
        if not self._exact:
            return self
        game = NormalFormGame(self.float_payoffs, self._players, self._actions, exact=False)
        game._instruments = self._instruments
        return game

    def to_exact(self) -> NormalFormGame:
        """The same game with exact Fraction payoffs (floats by their shortest decimal form)."""
        if self._exact:
            return self
        game = NormalFormGame(self._payoffs, self._players, self._actions, exact=True)
        game._instruments = self._instruments
        return game

    @public
    def permute_players(self, order: Sequence[int | str]) -> NormalFormGame:
        """A new game whose player ``k`` is this game's player ``order[k]``."""
        idx = [self.player_index(p) for p in _sequence(order, "a permutation of the players", f"{_NAME}.permute_players")]
        if sorted(idx) != list(range(self.num_players)):
            raise InvalidProfileError(f"{_NAME}.permute_players: expected a permutation of the players, got {describe(order)}")
        payoffs = [np.transpose(self._payoffs[i], idx) for i in idx]
        return NormalFormGame(
            payoffs, [self._players[i] for i in idx], [self._actions[i] for i in idx], exact=self._exact
        )

    @public
    def permute_actions(self, player: int | str, order: Sequence[Action]) -> NormalFormGame:
        """A new game whose action ``k`` of ``player`` is this game's action ``order[k]``."""
        p = self.player_index(player)
        idx = [self.action_index(p, a)
               for a in _sequence(order, "a permutation of the actions", f"{_NAME}.permute_actions")]
        if sorted(idx) != list(range(self.shape[p])):
            raise InvalidProfileError(
                f"{_NAME}.permute_actions: expected a permutation of the actions of {self._players[p]!r}, got {describe(order)}"
            )
        payoffs = [np.take(a, idx, axis=p) for a in self._payoffs]
        actions = list(self._actions)
        actions[p] = tuple(self._actions[p][i] for i in idx)
        return NormalFormGame(payoffs, self._players, actions, exact=self._exact)

    # ------------------------------------------------------------------ display
    def _entry_text(self, value: Any) -> str:
        return format_number(value)

    def _entry_latex(self, value: Any) -> str:
        number = sympy.Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else value
        return sympy.latex(sympy.Integer(int(number)) if isinstance(number, float) and number.is_integer()
                           else sympy.sympify(number))

    @classmethod
    def zero_sum(cls, matrix: Any, players: Sequence[str] | None = None,
                 actions: Sequence[Sequence[str]] | None = None, *, exact: bool | None = None) -> NormalFormGame:
        """Two-player zero-sum game: the row player gets ``matrix``, the column player its negative.

        Examples
        --------
        >>> import coopgame as cg
        >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
        >>> pennies.payoffs[1].tolist()
        [[-1.0, 1.0], [1.0, -1.0]]
        """
        arr = payoff_array(matrix, 0, f"{_NAME}.zero_sum")
        if arr.ndim != 2:
            raise InvalidGameError(f"{_NAME}.zero_sum: expected a 2-D matrix, got an array of shape {arr.shape}")
        neg = np.array([[-v for v in row] for row in arr], dtype=arr.dtype) if arr.dtype == object else -arr
        return cls([arr, neg], players, actions, exact=exact)

    # ------------------------------------------------------------------ dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self._exact == other._exact
            and self._players == other._players
            and self._actions == other._actions
            and all(np.array_equal(a, b) for a, b in zip(self._payoffs, other._payoffs))
        )

    def __hash__(self) -> int:
        if self._hash is None:
            data = tuple((a + 0.0).tobytes() for a in self.float_payoffs)  # -0.0 hashes as 0.0
            self._hash = hash((self._exact, self._players, self._actions, self.shape, data))
        return self._hash

    def __repr__(self) -> str:
        if self.num_players != 2 or max(self.shape) > 12:
            kind = "exact" if self._exact else "float"
            return (
                f"NormalFormGame({self.num_players} players {self._players}, actions {self.shape}, {kind} payoffs)"
            )
        return self._table(_NAME)

    def __reduce__(self) -> tuple[Any, ...]:  # pickling for process pools
        return (_rebuild, (self._payoffs, self._players, self._actions, self._exact, self._instruments))


def _rebuild(payoffs: Sequence[np.ndarray], players: Sequence[str], actions: Sequence[Sequence[str]], exact: bool,
             instruments: tuple[Any, ...] = ()) -> NormalFormGame:
    game = NormalFormGame(payoffs, players, actions, exact=exact)
    game._instruments = tuple(instruments)
    return game
