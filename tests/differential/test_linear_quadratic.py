"""Linear-quadratic solutions: closed forms, claim C19, values against simulation, feedback against best responses."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad, solve_ivp
from scipy.linalg import solve_continuous_are

from coopgame.differential import DifferentialGame, cooperative_solution, feedback_nash, open_loop_nash
from coopgame.errors import InvalidArgumentError, InvalidGameError, NotSupportedError
from coopgame.models import stock_pollution

SOLVERS = [cooperative_solution, open_loop_nash, feedback_nash]


def formulas(n, alpha, beta, delta, r):
    """Steady states of the symmetric game (derived; see docs/explanation/claims.md, C19)."""
    s_c = n * alpha / (delta + n ** 2 * beta / (r + delta))
    s_ol = n * alpha / (delta + n * beta / (r + delta))
    k = (-(delta + r / 2) + np.sqrt((delta + r / 2) ** 2 + (2 * n - 1) * beta)) / (2 * n - 1)
    # feedback: e = alpha - k S + m with dS/dt = n e - delta S; the intercept from the linear value equation
    return s_c, s_ol, k


def test_derived_exact_symmetric_steady_states():
    game = stock_pollution(n=3).numeric()
    n, alpha, beta, delta, r = 3, 1, sympy.Rational(1, 20), sympy.Rational(1, 10), sympy.Rational(1, 20)
    coop, ol, fb = (f(game) for f in SOLVERS)
    assert all(s.is_exact for s in (coop, ol, fb))
    assert coop.steady_states[0].state == n * alpha / (delta + n ** 2 * beta / (r + delta))
    assert ol.steady_states[0].state == n * alpha / (delta + n * beta / (r + delta))
    k = sympy.Symbol("k")
    roots = sympy.solve((n - sympy.Rational(1, 2)) * k ** 2 + (delta + r / 2) * k - beta / 2, k)
    kpos = max(roots, key=float)
    S = game.state[0]
    assert sympy.expand(sympy.radsimp(-sympy.diff(fb.strategies[0], S) - kpos)) == 0
    assert [s.kind for s in (coop.steady_states[0], ol.steady_states[0], fb.steady_states[0])] == ["saddle", "saddle", "stable"]
    assert coop.steady_states.is_complete


params = st.fixed_dictionaries({
    "n": st.integers(2, 6),
    "alpha": st.floats(0.1, 10),
    "beta": st.floats(0.01, 5),
    "delta": st.floats(0.01, 1),
    "r": st.floats(0.01, 0.5),
})


# each example solves six games (about 1.5 s): fewer examples than the profile's default
@settings(max_examples=20)
@given(params)
def test_claim_c19_ordering_and_proportional_to_alpha(p):
    n = p.pop("n")
    game = stock_pollution(n=n).numeric(**p)
    states = [float(f(game).steady_states[0].state) for f in SOLVERS]
    s_c, s_ol, _ = formulas(n, p["alpha"], p["beta"], p["delta"], p["r"])
    assert states[0] == pytest.approx(s_c, rel=1e-7)
    assert states[1] == pytest.approx(s_ol, rel=1e-7)
    assert states[0] < states[1] < states[2]
    doubled = stock_pollution(n=n).numeric(**{**p, "alpha": 2 * p["alpha"]})
    assert [float(f(doubled).steady_states[0].state) for f in SOLVERS] == pytest.approx([2 * s for s in states], rel=1e-7)


def simulated_values(solution, x0, horizon=None):
    """Each player's discounted payoff by integrating the closed loop and a quadrature of the payoffs."""
    game = solution.game
    S = game.state[0]
    rates = [float(r) for r in game.discount]
    rule = [sympy.lambdify(S, u) for u in solution.strategies]
    f = sympy.lambdify([S, *game.all_controls], game.dynamics[0])
    g = [sympy.lambdify([S, *game.all_controls], p) for p in game.payoffs]
    T = horizon or 60 / min(rates)
    sol = solve_ivp(lambda t, y: [f(y[0], *[u(y[0]) for u in rule])], (0, T), [x0], dense_output=True,
                    rtol=1e-11, atol=1e-12)
    out = []
    for i in range(game.num_players):
        def flow(t, i=i):
            x = sol.sol(t)[0]
            return np.exp(-rates[i] * t) * g[i](x, *[u(x) for u in rule])
        out.append(quad(flow, 0, T, limit=400)[0])
    return np.array(out)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("unequal", [False, True])
