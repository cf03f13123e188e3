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

Graphs are given as a networkx graph (any object with ``nodes`` and ``adj``,
read without importing networkx), a square symmetric numpy adjacency matrix
or a scipy sparse one. Simulations run in a compiled kernel (numba) with
incremental payoff updates, so one step costs ``O(degree)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._numeric import readonly
from coopgame.dynamics.finite import FixationEstimate, wilson_interval
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, InvalidGameError, InvalidProfileError

try:  # pragma: no cover - numba is a dependency; the fallback keeps the module importable without it
    from numba import njit
except ImportError:  # pragma: no cover
    njit = None

__all__ = [
    "UPDATES",
    "Graph",
    "NetworkRun",
    "as_graph",
    "donation_game",
    "fixation_on_graph",
    "simulate_network",
]

#: Update rules known to :func:`simulate_network` and :func:`fixation_on_graph`.
UPDATES: tuple[str, ...] = ("death-birth", "imitation", "pairwise")
_UPDATE_CODE = {name: k for k, name in enumerate(UPDATES)}
_PAYOFFS = ("accumulated", "average")


# ---------------------------------------------------------------------------------- graphs
@dataclass(frozen=True, eq=False)
class Graph:
    """An undirected graph in compressed sparse row form (what the kernels read).

    Attributes
    ----------
    indptr, indices : numpy.ndarray
        Neighbours of node ``i`` are ``indices[indptr[i]:indptr[i + 1]]``.
    nodes : tuple
        Node labels, in index order.

    Examples
    --------
    >>> import numpy as np
    >>> from coopgame.dynamics.network import as_graph
    >>> ring = as_graph(np.roll(np.eye(5, dtype=int), 1, axis=1) + np.roll(np.eye(5, dtype=int), -1, axis=1))
    >>> ring
    Graph(5 nodes, 5 edges, degree 2)
    >>> ring.neighbours(0).tolist()
    [1, 4]
    """

    indptr: np.ndarray
    indices: np.ndarray
    nodes: tuple[Any, ...]

    @property
    def num_nodes(self) -> int:
        """Number of nodes ``N``."""
        return len(self.indptr) - 1

    @property
    def degrees(self) -> np.ndarray:
        """Degree of each node."""
        return np.diff(self.indptr)

    @property
    def num_edges(self) -> int:
        """Number of (undirected) edges."""
        return int(self.indices.size // 2)

    @property
    def regular_degree(self) -> int | None:
        """The common degree ``k`` when every node has it, else None."""
        d = self.degrees
        return int(d[0]) if d.size and (d == d[0]).all() else None

    @property
    def mean_degree(self) -> float:
        """Average degree ``2 E / N``."""
        return float(self.degrees.mean())

    def neighbours(self, i: int) -> np.ndarray:
        """Indices of the neighbours of node index ``i``."""
        return self.indices[self.indptr[i]:self.indptr[i + 1]]

    def __repr__(self) -> str:
        k = self.regular_degree
        deg = f"degree {k}" if k is not None else f"mean degree {self.mean_degree:.3g}"
        return f"Graph({self.num_nodes} nodes, {self.num_edges} edges, {deg})"


def as_graph(graph: Any) -> Graph:
    """Read an undirected graph: a networkx graph, a numpy adjacency matrix or a scipy sparse matrix.

    Nonzero entries (or networkx edges) are links; weights are ignored.
    Every node needs at least one neighbour; self-loops and directed graphs
    are refused.

    Raises
    ------
    InvalidArgumentError
        Not a graph, a directed or asymmetric one, self-loops, isolated
        nodes, or fewer than two nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> from coopgame.dynamics.network import as_graph
    >>> as_graph(nx.cycle_graph(6))
    Graph(6 nodes, 6 edges, degree 2)
    """
    where = "as_graph"
    if isinstance(graph, Graph):
        return graph
    if hasattr(graph, "adj") and hasattr(graph, "nodes"):
        if getattr(graph, "is_directed", lambda: False)():
            raise InvalidArgumentError(f"{where}: expected an undirected graph, got a directed {type(graph).__name__}")
        nodes = tuple(graph.nodes)
        index = {v: i for i, v in enumerate(nodes)}
        lists = []
        for v in nodes:
            nb = [index[u] for u in graph.adj[v]]
            if index[v] in nb:
                raise InvalidArgumentError(f"{where}: expected a graph without self-loops, got one at node {v!r}")
            lists.append(sorted(set(nb)))
        indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(x) for x in lists])
        indices = np.array([u for x in lists for u in x], dtype=np.int64)
    else:
        try:
            import scipy.sparse as sp

            if sp.issparse(graph):
                matrix = sp.csr_matrix(graph)
            else:
                arr = np.asarray(graph)
                if arr.ndim != 2 or arr.dtype.kind not in "biuf":
                    raise ValueError
                matrix = sp.csr_matrix(arr)
        except (ValueError, TypeError):
            raise InvalidArgumentError(
                f"{where}: expected a networkx graph, a square adjacency matrix or a scipy sparse matrix, "
                f"got {type(graph).__name__}"
            ) from None
        if matrix.shape[0] != matrix.shape[1]:
            raise InvalidArgumentError(f"{where}: expected a square adjacency matrix, got shape {matrix.shape}")
        matrix = (matrix != 0).astype(np.int8).tocsr()
        matrix.eliminate_zeros()
        if (matrix != matrix.T).nnz:
            raise InvalidArgumentError(f"{where}: expected a symmetric adjacency matrix (an undirected graph)")
        if matrix.diagonal().any():
            raise InvalidArgumentError(f"{where}: expected a graph without self-loops (zero diagonal)")
        matrix.sort_indices()
        indptr = matrix.indptr.astype(np.int64)
        indices = matrix.indices.astype(np.int64)
        nodes = tuple(range(matrix.shape[0]))
    n = len(indptr) - 1
    if n < 2:
        raise InvalidArgumentError(f"{where}: expected a graph of at least two nodes, got {n}")
    isolated = np.flatnonzero(np.diff(indptr) == 0)
    if isolated.size:
        raise InvalidArgumentError(
            f"{where}: expected every node to have a neighbour, got {isolated.size} isolated node(s), "
            f"e.g. {nodes[int(isolated[0])]!r}"
        )
    return Graph(readonly(indptr), readonly(indices), nodes)


