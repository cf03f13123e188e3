"""Certify a floating-point solution of a support profile's indifference system.

:func:`~coopgame.equilibria.polynomial.support_polynomial` first rounds a
solution of an exact game to nearby rationals and checks them exactly. When
that fails (an irrational equilibrium, which games with three or more players
can have: Nau, Gomez Canovas and Hansen 2004, section 4), this module

* refines the point to :data:`DIGITS` digits with Newton's method
  (:func:`refine`), so that rationals with large denominators can be tried,
  and
* proves with Krawczyk's test (Krawczyk 1969; Moore, Kearfott and Cloud
  2009, section 8.2) that a box of radius about ``10**-30`` around it holds
  exactly one solution, at which every support probability is positive and
  no action outside a player's support earns more (:func:`interval_proof`).

Both run in ball arithmetic: python-flint's ``arb``, the bindings of the Arb
part of FLINT (Johansson 2017, "Arb: efficient arbitrary-precision
midpoint-radius interval arithmetic", IEEE Transactions on Computers 66),
whose every operation returns a ball that contains the exact result.
mpmath's interval type did the same about fifteen times slower per
operation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["ExactSystem", "DIGITS", "refine", "interval_proof", "rational_point"]

#: Working precision (decimal digits) of the high-precision refinement and the interval proof.
DIGITS = 60

#: Radius of the box of the interval proof, as a power of 2 (about ``10**-30``).
_RADIUS_BITS = 100


class ExactSystem:
    """One support profile's system with exact (Fraction) coefficients.

    ``rows[p]`` has shape ``(m_p - 1, k_q for q != p)``: player ``p``'s payoff
    differences ``u_p(a, .) - u_p(S_p[0], .)``, its support's other actions
    first, then the actions outside its support (the row order of the
    compiled search in :mod:`coopgame.equilibria._multiaffine`).
    """

    def __init__(self, payoffs: list[np.ndarray], supports: tuple[tuple[int, ...], ...]) -> None:
        self.supports = supports
        self.d = [len(s) - 1 for s in supports]
        self.offsets = [int(v) for v in np.cumsum([0, *self.d])]
        self.rows = []
        for p, s in enumerate(supports):
            block = payoffs[p][np.ix_(*[range(payoffs[p].shape[q]) if q == p else s2 for q, s2 in enumerate(supports)])]
            block = np.moveaxis(block, p, 0)
            order = list(s) + [a for a in range(block.shape[0]) if a not in s]
            self.rows.append(block[order[1:]] - block[order[0]][None])

    def _probabilities(self, y: list[Any], one: Any) -> list[list[Any]]:
        out = []
        for q in range(len(self.supports)):
            block = y[self.offsets[q]:self.offsets[q + 1]]
            first = one
            for v in block:
                first = first - v
            out.append([first, *block])
        return out

    def _values(self, xs: list[list[Any]], p: int, keep: int | None = None) -> np.ndarray:
        """Rows of player ``p`` against ``xs``; with ``keep=q`` player q's axis is left (second), not contracted."""
        T = self.rows[p]
        others = [q for q in range(len(self.supports)) if q != p]
        if keep is not None:
            T = np.moveaxis(T, 1 + others.index(keep), 1)
            others.remove(keep)
        for q in reversed(others):
            T = T @ np.array(xs[q], dtype=object)  # the last axis: player q's actions
        return T

    def jacobian(self, y: list[Any], one: Any, zero: Any) -> list[list[Any]]:
        """Jacobian at ``y`` in the arithmetic of ``one`` (Fractions, or python-flint balls)."""
        xs = self._probabilities(y, one)
        D = self.offsets[-1]
        J = [[zero] * D for _ in range(D)]
        for p in range(len(self.supports)):
            dp = self.d[p]
            for q in range(len(self.supports)):
                if q == p or not dp:
                    continue
                # d/dy_qj of x_q = (1 - sum y_q, y_q) is e_j - e_0
                M = self._values(xs, p, keep=q)[:dp]
                for j in range(self.d[q]):
                    for i in range(dp):
                        J[self.offsets[p] + i][self.offsets[q] + j] = M[i, j + 1] - M[i, 0]
        return J

    def residual(self, y: list[Any], one: Any) -> list[Any]:
        """Equations at ``y`` in the arithmetic of ``one`` (Fractions, or python-flint balls)."""
        xs = self._probabilities(y, one)
        f: list[Any] = []
        for p in range(len(self.supports)):
            f.extend(self._values(xs, p)[:self.d[p]])
        return f

    def outside(self, y: list[Any], one: Any) -> list[Any]:
        """Every outside action's payoff minus the support's (must be <= 0 at an equilibrium)."""
        xs = self._probabilities(y, one)
        out: list[Any] = []
        for p in range(len(self.supports)):
            out.extend(self._values(xs, p)[self.d[p]:])
        return out

    def probabilities(self, y: list[Any], one: Any) -> list[list[Any]]:
        return self._probabilities(y, one)


