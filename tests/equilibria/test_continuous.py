"""Tests of ContinuousGame and its solvers (continuous public goods, claim C1; Maler's emissions game, Maler 1989)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopgame.equilibria.continuous import (
    ContinuousEquilibrium,
    CooperativeOptimum,
    best_response_iteration,
    continuous_equilibrium,
    cooperative_optimum,
    price_of_anarchy,
)
from coopgame.errors import (
    InvalidArgumentError,
    InvalidGameError,
    InvalidGameTypeError,
    InvalidProfileError,
    NotSupportedError,
    UnresolvedParameterError,
)
from coopgame.games.continuous import ContinuousGame

# too_slow suppressed: each example compiles a game with sympy and runs a numeric solver
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------------- builders
def public_goods(n: int) -> ContinuousGame:
    total = " + ".join(f"g{j}" for j in range(n))
    return ContinuousGame([f"e - g{i} + r/N*({total})" for i in range(n)], [f"g{i}" for i in range(n)],
                          [(0, "e")] * n)


def transport_matrix(n: int, alpha: float, rng: np.random.Generator) -> np.ndarray:
    """Row sums <= 1, diagonal share alpha."""
    off = rng.random((n, n))
    np.fill_diagonal(off, 0.0)
    off *= (1 - alpha) * rng.uniform(0.5, 1.0, size=(n, 1)) / off.sum(axis=1, keepdims=True)
    return off + alpha * np.eye(n)


def maler(A: np.ndarray, b, c, d, quadratic: bool, bounds=(0, None)) -> ContinuousGame:
    n = len(b)
    e = sympy.symbols(f"e0:{n}", real=True)
    pay = []
    for i in range(n):
        dep = sympy.Add(*[float(A[i, j]) * e[j] for j in range(n)])
        dmg = float(d[i]) / 2 * dep ** 2 if quadratic else sympy.Add(*[float(d[i] * A[i, j]) * e[j] for j in range(n)])
        pay.append(float(b[i]) * e[i] - float(c[i]) / 2 * e[i] ** 2 - dmg)
    return ContinuousGame(pay, e, [bounds] * n)


def region_data(n: int, seed: int, alpha: float = 0.5):
    rng = np.random.default_rng(seed)
    A = transport_matrix(n, alpha, rng)
    return A, rng.uniform(5, 10, n), rng.uniform(0.5, 2, n), rng.uniform(0.05, 0.5, n)


# ---------------------------------------------------------------------- the game object
def test_game_attributes_parameters_and_subs():
    game = public_goods(3)
    assert [s.name for s in game.parameters] == ["N", "e", "r"]
    assert [s.name for s in game.strategies] == ["g0", "g1", "g2"]
    assert game.num_players == 3 and game.players == ("Player 1", "Player 2", "Player 3")
    g2 = game.subs(N=3, e=10)
    assert isinstance(g2, ContinuousGame)
    assert [s.name for s in g2.parameters] == ["r"]
    assert g2.bounds[0] == (0, 10)
    assert game.subs({"N": 3, "e": 10}) == g2 and hash(game.subs(N=3, e=10)) == hash(g2)
    assert pickle.loads(pickle.dumps(g2)) == g2
    assert "g0 in [0, e]" in repr(game)


def test_strategies_are_real_and_accept_existing_symbols():
    x, y = sympy.symbols("x y")
    game = ContinuousGame([-(x - 1) ** 2, -(y + 2) ** 2], [x, y])
    assert game.strategies == (x, y)
    eq = continuous_equilibrium(game)
    assert eq.strategies == pytest.approx((1.0, -2.0))
    text = ContinuousGame(["-(x + 3)**2"], ["x"])
    assert text.strategies[0].is_real and text.strategies[0].is_positive is None
    assert continuous_equilibrium(text).strategies == pytest.approx((-3.0,))


def test_defaults_used_by_numeric_methods():
    game = ContinuousGame(["b*x - x**2/2"], ["x"], [(0, None)], defaults={"b": 4})
    assert game.numeric().parameters == ()
    assert continuous_equilibrium(game, method="root").strategies == pytest.approx((4.0,))
    assert continuous_equilibrium(game, method="root", values={"b": 2}).strategies == pytest.approx((2.0,))


@pytest.mark.parametrize("args, kwargs", [
    (([], []), {}),
    ((["x"], ["x", "y"]), {}),
    ((["x", "y"], ["x", "x"]), {}),
    ((["x"], ["1x"]), {}),
    ((["x"], ["x"], [(2, 1)]), {}),
    ((["x"], ["x"], [(0, "x")]), {}),
    ((["x"], ["x"], [(0, 1, 2)]), {}),
    ((["x"], ["x"], [(0, 1), (0, 1)]), {}),
    (("x", ["x"]), {}),
    ((["x +"], ["x"]), {}),
    ((["x", "y"], ["x", "y"], None, ["A", "A"]), {}),
])
def test_invalid_games(args, kwargs):
    with pytest.raises(InvalidGameError):
        ContinuousGame(*args, **kwargs)


def test_errors_when_solving():
    game = public_goods(2)
    with pytest.raises(UnresolvedParameterError):
        continuous_equilibrium(game, method="root")
    with pytest.raises(UnresolvedParameterError):
        cooperative_optimum(game)
    with pytest.raises(UnresolvedParameterError):
        game.evaluate([0, 0])
    with pytest.raises(InvalidArgumentError):
        continuous_equilibrium(game.subs(N=2, e=1, r=1.5), method="newton")
    with pytest.raises(InvalidGameTypeError, match="expected a ContinuousGame"):
        continuous_equilibrium("not a game")
    with pytest.raises(InvalidProfileError):
        game.subs(g0=1)
    with pytest.raises(InvalidProfileError):
        game.subs(zz=1)
    with pytest.raises(InvalidProfileError):
        continuous_equilibrium(game, method="root", values={"N": 2, "e": 1, "r": 1}, x0=[1, 2, 3])
    convex = ContinuousGame(["x**2 - x*y", "-y**2 + x*y"], ["x", "y"], [(-1, 1)] * 2)
    with pytest.raises(NotSupportedError):
        continuous_equilibrium(convex, method="symbolic")
    eq = continuous_equilibrium(ContinuousGame(["b*x - x**2"], ["x"]))
    with pytest.raises(UnresolvedParameterError):
        eq.max_gain()


# ---------------------------------------------------------------------- continuous public goods
@SETTINGS
@given(n=st.integers(2, 6), frac=st.floats(0.05, 0.95), e=st.floats(0.5, 50))
def test_public_goods_nash_is_zero_when_r_below_n(n, frac, e):
    r = 1 + frac * (n - 1)  # the dilemma: 1 < r < N
    game = public_goods(n)
    eq = continuous_equilibrium(game, values={"N": n, "e": e, "r": r})
    assert eq.strategies == pytest.approx((0.0,) * n)  # a corner: the bound g_i >= 0 binds
    assert eq.max_gain() <= eq.tolerance()
    opt = cooperative_optimum(game, values={"N": n, "e": e, "r": r})
    assert opt.strategies == pytest.approx((e,) * n)
    assert opt.welfare > eq.welfare
    assert price_of_anarchy(game, values={"N": n, "e": e, "r": r}) == pytest.approx(r)


def test_public_goods_full_contribution_when_r_above_n():
    eq = continuous_equilibrium(public_goods(3), values={"N": 3, "e": 4, "r": 5})
    assert eq.strategies == pytest.approx((4.0,) * 3)
    assert price_of_anarchy(public_goods(3), values={"N": 3, "e": 4, "r": 5}) == pytest.approx(1.0)


def test_public_goods_best_response_agrees():
    eq = continuous_equilibrium(public_goods(3), method="best_response", values={"N": 3, "e": 4, "r": 2})
    assert eq.method == "best_response" and eq.strategies == pytest.approx((0.0,) * 3, abs=1e-9)
    assert eq.is_verified()


# ---------------------------------------------------------------------- Maler emissions
def test_derived_maler_50_regions_linear_damage_closed_form():
    A, b, c, d = region_data(50, seed=1)
    game = maler(A, b, c, d, quadratic=False)
    eq = continuous_equilibrium(game)
    nash = (b - d * np.diag(A)) / c  # b_i - c_i e_i - d_i a_ii = 0
    coop = (b - A.T @ d) / c  # b_i - c_i e_i - sum_j d_j a_ji = 0
    assert np.all(coop > 0)
    np.testing.assert_allclose(eq.strategies, nash, rtol=1e-10)
    assert eq.max_gain() <= eq.tolerance()
    opt = cooperative_optimum(game)
    np.testing.assert_allclose(opt.strategies, coop, rtol=1e-8)
    assert np.all(np.array(eq.strategies) > np.array(opt.strategies))
    assert opt.welfare >= eq.welfare


def test_derived_maler_50_regions_quadratic_damage():
    A, b, c, d = region_data(50, seed=2)
    game = maler(A, b, c, d, quadratic=True)
    eq = continuous_equilibrium(game)
    x = np.array(eq.strategies)
    # FOC b_i - c_i e_i - d_i a_ii (A e)_i = 0 at an interior solution
    np.testing.assert_allclose(b - c * x - d * np.diag(A) * (A @ x), 0, atol=1e-9)
    assert eq.is_verified()
    opt = cooperative_optimum(game)
    y = np.array(opt.strategies)
    np.testing.assert_allclose(b - c * y - A.T @ (d * (A @ y)), 0, atol=1e-7)
    assert x.sum() > y.sum() and opt.welfare > eq.welfare
    assert price_of_anarchy(game, equilibrium=eq) >= 1


@SETTINGS
@given(seed=st.integers(0, 10_000), s1=st.floats(0.0, 0.9), ds=st.floats(0.05, 0.5), quadratic=st.booleans())
def test_claim_nash_exceeds_cooperative_and_gap_grows_with_off_diagonal_share(seed, s1, ds, quadratic):
    n = 5
    rng = np.random.default_rng(seed)
    P = transport_matrix(n, 0.0, rng)  # off-diagonal transport, row sums <= 1
    b, c, d = rng.uniform(5, 10, n), rng.uniform(0.5, 2, n), rng.uniform(0.05, 0.5, n)
    s2 = min(s1 + ds, 1.0)
    gaps = []
    for s in (s1, s2):
        A = (1 - s) * np.eye(n) + s * P
        game = maler(A, b, c, d, quadratic=quadratic)
        eq = continuous_equilibrium(game)
        opt = cooperative_optimum(game)
        assert eq.max_gain() <= eq.tolerance()
        gap = sum(eq.strategies) - sum(opt.strategies)
        assert gap >= -1e-9
        assert opt.welfare >= eq.welfare - 1e-9
        gaps.append(gap)
    if not quadratic:  # linear damage: gap_i = s * sum_j d_j P_ji / c_i, strictly increasing in s
        assert gaps[1] > gaps[0]
    else:
        assert gaps[1] >= gaps[0] - 1e-9


# ---------------------------------------------------------------------- random concave quadratic games
@st.composite
def concave_quadratic(draw, bounded: bool):
    n = draw(st.integers(2, 4))
    xs = sympy.symbols(f"x0:{n}", real=True)
    pay, K = [], []
    for i in range(n):
        c = draw(st.integers(2, 6))
        b = draw(st.integers(-5, 10))
        k = [draw(st.integers(-1, 1)) * sympy.Rational(c, 2 * n) if j != i else 0 for j in range(n)]
        K.append(k)
        pay.append(b * xs[i] - sympy.Rational(c, 2) * xs[i] ** 2 - xs[i] * sum(k[j] * xs[j] for j in range(n))
                   + draw(st.integers(-3, 3)) * xs[(i + 1) % n])
    bounds = [(draw(st.integers(-3, 0)), draw(st.integers(1, 4))) for _ in range(n)] if bounded else None
    return ContinuousGame(pay, xs, bounds)


@SETTINGS
@given(game=concave_quadratic(bounded=False))
def test_symbolic_and_numeric_agree_on_concave_quadratic_games(game):
    sym = continuous_equilibrium(game, method="symbolic")
    num = continuous_equilibrium(game, method="root", x0=[0.3] * game.num_players)
    assert sym.method == "symbolic" and num.method == "root"
    np.testing.assert_allclose(sym.strategies, num.strategies, rtol=1e-8, atol=1e-9)
    assert all(isinstance(e, sympy.Rational) for e in sym.expressions)
    assert sym.max_gain() <= sym.tolerance() and num.max_gain() <= num.tolerance()


@SETTINGS
@given(game=concave_quadratic(bounded=True))
def test_every_returned_equilibrium_has_small_gain(game):
    for method in ("auto", "root", "best_response"):
        eq = continuous_equilibrium(game, method=method)
        assert isinstance(eq, ContinuousEquilibrium)
        assert eq.max_gain() <= 1e-8 * max(1.0, max(abs(p) for p in eq.payoffs)), method
        lo = np.array([float(b[0]) for b in game.bounds])
        hi = np.array([float(b[1]) for b in game.bounds])
        assert np.all(np.array(eq.strategies) >= lo) and np.all(np.array(eq.strategies) <= hi)
    opt = cooperative_optimum(game)
    assert isinstance(opt, CooperativeOptimum)
    assert opt.welfare >= eq.welfare - 1e-8 * max(1.0, abs(eq.welfare))


# ---------------------------------------------------------------------- other paths
def test_symbolic_solution_with_parameters_and_conditions():
    game = ContinuousGame(["b*x - x**2/2 - x*y/2", "b*y - y**2/2 - x*y/2"], ["x", "y"], [(0, "m")] * 2)
    eq = continuous_equilibrium(game)
    b, m = sympy.symbols("b m", positive=True)
    assert eq.is_symbolic and eq.strategies == (2 * b / 3, 2 * b / 3)
    (cond,) = set(eq.conditions)  # interior iff 2b/3 <= m
    assert cond.subs({b: 3, m: 2}) == sympy.true and cond.subs({b: 3, m: 1}) == sympy.false
    assert sympy.simplify(eq.welfare - sympy.Rational(4, 9) * b ** 2) == 0


def test_non_smooth_best_response_iteration():
    game = ContinuousGame(["-Abs(x - y/2 - 1)", "-Abs(y - x/2 - 1)"], ["x", "y"], [(-5, 5)] * 2)
    eq = best_response_iteration(game)
    # a kink: bounded Brent locates it to about sqrt(machine epsilon), and the gain is first order
    assert eq.strategies == pytest.approx((2.0, 2.0), abs=1e-6)
    assert eq.max_gain() <= 1e-6


def test_non_quadratic_payoffs_use_lambdified_derivatives():
    game = ContinuousGame(["a*log(1 + x) - x*(x + y)/4", "a*log(1 + y) - y*(x + y)/4"], ["x", "y"],
                          [(0, None)] * 2, defaults={"a": 3})
    eq = continuous_equilibrium(game, method="root", values={"a": 3})
    assert eq.is_verified()
    x = eq.strategies[0]
    assert 3 / (1 + x) - (2 * x + x) / 4 == pytest.approx(0, abs=1e-9)
    opt = cooperative_optimum(game, values={"a": 3})
    assert opt.welfare >= eq.welfare and sum(opt.strategies) < sum(eq.strategies)


def test_price_of_anarchy_conventions():
    zero = ContinuousGame(["-x**2", "-y**2"], ["x", "y"])
    assert price_of_anarchy(zero) == 1.0
    neg = ContinuousGame(["-1 - x**2", "-1 - y**2"], ["x", "y"])
    assert price_of_anarchy(neg) == pytest.approx(1.0)


def test_result_dict_and_repr():
    game = public_goods(2).subs(N=2, e=10, r=1.5)
    eq = continuous_equilibrium(game)
    assert eq.to_dict()["strategies"] == {"Player 1": 0.0, "Player 2": 0.0}
    assert "ContinuousEquilibrium(g0=0, g1=0" in repr(eq)
    opt = cooperative_optimum(game)
    assert opt.to_dict()["welfare"] == pytest.approx(30.0) and "welfare 30" in repr(opt)
    with pytest.raises(AttributeError):  # frozen: dataclasses.FrozenInstanceError is an AttributeError
        eq.method = "x"


# ---------------------------------------------------------------------- bad input found by fuzzing
@pytest.mark.parametrize("solver", [continuous_equilibrium, cooperative_optimum, price_of_anarchy,
                                    best_response_iteration])
@pytest.mark.parametrize("values", [3, [("b", 1)], "b", float("nan"), np.full((2, 2), np.nan)])
def test_values_must_be_a_mapping(solver, values):
    from coopgame.errors import InvalidArgumentTypeError

    with pytest.raises(InvalidArgumentTypeError, match=f"{solver.__name__}: expected values as a mapping"):
        solver(public_goods(2), values=values)


@pytest.mark.parametrize("equilibrium", [True, 0, "eq", [1.0, 2.0], float("nan")])
def test_price_of_anarchy_refuses_an_equilibrium_of_another_kind(equilibrium):
    from coopgame.errors import InvalidArgumentTypeError

    with pytest.raises(InvalidArgumentTypeError, match="price_of_anarchy: expected equilibrium as a ContinuousEquilibrium"):
        price_of_anarchy(public_goods(2), values={"e": 10, "r": 1.5, "N": 2}, equilibrium=equilibrium)


@pytest.mark.parametrize("solver", [continuous_equilibrium, cooperative_optimum, best_response_iteration])
@pytest.mark.parametrize("x0", [[10**400, 0], [float("nan"), 0], [1.0], "ab"])
def test_x0_must_be_finite_numbers_one_per_player(solver, x0):
    with pytest.raises(InvalidProfileError, match="expected x0 as 2 finite numbers"):
        solver(public_goods(2), values={"e": 10, "r": 1.5, "N": 2}, x0=x0)


@pytest.mark.parametrize(("xtol", "error"), [(-1, InvalidArgumentError), (0, InvalidArgumentError),
                                             (10**400, InvalidArgumentError), (float("inf"), InvalidArgumentError)])
def test_best_response_iteration_xtol_must_be_positive_and_finite(xtol, error):
    with pytest.raises(error, match="best_response_iteration: expected xtol"):
        best_response_iteration(public_goods(2), values={"e": 10, "r": 1.5, "N": 2}, xtol=xtol)


def test_continuous_equilibrium_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.equilibria import continuous_equilibrium
    from coopgame.errors import InvalidArgumentTypeError
    from coopgame.games import ContinuousGame

    obj = continuous_equilibrium(ContinuousGame(["b*x - x**2/2 - x*y/2", "b*y - y**2/2 - x*y/2"], ["x", "y"], [(0, None)] * 2), values={"b": 3})
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.is_verified(to=1)
    assert "ContinuousEquilibrium.is_verified: got an unknown keyword argument 'to' (did you mean 'tol'?)" in str(caught.value)

def test_cooperative_optimum_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.equilibria import cooperative_optimum
    from coopgame.errors import InvalidArgumentTypeError
    from coopgame.games import ContinuousGame

    obj = cooperative_optimum(ContinuousGame(["b*x - x**2/2 - x*y/2", "b*y - y**2/2 - x*y/2"], ["x", "y"], [(0, None)] * 2), values={"b": 3})
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.to_dict(labels=True)
    assert "CooperativeOptimum.to_dict: got an unknown keyword argument 'labels'; it takes no keyword arguments" in str(caught.value)


def test_continuous_results_compare_by_value():
    import dataclasses

    from coopgame.equilibria import continuous_equilibrium, cooperative_optimum
    from coopgame.games import ContinuousGame

    game = ContinuousGame(["b*x - x**2/2 - x*y/2", "b*y - y**2/2 - x*y/2"], ["x", "y"], [(0, None)] * 2)
    for solve in (continuous_equilibrium, cooperative_optimum):
        first, again = solve(game, values={"b": 3}), solve(game, values={"b": 3})
        assert first is not again and first == again and hash(first) == hash(again)
        assert first != solve(game, values={"b": 4})
        assert first != dataclasses.replace(first, method="other")
