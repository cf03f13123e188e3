"""Tests of SymbolicGame: construction, parameters, subs, numeric, lambdify, to_latex, pickling.

Properties (hypothesis) at the end: lambdify agrees with subs, and
substitute-then-solve equals solve-from-lambdify, each shown able to fail on
a deliberately wrong variant.
"""

from __future__ import annotations

import pickle
import re
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

import coopgame as cg
from coopgame.errors import CoopgameError, InvalidGameError, InvalidProfileError, UnresolvedParameterError
from tests.strategies_symbolic import (
    PARAMETER_NAMES,
    SHAPES,
    games_with_values,
    positive_symbol,
    symbolic_games,
    values_for,
)

# too_slow: each drawn game is built from sympy formulas (parsing, substitution), slow by nature rather than by a
# badly shaped strategy.
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: For hypothesis.find: the first example found, unshrunk (shrinking sympy objects is slow).
FIND = settings(max_examples=500, database=None, phases=[Phase.generate], deadline=None)

c, r = sympy.symbols("c r", positive=True)

#: The two-region public-goods game of the SymbolicGame docstring (claim C1 of docs/explanation/claims.md with N = 2).
PGG_TEXT = [[["r*c - c", "r*c/2 - c"], ["r*c/2", 0]],
            [["r*c - c", "r*c/2"], ["r*c/2 - c", 0]]]


def pgg(**kwargs):
    return cg.SymbolicGame(PGG_TEXT, actions=[["Govern", "Free-ride"]] * 2, **kwargs)


def assert_error(excinfo, typed, builtin, *fragments):
    """The typed error, the matching built-in, and a message naming the function (and more)."""
    err = excinfo.value
    assert isinstance(err, typed), type(err)
    assert isinstance(err, builtin)
    assert isinstance(err, CoopgameError)
    for fragment in fragments:
        assert fragment in str(err), (fragment, str(err))


# ============================================================================ construction

def test_from_nested_lists_of_text_formulas():
    game = pgg()
    assert game.parameters == (c, r)
    assert game.num_players == 2 and game.shape == (2, 2)
    assert game.payoffs[0][0, 0] == r * c - c
    assert game.payoffs[0][0, 1] == r * c / 2 - c
    assert game.payoffs[1][0, 1] == r * c / 2
    assert game.payoffs[1][1, 1] == 0


def test_from_sympy_matrices():
    a, b = sympy.symbols("a b", positive=True)
    A = sympy.Matrix([[a, 0], [b, 1]])
    B = sympy.ImmutableMatrix([[a, b], [0, 1]])
    game = cg.SymbolicGame([A, B])
    assert game.parameters == (a, b)
    assert game.payoffs[0].tolist() == [[a, 0], [b, 1]]
    assert game.payoffs[1].tolist() == [[a, b], [0, 1]]
    assert game == cg.SymbolicGame([[[a, 0], [b, 1]], [[a, b], [0, 1]]])
    assert game == cg.SymbolicGame([[["a", 0], ["b", 1]], [["a", "b"], [0, 1]]])


def test_from_sympy_arrays_three_players():
    x = sympy.Symbol("x", positive=True)
    arrays = [sympy.Array([[[x * (p + 1), 0], [1, 2]], [[3, 4], [5, x]]]) for p in range(3)]
    game = cg.SymbolicGame(arrays)
    assert game.shape == (2, 2, 2)
    assert game.parameters == (x,)
    assert game.payoffs[2][0, 0, 0] == 3 * x
    assert game.payoffs[0][1, 1, 1] == x


def test_from_numpy_object_arrays_and_mixed_entries():
    a = sympy.Symbol("a", positive=True)
    A = np.array([[a, "2*a"], [Fraction(1, 3), 0.5]], dtype=object)
    B = np.array([[1, 2], [3, 4]])
    game = cg.SymbolicGame([A, B])
    assert game.payoffs[0][0, 1] == 2 * a
    assert game.payoffs[0][1, 0] == sympy.Rational(1, 3)
    assert game.payoffs[0][1, 1] == sympy.Float(0.5)
    assert game.payoffs[1][1, 1] == 4
    assert all(isinstance(v, sympy.Expr) for arr in game.payoffs for v in arr.reshape(-1))


