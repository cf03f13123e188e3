"""Replicator dynamics, rest points and stability (claims C10 and C18 of docs/explanation/claims.md)."""

from __future__ import annotations

import dataclasses
import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame import models
from coopgame.dynamics import Stability, Trajectory, replicator, rest_points, stability
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidProfileError,
    UnresolvedParameterError,
)

SLOW = settings(max_examples=25, deadline=None)
FAST = settings(max_examples=60, deadline=None)


# ------------------------------------------------------------------------------------ generators
@st.composite
def games_2x2(draw, low: int = -5, high: int = 5) -> cg.NormalFormGame:
    ints = st.integers(low, high)
    a = [[draw(ints) for _ in range(2)] for _ in range(2)]
    b = [[draw(ints) for _ in range(2)] for _ in range(2)]
    return cg.NormalFormGame([a, b], exact=True)


@st.composite
def interior_points(draw, n: int) -> list[list[float]]:
    shares = [draw(st.floats(0.05, 0.95)) for _ in range(n)]
    return [[s, 1 - s] for s in shares]


def advantages_2x2(game: cg.NormalFormGame, x: Fraction, y: Fraction) -> tuple[Fraction, Fraction]:
    """Delta_1(y), Delta_2(x) written out by hand from the payoff matrices."""
    A, B = game.payoffs
    d1 = y * (A[0, 0] - A[1, 0]) + (1 - y) * (A[0, 1] - A[1, 1])
    d2 = x * (B[0, 0] - B[0, 1]) + (1 - x) * (B[1, 0] - B[1, 1])
    return d1, d2


def corners(n: int):
    return [tuple((1, 0) if c else (0, 1) for c in bits) for bits in itertools.product((1, 0), repeat=n)]


def exact_corner(bits) -> tuple[list[Fraction], ...]:
    return tuple([Fraction(v) for v in c] for c in bits)


# ------------------------------------------------------------------------------------ trajectory basics
def test_trajectory_shape_and_frame():
    game = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    traj = replicator(game, [[0.7, 0.3], [0.4, 0.6]], 5.0, t_eval=np.linspace(0, 5, 11))
    assert isinstance(traj, Trajectory)
    assert traj.t.shape == (11,) and traj.states.shape == (11, 4)
    assert len(traj.at(0)) == 2 and np.allclose(traj.at(0)[0], [0.7, 0.3])
    frame = traj.to_frame()
    assert list(frame.columns) == ["t", "Player 1: 1", "Player 1: 2", "Player 2: 1", "Player 2: 2"]
    assert len(frame) == 11
    with pytest.raises(ValueError):
        traj.states[0, 0] = 3.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        traj.t = None


@given(st.integers(2, 3), st.integers(2, 4), st.integers(0, 10**6))
@settings(max_examples=20, deadline=None)
def test_multipopulation_states_stay_on_simplices(n, m, seed):
    rng = np.random.default_rng(seed)
    shape = (m,) * n
    game = cg.NormalFormGame([rng.integers(-5, 6, size=shape) for _ in range(n)])
    x0 = [rng.dirichlet(np.ones(m)) for _ in range(n)]
    traj = replicator(game, x0, 5.0)
    assert traj.success
    assert (traj.states >= 0).all()
    for vec in traj.final:
        assert abs(vec.sum() - 1) < 1e-12


def test_multipopulation_field_matches_definition():
    """The first step of a short run agrees with dx/dt = x (u(a) - u(x)) from action_values."""
    rng = np.random.default_rng(1)
    game = cg.NormalFormGame([rng.normal(size=(3, 2, 2)) for _ in range(3)])
    x0 = [np.array([0.2, 0.3, 0.5]), np.array([0.6, 0.4]), np.array([0.1, 0.9])]
    h = 1e-5
    traj = replicator(game, x0, h, t_eval=[0.0, h])
    for p in range(3):
        u = game.action_values(p, x0)
        expected = x0[p] * (u - x0[p] @ u)
        assert np.allclose((traj.final[p] - x0[p]) / h, expected, atol=1e-4)


