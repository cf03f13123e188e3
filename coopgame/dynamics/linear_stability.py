"""Linear stability of a rest point of the replicator dynamics (Lyapunov's first method).

The Jacobian is that of the one replicator field
(:meth:`ReplicatorField.jacobian <coopgame.dynamics.field.ReplicatorField.jacobian>`)
in the tangent coordinates: for each role the shares of all its strategies
but the last (for two strategies, the share of the first, so that for two
roles ``J`` is the matrix of Friedman 1991). Exact games at rational points
are analysed in exact arithmetic. The classification is the one classifier
of :mod:`coopgame.dynamics.linearisation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import public
from coopgame._numeric import readonly
from coopgame.dynamics.field import ReplicatorField
from coopgame.dynamics.linearisation import linearise
from coopgame.dynamics.population import PopulationGame
from coopgame.dynamics.states import is_shares, read_state
from coopgame.errors import InvalidProfileError
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.results import Result

__all__ = ["Stability", "stability"]

# not the tolerance policy: a rest point typed by hand with about seven significant digits is still at rest
_REST_RESIDUAL = 1e-7


@public
@dataclass(frozen=True, eq=False)
class Stability(Result):
    """Linear stability of a rest point of the multi-population replicator dynamics.

    Attributes
    ----------
    point : tuple of numpy.ndarray
        The rest point, one probability vector per role.
    jacobian : numpy.ndarray
        ``J[i, j] = dF_i/dx_j`` in the coordinates of each role's
        first-strategy share (for roles with more strategies: the shares of
        all but the last), Fractions for exact games and points.
    eigenvalues : numpy.ndarray
        Complex eigenvalues of ``J``.
    classification : str
        ``"stable"`` (all real parts < 0: asymptotically stable),
        ``"unstable"`` (all > 0), ``"saddle"`` (both signs, none zero),
        ``"centre"`` (two coordinates, a purely imaginary pair) or
        ``"non-hyperbolic"``.
    det, trace : number or None
        ``det J`` and ``tr J`` for two coordinates, e.g. two two-strategy
        roles (Friedman 1991: asymptotically stable iff ``det > 0`` and
        ``tr < 0``); None otherwise.
    is_exact : bool
        True when the Jacobian and the classification are exact.
    """

    point: tuple[np.ndarray, ...]
    jacobian: np.ndarray
    eigenvalues: np.ndarray
    classification: str
    det: Any = None
    trace: Any = None
    is_exact: bool = False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Stability):
            return NotImplemented
        return (self.classification == other.classification and self.is_exact == other.is_exact
                and self.det == other.det and self.trace == other.trace
                and len(self.point) == len(other.point)
                and all(np.array_equal(a, b) for a, b in zip(self.point, other.point))
                and np.array_equal(self.jacobian, other.jacobian)
                and np.array_equal(self.eigenvalues, other.eigenvalues))

    __hash__ = None  # type: ignore[assignment]  # holds arrays

    @property
    def is_asymptotically_stable(self) -> bool:
        """True when every eigenvalue has a negative real part."""
        return self.classification == "stable"

    def __repr__(self) -> str:
        pt = ", ".join(str(v[0]) if self.is_exact else f"{float(v[0]):.6g}" for v in self.point)
        eig = ", ".join(f"{complex(e):.4g}" if abs(complex(e).imag) > 0 else f"{complex(e).real:.4g}"
                        for e in self.eigenvalues)
        extra = f", det {self.det}, trace {self.trace}" if self.det is not None else ""
        return f"Stability({self.classification} at x = ({pt}); eigenvalues {eig}{extra})"



@public
def stability(game: GameLike | PopulationGame, point: Any) -> Stability:
    """Jacobian, eigenvalues and classification of a rest point of the multi-population replicator dynamics.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, sequence of payoff arrays or PopulationGame
        No free parameters. With more than two strategies for some role (or
        a PopulationGame) the Jacobian is taken in the tangent space of the
        simplices: coordinates are the shares of each role's strategies but
        the last.
    point : mixed profile or one vector of shares
        One probability vector (or action label, or action index) per role:
        a rest point of the multi-population dynamics. For a symmetric
        two-player game, a single vector of shares (floats or Fractions,
        e.g. ``[0.5, 0.5]``) is a rest point of the one-population dynamics
        (as in :func:`replicator`); a flat sequence of integers is read as a
        pure profile by action index.
        Exact games with rational points are analysed exactly (at the
        interior rest point of a 2x2 two-role game ``trace`` is exactly 0).

    Returns
    -------
    Stability

    Raises
    ------
    InvalidProfileError
        When ``point`` is not a state (NaN, booleans, shares that do not
        sum to one) or not a rest point.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.dynamics import stability
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    >>> stability(pd, ["2", "2"]).classification        # mutual defection
    'stable'
    >>> res = stability(cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True), [[Fraction(1, 2)] * 2] * 2)
    >>> res.classification, res.trace, res.det
    ('centre', Fraction(0, 1), Fraction(1, 1))

    One population playing hawk-dove (chicken) settles at its mixed
    equilibrium, which two separate populations would leave:

    >>> chicken = cg.NormalFormGame([[[3, 2], [4, 1]], [[3, 4], [2, 1]]], exact=True)
    >>> stability(chicken, [Fraction(1, 2), Fraction(1, 2)]).classification
    'stable'
    >>> stability(chicken, [[Fraction(1, 2)] * 2] * 2).classification
    'saddle'
    """

    where = "stability"
    if isinstance(game, PopulationGame):
        field = ReplicatorField(game, populations="multi", where=where)
        game.payoff_function(where)                       # refuses free parameters, naming them
    else:
        nf = as_normal_form(game, where)
        field = ReplicatorField(nf, populations="single" if is_shares(point) else "multi", where=where)
    x = read_state(field, point, where, "point", exact=field.is_exact)
    is_exact = field.is_exact and x.dtype == object
    rate = field(x)
    if is_exact and all(isinstance(f, Fraction) for f in rate):
        at_rest = all(f == 0 for f in rate)
    else:
        scale = max(1.0, float(np.abs(np.concatenate(field.payoffs(x.astype(float)))).max(initial=0.0)))
        at_rest = float(np.abs(rate.astype(float)).max(initial=0.0)) <= _REST_RESIDUAL * scale
    if not at_rest:
        shown = [str(f) for f in rate] if is_exact else [float(f) for f in rate]
        raise InvalidProfileError(f"{where}: expected a rest point, got a point where the field is {shown}")
    jac = field.jacobian(x)
    is_exact = jac.dtype == object
    lin = linearise(jac, is_exact)
    vectors = tuple(readonly(np.array(x[lo:hi], dtype=object if is_exact else float)) for lo, hi in field.bounds)
    return Stability(point=vectors, jacobian=readonly(jac), eigenvalues=lin.eigenvalues,
                     classification=lin.classification, det=lin.det, trace=lin.trace, is_exact=is_exact)