@pytest.mark.parametrize("name", ["S", "N", "E", "I", "O", "Q", "C", "beta", "gamma", "zeta", "lambda_",
                                  "Li", "Eq", "sin", "re", "Sum", "Symbol", "Matrix", "rho", "theta", "x1"])
def test_special_names_in_text_are_plain_positive_symbols(name):
    game = cg.SymbolicGame([[f"2*{name} + 1", f"{name}/3", f"{name}*2.5"]])
    sym = positive_symbol(name)
    assert game.parameters == (sym,)
    (param,) = game.parameters
    assert type(param) is sympy.Symbol and param.is_positive and param.is_real
    assert game.payoffs[0][0] == 2 * sym + 1
    assert game.payoffs[0][1] == sym / 3
    numeric = game.subs({name: 3})
    assert isinstance(numeric, cg.NormalFormGame)
    assert numeric.payoffs[0][0] == 7 and numeric.payoffs[0][1] == 1


@pytest.mark.parametrize("formula, name", [("2*Integer + 1", "Integer"), ("Float*2.5", "Float"), ("Symbol/3 + 1", "Symbol")])
def test_parser_helper_names_are_parameters_too(formula, name):
    """Regression: Integer and Float once shadowed the wrappers sympy's parser puts around number literals."""
    game = cg.SymbolicGame([[formula, 0]])
    assert game.parameters == (positive_symbol(name),)
    assert isinstance(game.subs({name: 2}), cg.NormalFormGame)


def test_allowed_functions_are_not_parameters():
    game = cg.SymbolicGame([["exp(a) + log(b) + sqrt(c)", "Max(a, b) - Min(a, c) + Abs(a - b)",
                             "ceiling(a/2) + floor(b/2)", "pi*Rational(1, 3)*a"]])
    assert [s.name for s in game.parameters] == ["a", "b", "c"]
    assert game.payoffs[0][3] == sympy.pi * positive_symbol("a") / 3


def test_text_names_bind_to_symbols_already_in_the_game():
    x = sympy.Symbol("x")  # no assumptions
    game = cg.SymbolicGame([[x, "2*x"]])
    assert game.parameters == (x,)
    assert game.payoffs[0][1] == 2 * x


def test_parameters_are_sorted_by_name():
    game = cg.SymbolicGame([["z + a", "M*b", "A"]])
    assert [s.name for s in game.parameters] == sorted(["z", "a", "M", "b", "A"])


def test_labels_default_and_given():
    game = pgg()
    assert game.players == ("Player 1", "Player 2")
    assert game.actions == (("Govern", "Free-ride"), ("Govern", "Free-ride"))
    plain = cg.SymbolicGame(PGG_TEXT)
    assert plain.actions == (("1", "2"), ("1", "2"))
    named = cg.SymbolicGame(PGG_TEXT, players=["North", "South"], actions=[["G", "F"], ["g", "f"]])
    assert named.players == ("North", "South")
    assert named.action_index("South", "f") == 1
    assert named.pure_profile(("F", "g")) == (1, 0)


@pytest.mark.parametrize("players, actions", [
    (["only one"], None),
    (["A", "A"], None),
    (["A", 2], None),
    ("AB", None),
    (None, [["x", "y"]]),
    (None, [["x", "y"], ["x"]]),
    (None, [["x", "x"], ["a", "b"]]),
    (None, "xy"),
])
def test_bad_labels(players, actions):
    with pytest.raises(InvalidGameError) as excinfo:
        cg.SymbolicGame(PGG_TEXT, players=players, actions=actions)
    assert_error(excinfo, InvalidGameError, ValueError, "SymbolicGame")


