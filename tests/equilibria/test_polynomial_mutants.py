"""The float check of candidate N-player equilibria (coopgame.equilibria.polynomial), against payoffs by hand.

Written for the sampled mutation run of ``polynomial.py`` (docs/explanation/mutation_testing.md):
the compiled search already drops candidates with a gain from deviating, so the check of
``_Verifier.float_profile`` is tested on its own here.
"""

from __future__ import annotations

import numpy as np
import pytest

from coopgame.equilibria.polynomial import _ROOT_SLACK, _Verifier
from coopgame.games.normal_form import NormalFormGame


@pytest.fixture(scope="module")
def verifier():
    # three players, two actions each; everyone earns 1 when all play their first action, and player 1 earns
    # 1.5 by deviating alone to its second action (so the profile (1, 1, 1) is no equilibrium), 0 elsewhere
    u = np.zeros((3, 2, 2, 2))
    u[:, 0, 0, 0] = 1.0
    u[0, 1, 0, 0] = 1.5
    u[:, 1, 1, 1] = 2.0  # all on their second action: an equilibrium (each earns 2, a deviation 0)
    return _Verifier(NormalFormGame(list(u)))


def test_a_profile_with_a_gain_from_deviating_is_refused_at_any_slack_below_the_gain(verifier):
    supports = ((0,), (0,), (0,))
    assert verifier.float_profile(supports, [], 1.0) is None
    assert verifier.float_profile(supports, [], _ROOT_SLACK) is None  # a gain of 0.5 is far above 1e3 * 1e-9


def test_an_equilibrium_passes_with_its_payoffs(verifier):
    found = verifier.float_profile(((1,), (1,), (1,)), [], 1.0)
    assert found is not None
    vectors, payoffs = found
    assert [v.tolist() for v in vectors] == [[0.0, 1.0]] * 3
    assert payoffs.tolist() == [2.0, 2.0, 2.0]


def test_a_gain_within_the_slack_passes_and_one_just_beyond_it_does_not():
    # player 1's deviation gains g; the check allows slack * tolerance
    base = np.zeros((3, 2, 2, 2))
    base[:, 0, 0, 0] = 1.0
    game = NormalFormGame(list(base))
    tol = game.float_tolerance
    for gain, slack, ok in [(0.5 * tol, 1.0, True), (3.0 * tol, 1.0, False), (3.0 * tol, 10.0, True)]:
        u = base.copy()
        u[0, 1, 0, 0] = 1.0 + gain
        v = _Verifier(NormalFormGame(list(u)))
        assert (v.float_profile(((0,), (0,), (0,)), [], slack) is not None) is ok, (gain / tol, slack)
