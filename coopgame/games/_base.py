"""What every finite game in strategic form shares: players, action labels, profiles, tables, instruments.

:class:`GameBase` is the base of :class:`~coopgame.NormalFormGame` and
:class:`~coopgame.SymbolicGame`. Applying instruments or substituting
parameters can turn one kind into the other (a symbolic subsidy on a numeric
game gives a symbolic game; substituting every parameter gives a numeric
one): :func:`build_game` makes the right kind. The two classes register
themselves here when they are defined (``class NormalFormGame(GameBase,
kind="numeric")``), so this module needs neither and neither imports the
other to build it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np
import sympy

from coopgame._checks import describe, public
from coopgame.errors import InvalidGameError, InvalidGameTypeError, InvalidProfileError
from coopgame.games._display import html_tables, latex_tables, text_table
from coopgame.games.expressions import free_symbols

__all__ = ["GameBase", "Action", "PureProfile", "Instrument", "build_game"]

#: An action named by its label (``str``) or its index (``int``).
Action = int | str
#: One action per player.
PureProfile = Sequence[Action]


@runtime_checkable
class Instrument(Protocol):
    """A policy instrument: a transformation of payoff arrays and action labels (see :mod:`coopgame.mechanisms`)."""

    def transform(self, payoffs: Sequence[np.ndarray], players: Sequence[str],
                  actions: Sequence[Sequence[str]]) -> tuple[Sequence[np.ndarray], Sequence[Sequence[str]]]: ...


def _labels(given: Any, count: int, default: Iterable[str], what: str, where: str) -> tuple[str, ...]:
    """``count`` distinct string labels, or ``default`` when ``given`` is None."""
    if given is None:
        return tuple(default)
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise InvalidGameError(f"{where}: expected a sequence of {count} {what}, got {describe(given)}")
    labels = tuple(given)
    if len(labels) != count:
        raise InvalidGameError(f"{where}: expected {count} {what}, got {len(labels)}: {describe(labels)}")
    for lab in labels:
        if not isinstance(lab, str):
            raise InvalidGameError(f"{where}: expected {what} as strings, got {describe(lab)}")
    labels = tuple(str(lab) for lab in labels)  # plain str (numpy arrays of labels give np.str_)
    if len(set(labels)) != count:
        raise InvalidGameError(f"{where}: expected distinct {what}, got {describe(labels)}")
    return labels


def default_actions(count: int) -> tuple[str, ...]:
    """Gambit's default action labels ``"1"``, ..., ``"count"``."""
    return tuple(str(j + 1) for j in range(count))


