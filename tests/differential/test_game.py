"""DifferentialGame: construction, parameters, substitution, instruments and typed errors."""

from __future__ import annotations

import pickle
from fractions import Fraction

import pytest
import sympy

from coopgame import Penalty, Standard, Subsidy, Transfer
from coopgame.differential import DifferentialGame, feedback_nash
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidGameTypeError,
    NotSupportedError,
    UnresolvedParameterError,
)
from coopgame.models import stock_pollution

PAYOFFS = ["alpha*e1 - e1**2/2 - beta*S**2/2", "alpha*e2 - e2**2/2 - beta*S**2/2"]


def two() -> DifferentialGame:
    return DifferentialGame(2, "S", ["e1", "e2"], "e1 + e2 - delta*S", PAYOFFS, "r")


def test_attributes_and_parameters():
    game = two()
    S, e1, e2 = sympy.symbols("S e1 e2", real=True)
    assert game.players == ("Region 1", "Region 2")
    assert game.state == (S,)
    assert game.controls == ((e1,), (e2,))
    assert game.all_controls == (e1, e2)
    assert [s.name for s in game.parameters] == ["alpha", "beta", "delta", "r"]
    assert game.common_discount
    assert game.bounds == {e1: (None, None), e2: (None, None)}


def test_subs_keeps_structure_and_exactness():
    game = two().subs(alpha=1, beta=Fraction(1, 20), delta="1/10", r=0.05)
    assert game.parameters == ()
    assert game.discount == (sympy.Float(0.05), sympy.Float(0.05))
    assert game.dynamics[0].coeff(game.state[0]) == sympy.Rational(-1, 10)
    assert two().subs({"alpha": 2}).parameters == tuple(sympy.symbols("beta delta r", positive=True))


def test_equality_hash_pickle():
    assert two() == two() and hash(two()) == hash(two())
    assert two() != two().subs(alpha=1)
    game = stock_pollution()
    again = pickle.loads(pickle.dumps(game))
    assert again == game and again.defaults == game.defaults


def test_per_player_discount_and_several_controls_and_stocks():
    game = DifferentialGame(["A", "B"], ["x", "y"], [["u", "v"], "w"], ["u + w - x", "v - y"],
                            ["u + v - u**2 - v**2 - x**2", "w - w**2 - y**2"], ["1/10", "1/5"])
    assert not game.common_discount
    assert len(game.state) == 2 and game.controls[0] == sympy.symbols("u v", real=True)


def test_numeric_uses_defaults_and_refuses_missing():
    game = stock_pollution()
    assert game.numeric().parameters == ()
    assert game.numeric(alpha=2).subs() == game.subs(alpha=2, beta=Fraction(1, 20), delta=Fraction(1, 10), r=Fraction(1, 20))
    with pytest.raises(UnresolvedParameterError, match="alpha"):
        two().subs(beta=1, delta=1, r=1).numeric()


def test_free_parameters_at_solve_time():
    with pytest.raises(UnresolvedParameterError, match="free"):
        feedback_nash(two())


def test_not_a_game():
    with pytest.raises(InvalidGameTypeError):
        feedback_nash("game")  # type: ignore[arg-type]


@pytest.mark.parametrize("kwargs, match", [
    ({"payoffs": ["-S**2", "e2 - e2**2"]}, "missing from the payoff"),
    ({"discount": 0}, "positive discount"),
    ({"discount": -1}, "positive discount"),
    ({"discount": ["r"]}, "one discount rate"),
    ({"controls": ["e1"]}, "one control"),
    ({"controls": ["e1", "e1"]}, "distinct"),
    ({"controls": ["S", "e2"]}, "distinct"),
    ({"dynamics": ["e1 - S", "e2"]}, "one equation"),
    ({"payoffs": PAYOFFS[:1]}, "one instantaneous payoff"),
    ({"players": 0}, "at least one player"),
    ({"players": ["a", "a"]}, "distinct player labels"),
    ({"players": True}, "number of players"),
    ({"state": 3}, "Symbol or a name"),
    ({"dynamics": "delta"}, "depend on the stocks or the controls"),
    ({"payoffs": ["e1 - e1**2 + x", "e2 - e2**2"], "dynamics": "e1 + e2"}, "stock S in the dynamics or the payoffs"),
    ({"payoffs": ["e1 - e1**(", "e2"]}, "formula"),
    ({"discount": float("nan")}, "finite"),
    ({"discount": float("inf")}, "finite"),
])
def test_invalid_input(kwargs, match):
    args = dict(players=2, state="S", controls=["e1", "e2"], dynamics="e1 + e2 - delta*S", payoffs=PAYOFFS, discount="r")
    args.update(kwargs)
    with pytest.raises(InvalidGameError, match=match):
        DifferentialGame(**args)


