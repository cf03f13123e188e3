"""Games on graphs: death-birth, imitation and pairwise updating.

Oracles: the well-mixed Fermi process of coopgame.dynamics.finite on the complete graph, a
hand-derived product formula for death-birth updating on the complete graph, neutral drift,
and the b/c > k rule of Ohtsuki, Hauert, Lieberman & Nowak (2006), Nature 441:502.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

import coopgame as cg
from coopgame.dynamics.finite import FixationEstimate, fixation_probability
from coopgame.dynamics.network import (
    Graph,
    NetworkRun,
    as_graph,
    donation_game,
    fixation_on_graph,
    simulate_network,
)
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidProfileError,
    SolverLimitError,
)

nx = pytest.importorskip("networkx")


def ring(n: int, k: int = 2) -> np.ndarray:
    """Adjacency of a ring lattice: each node linked to its k/2 nearest neighbours on each side."""
    a = np.zeros((n, n), dtype=int)
    for d in range(1, k // 2 + 1):
        a += np.roll(np.eye(n, dtype=int), d, axis=1) + np.roll(np.eye(n, dtype=int), -d, axis=1)
    return a


# ------------------------------------------------------------------------------ graphs
def test_graph_inputs_agree():
    g = nx.random_regular_graph(4, 12, seed=3)
    from_nx = as_graph(g)
    matrix = nx.to_numpy_array(g, nodelist=sorted(g.nodes))
    from_np = as_graph(matrix)
    from_sp = as_graph(sp.csr_matrix(matrix))
    for other in (from_np, from_sp):
        assert other.num_nodes == 12 and other.num_edges == 24 and other.regular_degree == 4
    order = [from_nx.nodes.index(v) for v in range(12)]
    for v in range(12):
        assert sorted(from_nx.nodes[u] for u in from_nx.neighbours(order[v])) == from_np.neighbours(v).tolist()
    assert isinstance(from_nx, Graph) and as_graph(from_nx) is from_nx
    assert repr(as_graph(ring(7))) == "Graph(7 nodes, 7 edges, degree 2)"
    star = as_graph(nx.star_graph(4))
    assert star.regular_degree is None and star.mean_degree == pytest.approx(1.6)
    assert "mean degree 1.6" in repr(star)


def test_graph_errors():
    with pytest.raises(InvalidArgumentError, match="undirected"):
        as_graph(nx.DiGraph([(0, 1), (1, 0)]))
    loop = nx.cycle_graph(4)
    loop.add_edge(0, 0)
    with pytest.raises(InvalidArgumentError, match="self-loops"):
        as_graph(loop)
    with pytest.raises(InvalidArgumentError, match="self-loops"):
        as_graph(np.eye(3) + ring(3))
    with pytest.raises(InvalidArgumentError, match="symmetric"):
        as_graph(np.triu(ring(5)))
    with pytest.raises(InvalidArgumentError, match="isolated"):
        as_graph(nx.empty_graph(3))
    with pytest.raises(InvalidArgumentError, match="square"):
        as_graph(np.ones((2, 3)))
    with pytest.raises(InvalidArgumentError, match="networkx graph"):
        as_graph("a graph")
    with pytest.raises(InvalidArgumentError, match="two nodes"):
        as_graph(np.zeros((1, 1)))


# ------------------------------------------------------------------------------ oracles
def test_pairwise_on_complete_graph_is_the_well_mixed_fermi_process():
    """With average payoffs, a node's payoff on the complete graph is the mean over the N - 1 others and its
    random neighbour is a random other: exactly the pairwise-comparison process of finite.py."""
    size, beta = 8, 0.6
    hunt = [[4, 0], [3, 2]]
    exact = fixation_probability(hunt, 0, 1, size, process="fermi", intensity=beta)
    est = fixation_on_graph(hunt, nx.complete_graph(size), 0, 1, update="pairwise", payoff="average",
                            intensity=beta, runs=8000, seed=4, confidence=0.999)
    assert est.contains(exact), (est, exact)


def _db_complete_graph(A, size, w):
    """Death-birth on the complete graph, average payoffs, by the product formula (derived by hand).

    With k mutants, a random node dies while its payoff still counts in the others'; its N - 1 neighbours
    compete with fitness F = 1 - w + w f, f the mean payoff against the N - 1 others (the dead included):
    T+ = (N-k)/N * k Fa / (k Fa + (N-k-1) Fb),  T- = k/N * (N-k) Fb / ((k-1) Fa + (N-k) Fb).
    """
    (a, b), (c, d) = A
    total, prod = 1.0, 1.0
    for k in range(1, size):
        fa = ((k - 1) * a + (size - k) * b) / (size - 1)
        fb = (k * c + (size - k - 1) * d) / (size - 1)
        Fa, Fb = 1 - w + w * fa, 1 - w + w * fb
        up = (size - k) / size * k * Fa / (k * Fa + (size - k - 1) * Fb)
        down = k / size * (size - k) * Fb / ((k - 1) * Fa + (size - k) * Fb)
        prod *= down / up
        total += prod
    return 1 / total


@pytest.mark.parametrize("A, w", [([[3.0, 1.0], [4.0, 0.5]], 0.5), ([[2.0, 2.0], [1.0, 1.0]], 1.0)])
def test_death_birth_on_complete_graph_matches_product_formula(A, w):
    size = 7
    exact = _db_complete_graph(A, size, w)
    est = fixation_on_graph(A, np.ones((size, size)) - np.eye(size), update="death-birth", payoff="average",
                            intensity=w, runs=8000, seed=9, confidence=0.999)
    assert est.contains(exact), (est, exact)
    assert not est.contains(1 / size)  # both cases are far from neutral


@pytest.mark.parametrize("update", ["death-birth", "imitation", "pairwise"])
def test_neutral_drift_on_a_regular_graph(update):
    g = nx.random_regular_graph(3, 16, seed=5)
    est = fixation_on_graph(donation_game(5, 1), g, update=update, intensity=0.0, runs=6000, seed=6,
                            confidence=0.999)
    assert est.contains(1 / 16), est
    assert isinstance(est, FixationEstimate) and est.unfinished == 0


def test_ohtsuki_b_over_c_rule_death_birth():
    """Ohtsuki, Hauert, Lieberman & Nowak (2006), "A simple rule for the evolution of cooperation on graphs
    and social networks", Nature 441:502-505: with death-birth updating under weak selection, a single
    cooperator in the donation game fixes with probability above 1/N when b/c > k (k the degree), below
    1/N when b/c < k. For N = 60 and k = 3 the finite-N threshold is (N - 2)/(N/k - 2) = 3.22.

    Seeded simulation on one random 3-regular graph, w = 0.01, 99.9% Wilson intervals: b/c = 1.5 (well
    below k) gives an interval entirely below 1/N, b/c = 6 (well above) one entirely above it.
    """
    n, k, w = 60, 3, 0.01
    g = nx.random_regular_graph(k, n, seed=1)
    below = fixation_on_graph(donation_game(1.5, 1), g, "Cooperate", "Defect", update="death-birth",
                              intensity=w, runs=12000, seed=21, confidence=0.999)
    above = fixation_on_graph(donation_game(6, 1), g, "Cooperate", "Defect", update="death-birth",
                              intensity=w, runs=12000, seed=22, confidence=0.999)
    assert below.neutral == above.neutral == pytest.approx(1 / n)
    assert below.below_neutral, below
    assert above.above_neutral, above


def test_ohtsuki_contrast_with_other_rules():
    """Same source: the pairwise (birth-death-like) rule never favours cooperation, and imitation needs
    b/c > k + 2. At b/c = 8 on a 3-regular graph imitation favours cooperators, the pairwise rule does not;
    at b/c = 3 (< k + 2) imitation opposes them."""
    g = nx.random_regular_graph(3, 60, seed=1)
    pairwise = fixation_on_graph(donation_game(8, 1), g, update="pairwise", intensity=0.05, runs=6000,
                                 seed=31, confidence=0.999)
    assert pairwise.below_neutral, pairwise
    im_high = fixation_on_graph(donation_game(8, 1), g, update="imitation", intensity=0.02, runs=8000,
                                seed=32, confidence=0.999)
    im_low = fixation_on_graph(donation_game(3, 1), g, update="imitation", intensity=0.02, runs=8000,
                               seed=33, confidence=0.999)
    assert im_high.above_neutral, im_high
    assert im_low.below_neutral, im_low


# ------------------------------------------------------------------------------ simulate_network
def test_simulate_network_counts_and_seeds():
    g = nx.random_regular_graph(4, 30, seed=2)
    run = simulate_network(donation_game(6, 1), g, steps=900, initial=0.5, seed=7, record_every=30)
    assert isinstance(run, NetworkRun)
    assert run.counts.shape == (31, 2) and run.steps[-1] == 900
    assert (run.counts.sum(axis=1) == 30).all()
    assert run.counts[0].tolist() == [15, 15]
    assert np.bincount(run.final, minlength=2).tolist() == run.counts[-1].tolist()
    again = simulate_network(donation_game(6, 1), g, steps=900, initial=0.5, seed=7, record_every=30)
    assert np.array_equal(run.counts, again.counts) and np.array_equal(run.final, again.final)
    frame = run.to_frame()
    assert list(frame.columns) == ["step", "Cooperate", "Defect"]
    assert run.share("Cooperate")[0] == 0.5
    assert repr(run).startswith("NetworkRun(death-birth, intensity 0.1, Graph(30 nodes, 60 edges, degree 4)")
    with pytest.raises(ValueError):
        run.counts[0, 0] = 1


def test_simulate_network_records_the_last_step():
    run = simulate_network(donation_game(4, 1), ring(10), steps=25, initial=0.5, seed=4, record_every=10)
    assert run.steps.tolist() == [0, 10, 20, 25]
    assert np.bincount(run.final, minlength=2).tolist() == run.counts[-1].tolist()


def test_neutral_drift_on_an_irregular_graph():
    """Under neutrality the probabilities that each node's lineage takes over sum to 1, so a mutant placed
    uniformly at random fixes with probability 1/N on any connected graph (here a star, degrees 1 and 6)."""
    est = fixation_on_graph(donation_game(4, 1), nx.star_graph(6), intensity=0.0, runs=6000, seed=8,
                            confidence=0.999)
    assert est.contains(1 / 7), est


def test_simulate_network_absorbing_and_labelled_start():
    g = ring(10)
    everyone = simulate_network(donation_game(3, 1), g, steps=200, initial=["Cooperate"] * 10, seed=1)
    assert (everyone.counts[:, 0] == 10).all()
    mixed = ["Cooperate", 1] * 5
    run = simulate_network(donation_game(3, 1), g, steps=0, initial=mixed, seed=1)
    assert run.counts.tolist() == [[5, 5]]
    three = [[1, 2, 0], [0, 1, 2], [2, 0, 1]]  # rock-paper-scissors-like, three strategies
    run = simulate_network(three, ring(12, 4), steps=600, initial=[0, 1, 2] * 4, update="pairwise",
                           intensity=2.0, seed=3)
    assert run.counts.shape[1] == 3 and (run.counts.sum(axis=1) == 12).all()


def test_network_bad_input():
    g = ring(8)
    game = donation_game(3, 1)
    with pytest.raises(InvalidArgumentError, match="update"):
        fixation_on_graph(game, g, update="birth-death")
    with pytest.raises(InvalidArgumentError, match="payoff"):
        fixation_on_graph(game, g, payoff="total")
    with pytest.raises(InvalidArgumentError, match="intensity to be a finite real number >= 0 and <= 1"):
        fixation_on_graph(game, g, intensity=1.5)
    with pytest.raises(InvalidArgumentError, match="positive"):
        fixation_on_graph(donation_game(3, 10), g, intensity=0.5)
    with pytest.raises(InvalidArgumentError, match="runs"):
        fixation_on_graph(game, g, runs=0)
    with pytest.raises(InvalidArgumentError, match="confidence"):
        fixation_on_graph(game, g, confidence=2)
    with pytest.raises(InvalidProfileError, match="different"):
        fixation_on_graph(game, g, "Defect", "Defect")
    with pytest.raises(InvalidGameError, match="symmetric"):
        fixation_on_graph(cg.NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]), g)
    from coopgame.games.symmetric import SymmetricGame

    with pytest.raises(InvalidGameError, match="two-player"):
        fixation_on_graph(SymmetricGame(3, 2, lambda own, counts: counts[0]), g)
    with pytest.raises(InvalidArgumentError, match="steps"):
        simulate_network(game, g, steps=-1)
    with pytest.raises(InvalidArgumentError, match="share"):
        simulate_network(game, g, steps=10, initial=1.5)
    with pytest.raises(InvalidArgumentError, match="one strategy per node"):
        simulate_network(game, g, steps=10, initial=[0, 1])
    with pytest.raises(InvalidProfileError, match="node 2"):
        simulate_network(game, g, steps=10, initial=[0, 1, "Share", 0, 1, 0, 1, 0])


def test_donation_game():
    g = donation_game(4, 1, exact=True)
    assert g.is_exact and g.actions[0] == ("Cooperate", "Defect")
    assert g["Cooperate", "Defect"] == (-1, 4)
    assert math.isclose(float(g["Cooperate", "Cooperate"][0]), 3.0)


# ------------------------------------------------------------------------------ bad input, one test per class
def test_adjacency_input_is_checked():
    square = ring(6).astype(float)
    for bad, message in (
        (np.ones((3, 4)), "square"),
        (np.ones((2, 2, 2)), "networkx graph"),
        (np.where(np.eye(6, k=1) + np.eye(6, k=-1) > 0, np.nan, 0.0), "finite"),
        (np.where(square > 0, np.inf, 0.0), "finite"),
        (-square, "non-negative"),
        (square.astype(complex), "real entries"),
        (np.array([["a", "b"], ["b", "a"]]), "real entries"),
        ([[0, 10**400], [10**400, 0]], "real entries"),
        ([[0, 1], [1]], "networkx graph"),
        (None, "networkx graph"),
        (sp.csr_matrix(square * np.nan), "finite"),
        (sp.csr_matrix(-square), "non-negative"),
    ):
        with pytest.raises(InvalidArgumentError, match=message):
            as_graph(bad)


def test_huge_graphs_are_refused_before_allocation():
    huge = sp.coo_matrix((np.ones(2), ([0, 1], [1, 0])), shape=(10**9, 10**9))
    with pytest.raises(SolverLimitError, match="max_nodes=10,000,000"):
        as_graph(huge)
    with pytest.raises(SolverLimitError, match="max_nodes=5"):
        as_graph(ring(6), max_nodes=5)
    with pytest.raises(SolverLimitError, match="max_nodes=5"):
        as_graph(nx.cycle_graph(6), max_nodes=5)
    assert as_graph(ring(6), max_nodes=6).num_nodes == 6
    with pytest.raises(SolverLimitError, match="max_nodes"):
        simulate_network(donation_game(3, 1), huge, steps=1)


def test_simulation_sizes_are_budgeted():
    g, game = ring(8), donation_game(3, 1)
    # a trillion steps recorded at every step: refused before the record is allocated
    with pytest.raises(SolverLimitError, match="max_records=10,000,000.*record_every"):
        simulate_network(game, g, steps=10**12, record_every=1)
    with pytest.raises(SolverLimitError, match="max_records=10"):
        simulate_network(game, g, steps=100, record_every=10, max_records=10)
    assert simulate_network(game, g, steps=100, record_every=10, max_records=24, seed=0).counts.shape == (11, 2)


def test_network_numbers_are_checked():
    g, game = ring(8), donation_game(3, 1)
    for value in (float("nan"), float("inf"), -0.1):
        with pytest.raises(InvalidArgumentError, match="intensity"):
            simulate_network(game, g, steps=10, intensity=value)
        with pytest.raises(InvalidArgumentError, match="intensity"):
            fixation_on_graph(game, g, runs=5, intensity=value, update="pairwise")
    with pytest.raises(InvalidArgumentTypeError, match="intensity"):
        fixation_on_graph(game, g, runs=5, intensity=True)
    for name, bad in (("steps", 2.5), ("steps", float("nan")), ("record_every", 0)):
        with pytest.raises(InvalidArgumentError, match=name):
            simulate_network(game, g, **{"steps": 10, name: bad})
    for name, bad in (("runs", 10.5), ("max_steps", 0), ("confidence", float("nan")), ("confidence", 1)):
        with pytest.raises(InvalidArgumentError, match=name):
            fixation_on_graph(game, g, **{name: bad})
    with pytest.raises(InvalidArgumentError, match="share"):
        simulate_network(game, g, steps=10, initial=float("nan"))
    with pytest.raises(InvalidArgumentError, match="seed"):
        fixation_on_graph(game, g, runs=5, seed=-2)
    with pytest.raises(InvalidArgumentTypeError, match="seed"):
        simulate_network(game, g, steps=5, seed="x")
    with pytest.raises(InvalidArgumentTypeError, match="progress"):
        simulate_network(game, g, steps=5, progress=1)
    with pytest.raises(InvalidArgumentTypeError, match="b"):
        donation_game("4", 1)
    with pytest.raises(InvalidArgumentError, match="c"):
        donation_game(4, float("nan"))


def test_chunked_kernels_give_the_unchunked_results(monkeypatch):
    """Long work runs in chunks (progress, Ctrl-C); the random stream continues across chunks."""
    from coopgame.dynamics.network import simulation

    g, game = nx.random_regular_graph(3, 12, seed=4), donation_game(5, 1)
    whole_run = simulate_network(game, g, steps=1000, seed=3, record_every=7)
    whole_est = fixation_on_graph(game, g, runs=60, intensity=0.2, seed=5)
    monkeypatch.setattr(simulation, "_CHUNK", 5)
    assert simulate_network(game, g, steps=1000, seed=3, record_every=7) == whole_run
    assert fixation_on_graph(game, g, runs=60, intensity=0.2, seed=5) == whole_est
    assert simulate_network(game, g, steps=1000, seed=3, record_every=7, progress=True) == whole_run


def test_network_results_are_frozen_values():
    run = simulate_network(donation_game(4, 1), ring(8), steps=50, seed=1)
    assert run == simulate_network(donation_game(4, 1), ring(8), steps=50, seed=1)
    assert hash(run) == hash(simulate_network(donation_game(4, 1), ring(8), steps=50, seed=1))
    assert run.to_dict()["strategies"] == ("Cooperate", "Defect") and run.is_exact is False
    with pytest.raises(AttributeError):
        run.update = "imitation"
    assert as_graph(ring(5)) == as_graph(ring(5)) and as_graph(ring(5)) != as_graph(ring(6))
    with pytest.raises(InvalidProfileError, match="label"):
        run.share("Share")


def test_network_keywords_and_huge_numbers():
    g, game = ring(8), donation_game(3, 1)
    with pytest.raises(InvalidArgumentError, match="did you mean 'record_every'"):
        simulate_network(game, g, steps=10, record_evry=2)
    with pytest.raises(InvalidArgumentError, match="did you mean 'runs'"):
        fixation_on_graph(game, g, run=10)
    with pytest.raises(InvalidArgumentError, match="did you mean 'max_nodes'"):
        as_graph(g, max_node=10)
    with pytest.raises(InvalidArgumentError, match="did you mean 'exact'"):
        donation_game(3, 1, exac=True)
    with pytest.raises(InvalidArgumentTypeError, match="exact"):
        donation_game(3, 1, exact=np.full((2, 2), np.nan))
    for runs in (10**9, 10**400):
        with pytest.raises(SolverLimitError, match="max_runs=10,000,000"):
            fixation_on_graph(game, g, runs=runs)
    with pytest.raises(InvalidArgumentError, match="max_steps"):
        fixation_on_graph(game, g, runs=5, max_steps=10**400)
    with pytest.raises(InvalidArgumentError, match="steps"):
        simulate_network(game, g, steps=10**400, record_every=10**400)
    # recording less often than once a run records the two ends, as the default does for a short run
    ends = simulate_network(game, g, steps=5, record_every=10**400, seed=1)
    assert ends.steps.tolist() == [0, 5] and ends == simulate_network(game, g, steps=5, record_every=6, seed=1)


def test_graph_like_objects_that_are_not_graphs():
    class Fake:
        nodes = [0, 1, 2]
        adj = {0: [1], 1: [0]}  # node 2 missing

    with pytest.raises(InvalidArgumentError, match="networkx graph .* KeyError"):
        as_graph(Fake())


def test_graph_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.errors import InvalidArgumentTypeError

    obj = as_graph(ring(6))
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.neighbours(node=0)
    assert "Graph.neighbours: got an unknown keyword argument 'node'; expected one of: i" in str(caught.value)

def test_network_run_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.errors import InvalidArgumentTypeError

    obj = simulate_network(donation_game(4, 1), ring(10), steps=25, initial=0.5, seed=4, record_every=10)
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.share(strategi=0)
    assert "NetworkRun.share: got an unknown keyword argument 'strategi' (did you mean 'strategy'?)" in str(caught.value)
