"""Unit tests of coopgame.NormalFormGame: construction, labels, printing, equality, immutability, numbers, profiles, transformations."""

from __future__ import annotations

import copy
import pickle
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings

import coopgame as cg
from tests import strategies as cgst

F = Fraction

# The prisoner's dilemma of NormalFormGame's docstring: Govern / Free-ride.
PD_A = [[3, 0], [5, 1]]
PD_B = [[3, 5], [0, 1]]


@pytest.fixture
def pd():
    return cg.NormalFormGame([PD_A, PD_B], players=["North", "South"], actions=[["Govern", "Free-ride"]] * 2)


@pytest.fixture
def three():
    """A 2x3x2 game with distinct payoffs p*100 + profile code, so every cell is recognisable."""
    shape = (2, 3, 2)
    idx = np.indices(shape)
    code = idx[0] * 100 + idx[1] * 10 + idx[2]
    return cg.NormalFormGame([code + 1000 * p for p in range(3)], players=["A", "B", "C"])


# ---------------------------------------------------------------- construction and labels
def test_basic_properties(pd):
    assert pd.num_players == 2
    assert pd.shape == (2, 2)
    assert pd.players == ("North", "South")
    assert pd.actions == (("Govern", "Free-ride"), ("Govern", "Free-ride"))
    assert len(pd.payoffs) == 2 and isinstance(pd.payoffs, tuple)
    np.testing.assert_array_equal(pd.payoffs[0], PD_A)
    np.testing.assert_array_equal(pd.payoffs[1], PD_B)
    assert not pd.is_exact
    assert pd.payoffs[0].dtype == float


def test_default_labels_follow_gambit():
    game = cg.NormalFormGame([np.zeros((2, 3, 1))] * 3)
    assert game.players == ("Player 1", "Player 2", "Player 3")
    assert game.actions == (("1", "2"), ("1", "2", "3"), ("1",))
    assert game.shape == (2, 3, 1)


def test_labels_given_as_any_sequence_become_tuples():
    game = cg.NormalFormGame([PD_A, PD_B], players=("a", "b"), actions=(iter(["x", "y"]), ["u", "v"]))
    assert game.players == ("a", "b") and game.actions == (("x", "y"), ("u", "v"))


def test_one_player_game():
    game = cg.NormalFormGame([[1, 5, 3]], actions=[["a", "b", "c"]])
    assert game.num_players == 1 and game.shape == (3,)
    assert [eq.pure_profile for eq in cg.pure_equilibria(game)] == [("b",)]


def test_payoffs_from_one_numpy_array_of_arrays():
    stacked = np.array([PD_A, PD_B])
    assert cg.NormalFormGame(stacked) == cg.NormalFormGame([PD_A, PD_B])


# ---------------------------------------------------------------- repr
def test_repr_two_player_table(pd):
    assert repr(pd) == (
        "NormalFormGame (North: rows, South: columns)\n"
        "             Govern  Free-ride\n"
        "Govern         3, 3       0, 5\n"
        "Free-ride      5, 0       1, 1"
    )


def test_repr_exact_uses_fractions():
    game = cg.NormalFormGame([[[F(1, 2), 2], [3, 4]], [[1, 2], [3, F(-4, 3)]]])
    text = repr(game)
    assert "1/2, 1" in text and "4, -4/3" in text
    assert text.splitlines()[0] == "NormalFormGame (Player 1: rows, Player 2: columns)"


def test_repr_float_trims_digits():
    game = cg.NormalFormGame([[[0.123456789, 1.5]], [[2.0, -0.25]]])
    assert "0.1235, 2" in repr(game) and "1.5, -0.25" in repr(game)


def test_repr_n_player_summary(three):
    assert repr(three) == "NormalFormGame(3 players ('A', 'B', 'C'), actions (2, 3, 2), float payoffs)"
    exact = cg.NormalFormGame([[1, 2]], exact=True)
    assert repr(exact) == "NormalFormGame(1 players ('Player 1',), actions (2,), exact payoffs)"


