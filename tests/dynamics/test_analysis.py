"""Symbolic replicator equations, corner tables, vectorised corner classification, population games,
and stability for games with any number of strategies (claims C10 and C18 of docs/explanation/claims.md)."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame import models
from coopgame.dynamics import rest_points, stability
from coopgame.dynamics.analysis import (
    CLASSES,
    CornerClassification,
    CornerTable,
    ReplicatorSystem,
    classify_corners,
    corner_eigenvalues,
    corner_table,
    replicator_equations,
    symbolic_rest_points,
)
from coopgame.dynamics.population import PopulationGame
from coopgame.dynamics.trajectory import replicator
from coopgame.errors import (
    DegenerateGameWarning,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidGameTypeError,
    InvalidProfileError,
    SolverLimitError,
    UnresolvedParameterError,
)

NAMES = ("pi", "c_e", "s_e", "f_e", "w", "c_g", "g", "d", "s_g", "F_g", "c_c", "B", "r")
SLOW = settings(max_examples=20, deadline=None)


@st.composite
def tripartite_values(draw, high: int = 12) -> dict[str, int]:
    return {name: draw(st.integers(1, high)) for name in NAMES}


def action_values(game: cg.NormalFormGame, p: int, vectors) -> np.ndarray:
    """u_p(a, x_-p) by an einsum over the payoff array (also off the simplex, for finite differences)."""
    n = game.num_players
    letters = "abcdefgh"[:n]
    operands = [np.asarray(game.float_payoffs[p])] + [np.asarray(vectors[q], float) for q in range(n) if q != p]
    spec = letters + "," + ",".join(letters[q] for q in range(n) if q != p) + "->" + letters[p]
    return np.einsum(spec, *operands)


def full_field(game: cg.NormalFormGame, vectors) -> list[np.ndarray]:
    """dx_{p,a}/dt = x_{p,a} (u_p(a) - x_p . u_p) written out directly (the oracle)."""
    out = []
    for p, x in enumerate(vectors):
        x = np.asarray(x, dtype=float)
        u = action_values(game, p, vectors)
        out.append(x * (u - x @ u))
    return out


def tangent_jacobian_numeric(game: cg.NormalFormGame, vectors, h: float = 1e-6) -> np.ndarray:
    """Central finite differences of the full field along the tangent basis e_a - e_last of each simplex."""
    sizes = [len(v) for v in vectors]
    basis = []
    for p, m in enumerate(sizes):
        for a in range(m - 1):
            dirs = [np.zeros(k) for k in sizes]
            dirs[p][a], dirs[p][m - 1] = 1.0, -1.0
            basis.append(dirs)
    cols = []
    for dirs in basis:
        plus = [np.asarray(v, float) + h * d for v, d in zip(vectors, dirs)]
        minus = [np.asarray(v, float) - h * d for v, d in zip(vectors, dirs)]
        diff = [(a - b) / (2 * h) for a, b in zip(full_field(game, plus), full_field(game, minus))]
        # express the tangent vector in the coordinates (shares of all strategies but the last)
        cols.append(np.concatenate([d[:-1] for d in diff]))
    return np.array(cols).T


# ------------------------------------------------------------------------------------ equations
def test_replicator_equations_of_the_tripartite_template():
    system = replicator_equations(models.tripartite())
    assert isinstance(system, ReplicatorSystem)
    _, y, z = system.state
    assert [s.name for s in system.state] == ["x", "y", "z"]
    c_e, s_e, f_e = (sympy.Symbol(n, positive=True) for n in ("c_e", "s_e", "f_e"))
    # Enterprise: u(A) - u(P) = (pi - c_e + s_e y) - (pi - f_e y), written out from the model (claim C18)
    assert sympy.expand(system.advantages[2] - (-c_e + (s_e + f_e) * y)) == 0
    assert sympy.expand(system.equations[2] - z * (1 - z) * system.advantages[2]) == 0
    assert system.jacobian.shape == (3, 3)
    assert "dz/dt" in repr(system) and system.to_latex().startswith("\\begin{aligned}")
    numeric = system.subs({"pi": 10, "c_e": 3, "s_e": 1, "f_e": 4}, w=5)
    assert {s.name for s in numeric.parameters} == set(NAMES) - {"pi", "c_e", "s_e", "f_e", "w"}
    # a misspelt parameter is refused by the front door the user called, not the game inside it
    with pytest.raises(InvalidArgumentError, match=r"^ReplicatorSystem.subs: expected parameter names among"):
        system.subs(p1=10)


@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (2, 2, 2), (3, 2), (3, 3), (2, 3, 2)]))
@SLOW
def test_symbolic_field_and_jacobian_match_the_numeric_oracle(seed, shape):
    """At a random interior state the symbolic equations equal the field built from action_values,
    and the symbolic Jacobian equals finite differences along the simplices' tangent space."""
    rng = np.random.default_rng(seed)
    game = cg.NormalFormGame([rng.integers(-5, 6, size=shape) for _ in shape], exact=True)
    system = replicator_equations(game)
    vectors = [rng.dirichlet(np.ones(m)) for m in shape]
    coords = system.point(vectors)
    field = np.array([float(e.xreplace(coords)) for e in system.equations])
    expected = np.concatenate([f[:-1] for f in full_field(game, vectors)])
    assert np.allclose(field, expected, atol=1e-12)
    jac = np.array(system.jacobian.xreplace(coords).evalf(), dtype=float)
    assert np.allclose(jac, tangent_jacobian_numeric(game, vectors), atol=1e-6)


