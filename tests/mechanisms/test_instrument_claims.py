"""Claims about policy instruments (docs/explanation/claims.md), as property tests on symbolic games.

C4 (transfer part): transfers keep every profile's total payoff; the
compensation band; the Nash-bargained payment.  C5 (part): several
supervisors; the least fine F_min = dc/rho.  C6: the race to the bottom and
its two remedies.  C7 (part): a penalty on defection in a prisoner's dilemma.

Every closed form is derived again here with sympy from the game built with
coopgame, and each property is paired with a check that a deliberately wrong
variant (a leaky transfer, a wrong bargaining formula, a too-small fine ...)
is rejected, so that the property can fail.

Values are exact (Fractions), so the substituted games are exact and the
equilibrium and dominance checks involve no tolerance.
"""

from __future__ import annotations

import functools
import itertools
from fractions import Fraction

import numpy as np
import sympy
from hypothesis import HealthCheck, Phase, assume, find, given, settings
from hypothesis import strategies as st

import coopgame as cg
from tests.strategies_symbolic import instrument_specs, symbolic_games

# too_slow: each drawn game is built from sympy formulas, slow by nature rather than by a badly shaped strategy;
# filter_too_much: the Transfer-only instrument lists and the ordered parameter values (assume(low < high)) reject
# part of what is drawn on purpose, so that the claims are tested on their own domain.
PROPERTY = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
FIND = settings(max_examples=500, database=None, phases=[Phase.generate], deadline=None)


def sym(name: str) -> sympy.Symbol:
    return sympy.Symbol(name, positive=True)


def positive_fractions(max_numerator: int = 40, denominators=(1, 2, 3, 4)) -> st.SearchStrategy:
    return st.builds(Fraction, st.integers(1, max_numerator), st.sampled_from(denominators))


#: Probabilities in (0, 1].
probabilities = st.builds(lambda k, n: Fraction(k, n), st.integers(1, 12), st.just(12))


def payoff(game, player, profile):
    """A player's payoff (expression or number) at a pure profile given by labels."""
    return game.payoffs[game.player_index(player)][game.pure_profile(profile)]


def profiles(game):
    return [tuple(game.actions[p][k] for p, k in enumerate(idx)) for idx in np.ndindex(*game.shape)]


def best_actions(game, player, others):
    """Labels of ``player``'s best replies to the others' pure actions, compared exactly.

    Computed here, independently of ``NormalFormGame.best_responses`` (which once missed exact best
    responses: see ``test_best_responses_of_exact_games`` below, and the property after it).
    """
    values = game.action_values(player, others)
    best = max(values)
    p = game.player_index(player)
    return {game.actions[p][k] for k, v in enumerate(values) if v == best}


def pure_set(game):
    return {e.pure_profile for e in cg.pure_equilibria(game)}


def mixed_set(game):
    eqs = cg.mixed_equilibria(game)
    return {e.pure_profile for e in eqs}, all(e.is_pure for e in eqs), len(eqs)


# ============================================================================ C4: transfers keep totals

class LeakyTransfer(cg.Transfer):
    """A deliberately wrong transfer: the payee is paid, the payer is not charged."""

    def transform(self, payoffs, players, actions):
        out, acts = super().transform(payoffs, players, actions)
        a = players.index(self.payer) if isinstance(self.payer, str) else self.payer
        out[a] = payoffs[a]
        return out, acts


def totals_unchanged(before, after) -> bool:
    """Every profile's sum of payoffs is the same expression before and after (symbolically)."""
    for idx in np.ndindex(*before.shape):
        if sympy.expand(sum(a[idx] for a in after.payoffs) - sum(b[idx] for b in before.payoffs)) != 0:
            return False
    return True


@st.composite
def transfer_cases(draw, cls=cg.Transfer):
    game = draw(symbolic_games(shapes=((2, 2), (2, 3), (2, 2, 2)), max_parameters=2))
    specs = draw(st.lists(instrument_specs(game).filter(lambda sp: sp["kind"] == "Transfer"), min_size=1, max_size=3))
    transfers = [cls(sp["payer"], sp["payee"], sp["amount"], when=sp["when"]) for sp in specs]
    return game, transfers