# ---------------------------------------------------------------------------------- games
def donation_game(b: Any, c: Any, *, exact: bool | None = None) -> Any:
    """The donation game: a cooperator pays ``c`` for its partner to receive ``b``.

    Row payoffs ``[[b - c, -c], [b, 0]]``, actions ``("Cooperate", "Defect")``:
    a prisoner's dilemma when ``b > c > 0``.

    Examples
    --------
    >>> from coopgame.dynamics.network import donation_game
    >>> donation_game(4, 1)
    NormalFormGame (Player 1: rows, Player 2: columns)
                 Cooperate  Defect
    Cooperate         3, 3   -1, 4
    Defect            4, -1   0, 0
    """
    from coopgame.games.normal_form import NormalFormGame

    A = [[b - c, -c], [b, 0]]
    B = [[b - c, b], [-c, 0]]
    return NormalFormGame([A, B], actions=[["Cooperate", "Defect"]] * 2, exact=exact)


def _matrix(game: Any, where: str) -> tuple[np.ndarray, tuple[str, ...]]:
    from coopgame.dynamics.finite import _population

    pop = _population(game, where)
    if pop.group != 2:
        raise InvalidGameError(f"{where}: expected a two-player game (pairwise interactions on links), "
                               f"got a {pop.group}-player game")
    m = len(pop.labels)
    A = np.array([[float(pop.pay(s, x, x, 1)) for x in range(m)] for s in range(m)])
    return A, pop.labels


# ---------------------------------------------------------------------------------- kernels
def _set_payoffs(indptr, indices, A, s, P):  # pragma: no cover - compiled
    n = indptr.shape[0] - 1
    for i in range(n):
        acc = 0.0
        for e in range(indptr[i], indptr[i + 1]):
            acc += A[s[i], s[indices[e]]]
        P[i] = acc


def _fitness(P_i, deg_i, w, average):  # pragma: no cover - compiled
    p = P_i / deg_i if average else P_i
    return 1.0 - w + w * p


def _step(indptr, indices, A, w, update, average, s, P, counts):  # pragma: no cover - compiled
    """One update; returns True when a node changed strategy."""
    n = indptr.shape[0] - 1
    i = np.random.randint(0, n)
    lo, hi = indptr[i], indptr[i + 1]
    deg = hi - lo
    old = s[i]
    if update == 0:  # death-birth
        total = 0.0
        for e in range(lo, hi):
            j = indices[e]
            total += _fitness(P[j], indptr[j + 1] - indptr[j], w, average)
        r = np.random.random() * total
        new = s[indices[hi - 1]]
        acc = 0.0
        for e in range(lo, hi):
            j = indices[e]
            acc += _fitness(P[j], indptr[j + 1] - indptr[j], w, average)
            if r < acc:
                new = s[j]
                break
    elif update == 1:  # imitation (self included)
        total = _fitness(P[i], deg, w, average)
        for e in range(lo, hi):
            j = indices[e]
            total += _fitness(P[j], indptr[j + 1] - indptr[j], w, average)
        r = np.random.random() * total
        acc = _fitness(P[i], deg, w, average)
        new = old
        if r >= acc:
            new = s[indices[hi - 1]]
            for e in range(lo, hi):
                j = indices[e]
                acc += _fitness(P[j], indptr[j + 1] - indptr[j], w, average)
                if r < acc:
                    new = s[j]
                    break
    else:  # pairwise comparison with a random neighbour (Fermi)
        j = indices[lo + np.random.randint(0, deg)]
        pi = P[i] / deg if average else P[i]
        pj = P[j] / (indptr[j + 1] - indptr[j]) if average else P[j]
        x = -w * (pj - pi)
        prob = 0.0 if x > 700.0 else 1.0 / (1.0 + math.exp(x))
        new = s[j] if np.random.random() < prob else old
    if new == old:
        return False
    acc = 0.0
    for e in range(lo, hi):
        j = indices[e]
        sj = s[j]
        P[j] += A[sj, new] - A[sj, old]
        acc += A[new, sj]
    P[i] = acc
    s[i] = new
    counts[old] -= 1
    counts[new] += 1
    return True


