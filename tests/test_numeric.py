"""The tolerance policy and the exact helpers of coopgame._numeric, pinned (killers of mutants, issue 12)."""

from __future__ import annotations

from fractions import Fraction

from coopgame._numeric import TOLERANCE, exact_solve, format_number, scaled_tolerance

F = Fraction


def test_scaled_tolerance_is_the_tolerance_times_the_scale_counted_from_one():
    assert TOLERANCE == 1e-9
    assert scaled_tolerance(0) == scaled_tolerance(0.5) == scaled_tolerance(1) == TOLERANCE
    assert scaled_tolerance(1e3) == TOLERANCE * 1e3
    assert scaled_tolerance(F(3, 2)) == TOLERANCE * 1.5


def test_exact_solve_unique_inconsistent_and_underdetermined_systems():
    assert exact_solve([[2, 1], [1, 3]], [3, 5]) == [F(4, 5), F(7, 5)]
    assert exact_solve([[0, 1], [1, 0]], [2, 3]) == [F(3), F(2)]                  # needs a row swap
    # over-determined: a consistent extra row is accepted, an inconsistent one refused
    assert exact_solve([[1, 0], [0, 1], [1, 1]], [1, 2, 3]) == [F(1), F(2)]
    assert exact_solve([[1, 0], [0, 1], [1, 1]], [1, 2, 4]) is None
    assert exact_solve([[1, 0], [0, 1], [0, 0]], [1, 2, 1]) is None
    assert exact_solve([[1, 1], [2, 2]], [1, 2]) is None                            # a free variable
    assert exact_solve([[0, 1], [0, 2]], [1, 2]) is None                            # a zero column
    assert exact_solve([], []) is None


def test_format_number_integers_zero_and_large_floats():
    assert format_number(0.0) == format_number(-0.0) == "0"
    assert format_number(1.0) == "1" and format_number(-3.0) == "-3"
    assert format_number(123456789.0) == "123456789"
    assert format_number(1e15) == "1e+15" and format_number(999999999999999.0) == "999999999999999"
    assert format_number(2 / 3) == "0.6667" and format_number(2 / 3, digits=2) == "0.67"
    assert format_number(F(3, 4)) == "3/4" and format_number(F(6, 3)) == "2"
