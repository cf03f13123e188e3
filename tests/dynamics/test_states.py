"""Reading a state of the replicator dynamics (`coopgame.dynamics.states`), through its public readers.

`ReplicatorSystem.point` shows the coordinates a state was read as (each role's shares but the last);
`stability` names the role and the function in its refusals.
"""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import coopgame as cg
from coopgame.dynamics import PopulationGame, stability
from coopgame.dynamics.analysis import replicator_equations
from coopgame.errors import InvalidProfileError

x, y, a = sympy.symbols("x y a")
x1, x2, y1, y2 = sympy.symbols("x1 x2 y1 y2")


def _two_roles():
    return PopulationGame([[0, 0], [0, 0]], state=[x, y])


def _three_roles():
    # roles of 2, 2 and 3 strategies: 4 tangent coordinates for 3 roles
    return PopulationGame([[0, 0], [0, 0], [0, 0, 0]], state=[[x1], [x2], [y1, y2]])


def test_flat_coordinates_are_read_role_after_role():
    point = replicator_equations(_three_roles()).point([F(1, 2), F(1, 3), F(1, 5), F(1, 4)])
    assert point == {x1: sympy.Rational(1, 2), x2: sympy.Rational(1, 3), y1: sympy.Rational(1, 5),
                     y2: sympy.Rational(1, 4)}


def test_sympy_rationals_stay_exact():
    point = replicator_equations(_two_roles()).point([sympy.Rational(1, 3), sympy.Rational(1, 4)])
    assert point == {x: sympy.Rational(1, 3), y: sympy.Rational(1, 4)}
    assert all(isinstance(v, sympy.Rational) for v in point.values())


def test_whole_floats_become_integers_and_text_is_parsed():
    point = replicator_equations(_two_roles()).point([1.0, 0.25])
    assert isinstance(point[x], sympy.Integer) and point[x] == 1
    assert isinstance(point[y], sympy.Float) and point[y] == 0.25
    symbolic = replicator_equations(_two_roles()).point({"x": a, "y": 2.0})
    assert isinstance(symbolic[y], sympy.Integer) and symbolic[y] == 2
    assert replicator_equations(_two_roles()).point({"x": a, "y": "1/3"}) == {x: a, y: sympy.Rational(1, 3)}


@pytest.mark.parametrize("value, message", [
    (True, "ReplicatorSystem.point: expected a number, got True"),
    (float("nan"), "ReplicatorSystem.point: expected a finite number, got nan"),
    ("1/", "ReplicatorSystem.point: expected a number or an expression, got '1/'"),
    ([1, 2], "ReplicatorSystem.point: expected a number or an expression, got [1, 2]"),
])
def test_symbolic_state_refuses_what_is_not_a_number(value, message):
    with pytest.raises(InvalidProfileError) as err:
        replicator_equations(_two_roles()).point({"x": a, "y": value})
    assert str(err.value) == message


@pytest.mark.parametrize("share, message", [
    (True, "stability: expected point for 'Player 1' as numbers, got [True]"),
    (1j, "stability: expected point for 'Player 1' as numbers, got [1j]"),
])
def test_a_share_that_is_not_a_number_is_refused_by_name(share, message):
    with pytest.raises(InvalidProfileError) as err:
        stability(_two_roles(), [share, 0.5])
    assert str(err.value) == message


def test_shares_outside_the_simplex_are_refused_naming_the_role():
    with pytest.raises(InvalidProfileError, match=r"^stability: expected point for 'Player 1' to be a probability"):
        stability(_two_roles(), [1.5, 0.5])
    # the third role's coordinates 3/2 and 0 leave -1/2 for its last strategy
    with pytest.raises(InvalidProfileError, match=r"^stability: expected point for 'Player 3' to be a probability"):
        stability(_three_roles(), [F(1, 2), F(1, 3), F(3, 2), 0])


def _prisoners_dilemma(exact):
    return cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"]] * 2, exact=exact)


@pytest.mark.parametrize("exact", [True, False])
def test_action_indices_name_actions_from_zero(exact):
    pd = _prisoners_dilemma(exact)
    # index 0 is the first action: mutual cooperation, a source (payoff advantage of C is 3 - 5 = -2 at the corner)
    by_index = stability(pd, [0, 0])
    assert by_index == stability(pd, ["C", "C"])
    assert [list(v) for v in by_index.point] == [[1, 0], [1, 0]]
    assert by_index.classification == "unstable"
    assert stability(pd, [1, 0]).point[0].tolist() == [0, 1]


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("point, role", [([2, 0], "Player 1"), ([0, 2], "Player 2"), (["C", -1], "Player 2")])
def test_an_action_index_past_the_end_is_refused(exact, point, role):
    with pytest.raises(InvalidProfileError) as err:
        stability(_prisoners_dilemma(exact), point)
    assert str(err.value) == (f"stability: expected point to name an action of {role!r} among ['C', 'D'], "
                              f"got {point[1] if role == 'Player 2' else point[0]}")


def test_a_float_game_reads_fractions_as_the_floats_they_round_to():
    # one role playing rock-paper-scissors with float payoffs (win 0.5, loss -0.5): its centre (1/3, 1/3, 1/3)
    # given as Fractions or as floats is the same float state, the last share computed the same way
    y3 = 1 - y1 - y2
    rps = PopulationGame([[0.5 * y2 - 0.5 * y3, 0.5 * y3 - 0.5 * y1, 0.5 * y1 - 0.5 * y2]], state=[[y1, y2]])
    from_fractions = stability(rps, [F(1, 3), F(1, 3)])
    from_floats = stability(rps, [1 / 3, 1 / 3])
    assert not from_fractions.is_exact
    assert from_fractions.point[0].tolist() == from_floats.point[0].tolist()
    assert from_fractions.point[0].tolist() == [1 / 3, 1 / 3, 1.0 - (1 / 3 + 1 / 3)]
    assert from_fractions.classification == from_floats.classification == "centre"