@PROPERTY
@given(transfer_cases())
def test_derived_c4_transfers_never_change_total_payoff(case):
    game, transfers = case
    after = game.apply(*transfers)
    assert after.shape == game.shape
    assert totals_unchanged(game, after)


def test_derived_c4_total_check_rejects_a_leaky_transfer():
    def leaks(case):
        game, transfers = case
        return not totals_unchanged(game, game.apply(*transfers))

    game, transfers = find(transfer_cases(cls=LeakyTransfer), leaks, settings=FIND)
    assert not totals_unchanged(game, game.apply(*transfers))
    # the same transfers done properly keep the totals
    proper = [cg.Transfer(t.payer, t.payee, t.amount, when=t.when) for t in transfers]
    assert totals_unchanged(game, game.apply(*proper))


# ============================================================================ C4: the compensation band

C_u, b_u, B_d, T, theta = (sym(n) for n in ("C_u", "b_u", "B_d", "T", "theta"))
UPSTREAM, DOWNSTREAM = "Upstream", "Downstream"
PROTECT, DEVELOP, PAY, REFUSE = "Protect", "Develop", "Pay", "Refuse"


def river_game():
    """Claim C4: the upstream protects (opportunity cost C_u, own benefit b_u) or develops;
    the downstream gains B_d when the upstream protects, and may pay (Pay) or not (Refuse)."""
    return cg.SymbolicGame([[["b_u - C_u", "b_u - C_u"], [0, 0]],
                            [["B_d", "B_d"], [0, 0]]],
                           players=[UPSTREAM, DOWNSTREAM], actions=[[PROTECT, DEVELOP], [PAY, REFUSE]])


def compensated():
    """The payment T, enforceable, made when the upstream protects and the downstream has agreed to pay."""
    return river_game().apply(cg.Transfer(DOWNSTREAM, UPSTREAM, "T", when=(PROTECT, PAY)))


@functools.cache
def derived_band():
    """(T_low, T_high) from the compensated game: the upstream's incentive and the downstream's participation."""
    game = compensated()
    # Protect must be the upstream's best response when the downstream pays
    upstream_gain = payoff(game, UPSTREAM, (PROTECT, PAY)) - payoff(game, UPSTREAM, (DEVELOP, PAY))
    # the downstream must be no worse off than at (Develop, no payment)
    downstream_gain = payoff(game, DOWNSTREAM, (PROTECT, PAY)) - payoff(game, DOWNSTREAM, (DEVELOP, REFUSE))
    assert sympy.diff(upstream_gain, T) > 0 and sympy.diff(downstream_gain, T) < 0
    (low,) = sympy.solve(sympy.Eq(upstream_gain, 0), T)
    (high,) = sympy.solve(sympy.Eq(downstream_gain, 0), T)
    return low, high


def test_derived_c4_band_is_theory_band():
    low, high = derived_band()
    assert sympy.simplify(low - (C_u - b_u)) == 0
    assert sympy.simplify(high - B_d) == 0


@functools.cache
def derived_bargained_payment():
    """Generalised Nash bargaining over T: maximise (1 - theta) log(gain_U) + theta log(gain_D),
    gains measured from the disagreement point (Develop, no payment); theta is D's power."""
    game = compensated()
    gain_u = payoff(game, UPSTREAM, (PROTECT, PAY)) - payoff(game, UPSTREAM, (DEVELOP, REFUSE))
    gain_d = payoff(game, DOWNSTREAM, (PROTECT, PAY)) - payoff(game, DOWNSTREAM, (DEVELOP, REFUSE))
    objective = (1 - theta) * sympy.log(gain_u) + theta * sympy.log(gain_d)
    (t_star,) = sympy.solve(sympy.diff(objective, T), T)
    return t_star


NASH_BARGAINING_T_STAR = C_u - b_u + (1 - theta) * (B_d + b_u - C_u)
WRONG_T_STAR = C_u - b_u + theta * (B_d + b_u - C_u)  # bargaining power on the wrong side


