"""Continuous games: the default start and a singular Newton system (mutation testing, sampled run)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coopgame.equilibria.continuous import _gains, _start, continuous_equilibrium
from coopgame.errors import UnresolvedParameterError
from coopgame.games.continuous import ContinuousGame

# both players want to match: every profile x = y is an equilibrium, and the Jacobian of the
# first-order conditions, [[-2, 2], [2, -2]], is singular everywhere
MATCH = ContinuousGame(["-(x - y)**2", "-(x - y)**2"], ["x", "y"], [(2, 4), (2, 4)])


def test_default_start_is_the_middle_of_each_interval_or_its_finite_end():
    game = ContinuousGame(["-(a - 1)**2", "-(b - 1)**2", "-(c - 1)**2"], ["a", "b", "c"],
                          [(2, 4), (1, math.inf), (-math.inf, 5)])
    assert _start(game.compiled(), None, "continuous_equilibrium").tolist() == [3.0, 1.0, 5.0]


@pytest.mark.parametrize("x0", [(2.5, 3.5), (4.0, 2.0)])
def test_a_singular_newton_system_takes_the_least_squares_step_to_an_equilibrium(x0):
    eq = continuous_equilibrium(MATCH, method="root", x0=x0)
    x, y = eq.strategies
    # the minimum-norm step from (a, b) moves both by the same amount in opposite directions: both end at (a + b) / 2
    assert x == pytest.approx(y, abs=1e-9) and x == pytest.approx(sum(x0) / 2, abs=1e-9)


def test_concavity_with_a_second_derivative_in_the_choice_is_proved_so_sympy_solves_the_game():
    # u1 = -x**4/4 + x has u1'' = -3 x**2 <= 0 for real x: the first-order condition 1 - x**3 = 0 gives x = 1;
    # u2 = -y**2 + y gives y = 1/2
    game = ContinuousGame(["-x**4/4 + x", "-y**2 + y"], ["x", "y"], [(0, 2), (0, 2)])
    eq = continuous_equilibrium(game)
    assert eq.method == "symbolic"
    assert tuple(eq.strategies) == (1, 0.5)


def test_numbers_asked_of_a_symbolic_equilibrium_are_refused_naming_the_method_and_parameters():
    game = ContinuousGame(["b*x - x**2/2 - x*y/2", "b*y - y**2/2 - x*y/2"], ["x", "y"], [(0, "m")] * 2)
    eq = continuous_equilibrium(game)
    assert eq.is_symbolic
    for name in ("gains", "tolerance"):
        with pytest.raises(UnresolvedParameterError, match=rf"^ContinuousEquilibrium\.{name}: expected a numeric "
                                                           r"equilibrium, got a symbolic one in b, m; solve with values="):
            getattr(eq, name)()


def test_a_choice_its_payoff_is_linear_in_goes_to_its_bound_before_the_newton_round():
    # u1 = x (1 - y) is linear in x with slope 1 - y > 0 for y < 1: x = 1; u2 = -(y - x/2)**2: y = x/2 = 1/2.
    # x is fixed at 1 up front, so one Newton round on y alone ends the search.
    game = ContinuousGame(["x*(1 - y)", "-(y - x/2)**2"], ["x", "y"], [(0, 1), (0, 1)])
    eq = continuous_equilibrium(game, method="root", x0=(0.5, 0.5))
    assert eq.strategies == pytest.approx((1.0, 0.5), abs=1e-12)
    assert eq.iterations == 1


def test_gains_on_unbounded_choices_search_a_window_around_the_point():
    # u1 = 3x - x**2/2 - x y/2 on x >= 0: against y = 0 the best reply is x = 3, a gain of 9/2 over x = 0
    game = ContinuousGame(["3*x - x**2/2 - x*y/2", "3*y - y**2/2 - x*y/2"], ["x", "y"], [(0, None)] * 2)
    assert _gains(game.compiled(), np.array([0.0, 0.0])) == pytest.approx([4.5, 4.5], abs=1e-9)
