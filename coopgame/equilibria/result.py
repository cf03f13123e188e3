"""The result object every equilibrium solver returns, and the checks it can show.

An :class:`Equilibrium` is a verified strategy profile: building one from a
profile that is not an equilibrium raises
:class:`~coopgame.errors.InvalidProfileError` naming the regret, unless it is
built through the clearly named :meth:`Equilibrium.unverified`. It explains
itself (:meth:`Equilibrium.explain`, and the same check as a table in a
notebook): each player's expected payoff from every action against the
others' strategies, with the best replies marked, as a student would check an
equilibrium by hand (Osborne and Rubinstein 1994, Proposition 33.1: a mixed
profile is an equilibrium exactly when every action played is a best reply).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import describe, public
from coopgame._numeric import TOLERANCE, as_float, format_number, readonly
from coopgame.errors import InvalidArgumentTypeError, InvalidGameTypeError, InvalidProfileError
from coopgame.games.normal_form import MixedProfile, NormalFormGame
from coopgame.results import Result, Solutions, html_table

__all__ = ["Equilibrium", "sort_equilibria", "equilibria_frame", "payoff_column"]


def payoff_column(player: str) -> str:
    """The column header of a player's payoff in every equilibrium table: ``"payoff: <player>"``."""
    return f"payoff: {player}"