# ---------------------------------------------------------------- equality, hashing, pickling
def test_equality_and_hash(pd):
    same = cg.NormalFormGame([np.array(PD_A, dtype=float), np.array(PD_B)], players=["North", "South"],
                             actions=[["Govern", "Free-ride"]] * 2)
    assert pd == same and hash(pd) == hash(same)
    assert len({pd, same}) == 1
    assert pd != cg.NormalFormGame([PD_A, PD_B])  # labels differ
    assert pd != cg.NormalFormGame([PD_A, PD_B], players=["North", "South"], actions=[["G", "F"]] * 2)
    other = cg.NormalFormGame([PD_A, [[3, 5], [0, 2]]], players=["North", "South"], actions=[["Govern", "Free-ride"]] * 2)
    assert pd != other
    assert pd != pd.to_exact()  # exactness is part of the value
    assert (pd == 5) is False and pd != "game"


def test_exact_equality_and_hash():
    a = cg.NormalFormGame([[[F(1, 3), 1], [0, 1]], [[1, 1], [1, 1]]])
    b = cg.NormalFormGame([[[F(2, 6), 1], [0, 1]], [[1, 1], [1, 1]]])
    assert a.is_exact and a == b and hash(a) == hash(b)


def test_derived_equal_games_have_equal_hashes_signed_zero():
    # Regression test (bug found by this suite, since fixed): 0.0 and -0.0 payoffs compare equal but hash
    # differently (__hash__ hashes float bytes), breaking the hash contract
    a = cg.NormalFormGame([[0.0, 1.0]])
    b = cg.NormalFormGame([[-0.0, 1.0]])
    assert a == b
    assert hash(a) == hash(b)


@settings(max_examples=30, deadline=None)
@given(cgst.games(max_profiles=16))
def test_pickle_and_copy_round_trip(game):
    for clone in (pickle.loads(pickle.dumps(game)), copy.deepcopy(game), copy.copy(game)):
        assert clone == game and hash(clone) == hash(game)
        assert clone.is_exact == game.is_exact
        assert clone.players == game.players and clone.actions == game.actions
        assert not clone.payoffs[0].flags.writeable


def test_pickle_keeps_labels_and_exact_values(pd):
    exact = pd.to_exact()
    clone = pickle.loads(pickle.dumps(exact))
    assert clone == exact and clone.payoffs[0][1, 0] == F(5) and clone.actions == exact.actions


# ---------------------------------------------------------------- immutability
def test_payoff_arrays_are_read_only(pd):
    for u in pd.payoffs + pd.float_payoffs:
        assert not u.flags.writeable
        with pytest.raises(ValueError):
            u[0, 0] = 99
    exact = pd.to_exact()
    for u in exact.payoffs + exact.float_payoffs:
        with pytest.raises(ValueError):
            u[0, 0] = 99


@pytest.mark.parametrize("name", ["payoffs", "shape", "players", "actions", "num_players", "is_exact", "tolerance"])
def test_attribute_assignment_raises(pd, name):
    with pytest.raises(AttributeError):
        setattr(pd, name, None)


def test_no_new_attributes(pd):
    with pytest.raises(AttributeError):
        pd.extra = 1


def test_input_arrays_are_copied():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    B = A.copy()
    game = cg.NormalFormGame([A, B])
    A[0, 0] = 100.0
    assert game.payoffs[0][0, 0] == 1.0
    assert A.flags.writeable  # the caller's array is left alone


def test_equilibrium_arrays_are_read_only(pd):
    eq = cg.pure_equilibria(pd)[0]
    with pytest.raises(ValueError):
        eq.strategies[0][0] = 0.5
    with pytest.raises(ValueError):
        eq.payoffs[0] = 0.5


# ---------------------------------------------------------------- exact and float numbers
def test_integers_default_to_float():
    game = cg.NormalFormGame([PD_A, PD_B])
    assert not game.is_exact and game.payoffs[0].dtype == float
    assert game.tolerance == pytest.approx(cg.TOLERANCE * 5)


def test_fractions_give_an_exact_game():
    game = cg.NormalFormGame([[[F(1, 3), 1], [0, 1]], [[1, 1], [1, 1]]])
    assert game.is_exact and game.tolerance == 0
    assert all(isinstance(v, Fraction) for u in game.payoffs for v in u.reshape(-1))
    assert game.payoffs[0][0, 0] == F(1, 3)


