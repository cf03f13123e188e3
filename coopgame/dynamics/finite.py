"""Finite, well-mixed populations: Moran and pairwise-comparison (Fermi) processes.

A population of ``Z`` individuals plays a symmetric game. In a population
with ``k`` individuals of strategy ``a`` (the mutants) and ``Z - k`` of
strategy ``b`` (the residents), each individual's payoff is its *average*
payoff against the ``Z - 1`` others, with no self-interaction (Nowak, Sasaki,
Taylor & Fudenberg 2004; Traulsen, Nowak & Pacheco 2006)::

    f_a(k) = ((k - 1) A[a, a] + (Z - k) A[a, b]) / (Z - 1)
    f_b(k) = (k A[b, a] + (Z - k - 1) A[b, b]) / (Z - 1)

for a two-player matrix game with row payoffs ``A``. For an ``n``-player
anonymous game (:class:`~coopgame.games.symmetric.SymmetricGame`) the
co-players of a group are drawn without replacement from the others, so the
payoff is averaged over the hypergeometric distribution of the number of
mutants among the ``n - 1`` co-players (Hauert et al. 2007).

Processes (one individual changes strategy per step):

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

In the limit of rare mutations the population is almost always monomorphic;
it moves from resident ``i`` to ``j`` at rate ``rho_{i -> j} / (m - 1)``
(Fudenberg & Imhof 2006). :func:`stationary_distribution` returns the
stationary distribution of that embedded chain over the ``m`` monomorphic
states.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._numeric import readonly, to_fraction
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidGameTypeError,
    InvalidProfileError,
    SolverError,
    SolverLimitError,
)

__all__ = [
    "MAX_EXACT_POPULATION",
    "MAX_MUTATION_STATES",
    "MAX_SIMULATION_STEPS",
    "PROCESSES",
    "FixationEstimate",
    "MutationSelectionDistribution",
    "StationaryDistribution",
    "fixation_probability",
    "mutation_selection_distribution",
    "simulate_fixation",
    "stationary_distribution",
    "wilson_interval",
]

#: The processes :func:`fixation_probability` and :func:`stationary_distribution` know.
PROCESSES: tuple[str, ...] = ("moran", "fermi")

#: Largest population for which the Moran process of an exact game is solved
#: in exact rational arithmetic (the numbers grow with the population); larger
#: populations are refused with :class:`~coopgame.errors.SolverLimitError`:
#: convert the game with ``game.to_float()`` for a floating-point answer.
MAX_EXACT_POPULATION: int = 2000

#: Largest number of population states (compositions of ``Z`` into ``m``
#: strategies, ``C(Z + m - 1, m - 1)``) :func:`mutation_selection_distribution`
#: builds a chain over; e.g. ``m = 3`` and ``Z`` up to 314, ``m = 4`` and ``Z``
#: up to 64. Larger populations are refused with
#: :class:`~coopgame.errors.SolverLimitError`: use the small-mutation limit
#: (:func:`stationary_distribution`) instead.
MAX_MUTATION_STATES: int = 50_000

#: Default cap on the steps of one simulated run in :func:`simulate_fixation`.
MAX_SIMULATION_STEPS: int = 10**7


# ---------------------------------------------------------------------------------- the game
@dataclass(frozen=True)
class _Population:
    """What the processes need of a game: labels, group size, a pair payoff and exactness."""

    labels: tuple[str, ...]
    group: int  # group size n (2 for matrix games)
    exact: bool
    # pay(s, x, y, t): payoff of an s-player whose n - 1 co-players are t x-players and n-1-t y-players
    pay: Callable[[int, int, int, int], Any]
    index: Callable[[Any], int]


def _label_index(labels: tuple[str, ...], where: str) -> Callable[[Any], int]:
    def index(action: Any) -> int:
        if isinstance(action, str):
            if action in labels:
                return labels.index(action)
        elif (isinstance(action, (int, np.integer)) and not isinstance(action, bool)
              and 0 <= int(action) < len(labels)):
            return int(action)
        raise InvalidProfileError(
            f"{where}: expected a strategy label in {labels} or an index from 0 to {len(labels) - 1}, "
            f"got {action!r}"
        )
    return index


def _population(game: Any, where: str) -> _Population:
    """Normalise a symmetric game (matrix, NormalFormGame, SymbolicGame, SymmetricGame) for the processes."""
    from coopgame.dynamics.replicator import is_symmetric, numeric_game
    from coopgame.games.normal_form import NormalFormGame
    from coopgame.games.symbolic import SymbolicGame
    from coopgame.games.symmetric import SymmetricGame

    if isinstance(game, SymmetricGame):
        table = game.table
        labels = tuple(game.actions)
        m = game.num_actions
        n = game.num_players
        if n < 2:
            raise InvalidGameError(f"{where}: expected a game of at least two players, got a one-player SymmetricGame")
        if n == 2:
            def pay2(s: int, x: int, y: int, t: int) -> Any:
                return table[s, x if t else y]
            return _Population(labels, 2, game.is_exact, pay2, _label_index(labels, where))
        from coopgame.games.symmetric import composition_rank

        def pay_n(s: int, x: int, y: int, t: int) -> Any:
            counts = np.zeros((1, m), dtype=np.int64)
            counts[0, x] += t
            counts[0, y] += n - 1 - t
            return table[s, int(composition_rank(counts, n - 1)[0])]
        return _Population(labels, n, game.is_exact, pay_n, _label_index(labels, where))
    if isinstance(game, (NormalFormGame, SymbolicGame)):
        game = numeric_game(game, where)
        if game.num_players != 2 or game.shape[0] != game.shape[1]:
            raise InvalidGameError(
                f"{where}: expected a symmetric two-player game (square payoff matrices), got a game of shape "
                f"{game.shape}; give an n-player anonymous game as a SymmetricGame"
            )
        A, B = game.payoffs if game.is_exact else game.float_payoffs
        if not is_symmetric(game):
            raise InvalidGameError(
                f"{where}: expected a symmetric game (column payoffs = transpose of row payoffs), got "
                f"row payoffs {A.tolist()} and column payoffs {B.tolist()}"
            )
        labels = tuple(game.actions[0])
        matrix = A
    else:
        if isinstance(game, (str, bytes, dict)):
            raise InvalidGameTypeError(f"{where}: expected a game or a square payoff matrix, got {type(game).__name__}")
        try:
            probe = NormalFormGame([game, np.asarray(game, dtype=object).T.tolist()])
        except Exception:  # noqa: BLE001 - any failure means "not a payoff matrix"
            raise InvalidGameTypeError(
                f"{where}: expected a NormalFormGame, SymbolicGame, SymmetricGame or a square payoff matrix, "
                f"got {type(game).__name__}"
            ) from None
        if probe.shape[0] != probe.shape[1]:
            raise InvalidGameError(f"{where}: expected a square payoff matrix, got shape {probe.shape}")
        labels = tuple(probe.actions[0])
        matrix = probe.payoffs[0] if probe.is_exact else probe.float_payoffs[0]
        game = probe
    exact = game.is_exact

    def pay(s: int, x: int, y: int, t: int) -> Any:
        return matrix[s, x if t else y]
    return _Population(labels, 2, exact, pay, _label_index(labels, where))


# ---------------------------------------------------------------------------------- arguments
def _check_size(population_size: Any, group: int, where: str) -> int:
    if (isinstance(population_size, bool) or not isinstance(population_size, (int, np.integer))
            or int(population_size) < max(2, group)):
        raise InvalidArgumentError(
            f"{where}: expected an integer population_size of at least {max(2, group)}"
            f"{' (the group size)' if group > 2 else ''}, got {population_size!r}"
        )
    return int(population_size)


def _check_process(process: Any, where: str) -> str:
    if process not in PROCESSES:
        raise InvalidArgumentError(f"{where}: expected process to be one of {PROCESSES}, got {process!r}")
    return process


def _check_intensity(intensity: Any, process: str, where: str) -> float | Fraction:
    if isinstance(intensity, bool):
        intensity = None
    try:
        value = float(intensity)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidArgumentTypeError(f"{where}: expected a number intensity, got {intensity!r}") from None
    if not math.isfinite(value) or value < 0 or (process == "moran" and value > 1):
        bound = "in [0, 1] for the Moran process" if process == "moran" else "finite and non-negative"
        raise InvalidArgumentError(f"{where}: expected intensity {bound}, got {intensity!r}")
    return intensity  # type: ignore[return-value]


# ---------------------------------------------------------------------------------- fitness
def _hypergeometric_weights(population: int, mutants: int, draws: int) -> list[int]:
    """Unnormalised weights C(mutants, t) C(population - mutants, draws - t), t = 0..draws."""
    return [math.comb(mutants, t) * math.comb(population - mutants, draws - t) for t in range(draws + 1)]


def _payoffs_exact(pop: _Population, a: int, b: int, size: int) -> tuple[list[Any], list[Any]]:
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


def _payoffs_float(pop: _Population, a: int, b: int, size: int) -> tuple[np.ndarray, np.ndarray]:
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


def _log_gammas(pop: _Population, a: int, b: int, size: int, process: str, intensity: Any,
                where: str) -> np.ndarray:
    """log(T^-(k) / T^+(k)) for k = 1..size-1 (floating point)."""
    fa, fb = _payoffs_float(pop, a, b, size)
    w = float(intensity)
    if process == "fermi":
        return -w * (fa - fb)
    Fa, Fb = 1 - w + w * fa, 1 - w + w * fb
    low = float(min(Fa.min(), Fb.min()))
    if low <= 0:
        raise InvalidArgumentError(
            f"{where}: the Moran process needs positive fitness 1 - w + w * payoff, got a fitness of {low:.6g} "
            f"at intensity {intensity!r}; use a smaller intensity, shift the payoffs, or process='fermi'"
        )
    return np.log(Fb) - np.log(Fa)


def _gammas_exact(pop: _Population, a: int, b: int, size: int, intensity: Fraction, where: str) -> list[Fraction]:
    fa, fb = _payoffs_exact(pop, a, b, size)
    w = intensity
    out = []
    for x, y in zip(fa, fb):
        Fa, Fb = 1 - w + w * x, 1 - w + w * y
        if Fa <= 0 or Fb <= 0:
            raise InvalidArgumentError(
                f"{where}: the Moran process needs positive fitness 1 - w + w * payoff, got a fitness of "
                f"{min(Fa, Fb)} at intensity {intensity}; use a smaller intensity, shift the payoffs, or "
                "process='fermi'"
            )
        out.append(Fb / Fa)
    return out


def _is_exact_run(pop: _Population, process: str, intensity: Any) -> bool:
    if not (pop.exact and process == "moran"):
        return False
    return isinstance(intensity, (int, np.integer, Fraction)) or type(intensity).__module__.startswith("sympy")


def _rho(pop: _Population, a: int, b: int, size: int, process: str, intensity: Any, where: str,
         exact: bool) -> Any:
    if exact:
        if size > MAX_EXACT_POPULATION:
            raise SolverLimitError(
                f"{where}: exact fixation probabilities are computed for populations of at most "
                f"MAX_EXACT_POPULATION = {MAX_EXACT_POPULATION}, got {size}; convert the game with "
                "game.to_float() or give a float intensity for a floating-point answer"
            )
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


# ---------------------------------------------------------------------------------- public API
def fixation_probability(game: Any, mutant: Any, resident: Any, population_size: int, *,
                         process: str = "moran", intensity: Any = 0.1) -> Any:
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
        A bad population size, process or intensity, or a Moran fitness
        ``1 - w + w * payoff`` that is not positive.
    SolverLimitError
        An exact run with more than :data:`MAX_EXACT_POPULATION` individuals.

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
    pop = _population(game, where)
    process = _check_process(process, where)
    intensity = _check_intensity(intensity, process, where)
    size = _check_size(population_size, pop.group, where)
    a, b = pop.index(mutant), pop.index(resident)
    if a == b:
        raise InvalidProfileError(f"{where}: expected a mutant different from the resident, got {mutant!r} twice")
    return _rho(pop, a, b, size, process, intensity, where, _is_exact_run(pop, process, intensity))


@dataclass(frozen=True, eq=False)
class StationaryDistribution:
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
    def exact(self) -> bool:
        """True when the numbers are Fractions."""
        return self.distribution.dtype == object

    @property
    def most_abundant(self) -> str:
        """The strategy whose monomorphic state holds the largest share."""
        return self.strategies[int(np.argmax([float(v) for v in self.distribution]))]

    def __getitem__(self, strategy: str) -> Any:
        """Share of the monomorphic state of ``strategy``."""
        return self.distribution[self.strategies.index(strategy)]

    def residual(self) -> float:
        """``max |pi T - pi|``: how far the distribution is from stationary (0 for exact runs)."""
        pi = self.distribution
        return float(np.max(np.abs(pi @ self.transition - pi))) if not self.exact else float(
            max(abs(v) for v in (pi @ self.transition - pi)))

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
        kind = "exact, " if self.exact else ""
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


def stationary_distribution(game: Any, population_size: int, *, process: str = "moran",
                            intensity: Any = 0.1) -> StationaryDistribution:
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
    game, population_size, process, intensity
        As for :func:`fixation_probability`.

    Returns
    -------
    StationaryDistribution

    Raises
    ------
    SolverError
        Floating-point fixation probabilities so small that two or more
        states are absorbing (very strong selection).

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
    >>> sd.most_abundant, sd.exact
    ('Hare', True)
    >>> sd.distribution.sum()
    Fraction(1, 1)
    >>> float(sd["Hare"]) > 0.5
    True
    """
    where = "stationary_distribution"
    pop = _population(game, where)
    process = _check_process(process, where)
    intensity = _check_intensity(intensity, process, where)
    size = _check_size(population_size, pop.group, where)
    m = len(pop.labels)
    if m < 2:
        raise InvalidGameError(f"{where}: expected a game with at least two strategies, got {m}")
    exact = _is_exact_run(pop, process, intensity)
    dtype = object if exact else float
    fix = np.empty((m, m), dtype=dtype)
    for i in range(m):
        for j in range(m):
            fix[i, j] = (Fraction(1, size) if exact else 1.0 / size) if i == j else _rho(
                pop, j, i, size, process, intensity, where, exact)
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