def test_one_population_rock_paper_scissors_and_hawk_dove():
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    game = cg.NormalFormGame([rps, np.transpose(rps)])
    traj = replicator(game, [0.5, 0.3, 0.2], 20.0)
    assert traj.populations == "single" and traj.states.shape[1] == 3
    # x1 x2 x3 is a constant of motion of zero-sum RPS
    prod = traj.states.prod(axis=1)
    assert np.allclose(prod, prod[0], rtol=1e-5)
    hawk_dove = [[-1, 4], [0, 2]]
    hd = cg.NormalFormGame([hawk_dove, np.transpose(hawk_dove)])
    final = replicator(hd, [0.1, 0.9], 100.0).final[0]
    assert np.allclose(final, [2 / 3, 1 / 3], atol=1e-6)     # x* = (4 - 2)/(4 - 2 + 1)
    assert list(replicator(hd, [0.1, 0.9], 1.0).to_frame().columns) == ["t", "1", "2"]


def test_one_population_needs_a_symmetric_game():
    game = cg.NormalFormGame([[[1, 2], [3, 4]], [[0, 0], [0, 0]]])
    with pytest.raises(InvalidGameError):
        replicator(game, [0.5, 0.5], 1.0)
    with pytest.raises(InvalidGameError):
        replicator(cg.NormalFormGame([np.zeros((2, 3)), np.zeros((2, 3))]), [0.5, 0.5], 1.0)


def test_bad_arguments():
    game = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    with pytest.raises(InvalidArgumentError):
        replicator(game, [[0.5, 0.5]] * 2, -1)
    with pytest.raises(InvalidProfileError):
        replicator(game, [[0.5, 0.6]] * 2, 1)
    with pytest.raises(InvalidArgumentError):
        replicator(game, [[0.5, 0.5]] * 2, 1, t_eval=[0, 2])
    with pytest.raises(InvalidProfileError):       # games with more strategies: a point not at rest
        stability(cg.NormalFormGame([np.arange(6).reshape(3, 2), np.zeros((3, 2))]), [[0.5, 0.5, 0], [1, 0]])


def test_symbolic_games_with_free_parameters_refused():
    game = models.tripartite()
    with pytest.raises(UnresolvedParameterError):
        replicator(game, [[0.5, 0.5]] * 3, 1.0)
    with pytest.raises(UnresolvedParameterError):
        rest_points(game)
    with pytest.raises(UnresolvedParameterError):
        stability(game, [0, 0, 0])
    # a SymbolicGame with every parameter substituted is accepted
    sym = cg.SymbolicGame([[["a", 0], [0, 1]], [["a", 0], [0, 1]]])
    resolved = sym.subs(a=2)
    assert len(rest_points(sym.subs(a=2))) == 5
    assert isinstance(resolved, cg.NormalFormGame)


def test_stability_refuses_a_point_that_is_not_at_rest():
    game = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    with pytest.raises(InvalidProfileError):
        stability(game, [[Fraction(1, 3), Fraction(2, 3)], [Fraction(1, 2), Fraction(1, 2)]])


def test_derived_rest_points_of_the_inspection_game():
    """Mixed equilibrium of the inspection game (Tsebelis 1989; claim C5): false cooperation k/(rho B), inspection dc/(rho F)."""
    game = models.inspection().numeric()
    points = rest_points(game)
    interior = [p for p in points if 0 < p[0][0] < 1 and 0 < p[1][0] < 1]
    assert len(points) == 5 and len(interior) == 1
    (local, centre), = interior
    assert local[1] == Fraction(1, 2) and centre[0] == Fraction(1, 2)      # 1/(1/2*4), 2/(1/2*8)
    res = stability(game, interior[0])
    assert res.classification == "centre" and res.trace == 0 and res.det > 0
    assert isinstance(res, Stability) and res.is_exact