def test_values_against_simulation_and_quadrature(solver, unequal):
    game = stock_pollution(n=3, unequal=unequal).numeric()
    solution = solver(game)
    for x0 in (0, 4):
        assert np.asarray(solution.values(x0), dtype=float) == pytest.approx(simulated_values(solution, x0), rel=1e-6, abs=1e-8)


def test_per_player_discount_values():
    game = stock_pollution(n=2).numeric().subs()
    S, e1, e2 = game.state[0], *game.all_controls
    game = DifferentialGame(2, S, [e1, e2], game.dynamics[0], game.payoffs, ["1/20", "1/10"])
    for solver in (open_loop_nash, feedback_nash):
        solution = solver(game)
        assert np.asarray(solution.values(2), dtype=float) == pytest.approx(simulated_values(solution, 2, 700), rel=1e-6)
    with pytest.raises(NotSupportedError, match="common discount"):
        cooperative_solution(game)


def best_response_gain(game, solution, i):
    """Player i's optimal linear rule against the others' rules, from scipy's continuous algebraic Riccati solver.

    The discounted problem max int exp(-rt) g dt with dx/dt = A x + B u + c is a
    minimisation of -g over the augmented state X = (x, 1) with A shifted by
    -r/2 (the standard transformation).
    """
    S = game.state[0]
    u_i = game.all_controls[i]
    others = {u: solution.strategies[j] for j, u in enumerate(game.all_controls) if j != i}
    f = sympy.expand(game.dynamics[0].xreplace(others))
    g = sympy.expand(game.payoffs[i].xreplace(others))
    r = float(game.discount[i])
    A, B, c = (float(f.coeff(S)), float(f.coeff(u_i)), float(f.xreplace({S: 0, u_i: 0})))
    A_aug = np.array([[A, c], [0.0, 0.0]]) - r / 2 * np.eye(2)
    B_aug = np.array([[B], [0.0]])
    one = sympy.Symbol("one")
    homog = sympy.expand(-g.xreplace({S: S, u_i: u_i}) * 1)
    z = [S, one, u_i]
    # the cost -g as a quadratic form in (x, 1, u)
    poly = sympy.Poly(sympy.expand(homog.xreplace({}) + 0 * one), S, u_i)
    C = np.zeros((3, 3))
    for (ds, du), coef in poly.terms():
        coef = float(coef)
        idx = [0] * ds + [2] * du
        idx += [1] * (2 - len(idx))
        a, b = idx
        if a == b:
            C[a, a] += coef
        else:
            C[a, b] += coef / 2
            C[b, a] += coef / 2
    del z
    Q, R, N = C[:2, :2], C[2:, 2:], C[:2, 2:]
    X = solve_continuous_are(A_aug, B_aug, Q, R, s=N)
    K = np.linalg.solve(R, B_aug.T @ X + N.T)  # u = -K (x, 1)
    return -K[0, 0], -K[0, 1]


@pytest.mark.parametrize("n, unequal", [(2, False), (3, True), (4, True)])
def test_feedback_is_a_best_response(n, unequal):
    game = stock_pollution(n=n, unequal=unequal).numeric()
    solution = feedback_nash(game)
    S = game.state[0]
    for i in range(n):
        slope, intercept = best_response_gain(game, solution, i)
        rule = sympy.expand(solution.strategies[i])
        assert float(rule.coeff(S)) == pytest.approx(slope, rel=1e-7)
        assert float(rule.xreplace({S: 0})) == pytest.approx(intercept, rel=1e-7)