# ---------------------------------------------------------------------------------- simulation
def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion.

    Parameters
    ----------
    successes, trials : int
        ``0 <= successes <= trials``, ``trials >= 1``.
    confidence : float
        In ``(0, 1)``.

    Examples
    --------
    >>> from coopgame.dynamics.finite import wilson_interval
    >>> low, high = wilson_interval(30, 100)
    >>> round(low, 4), round(high, 4)
    (0.2189, 0.3958)
    """
    where = "wilson_interval"
    if (isinstance(trials, bool) or not isinstance(trials, (int, np.integer)) or trials < 1
            or isinstance(successes, bool) or not isinstance(successes, (int, np.integer))
            or not 0 <= successes <= trials):
        raise InvalidArgumentError(
            f"{where}: expected integers 0 <= successes <= trials with trials >= 1, got {successes!r}, {trials!r}")
    if not (isinstance(confidence, (int, float)) and 0 < confidence < 1):
        raise InvalidArgumentError(f"{where}: expected a confidence in (0, 1), got {confidence!r}")
    from scipy.stats import norm

    z = float(norm.ppf(0.5 + confidence / 2))
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class FixationEstimate:
    """A Monte Carlo estimate of a fixation probability.

    Attributes
    ----------
    probability : float
        Share of runs in which the mutant took over.
    fixations, runs : int
        Runs that ended with the mutant fixed; runs in all.
    interval : tuple of float
        Wilson score interval at level ``confidence``.
    confidence : float
    neutral : float
        ``1 / Z``, the fixation probability of a neutral mutant.
    mean_steps : float
        Mean number of update steps until absorption (either way).
    unfinished : int
        Runs stopped at the step cap before absorption (counted as not fixed).

    Examples
    --------
    >>> from coopgame.dynamics.finite import simulate_fixation
    >>> est = simulate_fixation([[1, 1], [1, 1]], 0, 1, 10, runs=2000, seed=1)
    >>> est.contains(0.1)
    True
    """

    probability: float
    fixations: int
    runs: int
    interval: tuple[float, float]
    confidence: float
    neutral: float
    mean_steps: float = float("nan")
    unfinished: int = 0

    @property
    def standard_error(self) -> float:
        """Binomial standard error ``sqrt(p (1 - p) / runs)``."""
        p = self.probability
        return math.sqrt(p * (1 - p) / self.runs)

    def contains(self, value: float) -> bool:
        """True when ``value`` lies in the confidence interval."""
        return self.interval[0] <= float(value) <= self.interval[1]

    @property
    def above_neutral(self) -> bool:
        """True when the whole interval lies above ``1 / Z``: selection favours the mutant's fixation."""
        return self.interval[0] > self.neutral

    @property
    def below_neutral(self) -> bool:
        """True when the whole interval lies below ``1 / Z``: selection opposes it."""
        return self.interval[1] < self.neutral

    def __repr__(self) -> str:
        lo, hi = self.interval
        return (f"FixationEstimate({self.probability:.4g}, {self.confidence * 100:g}% CI [{lo:.4g}, {hi:.4g}], "
                f"{self.fixations}/{self.runs} runs fixed, neutral {self.neutral:.4g})")


