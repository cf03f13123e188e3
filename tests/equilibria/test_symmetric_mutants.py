"""Interior roots of a Bernstein polynomial: a double root (mutation testing, sampled run)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from coopgame.equilibria.symmetric import _exact_root, _interior_roots, symmetric_pure_equilibria
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


def test_a_rational_root_with_a_denominator_above_a_hundred_is_recovered_exactly():
    # (p - 1/101)(p - 1/2) in the Bernstein basis of degree 2: b0 = f(0) = 1/202, b1 = f(0) + f'(0)/2
    # = 1/202 - (1/101 + 1/2)/2 = -1/4, b2 = f(1) = (100/101)(1/2) = 50/101
    d = [Fraction(1, 202), Fraction(-1, 4), Fraction(50, 101)]
    assert _exact_root(d, 1 / 101) == Fraction(1, 101)
    assert _exact_root(d, 0.5) == Fraction(1, 2)
    assert _exact_root(d, 0.3) is None


def test_text_of_a_pure_symmetric_equilibrium_gives_the_payoff_of_each_action():
    volunteer = SymmetricGame(3, ["Volunteer", "Abstain"],
                              lambda own, c: (2 if c[0] + (own == 0) else 0) - (own == 0), exact=True)
    (eq,) = symmetric_pure_equilibria(volunteer)
    assert repr(eq) == "SymmetricEquilibrium(Volunteer 1, Abstain 2; payoffs Volunteer 1, Abstain 2)"