def test_repr_two_players_is_a_payoff_table():
    text = repr(pgg())
    lines = text.splitlines()
    assert lines[0] == "SymbolicGame (Player 1: rows, Player 2: columns)"
    assert "Govern" in lines[1] and "Free-ride" in lines[1]
    assert "c*r - c, c*r - c" in text
    assert lines[-1].split() == ["Free-ride", "c*r/2,", "c*r/2", "-", "c", "0,", "0"]


def test_repr_three_players_is_a_summary():
    game = cg.SymbolicGame([np.full((2, 2, 2), "a", dtype=object)] * 3)
    text = repr(game)
    assert text.startswith("SymbolicGame(3 players")
    assert "(2, 2, 2)" in text and "parameters a" in text


def test_equality_and_hash():
    g1 = pgg()
    g2 = cg.SymbolicGame([[[r * c - c, r * c / 2 - c], [r * c / 2, 0]],
                          [[r * c - c, r * c / 2], [r * c / 2 - c, 0]]], actions=[["Govern", "Free-ride"]] * 2)
    assert g1 == g2 and hash(g1) == hash(g2)
    assert len({g1, g2}) == 1
    assert g1 != cg.SymbolicGame(PGG_TEXT)  # other labels
    assert g1 != cg.SymbolicGame(PGG_TEXT, players=["A", "B"], actions=[["Govern", "Free-ride"]] * 2)
    other = [[row[:] for row in m] for m in PGG_TEXT]
    other[1][1][1] = "c"
    assert g1 != cg.SymbolicGame(other, actions=[["Govern", "Free-ride"]] * 2)
    assert g1 != g1.subs(c=4, r=1)  # a NormalFormGame is a different kind of object
    assert (g1 == "not a game") is False


def test_payoff_arrays_are_read_only():
    game = pgg()
    assert all(a.dtype == object for a in game.payoffs)
    with pytest.raises(ValueError):
        game.payoffs[0][0, 0] = 1
    with pytest.raises((AttributeError, TypeError)):
        game.payoffs = ()
    assert game.payoffs[0][0, 0] == r * c - c


def test_inputs_are_copied():
    A = np.array([["a", 0], [0, 0]], dtype=object)
    game = cg.SymbolicGame([A, A])
    A[0, 0] = "b"
    assert [s.name for s in game.parameters] == ["a"]


# ============================================================================ errors

BAD_GAMES = {
    "ragged": [[["a", 0], [1]], [[0, 0], [0, 0]]],
    "mismatched shapes": [[["a", 0], [1, 2]], [["a", 0, 1], [1, 2, 3]]],
    "axes do not match players": [[["a", 0], [1, 2]]],
    "zero actions": [np.empty((2, 0), dtype=object), np.empty((2, 0), dtype=object)],
    "no players": [],
    "text instead of arrays": "a, b",
    "dict": {"A": [[1]]},
    "number": 3,
}


@pytest.mark.parametrize("payoffs", list(BAD_GAMES.values()), ids=list(BAD_GAMES))
def test_invalid_games(payoffs):
    with pytest.raises(InvalidGameError) as excinfo:
        cg.SymbolicGame(payoffs)
    assert_error(excinfo, InvalidGameError, ValueError, "SymbolicGame: expected")


@pytest.mark.parametrize("formula", ["a +* b", "a b", "(a", "", "   ", "a = 1", "a == b", "a < b",
                                     "[a]", "a; b", "import os", "lambda", "__import__('os')", "'x'"])
def test_bad_formula_text(formula):
    with pytest.raises(InvalidGameError) as excinfo:
        cg.SymbolicGame([[formula, 0]])
    assert_error(excinfo, InvalidGameError, ValueError, "SymbolicGame")


@pytest.mark.parametrize("entry", [float("inf"), -np.inf, float("nan"), np.nan, sympy.oo, sympy.zoo, sympy.nan,
                                   1 + 2j, np.complex128(1j), sympy.I, sympy.sqrt(-2), "1/0", "log(0)", "sqrt(-1)",
                                   None, object()],
                         ids=lambda v: repr(v)[:20])