def _check_runs(runs: Any, where: str) -> int:
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)) or runs < 1:
        raise InvalidArgumentError(f"{where}: expected a positive integer number of runs, got {runs!r}")
    return int(runs)


def simulate_fixation(game: Any, mutant: Any, resident: Any, population_size: int, *, runs: int = 1000,
                      process: str = "moran", intensity: Any = 0.1, seed: Any = None,
                      confidence: float = 0.95, max_steps: int = MAX_SIMULATION_STEPS) -> FixationEstimate:
    """Estimate a fixation probability by simulating the individual-level process.

    Each run starts with one ``mutant`` among ``Z - 1`` residents and plays
    the process step by step (self-loops included) until one strategy is
    left. The individual rules are applied as stated in the module notes,
    not through the transition ratios, so the estimate is an independent
    check of :func:`fixation_probability`. All runs advance together
    (vectorised over runs).

    Parameters
    ----------
    game, mutant, resident, population_size, process, intensity
        As for :func:`fixation_probability`.
    runs : int
        Number of independent runs.
    seed : int, numpy.random.Generator or None
        Randomness (``numpy.random.default_rng(seed)``).
    confidence : float
        Level of the Wilson interval.
    max_steps : int
        Cap on the steps of a run; runs still going then count as not fixed
        (reported as ``unfinished``).

    Returns
    -------
    FixationEstimate

    Examples
    --------
    >>> from coopgame.dynamics.finite import fixation_probability, simulate_fixation
    >>> hunt = [[4, 0], [3, 2]]
    >>> exact = fixation_probability(hunt, 0, 1, 8, process="fermi", intensity=0.5)
    >>> est = simulate_fixation(hunt, 0, 1, 8, process="fermi", intensity=0.5, runs=4000, seed=3)
    >>> est.contains(exact)
    True
    """
    where = "simulate_fixation"
    pop = _population(game, where)
    process = _check_process(process, where)
    intensity = _check_intensity(intensity, process, where)
    size = _check_size(population_size, pop.group, where)
    runs = _check_runs(runs, where)
    if isinstance(max_steps, bool) or not isinstance(max_steps, (int, np.integer)) or max_steps < 1:
        raise InvalidArgumentError(f"{where}: expected a positive integer max_steps, got {max_steps!r}")
    a, b = pop.index(mutant), pop.index(resident)
    if a == b:
        raise InvalidProfileError(f"{where}: expected a mutant different from the resident, got {mutant!r} twice")
    rng = np.random.default_rng(seed)
    fa_k, fb_k = _payoffs_float(pop, a, b, size)
    # index by k = number of mutants (0 and Z never used)
    fa = np.concatenate([[0.0], fa_k, [0.0]])
    fb = np.concatenate([[0.0], fb_k, [0.0]])
    w = float(intensity)
    if process == "moran":
        Fa, Fb = 1 - w + w * fa_k, 1 - w + w * fb_k
        if min(Fa.min(), Fb.min()) <= 0:
            raise InvalidArgumentError(
                f"{where}: the Moran process needs positive fitness 1 - w + w * payoff, got "
                f"{min(Fa.min(), Fb.min()):.6g} at intensity {intensity!r}; use a smaller intensity or process='fermi'"
            )
    k = np.ones(runs, dtype=np.int64)
    steps = np.zeros(runs, dtype=np.int64)
    active = np.arange(runs)
    count = 0
    while active.size and count < max_steps:
        kk = k[active]
        u = rng.random((2, kk.size))
        if process == "moran":
            fit_a = 1 - w + w * fa[kk]
            fit_b = 1 - w + w * fb[kk]
            parent_is_a = u[0] * (kk * fit_a + (size - kk) * fit_b) < kk * fit_a
            dead_is_a = u[1] * size < kk
            delta = parent_is_a.astype(np.int64) - dead_is_a.astype(np.int64)
        else:
            # focal individual uniform; role model uniform among the other Z - 1
            focal_is_a = u[0] * size < kk
            others_a = kk - focal_is_a
            v = rng.random((2, kk.size))
            model_is_a = v[0] * (size - 1) < others_a
            diff = np.where(focal_is_a, fb[kk] - fa[kk], fa[kk] - fb[kk])  # model minus focal when they differ
            with np.errstate(over="ignore"):
                adopt = v[1] < 1.0 / (1.0 + np.exp(-w * diff))
            switch = adopt & (focal_is_a != model_is_a)
            delta = np.where(switch, np.where(focal_is_a, -1, 1), 0)
        k[active] = kk + delta
        steps[active] += 1
        count += 1
        done = (k[active] == 0) | (k[active] == size)
        active = active[~done]
    fixed = int(np.count_nonzero(k == size))
    unfinished = int(active.size)
    return FixationEstimate(fixed / runs, fixed, runs, wilson_interval(fixed, runs, confidence), confidence,
                            1.0 / size, float(steps.mean()), unfinished)