def _fixation_kernel(indptr, indices, A, w, update, average, mutant, resident, runs, max_steps,
                     seed):  # pragma: no cover - compiled
    np.random.seed(seed)
    n = indptr.shape[0] - 1
    m = A.shape[0]
    s = np.empty(n, dtype=np.int64)
    P = np.empty(n)
    counts = np.zeros(m, dtype=np.int64)
    fixed = 0
    unfinished = 0
    total_steps = 0
    for _ in range(runs):
        for i in range(n):
            s[i] = resident
        s[np.random.randint(0, n)] = mutant
        counts[:] = 0
        counts[resident] = n - 1
        counts[mutant] = 1
        _set_payoffs(indptr, indices, A, s, P)
        steps = 0
        while 0 < counts[mutant] < n and steps < max_steps:
            _step(indptr, indices, A, w, update, average, s, P, counts)
            steps += 1
        total_steps += steps
        if counts[mutant] == n:
            fixed += 1
        elif counts[mutant] > 0:
            unfinished += 1
    return fixed, unfinished, total_steps


def _evolve_kernel(indptr, indices, A, w, update, average, s, steps, every, seed):  # pragma: no cover - compiled
    np.random.seed(seed)
    n = indptr.shape[0] - 1
    m = A.shape[0]
    P = np.empty(n)
    counts = np.zeros(m, dtype=np.int64)
    for i in range(n):
        counts[s[i]] += 1
    _set_payoffs(indptr, indices, A, s, P)
    samples = steps // every + 1 + (1 if steps % every else 0)
    record = np.zeros((samples, m), dtype=np.int64)
    record[0, :] = counts
    k = 1
    for t in range(1, steps + 1):
        _step(indptr, indices, A, w, update, average, s, P, counts)
        if t % every == 0 or t == steps:
            record[k, :] = counts
            k += 1
    return record


if njit is not None:  # pragma: no branch
    _set_payoffs = njit(cache=True)(_set_payoffs)
    _fitness = njit(cache=True)(_fitness)
    _step = njit(cache=True)(_step)
    _fixation_kernel = njit(cache=True)(_fixation_kernel)
    _evolve_kernel = njit(cache=True)(_evolve_kernel)
# without numba the kernels run as plain Python on numpy's legacy global generator (slow, same results
# for a given seed within that mode)


# ---------------------------------------------------------------------------------- checks
def _check_options(update: Any, payoff: Any, intensity: Any, where: str) -> tuple[int, bool, float]:
    if update not in UPDATES:
        raise InvalidArgumentError(f"{where}: expected update to be one of {UPDATES}, got {update!r}")
    if payoff not in _PAYOFFS:
        raise InvalidArgumentError(f"{where}: expected payoff to be one of {_PAYOFFS}, got {payoff!r}")
    try:
        w = float(intensity)
    except (TypeError, ValueError):
        raise InvalidArgumentTypeError(f"{where}: expected a number intensity, got {intensity!r}") from None
    if isinstance(intensity, bool) or not math.isfinite(w) or w < 0 or (update != "pairwise" and w > 1):
        bound = "in [0, 1]" if update != "pairwise" else "finite and non-negative"
        raise InvalidArgumentError(f"{where}: expected intensity {bound} for {update} updating, got {intensity!r}")
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


