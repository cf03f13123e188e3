"""Evolutionarily stable strategies (Maynard Smith's conditions) of one-population games."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.dynamics import replicator
from coopgame.dynamics.ess import (
    ESS,
    MAX_STRATEGIES,
    evolutionarily_stable_strategies,
    is_ess,
)
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidProfileError,
    SolverLimitError,
)

small = st.integers(-4, 4)


def matrices(m: int):
    return st.lists(st.lists(small, min_size=m, max_size=m), min_size=m, max_size=m)


def grid(m: int, denominator: int):
    """Every probability vector with entries k/denominator."""
    for counts in itertools.product(range(denominator + 1), repeat=m - 1):
        if sum(counts) <= denominator:
            yield [Fraction(c, denominator) for c in counts] + [Fraction(denominator - sum(counts), denominator)]


def invaded(A, p, denominator: int = 6, eps: Fraction = Fraction(1, 1000)) -> bool:
    """Brute force, exact: does some mutant q = p + eps (r - p), r on a grid, do at least as well?

    Local superiority (Hofbauer, Schuster and Sigmund 1979): p is an ESS iff p.A.q > q.A.q for all q != p
    near p. A True answer is a certificate that p is not an ESS."""
    A = np.array(A, dtype=object)
    for r in grid(len(p), denominator):
        q = [pi + eps * (ri - pi) for pi, ri in zip(p, r)]
        if q == list(p):
            continue
        pAq = sum(p[i] * A[i, j] * q[j] for i in range(len(p)) for j in range(len(p)))
        qAq = sum(q[i] * A[i, j] * q[j] for i in range(len(p)) for j in range(len(p)))
        if pAq <= qAq:
            return True
    return False


# ------------------------------------------------------------------------------------ textbook cases
@given(st.integers(1, 20), st.integers(1, 20))
@settings(max_examples=60, deadline=None)
def test_published_hawk_dove(V, C):
    """Maynard Smith and Price (1973); Maynard Smith (1982), Evolution and the Theory of Games, ch. 2:
    with V < C the only ESS plays Hawk with probability V/C; with V > C pure Hawk is the ESS."""
    A = [[Fraction(V - C, 2), V], [0, Fraction(V, 2)]]
    game = cg.NormalFormGame([A, np.transpose(np.array(A, dtype=object))], actions=[["Hawk", "Dove"]] * 2,
                             exact=True)
    found = evolutionarily_stable_strategies(game)
    if V < C:
        assert [list(e.strategy) for e in found] == [[Fraction(V, C), 1 - Fraction(V, C)]]
        assert not is_ess(game, "Hawk") and not is_ess(game, "Dove")
    elif V > C:
        assert [e.support_labels for e in found] == [("Hawk",)]
    else:
        assert [e.support_labels for e in found] == [("Hawk",)]      # a = c, b > d: Hawk wins the second condition


@given(matrices(2))
@settings(max_examples=150, deadline=None)
def test_derived_two_strategy_conditions(A):
    """Written out for 2x2 (Weibull 1995, Evolutionary Game Theory, sec. 2.1): e1 is an ESS iff a > c, or
    a = c and b > d; e2 likewise; an interior ESS exists iff a < c and d < b, at p = (b - d)/(b - d + c - a)."""
    (a, b), (c, d) = A
    e1 = a > c or (a == c and b > d)
    e2 = d > b or (d == b and c > a)
    assert is_ess(A, 0) == e1 and is_ess(A, 1) == e2
    found = evolutionarily_stable_strategies(A)
    expected = [[Fraction(1), Fraction(0)]] * e1 + [[Fraction(0), Fraction(1)]] * e2
    if a < c and d < b:
        p = Fraction(b - d, b - d + c - a)
        expected.append([p, 1 - p])
    def key(v):
        return [float(x) for x in v]
    assert sorted((list(e.strategy) for e in found), key=key) == sorted(expected, key=key)


@given(st.integers(1, 6), st.integers(1, 6))
@settings(max_examples=30, deadline=None)
def test_published_rock_paper_scissors(win, loss):
    """Zeeman (1980); Hofbauer and Sigmund (1998), sec. 7.7: in RPS with win w and loss l the centre is an
    ESS iff w > l; no pure strategy is one."""
    A = [[0, -loss, win], [win, 0, -loss], [-loss, win, 0]]
    third = [Fraction(1, 3)] * 3
    assert is_ess(A, third) == (win > loss)
    assert not any(is_ess(A, i) for i in range(3))
    assert len(evolutionarily_stable_strategies(A)) == (1 if win > loss else 0)


def test_mixtures_of_alternative_best_replies_matter():
    """Pure e1 against the best replies e2, e3: each pure mutant loses (p.A.e_j = 1 > 0 = e_j.A.e_j), but the
    mixture (0, 1/2, 1/2) ties (payoff 1 against 1) or wins: condition 2 must hold for mixed mutants too."""
    tie = [[1, 1, 1], [1, 0, 2], [1, 2, 0]]
    assert not is_ess(tie, 0)
    win = [[1, 1, 1], [1, 0, 3], [1, 3, 0]]
    assert not is_ess(win, 0)
    lose = [[1, 1, 1], [1, 0, 1], [1, 1, 0]]
    assert is_ess(lose, 0)
    for A in (tie, win, lose):
        assert is_ess(A, 0) == (not invaded(A, [Fraction(1), Fraction(0), Fraction(0)]))


# ------------------------------------------------------------------------------------ against oracles
@given(matrices(3))
@settings(max_examples=60, deadline=None)
def test_ess_resist_invasion_by_brute_force(A):
    """Every ESS found is uninvadable by exact mutants on a grid; every candidate symmetric equilibrium that
    the grid invades is rejected."""
    for e in evolutionarily_stable_strategies(A):
        assert not invaded(A, list(e.strategy))
    for i in range(3):
        p = [Fraction(int(k == i)) for k in range(3)]
        if invaded(A, p):
            assert not is_ess(A, i)


@given(matrices(3), st.integers(0, 10**6))
@settings(max_examples=25, deadline=None)
def test_ess_are_asymptotically_stable_under_the_replicator(A, seed):
    """Hofbauer, Schuster and Sigmund (1979): near an ESS p the relative entropy sum_i p_i log(p_i / x_i)
    strictly decreases along the one-population replicator dynamics, so orbits from nearby starts approach
    p (slowly, like 1/t, when the ESS is not hyperbolic: from a distance d the distance is roughly d / (1 + c d t),
    so the horizon grows like 1/d to halve it; A = [[-1, 0, 0], [0, 0, 0], [0, 1, 0]], whose ESS is the third
    corner with c = 1, was still at 0.7 d at t = 200 from d = 0.002)."""
    game = cg.NormalFormGame([np.array(A), np.array(A).T])
    rng = np.random.default_rng(seed)
    for e in evolutionarily_stable_strategies(A):
        p = np.asarray(e.strategy, float)
        start = 0.99 * p + 0.01 * rng.dirichlet(np.ones(3))
        horizon = max(200.0, 20.0 / np.abs(start - p).max())
        states = replicator(game, start, horizon, rtol=1e-10, atol=1e-12).states
        support = p > 0
        entropy = (p[support] * np.log(p[support] / states[:, support])).sum(axis=1)
        assert (np.diff(entropy) <= 1e-9).all()
        assert np.abs(states[-1] - p).max() < 0.5 * np.abs(start - p).max()


def test_a_non_hyperbolic_ess_is_approached_like_one_over_t():
    """The example hypothesis found: the third corner of A = [[-1, 0, 0], [0, 0, 0], [0, 1, 0]] is an ESS with a
    zero eigenvalue (the second action is an alternative best reply); along the edge towards it the gap
    d = x_2 obeys d' = -d**2 (1 - d), so d(t) ~ d0 / (1 + d0 t): from d0 = 0.002 it is above d0 / 2 at t = 200
    and below it at t = 1 / d0 + 200."""
    A = [[-1, 0, 0], [0, 0, 0], [0, 1, 0]]
    game = cg.NormalFormGame([np.array(A), np.array(A).T])
    (e,) = evolutionarily_stable_strategies(A)
    assert list(e.strategy) == [0, 0, 1]
    start = np.array([0.0, 0.002, 0.998])
    early = replicator(game, start, 200.0, rtol=1e-10, atol=1e-12).states[-1]
    late = replicator(game, start, 700.0, rtol=1e-10, atol=1e-12).states[-1]
    assert 0.001 < early[1] < 0.002 and late[1] < 0.001
    assert abs(early[1] - 0.002 / (1 + 0.002 * 200)) < 1e-4


def test_float_games_and_symbolic_games():
    hd = cg.NormalFormGame([[[-1.0, 2.0], [0.0, 1.0]], [[-1.0, 0.0], [2.0, 1.0]]])
    (e,) = evolutionarily_stable_strategies(hd)
    assert e.strategy.dtype == float and np.allclose(e.strategy, [0.5, 0.5])
    assert is_ess(hd, [0.5, 0.5]) and not is_ess(hd, [0.6, 0.4])
    sym = cg.SymbolicGame([[["(V - C)/2", "V"], [0, "V/2"]], [["(V - C)/2", 0], ["V", "V/2"]]])
    (e,) = evolutionarily_stable_strategies(sym.subs(V=2, C=6))
    assert list(e.strategy) == [Fraction(1, 3), Fraction(2, 3)]
    assert isinstance(e, ESS) and repr(e) == "ESS(1/3 1 + 2/3 2; payoff 2/3)"


def test_errors():
    with pytest.raises(InvalidGameError):
        is_ess(cg.NormalFormGame([[[1, 2], [3, 4]], [[0, 0], [0, 0]]]), 0)
    with pytest.raises(InvalidGameError):
        is_ess([[1, 2, 3]], 0)
    with pytest.raises(InvalidProfileError):
        is_ess([[1, 2], [3, 4]], [0.5, 0.6])
    with pytest.raises(InvalidProfileError):
        is_ess([[1, 2], [3, 4]], "X")
    with pytest.raises(InvalidProfileError):
        is_ess([[1, 2], [3, 4]], 2)
    with pytest.raises(SolverLimitError):
        evolutionarily_stable_strategies(np.eye(MAX_STRATEGIES + 1, dtype=int))


# ------------------------------------------------------------------------------ bad input, one test per class
PD = [[3, 0], [5, 1]]


def test_strategies_that_are_not_probability_vectors_are_typed_errors():
    """Issue 13: is_ess(pd, [[0.5, 0.6], [1, 0]]) raised TypeError. One probability-vector check now."""
    for bad in ([[0.5, 0.6], [1, 0]], [[0.5, 0.5], [1, 0]], [float("nan"), 1], [float("inf"), 0], [True, False],
                [0.5, "a"], [0.2, 0.2, 0.6], [], 1.5, None, True, {"a": 1}, "Govern", -1):
        with pytest.raises(InvalidProfileError):
            is_ess(PD, bad)
    assert is_ess(PD, [0, 1]) and is_ess(PD, [0.0, 1.0]) and is_ess(PD, 1)


def test_games_that_are_not_symmetric_games_are_typed_errors():
    for bad in (None, "pd", 3, [[1, 2], [3]], [[1, float("nan")], [0, 1]], {"A": 1}):
        with pytest.raises(InvalidGameError):
            is_ess(bad, 0)
        with pytest.raises(InvalidGameError):
            evolutionarily_stable_strategies(bad)


def test_strategy_limits_are_keywords():
    with pytest.raises(SolverLimitError, match="max_strategies=2.*pass a larger max_strategies=.*is_ess"):
        evolutionarily_stable_strategies(np.eye(3, dtype=int), max_strategies=2)
    assert len(evolutionarily_stable_strategies(np.eye(3, dtype=int), max_strategies=3)) == 3
    # all-equal payoffs: every other strategy is an alternative best reply
    with pytest.raises(SolverLimitError, match="alternative best replies .* max_strategies=2"):
        is_ess(np.zeros((4, 4), dtype=int), 0, max_strategies=2)
    assert not is_ess(np.zeros((4, 4), dtype=int), 0)
    with pytest.raises(InvalidArgumentError, match="max_strategies"):
        is_ess(PD, 0, max_strategies=0)


def test_ess_results_speak_the_common_vocabulary():
    hawk_dove = cg.NormalFormGame([[[-1, 2], [0, 1]], [[-1, 0], [2, 1]]], actions=[["Hawk", "Dove"]] * 2, exact=True)
    found = evolutionarily_stable_strategies(hawk_dove)
    assert found.method == "support_enumeration" and found.is_exact and found.is_complete
    (e,) = found
    assert e.support == (0, 1) and e.support_labels == ("Hawk", "Dove")
    assert e.payoffs == (Fraction(1, 2), Fraction(1, 2)) and e.is_exact
    assert e == evolutionarily_stable_strategies(hawk_dove)[0] and hash(e) == hash(found[0])
    frame = found.to_frame()
    assert list(frame.columns) == ["p(Hawk)", "p(Dove)", "support", "payoff"]
    assert frame.loc[0, "support"] == "Hawk, Dove"
    with pytest.raises(AttributeError):
        e.payoff = 0
    floats = evolutionarily_stable_strategies(hawk_dove.to_float())
    assert not floats.is_exact and not floats[0].is_exact and floats[0].support == (0, 1)
    assert evolutionarily_stable_strategies(PD) == [ESS(np.array([Fraction(0), Fraction(1)], dtype=object),
                                                        Fraction(1), (1,), ("1", "2"))]


def test_misspelt_keywords_are_refused():
    with pytest.raises(InvalidArgumentTypeError, match="did you mean 'max_strategies'"):
        is_ess(PD, 0, max_strategy=3)
    with pytest.raises(InvalidArgumentTypeError, match="unknown keyword argument 'bogus'"):
        evolutionarily_stable_strategies(PD, bogus=1)