# ---------------------------------------------------------------------------------- mutation-selection chain
@dataclass(frozen=True, eq=False)
class MutationSelectionDistribution:
    """Stationary distribution of the full mutation-selection chain over all population compositions.

    Attributes
    ----------
    strategies : tuple of str
    states : numpy.ndarray
        Shape ``(S, m)``: the count vectors ``(n_1, ..., n_m)`` summing to
        ``Z``, in reverse lexicographic order (as
        :func:`~coopgame.games.symmetric.compositions`).
    distribution : numpy.ndarray
        Stationary probability of each state (sums to 1).
    population_size, process, intensity, mutation
        The model.

    Examples
    --------
    >>> from coopgame.dynamics.finite import mutation_selection_distribution
    >>> md = mutation_selection_distribution([[3, 0], [5, 1]], 20, mutation=0.01, process="fermi",
    ...                                      intensity=1.0)
    >>> md.states.shape, round(float(md.distribution.sum()), 12)
    ((21, 2), 1.0)
    >>> [round(float(v), 3) for v in md.frequencies]
    [0.018, 0.982]
    """

    strategies: tuple[str, ...]
    states: np.ndarray
    distribution: np.ndarray
    population_size: int
    process: str
    intensity: float
    mutation: float

    @property
    def frequencies(self) -> np.ndarray:
        """Long-run mean share of each strategy, ``sum_s pi_s s / Z``."""
        return self.distribution @ self.states / self.population_size

    @property
    def monomorphic(self) -> np.ndarray:
        """Stationary probability of each monomorphic state (all playing one strategy)."""
        m = len(self.strategies)
        out = np.zeros(m)
        for i in range(m):
            out[i] = self.distribution[self.states[:, i] == self.population_size].sum()
        return out

    def to_frame(self) -> Any:
        """A pandas DataFrame: one column of counts per strategy and a ``probability`` column."""
        import pandas as pd

        frame = pd.DataFrame(np.asarray(self.states), columns=list(self.strategies))
        frame["probability"] = np.asarray(self.distribution)
        return frame

    def __repr__(self) -> str:
        shares = ", ".join(f"{s}: {v:.4g}" for s, v in zip(self.strategies, self.frequencies))
        return (f"MutationSelectionDistribution({self.process}, intensity {self.intensity:g}, "
                f"mutation {self.mutation:g}, Z = {self.population_size}, {len(self.states)} states, "
                f"mean shares {shares})")


