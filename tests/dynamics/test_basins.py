"""Basins of attraction and time to reach an attractor (claim C9 of docs/explanation/claims.md)."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

import coopgame as cg
from coopgame import models
from coopgame.dynamics import rest_points, stability
from coopgame.dynamics.attraction import attractors, one_population_rest_points
from coopgame.dynamics.basin_estimates import MAX_STARTS, Basins, basins, time_to_reach
from coopgame.dynamics.field import ReplicatorField
from coopgame.dynamics.integration import rk4_step
from coopgame.dynamics.trajectory import replicator
from coopgame.errors import (
    DegenerateGameWarning,
    InvalidArgumentError,
    InvalidGameError,
    InvalidProfileError,
    SolverLimitError,
    UnresolvedParameterError,
)
from coopgame.mechanisms.instruments import Subsidy

SLOW = settings(max_examples=25, deadline=None)
FAST = settings(max_examples=60, deadline=None)


# ------------------------------------------------------------------------------------ helpers
@st.composite
def stag_hunts(draw):
    """Stag-hunt payoffs with R > T and P > S (two strict symmetric equilibria, a mixed one between)."""
    T = draw(st.integers(1, 15))
    R = T + draw(st.integers(1, 10))
    S = draw(st.integers(1, 15))
    P = S + draw(st.integers(1, 10))
    return {"R": R, "S": S, "T": T, "P": P}


def subsidised(values: dict, s) -> cg.NormalFormGame:
    """The stag hunt with a coordinator's subsidy ``s`` to every region that plays Stag."""
    game = models.stag_hunt(**values)
    return game.apply(Subsidy(0, "Stag", s), Subsidy(1, "Stag", s))


def exact_threshold(values: dict, s) -> Fraction:
    """Mixed rest point of the one-population stag hunt with subsidy s, by hand.

    Stag's advantage at share x is x (R - T) + (1 - x)(S - P) + s; it vanishes at
    x* = (P - S - s) / ((R - T) + (P - S)).
    """
    R, S, T, P = (Fraction(values[k]) for k in "RSTP")
    return (P - S - Fraction(s)) / ((R - T) + (P - S))


def time_by_quadrature(values: dict, s, x0: float, x1: float = 0.99) -> float:
    """dt = dx / (x (1 - x)(Delta(x) + s)): the time from x0 to x1 as an integral (independent oracle)."""
    R, S, T, P = (float(values[k]) for k in "RSTP")
    s = float(s)
    value, _ = quad(lambda x: 1.0 / (x * (1 - x) * (x * (R - T) + (1 - x) * (S - P) + s)), x0, x1,
                    epsabs=1e-12, epsrel=1e-10, limit=200)
    return value


def pure_attractor_label(final: tuple[np.ndarray, ...]) -> tuple[int, ...] | None:
    """The pure profile a final state sits at (all shares within 1e-3 of 0 or 1), else None."""
    out = []
    for v in final:
        k = int(np.argmax(v))
        if v[k] < 1 - 1e-3:
            return None
        out.append(k)
    return tuple(out)


# ------------------------------------------------------------------------------------ integration scheme
def test_rk4_scheme_matches_replicator_one_population():
    rps = cg.NormalFormGame([[[0, -1, 2], [2, 0, -1], [-1, 2, 0]],
                             [[0, 2, -1], [-1, 0, 2], [2, -1, 0]]])
    system = ReplicatorField(rps, populations="single")
    starts = np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [0.05, 0.05, 0.9]])
    Y = starts.copy()
    steps, t_end = 400, 8.0
    for _ in range(steps):
        Y = rk4_step(system, Y, t_end / steps)
    for start, end in zip(starts, Y):
        ref = replicator(rps, start, t_end).final[0]
        np.testing.assert_allclose(end, ref, atol=1e-6)


def test_rk4_scheme_matches_replicator_multi_population():
    rng = np.random.default_rng(5)
    game = cg.NormalFormGame([rng.integers(-4, 5, size=(2, 3, 2)) for _ in range(3)])
    system = ReplicatorField(game, populations="multi")
    starts = [[rng.dirichlet(np.ones(m)) for m in game.shape] for _ in range(4)]
    Y = np.array([np.concatenate(s) for s in starts])
    steps, t_end = 500, 5.0
    for _ in range(steps):
        Y = rk4_step(system, Y, t_end / steps)
    for start, end in zip(starts, Y):
        ref = np.concatenate(replicator(game, start, t_end).final)
        np.testing.assert_allclose(end, ref, atol=1e-6)


