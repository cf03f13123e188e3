"""The one classifier of linearisations: eigenvalues of a Jacobian and the class of the rest point.

Lyapunov's first method: a rest point whose Jacobian has eigenvalues with
only negative real parts is asymptotically stable, only positive real parts
a source, both signs and none zero a saddle; with two coordinates a purely
imaginary pair is a *centre* of the linearisation (a real centre when the
system conserves a first integral, as two-role replicator dynamics of
inspection games do; Hofbauer and Sigmund 1998, section 10.5); any other
zero real part makes the point *non-hyperbolic*.

The tolerance policy of :mod:`coopgame._numeric` decides what is zero:
exact Jacobians (Fractions) are classified by the exact signs of their
eigenvalues (sympy, up to three coordinates) and, with two coordinates, by
the exact determinant and trace; float ones treat a real or imaginary part
within :func:`~coopgame._numeric.scaled_tolerance` of the Jacobian's scale
(its largest absolute entry) as zero. :func:`classify_eigenvalues` applies
the same rule to many eigenvalue sets at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from coopgame._numeric import TOLERANCE, scaled_tolerance, to_fraction

__all__ = ["CLASSES", "Linearisation", "classify_eigenvalues", "classify_signs", "linearise"]

#: The classes, in the order of the integer codes of :func:`classify_eigenvalues`.
CLASSES = ("stable", "unstable", "saddle", "non-hyperbolic", "centre")

#: Largest number of coordinates whose exact eigenvalues are computed with sympy.
_EXACT_DIM = 3


def classify_signs(real: Sequence[int], imag_nonzero: Sequence[bool]) -> str:
    """The class of a rest point from the signs (-1, 0, 1) of its eigenvalues' real parts.

    Examples
    --------
    >>> classify_signs([-1, -1], [False, False]), classify_signs([0, 0], [True, True])
    ('stable', 'centre')
    """
    if all(s < 0 for s in real):
        return "stable"
    if all(s > 0 for s in real):
        return "unstable"
    if all(s != 0 for s in real):
        return "saddle"
    if len(real) == 2 and all(s == 0 for s in real) and all(imag_nonzero):
        return "centre"
    return "non-hyperbolic"


def classify_eigenvalues(eigenvalues: Any, scale: Any = None) -> np.ndarray:
    """Class codes (indices into :data:`CLASSES`) of many eigenvalue sets at once, float arithmetic.

    Parameters
    ----------
    eigenvalues : array-like, shape ``(..., k)``
        Each set of ``k`` eigenvalues (real or complex).
    scale : array-like, optional
        The Jacobian's scale for each set (broadcast against ``(...)``);
        default the largest absolute eigenvalue, which is the largest entry
        of a diagonal Jacobian (a corner of the state space).

    Examples
    --------
    >>> [CLASSES[c] for c in classify_eigenvalues([[-0.05, -0.05], [1, -1], [0, -1]])]
    ['stable', 'saddle', 'non-hyperbolic']
    """
    eig = np.asarray(eigenvalues)
    if scale is None:
        scale = np.abs(eig).max(axis=-1, initial=0.0)
    tol = TOLERANCE * np.maximum(1.0, np.asarray(scale, dtype=float))[..., None]
    re, im = eig.real, np.abs(eig.imag) if np.iscomplexobj(eig) else np.zeros(eig.shape)
    neg, pos = re < -tol, re > tol
    codes = np.full(eig.shape[:-1], 3, dtype=np.int8)
    zero = ~(neg | pos)
    centre = (eig.shape[-1] == 2) & zero.all(axis=-1) & (im > tol).all(axis=-1)
    codes[centre] = 4
    codes[(neg | pos).all(axis=-1)] = 2
    codes[pos.all(axis=-1)] = 1
    codes[neg.all(axis=-1)] = 0
    return codes


@dataclass(frozen=True, eq=False)
class Linearisation:
    """Eigenvalues and class of a Jacobian (see :func:`linearise`)."""

    eigenvalues: np.ndarray
    classification: str
    det: Any
    trace: Any
    is_exact: bool


def _sign(v: sympy.Expr) -> int:
    v = sympy.simplify(v)
    if v.is_zero:
        return 0
    if v.is_positive:
        return 1
    if v.is_negative:
        return -1
    f = complex(sympy.N(v, 50))
    if abs(f.real) < 1e-30:  # not the tolerance: a 50-digit evaluation of an exact number that sympy cannot sign
        return 0
    return 1 if f.real > 0 else -1


def linearise(jacobian: Any, is_exact: bool) -> Linearisation:
    """Sorted eigenvalues, class, determinant and trace (two coordinates) of a Jacobian.

    Parameters
    ----------
    jacobian : array-like, square
        Fractions (with ``is_exact``) or floats.
    is_exact : bool
        Classify exactly (no tolerance). Up to three coordinates the signs
        come from sympy's exact eigenvalues; with more the exact Jacobian is
        classified in floats.

    Examples
    --------
    A strict corner with eigenvalues -0.05 is stable; the mixed point of
    matching pennies is a centre, exactly and in floats:

    >>> from fractions import Fraction
    >>> linearise([[-0.05, 0.0], [0.0, -0.05]], False).classification
    'stable'
    >>> lin = linearise([[Fraction(0), Fraction(-1)], [Fraction(1), Fraction(0)]], True)
    >>> lin.classification, lin.det, lin.trace
    ('centre', Fraction(1, 1), Fraction(0, 1))
    >>> linearise([[0.0, -1.0], [1.0, 0.0]], False).classification
    'centre'
    """
    jac = np.asarray(jacobian, dtype=object if is_exact else float)
    dim = jac.shape[0] if jac.ndim == 2 else 0
    jac = jac.reshape(dim, dim)
    jac_float = np.array(jac, dtype=float)
    eigenvalues = np.linalg.eigvals(jac_float).astype(complex) if dim else np.zeros(0, dtype=complex)
    triangular = dim > 0 and (all(jac[i, j] == 0 for i in range(dim) for j in range(i)) or
                              all(jac[i, j] == 0 for i in range(dim) for j in range(i + 1, dim)))
    if is_exact and triangular:                # a corner of the state space: the eigenvalues are the diagonal
        diagonal = [jac[i, i] for i in range(dim)]
        real_signs = [(v > 0) - (v < 0) for v in diagonal]
        eigenvalues = np.array([complex(float(v)) for v in diagonal], dtype=complex)
        classification = classify_signs(real_signs, [False] * dim)
    elif is_exact and dim <= _EXACT_DIM:
        entries = [[to_fraction(jac[i, j]) for j in range(dim)] for i in range(dim)]
        matrix = sympy.Matrix(dim, dim, lambda i, j: sympy.Rational(entries[i][j].numerator, entries[i][j].denominator))
        evs: list[sympy.Expr] = []
        for ev, mult in matrix.eigenvals().items():
            evs.extend([ev] * mult)
        real_signs = [_sign(sympy.re(ev)) for ev in evs]
        imag_nonzero = [_sign(sympy.im(ev)) != 0 for ev in evs]
        eigenvalues = np.array([complex(sympy.N(ev, 30)) for ev in evs], dtype=complex)
        classification = classify_signs(real_signs, imag_nonzero)
    else:
        scale = float(np.abs(jac_float).max(initial=0.0))
        tol = scaled_tolerance(scale)
        real_signs = [0 if abs(e.real) <= tol else (1 if e.real > 0 else -1) for e in eigenvalues]
        classification = classify_signs(real_signs, [abs(e.imag) > tol for e in eigenvalues])
    det = trace = None
    if dim == 2:
        trace = jac[0, 0] + jac[1, 1]
        det = jac[0, 0] * jac[1, 1] - jac[0, 1] * jac[1, 0]
        if is_exact and trace == 0 and det > 0:
            classification = "centre"
    order = np.lexsort((eigenvalues.imag, eigenvalues.real))
    eigenvalues = eigenvalues[order]
    eigenvalues.flags.writeable = False
    return Linearisation(eigenvalues, classification, det, trace, bool(is_exact))
