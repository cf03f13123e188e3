"""Catalog models beyond the finite binary games: transboundary emissions (Maler), anonymous and
continuous public goods, anonymous minimum participation (claims C1, C2, C17 of docs/explanation/claims.md)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame import models
from coopgame.equilibria.continuous import continuous_equilibrium, cooperative_optimum
from coopgame.errors import InvalidArgumentError
from coopgame.games.continuous import ContinuousGame
from coopgame.games.symmetric import SymmetricGame

# ---------------------------------------------------------------- transboundary emissions (Maler 1989)


def _gap(game: ContinuousGame) -> np.ndarray:
    nash = np.array(continuous_equilibrium(game).strategies, dtype=float)
    coop = np.array(cooperative_optimum(game).strategies, dtype=float)
    return nash - coop


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 5), b=st.floats(5, 20), c=st.floats(0.5, 3), d=st.floats(0.1, 2),
       a1=st.floats(0.05, 0.95), a2=st.floats(0.05, 0.95), damage=st.sampled_from(["linear", "quadratic"]))
def test_derived_maler_nash_emissions_exceed_cooperative_and_gap_grows_as_alpha_falls(n, b, c, d, a1, a2, damage):
    lo, hi = sorted((a1, a2))
    if hi - lo < 1e-3:
        hi = min(lo + 0.05, 1.0)
    gaps = [_gap(models.transboundary_emissions(n=n, damage=damage, b=b, c=c, d=d, alpha=a)) for a in (lo, hi)]
    assert np.all(gaps[0] > 1e-9) and np.all(gaps[1] > -1e-9)
    assert np.all(gaps[0] > gaps[1] - 1e-7)  # more spills over (lower alpha): a larger gap
    if damage == "linear":  # closed forms: Nash (b - d*alpha)/c, cooperative (b - d)/c
        assert np.allclose(gaps[0], d * (1 - lo) / c, atol=1e-6)


def test_derived_maler_symbolic_nash_and_user_matrix():
    nash = continuous_equilibrium(models.transboundary_emissions(n=3), method="symbolic").strategies
    b, c, d, alpha = sympy.symbols("b c d alpha", positive=True)
    assert all(sympy.simplify(x - (b - alpha * d) / c) == 0 for x in nash)
    game = models.transboundary_emissions(transport=[[Fraction(3, 5), Fraction(2, 5)], [Fraction(1, 10), Fraction(9, 10)]])
    assert {s.name for s in game.parameters} == {"b", "c", "d"}
    eq = continuous_equilibrium(game.numeric())
    assert eq.strategies == pytest.approx((9.4, 9.1))  # b - d*a_ii
    assert cooperative_optimum(game).strategies == pytest.approx((9.3, 8.7))  # b - d * column sums
    assert game.players == ("Region 1", "Region 2")
    assert models.transboundary_emissions(b=10, c=1, d=1, alpha=Fraction(1, 2)).parameters == ()
    assert models.transboundary_emissions().numeric() == models.transboundary_emissions(b=10, c=1, d=1, alpha=Fraction(1, 2))


def test_transboundary_errors():
    with pytest.raises(InvalidArgumentError, match="transboundary_emissions"):
        models.transboundary_emissions(beta=1)
    with pytest.raises(InvalidArgumentError, match="integer >= 2"):
        models.transboundary_emissions(n=1)
    with pytest.raises(InvalidArgumentError, match="damage"):
        models.transboundary_emissions(damage="cubic")
    with pytest.raises(InvalidArgumentError, match="2 x 2"):
        models.transboundary_emissions(transport=[[1, 0, 0]])


# ---------------------------------------------------------------- C1: free-riding, anonymous N = 1000


@settings(max_examples=10, deadline=None)
@given(r=st.fractions(min_value=Fraction(101, 100), max_value=Fraction(999, 1)), c=st.fractions(Fraction(1, 10), 10))
def test_claim_C1_anonymous_free_riding_unique_equilibrium_at_1000_regions(r, c):
    n = 1000
    game = models.public_goods_anonymous(n=n, c=c, r=r)
    table = game.table  # table[own, k]: k-th count vector (n-1-k others govern)
    assert all(table[1, k] > table[0, k] for k in range(n))  # free-riding strictly best against anything
    pure = cg.pure_equilibria(game)
    assert [eq.counts for eq in pure] == [(0, n)]
    sym = cg.mixed_equilibria(game)
    assert len(sym) == 1 and sym[0].strategy[1] == 1
    all_govern = game.payoff("Govern", (n - 1, 0))
    assert all_govern * n > pure[0].payoff * n  # total payoff at full governance beats the equilibrium


@settings(max_examples=20, deadline=None)
@given(n=st.integers(2, 6), r=st.floats(1.05, 1.95), e=st.floats(1, 20),
       others=st.lists(st.floats(0, 1), min_size=6, max_size=6), which=st.integers(0, 5))
def test_claim_C1_continuous_zero_contribution_is_the_unique_best_response(n, r, e, others, which):
    game = models.public_goods_continuous(n=n, e=e, r=r)
    i = which % n
    x = np.array(others[:n]) * e
    grid = np.linspace(0, e, 41)
    values = []
    for g in grid:
        x[i] = g
        values.append(game.evaluate(x)[i])
    assert int(np.argmax(values)) == 0 and values[0] > values[1]  # 0 is the unique maximiser
    nash = continuous_equilibrium(game).strategies
    opt = cooperative_optimum(game)
    assert nash == pytest.approx((0.0,) * n, abs=1e-9)
    assert opt.strategies == pytest.approx((e,) * n)
    assert opt.welfare > sum(game.evaluate([0.0] * n)) + 1e-9


# ---------------------------------------------------------------- C2: delta*(N) rises with N


def _grim_delta(n: int, r: Fraction) -> Fraction:
    """delta* = (T - R)/(T - P) with T, R, P read from the anonymous game's payoffs."""
    game = models.public_goods_anonymous(n=n, r=r)
    T = game.payoff("Free-ride", (n - 1, 0))  # free-riding while everyone else governs
    R = game.payoff("Govern", (n - 1, 0))
    P = game.payoff("Free-ride", (0, n - 1))
    return (T - R) / (T - P)