# ------------------------------------------------------------------------------------ attractors
@given(st.lists(st.integers(-6, 6), min_size=4, max_size=4))
@FAST
def test_derived_one_population_attractors_of_2x2_symmetric_games(entries):
    """By hand: with a = A11 - A21 and b = A22 - A12, corner 1 attracts iff a > 0, corner 2 iff b > 0,
    and the interior point x = b / (a + b) attracts iff a < 0 and b < 0."""
    A = np.array(entries).reshape(2, 2)
    game = cg.NormalFormGame([A, A.T])
    a, b = A[0, 0] - A[1, 0], A[1, 1] - A[0, 1]
    expected = []
    if a > 0:
        expected.append((1.0, 0.0))
    if b > 0:
        expected.append((0.0, 1.0))
    if a < 0 and b < 0:
        x = b / (a + b)
        expected.append((x, 1 - x))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        got = [tuple(float(v) for v in att[0]) for att in attractors(game)]
    assert len(got) == len(expected)
    assert np.allclose(sorted(got), sorted(expected), atol=1e-12)


@given(st.integers(2, 3), st.integers(0, 10**6))
@SLOW
def test_multi_population_attractors_are_the_stable_rest_points(n, seed):
    """Strict pure equilibria (ours) = rest points classified 'stable' by the Jacobian (stability.py)."""
    rng = np.random.default_rng(seed)
    game = cg.NormalFormGame([rng.integers(-3, 4, size=(2,) * n) for _ in range(n)], exact=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stable = [p for p in rest_points(game) if stability(game, p).classification == "stable"]
    expected = sorted(tuple(float(v[0]) for v in p) for p in stable)
    got = sorted(tuple(float(v[0]) for v in a) for a in attractors(game, populations="multi"))
    assert got == expected


@given(st.integers(0, 10**6))
@SLOW
def test_one_population_attractors_are_stable_equilibria(seed):
    """Each attractor of a random 3-strategy game is a symmetric equilibrium and pulls nearby starts back."""
    rng = np.random.default_rng(seed)
    A = rng.integers(-5, 6, size=(3, 3)).astype(float)
    game = cg.NormalFormGame([A, A.T])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        found = attractors(game)
    for att in found:
        x = np.asarray(att[0], dtype=float)
        f = A @ x
        assert f.max() <= x @ f + 1e-9                          # a symmetric Nash equilibrium
        for _ in range(3):
            start = 0.995 * x + 0.005 * rng.dirichlet(np.ones(3))
            end = replicator(game, start, 400.0).final[0]
            assert np.abs(end - x).max() < 2e-3


@given(st.integers(2, 4), st.integers(0, 10**6))
@SLOW
def test_every_hyperbolic_ess_is_an_attractor_and_conversely_for_two_strategies(m, seed):
    """Oracle: coopgame.dynamics.ess (Maynard Smith's conditions). An ESS is asymptotically stable (Taylor and
    Jonker 1978), so each ESS is an attractor or a non-hyperbolic rest point; with two strategies the converse holds."""
    from coopgame.dynamics.ess import evolutionarily_stable_strategies

    rng = np.random.default_rng(seed)
    A = rng.integers(-4, 5, size=(m, m))
    game = cg.NormalFormGame([A, A.T], exact=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        found = one_population_rest_points(ReplicatorField(game, populations="single"), "test", warn=False)
        ours = [np.asarray(a[0], dtype=float) for a in attractors(game)]
    ess = [np.asarray(e.strategy, dtype=float) for e in evolutionarily_stable_strategies(game)]
    flat = [x for x, kind, _ in found if kind == "non-hyperbolic"]
    for p in ess:
        assert any(np.allclose(p, q, atol=1e-9) for q in ours + flat), (A, p)
    if m == 2:
        hyperbolic_ess = [p for p in ess if not any(np.allclose(p, q, atol=1e-9) for q in flat)]
        assert len(hyperbolic_ess) == len(ours)


def test_attractors_of_rock_paper_scissors_variants():
    good = np.array([[0, -1, 2], [2, 0, -1], [-1, 2, 0]])   # win 2 > loss 1: the interior point attracts
    got = attractors(cg.NormalFormGame([good, good.T]))
    assert len(got) == 1
    np.testing.assert_allclose(got[0][0], [1 / 3] * 3, atol=1e-12)
    zero_sum = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])   # a centre: nothing attracts
    assert attractors(cg.NormalFormGame([zero_sum, zero_sum.T])) == []


