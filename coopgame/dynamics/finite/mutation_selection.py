"""The mutation-selection chain: the stationary distribution over every composition of a finite population.

With mutations that are not rare, the population also spends time in mixed
states. Each step one individual changes strategy (by imitation or
reproduction, or by mutation); the chain over the ``C(Z + m - 1, m - 1)``
compositions of the population is solved as a sparse linear system. Its
limit for rare mutations is :func:`~coopgame.dynamics.finite.stationary_distribution`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._checks import check_int, check_real, check_size, public
from coopgame._numeric import TOLERANCE, readonly
from coopgame.dynamics.finite.adapter import (
    Population,
    check_intensity,
    check_process,
    pair_matrix,
    population,
    require_positive_fitness,
)
from coopgame.errors import InvalidGameError, SolverError
from coopgame.games.coerce import GameLike
from coopgame.games.symmetric import SymmetricGame, composition_rank, compositions
from coopgame.results import ArrayResult

__all__ = ["MAX_MUTATION_STATES", "MutationSelectionDistribution", "mutation_selection_distribution"]

#: Default ``max_states`` of :func:`mutation_selection_distribution`: the number
#: of population states (compositions of ``Z`` into ``m`` strategies,
#: ``C(Z + m - 1, m - 1)``) it builds a chain over; e.g. ``m = 3`` and ``Z``
#: up to 314, ``m = 4`` and ``Z`` up to 64. Larger populations are refused
#: with :class:`~coopgame.errors.SolverLimitError`: use the small-mutation
#: limit (:func:`~coopgame.dynamics.finite.stationary_distribution`) instead.
MAX_MUTATION_STATES: int = 50_000


@public
@dataclass(frozen=True, eq=False)
class MutationSelectionDistribution(ArrayResult):
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

    is_exact = False

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

    @public
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


def _state_fitness(pop: Population, states: np.ndarray, size: int, table: np.ndarray | None) -> np.ndarray:
    """Average payoff of each strategy in each state (one focal player of it, others drawn without replacement).

    Entries for strategies absent from a state are meaningless (never used). ``table`` is the
    SymmetricGame's float table (columns = co-player count vectors in reverse lexicographic order) for
    groups of more than two.
    """
    from scipy.special import comb

    m = states.shape[1]
    n = pop.group
    f = np.zeros(states.shape, dtype=float)
    if n == 2:
        A = pair_matrix(pop)
        return (states @ A.T - np.diag(A)[None, :]) / (size - 1)
    assert table is not None  # groups of more than two come with their SymmetricGame's table
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


@public
def mutation_selection_distribution(game: GameLike | SymmetricGame, population_size: int, *, mutation: float,
                                    process: str = "fermi", intensity: float = 0.1,
                                    max_states: int = MAX_MUTATION_STATES) -> MutationSelectionDistribution:
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
    linear system. For rare mutations use
    :func:`~coopgame.dynamics.finite.stationary_distribution`,
    its limit.

    Parameters
    ----------
    game, population_size, process, intensity
        As for :func:`~coopgame.dynamics.finite.fixation_probability`
        (floats only: the answer is a float).
    mutation : float
        Mutation (exploration) probability per update, in ``(0, 1]``.
    max_states : int
        Largest number of population states accepted, checked (in Python
        integers) before anything is built; default
        :data:`MAX_MUTATION_STATES` (50,000). For n-player games the
        payoff averaging also needs ``states x C(n + m - 2, m - 1)`` weights,
        held to 100 times this number.

    Returns
    -------
    MutationSelectionDistribution

    Raises
    ------
    SolverLimitError
        More than ``max_states`` states.

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

    where = "mutation_selection_distribution"
    pop = population(game, where)
    process = check_process(process, where)
    w = float(check_intensity(intensity, process, where))
    mu = float(check_real(mutation, "mutation", where, minimum=0, maximum=1, open_min=True))
    limit = check_int(max_states, "max_states", where, minimum=1)
    size = check_int(population_size, "population_size", where, minimum=max(2, pop.group))
    m = len(pop.labels)
    if m < 2:
        raise InvalidGameError(f"{where}: expected a game with at least two strategies, got {m}")
    count = math.comb(size + m - 1, m - 1)
    check_size(where, count, limit, what="the number of population states C(Z + m - 1, m - 1)",
               limit_name="max_states", alternative="stationary_distribution (the small-mutation limit)")
    table = None
    if pop.group > 2:
        assert isinstance(game, SymmetricGame)  # only SymmetricGame has groups of more than two
        weights = count * math.comb(pop.group + m - 2, m - 1)
        check_size(where, -(-weights // 100), limit,
                   what="the number of payoff weights (states x co-player compositions), in hundreds,",
                   limit_name="max_states", alternative="stationary_distribution (the small-mutation limit)")
        table = game.float_table
    states = np.array(compositions(size, m))
    f = _state_fitness(pop, states, size, table)
    if process == "moran":
        F = 1 - w + w * f
        present = states > 0
        require_positive_fitness(float(F[present].min()), intensity, where)
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
    if not np.isfinite(pi).all() or pi.min() < -TOLERANCE:  # probabilities: the absolute tolerance
        raise SolverError(f"{where}: the sparse solve did not give a probability distribution (min {pi.min():.3g}); "
                          "the chain may be too close to decomposable for this mutation rate")
    pi = np.clip(pi, 0.0, None)
    pi /= pi.sum()
    return MutationSelectionDistribution(pop.labels, readonly(states), readonly(pi), size, process, w, mu)
