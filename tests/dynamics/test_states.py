"""Reading a state of the replicator dynamics (`coopgame.dynamics.states`), through its public readers.

`ReplicatorSystem.point` shows the coordinates a state was read as (each role's shares but the last);
`stability` names the role and the function in its refusals.
"""

from fractions import Fraction as F

import pytest
import sympy

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