def test_attractor_search_refuses_large_games():
    A = np.eye(13)
    with pytest.raises(SolverLimitError, match="max_strategies=12") as refused:
        attractors(cg.NormalFormGame([A, A.T]))
    assert "attractors=" not in str(refused.value)          # attractors() has no such option to suggest
    with pytest.raises(SolverLimitError, match=r"^basins: .*max_strategies=12.*or use attractors=\[\.\.\.\]"):
        basins(cg.NormalFormGame([A, A.T]), samples=20, seed=0)
    b = basins(cg.NormalFormGame([A, A.T]), samples=20, seed=0, attractors=[np.eye(13)[0]])
    assert b.names == ("1",)


# ------------------------------------------------------------------------------------ one population, exact boundaries
@given(stag_hunts(), st.sampled_from([0, Fraction(1, 2), 1, 3]), st.integers(7, 120))
@FAST
def test_derived_stag_hunt_grid_matches_the_mixed_rest_point(values, s, n):
    """One population, two strategies: the basin boundary is x*; every grid start on either side goes the right way."""
    game = subsidised(values, s)
    x_star = exact_threshold(values, s)
    b = basins(game, grid=n)
    assert len(b) == n - 1
    x = b.points[:, 0]
    names = [b.names[k] if k >= 0 else None for k in b.outcome]
    for xi, name in zip(x, names):
        if abs(xi - float(x_star)) < 1e-9:
            continue                                             # on the boundary itself
        assert name == ("Stag" if xi > x_star else "Hare")
    exact_share = min(1.0, max(0.0, 1.0 - float(x_star)))
    assert abs(b.share("Stag") - exact_share) <= 1.0 / (n - 1) + 1e-12
    assert b.standard_errors is None and b.method == "grid"


@given(stag_hunts(), st.integers(0, 10**6))
@SLOW
def test_derived_stag_hunt_samples_classified_exactly(values, seed):
    game = models.stag_hunt(**values)
    x_star = float(exact_threshold(values, 0))
    b = basins(game, samples=300, seed=seed)
    stag = b.mask("Stag")
    far = np.abs(b.points[:, 0] - x_star) > 1e-6
    assert np.array_equal(stag[far], (b.points[:, 0] > x_star)[far])
    p = b.share("Stag")
    assert b.standard_error("Stag") == pytest.approx(math.sqrt(p * (1 - p) / 300))


# ------------------------------------------------------------------------------------ claim C9
@given(stag_hunts(), st.fractions(0, 12, max_denominator=8), st.fractions(0, 6, max_denominator=8),
       st.floats(0.05, 0.95))
@SLOW
def test_claim_c9_subsidy_grows_basin_and_does_not_slow_cooperation(values, s1, ds, u):
    """C9: a subsidy s >= 0 on cooperation (Stag) in a stag hunt weakly enlarges the basin of cooperation,
    and the time to reach x >= 0.99 from a fixed interior start in the basin does not grow.

    The times are also checked against the integral dt = dx / (x (1 - x)(Delta(x) + s))."""
    s2 = s1 + ds
    n = 60
    share1 = basins(subsidised(values, s1), grid=n).share("Stag")
    share2 = basins(subsidised(values, s2), grid=n).share("Stag")
    assert share2 >= share1
    lower = max(0.0, float(exact_threshold(values, s1)))
    x0 = lower + u * (1 - lower)
    assume(x0 < 0.985)
    t1 = time_to_reach(subsidised(values, s1), [x0, 1 - x0], "Stag", t_max=1e6)
    t2 = time_to_reach(subsidised(values, s2), [x0, 1 - x0], "Stag", t_max=1e6)
    assert math.isfinite(t1) and math.isfinite(t2)
    assert t2 <= t1 * (1 + 1e-6)
    assert t1 == pytest.approx(time_by_quadrature(values, s1, x0), rel=1e-5)
    assert t2 == pytest.approx(time_by_quadrature(values, s2, x0), rel=1e-5)