def test_open_loop_and_cooperative_are_not_feedback_best_responses():
    game = stock_pollution(n=2).numeric()
    slope, _ = best_response_gain(game, open_loop_nash(game), 0)
    assert float(sympy.expand(open_loop_nash(game).strategies[0]).coeff(game.state[0])) != pytest.approx(slope, rel=1e-3)


def test_float_game_gives_floats_and_reason():
    game = stock_pollution(n=3, unequal=True).numeric()
    fb = feedback_nash(game)
    assert not fb.is_exact and "finite-horizon" in fb.method and "below r/2" in fb.method
    assert cooperative_solution(game).is_exact
    assert "stable eigenvalue" in open_loop_nash(game).method


@pytest.mark.parametrize("solver", SOLVERS)
def test_path(solver):
    solution = solver(stock_pollution(n=2).numeric())
    path = solution.path(0, 200, num=5)
    assert path.t.tolist() == [0, 50, 100, 150, 200]
    assert path.state[0] == 0
    assert path.state[-1] == pytest.approx(float(solution.steady_states[0].state), rel=1e-6)
    assert path.controls[-1] == pytest.approx([float(c) for c in solution.steady_states[0].controls], rel=1e-6)
    assert not path.state.flags.writeable
    assert list(path.to_frame().columns) == ["t", "state", "control 1", "control 2"]
    with pytest.raises(InvalidArgumentError):
        solution.path(0, -1)
    with pytest.raises(InvalidArgumentError):
        solution.path(float("nan"), 1)
    with pytest.raises(InvalidArgumentError):
        solution.values("x")


def test_exact_values_for_exact_stock():
    coop = cooperative_solution(stock_pollution(n=2).numeric())
    v = coop.values(Fraction(1, 2))
    assert v.dtype == object and not any(sympy.sympify(x).has(sympy.Float) for x in v)
    assert coop.values(0.5).dtype == float


def test_exploding_stock():
    game = DifferentialGame(1, "x", ["u"], "x", ["-u**2 - x**2 + u"], "1/10")
    for solver in SOLVERS:
        with pytest.raises(InvalidGameError, match="diverge"):
            solver(game) if solver is not open_loop_nash else feedback_nash(game)


def test_exploding_stock_numeric_riccati():
    game = DifferentialGame(2, "x", ["u", "v"], "x", ["-u**2 - x**2 + u", "-v**2 - 2*x**2 + v"], 0.1)
    with pytest.raises(InvalidGameError, match="stabilisable"):
        feedback_nash(game)


def test_not_concave_in_own_control():
    game = DifferentialGame(1, "x", ["u"], "u - x", ["u**2 - x**2"], 1)
    with pytest.raises(NotSupportedError, match="concave"):
        feedback_nash(game)


def test_feedback_refuses_non_lq():
    game = DifferentialGame(1, "x", ["u"], "u - x + x**2", ["log(u) - x**2"], 1)
    with pytest.raises(NotSupportedError, match="open_loop_nash"):
        feedback_nash(game)


def test_binding_bound_is_refused():
    game = stock_pollution(n=2).numeric().apply()
    e1 = game.all_controls[0]
    bounded = DifferentialGame(2, game.state, [[c] for c in game.all_controls], game.dynamics, game.payoffs,
                               game.discount, bounds={e1: (0, None)})
    solution = cooperative_solution(bounded)
    with pytest.raises(NotSupportedError, match="bound"):
        solution.path(100, 10)
    capped = DifferentialGame(2, game.state, [[c] for c in game.all_controls], game.dynamics, game.payoffs,
                              game.discount, bounds={e1: (None, 0.01)})
    with pytest.raises(NotSupportedError, match="bound"):
        feedback_nash(capped)


