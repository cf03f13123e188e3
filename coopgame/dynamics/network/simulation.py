"""Games on networks: death-birth, imitation and pairwise-comparison updating on a graph.

Each node of an undirected graph (say, a jurisdiction, linked to the
jurisdictions it borders) holds one strategy of a symmetric two-player game
and plays it with each neighbour. Its payoff is the *sum* of the payoffs of
these games (``payoff="accumulated"``, as in Ohtsuki et al. 2006) or their
mean (``payoff="average"``). Fitness is ``1 - w + w * payoff`` with
selection intensity ``w`` (``intensity``). One update step:

``"death-birth"``
    A node chosen uniformly at random dies; its neighbours compete for the
    empty site with probability proportional to fitness, and the winner's
    strategy takes it.
``"imitation"``
    A node chosen uniformly at random keeps its strategy or adopts a
    neighbour's, with probability proportional to fitness among itself and
    its neighbours.
``"pairwise"``
    A node chosen uniformly at random compares its payoff with that of a
    random neighbour and adopts the neighbour's strategy with probability
    ``1 / (1 + exp(-w * (P_neighbour - P_self)))`` (the Fermi rule).

Ohtsuki, Hauert, Lieberman & Nowak (2006, Nature 441:502) show that in the
donation game (a cooperator pays ``c`` for its partner to get ``b``), under
weak selection, death-birth updating on a graph of degree ``k`` favours
cooperation (a single cooperator fixes with probability above ``1/N``) when
``b / c > k``; imitation needs ``b / c > k + 2``; the pairwise rule (like
birth-death) never favours it. For finite ``N`` on regular graphs the
death-birth threshold is ``(N - 2) / (N / k - 2)`` (Ohtsuki et al. 2006,
Supplementary Information; Taylor, Day & Wild 2007).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._checks import (
    check_choice,
    check_int,
    check_real,
    check_seed,
    check_size,
    progress_bar,
    public,
)
from coopgame._numeric import readonly
from coopgame.dynamics.finite.adapter import label_index, pair_matrix, population
from coopgame.dynamics.finite.estimate import FixationEstimate, check_confidence, wilson_interval
from coopgame.dynamics.finite.simulation import MAX_INT64, MAX_RUNS
from coopgame.dynamics.network import kernels
from coopgame.dynamics.network.graph import Graph, as_graph
from coopgame.errors import InvalidArgumentError, InvalidGameError, InvalidProfileError
from coopgame.games.coerce import GameLike
from coopgame.games.symmetric import SymmetricGame
from coopgame.results import ArrayResult

__all__ = ["MAX_RECORDS", "MAX_RUN_STEPS", "UPDATES", "NetworkRun", "fixation_on_graph", "simulate_network"]

#: Update rules known to :func:`simulate_network` and :func:`fixation_on_graph`.
UPDATES: tuple[str, ...] = ("death-birth", "imitation", "pairwise")
_UPDATE_CODE = {name: k for k, name in enumerate(UPDATES)}
_PAYOFFS = ("accumulated", "average")

#: Default ``max_records`` of :func:`simulate_network`: the number of counts
#: it records (samples times strategies), held in memory.
MAX_RECORDS: int = 10**7

#: Default cap on the steps of one run in :func:`fixation_on_graph`.
MAX_RUN_STEPS: int = 10**8

#: Steps (or runs, times the number of nodes) per call of a compiled kernel:
#: between calls the progress bar moves and Ctrl-C is heard.
_CHUNK = 2**22


def _matrix(game: Any, where: str) -> tuple[np.ndarray, tuple[str, ...]]:
    pop = population(game, where)
    if pop.group != 2:
        raise InvalidGameError(f"{where}: expected a two-player game (pairwise interactions on links), "
                               f"got a {pop.group}-player game")
    return pair_matrix(pop), pop.labels


def _check_rules(update: Any, payoff: Any, intensity: Any, where: str) -> tuple[int, bool, float]:
    update = check_choice(update, "update", where, UPDATES)
    payoff = check_choice(payoff, "payoff", where, _PAYOFFS)
    w = float(check_real(intensity, "intensity", where, minimum=0, maximum=None if update == "pairwise" else 1))
    return _UPDATE_CODE[update], payoff == "average", w


def _check_fitness(A: np.ndarray, g: Graph, w: float, average: bool, update: str, where: str) -> None:
    if update == "pairwise":
        return
    low = float(A.min())
    worst = low if average else low * float(g.degrees.max() if low < 0 else g.degrees.min())
    if 1 - w + w * worst <= 0:
        raise InvalidArgumentError(
            f"{where}: fitness 1 - w + w * payoff must stay positive, but a node can reach payoff {worst:.6g} "
            f"(fitness {1 - w + w * worst:.6g}) at intensity {w:g}; use a smaller intensity or payoff='average'"
        )


def _setup(game: Any, graph: Any, update: Any, payoff: Any, intensity: Any,
           where: str) -> tuple[np.ndarray, tuple[str, ...], Graph, int, bool, float]:
    """The checked model: payoff matrix, labels, graph, update code, averaging and intensity."""
    A, labels = _matrix(game, where)
    g = as_graph(graph)
    code, average, w = _check_rules(update, payoff, intensity, where)
    _check_fitness(A, g, w, average, UPDATES[code], where)
    return A, labels, g, code, average, w


def _kernel_seed(seed: Any, where: str) -> int:
    return int(check_seed(seed, where).integers(0, 2**31 - 1))


@public
@dataclass(frozen=True, eq=False)
class NetworkRun(ArrayResult):
    """A simulated run of a game on a graph.

    Attributes
    ----------
    steps : numpy.ndarray
        The update steps at which the counts were recorded.
    counts : numpy.ndarray
        Shape ``(samples, m)``: how many nodes held each strategy.
    final : numpy.ndarray
        Strategy index of each node at the end (node order of :attr:`graph`).
    strategies : tuple of str
    graph : Graph
    update : str
    intensity : float

    Examples
    --------
    >>> import numpy as np
    >>> from coopgame.dynamics.network import donation_game, simulate_network
    >>> ring = np.roll(np.eye(20, dtype=int), 1, 1) + np.roll(np.eye(20, dtype=int), -1, 1)
    >>> run = simulate_network(donation_game(5, 1), ring, steps=500, initial=0.5, seed=1)
    >>> run.counts.sum(axis=1).tolist() == [20] * len(run.steps)
    True
    >>> run.shares.shape[1]
    2
    """

    steps: np.ndarray
    counts: np.ndarray
    final: np.ndarray
    strategies: tuple[str, ...]
    graph: Graph
    update: str
    intensity: float

    is_exact = False

    @property
    def shares(self) -> np.ndarray:
        """``counts / N``."""
        return self.counts / self.graph.num_nodes

    @public
    def share(self, strategy: str | int) -> np.ndarray:
        """Share of ``strategy`` at each recorded step."""
        return self.shares[:, label_index(self.strategies, "NetworkRun.share")(strategy)]

    @public
    def to_frame(self) -> Any:
        """A pandas DataFrame with a ``step`` column and one column of counts per strategy."""
        import pandas as pd

        frame = pd.DataFrame(np.asarray(self.counts), columns=list(self.strategies))
        frame.insert(0, "step", np.asarray(self.steps))
        return frame

    def __repr__(self) -> str:
        last = ", ".join(f"{s}: {int(c)}" for s, c in zip(self.strategies, self.counts[-1]))
        return (f"NetworkRun({self.update}, intensity {self.intensity:g}, {self.graph!r}, "
                f"{int(self.steps[-1])} steps, final counts {last})")


def _initial_state(initial: Any, n: int, m: int, labels: tuple[str, ...], rng: np.random.Generator,
                   where: str) -> np.ndarray:
    if isinstance(initial, (float, np.floating)):
        if m != 2:
            raise InvalidArgumentError(
                f"{where}: a number initial is the share of the first strategy in a two-strategy game; "
                f"got {initial!r} for {m} strategies")
        share = float(check_real(initial, "initial (the share of the first strategy)", where, minimum=0, maximum=1))
        first = round(share * n)
        s = np.ones(n, dtype=np.int64)
        s[rng.permutation(n)[:first]] = 0
        return s
    if isinstance(initial, (str, bytes)):
        raise InvalidArgumentError(
            f"{where}: expected initial to be a share (float) or one strategy per node ({n}), got {initial!r}")
    try:
        arr = np.asarray(initial, dtype=object)
    except (TypeError, ValueError):
        arr = np.empty(0, dtype=object)
    if arr.shape != (n,):
        raise InvalidArgumentError(
            f"{where}: expected initial to be a share (float) or one strategy per node ({n}), got {initial!r}")
    index = label_index(labels, where)
    out = np.empty(n, dtype=np.int64)
    for i, v in enumerate(arr):
        try:
            out[i] = index(v)
        except InvalidProfileError as err:
            raise InvalidProfileError(f"{err} at node {i}") from None
    return out


@public
def simulate_network(game: GameLike | SymmetricGame, graph: Any, *, steps: int, initial: Any = 0.5,
                     update: str = "death-birth", intensity: float = 0.1, payoff: str = "accumulated",
                     record_every: int | None = None, seed: Any = None, max_records: int = MAX_RECORDS,
                     progress: bool | None = None) -> NetworkRun:
    """Simulate a symmetric two-player game on a graph for a number of update steps.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, 2-player SymmetricGame or square matrix
        A symmetric game (row payoffs used); any number of strategies.
    graph : networkx graph, numpy or scipy sparse adjacency matrix, or Graph
        Read by :func:`~coopgame.dynamics.network.as_graph` (at most
        ``MAX_NODES`` nodes unless a :class:`Graph` built with a larger
        ``max_nodes`` is given).
    steps : int
        Number of update steps (one node updated per step; ``N`` steps make
        one generation). The work is proportional to ``steps``.
    initial : float or sequence
        Share of the first strategy, placed at random (two strategies), or a
        strategy (label or index) per node.
    update : {"death-birth", "imitation", "pairwise"}
    intensity : float
        ``w`` (in ``[0, 1]`` for death-birth and imitation, finite and
        non-negative for pairwise).
    payoff : {"accumulated", "average"}
    record_every : int, optional
        Record the counts every this many steps (default ``N``); the
        last step is always recorded.
    seed : int, numpy.random.Generator or None
    max_records : int
        Largest number of recorded counts (samples times strategies),
        checked before anything is allocated; default :data:`MAX_RECORDS`
        (10**7). Raise ``record_every`` to record less.
    progress : bool, optional
        A tqdm progress bar over the steps. None (default) shows one only in
        a terminal or notebook, once the run has lasted a second. The run
        can be interrupted (Ctrl-C) between chunks of about four million
        steps.

    Returns
    -------
    NetworkRun

    Examples
    --------
    >>> import networkx as nx
    >>> from coopgame.dynamics.network import donation_game, simulate_network
    >>> g = nx.random_regular_graph(3, 30, seed=1)
    >>> run = simulate_network(donation_game(6, 1), g, steps=3000, initial=0.5, seed=2)
    >>> run.counts.shape
    (101, 2)
    """
    where = "simulate_network"
    A, labels, g, code, average, w = _setup(game, graph, update, payoff, intensity, where)
    steps = check_int(steps, "steps", where, minimum=0, maximum=MAX_INT64)
    n, m = g.num_nodes, A.shape[0]
    every = n if record_every is None else check_int(record_every, "record_every", where, minimum=1)
    every = min(every, steps + 1)  # recording less often than once a run records the ends only, as steps + 1 does
    samples = steps // every + 1 + (1 if steps % every else 0)
    check_size(where, samples * m, check_int(max_records, "max_records", where, minimum=1),
               what="the number of recorded counts (samples x strategies)", limit_name="max_records",
               alternative="a larger record_every")
    rng = check_seed(seed, where)
    s = _initial_state(initial, n, m, labels, rng, where)
    seed_int = _kernel_seed(rng, where)
    P = np.empty(n)
    counts = np.bincount(s, minlength=m).astype(np.int64)
    kernels.set_payoffs(g.indptr, g.indices, A, s, P)
    record = np.zeros((samples, m), dtype=np.int64)
    record[0, :] = counts
    k = 1
    bar = progress_bar(progress, steps, where, unit="step")
    try:
        for start in range(0, steps, _CHUNK):
            stop = min(steps, start + _CHUNK)
            k = kernels.evolve(g.indptr, g.indices, A, w, code, average, s, P, counts, record, k, start, stop, every,
                               steps, seed_int if start == 0 else -1)
            if bar is not None:
                bar.update(stop - start)
    finally:
        if bar is not None:
            bar.close()
    times = np.arange(0, steps + 1, every, dtype=np.int64)
    if steps % every:
        times = np.append(times, steps)
    return NetworkRun(readonly(times), readonly(record), readonly(s), labels, g, UPDATES[code], w)


@public
def fixation_on_graph(game: GameLike | SymmetricGame, graph: Any, mutant: str | int = 0, resident: str | int = 1, *,
                      runs: int = 1000, update: str = "death-birth", intensity: float = 0.01,
                      payoff: str = "accumulated", confidence: float = 0.95, max_steps: int = MAX_RUN_STEPS,
                      seed: Any = None, max_runs: int = MAX_RUNS, progress: bool | None = None) -> FixationEstimate:
    """Estimate the probability that a single mutant, placed at a random node, takes over the graph.

    Each run starts with ``mutant`` at a node chosen uniformly at random and
    ``resident`` everywhere else, and updates until one strategy is left.
    Compare the estimate with the neutral value ``1 / N``
    (:attr:`~coopgame.dynamics.finite.FixationEstimate.above_neutral`).

    Parameters
    ----------
    game, graph, update, intensity, payoff
        As for :func:`simulate_network`.
    mutant, resident : str or int
        Default: the first strategy invades the second (cooperators among
        defectors for :func:`donation_game`).
    runs : int
        Number of independent runs (at least 1).
    confidence : float
        Level of the Wilson interval, in ``(0, 1)``.
    max_steps : int
        Cap on the steps of one run (default :data:`MAX_RUN_STEPS`, 10**8);
        runs still going then count as not fixed. The work is at most
        ``runs * max_steps`` steps.
    max_runs : int
        Largest ``runs`` accepted, checked before any work; default
        :data:`~coopgame.dynamics.finite.simulation.MAX_RUNS` (10**7).
    seed : int, numpy.random.Generator or None
    progress : bool, optional
        A tqdm progress bar over the runs. None (default) shows one only in
        a terminal or notebook, once the estimate has taken a second. The
        estimate can be interrupted (Ctrl-C) between chunks of runs.

    Returns
    -------
    FixationEstimate

    Examples
    --------
    With no selection every node is equally likely to be the ancestor of all:

    >>> import networkx as nx
    >>> from coopgame.dynamics.network import donation_game, fixation_on_graph
    >>> g = nx.random_regular_graph(3, 10, seed=0)
    >>> est = fixation_on_graph(donation_game(4, 1), g, runs=2000, intensity=0.0, seed=1)
    >>> est.contains(0.1)
    True
    """
    where = "fixation_on_graph"
    A, labels, g, code, average, w = _setup(game, graph, update, payoff, intensity, where)
    runs = check_int(runs, "runs", where, minimum=1)
    check_size(where, runs, check_int(max_runs, "max_runs", where, minimum=1), what="the number of runs",
               limit_name="max_runs")
    max_steps = check_int(max_steps, "max_steps", where, minimum=1, maximum=MAX_INT64)
    index = label_index(labels, where)
    a, b = index(mutant), index(resident)
    if a == b:
        raise InvalidProfileError(f"{where}: expected a mutant different from the resident, got {mutant!r} twice")
    confidence = check_confidence(confidence, where)
    seed_int = _kernel_seed(seed, where)
    n = g.num_nodes
    # a run takes at least about N steps: chunks of runs of roughly _CHUNK steps each
    chunk = max(1, _CHUNK // (n * n))
    fixed = unfinished = total = 0
    bar = progress_bar(progress, runs, where, unit="run")
    try:
        for start in range(0, runs, chunk):
            size = min(chunk, runs - start)
            f, u, t = kernels.fixation_runs(g.indptr, g.indices, A, w, code, average, a, b, size, max_steps,
                                            seed_int if start == 0 else -1)
            fixed, unfinished, total = fixed + int(f), unfinished + int(u), total + int(t)
            if bar is not None:
                bar.update(size)
    finally:
        if bar is not None:
            bar.close()
    return FixationEstimate(fixed / runs, fixed, runs, wilson_interval(fixed, runs, confidence), confidence,
                            1.0 / n, total / runs, unfinished)
