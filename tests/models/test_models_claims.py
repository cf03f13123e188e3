"""Claims of docs/explanation/claims.md checked on the catalog's games (C1, C3, C5, C6, C17).

Every closed form the claims page calls *derived* is derived again here with
sympy from the catalog game's payoffs; each property also checks that a
deliberately wrong variant is rejected, so the tests can fail.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame import models

POS = st.fractions(Fraction(1, 4), 10, max_denominator=8)
PROB = st.fractions(Fraction(1, 20), Fraction(19, 20), max_denominator=20)
FAST = settings(max_examples=25, deadline=None)


def pure_profiles(game) -> set[tuple[int, ...]]:
    return {tuple(int(np.argmax(s)) for s in e.strategies) for e in cg.pure_equilibria(game)}


def all_equilibria(game) -> list:
    return cg.mixed_equilibria(game)


# ============================================================================ C1: public goods
def c1_holds(game, n) -> bool:
    """Free-riding is each region's unique best response to every profile; all-govern beats all-free-ride."""
    for i in range(n):
        u = game.payoffs[i]
        gain = np.take(u, 1, axis=i) - np.take(u, 0, axis=i)  # free-ride minus govern, for every profile of others
        if not all(v > 0 for v in gain.reshape(-1)):
            return False
    total_all = sum(game.payoffs[i][(0,) * n] for i in range(n))
    total_eq = sum(game.payoffs[i][(1,) * n] for i in range(n))
    return total_all > total_eq


@FAST
@given(n=st.integers(2, 5), c=POS, frac=st.fractions(Fraction(1, 20), Fraction(19, 20), max_denominator=20))
def test_derived_c1_free_riding_dominant_and_inefficient(n, c, frac):
    r = 1 + frac * (n - 1)  # 1 < r < n
    game = models.public_goods(n=n, c=c, r=r)
    assert c1_holds(game, n)
    assert pure_profiles(game) == {(1,) * n}
    # wrong variants: r >= n (governing is a best response) or r <= 1 (no gain from cooperation)
    assert not c1_holds(models.public_goods(n=n, c=c, r=n + frac), n)
    assert not c1_holds(models.public_goods(n=n, c=c, r=1 - frac / 2), n)


@FAST
@given(n=st.integers(2, 4), data=st.data())
def test_derived_c1_heterogeneous_costs(n, data):
    costs = [data.draw(POS) for _ in range(n)]
    r = 1 + data.draw(st.fractions(Fraction(1, 10), Fraction(9, 10), max_denominator=10)) * (n - 1)
    assert c1_holds(models.public_goods(n=n, costs=costs, r=r), n)


def test_derived_c1_dilemma_band_symbolically():
    """Free-riding is strictly dominant iff r < N: derive it from the symbolic game."""
    for n in (2, 3, 4):
        game = models.public_goods(n=n)
        r = game.symbol("r")
        gain = sympy.simplify(game.payoffs[0][(1,) * n] - game.payoffs[0][(0,) + (1,) * (n - 1)])
        assert sympy.solve(sympy.Eq(gain, 0), r) == [n]


# ============================================================================ C3: performance evaluation
def _w_star(game, region: int) -> sympy.Expr:
    """Solve the official's indifference between Strict and Lax for w."""
    w = game.symbol("w")
    u = game.payoffs[region]
    idx_s = (0, 0) if region == 0 else (0, 0)
    idx_l = (1, 0) if region == 0 else (0, 1)
    sol = sympy.solve(sympy.Eq(u[idx_s], u[idx_l]), w)
    assert len(sol) == 1
    return sympy.simplify(sol[0])


def test_derived_c3_w_star_closed_form():
    game = models.performance_evaluation()
    s = {n: game.symbol(n) for n in ("G_S", "G_L", "E_S", "E_L")}
    dE, dG = s["E_S"] - s["E_L"], s["G_L"] - s["G_S"]
    for region in (0, 1):
        assert sympy.simplify(_w_star(game, region) - dE / (dE + dG)) == 0


