"""Interior roots of a Bernstein polynomial: a double root (mutation testing, sampled run)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from coopgame.equilibria.symmetric import _interior_roots, symmetric_pure_equilibria
from coopgame.games.symmetric import SymmetricGame


def test_a_double_root_off_the_grid_is_found_when_the_coefficient_signs_alternate_back():
    # (p - 1/3)**2 = p**2 - 2p/3 + 1/9 in the Bernstein basis (q**2, 2pq, p**2), q = 1 - p: b0 = f(0) = 1/9,
    # b1 = f(0) + f'(0)/2 = -2/9, b2 = f(1) = 4/9. Signs +, -, +: two sign changes, no sign change on the grid,
    # so the root is found only by the search for touching minima that the count of two allows.
    roots = _interior_roots(np.array([1 / 9, -2 / 9, 4 / 9]), 1e-9)
    assert len(roots) == 1
    p, q = roots[0]
    assert abs(p - 1 / 3) < 1e-6 and abs(q - 2 / 3) < 1e-6


def test_frame_gives_the_payoff_of_the_players_on_each_action_and_the_average():
    # the volunteer's dilemma of three (tests/equilibria/test_results.py): one volunteer gets 2 - 1 = 1, the two
    # who abstain get 2, the average is 5/3
    volunteer = SymmetricGame(3, ["Volunteer", "Abstain"],
                              lambda own, c: (2 if c[0] + (own == 0) else 0) - (own == 0), exact=True)
    frame = symmetric_pure_equilibria(volunteer).to_frame()
    assert frame["profile"].tolist() == ["Volunteer 1, Abstain 2"]
    assert frame["payoff: Volunteer players"].tolist() == [1]
    assert frame["payoff: Abstain players"].tolist() == [2]
    assert frame["payoff: average"].tolist() == [Fraction(5, 3)]