def test_claim_c9_worked_example():
    """Default stag hunt (R, S, T, P) = (4, 1, 3, 3): x* = (2 - s)/3, so the basin of Stag is (1 + s)/3."""
    values = {"R": 4, "S": 1, "T": 3, "P": 3}
    shares = [basins(subsidised(values, s), grid=301).share("Stag") for s in (0, 0.5, 1, 1.5)]
    for s, share in zip((0, 0.5, 1, 1.5), shares):
        assert share == pytest.approx((1 + s) / 3, abs=1 / 300)
    assert shares == sorted(shares)
    times = [time_to_reach(subsidised(values, s), [0.8, 0.2], "Stag") for s in (0, 0.5, 1, 1.5)]
    assert times == sorted(times, reverse=True)


# ------------------------------------------------------------------------------------ several populations
def test_multi_population_outcomes_agree_with_replicator():
    for game in (models.stag_hunt(R=4, S=1, T=3, P=3),
                 models.tripartite().subs({"c_c": 4, "F_g": 1, "r": 1, "w": 1, "f_e": 1, "g": 4}).numeric(),
                 cg.NormalFormGame([[[3, 0, 1], [0, 2, 0]], [[2, 0, 0], [1, 3, 1]]])):
        b = basins(game, samples=40, seed=11, populations="multi")
        assert b.unresolved < 0.1
        pure = [tuple(int(np.argmax(v)) for v in a) for a in b.attractors]
        for point, k in zip(b.points, b.outcome):
            start = np.split(point, np.cumsum(b.sizes)[:-1])
            label = pure_attractor_label(replicator(game, start, b.t_max).final)
            if k >= 0:
                assert label == pure[k]


def test_derived_two_population_stag_hunt_basins_symmetric_about_the_diagonal():
    b = basins(models.stag_hunt(R=5, S=0, T=3, P=2), grid=24, populations="multi")
    lookup = {(round(p[0], 9), round(p[2], 9)): k for p, k in zip(b.points, b.outcome)}
    for (x, y), k in lookup.items():
        assert lookup[(y, x)] == k
    # the diagonal itself: both populations go together, the boundary is the one-population x*
    x_star = 2 / 4
    for (x, y), k in lookup.items():
        if x == y and abs(x - x_star) > 1e-9:
            assert b.names[k] == ("(Stag, Stag)" if x > x_star else "(Hare, Hare)")


def test_derived_three_strategy_coordination_basins_are_where_a_strategy_leads():
    """A = identity: d/dt log(x_i / x_j) = x_i - x_j, so the leading strategy stays ahead and wins."""
    A = np.eye(3)
    game = cg.NormalFormGame([A, A.T], actions=[["a", "b", "c"]] * 2)
    b = basins(game, grid=30)
    assert b.names == ("a", "b", "c")
    for point, k in zip(b.points, b.outcome):
        top = np.sort(point)
        if top[-1] - top[-2] > 1e-9:
            assert k == int(np.argmax(point))
    assert b.shares[0] == b.shares[1] == b.shares[2]


def test_inspection_game_has_no_attractor():
    b = basins(models.inspection().numeric(), grid=10)
    assert b.attractors == () and b.unresolved == 1.0
    assert np.isinf(b.settle_times).all()


def test_tripartite_default_all_starts_reach_the_cooperative_corner():
    b = basins(models.tripartite().numeric(), samples=200, seed=2)
    assert b.names == ("(Supervise loosely, Regulate strictly, Abate)",)
    assert b.share(0) == 1.0 and b.standard_error(0) == 0.0


# ------------------------------------------------------------------------------------ population games
def dynamic_penalty_inspection():
    """Inspection game with a fine proportional to the violation rate 1 - x (Wang and Shi 2019)."""

    from coopgame.dynamics.population import PopulationGame

    game = PopulationGame([[0, "dc - y*rho*F*(1 - x)"], ["(1 - x)*rho*B - k", 0]],
                          players=["Local government", "Central government"],
                          actions=[["Real", "False"], ["Inspect", "Trust"]])
    return game


