"""Tests of :func:`coopgame.threshold`: every threshold returned really is the boundary.

The key property: for random games with policy instruments (penalties,
subsidies, transfers) and random values of the other parameters, the profile
holds under the concept just above the threshold (and at it when
``attained``), and fails just below it (unless the threshold is the
parameter's lower limit 0). "Holds" is decided independently of the code under
test: numbers are substituted into the game and the payoffs compared directly,
or with ``pure_equilibria``, ``dominant_strategies`` and ``mixed_equilibria``.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.errors import CoopgameError, InvalidProfileError
from tests.oracles import best_reply_to_everything, is_nash

# ----------------------------------------------------------------------------- independent oracles


def _pure_index(eq) -> tuple[int, ...] | None:
    if not eq.is_pure:
        return None
    return tuple(int(np.argmax(np.asarray(s, dtype=float))) for s in eq.strategies)


def holds(g: cg.NormalFormGame, idx: tuple[int, ...], concept: str) -> bool:
    if concept == "nash":
        result = is_nash(g, idx)
        assert result is (idx in {_pure_index(e) for e in cg.pure_equilibria(g)})
        return result
    if concept == "strict":
        return is_nash(g, idx, strict=True)
    if concept == "strictly_dominant":
        return cg.dominant_strategies(g, strict=True).indices == tuple(idx)
    if concept == "dominant":
        # "each player's action is a best reply to every profile of the others"; the library's
        # weak dominance (dominant_strategies(strict=False)) also asks for a strict gain somewhere,
        # so it implies ours but not conversely (ties everywhere)
        ours = all(best_reply_to_everything(g, p, a, strict=False) for p, a in enumerate(idx))
        weak = cg.dominant_strategies(g, strict=False).indices
        if weak == tuple(idx):
            assert ours
        return ours
    if concept == "unique":
        eqs = cg.mixed_equilibria(g)
        return len(eqs) == 1 and _pure_index(eqs[0]) == tuple(idx)
    raise AssertionError(concept)


def numeric_game(game: cg.SymbolicGame, values) -> cg.NormalFormGame:
    g = game.subs(values)
    assert isinstance(g, cg.NormalFormGame), g
    return g


def rational(v) -> sympy.Expr:
    v = sympy.sympify(v)
    if v.is_Float:
        return sympy.nsimplify(v, rational=True)
    return v


EPS = sympy.Rational(1, 1000)


def _empty_interval_bug(t: cg.Threshold) -> bool:
    """The known bug pinned by ``test_derived_empty_interval_at_zero_is_no_value`` (xfail): for a positive
    parameter whose only bound is ``upper == 0`` the answer is "x > 0 and x <= 0" instead of no value.
    Treated here as "no value works", which the probes then check."""
    return (t.value is not None and not t.attained and sympy.sympify(t.value) == 0
            and sympy.sympify(t.upper) == 0)
PROBES = [sympy.Rational(1, 100), sympy.Rational(1, 2), 1, 2, 5, 17, 100, 10**4]


def check_boundary(game: cg.SymbolicGame, idx, param: str, concept: str, others: dict) -> cg.Threshold:
    """Assert that ``threshold(..., values=others)`` is the boundary of where ``idx`` holds."""
    t = cg.threshold(game, idx, param, concept=concept, values=others)

    def at(v) -> bool:
        return holds(numeric_game(game, {**others, param: v}), idx, concept)

    if not t or _empty_interval_bug(t):
        assert t.reason or _empty_interval_bug(t)
        for v in PROBES:
            assert not at(v), (t, v)
        return t
    value = rational(t.value)
    upper = t.upper if t.upper == sympy.oo else rational(t.upper)
    assert value.is_number and value >= 0, t
    assert value < upper or (t.attained and value == upper), t
    # just above (and below the upper limit, which may cut the interval)
    step = EPS if upper == sympy.oo else min(EPS, (upper - value) / 2)
    if step > 0:
        assert at(value + step), (t, "fails just above")
    if t.attained:
        assert at(value), (t, "fails at an attained value")
    elif value > 0:
        assert not at(value), (t, "holds at a value said not attained")
    if value > 0:
        below = max(value - EPS, value / 2)
        assert not at(below), (t, "holds just below")
    if upper != sympy.oo:
        assert not at(upper + EPS), (t, "holds above the upper limit")
    return t


# ----------------------------------------------------------------------------- random instrumented games

INSTRUMENT_PARAM = {"penalty": "F", "subsidy": "s", "transfer": "t"}


@st.composite
def instrumented(draw):
    """A random 2x2 or 2x3 game with entries c0 + c1*a, an instrument on it, and a target profile."""
    shape = draw(st.sampled_from([(2, 2), (2, 3), (3, 2)]))
    coef = st.integers(-5, 5)
    payoffs = []
    for _ in range(2):
        arr = np.empty(shape, dtype=object)
        for ix in np.ndindex(*shape):
            c0, c1 = draw(coef), draw(st.integers(-2, 2))
            arr[ix] = f"{c0} + ({c1})*a"
        payoffs.append(arr.tolist())
    game = cg.SymbolicGame(payoffs, actions=[[f"A{k}" for k in range(shape[0])], [f"B{k}" for k in range(shape[1])]])
    idx = tuple(draw(st.integers(0, m - 1)) for m in shape)
    kind = draw(st.sampled_from(sorted(INSTRUMENT_PARAM)))
    both = draw(st.booleans())
    instruments = []
    for p in ([0, 1] if both else [draw(st.integers(0, 1))]):
        if kind == "penalty":  # fine every action of p except the target one
            for k in range(shape[p]):
                if k != idx[p]:
                    instruments.append(cg.Penalty(p, k, "F", detection="rho"))
        elif kind == "subsidy":
            instruments.append(cg.Subsidy(p, idx[p], "s"))
        else:  # the other player pays p whenever p plays the target action
            instruments.append(cg.Transfer(1 - p, p, "t", when={p: idx[p]}))
    fined = game.apply(*instruments)
    param = INSTRUMENT_PARAM[kind]
    others = {}
    names = {s.name for s in fined.parameters}
    if "a" in names:
        others["a"] = draw(st.fractions(Fraction(1, 4), 4, max_denominator=4))
    if "rho" in names:
        others["rho"] = draw(st.fractions(Fraction(1, 10), 1, max_denominator=10))
    return fined, idx, param, others


def _check_symbolic_agrees(game, idx, param, concept, others, numeric_t):
    """The symbolic threshold, evaluated at the same values, says the same thing."""
    t = cg.threshold(game, idx, param, concept=concept)
    sub = {game.symbol(k): sympy.Rational(v.numerator, v.denominator) for k, v in others.items()}
    if not t:
        assert not numeric_t or _empty_interval_bug(numeric_t), (t, numeric_t)
        return
    cond = sympy.simplify(sympy.sympify(t.conditions).xreplace(sub))
    value = sympy.simplify(sympy.sympify(t.value).xreplace(sub))
    upper = sympy.simplify(sympy.sympify(t.upper).xreplace(sub))
    if numeric_t and not _empty_interval_bug(numeric_t):
        assert cond == sympy.true, (t, numeric_t)
        assert value == rational(numeric_t.value), (t, numeric_t)
        assert upper == numeric_t.upper or upper == rational(numeric_t.upper), (t, numeric_t)
    else:
        assert cond == sympy.false or value > upper or (not t.attained and value == upper), (t, numeric_t)


@pytest.mark.parametrize("concept", ["nash", "strict", "dominant", "strictly_dominant"])
@settings(max_examples=20, deadline=None)
@given(case=instrumented())
def test_derived_threshold_is_the_boundary(concept, case):
    game, idx, param, others = case
    numeric_t = check_boundary(game, idx, param, concept, others)
    _check_symbolic_agrees(game, idx, param, concept, others, numeric_t)


@settings(max_examples=15, deadline=None)
@given(case=instrumented())
def test_derived_unique_threshold_is_the_boundary(case):
    game, idx, param, others = case
    # 2x2 and 2x3 games: the scan includes the boundaries set by mixed equilibria on equal-size supports
    check_boundary(game, idx, param, "unique", others)


@settings(max_examples=15, deadline=None)
@given(case=instrumented())
def test_derived_unique_without_values_is_sufficient(case):
    """Without values the "unique" answer is strict dominance: above it the profile is the unique equilibrium."""
    game, idx, param, others = case
    assume(others)
    assume(game.shape == (2, 2))  # see the xfail tests at the end for larger games
    t = cg.threshold(game, idx, param, concept="unique")
    sub = {game.symbol(k): sympy.Rational(v.numerator, v.denominator) for k, v in others.items()}
    if not t or sympy.simplify(sympy.sympify(t.conditions).xreplace(sub)) != sympy.true:
        return
    value = sympy.simplify(sympy.sympify(t.value).xreplace(sub))
    upper = sympy.simplify(sympy.sympify(t.upper).xreplace(sub))
    if not value < upper:
        return
    step = EPS if upper == sympy.oo else min(EPS, (upper - value) / 2)
    assert holds(numeric_game(game, {**others, param: value + step}), idx, "unique")
    exact = check_boundary(game, idx, param, "unique", others)
    assert exact and rational(exact.value) <= value


# ----------------------------------------------------------------------------- coefficients of unknown sign

@settings(max_examples=15, deadline=None)
@given(k=st.fractions(Fraction(1, 4), 3, max_denominator=4), c=st.integers(-3, 3), d=st.integers(-3, 3),
       concept=st.sampled_from(["nash", "strict", "dominant", "strictly_dominant"]))
def test_derived_threshold_with_coefficient_of_unknown_sign(k, c, d, concept):
    """A payoff (k - 1)*x + c: the parameter's coefficient changes sign with k (a Piecewise bound)."""
    assume(k != 1)  # see test_derived_values_removing_the_parameter (xfail)
    game = cg.SymbolicGame([[["k*x - x + c0", "d0"], ["0", "1"]], [["1", "0"], ["1", "0"]]]).subs(c0=c, d0=d)
    others = {"k": k}
    numeric_t = check_boundary(game, (0, 0), "x", concept, others)
    _check_symbolic_agrees(game, (0, 0), "x", concept, others, numeric_t)


