"""symbolic_mixed_equilibria: closed-form completely mixed equilibria of 2x2x2 games (issue 14, item 3).

Checked against the numeric N-player solver on Gambit's example games (tests/data/gambit) and by
substituting values into the closed forms.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sympy

import coopgame as cg
from coopgame.equilibria.conditions import symbolic_mixed_equilibria
from coopgame.equilibria.polynomial import support_polynomial
from coopgame.errors import NotSupportedError

DATA = Path(__file__).resolve().parent.parent / "data" / "gambit"


def totally_mixed(eq):
    return all(len(s) == 2 for s in eq.support)


def test_published_mckelvey_mclennan_2x2x2_two_totally_mixed():
    """Gambit contrib/games/2x2x2.nfg (McKelvey-McLennan): 2 totally mixed equilibria; the closed
    forms of the numeric game are exactly those two."""
    game = cg.read_nfg(DATA / "2x2x2.nfg")
    eqs = symbolic_mixed_equilibria(game)
    assert eqs.is_complete and len(eqs) == 2 and all(e.conditions == sympy.true for e in eqs)
    closed = {tuple(sympy.Rational(s[0]) for s in e.strategies) for e in eqs}
    numeric = {tuple(sympy.Rational(e.strategies[p][0]) for p in range(3))
               for e in support_polynomial(game) if totally_mixed(e)}
    assert closed == numeric


def test_published_nau2004_section4_irrational_in_radicals():
    """Nau, Gomez Canovas and Hansen (2004), section 4: the unique equilibrium is irrational; the
    closed form (radicals) evaluates to the certified numeric one."""
    game = cg.read_nfg(DATA / "nau2004_sec4.nfg")
    eqs = [e for e in symbolic_mixed_equilibria(game) if e.conditions == sympy.true]
    assert len(eqs) == 1
    assert any(isinstance(a, sympy.Pow) for a in sympy.preorder_traversal(eqs[0].strategies[0][0]))
    numeric = support_polynomial(game)[0]
    got = np.array([float(s[0]) for s in eqs[0].strategies])
    assert np.allclose(got, [float(numeric.strategies[p][0]) for p in range(3)], atol=1e-12)


def test_symbolic_parameter_and_conditions():
    c = sympy.Symbol("c", positive=True)
    i, j, k = np.indices((2, 2, 2))

    def match(a, b):
        return np.where(a == b, 1, -1)

    game = cg.SymbolicGame([match(i, j) + c * np.where(i == 0, 1, 0), match(j, k), -match(k, i)])
    (eq,) = symbolic_mixed_equilibria(game)
    assert eq.strategies[1][0] == sympy.Rational(1, 2) - c / 4 and eq.conditions == (c < 2)
    inside = eq.subs(c=1)
    assert inside.conditions == sympy.true and inside.strategies[1] == (sympy.Rational(1, 4), sympy.Rational(3, 4))
    assert eq.subs(c=3).conditions == sympy.false
    numeric = support_polynomial(game.subs({c: 1}))
    assert [float(v) for v in numeric[0].strategies[1]] == [0.25, 0.75]


def test_two_by_two_is_the_one_item_list_and_other_shapes_refused():
    pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    (eq,) = symbolic_mixed_equilibria(pennies)
    assert eq.strategies[0] == (sympy.Rational(1, 2), sympy.Rational(1, 2))
    with pytest.raises(NotSupportedError, match="2x2x2"):
        symbolic_mixed_equilibria(cg.NormalFormGame([np.zeros((3, 2, 2))] * 3))
    with pytest.raises(cg.errors.InvalidGameTypeError):
        symbolic_mixed_equilibria("not a game")


def test_continuum_is_reported_not_listed():
    game = cg.NormalFormGame([np.ones((2, 2, 2), dtype=int)] * 3, exact=True)
    eqs = symbolic_mixed_equilibria(game)
    assert not eqs.is_complete and "continuum" in eqs.note and len(eqs) == 0