def test_sympy_rationals_give_an_exact_game():
    game = cg.NormalFormGame([[[sympy.Rational(1, 3), sympy.Integer(2)], [0, 1]], [[1, 1], [1, 1]]])
    assert game.is_exact
    assert game.payoffs[0][0, 0] == F(1, 3) and isinstance(game.payoffs[0][0, 0], Fraction)
    assert game.payoffs[0][0, 1] == 2 and isinstance(game.payoffs[0][0, 1], Fraction)


def test_sympy_float_gives_a_float_game():
    game = cg.NormalFormGame([[[sympy.Float(0.5), 1], [0, 1]], [[1, 1], [1, 1]]])
    assert not game.is_exact and game.payoffs[0][0, 0] == 0.5


def test_exact_true_on_integers_and_floats():
    game = cg.NormalFormGame([[[0.1, 2], [0.25, 1]], [[1, 1], [1, 1]]], exact=True)
    assert game.is_exact
    assert game.payoffs[0][0, 0] == F(1, 10)  # shortest decimal form, not the binary float
    assert game.payoffs[0][1, 0] == F(1, 4)
    assert game.payoffs[0][0, 1] == 2
    ints = cg.NormalFormGame([np.array(PD_A), np.array(PD_B)], exact=True)
    assert ints.is_exact and ints.payoffs[0][1, 0] == F(5)


def test_exact_false_on_fractions():
    game = cg.NormalFormGame([[[F(1, 3), 1], [0, 1]], [[1, 1], [1, 1]]], exact=False)
    assert not game.is_exact and game.payoffs[0].dtype == float
    assert game.payoffs[0][0, 0] == pytest.approx(1 / 3)


def test_a_float_among_fractions_gives_a_float_game():
    game = cg.NormalFormGame([[[F(1, 3), 1], [0.5, 1]], [[1, 1], [1, 1]]])
    assert not game.is_exact


def test_to_exact_and_to_float_round_trip(pd):
    exact = pd.to_exact()
    assert exact.is_exact and exact.to_exact() is exact
    assert exact.to_float() == pd
    assert pd.to_float() is pd
    assert exact.players == pd.players and exact.actions == pd.actions


def test_float_payoffs_of_exact_game():
    game = cg.NormalFormGame([[[F(1, 4), 1], [0, 1]], [[1, 1], [1, 1]]])
    fp = game.float_payoffs
    assert fp[0].dtype == float and fp[0][0, 0] == 0.25


def test_tolerance_scales_with_payoffs():
    game = cg.NormalFormGame([[[1e6, 0], [0, 1]], [[0, 0], [0, -3e6]]])
    assert game.tolerance == pytest.approx(cg.TOLERANCE * 3e6)
    small = cg.NormalFormGame([[[0.1, 0], [0, 0.2]]] * 2)
    assert small.tolerance == pytest.approx(cg.TOLERANCE)  # at least TOLERANCE * 1


# ---------------------------------------------------------------- pure profiles
def test_profile_payoffs_by_label_and_index(pd):
    assert pd["Free-ride", "Govern"] == (5.0, 0.0)
    assert pd[1, 0] == (5.0, 0.0)
    assert pd["Free-ride", 0] == (5.0, 0.0)
    assert pd.profile_payoffs(("Govern", "Govern")) == (3.0, 3.0)
    assert all(isinstance(v, float) for v in pd[0, 0])


def test_profile_payoffs_exact(pd):
    exact = pd.to_exact()
    out = exact["Govern", "Free-ride"]
    assert out == (F(0), F(5)) and all(isinstance(v, Fraction) for v in out)


def test_profile_payoffs_three_players(three):
    assert three[1, 2, 0] == (120.0, 1120.0, 2120.0)
    assert three[(0, 0, 1)] == (1.0, 1001.0, 2001.0)
    assert three.pure_profile(["2", "3", "1"]) == (1, 2, 0)


def test_one_player_pure_profile_may_be_a_bare_action():
    game = cg.NormalFormGame([[1, 5, 3]], actions=[["a", "b", "c"]])
    assert game["b"] == (5.0,)
    assert game[2] == (3.0,)


def test_player_and_action_indices(pd):
    assert pd.player_index("South") == 1 and pd.player_index(0) == 0
    assert pd.action_index("South", "Free-ride") == 1
    assert pd.action_index(1, 0) == 0
    assert pd.action_index(0, np.int64(1)) == 1