# ----------------------------------------------------------------------------- unit tests of Threshold

def pd_with_fine():
    pd = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["Cooperate", "Defect"]] * 2)
    return pd.apply(cg.Penalty(0, "Defect", "F", detection="rho"), cg.Penalty(1, "Defect", "F", detection="rho"))


def test_derived_threshold_object():
    g = pd_with_fine()
    t = cg.threshold(g, ("Cooperate", "Cooperate"), "F", concept="dominant")
    assert bool(t) and t.attained and t.method == "symbolic" and t.concept == "dominant"
    assert t.parameter == g.symbol("F")
    assert t.evaluate(R=3, S=0, T=5, P=1, rho=0.5) == pytest.approx(4.0)
    assert t.evaluate(R=3, S=0, T=4, P=3, rho=1) == pytest.approx(3.0)
    assert "F >=" in repr(t)
    s = cg.threshold(g, ("Cooperate", "Cooperate"), g.symbol("F"), concept="strictly_dominant")
    assert not s.attained and "F >" in repr(s) and s.value == t.value
    # (Defect, Cooperate) needs (P - S)/rho < F < (T - R)/rho: a band, empty when P - S >= T - R
    band = cg.threshold(g, ("Defect", "Cooperate"), "F", concept="strict")
    assert band and band.upper != sympy.oo
    never = cg.threshold(g, ("Defect", "Cooperate"), "F", concept="strict", values=dict(R=3, S=0, T=5, P=4, rho=1))
    assert not never and never.value is None and never.reason
    assert "no value works" in repr(never)
    with pytest.raises(InvalidProfileError):
        never.evaluate(R=3)


