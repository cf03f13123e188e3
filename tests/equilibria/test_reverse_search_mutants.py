"""The reverse search over a best-response polytope (coopgame.equilibria._reverse_search), on polytopes whose
vertices are known in closed form.

Written for the fourth mutation run (issue 12, docs/explanation/mutation_testing.md).
"""

from __future__ import annotations

import numpy as np
import pytest

from coopgame.equilibria._polytope import LABEL_TOL
from coopgame.equilibria._reverse_search import _Walk


def walk_vertices(other):
    walk = _Walk(np.ascontiguousarray(other, dtype=float), None, LABEL_TOL)
    walk.run(10**6)
    return walk, walk.results()


@pytest.mark.parametrize("c", [[1.0, 1.5, 2.0, 1.25], [2.0], [1.0, 1.0, 1.0]])
def test_one_constraint_makes_a_simplex_with_the_vertices_e_i_over_c_i(c):
    # the opponent has one action: {x >= 0, c.x <= 1} is a simplex; its non-zero vertices are e_i / c_i, each a
    # basis of the walk (the origin is the root and is not listed)
    walk, (X, Y, V, zero, br) = walk_vertices(np.array(c)[:, None])
    expected = np.diag(1 / np.array(c))
    assert walk.visited == len(c)
    assert np.allclose(V[np.lexsort(V.T[::-1])], expected[np.lexsort(expected.T[::-1])])
    assert br.shape == (len(c), 1) and br.all()  # the one constraint is tight at every vertex
    assert np.array_equal(zero, V <= LABEL_TOL)
    assert X.shape == (0, len(c)) and Y.shape == (0, 1)


@pytest.mark.parametrize("seed", range(4))
def test_the_walk_itself_returns_every_equilibrium_pair_of_a_generic_game(seed):
    # vertex_enumeration repairs a wrong float pair by solving the game exactly (finish_bimatrix), so the walk's
    # own pairs are checked here: every nondegenerate vertex x with its partner y, against the equilibria found
    # by Qhull's enumeration of the same game (vertex_enumeration on a game this small)
    import coopgame as cg
    from coopgame.equilibria._polytope import normalise
    from coopgame.equilibria._reverse_search import walk_polytope

    game = cg.random_game((5, 6), seed=seed, integer=True, high=1000)
    A, B = (normalise(M) for M in game.float_payoffs)
    X, Y, V, zero, br = walk_polytope(B, A, LABEL_TOL, where="test", max_seconds=60, progress=False)
    # a generic game: no degenerate vertex left for matching, as empty arrays of the documented shapes and types
    assert V.shape == zero.shape == (0, 5) and br.shape == (0, 6)
    assert V.dtype == float and zero.dtype == br.dtype == bool
    expected = cg.equilibria.vertex_enumeration(game)
    assert len(X) == len(Y) == len(expected)
    found = np.hstack([X / X.sum(axis=1, keepdims=True), Y / Y.sum(axis=1, keepdims=True)])
    known = np.array([np.concatenate([np.asarray(s, dtype=float) for s in e.strategies]) for e in expected])
    found, known = found[np.lexsort(found.T[::-1])], known[np.lexsort(known.T[::-1])]
    assert np.allclose(found, known, atol=1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_each_vertex_carries_the_labels_read_off_the_vertex_itself(seed):
    # zero labels: the coordinates at 0; best-reply labels: the constraints C^T x <= 1 that are tight, computed
    # here from the vertex (the walk reads them off its basis)
    from coopgame.equilibria._polytope import normalise

    other = normalise(np.random.default_rng(seed).random((5, 6)))
    _, (_, _, V, zero, br) = walk_vertices(other)
    assert len(V) > 5
    assert np.array_equal(zero, V <= LABEL_TOL)
    assert np.array_equal(br, V @ other >= 1 - 1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_the_sampled_vertex_count_is_close_to_the_count_the_walk_finds(seed):
    # the estimate is unbiased with binomial error (module docstring): with at least 100 sampled vertices its
    # relative standard error is at most about 10 %, so it lies within 30 % of the true count
    from coopgame.equilibria._polytope import normalise

    other = normalise(np.random.default_rng(seed).random((6, 7)))
    walk, (_, _, V, _, _) = walk_vertices(other)
    estimate, hits = _Walk(other, None, LABEL_TOL).estimate(0.5)
    assert hits >= 100
    assert abs(estimate - len(V)) <= 0.3 * len(V)


def test_the_refusal_names_the_budget_the_estimate_and_the_alternatives():
    from coopgame.equilibria._reverse_search import _refuse
    from coopgame.errors import SolverLimitError

    err = _refuse("vertex_enumeration", 12.345, 2, 4.5e6, 17, "estimated before the enumeration, sampled")
    assert isinstance(err, SolverLimitError)
    assert str(err) == (
        "vertex_enumeration: expected an estimated running time of at most max_seconds=2 s, got about 12.3 s "
        "(estimated before the enumeration, sampled: about 4.5e+06 vertices of a 17-dimensional best-response "
        "polytope); pass a larger max_seconds= to accept the work; or use "
        "mixed_equilibria(game, method='lemke_howson') to find one equilibrium")


def test_a_run_walks_exactly_its_limit_even_when_the_stack_grows_on_the_way():
    # with room for two levels only the kernel pauses to have the stack deepened, and run() resumes it: the
    # nodes walked still add up to the limit asked for, while more remain
    from coopgame.equilibria._polytope import normalise

    other = normalise(np.random.default_rng(7).random((5, 6)))
    walk = _Walk(other, None, LABEL_TOL)
    for name in ("tab", "z", "basic", "pos", "nxt"):
        setattr(walk, name, getattr(walk, name)[:2].copy())
    walk.run(7)
    assert walk.visited == 7 and not walk.finished
    walk.run(10**6)
    assert walk.finished and walk.visited == len(walk_vertices(other)[1][2])