def test_derived_c4_bargained_payment_matches_theory():
    t_star = derived_bargained_payment()
    assert sympy.simplify(t_star - NASH_BARGAINING_T_STAR) == 0
    # equal power: T* = (C_u - b_u + B_d) / 2
    assert sympy.simplify(t_star.subs(theta, sympy.Rational(1, 2)) - (C_u - b_u + B_d) / 2) == 0


def test_derived_c4_bargaining_check_rejects_power_on_the_wrong_side():
    assert sympy.simplify(derived_bargained_payment() - WRONG_T_STAR) != 0


river_values = st.fixed_dictionaries({"C_u": positive_fractions(), "b_u": positive_fractions(),
                                      "B_d": positive_fractions(), "theta": st.fractions(0, 1, max_denominator=10)})


def band_protects_and_pays(values, t_value, band=None):
    """Check, on the substituted game, that paying t_value on protection makes Protect the upstream's
    best response to Pay and leaves both weakly better off than (Develop, no payment)."""
    game = compensated().subs(C_u=values["C_u"], b_u=values["b_u"], B_d=values["B_d"], T=t_value)
    protect_best = PROTECT in best_actions(game, UPSTREAM, [None, PAY])
    paid = game[PROTECT, PAY]
    status_quo = game[DEVELOP, REFUSE]
    return protect_best and paid[0] >= status_quo[0] and paid[1] >= status_quo[1]


@PROPERTY
@given(river_values, st.fractions(0, 1, max_denominator=8))
def test_derived_c4_compensation_band(values, position):
    low, high = (sympy.Rational(e.subs({C_u: values["C_u"], b_u: values["b_u"], B_d: values["B_d"]}))
                 for e in derived_band())
    # without a payment the upstream protects iff b_u >= C_u
    plain = river_game().subs(C_u=values["C_u"], b_u=values["b_u"], B_d=values["B_d"])
    protects = PROTECT in best_actions(plain, UPSTREAM, [None, REFUSE])
    assert protects == (values["b_u"] >= values["C_u"])
    # the band is non-empty iff B_d + b_u >= C_u iff protection is efficient (higher total payoff)
    efficient = sum(plain[PROTECT, PAY]) >= sum(plain[DEVELOP, PAY])
    nonempty = low <= high
    assert nonempty == (values["B_d"] + values["b_u"] >= values["C_u"]) == efficient
    if not nonempty:
        return
    # a payment in the band works; the Nash-bargained payment lies in the band
    t_value = Fraction(str(low + (high - low) * sympy.Rational(position.numerator, position.denominator)))
    assert band_protects_and_pays(values, t_value)
    t_star = derived_bargained_payment().subs({C_u: values["C_u"], b_u: values["b_u"], B_d: values["B_d"],
                                               theta: values["theta"]})
    assert low <= t_star <= high
    assert band_protects_and_pays(values, Fraction(str(t_star)))
    # strictly inside the band both are strictly better off
    if low < high and 0 < position < 1:
        game = compensated().subs(C_u=values["C_u"], b_u=values["b_u"], B_d=values["B_d"], T=t_value)
        assert game[PROTECT, PAY][0] > game[DEVELOP, REFUSE][0]
        assert game[PROTECT, PAY][1] > game[DEVELOP, REFUSE][1]
        assert best_actions(game, UPSTREAM, [None, PAY]) == {PROTECT}


@PROPERTY
@given(river_values, positive_fractions(10))
def test_derived_c4_payments_outside_the_band_fail(values, excess):
    """Below the band the upstream still develops; above it the downstream would rather not pay."""
    low, high = (Fraction(str(e.subs({C_u: values["C_u"], b_u: values["b_u"], B_d: values["B_d"]})))
                 for e in derived_band())
    assert not band_protects_and_pays(values, high + excess)
    if low - excess >= 0:
        assert not band_protects_and_pays(values, low - excess)


def test_derived_c4_band_check_rejects_a_wrong_band():
    """A wrong lower end b_u - C_u (sign flipped) lets through payments that do not make Protect a best response."""
    def wrong_band_admits_a_failure(values):
        low, high = values["b_u"] - values["C_u"], values["B_d"]
        return low <= high and not band_protects_and_pays(values, low)

    values = find(river_values, wrong_band_admits_a_failure, settings=FIND)
    assert not band_protects_and_pays(values, values["b_u"] - values["C_u"])