@pytest.mark.parametrize("first", [sympy.sqrt(2) / 2, 2 ** 0.5 / 2])
def test_an_irrational_share_makes_the_whole_state_float(first):
    """Two roles with advantages x**2 - 1/2 and y - 1/2: a rest point at x = sqrt(2)/2, y = 1/2. The share
    sqrt(2)/2 has no Fraction, so the whole state is read as floats, also the rational 1/2 of the other role.
    The linearisation is diagonal: d/dx [x (1 - x)(x**2 - 1/2)] = 2 x**2 (1 - x) = 1 - sqrt(2)/2 at the point
    and d/dy [y (1 - y)(y - 1/2)] = 1/4."""
    game = PopulationGame([[x ** 2 - sympy.Rational(1, 2), 0], [y - sympy.Rational(1, 2), 0]], state=[x, y])
    res = stability(game, [first, F(1, 2)])
    assert not res.is_exact
    assert [v.dtype for v in res.point] == [float, float] and res.jacobian.dtype == float
    assert res.point[1].tolist() == [0.5, 0.5]
    assert sorted(res.eigenvalues.real) == pytest.approx([0.25, 1 - 2 ** 0.5 / 2], abs=1e-12)
    assert res.classification == "unstable"


@pytest.mark.parametrize("point, message", [
    ([0.1, 0.2, 0.3], "ReplicatorSystem.point: expected the state as 2 coordinates, 2 action labels or 2 probability "
                      "vectors, got [0.1, 0.2, 0.3]"),
    (5, "ReplicatorSystem.point: expected the state as one probability vector (or action label) per role (2 roles), "
        "got 5"),
])
def test_a_state_that_fits_no_form_is_refused_by_name(point, message):
    with pytest.raises(InvalidProfileError) as err:
        replicator_equations(_two_roles()).point(point)
    assert str(err.value) == message


@pytest.mark.parametrize("point, message", [
    ({"x": 0.5}, "stability: expected a value for every coordinate ['x', 'y'], got ['x']"),
    ({"x": 0.5, "z": 0.5}, "stability: expected state coordinates among ['x', 'y'], got 'z'"),
    ({x: 0.5, "y": 1.5}, "stability: expected point for 'Player 2' to be a probability vector of length 2 (finite, "
                         "non-negative entries summing to 1), got [1.5, -0.5] (sum 1)"),
])
def test_a_state_by_coordinate_names_is_refused_by_name(point, message):
    with pytest.raises(InvalidProfileError) as err:
        stability(_two_roles(), point)
    assert str(err.value) == message


# --------------------------------------------------------------------------- one population, by label or index
def _stag_hunt():
    from coopgame import models
    return models.stag_hunt(R=4, S=1, T=3, P=3)


# One population of the stag hunt: x' = x (1 - x) (3x - 2), Stag's share x. From x = 0.8 the share reaches
# 0.99 at t = [-ln(x)/2 - ln(1 - x) + 3/2 ln(3x - 2)] from 0.8 to 0.99 = 4.217932... (partial fractions).
STAG_TIME = (-np.log(0.99) / 2 - np.log(0.01) + 1.5 * np.log(0.97)) - (-np.log(0.8) / 2 - np.log(0.2) + 1.5 * np.log(0.4))


@pytest.mark.parametrize("target", ["Stag", 0, np.int64(0), [1, 0], [F(1), F(0)]])
def test_a_one_population_target_is_read_from_a_label_an_index_or_a_vector(target):
    from coopgame.dynamics.basin_estimates import time_to_reach
    assert time_to_reach(_stag_hunt(), [0.8, 0.2], target) == pytest.approx(STAG_TIME, rel=1e-5)


@pytest.mark.parametrize("target", ["Hare", 1])
def test_a_one_population_target_in_another_basin_is_not_reached(target):
    from coopgame.dynamics.basin_estimates import time_to_reach
    assert time_to_reach(_stag_hunt(), [0.8, 0.2], target) == np.inf


def test_one_population_attractors_by_label_and_index():
    """The grid of 40 has 39 starts k/40; those above 2/3 (k = 27 ... 39, 13 of them) go to Stag."""
    from coopgame.dynamics.basin_estimates import basins
    by_label = basins(_stag_hunt(), grid=40, attractors=["Stag", np.int64(1)])
    assert by_label.shares.tolist() == pytest.approx([F(1, 3), F(2, 3)])
    assert [a[0].tolist() for a in by_label.attractors] == [[1.0, 0.0], [0.0, 1.0]]


@pytest.mark.parametrize(("target", "message"), [
    ("Bogus", "time_to_reach: expected target to name an action of 'Region 1' among ['Stag', 'Hare'], got 'Bogus'"),
    (2, "time_to_reach: expected target to name an action of 'Region 1' among ['Stag', 'Hare'], got 2"),
    (True, "time_to_reach: expected target as one probability vector of length 2 (one population) or an action "
           "label, got True"),
    ({"Stag": 1}, "time_to_reach: expected target as one probability vector of length 2 (one population) or an "
                  "action label, got {'Stag': 1}"),
    ([0.5, 0.6], "time_to_reach: expected target to be a probability vector of length 2 (finite, non-negative "
                 "entries summing to 1), got [0.5, 0.6] (sum 1.1)"),
])
def test_a_one_population_target_is_refused_by_name(target, message):
    from coopgame.dynamics.basin_estimates import time_to_reach
    with pytest.raises(InvalidProfileError) as err:
        time_to_reach(_stag_hunt(), [0.8, 0.2], target)
    assert str(err.value) == message