@contextmanager
def _precision() -> Iterator[Any]:
    """python-flint at :data:`DIGITS` digits (its precision is global: restored on leaving)."""
    import flint

    old = flint.ctx.prec
    flint.ctx.dps = DIGITS
    try:
        yield flint
    finally:
        flint.ctx.prec = old


def _balls(system: ExactSystem, flint: Any) -> ExactSystem:
    """``system`` with its coefficients as balls (exact for integers and dyadic fractions)."""
    copy = ExactSystem.__new__(ExactSystem)
    copy.supports, copy.d, copy.offsets = system.supports, system.d, system.offsets
    copy.rows = [np.array([flint.arb(flint.fmpq(v.numerator, v.denominator)) for v in r.reshape(-1)],
                          dtype=object).reshape(r.shape) for r in system.rows]
    return copy


def _largest(values: list[Any]) -> Any:
    """The largest absolute midpoint (exact) of a list of balls; 0 for none."""
    out = 0
    for v in values:
        m = abs(v.mid())
        if m > out:
            out = m
    return out


def refine(system: ExactSystem, y: np.ndarray, steps: int = 12) -> tuple[list[Any], list[list[Any]]] | None:
    """Newton's method at :data:`DIGITS` digits from ``y``; None when it does not converge.

    The inverse Jacobian is kept while each step cuts the residual by a
    factor of at least ``2**20`` (from a float solution a step gains about as
    many digits as the float start has) and recomputed when a step does
    not. Returns the point and the last inverse (the preconditioner of
    :func:`interval_proof`), both exact (the balls' midpoints).
    """
    with _precision() as flint:
        conv = _balls(system, flint)
        one, zero = flint.arb(1), flint.arb(0)
        tol = flint.arb(2) ** (34 - flint.ctx.prec)  # exact: a power of 2, about 10**-(DIGITS - 10)
        D = len(y)
        z = [flint.arb(float(v)) for v in y]
        f = conv.residual(z, one)
        size = _largest(f)
        Y: list[list[Any]] | None = None
        keep = False
        for _ in range(steps + 1):
            if size < tol and Y is not None:
                return z, Y
            if not keep:
                J = flint.arb_mat([[v.mid() for v in row] for row in conv.jacobian(z, one, zero)])
                try:
                    inverse = J.inv()
                except (ZeroDivisionError, ValueError):  # singular, or too ill-conditioned at this precision
                    return None
                Y = [[inverse[i, j].mid() for j in range(D)] for i in range(D)]
            assert Y is not None
            z = [(z[i] - sum((Y[i][j] * f[j] for j in range(D)), zero)).mid() for i in range(D)]
            f = conv.residual(z, one)
            new = _largest(f)
            # slow progress (an ill-conditioned Jacobian): a full Newton step next
            keep = bool(new < size * flint.arb(2) ** -20)
            size = new
        return None


def interval_proof(system: ExactSystem, z: list[Any], Y: list[list[Any]]) -> bool:
    """Krawczyk's test and the best-reply inequalities, in ball arithmetic, on a small box around ``z``.

    ``z`` and ``Y`` are :func:`refine`'s point and preconditioner (any
    approximate inverse of the Jacobian near ``z`` would do). True when the
    box provably holds exactly one solution of the system, at which every
    support probability is positive and every action outside a support
    earns strictly less than the support.
    """
    with _precision() as flint:
        conv = _balls(system, flint)
        one, zero = flint.arb(1), flint.arb(0)
        D = len(z)
        mid = [flint.arb(v.mid()) for v in z]
        box = [flint.arb(m, flint.arb(2) ** -_RADIUS_BITS) for m in mid]
        fm = conv.residual(mid, one)
        JX = conv.jacobian(box, one, zero)
        for i in range(D):
            # K_i = m_i - (Y f(m))_i + sum_j (I - Y J(X))_ij (X_j - m_j): inside X_i for every i
            acc = mid[i] - sum((Y[i][j] * fm[j] for j in range(D)), zero)
            for j in range(D):
                c = (one if i == j else zero) - sum((Y[i][k] * JX[k][j] for k in range(D)), zero)
                acc += c * (box[j] - mid[j])
            if not box[i].contains_interior(acc):
                return False
        if not all(v > 0 for row in conv.probabilities(box, one) for v in row):
            return False
        return all(v < 0 for v in conv.outside(box, one))


def rational_point(system: ExactSystem, z: list[Any], bound: int) -> list[Fraction]:
    """The coordinates of ``z`` (exact balls' midpoints) as the nearest fractions with denominators at most
    ``bound``."""
    out = []
    for v in z:
        man, exp = v.mid().man_exp()
        exact = Fraction(int(man)) * Fraction(2) ** int(exp)
        out.append(exact.limit_denominator(bound))
    return out