def test_jacobian_at_a_corner_is_diagonal():
    system = replicator_equations(models.tripartite())
    jac = system.jacobian_at(["Supervise strictly", "Regulate laxly", "Pollute"])
    assert jac.is_diagonal()
    assert list(jac.diagonal()) == list(corner_eigenvalues(models.tripartite(),
                                                           ["Supervise strictly", "Regulate laxly", "Pollute"]))
    assert system.field_at([1, 0, 0]) == sympy.zeros(3, 1)
    with pytest.raises(InvalidProfileError):
        system.point(["Supervise strictly", "Regulate laxly"])
    with pytest.raises(InvalidProfileError):
        system.point({"x": 1, "q": 0, "z": 0})


def test_point_reads_numeric_states_through_the_one_state_reader():
    """ReplicatorSystem.point checks a numeric state as every other dynamics function does (read_state)."""
    system = replicator_equations(models.inspection())
    x, y = system.state
    assert system.point([[Fraction(1, 4), Fraction(3, 4)], "Inspect"]) == {x: sympy.Rational(1, 4), y: 1}
    assert system.point({"x": Fraction(1, 3), y: 0}) == {x: sympy.Rational(1, 3), y: 0}
    assert system.point([0.5, 0.25]) == {x: sympy.Float(0.5), y: sympy.Float(0.25)}
    for bad in ([float("nan"), 0.5], [2, 0.5], [[0.5, 0.6], [1, 0]], [[True, False], [1, 0]], "x", 5):
        with pytest.raises(InvalidProfileError, match="^ReplicatorSystem.point: "):
            system.point(bad)


def test_point_keeps_symbolic_states_symbolic():
    system = replicator_equations(models.inspection())
    x, y = system.state
    k = sympy.Symbol("k", positive=True)
    assert system.point({x: 1 - k, "y": sympy.Rational(1, 2)}) == {x: 1 - k, y: sympy.Rational(1, 2)}
    assert system.point([k, 1]) == {x: k, y: 1}
    for bad in ({"x": "((", "y": 1}, {"x": k, "y": float("nan")}, [k], {"x": k}):
        with pytest.raises(InvalidProfileError, match="^ReplicatorSystem.point: "):
            system.point(bad)


# ------------------------------------------------------------------------------------ corner table
@given(tripartite_values())
@SLOW
def test_corner_table_agrees_with_stability_at_every_corner(values):
    """The table's eigenvalues after subs equal the diagonal of stability()'s exact Jacobian (the oracle),
    and its classification is the same."""
    game = models.tripartite()
    table = corner_table(game, {"drawn": values})
    numeric = game.subs(values)
    for row in table:
        res = stability(numeric, row.profile)
        eigs, cls = row.scenarios["drawn"]
        assert sorted(Fraction(int(e.p), int(e.q)) for e in eigs) == sorted(np.diag(res.jacobian))
        assert cls == res.classification
        holds = row.condition.xreplace({game.symbol(k): v for k, v in values.items()})
        if cls != "non-hyperbolic":
            assert bool(holds) == (cls == "stable")


