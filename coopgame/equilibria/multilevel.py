"""Solving a nested game level by level (THEORY.md section 2.10).

:func:`solve_multilevel` finds the upper game's equilibria, then, under each
pure upper equilibrium, the equilibria of the lower game that outcome
selects: the lower level takes the upper outcome as given, as cities take
their provinces' agreement as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coopgame.equilibria._checks import require_numeric
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.equilibria.pure import pure_equilibria
from coopgame.errors import InvalidArgumentError, InvalidGameError
from coopgame.games._base import describe
from coopgame.games.multilevel import MultilevelGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.games.symmetric import SymmetricGame

__all__ = ["MultilevelEquilibrium", "solve_multilevel"]


def _profile(eq: Any) -> tuple[Any, ...] | None:
    """Labels of a pure equilibrium (counts for a symmetric game), None when mixed."""
    counts = getattr(eq, "counts", None)
    if counts is not None:
        return tuple(counts)
    return getattr(eq, "pure_profile", None)


@dataclass(frozen=True)
class MultilevelEquilibrium:
    """One branch of a nested game's solution: an upper equilibrium and the lower equilibria it leads to.

    Attributes
    ----------
    upper : Equilibrium
        A pure equilibrium of the upper-level game.
    outcome : tuple of str
        Its action labels, the upper outcome that selects the lower game.
    lower : tuple
        The lower game's equilibria under that outcome (``Equilibrium``, or
        ``SymmetricEquilibrium`` for a symmetric lower game).
    levels : tuple of str
        Names of the two levels.

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.equilibria.multilevel import solve_multilevel
    >>> branch = solve_multilevel(models.multilevel())[0]
    >>> branch.outcome, branch.lower_outcomes
    (('Cooperate', 'Cooperate'), (('Cooperate', 'Cooperate'), ('Defect', 'Defect')))
    >>> branch.combined[0]
    (('Cooperate', 'Cooperate'), ('Cooperate', 'Cooperate'))
    """

    upper: Any
    outcome: tuple[str, ...]
    lower: tuple[Any, ...]
    levels: tuple[str, str] = ("Upper", "Lower")

    @property
    def lower_outcomes(self) -> tuple[Any, ...]:
        """The lower equilibria as label tuples (counts for symmetric games; None for mixed ones)."""
        return tuple(_profile(e) for e in self.lower)

    @property
    def combined(self) -> tuple[tuple[tuple[str, ...], Any], ...]:
        """``(upper outcome, lower outcome)`` for each lower equilibrium."""
        return tuple((self.outcome, p) for p in self.lower_outcomes)

    def is_verified(self) -> bool:
        """True when the upper and every lower equilibrium pass their own regret check."""
        return bool(self.upper.is_verified()) and all(bool(e.is_verified()) for e in self.lower)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form: the levels, the upper outcome and payoffs, the lower equilibria."""
        return {"levels": list(self.levels), "outcome": list(self.outcome),
                "upper": self.upper.to_dict(), "lower": [e.to_dict() for e in self.lower]}

    def __repr__(self) -> str:
        lows = []
        for e in self.lower:
            p = _profile(e)
            lows.append(", ".join(str(a) for a in p) if p is not None else repr(e))
        lower = "; ".join(f"({s})" for s in lows) if lows else "none"
        return (f"MultilevelEquilibrium({self.levels[0]}: ({', '.join(self.outcome)}) -> "
                f"{self.levels[1]}: {lower})")


def _numeric(game: Any, where: str) -> Any:
    if isinstance(game, SymbolicGame):
        return game.numeric()
    if isinstance(game, SymmetricGame):
        return game
    return require_numeric(game, where)


def solve_multilevel(game: MultilevelGame, lower: str = "pure", **values: Any) -> list[MultilevelEquilibrium]:
    """Solve a nested game level by level: upper pure equilibria, then the lower game under each.

    Parameters
    ----------
    game : MultilevelGame
    lower : {"pure", "mixed"}, default "pure"
        Which equilibria of each lower game: pure ones (any number of
        players, symmetric games included) or all mixed ones
        (:func:`~coopgame.mixed_equilibria`, two-player lower games).
    **values
        Parameter values; the games' defaults are used for the rest.

    Returns
    -------
    list of MultilevelEquilibrium
        One per pure equilibrium of the upper game, in its order.

    Raises
    ------
    InvalidGameError
        ``game`` is not a :class:`~coopgame.games.multilevel.MultilevelGame`.
    InvalidArgumentError
        An unknown ``lower`` method.

    Notes
    -----
    Only pure upper equilibria select a lower game; a mixed upper
    equilibrium would make the lower level face a lottery over games, which
    this solver does not model.

    Examples
    --------
    Cities cooperate in equilibrium only where their provinces do (claim S10):

    >>> from coopgame import models
    >>> from coopgame.equilibria.multilevel import solve_multilevel
    >>> for branch in solve_multilevel(models.multilevel()):
    ...     print(branch)
    MultilevelEquilibrium(Provinces: (Cooperate, Cooperate) -> Cities: (Cooperate, Cooperate); (Defect, Defect))
    MultilevelEquilibrium(Provinces: (Defect, Defect) -> Cities: (Defect, Defect))
    >>> [b.outcome for b in solve_multilevel(models.multilevel(), B=1, k=2)]
    [('Defect', 'Defect')]
    """
    if not isinstance(game, MultilevelGame):
        raise InvalidGameError(f"solve_multilevel: expected a MultilevelGame, got {describe(game)}")
    if lower not in ("pure", "mixed"):
        raise InvalidArgumentError(f"solve_multilevel: expected lower='pure' or 'mixed', got {lower!r}")
    if values:
        unknown = sorted(set(values) - {s.name for s in game.parameters})
        if unknown:
            raise InvalidArgumentError(f"solve_multilevel: expected values among the parameters "
                                       f"{[s.name for s in game.parameters]}, got unknown {unknown}")
        game = game.subs(values)
    upper = _numeric(game.upper, "solve_multilevel")
    games = game.lower
    out = []
    for eq in pure_equilibria(upper):
        outcome = eq.pure_profile
        sub = _numeric(games[outcome], "solve_multilevel")
        lows = pure_equilibria(sub) if lower == "pure" else mixed_equilibria(sub)
        out.append(MultilevelEquilibrium(eq, outcome, tuple(lows), game.levels))
    return out
