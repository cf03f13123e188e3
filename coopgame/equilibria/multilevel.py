"""Solving a nested game level by level (claim S10 of the docs' claims page).

:func:`solve_multilevel` finds the upper game's equilibria, then, under each
pure upper equilibrium, the equilibria of the lower game that outcome
selects: the lower level takes the upper outcome as given, as cities take
their provinces' agreement as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._checks import check_choice, check_int, check_options, check_real, describe, public
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.equilibria.pure import pure_equilibria
from coopgame.equilibria.result import payoff_column
from coopgame.errors import InvalidArgumentError, InvalidGameError, NotSupportedError
from coopgame.games.coerce import as_normal_form
from coopgame.games.multilevel import MultilevelGame
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.games.symmetric import SymmetricGame
from coopgame.results import Result, Solutions

__all__ = ["MultilevelEquilibrium", "anticipated_upper", "solve_multilevel"]


def _profile(eq: Any) -> tuple[Any, ...] | None:
    """Labels of a pure equilibrium (counts for a symmetric game), None when mixed."""
    counts = getattr(eq, "counts", None)
    if counts is not None:
        return tuple(counts)
    return getattr(eq, "pure_profile", None)


@public
@dataclass(frozen=True)
class MultilevelEquilibrium(Result):
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

    @public
    def is_verified(self) -> bool:
        """True when the upper and every lower equilibrium pass their own regret check."""
        return bool(self.upper.is_verified()) and all(bool(e.is_verified()) for e in self.lower)

    @public
    def to_dict(self) -> dict[str, Any]:
        """Plain-data form: the levels, the upper outcome and payoffs, the lower equilibria."""
        return {"levels": list(self.levels), "outcome": list(self.outcome),
                "upper": self.upper.to_dict(), "lower": [e.to_dict() for e in self.lower]}

    def _frame_row(self) -> dict[str, Any]:
        """One table row: the upper outcome, the lower outcomes, the upper payoffs."""
        row: dict[str, Any] = {self.levels[0]: ", ".join(self.outcome),
                               self.levels[1]: "; ".join(str(p) for p in self.lower_outcomes)}
        for name, v in zip(self.upper.game.players, self.upper.payoffs):
            row[payoff_column(name)] = v
        return row

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
    return as_normal_form(game, where)


@public
def solve_multilevel(game: MultilevelGame, lower: str = "pure", **values: Any) -> Solutions[MultilevelEquilibrium]:
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
    Solutions of MultilevelEquilibrium
        One per pure equilibrium of the upper game, in its order (mixed
        upper equilibria are not followed, so ``is_complete`` is False).

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
    check_choice(lower, "lower", "solve_multilevel", ("pure", "mixed"))
    if values:
        check_options("solve_multilevel", values, [s.name for s in game.parameters], what="parameter")
        game = game.subs(values)
    upper = _numeric(game.upper, "solve_multilevel")
    games = game.lower
    out = []
    for eq in pure_equilibria(upper):
        outcome = eq.pure_profile
        sub = _numeric(games[outcome], "solve_multilevel")
        lows = pure_equilibria(sub) if lower == "pure" else mixed_equilibria(sub)
        out.append(MultilevelEquilibrium(eq, outcome, tuple(lows), game.levels))
    return Solutions(out, method=f"multilevel ({lower} lower equilibria)", is_exact=upper.is_exact,
                     is_complete=False, note="only the pure equilibria of the upper game are followed")


@public
def anticipated_upper(game: MultilevelGame, owners: Any = None, select: str = "welfare", weight: Any = 1,
                      **values: Any) -> NormalFormGame:
    """The upper game with each upper player's payoff raised by its lower units' equilibrium payoffs.

    The converse dependence: a province that anticipates how its cities
    will play after each provincial outcome adds ``weight`` times its cities'
    payoffs, at the lower equilibrium ``select`` picks, to its own. Solving
    the result (e.g. with :func:`~coopgame.pure_equilibria`) is backward
    induction over the two levels.

    Parameters
    ----------
    game : MultilevelGame
        Lower games must be NormalFormGame or SymbolicGame.
    owners : sequence of sequences of int, optional
        ``owners[i]``: indices of the lower players whose payoffs upper player
        ``i`` internalises. By default, when the lower games have as many
        players as the upper one, lower player ``i`` belongs to upper player ``i``.
    select : {"welfare", "worst"}, default "welfare"
        Which pure lower equilibrium is expected: the one with the largest
        total payoff (ties to the first) or the smallest.
    weight : number, default 1
        Weight of the lower payoffs in the upper payoffs.
    **values
        Parameter values; the games' defaults are used for the rest.

    Returns
    -------
    NormalFormGame
        Same players and actions as the upper game.

    Raises
    ------
    NotSupportedError
        A lower game with no pure equilibrium, or a SymmetricGame lower game.
    InvalidArgumentError
        Bad ``owners`` or ``select``.

    Examples
    --------
    Provinces that would not sign for their own gain alone (``B < k``) do sign
    when they count their cities' gains from the joint fund:

    >>> import coopgame as cg
    >>> from coopgame import models
    >>> from coopgame.equilibria.multilevel import anticipated_upper, solve_multilevel
    >>> game = models.multilevel(B=1, k=2)
    >>> [b.outcome for b in solve_multilevel(game)]
    [('Defect', 'Defect')]
    >>> [eq.pure_profile for eq in cg.pure_equilibria(anticipated_upper(game))]
    [('Cooperate', 'Cooperate'), ('Defect', 'Defect')]
    """
    if not isinstance(game, MultilevelGame):
        raise InvalidGameError(f"anticipated_upper: expected a MultilevelGame, got {describe(game)}")
    check_choice(select, "select", "anticipated_upper", ("welfare", "worst"))
    weight = check_real(weight, "weight", "anticipated_upper", exact=True)
    if values:
        game = game.subs(values)
    upper = _numeric(game.upper, "anticipated_upper")
    n = upper.num_players
    lowers = {o: _numeric(g, "anticipated_upper") for o, g in game.lower.items()}
    if any(isinstance(g, SymmetricGame) for g in lowers.values()):
        raise NotSupportedError("anticipated_upper: expected NormalFormGame or SymbolicGame lower games, "
                                "got a SymmetricGame (players are anonymous, so none belongs to an upper player)")
    if owners is None:
        sizes = {g.num_players for g in lowers.values()}
        if sizes != {n}:
            raise InvalidArgumentError(f"anticipated_upper: expected owners when the lower games do not have "
                                       f"{n} players (they have {sorted(sizes)})")
        owners = [[i] for i in range(n)]
    try:
        owners = [[check_int(j, "owners", "anticipated_upper", minimum=0) for j in group] for group in owners]
    except TypeError as err:
        raise InvalidArgumentError(f"anticipated_upper: expected owners as one sequence of lower-player indices "
                                   f"per upper player, got {describe(owners)}") from err
    if len(owners) != n:
        raise InvalidArgumentError(f"anticipated_upper: expected {n} owner groups, got {len(owners)}")
    arrays = [np.array(u, dtype=object) for u in upper.payoffs]
    for idx in np.ndindex(*upper.shape):
        outcome = tuple(upper.actions[p][k] for p, k in enumerate(idx))
        lower = lowers[outcome]
        eqs = pure_equilibria(lower)
        if not eqs:
            raise NotSupportedError(f"anticipated_upper: the lower game after {outcome} has no pure equilibrium")
        pick = (max if select == "welfare" else min)(eqs, key=lambda e: sum(e.payoffs))
        for i, group in enumerate(owners):
            if any(not 0 <= j < lower.num_players for j in group):
                raise InvalidArgumentError(f"anticipated_upper: expected lower-player indices below "
                                           f"{lower.num_players}, got {group}")
            arrays[i][idx] = arrays[i][idx] + weight * sum(pick.payoffs[j] for j in group)
    return NormalFormGame(arrays, upper.players, upper.actions)