def test_derived_c18_corner_conditions_from_the_table():
    """Claim C18: (L, R, A) stable iff w > c_g + s_e and f_e + s_e > c_e; (L, N, P) iff F_g + r < c_c and
    w + f_e < c_g + g; (S, R, A) never. The conditions are compared as sets of relations, re-derived."""
    game = models.tripartite()
    table = corner_table(game)
    sym = {s.name: s for s in game.parameters}
    lra = table.row(("Supervise loosely", "Regulate strictly", "Abate")).condition
    lnp = table.row(("Supervise loosely", "Regulate laxly", "Pollute")).condition
    assert set(sympy.And.make_args(lra)) == {sym["w"] > sym["c_g"] + sym["s_e"], sym["f_e"] + sym["s_e"] > sym["c_e"]}
    assert set(sympy.And.make_args(lnp)) == {sym["c_c"] > sym["F_g"] + sym["r"],
                                             sym["c_g"] + sym["g"] > sym["f_e"] + sym["w"]}
    assert ("Supervise strictly", "Regulate strictly", "Abate") in table.never_stable
    assert table.row(("Supervise strictly", "Regulate strictly", "Abate")).never_stable
    assert table.stable_corners() == {"defaults": [("Supervise loosely", "Regulate strictly", "Abate")]}


def test_corner_table_frame_and_text():
    table = corner_table(models.tripartite(), [{"w": 5}, {"w": 1, "f_e": 2, "F_g": Fraction(1, 2)}])
    assert isinstance(table, CornerTable) and len(table) == 8
    frame = table.to_frame()
    assert list(frame.columns[:4]) == ["corner", "point", "eigenvalues", "stable iff"]
    assert "1: classification" in frame.columns and "2: eigenvalues" in frame.columns
    assert frame["1: classification"].tolist().count("stable") == 1
    assert table.stable_corners("2") == [("Supervise loosely", "Regulate laxly", "Pollute")]
    text = str(table)
    assert "never" in text and "scenario 2" in text and "(0, 1, 1)" in text
    assert repr(table).startswith("CornerTable(8 corners, 2 scenarios)")
    with pytest.raises(InvalidArgumentError):
        table.stable_corners("3")
    with pytest.raises(InvalidProfileError):
        table.row(("Abate",))


def test_corner_table_scenarios_are_checked():
    game = models.tripartite()
    with pytest.raises(InvalidArgumentError):
        corner_table(game, {"bad": {"omega": 1}})
    with pytest.raises(InvalidArgumentError):
        corner_table(game, 3)
    bare = cg.SymbolicGame([[["a", 0], [0, 1]], [["a", 0], [0, 1]]])
    with pytest.raises(UnresolvedParameterError):
        corner_table(bare, {"s": {}})
    assert corner_table(bare).scenarios == {}          # no defaults: no scenario
    assert corner_table(bare, {"a": 2}).stable_corners("1") == [("1", "1"), ("2", "2")]


def test_corner_table_of_a_game_with_three_strategies():
    """At a corner of a general game the eigenvalues are u_p(b, s) - u_p(s) for every unused b."""
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    game = cg.NormalFormGame([rps, np.transpose(rps)], exact=True)
    table = corner_table(game, {"rps": {}})
    assert len(table) == 9
    for row in table:
        res = stability(game, row.profile)
        eigs = sorted(Fraction(int(e.p), int(e.q)) for e in row.eigenvalues)
        assert eigs == sorted(Fraction(complex(e).real).limit_denominator() for e in res.eigenvalues)
        assert row.scenarios["rps"][1] == res.classification
    assert table.stable_corners("rps") == []


def test_corner_limit():
    game = cg.NormalFormGame([np.zeros((2,) * 13)] * 13)
    with pytest.raises(SolverLimitError):
        corner_table(game)


# ------------------------------------------------------------------------------------ vectorised
@given(st.integers(0, 10**6))
@settings(max_examples=10, deadline=None)
def test_classify_corners_agrees_with_the_table(seed):
    """Vectorised classification = per-sample corner_table (exact sympy) on the same parameter sets."""
    rng = np.random.default_rng(seed)
    game = models.tripartite()
    samples = {name: rng.integers(1, 8, size=6).astype(float) for name in NAMES}
    result = classify_corners(game, samples)
    assert isinstance(result, CornerClassification) and len(result) == 6
    for k in range(6):
        values = {name: int(samples[name][k]) for name in NAMES}
        table = corner_table(game, {"k": values})
        assert [r.scenarios["k"][1] for r in table] == list(result.classification[k])
        assert result.corners == tuple(r.profile for r in table)


