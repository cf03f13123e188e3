"""Transferable-utility (TU) games stored as arrays indexed by bitmask.

A TU game on players ``0, ..., n-1`` assigns a worth ``v(S)`` to every
coalition ``S``. Coalitions are stored by bitmask: bit ``i`` of the index is
set when player ``i`` is in the coalition, so ``values[0]`` is the empty
coalition and ``values[2**n - 1]`` the grand coalition.

Games whose worths are all ints or Fractions are *exact*: they are stored as
an object array of :class:`fractions.Fraction` and every solution concept
returns Fractions. Otherwise the worths are stored as float64.

Cost games
----------
``TUGame(n, costs, cost=True)`` stores a cost game ``c(S)``: the Shapley and
Banzhaf values are the cost shares (linear, so computed as usual); the core
is ``{x : x(N) = c(N), x(S) <= c(S)}`` and the nucleolus minimises the
largest *cost* excess ``x(S) - c(S)``, i.e. they are the negatives of the
concepts of the game ``-c``. :meth:`TUGame.from_costs` builds instead the
savings game ``v(S) = sum_{i in S} c({i}) - c(S)`` (a benefit game).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import call_user, check_bool, check_choice, check_int, check_size, describe, progress_bar, public
from coopgame._numeric import classify_scalar, to_fraction
from coopgame.errors import InvalidGameError, InvalidGameTypeError

if TYPE_CHECKING:
    from coopgame.games.coerce import GameLike

__all__ = ["MAX_PLAYERS", "TUGame"]

#: Default largest number of players a :class:`TUGame` accepts (``2**20`` coalitions, about a million worths,
#: built in a few seconds); the keyword ``max_players`` raises it.
MAX_PLAYERS = 20


@public
class TUGame:
    """A transferable-utility game ``v`` on ``num_players`` players.

    Parameters
    ----------
    num_players : int
        Number of players, at least 1 (``2**n`` worths are stored).
    values : dict, callable or array
        The worths: a dict from coalitions (frozensets, sets, tuples or lists of
        player indices) to worths, missing coalitions worth 0; a callable taking
        a frozenset of player indices; or a sequence/array of length ``2**n``
        indexed by bitmask (bit ``i`` = player ``i``). The empty coalition must
        be worth 0.
    players : sequence of str, optional
        Player labels (default ``"0"``, ``"1"``, ...). :meth:`value` accepts
        labels as well as indices.
    cost : bool, default False
        True when the worths are costs (see the module docstring).
    max_players : int, default :data:`MAX_PLAYERS` (20)
        Size budget: more players are refused with a
        :class:`~coopgame.SolverLimitError` before anything is built (the
        worths double with each player). Raise it to accept the work.
    progress : bool or None, default None
        A progress bar while a worth function is called for every coalition:
        None shows one in a terminal or notebook once the work has run for a
        second, True always, False never.

    Raises
    ------
    SolverLimitError
        More than ``max_players`` players.
    CallbackError
        A worth function that raises (the original error is its ``__cause__``).
    InvalidGameError
        Worths that are not finite real numbers, or a non-zero empty coalition.

    Examples
    --------
    The glove game: player 0 holds a left glove, players 1 and 2 right gloves;
    a pair is worth 1.

    >>> from coopgame.cooperative import TUGame
    >>> g = TUGame(3, {(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
    >>> g
    TUGame(num_players=3, exact, v(N)=1)
    >>> [str(x) for x in g.shapley_value()]
    ['2/3', '1/6', '1/6']
    >>> g.value({0, 2})
    Fraction(1, 1)
    """

    __slots__ = ("_cost", "_exact", "_hash", "_ints", "_n", "_players", "_v")

    def __init__(self, num_players: int, values: Any, players: Iterable[str] | None = None, *, cost: bool = False,
                 max_players: int = MAX_PLAYERS, progress: bool | None = None):
        func = "TUGame"
        if isinstance(num_players, (bool, np.bool_)) or not isinstance(num_players, (int, np.integer)):
            raise InvalidGameTypeError(f"{func}: expected num_players as an int, got {num_players!r}")
        n = int(num_players)
        if n < 1:
            raise InvalidGameError(f"{func}: expected num_players of at least 1, got {n}")
        limit = check_int(max_players, "max_players", func, minimum=1)
        check_size(func, n, limit, what="the number of players (2**n coalition worths are stored)",
                   limit_name="max_players",
                   alternative="a closed-form sharing rule such as airport_shapley or upstream_equal_sharing instead")
        cost = check_bool(cost, "cost", func)
        size = 1 << n
        ints = None
        if isinstance(values, dict):
            raw: list[Any] = [0] * size
            for key, val in values.items():
                mask = _mask_of(key, n, func)
                raw[mask] = val
        elif callable(values):
            raw = _call_worths(values, n, func, progress)
        else:
            if isinstance(values, (list, tuple)) and any(isinstance(x, (bool, np.bool_)) for x in values):
                raise InvalidGameError(f"{func}: expected worths that are real numbers, got a boolean")
            try:
                arr = np.asarray(values)
            except (ValueError, TypeError):  # ragged nesting
                raise InvalidGameError(
                    f"{func}: expected a dict, a callable or a flat sequence of 2**{n} = {size} worths, "
                    f"got {type(values).__name__} {values!r:.80}"
                ) from None
            if arr.ndim != 1 or arr.shape[0] != size:
                raise InvalidGameError(f"{func}: values array must have length 2**{n} = {size} (expected one worth per "
                                       f"coalition), got shape {arr.shape}")
            if arr.dtype.kind == "f":
                if not np.all(np.isfinite(arr)):
                    raise InvalidGameError(f"{func}: expected finite values, got NaN or infinite entries")
                raw = None  # type: ignore[assignment]
                stored = np.array(arr, dtype=float)
            elif arr.dtype.kind == "b":
                raise InvalidGameError(f"{func}: expected worths that are real numbers, got a boolean array")
            elif arr.dtype.kind in "iu":
                raw = None  # type: ignore[assignment]
                # one Fraction per distinct worth (Fractions are immutable, so entries may share one)
                uniq, inverse = np.unique(arr, return_inverse=True)
                fracs = np.empty(uniq.size, dtype=object)
                fracs[:] = [Fraction(int(x)) for x in uniq.tolist()]
                stored = fracs[inverse.reshape(-1)]
                if arr.dtype.kind != "u" or arr.dtype.itemsize < 8:
                    ints = arr.astype(np.int64)
            else:
                raw = list(arr.tolist())
        if raw is not None:
            if any(isinstance(x, (bool, np.bool_)) for x in raw):
                raise InvalidGameError(f"{func}: expected worths that are real numbers, got a boolean")
            kinds = {classify_scalar(x) for x in raw}
            bad = kinds - {"int", "exact", "float"}
            if bad:
                raise InvalidGameError(f"{func}: expected worths that are finite real numbers, got {sorted(bad)} entries")
            if "float" in kinds:
                stored = np.array([float(x) for x in raw], dtype=float)
            else:
                stored = np.empty(size, dtype=object)
                stored[:] = [to_fraction(x) for x in raw]
        if stored[0] != 0:
            raise InvalidGameError(f"{func}: expected the empty coalition to be worth 0, got {stored[0]!r}")
        stored.flags.writeable = False
        if players is None:
            labels = tuple(str(i) for i in range(n))
        else:
            if isinstance(players, (str, bytes)) or not isinstance(players, (Sequence, np.ndarray)):
                raise InvalidGameError(f"{func}: expected {n} distinct player labels, got {describe(players)}")
            labels = tuple(str(p) for p in players)
            if len(labels) != n or len(set(labels)) != n:
                raise InvalidGameError(f"{func}: expected {n} distinct player labels, got {labels!r}")
        self._n = n
        self._v = stored
        self._exact = stored.dtype == object
        self._players = labels
        self._cost = bool(cost)
        self._ints = ints
        self._hash: int | None = None

    # ------------------------------------------------------------------ basics
    @classmethod
    @public
    def from_costs(cls, num_players: int, costs: Any, players: Iterable[str] | None = None) -> TUGame:
        """Savings game ``v(S) = sum_{i in S} c({i}) - c(S)`` of a cost game ``c``.

        ``costs`` takes any form that ``values`` of :class:`TUGame` takes.

        Examples
        --------
        >>> from coopgame.cooperative import TUGame
        >>> s = TUGame.from_costs(2, {(0,): 6, (1,): 4, (0, 1): 8})
        >>> [str(s.value(c)) for c in [(0,), (1,), (0, 1)]]
        ['0', '0', '2']
        """
        c = TUGame(num_players, costs, players)
        n = c._n
        single = np.array([c._v[1 << i] for i in range(n)], dtype=c._v.dtype)
        masks = np.arange(1 << n)
        total = np.zeros(1 << n, dtype=c._v.dtype) if not c._exact else np.full(1 << n, Fraction(0), dtype=object)
        for i in range(n):
            sel = ((masks >> i) & 1).astype(bool)
            total[sel] = total[sel] + single[i]
        return cls(n, total - c._v, c._players)

    @classmethod
    @public
    def from_normal_form(cls, game: GameLike, kind: str = "alpha", *, mixed: bool = True,
                         selection: str = "worst", max_profiles: int = 1 << 16) -> TUGame:
        """The TU game of a strategic-form game: what each coalition can guarantee itself.

        A coalition ``S`` acts as one player whose payoff is the sum of its
        members' payoffs (utility is transferable within ``S``); ``v(N)`` is
        the largest total payoff of any profile and ``v(empty) = 0``. The
        kinds differ in what the coalition expects of the others:

        ``"alpha"``
            ``S`` commits first, the complement then punishes:
            ``max over S's strategies of min over the complement's joint
            actions``. With ``mixed=True`` (default) ``S`` may randomise over
            its joint actions (correlating its members), and the value is
            that of the zero-sum game between ``S`` and its complement (an
            LP); this is von Neumann and Morgenstern's characteristic
            function. With ``mixed=False`` only pure joint actions are used.
        ``"beta"``
            The complement commits first and ``S`` replies:
            ``min over the complement's strategies of max over S's joint
            actions``. With ``mixed=True`` the complement may randomise
            (correlated), and by the minimax theorem the value equals the
            mixed ``"alpha"`` value; with ``mixed=False`` it is the pure
            min-max, at least the pure ``"alpha"`` value.
        ``"gamma"``
            (Chander and Tulkens 1997) ``S`` plays against the outsiders
            acting separately, each maximising its own payoff: ``v(S)`` is
            ``S``'s total payoff at a Nash equilibrium of the game with ``S``
            merged into one player and the outsiders as singletons. Two-player
            merged games use all extreme mixed equilibria
            (``mixed_equilibria``), larger ones pure equilibria
            (``pure_equilibria``); ``selection`` picks the equilibrium worst
            (default) or best for ``S`` when there are several.

        Parameters
        ----------
        game : NormalFormGame
        kind : {"alpha", "beta", "gamma"}
        mixed : bool, default True
            Mixed (correlated within a coalition) or pure strategies for
            ``"alpha"`` and ``"beta"``.
        selection : {"worst", "best"}, default "worst"
            Equilibrium selection for ``"gamma"``.
        max_profiles : int, default ``2**16``
            Size budget: games with more pure profiles are refused (one LP
            or equilibrium search per coalition).

        Returns
        -------
        TUGame
            On the game's players (labels kept); exact when the game is exact
            (mixed values are recomputed in Fractions from the LP's supports).

        Raises
        ------
        SolverLimitError
            For more than 12 players or more than ``max_profiles`` pure profiles.
        SolverError
            For ``"gamma"`` when a merged game with three or more players has
            no pure equilibrium.

        Examples
        --------
        Two regions, each governing (cost 2, benefit 3 to both) or free-riding:

        >>> from coopgame.games.normal_form import NormalFormGame
        >>> from coopgame.cooperative.tu_game import TUGame
        >>> pd = NormalFormGame([[[4, 1], [3, 0]], [[4, 3], [1, 0]]], exact=True)
        >>> g = TUGame.from_normal_form(pd, "alpha")
        >>> [str(g.value(S)) for S in [(0,), (1,), (0, 1)]]
        ['1', '1', '8']

        Matching pennies: a lone player guarantees 0 by mixing, -1 with pure actions.

        >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
        >>> [str(TUGame.from_normal_form(pennies, k, mixed=m).value({0}))
        ...  for k, m in [("alpha", True), ("alpha", False), ("beta", False)]]
        ['0', '-1', '1']
        """
        from coopgame.cooperative._from_normal_form import characteristic_values

        values, labels = characteristic_values(game, kind, mixed, selection, max_profiles)
        return cls(len(labels), values, labels)

    def _integer_values(self) -> tuple[np.ndarray | None, int]:
        """(int64 worths, 1) when the game was built from an integer array, else (None, 1)."""
        if self._ints is None:
            return None, 1
        ints = self._ints.view()
        ints.flags.writeable = False
        return ints, 1

    @property
    def num_players(self) -> int:
        """Number of players."""
        return self._n

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def values(self) -> np.ndarray:
        """Read-only array of worths indexed by bitmask."""
        return self._v

    @property
    def is_exact(self) -> bool:
        """True when worths are Fractions."""
        return self._exact

    @property
    def cost(self) -> bool:
        """True when worths are costs."""
        return self._cost

    @property
    def grand_value(self) -> Any:
        """Worth of the grand coalition."""
        return self._v[-1]

    @public
    def value(self, coalition: Iterable[Any]) -> Any:
        """Worth of a coalition given as player indices or labels.

        Examples
        --------
        >>> from coopgame.cooperative import TUGame
        >>> TUGame(2, [0, 1, 2, 5], players=["a", "b"]).value(["a", "b"])
        Fraction(5, 1)
        """
        return self._v[_mask_of(coalition, self._n, "TUGame.value", self._players)]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TUGame):
            return NotImplemented
        return (
            self._n == other._n
            and self._cost == other._cost
            and self._players == other._players
            and self._exact == other._exact
            and bool(np.all(self._v == other._v))
        )

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self._n, self._cost, self._players, self._exact, tuple(self._v.tolist())))
        return self._hash

    def __repr__(self) -> str:
        from coopgame._numeric import format_number

        kind = "exact" if self._exact else "float"
        extra = ", cost" if self._cost else ""
        return f"TUGame(num_players={self._n}, {kind}{extra}, v(N)={format_number(self._v[-1])})"

    def __reduce__(self) -> tuple[Any, ...]:  # pickling (process pools): rebuild through the constructor
        values = self._ints if self._ints is not None else self._v
        return (_rebuild_game, (self._n, values, self._players, self._cost))

    def __setattr__(self, name: str, value: Any) -> None:
        if name in TUGame.__slots__ and not hasattr(self, "_hash") or name == "_hash":
            object.__setattr__(self, name, value)
        else:
            raise AttributeError("TUGame is immutable")

    # --------------------------------------------------------------- solutions
    @public
    def shapley_value(self, method: str = "exact", *, samples: int = 1000, seed: Any = None) -> Any:
        """Shapley value (cost shares for a cost game).

        ``method="exact"`` sums ``|S|!(n-|S|-1)!/n!`` times marginal
        contributions over all coalitions (vectorised over bitmasks; Fractions
        for exact games). ``method="monte_carlo"`` averages marginal
        contributions over ``samples`` random orders and returns a
        :class:`~coopgame.cooperative.shapley.MonteCarloShapley` with standard
        errors.

        Examples
        --------
        >>> from coopgame.cooperative import TUGame
        >>> g = TUGame(3, lambda S: len(S) ** 2)
        >>> [str(x) for x in g.shapley_value()]
        ['3', '3', '3']
        >>> mc = g.shapley_value(method="monte_carlo", samples=4000, seed=1)
        >>> bool(all(abs(mc.values - 3) < 4 * mc.standard_errors + 1e-12))
        True
        """
        from coopgame.cooperative import shapley

        if check_choice(method, "method", "TUGame.shapley_value", ("exact", "monte_carlo")) == "exact":
            return shapley.exact_shapley(self)
        return shapley.monte_carlo_shapley(self, samples=samples, seed=seed)

    @public
    def banzhaf_value(self) -> np.ndarray:
        """Banzhaf value: average marginal contribution over the ``2**(n-1)`` coalitions without ``i``.

        Examples
        --------
        >>> from coopgame.cooperative import TUGame
        >>> g = TUGame(3, {(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
        >>> [str(x) for x in g.banzhaf_value()]
        ['3/4', '1/4', '1/4']
        """
        from coopgame.cooperative import shapley

        return shapley.banzhaf(self)

    @public
    def core_contains(self, x: Any) -> bool:
        """True when ``x`` is in the core (exactly for exact games, else within the tolerance).

        Examples
        --------
        >>> from coopgame.cooperative import TUGame
        >>> g = TUGame(3, {(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
        >>> g.core_contains([1, 0, 0]), g.core_contains([0.5, 0.25, 0.25])
        (True, False)
        """
        from coopgame.cooperative import core

        return core.core_contains(self, x)

    @public
    def core_is_empty(self, *, max_players: int | None = None) -> bool:
        """True when the core is empty (the least-core excess is positive).

        Examples
        --------
        >>> from coopgame.cooperative import TUGame
        >>> TUGame(3, lambda S: 1 if len(S) >= 2 else 0).core_is_empty()
        True
        """
        from coopgame.cooperative import core

        return core.core_is_empty(self, max_players=max_players)

    @public
    def least_core(self, *, max_players: int | None = None) -> Any:
        """Least core: smallest ``epsilon`` with ``x(S) + epsilon >= v(S)`` for proper ``S``.

        Returns a :class:`~coopgame.cooperative.core.LeastCore` holding
        ``epsilon`` and ``allocation`` (the pre-nucleolus, a point of the least core).
        ``max_players`` is the size budget of the LPs (default
        :data:`~coopgame.cooperative.nucleolus.LP_MAX_PLAYERS`, 16).

        Examples
        --------
        >>> from coopgame.cooperative import TUGame
        >>> lc = TUGame(3, lambda S: 1 if len(S) >= 2 else 0).least_core()
        >>> str(lc.epsilon), [str(x) for x in lc.allocation]
        ('1/3', ['1/3', '1/3', '1/3'])
        """
        from coopgame.cooperative import core

        return core.least_core(self, max_players=max_players)

    @public
    def nucleolus(self, *, max_players: int | None = None) -> np.ndarray:
        """Nucleolus (over imputations) by the Maschler-Peleg-Shapley sequence of LPs.

        ``max_players`` is the size budget of the LPs (``2**n`` constraints;
        default :data:`~coopgame.cooperative.nucleolus.LP_MAX_PLAYERS`, 16).

        Examples
        --------
        >>> from coopgame.cooperative import TUGame
        >>> g = TUGame(3, {(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
        >>> [str(x) for x in g.nucleolus()]
        ['1', '0', '0']
        """
        from coopgame.cooperative import nucleolus

        return nucleolus.nucleolus(self, max_players=max_players)


def _call_worths(worth: Any, n: int, func: str, progress: bool | None) -> list[Any]:
    """The worth function at every coalition, by bitmask, with an optional progress bar."""
    size = 1 << n
    bar = progress_bar(progress, size, func, unit="coalition")
    raw: list[Any] = []
    try:
        for m in range(size):
            raw.append(call_user(worth, frozenset(i for i in range(n) if (m >> i) & 1), where=func, what="values"))
            if bar is not None and (m + 1) % 4096 == 0:  # a batch, so the bar costs nothing per coalition
                bar.update(4096)
    finally:
        if bar is not None:
            bar.close()
    return raw


def _rebuild_game(n: int, values: Any, players: tuple[str, ...], cost: bool) -> TUGame:
    return TUGame(n, values, players, cost=cost, max_players=max(n, MAX_PLAYERS))


def _mask_of(coalition: Any, n: int, func: str, labels: tuple[str, ...] | None = None) -> int:
    if isinstance(coalition, (int, np.integer)) and not isinstance(coalition, bool):
        coalition = (coalition,)
    try:
        members = list(coalition)
    except TypeError:
        raise InvalidGameError(f"{func}: expected a coalition as a set of player indices, got {coalition!r}") from None
    mask = 0
    for p in members:
        if labels is not None and isinstance(p, str) and p in labels:
            p = labels.index(p)
        if isinstance(p, bool) or not isinstance(p, (int, np.integer)) or not 0 <= int(p) < n:
            raise InvalidGameError(f"{func}: coalition member {p!r} is not a player index "
                                   f"(expected one of 0..{n - 1}), got {p!r}")
        mask |= 1 << int(p)
    return mask


def _scale(v: np.ndarray) -> float:
    return max(1.0, float(np.max(np.abs(v.astype(float))))) if v.size else 1.0

