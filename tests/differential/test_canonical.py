"""Non-linear one-stock games (the shallow lake): all steady states, kinds, saddle paths and values."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from scipy.integrate import simpson

from coopgame.differential import DifferentialGame, cooperative_solution, feedback_nash, open_loop_nash
from coopgame.differential.canonical import pontryagin_solution
from coopgame.errors import InvalidArgumentError, NotSupportedError
from coopgame.models import shallow_lake, stock_pollution


def farming_and_green(**extra):
    # two farming communities (c = 0.2) and two green ones (c = 2) on a hysteretic lake (b = 0.6), rho = 0.03
    return shallow_lake(n=4, unequal=True).numeric(c_1=0.2, c_2=0.2, c_3=2, c_4=2, b=0.6, r=0.03, **extra)


def test_published_lake_with_farming_and_green_communities():
    """Steady states of the shallow-lake game with n1 = 2 farming (c1 = 0.2) and n2 = 2 green (c2 = 2) communities.

    Source: "Optimal taxation with two interest groups" in an extension of Maler, Xepapadeas and
    de Zeeuw (2003), https://corpapers.com/989-page12 (section 3.2: Pareto optimum at
    (x, a) = (0.3472, 0.1007)) and https://corpapers.com/989-page13 (section 3.4: open-loop Nash
    steady states (0.4485, 0.1016), (0.7402, 0.0902) and (3.1832, 0.9976), the middle one an unstable
    Skiba point); b = 0.6, rho = 0.03; a is the total loading.
    """
    game = farming_and_green()
    coop = cooperative_solution(game)
    assert [round(float(s.state), 4) for s in coop.steady_states] == [0.3472]
    assert round(sum(float(c) for c in coop.steady_states[0].controls), 4) == 0.1007
    ol = open_loop_nash(game)
    assert [round(float(s.state), 4) for s in ol.steady_states] == [0.4485, 0.7402, 3.1832]
    loads = [sum(float(c) for c in s.controls) for s in ol.steady_states]
    assert [round(v, 4) for v in loads[:2]] == [0.1016, 0.0902]
    # the source prints 0.9976 for the third loading; at its own x = 3.1832 the lake's steady-state relation
    # a = b x - x^2/(1 + x^2) gives 0.99975, which is what we find (the printed figure looks like a typo)
    x = 3.1832
    assert loads[2] == pytest.approx(0.6 * x - x ** 2 / (1 + x ** 2), abs=1e-4)
    assert loads[2] == pytest.approx(0.9998, abs=1e-4)
    assert [s.kind for s in ol.steady_states] == ["saddle", "unstable", "saddle"]
    assert ol.steady_states.is_complete and coop.steady_states.is_complete


def test_published_optimal_tax_gives_the_pareto_steady_state():
    """The same source (section 3.8, https://corpapers.com/989-page18): with the optimal tax the Nash loading meets
    the lake at the Pareto-optimal point (0.3472, 0.1007) and there is one Nash equilibrium only.

    Tax per unit of loading tau = lambda_coop - lambda_i at the optimum; here we derive it from the
    cooperative costate and check the taxed open-loop steady states.
    """
    game = farming_and_green()
    coop = cooperative_solution(game)
    x = float(coop.steady_states[0].state)
    loads = [float(c) for c in coop.steady_states[0].controls]
    # in the taxed open-loop game community i's first-order condition 1/a_i = tau - lambda_i must hold at the
    # cooperative point, with lambda_i = -2 c_i x/(b + r - f'(x)); this gives one tau per community
    fprime = 2 * x / (x ** 2 + 1) ** 2
    cs = [0.2, 0.2, 2, 2]
    taus = [1 / a - 2 * c * x / (0.6 + 0.03 - fprime) for a, c in zip(loads, cs)]
    from coopgame import Penalty

    taxed = game.apply(*(Penalty(i, f"a{i + 1}", taus[i]) for i in range(4)))
    states = open_loop_nash(taxed).steady_states
    assert [round(float(s.state), 4) for s in states] == [0.3472]
    assert round(sum(float(c) for c in states[0].controls), 4) == 0.1007


def test_exact_roots_for_exact_input():
    game = shallow_lake(n=4, unequal=True).numeric(c_1="1/5", c_2="1/5", c_3=2, c_4=2)
    ol = open_loop_nash(game)
    assert ol.is_exact and all(s.is_exact for s in ol.steady_states)
    assert all(isinstance(s.state, sympy.CRootOf) for s in ol.steady_states)


def test_pontryagin_machinery_agrees_with_the_linear_quadratic_solution():
    game = stock_pollution(n=2, unequal=True).numeric()
    for concept, solver in (("open-loop Nash", open_loop_nash), ("cooperative", cooperative_solution)):
        general = pontryagin_solution(game, concept)
        lq = solver(game)
        assert len(general.steady_states) == 1
        assert float(general.steady_states[0].state) == pytest.approx(float(lq.steady_states[0].state), rel=1e-12)
        assert general.steady_states[0].kind == "saddle"
        assert general.values(3) == pytest.approx(np.asarray(lq.values(3), dtype=float), rel=1e-5)
        assert general.path(3, 20, num=5).state == pytest.approx(lq.path(3, 20, num=5).state, rel=1e-5)


@pytest.mark.parametrize("solver", [cooperative_solution, open_loop_nash])
@pytest.mark.parametrize("x0", [0.1, 0.6, 2.5])
def test_lake_paths_solve_the_dynamics_and_values_integrate_the_payoffs(solver, x0):
    game = shallow_lake(n=2).numeric()
    solution = solver(game)
    path = solution.path(x0, 400, num=40001)
    assert path.state[0] == pytest.approx(x0)
    assert path.steady_state.kind == "saddle"
    assert path.state[-1] == pytest.approx(float(path.steady_state.state), rel=1e-5)
    # the path solves dx/dt = f(x, a): central differences
    f = sympy.lambdify([game.state[0], *game.all_controls], game.dynamics[0])
    dt = path.t[1] - path.t[0]
    slope = (path.state[2:] - path.state[:-2]) / (2 * dt)
    assert slope == pytest.approx(f(path.state[1:-1], *path.controls[1:-1].T), abs=1e-5)
    # values: Simpson's rule on the path plus the tail at the steady state
    r = float(game.discount[0])
    direct = [simpson(np.exp(-r * path.t) * path.payoffs[:, i], x=path.t) + np.exp(-r * 400) * path.payoffs[-1, i] / r
              for i in range(2)]
    assert solution.values(x0) == pytest.approx(direct, rel=1e-5)


def test_skiba_choice_takes_the_better_saddle():
    game = shallow_lake(n=2).numeric()
    ol = open_loop_nash(game)
    low, high = (float(s.state) for s in ol.steady_states if s.kind == "saddle")
    between = (low + high) / 2
    chosen = ol.path(between, 50, num=3).steady_state
    branches = [ol._branch(k, between) for k, s in enumerate(ol.steady_states) if s.kind == "saddle"]
    assert chosen is not None and float(chosen.state) in (low, high)
    assert any(b is not None for b in branches)


def test_non_rational_equation_needs_an_interval_and_finds_every_root():
    game = DifferentialGame(1, "x", ["a"], "a - x/2 + 1 - exp(-x)", ["log(a) - x**2"], "1/10",
                            bounds={"a": (0, None)})
    with pytest.raises(InvalidArgumentError, match="interval"):
        open_loop_nash(game)
    sol = open_loop_nash(game, interval=(0.01, 20))
    assert not sol.steady_states.is_complete and "grid" in sol.steady_states.method
    # every steady state: phi(x) = a(x) - x/2 + 1 - exp(-x) with a(x) = (r - f'(x))/(2x) changes sign there
    x = np.linspace(0.01, 20, 200001)
    loading = (0.1 + 0.5 - np.exp(-x)) / (2 * x)
    phi = loading - x / 2 + 1 - np.exp(-x)
    # sign changes where the loading is positive (elsewhere log(a) is undefined: no steady state)
    changes = [k for k in np.flatnonzero(np.sign(phi[:-1]) != np.sign(phi[1:])) if loading[k] > 0]
    assert len(changes) == 1
    assert [float(s.state) for s in sol.steady_states] == pytest.approx([x[k] for k in changes], abs=1e-3)


def test_errors():
    with pytest.raises(NotSupportedError, match="open_loop_nash"):
        feedback_nash(shallow_lake().numeric())
    two_stocks = DifferentialGame(1, ["x", "y"], ["a"], ["a - x + x**2/(1 + x**2)", "x - y"], ["log(a) - y**2"], 1)
    with pytest.raises(NotSupportedError, match="several stocks"):
        open_loop_nash(two_stocks)
    for bad in ((1,), (2, 1), "ab", (0, float("nan"))):
        with pytest.raises(InvalidArgumentError):
            open_loop_nash(shallow_lake().numeric(), interval=bad)
    with pytest.raises(InvalidArgumentError):
        open_loop_nash(shallow_lake().numeric(), grid=2)
    cubic = DifferentialGame(1, "x", ["a"], "a - x", ["a - a**4 - x**2"], 1)
    with pytest.raises(NotSupportedError, match="one closed form"):
        open_loop_nash(cubic)


def test_pontryagin_solution_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.differential.canonical import pontryagin_solution
    from coopgame.errors import InvalidArgumentTypeError
    from coopgame.models import stock_pollution

    obj = pontryagin_solution(stock_pollution(n=2, unequal=True).numeric(), "cooperative")
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.values(x_0=1)
    assert "PontryaginSolution.values: got an unknown keyword argument 'x_0' (did you mean 'x0'?)" in str(caught.value)


def test_pontryagin_solutions_compare_by_value():
    import dataclasses

    from coopgame.differential.canonical import pontryagin_solution
    from coopgame.models import stock_pollution

    game = stock_pollution(n=2, unequal=True).numeric()
    first, again = pontryagin_solution(game, "cooperative"), pontryagin_solution(game, "cooperative")
    assert first is not again and first == again and hash(first) == hash(again)  # the compiled cache is not compared
    assert first != pontryagin_solution(game, "open-loop Nash")
    assert first != dataclasses.replace(first, costates=())