def test_float_games_get_float_rest_points():
    game = cg.NormalFormGame.zero_sum([[1.5, -1], [-1, 1]])
    interior = rest_points(game)[-1]
    assert interior[0].dtype == float
    res = stability(game, interior)
    assert res.classification == "centre" and abs(res.trace) < 1e-12


# ------------------------------------------------------------------------------------ C10
@pytest.mark.filterwarnings("ignore::coopgame.errors.DegenerateGameWarning")
@given(games_2x2())
@FAST
def test_derived_c10_interior_rest_point_has_zero_trace(game):
    for point in rest_points(game):
        if 0 < point[0][0] < 1 and 0 < point[1][0] < 1:
            res = stability(game, point)
            assert res.is_exact and res.trace == 0
            assert res.classification in ("saddle", "centre", "non-hyperbolic")
            assert res.classification != "stable"


@given(games_2x2())
@FAST
def test_derived_c10_corner_jacobian_is_diagonal_and_friedman_criterion(game):
    for bits in corners(2):
        point = exact_corner(bits)
        res = stability(game, point)
        x, y = point[0][0], point[1][0]
        d1, d2 = advantages_2x2(game, x, y)
        jac = res.jacobian
        assert jac[0, 1] == 0 and jac[1, 0] == 0
        assert jac[0, 0] == (1 - 2 * x) * d1 and jac[1, 1] == (1 - 2 * y) * d2
        assert res.is_asymptotically_stable == (res.det > 0 and res.trace < 0)


@given(games_2x2(), interior_points(2))
@SLOW
def test_derived_c10_orbits_end_at_the_only_attractor(game, x0):
    results = {bits: stability(game, exact_corner(bits)) for bits in corners(2)}
    assume(all(0 not in np.diag(r.jacobian) for r in results.values()))      # hyperbolic corners
    stable = [bits for bits, r in results.items() if r.is_asymptotically_stable]
    assume(len(stable) == 1)
    traj = replicator(game, x0, 200.0)
    target = np.array([stable[0][0][0], stable[0][1][0]], dtype=float)
    final = np.array([traj.final[0][0], traj.final[1][0]])
    assert np.abs(final - target).max() < 1e-3


def test_derived_c10_static_inspection_conserves_first_integral():
    """Derive H(x, y) with sympy from the replicator equations and check it along an orbit.

    x = share of "Real" cooperation, y = share of "Inspect". With
    dx/dt = x(1-x) D1(y), dy/dt = y(1-y) D2(x), the separable integral is
    H = int D2(x)/(x(1-x)) dx - int D1(y)/(y(1-y)) dy.
    """
    game = models.inspection().numeric()
    A, B = (np.vectorize(lambda v: sympy.Rational(v.numerator, v.denominator), otypes=[object])(a)
            for a in game.payoffs)
    x, y = sympy.symbols("x y", positive=True)
    d1 = sympy.expand(y * (A[0, 0] - A[1, 0]) + (1 - y) * (A[0, 1] - A[1, 1]))
    d2 = sympy.expand(x * (B[0, 0] - B[0, 1]) + (1 - x) * (B[1, 0] - B[1, 1]))
    xdot, ydot = x * (1 - x) * d1, y * (1 - y) * d2
    fx, fy = d2 / (x * (1 - x)), d1 / (y * (1 - y))
    # partial fractions: f(x) = a/x + b/(1-x), so int f = a ln x - b ln(1-x)
    a, b = sympy.cancel(x * fx).subs(x, 0), sympy.cancel((1 - x) * fx).subs(x, 1)
    c, d = sympy.cancel(y * fy).subs(y, 0), sympy.cancel((1 - y) * fy).subs(y, 1)
    assert sympy.simplify(sympy.apart(fx, x) - (a / x + b / (1 - x))) == 0
    H = a * sympy.log(x) - b * sympy.log(1 - x) - c * sympy.log(y) + d * sympy.log(1 - y)
    assert sympy.simplify(sympy.diff(H, x) * xdot + sympy.diff(H, y) * ydot) == 0
    assert 0 not in (a, b, c, d)
    h = sympy.lambdify((x, y), H, "numpy")
    traj = replicator(game, [[0.3, 0.7], [0.2, 0.8]], 30.0, rtol=1e-10, atol=1e-12)
    xs, ys = traj.states[:, 0], traj.states[:, 2]
    values = h(xs, ys)
    assert np.ptp(values) < 1e-6
    assert np.ptp(xs) > 0.2                              # the orbit really moves (a closed cycle)