def test_weights():
    game = stock_pollution(n=2).numeric()
    heavy = cooperative_solution(game, weights=[2, 1])
    v = np.asarray(heavy.values(0), dtype=float)
    assert v[0] > v[1]
    for bad in ([1], [0, 1], [-1, 1], "ab", [True, 1]):
        with pytest.raises(InvalidArgumentError):
            cooperative_solution(game, weights=bad)


def test_repr_and_html():
    sol = feedback_nash(stock_pollution(n=2).numeric())
    assert repr(sol).startswith("DifferentialSolution(feedback Nash, steady states: 3.9")
    assert "stable" in sol._repr_html_()
    assert sol.steady_states.to_frame().loc[0, "kind"] == "stable"


def feedback_steady_state(n, alpha, beta, delta, r):
    """S_FB in closed form (derived from the value equations: e = alpha - k S + q, q = -N k alpha/(r + delta + (2N - 1) k))."""
    _, _, k = formulas(n, alpha, beta, delta, r)
    return n * alpha * (r + delta + (n - 1) * k) / ((delta + n * k) * (r + delta + (2 * n - 1) * k))


def test_derived_feedback_formula_matches_the_solver():
    for n, alpha, beta, delta, r in [(2, 1, 0.05, 0.1, 0.05), (5, 2.5, 0.3, 0.02, 0.1), (3, 0.7, 1.5, 0.4, 0.01)]:
        game = stock_pollution(n=n).numeric(alpha=alpha, beta=beta, delta=delta, r=r)
        assert float(feedback_nash(game).steady_states[0].state) == pytest.approx(
            feedback_steady_state(n, alpha, beta, delta, r), rel=1e-9)


def test_claim_c19_on_100000_draws():
    rng = np.random.default_rng(19)
    size = 100_000
    n = rng.integers(2, 51, size)
    alpha, beta = rng.uniform(0.01, 100, size), 10 ** rng.uniform(-4, 2, size)
    delta, r = 10 ** rng.uniform(-3, 0, size), 10 ** rng.uniform(-3, 0, size)
    s_c, s_ol, _ = formulas(n, alpha, beta, delta, r)
    s_fb = feedback_steady_state(n, alpha, beta, delta, r)
    assert np.all(s_c < s_ol) and np.all(s_ol < s_fb)


@pytest.mark.parametrize("solver", SOLVERS)
def test_several_controls_per_player(solver):
    game = DifferentialGame(["A", "B"], "x", [["u", "v"], "w"], "u + v + w - x/5",
                            ["u + 2*v - u**2/2 - v**2 - u*v/4 - x**2/10", "w - w**2/2 - x**2/5"], "1/20")
    solution = solver(game)
    assert len(solution.strategies) == 3
    assert np.asarray(solution.values(1), dtype=float) == pytest.approx(simulated_values(solution, 1), rel=1e-6)


def test_linear_solution_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.differential import cooperative_solution
    from coopgame.errors import InvalidArgumentTypeError
    from coopgame.models import stock_pollution

    obj = cooperative_solution(stock_pollution().numeric())
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.path(1, 2, nm=5)
    assert "LinearSolution.path: got an unknown keyword argument 'nm' (did you mean 'num'?)" in str(caught.value)

def test_path_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.differential import cooperative_solution
    from coopgame.errors import InvalidArgumentTypeError
    from coopgame.models import stock_pollution

    obj = cooperative_solution(stock_pollution().numeric()).path(1, 2, num=5)
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.to_frame(wide=True)
    assert "Path.to_frame: got an unknown keyword argument 'wide'; it takes no keyword arguments" in str(caught.value)


def test_linear_solutions_compare_by_value():
    import dataclasses

    from coopgame.differential import cooperative_solution, feedback_nash
    from coopgame.models import stock_pollution

    game = stock_pollution().numeric()
    for solve in (cooperative_solution, feedback_nash):
        first, again = solve(game), solve(game)
        assert first is not again and first == again and hash(first) == hash(again)
        assert first != dataclasses.replace(first, method="other")
    assert cooperative_solution(game) != feedback_nash(game)