def test_published_xinan_river_pilot_bet_and_central_fund():
    """Xin'an River pilot, first round 2012-2014 (Anhui upstream, Zhejiang downstream; claim S5, after Wang Shunyu):
    the centre gives the upstream 3 (hundred million yuan a year); if the boundary water meets the standard
    the downstream pays the upstream 1, otherwise the upstream pays the downstream 1."""
    base = cg.SymbolicGame([[["b_u - C_u"], [0]], [["B_d"], [0]]], players=["Anhui", "Zhejiang"],
                           actions=[[PROTECT, DEVELOP], ["Bet"]])
    pilot = base.apply(cg.Transfer("Zhejiang", "Anhui", 1, when={"Anhui": PROTECT}),
                       cg.Transfer("Anhui", "Zhejiang", 1, when={"Anhui": DEVELOP}),
                       cg.Subsidy("Anhui", PROTECT, 3), cg.Subsidy("Anhui", DEVELOP, 3))
    advantage = sympy.expand(payoff(pilot, "Anhui", (PROTECT, "Bet")) - payoff(pilot, "Anhui", (DEVELOP, "Bet")))
    assert advantage == b_u - C_u + 2  # the bet M = 1 makes protection gain 2M; the fund changes nothing
    # the central fund costs 3 whatever the upstream does; the bet costs the centre nothing
    for action in (PROTECT, DEVELOP):
        assert cg.instrument_cost(pilot, (action, "Bet")).total == 3
    # protection becomes the upstream's choice iff C_u - b_u <= 2
    numeric = pilot.subs(b_u=1, C_u=3, B_d=5)
    assert best_actions(numeric, "Anhui", [None, "Bet"]) == {PROTECT, DEVELOP}
    assert best_actions(pilot.subs(b_u=1, C_u=Fraction(7, 2), B_d=5), "Anhui", [None, "Bet"]) == {DEVELOP}


# ============================================================================ C5: supervisors and F_min

@settings(max_examples=60, deadline=None)
@given(st.lists(st.fractions(0, 1, max_denominator=12), min_size=1, max_size=6))
def test_derived_c5_combined_detection_rises_with_each_supervisor(rhos):
    combined = [sympy.Rational(str(cg.combined_detection(*rhos[:k]))) for k in range(len(rhos) + 1)]
    assert combined[0] == 0
    assert all(later >= earlier for earlier, later in zip(combined, combined[1:]))
    assert combined[-1] <= 1 and combined[-1] >= max(rhos)
    # the penalised payoff of false cooperation falls (weakly) with each supervisor added
    game = cg.NormalFormGame([[0, 1]], actions=[["Real", "False"]], exact=True)
    fined = [game.apply(cg.Penalty(0, "False", 10, detection=list(rhos[:k])))[("False",)][0]
             for k in range(1, len(rhos) + 1)]
    assert all(later <= earlier for earlier, later in zip(fined, fined[1:]))


def test_derived_c5_monotonicity_check_rejects_all_must_detect():
    """The probability that *every* supervisor detects (a wrong combination) falls as supervisors are added."""
    def not_monotone(rhos):
        all_detect = [np.prod([Fraction(1)] + rhos[:k]) for k in range(1, len(rhos) + 1)]
        return any(later < earlier for earlier, later in zip(all_detect, all_detect[1:]))

    rhos = find(st.lists(st.fractions(0, 1, max_denominator=12), min_size=2, max_size=6), not_monotone, settings=FIND)
    assert not_monotone(rhos)


dc, F, k_cost, B = sym("dc"), sym("F"), sym("k"), sym("B")


def inspection_game(detection="rho"):
    """Claim C5 (Tsebelis 1989): the local government L cooperates for real or falsely (saving dc); the centre C
    inspects or skips. With certain inspection (a Standard removing Skip), the Penalty is the fine F
    brought by detection with probability rho."""
    base = cg.SymbolicGame([[["-dc", "-dc"], [0, 0]], [["-k", 0], ["-k", 0]]], players=["L", "C"],
                           actions=[["Real", "False"], ["Inspect", "Skip"]])
    return base.apply(cg.Standard("C", "Skip"), cg.Penalty("L", "False", "F", detection=detection))


