"""Tests of coopgame.equilibria.commitment: strong Stackelberg equilibria (claim C21) and the exact LP.

Oracles: the leader's commitment simplex enumerated independently here --
every vertex of every follower-reply region, solved exactly from its tight
constraints, plus a fine grid -- on 2x2 and 3x3 games; brute-force pure
Nash equilibria of the followers on three-player games; all extreme Nash
equilibria (``mixed_equilibria``) for claim C21; HiGHS for the exact simplex.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from coopgame import models
from coopgame.equilibria import StackelbergEquilibrium, commitment_payoff, mixed_equilibria, stackelberg
from coopgame.equilibria._exact_lp import solve_exact_lp
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    NotSupportedError,
    SolverLimitError,
)
from coopgame.games.normal_form import NormalFormGame
from tests.strategies import bimatrix_games, games

# too_slow suppressed: each example solves one exact LP per follower action, by design
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CS_GAME = [[[2, 4], [1, 3]], [[1, 0], [0, 1]]]


# --------------------------------------------------------------------------- oracles
def leader_rows(game: NormalFormGame, leader: int):
    """Exact (A, B): the leader's and the follower's payoffs with the leader's actions as rows."""
    A, B = (np.asarray(u, dtype=object) for u in game.payoffs)
    if leader == 1:
        A, B = B.T, A.T
    return A, B


def solve(rows, rhs):
    """Unique exact solution of a square system by Cramer-free elimination, or None."""
    import sympy

    M = sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in r] for r in rows])
    if M.det() == 0:
        return None
    sol = M.LUsolve(sympy.Matrix([sympy.Rational(v.numerator, v.denominator) for v in rhs]))
    return [F(int(v.p), int(v.q)) for v in sol]


def vertex_oracle(game: NormalFormGame, leader: int) -> F:
    """Strong Stackelberg value from every vertex of every reply region of the commitment simplex."""
    A, B = leader_rows(game, leader)
    m, n = A.shape
    best = None
    for j in range(n):
        # constraints (a, b): a . x <= b; the simplex's x_i >= 0 and j's optimality
        cons = [([F(-1) if k == i else F(0) for k in range(m)], F(0)) for i in range(m)]
        cons += [([F(B[i, k]) - F(B[i, j]) for i in range(m)], F(0)) for k in range(n) if k != j]
        for subset in itertools.combinations(range(len(cons)), m - 1):
            rows = [[F(1)] * m] + [cons[c][0] for c in subset]
            x = solve(rows, [F(1)] + [cons[c][1] for c in subset])
            if x is None or any(sum(a * v for a, v in zip(row, x)) > b for row, b in cons):
                continue
            value = sum(F(A[i, j]) * x[i] for i in range(m))
            best = value if best is None else max(best, value)
    assert best is not None
    return best


def grid_value(game: NormalFormGame, leader: int, steps: int) -> F:
    """Best leader payoff over a grid of commitments (follower ties broken for the leader)."""
    A, B = leader_rows(game, leader)
    m, n = A.shape
    best = None
    for counts in itertools.product(range(steps + 1), repeat=m - 1):
        if sum(counts) > steps:
            continue
        x = [F(c, steps) for c in counts] + [F(steps - sum(counts), steps)]
        fv = [sum(x[i] * B[i, j] for i in range(m)) for j in range(n)]
        top = max(fv)
        value = max(sum(x[i] * A[i, j] for i in range(m)) for j in range(n) if fv[j] == top)
        best = value if best is None else max(best, value)
    return best


# --------------------------------------------------------------------------- published
def test_published_conitzer_sandholm_2006_commitment_example():
    """Conitzer and Sandholm (2006), Section 2's example (numbers as in OpenSpiel's stackelberg_lp test).

    The leader's first action is strictly dominant, so its Nash payoff is 2;
    committing to (1/2, 1/2) earns 3.5.
    """
    g = NormalFormGame(CS_GAME, exact=True)
    s = stackelberg(g, 0)
    assert list(s.strategies[0]) == [F(1, 2), F(1, 2)]
    assert s.leader_payoff == F(7, 2)
    assert list(s.strategies[1]) == [0, 1]
    assert s.is_exact and s.follower_regret() == 0
    nash = [e.payoffs[0] for e in mixed_equilibria(g)]
    assert nash == [2]


