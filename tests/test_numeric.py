"""The tolerance policy and the exact helpers of coopgame._numeric, pinned (killers of mutants, issue 12)."""

from __future__ import annotations

from fractions import Fraction

from coopgame._numeric import (
    TOLERANCE,
    as_exact,
    as_float,
    classify_scalar,
    exact_solve,
    format_number,
    readonly,
    scaled_tolerance,
    to_fraction,
)

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


def test_classify_scalar_every_kind_of_payoff_entry():
    import decimal

    import numpy as np
    import sympy
    cases = [(True, "int"), (np.bool_(False), "int"), (3, "int"), (np.int64(3), "int"), (F(1, 3), "exact"),
             (0.5, "float"), (np.float32(0.5), "float"), (float("inf"), "nonfinite"), (np.float64("nan"), "nonfinite"),
             (decimal.Decimal("0.1"), "exact"), (decimal.Decimal("NaN"), "nonfinite"),
             (sympy.Rational(1, 3), "exact"), (sympy.sqrt(2), "float"), (sympy.oo, "bad"),
             (sympy.Symbol("c"), "symbolic"), (sympy.I, "bad"), ("3", "bad"), (None, "bad"), (1 + 2j, "bad")]
    for value, kind in cases:
        assert classify_scalar(value) == kind, value


def test_to_fraction_is_exact_for_every_rational_kind_and_refuses_the_rest():
    import decimal

    import numpy as np
    import pytest
    import sympy
    assert to_fraction(F(1, 3)) == F(1, 3) and to_fraction(True) == 1 and to_fraction(np.int64(-4)) == -4
    assert to_fraction(0.1) == F(1, 10) and to_fraction(np.float64(0.25)) == F(1, 4)
    assert to_fraction(decimal.Decimal("0.1")) == F(1, 10)
    assert to_fraction(sympy.Rational(2, 7)) == F(2, 7) and to_fraction(sympy.Float(0.5)) == F(1, 2)
    assert all(type(to_fraction(v)) is F for v in (True, 3, 0.1, sympy.Integer(3)))
    for bad in (sympy.Symbol("c"), "1/2", None):
        with pytest.raises(TypeError):
            to_fraction(bad)


def test_array_conversions_keep_shape_and_mark_read_only():
    import numpy as np
    exact = as_exact(np.array([[0.5, 1], [2, 0.25]]))
    assert exact.dtype == object and exact.shape == (2, 2) and exact[1, 1] == F(1, 4) and type(exact[0, 1]) is F
    back = as_float(exact)
    assert back.dtype == float and back.shape == (2, 2) and back.tolist() == [[0.5, 1.0], [2.0, 0.25]]
    assert as_float(np.array([1, 2])).dtype == float
    a = np.zeros(3)
    assert readonly(a) is a and not a.flags.writeable
