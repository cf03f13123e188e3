"""Linear-quadratic games with several stocks: matrix Riccati solutions against scipy's Riccati solver and quadrature."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from scipy.integrate import simpson
from scipy.linalg import solve_continuous_are

from coopgame.differential import DifferentialGame, cooperative_solution, feedback_nash, open_loop_nash
from coopgame.errors import InvalidArgumentError, NotSupportedError

SOLVERS = [cooperative_solution, open_loop_nash, feedback_nash]


def two_stocks():
    # a river (x) feeding a lake (y): region A emits u into the river, region B emits v into it too;
    # the lake receives a tenth of the river's load
    return DifferentialGame(["A", "B"], ["x", "y"], ["u", "v"], ["u + v - x/5", "x/10 - y/4"],
                            ["2*u - u**2/2 - x**2/10 - y**2/20", "v - v**2/2 - y**2/5"], "1/20")


def care_optimum(game, payoff, controls, replaced):
    """Optimal linear rule and value of maximising ``payoff`` over ``controls`` (others replaced), by scipy's CARE."""
    X = list(game.state)
    n, m = len(X), len(controls)
    f = [sympy.expand(d.xreplace(replaced)) for d in game.dynamics]
    cost = sympy.expand(-payoff.xreplace(replaced))
    z = [*X, *controls]
    zero = {s: 0 for s in z}
    A = np.array([[float(sympy.diff(fi, s)) for s in X] for fi in f])
    B = np.array([[float(sympy.diff(fi, s)) for s in controls] for fi in f])
    c = np.array([float(fi.xreplace(zero)) for fi in f])
    Hc = np.array(sympy.hessian(cost, z).evalf(), dtype=float)
    gc = np.array([float(sympy.diff(cost, s).xreplace(zero)) for s in z])
    kc = float(cost.xreplace(zero))
    r = float(game.discount[0])
    A_aug = np.block([[A, c[:, None]], [np.zeros((1, n + 1))]]) - r / 2 * np.eye(n + 1)
    B_aug = np.vstack([B, np.zeros((1, m))])
    Q = np.block([[Hc[:n, :n] / 2, gc[:n, None] / 2], [gc[None, :n] / 2, np.array([[kc]])]])
    R = Hc[n:, n:] / 2
    N = np.vstack([Hc[:n, n:] / 2, gc[None, n:] / 2])
    P = solve_continuous_are(A_aug, B_aug, Q, R, s=N)
    K = np.linalg.solve(R, B_aug.T @ P + N.T)
    return -K, P


def test_cooperative_against_scipy_riccati():
    game = two_stocks()
    coop = cooperative_solution(game)
    gain, P = care_optimum(game, sum(game.payoffs), list(game.all_controls), {})
    assert coop.rule.b == pytest.approx(gain[:, :2], rel=1e-7)
    assert coop.rule.a == pytest.approx(gain[:, 2], rel=1e-7)
    start = np.array([1.0, 2.0, 1.0])
    assert sum(coop.values([1, 2])) == pytest.approx(-start @ P @ start, rel=1e-8)


def test_feedback_is_a_best_response():
    game = two_stocks()
    fb = feedback_nash(game)
    X = list(game.state)
    rules = [fb.rule.b[j] @ np.array(X) + fb.rule.a[j] for j in range(2)]
    for i, control in enumerate(game.all_controls):
        other = game.all_controls[1 - i]
        gain, _ = care_optimum(game, game.payoffs[i], [control], {other: rules[1 - i]})
        assert fb.rule.b[i] == pytest.approx(gain[0, :2], rel=1e-7)
        assert fb.rule.a[i] == pytest.approx(gain[0, 2], rel=1e-7)


@pytest.mark.parametrize("solver", SOLVERS)
def test_values_against_path_quadrature(solver):
    game = two_stocks()
    solution = solver(game)
    path = solution.path([1, 2], 400, num=8001)
    assert path.state[-1] == pytest.approx(list(solution.steady_states[0].state), rel=1e-6)
    direct = [simpson(np.exp(-0.05 * path.t) * path.payoffs[:, i], x=path.t) + np.exp(-20) * path.payoffs[-1, i] / 0.05
              for i in range(2)]
    assert solution.values([1, 2]) == pytest.approx(direct, rel=1e-6)


def test_ordering_of_the_stocks():
    states = [np.array(f(two_stocks()).steady_states[0].state) for f in SOLVERS]
    assert np.all(states[0] < states[1]) and np.all(states[1] < states[2])
    assert [f(two_stocks()).steady_states[0].kind for f in SOLVERS] == ["saddle", "saddle", "stable"]


def test_a_decoupled_second_stock_changes_nothing():
    one = DifferentialGame(2, "x", ["u", "v"], "u + v - x/5", ["2*u - u**2/2 - x**2/10", "v - v**2/2 - x**2/5"], "1/20")
    two = DifferentialGame(2, ["x", "y"], ["u", "v"], ["u + v - x/5", "-y"],
                           ["2*u - u**2/2 - x**2/10", "v - v**2/2 - x**2/5"], "1/20")
    for solver in SOLVERS:
        a, b = solver(one), solver(two)
        assert b.values([3, 0]) == pytest.approx(np.asarray(a.values(3), dtype=float), rel=1e-8)
        assert b.steady_states[0].state[0] == pytest.approx(float(a.steady_states[0].state), rel=1e-8)


def test_errors():
    game = two_stocks()
    with pytest.raises(InvalidArgumentError, match="one initial value per stock"):
        feedback_nash(game).values(1)
    with pytest.raises(InvalidArgumentError, match="one initial value per stock"):
        feedback_nash(game).path([1, 2, 3], 1)
    nonlinear = DifferentialGame(1, ["x", "y"], ["a"], ["a - x + x**2/(1 + x**2)", "x - y"], ["log(a) - y**2"], 1)
    for solver in SOLVERS:
        with pytest.raises(NotSupportedError):
            solver(nonlinear)


def test_matrix_solution_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.errors import InvalidArgumentTypeError

    obj = feedback_nash(two_stocks())
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.path([1, 1], 2, nums=5)
    assert "MatrixSolution.path: got an unknown keyword argument 'nums' (did you mean 'num'?)" in str(caught.value)


def test_matrix_solutions_compare_by_value():
    import dataclasses

    first, again = feedback_nash(two_stocks()), feedback_nash(two_stocks())
    assert first is not again and first == again and hash(first) == hash(again)  # it held arrays: == raised ValueError
    assert first != cooperative_solution(two_stocks())
    changed = first.value_coefficients[0][0] + 1
    assert first != dataclasses.replace(first, value_coefficients=((changed,) + first.value_coefficients[0][1:],)
                                        + first.value_coefficients[1:])
