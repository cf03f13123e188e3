"""A symmetric game seen by a finite, well-mixed population: labels, group size and average payoffs.

In a population with ``k`` individuals of strategy ``a`` (the mutants) and
``Z - k`` of strategy ``b`` (the residents), each individual's payoff is its
*average* payoff against the ``Z - 1`` others, with no self-interaction
(Nowak, Sasaki, Taylor & Fudenberg 2004; Traulsen, Nowak & Pacheco 2006)::

    f_a(k) = ((k - 1) A[a, a] + (Z - k) A[a, b]) / (Z - 1)
    f_b(k) = (k A[b, a] + (Z - k - 1) A[b, b]) / (Z - 1)

for a two-player matrix game with row payoffs ``A``. For an ``n``-player
anonymous game (:class:`~coopgame.games.symmetric.SymmetricGame`) the
co-players of a group are drawn without replacement from the others, so the
payoff is averaged over the hypergeometric distribution of the number of
mutants among the ``n - 1`` co-players (Hauert et al. 2007).

This module also holds the argument checks the finite-population functions
share (population size and its budget, process, intensity of selection) and
the one statement of the Moran process's requirement of positive fitness.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._checks import check_choice, check_int, check_real, check_size, describe
from coopgame.errors import InvalidArgumentError, InvalidGameError, InvalidGameTypeError, InvalidProfileError
from coopgame.games.coerce import as_symmetric_game
from coopgame.games.symmetric import SymmetricGame, composition_rank

__all__ = [
    "MAX_EXACT_POPULATION",
    "MAX_POPULATION",
    "PROCESSES",
    "Population",
    "population",
    "label_index",
    "check_process",
    "check_intensity",
    "check_population_size",
    "is_exact_run",
    "prepare",
    "pair_matrix",
    "require_positive_fitness",
    "payoffs_exact",
    "payoffs_float",
]

#: The processes :func:`~coopgame.dynamics.finite.fixation_probability` and
#: :func:`~coopgame.dynamics.finite.stationary_distribution` know.
PROCESSES: tuple[str, ...] = ("moran", "fermi")

#: Default ``max_population`` of exact runs (the Moran process of an exact game
#: with an exact intensity): the rational numbers grow with the population.
#: Convert the game with ``game.to_float()`` (or give a float intensity) for a
#: floating-point answer on larger populations.
MAX_EXACT_POPULATION: int = 2000

#: Default ``max_population`` of floating-point runs: the payoffs of every
#: population state are held in arrays of length ``Z`` (times the group size
#: for n-player games).
MAX_POPULATION: int = 10**6


@dataclass(frozen=True)
class Population:
    """What the processes need of a game: labels, group size, a pair payoff and exactness."""

    labels: tuple[str, ...]
    group: int  # group size n (2 for matrix games)
    exact: bool
    # pay(s, x, y, t): payoff of an s-player whose n - 1 co-players are t x-players and n-1-t y-players
    pay: Callable[[int, int, int, int], Any]
    index: Callable[[Any], int]


def label_index(labels: tuple[str, ...], where: str) -> Callable[[Any], int]:
    """A function from a strategy label or index to its index, refusing anything else."""
    def index(action: Any) -> int:
        if isinstance(action, str):
            if action in labels:
                return labels.index(action)
        elif (isinstance(action, (int, np.integer)) and not isinstance(action, (bool, np.bool_))
              and 0 <= int(action) < len(labels)):
            return int(action)
        raise InvalidProfileError(
            f"{where}: expected a strategy label in {labels} or an index from 0 to {len(labels) - 1}, "
            f"got {describe(action)}"
        )
    return index


def _symmetric_game(game: SymmetricGame, where: str) -> Population:
    table = game.table
    labels = tuple(game.actions)
    m = game.num_actions
    n = game.num_players
    if n < 2:
        raise InvalidGameError(f"{where}: expected a game of at least two players, got a one-player SymmetricGame")
    if n == 2:
        def pay2(s: int, x: int, y: int, t: int) -> Any:
            return table[s, x if t else y]
        return Population(labels, 2, game.is_exact, pay2, label_index(labels, where))

    def pay_n(s: int, x: int, y: int, t: int) -> Any:
        counts = np.zeros((1, m), dtype=np.int64)
        counts[0, x] += t
        counts[0, y] += n - 1 - t
        return table[s, int(composition_rank(counts, n - 1)[0])]
    return Population(labels, n, game.is_exact, pay_n, label_index(labels, where))


def population(game: object, where: str) -> Population:
    """Normalise a symmetric game for the processes.

    Accepts a :class:`~coopgame.games.symmetric.SymmetricGame`, anything
    :func:`~coopgame.games.coerce.as_normal_form` accepts that is a
    symmetric two-player game, or a square matrix of the row player's
    payoffs.
    """
    if isinstance(game, SymmetricGame):
        return _symmetric_game(game, where)
    if isinstance(game, (str, bytes, Mapping)) or game is None:
        raise InvalidGameTypeError(
            f"{where}: expected a NormalFormGame, SymbolicGame, SymmetricGame or a square payoff matrix, "
            f"got {describe(game)}")
    nf = as_symmetric_game(game, where)
    matrix = nf.payoffs[0]
    labels = tuple(nf.actions[0])

    def pay(s: int, x: int, y: int, t: int) -> Any:
        return matrix[s, x if t else y]
    return Population(labels, 2, nf.is_exact, pay, label_index(labels, where))


def check_process(process: Any, where: str) -> str:
    """One of :data:`PROCESSES`."""
    return check_choice(process, "process", where, PROCESSES)


def check_intensity(intensity: Any, process: str, where: str) -> Any:
    """The intensity of selection: in [0, 1] for the Moran process, finite and >= 0 for the Fermi process.

    Rational input (int, Fraction, sympy Rational) stays exact, so an exact
    game with an exact intensity is solved in rational arithmetic.
    """
    return check_real(intensity, "intensity", where, minimum=0, maximum=1 if process == "moran" else None,
                      exact=True)


def is_exact_run(pop: Population, process: str, intensity: Any) -> bool:
    """Whether the Moran process of an exact game with an exact intensity is computed in Fractions."""
    return pop.exact and process == "moran" and isinstance(intensity, (int, Fraction))


def check_population_size(population_size: Any, pop: Population, where: str, *, exact: bool,
                          max_population: Any) -> int:
    """The population size ``Z`` (at least 2 and the group size) within its budget.

    ``max_population`` None means :data:`MAX_EXACT_POPULATION` for exact runs
    and :data:`MAX_POPULATION` otherwise. The work (``Z`` times the group
    size less one) is compared in Python integers before anything is
    allocated.
    """
    size = check_int(population_size, "population_size", where, minimum=max(2, pop.group))
    default = MAX_EXACT_POPULATION if exact else MAX_POPULATION
    limit = default if max_population is None else check_int(max_population, "max_population", where, minimum=2)
    alternative = ("game.to_float() or a float intensity (floating-point arithmetic)" if exact
                   else "stationary_distribution's small-mutation limit on a smaller population")
    what = "the population size" if pop.group == 2 else "the population size times (group size - 1)"
    check_size(where, size * max(1, pop.group - 1), limit, what=what, limit_name="max_population",
               alternative=alternative if exact else "")
    return size


def prepare(game: object, population_size: Any, process: Any, intensity: Any, max_population: Any, where: str, *,
            allow_exact: bool = True) -> tuple[Population, str, Any, bool, int]:
    """The checked model of a public function: population, process, intensity, exactness and size."""
    pop = population(game, where)
    process = check_process(process, where)
    intensity = check_intensity(intensity, process, where)
    exact = allow_exact and is_exact_run(pop, process, intensity)
    size = check_population_size(population_size, pop, where, exact=exact, max_population=max_population)
    return pop, process, intensity, exact, size


def require_positive_fitness(low: Any, intensity: Any, where: str) -> None:
    """Refuse a Moran process whose fitness ``1 - w + w * payoff`` reaches ``low <= 0``."""
    if low <= 0:
        shown = str(low) if isinstance(low, Fraction) else f"{float(low):.6g}"
        raise InvalidArgumentError(
            f"{where}: the Moran process needs positive fitness 1 - w + w * payoff, got a fitness of {shown} "
            f"at intensity {intensity}; use a smaller intensity, shift the payoffs, or process='fermi'"
        )


def _hypergeometric_weights(population: int, mutants: int, draws: int) -> list[int]:
    """Unnormalised weights C(mutants, t) C(population - mutants, draws - t), t = 0..draws."""
    return [math.comb(mutants, t) * math.comb(population - mutants, draws - t) for t in range(draws + 1)]


def payoffs_exact(pop: Population, a: int, b: int, size: int) -> tuple[list[Any], list[Any]]:
    """Exact average payoffs (f_a(k), f_b(k)) for k = 1..size-1 mutants a among residents b."""
    n = pop.group
    draws = n - 1
    total = math.comb(size - 1, draws)
    pa = [pop.pay(a, a, b, t) for t in range(n)]
    pb = [pop.pay(b, a, b, t) for t in range(n)]
    fa, fb = [], []
    for k in range(1, size):
        wa = _hypergeometric_weights(size - 1, k - 1, draws)
        wb = _hypergeometric_weights(size - 1, k, draws)
        fa.append(sum(Fraction(w) * p for w, p in zip(wa, pa) if w) / total)
        fb.append(sum(Fraction(w) * p for w, p in zip(wb, pb) if w) / total)
    return fa, fb


def payoffs_float(pop: Population, a: int, b: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Float average payoffs (f_a(k), f_b(k)) for k = 1..size-1, vectorised over k."""
    n = pop.group
    k = np.arange(1, size, dtype=float)
    pa = np.array([float(pop.pay(a, a, b, t)) for t in range(n)])
    pb = np.array([float(pop.pay(b, a, b, t)) for t in range(n)])
    if n == 2:
        fa = ((k - 1) * pa[1] + (size - k) * pa[0]) / (size - 1)
        fb = (k * pb[1] + (size - k - 1) * pb[0]) / (size - 1)
        return fa, fb
    from scipy.stats import hypergeom

    t = np.arange(n)
    # number of mutants among n - 1 co-players drawn from the size - 1 others
    wa = hypergeom.pmf(t[None, :], size - 1, (k - 1)[:, None], n - 1)
    wb = hypergeom.pmf(t[None, :], size - 1, k[:, None], n - 1)
    return wa @ pa, wb @ pb


def pair_matrix(pop: Population) -> np.ndarray:
    """The float payoff matrix ``A[s, x]`` of a pairwise game (group of two)."""
    m = len(pop.labels)
    return np.array([[float(pop.pay(s, x, x, 1)) for x in range(m)] for s in range(m)])