def test_published_conitzer_sandholm_2006_second_example():
    """Conitzer and Sandholm (2006): the 2x3 example with commitment (1/3, 2/3) and value 4/3."""
    g = NormalFormGame([[[2, 0, 0], [1, 0, 0]], [[0, 2, 5], [0, -1, -4]]], exact=True)
    s = stackelberg(g, 0)
    assert list(s.strategies[0]) == [F(1, 3), F(2, 3)]
    assert s.leader_payoff == F(4, 3)


def test_pure_commitment_of_the_published_example():
    g = NormalFormGame(CS_GAME, exact=True)
    s = stackelberg(g, 0, commitment="pure")
    assert s.commitment == "pure" and s.leader_payoff == 3
    assert list(s.strategies[0]) == [0, 1] and list(s.strategies[1]) == [0, 1]


# --------------------------------------------------------------------------- oracles as properties
@PROPERTY
@given(bimatrix_games(min_actions=2, max_actions=3, exact=True), st.integers(0, 1))
def test_value_equals_the_vertex_enumeration_of_the_commitment_simplex(game, leader):
    s = stackelberg(game, leader)
    assert s.leader_payoff == vertex_oracle(game, leader)
    assert s.follower_regret() == 0
    assert commitment_payoff(game, leader, s.strategies[leader]) == s.leader_payoff


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bimatrix_games(min_actions=2, max_actions=3, exact=True), st.integers(0, 1))
def test_no_grid_commitment_beats_the_solution(game, leader):
    steps = 60 if game.shape[leader] == 2 else 24
    assert grid_value(game, leader, steps) <= stackelberg(game, leader).leader_payoff


@PROPERTY
@given(bimatrix_games(min_actions=1, max_actions=4, exact=True, degenerate=True), st.integers(0, 1))
def test_degenerate_games_match_the_oracle(game, leader):
    if game.shape[leader] <= 3 and game.shape[1 - leader] <= 3:
        assert stackelberg(game, leader).leader_payoff == vertex_oracle(game, leader)


@PROPERTY
@given(bimatrix_games(min_actions=1, max_actions=4, exact=True), st.integers(0, 1))
def test_c21_commitment_beats_every_nash_equilibrium(game, leader):
    """C21 (von Stengel and Zamir 2010): the leader's value is at least its payoff in every Nash equilibrium."""
    value = stackelberg(game, leader).leader_payoff
    for eq in mixed_equilibria(game):
        assert value >= eq.payoffs[leader]


@PROPERTY
@given(bimatrix_games(min_actions=1, max_actions=4, exact=True), st.integers(0, 1))
def test_mixed_commitment_is_worth_at_least_pure_commitment(game, leader):
    pure = stackelberg(game, leader, "pure")
    assert stackelberg(game, leader).leader_payoff >= pure.leader_payoff
    A, B = leader_rows(game, leader)
    expected = max(max(A[i, j] for j in range(B.shape[1]) if B[i, j] == max(B[i])) for i in range(A.shape[0]))
    assert pure.leader_payoff == expected


@PROPERTY
@given(bimatrix_games(min_actions=2, max_actions=4, exact=True), st.integers(0, 1))
def test_float_games_agree_with_exact_games(game, leader):
    exact = stackelberg(game, leader)
    approx = stackelberg(game.to_float(), leader)
    assert not approx.is_exact
    assert abs(float(approx.leader_payoff) - float(exact.leader_payoff)) <= 1e-6 * max(1, abs(float(exact.leader_payoff)))
    assert approx.follower_regret() <= 1e-6


@PROPERTY
@given(bimatrix_games(min_actions=2, max_actions=3, exact=True), st.integers(0, 1),
       st.fractions(F(1, 5), 5, max_denominator=5), st.fractions(-5, 5, max_denominator=5),
       st.fractions(F(1, 5), 5, max_denominator=5), st.fractions(-5, 5, max_denominator=5), st.randoms())
def test_affine_payoff_changes_and_relabelling(game, leader, a, b, c, d, rnd):
    """Positive affine maps of each player's payoffs and a relabelling of actions map the value accordingly."""
    value = stackelberg(game, leader).leader_payoff
    L, Fo = (np.asarray(u, dtype=object) for u in game.payoffs)
    maps = [(a, b), (c, d)]
    moved = [maps[0][0] * L + maps[0][1], maps[1][0] * Fo + maps[1][1]]
    rows = list(range(game.shape[0]))
    cols = list(range(game.shape[1]))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    moved = [u[np.ix_(rows, cols)] for u in moved]
    other = stackelberg(NormalFormGame(moved, exact=True), leader)
    la, lb = maps[leader]
    assert other.leader_payoff == la * value + lb


