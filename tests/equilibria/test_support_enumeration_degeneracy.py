"""support_enumeration's degeneracy signals: a singular system flags the game only when it has solutions.

Rock-paper-scissors (non-degenerate) has singular indifference systems without solutions (the row
player cannot be made indifferent on two rows by two columns that beat one and lose to the other);
they must not flag it. A game whose column player is indifferent between two columns whatever the
row player does (Gambit's classic degenerate case) has consistent singular systems: flagged, with a
note, and the list marked partial.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import pytest

import coopgame as cg
from coopgame.errors import DegenerateGameWarning

RPS = [[[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]]


@pytest.mark.parametrize("exact", [True, False])
def test_rock_paper_scissors_is_not_flagged(exact):
    game = cg.NormalFormGame(RPS, exact=exact)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DegenerateGameWarning)
        found = cg.equilibria.support_enumeration(game)
    assert found.is_complete and found.note == ""
    (eq,) = found
    assert [[F(v).limit_denominator(1000) for v in s] for s in eq.strategies] == [[F(1, 3)] * 3] * 2
