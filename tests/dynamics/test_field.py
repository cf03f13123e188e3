"""The one replicator field: against hand-derived fields and a finite-difference Jacobian."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.dynamics.field import ReplicatorField, _one_population_numpy
from coopgame.dynamics.population import PopulationGame

FAST = settings(max_examples=40, deadline=None)


def random_states(field: ReplicatorField, rng: np.random.Generator, k: int) -> np.ndarray:
    return np.hstack([rng.dirichlet(np.ones(m), size=k) for m in field.sizes])


def finite_difference_jacobian(field: ReplicatorField, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central differences of the tangent rates along the tangent coordinates."""
    y = field.tangent(x)
    cols = []
    for j in range(len(y)):
        e = np.zeros(len(y))
        e[j] = h
        plus = field.tangent(field(field.lift(y + e)))
        minus = field.tangent(field(field.lift(y - e)))
        cols.append((plus - minus) / (2 * h))
    return np.array(cols).T


@given(st.lists(st.integers(-5, 5), min_size=8, max_size=8), st.integers(0, 10**6))
@FAST
def test_two_role_field_is_the_hand_derived_one(entries, seed):
    """By hand, two roles with two strategies: dx/dt = x (1 - x) (y (A11 - A21) + (1 - y) (A12 - A22))."""
    A = np.array(entries[:4]).reshape(2, 2)
    B = np.array(entries[4:]).reshape(2, 2)
    field = ReplicatorField(cg.NormalFormGame([A, B]), populations="multi")
    x, y = np.random.default_rng(seed).uniform(0, 1, size=(2, 5))
    F = field(np.stack([x, 1 - x, y, 1 - y], axis=-1))
    dx = x * (1 - x) * (y * (A[0, 0] - A[1, 0]) + (1 - y) * (A[0, 1] - A[1, 1]))
    dy = y * (1 - y) * (x * (B[0, 0] - B[0, 1]) + (1 - x) * (B[1, 0] - B[1, 1]))
    np.testing.assert_allclose(F[:, 0], dx, atol=1e-12)
    np.testing.assert_allclose(F[:, 2], dy, atol=1e-12)
    np.testing.assert_allclose(F[:, 1], -dx, atol=1e-12)
    np.testing.assert_allclose(F[:, 3], -dy, atol=1e-12)


def test_one_population_and_three_role_fields_are_the_definitions():
    rng = np.random.default_rng(1)
    A = rng.normal(size=(4, 4))
    single = ReplicatorField(cg.NormalFormGame([A, A.T]), populations="single")
    X = random_states(single, rng, 6)
    expected = X * (X @ A.T - np.einsum("ki,ij,kj->k", X, A, X)[:, None])
    np.testing.assert_allclose(single(X), expected, atol=1e-12)
    arrays = [rng.normal(size=(2, 3, 2)) for _ in range(3)]
    multi = ReplicatorField(cg.NormalFormGame(arrays), populations="multi")
    X = random_states(multi, rng, 5)
    a, b, c = X[:, :2], X[:, 2:5], X[:, 5:]
    u0 = np.einsum("ijk,nj,nk->ni", arrays[0], b, c)
    u1 = np.einsum("ijk,ni,nk->nj", arrays[1], a, c)
    u2 = np.einsum("ijk,ni,nj->nk", arrays[2], a, b)
    expected = np.hstack([v * (u - (v * u).sum(1, keepdims=True)) for v, u in ((a, u0), (b, u1), (c, u2))])
    np.testing.assert_allclose(multi(X), expected, atol=1e-12)
    # stacked states of any leading shape
    assert multi(X.reshape(5, 1, 7)).shape == (5, 1, 7)


def test_population_game_of_a_normal_form_game_has_the_same_field_and_jacobian():
    rng = np.random.default_rng(2)
    game = cg.NormalFormGame([rng.integers(-4, 5, size=(2, 3)) for _ in range(2)])
    nf = ReplicatorField(game, populations="multi")
    pop = ReplicatorField(PopulationGame.from_game(game))
    X = random_states(nf, rng, 7)
    np.testing.assert_allclose(nf(X), pop(X), atol=1e-12)
    for x in X[:3]:
        np.testing.assert_allclose(nf.jacobian(x), pop.jacobian(x), atol=1e-12)


@pytest.mark.parametrize("kind", ["single", "multi", "population", "three roles"])
def test_jacobian_matches_finite_differences(kind):
    rng = np.random.default_rng(7)
    if kind == "single":
        A = rng.normal(size=(3, 3))
        field = ReplicatorField(cg.NormalFormGame([A, A.T]), populations="single")
    elif kind == "multi":
        field = ReplicatorField(cg.NormalFormGame([rng.normal(size=(3, 2)) for _ in range(2)]), populations="multi")
    elif kind == "three roles":
        field = ReplicatorField(cg.NormalFormGame([rng.normal(size=(2, 2, 3)) for _ in range(3)]))
    else:
        field = ReplicatorField(PopulationGame([[0, "2 - 8*y*(1 - x)"], ["(1 - x)*2 - 1", "x*y"]]))
    for x in random_states(field, rng, 4):
        np.testing.assert_allclose(field.jacobian(x), finite_difference_jacobian(field, x), atol=1e-6)