# ------------------------------------------------------------------------------------ C18
NAMES = ("pi", "c_e", "s_e", "f_e", "w", "c_g", "g", "d", "s_g", "F_g", "c_c", "B", "r")
LRA = ("Supervise loosely", "Regulate strictly", "Abate")
SRA = ("Supervise strictly", "Regulate strictly", "Abate")


@st.composite
def tripartite_values(draw, high: int = 12) -> dict[str, int]:
    return {name: draw(st.integers(1, high)) for name in NAMES}


def tripartite_corners(game):
    out = {}
    for bits in itertools.product((0, 1), repeat=3):
        profile = tuple(game.actions[p][k] for p, k in enumerate(bits))
        out[profile] = stability(game, profile)
    return out


@given(tripartite_values())
@settings(max_examples=80, deadline=None)
def test_derived_c18_lra_stable_iff_conditions(values):
    v = values
    assume(v["w"] != v["c_g"] + v["s_e"] and v["f_e"] + v["s_e"] != v["c_e"])
    game = models.tripartite().subs(values)
    res = stability(game, LRA)
    expected = v["w"] > v["c_g"] + v["s_e"] and v["f_e"] + v["s_e"] > v["c_e"]
    assert res.is_asymptotically_stable == expected
    assert np.count_nonzero(res.jacobian - np.diag(np.diag(res.jacobian))) == 0      # diagonal at corners


@given(tripartite_values())
@settings(max_examples=80, deadline=None)
def test_derived_c18_sra_never_stable(values):
    game = models.tripartite().subs(values)
    res = stability(game, SRA)
    assert not res.is_asymptotically_stable
    assert res.jacobian[0, 0] == values["c_c"] + values["s_g"]      # strict supervision only costs c_c + s_g


@st.composite
def tripartite_dominant_regulation(draw) -> dict[str, int]:
    """Template parameters with (L, R, A) stable and strict regulation dominant for the local government:
    w > c_g + s_e, f_e + s_e > c_e, and w + f_e > c_g + g."""
    v = {name: draw(st.integers(1, 20)) for name in NAMES}
    v["c_e"] = draw(st.integers(1, v["f_e"] + v["s_e"] - 1))
    v["w"] = max(v["c_g"] + v["s_e"], v["c_g"] + v["g"] - v["f_e"]) + draw(st.integers(1, 20))
    return v


@given(tripartite_dominant_regulation(), interior_points(3))
@settings(max_examples=15, deadline=None)
def test_derived_c18_trajectories_end_at_the_stable_corner(values, x0):
    """C18's trajectory clause, restated so that it is true: when (L, R, A) is stable AND strict regulation
    is the local government's dominant strategy (w + f_e > c_g + g as well as w > c_g + s_e), every interior
    orbit ends at (L, R, A).

    Proof sketch: the local advantage Delta_L = (w - c_g + f_e - g) + x (F_g + s_g) + z (g - f_e - s_e) is
    affine in x and z, positive at the four corners of the (x, z) square, hence positive on the cube, so
    y -> 1; then the enterprise's advantage -c_e + y (f_e + s_e) becomes positive, so z -> 1; then the
    centre's advantage tends to -c_c - s_g < 0, so x -> 0. Without dominance the clause fails (next tests).
    """
    game = models.tripartite().subs(values)
    stable = [profile for profile, r in tripartite_corners(game).items() if r.is_asymptotically_stable]
    assert stable == [LRA]
    traj = replicator(game, x0, 300.0)
    final = [float(vec[0]) for vec in traj.final]
    assert np.abs(np.array(final) - [0.0, 1.0, 1.0]).max() < 1e-3