def test_derived_c18_classify_corners_on_many_samples():
    rng = np.random.default_rng(7)
    game = models.tripartite()
    n = 20_000
    samples = {name: rng.uniform(0.1, 10.0, size=n) for name in NAMES}
    result = classify_corners(game, samples)
    idx = {c: k for k, c in enumerate(result.corners)}
    lra = idx[("Supervise loosely", "Regulate strictly", "Abate")]
    lnp = idx[("Supervise loosely", "Regulate laxly", "Pollute")]
    sra = idx[("Supervise strictly", "Regulate strictly", "Abate")]
    s = samples
    assert (result.stable[:, lra] == ((s["w"] > s["c_g"] + s["s_e"]) & (s["f_e"] + s["s_e"] > s["c_e"]))).all()
    assert (result.stable[:, lnp] == ((s["F_g"] + s["r"] < s["c_c"]) & (s["w"] + s["f_e"] < s["c_g"] + s["g"]))).all()
    assert not result.stable[:, sra].any()
    assert 0 < result.stable[:, lra].mean() < 1
    freq = result.frequencies()
    assert np.allclose(freq.sum(axis=1), 1.0)
    assert set(freq.columns) == set(CLASSES)
    unique = result.unique_stable
    assert ((unique >= 0) == (result.stable_count == 1)).all()
    assert "parameter sets" in repr(result)


def test_classify_corners_inputs():
    game = models.tripartite()
    names = [s.name for s in game.parameters]
    arr = np.tile([game.defaults[game.symbol(n)] for n in names], (3, 1)).astype(float)
    by_array = classify_corners(game, arr)
    by_defaults = classify_corners(game, {"w": np.array([5.0, 5.0, 5.0])})
    import pandas as pd

    by_frame = classify_corners(game, pd.DataFrame(arr, columns=names))
    assert (by_array.codes == by_defaults.codes).all() and (by_frame.codes == by_array.codes).all()
    with pytest.raises(InvalidArgumentError):
        classify_corners(game, np.zeros((3, 2)))
    with pytest.raises(InvalidArgumentError):
        classify_corners(game, {"omega": [1.0]})
    with pytest.raises(InvalidArgumentError):
        classify_corners(game, 5)
    bare = cg.SymbolicGame([[["a", 0], [0, 1]], [["a", 0], [0, 1]]])
    with pytest.raises(UnresolvedParameterError):
        classify_corners(bare, {})
    # ties count as non-hyperbolic
    tie = classify_corners(bare, {"a": np.array([0.0, 1.0, 2.0])})
    assert list(tie.classification[:, 0]) == ["non-hyperbolic", "stable", "stable"]


