"""shapley_of_worths: the Shapley value in the worths' own exact arithmetic (ints, Fractions, sympy expressions)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.cooperative import TUGame
from coopgame.cooperative.shapley import exact_shapley, shapley_of_worths
from coopgame.errors import InvalidArgumentError


def _by_orders(worths, n):
    """Shapley value by averaging marginal contributions over all n! orders (independent of the library)."""
    phi = [0] * n
    for perm in itertools.permutations(range(n)):
        mask = 0
        for i in perm:
            phi[i] += worths[mask | (1 << i)] - worths[mask]
            mask |= 1 << i
    return [sympy.nsimplify(p) / math.factorial(n) if isinstance(p, sympy.Basic) else Fraction(p, math.factorial(n))
            for p in phi]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.integers(-50, 50), min_size=(1 << n) - 1,
                                                                        max_size=(1 << n) - 1))))
def test_integer_worths_agree_with_tugame_and_all_orders(data):
    n, rest = data
    worths = [0, *rest]
    phi = shapley_of_worths(worths, n)
    assert all(isinstance(p, (int, Fraction)) for p in phi)
    assert phi == list(exact_shapley(TUGame(n, worths))) == _by_orders(worths, n)
    assert sum(phi) == worths[-1]  # efficiency


def test_huge_integers_stay_exact():
    # beyond float64 (and int64): the Python-int path the TUGame fast path hands over to
    big = 10 ** 40
    worths = [0, big + 1, 3, 2 * big + 7]
    assert shapley_of_worths(worths, 2) == [Fraction(3 * big + 5, 2), Fraction(big + 9, 2)]
    assert shapley_of_worths(worths, 2) == list(exact_shapley(TUGame(2, worths)))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(-9, 9), st.integers(-9, 9), st.integers(-9, 9)),
                         min_size=(1 << n) - 1, max_size=(1 << n) - 1))))
def test_expression_worths_are_linear_in_their_coefficients(data):
    # worths a + b x + c x**2 (the stock-dependent worths of a differential game): the value is the
    # Shapley value of each coefficient's game, by linearity
    n, coefs = data
    x = sympy.Symbol("x")
    coefs = [(0, 0, 0), *coefs]
    worths = [a + b * x + c * x ** 2 for a, b, c in coefs]
    phi = [sympy.expand(p) for p in shapley_of_worths(worths, n)]
    parts = [shapley_of_worths([t[k] for t in coefs], n) for k in range(3)]
    expected = [sympy.expand(sympy.Rational(parts[0][i]) + sympy.Rational(parts[1][i]) * x
                             + sympy.Rational(parts[2][i]) * x ** 2) for i in range(n)]
    assert phi == expected
    assert sympy.expand(sum(phi) - worths[-1]) == 0


@pytest.mark.parametrize("worths, n, match", [
    ([0, 1, 2], 2, "expected 2\\*\\*n = 4 worths"),
    ("abcd", 2, "expected 2\\*\\*n = 4 worths"),
    (5, 1, "expected 2\\*\\*n = 2 worths"),
    ([0, 1], 0, "expected n to be an integer >= 1"),
    ([0, 1], True, "expected n"),
    ([0] * 4, 2.5, "expected n"),
])
def test_bad_input_is_refused_with_a_typed_error(worths, n, match):
    with pytest.raises(InvalidArgumentError, match=match):
        shapley_of_worths(worths, n)


def test_too_many_players_is_refused_before_allocating():
    with pytest.raises(InvalidArgumentError, match="expected n to be an integer"):
        shapley_of_worths([0, 1], 63)