@st.composite
def tripartite_polluting_cycles(draw) -> dict[str, Fraction]:
    """Parameters where (L, R, A) is the only stable corner, yet the polluting face z = 0 carries closed
    orbits around (x*, y*) = ((c_g + g - w - f_e)/(F_g + s_g), (F_g + r - c_c)/(F_g + s_g)) that attract:
    (f_e + s_e) y* < c_e < f_e + s_e."""
    ints = st.integers(1, 10)
    s_g, F_g, c_c, f_e, s_e, c_g = (draw(ints) for _ in range(6))
    r = draw(st.integers(max(1, c_c - F_g + 1), c_c + s_g - 1)) if c_c + s_g - 1 >= max(1, c_c - F_g + 1) else None
    assume(r is not None)
    y_star = Fraction(F_g + r - c_c, F_g + s_g)
    u = draw(st.fractions(Fraction(1, 4), Fraction(19, 20)))     # the attraction rate is at least (1 - y*) / 2
    c_e = (f_e + s_e) * (y_star + u * (1 - y_star))
    w = c_g + s_e + draw(ints)
    g = w + f_e - c_g + draw(st.integers(1, F_g + s_g - 1))
    return {"pi": 10, "c_e": c_e, "s_e": s_e, "f_e": f_e, "w": w, "c_g": c_g, "g": g, "d": 1, "s_g": s_g,
            "F_g": F_g, "c_c": c_c, "B": 5, "r": r}


@given(tripartite_polluting_cycles())
@settings(max_examples=10, deadline=None)
def test_derived_c18_polluting_face_cycles_attract_when_regulation_is_not_dominant(values):
    """Where C18's original trajectory clause fails, and why (derived). On the face z = 0 the centre and the
    local government play an inspection-type game whose interior rest point (x*, y*) is a centre (C10), so
    the face is filled with closed orbits; along each of them the time average of y is y* (the log-shares
    integrate Delta to zero over a period), so the enterprise's transversal growth rate averages
    -c_e + (f_e + s_e) y* < 0 and the orbits attract an open set of interior starts. Those orbits never
    reach (L, R, A), although it is the only asymptotically stable corner."""
    game = models.tripartite().subs(values)
    stable = [profile for profile, r in tripartite_corners(game).items() if r.is_asymptotically_stable]
    assert stable == [LRA]
    v = values
    x_star = Fraction(v["c_g"] + v["g"] - v["w"] - v["f_e"], v["F_g"] + v["s_g"])
    y_star = Fraction(v["F_g"] + v["r"] - v["c_c"], v["F_g"] + v["s_g"])
    assert 0 < x_star < 1 and 0 < y_star < 1
    rate = -v["c_e"] + (v["f_e"] + v["s_e"]) * y_star         # transversal growth rate of z, averaged
    assert rate < 0
    offset = min(Fraction(1, 20), y_star / 4, (1 - y_star) / 4)
    start = [float(x_star), float(y_star + offset), 1e-3]
    traj = replicator(game, [[s, 1 - s] for s in start], 300.0, t_eval=np.linspace(0, 300, 3001))
    z = traj.states[:, 4]
    assert z[-1] < 1e-3 * np.exp(max(float(rate) * 150, -200))   # drawn to the polluting face, about that fast
    y_late = traj.states[1500:, 2]
    assert abs(y_late.mean() - float(y_star)) < 0.1          # ...circling with time-average y close to y*
    assert np.ptp(traj.states[1500:, 0]) > 1e-3              # and still moving (a cycle, not a rest point)


