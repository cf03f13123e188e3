"""Exact fixation probabilities of a single mutant in the Moran and pairwise-comparison (Fermi) processes.

Processes (one individual changes strategy per step), on the average payoffs
of :mod:`coopgame.dynamics.finite.adapter`:

``"moran"``
    Frequency-dependent Moran process: an individual is chosen to reproduce
    with probability proportional to its fitness ``1 - w + w * payoff``
    (``w`` = ``intensity`` in ``[0, 1]``), and its offspring replaces an
    individual chosen uniformly at random (Nowak et al. 2004). Fitness must
    be positive.
``"fermi"``
    Pairwise comparison: a random individual compares its payoff with that of
    a random other and adopts the other's strategy with probability
    ``1 / (1 + exp(-beta * (f_other - f_self)))`` (``beta`` = ``intensity``
    >= 0; Traulsen et al. 2006; Szabo & Toke 1998).

In both processes the probability that the number of mutants goes down
divided by the probability that it goes up, at ``k`` mutants, is
``gamma_k = f_b / f_a`` (Moran, with fitnesses) or ``exp(-beta (f_a - f_b))``
(Fermi), and the fixation probability of a single mutant is::

    rho = 1 / (1 + sum_{j=1}^{Z-1} prod_{k=1}^{j} gamma_k)

computed exactly (Fractions) for the Moran process of an exact game and an
exact intensity, and in floating point otherwise, with a log-sum-exp so that
strong selection neither overflows nor underflows.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import public
from coopgame._numeric import to_fraction
from coopgame.dynamics.finite.adapter import (
    Population,
    payoffs_exact,
    payoffs_float,
    prepare,
    require_positive_fitness,
)
from coopgame.errors import InvalidProfileError
from coopgame.games.coerce import GameLike
from coopgame.games.symmetric import SymmetricGame

__all__ = ["fixation_probability"]

#: Bound on each log-ratio of the float path (not a tolerance): far beyond
#: any probability a float can hold, yet a cumulative sum of up to 10**100
#: such terms stays finite, so a huge intensity never turns into
#: ``inf - inf = nan``.
_LOG_BOUND = 1e200


def _log_gammas(pop: Population, a: int, b: int, size: int, process: str, intensity: Any,
                where: str) -> np.ndarray:
    """log(T^-(k) / T^+(k)) for k = 1..size-1 (floating point)."""
    fa, fb = payoffs_float(pop, a, b, size)
    w = float(intensity)
    if process == "fermi":
        with np.errstate(over="ignore", invalid="ignore"):
            out = -w * (fa - fb)
        return np.clip(np.nan_to_num(out, nan=0.0), -_LOG_BOUND, _LOG_BOUND)
    Fa, Fb = 1 - w + w * fa, 1 - w + w * fb
    require_positive_fitness(float(min(Fa.min(), Fb.min())), intensity, where)
    return np.log(Fb) - np.log(Fa)


def _gammas_exact(pop: Population, a: int, b: int, size: int, intensity: Fraction, where: str) -> list[Fraction]:
    fa, fb = payoffs_exact(pop, a, b, size)
    w = intensity
    out = []
    for x, y in zip(fa, fb):
        Fa, Fb = 1 - w + w * x, 1 - w + w * y
        require_positive_fitness(min(Fa, Fb), intensity, where)
        out.append(Fb / Fa)
    return out


def rho(pop: Population, a: int, b: int, size: int, process: str, intensity: Any, where: str, exact: bool) -> Any:
    """The fixation probability of one ``a`` among ``size - 1`` ``b`` (arguments already checked)."""
    if exact:
        gammas = _gammas_exact(pop, a, b, size, to_fraction(intensity), where)
        total = Fraction(1)
        prod = Fraction(1)
        for g in gammas:
            prod *= g
            total += prod
        return 1 / total
    logs = np.cumsum(_log_gammas(pop, a, b, size, process, intensity, where))
    top = max(0.0, float(logs.max()))
    # log(1 + sum exp(logs)), shifted by the largest term so that nothing overflows
    log_total = top + math.log(math.exp(-top) + float(np.exp(logs - top).sum()))
    return math.exp(-log_total)


@public
def fixation_probability(game: GameLike | SymmetricGame, mutant: str | int, resident: str | int,
                         population_size: int, *, process: str = "moran", intensity: Any = 0.1,
                         max_population: int | None = None) -> Any:
    """Probability that a single ``mutant`` takes over a population of ``resident`` strategists.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, SymmetricGame or square matrix
        A symmetric game. A two-player game is given by its row player's
        payoffs (a square matrix, or a symmetric NormalFormGame, or a
        SymbolicGame without free parameters); an ``n``-player anonymous game
        by a :class:`~coopgame.games.symmetric.SymmetricGame` (groups of ``n``
        drawn at random from the population).
    mutant, resident : str or int
        Strategy labels or indices.
    population_size : int
        ``Z``, at least 2 (and at least the group size).
    process : {"moran", "fermi"}
        See the module notes.
    intensity : number
        Selection intensity: ``w`` in ``[0, 1]`` for the Moran process,
        ``beta >= 0`` for the Fermi process; default 0.1. 0 is neutral drift
        (``1 / Z``). Exact Moran results need an int or Fraction here.
    max_population : int, optional
        Largest accepted ``Z`` (times the group size less one for n-player
        games), checked before any work: by default
        :data:`~coopgame.dynamics.finite.MAX_EXACT_POPULATION` (2,000) for
        exact runs and :data:`~coopgame.dynamics.finite.MAX_POPULATION`
        (10**6) in floating point.

    Returns
    -------
    Fraction or float
        A Fraction when the process is Moran, the game exact and the
        intensity an int or Fraction; a float otherwise.

    Raises
    ------
    InvalidGameError
        A game that is not symmetric.
    InvalidProfileError
        An unknown strategy.
    InvalidArgumentError
        A bad population size, process or intensity (NaN and infinities
        included), or a Moran fitness ``1 - w + w * payoff`` that is not
        positive.
    SolverLimitError
        A population above ``max_population``.

    Examples
    --------
    A prisoner's dilemma between governments (Govern or Free-ride): a single
    governing region among free-riders fixes less often than a neutral
    mutant (``1/10``), a free-rider among governing regions more often.

    >>> from fractions import Fraction
    >>> from coopgame.dynamics.finite import fixation_probability
    >>> import coopgame as cg
    >>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...                        actions=[["Govern", "Free-ride"]] * 2, exact=True)
    >>> rho = fixation_probability(pd, "Govern", "Free-ride", 10, intensity=Fraction(1, 10))
    >>> rho < Fraction(1, 10) < fixation_probability(pd, "Free-ride", "Govern", 10, intensity=Fraction(1, 10))
    True
    >>> fixation_probability(pd, "Govern", "Free-ride", 10, intensity=0)
    Fraction(1, 10)
    >>> round(fixation_probability(pd, "Free-ride", "Govern", 10, process="fermi", intensity=1.0), 6)
    0.901748
    """
    where = "fixation_probability"
    pop, process, intensity, exact, size = prepare(game, population_size, process, intensity, max_population, where)
    a, b = pop.index(mutant), pop.index(resident)
    if a == b:
        raise InvalidProfileError(f"{where}: expected a mutant different from the resident, got {mutant!r} twice")
    return rho(pop, a, b, size, process, intensity, where, exact)
