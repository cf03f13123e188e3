"""Rest points of the replicator dynamics, found support by support.

A rest point lies in the relative interior of one face of the state space:
each role uses the strategies of a support, and the strategies in each
support earn equal payoffs. :func:`rest_points` visits every combination of
supports (corners first, then edges, faces and the interior) and solves the
indifference equations with sympy; faces that sympy cannot solve in closed
form (state-dependent payoffs with transcendental terms) are solved
numerically from a grid of starts. The payoffs come from the one replicator
field (:class:`~coopgame.dynamics.field.ReplicatorField`) in its sympy form.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_int, check_size, public
from coopgame._numeric import readonly
from coopgame.dynamics.field import ReplicatorField, replicator_expressions
from coopgame.dynamics.population import PopulationGame
from coopgame.errors import DegenerateGameWarning
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.results import Solutions

__all__ = ["MAX_FACES", "MAX_ROLES", "rest_points", "support_system"]

#: Largest number of roles with two strategies each that :func:`rest_points` accepts by default (3**N faces).
MAX_ROLES = 6
#: Default limit of :func:`rest_points`: the number of support combinations (faces) it visits.
MAX_FACES = 3 ** MAX_ROLES


def face_count(shape: Sequence[int]) -> int:
    """The number of support combinations of a state space, ``prod(2**m - 1)``, in Python integers."""
    return math.prod(2 ** int(m) - 1 for m in shape)


def support_system(pgame: Any, supports: Sequence[Sequence[int]], prefix: str
                   ) -> tuple[list[list[sympy.Expr]], list[sympy.Symbol], list[sympy.Expr]]:
    """The rest-point equations of the face where each role uses the strategies in ``supports``.

    Returns each role's shares as expressions in unknowns (one unknown per
    strategy in a support but the last; zero off the support), the unknowns,
    and the indifference equations (equal payoffs within each support) that
    a rest point in the relative interior of the face solves.
    """
    shares: list[list[sympy.Expr]] = []
    unknowns: list[sympy.Symbol] = []
    for p, (sup, m) in enumerate(zip(supports, pgame.shape)):
        if len(sup) == 1:
            shares.append([sympy.Integer(int(a == sup[0])) for a in range(m)])
            continue
        u = list(sympy.symbols(f"{prefix}{p}_0:{len(sup) - 1}", real=True))
        unknowns.extend(u)
        vec = [sympy.Integer(0)] * m
        for a, sym in zip(sup[:-1], u):
            vec[a] = sym
        vec[sup[-1]] = 1 - sum(u, sympy.Integer(0))
        shares.append(vec)
    at = {x: shares[p][a] for p, coords in enumerate(pgame.role_state) for a, x in enumerate(coords)}
    eqs: list[sympy.Expr] = []
    for p, sup in enumerate(supports):
        row = [pgame.payoffs[p][a].xreplace(at) for a in sup]
        eqs.extend(sympy.expand(sympy.together(r - row[0])) for r in row[1:])
    return shares, unknowns, eqs



@public
def rest_points(game: GameLike | PopulationGame, *, max_faces: int = MAX_FACES) -> Solutions[tuple[np.ndarray, ...]]:
    """All isolated rest points of the multi-population replicator dynamics.

    Corners, then points on edges and faces, then interior points: for each
    combination of supports the indifference conditions (equal payoffs
    within each support) are solved exactly with sympy (float games via
    their shortest decimal form); faces sympy cannot solve in closed form
    (state-dependent payoffs with transcendental terms) are solved
    numerically from a grid of starts. Continua of rest points (a role
    indifferent on a whole face) are skipped with a
    :class:`~coopgame.DegenerateGameWarning`, and the result then says it
    is partial. A face searched numerically may hold more rest points than
    its grid of starts finds, so the result then says it is partial too.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame, sequence of payoff arrays or PopulationGame
        No free parameters.
    max_faces : int, default ``MAX_FACES`` (729)
        Largest number of support combinations ``prod(2**m - 1)`` visited
        (``3**N`` for ``N`` roles with two strategies each, so six such
        roles by default). Larger games are refused before any work with
        :class:`~coopgame.SolverLimitError`; integrate them with
        :func:`~coopgame.dynamics.trajectory.replicator` instead.

    Returns
    -------
    Solutions of tuple of numpy.ndarray
        Each point as one probability vector per role (Fractions when the
        game is exact and the point rational, floats otherwise);
        ``.is_complete`` is False when continua were skipped or a face was
        searched numerically (``.note`` says which).

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.dynamics import rest_points
    >>> pennies = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    >>> points = rest_points(pennies)
    >>> len(points), [str(v[0]) for v in points[-1]], points.is_exact
    (5, ['1/2', '1/2'], True)
    """
    where = "rest_points"
    max_faces = check_int(max_faces, "max_faces", where, minimum=1)
    if not isinstance(game, PopulationGame):
        game = as_normal_form(game, where)
    check_size(where, face_count(game.shape), max_faces, what="the number of support combinations (faces)",
               limit_name="max_faces", alternative="replicator() to integrate the dynamics")
    if isinstance(game, PopulationGame):
        game.payoff_function(where)                 # refuses free parameters, naming them
        pgame = game
        exact_payoffs = all(not e.has(sympy.Float) for row in pgame.payoffs for e in row)
    else:
        # float games are solved in their shortest decimal form, and their points returned as floats
        pgame = ReplicatorField(game.to_exact() if not game.is_exact else game, populations="multi",
                                where=where).as_population_game()
        exact_payoffs = game.is_exact
    points, degenerate, searched = _support_rest_points(pgame, exact_payoffs)
    if degenerate:
        warnings.warn(
            f"{where}: the game has continua of rest points (a role indifferent along a whole face), or faces "
            "sympy could not solve; only isolated rest points are returned",
            DegenerateGameWarning,
            stacklevel=2,
        )
    is_exact = exact_payoffs and all(v.dtype == object for p in points for v in p)
    notes = ["continua of rest points are not listed"] if degenerate else []
    if searched:
        notes.append("faces sympy could not solve were searched numerically from a grid of starts, which may miss "
                     "rest points")
    return Solutions(points, method="support_enumeration", is_exact=is_exact,
                     is_complete=not (degenerate or searched), note="; ".join(notes))


def _in_open_unit(v: sympy.Expr) -> bool:
    v = sympy.nsimplify(v) if v.is_Float else v
    if v.is_real is False:
        return False
    if v.is_real is None:
        c = complex(sympy.N(v, 30))
        if abs(c.imag) > 1e-12:  # not the tolerance: a 30-digit evaluation of an exact root
            return False
        return 0 < c.real < 1
    pos, below = (v > 0), (v < 1)
    if pos in (sympy.true, sympy.false) and below in (sympy.true, sympy.false):
        return bool(pos) and bool(below)
    f = float(sympy.N(v, 30))
    return 0 < f < 1


def _is_exact(values: Sequence[sympy.Expr]) -> bool:
    return all(sympy.sympify(v).is_Rational for v in values)


def _fraction(v: sympy.Expr) -> Fraction:
    r = sympy.Rational(v)
    return Fraction(int(r.p), int(r.q))


Face = tuple[Sequence[Sequence[int]], list[list[sympy.Expr]], list[sympy.Symbol], list[sympy.Expr]]


def _faces(pgame: PopulationGame) -> Iterator[Face]:
    """Every support combination with its rest-point system (see :func:`support_system`), corners first per role.

    When every role has two strategies the indifference equation of a mixing
    role is its payoff advantage (the field's, :func:`replicator_expressions`)
    with the other roles' corners substituted: the same roots as
    :func:`support_system`'s equations, at a fraction of the cost.
    """
    supports_per_role = [[s for k in range(1, m + 1) for s in itertools.combinations(range(m), k)]
                         for m in pgame.shape]
    advantages = replicator_expressions(pgame)[1] if all(m == 2 for m in pgame.shape) else None
    one, zero = sympy.Integer(1), sympy.Integer(0)
    for supports in itertools.product(*supports_per_role):
        if advantages is None:
            yield (supports, *support_system(pgame, supports, "_s"))
            continue
        xs = [coords[0] for coords in pgame.role_state]
        fixed = {x: (one if sup == (0,) else zero) for x, sup in zip(xs, supports) if len(sup) == 1}
        shares = [[x, 1 - x] if len(sup) == 2 else [fixed[x], 1 - fixed[x]] for x, sup in zip(xs, supports)]
        unknowns = [x for x, sup in zip(xs, supports) if len(sup) == 2]
        eqs = [sympy.expand(advantages[p].xreplace(fixed)) for p, sup in enumerate(supports) if len(sup) == 2]
        yield supports, shares, unknowns, eqs


def _support_rest_points(pgame: PopulationGame, exact_payoffs: bool
                         ) -> tuple[list[tuple[np.ndarray, ...]], bool, bool]:
    """The isolated rest points of a population game, fewest mixing roles first, whether any face was skipped,
    and whether any face was searched numerically (from a grid of starts, which can miss roots)."""
    found: list[tuple[tuple[int, tuple[int, ...]], tuple[np.ndarray, ...]]] = []
    degenerate = searched = False
    for supports, shares, unknowns, eqs in _faces(pgame):
        if not unknowns:
            solutions: list[dict[sympy.Symbol, sympy.Expr]] = [{}]
        else:
            if any(e == 0 for e in eqs):
                degenerate = True
                continue
            if any(e.is_Number for e in eqs):           # a payoff difference that is a nonzero constant: no root
                continue
            try:
                solutions = sympy.solve(eqs, unknowns, dict=True)
            except NotImplementedError:
                numeric = _numeric_solutions(eqs, unknowns, shares, supports)
                if numeric is None:
                    degenerate = True
                    continue
                solutions = numeric
                searched = True
        for sol in solutions:
            per_role = [[sympy.sympify(v).xreplace(sol) for v in vec] for vec in shares]
            values = [v for vals in per_role for v in vals]
            if any(v.free_symbols for v in values):
                degenerate = True
                continue
            inside = all(_in_open_unit(per_role[p][a]) for p, sup in enumerate(supports) if len(sup) > 1 for a in sup)
            if not inside:
                continue
            vecs = []
            exact = exact_payoffs and _is_exact(values)
            for vals in per_role:
                if exact:
                    vecs.append(readonly(np.array([_fraction(v) for v in vals], dtype=object)))
                else:
                    vecs.append(readonly(np.array([float(sympy.re(sympy.N(v, 30))) for v in vals])))
            mixing = tuple(p for p, sup in enumerate(supports) if len(sup) > 1)
            found.append(((len(mixing), mixing), tuple(vecs)))
    found.sort(key=lambda item: item[0])
    return [pt for _, pt in found], degenerate, searched


#: Largest number of unknowns on one face for the numeric fallback of :func:`rest_points`.
_NUMERIC_UNKNOWNS = 4


def _numeric_solutions(eqs: Sequence[sympy.Expr], unknowns: Sequence[sympy.Symbol],
                       shares: Sequence[Sequence[sympy.Expr]],
                       supports: Sequence[Sequence[int]]) -> list[dict[sympy.Symbol, sympy.Expr]] | None:
    """Rest points on a face that sympy cannot solve in closed form: roots from a grid of starts (floats).

    Returns None when the face has too many unknowns for the grid.
    """
    from scipy.optimize import root

    k = len(unknowns)
    if k > _NUMERIC_UNKNOWNS:
        return None
    func = sympy.lambdify(list(unknowns), list(eqs), modules="numpy")
    inside = [sympy.lambdify(list(unknowns), [shares[p][a] for p, sup in enumerate(supports) if len(sup) > 1
                                              for a in sup], modules="numpy")]
    # root finding on a face (not the tolerance policy): solver target, residual, margin to the face's
    # boundary and the distance below which two roots are one
    grid = np.linspace(0.1, 0.9, 5)
    found: list[np.ndarray] = []
    for start in itertools.product(grid, repeat=k):  # one equation per unknown (a square system, as hybr needs)
        try:
            res = root(lambda u: np.asarray(func(*u), dtype=float), np.array(start), method="hybr", tol=1e-13)
        except (ValueError, ZeroDivisionError, FloatingPointError):
            continue
        if not np.all(np.isfinite(res.x)):         # judged by the residual below, not by res.success
            continue
        residual = np.abs(np.asarray(func(*res.x), dtype=float))
        if not np.all(np.isfinite(residual)) or residual.max() > 1e-10:   # NaN where a payoff is undefined
            continue
        vals = np.asarray(inside[0](*res.x), dtype=float)
        if (vals <= 1e-12).any() or (vals >= 1 - 1e-12).any():
            continue
        if any(np.allclose(res.x, f, atol=1e-8) for f in found):
            continue
        found.append(res.x)
    return [{u: sympy.Float(float(v)) for u, v in zip(unknowns, x)} for x in found]


