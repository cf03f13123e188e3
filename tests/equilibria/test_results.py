"""The equilibrium results: one vocabulary, verified construction, explanations, tables, and the limits of the front doors."""

from __future__ import annotations

import math
import pickle
import re

import numpy as np
import pytest
import sympy

import coopgame as cg
from coopgame import models
from coopgame.equilibria.conditions import _sympy_guarded
from coopgame.equilibria.continuous import best_response_iteration, continuous_equilibrium
from coopgame.equilibria.correlated import correlated_equilibrium
from coopgame.equilibria.result import Equilibrium, equilibria_frame
from coopgame.equilibria.symmetric import symmetric_mixed_equilibria, symmetric_pure_equilibria
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameTypeError,
    InvalidProfileError,
    NotSupportedError,
    SolverLimitError,
    UnresolvedParameterError,
)
from coopgame.games.continuous import ContinuousGame
from coopgame.games.symmetric import SymmetricGame
from coopgame.results import Solutions

PD = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True,
                       players=["North", "South"], actions=[["Govern", "Free-ride"]] * 2)
PENNIES = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)


# ---------------------------------------------------------------- construction refuses non-equilibria
def test_equilibrium_refuses_a_profile_with_positive_regret():
    with pytest.raises(InvalidProfileError, match="regret 2 .*North gains 2.*Equilibrium.unverified"):
        Equilibrium(PD, [[1, 0], [1, 0]])
    with pytest.raises(InvalidProfileError, match="regret"):
        Equilibrium(PD.to_float(), [[0.5, 0.5], [0.5, 0.5]])
    eq = Equilibrium.unverified(PD, [[1, 0], [1, 0]])
    assert not eq.is_verified() and eq.max_regret() == 2
    # within the float tolerance is accepted
    assert Equilibrium(PD.to_float(), [[1e-12, 1 - 1e-12], [0, 1]]).is_verified()


def test_equilibrium_refuses_bad_input_with_typed_errors():
    with pytest.raises(InvalidGameTypeError):
        Equilibrium("pd", [[1, 0], [1, 0]])
    with pytest.raises(InvalidProfileError):
        Equilibrium(PD, [[0.5, 0.6], [0, 1]])
    with pytest.raises(InvalidProfileError):
        Equilibrium.unverified(PD, [[float("nan"), 1], [0, 1]])
    with pytest.raises(InvalidProfileError, match="method"):
        Equilibrium(PD, ["Free-ride", "Free-ride"], method=3)


def test_equilibrium_vocabulary_and_immutability():
    eq = Equilibrium(PD, ["Free-ride", "Free-ride"], method="by hand")
    assert eq.is_exact and eq.support == ((1,), (1,)) and eq.support_labels == (("Free-ride",), ("Free-ride",))
    assert eq.payoffs.tolist() == [1, 1] and eq.method == "by hand"
    with pytest.raises(AttributeError):
        eq.method = "other"
    with pytest.raises(ValueError, match="read-only"):
        eq.strategies[0][0] = 1
    assert not Equilibrium(PD.to_float(), [[0, 1], [0, 1]]).is_exact
    assert pickle.loads(pickle.dumps(eq)) == eq


# ---------------------------------------------------------------- the equilibrium explains itself
def test_explain_lists_every_action_value_and_marks_best_replies():
    [eq] = cg.mixed_equilibria(PENNIES)
    text = eq.explain()
    lines = text.splitlines()
    assert lines[0].startswith("Player 1 plays 1/2 1 + 1/2 2; against Player 2: 1/2 1 + 1/2 2")
    assert lines[1].split() == ["1", "0", "best", "reply,", "played"]
    assert lines[2].split() == ["2", "0", "best", "reply,", "played"]
    assert "an equilibrium (largest regret 0)" in lines[-1]
    wrong = Equilibrium.unverified(PD, [[1, 0], [1, 0]]).explain()
    rows = [line.split() for line in wrong.splitlines()]
    assert ["Govern", "3", "played"] in rows and ["Free-ride", "5", "best", "reply"] in rows
    assert "not an equilibrium (largest regret 2)" in wrong


def test_explain_is_exact_for_exact_games_and_float_otherwise():
    game = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], exact=True)
    mixed = [e for e in cg.mixed_equilibria(game) if not e.is_pure][0]
    assert "2/3" in mixed.explain()
    mixed_float = [e for e in cg.mixed_equilibria(game.to_float()) if not e.is_pure][0]
    assert "0.6667" in mixed_float.explain()