def test_population_game_of_a_normal_form_game_gives_the_same_basins():
    from coopgame.dynamics.population import PopulationGame

    for game in (models.stag_hunt(R=5, S=0, T=3, P=2), models.tripartite().numeric()):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            a = basins(PopulationGame.from_game(game), samples=150, seed=4)
        b = basins(game, samples=150, seed=4, populations="multi")
        assert a.names == b.names
        assert np.array_equal(a.outcome, b.outcome)


def test_population_game_field_matches_replicator():
    import sympy

    game = dynamic_penalty_inspection().subs(B=4, F=16, dc=2, k=1, rho=sympy.Rational(1, 2))
    system = ReplicatorField(game)
    starts = [[0.8, 0.3], [0.2, 0.9]]
    Y = np.array([[x, 1 - x, y, 1 - y] for x, y in starts])
    for _ in range(400):
        Y = rk4_step(system, Y, 10.0 / 400)
    for (x, y), end in zip(starts, Y):
        ref = np.concatenate(replicator(game, [x, y], 10.0).final)
        np.testing.assert_allclose(end, ref, atol=1e-6)


def test_derived_dynamic_penalty_makes_the_interior_point_attract_everything():
    """With a fine rho*F*(1 - x) the interior point (x, y) = (1 - k/(rho B), ...) is asymptotically stable
    (Wang and Shi 2019): every interior start spirals into it. With the static fine nothing attracts."""
    import sympy

    values = {"B": 4, "F": 16, "dc": 2, "k": 1, "rho": sympy.Rational(1, 2)}
    game = dynamic_penalty_inspection().subs(values)
    (att,) = attractors(game)
    assert np.allclose([att[0][0], att[1][0]], [1 - 1 / 2, 2 / (8 * (1 - 0.5))])    # x* = 1 - k/(rho B), y*
    b = basins(game, samples=60, seed=9)
    assert b.share(0) == 1.0
    t = time_to_reach(game, [0.9, 0.2], [[0.5, 0.5], [0.5, 0.5]], radius=0.05)
    assert 0 < t < math.inf
    static = models.inspection(B=4, F=8, dc=2, k=1, rho=Fraction(1, 2))
    assert attractors(static) == []
    with pytest.raises(UnresolvedParameterError):
        basins(dynamic_penalty_inspection(), grid=5)
    with pytest.raises(InvalidArgumentError, match="one population per role"):
        basins(game, grid=5, populations="single")
    with pytest.raises(InvalidProfileError):
        time_to_reach(game, [0.9, 0.2, 0.1], [[0.5, 0.5], [0.5, 0.5]])


# ------------------------------------------------------------------------------------ result object
def test_basins_result_api():
    game = models.stag_hunt(R=4, S=1, T=3, P=3)
    b = basins(game, samples=50, seed=3)
    assert isinstance(b, Basins)
    assert b.share("Stag") == b.share(0) == b.share([[1, 0]]) == b.share([1.0, 0.0])
    assert b.share("Stag") + b.share("Hare") + b.unresolved == pytest.approx(1.0)
    assert b.mask("Hare").sum() == round(b.share("Hare") * 50)
    with pytest.raises(InvalidArgumentError, match="Basins.share"):
        b.share("Deer")
    with pytest.raises(InvalidArgumentError, match=r"Basins\.mask: expected an attractor name"):
        b.mask(5)
    with pytest.raises(InvalidArgumentError, match=r"Basins\.standard_error: .* got \[\[0\.5, 0\.5\]\]"):
        b.standard_error([[0.5, 0.5]])
    frame = b.to_frame()
    assert list(frame.columns) == ["Stag", "Hare", "attractor", "settle_time"]
    assert len(frame) == 50
    resolved = b.outcome >= 0
    assert np.isfinite(b.settle_times[resolved]).all()
    for k, t in zip(b.outcome, b.finals):
        if k >= 0:
            assert np.abs(t - np.concatenate(b.attractors[k])).max() <= b.tol
    with pytest.raises(ValueError):
        b.points[0, 0] = 0.5
    assert "samples, seed 3" in repr(b) and "±" in repr(b)
    again = basins(game, samples=50, seed=3)
    assert np.array_equal(again.points, b.points) and np.array_equal(again.outcome, b.outcome)
    assert not np.array_equal(basins(game, samples=50, seed=4).points, b.points)


