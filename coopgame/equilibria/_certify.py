"""Certify a floating-point solution of a support profile's indifference system.

Two ways, tried in order by :func:`certify`:

* **Exact**: round the point to nearby rationals (continued fractions, after
  refining it to high precision) and check in Fractions that the profile has
  regret exactly 0. Equilibria of exact games with rational coordinates come
  back exact.
* **Interval** (irrational equilibria, which games with three or more
  players can have: Nau, Gomez Canovas and Hansen 2004, section 4): refine
  to :data:`DIGITS` digits with Newton's method in mpmath, then prove with
  Krawczyk's test in interval arithmetic (``mpmath.iv``, outward rounding)
  that a box of radius about ``10**-(DIGITS/2)`` around the point holds
  exactly one solution, and that on the whole box every support probability
  is positive and no action outside a player's support earns more
  (certified strict inequalities). Such equilibria are returned as floats.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np

__all__ = ["ExactSystem", "DIGITS"]

#: Working precision (decimal digits) of the high-precision refinement and the interval proof.
DIGITS = 60


class ExactSystem:
    """One support profile's system with exact (Fraction) coefficients.

    ``rows[p]`` has shape ``(m_p - 1, k_q for q != p)``: player ``p``'s payoff
    differences ``u_p(a, .) - u_p(S_p[0], .)``, its support's other actions
    first, then the actions outside its support (the order of
    :class:`~coopgame.equilibria._multiaffine.SupportSystem`).
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
        """Jacobian at ``y`` in the arithmetic of ``one`` (mpf or interval)."""
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
        """Equations at ``y`` in the arithmetic of ``one`` (mpf or interval)."""
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


def _mp_rows(system: ExactSystem, convert: Any) -> ExactSystem:
    copy = ExactSystem.__new__(ExactSystem)
    copy.supports, copy.d, copy.offsets = system.supports, system.d, system.offsets
    copy.rows = [np.array([convert(v) for v in r.reshape(-1)], dtype=object).reshape(r.shape) for r in system.rows]
    return copy


@cache
def _context() -> Any:
    """mpmath's context at :data:`DIGITS` digits (made once: creating one costs about a millisecond)."""
    import mpmath

    ctx = mpmath.mp.clone()
    ctx.dps = DIGITS
    return ctx


def refine(system: ExactSystem, y: np.ndarray, steps: int = 12) -> tuple[list[Any], Any] | None:
    """Newton's method at :data:`DIGITS` digits from ``y``; None when it does not converge.

    The inverse Jacobian is kept while each step cuts the residual by a
    factor of at least ``10**6`` (from a float solution a step gains about as
    many digits as the float start has) and recomputed when a step does
    not. Returns the point and the last inverse (the preconditioner of
    :func:`interval_proof`).
    """
    ctx = _context()
    conv = _mp_rows(system, lambda v: ctx.mpf(v.numerator) / v.denominator)
    z = [ctx.mpf(float(v)) for v in y]
    tol = ctx.mpf(10) ** (-(DIGITS - 10))
    D = len(z)
    f = conv.residual(z, ctx.mpf(1))
    size = max((abs(v) for v in f), default=0)
    Y, keep = None, False
    for _ in range(steps + 1):
        if size < tol and Y is not None:
            return z, Y
        if not keep:
            try:
                Y = ctx.inverse(ctx.matrix(conv.jacobian(z, ctx.mpf(1), ctx.mpf(0))))
            except ZeroDivisionError:
                return None
        z = [z[i] - ctx.fsum(Y[i, j] * f[j] for j in range(D)) for i in range(D)]
        f = conv.residual(z, ctx.mpf(1))
        new = max((abs(v) for v in f), default=0)
        # slow progress (an ill-conditioned Jacobian): a full Newton step next
        keep = bool(new < size * ctx.mpf(10) ** -6)
        size = new
    return None


def interval_proof(system: ExactSystem, z: list[Any], Y: Any) -> bool:
    """Krawczyk's test and the best-reply inequalities, in interval arithmetic, on a small box around ``z``.

    ``Y`` is any approximate inverse of the Jacobian near ``z`` (the
    preconditioner; :func:`refine` gives one). True when the box provably
    holds exactly one solution of the system, at which every support
    probability is positive and every action outside a support earns
    strictly less than the support.
    """
    import mpmath

    iv = mpmath.iv
    old = iv.dps
    iv.dps = DIGITS
    try:
        conv = _mp_rows(system, lambda v: iv.mpf(v.numerator) / iv.mpf(v.denominator))
        D = len(z)
        rho = mpmath.mpf(10) ** (-(DIGITS // 2))
        mid = [iv.mpf(mpmath.nstr(v, DIGITS + 5)) for v in z]
        mid = [iv.mpf(v.mid) for v in mid]
        box = [iv.mpf([v.a - rho, v.b + rho]) for v in mid]
        one, zero = iv.mpf(1), iv.mpf(0)
        fm = conv.residual(mid, one)
        JX = conv.jacobian(box, one, zero)
        Yi = [[iv.mpf(Y[i, j]) for j in range(D)] for i in range(D)]
        K = []
        for i in range(D):
            acc = mid[i]
            for j in range(D):
                acc = acc - Yi[i][j] * fm[j]
            for j in range(D):
                c = iv.mpf(1 if i == j else 0)
                for k in range(D):
                    c = c - Yi[i][k] * JX[k][j]
                acc = acc + c * (box[j] - mid[j])
            K.append(acc)
        if not all(k.a > b.a and k.b < b.b for k, b in zip(K, box)):
            return False
        for row in conv.probabilities(box, one):
            if not all(v.a > 0 for v in row):
                return False
        return all(v.b < 0 for v in conv.outside(box, one))
    finally:
        iv.dps = old


def rational_point(system: ExactSystem, z: Any, bound: int) -> list[Fraction]:
    """The coordinates of ``z`` as the nearest fractions with denominators at most ``bound``."""
    return [Fraction(str(v) if not isinstance(v, float) else v).limit_denominator(bound) for v in z]
