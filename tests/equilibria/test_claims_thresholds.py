"""Claims of docs/explanation/claims.md about instruments and thresholds, as properties (C1 instrument part, C5, C6, C7).

Closed forms marked *derived* on the claims page are derived again here with sympy
from the model, then compared with what the library returns; numbers are
checked on the substituted game with independent solvers.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import coopgame as cg
from tests.oracles import best_reply_to_everything

POS = st.fractions(Fraction(1, 4), 10, max_denominator=8)
PROB = st.fractions(Fraction(1, 20), 1, max_denominator=20)
PROB_OPEN = st.fractions(Fraction(1, 20), Fraction(19, 20), max_denominator=20)
EPS = sympy.Rational(1, 1000)


def R(v) -> sympy.Rational:
    return sympy.Rational(Fraction(v).numerator, Fraction(v).denominator)


def same(a, b) -> bool:
    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0


def dominant_profile(g, idx, strict=False) -> bool:
    return all(best_reply_to_everything(g, p, a, strict) for p, a in enumerate(idx))


def strict_nash(g, idx) -> bool:
    for p, a in enumerate(idx):
        for alt in range(g.shape[p]):
            if alt != a:
                dev = list(idx)
                dev[p] = alt
                if not g.payoffs[p][tuple(idx)] > g.payoffs[p][tuple(dev)]:
                    return False
    return True


# ============================================================================ C5: inspection (Avenhaus, von Stengel and Zamir 2002)

def inspection_game():
    """Local: Real / False cooperation (False saves dc); Centre: Inspect (cost k) / Trust.

    Built from the bare incentives plus a Penalty instrument: detection rho brings
    the fine F to Local; the centre's benefit rho*B is written in directly.
    """
    bare = cg.SymbolicGame([[[0, 0], ["dc", "dc"]], [["-k", 0], ["rho*B - k", 0]]],
                           players=["Local", "Centre"], actions=[["Real", "False"], ["Inspect", "Trust"]])
    # the fine falls only when the centre inspects: a Transfer-like penalty on the (False, Inspect) cell
    fined = cg.SymbolicGame([[[0, 0], ["dc - rho*F", "dc"]], [["-k", 0], ["rho*B - k", 0]]],
                            players=["Local", "Centre"], actions=[["Real", "False"], ["Inspect", "Trust"]])
    return bare, fined


@settings(max_examples=10, deadline=None)
@given(dc=POS, k=POS, B=POS, rho=PROB, F=POS)
def test_derived_c5_inspection_mixed_equilibrium(dc, k, B, rho, F):
    _, game = inspection_game()
    s = {n: game.symbol(n) for n in ("dc", "k", "B", "rho", "F")}
    eq = cg.symbolic_mixed_equilibrium(game)
    x_star, y_star = eq.strategies[0][1], eq.strategies[1][0]  # share of false cooperation, inspection rate
    # derive again: y* makes Local indifferent, x* makes the Centre indifferent
    x, y = sympy.symbols("x y", positive=True)
    y_derived = sympy.solve(sympy.Eq(0, y * (s["dc"] - s["rho"] * s["F"]) + (1 - y) * s["dc"]), y)[0]
    x_derived = sympy.solve(sympy.Eq(x * (s["rho"] * s["B"] - s["k"]) + (1 - x) * (-s["k"]), 0), x)[0]
    assert same(x_star, x_derived) and same(x_star, s["k"] / (s["rho"] * s["B"]))
    assert same(y_star, y_derived) and same(y_star, s["dc"] / (s["rho"] * s["F"]))
    # the penalty paradox: x* does not depend on F; y* falls in F
    assert sympy.simplify(sympy.diff(x_star, s["F"])) == 0
    dy = sympy.diff(y_star, s["F"])
    vals = {s["dc"]: R(dc), s["k"]: R(k), s["B"]: R(B), s["rho"]: R(rho), s["F"]: R(F)}
    assert dy.xreplace(vals) < 0
    # numerically: when interior, the solver finds exactly this equilibrium
    xv, yv = x_star.xreplace(vals), y_star.xreplace(vals)
    interior = bool(0 < xv < 1) and bool(0 < yv < 1)
    assert bool(eq.subs({n: v for n, v in zip(("dc", "k", "B", "rho", "F"), (dc, k, B, rho, F))}).conditions) is interior
    if interior:
        eqs = cg.mixed_equilibria(game.subs(dc=dc, k=k, B=B, rho=rho, F=F))
        assert len(eqs) == 1
        (pr, pf), (pi, pt) = eqs[0].strategies
        assert float(pf) == pytest.approx(float(xv)) and float(pi) == pytest.approx(float(yv))
        # raising the fine leaves the false-cooperation share unchanged and lowers the inspection rate
        eqs2 = cg.mixed_equilibria(game.subs(dc=dc, k=k, B=B, rho=rho, F=2 * F))
        assert len(eqs2) == 1
        assert float(eqs2[0].strategies[0][1]) == pytest.approx(float(pf))
        assert float(eqs2[0].strategies[1][0]) < float(pi)


def certain_inspection(detection="rho"):
    """The centre inspects for sure: Local alone chooses; a Penalty instrument fines False cooperation."""
    bare = cg.SymbolicGame([[["0"], ["dc"]], [["-k"], ["B - k"]]],
                           players=["Local", "Centre"], actions=[["Real", "False"], ["Inspect"]])
    return bare.apply(cg.Penalty("Local", "False", "F", detection=detection))


@settings(max_examples=10, deadline=None)
@given(dc=POS, rho1=PROB, rho2=PROB)
def test_derived_c5_minimum_fine_decreases_in_detection(dc, rho1, rho2):
    game = certain_inspection()
    t = cg.threshold(game, ("Real", "Inspect"), "F", concept="dominant")
    dcs, rho = game.symbol("dc"), game.symbol("rho")
    assert t and t.attained and same(t.value, dcs / rho)  # F_min = dc/rho
    assert sympy.diff(dcs / rho, rho).is_negative
    lo, hi = sorted((rho1, rho2))
    assume(lo < hi)
    assert t.evaluate(dc=dc, rho=lo) > t.evaluate(dc=dc, rho=hi)
    # independent check: at F_min Real is a best reply, just below it is not
    f_min = R(dc) / R(hi)
    assert dominant_profile(game.subs(dc=dc, rho=hi, F=f_min), (0, 0))
    assert not dominant_profile(game.subs(dc=dc, rho=hi, F=f_min - EPS), (0, 0))


@settings(max_examples=10, deadline=None)
@given(dc=POS, rhos=st.lists(PROB_OPEN, min_size=1, max_size=4), F=POS)
def test_derived_c5_each_supervisor_raises_deterrence(dc, rhos, F):
    names = [f"r{j}" for j in range(len(rhos))]
    values = dict(zip(names, rhos))
    previous_fmin, previous_rho, previous_y = None, None, None
    for m in range(1, len(rhos) + 1):
        game = certain_inspection(detection=tuple(names[:m]))
        sub = {n: values[n] for n in names[:m]}
        rho = cg.combined_detection(*[R(v) for v in rhos[:m]])
        assert rho == 1 - np.prod([1 - R(v) for v in rhos[:m]])
        t = cg.threshold(game, ("Real", "Inspect"), "F", concept="dominant", values={"dc": dc, **sub})
        assert t and same(t.value, R(dc) / rho)
        # the expected fine at a given F: exactly rho*F, read off the substituted game
        g = game.subs(dc=dc, F=F, **sub)
        assert g.payoffs[0][1, 0] == R(dc) - rho * R(F)
        # inspection rate needed in the mixed game, dc/(rho F)
        y = R(dc) / (rho * R(F))
        if previous_rho is not None:
            assert rho > previous_rho
            assert t.value < previous_fmin
            assert y < previous_y
        previous_fmin, previous_rho, previous_y = t.value, rho, y


@settings(max_examples=10, deadline=None)
@given(g=POS, k=POS, extra_p=POS, extra_r=POS)
def test_published_tsebelis_1989_inspection_equilibrium(g, k, extra_p, extra_r):
    """Tsebelis, G. (1989) "The abuse of probability in political analysis: the Robinson Crusoe
    fallacy", American Political Science Review 83(1): 77-91. Violator gain g, penalty p > g;
    inspector reward r > cost k: the violation rate is x* = k/r and the inspection rate y* = g/p,
    so the violation rate does not depend on the penalty."""
    game = cg.SymbolicGame([[["g - p", "g"], [0, 0]], [["r - k", 0], ["-k", 0]]],
                           players=["Violator", "Inspector"], actions=[["Violate", "Comply"], ["Inspect", "Not"]])
    eq = cg.symbolic_mixed_equilibrium(game)
    gs, ps, rs, ks = (game.symbol(n) for n in "gprk")
    assert same(eq.strategies[0][0], ks / rs)
    assert same(eq.strategies[1][0], gs / ps)
    assert sympy.diff(eq.strategies[0][0], ps) == 0
    p, r = R(g) + R(extra_p), R(k) + R(extra_r)
    eqs = cg.mixed_equilibria(game.subs(g=g, p=p, r=r, k=k))
    assert len(eqs) == 1
    assert float(eqs[0].strategies[0][0]) == pytest.approx(float(R(k) / r))
    assert float(eqs[0].strategies[1][0]) == pytest.approx(float(R(g) / p))


# ============================================================================ C7: prisoner's dilemma with a fine

def fined_pd():
    pd = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["Cooperate", "Defect"]] * 2)
    return pd.apply(cg.Penalty(0, "Defect", "F", detection="rho"), cg.Penalty(1, "Defect", "F", detection="rho"))


@st.composite
def pd_payoffs(draw):
    s = draw(st.integers(0, 5))
    p = s + draw(st.integers(1, 5))
    r = p + draw(st.integers(1, 5))
    t = r + draw(st.integers(1, 5))
    return dict(T=t, R=r, P=p, S=s)


@settings(max_examples=10, deadline=None)
@given(pay=pd_payoffs(), rho=PROB, F=st.fractions(0, 30, max_denominator=8).filter(lambda f: f > 0))
def test_derived_c7_fine_makes_cooperation_dominant(pay, rho, F):
    game = fined_pd()
    need = max(pay["T"] - pay["R"], pay["P"] - pay["S"])
    t = cg.threshold(game, ("Cooperate", "Cooperate"), "F", concept="dominant")
    assert t and t.attained
    assert t.evaluate(rho=rho, **pay) == pytest.approx(need / float(rho))
    tv = cg.threshold(game, ("Cooperate", "Cooperate"), "F", concept="dominant", values={"rho": rho, **pay})
    assert tv.value == R(need) / R(rho)
    # cooperation dominant iff rho*F >= max(T - R, P - S), on the substituted game
    g = game.subs(rho=rho, F=F, **pay)
    assert dominant_profile(g, (0, 0)) is bool(R(rho) * R(F) >= need)
    boundary = R(need) / R(rho)
    assert dominant_profile(game.subs(rho=rho, F=boundary, **pay), (0, 0))
    assert not dominant_profile(game.subs(rho=rho, F=boundary - EPS, **pay), (0, 0))
    # strict Nash needs only rho*F > T - R
    s = cg.threshold(game, ("Cooperate", "Cooperate"), "F", concept="strict")
    assert s and not s.attained
    assert same(s.value.xreplace({game.symbol(k): v for k, v in pay.items()}), 0) is False
    assert sympy.simplify(s.value - sympy.Max(0, (game.symbol("T") - game.symbol("R")) / game.symbol("rho"))) == 0 \
        or s.evaluate(rho=rho, **pay) == pytest.approx((pay["T"] - pay["R"]) / float(rho))
    assert s.evaluate(rho=rho, **pay) == pytest.approx((pay["T"] - pay["R"]) / float(rho))
    f_strict = R(pay["T"] - pay["R"]) / R(rho)
    assert not strict_nash(game.subs(rho=rho, F=f_strict, **pay), (0, 0))
    assert strict_nash(game.subs(rho=rho, F=f_strict + EPS, **pay), (0, 0))


def test_derived_c7_docstring_example():
    t = cg.threshold(fined_pd(), ("Cooperate", "Cooperate"), "F", concept="dominant")
    assert t.evaluate(R=3, S=0, T=5, P=1, rho=0.5) == pytest.approx(4.0)


# ============================================================================ C1: instruments in public goods

def public_goods_2():
    return cg.SymbolicGame([[["r*c - c", "r*c/2 - c"], ["r*c/2", 0]],
                            [["r*c - c", "r*c/2"], ["r*c/2 - c", 0]]], actions=[["Govern", "Free-ride"]] * 2)


R_DILEMMA = st.fractions(Fraction(21, 20), Fraction(39, 20), max_denominator=20)


@settings(max_examples=10, deadline=None)
@given(c=POS, r=R_DILEMMA, rho=PROB)
def test_derived_c1_subsidy_and_penalty_make_governing_dominant(c, r, rho):
    base = public_goods_2()
    cs, rs = base.symbol("c"), base.symbol("r")
    N = 2
    # derive: governing's advantage against any other action is r*c/N - c (+ s, or + rho*F)
    s_sym, f_sym, rho_sym = sympy.symbols("s F rho", positive=True)
    advantages = {base.payoffs[0][0, j] - base.payoffs[0][1, j] for j in range(2)}
    assert len({sympy.simplify(a) for a in advantages}) == 1
    adv = sympy.simplify(advantages.pop())
    s_min = sympy.solve(sympy.Eq(adv + s_sym, 0), s_sym)[0]
    assert same(s_min, cs * (1 - rs / N))
    f_min = sympy.solve(sympy.Eq(adv + rho_sym * f_sym, 0), f_sym)[0]

    subsidised = base.apply(cg.Subsidy(0, "Govern", "s"), cg.Subsidy(1, "Govern", "s"))
    t = cg.threshold(subsidised, ("Govern", "Govern"), "s", concept="dominant")
    assert t and t.attained
    assert t.evaluate(c=c, r=r) == pytest.approx(float(s_min.subs({cs: R(c), rs: R(r)})))
    bound = s_min.subs({cs: R(c), rs: R(r)})
    assert dominant_profile(subsidised.subs(c=c, r=r, s=bound), (0, 0))
    assert not dominant_profile(subsidised.subs(c=c, r=r, s=bound - EPS), (0, 0))
    assert cg.dominant_strategies(subsidised.subs(c=c, r=r, s=bound + EPS)).profile == ("Govern", "Govern")

    fined = base.apply(cg.Penalty(0, "Free-ride", "F", detection="rho"), cg.Penalty(1, "Free-ride", "F", detection="rho"))
    tf = cg.threshold(fined, ("Govern", "Govern"), "F", concept="dominant")
    want = f_min.subs({cs: R(c), rs: R(r), rho_sym: R(rho)})
    assert tf.evaluate(c=c, r=r, rho=rho) == pytest.approx(float(want))
    # the formula itself, in the game's own detection symbol: F >= c (1 - r/N) / rho
    assert same(tf.value.subs({cs: R(c), rs: R(r)}), f_min.subs({cs: R(c), rs: R(r), rho_sym: fined.symbol("rho")}))
    assert dominant_profile(fined.subs(c=c, r=r, rho=rho, F=want), (0, 0))
    assert not dominant_profile(fined.subs(c=c, r=r, rho=rho, F=want - EPS), (0, 0))
    # without instruments free-riding is strictly dominant in the dilemma 1 < r < N
    assert cg.dominant_strategies(base.subs(c=c, r=r)).profile == ("Free-ride", "Free-ride")


# ============================================================================ C6: race to the bottom

def race_to_the_bottom():
    """Race to the bottom (claim C6): investment G to the laxer region (split on a tie); Lax costs D own, sigma*D to the neighbour."""
    u1 = [["G/2", "-sigma*D"], ["G - D", "G/2 - D - sigma*D"]]
    u2 = [["G/2", "G - D"], ["-sigma*D", "G/2 - D - sigma*D"]]
    return cg.SymbolicGame([u1, u2], actions=[["Strict", "Lax"]] * 2)


@settings(max_examples=10, deadline=None)
@given(D=POS, extra=POS, sigma=st.fractions(0, 2, max_denominator=4).filter(lambda v: v > 0), rho=PROB)
def test_derived_c6_race_to_the_bottom_unique_threshold(D, extra, sigma, rho):
    G = 2 * (Fraction(D) + Fraction(extra))  # G/2 > D
    game = race_to_the_bottom()
    vals = dict(G=G, D=D, sigma=sigma)
    # without a fine: (Lax, Lax) is the unique equilibrium, Pareto-dominated by (Strict, Strict)
    plain = game.subs(vals)
    eqs = cg.mixed_equilibria(plain)
    assert len(eqs) == 1 and eqs[0].is_pure
    assert [int(np.argmax(np.asarray(v, dtype=float))) for v in eqs[0].strategies] == [1, 1]
    assert all(plain.payoffs[p][0, 0] > plain.payoffs[p][1, 1] for p in range(2))
    # harmonisation: a unified standard leaves (Strict, Strict) alone
    harmonised = game.apply(cg.Standard(0, "Lax"), cg.Standard(1, "Lax"))
    assert harmonised.shape == (1, 1) and harmonised.actions == (("Strict",), ("Strict",))
    # a central fine on Lax: unique from rho*F > G/2 - D
    fined = game.apply(cg.Penalty(0, "Lax", "F", detection="rho"), cg.Penalty(1, "Lax", "F", detection="rho"))
    t = cg.threshold(fined, ("Strict", "Strict"), "F", concept="unique", values={**vals, "rho": rho})
    want = (R(G) / 2 - R(D)) / R(rho)
    assert t and not t.attained
    assert sympy.nsimplify(t.value) == want
    for F, unique in ((want + EPS, True), (want, False), (want - EPS, False)):
        eqs = cg.mixed_equilibria(fined.subs(**vals, rho=rho, F=F))
        is_unique = len(eqs) == 1 and eqs[0].is_pure and float(eqs[0].strategies[0][0]) == 1 \
            and float(eqs[0].strategies[1][0]) == 1
        assert is_unique is unique, (F, eqs)