def test_infinite_complex_and_non_numeric_entries(entry):
    with pytest.raises(InvalidGameError) as excinfo:
        cg.SymbolicGame([[entry, 0]])
    assert_error(excinfo, InvalidGameError, ValueError, "SymbolicGame: expected")


def test_unknown_parameter_names_in_subs():
    game = pgg()
    with pytest.raises(InvalidProfileError) as excinfo:
        game.subs(z=1)
    assert_error(excinfo, InvalidProfileError, ValueError, "SymbolicGame.subs", "'z'", "'c'", "'r'")
    with pytest.raises(InvalidProfileError) as excinfo:
        game.subs({"c": 1, "cc": 2})
    assert_error(excinfo, InvalidProfileError, ValueError, "SymbolicGame.subs", "'cc'")
    with pytest.raises(InvalidProfileError) as excinfo:
        game.subs({3: 1})
    assert_error(excinfo, InvalidProfileError, ValueError, "SymbolicGame.subs")


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 1j, sympy.zoo])
def test_subs_refuses_non_finite_values(value):
    with pytest.raises(InvalidGameError) as excinfo:
        pgg().subs(c=value)
    assert_error(excinfo, InvalidGameError, ValueError, "SymbolicGame.subs")


def test_unknown_parameter_names_in_defaults():
    with pytest.raises(InvalidProfileError) as excinfo:
        pgg(defaults={"q": 1})
    assert_error(excinfo, InvalidProfileError, ValueError, "SymbolicGame.defaults", "'q'")


@pytest.mark.parametrize("solver", ["pure_equilibria", "mixed_equilibria", "support_enumeration",
                                    "vertex_enumeration", "lemke_howson", "dominant_strategies",
                                    "iterated_elimination"])
def test_numeric_solvers_refuse_free_parameters(solver):
    with pytest.raises(UnresolvedParameterError) as excinfo:
        getattr(cg.equilibria, solver)(pgg())
    assert_error(excinfo, UnresolvedParameterError, ValueError, f"{solver}:", "c, r", "subs")


def test_numeric_solvers_accept_a_symbolic_game_without_parameters():
    game = cg.SymbolicGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"]] * 2)
    assert game.parameters == ()
    assert [e.pure_profile for e in cg.pure_equilibria(game)] == [("D", "D")]
    assert cg.dominant_strategies(game).profile == ("D", "D")


def test_numeric_solvers_refuse_partially_substituted_games():
    with pytest.raises(UnresolvedParameterError) as excinfo:
        cg.pure_equilibria(pgg().subs(c=2))
    assert_error(excinfo, UnresolvedParameterError, ValueError, "pure_equilibria", "(r)")


# ============================================================================ subs

def test_subs_partial_gives_a_symbolic_game():
    game = pgg()
    half = game.subs(c=2)
    assert isinstance(half, cg.SymbolicGame)
    assert half.parameters == (r,)
    assert half.payoffs[0][0, 0] == 2 * r - 2
    assert half.actions == game.actions and half.players == game.players


def test_subs_total_exact_with_rationals():
    for values in ({"c": 4, "r": Fraction(3, 2)}, {"c": sympy.Integer(4), "r": sympy.Rational(3, 2)},
                   {"c": "4", "r": "3/2"}, {c: 4, r: Fraction(3, 2)}, {sympy.Symbol("c"): 4, "r": Fraction(3, 2)}):
        game = pgg().subs(values)
        assert isinstance(game, cg.NormalFormGame), values
        assert game.is_exact
        assert game["Govern", "Govern"] == (2, 2)
        assert game["Govern", "Free-ride"] == (-1, 3)
        assert all(isinstance(v, Fraction) for a in game.payoffs for v in a.reshape(-1))


def test_subs_total_with_floats_gives_float_game():
    game = pgg().subs(c=4, r=0.3)
    assert isinstance(game, cg.NormalFormGame)
    assert not game.is_exact
    assert game["Govern", "Free-ride"] == pytest.approx((0.6 - 4, 0.6))


