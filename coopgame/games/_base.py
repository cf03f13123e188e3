"""What every game shares: players, action labels, profiles, a payoff-table repr, instruments."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from coopgame.errors import InvalidGameError, InvalidGameTypeError, InvalidProfileError

__all__ = ["GameBase", "Action", "PureProfile", "describe"]

#: An action named by its label (``str``) or its index (``int``).
Action = int | str
#: One action per player.
PureProfile = Sequence[Action]


def describe(obj: Any) -> str:
    """Short repr of a value for an error message."""
    text = repr(obj)
    return text if len(text) <= 60 else text[:57] + "..."


def _labels(given: Any, count: int, default: Iterable[str], what: str, where: str) -> tuple[str, ...]:
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


class GameBase:
    """Labels and profiles of a game whose payoffs are arrays of shape :attr:`shape`."""

    __slots__ = ()
    _payoffs: tuple[np.ndarray, ...]
    _players: tuple[str, ...]
    _actions: tuple[tuple[str, ...], ...]

    @property
    def _name(self) -> str:
        return type(self).__name__

    def _set_labels(self, players: Any, actions: Any, shape: tuple[int, ...]) -> None:
        n = len(shape)
        where = self._name
        self._players = _labels(players, n, (f"Player {i + 1}" for i in range(n)), "player names", where)
        if actions is None:
            self._actions = tuple(tuple(str(j + 1) for j in range(m)) for m in shape)
            return
        if isinstance(actions, (str, bytes)) or not isinstance(actions, Iterable):
            raise InvalidGameError(f"{where}: expected one sequence of action labels per player, got {describe(actions)}")
        acts = list(actions)
        if len(acts) != n:
            raise InvalidGameError(f"{where}: expected action labels for {n} players, got {len(acts)} sequences")
        self._actions = tuple(
            _labels(a, m, (), f"action labels for {self._players[i]!r} (the payoff arrays have {m} actions on axis {i})", where)
            for i, (a, m) in enumerate(zip(acts, shape))
        )

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
        return self._payoffs[0].shape

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Action labels, one tuple per player."""
        return self._actions

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

    def action_index(self, player: int | str, action: Action) -> int:
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
            profile = (profile,)
        if len(profile) != self.num_players:
            raise InvalidProfileError(
                f"{self._name}: expected a pure profile with one action for each of {self.num_players} players, "
                f"got {describe(profile)}"
            )
        return tuple(self.action_index(p, a) for p, a in enumerate(profile))

    def _table(self, cell: Callable[[int, int], str], title: str) -> str:
        """A two-player payoff table: ``cell(i, j)`` is the text of row ``i``, column ``j``."""
        rows, cols = self._actions
        cells = [[cell(i, j) for j in range(len(cols))] for i in range(len(rows))]
        w0 = max(len(r) for r in rows) + 2
        widths = [max(len(cols[j]), *(len(cells[i][j]) for i in range(len(rows)))) + 2 for j in range(len(cols))]
        lines = [f"{title} ({self._players[0]}: rows, {self._players[1]}: columns)"]
        lines.append(" " * w0 + "".join(c.rjust(w) for c, w in zip(cols, widths)))
        for i, r in enumerate(rows):
            lines.append(r.ljust(w0) + "".join(cells[i][j].rjust(widths[j]) for j in range(len(cols))))
        return "\n".join(line.rstrip() for line in lines)

    def apply(self, *instruments: Any):
        """A new game with policy instruments applied, in order.

        Instruments are :class:`~coopgame.Subsidy`, :class:`~coopgame.Penalty`,
        :class:`~coopgame.Transfer` and :class:`~coopgame.Standard` objects
        (anything with a ``transform`` method of the same form). Amounts may
        be numbers or sympy expressions: a numeric game with a symbolic
        instrument becomes a :class:`~coopgame.SymbolicGame`. The instruments
        are recorded on the result (``.instruments``).
        """
        from coopgame.games.symbolic import build_game

        payoffs = [np.array([int(v) if isinstance(v, float) and v.is_integer() else v
                             for v in np.asarray(a, dtype=object).reshape(-1)], dtype=object).reshape(a.shape)
                   for a in self._payoffs]
        players, actions = self._players, self._actions
        recorded = []
        for inst in instruments:
            if not hasattr(inst, "transform"):
                raise InvalidGameTypeError(f"{self._name}.apply: expected policy instruments (Subsidy, Penalty, "
                                       f"Transfer, Standard), got {describe(inst)}")
            recorded.append(inst.resolved(players, actions) if hasattr(inst, "resolved") else inst)
            payoffs, actions = inst.transform(payoffs, players, actions)
        previous = tuple(getattr(self, "_instruments", ()))
        return build_game(payoffs, players, actions, instruments=previous + tuple(recorded),
                          defaults=getattr(self, "_defaults", None),
                          exact=False if getattr(self, "_exact", None) is False else None)