# ------------------------------------------------------------------------------------ general strategies
@given(st.integers(0, 10**6), st.sampled_from([(3, 2), (3, 3), (2, 3)]))
@settings(max_examples=15, deadline=None)
def test_rest_points_of_larger_games_are_rest_points_and_contain_the_equilibria(seed, shape):
    rng = np.random.default_rng(seed)
    game = cg.NormalFormGame([rng.integers(-4, 5, size=shape) for _ in shape], exact=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        points = rest_points(game)
    degenerate = any(issubclass(w.category, DegenerateGameWarning) for w in caught)
    assert len([p for p in points if all(max(v) == 1 for v in p)]) == int(np.prod(shape))   # every corner
    for point in points:
        for f in full_field(game, point):
            assert np.allclose(f, 0, atol=1e-12)
        res = stability(game, point)
        assert res.classification in ("stable", "unstable", "saddle", "centre", "non-hyperbolic")
        assert res.jacobian.shape == (sum(shape) - len(shape),) * 2
    keys = {tuple(tuple(float(v) for v in vec) for vec in p) for p in points}
    if degenerate:                                # equilibria on a continuum are not listed
        return
    for eq in cg.mixed_equilibria(game):          # every Nash equilibrium is a rest point
        key = tuple(tuple(float(v) for v in vec) for vec in eq.strategies)
        assert any(np.allclose(np.concatenate(key), np.concatenate(k), atol=1e-9) for k in keys)


def test_stability_in_the_tangent_space_matches_finite_differences():
    rng = np.random.default_rng(3)
    for _ in range(2):
        game = cg.NormalFormGame([rng.normal(size=(3, 3)) for _ in range(2)])
        for point in rest_points(game):
            res = stability(game, point)
            numeric = np.linalg.eigvals(tangent_jacobian_numeric(game, point))
            assert np.allclose(np.sort_complex(res.eigenvalues), np.sort_complex(numeric), atol=1e-5)


def test_published_rock_paper_scissors_two_populations():
    """Two-population rock-paper-scissors: the interior point (1/3, 1/3, 1/3) twice has purely imaginary
    eigenvalues +-i/sqrt(3), each twice (Hofbauer and Sigmund 1998, Evolutionary Games and Population
    Dynamics, ch. 10: zero-sum bimatrix games are conservative)."""
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    game = cg.NormalFormGame([rps, np.transpose(rps)], exact=True)
    third = [Fraction(1, 3)] * 3
    res = stability(game, [third, third])
    assert res.classification == "non-hyperbolic"
    assert np.allclose(np.abs(res.eigenvalues.imag), 1 / np.sqrt(3)) and np.allclose(res.eigenvalues.real, 0)


# ------------------------------------------------------------------------------------ population games
@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (2, 2, 2), (3, 2)]))
@settings(max_examples=15, deadline=None)
def test_population_game_from_a_normal_form_game(seed, shape):
    rng = np.random.default_rng(seed)
    game = cg.NormalFormGame([rng.integers(-5, 6, size=shape) for _ in shape], exact=True)
    pop = PopulationGame.from_game(game)
    vectors = [rng.dirichlet(np.ones(m)) for m in shape]
    values = pop.payoff_function()(vectors)
    for p in range(len(shape)):
        assert np.allclose(values[p], np.asarray(game.action_values(p, vectors), dtype=float))
    start = [v.tolist() for v in vectors]
    a = replicator(game, start, 3.0).states
    b = replicator(pop, start, 3.0).states
    assert np.allclose(a, b, atol=1e-7)


def wang_shi(dynamic: bool) -> PopulationGame:
    """Inspection game (Tsebelis 1989; claim C5) as a population game; with dynamic=True the fine is F times the share of
    violators 1 - x (Wang and Shi 2019's dynamic punishment). x: share of Real, y: share of Inspect."""
    game = PopulationGame.from_game(models.inspection())
    if dynamic:
        game = game.with_payoff("Local government", "False", "dc - rho*F*(1 - x)*y")
    return game


def test_derived_c10_dynamic_penalty_makes_the_interior_point_stable():
    values = {"dc": 2, "k": 1, "F": 16, "B": 4, "rho": Fraction(1, 2)}
    static = wang_shi(False).subs(values)
    dynamic = wang_shi(True).subs(values)
    def interior(pts):
        return [p for p in pts if all(0 < v[0] < 1 for v in p)]
    (p_static,) = interior(rest_points(static))
    (p_dynamic,) = interior(rest_points(dynamic))
    assert p_static[0][1] == Fraction(1, 2) and p_dynamic[0][1] == Fraction(1, 2)     # x* = k/(rho B) in both
    res_static, res_dynamic = stability(static, p_static), stability(dynamic, p_dynamic)
    assert res_static.classification == "centre" and res_static.trace == 0
    assert res_dynamic.classification == "stable" and res_dynamic.trace < 0 < res_dynamic.det
    traj = replicator(dynamic, [0.3, 0.8], 200.0)
    assert np.allclose([traj.final[0][0], traj.final[1][0]], [float(p_dynamic[0][0]), float(p_dynamic[1][0])],
                       atol=1e-4)
    traj = replicator(static, [0.3, 0.8], 200.0)
    assert np.ptp(traj.states[100:, 0]) > 0.1                 # the static orbit keeps cycling


@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 20), st.integers(1, 6),
       st.fractions(Fraction(1, 10), 1))