def _state_fitness(pop: _Population, states: np.ndarray, size: int, table: np.ndarray | None) -> np.ndarray:
    """Average payoff of each strategy in each state (one focal player of it, others drawn without replacement).

    Entries for strategies absent from a state are meaningless (never used). ``table`` is the
    SymmetricGame's float table (columns = co-player count vectors in reverse lexicographic order) for
    groups of more than two.
    """
    from scipy.special import comb

    from coopgame.games.symmetric import compositions

    m = states.shape[1]
    n = pop.group
    f = np.zeros(states.shape, dtype=float)
    if n == 2:
        A = np.array([[float(pop.pay(i, j, j, 1)) for j in range(m)] for i in range(m)])
        return (states @ A.T - np.diag(A)[None, :]) / (size - 1)
    cvs = compositions(n - 1, m)
    total = comb(size - 1, n - 1, exact=False)
    for i in range(m):
        others = states.copy()
        others[:, i] = np.maximum(others[:, i] - 1, 0)
        weights = np.ones((states.shape[0], cvs.shape[0]))
        for k in range(m):
            weights *= comb(others[:, k][:, None], cvs[:, k][None, :], exact=False)
        f[:, i] = weights @ table[i] / total
    return f


def mutation_selection_distribution(game: Any, population_size: int, *, mutation: float, process: str = "fermi",
                                    intensity: float = 0.1) -> MutationSelectionDistribution:
    """Stationary distribution of the process with mutations, over every composition of the population.

    Each step one individual, chosen uniformly at random, changes:

    - ``"fermi"``: with probability ``mutation`` it switches to a strategy
      drawn uniformly among the other ``m - 1``; otherwise it compares itself
      with a random other individual and imitates it with the Fermi
      probability (the convention of EGTtools and Traulsen et al. 2009);
    - ``"moran"``: an individual reproduces with probability proportional to
      fitness ``1 - w + w * payoff``; with probability ``mutation`` the
      offspring takes a random other strategy; it replaces the chosen one.

    The chain has ``C(Z + m - 1, m - 1)`` states and is solved as a sparse
    linear system. For rare mutations use :func:`stationary_distribution`,
    its limit.

    Parameters
    ----------
    game, population_size, process, intensity
        As for :func:`fixation_probability` (floats only: the answer is a float).
    mutation : float
        Mutation (exploration) probability per update, in ``(0, 1]``.

    Returns
    -------
    MutationSelectionDistribution

    Raises
    ------
    SolverLimitError
        More than :data:`MAX_MUTATION_STATES` states.

    Examples
    --------
    With rare mutations the chain spends almost all its time at monomorphic
    states, in the proportions of the small-mutation limit:

    >>> from coopgame.dynamics.finite import mutation_selection_distribution, stationary_distribution
    >>> hunt = [[4, 0], [3, 2]]
    >>> md = mutation_selection_distribution(hunt, 10, mutation=1e-5, intensity=0.5)
    >>> sml = stationary_distribution(hunt, 10, process="fermi", intensity=0.5)
    >>> [round(float(v), 3) for v in md.monomorphic], [round(float(v), 3) for v in sml.distribution]
    ([0.029, 0.971], [0.029, 0.971])
    """
    import scipy.sparse as sp
    from scipy.sparse.linalg import spsolve

    from coopgame.games.symmetric import composition_rank, compositions

    where = "mutation_selection_distribution"
    pop = _population(game, where)
    process = _check_process(process, where)
    intensity = _check_intensity(intensity, process, where)
    size = _check_size(population_size, pop.group, where)
    try:
        mu = float(mutation)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"{where}: expected a mutation probability in (0, 1], got {mutation!r}") from None
    if isinstance(mutation, bool) or not 0 < mu <= 1:
        raise InvalidArgumentError(f"{where}: expected a mutation probability in (0, 1], got {mutation!r}")
    m = len(pop.labels)
    if m < 2:
        raise InvalidGameError(f"{where}: expected a game with at least two strategies, got {m}")
    count = math.comb(size + m - 1, m - 1)
    if count > MAX_MUTATION_STATES:
        raise SolverLimitError(
            f"{where}: the chain would have C(Z + m - 1, m - 1) = {count} states, more than MAX_MUTATION_STATES = "
            f"{MAX_MUTATION_STATES}; use stationary_distribution (the small-mutation limit) or a smaller population"
        )
    w = float(intensity)
    states = np.array(compositions(size, m))
    f = _state_fitness(pop, states, size, game.float_table if pop.group > 2 else None)
    if process == "moran":
        F = 1 - w + w * f
        present = states > 0
        if (F[present] <= 0).any():
            raise InvalidArgumentError(
                f"{where}: the Moran process needs positive fitness 1 - w + w * payoff, got "
                f"{float(F[present].min()):.6g} at intensity {intensity!r}; use a smaller intensity or "
                "process='fermi'"
            )
        weight = np.where(present, states * F, 0.0)
        births = weight / weight.sum(axis=1, keepdims=True)  # probability the parent plays each strategy
    rows, cols, vals = [], [], []
    explore = mu / (m - 1)
    index = np.arange(states.shape[0])
    for i in range(m):
        leaves = states[:, i] > 0
        for j in range(m):
            if i == j:
                continue
            sel = index[leaves]
            st = states[sel]
            die = st[:, i] / size
            if process == "fermi":
                diff = f[sel, j] - f[sel, i]
                with np.errstate(over="ignore"):
                    imitate = 1.0 / (1.0 + np.exp(-w * diff))
                model = st[:, j] / (size - 1)
                prob = die * ((1 - mu) * model * imitate + explore)
            else:
                b = births[sel]
                born_j = (1 - mu) * b[:, j] + explore * (1 - b[:, j])
                prob = die * born_j
            target = st.copy()
            target[:, i] -= 1
            target[:, j] += 1
            rows.append(sel)
            cols.append(composition_rank(target, size))
            vals.append(prob)
    rows_a = np.concatenate(rows)
    cols_a = np.concatenate(cols)
    vals_a = np.concatenate(vals)
    S = states.shape[0]
    out = np.bincount(rows_a, weights=vals_a, minlength=S)
    # generator Q = T - I (off-diagonal rates, diagonal minus the row sums); solve pi Q = 0, sum pi = 1
    Q = sp.coo_matrix((np.r_[vals_a, -out], (np.r_[rows_a, index], np.r_[cols_a, index])), shape=(S, S)).tocsr()
    system = Q.T.tolil()
    system[S - 1, :] = np.ones(S)
    rhs = np.zeros(S)
    rhs[S - 1] = 1.0
    pi = np.asarray(spsolve(system.tocsc(), rhs), dtype=float)
    if not np.isfinite(pi).all() or pi.min() < -1e-9:
        raise SolverError(f"{where}: the sparse solve did not give a probability distribution (min {pi.min():.3g}); "
                          "the chain may be too close to decomposable for this mutation rate")
    pi = np.clip(pi, 0.0, None)
    pi /= pi.sum()
    return MutationSelectionDistribution(pop.labels, readonly(states), readonly(pi), size, process, w, mu)