# ---------------------------------------------------------------- mixed profiles
def test_expected_payoffs_float(pd):
    out = pd.expected_payoffs([[0.5, 0.5], [1, 0]])
    np.testing.assert_allclose(out, [4.0, 1.5])
    assert out.dtype == float


def test_expected_payoffs_exact(pd):
    exact = pd.to_exact()
    out = exact.expected_payoffs([[F(1, 3), F(2, 3)], [F(1, 2), F(1, 2)]])
    # row: 1/3 * (3 + 0)/2 + 2/3 * (5 + 1)/2 = 1/2 + 2 = 5/2; column: 1/3 * (3+5)/2 + 2/3 * (0+1)/2 = 4/3 + 1/3 = 5/3
    assert list(out) == [F(5, 2), F(5, 3)]
    assert all(isinstance(v, Fraction) for v in out)


def test_expected_payoffs_pure_labels_mix_with_vectors(pd):
    np.testing.assert_allclose(pd.expected_payoffs(["Free-ride", [0.25, 0.75]]), [0.25 * 5 + 0.75 * 1, 0.25 * 0 + 0.75 * 1])


def test_expected_payoffs_three_players(three):
    x = [[0.5, 0.5], [0, 0, 1], [0.25, 0.75]]
    u = three.payoffs[0]
    expected = sum(x[0][a] * x[1][b] * x[2][c] * u[a, b, c] for a in range(2) for b in range(3) for c in range(2))
    assert three.expected_payoffs(x)[0] == pytest.approx(expected)
    np.testing.assert_allclose(three.expected_payoffs(x), [
        sum(x[0][a] * x[1][b] * x[2][c] * three.payoffs[p][a, b, c] for a in range(2) for b in range(3) for c in range(2))
        for p in range(3)])


def test_mixed_profile_exact_and_float_vectors(pd):
    exact = pd.to_exact()
    vecs = exact.mixed_profile([[F(1, 2), F(1, 2)], [0, 1]])
    assert all(v.dtype == object for v in vecs)
    assert not vecs[0].flags.writeable
    floats = exact.mixed_profile([[0.5, 0.5], [0, 1]])  # a float makes the computation float
    assert all(v.dtype == float for v in floats)
    assert all(v.dtype == float for v in pd.mixed_profile([[F(1, 2), F(1, 2)], [0, 1]]))


def test_action_values_and_best_responses(pd):
    np.testing.assert_allclose(pd.action_values("North", [None, [0.5, 0.5]]), [1.5, 3.0])
    assert pd.best_responses("North", [None, "Govern"]) == (1,)
    assert pd.best_responses("South", ["Free-ride", None]) == (1,)


def test_best_responses_ties(pd):
    tie = cg.NormalFormGame([[[1, 1], [1, 1]], [[2, 2], [2, 2]]])
    assert tie.best_responses(0, [None, [0.3, 0.7]]) == (0, 1)
    exact = cg.NormalFormGame([[[F(1, 3), 0], [0, F(2, 3)]], [[1, 1], [1, 1]]])
    # against (2/3, 1/3): row 1 gets 2/9, row 2 gets 2/9: an exact tie
    assert exact.best_responses(0, [None, [F(2, 3), F(1, 3)]]) == (0, 1)


def test_derived_exact_best_responses_never_empty():
    # Regression test (bug found by this suite, since fixed): best_responses on an exact game computes `best -
    # self.tolerance` with tolerance 0.0 (a float), which turns the Fraction maximum into a rounded float; when
    # it rounds up no action qualifies and the result is empty
    exact = cg.NormalFormGame([[[F(1, 3), 0], [0, F(2, 3)]], [[1, 1], [1, 1]]])
    y = [F(2, 3) + F(1, 1000), F(1, 3) - F(1, 1000)]
    # row 1 gets 2/9 + 1/3000, row 2 gets 2/9 - 2/3000
    assert exact.best_responses(0, [None, y]) == (0,)


def test_best_responses_within_tolerance():
    game = cg.NormalFormGame([[[1.0], [1.0 + 1e-12]], [[0.0], [0.0]]])
    assert game.best_responses(0, [None, [1]]) == (0, 1)
    game = cg.NormalFormGame([[[1.0], [1.0 + 1e-6]], [[0.0], [0.0]]])
    assert game.best_responses(0, [None, [1]]) == (1,)