@functools.cache
def derived_f_min(detection="rho"):
    game = inspection_game(detection)
    advantage = payoff(game, "L", ("Real", "Inspect")) - payoff(game, "L", ("False", "Inspect"))
    (f_min,) = sympy.solve(sympy.Eq(advantage, 0), F)
    return f_min


def test_derived_c5_f_min_is_dc_over_rho_and_decreasing_in_rho():
    rho = sym("rho")
    f_min = derived_f_min()
    assert sympy.simplify(f_min - dc / rho) == 0
    assert sympy.diff(f_min, rho).is_negative


def test_derived_c5_f_min_with_two_supervisors():
    r1, r2 = sym("rho_1"), sym("rho_2")
    f_two = derived_f_min(detection=("rho_1", "rho_2"))
    assert sympy.simplify(f_two - dc / (1 - (1 - r1) * (1 - r2))) == 0
    f_one = derived_f_min(detection="rho_1")
    # a second supervisor lowers (weakly) the fine needed: F_one / F_two = 1 + rho_2 (1 - rho_1) / rho_1 >= 1
    assert sympy.simplify(f_one / f_two - (1 + r2 * (1 - r1) / r1)) == 0
    assert all(f_two.subs({dc: 1, r1: a, r2: b}) <= f_one.subs({dc: 1, r1: a})
               for a in (sympy.Rational(1, 10), sympy.Rational(1, 2), 1) for b in (sympy.Rational(1, 3), 1))


@PROPERTY
@given(positive_fractions(), probabilities, probabilities, st.sampled_from([-1, 0, 1]), positive_fractions(8))
def test_derived_c5_f_min_decides_dominance(dc_value, rho_a, rho_b, side, step):
    rho = sym("rho")
    f_min = derived_f_min()
    low, high = sorted([rho_a, rho_b])
    assume(low < high)
    assert f_min.subs({dc: dc_value, rho: low}) > f_min.subs({dc: dc_value, rho: high})
    threshold = Fraction(str(f_min.subs({dc: dc_value, rho: low})))
    fine = threshold + side * step if side >= 0 else threshold / (1 + step)
    game = inspection_game().subs(dc=dc_value, rho=low, F=fine, k=1)
    assert game.shape == (2, 1)
    dominant = cg.dominant_strategies(game, strict=False).actions[0]
    if fine > threshold:
        assert dominant == "Real"
        assert cg.dominant_strategies(game, strict=True).actions[0] == "Real"
    elif fine == threshold:
        assert dominant is None  # Real and False pay the same
        assert pure_set(game) == {("Real", "Inspect"), ("False", "Inspect")}
    else:
        assert dominant == "False"


@PROPERTY
@given(positive_fractions(), positive_fractions(), positive_fractions(), st.fractions(0, 1, max_denominator=12))
def test_published_tsebelis_1989_penalty_paradox(g_value, extra_p, r_value, share):
    """Tsebelis (1989), 'The abuse of probability in political analysis: the Robinson Crusoe fallacy',
    APSR 83(1): violator gain g, penalty p > g, inspector reward r > cost k: x* = k/r, y* = g/p.
    The violation rate x* does not depend on the penalty (claim C5)."""
    p_value = g_value + extra_p
    k_value = r_value * share
    assume(0 < k_value < r_value)
    game = cg.SymbolicGame([[[0, 0], ["g - p", "g"]], [["-k", 0], ["r - k", 0]]],
                           actions=[["Comply", "Violate"], ["Inspect", "Skip"]])

    def solve(penalty):
        numeric = game.subs(g=g_value, p=penalty, r=r_value, k=k_value)
        (eq,) = cg.mixed_equilibria(numeric)
        return eq.strategies[0][1], eq.strategies[1][0]

    x, y = solve(p_value)
    assert x == k_value / r_value and y == g_value / p_value
    x2, y2 = solve(2 * p_value)
    assert x2 == x and y2 == y / 2


# ============================================================================ C6: race to the bottom

G_, D_, sigma = sym("G"), sym("D"), sym("sigma")


