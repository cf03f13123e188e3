"""Symmetric (anonymous) N-player games, stored by count vectors.

In an anonymous game every player has the same actions, and a player's payoff
depends only on its own action and on *how many* of the other players choose
each action, not on who they are. Such a game with ``N`` players and ``m``
actions is stored as one payoff per pair (own action, count vector of the
others): ``m * C(N + m - 2, m - 1)`` numbers instead of ``N * m**N``. With two
actions that is ``2 N`` numbers, so games with 10,000 players are cheap.

Count vectors
-------------
A count vector ``c = (c_0, ..., c_{m-1})`` gives how many players choose each
action. The count vectors of the *other* players of one player (summing to
``N - 1``) are numbered in reverse lexicographic order: the first has every
other player on action 0, ``(N - 1, 0, ..., 0)``, the last has every other
player on the last action. With two actions, count vector number ``k`` is
``(N - 1 - k, k)``: ``k`` is the number of other players choosing the *second*
action. :attr:`SymmetricGame.count_vectors` lists them in this order and
:attr:`SymmetricGame.table` holds ``table[own, k]``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np

from coopgame._checks import (
    call_user,
    check_bool,
    check_callable,
    check_int,
    check_size,
    describe,
    probability_vector,
    public,
)
from coopgame._numeric import as_float, format_number, readonly, scaled_tolerance
from coopgame.errors import InvalidGameError, InvalidProfileError
from coopgame.games._base import _labels, default_actions
from coopgame.games._payoffs import numeric_arrays, payoff_array
from coopgame.games.normal_form import NormalFormGame
from coopgame.results import html_table

__all__ = ["MAX_TABLE_SIZE", "MAX_NORMAL_FORM_PROFILES", "SymmetricGame", "composition_rank", "compositions",
           "count_vector_number"]

_NAME = "SymmetricGame"

#: Largest payoff table a SymmetricGame stores: actions times count vectors of the
#: other players, ``m * C(N + m - 2, m - 1)``. With two actions any ``N`` up to
#: 10**6, with three actions ``N`` up to about 1,150. Raise it with ``max_size=``.
MAX_TABLE_SIZE: int = 2 * 10**6

#: Largest number of pure profiles (``m ** N``) :meth:`SymmetricGame.to_normal_form`
#: builds; e.g. 2 actions and 16 players (65,536 profiles). Raise it with ``max_profiles=``.
MAX_NORMAL_FORM_PROFILES: int = 2**16

#: Count vectors a SymmetricGame shows in a notebook table (display only).
_DISPLAY_COLUMNS = 24


# ---------------------------------------------------------------------- count vectors
@lru_cache(maxsize=64)
def _compositions_cached(total: int, parts: int) -> np.ndarray:
    if parts == 1:
        return readonly(np.array([[total]], dtype=np.int64))
    if parts == 2:
        first = np.arange(total, -1, -1, dtype=np.int64)
        return readonly(np.stack([first, total - first], axis=1))
    # stars and bars: the bar positions of the compositions in reverse lexicographic order are the
    # combinations of (total + parts - 1) slots in reverse lexicographic order (no recursion)
    slots = total + parts - 1
    bars = np.array(list(itertools.combinations(range(slots), parts - 1)), dtype=np.int64)[::-1]
    edges = np.concatenate([np.full((len(bars), 1), -1, dtype=np.int64), bars,
                            np.full((len(bars), 1), slots, dtype=np.int64)], axis=1)
    return readonly(np.diff(edges, axis=1) - 1)


def compositions(total: int, parts: int) -> np.ndarray:
    """All count vectors of ``parts`` non-negative integers summing to ``total``, in reverse lexicographic order.

    Examples
    --------
    >>> from coopgame.games.symmetric import compositions
    >>> compositions(2, 3).tolist()
    [[2, 0, 0], [1, 1, 0], [1, 0, 1], [0, 2, 0], [0, 1, 1], [0, 0, 2]]
    """
    return _compositions_cached(int(total), int(parts))


@lru_cache(maxsize=16)
def _binomial_table(total: int, parts: int) -> np.ndarray:
    """``B[r, s] = C(r + s, r)`` for ``r < parts`` and ``s <= total`` (int64)."""
    table = np.ones((max(parts, 1), total + 1), dtype=np.int64)
    for r in range(1, parts):
        table[r] = np.cumsum(table[r - 1])
    return readonly(table)


def composition_rank(counts: np.ndarray, total: int) -> np.ndarray:
    """Position of each row of ``counts`` (summing to ``total``) in :func:`compositions` order.

    Examples
    --------
    >>> import numpy as np
    >>> from coopgame.games.symmetric import composition_rank
    >>> composition_rank(np.array([[2, 0, 0], [0, 1, 1], [0, 0, 2]]), 2).tolist()
    [0, 4, 5]
    """
    counts = np.asarray(counts, dtype=np.int64)
    m = counts.shape[-1]
    table = _binomial_table(int(total), m)
    rank = np.zeros(counts.shape[:-1], dtype=np.int64)
    remaining = np.full(counts.shape[:-1], total, dtype=np.int64)
    for i in range(m - 1):
        r = m - i - 1  # parts after this one
        s = remaining - counts[..., i] - 1
        rank += np.where(s >= 0, table[r, np.maximum(s, 0)], 0)
        remaining = remaining - counts[..., i]
    return rank


def count_vector_number(num_players: int, num_actions: int, cap: int | None = None) -> int:
    """``C(N + m - 2, m - 1)``, the number of count vectors of the other players, in Python integers.

    With ``cap``, stops as soon as the number exceeds it and returns ``cap + 1``
    (so huge games are refused without computing a huge binomial).

    Examples
    --------
    >>> from coopgame.games.symmetric import count_vector_number
    >>> count_vector_number(4, 2), count_vector_number(3, 3)
    (4, 6)
    >>> count_vector_number(10**9, 10**9, cap=100)
    101
    """
    a, b = num_players - 1, num_actions - 1
    r = min(a, b)
    value = 1
    for i in range(1, r + 1):
        value = value * (a + b - r + i) // i  # C(a + b - r + i, i) stays an integer at every step
        if cap is not None and value > cap:
            return cap + 1
    return value


# ---------------------------------------------------------------------- the game
@public
class SymmetricGame:
    """An anonymous N-player game: payoffs depend on one's own action and on how many others play each action.

    Parameters
    ----------
    num_players : int
        Number of players ``N`` (at least 1).
    actions : int or sequence of str
        The number of actions ``m`` (labels ``"1"``, ..., ``"m"``) or the
        action labels, shared by all players.
    payoff : callable
        ``payoff(own, counts)``: the payoff of a player choosing action index
        ``own`` when ``counts[j]`` of the *other* players choose action ``j``
        (``counts`` is a tuple of ``m`` ints summing to ``N - 1``). It is
        called once for each own action and each count vector, at
        construction. To give a table instead, use :meth:`from_table`.
    exact : bool or None, optional
        As for :class:`~coopgame.NormalFormGame`: ``None`` (default) keeps the
        payoffs exact when they are Fractions (and no float is among them);
        ``True`` makes every payoff a Fraction; ``False`` floats.
    max_size : int, optional
        Largest payoff table accepted, ``m * C(N + m - 2, m - 1)`` entries
        (default :data:`MAX_TABLE_SIZE`, two million); checked in Python
        integers before anything is built or called.

    Raises
    ------
    InvalidGameError
        Invalid sizes or labels, a payoff function that returns something
        other than a finite real number.
    CallbackError
        The payoff function raised (the original error is the ``__cause__``).
    SolverLimitError
        A payoff table larger than ``max_size``.

    Notes
    -----
    The game is immutable. :attr:`count_vectors` lists the others' count
    vectors in reverse lexicographic order (for two actions, number ``k`` is
    ``(N - 1 - k, k)``) and :attr:`table` holds ``table[own, k]``. Memory and
    time grow with the number of count vectors, ``C(N + m - 2, m - 1)``, not
    with ``m ** N``. Equilibria: :func:`~coopgame.pure_equilibria` and
    :func:`~coopgame.mixed_equilibria` accept the game and return
    :class:`~coopgame.equilibria.symmetric.SymmetricEquilibrium` objects.

    Examples
    --------
    The volunteer's dilemma (Diekmann 1985): the good (worth ``b = 2``) is
    produced when at least one player volunteers at cost ``c = 1``.

    >>> from coopgame.games.symmetric import SymmetricGame
    >>> def payoff(own, counts):
    ...     volunteers = counts[0] + (own == 0)
    ...     return (2 if volunteers else 0) - (1 if own == 0 else 0)
    >>> game = SymmetricGame(4, ["Volunteer", "Abstain"], payoff)
    >>> game
    SymmetricGame(4 players, actions ('Volunteer', 'Abstain'), 4 count vectors, float payoffs)
    >>> game.count_vectors.tolist()
    [[3, 0], [2, 1], [1, 2], [0, 3]]
    >>> game.table.tolist()
    [[1.0, 1.0, 1.0, 1.0], [2.0, 2.0, 2.0, 0.0]]
    >>> game.payoff("Abstain", (0, 3))
    0.0
    """

    __slots__ = ("_actions", "_counts", "_exact", "_float", "_hash", "_n", "_scale", "_table")

    def __init__(self, num_players: int, actions: int | Sequence[str], payoff: Callable[[int, tuple[int, ...]], Any],
                 *, exact: bool | None = None, max_size: int = MAX_TABLE_SIZE) -> None:
        n, labels = self._validate_sizes(num_players, actions, max_size, _NAME)
        check_callable(payoff, "payoff (a function payoff(own, counts); use SymmetricGame.from_table for a table)", _NAME)
        counts = compositions(n - 1, len(labels))
        values = np.empty((len(labels), len(counts)), dtype=object)
        for k, c in enumerate(counts):
            key = tuple(int(v) for v in c)
            for own in range(len(labels)):
                values[own, k] = call_user(payoff, own, key, where=_NAME, what="payoff")
        self._init(n, labels, values, exact, "payoff")

    @staticmethod
    def _validate_sizes(num_players: Any, actions: Any, max_size: Any, where: str) -> tuple[int, tuple[str, ...]]:
        """The number of players and the action labels, once the table size is known to be within ``max_size``."""
        n = check_int(num_players, "num_players", where, minimum=1)
        limit = check_int(max_size, "max_size", where, minimum=1)
        if isinstance(actions, (int, np.integer)) and not isinstance(actions, (bool, np.bool_)):
            m = check_int(actions, "actions (a number of actions)", where, minimum=1)
            given = None
        elif isinstance(actions, (str, bytes)) or not isinstance(actions, (Sequence, np.ndarray)):
            raise InvalidGameError(
                f"{where}: expected actions as a number of actions or a sequence of labels, got {describe(actions)}")
        else:
            given = actions
            m = len(actions)
            if m == 0:
                raise InvalidGameError(f"{where}: expected at least one action label, got none")
        size = m * count_vector_number(n, m, cap=limit)
        check_size(where, size, limit, what="the payoff table (actions x count vectors of the others)",
                   limit_name="max_size", alternative="fewer actions or players")
        return n, _labels(given, m, default_actions(m), "action labels", where)

    def _init(self, n: int, labels: tuple[str, ...], values: np.ndarray, exact: bool | None, source: str) -> None:
        if exact is not None:
            exact = check_bool(exact, "exact", _NAME)
        arr = values
        counts = compositions(n - 1, len(labels))

        def locate(_k: int, idx: tuple[int, ...]) -> str:
            return f"from {source}({idx[0]}, {tuple(int(x) for x in counts[idx[1]])})"

        (table,) = numeric_arrays([arr], exact, _NAME, locate)
        self._n = n
        self._actions = labels
        self._table = readonly(table)
        self._exact = table.dtype == object
        self._counts = counts
        self._hash: int | None = None
        self._float: np.ndarray | None = None if self._exact else self._table
        self._scale: float | None = None

    @classmethod
    def from_table(cls, num_players: int, actions: int | Sequence[str], table: Any,
                   *, exact: bool | None = None, max_size: int = MAX_TABLE_SIZE) -> SymmetricGame:
        """A symmetric game from a payoff table ``table[own][k]``.

        ``k`` numbers the count vectors of the other players as in
        :attr:`count_vectors`; with two actions, ``k`` is the number of
        *other* players choosing the *second* action (``0`` to ``N - 1``).

        Examples
        --------
        Linear public goods with ``N = 3``, contribution cost 1 and return
        ``r = 1.5`` (actions: contribute, free-ride):

        >>> from coopgame.games.symmetric import SymmetricGame
        >>> N, r = 3, 1.5
        >>> table = [[r * (N - k) / N - 1 for k in range(N)],
        ...          [r * (N - 1 - k) / N for k in range(N)]]
        >>> game = SymmetricGame.from_table(N, ["Contribute", "Free-ride"], table)
        >>> game.payoff("Contribute", (2, 0)), game.payoff("Free-ride", (2, 0))
        (0.5, 1.0)
        """
        where = f"{_NAME}.from_table"
        n, labels = cls._validate_sizes(num_players, actions, max_size, where)
        size = count_vector_number(n, len(labels))
        arr = payoff_array(table, 0, where)
        if arr.shape != (len(labels), size):
            raise InvalidGameError(
                f"{_NAME}.from_table: expected a table of shape ({len(labels)}, {size}) "
                f"(own action, count vector of the others), got shape {arr.shape}"
            )
        game = cls.__new__(cls)
        game._init(n, labels, arr, exact, "table")
        return game

    # ------------------------------------------------------------------ properties
    @property
    def num_players(self) -> int:
        """Number of players ``N``."""
        return self._n

    @property
    def num_actions(self) -> int:
        """Number of actions ``m``."""
        return len(self._actions)

    @property
    def actions(self) -> tuple[str, ...]:
        """Action labels (the same for every player)."""
        return self._actions

    @property
    def players(self) -> tuple[str, ...]:
        """Player names ``("Player 1", ..., "Player N")`` (as in :meth:`to_normal_form`)."""
        return tuple(f"Player {i + 1}" for i in range(self._n))

    @property
    def count_vectors(self) -> np.ndarray:
        """The others' count vectors, shape ``(K, m)``, in reverse lexicographic order (read-only)."""
        return self._counts

    @property
    def table(self) -> np.ndarray:
        """Payoffs ``table[own, k]`` against count vector ``k`` of the others, shape ``(m, K)`` (read-only)."""
        return self._table

    @property
    def float_table(self) -> np.ndarray:
        """:attr:`table` as float64."""
        if self._float is None:
            self._float = readonly(as_float(self._table))
        return self._float

    @property
    def is_exact(self) -> bool:
        """True when payoffs are exact Fractions."""
        return self._exact

    @property
    def tolerance(self) -> float:
        """``TOLERANCE * max(1, max |payoff|)``; 0 when exact."""
        return 0.0 if self._exact else self.float_tolerance

    @property
    def float_tolerance(self) -> float:
        """``TOLERANCE * max(1, max |payoff|)``: the tolerance of any computation done in floats (see :mod:`coopgame._numeric`)."""
        if self._scale is None:
            self._scale = float(np.abs(self.float_table).max())
        return scaled_tolerance(self._scale)

    # ------------------------------------------------------------------ lookups
    def action_index(self, action: int | str | np.integer[Any]) -> int:
        """Index of an action given by label or index."""
        if isinstance(action, str):
            try:
                return self._actions.index(action)
            except ValueError:
                raise InvalidProfileError(f"{_NAME}: expected an action in {self._actions}, got {action!r}") from None
        if isinstance(action, (int, np.integer)) and not isinstance(action, bool) and 0 <= action < self.num_actions:
            return int(action)
        raise InvalidProfileError(
            f"{_NAME}: expected an action label or an index from 0 to {self.num_actions - 1}, got {describe(action)}"
        )

    def _counts_vector(self, counts: Any, total: int, where: str, whose: str) -> np.ndarray:
        try:
            c = np.array(counts)
        except (ValueError, TypeError):
            c = None
        if (c is None or c.shape != (self.num_actions,) or c.dtype.kind not in "iu"
                or (c < 0).any() or int(c.sum()) != total):
            raise InvalidProfileError(
                f"{where}: expected {self.num_actions} non-negative integer counts ({whose}) summing to {total}, "
                f"got {describe(counts)}"
            )
        return c.astype(np.int64)

    def count_index(self, counts: Sequence[int]) -> int:
        """Position of the others' count vector ``counts`` in :attr:`count_vectors`."""
        c = self._counts_vector(counts, self._n - 1, f"{_NAME}.count_index", "of the other players")
        return int(composition_rank(c[None, :], self._n - 1)[0])

    def payoff(self, own: int | str, counts: Sequence[int]) -> Any:
        """Payoff of playing ``own`` when ``counts[j]`` of the others play action ``j``."""
        a = self.action_index(own)
        v = self._table[a, self.count_index(counts)]
        return v if self._exact else float(v)

    def profile_payoffs(self, counts: Sequence[int]) -> tuple[Any, ...]:
        """Payoff of a player on each action when ``counts[j]`` players (all ``N``) play action ``j``.

        ``None`` for the actions nobody plays.

        Examples
        --------
        >>> from coopgame.games.symmetric import SymmetricGame
        >>> game = SymmetricGame(3, 2, lambda own, c: c[0] - own, exact=True)
        >>> game.profile_payoffs((2, 1))
        (Fraction(1, 1), Fraction(1, 1))
        """
        c = self._counts_vector(counts, self._n, f"{_NAME}.profile_payoffs", "of all players")
        out: list[Any] = []
        for a in range(self.num_actions):
            if c[a] == 0:
                out.append(None)
                continue
            others = c.copy()
            others[a] -= 1
            v = self._table[a, int(composition_rank(others[None, :], self._n - 1)[0])]
            out.append(v if self._exact else float(v))
        return tuple(out)

    def count_regret(self, counts: Sequence[int]) -> Any:
        """Largest gain of any player from switching action at the pure count profile ``counts``."""
        c = self._counts_vector(counts, self._n, f"{_NAME}.count_regret", "of all players")
        regret: Any = Fraction(0) if self._exact else 0.0
        for a in range(self.num_actions):
            if c[a] == 0:
                continue
            others = c.copy()
            others[a] -= 1
            col = self._table[:, int(composition_rank(others[None, :], self._n - 1)[0])]
            regret = max(regret, col.max() - col[a])
        return regret if self._exact else float(regret)

    # ------------------------------------------------------------------ mixed strategies
    def strategy(self, strategy: Any, where: str = _NAME) -> np.ndarray:
        """Validate a symmetric mixed strategy (probability vector, or an action label / index)."""
        if isinstance(strategy, (str, int, np.integer)) and not isinstance(strategy, (bool, np.bool_)):
            v = np.zeros(self.num_actions, dtype=int)
            v[self.action_index(strategy)] = 1
            strategy = v
        return probability_vector(strategy, self.num_actions, "the strategy", where, exact=self._exact)

    def count_probabilities(self, strategy: Any) -> np.ndarray:
        """Probability of each of the others' count vectors when each of them plays ``strategy`` (multinomial)."""
        x = self.strategy(strategy, f"{_NAME}.count_probabilities")
        n = self._n - 1
        counts = self._counts
        if x.dtype == object:
            out = np.empty(len(counts), dtype=object)
            for k, c in enumerate(counts):
                coef = math.factorial(n)
                prob = Fraction(1)
                for j, cj in enumerate(c):
                    cj = int(cj)
                    coef //= math.factorial(cj)
                    if cj:
                        prob *= x[j] ** cj
                out[k] = coef * prob
            return out
        from scipy.special import gammaln, xlogy

        logp = gammaln(n + 1) - gammaln(counts + 1).sum(axis=1) + xlogy(counts, x[None, :]).sum(axis=1)
        return np.exp(logp)

    def action_values(self, strategy: Any) -> np.ndarray:
        """Expected payoff of each action when every other player plays the mixed ``strategy``.

        Examples
        --------
        >>> from fractions import Fraction
        >>> from coopgame.games.symmetric import SymmetricGame
        >>> game = SymmetricGame(3, 2, lambda own, c: c[0] - own, exact=True)
        >>> game.action_values([Fraction(1, 2), Fraction(1, 2)]).tolist()
        [Fraction(1, 1), Fraction(0, 1)]
        """
        probs = self.count_probabilities(strategy)
        table = self._table if probs.dtype == object else self.float_table
        return table @ probs

    def regret(self, strategy: Any) -> Any:
        """Regret of a player when everyone plays ``strategy``: best action value minus the expected payoff."""
        x = self.strategy(strategy, f"{_NAME}.regret")
        values = self.action_values(x)
        if values.dtype != object:
            x = as_float(x)
        return values.max() - values @ x

    # ------------------------------------------------------------------ conversion
    def to_normal_form(self, *, max_profiles: int = MAX_NORMAL_FORM_PROFILES) -> NormalFormGame:
        """The full :class:`~coopgame.NormalFormGame` (``m ** N`` profiles), for small games.

        Raises
        ------
        SolverLimitError
            When ``m ** N`` exceeds ``max_profiles`` (default :data:`MAX_NORMAL_FORM_PROFILES`).

        Examples
        --------
        >>> from coopgame.games.symmetric import SymmetricGame
        >>> game = SymmetricGame(2, ["C", "D"], lambda own, c: [[3, 0], [5, 1]][own][c[1]])
        >>> game.to_normal_form()
        NormalFormGame (Player 1: rows, Player 2: columns)
             C     D
        C  3, 3  0, 5
        D  5, 0  1, 1
        """
        where = f"{_NAME}.to_normal_form"
        limit = check_int(max_profiles, "max_profiles", where, minimum=1)
        n, m = self._n, self.num_actions
        check_size(where, m ** n, limit,
                   what=f"the number of pure profiles {m}**{n}", limit_name="max_profiles",
                   alternative="pure_equilibria / mixed_equilibria on the SymmetricGame itself")
        shape = (m,) * n
        idx = np.indices(shape).reshape(n, -1).T  # (P, N) action of each player
        full = np.stack([(idx == a).sum(axis=1) for a in range(m)], axis=1)
        payoffs = []
        rows = np.arange(idx.shape[0])
        for i in range(n):
            own = idx[:, i]
            others = full.copy()
            others[rows, own] -= 1
            k = composition_rank(others, n - 1)
            payoffs.append(self._table[own, k].reshape(shape))
        return NormalFormGame(payoffs, self.players, [self._actions] * n, exact=self._exact)

    def to_float(self) -> SymmetricGame:
        """The same game with float payoffs."""
        if not self._exact:
            return self
        game = SymmetricGame.__new__(SymmetricGame)
        game._init(self._n, self._actions, self.float_table, False, "table")
        return game

    # ------------------------------------------------------------------ dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SymmetricGame):
            return NotImplemented
        return (self._n == other._n and self._actions == other._actions and self._exact == other._exact
                and np.array_equal(self._table, other._table))

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self._n, self._actions, self._exact, (self.float_table + 0.0).tobytes()))
        return self._hash

    def __repr__(self) -> str:
        kind = "exact" if self._exact else "float"
        return (f"{_NAME}({self._n} players, actions {self._actions}, {len(self._counts)} count vectors, "
                f"{kind} payoffs)")

    def _repr_html_(self) -> str:
        """The payoff table for notebooks: own action (rows) against the others' count vectors (columns)."""
        shown = min(len(self._counts), _DISPLAY_COLUMNS)
        header = ["own action", *(str(tuple(int(x) for x in c)) for c in self._counts[:shown])]
        rows = [[a, *(format_number(v) for v in self._table[i, :shown])] for i, a in enumerate(self._actions)]
        more = f"; the first {shown} of {len(self._counts)} count vectors" if shown < len(self._counts) else ""
        caption = (f"{_NAME}: {self._n} players; a player's payoff by its own action (rows) and how many of the "
                   f"{self._n - 1} others play {', '.join(self._actions)} (columns){more}")
        return html_table(rows, header=header, caption=caption)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._n, self._actions, self._table, self._exact))


def _rebuild(n: int, actions: tuple[str, ...], table: np.ndarray, exact: bool) -> SymmetricGame:
    return SymmetricGame.from_table(n, actions, table, exact=exact, max_size=max(MAX_TABLE_SIZE, table.size))