def test_html_shows_the_same_check_as_a_table():
    eq = cg.pure_equilibria(PD)[0]
    page = eq._repr_html_()
    assert page.count("<tr>") == 1 + 4  # header and one row per (player, action)
    assert "expected payoff against the others" in page and "\u2713" in page
    assert "every action played is a best reply" in page


# ---------------------------------------------------------------- one table for every kind
def test_frame_headers_are_payoff_colon_player_everywhere():
    eqs = cg.pure_equilibria(PD)
    frame = eqs.to_frame()
    assert list(frame.columns) == ["North", "South", "payoff: North", "payoff: South", "method"]
    assert equilibria_frame(eqs).equals(frame)
    ce = correlated_equilibrium(PD)
    assert "payoff: North" in equilibria_frame([ce]).columns


def test_equilibria_frame_accepts_every_kind():
    volunteer = SymmetricGame(3, ["Volunteer", "Abstain"],
                              lambda own, c: (2 if c[0] + (own == 0) else 0) - (own == 0), exact=True)
    cont = ContinuousGame(["b*x - x**2/2 - x*y/2", "b*y - y**2/2 - x*y/2"], ["x", "y"], [(0, None)] * 2)
    kinds = [
        cg.pure_equilibria(PD)[0],
        symmetric_pure_equilibria(volunteer)[0],
        symmetric_mixed_equilibria(volunteer.to_float() if hasattr(volunteer, "to_float") else volunteer)[0],
        correlated_equilibrium(PD),
        continuous_equilibrium(cont, values={"b": 3}),
        cg.symbolic_mixed_equilibrium(cg.SymbolicGame([[[0, 0], ["d - F", "d"]], [["-k", 0], ["B - k", 0]]])),
    ]
    frame = equilibria_frame(kinds)
    assert len(frame) == len(kinds)
    with pytest.raises(InvalidArgumentTypeError, match="equilibria_frame: expected equilibria"):
        equilibria_frame([1, 2])
    with pytest.raises(InvalidArgumentTypeError):
        equilibria_frame(5)
    assert all(any(str(c).startswith("payoff: ") for c in row.dropna().index) for _, row in frame.iterrows())


def test_symmetric_equilibrium_payoffs_are_per_player():
    volunteer = SymmetricGame(3, ["Volunteer", "Abstain"],
                              lambda own, c: (2 if c[0] + (own == 0) else 0) - (own == 0), exact=True)
    eqs = symmetric_pure_equilibria(volunteer)
    assert isinstance(eqs, Solutions) and eqs.method == "symmetric_pure" and eqs.is_complete
    eq = eqs[0]
    assert eq.payoffs == (1, 2, 2) and eq.action_payoffs == (1, 2)
    assert eq.support == ((0,), (1,), (1,)) and eq.support_labels[0] == ("Volunteer",)
    assert eq.to_equilibrium().payoffs.tolist() == list(eq.payoffs)
    [mixed] = cg.mixed_equilibria(SymmetricGame(3, ["Volunteer", "Abstain"],
                                                lambda own, c: (2 if c[0] + (own == 0) else 0) - (own == 0)))
    assert len(mixed.payoffs) == 3 and mixed.payoffs[0] == pytest.approx(1.0)
    assert equilibria_frame(eqs).columns[1] == "payoff: Volunteer players"


def test_every_solver_returns_solutions_that_say_how():
    assert cg.pure_equilibria(PD).method == "pure"
    for name in ("vertex_enumeration", "support_enumeration", "lemke_howson"):
        eqs = cg.mixed_equilibria(PD, method=name)
        assert isinstance(eqs, Solutions) and eqs.method == name and eqs.is_exact
        assert eqs.is_complete is (name != "lemke_howson")
    three = cg.NormalFormGame([np.ones((2, 2, 2), dtype=int)] * 3, exact=True)
    with pytest.warns(cg.DegenerateGameWarning):
        eqs = cg.equilibria.support_polynomial(three)
    assert eqs.is_complete is False and "continuum" in eqs.note
    with pytest.warns(cg.DegenerateGameWarning):
        eqs = cg.equilibria.support_enumeration(cg.NormalFormGame([[[1, 1], [1, 1]], [[1, 1], [1, 1]]]))
    assert eqs.is_complete is False and "degenerate" in eqs.note


