"""Nested (multi-level) games: the lower level's game depends on the upper level's outcome.

Claim S10 of the docs' claims page (``docs/explanation/claims.md``): lower-level cooperation
depends on higher-level cooperation. A :class:`MultilevelGame` pairs an *upper* game (say
two provinces) with one *lower* game (say their cities) for every pure
outcome of the upper game. It is solved level by level by
:func:`~coopgame.equilibria.multilevel.solve_multilevel`: first the upper
game, then the lower game selected by each upper equilibrium.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sympy

from coopgame._checks import call_user, check_mapping, describe, public
from coopgame.errors import InvalidGameError
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.games.symmetric import SymmetricGame

__all__ = ["MultilevelGame"]

_NAME = "MultilevelGame"
_LOWER_TYPES = (NormalFormGame, SymbolicGame, SymmetricGame)


@public
class MultilevelGame:
    """A two-level nested game: a lower-level game for each pure outcome of an upper-level game.

    Parameters
    ----------
    upper : NormalFormGame or SymbolicGame
        The higher-level game (e.g. provinces).
    lower : callable or mapping
        The lower-level game (e.g. cities) played after each pure outcome of
        the upper game: a callable ``lower(outcome)`` or a mapping
        ``{outcome: game}``, where ``outcome`` is a tuple of the upper game's
        action labels, one per upper player. Every outcome must be covered.
        Lower games are :class:`~coopgame.NormalFormGame`,
        :class:`~coopgame.SymbolicGame` or :class:`~coopgame.SymmetricGame`.
    levels : pair of str, default ("Upper", "Lower")
        Names of the two levels, used when printing.

    Attributes
    ----------
    upper : NormalFormGame or SymbolicGame
    lower : dict
        ``{outcome: game}`` for every pure outcome of the upper game, in the
        upper game's profile order (built once, at construction).
    levels : tuple of str
    outcomes : tuple of tuple of str
        The upper game's pure outcomes.
    parameters : tuple of sympy.Symbol
        Free parameters of all the games, sorted by name.

    Notes
    -----
    The design keeps levels separate: the lower-level payoffs depend on the
    upper outcome only through which lower game is played (a joint fund, a
    coordination benefit, a standard imposed from above). Immutable; symbolic
    games are substituted level-wide by :meth:`subs` and :meth:`numeric`.

    Examples
    --------
    >>> from coopgame import models
    >>> game = models.multilevel()
    >>> game
    MultilevelGame(Provinces: 2 players, 4 outcomes -> Cities: 2-player games; parameters B, b, c, f, k)
    >>> game.lower[("Cooperate", "Cooperate")].players
    ('City 1', 'City 2')
    """

    __slots__ = ("_levels", "_lower", "_upper")

    def __init__(self, upper: Any, lower: Callable[[tuple[str, ...]], Any] | Mapping[tuple[str, ...], Any],
                 levels: Sequence[str] = ("Upper", "Lower")) -> None:
        if not isinstance(upper, (NormalFormGame, SymbolicGame)):
            raise InvalidGameError(f"{_NAME}: expected the upper game as a NormalFormGame or SymbolicGame, "
                                   f"got {describe(upper)}")
        if isinstance(levels, (str, bytes)) or not isinstance(levels, Sequence) or len(levels) != 2:
            raise InvalidGameError(f"{_NAME}: expected two level names, got {levels!r}")
        outcomes = list(itertools.product(*upper.actions))
        games: dict[tuple[str, ...], Any] = {}
        for o in outcomes:
            if callable(lower) and not isinstance(lower, Mapping):
                g = call_user(lower, o, where=_NAME, what="lower")
            elif isinstance(lower, Mapping):
                if o not in lower:
                    raise InvalidGameError(f"{_NAME}: expected a lower game for every upper outcome, "
                                           f"missing {o!r} (outcomes {outcomes})")
                g = lower[o]
            else:
                raise InvalidGameError(f"{_NAME}: expected lower as a callable or a mapping from upper outcomes "
                                       f"to games, got {describe(lower)}")
            if not isinstance(g, _LOWER_TYPES):
                raise InvalidGameError(f"{_NAME}: expected a NormalFormGame, SymbolicGame or SymmetricGame for "
                                       f"outcome {o!r}, got {describe(g)}")
            games[o] = g
        if isinstance(lower, Mapping):
            extra = [k for k in lower if k not in games]
            if extra:
                raise InvalidGameError(f"{_NAME}: expected lower games keyed by upper outcomes {outcomes}, "
                                       f"got unknown keys {extra}")
        self._upper = upper
        self._lower = games
        self._levels = (str(levels[0]), str(levels[1]))

    @property
    def upper(self) -> Any:
        """The upper-level game."""
        return self._upper

    @property
    def lower(self) -> dict[tuple[str, ...], Any]:
        """The lower-level game for each upper outcome (a new dict each call)."""
        return dict(self._lower)

    @property
    def levels(self) -> tuple[str, str]:
        """Names of the two levels."""
        return self._levels

    @property
    def outcomes(self) -> tuple[tuple[str, ...], ...]:
        """The upper game's pure outcomes."""
        return tuple(self._lower)

    def _games(self) -> list[Any]:
        return [self._upper, *self._lower.values()]

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free parameters of all the games, sorted by name."""
        found = {s for g in self._games() if isinstance(g, SymbolicGame) for s in g.parameters}
        return tuple(sorted(found, key=lambda s: s.name))

    @property
    def defaults(self) -> dict[sympy.Symbol, Any]:
        """Default parameter values collected from the symbolic games."""
        out: dict[sympy.Symbol, Any] = {}
        for g in self._games():
            if isinstance(g, SymbolicGame):
                out.update(g.defaults)
        return out

    def subs(self, mapping: Mapping[Any, Any] | None = None, **values: Any) -> MultilevelGame:
        """Substitute parameter values in every game that has those parameters.

        Examples
        --------
        >>> from coopgame import models
        >>> models.multilevel().subs(f=3).parameters
        (B, b, c, k)
        """
        given = {**{str(k): v for k, v in check_mapping(mapping, "the values", "MultilevelGame.subs", what="a mapping from parameter names to values").items()},
                 **values}

        def sub(g: Any) -> Any:
            if not isinstance(g, SymbolicGame):
                return g
            names = {s.name for s in g.parameters}
            mine = {k: v for k, v in given.items() if k in names}
            return g.subs(mine) if mine else g

        return MultilevelGame(sub(self._upper), {o: sub(g) for o, g in self._lower.items()}, self._levels)

    def numeric(self, **values: Any) -> MultilevelGame:
        """Every game numeric: ``values`` substituted, the defaults used for the rest.

        Examples
        --------
        >>> from coopgame import models
        >>> models.multilevel().numeric().parameters
        ()
        """
        game = self.subs(values)
        return MultilevelGame(game._upper.numeric() if isinstance(game._upper, SymbolicGame) else game._upper,
                              {o: g.numeric() if isinstance(g, SymbolicGame) else g
                               for o, g in game._lower.items()}, self._levels)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MultilevelGame):
            return NotImplemented
        return (self._levels == other._levels and self._upper == other._upper
                and self._lower == other._lower)

    def __hash__(self) -> int:
        return hash((self._levels, self._upper, tuple(self._lower.items())))

    def __repr__(self) -> str:
        sizes = sorted({g.num_players for g in self._lower.values()})
        lower = "/".join(str(s) for s in sizes)
        params = ", ".join(s.name for s in self.parameters)
        tail = f"; parameters {params}" if params else ""
        return (f"MultilevelGame({self._levels[0]}: {self._upper.num_players} players, {len(self._lower)} outcomes"
                f" -> {self._levels[1]}: {lower}-player games{tail})")
