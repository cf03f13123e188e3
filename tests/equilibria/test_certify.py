"""The certification of irrational equilibria (coopgame.equilibria._certify): refinement and interval proof."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import flint
import numpy as np
import pytest

from coopgame.equilibria import _certify
from coopgame.equilibria.polynomial import support_polynomial
from coopgame.io import read_nfg

DATA = Path(__file__).resolve().parent.parent / "data" / "gambit"


@pytest.fixture(scope="module")
def irrational():
    """Gambit's 3x3x3 game and its equilibrium with supports {1,2}, {2,3}, {2,3}: irrational, so floats."""
    game = read_nfg(DATA / "3x3x3.nfg")
    supports = ((0, 1), (1, 2), (1, 2))
    eq = next(e for e in support_polynomial(game) if e.support == supports)
    assert not eq.is_exact
    y = np.array([float(eq.strategies[p][s[1]]) for p, s in enumerate(supports)])
    return _certify.ExactSystem(list(game.payoffs), supports), y


def test_refine_reaches_the_solution_to_its_working_precision(irrational):
    system, y = irrational
    z, Y = _certify.refine(system, y)
    exact = [F(int(m)) * F(2) ** int(e) for m, e in (v.mid().man_exp() for v in z)]
    residual = system.residual(exact, F(1))  # in Fractions: independent of the ball arithmetic
    assert max(abs(v) for v in residual) < F(1, 10 ** (_certify.DIGITS - 10))
    assert np.abs(np.array([float(v) for v in exact]) - y).max() < 1e-12


def test_refine_from_a_rough_start_recomputes_the_jacobian_and_still_converges(irrational):
    # from 1e-3 away a kept inverse gains few digits per step: the slow steps switch to full Newton
    system, y = irrational
    z_good, _ = _certify.refine(system, y)
    z, Y = _certify.refine(system, y + 1e-3)
    assert all(abs(a - b) < flint.arb(10) ** -45 for a, b in zip(z, z_good))
    assert _certify.interval_proof(system, z, Y)


def test_interval_proof_refuses_a_point_that_is_not_a_solution(irrational):
    system, y = irrational
    z, Y = _certify.refine(system, y)
    assert _certify.interval_proof(system, z, Y)
    assert not _certify.interval_proof(system, [v + flint.arb(2) ** -66 for v in z], Y)


def test_refine_gives_up_far_from_any_solution(irrational):
    system, _ = irrational
    assert _certify.refine(system, np.array([0.5, 50.0, -40.0]), steps=3) is None


def test_the_global_precision_of_python_flint_is_restored(irrational):
    system, y = irrational
    before = flint.ctx.prec
    z, Y = _certify.refine(system, y)
    _certify.interval_proof(system, z, Y)
    assert flint.ctx.prec == before