# ---------------------------------------------------------------- limits as keywords, checked first
def test_solver_limits_are_keywords_naming_themselves():
    with pytest.raises(SolverLimitError, match="of at most max_dimension=1"):
        cg.equilibria.vertex_enumeration(PD, max_dimension=1)
    with pytest.raises(SolverLimitError, match="of at most max_pairs=2"):
        cg.equilibria.support_enumeration(PD, max_pairs=2)
    with pytest.raises(SolverLimitError, match="of at most max_size=3.*pure_equilibria"):
        cg.equilibria.lemke_howson(PD, max_size=3)
    big = cg.NormalFormGame([np.zeros((201, 200)), np.zeros((201, 200))])
    with pytest.raises(SolverLimitError, match="of at most max_size=40,000, got 40,200"):
        cg.mixed_equilibria(big, method="lemke_howson")
    for bad in (float("nan"), float("inf"), True, "10", 0):
        with pytest.raises(InvalidArgumentError):
            cg.equilibria.lemke_howson(PD, max_size=bad)
        with pytest.raises(InvalidArgumentError):
            cg.equilibria.vertex_enumeration(PD, max_dimension=bad)
    with pytest.raises(InvalidArgumentError, match="max_pivots"):
        cg.equilibria.lemke_howson(PD, max_pivots=float("nan"))


def test_dominance_refuses_non_boolean_strict():
    with pytest.raises(InvalidArgumentTypeError, match="strict"):
        cg.dominant_strategies(PD, strict=1)
    with pytest.raises(InvalidArgumentTypeError, match="strict"):
        cg.iterated_elimination(PD, strict="yes")


# ---------------------------------------------------------------- thresholds work as values
def _fined():
    pd = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["Cooperate", "Defect"]] * 2)
    return pd.apply(cg.Penalty(0, "Defect", "F"), cg.Penalty(1, "Defect", "F"))


def test_threshold_is_a_value():
    t = cg.threshold(_fined().subs({"R": 3, "S": 0, "T": 5, "P": 1}), ("Cooperate", "Cooperate"), "F")
    assert float(t) == 2.0 and sympy.sympify(t) == 2 and sympy.sympify(t) + 1 == 3
    assert t._repr_latex_() == r"$F \geq 2$"
    symbolic = cg.threshold(_fined(), ("Cooperate", "Cooperate"), "F")
    with pytest.raises(UnresolvedParameterError, match="evaluate"):
        float(symbolic)
    assert sympy.sympify(symbolic).free_symbols == {sympy.Symbol("P"), sympy.Symbol("R"), sympy.Symbol("S"),
                                                    sympy.Symbol("T")} or sympy.sympify(symbolic).free_symbols
    assert "geq" in symbolic._repr_latex_()


def test_threshold_evaluate_refuses_misspelt_and_bad_values():
    t = cg.threshold(_fined(), ("Cooperate", "Cooperate"), "F")
    assert t.evaluate(R=3, S=0, T=5, P=1) == 2.0
    with pytest.raises(InvalidArgumentError, match="unknown parameter 'rh0'.*expected one of: P, R, S, T"):
        t.evaluate(R=3, S=0, T=5, P=1, rh0=0.5)
    with pytest.raises(InvalidArgumentError, match="R"):
        t.evaluate(R=float("nan"), S=0, T=5, P=1)
    with pytest.raises(InvalidArgumentError):
        t.evaluate(R=math.inf, S=0, T=5, P=1)
    with pytest.raises(UnresolvedParameterError, match="missing"):
        t.evaluate(R=3)
    none = cg.threshold(cg.SymbolicGame([[["-F", 0], [0, 0]], [[0, 0], [0, 0]]], actions=[["a", "b"]] * 2),
                        ("a", "a"), "F", concept="strictly_dominant")
    if not none:
        with pytest.raises(InvalidProfileError, match="no value"):
            float(none)


def test_symbolic_mixed_equilibrium_with_rational_conditions():
    """Issue 13: a prisoner's dilemma with only T free used to raise sympy's PolynomialError."""
    game = models.prisoners_dilemma(R=3, P=1, S=0)
    try:
        eq = cg.symbolic_mixed_equilibrium(game)
    except NotSupportedError as err:  # a typed refusal is acceptable, a sympy error is not
        assert "symbolic_mixed_equilibrium" in str(err)
    else:
        assert eq.conditions is not None and "$" in eq._repr_latex_()
        with pytest.raises(InvalidArgumentError, match="unknown parameter 'X'"):
            eq.subs(X=1)


def test_sympy_errors_become_typed():
    @_sympy_guarded("demo")
    def bad():
        raise sympy.PolynomialError("boom")

    with pytest.raises(NotSupportedError, match="demo: .*PolynomialError: boom") as err:
        bad()
    assert isinstance(err.value.__cause__, sympy.PolynomialError)