def test_stock_missing_everywhere():
    with pytest.raises(InvalidGameError, match="in the dynamics or the payoffs"):
        DifferentialGame(1, ["S", "y"], ["e"], ["e - S", "e"], ["e - e**2 - S**2"], 1)


@pytest.mark.parametrize("bounds, match", [
    ({"z": (0, 1)}, "controls among"),
    ({"e1": (2, 1)}, "lo <= hi"),
    ({"e1": 3}, r"\(lo, hi\) pair"),
    ({"e1": (0, "S")}, "free of stocks"),
    ([1, 2], "mapping"),
])
def test_invalid_bounds(bounds, match):
    with pytest.raises((InvalidGameError, InvalidArgumentError), match=match):
        DifferentialGame(2, "S", ["e1", "e2"], "e1 + e2 - delta*S", PAYOFFS, "r", bounds=bounds)


def test_subs_refuses_unknown_and_state():
    with pytest.raises(InvalidArgumentError, match="parameter names among"):
        two().subs(gamma=1)
    with pytest.raises(InvalidArgumentError, match="stock or control"):
        two().subs(S=1)
    with pytest.raises(InvalidArgumentTypeError):
        two().subs({3: 1})
    with pytest.raises(InvalidArgumentError):
        two().subs(alpha=float("nan"))


def test_misspelt_keyword():
    with pytest.raises(InvalidArgumentTypeError, match="did you mean 'bounds'"):
        DifferentialGame(2, "S", ["e1", "e2"], "e1 + e2 - delta*S", PAYOFFS, "r", bound={})


def test_instruments_tax_subsidy_standard():
    game = two()
    S, e1, e2 = sympy.symbols("S e1 e2", real=True)
    tau, s = sympy.symbols("tau s", positive=True)
    taxed = game.apply(Penalty("Region 1", "e1", "tau"), Subsidy(1, 0, "s"), Standard(0, "e1 > 3"), Standard(1, "e2 < 1"))
    assert sympy.expand(taxed.payoffs[0] - game.payoffs[0]) == -tau * e1
    assert sympy.expand(taxed.payoffs[1] - game.payoffs[1]) == s * e2
    assert taxed.bounds[e1] == (None, 3) and taxed.bounds[e2] == (1, None)
    det = game.apply(Penalty(0, "e1", 2, detection=(Fraction(1, 2), Fraction(1, 2))))
    assert sympy.expand(det.payoffs[0] - game.payoffs[0]) == -sympy.Rational(3, 2) * e1
    assert tau in taxed.parameters


@pytest.mark.parametrize("instrument, error, match", [
    (Transfer(0, 1, 1), NotSupportedError, "Penalty"),
    (Penalty(0, "e2", 1), InvalidArgumentError, "control of 'Region 1'"),
    (Penalty(5, "e1", 1), InvalidArgumentError, "player among"),
    (Standard(0, "e1"), InvalidArgumentError, "relation"),
    (Standard(0, "e1 > e2"), InvalidArgumentError, "relation"),
    (Standard(0, "e1 >"), InvalidArgumentError, "relation"),
])
def test_instrument_errors(instrument, error, match):
    with pytest.raises(error, match=match):
        two().apply(instrument)


def test_repr():
    assert repr(two()) == "DifferentialGame(2 players, state S, controls e1 | e2, parameters alpha, beta, delta, r)"
