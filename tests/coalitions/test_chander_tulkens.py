"""Chander-Tulkens transfers: the grand coalition's allocation is in the gamma-core (Chander and Tulkens 1997)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.coalitions.chander_tulkens import (
    MAX_GAMMA_CORE_PLAYERS,
    ChanderTulkens,
    chander_tulkens_transfers,
)
from coopgame.cooperative.tu_game import TUGame
from coopgame.errors import InvalidArgumentError, SolverLimitError
from coopgame.games.normal_form import NormalFormGame

positive = st.fractions(min_value=Fraction(1, 4), max_value=8, max_denominator=4)


def _gamma_value_sympy(pis, cs, coalition):
    """Nash equilibrium between the coalition (one player) and the singletons, from first-order conditions."""
    n = len(pis)
    q = sympy.symbols(f"q0:{n}", real=True)
    Q = sum(q)
    w = [sympy.Rational(pis[i]) * Q - sympy.Rational(cs[i]) / 2 * q[i] ** 2 for i in range(n)]
    joint = sum(w[i] for i in coalition)
    focs = [sympy.diff(joint if i in coalition else w[i], q[i]) for i in range(n)]
    A, b = sympy.linear_eq_to_matrix(focs, q)  # the first-order conditions are linear in q
    sol = dict(zip(q, A.LUsolve(b)))
    value = sympy.Rational(joint.subs(sol)) if coalition else sympy.Integer(0)
    return Fraction(int(value.p), int(value.q))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(positive, positive), min_size=2, max_size=4))
def test_claim_chander_tulkens_in_gamma_core_by_brute_force(params):
    pis = [p for p, _ in params]
    cs = [c for _, c in params]
    n = len(pis)
    ct = chander_tulkens_transfers(pis, cs)
    assert isinstance(ct, ChanderTulkens)
    assert sum(ct.transfers) == 0
    assert sum(ct.payoffs) == sum(ct.optimal_welfare)  # efficient and budget-balanced
    for size in range(1, n + 1):
        for S in itertools.combinations(range(n), size):
            v = _gamma_value_sympy(pis, cs, S)
            assert ct.gamma_value(S) == v
            assert sum(ct.payoffs[i] for i in S) >= v  # no coalition blocks
    assert ct.in_gamma_core() and ct.blocking_coalitions() == []
    # each country gets its Nash welfare plus its damage share of the surplus
    pi_n = sum(pis)
    for i in range(n):
        assert ct.payoffs[i] == ct.nash_welfare[i] + pis[i] / pi_n * ct.surplus
    assert ct.surplus > 0


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(positive, positive), min_size=3, max_size=4), st.integers(0, 3))
def test_gamma_core_is_not_vacuous(params, lucky):
    """Handing the whole surplus to one country is blocked by the others; the check can fail."""
    pis = [p for p, _ in params]
    cs = [c for _, c in params]
    n = len(pis)
    lucky %= n
    ct = chander_tulkens_transfers(pis, cs)
    skewed = [ct.nash_welfare[i] + (ct.surplus if i == lucky else 0) for i in range(n)]
    game = ct.gamma_game()
    assert isinstance(game, TUGame)
    assert game.core_contains(list(ct.payoffs))
    assert not game.core_contains(skewed)
    others = [i for i in range(n) if i != lucky]
    assert sum(skewed[i] for i in others) < ct.gamma_value(others)


def test_gamma_values_against_normal_form_gamma_game():
    """coopgame's own gamma TU game of a discretised abatement game agrees.

    Each country may choose any abatement level that is optimal for some
    coalition containing it (``pi_S / c_i``), so the continuous optima are
    among the actions and the discrete gamma-values equal the continuous ones.
    """
    pis, cs = [1, 2, 3], [1, 2, 1]
    n = 3
    levels = []
    for i in range(n):
        opts = sorted({Fraction(sum(pis[j] for j in S), cs[i])
                       for k in range(1, n + 1) for S in itertools.combinations(range(n), k) if i in S})
        levels.append(opts)
    shape = tuple(len(x) for x in levels)
    payoffs = []
    for i in range(n):
        arr = [[[None] * shape[2] for _ in range(shape[1])] for _ in range(shape[0])]
        for a, b, c in itertools.product(*(range(s) for s in shape)):
            q = (levels[0][a], levels[1][b], levels[2][c])
            arr[a][b][c] = pis[i] * sum(q) - Fraction(cs[i], 2) * q[i] ** 2
        payoffs.append(arr)
    game = NormalFormGame(payoffs, exact=True)
    tu = TUGame.from_normal_form(game, "gamma")
    ct = chander_tulkens_transfers(pis, cs)
    for k in range(1, n + 1):
        for S in itertools.combinations(range(n), k):
            assert tu.value(S) == ct.gamma_value(S)
    assert tu.core_contains(list(ct.payoffs))


def test_derived_symmetric_countries_need_no_transfers():
    ct = chander_tulkens_transfers([2] * 4, [3] * 4)
    assert ct.transfers == (0, 0, 0, 0)
    assert ct.nash_abatement == (Fraction(2, 3),) * 4 and ct.optimal_abatement == (Fraction(8, 3),) * 4
    # welfare by hand: Q* = 32/3, w = 2 Q* - (3/2)(8/3)^2 = 64/3 - 32/3 = 32/3
    assert ct.optimal_welfare == (Fraction(32, 3),) * 4
    assert "4 countries" in repr(ct)


def test_floats_and_errors():
    ct = chander_tulkens_transfers([0.5, 1.5, 1.0], [1.0, 0.5, 2.0])
    assert abs(sum(ct.transfers)) < 1e-12 and ct.in_gamma_core()
    with pytest.raises(InvalidArgumentError):
        chander_tulkens_transfers([1, 2], [1])
    with pytest.raises(InvalidArgumentError):
        chander_tulkens_transfers([1, -2], [1, 1])
    with pytest.raises(InvalidArgumentError):
        ct.gamma_value({5})
    with pytest.raises(InvalidArgumentError):
        ct.welfare([1, 2])
    big = chander_tulkens_transfers([1] * (MAX_GAMMA_CORE_PLAYERS + 1), [1] * (MAX_GAMMA_CORE_PLAYERS + 1))
    assert big.gamma_value(range(3)) > 0  # single coalitions stay cheap
    with pytest.raises(SolverLimitError):
        big.in_gamma_core()


def test_chander_tulkens_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.coalitions import chander_tulkens_transfers
    from coopgame.errors import InvalidArgumentTypeError

    obj = chander_tulkens_transfers([1, 2], [1, 1])
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.in_gamma_core(max_player=5)
    assert "ChanderTulkens.in_gamma_core: got an unknown keyword argument 'max_player' (did you mean 'max_players'?)" in str(caught.value)