# ---------------------------------------------------------------- continuous front doors
def test_best_response_iteration_checks_its_options():
    game = ContinuousGame(["-Abs(x - y/2 - 1)", "-Abs(y - x/2 - 1)"], ["x", "y"], [(-5, 5)] * 2)
    with pytest.raises(InvalidArgumentError, match="max_iter"):
        best_response_iteration(game, max_iter=0)
    for bad in (float("nan"), float("inf"), -1.0, 0.0):
        with pytest.raises(InvalidArgumentError, match="xtol"):
            best_response_iteration(game, xtol=bad)
    with pytest.raises(InvalidArgumentError, match="did you mean 'root'"):
        continuous_equilibrium(game, method="roots")
    with pytest.raises(InvalidGameTypeError):
        best_response_iteration(PD)


# ---------------------------------------------------------------- pinned by mutation testing (issue 12)
def _coordination(exact=False):
    return cg.NormalFormGame([[[1, 0], [0, 2]], [[1, 0], [0, 2]]], actions=[["Up", "Downward"], ["L", "R"]],
                             exact=exact)


def test_verification_names_the_front_door_the_worst_player_and_the_way_out():
    from fractions import Fraction as F
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    with pytest.raises(InvalidProfileError) as err:
        Equilibrium(pd, [[0, 1], [1, 0]])                      # only Player 2 gains (1) by deviating
    assert str(err.value) == ("Equilibrium: expected a Nash equilibrium, got a profile with regret 1 (Player 2 gains 1 "
                              "by deviating); use Equilibrium.unverified(...) to build it anyway")
    with pytest.raises(InvalidProfileError, match=r"^Equilibrium: expected one probability vector"):
        Equilibrium(pd, [[1, 0]])
    with pytest.raises(InvalidProfileError, match=r"^Equilibrium\.unverified: expected one probability vector"):
        Equilibrium.unverified(pd, [[1, 0]])
    with pytest.raises(InvalidGameTypeError, match=r"^Equilibrium: expected a NormalFormGame, got list$"):
        Equilibrium([[1]], [[1]])
    with pytest.raises(InvalidGameTypeError, match=r"^Equilibrium\.unverified: expected a NormalFormGame, got list$"):
        Equilibrium.unverified([[1]], [[1]])
    # exact games: no tolerance at all, however small the regret
    tiny = F(1, 10**12)
    near = cg.NormalFormGame([[[1], [1 + tiny]], [[0], [0]]], exact=True)
    with pytest.raises(InvalidProfileError, match="regret 1/1000000000000 "):
        Equilibrium(near, [[1, 0], [1]])
    half = cg.NormalFormGame([[[1], [F(3, 2)]], [[0], [0]]], exact=True)
    with pytest.raises(InvalidProfileError, match="regret 1/2"):
        Equilibrium(half, [[1, 0], [1]])
    # float games: within the game's float tolerance
    fl = cg.NormalFormGame([[[1.0], [1.0 + 1e-12]], [[0.0], [0.0]]])
    assert Equilibrium(fl, [[1, 0], [1]]).is_verified()


def test_default_method_and_trusted_payoffs():
    game = _coordination(exact=True)
    assert Equilibrium.unverified(game, [[1, 0], [1, 0]]).method == ""
    vectors = [np.array([1.0, 0.0]), np.array([1.0, 0.0])]
    assert Equilibrium._trusted(game, vectors).method == ""
    kept = Equilibrium._trusted(game, vectors, payoffs=np.array([7, 7]), method="given")
    assert kept.payoffs.tolist() == [7, 7]                  # trusted: the solver's payoffs are kept as given
    eq = cg.pure_equilibria(game)[1]
    again = pickle.loads(pickle.dumps(eq))
    assert again == eq and again.method == "pure"


def test_best_replies_in_floats_are_within_the_float_tolerance_and_exact_ones_exact():
    from fractions import Fraction as F
    tol = 1e-9
    fl = cg.NormalFormGame([[[1.0], [1.0 - tol]], [[0.0], [0.0]]])       # exactly the tolerance apart: a tie
    eq = Equilibrium(fl, [[1, 0], [1]])
    assert eq._checks()[0][2] == (0, 1)
    assert "  2  1  best reply\n" in eq.explain() + "\n"
    apart = cg.NormalFormGame([[[1.0], [1.0 - 3 * tol]], [[0.0], [0.0]]])
    assert Equilibrium(apart, [[1, 0], [1]])._checks()[0][2] == (0,)
    ex = cg.NormalFormGame([[[1], [1 - F(1, 10**12)]], [[0], [0]]], exact=True)
    assert Equilibrium(ex, [[1, 0], [1]])._checks()[0][2] == (0,)


