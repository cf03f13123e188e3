"""Dominant strategies and iterated elimination of dominated actions."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings

import coopgame as cg
from tests import strategies as cgst

F = Fraction


def pure_indices(game):
    return [tuple(s[0] for s in eq.support) for eq in cg.pure_equilibria(game)]


@pytest.fixture
def gibbons():
    """Gibbons (1992), *A Primer in Game Theory*, Figure 1.1.1: solvable by iterated strict dominance only."""
    return cg.NormalFormGame([[[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]]],
                             actions=[["Up", "Down"], ["Left", "Middle", "Right"]])


# ---------------------------------------------------------------- dominant strategies
def test_prisoners_dilemma_strictly_dominant():
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["Govern", "Free-ride"]] * 2)
    result = cg.dominant_strategies(pd)
    assert result.indices == (1, 1) and result.strict
    assert result.actions == ("Free-ride", "Free-ride")
    assert result.profile == ("Free-ride", "Free-ride")
    assert result.to_dict() == {"Player 1": "Free-ride", "Player 2": "Free-ride"}
    assert repr(result) == "DominantStrategies(strictly: Player 1: Free-ride; Player 2: Free-ride)"
    # weakly dominant too
    assert cg.dominant_strategies(pd, strict=False).indices == (1, 1)


@settings(max_examples=40, deadline=None)
@given(cgst.pd_payoffs(exact=True))
def test_any_prisoners_dilemma_defection_strictly_dominant(tRPS):
    t, r, p, s = tRPS
    game = cg.NormalFormGame([[[r, s], [t, p]], [[r, t], [s, p]]], actions=[["C", "D"]] * 2)
    assert cg.dominant_strategies(game).profile == ("D", "D")
    assert [e.pure_profile for e in cg.mixed_equilibria(game)] == [("D", "D")]


def test_stag_hunt_has_no_dominant_strategy():
    game = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]])
    for strict in (True, False):
        result = cg.dominant_strategies(game, strict=strict)
        assert result.indices == (None, None) and result.profile is None
    assert "(none)" in repr(cg.dominant_strategies(game))


def test_weak_but_not_strict_dominance():
    game = cg.NormalFormGame([[[2, 1], [2, 0]], [[1, 1], [0, 1]]], actions=[["Top", "Bottom"], ["Left", "Right"]])
    assert cg.dominant_strategies(game).indices == (None, None)
    weak = cg.dominant_strategies(game, strict=False)
    assert weak.actions == ("Top", "Right") and not weak.strict
    assert repr(weak) == "DominantStrategies(weakly: Player 1: Top; Player 2: Right)"


def test_identical_actions_do_not_dominate_each_other():
    game = cg.NormalFormGame([[[1, 2], [1, 2]], [[0, 0], [0, 0]]])
    assert cg.dominant_strategies(game, strict=False).indices == (None, None)
    assert cg.iterated_elimination(game, strict=False).remaining == ((0, 1), (0, 1))


def test_one_action_is_dominant_vacuously():
    game = cg.NormalFormGame([[[1, 2]], [[0, 5]]])
    assert cg.dominant_strategies(game).indices == (0, 1)


def test_three_player_public_goods_defection_dominant():
    """Linear public good, r = 1.5 < N = 3: keeping the endowment is strictly dominant (claim C1)."""
    n, r = 3, F(3, 2)
    shape = (2,) * n
    arrays = []
    for p in range(n):
        u = np.zeros(shape, dtype=object)
        for prof in itertools.product(range(2), repeat=n):
            contributions = [1 if a == 0 else 0 for a in prof]
            u[prof] = 1 - contributions[p] + r * sum(contributions) / n
        arrays.append(u)
    game = cg.NormalFormGame(arrays, actions=[["Contribute", "Keep"]] * n)
    assert game.is_exact
    assert cg.dominant_strategies(game).profile == ("Keep",) * 3
    assert [e.pure_profile for e in cg.pure_equilibria(game)] == [("Keep",) * 3]


def test_exact_dominance_by_a_tiny_margin():
    eps = F(1, 10**12)
    game = cg.NormalFormGame([[[1 + eps, 1 + eps], [F(1), F(1)]], [[F(0), F(0)], [F(0), F(0)]]])
    assert game.is_exact
    assert cg.dominant_strategies(game).indices[0] == 0
    assert cg.dominant_strategies(game.to_float()).indices[0] is None  # a tie within tolerance


# ---------------------------------------------------------------- iterated elimination
def test_published_gibbons_iterated_strict_dominance(gibbons):
    """Gibbons (1992), A Primer in Game Theory, sec. 1.1.B, Figure 1.1.1.

    Right is strictly dominated by Middle; then Down by Up; then Left by
    Middle: (Up, Middle) is the outcome. Neither player has a dominant
    strategy in the full game, so only iteration solves it.
    """
    assert cg.dominant_strategies(gibbons).indices == (None, None)
    result = cg.iterated_elimination(gibbons)
    assert [(s.round, s.player, s.action, s.dominated_by) for s in result.steps] == [
        (1, "Player 2", "Right", "Middle"),
        (2, "Player 1", "Down", "Up"),
        (3, "Player 2", "Left", "Middle"),
    ]
    assert result.is_solved and result.strict
    assert result.remaining == ((0,), (1,))
    assert result.game.actions == (("Up",), ("Middle",))
    assert result.game["Up", "Middle"] == (1.0, 2.0)
    assert str(result.steps[0]) == "round 1: Player 2 drops Right (dominated by Middle)"
    assert repr(result).splitlines()[-1] == "  surviving: Player 1: Up; Player 2: Middle"
    assert pure_indices(gibbons) == [(0, 1)]


def test_reduced_game_keeps_labels_players_and_exactness(gibbons):
    exact = cg.NormalFormGame(gibbons.payoffs, players=["Row", "Col"], actions=gibbons.actions, exact=True)
    result = cg.iterated_elimination(exact)
    assert result.game.is_exact and result.game.players == ("Row", "Col")
    assert result.steps[0].player == "Col"


def test_partial_elimination_reduced_game():
    # column 3 is strictly dominated by column 1; nothing else goes
    A = [[3, 0, 9], [0, 3, 9]]
    B = [[2, 0, 1], [0, 2, -1]]
    game = cg.NormalFormGame([A, B], actions=[["a", "b"], ["x", "y", "z"]])
    result = cg.iterated_elimination(game)
    assert not result.is_solved
    assert result.remaining == ((0, 1), (0, 1))
    assert result.game.actions == (("a", "b"), ("x", "y"))
    np.testing.assert_array_equal(result.game.payoffs[0], [[3, 0], [0, 3]])
    np.testing.assert_array_equal(result.game.payoffs[1], [[2, 0], [0, 2]])


def test_nothing_to_eliminate():
    game = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    result = cg.iterated_elimination(game)
    assert result.steps == () and result.remaining == ((0, 1), (0, 1))
    assert result.game == game


def test_weak_elimination_removes_simultaneously_in_a_round():
    game = cg.NormalFormGame([[[2, 1], [2, 0]], [[1, 1], [0, 1]]], actions=[["Top", "Bottom"], ["Left", "Right"]])
    assert cg.iterated_elimination(game).steps == ()
    result = cg.iterated_elimination(game, strict=False)
    assert [(s.round, s.player, s.action, s.dominated_by) for s in result.steps] == [
        (1, "Player 1", "Bottom", "Top"),
        (1, "Player 2", "Left", "Right"),
    ]
    assert result.game.actions == (("Top",), ("Right",))
    assert "weakly" in repr(result)


def test_weak_elimination_keeps_ties_against_the_survivor():
    #       L     R
    # T   1,1   0,0
    # M   1,1   2,1
    # B   0,0   2,1
    # M weakly dominates T and B; then the column player is indifferent between L and R.
    game = cg.NormalFormGame([[[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]]],
                             actions=[["T", "M", "B"], ["L", "R"]])
    result = cg.iterated_elimination(game, strict=False)
    assert result.remaining == ((1,), (0, 1))
    assert {s.action for s in result.steps} == {"T", "B"}
    assert all(s.dominated_by == "M" and s.round == 1 for s in result.steps)


def test_three_player_iterated_elimination():
    """Player 3's second action is strictly dominated; only once it is gone does player 1 have a dominated action."""
    rng = np.random.default_rng(5)
    u1 = np.zeros((2, 2, 2), dtype=int)
    u1[0, :, 0], u1[1, :, 0] = 10, 0   # against player 3's first action, player 1 prefers its first
    u1[0, :, 1], u1[1, :, 1] = 0, 10   # against the second, its second
    u2 = rng.integers(0, 5, (2, 2, 2))
    u3 = np.zeros((2, 2, 2), dtype=int)
    u3[:, :, 0] = 5
    game = cg.NormalFormGame([u1, u2, u3], exact=True)
    result = cg.iterated_elimination(game)
    first = [s for s in result.steps if s.round == 1]
    assert ("Player 3", "2", "1") in [(s.player, s.action, s.dominated_by) for s in first]
    assert all(s.player != "Player 1" for s in first)
    assert ("Player 1", "2", "1") in [(s.player, s.action, s.dominated_by) for s in result.steps if s.round == 2]
    assert result.remaining[0] == (0,) and result.remaining[2] == (0,)