def test_symbolic_game_with_free_parameters_is_refused():
    from coopgame.errors import UnresolvedParameterError

    with pytest.raises(UnresolvedParameterError):
        stackelberg(models.inspection(), 1)


# --------------------------------------------------------------------------- several followers
def pure_follower_value(game: NormalFormGame, leader: int, x) -> F | None:
    """Best leader payoff over the followers' pure Nash equilibria given commitment x (brute force)."""
    others = [f for f in range(game.num_players) if f != leader]
    best = None
    for s in itertools.product(*(range(game.shape[f]) for f in others)):
        def pay(player, prof):
            total = F(0)
            for i, xi in enumerate(x):
                full = list(prof)
                full.insert(leader, i)
                total += xi * game.payoffs[player][tuple(full)]
            return total

        ok = True
        for k, f in enumerate(others):
            for a in range(game.shape[f]):
                dev = list(s)
                dev[k] = a
                if pay(f, dev) > pay(f, s):
                    ok = False
        if ok:
            v = pay(leader, s)
            best = v if best is None else max(best, v)
    return best


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games(num_players=3, min_actions=2, max_actions=2, exact=True), st.integers(0, 2))
def test_two_followers_playing_pure_nash(game, leader):
    try:
        s = stackelberg(game, leader)
    except NotSupportedError:
        # then no commitment on a grid leaves the followers a pure equilibrium either
        for k in range(0, 21):
            assert pure_follower_value(game, leader, [F(k, 20), F(20 - k, 20)]) is None
        return
    assert s.follower_regret() == 0
    assert "pure Nash equilibrium" in s.note
    assert pure_follower_value(game, leader, list(s.strategies[leader])) == s.leader_payoff
    for k in range(0, 21):
        v = pure_follower_value(game, leader, [F(k, 20), F(20 - k, 20)])
        assert v is None or v <= s.leader_payoff


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games(num_players=3, min_actions=2, max_actions=2, exact=True), st.integers(0, 2))
def test_pure_commitment_with_two_followers_covers_their_mixed_equilibria(game, leader):
    s = stackelberg(game, leader, "pure")
    assert s.follower_regret() == 0
    for i in range(game.shape[leader]):
        x = [F(int(k == i)) for k in range(game.shape[leader])]
        v = pure_follower_value(game, leader, x)
        assert v is None or v <= s.leader_payoff


def test_followers_without_pure_equilibrium_are_not_supported_under_mixed_commitment():
    # the leader has one action; the followers play matching pennies
    pennies_1 = [[[1, -1], [-1, 1]]]
    pennies_2 = [[[-1, 1], [1, -1]]]
    g = NormalFormGame([np.zeros((1, 2, 2), dtype=int), np.array(pennies_1), np.array(pennies_2)], exact=True)
    with pytest.raises(NotSupportedError, match="pure Nash equilibrium"):
        stackelberg(g, 0)
    s = stackelberg(g, 0, commitment="pure")
    assert [list(v) for v in s.strategies[1:]] == [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]]
    with pytest.raises(NotSupportedError):
        commitment_payoff(g, 0, [1])


# --------------------------------------------------------------------------- the inspection game
@st.composite
def inspection_parameters(draw, detection_pays: bool):
    """(dc, k, rho, F, B) with dc < rho F (an interior threshold) and rho B > k or rho B < k."""
    small = st.fractions(F(1, 10), 1, max_denominator=10)
    rho, fine, benefit = draw(small), draw(st.fractions(F(1, 2), 20, max_denominator=10)), draw(st.fractions(F(1, 10), 20, max_denominator=10))
    dc = rho * fine * draw(st.fractions(F(1, 10), F(9, 10), max_denominator=10))
    k = rho * benefit * (draw(st.fractions(F(1, 10), F(9, 10), max_denominator=10)) if detection_pays
                         else draw(st.fractions(F(11, 10), 5, max_denominator=10)))
    return dc, k, rho, fine, benefit


@PROPERTY
@given(inspection_parameters(detection_pays=True))
def test_the_centre_commits_to_inspect_just_enough(params):
    """The inspection game with central leadership: y = dc/(rho F) when detection pays (rho B > k)."""
    dc, k, rho, fine, benefit = params
    g = models.inspection(dc=dc, k=k, rho=rho, F=fine, B=benefit)
    s = stackelberg(g, "Central government")
    assert s.strategies[1][0] == dc / (rho * fine)
    # the centre's Nash payoff is 0 (it is indifferent at x* = k/(rho B)); commitment earns more
    assert s.leader_payoff == dc / (rho * fine) * (rho * benefit - k) > 0