def test_subs_rational_values_stay_exact_fractions():
    game = cg.SymbolicGame([["a/3", "a/7"]]).subs(a=1)
    assert game.payoffs[0].tolist() == [Fraction(1, 3), Fraction(1, 7)]


def test_subs_with_mapping_and_keywords_and_expressions():
    game = pgg()
    assert game.subs({"c": 4}, r=Fraction(3, 2)) == game.subs(c=4, r=Fraction(3, 2))
    tied = game.subs(c=2 * r)
    assert tied.parameters == (r,)
    assert sympy.expand(tied.payoffs[0][0, 0] - (2 * r * r - 2 * r)) == 0
    renamed = game.subs(c="k")
    assert [s.name for s in renamed.parameters] == ["k", "r"]
    assert renamed.parameters[0].is_positive


def test_subs_keeps_labels_and_is_pure():
    game = pgg()
    before = [a.copy() for a in game.payoffs]
    game.subs(c=1, r=1)
    assert all(np.array_equal(a, b) for a, b in zip(game.payoffs, before))


def test_subs_empty_mapping_of_a_constant_game():
    game = cg.SymbolicGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    numeric = game.subs({})
    assert isinstance(numeric, cg.NormalFormGame) and numeric.is_exact
    assert isinstance(cg.SymbolicGame([[[0.5, 0], [0, 1]], [[1, 0], [0, 1]]]).subs(), cg.NormalFormGame)
    assert not cg.SymbolicGame([[[0.5, 0], [0, 1]], [[1, 0], [0, 1]]]).subs().is_exact


# ============================================================================ numeric / defaults

def test_numeric_uses_defaults():
    game = pgg(defaults={"c": 4, "r": Fraction(3, 2)})
    assert game.defaults == {c: 4, r: Fraction(3, 2)}
    numeric = game.numeric()
    assert numeric == pgg().subs(c=4, r=Fraction(3, 2))
    assert numeric.is_exact
    assert game.numeric(r=3)["Govern", "Govern"] == (8, 8)
    by_symbol = pgg(defaults={c: 4, r: 3})
    assert by_symbol.numeric() == game.numeric(r=3)


def test_numeric_missing_parameter():
    game = pgg(defaults={"c": 4})
    with pytest.raises(UnresolvedParameterError) as excinfo:
        game.numeric()
    assert_error(excinfo, UnresolvedParameterError, ValueError, "SymbolicGame.numeric", "missing r")
    assert game.numeric(r=2)["Free-ride", "Free-ride"] == (0, 0)


def test_defaults_survive_partial_subs():
    game = pgg(defaults={"c": 4, "r": 2})
    half = game.subs(c=1)
    assert half.defaults == {r: 2}
    assert half.numeric() == game.subs(c=1, r=2)


def test_defaults_are_a_copy():
    game = pgg(defaults={"c": 4, "r": 2})
    game.defaults[c] = 100
    assert game.defaults[c] == 4


# ============================================================================ lambdify

def test_lambdify_scalar_shape_and_values():
    game = pgg()
    f = game.lambdify()
    out = f(4.0, 1.5)  # positional, in the order of game.parameters (c, r)
    assert out.shape == (2, 2, 2)
    np.testing.assert_allclose(out[0], [[2, -1], [3, 0]])
    np.testing.assert_allclose(out[1], [[2, 3], [-1, 0]])
    np.testing.assert_array_equal(f(c=4, r=1.5), out)
    np.testing.assert_array_equal(f(4, r=1.5), out)


def test_lambdify_broadcasts_batches():
    f = pgg().lambdify()
    cs = np.array([1.0, 2.0, 4.0])
    rs = np.array([[1.0], [1.5]])
    out = f(c=cs, r=rs)
    assert out.shape == (2, 2, 2, 2, 3)
    for i in range(2):
        for j in range(3):
            np.testing.assert_allclose(out[..., i, j], f(cs[j], rs[i, 0]))
    # constant payoffs broadcast to the batch too
    assert np.all(out[1, 1, 1] == 0) and out[1, 1, 1].shape == (2, 3)