def test_derived_threshold_errors():
    g = pd_with_fine()
    with pytest.raises(cg.InvalidArgumentError, match="threshold"):
        cg.threshold(g, (0, 0), "F", concept="evolutionarily_stable")
    with pytest.raises(ValueError):  # InvalidArgumentError is also a ValueError
        cg.threshold(g, (0, 0), "F", concept="Nash")
    with pytest.raises(InvalidProfileError, match="'G'"):
        cg.threshold(g, (0, 0), "G")
    with pytest.raises(InvalidProfileError):
        cg.threshold(g, (0, 0), 3)
    with pytest.raises(CoopgameError):
        cg.threshold(g, ("Cooperate", "Betray"), "F")
    with pytest.raises(CoopgameError):
        cg.threshold(g, (0, 0), "F", values={"nonexistent": 1})
    # a parameter substituted away by values= is no longer a parameter
    with pytest.raises(InvalidProfileError):
        cg.threshold(g, (0, 0), "F", values={"F": 1})


def test_derived_nonlinear_parameter_needs_values():
    pd = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["C", "D"]] * 2)
    fined = pd.apply(cg.Penalty(0, "D", "F**2", detection="rho"), cg.Penalty(1, "D", "F**2", detection="rho"))
    t = cg.threshold(fined, ("C", "C"), "F", concept="nash")
    assert not t and "values=" in t.reason
    others = {"R": 3, "S": 0, "T": 5, "P": 1, "rho": sympy.Rational(1, 2)}
    t = check_boundary(fined, (0, 0), "F", "nash", others)
    assert float(t.value) == pytest.approx(2.0)  # rho F^2 >= T - R = 2
    t = check_boundary(fined, (0, 0), "F", "strictly_dominant", others)
    assert float(t.value) == pytest.approx(2.0) and not t.attained


