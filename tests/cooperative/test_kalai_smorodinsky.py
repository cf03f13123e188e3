"""Tests of kalai_smorodinsky (claim C24).

Oracles: scipy's LP over convex-combination weights (feasibility of the
solution, the ideal point, weak Pareto optimality), the closed form on
triangles and TU games, and nash_bargaining on symmetric problems.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from coopgame.cooperative import KalaiSmorodinskySolution, TUGame, kalai_smorodinsky, nash_bargaining
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, InvalidGameError, NotSupportedError
from coopgame.games.normal_form import NormalFormGame

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

point = st.tuples(st.integers(-5, 10), st.integers(-5, 10))
problems = st.lists(point, min_size=1, max_size=7)


def best_in_hull(points, objective, lower):
    """max objective . u over the convex hull of points with u >= lower (scipy LP on the weights)."""
    P = np.array(points, dtype=float)
    res = linprog(-(P @ np.asarray(objective, dtype=float)), A_ub=-P.T, b_ub=-np.asarray(lower, dtype=float),
                  A_eq=np.ones((1, len(points))), b_eq=[1.0], bounds=[(0, None)] * len(points), method="highs")
    return None if res.status != 0 else -res.fun


def in_hull(points, u):
    P = np.array(points, dtype=float)
    res = linprog(np.zeros(len(points)), A_eq=np.vstack([P.T, np.ones(len(points))]),
                  b_eq=[float(u[0]), float(u[1]), 1.0], bounds=[(0, None)] * len(points), method="highs")
    return res.status == 0


def pareto_gain(points, u):
    """Largest t with a hull point >= u + (t, t): positive iff u is not weakly Pareto optimal."""
    P = np.array(points, dtype=float)
    k = len(points)
    # variables: weights (k), t; maximise t s.t. P^T w - t >= u
    c = np.zeros(k + 1)
    c[-1] = -1
    A = np.hstack([-P.T, np.ones((2, 1))])
    res = linprog(c, A_ub=A, b_ub=-np.asarray(u, dtype=float), A_eq=np.append(np.ones(k), 0)[None, :], b_eq=[1.0],
                  bounds=[(0, None)] * k + [(None, None)], method="highs")
    return -res.fun


# --------------------------------------------------------------------------- C24
@PROPERTY
@given(problems)
def test_c24_pareto_optimal_individually_rational_and_proportional(points):
    s = kalai_smorodinsky(points)  # disagreement: the componentwise minimum, always feasible-dominated
    d, a, u = s.disagreement, s.ideal, s.payoffs
    assert s.is_exact
    assert in_hull(points, u)
    assert u[0] >= d[0] and u[1] >= d[1]  # individually rational
    assert (u[0] - d[0]) * (a[1] - d[1]) == (u[1] - d[1]) * (a[0] - d[0])  # proportional to the ideal gains
    for axis in (0, 1):  # the ideal point, from an independent LP
        objective = [1, 0] if axis == 0 else [0, 1]
        assert float(a[axis]) == pytest.approx(best_in_hull(points, objective, d), abs=1e-7)
    assert pareto_gain(points, u) <= 1e-7  # weakly Pareto optimal
    # and strictly: no feasible point gives both at least as much and one more
    assert best_in_hull(points, [1, 1], u) == pytest.approx(float(u[0] + u[1]), abs=1e-7)


@PROPERTY
@given(st.lists(point, min_size=1, max_size=5), st.integers(-5, 3))
def test_c24_equals_nash_on_symmetric_problems(half, m):
    points = half + [(y, x) for x, y in half]
    assume(any(p[0] > m and p[1] > m for p in points) or any(p[0] >= m and p[1] >= m for p in points))
    try:
        ks = kalai_smorodinsky(points, (m, m))
    except InvalidArgumentError:
        with pytest.raises(InvalidArgumentError):
            nash_bargaining(points, (m, m))
        return
    nash = nash_bargaining(points, (m, m))
    if all(g > 0 for g in nash.gains):
        assert ks.payoffs == nash.payoffs
    assert ks.payoffs[0] == ks.payoffs[1]


@given(st.fractions(F(1, 10), 20, max_denominator=10), st.fractions(F(1, 10), 20, max_denominator=10),
       st.fractions(-5, 5, max_denominator=10), st.fractions(-5, 5, max_denominator=10))
def test_triangle_closed_form(a, b, d1, d2):
    """On the triangle with vertices d, d + (a, 0), d + (0, b), KS (and Nash) give half of each ideal gain."""
    pts = [(d1, d2), (d1 + a, d2), (d1, d2 + b)]
    s = kalai_smorodinsky(pts, (d1, d2))
    assert s.payoffs == (d1 + a / 2, d2 + b / 2)
    assert s.ideal == (d1 + a, d2 + b)
    assert s.payoffs == nash_bargaining(pts, (d1, d2)).payoffs


def test_differs_from_nash_where_the_frontier_bends():
    pts = [(0, 0), (3, 0), (2, 2), (0, 2)]
    s = kalai_smorodinsky(pts)
    assert s.payoffs == (F(9, 4), F(3, 2)) and s.ideal == (3, 2)
    assert nash_bargaining(pts).payoffs == (2, 2)


# --------------------------------------------------------------------------- games and TU games
def test_games_and_their_distribution():
    chicken = NormalFormGame([[[6, 2], [7, 0]], [[6, 7], [2, 0]]], exact=True)
    s = kalai_smorodinsky(chicken)
    assert s.disagreement == (2, 2) and s.payoffs == (6, 6)  # symmetric: Nash's (6, 6)
    bos = NormalFormGame([[[3, 0], [0, 1]], [[1, 0], [0, 3]]], exact=True)
    s = kalai_smorodinsky(bos, (0, 0))
    assert s.payoffs == (2, 2) and s.ideal == (3, 3)
    expected = [sum(s.distribution[p] * bos.payoffs[i][p] for p in np.ndindex(*bos.shape)) for i in range(2)]
    assert tuple(expected) == s.payoffs
    assert sum(s.distribution.reshape(-1)) == 1
    with pytest.raises(ValueError):
        s.distribution[0, 0] = 1
    fl = kalai_smorodinsky(bos.to_float(), (0, 0))
    assert not fl.is_exact and fl.payoffs == pytest.approx((2.0, 2.0))


def test_tu_games_split_the_surplus_equally():
    river = TUGame(2, {(0,): 0, (1,): 0, (0, 1): 4}, players=["U", "D"])
    s = kalai_smorodinsky(river)
    assert s.payoffs == (2, 2) and s.ideal == (4, 4) and s.method == "transferable utility"
    g = TUGame(3, lambda S: len(S) ** 2)
    assert kalai_smorodinsky(g).payoffs == nash_bargaining(g).payoffs == (3, 3, 3)
    cost = TUGame(2, [0, 4, 3, 5], cost=True)
    assert kalai_smorodinsky(cost).payoffs == nash_bargaining(cost).payoffs


def test_result_object():
    s = kalai_smorodinsky([(0, 0), (4, 0), (0, 2)])
    assert isinstance(s, KalaiSmorodinskySolution)
    assert s == kalai_smorodinsky([(4, 0), (0, 2), (0, 0)]) and hash(s) == hash(kalai_smorodinsky([(0, 2), (4, 0)], (0, 0)))
    assert s.gains == (2, 1) and "ideal 4, 2" in repr(s)
    assert s.to_dict()["ideal"] == (F(4), F(2)) and "<table" in s._repr_html_()
    assert kalai_smorodinsky([(1, 1)]).payoffs == (1, 1)  # one point: nothing to gain


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("call, message", [
    (lambda: kalai_smorodinsky([(0, 0), (1, 1)], disagreement=(2, 2)), "no feasible payoff"),
    (lambda: kalai_smorodinsky([(0, 0), (1, 1)], disagreement=5), "disagreement point of 2 numbers"),
    (lambda: kalai_smorodinsky([(0, 0), (1, 1)], disagreement=(float("nan"), 0)), "finite real numbers"),
    (lambda: kalai_smorodinsky([(0, 0), (1, float("inf"))]), "finite real numbers"),
    (lambda: kalai_smorodinsky("pairs"), "sequence of payoff pairs"),
    (lambda: kalai_smorodinsky(5), "sequence of payoff pairs"),
    (lambda: kalai_smorodinsky([(1, 2, 3)]), "(u1, u2) pairs"),
    (lambda: kalai_smorodinsky([]), "(u1, u2) pairs"),
    (lambda: kalai_smorodinsky(NormalFormGame([[[1]], [[1]]]), disagreement="threat"), "'maxmin'"),
])
def test_bad_input(call, message):
    with pytest.raises(InvalidArgumentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_bad_games():
    with pytest.raises(InvalidGameError):
        kalai_smorodinsky(TUGame(2, [0, 3, 3, 4]))
    with pytest.raises(NotSupportedError, match="TUGame"):
        kalai_smorodinsky(NormalFormGame([np.zeros((2, 2, 2))] * 3))
    with pytest.raises(InvalidArgumentTypeError, match="disagreement"):
        kalai_smorodinsky([(0, 0)], disagreemnt=(0, 0))