@FAST
@given(w=PROB, G_S=POS, dG=POS, E_L=POS, dE=POS)
def test_derived_c3_strict_iff_w_below_w_star(w, G_S, dG, E_L, dE):
    w_star = dE / (dE + dG)
    assume(w != w_star)
    game = models.performance_evaluation(w=w, G_S=G_S, G_L=G_S + dG, E_L=E_L, E_S=E_L + dE)
    choice = cg.dominant_strategies(game).actions
    assert choice == (("Strict",) * 2 if w < w_star else ("Lax",) * 2)
    wrong = dG / (dE + dG)  # a deliberately wrong threshold: must disagree somewhere
    if (w < wrong) != (w < w_star):
        assert choice != (("Strict",) * 2 if w < wrong else ("Lax",) * 2)


def _concave_w_star(fiscal: str, R0, tau=0, **values) -> float:
    game = models.performance_evaluation(fiscal, R0_1=R0, tau=tau, **values)
    return float(_w_star(game, 0))


@FAST
@given(fiscal=st.sampled_from(["log", "sqrt"]), R_low=POS, dR=POS, tau=st.fractions(0, 5, max_denominator=4),
       dG=POS, dE=POS)
def test_derived_c3_poorer_region_lax_over_wider_range_transfer_shrinks_it(fiscal, R_low, dR, tau, dG, dE):
    values = dict(G_S=1, G_L=1 + dG, E_L=1, E_S=1 + dE, R0_2=1)
    poor = _concave_w_star(fiscal, R_low, **values)
    rich = _concave_w_star(fiscal, R_low + dR, **values)
    helped = _concave_w_star(fiscal, R_low, tau=tau, **values)
    # Lax is chosen for w in (w*, 1): a lower w* is a wider range
    assert poor < rich
    assert helped >= poor - 1e-12 and (tau == 0 or helped > poor)
    # and the game agrees at a w between the two thresholds
    w = Fraction((poor + rich) / 2).limit_denominator(10**6)
    g_poor = models.performance_evaluation(fiscal, w=w, R0_1=R_low, tau=0, **values)
    g_rich = models.performance_evaluation(fiscal, w=w, R0_1=R_low + dR, tau=0, **values)
    assert cg.dominant_strategies(g_poor).actions[0] == "Lax"
    assert cg.dominant_strategies(g_rich).actions[0] == "Strict"


def test_derived_c3_wrong_variant_convex_utility_is_rejected():
    """With a convex fiscal utility the monotonicity fails: the check above would catch it."""
    w, R, G_S, G_L, E_S, E_L = sympy.symbols("w R G_S G_L E_S E_L", positive=True)
    u = lambda x: x**2  # noqa: E731
    w_star = sympy.solve(sympy.Eq(w * u(R + G_S) + (1 - w) * E_S, w * u(R + G_L) + (1 - w) * E_L), w)[0]
    vals = {G_S: 1, G_L: 3, E_S: 3, E_L: 1}
    assert not w_star.subs(vals).subs(R, 1) < w_star.subs(vals).subs(R, 5)  # poorer is *not* laxer here
    # while the catalog's linear model has no effect of R0 at all (no strict growth): also rejected
    lin = models.performance_evaluation()
    assert not any(s.name.startswith("R0") for s in lin.parameters)


# ============================================================================ C5: inspection
def test_derived_c5_mixed_equilibrium_and_penalty_paradox():
    game = models.inspection()
    eq = cg.symbolic_mixed_equilibrium(game)
    F, rho, k, B, dc = (game.symbol(n) for n in ("F", "rho", "k", "B", "dc"))
    x_star, y_star = eq.strategies[0][1], eq.strategies[1][0]
    assert sympy.simplify(x_star - k / (rho * B)) == 0 and sympy.simplify(y_star - dc / (rho * F)) == 0
    assert sympy.diff(x_star, F) == 0                       # false cooperation does not depend on the fine
    assert sympy.simplify(sympy.diff(y_star, F)).is_negative  # the needed inspection rate falls in F
    # wrong variant: if the centre's benefit were the fine itself (B = F), x* would depend on F
    wrong = cg.symbolic_mixed_equilibrium(game.subs(B=F)).strategies[0][1]
    assert sympy.diff(wrong, F) != 0