def _check_count(value: Any, name: str, where: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise InvalidArgumentError(f"{where}: expected an integer {name} of at least {minimum}, got {value!r}")
    return int(value)


def _kernel_seed(seed: Any) -> int:
    return int(np.random.default_rng(seed).integers(0, 2**31 - 1))


# ---------------------------------------------------------------------------------- public API
@dataclass(frozen=True, eq=False)
class NetworkRun:
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

    @property
    def shares(self) -> np.ndarray:
        """``counts / N``."""
        return self.counts / self.graph.num_nodes

    def share(self, strategy: str | int) -> np.ndarray:
        """Share of ``strategy`` at each recorded step."""
        k = self.strategies.index(strategy) if isinstance(strategy, str) else int(strategy)
        return self.shares[:, k]

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
        if not 0 <= float(initial) <= 1 or m != 2:
            raise InvalidArgumentError(
                f"{where}: a number initial is the share of the first strategy in a two-strategy game, in [0, 1]; "
                f"got {initial!r} for {m} strategies")
        first = round(float(initial) * n)
        s = np.ones(n, dtype=np.int64)
        s[rng.permutation(n)[:first]] = 0
        return s
    arr = np.asarray(initial, dtype=object)
    if arr.shape != (n,):
        raise InvalidArgumentError(
            f"{where}: expected initial to be a share (float) or one strategy per node ({n}), got {initial!r}")
    out = np.empty(n, dtype=np.int64)
    for i, v in enumerate(arr):
        if isinstance(v, str) and v in labels:
            out[i] = labels.index(v)
        elif isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 0 <= v < m:
            out[i] = int(v)
        else:
            raise InvalidProfileError(f"{where}: expected a strategy in {labels} or an index, got {v!r} at node {i}")
    return out


def simulate_network(game: Any, graph: Any, *, steps: int, initial: Any = 0.5, update: str = "death-birth",
                     intensity: float = 0.1, payoff: str = "accumulated", record_every: int | None = None,
                     seed: Any = None) -> NetworkRun:
    """Simulate a symmetric two-player game on a graph for a number of update steps.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, 2-player SymmetricGame or square matrix
        A symmetric game (row payoffs used); any number of strategies.
    graph : networkx graph, numpy or scipy sparse adjacency matrix, or Graph
    steps : int
        Number of update steps (one node updated per step; ``N`` steps make
        one generation).
    initial : float or sequence
        Share of the first strategy, placed at random (two strategies), or a
        strategy (label or index) per node.
    update : {"death-birth", "imitation", "pairwise"}
    intensity : float
        ``w`` (in ``[0, 1]`` for death-birth and imitation).
    payoff : {"accumulated", "average"}
    record_every : int, optional
        Record the counts every this many steps (default ``N``); the
        last step is always recorded.
    seed : int, numpy.random.Generator or None

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
    A, labels = _matrix(game, where)
    g = as_graph(graph)
    code, average, w = _check_options(update, payoff, intensity, where)
    _check_fitness(A, g, w, average, update, where)
    steps = _check_count(steps, "steps", where, 0)
    n = g.num_nodes
    every = n if record_every is None else _check_count(record_every, "record_every", where)
    rng = np.random.default_rng(seed)
    s = _initial_state(initial, n, A.shape[0], labels, rng, where)
    record = _evolve_kernel(g.indptr, g.indices, A, w, code, average, s, steps, every, _kernel_seed(rng))
    times = np.arange(0, steps + 1, every, dtype=np.int64)
    if steps % every:
        times = np.append(times, steps)
    return NetworkRun(readonly(times), readonly(record), readonly(s), labels, g, update, w)


def fixation_on_graph(game: Any, graph: Any, mutant: Any = 0, resident: Any = 1, *, runs: int = 1000,
                      update: str = "death-birth", intensity: float = 0.01, payoff: str = "accumulated",
                      confidence: float = 0.95, max_steps: int = 10**8, seed: Any = None) -> FixationEstimate:
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
    confidence : float
        Level of the Wilson interval.
    max_steps : int
        Cap on the steps of one run; runs still going then count as not fixed.
    seed : int, numpy.random.Generator or None

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
    A, labels = _matrix(game, where)
    g = as_graph(graph)
    code, average, w = _check_options(update, payoff, intensity, where)
    _check_fitness(A, g, w, average, update, where)
    runs = _check_count(runs, "runs", where)
    max_steps = _check_count(max_steps, "max_steps", where)
    from coopgame.dynamics.finite import _label_index

    index = _label_index(labels, where)
    a, b = index(mutant), index(resident)
    if a == b:
        raise InvalidProfileError(f"{where}: expected a mutant different from the resident, got {mutant!r} twice")
    if not (isinstance(confidence, (int, float)) and 0 < confidence < 1):
        raise InvalidArgumentError(f"{where}: expected a confidence in (0, 1), got {confidence!r}")
    fixed, unfinished, total = _fixation_kernel(g.indptr, g.indices, A, w, code, average, a, b, runs, max_steps,
                                                _kernel_seed(seed))
    fixed, unfinished = int(fixed), int(unfinished)
    n = g.num_nodes
    return FixationEstimate(fixed / runs, fixed, runs, wilson_interval(fixed, runs, confidence), confidence,
                            1.0 / n, float(total) / runs, unfinished)
