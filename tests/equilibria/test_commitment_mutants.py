"""Commitment in a float game: HiGHS takes every option it is given (mutation testing, sampled run)."""

from __future__ import annotations

import warnings

import pytest
from scipy.optimize import OptimizeWarning

from coopgame.equilibria import stackelberg
from coopgame.games.normal_form import NormalFormGame


def test_float_commitment_solves_without_warnings():
    # the follower is indifferent when 1 * x1 = 2 * x2: x = (2/3, 1/3); the leader then gets 4 * 2/3 + 3 * 1/3 = 11/3
    game = NormalFormGame([[[2.0, 4.0], [1.0, 3.0]], [[1.0, 0.0], [0.0, 2.0]]], exact=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error", OptimizeWarning)  # an option HiGHS does not know is one (and is ignored)
        eq = stackelberg(game, 0)
    assert [float(v) for v in eq.strategies[0]] == pytest.approx([2 / 3, 1 / 3], abs=1e-9)
    assert float(eq.payoffs[0]) == pytest.approx(11 / 3, abs=1e-9)


def test_one_follower_leaves_no_note():
    # the note about followers' equilibria among themselves is for two or more followers
    game = NormalFormGame([[[2.0, 4.0], [1.0, 3.0]], [[1.0, 0.0], [0.0, 2.0]]], exact=False)
    assert stackelberg(game, 0).note == ""