def race_game():
    """Claim C6 (after Oates and Schwab 1988): mobile investment G goes to the laxer region (split on a tie); Lax costs the region
    its own damage D and its neighbour sigma*D."""
    return cg.SymbolicGame([[["G/2", "-sigma*D"], ["G - D", "G/2 - D - sigma*D"]],
                            [["G/2", "G - D"], ["-sigma*D", "G/2 - D - sigma*D"]]],
                           players=["Region 1", "Region 2"], actions=[["Strict", "Lax"]] * 2)


@st.composite
def race_values(draw):
    d = draw(positive_fractions(20))
    g = 2 * d + draw(positive_fractions(20))  # G/2 > D
    return {"G": g, "D": d, "sigma": draw(st.fractions(0, 2, max_denominator=4)), "rho": draw(probabilities)}


def test_derived_c6_lax_is_dominant_iff_half_investment_exceeds_damage():
    game = race_game()
    for opponent in ("Strict", "Lax"):
        gain = sympy.expand(payoff(game, 0, ("Lax", opponent)) - payoff(game, 0, ("Strict", opponent)))
        assert gain == G_ / 2 - D_  # the same against either action of the neighbour
    loss = sympy.expand(payoff(game, 0, ("Strict", "Strict")) - payoff(game, 0, ("Lax", "Lax")))
    assert loss == sympy.expand(D_ * (1 + sigma))  # (Strict, Strict) Pareto-dominates (Lax, Lax)


@PROPERTY
@given(race_values())
def test_derived_c6_lax_lax_is_the_unique_equilibrium_and_pareto_dominated(values):
    game = race_game().subs(G=values["G"], D=values["D"], sigma=values["sigma"])
    assert game.is_exact
    assert pure_set(game) == {("Lax", "Lax")}
    found, all_pure, count = mixed_set(game)
    assert found == {("Lax", "Lax")} and all_pure and count == 1
    lax, strict = game["Lax", "Lax"], game["Strict", "Strict"]
    assert all(s > l for s, l in zip(strict, lax))
    assert cg.dominant_strategies(game).profile == ("Lax", "Lax")


@PROPERTY
@given(race_values())
def test_derived_c6_unified_standard_restores_strict(values):
    game = race_game().apply(cg.Standard("Region 1", "Lax"), cg.Standard("Region 2", "Lax"))
    assert game.shape == (1, 1)
    left = {p.name for p in game.parameters} if isinstance(game, cg.SymbolicGame) else set()
    numeric = game.subs({k: v for k, v in values.items() if k in left}) if left else game
    assert pure_set(numeric) == {("Strict", "Strict")}
    assert mixed_set(numeric) == ({("Strict", "Strict")}, True, 1)
    # a standard on one region only leaves the other in the race
    one = race_game().apply(cg.Standard("Region 1", "Lax")).subs(G=values["G"], D=values["D"], sigma=values["sigma"])
    assert pure_set(one) == {("Strict", "Lax")}


def penalised_race(values, fine):
    return race_game().apply(cg.Penalty("Region 1", "Lax", "F", detection="rho"),
                             cg.Penalty("Region 2", "Lax", "F", detection="rho")).subs(
        G=values["G"], D=values["D"], sigma=values["sigma"], rho=values["rho"], F=fine)


@PROPERTY
@given(race_values(), positive_fractions(10))
def test_derived_c6_central_fine_restores_strict(values, extra):
    """rho*F > G/2 - D makes (Strict, Strict) the unique equilibrium (pure and mixed)."""
    needed = (values["G"] / 2 - values["D"]) / values["rho"]
    game = penalised_race(values, needed + extra)
    assert pure_set(game) == {("Strict", "Strict")}
    assert mixed_set(game) == ({("Strict", "Strict")}, True, 1)
    assert cg.dominant_strategies(game).profile == ("Strict", "Strict")


@PROPERTY
@given(race_values(), st.fractions(0, 1, max_denominator=10).filter(lambda q: q < 1))
def test_derived_c6_fine_below_the_gap_leaves_the_race(values, share):
    """The other side: rho*F < G/2 - D leaves (Lax, Lax) the unique equilibrium."""
    needed = (values["G"] / 2 - values["D"]) / values["rho"]
    assume(share > 0)
    game = penalised_race(values, needed * share)
    assert pure_set(game) == {("Lax", "Lax")}
    assert mixed_set(game) == ({("Lax", "Lax")}, True, 1)


