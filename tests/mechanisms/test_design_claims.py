"""Claim C22 (docs/explanation/claims.md) as properties, and design against a brute-force grid search.

C22: the least cost of the cheapest instrument mix is non-increasing in the
fine cap and in detection; it is zero once detection times the cap covers
the needed deterrence; the designed game implements the target under the
concept asked. Drawn on prisoners' dilemmas and public-goods games, exact.

The oracle searches a grid of amounts on small random games, checking each
point's equilibrium conditions on the payoff arrays directly.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.mechanisms import design
from tests.mechanisms.test_design import dominance_gaps, regrets
from tests.strategies import pd_payoffs

ACTIONS = [["C", "D"]] * 2


def pd_game(t, r, p, s) -> cg.NormalFormGame:
    return cg.NormalFormGame([[[r, s], [t, p]], [[r, t], [s, p]]], exact=True, actions=ACTIONS)


def pd_mix(rho):
    return [cg.Subsidy(q, "C", "s") for q in (0, 1)] + [cg.Penalty(q, "D", "F", detection=rho) for q in (0, 1)]


rhos = st.fractions(min_value=Fraction(1, 20), max_value=1, max_denominator=20)
caps = st.fractions(min_value=0, max_value=20, max_denominator=4)


@settings(max_examples=40, deadline=None)
@given(pd_payoffs(exact=True), rhos, caps, caps, st.sampled_from(["nash", "dominant"]))
def test_c22_cost_non_increasing_in_the_cap(payoffs, rho, cap1, cap2, concept):
    game = pd_game(*payoffs)
    lo, hi = sorted([cap1, cap2])
    low = design(game, ("C", "C"), pd_mix(rho), concept, bounds={"F": lo})
    high = design(game, ("C", "C"), pd_mix(rho), concept, bounds={"F": hi})
    assert low and high
    assert high.cost <= low.cost


@settings(max_examples=40, deadline=None)
@given(pd_payoffs(exact=True), rhos, rhos, caps, st.sampled_from(["nash", "dominant"]))
def test_c22_cost_non_increasing_in_detection(payoffs, rho1, rho2, cap, concept):
    game = pd_game(*payoffs)
    lo, hi = sorted([rho1, rho2])
    assert design(game, ("C", "C"), pd_mix(hi), concept, bounds={"F": cap}).cost <= \
        design(game, ("C", "C"), pd_mix(lo), concept, bounds={"F": cap}).cost


@settings(max_examples=60, deadline=None)
@given(pd_payoffs(exact=True), rhos, caps, st.sampled_from(["nash", "dominant"]))
def test_c22_zero_once_detection_times_cap_covers_deterrence(payoffs, rho, cap, concept):
    t, r, p, s = payoffs
    need = t - r if concept == "nash" else max(t - r, p - s)
    d = design(pd_game(*payoffs), ("C", "C"), pd_mix(rho), concept, bounds={"F": cap})
    # the subsidy makes up what the capped expected fine leaves: both regions are paid on the path
    assert d.cost == 2 * max(Fraction(0), need - rho * cap)
    assert (d.cost == 0) == (rho * cap >= need)


@settings(max_examples=60, deadline=None)
@given(pd_payoffs(exact=True), rhos, caps, st.sampled_from(["nash", "strict", "dominant", "strictly_dominant"]))
def test_c22_designed_game_implements_the_target(payoffs, rho, cap, concept):
    margin = Fraction(1, 7) if concept in ("strict", "strictly_dominant") else None
    d = design(pd_game(*payoffs), ("C", "C"), pd_mix(rho), concept, bounds={"F": cap}, margin=margin)
    assert d and d.attained and d.certificate.verified
    assert d.cost == cg.instrument_cost(d.game, ("C", "C")).total
    gaps = regrets(d.game, (0, 0)) if concept in ("nash", "strict") else dominance_gaps(d.game, (0, 0))
    bound = -margin if margin is not None else 0
    assert all(g <= bound for g in gaps)


def test_c22_a_wrong_cost_is_caught():
    """The zero-cost property can fail: with the cap just short of the deterrence, the cost is positive."""
    d = design(pd_game(5, 3, 1, 0), ("C", "C"), pd_mix(Fraction(1, 2)), bounds={"F": Fraction(39, 10)})
    assert d.cost == 2 * (2 - Fraction(39, 20)) and d.cost > 0


def public_goods(n: int, r: Fraction, c: Fraction) -> cg.NormalFormGame:
    shape = (2,) * n
    arrays = [np.empty(shape, dtype=object) for _ in range(n)]
    for prof in itertools.product((0, 1), repeat=n):
        k = sum(1 for a in prof if a == 0)  # action 0 = contribute
        for i in range(n):
            arrays[i][prof] = r * c * k / n - (c if prof[i] == 0 else 0)
    return cg.NormalFormGame(arrays, exact=True, actions=[["Contribute", "Free-ride"]] * n)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 4), st.fractions(min_value=Fraction(11, 10), max_value=Fraction(39, 10), max_denominator=10),
       st.fractions(min_value=Fraction(1, 2), max_value=5, max_denominator=4), rhos, caps)
def test_c22_public_goods(n, r, c, rho, cap):
    if r >= n:
        r = Fraction(n) - Fraction(1, 10)
    game = public_goods(n, r, c)
    insts = [cg.Subsidy(i, "Contribute", "s") for i in range(n)] + [
        cg.Penalty(i, "Free-ride", "F", detection=rho) for i in range(n)]
    target = ("Contribute",) * n
    d = design(game, target, insts, "dominant", bounds={"F": cap})
    need = c * (1 - r / n)  # contributing costs c and returns r c / n to oneself, whatever the others do
    assert d.cost == n * max(Fraction(0), need - rho * cap)
    assert all(g <= 0 for g in dominance_gaps(d.game, (0,) * n))


# ------------------------------------------------------------------ oracle: brute force over a grid of amounts


def _grid_min(game, idx, insts, symbols, grid, cap_f, concept):
    best = None
    for vals in itertools.product(grid, repeat=len(symbols)):
        values = dict(zip(symbols, vals))
        if values.get("F", 0) > cap_f:
            continue
        applied = game.apply(*[i.substituted({sympy.Symbol(n): v for n, v in values.items()}) for i in insts])
        gaps = regrets(applied, idx) if concept == "nash" else dominance_gaps(applied, idx)
        if all(g <= 0 for g in gaps):
            cost = cg.instrument_cost(applied, idx).total
            best = cost if best is None or cost < best else best
    return best


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (2, 3), (3, 2)]), st.integers(0, 4),
       st.sampled_from(["nash", "dominant"]))
def test_design_against_grid_search(seed, shape, cap_f, concept):
    rng = np.random.default_rng(seed)
    payoffs = [rng.integers(-3, 4, shape).tolist() for _ in range(2)]
    game = cg.NormalFormGame(payoffs, exact=True)
    idx = tuple(int(rng.integers(0, m)) for m in shape)
    insts = [cg.Subsidy(0, idx[0], "a"), cg.Subsidy(1, idx[1], "b")]
    insts += [cg.Penalty(p, k, "F") for p in (0, 1) for k in range(shape[p]) if k != idx[p]]
    d = design(game, idx, insts, concept, bounds={"F": cap_f})
    grid = range(0, 7)
    best = _grid_min(game, idx, insts, ["a", "b", "F"], grid, cap_f, concept)
    if best is not None:
        assert d and d.cost <= best
        # integer data with unit coefficients: the optimum sits on the integer grid
        assert d.cost == best
    if not d:
        assert best is None
    elif max(d.values.values()) <= 6:
        assert best == d.cost


@settings(max_examples=20, deadline=None)
@given(pd_payoffs(exact=True), rhos, caps)
def test_float_design_agrees_with_exact(payoffs, rho, cap):
    exact = design(pd_game(*payoffs), ("C", "C"), pd_mix(rho), bounds={"F": cap})
    t, r, p, s = (float(v) for v in payoffs)
    flt = cg.NormalFormGame([[[r, s], [t, p]], [[r, t], [s, p]]], actions=ACTIONS)
    fd = design(flt, ("C", "C"), pd_mix(float(rho)), bounds={"F": float(cap)})
    assert not fd.is_exact
    assert abs(float(exact.cost) - fd.cost) <= 1e-7 * max(1.0, abs(float(exact.cost)))
