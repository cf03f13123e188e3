"""The limit of rare mutations: the chain of monomorphic states and its stationary distribution.

In the limit of rare mutations the population is almost always monomorphic;
it moves from resident ``i`` to ``j`` at rate ``rho_{i -> j} / (m - 1)``
(Fudenberg & Imhof 2006), with the fixation probabilities of
:mod:`coopgame.dynamics.finite.fixation`. :func:`stationary_distribution`
returns the stationary distribution of that embedded chain over the ``m``
monomorphic states.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import progress_bar, public
from coopgame._numeric import readonly
from coopgame.dynamics.finite.adapter import prepare
from coopgame.dynamics.finite.fixation import rho
from coopgame.errors import InvalidGameError, SolverError
from coopgame.games.coerce import GameLike
from coopgame.games.symmetric import SymmetricGame
from coopgame.results import ArrayResult

__all__ = ["StationaryDistribution", "stationary_distribution"]


@public
@dataclass(frozen=True, eq=False)
class StationaryDistribution(ArrayResult):
    """Stationary distribution of a finite population in the limit of rare mutations.

    Attributes
    ----------
    strategies : tuple of str
        The monomorphic states, by strategy label.
    distribution : numpy.ndarray
        Long-run share of time spent in each monomorphic state (sums to 1);
        an object array of Fractions for exact runs.
    fixation : numpy.ndarray
        ``fixation[i, j]``: probability that a single ``j`` mutant takes over
        a population of ``i`` residents (the diagonal holds the neutral
        value ``1 / Z``).
    transition : numpy.ndarray
        The embedded chain: ``transition[i, j] = fixation[i, j] / (m - 1)``
        off the diagonal, rows summing to 1.
    population_size : int
    process : str
    intensity : number

    Examples
    --------
    >>> from coopgame.dynamics.finite import stationary_distribution
    >>> sd = stationary_distribution([[3, 0], [5, 1]], 10, process="fermi", intensity=0.5)
    >>> sd.most_abundant
    '2'
    >>> round(float(sd.distribution.sum()), 12)
    1.0
    """

    strategies: tuple[str, ...]
    distribution: np.ndarray
    fixation: np.ndarray
    transition: np.ndarray
    population_size: int
    process: str
    intensity: Any

    @property
    def is_exact(self) -> bool:
        """True when the numbers are Fractions."""
        return self.distribution.dtype == object

    @property
    def most_abundant(self) -> str:
        """The strategy whose monomorphic state holds the largest share."""
        return self.strategies[int(np.argmax([float(v) for v in self.distribution]))]

    def __getitem__(self, strategy: str) -> Any:
        """Share of the monomorphic state of ``strategy``."""
        return self.distribution[self.strategies.index(strategy)]

    @public
    def residual(self) -> float:
        """``max |pi T - pi|``: how far the distribution is from stationary (0 for exact runs)."""
        pi = self.distribution
        return float(max(abs(v) for v in (pi @ self.transition - pi)))

    @public
    def to_frame(self) -> Any:
        """A pandas DataFrame indexed by strategy: the distribution and the fixation matrix (``rho from <i>``)."""
        import pandas as pd

        frame = pd.DataFrame({"stationary": list(self.distribution)}, index=list(self.strategies))
        for i, s in enumerate(self.strategies):
            frame[f"rho from {s}"] = list(self.fixation[i])
        frame.index.name = "strategy"
        return frame

    def __repr__(self) -> str:
        parts = ", ".join(f"{s}: {float(v):.4g}" for s, v in zip(self.strategies, self.distribution))
        kind = "exact, " if self.is_exact else ""
        return (f"StationaryDistribution({self.process}, intensity {self.intensity}, Z = {self.population_size}, "
                f"{kind}{parts})")


def _gth(P: np.ndarray) -> np.ndarray:
    """Stationary distribution of an irreducible stochastic matrix by the Grassmann-Taksar-Heyman algorithm.

    Works on object arrays (Fractions, exact) and on floats (no subtractions, so accurate).
    """
    m = P.shape[0]
    A = P.copy()
    for k in range(m - 1, 0, -1):
        s = sum(A[k, j] for j in range(k))
        if s == 0:
            raise SolverError(
                "stationary_distribution: the chain of monomorphic states is not irreducible in floating point "
                "(some fixation probabilities underflow to 0) and the distribution is not unique; lower the "
                "intensity or use the exact Moran process"
            )
        for i in range(k):
            A[i, k] = A[i, k] / s
        for i in range(k):
            for j in range(k):
                A[i, j] = A[i, j] + A[i, k] * A[k, j]
    pi = np.empty(m, dtype=P.dtype)
    pi[0] = P.dtype.type(1) if P.dtype != object else Fraction(1)
    for k in range(1, m):
        pi[k] = sum(pi[i] * A[i, k] for i in range(k))
    return pi / pi.sum()


@public
def stationary_distribution(game: GameLike | SymmetricGame, population_size: int, *, process: str = "moran",
                            intensity: Any = 0.1, max_population: int | None = None,
                            progress: bool | None = None) -> StationaryDistribution:
    """Stationary distribution over monomorphic states in the limit of rare mutations.

    Between two mutations the population fixes (or loses) the mutant, so it
    moves among the ``m`` monomorphic states: from ``i`` to ``j`` with
    probability ``rho_{i -> j} / (m - 1)`` (a mutant strategy chosen at
    random). The stationary distribution of this embedded chain is the
    long-run share of time the population spends at each state (Fudenberg &
    Imhof 2006; Imhof, Fudenberg & Nowak 2005). Solved by the
    Grassmann-Taksar-Heyman algorithm, exactly for exact Moran runs.

    Parameters
    ----------
    game, population_size, process, intensity, max_population
        As for :func:`~coopgame.dynamics.finite.fixation_probability`.
    progress : bool, optional
        A tqdm progress bar over the ``m (m - 1)`` fixation probabilities
        (exact ones of large populations take seconds each). None (default)
        shows one only in a terminal or notebook, once the work has lasted a
        second.

    Returns
    -------
    StationaryDistribution

    Raises
    ------
    SolverError
        Floating-point fixation probabilities so small that two or more
        states are absorbing (very strong selection).
    SolverLimitError
        A population above ``max_population``.

    Examples
    --------
    Two strategies: the distribution is ``(rho_21, rho_12) / (rho_12 + rho_21)``.
    In the stag hunt, the risk-dominant Hare is favoured:

    >>> from fractions import Fraction
    >>> from coopgame.dynamics.finite import stationary_distribution
    >>> import coopgame as cg
    >>> hunt = cg.NormalFormGame([[[4, 0], [3, 2]], [[4, 3], [0, 2]]],
    ...                          actions=[["Stag", "Hare"]] * 2, exact=True)
    >>> sd = stationary_distribution(hunt, 20, intensity=Fraction(1, 10))
    >>> sd.most_abundant, sd.is_exact
    ('Hare', True)
    >>> sd.distribution.sum()
    Fraction(1, 1)
    >>> float(sd["Hare"]) > 0.5
    True
    """
    where = "stationary_distribution"
    pop, process, intensity, exact, size = prepare(game, population_size, process, intensity, max_population, where)
    m = len(pop.labels)
    if m < 2:
        raise InvalidGameError(f"{where}: expected a game with at least two strategies, got {m}")
    dtype = object if exact else float
    fix = np.empty((m, m), dtype=dtype)
    bar = progress_bar(progress, m * (m - 1), where, unit="pair")
    try:
        for i in range(m):
            for j in range(m):
                if i == j:
                    fix[i, j] = Fraction(1, size) if exact else 1.0 / size
                    continue
                fix[i, j] = rho(pop, j, i, size, process, intensity, where, exact)
                if bar is not None:
                    bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    trans = np.empty((m, m), dtype=dtype)
    for i in range(m):
        for j in range(m):
            if i != j:
                trans[i, j] = fix[i, j] / (m - 1)
        trans[i, i] = 1 - sum(trans[i, j] for j in range(m) if j != i)
    # put absorbing states (no way out in floating point) first, so GTH never eliminates them
    outflow = [sum(trans[i, j] for j in range(m) if j != i) for i in range(m)]
    order = sorted(range(m), key=lambda i: (outflow[i] != 0, i))
    perm = np.array(order)
    pi_perm = _gth(trans[np.ix_(perm, perm)])
    pi = np.empty(m, dtype=dtype)
    pi[perm] = pi_perm
    return StationaryDistribution(pop.labels, readonly(pi), readonly(fix), readonly(trans), size, process,
                                  intensity)
