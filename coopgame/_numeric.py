"""Numbers: the one tolerance policy, conversion to exact or float arrays, exact linear algebra.

Games hold their payoffs either as float arrays or, when exact, as object
arrays of :class:`fractions.Fraction`. This module is the only place that
decides how a value becomes one or the other.

The tolerance policy
--------------------
Exact computations (Fractions, sympy) use no tolerance: a regret is zero or
it is not. Every float computation uses :data:`TOLERANCE` in one of two ways:

* **relative to a scale**: payoffs, regrets, eigenvalues and other quantities
  measured in the units of the payoffs are compared with
  :func:`scaled_tolerance` ``(scale) = TOLERANCE * max(1, scale)``, where
  ``scale`` is the largest absolute payoff (or the largest entry of the
  Jacobian for a linearisation). ``NormalFormGame.float_tolerance`` is this
  value for a game's payoffs.
* **absolute, for probabilities**: shares and probabilities live in [0, 1],
  so they are compared with :data:`TOLERANCE` itself, whatever the payoffs.

Any other numeric constant in the code carries a comment saying why it is
not this tolerance (an integrator's step control, a plotting margin).
"""

from __future__ import annotations

import decimal
import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

#: The one tolerance of coopgame (relative). A float computation accepts a
#: profile as an equilibrium when each player's regret is at most
#: ``TOLERANCE * max(1, max |payoff|)``; the same scale decides ties between
#: payoffs (best responses, tight constraints). Exact games use no tolerance:
#: their regrets are exactly zero.
TOLERANCE: float = 1e-9


def scaled_tolerance(scale: float) -> float:
    """The float tolerance for quantities of magnitude ``scale``: ``TOLERANCE * max(1, scale)``."""
    return TOLERANCE * max(1.0, float(scale))


#: The accuracy of a linear program's float solution (scipy's HiGHS solves to feasibility and optimality
#: tolerances of about 1e-7, on data scaled to max |entry| = 1). It is not a second tolerance policy: it
#: only reads supports and tight constraints off an LP's solution, after which exact games recompute
#: and certify the answer in Fractions.
LP_TOLERANCE: float = 1e-7


def _sympy_number(x: Any) -> Any:
    """Convert a sympy number to Fraction or float; None when ``x`` is not sympy."""
    mod = type(x).__module__
    if not mod.startswith("sympy"):
        return None
    import sympy

    if isinstance(x, sympy.Basic):
        if x.free_symbols:
            return "symbolic"
        if x.is_Rational:
            return Fraction(int(x.p), int(x.q))
        if x.is_number and x.is_real:
            return float(x)
        return "bad"
    return None


def to_fraction(x: Any) -> Fraction:
    """Convert a rational-looking scalar to Fraction (floats via their shortest repr)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (bool, np.bool_)):
        return Fraction(int(x))
    if isinstance(x, numbers.Integral):
        return Fraction(int(x))
    if isinstance(x, (float, np.floating)):
        return Fraction(repr(float(x)))
    if isinstance(x, decimal.Decimal):  # Gambit's (and pygambit's) decimal payoffs: exact
        return Fraction(x)
    s = _sympy_number(x)
    if isinstance(s, Fraction):
        return s
    if isinstance(s, float):
        return Fraction(repr(s))
    if isinstance(x, numbers.Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    raise TypeError(f"cannot make an exact number of {x!r}")


def classify_scalar(x: Any) -> str:
    """Return 'exact', 'float', 'symbolic' or 'bad' for one payoff entry."""
    if isinstance(x, (bool, np.bool_)):
        return "int"
    if isinstance(x, Fraction):
        return "exact"
    if isinstance(x, numbers.Integral):
        return "int"
    if isinstance(x, (float, np.floating)):
        return "float" if math.isfinite(float(x)) else "nonfinite"
    if isinstance(x, decimal.Decimal):  # exact, as Gambit reads decimals
        return "exact" if x.is_finite() else "nonfinite"
    s = _sympy_number(x)
    if s is not None:
        if isinstance(s, Fraction):
            return "exact"
        if isinstance(s, float):
            return "float" if math.isfinite(s) else "nonfinite"
        return s
    if isinstance(x, numbers.Rational):
        return "exact"
    if isinstance(x, numbers.Real):
        try:
            return "float" if math.isfinite(float(x)) else "nonfinite"
        except (TypeError, ValueError):
            return "bad"
    return "bad"


def as_exact(a: np.ndarray) -> np.ndarray:
    """Object array of Fractions with the same shape as ``a``."""
    out = np.empty(a.shape, dtype=object)
    flat_in = a.reshape(-1)
    flat_out = out.reshape(-1)
    for k in range(flat_in.size):
        flat_out[k] = to_fraction(flat_in[k])
    return out


def as_float(a: np.ndarray) -> np.ndarray:
    """Float64 array of ``a`` (exact arrays are converted entry by entry)."""
    if a.dtype == object:
        return np.array([float(v) for v in a.reshape(-1)], dtype=float).reshape(a.shape)
    return np.asarray(a, dtype=float)


def readonly(a: np.ndarray) -> np.ndarray:
    """Return ``a`` marked read-only (a copy is made by the callers that need one)."""
    a.flags.writeable = False
    return a


def exact_solve(matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> list[Fraction] | None:
    """Unique solution of a (possibly over-determined) linear system in Fractions.

    Returns None when the system is inconsistent or its solution is not unique.
    Gaussian elimination with exact arithmetic.
    """
    rows = [[Fraction(v) for v in r] + [Fraction(b)] for r, b in zip(matrix, rhs)]
    if not rows:
        return None
    ncols = len(rows[0]) - 1
    pivot_row = 0
    pivots: list[int] = []
    for col in range(ncols):
        piv = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if piv is None:
            return None  # free variable: not unique
        rows[pivot_row], rows[piv] = rows[piv], rows[pivot_row]
        p = rows[pivot_row]
        inv = 1 / p[col]
        p[:] = [v * inv for v in p]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                f = rows[r][col]
                rows[r] = [a - f * b for a, b in zip(rows[r], p)]
        pivots.append(col)
        pivot_row += 1
    for r in range(pivot_row, len(rows)):
        if rows[r][-1] != 0:
            return None  # inconsistent
    return [rows[k][-1] for k in range(ncols)]


def format_number(v: Any, digits: int = 4) -> str:
    """Short text for a payoff or probability: fractions as p/q, floats trimmed."""
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    f = float(v)
    if f == 0:
        return "0"
    if f.is_integer() and abs(f) < 1e15:
        return str(int(f))
    return f"{f:.{digits}g}"