def test_lambdify_three_players_shape():
    arrays = [np.array([f"{p + 1}*a + {k}*b" for k in range(12)], dtype=object).reshape(2, 3, 2) for p in range(3)]
    game = cg.SymbolicGame(arrays)
    out = game.lambdify()(a=np.arange(5.0), b=2.0)
    assert out.shape == (3, 2, 3, 2, 5)
    assert out[2, 1, 2, 1, 4] == pytest.approx(3 * 4 + 11 * 2)


def test_lambdify_without_parameters():
    f = cg.SymbolicGame([[[1, 0], [0, "1/2"]], [[1, 0], [0, 1]]]).lambdify()
    out = f()
    assert out.shape == (2, 2, 2)
    assert out[0, 1, 1] == 0.5


@pytest.mark.parametrize("args, kwargs", [((1, 2, 3), {}), ((1,), {"c": 2}), ((), {"c": 1}), ((), {"c": 1, "r": 2, "q": 3})])
def test_lambdify_argument_errors(args, kwargs):
    f = pgg().lambdify()
    with pytest.raises(InvalidProfileError) as excinfo:
        f(*args, **kwargs)
    assert_error(excinfo, InvalidProfileError, ValueError, "lambdify")


def test_lambdify_piecewise_functions_broadcast():
    game = cg.SymbolicGame([["Max(a, b) + Min(a, 2)", "Abs(a - 2) + ceiling(a)"]])
    out = game.lambdify()(a=np.arange(4.0), b=1.5)
    np.testing.assert_allclose(out[0, 0], [1.5, 2.5, 4, 5])
    np.testing.assert_allclose(out[0, 1], [2, 2, 2, 4])


@PROPERTY
@given(games_with_values(), st.data())
def test_derived_lambdify_agrees_with_subs(gv, data):
    game, values = gv
    numeric = game.subs(values)
    out = game.lambdify()(**{k: float(v) for k, v in values.items()})
    assert out.shape == (game.num_players, *game.shape)
    expected = np.array([np.asarray(a, dtype=float) for a in numeric.float_payoffs])
    np.testing.assert_array_equal(out, expected)
    # batch evaluation agrees with pointwise evaluation
    other = data.draw(values_for([s.name for s in game.parameters]))
    batch = game.lambdify()(**{k: np.array([float(values[k]), float(other[k])]) for k in values})
    np.testing.assert_array_equal(batch[..., 0], out)
    np.testing.assert_array_equal(batch[..., 1], np.array(game.subs(other).float_payoffs))


# ============================================================================ LaTeX

def test_to_latex_docstring_prisoners_dilemma():
    game = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["C", "D"]] * 2)
    assert game.to_latex() == ("\\begin{tabular}{r|cc}\n & C & D \\\\\n\\hline\n"
                               "C & $R$, $R$ & $S$, $T$ \\\\\nD & $T$, $S$ & $P$, $P$ \\\\\n\\end{tabular}")


def test_to_latex_two_players_contains_every_payoff():
    game = cg.SymbolicGame([[["beta*x/2", "sqrt(y)"], ["x**2", 0], ["E - I", "S"]],
                            [["N", 1], ["rho_1", "x/(y + 1)"], ["Rational(1, 3)", "x*y"]]],
                           actions=[["Up", "Mid", "Down"], ["Left", "Right"]])
    text = game.to_latex()
    for a in game.payoffs:
        for e in a.reshape(-1):
            assert f"${sympy.latex(e)}$" in text
    for label in ("Up", "Mid", "Down", "Left", "Right"):
        assert label in text
    assert text.count("\\\\") == 1 + 3  # header and three rows
    assert text.startswith("\\begin{tabular}{r|cc}") and text.endswith("\\end{tabular}")


