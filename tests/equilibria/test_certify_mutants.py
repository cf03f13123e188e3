"""The certification of N-player equilibria (coopgame.equilibria._certify), checked against independent computations.

Written for the fourth mutation run (issue 12, docs/explanation/mutation_testing.md): the system's
equations, best-reply inequalities and Jacobian against payoffs summed profile by profile; Newton's
method on a linear system (one step); the kept inverse; the box of the interval proof; an outside
action that earns more; the rational point.
"""

from __future__ import annotations

from fractions import Fraction as F
from itertools import product
from pathlib import Path

import flint
import numpy as np
import pytest

from coopgame.equilibria import _certify
from coopgame.io import read_nfg

DATA = Path(__file__).resolve().parent.parent / "data" / "gambit"

#: Gambit's 3x3x3 game: its equilibrium with supports {1,2}, {2,3}, {2,3} is irrational (test_certify.py).
IRRATIONAL = ((0, 1), (1, 2), (1, 2))


@pytest.fixture(scope="module")
def game():
    return read_nfg(DATA / "3x3x3.nfg")


def mixed(shape, supports, y):
    """Each player's full probability vector: the first support action gets 1 minus the others' shares."""
    out, k = [], 0
    for m, s in zip(shape, supports):
        vec = [F(0)] * m
        block = list(y[k:k + len(s) - 1])
        k += len(s) - 1
        vec[s[0]] = 1 - sum(block, F(0))
        for a, v in zip(s[1:], block):
            vec[a] = v
        out.append(vec)
    return out


def payoff(payoffs, p, a, probs):
    """Player p's expected payoff from action a against the others' mixed strategies, profile by profile."""
    total = F(0)
    for profile in product(*[range(len(v)) for v in probs]):
        if profile[p] != a:
            continue
        weight = F(1)
        for q, b in enumerate(profile):
            if q != p:
                weight *= probs[q][b]
        total += weight * payoffs[p][profile]
    return total


def equations(payoffs, supports, y):
    """The indifference equations and the outside actions' advantages, in the module's documented order."""
    shape = payoffs[0].shape
    probs = mixed(shape, supports, y)
    inside, outside = [], []
    for p, s in enumerate(supports):
        base = payoff(payoffs, p, s[0], probs)
        inside += [payoff(payoffs, p, a, probs) - base for a in s[1:]]
        outside += [payoff(payoffs, p, b, probs) - base for b in range(shape[p]) if b not in s]
    return inside, outside, probs


@pytest.mark.parametrize("supports", [IRRATIONAL, ((0, 1, 2), (0, 2), (1,)), ((2,), (0, 1, 2), (0, 2)),
                                      ((0, 2), (1,), (0, 1, 2))])
def test_equations_outside_advantages_and_jacobian_against_payoffs_summed_profile_by_profile(game, supports):
    payoffs = list(game.payoffs)
    system = _certify.ExactSystem(payoffs, supports)
    D = sum(len(s) - 1 for s in supports)
    y = [F(k + 1, 7 + 2 * k) for k in range(D)]
    inside, outside, probs = equations(payoffs, supports, y)
    assert list(system.residual(y, F(1))) == inside
    assert list(system.outside(y, F(1))) == outside
    assert system.probabilities(y, F(1)) == [[probs[q][a] for a in s] for q, s in enumerate(supports)]
    # each equation is affine in each player's probabilities and has no term in its own player's:
    # a unit step in one coordinate changes it by exactly that partial derivative
    J = system.jacobian(y, F(1), F(0))
    assert len(J) == D and all(len(row) == D for row in J)
    for k in range(D):
        step = list(y)
        step[k] += 1
        column = [b - a for a, b in zip(inside, equations(payoffs, supports, step)[0])]
        assert [J[i][k] for i in range(D)] == column


def linear_game(a, b):
    """A 2x2 game whose row player gets a or 1 on the diagonal and the column player 1 or b (0 elsewhere)."""
    A = np.array([[F(a), F(0)], [F(0), F(1)]], dtype=object)
    B = np.array([[F(1), F(0)], [F(0), F(b)]], dtype=object)
    return _certify.ExactSystem([A, B], ((0, 1), (0, 1)))


