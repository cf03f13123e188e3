"""Tests of coopgame.cooperative.bargaining: Nash bargaining (claim C4 of docs/explanation/claims.md; Nash 1950).

Oracles: a brute-force search of the Nash product along every segment between
two feasible points (the hull's frontier lies on such segments), Nash's
axioms (Pareto efficiency, symmetry, invariance to positive affine maps), the
closed forms of the compensation band of claim C4 (ecological compensation), and the
expected payoffs of the returned joint distribution.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coopgame.cooperative.bargaining import BargainingSolution, nash_bargaining
from coopgame.cooperative.tu_game import TUGame
from coopgame.errors import InvalidArgumentError, InvalidGameError, NotSupportedError
from coopgame.games.normal_form import NormalFormGame
from coopgame.results import Result

# too_slow is off because each example runs an exact solver (LPs, Fractions): generation is fast, examples are not.
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

points_st = st.lists(st.tuples(st.integers(-10, 10), st.integers(-10, 10)), min_size=1, max_size=7)
weights_st = st.tuples(st.integers(1, 4), st.integers(1, 4))


def brute_force_best(points, d, w, steps=400):
    """Largest Nash product over a grid on every segment between two points (and the points)."""
    best = -math.inf
    for p, q in itertools.combinations_with_replacement(points, 2):
        for k in range(steps + 1):
            t = k / steps
            g1 = (1 - t) * p[0] + t * q[0] - d[0]
            g2 = (1 - t) * p[1] + t * q[1] - d[1]
            if g1 > 1e-9 and g2 > 1e-9:
                best = max(best, w[0] * math.log(g1) + w[1] * math.log(g2))
    return best


def in_hull(points, u):
    """u is a convex combination of the points (LP feasibility)."""
    from scipy.optimize import linprog

    P = np.array(points, dtype=float).T
    res = linprog(np.zeros(P.shape[1]), A_eq=np.vstack([P, np.ones(P.shape[1])]),
                  b_eq=np.append(np.asarray(u, dtype=float), 1.0), bounds=(0, None))
    return res.status == 0


@PROPERTY
@given(points_st, weights_st)
def test_optimal_against_brute_force_and_feasible(points, w):
    d = (min(p[0] for p in points), min(p[1] for p in points))
    s = nash_bargaining(points, d, weights=w)
    assert in_hull(points, s.payoffs)
    assert s.payoffs[0] >= d[0] and s.payoffs[1] >= d[1]
    best = brute_force_best(points, d, w)
    if best > -math.inf:
        ours = w[0] * math.log(s.gains[0]) + w[1] * math.log(s.gains[1])
        assert ours >= best - 1e-9
        assert s.nash_product == s.gains[0] ** w[0] * s.gains[1] ** w[1]
    # Pareto efficiency: no generating point is at least as good for both and better for one
    u = s.payoffs
    assert not any(p[0] >= u[0] and p[1] >= u[1] and p != u for p in points)


def test_brute_force_oracle_can_fail():
    """The optimality check rejects a feasible but non-optimal agreement."""
    points, d = [(0, 0), (4, 0), (0, 2)], (0, 0)
    assert math.log(1) + math.log(1.5) < brute_force_best(points, d, (1, 1)) - 1e-3  # (1, 1.5) is feasible


@PROPERTY
@given(points_st, st.fractions(F(1, 5), 5), st.fractions(F(1, 5), 5), st.integers(-5, 5), st.integers(-5, 5))
def test_invariant_under_positive_affine_maps(points, a1, a2, b1, b2):
    d = (min(p[0] for p in points), min(p[1] for p in points))
    s = nash_bargaining(points, d)
    mapped = [(a1 * p[0] + b1, a2 * p[1] + b2) for p in points]
    t = nash_bargaining(mapped, (a1 * d[0] + b1, a2 * d[1] + b2))
    assert t.payoffs == (a1 * s.payoffs[0] + b1, a2 * s.payoffs[1] + b2)


@PROPERTY
@given(points_st)
def test_symmetric_problems_get_symmetric_solutions(points):
    sym = points + [(q, p) for p, q in points]
    m = min(min(p) for p in sym)
    s = nash_bargaining(sym, (m, m))
    assert s.payoffs[0] == s.payoffs[1]


# --------------------------------------------------------------------------- claim C4
@PROPERTY
@given(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20), st.fractions(0, 1))
def test_c4_bargained_compensation_in_band(C_u, b_u, B_d, theta):
    """Upstream protects (cost C_u, own benefit b_u), downstream gains B_d and pays T. With
    transferable utility and disagreement (Develop, no payment) = (0, 0), downstream's power theta
    gives T = C_u - b_u + (1 - theta)(B_d + b_u - C_u) (claim C4), inside the band
    C_u - b_u <= T <= B_d whenever protection is efficient."""
    surplus = B_d + b_u - C_u
    assume(surplus >= 0)
    assume(0 < theta < 1)
    game = TUGame(2, {(0, 1): surplus}, players=["U", "D"])
    s = nash_bargaining(game, weights=(1 - theta, theta))
    T = s.payoffs[0] - (b_u - C_u)  # U's payoff is b_u - C_u + T
    assert T == C_u - b_u + (1 - theta) * surplus
    assert C_u - b_u <= T <= B_d
    assert s.payoffs[1] == B_d - T  # D's payoff B_d - T: transfers keep the total
    if theta == F(1, 2):
        assert T == F(C_u - b_u + B_d, 2)


def test_river_compensation_as_a_game():
    """The same problem as a 2x2 game: U protects or develops; D pays T or not. The convex hull of
    the payoffs with the transfer levels 0 and B_d as actions gives the equal-power T* on the frontier."""
    C_u, b_u, B_d = 5, 1, 8
    # actions: U in (Protect, Develop); D in (pay 0, pay B_d) when U protects
    A = [[b_u - C_u, b_u - C_u + B_d], [0, 0]]
    B = [[B_d, 0], [0, 0]]
    game = NormalFormGame([A, B], exact=True)
    s = nash_bargaining(game, disagreement=(0, 0))
    T = s.payoffs[0] - (b_u - C_u)
    assert T == F(C_u - b_u + B_d, 2)
    expected = [sum(s.distribution[idx] * u[idx] for idx in np.ndindex(2, 2)) for u in game.payoffs]
    assert tuple(expected) == s.payoffs


# --------------------------------------------------------------------------- games
def test_game_default_disagreement_is_maxmin_and_distribution():
    chicken = NormalFormGame([[[6, 2], [7, 0]], [[6, 7], [2, 0]]], exact=True)
    s = nash_bargaining(chicken)
    assert s.disagreement == (2, 2) and s.payoffs == (6, 6)
    assert s.distribution.tolist() == [[1, 0], [0, 0]] and not s.distribution.flags.writeable
    pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    with pytest.raises(InvalidArgumentError, match="disagreement"):
        nash_bargaining(pennies, disagreement=(1, 1))
    z = nash_bargaining(pennies)  # zero-sum: every outcome is Pareto optimal, the maxmin point (0, 0)
    assert z.payoffs == (0, 0) and z.nash_product == 0
    fl = nash_bargaining(chicken.to_float())
    assert fl.payoffs == pytest.approx((6.0, 6.0)) and isinstance(fl.payoffs[0], float)


def test_bos_split():
    """Battle of the sexes (2,1)/(1,2) with disagreement (0, 0): the Nash solution is the even
    lottery between the two coordinated outcomes, (3/2, 3/2), a correlated strategy."""
    bos = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], exact=True)
    s = nash_bargaining(bos, (0, 0))
    assert s.payoffs == (F(3, 2), F(3, 2))
    assert s.distribution.tolist() == [[F(1, 2), 0], [0, F(1, 2)]]


# --------------------------------------------------------------------------- TU games
def test_tu_games_split_and_cost_games():
    g = TUGame(3, {(0,): 1, (1,): 2, (2,): 0, (0, 1, 2): 9})
    s = nash_bargaining(g)
    assert s.payoffs == (3, 4, 2) and s.method == "transferable utility"
    assert nash_bargaining(g, weights=(1, 1, 4)).payoffs == (2, 3, 4)
    assert nash_bargaining(g, disagreement=(0, 0, 0)).payoffs == (3, 3, 3)
    cost = TUGame(2, {(0,): 6, (1,): 4, (0, 1): 8}, cost=True)
    assert nash_bargaining(cost).payoffs == (5, 3)  # savings 2 shared equally
    fl = nash_bargaining(TUGame(2, [0.0, 1.0, 1.0, 4.0]))
    assert fl.payoffs == (2.0, 2.0)
    with pytest.raises(InvalidGameError, match="less than the sum"):
        nash_bargaining(TUGame(2, [0, 3, 3, 4]))
    with pytest.raises(InvalidGameError, match="costs more"):
        nash_bargaining(TUGame(2, [0, 1, 1, 4], cost=True))


def test_result_object():
    s = nash_bargaining([(0, 0), (4, 0), (0, 2)])
    assert isinstance(s, BargainingSolution)
    assert repr(s) == "BargainingSolution(payoffs 2, 1; disagreement 0, 0; Nash product 2)"
    assert isinstance(s, Result) and s.is_exact
    assert s.to_dict() == {"payoffs": (2, 1), "disagreement": (0, 0), "weights": (1, 1), "nash_product": 2,
                           "distribution": None, "method": "convex hull", "is_exact": True}
    game = NormalFormGame([[[6, 2], [7, 0]], [[6, 7], [2, 0]]])
    dist = nash_bargaining(game).distribution
    with pytest.raises(ValueError):
        dist[0, 0] = 1
    assert s == nash_bargaining([(4, 0), (0, 2), (0, 0)]) and hash(s) == hash(nash_bargaining([(0, 2), (4, 0)], (0, 0)))
    with pytest.raises(AttributeError):
        s.payoffs = (0, 0)
    w = nash_bargaining([(0, 0), (4, 0), (0, 2)], weights=(F(1, 2), F(1, 2)))
    assert w.payoffs == (2, 1) and isinstance(w.nash_product, float)
    assert "weights 3, 1" in repr(nash_bargaining([(0, 0), (4, 0), (0, 2)], weights=(3, 1)))


def test_errors():
    with pytest.raises(NotSupportedError, match="two-player.*TUGame"):
        nash_bargaining(NormalFormGame([np.zeros((2, 2, 2))] * 3))
    with pytest.raises(InvalidArgumentError, match="pairs"):
        nash_bargaining([(1, 2, 3)])
    with pytest.raises(InvalidArgumentError, match="weights must be positive"):
        nash_bargaining([(0, 0), (1, 1)], weights=(1, 0))
    with pytest.raises(InvalidArgumentError, match="expected 2 weights"):
        nash_bargaining([(0, 0), (1, 1)], weights=(1, 1, 1))
    with pytest.raises(InvalidArgumentError, match="expected a NormalFormGame"):
        nash_bargaining(5)
    with pytest.raises(InvalidArgumentError, match="'maxmin'"):
        nash_bargaining(NormalFormGame([[[1]], [[1]]]), disagreement="threat")
    with pytest.raises(InvalidArgumentError, match="3 numbers"):
        nash_bargaining(TUGame(3, lambda S: len(S)), disagreement=(0, 0))


def test_pickle_round_trip():
    import pickle

    chicken = NormalFormGame([[[6, 2], [7, 0]], [[6, 7], [2, 0]]], exact=True)
    s = nash_bargaining(chicken)
    t = pickle.loads(pickle.dumps(s))
    assert t == s and t.distribution.tolist() == s.distribution.tolist() and t.method == s.method