@settings(max_examples=30, deadline=None)
def test_derived_c10_dynamic_penalty_interior_is_stable_whenever_it_exists(dc, k, F, B, rho):
    """Symbolically: with the fine F (1 - x), at the interior point tr J < 0 < det J (Friedman's test)."""
    x_star = 1 - Fraction(k) / (rho * B)          # share of Real
    y_star = Fraction(dc) / (rho * F * (1 - x_star)) if x_star < 1 else None
    game = wang_shi(True).subs({"dc": dc, "k": k, "F": F, "B": B, "rho": rho})
    if not (0 < x_star < 1 and y_star is not None and 0 < y_star < 1):
        return
    res = stability(game, [[x_star, 1 - x_star], [y_star, 1 - y_star]])
    assert res.is_exact and res.trace < 0 and res.det > 0 and res.classification == "stable"


def test_population_game_validation_and_display():
    with pytest.raises(InvalidGameError):
        PopulationGame("payoffs")
    with pytest.raises(InvalidGameError):
        PopulationGame([[0, 1]], state=["x", "y"])
    with pytest.raises(InvalidGameError):
        PopulationGame([[lambda x: np.exp(x).item(), 0]])
    game = PopulationGame([[0, "a*x"], [1, "b*y"]], players=["P", "Q"], actions=[["u", "v"], ["l", "r"]],
                          defaults={"a": 2, "b": 3})
    assert [s.name for s in game.parameters] == ["a", "b"]
    assert game.numeric().parameters == ()
    with pytest.raises(UnresolvedParameterError):
        PopulationGame([[0, "a*x"], [1, "b*y"]]).numeric()
    with pytest.raises(UnresolvedParameterError):
        replicator(game, [0.5, 0.5], 1.0)
    with pytest.raises(UnresolvedParameterError):
        rest_points(game)
    with pytest.raises(InvalidArgumentError):
        game.with_payoff("R", "u", 0)
    with pytest.raises(InvalidProfileError):
        replicator(game.numeric(), [0.5], 1.0)
    assert "P: v: a*x" in repr(game)
    assert game == PopulationGame([[0, "a*x"], [1, "b*y"]], players=["P", "Q"], actions=[["u", "v"], ["l", "r"]])
    assert hash(game) == hash(PopulationGame([[0, "a*x"], [1, "b*y"]], players=["P", "Q"],
                                             actions=[["u", "v"], ["l", "r"]]))
    three = PopulationGame([[0, 1, 2]])
    assert [s.name for s in three.state] == ["x_1_1", "x_1_2"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        assert len(rest_points(three)) >= 3


# ------------------------------------------------------------------------------------ symbolic rest points
def test_symbolic_rest_points_of_the_inspection_game():
    from coopgame.dynamics.analysis import SymbolicRestPoint, symbolic_rest_points

    game = models.inspection()
    points = symbolic_rest_points(game)
    assert len(points) == 5 and all(isinstance(p, SymbolicRestPoint) for p in points)
    interior = points[-1]
    B, F, dc, k, rho = game.parameters
    x, y = sorted(interior.point, key=lambda s: s.name)
    assert sympy.simplify(interior.point[x] - (1 - k / (rho * B))) == 0      # real cooperation 1 - k/(rho B)
    assert sympy.simplify(interior.point[y] - dc / (rho * F)) == 0
    assert interior.mixing == ("Local government", "Central government")
    assert "if" in repr(interior)
    system = replicator_equations(game)
    eigs = system.eigenvalues_at(interior.point)
    assert len(eigs) == 2 and sympy.simplify(eigs[0] + eigs[1]) == 0      # trace 0 (C10)
    det = sympy.simplify(system.jacobian_at(interior.point).det())
    assert sympy.simplify(eigs[0] * eigs[1] - det) == 0
    # det > 0 at the default values, so the eigenvalues are purely imaginary there: a centre
    assert sympy.simplify(det.subs({B: 4, F: 8, dc: 2, k: 1, rho: sympy.Rational(1, 2)})) > 0


@pytest.mark.filterwarnings("ignore::coopgame.errors.DegenerateGameWarning")
@given(tripartite_values())
@settings(max_examples=8, deadline=None)
def test_symbolic_rest_points_agree_with_the_numeric_ones(values):
    """Substituting numbers into the symbolic rest points whose conditions hold gives exactly the numeric
    rest points (up to order), for the tripartite template."""
    from coopgame.dynamics.analysis import symbolic_rest_points

    game = models.tripartite()
    subs = {game.symbol(k): v for k, v in values.items()}
    symbolic = set()
    for rp in symbolic_rest_points(game):
        point = tuple(rp.point[s].xreplace(subs) for s in sorted(rp.point, key=str))
        if any(v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) for v in point):
            continue                  # a denominator vanishes: the formula does not apply (a degenerate face)
        if rp.condition.xreplace(subs) in (True, sympy.true):
            symbolic.add(tuple(sympy.nsimplify(v) for v in point))
    numeric = {tuple(sympy.Rational(str(v[0])) for v in p) for p in rest_points(game.subs(values))}
    assert symbolic == numeric