def test_to_latex_three_players_one_table_per_third_action():
    arrays = [np.array([f"a_{p}{k}" for k in range(12)], dtype=object).reshape(2, 2, 3) for p in range(3)]
    game = cg.SymbolicGame(arrays, players=["A", "B", "C"], actions=[["x", "y"], ["u", "v"], ["p", "q", "s"]])
    text = game.to_latex()
    assert text.count("\\begin{tabular}") == 3
    for label in ("C: p", "C: q", "C: s"):
        assert label in text
    tables = text.split("\n\n")
    for t, table in enumerate(tables):
        for idx in np.ndindex(2, 2):
            cell = ", ".join(f"${sympy.latex(a[idx + (t,)])}$" for a in game.payoffs)
            assert cell in table
    for a in game.payoffs:
        for e in a.reshape(-1):
            assert f"${sympy.latex(e)}$" in text


# ============================================================================ pickling

def test_pickle_round_trip():
    game = pgg(defaults={"c": 4, "r": 2}).apply(cg.Subsidy(0, "Govern", "s"))
    back = pickle.loads(pickle.dumps(game))
    assert back == game and hash(back) == hash(game)
    assert back.parameters == game.parameters
    assert all(s.is_positive for s in back.parameters)
    assert back.defaults == game.defaults
    assert back.instruments == game.instruments
    assert back.subs(s=1).numeric() == game.subs(s=1).numeric()
    with pytest.raises(ValueError):
        back.payoffs[0][0, 0] = 0


def test_pickle_round_trip_of_substituted_game():
    numeric = pgg().subs(c=4, r=Fraction(3, 2))
    back = pickle.loads(pickle.dumps(numeric))
    assert back == numeric and back.is_exact


# ============================================================================ generators

@settings(max_examples=30, deadline=None)
@given(symbolic_games())
def test_generator_symbolic_games(game):
    assert isinstance(game, cg.SymbolicGame)
    assert game.shape in SHAPES
    assert 1 <= len(game.parameters) <= 3
    assert {s.name for s in game.parameters} <= set(PARAMETER_NAMES)
    assert all(s.is_positive for s in game.parameters)
    for a in game.payoffs:
        for e in a.reshape(-1):
            assert sympy.Poly(e, *game.parameters).total_degree() <= 1
            assert all(coef.is_Integer for coef in sympy.Poly(e, *game.parameters).coeffs())


@settings(max_examples=30, deadline=None)
@given(games_with_values())
def test_generator_values_are_positive_dyadic_and_complete(gv):
    game, values = gv
    assert set(values) == {s.name for s in game.parameters}
    assert all(v > 0 and (4 * v).denominator == 1 for v in values.values())
    assert isinstance(game.subs(values), cg.NormalFormGame)


def test_generator_reaches_text_and_special_names():
    special = {"S", "N", "E", "I", "Q", "beta"}
    found = find(symbolic_games(as_text=True), lambda g: bool(special & {s.name for s in g.parameters}),
                 settings=FIND)
    assert all(type(s) is sympy.Symbol and s.is_positive for s in found.parameters)


# ============================================================================ substitute then solve

def _profiles(equilibria):
    return sorted(e.pure_profile for e in equilibria)


def _solve_from_lambdify(game, values, mutate=lambda out: out):
    out = mutate(game.lambdify()(**{k: float(v) for k, v in values.items()}))
    numeric = cg.NormalFormGame(list(out), game.players, game.actions)
    return _profiles(cg.pure_equilibria(numeric))


def _substitute_then_solve_agrees(gv, mutate=lambda out: out):
    game, values = gv
    return _profiles(cg.pure_equilibria(game.subs(values))) == _solve_from_lambdify(game, values, mutate)


@PROPERTY
@given(games_with_values(shapes=((2, 2), (2, 3))))
def test_derived_substitute_then_solve_equals_solve_from_lambdify(gv):
    game, values = gv
    exact = game.subs(values)
    assert exact.is_exact
    assert _substitute_then_solve_agrees(gv)
    # and the equilibria found really are equilibria of the exact game
    for eq in cg.pure_equilibria(exact):
        assert eq.max_regret() == 0