def test_derived_c18_default_parameters():
    game = models.tripartite().numeric()
    assert stability(game, LRA).classification == "stable"
    traj = replicator(game, [[0.5, 0.5]] * 3, 200.0)
    assert np.allclose([v[0] for v in traj.final], [0, 1, 1], atol=1e-4)
    with pytest.warns(cg.DegenerateGameWarning):
        points = rest_points(game)
    for point in points:
        stability(game, point)       # every returned point is a rest point


@pytest.mark.filterwarnings("ignore::coopgame.errors.DegenerateGameWarning")
@given(st.integers(0, 10**6), st.booleans())
@settings(max_examples=15, deadline=None)
def test_rest_points_of_three_role_games_are_rest_points(seed, exact):
    rng = np.random.default_rng(seed)
    arrays = [rng.integers(-4, 5, size=(2, 2, 2)) for _ in range(3)]
    game = cg.NormalFormGame(arrays if exact else [a + 0.5 for a in arrays], exact=exact)
    points = rest_points(game)
    assert len([p for p in points if all(v[0] in (0, 1) for v in p)]) == 8
    keys = {tuple(round(float(v[0]), 9) for v in p) for p in points}
    assert len(keys) == len(points)                       # no duplicates
    for point in points:
        res = stability(game, point)                      # refuses points that are not at rest
        assert res.classification in ("stable", "unstable", "saddle", "centre", "non-hyperbolic")
        if exact and all(v.dtype == object for v in point):
            assert res.is_exact
        field = [float(v[0] * v[1]) * float(game.action_values(p, point)[0] - game.action_values(p, point)[1])
                 for p, v in enumerate(point)]
        assert np.allclose(field, 0, atol=1e-9)


def test_reprs():
    game = models.inspection().numeric()
    res = stability(game, rest_points(game)[-1])
    assert repr(res).startswith("Stability(centre")
    traj = replicator(game, [[0.3, 0.7], [0.2, 0.8]], 1.0)
    assert repr(traj).startswith("Trajectory(multi population, 201 samples")


def test_derived_c18_counterexample_cycles_on_the_polluting_face():
    """Claim C18's original trajectory clause has exceptions: here (L, R, A) is the only asymptotically stable
    corner, yet the orbit from the centre of the cube is drawn to the face where the enterprise pollutes
    (z -> 0) and keeps circling there instead of reaching the stable corner (found by hypothesis)."""
    values = {"pi": 1, "c_e": 7, "s_e": 16, "f_e": 1, "w": 20, "c_g": 1, "g": 47, "d": 1, "s_g": 1,
              "F_g": 29, "c_c": 20, "B": 1, "r": 1}
    game = models.tripartite().subs(values)
    stable = [p for p, r in tripartite_corners(game).items() if r.is_asymptotically_stable]
    assert len(stable) == 1
    final = [float(v[0]) for v in replicator(game, [[0.5, 0.5]] * 3, 300.0).final]
    assert final[2] < 1e-100                      # the enterprise ends up polluting...
    target = [1.0 if game.actions[p][0] == a else 0.0 for p, a in enumerate(stable[0])]
    assert target[2] == 1.0                       # ...though the stable corner has it abating


@settings(deadline=None, max_examples=30)
@given(st.lists(st.integers(-5, 5), min_size=4, max_size=4))
def test_one_population_stability_of_two_strategy_games_matches_the_derivative(entries):
    """One population, two strategies: dx/dt = x(1 - x) D(x) with D(x) = (a - c) x + (b - d)(1 - x);
    at a rest point x* the one eigenvalue is the derivative of that right-hand side (computed here by hand)."""
    a, b, c, d = (Fraction(v) for v in entries)
    game = cg.NormalFormGame([[[a, b], [c, d]], [[a, c], [b, d]]], exact=True)
    slope = (a - c) - (b - d)
    points = [Fraction(0), Fraction(1)]
    if slope != 0 and 0 < (d - b) / slope < 1:
        points.append((d - b) / slope)
    for x in points:
        D = (a - c) * x + (b - d) * (1 - x)
        if x in (0, 1) or D != 0:
            derivative = (1 - 2 * x) * D + x * (1 - x) * slope
        else:
            derivative = x * (1 - x) * slope
        res = stability(game, [x, 1 - x] if x not in (0, 1) else [Fraction(x), Fraction(1 - x)])
        assert res.jacobian.shape == (1, 1) and res.jacobian[0, 0] == derivative
        expected = "stable" if derivative < 0 else "unstable" if derivative > 0 else "non-hyperbolic"
        assert res.classification == expected


