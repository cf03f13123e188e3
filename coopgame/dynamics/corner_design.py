"""The cheapest instrument mix that makes a corner of the multi-population replicator dynamics asymptotically stable.

The tripartite models of environmental regulation (a central government, a
local government and a firm, each a population) ask which parameter values
make a corner such as (strict regulation, real enforcement, abatement)
asymptotically stable. Asked backwards: which amounts of the coordinator's
instruments make it stable at least cost?

At a pure corner of the multi-population replicator dynamics the Jacobian
is triangular in suitable coordinates, with eigenvalues
``u_p(b, a_-p) - u_p(a)`` for each role ``p`` and each other strategy
``b``: the corner is linearly asymptotically stable exactly when it is a
strict Nash equilibrium (Ritzberger and Weibull 1995; Hofbauer and Sigmund
1998, section 10.4). The eigenvalues are linear in the amounts, so the
cheapest stabilising mix is :func:`~coopgame.mechanisms.design` with
``concept="strict"``; ``margin`` is a guaranteed rate of convergence (every
eigenvalue at most ``-margin``). The answer is checked with the one
classifier of Jacobians (:func:`~coopgame.dynamics.stability`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coopgame._checks import public
from coopgame.dynamics.linear_stability import stability
from coopgame.games.coerce import GameLike
from coopgame.games.symbolic import SymbolicGame
from coopgame.mechanisms.cheapest_mix import Design, design
from coopgame.results import ArrayResult, html_table

__all__ = ["stabilising_design", "StabilisingDesign"]


@public
@dataclass(frozen=True, eq=False)
class StabilisingDesign(ArrayResult):
    """The cheapest mix that makes a corner asymptotically stable, and the corner's linearisation there.

    Attributes
    ----------
    design : Design
        The underlying design (``concept="strict"``): ``values``, ``cost``,
        ``game``, ``binding``, ``certificate``, ``feasible``, ``attained``.
    eigenvalues : tuple or None
        The Jacobian's eigenvalues at the corner of the designed game (None
        when no mix works or the game keeps free parameters).
    classification : str or None
        ``"stable"`` when the corner is asymptotically stable; at an
        infimum that is not attained (no ``margin``) the corner is
        ``"non-hyperbolic"``: any larger amounts in the direction of a
        strictly stabilising mix make it stable.
    """

    design: Design
    eigenvalues: tuple[Any, ...] | None
    classification: str | None

    @property
    def values(self) -> Any:
        """The amounts (as :attr:`Design.values`)."""
        return self.design.values

    @property
    def cost(self) -> Any:
        """The coordinator's outlay at the corner (as :attr:`Design.cost`)."""
        return self.design.cost

    @property
    def game(self) -> Any:
        """The designed game."""
        return self.design.game

    @property
    def feasible(self) -> bool:
        """Whether some mix works."""
        return self.design.feasible

    def __bool__(self) -> bool:
        return self.design.feasible

    def __repr__(self) -> str:
        return f"StabilisingDesign({self.design!r}; corner {self.classification})"

    def _repr_html_(self) -> str:
        rows = [("design", repr(self.design)), ("classification", self.classification),
                ("eigenvalues", self.eigenvalues)]
        return html_table(rows, caption="StabilisingDesign")


@public
def stabilising_design(game: GameLike, corner: Sequence[Any], instruments: Any, bounds: Mapping[Any, Any] | None = None,
                       budget: Any = None, *, margin: Any = None, **options: Any) -> StabilisingDesign:
    """The cheapest amounts that make a pure corner of the multi-population replicator dynamics asymptotically stable.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or payoff arrays
        One population per player role.
    corner : sequence
        The pure profile (labels or indices) to stabilise.
    instruments, bounds, budget
        As in :func:`~coopgame.mechanisms.design`.
    margin : number, optional
        A rate of convergence to guarantee: every eigenvalue at the corner
        at most ``-margin``. Without it the least cost is an infimum and the
        amounts returned leave some eigenvalue at 0 (``attained`` False).
    **options
        Passed to :func:`~coopgame.mechanisms.design` (``at``,
        ``scenarios``, ``box``, ``max_constraints``, ``max_scenarios``).

    Returns
    -------
    StabilisingDesign

    Examples
    --------
    A local government (cooperate for real, or falsely) and a firm (abate or
    pollute); the centre fines false cooperation (detected half the time) and
    pays an abatement subsidy:

    >>> from fractions import Fraction
    >>> import coopgame as cg
    >>> from coopgame.dynamics import stabilising_design
    >>> game = cg.NormalFormGame([[[2, 1], [3, 0]], [[0, 1], [1, 2]]], exact=True,
    ...                          players=["Local", "Firm"], actions=[["Real", "False"], ["Abate", "Pollute"]])
    >>> mix = [cg.Penalty("Local", "False", "F", detection=Fraction(1, 2)), cg.Subsidy("Firm", "Abate", "s")]
    >>> res = stabilising_design(game, ("Real", "Abate"), mix, margin=1)
    >>> res.values["F"], res.values["s"], res.cost, res.classification
    (Fraction(4, 1), Fraction(2, 1), Fraction(2, 1), 'stable')
    >>> res.eigenvalues
    (-1.0, -1.0)
    """
    d = design(game, corner, instruments, "strict", bounds, budget, margin=margin, **options)
    if not d.feasible or d.game is None or isinstance(d.game, SymbolicGame):
        return StabilisingDesign(d, None, None)
    idx = d.game.pure_profile(corner)
    res = stability(d.game, [[1 if k == a else 0 for k in range(m)] for a, m in zip(idx, d.game.shape)])
    values = [complex(v) for v in res.eigenvalues]
    eig = tuple(v.real if v.imag == 0 else v for v in sorted(values, key=lambda v: (v.real, v.imag)))
    return StabilisingDesign(d, eig, res.classification)