@settings(max_examples=30, deadline=None)
@given(n1=st.integers(2, 60), dn=st.integers(1, 60), r=st.fractions(Fraction(101, 100), 2))
def test_claim_C2_critical_discount_factor_rises_and_mpcr_falls_with_n(n1, dn, r):
    n2 = n1 + dn
    if r >= n1:
        return
    d1, d2 = _grim_delta(n1, r), _grim_delta(n2, r)
    assert d1 == (n1 - r) / (r * (n1 - 1)) and d2 == (n2 - r) / (r * (n2 - 1))
    assert d1 < d2
    assert r / n2 < r / n1


def test_claim_C2_symbolic_derivative_positive_for_r_above_one():
    N, r = sympy.symbols("N r", positive=True)
    delta = (N - r) / (r * (N - 1))
    derivative = sympy.simplify(sympy.diff(delta, N))
    assert sympy.simplify(derivative - (r - 1) / (r * (N - 1) ** 2)) == 0
    assert sympy.diff(r / N, N).is_negative


# ---------------------------------------------------------------- C17: minimum participation


@settings(max_examples=30, deadline=None)
@given(b=st.fractions(Fraction(1, 2), 5), ratio=st.fractions(Fraction(11, 10), 9), n=st.integers(10, 200))
def test_claim_C17_smallest_binding_clause_is_ceil_c_over_b(b, ratio, n):
    c = b * ratio  # b < c < n*b
    k_star = math.ceil(c / b)
    binding = []
    for k in range(1, min(n, k_star + 3) + 1):
        game = models.minimum_participation_anonymous(n=n, clause=k, b=b, c=c)
        counts = [eq.counts for eq in cg.pure_equilibria(game)]
        binding.append(k if (k, n - k) in counts else None)
        assert all(z <= k for z, _ in counts)  # with the treaty in force, exactly k sign
    assert min(k for k in binding if k) == k_star
    assert all(k is None or k >= k_star for k in binding)


def test_anonymous_models_shapes_and_errors():
    game = models.minimum_participation_anonymous(n=20)
    assert isinstance(game, SymmetricGame) and game.actions == ("Abate", "Pollute") and game.is_exact
    assert [eq.counts for eq in cg.pure_equilibria(game)] == [(0, 20)]  # no clause, c > b: pollution dominant
    assert models.public_goods_anonymous(n=4, c=4, r=Fraction(3, 2)).payoff("Govern", (3, 0)) == 2
    with pytest.raises(InvalidArgumentError, match="public_goods_anonymous"):
        models.public_goods_anonymous(n=1)
    with pytest.raises(InvalidArgumentError, match="expected r to be a finite real number > 0"):
        models.public_goods_anonymous(r=-1)
    with pytest.raises(InvalidArgumentError, match="clause"):
        models.minimum_participation_anonymous(n=5, clause=6)
    with pytest.raises(InvalidArgumentError, match="public_goods_continuous"):
        models.public_goods_continuous(c=1)
    assert models.public_goods_continuous(n=2).parameters == tuple(sympy.symbols("e r", positive=True))