def test_derived_substitute_then_solve_check_rejects_a_wrong_variant():
    """The comparison can fail: swapping the players' payoff arrays is caught."""
    swap = lambda out: out[::-1]  # noqa: E731
    counterexample = find(games_with_values(shapes=((2, 2), (2, 3))),
                          lambda gv: not _substitute_then_solve_agrees(gv, swap) if gv[0].shape == (2, 2) else False,
                          settings=FIND)
    assert not _substitute_then_solve_agrees(counterexample, swap)


def test_derived_substitute_then_solve_wrong_values_rejected():
    """Evaluating lambdify at other values than subs is caught on a hand-made game."""
    game = cg.SymbolicGame([[["a", 0], [1, 1]], [["a", 1], [0, 1]]])
    gv = (game, {"a": Fraction(2)})
    assert _substitute_then_solve_agrees(gv)
    assert not _substitute_then_solve_agrees(gv, mutate=lambda out: game.lambdify()(a=0.5))
    with pytest.raises(NoSuchExample):
        find(st.just(gv), lambda g: not _substitute_then_solve_agrees(g), settings=settings(database=None))


@pytest.mark.parametrize("name", ["lambda", "if", "my param", "a-b", "1x", "Δ", "rho[1]", "numpy", "range"])
def test_odd_symbol_names_work_in_subs_and_lambdify(name):
    """Symbols given directly (not through text) may have any name; subs and lambdify take it by name."""
    x = sympy.Symbol(name, positive=True)
    game = cg.SymbolicGame([[2 * x, 3]])
    assert game.parameters == (x,)
    assert game.subs({name: 2}).payoffs[0].tolist() == [4, 3]
    f = game.lambdify()
    np.testing.assert_array_equal(f(2.0), [[4.0, 3.0]])
    np.testing.assert_array_equal(f(**{name: 2.0}), [[4.0, 3.0]])


@settings(max_examples=25, deadline=None)
@given(games_with_values())
def test_derived_pickle_and_equality_on_random_games(gv):
    game, values = gv
    back = pickle.loads(pickle.dumps(game))
    assert back == game and hash(back) == hash(game)
    assert back.parameters == game.parameters
    assert back.subs(values) == game.subs(values)


def test_to_latex_escapes_labels():
    """Regression: labels such as 'R&D' or 'Cut 50%' once went into the table unescaped."""
    game = cg.SymbolicGame([[[1, 2], [3, 4]], [[1, 2], [3, 4]]], actions=[["R&D", "Cut 50%"], ["a_1", "#2"]])
    text = game.to_latex()
    for escaped in ("R\\&D", "Cut 50\\%", "a\\_1", "\\#2"):
        assert escaped in text
    rows = [line for line in text.splitlines() if line.endswith("\\\\")]
    assert len(rows) == 3
    for line in rows:  # two columns: exactly two unescaped cell separators, nothing commented out
        assert len(re.findall(r"(?<!\\)&", line)) == 2
        assert not re.search(r"(?<!\\)%", line)


def test_parameter_keys_read_by_the_one_parameter_reader():
    """SymbolicGame reads parameter keys through games.expressions.parameter_values: messages and classes kept."""
    game = pgg()
    with pytest.raises(InvalidProfileError, match=r"^SymbolicGame\.subs: expected parameter names among \['c', 'r'\], got 'q'$"):
        game.subs({"q": 1})
    with pytest.raises(InvalidProfileError, match=r"^SymbolicGame\.subs: expected parameter names or symbols as keys, got 3$"):
        game.subs({3: 1})
    with pytest.raises(InvalidProfileError, match=r"^SymbolicGame\.defaults: expected parameter names among"):
        pgg(defaults={sympy.Symbol("q"): 1, "q": 1})
    # a symbol outside the game substitutes nothing; one named like a parameter stands for it
    assert game.subs({sympy.Symbol("z"): 1}) == game
    assert game.subs({sympy.Symbol("c", positive=True): 2}) == game.subs(c=2)