def test_regrets(pd):
    np.testing.assert_allclose(pd.regrets(["Govern", "Govern"]), [2.0, 2.0])
    np.testing.assert_allclose(pd.regrets(["Free-ride", "Free-ride"]), [0.0, 0.0])
    np.testing.assert_allclose(pd.regrets([[0.5, 0.5], [0.5, 0.5]]), [0.75, 0.75])
    exact = pd.to_exact()
    r = exact.regrets([[F(1, 2), F(1, 2)], "Govern"])
    # row: against Govern, 3 and 5, expects 4 -> 1; column: Govern 3/2, Free-ride 3 -> 3/2
    assert list(r) == [F(1), F(3, 2)] and all(isinstance(v, Fraction) for v in r)
    assert exact.max_regret(["Govern", "Govern"]) == 2


def test_is_equilibrium(pd):
    assert pd.is_equilibrium(["Free-ride", "Free-ride"])
    assert not pd.is_equilibrium(["Govern", "Govern"])
    assert not pd.is_equilibrium(["Govern", "Free-ride"])
    exact = cg.NormalFormGame.zero_sum([[3, -1], [-2, 1]], exact=True)
    assert exact.is_equilibrium([[F(3, 7), F(4, 7)], [F(2, 7), F(5, 7)]])
    assert not exact.is_equilibrium([[F(3, 7), F(4, 7)], [F(2, 7) + F(1, 10**9), F(5, 7) - F(1, 10**9)]])


def test_derived_exact_game_accepts_float_rounding_of_its_equilibrium():
    game = cg.NormalFormGame.zero_sum([[3, -1], [-2, 1]], exact=True)
    assert game.is_equilibrium([[3 / 7, 4 / 7], [2 / 7, 5 / 7]])


# ---------------------------------------------------------------- transformations
def test_permute_players_two(pd):
    swapped = pd.permute_players(["South", "North"])
    assert swapped.players == ("South", "North")
    for i in range(2):
        for j in range(2):
            assert swapped[j, i] == tuple(reversed(pd[i, j]))
    assert swapped.permute_players([1, 0]) == pd


def test_permute_players_three(three):
    order = [2, 0, 1]
    new = three.permute_players(order)
    assert new.players == ("C", "A", "B")
    assert new.shape == (2, 2, 3)
    for a in range(2):
        for b in range(3):
            for c in range(2):
                old = three[a, b, c]
                assert new[c, a, b] == (old[2], old[0], old[1])
    inverse = list(np.argsort(order))
    assert new.permute_players(inverse) == three


def test_permute_actions(pd):
    flipped = pd.permute_actions("North", ["Free-ride", "Govern"])
    assert flipped.actions[0] == ("Free-ride", "Govern")
    assert flipped["Free-ride", "Govern"] == pd["Free-ride", "Govern"]
    assert flipped[0, 0] == pd[1, 0]
    assert flipped.permute_actions(0, [1, 0]) == pd


def test_permute_actions_three(three):
    new = three.permute_actions("B", [2, 0, 1])
    assert new.actions[1] == ("3", "1", "2")
    assert new[1, 0, 1] == three[1, 2, 1]


def test_transformations_keep_exactness(pd):
    exact = pd.to_exact()
    assert exact.permute_players([1, 0]).is_exact
    assert exact.permute_actions(1, [1, 0]).is_exact


def test_zero_sum():
    pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    assert pennies.payoffs[1].tolist() == [[-1.0, 1.0], [1.0, -1.0]]
    assert not pennies.is_exact
    exact = cg.NormalFormGame.zero_sum([[F(1, 2), -1], [0, 2]], players=["R", "C"], actions=[["u", "d"], ["l", "r"]])
    assert exact.is_exact and exact.payoffs[1][0, 0] == F(-1, 2)
    assert exact.players == ("R", "C") and exact.actions[1] == ("l", "r")
    assert cg.NormalFormGame.zero_sum([[1, 2, 3]], exact=True).shape == (1, 3)


@settings(max_examples=30, deadline=None)
@given(cgst.games(max_profiles=16))
def test_zero_sum_payoffs_sum_to_zero_for_any_matrix(game):
    matrix = game.payoffs[0].reshape(game.shape[0], -1)
    zs = cg.NormalFormGame.zero_sum(matrix)
    total = zs.payoffs[0] + zs.payoffs[1]
    assert (total == 0).all()
