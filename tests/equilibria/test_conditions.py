"""Tests of the symbolic equilibrium and dominance conditions and the closed-form 2x2 mixed equilibrium.

Every symbolic answer is checked against an independent numeric oracle:
numbers substituted into the game, then the payoff comparisons done directly
or with :func:`coopgame.pure_equilibria` / :func:`coopgame.mixed_equilibria`.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.errors import CoopgameError, NotSupportedError
from tests.oracles import best_reply_to_everything, is_nash

# ----------------------------------------------------------------------------- games

ACTIONS_PG = [["Govern", "Free-ride"]] * 2


def public_goods_2():
    """Public goods (claim C1), binary, N = 2: u_i = r*c*K/2 - c*[i governs]."""
    return cg.SymbolicGame([[["r*c - c", "r*c/2 - c"], ["r*c/2", 0]],
                            [["r*c - c", "r*c/2"], ["r*c/2 - c", 0]]], actions=ACTIONS_PG)


def prisoners_dilemma():
    return cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
                           actions=[["Cooperate", "Defect"]] * 2)


def stag_hunt():
    """Stag pays a together, 0 alone; hare pays h whatever the other does."""
    return cg.SymbolicGame([[["a", 0], ["h", "h"]], [["a", "h"], [0, "h"]]], actions=[["Stag", "Hare"]] * 2)


def sym(game, name):
    return game.symbol(name)


def at(expr, game, **values):
    """A sympy Boolean with values substituted (names resolved through the game)."""
    return sympy.sympify(expr).xreplace({sym(game, k): sympy.nsimplify(v) for k, v in values.items()})


# ----------------------------------------------------------------------------- oracles

is_dominant = best_reply_to_everything


# ----------------------------------------------------------------------------- known games

def test_derived_public_goods_two_regions_conditions():
    g = public_goods_2()
    r = sym(g, "r")
    assert cg.equilibrium_conditions(g, ("Govern", "Govern")) == sympy.Ge(r, 2)
    assert cg.equilibrium_conditions(g, ("Free-ride", "Free-ride")) == sympy.Le(r, 2)
    assert cg.equilibrium_conditions(g, ("Govern", "Govern"), strict=True) == sympy.Gt(r, 2)
    assert cg.equilibrium_conditions(g, ("Free-ride", "Free-ride"), strict=True) == sympy.Lt(r, 2)
    assert cg.dominance_conditions(g, 0, "Free-ride") == sympy.Lt(r, 2)
    assert cg.dominance_conditions(g, 1, "Govern", strict=False) == sympy.Ge(r, 2)
    # the cost c > 0 is divided out: it appears nowhere
    for cond in (cg.equilibrium_conditions(g, (0, 0)), cg.dominance_conditions(g, "Player 1", 1)):
        assert sym(g, "c") not in cond.free_symbols


def test_derived_public_goods_asymmetric_profile_needs_r_equal_2():
    # (Govern, Free-ride): the governor needs r >= 2, the free-rider r <= 2
    g = public_goods_2()
    cond = cg.equilibrium_conditions(g, ("Govern", "Free-ride"))
    assert at(cond, g, r=2) == sympy.true
    assert at(cond, g, r=Fraction(19, 10)) == sympy.false
    assert at(cond, g, r=Fraction(21, 10)) == sympy.false
    strict = cg.equilibrium_conditions(g, ("Govern", "Free-ride"), strict=True)
    for r in (Fraction(1, 2), 1, Fraction(19, 10), 2, Fraction(21, 10), 3):
        assert at(strict, g, r=r) == sympy.false


def test_derived_contradictory_conditions_reduce_to_false():
    # (r > 2) & (r < 2) is decided under the assumptions: sympy.false (fixed in bb8cb4f)
    g = public_goods_2()
    assert cg.equilibrium_conditions(g, ("Govern", "Free-ride"), strict=True) == sympy.false


def test_derived_prisoners_dilemma_conditions():
    g = prisoners_dilemma()
    cc = cg.equilibrium_conditions(g, ("Cooperate", "Cooperate"))
    dd = cg.equilibrium_conditions(g, ("Defect", "Defect"))
    dom = cg.dominance_conditions(g, 0, "Defect")
    pd = dict(T=5, R=3, P=1, S=0)
    assert at(cc, g, **pd) == sympy.false
    assert at(dd, g, **pd) == sympy.true
    assert at(dom, g, **pd) == sympy.true
    # a stag-hunt ordering R > T > P > S keeps (C, C) and (D, D), loses dominance of Defect
    sh = dict(T=4, R=5, P=2, S=1)
    assert at(cc, g, **sh) == sympy.true
    assert at(dd, g, **sh) == sympy.true
    assert at(dom, g, **sh) == sympy.false
    # strict dominance of Defect is exactly T > R and P > S
    T, R, P, S = (sym(g, n) for n in "TRPS")
    for vals in product([1, 2, 3], repeat=4):
        m = dict(zip((T, R, P, S), vals))
        expected = vals[0] > vals[1] and vals[2] > vals[3]
        assert bool(dom.xreplace(m)) is expected


def test_derived_stag_hunt_conditions():
    g = stag_hunt()
    a, h = sym(g, "a"), sym(g, "h")
    ss = cg.equilibrium_conditions(g, ("Stag", "Stag"))
    hh = cg.equilibrium_conditions(g, ("Hare", "Hare"))
    assert ss == sympy.Ge(a, h) or sympy.simplify(ss.xreplace({a: 3, h: 2})) == sympy.true
    # Hare against Hare beats Stag's 0 whatever h > 0: always an equilibrium, strictly
    assert hh == sympy.true
    assert cg.equilibrium_conditions(g, ("Hare", "Hare"), strict=True) == sympy.true
    assert cg.equilibrium_conditions(g, ("Stag", "Hare")) == sympy.false
    # neither action is dominant when a > h; Hare is dominant when h >= a (weakly)
    assert at(cg.dominance_conditions(g, 0, "Stag"), g, a=3, h=2) == sympy.false
    assert at(cg.dominance_conditions(g, 0, "Hare", strict=False), g, a=2, h=2) == sympy.true
    assert at(cg.dominance_conditions(g, 0, "Hare", strict=True), g, a=2, h=2) == sympy.false
    assert at(cg.dominance_conditions(g, 0, "Hare", strict=True), g, a=1, h=2) == sympy.true


def test_derived_conditions_on_numeric_games_are_decided():
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"]] * 2)
    assert cg.equilibrium_conditions(pd, ("D", "D")) == sympy.true
    assert cg.equilibrium_conditions(pd, ("C", "C")) == sympy.false
    assert cg.equilibrium_conditions(pd, (1, 1), strict=True) == sympy.true
    assert cg.dominance_conditions(pd, 0, "D") == sympy.true
    assert cg.dominance_conditions(pd, 1, "C", strict=False) == sympy.false
    # ties: weak holds, strict fails
    tie = cg.NormalFormGame([[[1, 1], [1, 0]], [[1, 1], [1, 0]]])
    assert cg.equilibrium_conditions(tie, (0, 0)) == sympy.true
    assert cg.equilibrium_conditions(tie, (0, 0), strict=True) == sympy.false
    assert cg.dominance_conditions(tie, 0, 0, strict=False) == sympy.true
    assert cg.dominance_conditions(tie, 0, 0, strict=True) == sympy.false


def test_derived_conditions_three_players():
    # three-region binary public goods with r = 2 < N = 3: free-riding strictly dominant
    u = np.empty((2, 2, 2), dtype=object)
    pay = []
    for p in range(3):
        arr = np.empty((2, 2, 2), dtype=object)
        for idx in np.ndindex(2, 2, 2):
            k = sum(1 for x in idx if x == 0)
            arr[idx] = f"r*c*{k}/3" + (" - c" if idx[p] == 0 else "")
        pay.append(arr.tolist())
    g = cg.SymbolicGame(pay, actions=[["Govern", "Free-ride"]] * 3)
    r = sym(g, "r")
    assert cg.dominance_conditions(g, 2, "Free-ride") == sympy.Lt(r, 3)
    assert cg.equilibrium_conditions(g, ("Govern",) * 3) == sympy.Ge(r, 3)
    del u


def test_derived_conditions_errors():
    g = prisoners_dilemma()
    with pytest.raises(CoopgameError):
        cg.equilibrium_conditions(g, ("Cooperate",))
    with pytest.raises(CoopgameError):
        cg.equilibrium_conditions(g, ("Cooperate", "Betray"))
    with pytest.raises(CoopgameError):
        cg.dominance_conditions(g, 5, "Cooperate")
    with pytest.raises(CoopgameError):
        cg.equilibrium_conditions([[1, 2], [3, 4]], (0, 0))


# ----------------------------------------------------------------------------- property: conditions agree with numbers

COEF = st.integers(-4, 4)


@st.composite
def symbolic_games(draw):
    """Random 2x2 / 2x3 / 3x2 games with entries c0 + c1*a + c2*b, a and b positive symbols."""
    shape = draw(st.sampled_from([(2, 2), (2, 3), (3, 2)]))
    payoffs = []
    for _ in range(2):
        arr = np.empty(shape, dtype=object)
        for idx in np.ndindex(*shape):
            c0, c1, c2 = draw(COEF), draw(COEF), draw(COEF)
            arr[idx] = f"{c0} + ({c1})*a + ({c2})*b"
        payoffs.append(arr.tolist())
    return cg.SymbolicGame(payoffs)


POSITIVE = st.fractions(min_value=Fraction(1, 6), max_value=6, max_denominator=6)


@settings(max_examples=40, deadline=None)
@given(symbolic_games(), POSITIVE, POSITIVE, st.data())
def test_derived_conditions_agree_with_substituted_game(game, a, b, data):
    values = {k: {"a": a, "b": b}[k] for k in (s.name for s in game.parameters)}
    numeric = game.subs(values) if values else game
    if isinstance(numeric, cg.SymbolicGame):  # no parameter at all
        numeric = numeric.subs({})
    idx = tuple(data.draw(st.integers(0, m - 1)) for m in game.shape)
    subs = {game.symbol(k): sympy.Rational(v.numerator, v.denominator) for k, v in values.items()}
    for strict in (False, True):
        cond = cg.equilibrium_conditions(game, idx, strict=strict)
        assert bool(sympy.sympify(cond).xreplace(subs)) is is_nash(numeric, idx, strict), (cond, strict)
    pure = {tuple(int(np.argmax(s)) for s in e.strategies) for e in cg.pure_equilibria(numeric)}
    assert bool(sympy.sympify(cg.equilibrium_conditions(game, idx)).xreplace(subs)) is (idx in pure)
    p = data.draw(st.integers(0, 1))
    for strict in (False, True):
        cond = cg.dominance_conditions(game, p, idx[p], strict=strict)
        assert bool(sympy.sympify(cond).xreplace(subs)) is is_dominant(numeric, p, idx[p], strict), (cond, strict)
    if cg.dominant_strategies(numeric, strict=True).indices[p] == idx[p]:
        assert bool(sympy.sympify(cg.dominance_conditions(game, p, idx[p])).xreplace(subs))


# ----------------------------------------------------------------------------- symbolic mixed equilibrium

def test_derived_matching_pennies_mixed():
    mp = cg.NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    eq = cg.symbolic_mixed_equilibrium(mp)
    half = sympy.Rational(1, 2)
    assert eq.strategies == ((half, half), (half, half))
    assert eq.payoffs == (0, 0)
    assert eq.conditions == sympy.true


def test_derived_stag_hunt_mixed_agrees_with_solver():
    g = stag_hunt()
    eq = cg.symbolic_mixed_equilibrium(g)
    a, h = sym(g, "a"), sym(g, "h")
    # indifference: a*q = h, so q = h/a
    assert sympy.simplify(eq.strategies[0][0] - h / a) == 0
    assert sympy.simplify(eq.strategies[1][0] - h / a) == 0
    num = eq.subs(a=4, h=3)
    assert num.strategies[0] == (sympy.Rational(3, 4), sympy.Rational(1, 4))
    assert num.conditions == sympy.true
    assert eq.subs(a=2, h=3).conditions == sympy.false
    solved = cg.mixed_equilibria(g.subs(a=4, h=3))
    interior = [e for e in solved if not e.is_pure]
    assert len(interior) == 1
    assert [Fraction(x) for x in interior[0].strategies[0]] == [Fraction(3, 4), Fraction(1, 4)]
    assert sympy.nsimplify(num.payoffs[0]) == 3


def test_derived_mixed_equilibrium_errors():
    three = cg.SymbolicGame([[["a", 0, 1], [0, "a", 1]], [[0, 1, 2], [1, 0, 2]]])
    with pytest.raises(NotSupportedError):
        cg.symbolic_mixed_equilibrium(three)
    with pytest.raises(NotImplementedError):  # NotSupportedError is also the built-in
        cg.symbolic_mixed_equilibrium(three)
    # no interaction: a player's payoff differences do not depend on the other's mix
    flat = cg.SymbolicGame([[["a", "a"], [0, 0]], [[1, 0], [1, 0]]])
    with pytest.raises(NotSupportedError):
        cg.symbolic_mixed_equilibrium(flat)
    three_players = cg.NormalFormGame([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(NotSupportedError):
        cg.symbolic_mixed_equilibrium(three_players)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=8, max_size=8))
def test_derived_mixed_closed_form_makes_opponent_indifferent(entries):
    A = np.array(entries[:4], dtype=object).reshape(2, 2)
    B = np.array(entries[4:], dtype=object).reshape(2, 2)
    game = cg.NormalFormGame([A, B])
    try:
        eq = cg.symbolic_mixed_equilibrium(game)
    except NotSupportedError:
        assert A[0, 0] - A[0, 1] - A[1, 0] + A[1, 1] == 0 or B[0, 0] - B[0, 1] - B[1, 0] + B[1, 1] == 0
        return
    (x0, x1), (y0, y1) = eq.strategies
    assert sympy.simplify(x0 + x1 - 1) == 0 and sympy.simplify(y0 + y1 - 1) == 0
    # the column player's mix y makes the row player indifferent, and vice versa
    assert sympy.simplify(A[0, 0] * y0 + A[0, 1] * y1 - A[1, 0] * y0 - A[1, 1] * y1) == 0
    assert sympy.simplify(B[0, 0] * x0 + B[1, 0] * x1 - B[0, 1] * x0 - B[1, 1] * x1) == 0
    interior = all(0 < v < 1 for v in (x0, y0))
    assert bool(eq.conditions) is interior
    generic = all(A[0, j] != A[1, j] for j in range(2)) and all(B[i, 0] != B[i, 1] for i in range(2))
    if interior and generic:  # in degenerate games the point may lie inside a component, not at a vertex
        want = np.array([float(x0), float(x1), float(y0), float(y1)])
        found = [e for e in cg.mixed_equilibria(game)
                 if np.allclose(np.concatenate([np.asarray(v, dtype=float) for v in e.strategies]), want, atol=1e-9)]
        assert found, "the closed form is an equilibrium the solver also finds"


@pytest.mark.parametrize("mapping", [3, "a", [("a", 3)], np.full((2, 2), np.nan)])
def test_symbolic_mixed_equilibrium_subs_takes_a_mapping(mapping):
    from coopgame import models
    from coopgame.equilibria import symbolic_mixed_equilibrium
    from coopgame.errors import InvalidArgumentTypeError

    eq = symbolic_mixed_equilibrium(models.stag_hunt())
    with pytest.raises(InvalidArgumentTypeError, match="SymbolicMixedEquilibrium.subs: expected the values as a mapping"):
        eq.subs(mapping)


def test_symbolic_mixed_equilibrium_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.errors import InvalidArgumentTypeError

    obj = cg.symbolic_mixed_equilibrium(cg.SymbolicGame([[[0, 0], ["d - F", "d"]], [["-k", 0], ["B - k", 0]]]))
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.subs({"d": 1}, 2)
    assert 'SymbolicMixedEquilibrium.subs: expected arguments (mapping' in str(caught.value)