def test_derived_one_player_exact_game_dominance():
    # Regression test (bug found by this suite, since fixed): dominant_strategies / iterated_elimination crash
    # with AttributeError on exact one-player games (np.take of a 1-D object array gives a Fraction, and `(diff
    # > tol).all()` is then called on a bool)
    game = cg.NormalFormGame([[1, 2]], exact=True)
    assert cg.dominant_strategies(game).indices == (1,)
    assert cg.iterated_elimination(game).remaining == ((1,),)


def test_one_player_float_game_dominance():
    game = cg.NormalFormGame([[1, 2]])
    assert cg.dominant_strategies(game).indices == (1,)
    assert cg.iterated_elimination(game).remaining == ((1,),)


# ---------------------------------------------------------------- properties
@settings(max_examples=60, deadline=None)
@given(cgst.games(num_players=cgst.st.integers(2, 3), max_actions=4, max_profiles=36))
def test_strict_elimination_preserves_pure_equilibria(game):
    """Iterated strict dominance never removes an action used in a Nash equilibrium."""
    result = cg.iterated_elimination(game)
    original = pure_indices(game)
    reduced = [tuple(result.remaining[p][k] for p, k in enumerate(prof)) for prof in pure_indices(result.game)]
    assert reduced == original


@settings(max_examples=60, deadline=None)
@given(cgst.bimatrix_games(max_actions=4, degenerate=True))
def test_weak_elimination_keeps_some_equilibria_of_the_original(game):
    """Equilibria of the weakly reduced game are equilibria of the original (some may be lost)."""
    result = cg.iterated_elimination(game, strict=False)
    for prof in pure_indices(result.game):
        full = tuple(result.remaining[p][k] for p, k in enumerate(prof))
        assert game.is_equilibrium(full)


