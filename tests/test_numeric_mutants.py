"""classify_scalar with a rational type of another library (mutation testing, sampled run)."""

from __future__ import annotations

import numbers
from fractions import Fraction

from coopgame._numeric import classify_scalar


class _OtherRational:
    """A rational number type of some other library: neither Fraction nor sympy, registered as numbers.Rational."""

    def __init__(self, p, q):
        self.numerator, self.denominator = p, q

    def __float__(self):
        return self.numerator / self.denominator


numbers.Rational.register(_OtherRational)


def test_a_registered_rational_of_another_library_is_exact():
    assert classify_scalar(_OtherRational(1, 3)) == "exact"
    assert classify_scalar(Fraction(1, 3)) == "exact"