def test_grid_counts_and_default_grid():
    b = basins(models.stag_hunt(R=4, S=1, T=3, P=3), populations="multi")
    assert b.resolution == 40 and len(b) == 39 ** 2
    rps = np.array([[0, -1, 2], [2, 0, -1], [-1, 2, 0]])
    b = basins(cg.NormalFormGame([rps, rps.T]), grid=12)
    assert len(b) == math.comb(11, 2)
    assert np.allclose(b.points.sum(axis=1), 1) and (b.points > 0).all()
    assert b.share(0) == 1.0


# ------------------------------------------------------------------------------------ time to reach
def test_time_to_reach_edge_cases():
    stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    assert time_to_reach(stag, [0.995, 0.005], "Stag") == 0.0
    assert time_to_reach(stag, [0.5, 0.5], "Stag") == math.inf
    assert time_to_reach(stag, [0.5, 0.5], "Hare") < math.inf
    assert time_to_reach(stag, [0.8, 0.2], [1, 0], radius=0.05) < time_to_reach(stag, [0.8, 0.2], [1, 0])
    # a short horizon: not yet there
    assert time_to_reach(stag, [0.8, 0.2], "Stag", t_max=1.0) == math.inf


def test_time_to_reach_multi_population_matches_a_dense_trajectory():
    stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    t = time_to_reach(stag, [[0.9, 0.1], [0.8, 0.2]], ("Stag", "Stag"), radius=0.01)
    grid = np.linspace(0, 20, 20001)
    traj = replicator(stag, [[0.9, 0.1], [0.8, 0.2]], 20, t_eval=grid)
    inside = np.abs(traj.states - np.array([1, 0, 1, 0])).max(axis=1) <= 0.01
    first = grid[np.argmax(inside)]
    assert abs(first - t) <= 2e-3


# ------------------------------------------------------------------------------------ errors
def test_bad_arguments():
    stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    with pytest.raises(InvalidArgumentError, match="not both"):
        basins(stag, grid=10, samples=10)
    with pytest.raises(InvalidArgumentError, match="grid to be an integer"):
        basins(stag, grid=2.5)
    with pytest.raises(InvalidArgumentError, match="grid to be an integer >= 2"):
        basins(stag, grid=1)
    with pytest.raises(InvalidArgumentError, match="samples to be an integer >= 1"):
        basins(stag, samples=0)
    for bad in (0, -1, float("nan"), "x"):
        with pytest.raises(InvalidArgumentError, match="tol"):
            basins(stag, grid=10, tol=bad)
    with pytest.raises(InvalidArgumentError, match="t_max"):
        basins(stag, grid=10, t_max=-1)
    with pytest.raises(InvalidArgumentError, match="populations"):
        basins(stag, grid=10, populations="two")
    with pytest.raises(UnresolvedParameterError):
        basins(models.stag_hunt(), grid=10)
    with pytest.raises(InvalidGameError, match="symmetric"):
        basins(models.inspection().numeric(), populations="single")
    with pytest.raises(SolverLimitError, match="max_starts"):
        basins(models.tripartite().numeric(), grid=200)
    with pytest.raises(SolverLimitError, match="max_starts"):
        basins(stag, samples=MAX_STARTS + 1)
    with pytest.raises(InvalidArgumentError, match="radius"):
        time_to_reach(stag, [0.8, 0.2], "Stag", radius=0)
    with pytest.raises(InvalidProfileError, match="probability vector"):
        time_to_reach(stag, [0.8, 0.3], "Stag")
    with pytest.raises(InvalidProfileError):
        time_to_reach(stag, [[0.8, 0.2], [0.5, 0.5]], "Stag")       # target not a profile
    with pytest.raises(InvalidProfileError, match="one probability vector"):
        time_to_reach(models.inspection().numeric(), [[0.5, 0.5], [0.5, 0.5]], [0.5, 0.5])