@settings(max_examples=60, deadline=None)
@given(cgst.bimatrix_games(max_actions=4, exact=True))
def test_strictly_dominant_profile_is_the_unique_equilibrium(game):
    result = cg.dominant_strategies(game)
    if result.profile is not None:
        eqs = cg.mixed_equilibria(game)
        assert [e.pure_profile for e in eqs] == [result.profile]


@settings(max_examples=60, deadline=None)
@given(cgst.games(num_players=cgst.st.integers(2, 3), max_actions=3, max_profiles=27, exact=True))
def test_dominant_action_beats_every_other_action_everywhere(game):
    result = cg.dominant_strategies(game)
    for p, k in enumerate(result.indices):
        if k is None:
            continue
        u = np.moveaxis(np.asarray(game.payoffs[p]), p, 0)
        for other in range(game.shape[p]):
            if other != k:
                assert (u[k] > u[other]).all()


def test_derived_preservation_check_can_fail():
    """The preservation checker is not vacuous: with weak dominance an equilibrium can be lost.

    In this coordination game (Bottom, Right) is an equilibrium in weakly dominated actions.
    """
    game = cg.NormalFormGame([[[1, 0], [0, 0]], [[1, 0], [0, 0]]])
    assert pure_indices(game) == [(0, 0), (1, 1)]
    result = cg.iterated_elimination(game, strict=False)
    reduced = [tuple(result.remaining[p][k] for p, k in enumerate(prof)) for prof in pure_indices(result.game)]
    assert reduced != pure_indices(game)


def test_dominant_strategies_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.equilibria import dominant_strategies
    from coopgame.errors import InvalidArgumentTypeError

    obj = dominant_strategies(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]))
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.to_dict(labels=True)
    assert "DominantStrategies.to_dict: got an unknown keyword argument 'labels'; it takes no keyword arguments" in str(caught.value)