def test_one_population_rock_paper_scissors_is_a_centre_and_bad_points_are_refused():
    rps = cg.NormalFormGame([[[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]], exact=True)
    assert stability(rps, [Fraction(1, 3)] * 3).classification == "centre"
    with pytest.raises(cg.InvalidProfileError):
        stability(rps, [Fraction(1, 2), Fraction(1, 2), Fraction(0)])  # not a rest point
    asymmetric = cg.NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]], exact=True)
    with pytest.raises(cg.InvalidGameError, match="symmetric"):
        stability(asymmetric, [Fraction(1, 2), Fraction(1, 2)])


def test_results_compare_by_value_and_survive_pickling():
    import pickle

    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    res = stability(pd, ("2", "2"))
    assert res == stability(pd, ("2", "2")) and pickle.loads(pickle.dumps(res)) == res
    assert res != stability(pd, ("1", "1"))
    traj = replicator(pd, [[0.5, 0.5], [0.5, 0.5]], 5.0)
    assert traj == replicator(pd, [[0.5, 0.5], [0.5, 0.5]], 5.0) and pickle.loads(pickle.dumps(traj)) == traj
    assert hash(traj) == hash(replicator(pd, [[0.5, 0.5], [0.5, 0.5]], 5.0))
    assert traj != replicator(pd, [[0.5, 0.5], [0.5, 0.5]], 4.0)
    assert traj != replicator(pd, [[0.6, 0.4], [0.5, 0.5]], 5.0)


def test_rest_points_of_float_games_are_floats_for_any_number_of_strategies():
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    for exact, kind in ((False, "f"), (True, "O")):
        game = cg.NormalFormGame([rps.tolist(), rps.T.tolist()], exact=exact)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", cg.DegenerateGameWarning)
            points = rest_points(game)
        assert points and all(v.dtype.kind == kind for p in points for v in p)


# ------------------------------------------------------------------------------------ bad input (issue 13)
PD = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])


@pytest.mark.parametrize("x0", [[float("nan"), 1], [float("inf"), 0], [True, False], [0.5, 0.6], [-0.5, 1.5],
                                ["a", "b"], [[0.5, "x"], [0.5, 0.5]], None, 3.5, {"x": 1}])
def test_replicator_refuses_bad_starts(x0):
    with pytest.raises(InvalidProfileError):
        replicator(PD, x0, 5)


@pytest.mark.parametrize("point", [[float("nan"), 1], [True, False], [[float("nan"), 1], [0, 1]],
                                   [[1, 0], [True, False]], "x", None])
def test_stability_refuses_bad_points(point):
    with pytest.raises(InvalidProfileError):
        stability(PD, point)


@pytest.mark.parametrize("options", [{"rtol": float("nan")}, {"atol": -1.0}, {"rtol": 0}, {"rtol": "x"},
                                     {"method": "Euler"}, {"t_eval": [0, float("nan")]}, {"rtl": 1e-3}])
def test_replicator_refuses_bad_options(options):
    with pytest.raises(InvalidArgumentError):
        replicator(PD, [0.5, 0.5], 5, **options)


@pytest.mark.parametrize("t_max", [float("nan"), float("inf"), 0, -1, True, "5", None])
def test_replicator_refuses_bad_horizons(t_max):
    with pytest.raises(InvalidArgumentError):
        replicator(PD, [0.5, 0.5], t_max)