@public
@dataclass(frozen=True, eq=False, repr=False)
class Equilibrium(Result):
    """A Nash equilibrium of a game, with its payoffs, as found by a solver.

    Equilibria are immutable and check themselves: the constructor refuses a
    profile whose :meth:`max_regret` (the largest gain any player could make
    by deviating) is not zero (exact games) or within the game's float
    tolerance. :meth:`unverified` builds one without that check.

    Parameters
    ----------
    game : NormalFormGame
        The game the profile belongs to.
    strategies : sequence
        One probability vector (or pure action, by label or index) per player.
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

    Raises
    ------
    InvalidProfileError
        When the profile is not an equilibrium (the message gives the regret).

    Examples
    --------
    >>> import coopgame as cg
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    >>> eq = cg.Equilibrium(pennies, [[Fraction(1, 2)] * 2] * 2)
    >>> eq
    Equilibrium(Player 1: 1/2 1 + 1/2 2; Player 2: 1/2 1 + 1/2 2; payoffs 0, 0)
    >>> eq.max_regret(), eq.is_pure, eq.support, eq.is_exact
    (Fraction(0, 1), False, ((0, 1), (0, 1)), True)
    >>> cg.Equilibrium(pennies, [[1, 0], [1, 0]])
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidProfileError: Equilibrium: expected a Nash equilibrium, got a profile with regret 2 (Player 2 gains 2 by deviating); use Equilibrium.unverified(...) to build it anyway
    """

    game: NormalFormGame
    strategies: tuple[np.ndarray, ...]  # given as any mixed profile; stored as read-only probability vectors
    method: str = ""
    payoffs: np.ndarray = field(init=False)

    if TYPE_CHECKING:  # the constructor takes any mixed profile (vectors, labels or indices)
        def __init__(self, game: NormalFormGame, strategies: MixedProfile, method: str = "") -> None: ...

    def __post_init__(self) -> None:
        self._set(*self._checked_profile(self.game, self.strategies, "Equilibrium"), self.method)
        regrets = self.regrets()
        worst = regrets.max()
        limit = 0 if self.is_exact else self.game.float_tolerance
        if worst > limit:
            p = int(np.argmax(as_float(regrets)))
            raise InvalidProfileError(
                f"Equilibrium: expected a Nash equilibrium, got a profile with regret {format_number(worst)} "
                f"({self.game.players[p]} gains {format_number(regrets[p])} by deviating); "
                "use Equilibrium.unverified(...) to build it anyway")

    @staticmethod
    def _checked_profile(game: Any, strategies: Any, where: str) -> tuple[NormalFormGame, tuple[np.ndarray, ...]]:
        if not isinstance(game, NormalFormGame):
            raise InvalidGameTypeError(f"{where}: expected a NormalFormGame, got {type(game).__name__}")
        return game, game.mixed_profile(strategies, where)

    def _set(self, game: NormalFormGame, vectors: Sequence[np.ndarray], method: str,
             payoffs: np.ndarray | None = None) -> None:
        vectors = tuple(readonly(np.asarray(v)) for v in vectors)
        if payoffs is None:
            payoffs = game.expected_payoffs(vectors)
        if not isinstance(method, str):
            raise InvalidProfileError(f"Equilibrium: expected method to be a str, got {method!r}")
        object.__setattr__(self, "game", game)
        object.__setattr__(self, "strategies", vectors)
        object.__setattr__(self, "method", method)
        object.__setattr__(self, "payoffs", readonly(np.array(payoffs, dtype=payoffs.dtype)))

    @classmethod
    @public
    def unverified(cls, game: NormalFormGame, strategies: MixedProfile, method: str = "") -> Equilibrium:
        """A profile kept as an Equilibrium object without checking that it is one.

        The vectors are still checked to be probability vectors;
        :meth:`is_verified` and :meth:`max_regret` tell whether it is an
        equilibrium.

        >>> import coopgame as cg
        >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
        >>> eq = cg.Equilibrium.unverified(pd, [[1, 0], [1, 0]])
        >>> eq.is_verified(), eq.max_regret()
        (False, Fraction(2, 1))
        """
        game, vectors = cls._checked_profile(game, strategies, "Equilibrium.unverified")
        eq = cls.__new__(cls)
        eq._set(game, vectors, method)
        return eq

    @classmethod
    def _trusted(cls, game: NormalFormGame, vectors: Sequence[np.ndarray], payoffs: np.ndarray | None = None,
                 method: str = "") -> Equilibrium:
        """Build without validating ``vectors`` (solvers that produced and verified them)."""
        eq = cls.__new__(cls)
        eq._set(game, vectors, method, payoffs)
        return eq

    # ------------------------------------------------------------------ views
    @property
    def is_exact(self) -> bool:
        """True when the strategies and payoffs are exact Fractions."""
        return all(s.dtype == object for s in self.strategies)

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the actions each player plays with positive probability."""
        # probabilities lie in [0, 1]: the tolerance is absolute here (see coopgame._numeric)
        return tuple(tuple(int(k) for k in np.flatnonzero(as_float(s) > TOLERANCE)) if s.dtype != object
                     else tuple(k for k, v in enumerate(s) if v > 0) for s in self.strategies)

    @property
    def support_labels(self) -> tuple[tuple[str, ...], ...]:
        """Labels of the actions each player plays with positive probability."""
        return tuple(tuple(self.game.actions[p][k] for k in s) for p, s in enumerate(self.support))

    @property
    def is_pure(self) -> bool:
        """True when every player plays one action."""
        return all(len(s) == 1 for s in self.support)

    @property
    def pure_profile(self) -> tuple[str, ...] | None:
        """Action labels of a pure equilibrium; None for a mixed one."""
        if not self.is_pure:
            return None
        return tuple(labels[0] for labels in self.support_labels)

    @public
    def regrets(self) -> np.ndarray:
        """Each player's regret at this profile."""
        return self.game.regrets(self.strategies)

    @public
    def max_regret(self) -> Any:
        """Largest regret of any player: exactly 0 for exact games, at most ``game.tolerance`` otherwise."""
        return self.game.max_regret(self.strategies)

    @public
    def is_verified(self) -> bool:
        """True when :meth:`max_regret` is within the game's tolerance."""
        return self.game.is_equilibrium(self.strategies)

    # ------------------------------------------------------------------ why it is one
    def _checks(self) -> list[tuple[int, np.ndarray, tuple[int, ...]]]:
        """For each player: the action values against the others and the indices of the best replies."""
        out = []
        for p in range(self.game.num_players):
            values = self.game.action_values(p, self.strategies)
            best = values.max()
            if values.dtype == object:
                replies = tuple(int(k) for k, v in enumerate(values) if v == best)
            else:
                replies = tuple(int(k) for k in np.flatnonzero(values >= best - self.game.float_tolerance))
            out.append((p, values, replies))
        return out

    @public
    def explain(self) -> str:
        """Why this profile is an equilibrium, as a check by hand.

        For each player, the expected payoff of every action against the
        other players' strategies, the best replies marked: the profile is an
        equilibrium when every action a player uses is a best reply. Values
        are exact for exact games.

        Examples
        --------
        >>> import coopgame as cg
        >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True,
        ...                        players=["North", "South"], actions=[["Govern", "Free-ride"]] * 2)
        >>> print(cg.pure_equilibria(pd)[0].explain())
        North plays Free-ride; against South: Free-ride
          Govern     0
          Free-ride  1  best reply, played
        South plays Free-ride; against North: Free-ride
          Govern     0
          Free-ride  1  best reply, played
        Every action played is a best reply: an equilibrium (largest regret 0).
        """
        game = self.game
        lines = []
        for p, values, replies in self._checks():
            others = "; ".join(f"{game.players[q]}: {self._describe_strategy(q)}"
                               for q in range(game.num_players) if q != p)
            lines.append(f"{game.players[p]} plays {self._describe_strategy(p)}"
                         + (f"; against {others}" if others else ""))
            labels = game.actions[p]
            width = max(len(a) for a in labels)
            shown = [format_number(v) for v in values]
            vwidth = max(len(s) for s in shown)
            for k, label in enumerate(labels):
                marks = []
                if k in replies:
                    marks.append("best reply")
                if k in self.support[p]:
                    marks.append("played")
                note = ("  " + ", ".join(marks)) if marks else ""
                lines.append(f"  {label.ljust(width)}  {shown[k].rjust(vwidth)}{note}")
        regret = self.max_regret()
        if self.is_verified():
            lines.append(f"Every action played is a best reply: an equilibrium (largest regret {format_number(regret)}).")
        else:
            lines.append(f"Some action played is not a best reply: not an equilibrium (largest regret "
                         f"{format_number(regret)}).")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        game = self.game
        rows = []
        for p, values, replies in self._checks():
            for k, label in enumerate(game.actions[p]):
                rows.append((game.players[p], label, self.strategies[p][k], values[k],
                             "\u2713" if k in replies else "", "\u2713" if k in self.support[p] else ""))
        table = html_table(rows, header=["player", "action", "probability", "expected payoff against the others",
                                          "best reply", "played"], caption=repr(self))
        verdict = ("every action played is a best reply" if self.is_verified()
                   else "some action played is not a best reply")
        return table + f"<p>{html.escape(verdict)} (largest regret {html.escape(format_number(self.max_regret()))})</p>"

    # ------------------------------------------------------------------ plain forms
    def _number(self, v: Any) -> Any:
        return v if isinstance(v, Fraction) else float(v)

    @public
    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form: ``{"players", "strategies", "payoffs", "method"}``, labels as keys."""
        game = self.game
        return {
            "players": list(game.players),
            "strategies": {
                game.players[p]: {game.actions[p][k]: self._number(s[k]) for k in range(len(s))}
                for p, s in enumerate(self.strategies)
            },
            "payoffs": {game.players[p]: self._number(v) for p, v in enumerate(self.payoffs)},
            "method": self.method,
        }

    def _frame_row(self) -> dict[str, Any]:
        """One table row: each player's strategy in words, each player's payoff, the method."""
        players = self.game.players
        row: dict[str, Any] = {name: self._describe_strategy(p) for p, name in enumerate(players)}
        for p, name in enumerate(players):
            row[payoff_column(name)] = self._number(self.payoffs[p])
        row["method"] = self.method
        return row

    def _sort_key(self) -> tuple[float, ...]:
        return tuple(-float(v) for s in self.strategies for v in s)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return self.game == other.game and all(np.array_equal(a, b) for a, b in zip(self.strategies, other.strategies))

    def __hash__(self) -> int:
        return hash((self.game, self.support))

    def __reduce__(self) -> Any:
        return (_rebuild, (self.game, self.strategies, self.method))

    def _describe_strategy(self, p: int) -> str:
        labels = self.game.actions[p]
        s = self.strategies[p]
        support = self.support[p]
        if len(support) == 1:
            return labels[support[0]]
        return " + ".join(f"{format_number(s[k])} {labels[k]}" for k in support)

    def __repr__(self) -> str:
        parts = [f"{name}: {self._describe_strategy(p)}" for p, name in enumerate(self.game.players)]
        pay = ", ".join(format_number(v) for v in self.payoffs)
        return f"Equilibrium({'; '.join(parts)}; payoffs {pay})"


def _rebuild(game: NormalFormGame, strategies: tuple[np.ndarray, ...], method: str) -> Equilibrium:
    return Equilibrium._trusted(game, strategies, method=method)


def sort_equilibria(equilibria: Iterable[Equilibrium]) -> list[Equilibrium]:
    """Equilibria in a fixed order: those weighting earlier actions more come first."""
    return sorted(equilibria, key=Equilibrium._sort_key)


@public
def equilibria_frame(equilibria: Iterable[Any]) -> Any:
    """A pandas DataFrame with one row per equilibrium, of any kind.

    Each row is the equilibrium's ``_frame_row()``: for an
    :class:`Equilibrium`, each player's strategy in words (``"1/2 Up + 1/2
    Down"``), then each player's payoff under ``"payoff: <player>"`` (exact
    Fractions stay exact), then the method. Symmetric, correlated and
    continuous equilibria give their own columns with the same payoff
    headers. The same table as ``Solutions.to_frame()``.

    Examples
    --------
    >>> import coopgame as cg
    >>> pd_game = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...                             players=["North", "South"], actions=[["Govern", "Free-ride"]] * 2)
    >>> print(cg.equilibria.equilibria_frame(cg.pure_equilibria(pd_game)).to_string(index=False))
        North     South  payoff: North  payoff: South method
    Free-ride Free-ride            1.0            1.0   pure
    """
    items = list(equilibria) if isinstance(equilibria, Iterable) else None
    if items is None or any(not hasattr(eq, "_frame_row") for eq in items):
        bad = equilibria if items is None else next(eq for eq in items if not hasattr(eq, "_frame_row"))
        raise InvalidArgumentTypeError(f"equilibria_frame: expected equilibria (results of a solver), got {describe(bad)}")
    return Solutions(items).to_frame()
