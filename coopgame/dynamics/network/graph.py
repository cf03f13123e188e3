"""Undirected graphs for games on networks: reading networkx graphs and adjacency matrices into one form.

Graphs are given as a networkx graph (any object with ``nodes`` and ``adj``,
read without importing networkx), a square symmetric numpy adjacency matrix
or a scipy sparse one, and held in compressed sparse row form
(:class:`Graph`), which the compiled kernels read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame._checks import check_int, check_size, describe, public
from coopgame._numeric import readonly
from coopgame.errors import CoopgameError, InvalidArgumentError
from coopgame.results import ArrayResult

__all__ = ["MAX_NODES", "Graph", "as_graph"]

#: Default ``max_nodes`` of :func:`as_graph`: the simulations hold a few arrays
#: of this length. Build a larger graph with ``as_graph(graph, max_nodes=...)``
#: and pass the :class:`Graph` on.
MAX_NODES: int = 10**7


@public
@dataclass(frozen=True, eq=False)
class Graph(ArrayResult):
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

    @public
    def neighbours(self, i: int) -> np.ndarray:
        """Indices of the neighbours of node index ``i``."""
        return self.indices[self.indptr[i]:self.indptr[i + 1]]

    def __repr__(self) -> str:
        k = self.regular_degree
        deg = f"degree {k}" if k is not None else f"mean degree {self.mean_degree:.3g}"
        return f"Graph({self.num_nodes} nodes, {self.num_edges} edges, {deg})"


def _from_networkx(graph: Any, where: str, limit: int) -> tuple[np.ndarray, np.ndarray, tuple[Any, ...]]:
    if graph.is_directed() if callable(getattr(graph, "is_directed", None)) else False:
        raise InvalidArgumentError(f"{where}: expected an undirected graph, got a directed {type(graph).__name__}")
    nodes = tuple(graph.nodes)
    check_size(where, len(nodes), limit, what="the number of nodes", limit_name="max_nodes")
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
    return indptr, indices, nodes


def _from_matrix(graph: Any, where: str, limit: int) -> tuple[np.ndarray, np.ndarray, tuple[Any, ...]]:
    import scipy.sparse as sp

    expected = "a networkx graph, a square adjacency matrix or a scipy sparse matrix"
    if sp.issparse(graph):
        shape: tuple[int, ...] = tuple(graph.shape)
    else:
        if isinstance(graph, (str, bytes)) or graph is None:
            raise InvalidArgumentError(f"{where}: expected {expected}, got {describe(graph)}")
        try:
            dense = np.asarray(graph)
        except (TypeError, ValueError):
            raise InvalidArgumentError(f"{where}: expected {expected}, got {describe(graph)}") from None
        shape = dense.shape
    if len(shape) != 2:
        raise InvalidArgumentError(f"{where}: expected {expected}, got {describe(graph)}")
    if shape[0] != shape[1]:
        raise InvalidArgumentError(f"{where}: expected a square adjacency matrix, got shape {shape}")
    check_size(where, int(shape[0]), limit, what="the number of nodes", limit_name="max_nodes")
    values = sp.csr_matrix(graph).data if sp.issparse(graph) else dense
    kind = values.dtype.kind
    if kind not in "biuf":
        raise InvalidArgumentError(f"{where}: expected {expected} with real entries, got entries of type {values.dtype}")
    if kind == "f" and not np.isfinite(values).all():
        raise InvalidArgumentError(f"{where}: expected finite adjacency entries, got NaN or infinite values")
    if kind in "if" and (values < 0).any():
        raise InvalidArgumentError(
            f"{where}: expected non-negative adjacency entries (nonzero entries are links), got negative ones")
    matrix = (sp.csr_matrix(graph) != 0).astype(np.int8).tocsr()
    matrix.eliminate_zeros()
    if (matrix != matrix.T).nnz:
        raise InvalidArgumentError(f"{where}: expected a symmetric adjacency matrix (an undirected graph)")
    if matrix.diagonal().any():
        raise InvalidArgumentError(f"{where}: expected a graph without self-loops (zero diagonal)")
    matrix.sort_indices()
    return matrix.indptr.astype(np.int64), matrix.indices.astype(np.int64), tuple(range(matrix.shape[0]))


@public
def as_graph(graph: Any, *, max_nodes: int = MAX_NODES) -> Graph:
    """Read an undirected graph: a networkx graph, a numpy adjacency matrix or a scipy sparse matrix.

    Nonzero entries (or networkx edges) are links; weights are ignored but
    must be finite and non-negative. Every node needs at least one
    neighbour; self-loops and directed graphs are refused.

    Parameters
    ----------
    graph : networkx graph, array-like or scipy sparse matrix, or Graph
        A :class:`Graph` is returned as it is.
    max_nodes : int
        Largest number of nodes accepted, checked before anything is
        allocated; default :data:`MAX_NODES` (10**7).

    Raises
    ------
    InvalidArgumentError
        Not a graph, a directed or asymmetric one, self-loops, isolated
        nodes, fewer than two nodes, NaN, infinite or negative entries.
    SolverLimitError
        More than ``max_nodes`` nodes.

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
    limit = check_int(max_nodes, "max_nodes", where, minimum=2)
    if hasattr(graph, "adj") and hasattr(graph, "nodes"):
        try:
            indptr, indices, nodes = _from_networkx(graph, where, limit)
        except (TypeError, KeyError, AttributeError, ValueError) as err:
            if isinstance(err, CoopgameError):
                raise
            raise InvalidArgumentError(
                f"{where}: expected a networkx graph (nodes and an adjacency mapping), got a "
                f"{type(graph).__name__} whose reading raised {type(err).__name__}: {err}") from err
    else:
        indptr, indices, nodes = _from_matrix(graph, where, limit)
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