def test_rest_points_fall_back_to_numbers_where_sympy_cannot_solve():
    """cos(3x) = x has no closed form (sympy raises NotImplementedError); the rest points on those faces
    are found numerically, to a residual below 1e-10, and are classified."""
    x, y = sympy.symbols("x y", real=True)
    game = PopulationGame([[sympy.cos(3 * x) - x, 0], [sympy.Rational(1, 3) - y, 0]], state=[x, y])
    points = rest_points(game)
    mixed = [p for p in points if 0 < float(p[0][0]) < 1]
    assert len(points) == 9 and len(mixed) == 3
    for p in mixed:
        x0 = float(p[0][0])
        assert abs(np.cos(3 * x0) - x0) < 1e-10
    interior = next(p for p in mixed if 0 < float(p[1][0]) < 1)
    assert float(interior[1][0]) == pytest.approx(1 / 3)
    res = stability(game, interior)
    assert not res.is_exact and res.classification == "stable"          # d/dx (cos 3x - x) < 0 there


# ------------------------------------------------------------------------------------ bad input (issue 13)
@pytest.mark.parametrize("bad", [[float("nan")], [float("inf")], [True], ["x"], [1e400]])
def test_classify_corners_refuses_values_that_are_not_finite_numbers(bad):
    with pytest.raises(InvalidArgumentError, match="'w'"):
        classify_corners(models.tripartite(), {"w": bad})


def test_corner_limits_and_options():
    from coopgame.errors import SolverLimitError

    with pytest.raises(SolverLimitError, match="max_corners"):
        corner_table(models.tripartite(), max_corners=7)
    with pytest.raises(SolverLimitError, match="max_corners"):
        classify_corners(models.tripartite(), {"w": [1.0]}, max_corners=7)
    with pytest.raises(InvalidArgumentError, match="did you mean 'max_corners'"):
        classify_corners(models.tripartite(), {"w": [1.0]}, max_corner=7)
    with pytest.raises(SolverLimitError, match="max_faces"):
        symbolic_rest_points(models.tripartite(), max_faces=26)   # 3**3 faces


def test_notebook_faces():
    from coopgame.dynamics.analysis import replicator_equations

    table = corner_table(models.tripartite())
    html = table._repr_html_()
    assert html.startswith("<table>") and "Supervise loosely, Regulate strictly, Abate" in html
    latex = replicator_equations(models.tripartite())._repr_latex_()
    assert latex.startswith("$\\begin{aligned}") and latex.endswith("$")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "x", True, None])
def test_corner_table_refuses_scenario_values_that_are_not_finite_numbers(bad):
    with pytest.raises(InvalidArgumentError, match="'w' in scenario 's'"):
        corner_table(models.tripartite(), {"s": {"w": bad}})


def test_population_game_refuses_bad_arguments():
    with pytest.raises(InvalidArgumentTypeError, match="unknown keyword argument 'bogus'"):
        PopulationGame([[0, "y"], ["x", 0]], bogus=1)
    with pytest.raises(InvalidArgumentError, match="defaults as a mapping"):
        PopulationGame([[0, "a*y"], ["x", 0]], defaults=float("nan"))
    with pytest.raises(cg.InvalidGameError, match="state symbols"):
        PopulationGame([[0, "y"], ["x", 0]], state=[True, False])
    with pytest.raises(InvalidArgumentTypeError, match="unknown keyword argument"):
        replicator_equations(models.tripartite(), bogus=1)