def test_newton_solves_the_linear_system_of_a_two_player_game_in_one_step():
    # in a two-player game each equation is linear in the other player's probabilities; with a = b = 2 the
    # equilibrium mixes (2/3, 1/3) and (1/3, 2/3): y = (1/3, 2/3), not a float
    system = linear_game(2, 2)
    start = np.array([1 / 3, 2 / 3])
    assert _certify.refine(system, start, steps=0) is None  # no step allowed
    refined = _certify.refine(system, start, steps=1)
    assert refined is not None
    z, Y = refined
    assert _certify.rational_point(system, z, 10) == [F(1, 3), F(2, 3)]
    assert _certify.rational_point(system, z, 2) == [F(1, 2), F(1, 2)]  # nearest with denominator <= 2
    exact = [F(int(m)) * F(2) ** int(e) for m, e in (v.mid().man_exp() for v in z)]
    assert all(abs(v - w) < F(1, 10 ** 55) for v, w in zip(exact, [F(1, 3), F(2, 3)]))
    assert _certify.interval_proof(system, z, Y)


def test_a_start_that_is_already_the_solution_still_gets_its_preconditioner():
    # a = b = 3: y = (1/4, 3/4), exact in floats, so the residual is 0 before any step
    system = linear_game(3, 3)
    z, Y = _certify.refine(system, np.array([0.25, 0.75]), steps=1)
    assert _certify.rational_point(system, z, 10) == [F(1, 4), F(3, 4)]
    assert len(Y) == 2 and all(len(row) == 2 for row in Y)
    assert _certify.interval_proof(system, z, Y)


def test_a_solution_with_a_negative_probability_is_no_equilibrium():
    # a = -3: the row player is indifferent when -3 q = 1 - q, q = -1/2: the column "mix" (-1/2, 3/2) solves the
    # system but is no strategy (b = 2 gives the row mix (2/3, 1/3))
    system = linear_game(-3, 2)
    z, Y = _certify.refine(system, np.array([1 / 3, 1.5]))
    assert _certify.rational_point(system, z, 10) == [F(1, 3), F(3, 2)]
    assert not _certify.interval_proof(system, z, Y)


@pytest.fixture(scope="module")
def irrational(game):
    """The irrational equilibrium's system and a float start (its solution to double precision)."""
    system = _certify.ExactSystem(list(game.payoffs), IRRATIONAL)
    z, _ = _certify.refine(system, np.array([0.5, 0.5, 0.5]))
    return system, np.array([float(v) for v in z])


def test_from_a_float_solution_the_inverse_is_computed_once_and_kept(irrational, monkeypatch):
    # a full Newton step from 1e-16 away leaves a residual near 1e-32, and each step with the kept inverse
    # gains about 16 more digits (more than 2**20): the Jacobian is never evaluated again (module docstring)
    system, y = irrational
    calls = []
    original = _certify.ExactSystem.jacobian

    def counted(self, *args):
        calls.append(1)
        return original(self, *args)

    monkeypatch.setattr(_certify.ExactSystem, "jacobian", counted)
    assert _certify.refine(system, y) is not None
    assert len(calls) == 1


def test_the_proof_holds_for_a_point_within_the_box_radius_of_about_1e_30(irrational):
    # the box has radius 2**-100 (about 8e-31): a centre 2**-110 (about 8e-34) off the solution still holds it
    system, y = irrational
    z, Y = _certify.refine(system, y)
    with _certify._precision():  # the shifted centres at 60 digits (python-flint's default is 53 bits)
        near = [v + flint.arb(2) ** -110 for v in z]
        far = [v + flint.arb(2) ** -95 for v in z]
    assert _certify.interval_proof(system, near, Y)
    assert not _certify.interval_proof(system, far, Y)


def test_an_outside_action_that_earns_more_is_no_equilibrium(game):
    # player 1's third action (outside its support {1, 2}) earns about 0.53 less than the support at the
    # equilibrium; with 1 more everywhere it earns about 0.47 more: the indifference system and its solution are
    # unchanged, but that action now beats the support there
    payoffs = [np.array(u, dtype=object) for u in game.payoffs]
    payoffs[0][2] = payoffs[0][2] + 1
    system = _certify.ExactSystem(payoffs, IRRATIONAL)
    z, Y = _certify.refine(system, np.array([0.5, 0.5, 0.5]))
    point = [F(int(m)) * F(2) ** int(e) for m, e in (v.mid().man_exp() for v in z)]
    _, outside, _ = equations(payoffs, IRRATIONAL, point)
    assert 0 < outside[0] < 1  # independent: the third action earns more than the support
    assert not _certify.interval_proof(system, z, Y)
    original = _certify.ExactSystem(list(game.payoffs), IRRATIONAL)
    assert _certify.interval_proof(original, *_certify.refine(original, np.array([0.5, 0.5, 0.5])))
