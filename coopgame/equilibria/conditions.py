"""Symbolic equilibrium analysis: conditions, closed-form 2x2 mixed equilibria, policy thresholds.

Works on :class:`SymbolicGame` (and on numeric games, whose conditions are
simply true or false). Conditions are sympy relations simplified under the
symbols' assumptions: factors known to be positive are divided out, so
``c*(r - 2)/2 >= 0`` with ``c > 0`` reads ``r >= 2``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Any, TypeVar

import sympy

from coopgame._checks import check_bool, check_choice, check_mapping, check_options, check_real, public
from coopgame.equilibria._differences import dominance_differences, nash_differences
from coopgame.equilibria._unique import numeric_threshold, unique_threshold
from coopgame.errors import (
    CoopgameError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameTypeError,
    InvalidProfileError,
    NotSupportedError,
    UnresolvedParameterError,
)
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame, as_expression
from coopgame.results import Result, Solutions, ValueResult

__all__ = [
    "equilibrium_conditions",
    "dominance_conditions",
    "symbolic_mixed_equilibrium",
    "symbolic_mixed_equilibria",
    "SymbolicMixedEquilibrium",
    "threshold",
    "Threshold",
    "CONCEPTS",
]

#: The solution concepts :func:`threshold` accepts.
CONCEPTS = ("nash", "strict", "dominant", "strictly_dominant", "unique")

F = TypeVar("F", bound=Callable[..., Any])


def _sympy_guarded(where: str) -> Callable[[F], F]:
    """Errors sympy raises inside ``where`` (it cannot decide a relation, factor an expression...) become typed.

    They come back as :class:`~coopgame.errors.NotSupportedError` naming the
    function, with sympy's error kept as ``__cause__``; coopgame's own errors
    pass through.
    """
    def wrap(func: F) -> F:
        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except CoopgameError:
                raise
            except (sympy.SympifyError, sympy.PolynomialError, NotImplementedError, TypeError, ValueError,
                    ZeroDivisionError, RecursionError) as err:
                raise NotSupportedError(
                    f"{where}: expected conditions sympy can decide, got an expression it could not handle "
                    f"({type(err).__name__}: {err}); give numbers for some parameters first (game.subs(...))"
                ) from err
        return inner  # type: ignore[return-value]
    return wrap


def _symbolic(game: Any, where: str) -> SymbolicGame:
    if isinstance(game, SymbolicGame):
        return game
    if isinstance(game, NormalFormGame):
        return SymbolicGame(game.payoffs, game.players, game.actions)
    raise InvalidGameTypeError(f"{where}: expected a SymbolicGame or NormalFormGame, got {type(game).__name__}")


def _sign_free(expr: sympy.Expr) -> tuple[sympy.Expr, int]:
    """``expr`` with factors of known sign removed, and the product of their signs."""
    expr = sympy.factor(sympy.cancel(sympy.together(expr)))
    sign = 1
    if expr.is_Mul:
        keep = []
        for f in expr.args:
            if f.is_positive:
                continue
            if f.is_negative:
                sign = -sign
                continue
            keep.append(f)
        expr = sympy.Mul(*keep)
    elif expr.is_number:
        return expr, 1
    return expr, sign


def _relation(diff: sympy.Expr, strict: bool) -> sympy.Basic:
    """The simplified relation ``diff >= 0`` (``> 0`` when strict)."""
    core, sign = _sign_free(diff)
    if sign < 0:
        rel = sympy.Lt(core, 0) if strict else sympy.Le(core, 0)
    else:
        rel = sympy.Gt(core, 0) if strict else sympy.Ge(core, 0)
    if rel in (sympy.true, sympy.false):
        return rel
    # linear in a single symbol: isolate it for readability (r >= 2 rather than r - 2 >= 0)
    free = list(core.free_symbols)
    if len(free) == 1 and core.is_polynomial(free[0]) and sympy.degree(core, free[0]) == 1:
        a = core.coeff(free[0])
        b = sympy.expand(core - a * free[0])
        if a.is_number and a != 0:
            bound = sympy.nsimplify(-b / a) if b.is_number else -b / a
            op = type(rel)
            if a < 0:
                op = {sympy.Ge: sympy.Le, sympy.Gt: sympy.Lt, sympy.Le: sympy.Ge, sympy.Lt: sympy.Gt}[op]
            rel = op(free[0], bound)
    return rel


def _conjunction(relations: Sequence[sympy.Basic]) -> sympy.Basic:
    """``And`` of the relations; ``false`` when they contradict each other in one variable."""
    out = []
    for r in relations:
        if r == sympy.false:
            return sympy.false
        if r != sympy.true and r not in out:
            out.append(r)
    if not out:
        return sympy.true
    free = set().union(*(r.free_symbols for r in out))
    if len(free) == 1 and len(out) > 1:
        try:
            if sympy.reduce_inequalities(out, list(free)[0]) == sympy.false:
                return sympy.false
        except (NotImplementedError, ValueError, TypeError):
            pass
    return sympy.And(*out)


@public
@_sympy_guarded("equilibrium_conditions")
def equilibrium_conditions(game: SymbolicGame | NormalFormGame, profile: Sequence[Any], strict: bool = False) -> sympy.Basic:
    """The conditions under which a pure profile is a Nash equilibrium.

    Parameters
    ----------
    game : SymbolicGame or NormalFormGame
    profile : sequence
        One action (label or index) per player.
    strict : bool, default False
        Ask for a strict equilibrium (every deviation strictly loses).

    Returns
    -------
    sympy Boolean
        A conjunction of relations, simplified under the symbols'
        assumptions; ``sympy.true`` or ``sympy.false`` when decided.

    Examples
    --------
    >>> import coopgame as cg
    >>> game = cg.SymbolicGame([[["r*c - c", "r*c/2 - c"], ["r*c/2", 0]],
    ...                         [["r*c - c", "r*c/2"], ["r*c/2 - c", 0]]],
    ...                        actions=[["Govern", "Free-ride"]] * 2)
    >>> cg.equilibrium_conditions(game, ("Govern", "Govern"))
    r >= 2
    >>> cg.equilibrium_conditions(game, ("Free-ride", "Free-ride"))
    r <= 2
    """
    g = _symbolic(game, "equilibrium_conditions")
    strict = check_bool(strict, "strict", "equilibrium_conditions")
    idx = g.pure_profile(profile)
    return _conjunction([_relation(d, strict) for d in nash_differences(g, idx)])


@public
@_sympy_guarded("dominance_conditions")
def dominance_conditions(game: SymbolicGame | NormalFormGame, player: Any, action: Any, strict: bool = True) -> sympy.Basic:
    """The conditions under which ``action`` is a dominant strategy of ``player``.

    With ``strict=True`` the action must pay strictly more than every other
    action against every profile of the others; with ``strict=False`` at
    least as much (a best reply to everything).

    Examples
    --------
    >>> import coopgame as cg
    >>> game = cg.SymbolicGame([[["r*c - c", "r*c/2 - c"], ["r*c/2", 0]],
    ...                         [["r*c - c", "r*c/2"], ["r*c/2 - c", 0]]],
    ...                        actions=[["Govern", "Free-ride"]] * 2)
    >>> cg.dominance_conditions(game, 0, "Free-ride")
    r < 2
    """
    g = _symbolic(game, "dominance_conditions")
    strict = check_bool(strict, "strict", "dominance_conditions")
    p = g.player_index(player)
    a = g.action_index(p, action)
    return _conjunction([_relation(d, strict) for d in dominance_differences(g, p, a)])


def _substitution(where: str, expressions: Sequence[Any], values: Mapping[Any, Any], exclude: Any = None) -> dict[Any, Any]:
    """``{symbol: value}`` for ``values`` keyed by symbols or names; names that are not parameters are refused."""
    syms = {s.name: s for e in expressions for s in sympy.sympify(e).free_symbols if s != exclude}
    if not isinstance(values, Mapping):
        raise InvalidArgumentTypeError(f"{where}: expected a mapping from parameters to numbers, got {values!r}")
    names = {(k.name if isinstance(k, sympy.Symbol) else k): v for k, v in values.items()}
    bad = [k for k in names if not isinstance(k, str)]
    if bad:
        raise InvalidArgumentTypeError(f"{where}: expected parameter names or symbols as keys, got {bad[0]!r}")
    check_options(where, names, syms, what="parameter")
    return {syms[k]: as_expression(v) for k, v in names.items()}


@public
@dataclass(frozen=True)
class SymbolicMixedEquilibrium(Result):
    """A completely mixed equilibrium of a 2x2 (or 2x2x2) game in closed form.

    Attributes
    ----------
    strategies : tuple of tuples of sympy expressions
        Each player's probabilities of its two actions.
    payoffs : tuple of sympy expressions
        Each player's expected payoff.
    conditions : sympy Boolean
        When the strategies are interior (each probability strictly between 0 and 1).
    players : tuple of str
        The players' names (for tables).
    """

    strategies: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    conditions: sympy.Basic
    players: tuple[str, ...] = ("Player 1", "Player 2")

    @property
    def is_exact(self) -> bool:
        """Always True: the expressions are exact."""
        return True

    @public
    def subs(self, mapping: Mapping[Any, Any] | None = None, **values: Any) -> SymbolicMixedEquilibrium:
        """The same with parameter values substituted (keys are symbols or names; unknown names are refused)."""
        combined = check_mapping(mapping, "the values", "SymbolicMixedEquilibrium.subs", what="a mapping from parameter names to values")
        combined.update(values)
        exprs = [*self.payoffs, *(v for s in self.strategies for v in s), self.conditions]
        sub = _substitution("SymbolicMixedEquilibrium.subs", exprs, combined)

        def f(e: Any) -> Any:
            return sympy.simplify(e.xreplace(sub))

        return SymbolicMixedEquilibrium(
            tuple(tuple(f(e) for e in s) for s in self.strategies),
            tuple(f(e) for e in self.payoffs),
            f(self.conditions) if self.conditions not in (sympy.true, sympy.false) else self.conditions,
            self.players,
        )

    def _frame_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {name: f"({s[0]}, {s[1]})" for name, s in zip(self.players, self.strategies)}
        for name, v in zip(self.players, self.payoffs):
            row[f"payoff: {name}"] = v
        row["conditions"] = self.conditions
        return row

    def _repr_latex_(self) -> str:
        parts = [rf"\text{{{name}}}: \left({sympy.latex(s[0])},\ {sympy.latex(s[1])}\right)"
                 for name, s in zip(self.players, self.strategies)]
        return "$" + r";\quad ".join(parts) + rf"\quad \text{{when }} {sympy.latex(self.conditions)}$"


@public
@_sympy_guarded("symbolic_mixed_equilibrium")
def symbolic_mixed_equilibrium(game: SymbolicGame | NormalFormGame) -> SymbolicMixedEquilibrium:
    """Closed-form interior mixed equilibrium of a 2x2 game from the indifference conditions.

    Each player mixes so as to make the *other* indifferent between its two
    actions. The result holds when ``conditions`` do (both probabilities
    strictly between 0 and 1).

    Examples
    --------
    The inspection game (Avenhaus, von Stengel and Zamir 2002; claim C5 of
    the docs' claims page): local government L cooperates for
    real or falsely (saving ``dc``); the centre inspects at cost ``k``,
    detecting false cooperation with probability ``rho``, which fines L ``F``
    and brings the centre ``B``.

    >>> import coopgame as cg
    >>> game = cg.SymbolicGame([[[0, 0], ["dc - rho*F", "dc"]],
    ...                         [["-k", 0], ["rho*B - k", 0]]],
    ...                        players=["Local", "Centre"],
    ...                        actions=[["Real", "False"], ["Inspect", "Trust"]])
    >>> eq = cg.symbolic_mixed_equilibrium(game)
    >>> eq.strategies[0][1]   # share of false cooperation
    k/(B*rho)
    >>> eq.strategies[1][0]   # inspection rate
    dc/(F*rho)
    """
    g = _symbolic(game, "symbolic_mixed_equilibrium")
    if g.shape != (2, 2):
        raise NotSupportedError(f"symbolic_mixed_equilibrium: expected a 2x2 game, got shape {g.shape}")
    A, B = g.payoffs
    den_q = A[0, 0] - A[0, 1] - A[1, 0] + A[1, 1]
    den_p = B[0, 0] - B[0, 1] - B[1, 0] + B[1, 1]
    if sympy.simplify(den_q) == 0 or sympy.simplify(den_p) == 0:
        raise NotSupportedError(
            "symbolic_mixed_equilibrium: a player's payoff differences do not depend on the opponent's mix, "
            "so there is no isolated interior equilibrium; use threshold or mixed_equilibria on values"
        )
    q = sympy.simplify((A[1, 1] - A[0, 1]) / den_q)
    p = sympy.simplify((B[1, 1] - B[1, 0]) / den_p)
    x, y = (p, 1 - p), (q, 1 - q)
    pay = tuple(sympy.simplify(sum(x[i] * y[j] * M[i, j] for i in range(2) for j in range(2))) for M in (A, B))
    conds = _conjunction([_relation(p, True), _relation(1 - p, True), _relation(q, True), _relation(1 - q, True)])
    return SymbolicMixedEquilibrium((tuple(sympy.simplify(v) for v in x), tuple(sympy.simplify(v) for v in y)),
                                    pay, conds, tuple(g.players))


@public
@_sympy_guarded("symbolic_mixed_equilibria")
def symbolic_mixed_equilibria(game: SymbolicGame | NormalFormGame) -> Solutions[SymbolicMixedEquilibrium]:
    """Closed-form completely mixed equilibria of a 2x2 or 2x2x2 game, with the conditions to be interior.

    With two actions each, a completely mixed equilibrium makes every player
    indifferent between its two actions. Writing ``p_i`` for player ``i``'s
    probability of its first action, player ``i``'s indifference is affine in
    each other player's ``p_j``; for three players the system reduces to a
    quadratic, so there are at most two such equilibria (McKelvey and McLennan
    1997), given by radicals. Each comes with ``conditions``: every
    probability strictly between 0 and 1. For a 2x2 game this is
    :func:`symbolic_mixed_equilibrium` as a one-item list.

    Parameters
    ----------
    game : SymbolicGame or NormalFormGame
        Two or three players, two actions each.

    Returns
    -------
    Solutions of SymbolicMixedEquilibrium
        The solutions of the indifference conditions that do not leave a
        probability free, in sympy's order; a solution is an equilibrium
        exactly when its ``conditions`` hold. ``is_complete`` is False (with
        a note) when the indifference conditions have a continuum of
        solutions, which are then not listed.

    Raises
    ------
    NotSupportedError
        For other shapes.

    Examples
    --------
    Jordan's three-player matching pennies (Jordan 1993) with a bonus ``c``
    for player 1's first action: player 2 shifts its mix, and the equilibrium
    is interior while ``c < 2``:

    >>> import numpy as np
    >>> import sympy
    >>> import coopgame as cg
    >>> from coopgame.equilibria.conditions import symbolic_mixed_equilibria
    >>> c = sympy.Symbol("c", positive=True)
    >>> i, j, k = np.indices((2, 2, 2))
    >>> match = lambda a, b: np.where(a == b, 1, -1)
    >>> game = cg.SymbolicGame([match(i, j) + c * np.where(i == 0, 1, 0), match(j, k), -match(k, i)])
    >>> eqs = symbolic_mixed_equilibria(game)
    >>> [s[0] for s in eqs[0].strategies], eqs[0].conditions
    ([1/2, 1/2 - c/4, 1/2], c < 2)
    """
    where = "symbolic_mixed_equilibria"
    g = _symbolic(game, where)
    if g.shape not in ((2, 2), (2, 2, 2)):
        raise NotSupportedError(f"{where}: expected a 2x2 or 2x2x2 game, got shape {g.shape}")
    if g.num_players == 2:
        return Solutions([symbolic_mixed_equilibrium(g)], method=where, is_exact=True)
    n = 3
    ps = [sympy.Dummy(f"p{i + 1}") for i in range(n)]
    mixes = [(p, 1 - p) for p in ps]
    eqs = []
    for i in range(n):
        u = g.payoffs[i]
        others = [j for j in range(n) if j != i]
        diff = sympy.Integer(0)
        for a in range(2):
            for b in range(2):
                idx0, idx1 = [0] * n, [0] * n
                idx0[i], idx1[i] = 0, 1
                idx0[others[0]] = idx1[others[0]] = a
                idx0[others[1]] = idx1[others[1]] = b
                diff += mixes[others[0]][a] * mixes[others[1]][b] * (u[tuple(idx0)] - u[tuple(idx1)])
        eqs.append(sympy.expand(diff))
    solutions = sympy.solve(eqs, ps, dict=True)
    # a player indifferent against every mix of the others leaves its own probability free
    out, partial = [], any(sympy.simplify(e) == 0 for e in eqs)
    for sol in solutions:
        if len(sol) < n or any(v.free_symbols & set(ps) for v in sol.values()):
            partial = True
            continue
        values = [sympy.simplify(sol[p]) for p in ps]
        strategies = tuple((v, sympy.simplify(1 - v)) for v in values)
        pay = []
        for i in range(n):
            total = sympy.Integer(0)
            for idx in product(range(2), repeat=n):
                w = sympy.Integer(1)
                for j, a in enumerate(idx):
                    w *= strategies[j][a]
                total += w * g.payoffs[i][idx]
            pay.append(sympy.simplify(total))
        conds = _conjunction([_relation(v, True) for s in strategies for v in s])
        out.append(SymbolicMixedEquilibrium(strategies, tuple(pay), conds, tuple(g.players)))
    note = ("the indifference conditions have a continuum of solutions, which is not listed" if partial else "")
    return Solutions(out, method=where, is_exact=True, is_complete=not partial, note=note)


@public
@dataclass(frozen=True)
class Threshold(ValueResult):
    """The least value of a parameter at which a profile holds under a solution concept.

    It works as its value: ``float(t)`` (when no other parameter is left)
    and ``sympy.sympify(t)`` give :attr:`value`.

    Attributes
    ----------
    parameter : sympy.Symbol
    concept : str
    value : sympy expression or None
        The least value (an infimum when ``attained`` is False); None when no
        value works, with the reason in ``reason``.
    attained : bool
        Whether the profile holds at ``value`` itself (False for strict
        concepts, whose boundary is excluded).
    upper : sympy expression
        Values above this fail again (``oo`` when nothing bounds them).
    conditions : sympy Boolean
        Conditions on the other parameters under which the answer holds.
    method : str
        ``"symbolic"`` or ``"numeric"``.
    reason : str

    Examples
    --------
    >>> import sympy
    >>> import coopgame as cg
    >>> pd = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
    ...                      actions=[["Cooperate", "Defect"]] * 2)
    >>> fined = pd.apply(cg.Penalty(0, "Defect", "F"), cg.Penalty(1, "Defect", "F"))
    >>> t = cg.threshold(fined.subs({"R": 3, "S": 0, "T": 5, "P": 1}), ("Cooperate", "Cooperate"), "F")
    >>> float(t), sympy.sympify(t) + 1
    (2.0, 3)
    >>> print(t._repr_latex_())
    $F \\geq 2$
    """

    parameter: sympy.Symbol
    concept: str
    value: Any
    attained: bool = True
    upper: Any = sympy.oo
    conditions: Any = sympy.true
    method: str = "symbolic"
    reason: str = ""
    _game: Any = field(default=None, repr=False, compare=False)

    def __bool__(self) -> bool:
        return self.value is not None

    def _need_value(self, where: str) -> Any:
        if self.value is None:
            raise InvalidProfileError(f"{where}: no value of {self.parameter} works ({self.reason})")
        return sympy.sympify(self.value)

    def __float__(self) -> float:
        value = self._need_value("float(Threshold)")
        if value.free_symbols:
            names = ", ".join(sorted(str(s) for s in value.free_symbols))
            raise UnresolvedParameterError(
                f"float(Threshold): expected a threshold without free parameters, got {value} (free: {names}); "
                "use .evaluate(name=value, ...)")
        return self._to_float(value, "float(Threshold)")

    def _sympy_(self) -> Any:
        return self._need_value("sympy.sympify(Threshold)")

    @staticmethod
    def _to_float(value: Any, where: str) -> float:
        try:
            out = complex(sympy.N(value))
        except (TypeError, ValueError) as err:
            raise UnresolvedParameterError(f"{where}: expected a number, got {value}") from err
        if out.imag != 0:
            raise NotSupportedError(f"{where}: expected a real threshold, got {value} = {out}")
        return out.real

    @public
    def parameters(self) -> tuple[str, ...]:
        """Names of the other parameters the threshold depends on (those :meth:`evaluate` takes)."""
        exprs = [self.value, self.upper, self.conditions] if self.value is not None else []
        names = {s.name for e in exprs for s in sympy.sympify(e).free_symbols}
        if self._game is not None:
            names |= {s.name for s in self._game.parameters}
        names.discard(self.parameter.name)
        return tuple(sorted(names))

    @public
    def evaluate(self, **values: Any) -> float:
        """The threshold as a float at given values of the other parameters.

        Unknown names (a misspelt parameter) are refused, listing the
        parameters; values must be finite real numbers.

        >>> import coopgame as cg
        >>> pd = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
        ...                      actions=[["Cooperate", "Defect"]] * 2)
        >>> fined = pd.apply(cg.Penalty(0, "Defect", "F"), cg.Penalty(1, "Defect", "F"))
        >>> t = cg.threshold(fined, ("Cooperate", "Cooperate"), "F")
        >>> t.evaluate(R=3, S=0, T=5, P=1)
        2.0
        >>> t.evaluate(R=3, S=0, Tt=5, P=1)
        Traceback (most recent call last):
        ...
        coopgame.errors.InvalidArgumentError: Threshold.evaluate: got an unknown parameter 'Tt' (did you mean 'T'?); expected one of: P, R, S, T
        """
        where = "Threshold.evaluate"
        value = self._need_value(where)
        check_options(where, values, self.parameters(), what="parameter")
        numbers = {k: self._number(v, k, where) for k, v in values.items()}
        syms = {s.name: s for s in value.free_symbols}
        result = value.xreplace({syms[k]: v for k, v in numbers.items() if k in syms})
        if result.free_symbols:
            names = ", ".join(sorted(str(s) for s in result.free_symbols))
            raise UnresolvedParameterError(f"{where}: expected values for every parameter of {value}, missing {names}")
        return self._to_float(result, where)

    @staticmethod
    def _number(v: Any, name: str, where: str) -> Any:
        """A finite real number (or a string of one, such as ``"3/2"``) as a sympy number."""
        if isinstance(v, str):
            try:
                expr = as_expression(v)
            except CoopgameError:
                expr = None
            if expr is None or expr.free_symbols or not expr.is_real or not expr.is_finite:
                raise InvalidArgumentError(f"{where}: expected {name} to be a finite real number, got {v!r}")
            return expr
        return as_expression(check_real(v, name, where, exact=True))

    def _repr_latex_(self) -> str:
        sym = sympy.latex(self.parameter)
        if self.value is None:
            return rf"$\text{{no value of }} {sym} \text{{ works ({self.concept})}}$"
        op = r"\geq" if self.attained else ">"
        text = f"{sym} {op} {sympy.latex(sympy.sympify(self.value))}"
        if self.upper != sympy.oo:
            text += rf",\ {sym} \leq {sympy.latex(self.upper)}"
        if self.conditions != sympy.true:
            text += rf"\quad \text{{when }} {sympy.latex(self.conditions)}"
        return f"${text}$"

    def _frame_row(self) -> dict[str, Any]:
        return {"parameter": str(self.parameter), "concept": self.concept, "value": self.value,
                "attained": self.attained, "upper": self.upper, "conditions": self.conditions,
                "method": self.method}

    def __repr__(self) -> str:
        if self.value is None:
            return f"Threshold({self.parameter}: no value works for {self.concept!r}; {self.reason})"
        op = ">=" if self.attained else ">"
        text = f"Threshold({self.parameter} {op} {self.value}"
        if self.upper != sympy.oo:
            text += f", and {self.parameter} <= {self.upper}"
        if self.conditions != sympy.true:
            text += f", when {self.conditions}"
        return text + f"; {self.concept}, {self.method})"


def _lower_limit(sym: sympy.Symbol) -> sympy.Expr:
    if sym.is_nonnegative:
        return sympy.Integer(0)
    return -sympy.oo


def _solve_linear(diffs: Sequence[sympy.Expr], strict: bool, sym: sympy.Symbol):
    """Bounds on ``sym`` from ``diff >= 0`` (or ``> 0``) for diffs linear in it; None when not linear."""
    lowers, uppers, side = [], [], []
    for d in diffs:
        d = sympy.expand(d)
        if d.has(sym) and (not d.is_polynomial(sym) or sympy.degree(d, sym) > 1):
            return None
        a = sympy.expand(d.coeff(sym, 1)) if d.has(sym) else sympy.Integer(0)
        b = sympy.expand(d - a * sym)
        if a == 0:
            side.append(_relation(b, strict))
            continue
        bound = sympy.simplify(-b / a)
        if a.is_positive:
            lowers.append(bound)
        elif a.is_negative:
            uppers.append(bound)
        else:
            lowers.append(sympy.Piecewise((bound, a > 0), (-sympy.oo, True)))
            uppers.append(sympy.Piecewise((bound, a < 0), (sympy.oo, True)))
            side.append(sympy.Or(sympy.Ne(a, 0), _relation(b, strict)))
    return lowers, uppers, side


def _differences(g: SymbolicGame, idx: tuple[int, ...], concept: str) -> tuple[list[sympy.Expr], bool]:
    if concept in ("nash", "strict"):
        return nash_differences(g, idx), concept == "strict"
    diffs = []
    for p, a in enumerate(idx):
        diffs += dominance_differences(g, p, a)
    return diffs, concept == "strictly_dominant"


@public
@_sympy_guarded("threshold")
def threshold(game: SymbolicGame | NormalFormGame, profile: Sequence[Any], parameter: Any, concept: str = "nash",
              values: Mapping[Any, Any] | None = None) -> Threshold:
    """The least value of ``parameter`` at which ``profile`` is an equilibrium of the given kind.

    Parameters
    ----------
    game : SymbolicGame
        Typically a game with an instrument applied, e.g.
        ``game.apply(Penalty(0, "Defect", "F"))``.
    profile : sequence
        The pure profile to implement (labels or indices).
    parameter : sympy.Symbol or str
        The instrument's parameter (a fine, a subsidy, a transfer).
    concept : {"nash", "strict", "dominant", "strictly_dominant", "unique"}
        ``"nash"``: the profile is a Nash equilibrium; ``"strict"``: a strict
        one; ``"dominant"``: each player's action is a best reply to every
        profile of the others; ``"strictly_dominant"``: strictly better
        against every profile; ``"unique"``: the profile is the game's only
        equilibrium, mixed ones included. With every other parameter given a
        number, ``"unique"`` scans the values where the set of equilibria can
        change (ties between payoffs, and for two players the points where a
        mixed equilibrium on equal-size supports appears or vanishes) and
        tests the game between them; without numbers it returns the
        strict-dominance threshold, which is sufficient (``method`` says so).
    values : mapping, optional
        Values of other parameters to substitute first (needed by
        ``"unique"`` unless strict dominance settles it, and by the numeric
        fallback for conditions that are not linear in ``parameter``).

    Returns
    -------
    Threshold
        ``value`` is a sympy expression (with ``Max`` when several
        conditions bind); ``bool(result)`` is False, with a ``reason``, when
        no value works.

    Examples
    --------
    A prisoner's dilemma between two regions, with a detected fine ``F`` on
    defection: the least fine making cooperation dominant is
    ``max(T - R, P - S) / rho``.

    >>> import coopgame as cg
    >>> pd = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
    ...                      actions=[["Cooperate", "Defect"]] * 2)
    >>> fined = pd.apply(cg.Penalty(0, "Defect", "F", detection="rho"),
    ...                  cg.Penalty(1, "Defect", "F", detection="rho"))
    >>> t = cg.threshold(fined, ("Cooperate", "Cooperate"), "F", concept="dominant")
    >>> t.value
    Max(0, (P - S)/rho, (-R + T)/rho)
    >>> t.evaluate(R=3, S=0, T=5, P=1, rho=0.5)
    4.0
    """
    check_choice(concept, "concept", "threshold", CONCEPTS)
    g = _symbolic(game, "threshold")
    sym = parameter if isinstance(parameter, sympy.Symbol) else None
    if sym is None:
        if not isinstance(parameter, str):
            raise InvalidProfileError(f"threshold: expected a parameter symbol or name, got {parameter!r}")
        names = {s.name: s for s in g.parameters}
        if parameter not in names:
            raise InvalidProfileError(f"threshold: expected a parameter among {sorted(names)}, got {parameter!r}")
        sym = names[parameter]
    if values is not None and not isinstance(values, Mapping):
        raise InvalidArgumentTypeError(f"threshold: expected values= as a mapping from parameters to numbers, got {values!r}")
    if values:
        if any((k == sym) if isinstance(k, sympy.Symbol) else (k == sym.name) for k in values):
            raise InvalidProfileError(f"threshold: expected values= for parameters other than {sym}, got a value for {sym} itself")
        g = _symbolic(g.subs(values), "threshold")
    idx = g.pure_profile(profile)
    if concept == "unique":
        if set(g.parameters) - {sym}:  # without numbers: strict dominance, sufficient for uniqueness
            t = threshold(g, idx, sym, concept="strictly_dominant")
            return Threshold(sym, "unique", t.value, attained=False, upper=t.upper, conditions=t.conditions,
                             method="symbolic (strict dominance: sufficient, an upper bound on the least value)",
                             reason=t.reason, _game=g)
        return Threshold(sym, "unique", _game=g, **unique_threshold(g, idx, sym))
    diffs, strict = _differences(g, idx, concept)
    solved = _solve_linear(diffs, strict, sym)
    if solved is None:
        return Threshold(sym, concept, _game=g, **numeric_threshold(idx, sym, diffs, strict))
    lowers, uppers, side = solved
    side_cond = _conjunction(side)
    if side_cond == sympy.false:
        return Threshold(sym, concept, None, reason="a condition not involving the parameter fails", _game=g)
    floor = _lower_limit(sym)
    value = sympy.Max(floor, *lowers) if lowers else floor
    upper = sympy.Min(*uppers) if uppers else sympy.oo
    attained = not strict
    if attained and sym.is_positive and sympy.Le(value, 0) == sympy.true:
        attained = False  # a positive symbol cannot equal 0 or less
    feasible = sympy.Le(value, upper) if attained else sympy.Lt(value, upper)
    if feasible == sympy.false:
        return Threshold(sym, concept, None, reason=f"the conditions need {sym} >= {value} and {sym} <= {upper}", _game=g)
    conds = _conjunction([side_cond, feasible]) if feasible != sympy.true else side_cond
    return Threshold(sym, concept, value, attained=attained, upper=upper, conditions=conds, _game=g)