def test_a_centre_harmed_by_false_cooperation_gets_real_cooperation():
    damage = 3  # the centre loses 3 from undetected false cooperation
    g = models.inspection().numeric()
    C = np.array(g.payoffs[1], dtype=object)
    C[1, 0] -= (1 - F(1, 2)) * damage
    C[1, 1] -= damage
    harmed = NormalFormGame([g.payoffs[0], C], players=g.players, actions=g.actions, exact=True)
    s = stackelberg(harmed, "Central government")
    assert list(s.strategies[1]) == [F(1, 2), F(1, 2)]
    assert list(s.strategies[0]) == [1, 0]  # the local government cooperates for real
    assert s.leader_payoff == F(-1, 2)


@PROPERTY
@given(inspection_parameters(detection_pays=False))
def test_a_centre_for_whom_detection_does_not_pay_commits_to_trust(params):
    dc, k, rho, fine, benefit = params
    s = stackelberg(models.inspection(dc=dc, k=k, rho=rho, F=fine, B=benefit), "Central government")
    assert list(s.strategies[1]) == [0, 1] and list(s.strategies[0]) == [0, 1]
    assert s.leader_payoff == 0


@PROPERTY
@given(inspection_parameters(detection_pays=True), st.fractions(0, 20, max_denominator=10))
def test_the_damage_that_brings_real_cooperation(params, damage):
    """With a damage D from undetected false cooperation: y = y*, and Real iff D (1 - rho y*) > rho B y*."""
    dc, k, rho, fine, benefit = params
    y = dc / (rho * fine)
    assume(damage * (1 - rho * y) != rho * benefit * y)  # no tie between the two replies
    g = models.inspection(dc=dc, k=k, rho=rho, F=fine, B=benefit)
    C = np.array(g.payoffs[1], dtype=object)
    C[1, 0] -= (1 - rho) * damage
    C[1, 1] -= damage
    s = stackelberg(NormalFormGame([g.payoffs[0], C], exact=True), 1)
    assert s.strategies[1][0] == y
    real = damage * (1 - rho * y) > rho * benefit * y
    assert list(s.strategies[0]) == ([1, 0] if real else [0, 1])
    assert s.leader_payoff == (-k * y if real else -damage + y * (rho * benefit - k + rho * damage))


# --------------------------------------------------------------------------- result object
def test_result_object():
    g = NormalFormGame(CS_GAME, exact=True)
    s = stackelberg(g, "Player 1")
    assert s == stackelberg(g, 0) and hash(s) == hash(stackelberg(g, 0))
    assert s != stackelberg(g, 0, "pure")
    assert isinstance(s, StackelbergEquilibrium)
    assert s.followers == (1,)
    assert "commits to 1/2 1 + 1/2 2" in repr(s)
    assert s.to_dict()["leader"] == 0 and "<table" in s._repr_html_()
    assert s._frame_row()["payoff: Player 1"] == F(7, 2)
    with pytest.raises(ValueError):
        s.strategies[0][0] = 1
    with pytest.raises(ValueError):
        s.payoffs[0] = 1
    assert stackelberg(g, 1).leader == 1


def test_array_and_symbolic_input():
    assert stackelberg(CS_GAME, 0).leader_payoff == 3.5
    sym = models.inspection()
    assert stackelberg(sym.numeric(), 1).payoffs[1] == F(1, 2)


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("leader", [2, -1, "Nobody", True, 1.5, None])
def test_leader_not_a_player(leader):
    with pytest.raises(InvalidArgumentError, match="leader"):
        stackelberg(NormalFormGame(CS_GAME), leader)
    with pytest.raises(InvalidArgumentError, match="leader"):
        commitment_payoff(NormalFormGame(CS_GAME), leader, [1, 0])


def test_bad_commitment_and_options():
    g = NormalFormGame(CS_GAME)
    with pytest.raises(InvalidArgumentError, match="did you mean 'mixed'"):
        stackelberg(g, 0, commitment="mixd")
    with pytest.raises(InvalidArgumentTypeError, match="max_replies"):
        stackelberg(g, 0, max_reply=3)
    with pytest.raises(InvalidArgumentError, match="max_replies"):
        stackelberg(g, 0, max_replies=0)
    with pytest.raises(InvalidGameError):
        stackelberg(NormalFormGame([[1, 2]]), 0)
    with pytest.raises(InvalidGameError):
        commitment_payoff(NormalFormGame([[1, 2]]), 0, [1, 0])


