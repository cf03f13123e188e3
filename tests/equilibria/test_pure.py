"""Pure-strategy Nash equilibria: classic games, N-player games, ties, exact and float payoffs."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings

import coopgame as cg
from tests import strategies as cgst

F = Fraction


def profiles(equilibria):
    return [eq.pure_profile for eq in equilibria]


def brute_force_pure(game):
    """Pure equilibria by checking every unilateral deviation of every profile (independent of coopgame)."""
    out = []
    arrays = [np.asarray(u) for u in game.payoffs]
    tol = game.tolerance
    for prof in itertools.product(*(range(m) for m in game.shape)):
        stable = True
        for p, u in enumerate(arrays):
            for dev in range(game.shape[p]):
                alt = list(prof)
                alt[p] = dev
                gain = u[tuple(alt)] - u[prof]
                if gain > tol:  # not ``u[alt] > u[prof] + tol``: Fraction + 0.0 is a rounded float
                    stable = False
        if stable:
            out.append(prof)
    return out


def indices(equilibria):
    return [tuple(s[0] for s in eq.support) for eq in equilibria]


# ---------------------------------------------------------------- two-player classics
def test_prisoners_dilemma():
    game = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"]] * 2)
    eqs = cg.pure_equilibria(game)
    assert profiles(eqs) == [("D", "D")]
    assert list(eqs[0].payoffs) == [1.0, 1.0]


def test_stag_hunt():
    game = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], actions=[["Stag", "Hare"]] * 2)
    assert profiles(cg.pure_equilibria(game)) == [("Stag", "Stag"), ("Hare", "Hare")]


def test_chicken():
    game = cg.NormalFormGame([[[0, -1], [1, -10]], [[0, 1], [-1, -10]]], actions=[["Swerve", "Straight"]] * 2)
    assert profiles(cg.pure_equilibria(game)) == [("Swerve", "Straight"), ("Straight", "Swerve")]


def test_battle_of_the_sexes():
    game = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], actions=[["Opera", "Football"]] * 2)
    eqs = cg.pure_equilibria(game)
    assert profiles(eqs) == [("Opera", "Opera"), ("Football", "Football")]
    assert [list(e.payoffs) for e in eqs] == [[2.0, 1.0], [1.0, 2.0]]


def test_matching_pennies_has_no_pure_equilibrium():
    game = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    assert cg.pure_equilibria(game) == []
    assert cg.pure_equilibria(game.to_exact()) == []


def test_coordination_on_a_rectangular_game():
    # 2x3: the column player's third action is best against both rows; row best-responds to it with row 2
    A = [[1, 0, 0], [0, 1, 2]]
    B = [[0, 1, 3], [1, 0, 2]]
    game = cg.NormalFormGame([A, B])
    assert indices(cg.pure_equilibria(game)) == [(1, 2)]


# ---------------------------------------------------------------- N players
def _volunteers_dilemma(n, benefit=2, cost=1):
    """Everybody gets ``benefit`` when at least one volunteers; a volunteer pays ``cost``."""
    shape = (2,) * n
    arrays = []
    for p in range(n):
        u = np.zeros(shape, dtype=int)
        for prof in itertools.product(range(2), repeat=n):
            u[prof] = benefit * (0 in prof) - cost * (prof[p] == 0)
        arrays.append(u)
    return cg.NormalFormGame(arrays, actions=[["Volunteer", "Ignore"]] * n, exact=True)


def test_derived_volunteers_dilemma_three_players():
    """Pure equilibria: exactly one volunteer (each such profile), never none or two."""
    eqs = cg.pure_equilibria(_volunteers_dilemma(3))
    assert profiles(eqs) == [
        ("Volunteer", "Ignore", "Ignore"),
        ("Ignore", "Volunteer", "Ignore"),
        ("Ignore", "Ignore", "Volunteer"),
    ]
    assert [list(e.payoffs) for e in eqs][0] == [F(1), F(2), F(2)]
    assert all(e.game.is_exact and e.max_regret() == 0 for e in eqs)


def _threshold_public_good(n, k, benefit, cost):
    """Each contributor pays ``cost``; all get ``benefit`` when at least ``k`` contribute (action 0 = contribute)."""
    shape = (2,) * n
    arrays = []
    for p in range(n):
        u = np.zeros(shape, dtype=object)
        for prof in itertools.product(range(2), repeat=n):
            contributors = prof.count(0)
            u[prof] = F(benefit) * (contributors >= k) - F(cost) * (prof[p] == 0)
        arrays.append(u)
    return cg.NormalFormGame(arrays, actions=[["Contribute", "Abstain"]] * n)


def test_derived_threshold_public_good_four_players():
    """Four regions, agreement works with k=2 contributors, benefit 3 > cost 2.

    Equilibria: exactly k contributors (each is pivotal: 3 - 2 > 0, and an
    abstainer gains nothing by joining), plus nobody contributing (no single
    region can reach the threshold alone): C(4, 2) + 1 = 7 profiles.
    """
    game = _threshold_public_good(4, 2, 3, 2)
    assert game.is_exact
    found = indices(cg.pure_equilibria(game))
    expected = [p for p in itertools.product(range(2), repeat=4) if p.count(0) in (0, 2)]
    assert found == sorted(expected) and len(found) == 7


def test_three_player_game_with_distinct_payoffs_matches_brute_force():
    game = cg.random_game((3, 2, 4), seed=11, integer=True, high=5)
    assert indices(cg.pure_equilibria(game)) == brute_force_pure(game)


def test_four_player_game_matches_brute_force():
    for seed in range(20):
        game = cg.random_game((2, 3, 2, 2), seed=seed, integer=True, high=3)
        assert indices(cg.pure_equilibria(game)) == brute_force_pure(game), seed


def test_one_player_game_all_optimal_actions():
    game = cg.NormalFormGame([[5, 1, 5]])
    assert indices(cg.pure_equilibria(game)) == [(0,), (2,)]


# ---------------------------------------------------------------- ties
@pytest.mark.parametrize("shape", [(1, 1), (2, 3), (2, 2, 2), (3, 1, 2, 2)])
def test_all_ties_game_every_profile_is_an_equilibrium(shape):
    game = cg.NormalFormGame([np.full(shape, 7)] * len(shape))
    eqs = cg.pure_equilibria(game)
    assert indices(eqs) == list(itertools.product(*(range(m) for m in shape)))
    exact = cg.pure_equilibria(game.to_exact())
    assert len(exact) == len(eqs)


def test_float_ties_within_tolerance_count_as_ties():
    game = cg.NormalFormGame([[[1.0, 0.0], [1.0 + 1e-13, 0.0]], [[1.0, 1.0], [1.0, 1.0]]])
    assert indices(cg.pure_equilibria(game)) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    clear = cg.NormalFormGame([[[1.0, 0.0], [1.0 + 1e-6, 0.0]], [[1.0, 1.0], [1.0, 1.0]]])
    assert indices(cg.pure_equilibria(clear)) == [(0, 1), (1, 0), (1, 1)]


def test_exact_games_compare_exactly():
    """A difference of 1/10**12 is a tie for a float game but not for an exact one."""
    eps = F(1, 10**12)
    A = [[F(1), F(0)], [1 + eps, F(0)]]
    B = [[F(1), F(1)], [F(1), F(1)]]
    exact = cg.NormalFormGame([A, B])
    assert exact.is_exact
    assert indices(cg.pure_equilibria(exact)) == [(0, 1), (1, 0), (1, 1)]
    assert indices(cg.pure_equilibria(exact.to_float())) == [(0, 0), (0, 1), (1, 0), (1, 1)]


# ---------------------------------------------------------------- result objects
def test_equilibrium_objects_from_pure_solver():
    game = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], actions=[["Stag", "Hare"]] * 2, exact=True)
    first = cg.pure_equilibria(game)[0]
    assert first.method == "pure"
    assert first.is_pure and first.pure_profile == ("Stag", "Stag")
    assert first.support == ((0,), (0,))
    assert [list(s) for s in first.strategies] == [[1, 0], [1, 0]]
    assert all(isinstance(v, Fraction) for s in first.strategies for v in s)
    assert first.max_regret() == 0 and first.is_verified()
    assert first.game is game
    assert repr(first) == "Equilibrium(Player 1: Stag; Player 2: Stag; payoffs 4, 4)"
    d = first.to_dict()
    assert d["strategies"]["Player 1"] == {"Stag": 1, "Hare": 0}
    assert d["payoffs"] == {"Player 1": 4, "Player 2": 4}


def test_pure_equilibria_accepts_payoff_arrays():
    assert len(cg.pure_equilibria([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])) == 1


def test_float_payoffs_of_pure_equilibria_are_floats():
    eq = cg.pure_equilibria(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]))[0]
    assert eq.payoffs.dtype == float and eq.strategies[0].dtype == float


# ---------------------------------------------------------------- properties against brute force
@settings(max_examples=60, deadline=None)
@given(cgst.games(num_players=cgst.st.integers(1, 4), max_actions=3, max_profiles=36))
def test_pure_equilibria_equal_brute_force(game):
    assert indices(cg.pure_equilibria(game)) == brute_force_pure(game)


@settings(max_examples=40, deadline=None)
@given(cgst.games(num_players=cgst.st.integers(2, 4), max_actions=3, max_profiles=24, exact=True,
                  payoff_range=(0, 1)))
def test_pure_equilibria_of_tie_heavy_exact_games_equal_brute_force(game):
    assert indices(cg.pure_equilibria(game)) == brute_force_pure(game)


def test_derived_brute_force_checker_can_fail():
    """The oracle is not vacuous: in the prisoner's dilemma it rejects (C, C) and keeps (D, D)."""
    game = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    assert brute_force_pure(game) == [(1, 1)]