@FAST
@given(fk=PROB, fdc=PROB, B=POS, rho=PROB, F=POS, dF=POS)
def test_derived_c5_numeric_equilibrium(fk, fdc, B, rho, F, dF):
    k, dc = fk * rho * B, fdc * rho * F  # k < rho B and dc < rho F: an interior equilibrium
    low = models.inspection(dc=dc, k=k, B=B, rho=rho, F=F)
    high = models.inspection(dc=dc, k=k, B=B, rho=rho, F=F + dF)
    (e1,), (e2,) = all_equilibria(low), all_equilibria(high)
    assert e1.strategies[0][1] == e2.strategies[0][1] == k / (rho * B)
    assert e2.strategies[1][0] < e1.strategies[1][0]


@FAST
@given(dc=POS, rho=PROB, drho=PROB)
def test_derived_c5_minimum_fine_falls_with_detection(dc, rho, drho):
    rho2 = rho + (1 - rho) * drho
    certain = models.inspection().subs(k=1, B=4, dc=dc).apply(cg.Standard("Central government", "Trust"))
    fmin = [cg.threshold(certain.subs(rho=r), ("Real", "Inspect"), "F", concept="nash").value for r in (rho, rho2)]
    assert sympy.simplify(fmin[0] - dc / rho) == 0
    assert fmin[1] < fmin[0]


@FAST
@given(rhos=st.lists(PROB, min_size=1, max_size=4), extra=PROB)
def test_derived_c5_each_added_supervisor_raises_detection(rhos, extra):
    def detection(ps):
        game = models.inspection(supervisors=len(ps)).subs(
            {("rho" if len(ps) == 1 else f"rho_{j + 1}"): p for j, p in enumerate(ps)})
        # L's payoff from false cooperation under inspection is dc - rho*F
        return sympy.simplify((game.symbol("dc") - game.payoffs[0][1, 0]) / game.symbol("F"))

    before, after = detection(rhos), detection(rhos + [extra])
    assert after > before
    assert after == 1 - math.prod(1 - p for p in rhos + [extra])


# ============================================================================ C6: race to the bottom
@FAST
@given(G=POS, share=st.fractions(Fraction(1, 100), Fraction(99, 100), max_denominator=100),
       sigma=st.fractions(0, 2, max_denominator=8), rho=PROB, extra=POS)
def test_derived_c6_race_unique_lax_and_remedies(G, share, sigma, rho, extra):
    D = G / 2 * share  # the claim's premise G/2 > D, drawn directly rather than filtered
    game = models.race_to_the_bottom(G=G, D=D, sigma=sigma)
    (eq,) = all_equilibria(game)
    assert pure_profiles(game) == {(1, 1)} and tuple(eq.strategies[0]) == (0, 1)
    assert all(a > b for a, b in zip(game["Strict", "Strict"], game["Lax", "Lax"]))  # Pareto-dominated: a PD
    harmonised = game.apply(cg.Standard(0, "Lax"), cg.Standard(1, "Lax"))
    assert harmonised.shape == (1, 1) and harmonised.actions == (("Strict",), ("Strict",))
    F = (G / 2 - D) / rho + extra
    fined = game.apply(cg.Penalty(0, "Lax", F, detection=rho), cg.Penalty(1, "Lax", F, detection=rho))
    (eq,) = all_equilibria(fined)
    assert tuple(eq.strategies[0]) == (1, 0) and tuple(eq.strategies[1]) == (1, 0)
    # wrong variant: a fine just below the threshold leaves (Lax, Lax) an equilibrium
    weak = (G / 2 - D) / rho * Fraction(9, 10)
    under = game.apply(cg.Penalty(0, "Lax", weak, detection=rho), cg.Penalty(1, "Lax", weak, detection=rho))
    assert (1, 1) in pure_profiles(under)


def test_derived_c6_threshold_symbolically():
    game = models.race_to_the_bottom()
    G, D = game.symbol("G"), game.symbol("D")
    gain = sympy.simplify(game.payoffs[0][1, 0] - game.payoffs[0][0, 0])
    assert sympy.simplify(gain - (G / 2 - D)) == 0
    assert sympy.simplify(game.payoffs[0][1, 1] - game.payoffs[0][0, 1] - gain) == 0  # same against Lax
    fined = game.apply(cg.Penalty(0, "Lax", "F", detection="rho"), cg.Penalty(1, "Lax", "F", detection="rho"))
    t = cg.threshold(fined, ("Strict", "Strict"), "F", concept="dominant")
    rho = fined.symbol("rho")
    for vals in ({G: 6, D: 1, rho: Fraction(1, 2)}, {G: 2, D: 3, rho: Fraction(1, 3)}):
        assert t.value.subs(vals) == sympy.Max(0, ((G / 2 - D) / rho).subs(vals))


