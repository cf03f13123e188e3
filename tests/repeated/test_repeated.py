"""Repeated games: critical discount factors (C2, C7, C8) and discounted play."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.errors import InvalidArgumentError, NotSupportedError
from coopgame.repeated import DiscountFactor, critical_discount_factor, play
from tests.strategies import pd_payoffs


def pd_game(t, r, p, s, fine=0, fine_mutual=True):
    """Prisoner's dilemma with an expected fine ``fine`` on defection (row: C, D).

    ``fine_mutual=False`` fines only a unilateral defection (the cell ``T``),
    the reading under which the claims page (claim C7) quotes ``(T - rhoF - R)/(T - rhoF - P)``.
    """
    pm = p - fine if fine_mutual else p
    a = [[r, s], [t - fine, pm]]
    b = [[r, t - fine], [s, pm]]
    return cg.NormalFormGame([a, b], actions=[["C", "D"]] * 2, exact=True)


def symbolic_pd():
    return cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["C", "D"]] * 2)


# ------------------------------------------------------------------ closed forms
@given(pd_payoffs(exact=True))
def test_derived_grim_formula(v):
    t, r, p, s = v
    d = critical_discount_factor(pd_game(t, r, p, s), ("C", "C"))
    assert isinstance(d, DiscountFactor) and d.strategy == "grim"
    assert d.value == (t - r) / (t - p)
    assert isinstance(d.value, Fraction)
    assert d.punishment == (("D", "D"), ("D", "D"))


@given(pd_payoffs(exact=True))
def test_derived_tit_for_tat_formula(v):
    t, r, p, s = v
    d = critical_discount_factor(pd_game(t, r, p, s), ("C", "C"), strategy="tit_for_tat")
    expected = max((t - r) / (t - p), (t - r) / (r - s))
    assert d.value == (expected if expected < 1 else None)


def test_derived_symbolic_grim_and_tft():
    game = symbolic_pd()
    T, R, P, S = (game.symbol(x) for x in "TRPS")
    grim = critical_discount_factor(game, ("C", "C"), punishment=("D", "D")).value
    assert sympy.simplify(grim - (T - R) / (T - P)) == 0
    tft = critical_discount_factor(game, ("C", "C"), strategy="tft", punishment=("D", "D")).value
    assert isinstance(tft, sympy.Max)
    assert sympy.simplify(tft.subs({T: 5, R: 3, P: 1, S: 0}) - Fraction(2, 3)) == 0
    with pytest.raises(NotSupportedError):  # equilibria of the symbolic PD cannot be decided
        critical_discount_factor(game, ("C", "C"))


def test_derived_float_game_gives_float():
    game = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    d = critical_discount_factor(game, (0, 0))
    assert isinstance(d.value, float) and d.value == pytest.approx(0.5)
    assert "grim" in repr(d) and "0.5" in repr(d)


def test_one_shot_and_errors():
    game = pd_game(5, 3, 1, 0)
    assert critical_discount_factor(game, ("D", "D"), strategy="one_shot").value == 0
    assert critical_discount_factor(game, ("C", "C"), strategy="one_shot").value is None
    with pytest.raises(InvalidArgumentError):
        critical_discount_factor(game, ("C", "C"), strategy="forgiving")


def test_default_punishment_is_worst_equilibrium_for_deviator():
    # stage game with two pure equilibria (D, D) and (E, E); (E, E) is worse for both
    a = [[4, 0, 0], [6, 2, 0], [0, 0, 1]]
    game = cg.NormalFormGame([a, [list(r) for r in zip(*a)]], actions=[["C", "D", "E"]] * 2, exact=True)
    d = critical_discount_factor(game, ("C", "C"))
    assert d.punishment == (("E", "E"), ("E", "E"))
    assert d.value == Fraction(6 - 4, 6 - 1)
    assert critical_discount_factor(game, ("C", "C"), punishment=("D", "D")).value == Fraction(2, 4)


# ------------------------------------------------------------------ C7: penalties
@given(pd_payoffs(exact=True), st.fractions(min_value=0, max_value=40, max_denominator=4),
       st.fractions(min_value=0, max_value=40, max_denominator=4))
def test_claim_C7_delta_non_increasing_in_penalty(v, f1, f2):
    t, r, p, s = v
    lo, hi = sorted((f1, f2))
    for mutual in (True, False):
        d_lo = critical_discount_factor(pd_game(t, r, p, s, lo, mutual), ("C", "C"), punishment=("D", "D")).value
        d_hi = critical_discount_factor(pd_game(t, r, p, s, hi, mutual), ("C", "C"), punishment=("D", "D")).value
        assert d_hi <= d_lo
        if t - lo > r:  # while defection still pays
            if mutual:  # the fine also lowers P: the denominator T - P is unchanged
                assert d_lo == (t - lo - r) / (t - p)
            else:  # the formula quoted with claim C7
                assert d_lo == (t - lo - r) / (t - lo - p)
                if lo > 0:
                    assert d_lo != (t - lo - r) / (t - p)  # a wrong formula is rejected
        else:
            assert d_lo == 0


@given(pd_payoffs(exact=True), st.fractions(min_value=0, max_value=40, max_denominator=4))
def test_claim_C7_cooperation_dominant_iff_penalty_large(v, f):
    t, r, p, s = v
    game = pd_game(t, r, p, s, f)
    dominant = all(game.payoffs[0][0, j] >= game.payoffs[0][1, j] for j in range(2))
    assert dominant == (f >= max(t - r, p - s))
    # a wrong threshold is rejected: max(T - R, P - S) cannot be replaced by T - R alone
    if p - s > t - r and t - r <= f < p - s:
        assert not dominant
    if dominant:
        assert critical_discount_factor(game, ("C", "C"), strategy="one_shot").value == 0


def test_claim_C7_symbolic_penalty_formula():
    game = symbolic_pd()
    fined = game.apply(cg.Penalty(0, "D", "F", detection="rho")).apply(cg.Penalty(1, "D", "F", detection="rho"))
    T, R, P = (fined.symbol(x) for x in "TRP")
    rho_f = fined.symbol("rho") * fined.symbol("F")
    d = critical_discount_factor(fined, ("C", "C"), punishment=("D", "D")).value
    # the fine hits mutual defection too, so P becomes P - rhoF and T - P is unchanged
    assert sympy.simplify(d - (T - rho_f - R) / (T - P)) == 0
    assert sympy.simplify(d - (T - rho_f - R) / (T - rho_f - P)) != 0
    assert sympy.simplify(sympy.diff(d, fined.symbol("F")).subs({T: 5, R: 3, P: 1, "rho": 1, "F": 1})) < 0


# ------------------------------------------------------------------ C8: simulation
def _best_deviation_payoff(t, r, p, s, delta, rounds):
    """Discounted payoff of the best one-shot deviation from (C, C) against grim: defect first, then defect."""
    game = pd_game(t, r, p, s)
    return play(game, ["always_defect", "grim"], rounds, delta).payoffs[0]


@settings(max_examples=60)
@given(pd_payoffs(exact=True), st.sampled_from([Fraction(1, 20), Fraction(1, 7), Fraction(1, 3)]))
def test_claim_C8_grim_subgame_perfect_iff_delta_above_threshold(v, eps):
    t, r, p, s = v
    game = pd_game(t, r, p, s)
    star = critical_discount_factor(game, ("C", "C")).value
    assert star == (t - r) / (t - p)
    for delta, expect in ((star + eps * (1 - star), True), (star * (1 - eps), False)):
        rounds = 400
        coop = play(game, ["grim", "grim"], rounds, delta).payoffs[0]
        dev = _best_deviation_payoff(t, r, p, s, delta, rounds)
        # finite truncation: add the exact tails of the stationary continuations
        tail = delta ** rounds / (1 - delta)
        coop_inf, dev_inf = coop + tail * r, dev + tail * p
        assert (coop_inf >= dev_inf) == expect
        # in the punishment phase, (D, D) is a stage equilibrium: no one-shot gain
        assert p >= s
        # a wrong threshold is rejected: (T-R)/(R-S) differs from grim's condition in general
        assert critical_discount_factor(game, ("C", "C")).sustains(delta) == expect


# ------------------------------------------------------------------ C2: N regions
@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_claim_C2_public_goods_delta_of_n(n):
    game = cg.models.public_goods(n=n)
    r = game.symbol("r")
    d = critical_discount_factor(game, (0,) * n, punishment=(1,) * n).value
    assert sympy.simplify(d - (n - r) / (r * (n - 1))) == 0
    assert sympy.simplify(d - (n - r) / (r * n)) != 0  # a wrong formula is rejected


def test_claim_C2_delta_increasing_in_n():
    values = []
    for n in (2, 3, 4, 5):
        game = cg.models.public_goods(n=n, r=Fraction(3, 2), c=4)
        values.append(critical_discount_factor(game, (0,) * n).value)
    assert values == [Fraction(n) / Fraction(3, 2) / (n - 1) - Fraction(1, n - 1) for n in (2, 3, 4, 5)]
    assert values == sorted(values) and len(set(values)) == 4


# ------------------------------------------------------------------ play
def test_play_strategies():
    game = pd_game(5, 3, 1, 0)
    out = play(game, ["tft", "alld"], 3, Fraction(1, 2))
    assert out.history == (("C", "D"), ("D", "D"), ("D", "D"))
    assert out.payoffs == (Fraction(3, 4), Fraction(23, 4))
    assert out.average == tuple(Fraction(1, 2) * x for x in out.payoffs)
    out = play(game, ["wsls", lambda h: "D" if not h else "C"], 3, Fraction(1, 2))
    assert out.history == (("C", "D"), ("D", "C"), ("D", "C"))
    assert play(game, ["allc", "grim"], 2, 0.5).history == (("C", "C"), ("C", "C"))
    assert "RepeatedPlay(2 rounds" in repr(play(game, ["allc", "grim"], 2, 0.5))
    with pytest.raises(InvalidArgumentError):
        play(game, ["nice"], 2, 0.5)
    with pytest.raises(InvalidArgumentError):
        play(game, ["allc", "unknown"], 2, 0.5)


def test_punishment_better_than_cooperation_gives_upper_bound():
    # (C, C) is a stage equilibrium, but "punishing" by (D, D) pays 5 > 3: small delta only
    game = cg.NormalFormGame([[[3, 0], [2, 5]], [[3, 0], [2, 5]]], actions=[["C", "D"]] * 2, exact=True)
    d = critical_discount_factor(game, ("C", "C"), punishment=("D", "D"))
    assert d.value == 0 and d.sustains(Fraction(1, 4)) and not d.sustains(Fraction(9, 10))
    assert critical_discount_factor(game, ("C", "C")).sustains(Fraction(9, 10))  # default: worst equilibrium (C, C)


# ------------------------------------------------------------------ C2 for many regions (anonymous games)
@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=2, max_value=400), st.data())
def test_claim_C2_anonymous_public_goods_delta_of_n(n, data):
    from coopgame.models.anonymous import public_goods_anonymous

    r = data.draw(st.fractions(min_value=Fraction(9, 8), max_value=n, max_denominator=8)
                  .filter(lambda x: 1 < x < n))
    c = data.draw(st.fractions(min_value=Fraction(1, 2), max_value=10, max_denominator=4))
    d = critical_discount_factor(public_goods_anonymous(n=n, c=c, r=r), "Govern")
    # independent: the one-shot deviation condition R >= (1 - delta) T + delta P, by hand
    R, T, P = r * c - c, r * c * (n - 1) / n, Fraction(0)
    assert d.value == (T - R) / (T - P)
    assert d.value == (n - r) / (r * (n - 1))
    assert d.punishment == (("Free-ride",) * n,)
    # one more region raises the threshold (C2)
    bigger = critical_discount_factor(public_goods_anonymous(n=n + 1, c=c, r=r), "Govern").value
    assert bigger > d.value


@pytest.mark.parametrize("n", [2, 3, 4])
def test_anonymous_agrees_with_normal_form(n):
    from coopgame.models.anonymous import public_goods_anonymous

    r, c = Fraction(5, 4), 3
    full = critical_discount_factor(cg.models.public_goods(n=n, r=r, c=c), (0,) * n)
    anon = critical_discount_factor(public_goods_anonymous(n=n, c=c, r=r), ("Govern",) * n)
    assert full.value == anon.value
    assert critical_discount_factor(public_goods_anonymous(n=n, c=c, r=r), "Free-ride", strategy="one_shot").value == 0
    assert critical_discount_factor(public_goods_anonymous(n=n, c=c, r=r), "Govern", strategy="one_shot").value is None


def test_anonymous_errors_and_repr():
    from coopgame.models.anonymous import public_goods_anonymous

    game = public_goods_anonymous(n=30)
    assert "Govern x 30" in repr(critical_discount_factor(game, "Govern"))
    with pytest.raises(NotSupportedError):
        critical_discount_factor(game, "Govern", strategy="tit_for_tat")
    with pytest.raises(NotSupportedError):
        critical_discount_factor(game, ("Govern",) * 29 + ("Free-ride",))
    # r >= n: governing is itself a stage equilibrium, sustained at any delta
    assert critical_discount_factor(public_goods_anonymous(n=3, r=4), "Govern").value == 0


@settings(max_examples=40)
@given(pd_payoffs(exact=True), st.fractions(min_value=Fraction(1, 20), max_value=Fraction(19, 20), max_denominator=20))
def test_claim_C8_no_gain_from_one_shot_deviation_in_the_punishment_phase(v, delta):
    """Subgame perfection needs the punishment phase to hold too: once grim trigger punishes, returning to
    cooperation for one round (a user strategy written as a function of the history) loses delta (P - S)."""
    t, r, p, s = v
    game = pd_game(t, r, p, s)

    def cooperate_once_while_punished(history):
        return "C" if len(history) == 1 else "D"

    rounds = 30
    punished = play(game, ["always_defect", "grim"], rounds, delta)
    detour = play(game, [cooperate_once_while_punished, "grim"], rounds, delta)
    assert detour.history[:3] == (("D", "C"), ("C", "D"), ("D", "D"))
    # both continue with (D, D) for ever after round 2, so the truncated difference is the exact one
    assert detour.payoffs[0] - punished.payoffs[0] == delta * (s - p)
    assert detour.payoffs[0] < punished.payoffs[0]


def test_discount_factor_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.errors import InvalidArgumentTypeError
    from coopgame.repeated import critical_discount_factor

    obj = critical_discount_factor(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]), (0, 0))
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.sustains(delt=0.5)
    assert "DiscountFactor.sustains: got an unknown keyword argument 'delt' (did you mean 'delta'?)" in str(caught.value)