# ------------------------------------------------------------------------------------ limits and checks (issue 13)
def test_basins_of_many_players_are_refused_before_any_work():
    rng = np.random.default_rng(0)
    game = cg.NormalFormGame([rng.integers(-3, 4, size=(2,) * 8) for _ in range(8)])
    with pytest.raises(SolverLimitError, match="max_starts"):
        basins(game)                                           # 7**8 grid starts
    with pytest.raises(SolverLimitError, match="max_work"):
        basins(game, samples=20)
    with pytest.raises(SolverLimitError, match="max_work"):
        basins(models.stag_hunt(R=4, S=1, T=3, P=3), grid=50, max_work=10**6)
    with pytest.raises(SolverLimitError, match="max_profiles"):
        attractors(game, max_profiles=255)                     # 2**8 pure profiles
    rps = cg.NormalFormGame([np.eye(4), np.eye(4)])
    with pytest.raises(SolverLimitError, match="max_strategies"):
        attractors(rps, max_strategies=3)


def test_basins_check_seeds_and_options():
    stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    for seed in (-1, 1.5, True):
        with pytest.raises(InvalidArgumentError):
            basins(stag, samples=10, seed=seed)
    with pytest.raises(InvalidArgumentError, match="did you mean 'samples'"):
        basins(stag, sample=10)
    with pytest.raises(InvalidArgumentError, match="progress"):
        basins(stag, grid=10, progress="yes")
    with pytest.raises(InvalidArgumentError, match="rtol"):
        time_to_reach(stag, [0.8, 0.2], "Stag", rtol=float("nan"))
    with pytest.raises(InvalidProfileError):
        time_to_reach(stag, [float("nan"), 1.0], "Stag")
    with pytest.raises(InvalidProfileError):
        basins(stag, grid=10, attractors=[[float("nan"), 1.0]])
    gen = basins(stag, samples=30, seed=np.random.default_rng(3))
    assert gen.seed == "Generator" and len(gen) == 30


def test_progress_bar_does_not_change_the_result(capsys):
    stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    quiet = basins(stag, grid=20)
    shown = basins(stag, grid=20, progress=True)
    assert np.array_equal(quiet.outcome, shown.outcome) and np.array_equal(quiet.shares, shown.shares)
    assert "basins" in capsys.readouterr().err


def test_payoff_arrays_are_accepted():
    arrays = [[[4, 1], [3, 3]], [[4, 3], [1, 3]]]
    assert basins(arrays, grid=30).names == ("1", "2")
    assert time_to_reach(arrays, [0.8, 0.2], "1") == time_to_reach(models.stag_hunt(R=4, S=1, T=3, P=3),
                                                                    [0.8, 0.2], "Stag")


def test_limits_and_seeds_are_checked_even_when_unused():
    stag = models.stag_hunt(R=4, S=1, T=3, P=3)
    for name in ("max_strategies", "max_profiles", "max_starts", "max_work"):
        for bad in (None, float("inf"), 0, "x"):
            with pytest.raises(InvalidArgumentError, match=name):
                basins(stag, grid=10, **{name: bad})
    with pytest.raises(InvalidArgumentError, match="seed"):
        basins(stag, grid=10, seed=float("nan"))


def test_a_horizon_beyond_any_step_count_is_refused_as_work():
    pdf = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    with pytest.raises(SolverLimitError, match="beyond the range of a float"):
        basins(pdf, grid=5, t_max=1e308)
    with pytest.raises(SolverLimitError, match="max_work"):
        basins(pdf, grid=5, t_max=1e300, dt=1e-300)


def test_basins_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.dynamics import basins
    from coopgame.errors import InvalidArgumentTypeError

    obj = basins(cg.NormalFormGame([[[3, 0], [2, 1]], [[3, 2], [0, 1]]]), samples=20, seed=0)
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.share(wich=0)
    assert "Basins.share: got an unknown keyword argument 'wich' (did you mean 'which'?)" in str(caught.value)


def test_basins_compare_by_value():
    import dataclasses

    from coopgame.dynamics import basins

    game = cg.NormalFormGame([[[3, 0], [2, 1]], [[3, 2], [0, 1]]])
    first, again = basins(game, samples=20, seed=0), basins(game, samples=20, seed=0)
    assert first is not again and first == again and hash(first) == hash(again)
    assert first != basins(game, samples=20, seed=1)
    assert first != dataclasses.replace(first, outcome=first.outcome[::-1].copy())
    assert basins(game, grid=10) == basins(game, grid=10) != basins(game, grid=11)