def test_size_budget():
    g = NormalFormGame([np.zeros((2, 5, 5)), np.zeros((2, 5, 5)), np.zeros((2, 5, 5))])
    with pytest.raises(SolverLimitError, match="max_replies"):
        stackelberg(g, 0, max_replies=24)
    assert stackelberg(g, 0, max_replies=25).leader_payoff == 0
    with pytest.raises(SolverLimitError, match="max_replies"):
        stackelberg(g, 0, "pure", max_replies=24)


def test_bad_commitment_strategy():
    from coopgame.errors import InvalidProfileError

    with pytest.raises(InvalidProfileError):
        commitment_payoff(NormalFormGame(CS_GAME), 0, [F(1, 2), F(1, 3)])
    assert commitment_payoff(NormalFormGame(CS_GAME, exact=True), 0, "2") == 3


# --------------------------------------------------------------------------- the exact LP
def test_exact_lp_against_highs():
    rng = np.random.default_rng(0)
    counts = {"optimal": 0, "infeasible": 0, "unbounded": 0}
    for t in range(400):
        n, mu, me = int(rng.integers(1, 5)), int(rng.integers(0, 4)), int(rng.integers(0, 3))
        c = rng.integers(-3, 4, n)
        Au, bu = rng.integers(-3, 4, (mu, n)), rng.integers(-3, 5, mu)
        Ae, be = rng.integers(-2, 3, (me, n)), rng.integers(-2, 3, me)
        if me == 2 and t % 3 == 0:  # a redundant equality row
            Ae[1], be[1] = 2 * Ae[0], 2 * be[0]
        maximize = bool(t % 2)
        lp = solve_exact_lp(c.tolist(), Au.tolist(), bu.tolist(), Ae.tolist(), be.tolist(), maximize=maximize)
        ref = linprog(-c if maximize else c, A_ub=Au if mu else None, b_ub=bu if mu else None,
                      A_eq=Ae if me else None, b_eq=be if me else None, method="highs")
        counts[lp.status] += 1
        if ref.status == 0:
            assert lp.status == "optimal"
            assert abs(float(lp.value) - (-ref.fun if maximize else ref.fun)) < 1e-7
            x = lp.x
            assert all(v >= 0 for v in x)
            assert all(sum(a * v for a, v in zip(row, x)) <= b for row, b in zip(Au.tolist(), bu.tolist()))
            assert all(sum(a * v for a, v in zip(row, x)) == b for row, b in zip(Ae.tolist(), be.tolist()))
        elif lp.status == "infeasible":
            assert ref.status == 2
        else:  # HiGHS reports "infeasible or unbounded" as status 2 or 3
            assert ref.status in (2, 3)
    assert min(counts.values()) > 20


def test_exact_lp_with_a_float_hint():
    """A HiGHS optimum as hint gives the same exact answer; a wrong hint falls back to the simplex."""
    rng = np.random.default_rng(1)
    for _ in range(200):
        n, mu = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        c = rng.integers(-3, 4, n)
        Au, bu = rng.integers(-3, 4, (mu, n)), rng.integers(0, 5, mu)
        ref = linprog(-c, A_ub=Au, b_ub=bu, method="highs")
        plain = solve_exact_lp(c.tolist(), Au.tolist(), bu.tolist())
        if ref.status != 0:
            continue
        hinted = solve_exact_lp(c.tolist(), Au.tolist(), bu.tolist(), hint=ref.x, dual_hint=ref.ineqlin.marginals)
        assert hinted.status == "optimal" and hinted.value == plain.value
        wrong = solve_exact_lp(c.tolist(), Au.tolist(), bu.tolist(), hint=np.full(n, 0.123))
        assert wrong.value == plain.value


def test_exact_lp_certificate():
    lp = solve_exact_lp([3, 2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6])
    assert lp.y_ub is not None and sum(y * b for y, b in zip(lp.y_ub, [4, 6])) == lp.value
    lp = solve_exact_lp([1, 1], A_eq=[[1, 2]], b_eq=[F(1, 2)], maximize=False)
    assert lp.value == F(1, 4) and lp.x == (F(0), F(1, 4))


def test_stackelberg_equilibrium_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    import coopgame as cg
    from coopgame.equilibria import stackelberg
    from coopgame.errors import InvalidArgumentTypeError

    obj = stackelberg(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]), 0)
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.follower_regret(tol=1)
    assert "StackelbergEquilibrium.follower_regret: got an unknown keyword argument 'tol'; it takes no keyword arguments" in str(caught.value)
