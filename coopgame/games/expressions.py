"""Payoff expressions: numbers, sympy expressions and text formulas such as ``"r*c/N - c"`` as sympy.

Every game that holds formulas (:class:`~coopgame.SymbolicGame`,
:class:`~coopgame.ContinuousGame`) and every instrument with a symbolic
amount turns its input into an expression here, so a text formula means the
same thing everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import sympy
from sympy.parsing.sympy_parser import parse_expr

from coopgame._checks import MAX_DIGITS, describe
from coopgame.errors import InvalidGameError

__all__ = ["FUNCTIONS", "as_expression", "free_symbols"]

#: Function names a text formula may use; every other name is a parameter.
FUNCTIONS = {name: getattr(sympy, name) for name in
             ("exp", "log", "sqrt", "Max", "Min", "Abs", "ceiling", "floor", "Rational", "pi")}

#: Names sympy's parser inserts around literals; a parameter may still use them.
_PARSER_NAMES = {"Integer": sympy.Integer, "Float": sympy.Float, "Rational": sympy.Rational, "Symbol": sympy.Symbol}


def _too_long(number: sympy.Rational) -> bool:
    limit = MAX_DIGITS * 3.33  # bits of MAX_DIGITS decimal digits, as in coopgame._checks
    return bool(abs(int(number.p)).bit_length() > limit or int(number.q).bit_length() > limit)


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
        local = dict(FUNCTIONS)
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
            expr = parse_expr(text, local_dict=local, global_dict=dict(_PARSER_NAMES))
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