@pytest.mark.parametrize("bad", [None, True, 3, 2.5, float("nan"), 1j, object(), "Supervise strictly"])
def test_corner_eigenvalues_refuse_profiles_that_are_not_one_action_per_role(bad):
    with pytest.raises(InvalidProfileError, match="^corner_eigenvalues: expected one action per role"):
        corner_eigenvalues(models.tripartite(), bad)


def test_symbolic_analysis_accepts_payoff_arrays_like_every_entry_point():
    # the one coercion: payoff arrays are a game here as for replicator() and pure_equilibria()
    arrays = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]
    game = cg.NormalFormGame(arrays, exact=True)
    assert corner_eigenvalues(arrays, [0, 0]) == corner_eigenvalues(game, [0, 0]) == (2, 2)
    assert replicator_equations(arrays).equations == replicator_equations(game).equations
    assert corner_table(arrays).stable_corners() == corner_table(game).stable_corners()
    assert [p.point for p in symbolic_rest_points(arrays)] == [p.point for p in symbolic_rest_points(game)]
    with pytest.raises(InvalidGameError, match="corner_eigenvalues"):
        corner_eigenvalues([[[3, 0], [5, 1]], [[3, 5]]], [0, 0])      # ragged arrays: a typed error naming the caller
    with pytest.raises(InvalidGameTypeError, match="PopulationGame or a sequence of payoff arrays, got 'pd'"):
        corner_table("pd")


def test_corner_classification_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.dynamics import classify_corners
    from coopgame.errors import InvalidArgumentTypeError

    obj = classify_corners(cg.SymbolicGame([[["a", 0], [0, "a"]], [["a", 0], [0, "a"]]]), {"a": [0.05, -0.05]})
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.frequencies(scenario=1)
    assert "CornerClassification.frequencies: got an unknown keyword argument 'scenario'; it takes no keyword arguments" in str(caught.value)

def test_corner_table_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.dynamics import corner_table
    from coopgame.errors import InvalidArgumentTypeError

    obj = corner_table(cg.SymbolicGame([[["a", 0], [0, "a"]], [["a", 0], [0, "a"]]]), {"small": {"a": 0.05}})
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.stable_corners(scenarios="small")
    assert "CornerTable.stable_corners: got an unknown keyword argument 'scenarios' (did you mean 'scenario'?)" in str(caught.value)

def test_corner_row_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.dynamics import corner_table
    from coopgame.errors import InvalidArgumentTypeError

    obj = corner_table(cg.SymbolicGame([[["a", 0], [0, "a"]], [["a", 0], [0, "a"]]]), {"small": {"a": 0.05}}).rows[0]
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.classification(scenaro="small")
    assert "CornerRow.classification: got an unknown keyword argument 'scenaro' (did you mean 'scenario'?)" in str(caught.value)

def test_replicator_system_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.dynamics import replicator_equations
    from coopgame.errors import InvalidArgumentTypeError
    from coopgame.models import inspection

    obj = replicator_equations(inspection())
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.field_at(pt=[[1, 0], [1, 0]])
    assert "ReplicatorSystem.field_at: got an unknown keyword argument 'pt'; expected one of: point" in str(caught.value)


def test_corner_and_symbolic_results_compare_by_value():
    import dataclasses

    from coopgame.dynamics import classify_corners, corner_table, replicator_equations, symbolic_rest_points

    def sym():
        return cg.SymbolicGame([[["a", 0], [0, "a"]], [["a", 0], [0, "a"]]])

    for build, field, other in [
        (lambda: classify_corners(sym(), {"a": [0.05, -0.05]}), "codes", np.zeros((4, 2), dtype=int)),
        (lambda: corner_table(sym(), {"small": {"a": 0.05}}), "scenarios", {"small": {"a": 0.5}}),
        (lambda: corner_table(sym(), {"small": {"a": 0.05}}).rows[0], "point", (0, 0)),
        (lambda: replicator_equations(models.inspection()), "labels", ("p", "q")),
        (lambda: symbolic_rest_points(models.inspection())[0], "mixing", ("x", "y")),
    ]:
        first, again = build(), build()
        assert first is not again and first == again and hash(first) == hash(again)
        assert first != dataclasses.replace(first, **{field: other})
    assert corner_table(sym(), {"small": {"a": 0.05}}) != corner_table(sym(), {"small": {"a": -0.05}})