# ============================================================================ C17: minimum participation
def coalition_payoffs(game, n: int, k: int) -> tuple[object, object]:
    """Barrett's agreement of k signatories on the catalog game: signatories abate iff that pays them jointly.

    Returns (pi_s(k), pi_n(k)), the payoff of a signatory and of a
    non-signatory; outsiders pollute (polluting is dominant for them).
    """
    def profile(abating: int) -> tuple[int, ...]:
        return tuple(0 if i < abating else 1 for i in range(n))

    abate, pollute = profile(k), profile(0)
    joint = lambda prof: sum(game.payoffs[i][prof] for i in range(k))  # noqa: E731
    prof = abate if k > 0 and joint(abate) >= joint(pollute) else pollute
    sig = game.payoffs[0][prof] if k > 0 else None
    non = game.payoffs[n - 1][prof] if k < n else None
    return sig, non


def stable_sizes(game, n: int) -> list[int]:
    """Sizes k >= 1 that are internally (weakly) and externally (strictly) stable."""
    out = []
    for k in range(1, n + 1):
        internal = coalition_payoffs(game, n, k)[0] >= coalition_payoffs(game, n, k - 1)[1]
        external = k == n or coalition_payoffs(game, n, k)[1] > coalition_payoffs(game, n, k + 1)[0]
        if internal and external:
            out.append(k)
    return out


def pivotal_size(b, c) -> int:
    """The smallest coalition in which every member's abatement is pivotal: k b >= c > (k - 1) b."""
    k = 1
    while k * b < c:
        k += 1
    assert (k - 1) * b < c <= k * b
    return k


@FAST
@given(n=st.integers(2, 6), b=POS, frac=st.fractions(Fraction(1, 20), Fraction(19, 20), max_denominator=20))
def test_derived_c17_stable_agreement_has_ceil_c_over_b_members(n, b, frac):
    c = b * (1 + frac * (n - 1))  # b < c < n b
    game = models.minimum_participation(n=n, b=b, c=c)
    k_star = math.ceil(c / b)
    assert stable_sizes(game, n) == [k_star] == [pivotal_size(b, c)]
    assert pure_profiles(game) == {(1,) * n}  # without an agreement nobody abates
    # with a minimum-participation clause at k*, exactly k* signatories is an equilibrium; k* - 1 is not
    treaty = models.minimum_participation(n=n, clause=k_star, b=b, c=c)
    eqs = pure_profiles(treaty)
    assert tuple(0 if i < k_star else 1 for i in range(n)) in eqs
    # each signatory is pivotal: leaving drops the treaty below the clause, to everyone's 0
    signed = tuple(0 if i < k_star else 1 for i in range(n))
    left = (1,) + signed[1:]
    assert treaty.payoffs[0][left] == 0 <= treaty.payoffs[0][signed]
    if c / b != k_star:
        assert treaty.payoffs[0][signed] > treaty.payoffs[0][left]
    # wrong variant: floor(c/b) is not the stable size when c/b is not an integer
    if c / b != k_star:
        assert math.floor(c / b) not in stable_sizes(game, n)


def test_published_c17_barrett_example():
    """Barrett (2003, Environment and Statecraft, ch. 7): b = 1, c = 5/2 among 4 countries gives k* = 3."""
    game = models.minimum_participation().numeric()
    assert stable_sizes(game, 4) == [3]
    treaty = models.minimum_participation(clause=3).numeric()
    assert (0, 0, 0, 1) in pure_profiles(treaty)


def test_derived_c17_integer_ratio_boundary():
    """c/b an integer: the pivotal coalition k* = c/b is (weakly) internally stable and unique."""
    game = models.minimum_participation(n=5, b=1, c=3)
    assert stable_sizes(game, 5) == [3]