def test_derived_numeric_game_threshold():
    # a numeric game with a symbolic subsidy: the threshold is a number
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    sub = pd.apply(cg.Subsidy(0, "Govern", "s"), cg.Subsidy(1, "Govern", "s"))
    assert cg.threshold(sub, ("Govern", "Govern"), "s").value == 2
    assert cg.threshold(sub, ("Govern", "Govern"), "s", concept="dominant").value == 2
    strict = cg.threshold(sub, ("Govern", "Govern"), "s", concept="strictly_dominant")
    assert strict.value == 2 and not strict.attained
    unique = cg.threshold(sub, ("Govern", "Govern"), "s", concept="unique")
    assert unique.value == 2 and not unique.attained
    # free-riding needs no subsidy at all: the least value is the lower limit 0, not attained (s > 0)
    zero = cg.threshold(sub, ("Free-ride", "Free-ride"), "s")
    assert zero.value == 0 and not zero.attained and zero.upper == 1


# ----------------------------------------------------------------------------- known bugs

def test_derived_empty_interval_at_zero_is_no_value():
    game = cg.SymbolicGame([[["-x", 0], [0, 1]], [[1, 0], [1, 0]]])
    # (0, 0) needs -x >= 0, impossible for x > 0
    assert not is_nash(game.subs(x=sympy.Rational(1, 1000)), (0, 0))
    t = cg.threshold(game, (0, 0), "x")
    assert not t, t


def test_derived_values_removing_the_parameter():
    game = cg.SymbolicGame([[["k*x - x", 0], [0, 1]], [[1, 0], [1, 0]]])
    t = cg.threshold(game, (0, 0), "x", values={"k": 1})
    assert t and t.value == 0


def test_derived_unique_threshold_misses_mixed_boundary():
    game = cg.SymbolicGame([[[0, 0, 0], ["-a", 0, "-a"]], [[0, "a", "s"], [1, 0, "-2*a + s"]]])
    a = Fraction(1, 4)
    assert not holds(game.subs(a=a, s=Fraction(29, 100)), (0, 2), "unique")  # oracle: 3 equilibria
    assert holds(game.subs(a=a, s=Fraction(31, 100)), (0, 2), "unique")
    t = cg.threshold(game, (0, 2), "s", concept="unique", values={"a": a})
    assert t.value == sympy.Rational(3, 10), t


def test_derived_vertex_enumeration_large_denominator():
    x = Fraction(163461538497358560562133789063, 10**29)
    g = cg.NormalFormGame([[[0, 0, 0], [x, x, x - Fraction(7, 4)]],
                           [[Fraction(11, 4), x, Fraction(9, 4)], [Fraction(-19, 4), x - Fraction(1, 4), -2]]])
    assert g.is_exact
    assert cg.mixed_equilibria(g)


def test_unique_threshold_refuses_games_whose_mixed_boundaries_it_cannot_scan():
    """Above MAX_SUPPORT_PAIRS the scan of mixed-support boundaries would be incomplete: refuse, do not guess."""
    import numpy as np
    import sympy

    F = sympy.Symbol("F")
    rng = np.random.default_rng(0)
    A = [[F if (i, j) == (0, 0) else int(v) for j, v in enumerate(row)]
         for i, row in enumerate(rng.integers(0, 5, (6, 6)))]
    game = cg.SymbolicGame([A, rng.integers(0, 5, (6, 6)).tolist()])
    with pytest.raises(cg.SolverLimitError, match="strictly_dominant"):
        cg.threshold(game, (0, 0), "F", concept="unique")


def test_threshold_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.errors import InvalidArgumentTypeError

    obj = cg.threshold(cg.SymbolicGame([[["R", 0], ["T", 1]], [["R", "T"], [0, 1]]]), (0, 0), "R")
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.parameters(symbols=True)
    assert "Threshold.parameters: got an unknown keyword argument 'symbols'; it takes no keyword arguments" in str(caught.value)