@PROPERTY
@given(race_values())
def test_derived_c6_fine_exactly_at_the_gap_is_not_enough_for_uniqueness(values):
    """At rho*F = G/2 - D each region is indifferent, so every profile is an equilibrium: the claim's
    'rho*F >= G/2 - D' restores (Strict, Strict) as an equilibrium, uniquely only with '>'."""
    needed = (values["G"] / 2 - values["D"]) / values["rho"]
    game = penalised_race(values, needed)
    assert pure_set(game) == set(itertools.product(["Strict", "Lax"], repeat=2))


# ============================================================================ C7: penalty in a prisoner's dilemma

@st.composite
def pd_values(draw):
    """T > R > P > S > 0, exact."""
    s_, p_, r_, t_ = sorted(draw(st.lists(st.integers(1, 30), min_size=4, max_size=4, unique=True)))
    return {"T": t_, "R": r_, "P": p_, "S": s_}


def penalised_pd():
    base = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["Cooperate", "Defect"]] * 2)
    return base.apply(cg.Penalty(0, "Defect", "F", detection="rho"), cg.Penalty(1, "Defect", "F", detection="rho"))


def cooperate_dominant(values, rho, fine, strict=False):
    game = penalised_pd().subs(rho=rho, F=fine, **values)
    return cg.dominant_strategies(game, strict=strict).profile == ("Cooperate", "Cooperate")


@PROPERTY
@given(pd_values(), probabilities, st.sampled_from(["above", "at", "below"]), positive_fractions(8))
def test_derived_c7_penalty_on_defection_makes_cooperation_dominant(values, rho, where, step):
    gap = max(values["T"] - values["R"], values["P"] - values["S"])
    at = Fraction(gap) / rho
    if where == "above":
        assert cooperate_dominant(values, rho, at + step)
        assert cooperate_dominant(values, rho, at + step, strict=True)
    elif where == "at":
        tie = values["T"] - values["R"] == values["P"] - values["S"]
        # weakly dominant, unless both gaps are equal: then Cooperate and Defect pay the same everywhere
        assert cooperate_dominant(values, rho, at) == (not tie)
        assert not cooperate_dominant(values, rho, at, strict=True)
    else:
        fine = at - step if at - step > 0 else at / (1 + step)
        assert not cooperate_dominant(values, rho, fine)


def test_derived_c7_threshold_check_rejects_min_instead_of_max():
    """A penalty at the smaller gap, min(T-R, P-S), is not enough whenever the gaps differ."""
    def min_gap_fails(values):
        gaps = (values["T"] - values["R"], values["P"] - values["S"])
        return gaps[0] != gaps[1] and not cooperate_dominant(values, Fraction(1), min(gaps))

    values = find(pd_values(), min_gap_fails, settings=FIND)
    assert min_gap_fails(values)
    assert cooperate_dominant(values, Fraction(1), max(values["T"] - values["R"], values["P"] - values["S"]))


# ============================================================================ found on the way

def test_best_responses_of_exact_games():
    """Regression: the float tolerance 0.0 once turned the exact best payoff 4/5 into the float 0.8 > 4/5."""
    game = cg.NormalFormGame([[[Fraction(4, 5)], [0]], [[0], [0]]], exact=True)
    assert game.best_responses(0, [None, 0]) == (0,)


@PROPERTY
@given(river_values, st.fractions(0, 1, max_denominator=8))
def test_best_actions_helper_agrees_with_regret(values, position):
    """The helper used above is right: an action is a best reply iff deviating to it leaves zero regret."""
    game = compensated().subs(C_u=values["C_u"], b_u=values["b_u"], B_d=values["B_d"], T=position)
    for action in (PROTECT, DEVELOP):
        regret = game.regrets([action, PAY])[0]
        assert (action in best_actions(game, UPSTREAM, [None, PAY])) == (regret == 0)
    # and NormalFormGame.best_responses agrees with it
    assert {game.actions[0][k] for k in game.best_responses(UPSTREAM, [None, PAY])} == best_actions(game, UPSTREAM, [None, PAY])