def game_labels(players: Any, actions: Any, shape: tuple[int, ...],
                where: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Player names and action labels of a game of ``shape``; None (for all, or for one player) means the defaults."""
    n = len(shape)
    names = _labels(players, n, (f"Player {i + 1}" for i in range(n)), "player names", where)
    if actions is None:
        return names, tuple(default_actions(m) for m in shape)
    if isinstance(actions, (str, bytes)) or not isinstance(actions, Iterable):
        raise InvalidGameError(f"{where}: expected one sequence of action labels per player, got {describe(actions)}")
    acts = list(actions)
    if len(acts) != n:
        raise InvalidGameError(f"{where}: expected action labels for {n} players, got {len(acts)} sequences")
    return names, tuple(
        _labels(a, m, default_actions(m),
                f"action labels for {names[i]!r} (the payoff arrays have {m} actions on axis {i})", where)
        for i, (a, m) in enumerate(zip(acts, shape))
    )


class GameBase:
    """Labels and profiles of a game whose payoffs are arrays of shape :attr:`shape`."""

    __slots__ = ()
    _payoffs: tuple[np.ndarray, ...]
    _players: tuple[str, ...]
    _actions: tuple[tuple[str, ...], ...]
    _instruments: tuple[Any, ...]
    #: The game classes by kind ("numeric", "symbolic"), filled as they are defined.
    _kinds: ClassVar[dict[str, Callable[..., Any]]] = {}

    def __init_subclass__(cls, kind: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if kind is not None:
            GameBase._kinds[kind] = cls

    @property
    def _name(self) -> str:
        return type(self).__name__

    @property
    def payoffs(self) -> tuple[np.ndarray, ...]:
        """Payoff arrays, one per player, each of shape :attr:`shape` (read-only)."""
        return self._payoffs

    @property
    def num_players(self) -> int:
        """Number of players ``N``."""
        return len(self._payoffs)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(self._payoffs[0].shape)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Action labels, one tuple per player."""
        return self._actions

    @property
    def instruments(self) -> tuple[Any, ...]:
        """Policy instruments applied to obtain this game (see :meth:`apply`)."""
        return self._instruments

    def player_index(self, player: int | str) -> int:
        """Index of a player given by name or index."""
        if isinstance(player, str):
            try:
                return self._players.index(player)
            except ValueError:
                raise InvalidProfileError(f"{self._name}: expected a player name in {self._players}, got {player!r}") from None
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool) and 0 <= player < self.num_players:
            return int(player)
        raise InvalidProfileError(
            f"{self._name}: expected a player name or an index from 0 to {self.num_players - 1}, got {describe(player)}"
        )

    def action_index(self, player: int | str, action: Action | np.integer[Any]) -> int:
        """Index of ``player``'s action given by label (str) or index (int)."""
        p = self.player_index(player)
        labels = self._actions[p]
        if isinstance(action, str):
            try:
                return labels.index(action)
            except ValueError:
                raise InvalidProfileError(
                    f"{self._name}: expected an action of {self._players[p]!r} in {labels}, got {action!r}"
                ) from None
        if isinstance(action, (int, np.integer)) and not isinstance(action, bool) and 0 <= action < len(labels):
            return int(action)
        raise InvalidProfileError(
            f"{self._name}: expected an action label of {self._players[p]!r} or an index from 0 to {len(labels) - 1}, "
            f"got {describe(action)}"
        )

    def pure_profile(self, profile: PureProfile) -> tuple[int, ...]:
        """Validate a pure profile (labels or indices) and return its action indices."""
        if isinstance(profile, (str, bytes)) or not isinstance(profile, (Sequence, np.ndarray)):
            profile = (profile,)  # type: ignore[assignment]
        if len(profile) != self.num_players:
            raise InvalidProfileError(
                f"{self._name}: expected a pure profile with one action for each of {self.num_players} players, "
                f"got {describe(profile)}"
            )
        return tuple(self.action_index(p, a) for p, a in enumerate(profile))

    # ------------------------------------------------------------------ display
    def _entry_text(self, value: Any) -> str:
        """One payoff as text (tables in repr and HTML)."""
        return str(value)

    def _entry_latex(self, value: Any) -> str:
        """One payoff as LaTeX."""
        raise NotImplementedError  # pragma: no cover - every game kind defines it

    def _table(self, title: str) -> str:
        """The two-player payoff table as text."""
        a, b = self._payoffs
        return text_table(self._players, self._actions,
                          lambda i, j: f"{self._entry_text(a[i, j])}, {self._entry_text(b[i, j])}", title)

    def _repr_html_(self) -> str:
        """Payoff tables for notebooks: a bimatrix for two players, one table per slice for more."""
        return html_tables(self._players, self._actions, self._payoffs, self._entry_text, self._name)

    @public
    def to_latex(self) -> str:
        r"""A LaTeX payoff table (``tabular``), ready for a paper.

        Two-player games give one table with the row player's payoff first in
        each cell; games with more players give one table per profile of the
        players after the second.

        Examples
        --------
        >>> import coopgame as cg
        >>> print(cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
        ...                       actions=[["C", "D"]] * 2).to_latex())
        \begin{tabular}{r|cc}
         & C & D \\
        \hline
        C & $R$, $R$ & $S$, $T$ \\
        D & $T$, $S$ & $P$, $P$ \\
        \end{tabular}
        >>> print(cg.NormalFormGame([[[1, 0]], [[2, 3]]], exact=True).to_latex())
        \begin{tabular}{r|cc}
         & 1 & 2 \\
        \hline
        1 & $1$, $2$ & $0$, $3$ \\
        \end{tabular}
        """
        return latex_tables(self._players, self._actions, self._payoffs, self._entry_latex)

    # ------------------------------------------------------------------ instruments
    @public
    def apply(self, *instruments: Instrument) -> GameBase:
        """A new game with policy instruments applied, in order.

        Instruments are :class:`~coopgame.Subsidy`, :class:`~coopgame.Penalty`,
        :class:`~coopgame.Transfer` and :class:`~coopgame.Standard` objects
        (anything with a ``transform`` method of the same form). Amounts may
        be numbers or sympy expressions: a numeric game with a symbolic
        instrument becomes a :class:`~coopgame.SymbolicGame`. The instruments
        are recorded on the result (``.instruments``).
        """
        payoffs: Sequence[np.ndarray] = [
            np.array([int(v) if isinstance(v, float) and v.is_integer() else v
                      for v in np.asarray(a, dtype=object).reshape(-1)], dtype=object).reshape(a.shape)
            for a in self._payoffs]
        players = self._players
        actions: Sequence[Sequence[str]] = self._actions
        recorded = []
        for inst in instruments:
            if not isinstance(inst, Instrument):
                raise InvalidGameTypeError(f"{self._name}.apply: expected policy instruments (Subsidy, Penalty, "
                                           f"Transfer, Standard), got {describe(inst)}")
            resolved = getattr(inst, "resolved", None)
            recorded.append(resolved(players, actions) if resolved is not None else inst)
            payoffs, actions = inst.transform(payoffs, players, actions)
        return build_game(payoffs, players, actions, instruments=self._instruments + tuple(recorded),
                          defaults=getattr(self, "_defaults", None),
                          exact=False if getattr(self, "_exact", None) is False else None)


def build_game(payoffs: Sequence[np.ndarray], players: Sequence[str], actions: Sequence[Sequence[str]], *,
               instruments: tuple[Any, ...] = (), defaults: Mapping[Any, Any] | None = None,
               exact: bool | None = None) -> GameBase:
    """A SymbolicGame while any payoff has a free symbol, a NormalFormGame otherwise.

    The numeric game is exact when ``exact`` is true or when every payoff is
    rational (no float among them); ``exact=False`` keeps it float (and is
    remembered by a symbolic game, so its numeric games stay float).
    """
    arrays = [np.array(a, dtype=object) for a in payoffs]
    free = free_symbols(arrays)
    game: Any
    if free:
        game = GameBase._kinds["symbolic"](arrays, players, actions,
                                           defaults={k: v for k, v in (defaults or {}).items() if k in free})
        game._exact = exact
    else:
        if exact is None:
            exact = not any(isinstance(v, (float, np.floating, sympy.Float)) for a in arrays for v in a.reshape(-1))
        game = GameBase._kinds["numeric"](arrays, players, actions, exact=exact)
    game._instruments = tuple(instruments)
    return game

