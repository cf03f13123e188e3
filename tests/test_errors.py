"""Every bad input gets a typed coopgame error that is also the matching built-in, with a message naming the function.

Each case is a row ``(id, call, error type, built-in, words the message must contain)``;
the first word is always the name of the function (or class) that refused.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

import coopgame as cg
from coopgame.errors import (
    CoopgameError,
    InvalidGameError,
    InvalidProfileError,
    NotSupportedError,
    SolverLimitError,
    UnresolvedParameterError,
)

F = Fraction
NFG = cg.NormalFormGame
A2 = [[3, 0], [5, 1]]
B2 = [[3, 5], [0, 1]]
PD = NFG([A2, B2], actions=[["C", "D"]] * 2)
PD_EXACT = PD.to_exact()
THREE = cg.random_game((2, 2, 2), seed=0)
x, y = sympy.symbols("x y")

# ---------------------------------------------------------------- bad games
GAME_CASES = [
    ("nan", lambda: NFG([[[1, np.nan], [0, 1]], B2]), InvalidGameError, ValueError, ["NormalFormGame", "finite"]),
    ("inf", lambda: NFG([A2, [[1, np.inf], [0, 1]]]), InvalidGameError, ValueError, ["NormalFormGame", "finite"]),
    ("minus-inf", lambda: NFG([A2, [[1, -np.inf], [0, 1]]]), InvalidGameError, ValueError, ["NormalFormGame", "infinite"]),
    ("nan-among-fractions", lambda: NFG([[[F(1, 2), float("nan")], [0, 1]], B2]), InvalidGameError, ValueError,
     ["NormalFormGame", "finite"]),
    ("nan-exact-true", lambda: NFG([[[1, np.nan], [0, 1]], B2], exact=True), InvalidGameError, ValueError,
     ["NormalFormGame", "finite"]),
    ("shapes-differ", lambda: NFG([np.ones((2, 2)), np.ones((2, 3))]), InvalidGameError, ValueError,
     ["NormalFormGame", "same shape", "(2, 3)"]),
    ("ragged", lambda: NFG([[[1, 2], [3]], B2]), InvalidGameError, ValueError, ["NormalFormGame", "ragged"]),
    ("ragged-deep", lambda: NFG([[[1, 2], [3, [4, 5]]], B2]), InvalidGameError, ValueError, ["NormalFormGame"]),
    ("text-payoffs", lambda: NFG("payoffs"), InvalidGameError, ValueError, ["NormalFormGame", "'payoffs'"]),
    ("text-entries", lambda: NFG([[["a", "b"], ["c", "d"]], B2]), InvalidGameError, ValueError,
     ["NormalFormGame", "text"]),
    ("text-array", lambda: NFG(["ab", "cd"]), InvalidGameError, ValueError, ["NormalFormGame", "text"]),
    ("none-entry", lambda: NFG([[[None, 1], [0, 1]], B2]), InvalidGameError, ValueError, ["NormalFormGame", "None"]),
    ("complex", lambda: NFG([[[1 + 1j, 1], [0, 1]], B2]), InvalidGameError, ValueError, ["NormalFormGame", "complex"]),
    ("dict", lambda: NFG({"a": A2}), InvalidGameError, ValueError, ["NormalFormGame"]),
    ("scalar", lambda: NFG(5), InvalidGameError, ValueError, ["NormalFormGame"]),
    ("no-players", lambda: NFG([]), InvalidGameError, ValueError, ["NormalFormGame", "at least one"]),
    ("zero-actions", lambda: NFG([np.zeros((0, 2)), np.zeros((0, 2))]), InvalidGameError, ValueError,
     ["NormalFormGame", "at least one action", "(0, 2)"]),
    ("zero-actions-3p", lambda: NFG([np.zeros((2, 0, 2))] * 3), InvalidGameError, ValueError, ["NormalFormGame"]),
    ("one-array-two-axes", lambda: NFG([np.ones((2, 2))]), InvalidGameError, ValueError,
     ["NormalFormGame", "1 payoff arrays", "(2, 2)"]),
    ("three-arrays-two-axes", lambda: NFG([np.ones((2, 2))] * 3), InvalidGameError, ValueError,
     ["NormalFormGame", "3 payoff arrays"]),
    ("two-arrays-three-axes", lambda: NFG([np.ones((2, 2, 2))] * 2), InvalidGameError, ValueError,
     ["NormalFormGame", "2 payoff arrays"]),
    # labels
    ("players-count", lambda: NFG([A2, B2], players=["a"]), InvalidGameError, ValueError,
     ["NormalFormGame", "2 player names", "1"]),
    ("players-duplicate", lambda: NFG([A2, B2], players=["a", "a"]), InvalidGameError, ValueError,
     ["NormalFormGame", "distinct"]),
    ("players-non-str", lambda: NFG([A2, B2], players=["a", 2]), InvalidGameError, ValueError,
     ["NormalFormGame", "strings"]),
    ("players-a-string", lambda: NFG([A2, B2], players="ab"), InvalidGameError, ValueError, ["NormalFormGame"]),
    ("actions-outer-count", lambda: NFG([A2, B2], actions=[["x", "y"]]), InvalidGameError, ValueError,
     ["NormalFormGame", "2 players"]),
    ("actions-inner-count", lambda: NFG([A2, B2], actions=[["x", "y"], ["x"]]), InvalidGameError, ValueError,
     ["NormalFormGame", "2 action labels", "Player 2"]),
    ("actions-duplicate", lambda: NFG([A2, B2], actions=[["x", "x"], ["a", "b"]]), InvalidGameError, ValueError,
     ["NormalFormGame", "distinct", "Player 1"]),
    ("actions-non-str", lambda: NFG([A2, B2], actions=[["x", 1], ["a", "b"]]), InvalidGameError, ValueError,
     ["NormalFormGame", "strings"]),
    ("actions-a-string", lambda: NFG([A2, B2], actions="xy"), InvalidGameError, ValueError, ["NormalFormGame"]),
    ("zero-sum-1d", lambda: NFG.zero_sum([1, 2]), InvalidGameError, ValueError, ["NormalFormGame.zero_sum", "2-D"]),
    ("zero-sum-nan", lambda: NFG.zero_sum([[1, np.nan]]), InvalidGameError, ValueError, ["NormalFormGame", "finite"]),
]

# ---------------------------------------------------------------- symbolic payoffs
SYMBOLIC_CASES = [
    ("symbol", lambda: NFG([[[x, 1], [0, 1]], B2]), UnresolvedParameterError, ValueError, ["NormalFormGame", "x"]),
    ("two-symbols", lambda: NFG([[[x + 1, 1], [0, 1]], [[1, 2 * y], [0, 1]]]), UnresolvedParameterError, ValueError,
     ["NormalFormGame", "x, y"]),
    ("symbol-exact-true", lambda: NFG([[[x, 1], [0, 1]], B2], exact=True), UnresolvedParameterError, ValueError,
     ["NormalFormGame", "x"]),
]

# ---------------------------------------------------------------- bad profiles
PROFILE_CASES = [
    ("negative", lambda: PD.expected_payoffs([[-0.5, 1.5], [1, 0]]), InvalidProfileError, ValueError,
     ["NormalFormGame", "non-negative", "Player 1"]),
    ("sum-not-one", lambda: PD.regrets([[0.5, 0.6], [1, 0]]), InvalidProfileError, ValueError,
     ["NormalFormGame", "summing to 1", "1.1"]),
    ("sum-not-one-exact", lambda: PD_EXACT.is_equilibrium([[F(1, 2), F(1, 3)], [1, 0]]), InvalidProfileError,
     ValueError, ["NormalFormGame", "summing to 1", "5/6"]),
    ("negative-exact", lambda: PD_EXACT.expected_payoffs([[1, 0], [F(-1, 2), F(3, 2)]]), InvalidProfileError,
     ValueError, ["NormalFormGame", "non-negative", "Player 2"]),
    ("nan-probability", lambda: PD.expected_payoffs([[np.nan, 1], [1, 0]]), InvalidProfileError, ValueError,
     ["NormalFormGame", "finite"]),
    ("vector-too-long", lambda: PD.expected_payoffs([[1, 0, 0], [1, 0]]), InvalidProfileError, ValueError,
     ["NormalFormGame", "length 2"]),
    ("vector-too-short", lambda: PD.best_responses(0, [None, [1]]), InvalidProfileError, ValueError,
     ["NormalFormGame", "length 2", "Player 2"]),
    ("vector-2d", lambda: PD.expected_payoffs([[[1, 0]], [1, 0]]), InvalidProfileError, ValueError,
     ["NormalFormGame", "probability vector"]),
    ("too-few-vectors", lambda: PD.expected_payoffs([[1, 0]]), InvalidProfileError, ValueError,
     ["NormalFormGame", "2 players", "1"]),
    ("too-many-vectors", lambda: PD.expected_payoffs([[1, 0]] * 3), InvalidProfileError, ValueError,
     ["NormalFormGame", "2 players", "3"]),
    ("profile-text", lambda: PD.expected_payoffs("CD"), InvalidProfileError, ValueError, ["NormalFormGame"]),
    ("text-probabilities", lambda: PD.expected_payoffs([["a", "b"], [1, 0]]), InvalidProfileError, ValueError,
     ["NormalFormGame"]),
    ("unknown-label-pure", lambda: PD["C", "X"], InvalidProfileError, ValueError, ["NormalFormGame", "'X'", "Player 2"]),
    ("unknown-label-mixed", lambda: PD.expected_payoffs(["Z", [1, 0]]), InvalidProfileError, ValueError,
     ["NormalFormGame", "'Z'"]),
    ("index-too-large", lambda: PD[2, 0], InvalidProfileError, ValueError, ["NormalFormGame", "0 to 1", "2"]),
    ("index-negative", lambda: PD[0, -1], InvalidProfileError, ValueError, ["NormalFormGame", "-1"]),
    ("index-bool", lambda: PD[True, 0], InvalidProfileError, ValueError, ["NormalFormGame", "True"]),
    ("index-float", lambda: PD[0.0, 0], InvalidProfileError, ValueError, ["NormalFormGame"]),
    ("pure-too-short", lambda: PD.profile_payoffs(("C",)), InvalidProfileError, ValueError,
     ["NormalFormGame", "2 players"]),
    ("pure-too-long", lambda: PD.profile_payoffs(("C", "D", "C")), InvalidProfileError, ValueError,
     ["NormalFormGame", "2 players"]),
    ("unknown-player-name", lambda: PD.best_responses("Nobody", [None, "C"]), InvalidProfileError, ValueError,
     ["NormalFormGame", "'Nobody'"]),
    ("player-index-out-of-range", lambda: PD.best_responses(2, [None, "C"]), InvalidProfileError, ValueError,
     ["NormalFormGame", "0 to 1"]),
    ("three-player-vector", lambda: THREE.expected_payoffs([[1, 0], [1, 0], [1, 0, 0]]), InvalidProfileError,
     ValueError, ["NormalFormGame", "length 2", "Player 3"]),
    ("equilibrium-object", lambda: cg.Equilibrium(PD, [[0.5, 0.6], [1, 0]]), InvalidProfileError, ValueError,
     ["Equilibrium", "summing to 1"]),
    ("permute-players-repeat", lambda: PD.permute_players([0, 0]), InvalidProfileError, ValueError,
     ["NormalFormGame.permute_players", "permutation"]),
    ("permute-players-unknown", lambda: PD.permute_players([0, 2]), InvalidProfileError, ValueError,
     ["NormalFormGame"]),
    ("permute-actions-short", lambda: PD.permute_actions(0, [0]), InvalidProfileError, ValueError,
     ["NormalFormGame.permute_actions", "permutation"]),
    ("permute-actions-repeat", lambda: PD.permute_actions("Player 1", ["C", "C"]), InvalidProfileError, ValueError,
     ["NormalFormGame.permute_actions"]),
]

# ---------------------------------------------------------------- solvers
SOLVER_CASES = [
    ("pure-text", lambda: cg.pure_equilibria("game"), InvalidGameError, ValueError, ["pure_equilibria", "str"]),
    ("pure-bad-arrays", lambda: cg.pure_equilibria([[[1, np.nan]], [[1, 2]]]), InvalidGameError, ValueError,
     ["finite"]),
    ("dominant-int", lambda: cg.dominant_strategies(3), InvalidGameError, ValueError, ["dominant_strategies", "int"]),
    ("iterated-none", lambda: cg.iterated_elimination(None), InvalidGameError, ValueError,
     ["iterated_elimination", "NoneType"]),
    ("vertex-text", lambda: cg.equilibria.vertex_enumeration("game"), InvalidGameError, ValueError, ["vertex_enumeration"]),
    ("vertex-three-players", lambda: cg.equilibria.vertex_enumeration(THREE), NotSupportedError, NotImplementedError,
     ["vertex_enumeration", "two-player", "3 players", "pure_equilibria"]),
    ("vertex-too-large", lambda: cg.equilibria.vertex_enumeration(cg.random_game((17, 20), seed=0), max_dimension=16),
     SolverLimitError,
     ValueError, ["vertex_enumeration", "17", "16", "lemke_howson"]),
    ("random-game-zero", lambda: cg.random_game(0), InvalidGameError, ValueError, ["random_game", "at least one"]),
    ("random-game-negative", lambda: cg.random_game((2, -1)), InvalidGameError, ValueError, ["random_game"]),
    ("random-game-empty", lambda: cg.random_game(()), InvalidGameError, ValueError, ["random_game"]),
    ("random-game-text", lambda: cg.random_game("ab"), InvalidGameError, ValueError, ["random_game", "'ab'"]),
    ("random-game-high", lambda: cg.random_game((2, 2), integer=True, high=0), cg.InvalidArgumentError, ValueError,
     ["random_game", "high"]),
    ("mixed-text", lambda: cg.mixed_equilibria("game"), InvalidGameError, ValueError, ["mixed_equilibria"]),
    ("mixed-three-players-two-player-method", lambda: cg.mixed_equilibria(THREE, method="vertex_enumeration"),
     NotSupportedError, NotImplementedError, ["mixed_equilibria", "3 players", "support_polynomial", "pure_equilibria"]),
    ("mixed-unknown-method", lambda: cg.mixed_equilibria(PD, method="magic"), CoopgameError, ValueError,
     ["mixed_equilibria", "'magic'", "vertex_enumeration"]),
    ("support-three-players", lambda: cg.equilibria.support_enumeration(THREE), NotSupportedError, NotImplementedError,
     ["support_enumeration", "3 players"]),
    ("support-too-large", lambda: cg.equilibria.support_enumeration(cg.random_game((12, 12), seed=0)), SolverLimitError,
     ValueError, ["support_enumeration", "2,000,000", "vertex_enumeration"]),
    ("lemke-howson-three-players", lambda: cg.equilibria.lemke_howson(THREE), NotSupportedError, NotImplementedError,
     ["lemke_howson", "3 players"]),
    ("lemke-howson-label-range", lambda: cg.equilibria.lemke_howson(PD, initial_label=4), InvalidProfileError, ValueError,
     ["lemke_howson", "0 to 3", "4"]),
    ("lemke-howson-label-text", lambda: cg.equilibria.lemke_howson(PD, initial_label="first"), InvalidProfileError, ValueError,
     ["lemke_howson", "'first'"]),
    ("lemke-howson-label-negative", lambda: cg.equilibria.lemke_howson(PD, initial_label=-1), InvalidProfileError, ValueError,
     ["lemke_howson"]),
    ("mixed-lemke-howson-label", lambda: cg.mixed_equilibria(PD, method="lemke_howson", initial_label=9),
     InvalidProfileError, ValueError, ["lemke_howson"]),
]

ALL_CASES = GAME_CASES + SYMBOLIC_CASES + PROFILE_CASES + SOLVER_CASES


@pytest.mark.parametrize("case_id, call, error, builtin, words", ALL_CASES, ids=[c[0] for c in ALL_CASES])
def test_bad_input_raises_typed_error(case_id, call, error, builtin, words):
    with pytest.raises(error) as info:
        call()
    err = info.value
    assert isinstance(err, CoopgameError)
    assert isinstance(err, builtin), f"{type(err).__name__} is not a {builtin.__name__}"
    message = str(err)
    for word in words:
        assert word in message, f"{word!r} not in message {message!r}"


@pytest.mark.parametrize("case_id, call, error, builtin, words", ALL_CASES, ids=[c[0] for c in ALL_CASES])
def test_bad_input_caught_as_builtin(case_id, call, error, builtin, words):
    """Code that only knows the built-in exceptions still catches every refusal."""
    with pytest.raises(builtin):
        call()


def test_error_hierarchy():
    assert issubclass(InvalidGameError, (CoopgameError, ValueError))
    assert issubclass(InvalidProfileError, ValueError) and issubclass(InvalidProfileError, CoopgameError)
    assert issubclass(UnresolvedParameterError, ValueError)
    assert issubclass(NotSupportedError, NotImplementedError)
    assert issubclass(SolverLimitError, ValueError)
    assert issubclass(cg.SolverError, RuntimeError) and issubclass(cg.SolverError, CoopgameError)
    assert issubclass(cg.InvalidFileError, ValueError)
    assert issubclass(cg.DegenerateGameWarning, UserWarning)
    assert not issubclass(cg.DegenerateGameWarning, CoopgameError)


def test_message_of_symbolic_error_names_every_symbol_once():
    with pytest.raises(UnresolvedParameterError) as info:
        NFG([[[x, x + 1], [y, 1]], [[x * y, 1], [0, 1]]])
    message = str(info.value)
    assert "(x, y)" in message
    assert "subs" in message  # says how to fix it


def test_valid_inputs_near_the_bad_ones_are_accepted():
    """The checks are not over-eager: the closest valid inputs pass."""
    NFG([[[1, 1e308], [0, 1]], B2])  # large but finite
    NFG([np.ones((1, 1))] * 2)  # one action each
    PD.expected_payoffs([[1 - 1e-9, 1e-9], [1, 0]])  # rounding within the tolerance
    PD.expected_payoffs([[0.5 + 1e-9, 0.5], [1, 0]])
    PD_EXACT.expected_payoffs([[F(1, 3), F(2, 3)], [0, 1]])
    NFG([[[sympy.Integer(1), sympy.Rational(1, 2)], [0, 1]], B2])  # numbers that happen to be sympy objects
    assert PD[np.int64(1), np.int32(0)] == (5.0, 0.0)
