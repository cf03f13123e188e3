"""Payoff expressions: numbers, sympy expressions and text formulas such as ``"r*c/N - c"`` as sympy.

Every game that holds formulas (:class:`~coopgame.SymbolicGame`,
:class:`~coopgame.ContinuousGame`) and every instrument with a symbolic
amount turns its input into an expression here, so a text formula means the
same thing everywhere.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import sympy
from sympy.core.function import AppliedUndef
from sympy.parsing.sympy_parser import parse_expr, standard_transformations, stringify_expr

from coopgame._checks import MAX_DIGITS, check_mapping, describe
from coopgame.errors import CoopgameError, InvalidGameError

__all__ = ["FUNCTIONS", "as_expression", "free_symbols"]

#: Function names a text formula may use; every other name is a parameter.
FUNCTIONS = {name: getattr(sympy, name) for name in
             ("exp", "log", "sqrt", "Max", "Min", "Abs", "ceiling", "floor", "Rational", "pi")}

#: Names sympy's parser inserts around literals; a parameter may still use them.
_PARSER_NAMES = {"Integer": sympy.Integer, "Float": sympy.Float, "Rational": sympy.Rational, "Symbol": sympy.Symbol,
                 # and, parsing unevaluated, the operators and the factorial notation ``n!``
                 "Add": sympy.Add, "Mul": sympy.Mul, "Pow": sympy.Pow,
                 "factorial": sympy.Function("factorial"), "factorial2": sympy.Function("factorial2")}

#: The functions a formula may call, applied only once their arguments are checked (see _evaluate).
_APPLY = {name: f for name, f in FUNCTIONS.items() if isinstance(f, type)} | {
    "factorial": sympy.factorial, "factorial2": sympy.factorial2}


def _too_long(number: sympy.Rational) -> bool:
    limit = MAX_DIGITS * 3.33  # bits of MAX_DIGITS decimal digits, as in coopgame._checks
    return bool(abs(int(number.p)).bit_length() > limit or int(number.q).bit_length() > limit)


def _bits(number: sympy.Expr) -> float:
    """About log2 of ``|number|`` for a nonzero sympy number (inf when it does not fit a float)."""
    try:
        return abs(math.log2(abs(float(number))))
    except (OverflowError, ValueError, TypeError):
        if isinstance(number, sympy.Rational):
            return float(max(abs(int(number.p)).bit_length(), int(number.q).bit_length()))
        return math.inf


def _evaluate(node: sympy.Basic, value: Any, where: str) -> sympy.Basic:
    """Evaluate an unevaluated parse bottom-up, refusing a power or factorial of numbers whose result
    would have more than :data:`coopgame._checks.MAX_DIGITS` digits before sympy computes it."""
    if not isinstance(node, sympy.Basic) or node.is_Atom:
        return node  # a function name alone parses as a class: refused by the caller
    args = [_evaluate(a, value, where) for a in node.args]
    limit = MAX_DIGITS * 3.33  # bits of MAX_DIGITS decimal digits, as in _too_long
    huge = False
    if isinstance(node, sympy.Pow) and all(isinstance(a, sympy.Number) for a in args):
        base, exponent = args
        if base not in (0, 1, -1) and exponent != 0:
            huge = _bits(exponent) > 64 or abs(float(exponent)) * _bits(base) > limit
    elif isinstance(node, AppliedUndef) and node.func.__name__ in ("factorial", "factorial2"):
        huge = any(isinstance(a, sympy.Number) and (_bits(a) > 32 or abs(float(a)) > MAX_DIGITS) for a in args)
    if huge:
        raise InvalidGameError(f"{where}: expected numbers with at most {MAX_DIGITS} digits "
                               f"(coopgame._checks.MAX_DIGITS), got {describe(value)}")
    if isinstance(node, AppliedUndef) and node.func.__name__ in _APPLY:
        return _APPLY[node.func.__name__](*args)
    return node.func(*args)


def as_expression(value: Any, known: Mapping[str, sympy.Symbol] | None = None, where: str = "SymbolicGame") -> sympy.Expr:
    """A sympy expression from a number, an expression or a text such as ``"r*c/N - c"``.

    In text every name other than a few functions (:data:`FUNCTIONS`) is a
    parameter, ``S`` and ``N`` included; new names become positive real
    symbols, and a name in ``known`` means that symbol. Booleans, ``None``,
    complex numbers, infinities, NaN and rationals with more than
    :data:`coopgame._checks.MAX_DIGITS` digits are refused with
    :class:`~coopgame.InvalidGameError`.

    Examples
    --------
    >>> from coopgame.games.expressions import as_expression
    >>> as_expression("r*c/2 - c")
    c*r/2 - c
    >>> as_expression(True)
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidGameError: SymbolicGame: expected a number, a sympy expression or a formula, got True
    """
    expected = "a number, a sympy expression or a formula"
    if isinstance(value, sympy.Basic):
        expr = value
    elif isinstance(value, str):
        local: dict[str, Any] = {name: sympy.Function(name) if name in _APPLY else f for name, f in FUNCTIONS.items()}
        text = value
        for name in set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", value)):
            if name in FUNCTIONS:
                continue
            key = name
            if name in _PARSER_NAMES:  # the parser wraps numbers in these: give the parameter another key
                key = f"_coopgame_param_{name}"
                text = re.sub(rf"\b{name}\b", key, text)
            local[key] = (known or {}).get(name) or sympy.Symbol(name, positive=True)
        try:
            # one expression, no statements ("a = 1", "a; b"): the unevaluated parse below would run them
            ast.parse(stringify_expr(text, local, dict(_PARSER_NAMES), standard_transformations), mode="eval")
            # parsed unevaluated, then evaluated with the size of every power checked first:
            # "10**10**10" would otherwise run out of memory inside sympy
            expr = _evaluate(parse_expr(text, local_dict=local, global_dict=dict(_PARSER_NAMES), evaluate=False),
                             value, where)
        except InvalidGameError:
            raise
        except Exception as err:  # noqa: BLE001 - the parser raises many kinds
            raise InvalidGameError(f"{where}: expected a formula, got {value!r} ({type(err).__name__}: {err})") from None
    elif isinstance(value, (bool, np.bool_)) or value is None:
        raise InvalidGameError(f"{where}: expected {expected}, got {describe(value)}")
    elif isinstance(value, (float, np.floating)) and float(value).is_integer():
        expr = sympy.Integer(int(value))
    else:
        try:
            expr = sympy.sympify(value, strict=True)
        except (sympy.SympifyError, TypeError, ValueError):
            raise InvalidGameError(f"{where}: expected {expected}, got {describe(value)}") from None
    if not isinstance(expr, sympy.Expr):
        raise InvalidGameError(f"{where}: expected a payoff expression, got {describe(value)}")
    if expr.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        raise InvalidGameError(f"{where}: expected finite payoffs, got {describe(expr)}")
    if expr.is_number and expr.is_real is False:
        raise InvalidGameError(f"{where}: expected real payoffs, got {describe(expr)}")
    if any(_too_long(r) for r in expr.atoms(sympy.Rational)):
        raise InvalidGameError(f"{where}: expected numbers with at most {MAX_DIGITS} digits (coopgame._checks.MAX_DIGITS), "
                               f"got {describe(value)}")
    return expr


def free_symbols(arrays: Iterable[np.ndarray]) -> set[sympy.Symbol]:
    """The free symbols of every sympy entry of the arrays."""
    out: set[sympy.Symbol] = set()
    for a in arrays:
        for e in a.reshape(-1):
            if isinstance(e, sympy.Basic):
                out |= e.free_symbols
    return out


def parameter_values(mapping: Mapping[Any, Any], parameters: Iterable[sympy.Symbol], where: str, *,
                     reserved: Iterable[sympy.Symbol] = (), reserved_what: str = "a variable",
                     key_error: type[CoopgameError] = InvalidGameError,
                     name_error: type[CoopgameError] = InvalidGameError,
                     foreign_symbols: bool = False, skip_unknown: bool = False) -> dict[sympy.Symbol, Any]:
    """``mapping`` (keys: parameter symbols or their names) keyed by the game's own parameter symbols.

    A key that is neither a string nor a symbol raises ``key_error``; an unknown name raises ``name_error``,
    saying so when it names one of the ``reserved`` symbols (a game's own variables, described by
    ``reserved_what``) rather than a parameter. With ``foreign_symbols``, a symbol that names no parameter
    is kept as given (a symbol the payoffs do not hold substitutes nothing); with ``skip_unknown``, keys
    that name no parameter are left out instead of refused (defaults that outlive their parameter).

    Examples
    --------
    >>> import sympy
    >>> a, b = sympy.symbols("a b")
    >>> parameter_values({"a": 1, sympy.Symbol("a", positive=True): 2}, [a], "f")
    {a: 2}
    >>> parameter_values({b: 1}, [a], "f", foreign_symbols=True), parameter_values({"b": 1}, [a], "f", skip_unknown=True)
    ({b: 1}, {})
    >>> parameter_values({"b": 1}, [a], "f")
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidGameError: f: expected parameter names among ['a'], got 'b'
    """
    by_name = {s.name: s for s in parameters}
    out: dict[sympy.Symbol, Any] = {}
    for key, value in mapping.items():
        name = key.name if isinstance(key, sympy.Symbol) else key
        if skip_unknown and name not in by_name:
            continue
        if foreign_symbols and isinstance(key, sympy.Symbol) and name not in by_name:
            out[key] = value
            continue
        if not isinstance(name, str):
            raise key_error(f"{where}: expected parameter names or symbols as keys, got {describe(key)}")
        if name not in by_name:
            if name in {s.name for s in reserved}:
                raise name_error(f"{where}: expected parameters, got {reserved_what} {name!r}")
            raise name_error(f"{where}: expected parameter names among {sorted(by_name)}, got {name!r}")
        out[by_name[name]] = value
    return out


def with_defaults(defaults: Mapping[sympy.Symbol, Any], values: Mapping[Any, Any] | None, more: Mapping[str, Any],
                  where: str) -> dict[Any, Any]:
    """Parameter values by name: the ``defaults``, overridden by ``values`` (keys: symbols or names), then ``more``."""
    combined: dict[Any, Any] = {k.name: v for k, v in defaults.items()}
    given = check_mapping(values, "values", where, what="a mapping from parameter names to values")
    combined.update({(k.name if isinstance(k, sympy.Symbol) else k): v for k, v in given.items()})
    combined.update(more)
    return combined