def test_misspelt_keywords_are_named():
    with pytest.raises(InvalidArgumentTypeError, match="did you mean 'rtol'"):
        replicator(PD, [0.5, 0.5], 5, rtl=1e-3)
    with pytest.raises(InvalidArgumentError, match="max_faces"):
        rest_points(PD, max_face=10)
    with pytest.raises(InvalidArgumentError, match="unknown keyword"):
        stability(PD, [[1, 0], [1, 0]], exact=True)


def test_payoff_arrays_are_games_everywhere():
    arrays = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]
    assert replicator(arrays, [0.9, 0.1], 30) == replicator(PD, [0.9, 0.1], 30)
    assert replicator(np.array(arrays), [[0.9, 0.1], [0.5, 0.5]], 5).populations == "multi"
    assert stability(arrays, [[0, 1], [0, 1]]).classification == "stable"
    assert len(rest_points(arrays)) == 4
    with pytest.raises(cg.InvalidGameError):
        replicator([[[1, 2]], [[1]]], [0.5, 0.5], 5)


def test_rest_points_check_their_size_before_any_work():
    from coopgame.errors import SolverLimitError

    for shape in ((60, 60), (200, 200)):
        with pytest.raises(SolverLimitError, match="max_faces"):
            rest_points(cg.random_game(shape, seed=0))
    with pytest.raises(SolverLimitError, match="max_faces=8"):
        rest_points(PD, max_faces=8)                            # 3**2 = 9 faces
    assert len(rest_points(PD, max_faces=9)) == 4
    with pytest.raises(InvalidArgumentError):
        rest_points(PD, max_faces=0)
    with pytest.raises(SolverLimitError):                       # seven two-strategy roles: 3**7 faces
        rest_points(cg.NormalFormGame([np.zeros((2,) * 7)] * 7))


def test_rest_points_say_how_they_were_found():
    points = rest_points(cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True))
    assert points.method == "support_enumeration" and points.is_exact and points.is_complete
    with pytest.warns(cg.DegenerateGameWarning):
        partial = rest_points(cg.NormalFormGame([np.zeros((2, 2)), np.zeros((2, 2))]))
    assert not partial.is_complete and partial.note


def test_results_are_result_dataclasses():
    from coopgame.results import Result

    res = stability(PD, [[0, 1], [0, 1]])
    traj = replicator(PD, [0.5, 0.5], 1.0)
    assert isinstance(res, Result) and isinstance(traj, Result)
    assert res.to_dict()["classification"] == "stable"
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.classification = "unstable"  # type: ignore[misc]
    assert not res.jacobian.flags.writeable and not traj.states.flags.writeable
    assert "<table>" in res._repr_html_()


@pytest.mark.parametrize("t_eval", [[], 10**400, [[0, 1]], "x", [2.0, 1.0]])
def test_replicator_refuses_bad_sample_times(t_eval):
    with pytest.raises(InvalidArgumentError, match="t_eval"):
        replicator(PD, [0.5, 0.5], 5, t_eval=t_eval)


def _public_callables():
    import coopgame.dynamics as dyn

    for name in dyn.__all__:
        obj = getattr(dyn, name)
        if callable(obj) and not name.isupper():
            yield name, obj


@pytest.mark.parametrize(("name", "function"), list(_public_callables()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_public_callable_names_a_misspelt_keyword(name, function):
    """One keyword policy: a keyword the signature does not have is refused by coopgame._checks.public."""
    with pytest.raises(InvalidArgumentTypeError, match=rf"^{name}: (got an )?unknown keyword argument 'bogus_keyword'"):
        function(bogus_keyword=1)


def test_trajectory_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.dynamics import replicator
    from coopgame.errors import InvalidArgumentTypeError

    obj = replicator(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]), [[0.7, 0.3], [0.4, 0.6]], 1.0)
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.at(i=0)
    assert "Trajectory.at: got an unknown keyword argument 'i'; expected one of: k" in str(caught.value)