def test_explain_layout_is_exact():
    eq = cg.pure_equilibria(_coordination())[1]
    assert eq.explain() == (
        "Player 1 plays Downward; against Player 2: R\n"
        "  Up        0\n"
        "  Downward  2  best reply, played\n"
        "Player 2 plays R; against Player 1: Downward\n"
        "  L  0\n"
        "  R  2  best reply, played\n"
        "Every action played is a best reply: an equilibrium (largest regret 0).")
    wide = cg.NormalFormGame([[[10, 0], [0, 2]], [[1, 0], [0, 2]]], actions=[["A", "Bbb"], ["L", "R"]])
    lines = cg.pure_equilibria(wide)[0].explain().splitlines()
    assert lines[1:3] == ["  A    10  best reply, played", "  Bbb   0"]
    solo = cg.NormalFormGame([[3, 1, 3]])
    assert cg.pure_equilibria(solo)[0].explain().splitlines()[:4] == [
        "Player 1 plays 1", "  1  3  best reply, played", "  2  1", "  3  3  best reply"]
    three = cg.NormalFormGame([np.ones((2, 2, 2))] * 3)
    assert cg.pure_equilibria(three)[0].explain().splitlines()[0] == "Player 1 plays 1; against Player 2: 1; Player 3: 1"


def test_html_check_table_marks_and_verdict():
    eq = cg.pure_equilibria(_coordination())[0]
    page = eq._repr_html_()
    assert re.match(rf"<table><caption[^>]*>{re.escape(repr(eq))}</caption>", page)
    assert ("<tr><th>player</th><th>action</th><th>probability</th><th>expected payoff against the others</th>"
            "<th>best reply</th><th>played</th></tr>") in page
    assert "<tr><td>Player 1</td><td>Up</td><td>1</td><td>1</td><td>\u2713</td><td>\u2713</td></tr>" in page
    assert "<tr><td>Player 1</td><td>Downward</td><td>0</td><td>0</td><td></td><td></td></tr>" in page
    assert page.endswith("<p>every action played is a best reply (largest regret 0)</p>")
    bad = Equilibrium.unverified(_coordination(), [[0, 1], [1, 0]])
    page = bad._repr_html_()
    assert "<tr><td>Player 1</td><td>Up</td><td>0</td><td>1</td><td>\u2713</td><td></td></tr>" in page
    assert "<tr><td>Player 1</td><td>Downward</td><td>1</td><td>0</td><td></td><td>\u2713</td></tr>" in page
    assert page.endswith("<p>some action played is not a best reply (largest regret 2)</p>")


def test_plain_forms_keep_exact_numbers_and_give_python_floats():
    from fractions import Fraction as F
    d = cg.pure_equilibria(_coordination())[1].to_dict()
    assert set(d) == {"players", "strategies", "payoffs", "method"} and d["method"] == "pure"
    assert d["players"] == ["Player 1", "Player 2"]
    assert d["strategies"]["Player 1"] == {"Up": 0.0, "Downward": 1.0}
    assert all(type(v) is float for v in d["payoffs"].values())
    assert all(type(v) is float for v in d["strategies"]["Player 2"].values())
    e = cg.pure_equilibria(_coordination(exact=True))[1].to_dict()
    assert e["payoffs"] == {"Player 1": F(2), "Player 2": F(2)}
    assert all(type(v) is F for v in e["payoffs"].values())
    frame = cg.pure_equilibria(_coordination()).to_frame()
    assert frame["method"].tolist() == ["pure", "pure"]


def test_order_and_equality_of_equilibria():
    from coopgame.equilibria.result import sort_equilibria
    eqs = list(cg.pure_equilibria(_coordination()))
    assert sort_equilibria(eqs[::-1]) == eqs
    assert sort_equilibria(eqs[::-1])[0].pure_profile == ("Up", "L")
    assert eqs[0] != eqs[1] and eqs[0] == cg.pure_equilibria(_coordination())[0]


def test_equilibrium_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.errors import InvalidArgumentTypeError

    obj = cg.pure_equilibria(PD)[0]
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.regrets(player=0)
    assert "Equilibrium.regrets: got an unknown keyword argument 'player'; it takes no keyword arguments" in str(caught.value)

def test_symmetric_equilibrium_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.errors import InvalidArgumentTypeError

    obj = symmetric_pure_equilibria(SymmetricGame(3, ["Volunteer", "Abstain"], lambda own, c: (2 if c[0] + (own == 0) else 0) - (own == 0), exact=True))[0]
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.to_equilibrium(exact=True)
    assert "SymmetricEquilibrium.to_equilibrium: got an unknown keyword argument 'exact'; it takes no keyword arguments" in str(caught.value)
