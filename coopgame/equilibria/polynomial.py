"""Nash equilibria of N-player games by support enumeration with polynomial systems.

For every support profile (one non-empty set of actions per player) the
indifference conditions are written as a polynomial system and solved exactly
with sympy: the unknowns are each player's probabilities on its support, the
last one eliminated through ``sum = 1``; the equations say every action in a
player's support earns the same expected payoff, a multilinear polynomial in
the other players' probabilities. Every real solution with all probabilities
strictly positive on the support is then checked for best replies (no action
outside a player's support may earn more).

Numbers
    Exact (Fraction) games are solved in rational arithmetic (a lex Gröbner
    basis, then sympy's solver on the triangular system). Rational solutions
    stay exact and must have regret exactly 0. Irrational (algebraic)
    solutions, which N-player games can have, are evaluated to 50 digits,
    returned as float vectors and must have regret within the game's
    tolerance. Float games are solved the same way on the exact rational
    values of their payoffs (the shortest decimal of each float, as
    :func:`coopgame._numeric.to_fraction` reads it): the result is exact for
    those numbers, is returned as floats and is checked against the float
    game's tolerance. This avoids a separate numerical root finder; the cost is
    that payoffs with long decimals make sympy slower.

Degenerate games
    When the system of a support profile has a continuum of solutions (the
    Gröbner basis is not zero-dimensional) the support is skipped and a
    :class:`~coopgame.DegenerateGameWarning` is issued: the equilibria in such
    a continuum are not listed, only the isolated equilibria found on other
    supports are returned.

Size
    The number of support profiles is ``prod(2**m_p - 1)``; above
    :data:`MAX_SUPPORT_PROFILES` the function refuses with
    :class:`~coopgame.SolverLimitError` rather than run for hours; float
    games have the lower limit :data:`MAX_FLOAT_SUPPORT_PROFILES`.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from itertools import combinations, product
from typing import Any

import numpy as np

from coopgame._checks import check_int, check_size, public
from coopgame._numeric import TOLERANCE, to_fraction
from coopgame.equilibria.result import Equilibrium, sort_equilibria
from coopgame.errors import DegenerateGameWarning
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.results import Solutions

__all__ = ["MAX_FLOAT_SUPPORT_PROFILES", "MAX_SUPPORT_PROFILES", "support_polynomial"]

#: :func:`support_polynomial` refuses games with more support profiles than
#: this (the count is ``prod(2**m_p - 1)`` over the players' numbers of
#: actions: 27 for a 2x2x2 game, 343 for 3x3x3, 3375 for 4x4x4).
MAX_SUPPORT_PROFILES = 400

#: The lower limit for float games, whose payoffs become rationals with long
#: decimals that make the Gröbner bases expensive (a random float 2x2x2x2 game,
#: 81 profiles, takes about 20 s; a float 3x3x3 game, 343, several minutes,
#: against seconds for a small-integer one). Covers 2x2x2, 3x2x2, 3x3x2, 4x2x2.
MAX_FLOAT_SUPPORT_PROFILES = 150

_METHOD = "support_polynomial"
_DIGITS = 50
#: A root whose imaginary part is below this (the roots carry 50 digits) is real; not the payoff
#: tolerance, which is for comparing payoffs.
_IMAG_TOL = 1e-20


def _supports(m: int) -> list[tuple[int, ...]]:
    return [s for k in range(1, m + 1) for s in combinations(range(m), k)]


def _count_profiles(shape: tuple[int, ...]) -> int:
    return math.prod(2 ** m - 1 for m in shape)


def _system(payoffs: list[np.ndarray], supports: tuple[tuple[int, ...], ...]):
    """Unknowns, probability expressions and indifference equations of one support profile."""
    import sympy

    n = len(supports)
    unknowns: list[Any] = []
    probs: list[list[Any]] = []  # probs[p][j]: probability of supports[p][j] as an expression
    for p, s in enumerate(supports):
        ts = [sympy.Symbol(f"x_{p}_{a}") for a in s[1:]]
        unknowns.extend(ts)
        probs.append([sympy.Integer(1) - sum(ts, sympy.Integer(0))] + ts)
    equations: list[Any] = []
    for p, s in enumerate(supports):
        if len(s) == 1:
            continue
        others = [q for q in range(n) if q != p]
        weights = []
        for combo in product(*(range(len(supports[q])) for q in others)):
            w = sympy.Integer(1)
            for q, j in zip(others, combo):
                w *= probs[q][j]
            weights.append((combo, w))

        def value(a: int, p: int = p, others: list[int] = others, weights: list = weights) -> Any:
            total = sympy.Integer(0)
            for combo, w in weights:
                idx = [0] * n
                idx[p] = a
                for q, j in zip(others, combo):
                    idx[q] = supports[q][j]
                total += payoffs[p][tuple(idx)] * w
            return total

        base = value(s[0])
        equations.extend(sympy.expand(value(a) - base) for a in s[1:])
    return unknowns, probs, equations


def _solve(unknowns: list[Any], equations: list[Any]) -> list[dict] | None:
    """All complex solutions of a square polynomial system; None when they form a continuum.

    Values are Fractions (rational) or ``mpmath.mpc`` numbers (50 digits).
    A zero-dimensional lex Gröbner basis in shape position
    (``x_i = h_i(x_n)`` and ``g(x_n) = 0``, the generic case) is solved by
    factoring ``g`` over the rationals: linear factors give exact roots, the
    others are found numerically to 50 digits (mpmath), and ``h_i`` is
    evaluated at them. Other bases go to ``sympy.solve``.
    """
    import sympy

    equations = [e for e in equations if e != 0]
    if not unknowns:
        return [{}] if not equations else []
    if not equations:
        return None
    basis = sympy.groebner(equations, *unknowns, order="lex")
    exprs = list(basis.exprs)
    if exprs == [1]:
        return []
    if not basis.is_zero_dimensional:
        return None
    shaped = _shape_position(exprs, unknowns)
    if shaped is not None:
        return shaped
    solutions = sympy.solve(exprs, unknowns, dict=True)
    if any(len(sol) < len(unknowns) or any(v.free_symbols for v in sol.values()) for sol in solutions):
        return None  # a parametric family
    return [{k: _number(v) for k, v in sol.items()} for sol in solutions]


def _shape_position(exprs: list[Any], unknowns: list[Any]) -> list[dict] | None:
    import mpmath
    import sympy

    last = unknowns[-1]
    n = len(unknowns)
    if len(exprs) != n or exprs[-1].free_symbols - {last}:
        return None
    inverses = []
    for x, e in zip(unknowns[:-1], exprs[:-1]):
        poly = sympy.Poly(e, x)
        if e.free_symbols - {x, last} or poly.degree() != 1 or poly.LC().free_symbols:
            return None
        c0, c1 = poly.coeff_monomial(1), poly.LC()
        inverses.append(sympy.Poly(sympy.expand(-c0 / c1), last))
    roots: list[Any] = []
    for factor, _ in sympy.factor_list(exprs[-1], last)[1]:
        fp = sympy.Poly(factor, last)
        if fp.degree() < 1:
            continue
        if fp.degree() == 1:
            r = -fp.coeff_monomial(1) / fp.LC()
            roots.append(Fraction(int(r.p), int(r.q)))
        else:
            try:
                roots.extend(_mp(z) for z in fp.nroots(n=_DIGITS, maxsteps=500))
            except (mpmath.NoConvergence, ArithmeticError, ValueError):  # let sympy.solve have the whole system
                return None
    out = []
    with mpmath.workdps(_DIGITS + 10):
        for r in roots:
            sol: dict[Any, Any] = {last: r}
            for x, h in zip(unknowns[:-1], inverses):
                coeffs = h.all_coeffs()
                if isinstance(r, Fraction):
                    v = Fraction(0)
                    for c in coeffs:
                        v = v * r + Fraction(int(c.p), int(c.q))
                else:
                    v = mpmath.polyval([mpmath.mpf(int(c.p)) / int(c.q) for c in coeffs], r)
                sol[x] = v
            out.append(sol)
    return out


def _mp(z: Any) -> Any:
    import mpmath

    re, im = z.as_real_imag()
    return mpmath.mpc(mpmath.mpf(str(_n(re))), mpmath.mpf(str(_n(im))))


def _as_mp(v: Any) -> Any:
    import mpmath

    return mpmath.mpc(mpmath.mpf(v.numerator) / v.denominator) if isinstance(v, Fraction) else v


def _n(v: Any) -> Any:
    import sympy

    return sympy.N(v, _DIGITS)


def _rational(v: Any) -> Any:
    import sympy

    f = to_fraction(v)
    return sympy.Rational(f.numerator, f.denominator)


def _number(v: Any) -> Any:
    """A sympy number as a Fraction (rational) or a 50-digit ``mpmath.mpc``."""
    import sympy

    v = sympy.sympify(v)
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    return _mp(sympy.N(v, _DIGITS + 10))


@public
def support_polynomial(game: GameLike, *, max_profiles: int = MAX_SUPPORT_PROFILES,
                       max_float_profiles: int = MAX_FLOAT_SUPPORT_PROFILES) -> Solutions[Any]:
    """Isolated Nash equilibria of an N-player game by support enumeration and polynomial solving.

    Each support profile's indifference conditions (every action in a
    player's support earns the same expected payoff; probabilities sum to 1)
    are solved exactly with sympy; real solutions with positive
    probabilities on the support that leave no better action outside it are
    the equilibria. See the module documentation for how numbers are handled.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (two-player games are better served by
        :func:`~coopgame.equilibria.vertices.vertex_enumeration`).
    max_profiles : int, default :data:`MAX_SUPPORT_PROFILES` (400)
        Largest number of support profiles (``prod(2**m_p - 1)``) solved.
    max_float_profiles : int, default :data:`MAX_FLOAT_SUPPORT_PROFILES` (150)
        The same for float games, whose long decimals make sympy slower.

    Returns
    -------
    Solutions of Equilibrium
        All isolated equilibria (all equilibria of a generic game), sorted,
        without duplicates, each with method ``"support_polynomial"``.
        Rational equilibria of exact games are exact with regret exactly 0;
        irrational ones and those of float games are float vectors with
        regret within the game's tolerance. When some support carries a
        continuum of equilibria, ``is_complete`` is False and ``note`` says so.

    Warns
    -----
    DegenerateGameWarning
        When some support profile has a continuum of solutions: the
        equilibria in such components are not listed.

    Raises
    ------
    SolverLimitError
        When the game has more than ``max_profiles`` support profiles
        (``max_float_profiles`` for float games).

    Examples
    --------
    Jordan's three-player matching pennies (player 1 wants to match player 2,
    player 2 to match player 3, player 3 to mismatch player 1) has one
    equilibrium, with everyone mixing equally:

    >>> import numpy as np
    >>> from coopgame.games.normal_form import NormalFormGame
    >>> from coopgame.equilibria.polynomial import support_polynomial
    >>> s = np.array([1, -1])
    >>> match = lambda a, b: np.where(a == b, 1, -1)
    >>> i, j, k = np.indices((2, 2, 2))
    >>> game = NormalFormGame([match(i, j), match(j, k), -match(k, i)], exact=True)
    >>> support_polynomial(game)
    [Equilibrium(Player 1: 1/2 1 + 1/2 2; Player 2: 1/2 1 + 1/2 2; Player 3: 1/2 1 + 1/2 2; payoffs 0, 0, 0)]
    """
    import sympy

    where = _METHOD
    game = as_normal_form(game, where)
    max_profiles = check_int(max_profiles, "max_profiles", where, minimum=1)
    max_float_profiles = check_int(max_float_profiles, "max_float_profiles", where, minimum=1)
    shape = tuple(int(m) for m in game.shape)
    count = _count_profiles(shape)
    text = "x".join(map(str, shape))
    check_size(where, count, max_profiles, what=f"the number of support profiles of a {text} game",
               limit_name="max_profiles", alternative="pure_equilibria(game) for all pure equilibria")
    if not game.is_exact:
        check_size(where, count, max_float_profiles,
                   what=f"the number of support profiles of a {text} float game",
                   limit_name="max_float_profiles",
                   alternative="an exact game (NormalFormGame(..., exact=True), limit max_profiles) "
                   "or pure_equilibria(game) for all pure equilibria")
    exact_game = game.is_exact
    flat = [np.array([_rational(v) for v in a.reshape(-1)], dtype=object).reshape(a.shape) for a in game.payoffs]
    tol = game.float_tolerance
    exact_found: dict[tuple, Equilibrium] = {}
    float_found: list[Equilibrium] = []
    continua: list[tuple[tuple[int, ...], ...]] = []
    for supports in product(*(_supports(m) for m in shape)):
        unknowns, _, equations = _system(flat, supports)
        solutions = _solve(unknowns, equations)
        if solutions is None:
            continua.append(supports)
            continue
        for sol in solutions:
            values = []
            for p, s in enumerate(supports):
                values.append([sol[sympy.Symbol(f"x_{p}_{a}")] for a in s[1:]])
            if not all(isinstance(v, Fraction) for row in values for v in row):
                values = [[_as_mp(v) for v in row] for row in values]
            values = [[1 - sum(row, Fraction(0))] + row for row in values]
            flat_values = [v for row in values for v in row]
            if any(not isinstance(v, Fraction) and abs(v.imag) > _IMAG_TOL for v in flat_values):
                continue
            if any((v if isinstance(v, Fraction) else v.real) <= 0 for v in flat_values):
                continue
            rational = all(isinstance(v, Fraction) for v in flat_values)
            if rational and exact_game:
                vectors = []
                for p, s in enumerate(supports):
                    vec = np.array([Fraction(0)] * shape[p], dtype=object)
                    for a, v in zip(s, values[p]):
                        vec[a] = v
                    vectors.append(vec)
                eq = Equilibrium._trusted(game, vectors, method=_METHOD)
                if eq.max_regret() == 0:
                    exact_found.setdefault(tuple(v for vec in vectors for v in vec), eq)
                continue
            vectors = []
            for p, s in enumerate(supports):
                vec = np.zeros(shape[p])
                for a, v in zip(s, values[p]):
                    vec[a] = float(v) if isinstance(v, Fraction) else float(v.real)
                vectors.append(vec / vec.sum())
            regret = game.max_regret(vectors)
            if float(regret) <= tol:
                float_found.append(Equilibrium._trusted(game, vectors, method=_METHOD))
    note = ""
    if continua:
        note = (f"the game is degenerate: on {len(continua)} support profile(s) (first {continua[0]}) the "
                "indifference conditions have a continuum of solutions; equilibria in such continua are not "
                "listed, only the isolated equilibria found")
        warnings.warn(f"{where}: {note}", DegenerateGameWarning, stacklevel=2)
    out = list(exact_found.values()) + _distinct(float_found)
    # exact games give exact equilibria except for irrational ones, returned as floats
    is_exact = game.is_exact and all(eq.is_exact for eq in out)
    return Solutions(sort_equilibria(out), method=where, is_exact=is_exact, is_complete=not continua, note=note)


def _distinct(eqs: list[Equilibrium]) -> list[Equilibrium]:
    """Float equilibria with near-duplicates (max norm within ``10 * TOLERANCE``) removed."""
    kept: list[Equilibrium] = []
    for eq in eqs:
        z = np.concatenate([np.asarray(s, dtype=float) for s in eq.strategies])
        if not any(np.abs(z - np.concatenate([np.asarray(s, dtype=float) for s in k.strategies])).max()
                   <= 10 * TOLERANCE for k in kept):
            kept.append(eq)
    return kept