@pytest.mark.parametrize("shape", [(12, 3, 2), (10, 2, 2, 2), (2, 12, 3), (16, 16), (9, 3, 3, 3)])
@pytest.mark.parametrize("high", [3, 1000])
def test_games_with_many_actions_match_brute_force(shape, high):
    """Big first players leave few candidate profiles, which exercises the solver's sparse second phase."""
    for seed in range(3):
        game = cg.random_game(shape, seed=seed, integer=True, high=high)
        assert indices(cg.pure_equilibria(game)) == brute_force_pure(game), (shape, high, seed)
        fgame = game.to_float()
        assert indices(cg.pure_equilibria(fgame)) == brute_force_pure(fgame), (shape, high, seed)


# ---------------------------------------------------------------- pinned by mutation testing (issue 12)
def test_float_pure_equilibria_are_unit_vectors():
    eqs = cg.pure_equilibria(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]))
    assert len(eqs) == 1 and not eqs.is_exact
    assert [s.tolist() for s in eqs[0].strategies] == [[0.0, 1.0], [0.0, 1.0]]
    exact = cg.pure_equilibria(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True))
    assert [s.tolist() for s in exact[0].strategies] == [[F(0), F(1)], [F(0), F(1)]]


@pytest.mark.parametrize("n", [2, 10])          # 2: every player on the whole array; 10: the sparse path
def test_a_payoff_exactly_the_tolerance_below_the_best_is_a_best_response(n):
    ones = np.ones((n, n))
    game = cg.NormalFormGame([ones, ones])
    tol = game.tolerance
    assert tol == 1e-9
    col = np.ones((n, n))
    col[:, 1:] = 1 - tol                         # player 2: action 1 best, the others short by exactly the tolerance
    row = np.full((n, n), -5.0)
    row[0, :] = 1.0                              # player 1: action 1 strictly best (few profiles survive)
    game = cg.NormalFormGame([row, col])
    assert game.tolerance == 5e-9
    col[:, 1:] = 1 - game.tolerance
    game = cg.NormalFormGame([row, col])
    assert len(cg.pure_equilibria(game)) == n    # every column of row 1 is a best response within the tolerance
    col[:, 1:] = 1 - 2 * game.tolerance
    assert len(cg.pure_equilibria(cg.NormalFormGame([row, col]))) == 1