def test_exact_jacobian_is_exact_and_equals_the_float_one():
    game = cg.NormalFormGame([[[3, 0, 1], [5, 1, 0]], [[3, 5, 2], [0, 1, 2]]], exact=True)
    field = ReplicatorField(game, populations="multi")
    x = np.array([Fraction(1, 3), Fraction(2, 3), Fraction(1, 4), Fraction(1, 2), Fraction(1, 4)], dtype=object)
    exact = field.jacobian(x)
    assert exact.dtype == object and all(isinstance(v, Fraction) for v in exact.reshape(-1))
    np.testing.assert_allclose(exact.astype(float), field.jacobian(x.astype(float)), atol=1e-12)
    assert all(isinstance(v, Fraction) for v in field(x))


def test_fast_path_is_the_field_projected():
    rng = np.random.default_rng(3)
    A = rng.normal(size=(5, 5))
    field = ReplicatorField(cg.NormalFormGame([A, A.T]))
    rhs = field.rhs()
    for _ in range(5):
        y = rng.dirichlet(np.ones(5))
        y[0] -= 1e-12  # a tiny negative share is clipped, the rest renormalised
        np.testing.assert_allclose(rhs(0.0, y), field(field.project(y)), atol=1e-14)
        np.testing.assert_allclose(rhs(0.0, y), _one_population_numpy(y, A), atol=1e-14)


def test_symbolic_form_is_the_same_field():
    rng = np.random.default_rng(4)
    for game, populations in ((cg.NormalFormGame([rng.integers(-3, 4, size=(2, 3)) for _ in range(2)]), "multi"),
                              (cg.NormalFormGame([[[1, 2, 0], [0, 1, 2], [2, 0, 1]]] * 1 + [[[1, 0, 2], [2, 1, 0],
                                                                                           [0, 2, 1]]]), "single")):
        field = ReplicatorField(game, populations=populations)
        state, equations, _ = field.symbolic()
        func = sympy.lambdify(state, equations, modules="numpy")
        for x in random_states(field, rng, 3):
            np.testing.assert_allclose(np.array(func(*field.tangent(x)), dtype=float), field.tangent(field(x)),
                                       atol=1e-12)


def test_tangent_and_lift_are_inverse():
    field = ReplicatorField(cg.NormalFormGame([np.zeros((2, 3)), np.zeros((2, 3))]), populations="multi")
    x = np.array([0.25, 0.75, 0.2, 0.3, 0.5])
    np.testing.assert_allclose(field.lift(field.tangent(x)), x)
    assert field.tangent_dim == 3 and field.lift_matrix.shape == (5, 3)


def test_field_refuses_bad_input():
    with pytest.raises(cg.InvalidGameTypeError):
        ReplicatorField("pd")
    with pytest.raises(cg.InvalidArgumentError, match="populations"):
        ReplicatorField(cg.NormalFormGame([np.eye(2), np.eye(2)]), populations="both")
    with pytest.raises(cg.InvalidGameError, match="symmetric"):
        ReplicatorField(cg.NormalFormGame([np.eye(2), np.zeros((2, 2))]), populations="single")
    with pytest.raises(cg.UnresolvedParameterError):
        ReplicatorField(PopulationGame([[0, "a*y"], ["x", 0]]))(np.array([0.5, 0.5, 0.5, 0.5]))


def test_population_game_parameter_keys():
    """PopulationGame reads parameter keys through games.expressions.parameter_values: unknown defaults skipped."""
    from coopgame import models
    from coopgame.dynamics import replicator_equations
    from coopgame.errors import InvalidArgumentError

    game = replicator_equations(models.inspection()).game
    names = "['B', 'F', 'dc', 'k', 'rho']"
    with pytest.raises(InvalidArgumentError, match=r"^PopulationGame\.subs: expected parameter names among "
                       + names.replace("[", r"\[").replace("]", r"\]") + ", got 'q'$"):
        game.subs(q=1)
    with pytest.raises(InvalidArgumentError, match=r"^PopulationGame\.subs: expected parameter names or symbols"):
        game.subs({3: 1})
    assert game.subs({sympy.Symbol("F"): 2}) == game.subs(F=2) != game
    kept = PopulationGame(game._payoffs, game._state, game._players, game._actions, defaults={"q": 1, 3: 2, "F": 5})
    assert {k.name: v for k, v in kept.defaults.items()} == {"F": 5}
