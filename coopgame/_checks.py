"""The one argument-checking layer: every public callable checks its arguments here.

Each check takes the value, the argument's name and the public function's
name (``where``), and either returns the value in canonical form or raises a
typed :class:`~coopgame.CoopgameError` whose message reads
``"<where>: expected <what>, got <value>"``. NaN and infinities are refused
wherever a finite number is meant; integers too large for a float are kept
exact or refused, never overflowed.

The same module holds the size budgets of exponential work
(:func:`check_size`, with sizes computed in Python integers so nothing
overflows), the refusal of unknown options (:func:`check_options`), and the
one policy for functions the user passes in (:func:`call_user`): an
exception raised inside them is re-raised as :class:`~coopgame.errors.CallbackError`
naming the function, the input and the original error (kept as
``__cause__``).
"""

from __future__ import annotations

import difflib
import functools
import inspect
import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any, NoReturn, ParamSpec, TypeVar

import numpy as np

from coopgame.errors import (
    CallbackError,
    CoopgameError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidProfileError,
    SolverLimitError,
)

__all__ = [
    "describe",
    "check_int",
    "check_real",
    "check_probability",
    "check_discount",
    "check_rate",
    "check_bool",
    "check_callable",
    "check_choice",
    "check_seed",
    "check_options",
    "check_size",
    "progress_bar",
    "probability_vector",
    "call_user",
    "public",
]

T = TypeVar("T")
P = ParamSpec("P")

#: Largest number of digits an exact integer argument or payoff may have. Larger
#: numbers cannot be converted to floats and make exact arithmetic crawl.
MAX_DIGITS = 300


def describe(obj: Any) -> str:
    """Short repr of a value for an error message (at most 60 characters)."""
    try:
        text = repr(obj)
    except Exception:  # noqa: BLE001 - an object whose repr fails still needs a message
        text = f"<{type(obj).__name__} object>"
    return text if len(text) <= 60 else text[:57] + "..."


def _fail(where: str, name: str, expected: str, got: Any, *, kind: type[Exception] = InvalidArgumentError) -> NoReturn:
    raise kind(f"{where}: expected {name} to be {expected}, got {describe(got)}")


def _is_bool(value: Any) -> bool:
    return isinstance(value, (bool, np.bool_))


def check_int(value: Any, name: str, where: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """An integer (Python or numpy, or an integral float such as ``3.0``) within ``[minimum, maximum]``.

    Booleans are refused: ``True`` is not a count.

    Examples
    --------
    >>> check_int(3.0, "n", "f", minimum=1)
    3
    >>> check_int(0, "n", "f", minimum=1)
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidArgumentError: f: expected n to be an integer >= 1, got 0
    """
    expected = "an integer" + (f" >= {minimum}" if minimum is not None else "") + (
        " and" if minimum is not None and maximum is not None else "") + (
        f" <= {maximum}" if maximum is not None else "")
    if _is_bool(value):
        _fail(where, name, expected, value, kind=InvalidArgumentTypeError)
    if isinstance(value, numbers.Integral):
        out = int(value)
    elif isinstance(value, (float, np.floating)) and math.isfinite(value) and float(value).is_integer():
        out = int(value)
    elif isinstance(value, numbers.Real):
        _fail(where, name, expected, value)
    else:
        _fail(where, name, expected, value, kind=InvalidArgumentTypeError)
    if (minimum is not None and out < minimum) or (maximum is not None and out > maximum):
        _fail(where, name, expected, value)
    return out


def check_real(value: Any, name: str, where: str, *, minimum: float | None = None, maximum: float | None = None,
               open_min: bool = False, open_max: bool = False, allow_inf: bool = False, exact: bool = False) -> Any:
    """A real number within the given bounds; NaN is always refused, infinities unless ``allow_inf``.

    Returns a float, or with ``exact=True`` a Fraction (or int) when the value
    is rational (int, Fraction, sympy Rational), so exact input stays exact.
    Integers with more than :data:`MAX_DIGITS` digits are refused.
    """
    out: Any
    kind = type(value)
    if kind is float:  # the common cases first, without the number ABCs
        out = value
    elif kind is int and value.bit_length() <= 1000:  # within the range of a float
        out = value if exact else float(value)
    elif isinstance(value, np.ndarray) and value.ndim == 0:
        return check_real(value.item(), name, where, minimum=minimum, maximum=maximum, open_min=open_min,
                          open_max=open_max, allow_inf=allow_inf, exact=exact)
    else:
        out = _real(value, name, where, exact, _expected(minimum, maximum, open_min, open_max, allow_inf))
    f = float(out)
    if (math.isnan(f) or (math.isinf(f) and not allow_inf)
            or (minimum is not None and (out < minimum or (open_min and out == minimum)))
            or (maximum is not None and (out > maximum or (open_max and out == maximum)))):
        _fail(where, name, _expected(minimum, maximum, open_min, open_max, allow_inf), value)
    return out


def _expected(minimum: float | None, maximum: float | None, open_min: bool, open_max: bool, allow_inf: bool) -> str:
    """What :func:`check_real` expected, in words."""
    lo = "" if minimum is None else (f" > {minimum}" if open_min else f" >= {minimum}")
    hi = "" if maximum is None else (f" < {maximum}" if open_max else f" <= {maximum}")
    return ("a real number" if allow_inf else "a finite real number") + (lo + (" and" if lo and hi else "") + hi)


def _real(value: Any, name: str, where: str, exact: bool, expected: str) -> Any:
    """:func:`check_real`'s conversion of anything but a float, a small int or a 0-d array (before the bounds)."""
    if _is_bool(value) or isinstance(value, (str, bytes)):
        _fail(where, name, expected, value, kind=InvalidArgumentTypeError)
    out: Any
    if isinstance(value, numbers.Integral):
        if abs(int(value)).bit_length() > MAX_DIGITS * 3.33:
            # the digits counted from the bits: str() itself refuses integers of more than 4,300 digits
            digits = int(abs(int(value)).bit_length() * math.log10(2)) + 1
            _fail(where, name, f"{expected} with at most {MAX_DIGITS} digits", f"an integer of about {digits} digits")
        out = int(value) if exact else float(value)
    elif isinstance(value, Fraction):
        if max(abs(value.numerator).bit_length(), value.denominator.bit_length()) > MAX_DIGITS * 3.33:
            _fail(where, name, f"{expected} with at most {MAX_DIGITS} digits", value)
        out = value if exact else _fraction_float(value, where, name, expected)
    elif type(value).__module__.startswith("sympy"):
        import sympy

        if not isinstance(value, sympy.Basic) or value.free_symbols or not value.is_real:
            _fail(where, name, expected, value, kind=InvalidArgumentTypeError)
        if value.is_Rational and exact:
            out = Fraction(int(value.p), int(value.q))
        else:
            out = float(value)
    elif isinstance(value, numbers.Real):
        try:
            out = float(value)
        except (TypeError, ValueError, OverflowError):
            _fail(where, name, expected, value)
    else:
        _fail(where, name, expected, value, kind=InvalidArgumentTypeError)
    return out


def _fraction_float(value: Fraction, where: str, name: str, expected: str) -> float:
    try:
        return float(value)
    except OverflowError:
        _fail(where, name, f"{expected} within the range of a float", value)


def check_probability(value: Any, name: str, where: str, *, exact: bool = False) -> Any:
    """A probability in [0, 1]."""
    return check_real(value, name, where, minimum=0, maximum=1, exact=exact)


def check_discount(value: Any, name: str, where: str, *, allow_one: bool = False, exact: bool = False) -> Any:
    """A discount factor in [0, 1) (or [0, 1] with ``allow_one``)."""
    return check_real(value, name, where, minimum=0, maximum=1, open_max=not allow_one, exact=exact)


def check_rate(value: Any, name: str, where: str, *, positive: bool = False, exact: bool = False) -> Any:
    """A finite non-negative rate (strictly positive with ``positive``)."""
    return check_real(value, name, where, minimum=0, open_min=positive, exact=exact)


def check_bool(value: Any, name: str, where: str) -> bool:
    """``True`` or ``False`` (numpy booleans too), nothing else."""
    if not _is_bool(value):
        _fail(where, name, "True or False", value, kind=InvalidArgumentTypeError)
    return bool(value)


def check_callable(value: Any, name: str, where: str) -> Callable[..., Any]:
    """A callable."""
    if not callable(value):
        _fail(where, name, "a function", value, kind=InvalidArgumentTypeError)
    return value  # type: ignore[no-any-return]


def check_mapping(value: Any, name: str, where: str, *, what: str = "a mapping") -> dict[Any, Any]:
    """A mapping (None: an empty one), as a new dict.

    Examples
    --------
    >>> check_mapping(None, "values", "f")
    {}
    >>> check_mapping([1], "values", "f", what="a mapping from parameter names to values")
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidArgumentTypeError: f: expected values as a mapping from parameter names to values, got [1]
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgumentTypeError(f"{where}: expected {name} as {what}, got {describe(value)}")
    return dict(value)


def check_choice(value: Any, name: str, where: str, choices: Iterable[str]) -> str:
    """One of the strings in ``choices``; a near miss is named in the message."""
    options = list(choices)
    if not isinstance(value, str):
        _fail(where, name, "one of " + ", ".join(repr(c) for c in options), value, kind=InvalidArgumentTypeError)
    if value not in options:
        close = difflib.get_close_matches(value, options, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InvalidArgumentError(
            f"{where}: expected {name} to be one of {', '.join(repr(c) for c in options)}, got {value!r}{hint}")
    return value


def check_seed(seed: Any, where: str) -> np.random.Generator:
    """A numpy Generator from ``seed``: None, a non-negative integer, a SeedSequence or a Generator."""
    if seed is None or isinstance(seed, np.random.SeedSequence):
        return np.random.default_rng(seed)
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(check_int(seed, "seed", where, minimum=0))


def check_options(where: str, given: Mapping[str, Any], accepted: Iterable[str], *, what: str = "option") -> None:
    """Refuse keyword arguments that the chosen method does not take, listing those it does take.

    Examples
    --------
    >>> check_options("mixed_equilibria(method='vertex_enumeration')", {"max_iter": 5}, ["max_size"])
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidArgumentError: mixed_equilibria(method='vertex_enumeration'): got an unknown option 'max_iter' (did you mean 'max_size'?); expected one of: max_size
    """
    allowed = sorted(accepted)
    for key in given:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            listing = ", ".join(allowed) if allowed else "none"
            raise InvalidArgumentError(f"{where}: got an unknown {what} {key!r}{hint}; expected one of: {listing}")


def check_size(where: str, size: int, limit: int, *, what: str, limit_name: str, alternative: str = "") -> None:
    """Refuse work of ``size`` (a Python integer, so nothing overflows) above ``limit``.

    The message names the quantity, the limit, the keyword that raises it and
    an alternative when there is one.
    """
    limit = check_int(limit, limit_name, where, minimum=0)
    if int(size) > limit:
        alt = f"; or use {alternative}" if alternative else ""
        raise SolverLimitError(
            f"{where}: expected {what} of at most {limit_name}={limit:,}, got {size:,}; "
            f"pass a larger {limit_name}= to accept the work{alt}")


def _interactive() -> bool:
    """True in a terminal or a notebook kernel, where a progress bar is seen."""
    import sys

    try:
        if sys.stderr is not None and sys.stderr.isatty():
            return True
    except (AttributeError, ValueError):
        pass
    shell = sys.modules.get("IPython")
    if shell is not None:
        try:
            ip = shell.get_ipython()
            return ip is not None and "IPKernelApp" in getattr(ip, "config", {})
        except Exception:  # noqa: BLE001 - any failure means "not a notebook"
            return False
    return False


def progress_bar(progress: Any, total: int, where: str, *, unit: str = "it") -> Any:
    """A tqdm progress bar for long accepted work, or None.

    ``progress`` is the public function's argument: None shows a bar only in
    a terminal or notebook and only once the work has run for a second;
    True always shows one; False never. The caller calls ``update(n)`` and
    ``close()`` on the bar when it is not None.
    """
    if progress is None:
        if not _interactive():
            return None
        delay = 1.0  # seconds: only long work shows a bar (not a tolerance)
    elif _is_bool(progress):
        if not progress:
            return None
        delay = 0.0
    else:
        _fail(where, "progress", "None, True or False", progress, kind=InvalidArgumentTypeError)
    from tqdm.auto import tqdm

    return tqdm(total=int(total), desc=where, unit=unit, delay=delay)


def probability_vector(value: Any, length: int, name: str, where: str, *, exact: bool = False) -> np.ndarray:
    """The one check of a probability vector: ``length`` finite entries >= 0 summing to 1.

    Returns a read-only float array, or an object array of Fractions when
    ``exact`` and every entry is rational. Float vectors may miss the sum by
    the library's tolerance (see :mod:`coopgame._numeric`); exact ones may not.
    """
    from coopgame._numeric import TOLERANCE, classify_scalar, format_number, to_fraction

    expected = f"a probability vector of length {length} (finite, non-negative entries summing to 1)"
    if isinstance(value, (str, bytes, Mapping)) or _is_bool(value):
        _fail(where, name, expected, value, kind=InvalidProfileError)
    try:
        arr = np.array(value, dtype=object)
    except (TypeError, ValueError, RecursionError):
        _fail(where, name, expected, value, kind=InvalidProfileError)
    if arr.ndim != 1 or arr.shape[0] != length:
        _fail(where, name, expected, value, kind=InvalidProfileError)
    kinds = {classify_scalar(v) for v in arr}
    if kinds & {"bad", "symbolic", "nonfinite"} or any(_is_bool(v) for v in arr):
        _fail(where, name, expected, value, kind=InvalidProfileError)
    if exact and kinds <= {"int", "exact"}:
        out = np.array([to_fraction(v) for v in arr], dtype=object)
        ok = all(v >= 0 for v in out) and sum(out, Fraction(0)) == 1
    else:
        try:
            out = np.array([float(v) for v in arr], dtype=float)
        except OverflowError:
            _fail(where, name, expected, value, kind=InvalidProfileError)
        ok = bool((out >= -TOLERANCE).all() and abs(out.sum() - 1.0) <= TOLERANCE * length)
    if not ok:
        total = sum(out, Fraction(0)) if out.dtype == object else float(out.sum())   # the sum as given
        raise InvalidProfileError(
            f"{where}: expected {name} to be {expected}, got {describe(value)} (sum {format_number(total)})")
    if out.dtype != object:
        out = np.clip(out, 0.0, None)   # entries within TOLERANCE below 0 become 0
    out.flags.writeable = False
    return out


def call_user(function: Callable[..., T], *args: Any, where: str, what: str = "the function") -> T:
    """Call a function the user passed in; whatever it raises comes back as a CallbackError.

    The message names the public function, the callback and its arguments;
    the original exception is kept as ``__cause__``. coopgame's own errors
    pass through unchanged.
    """
    try:
        return function(*args)
    except (KeyboardInterrupt, SystemExit):
        raise
    except CoopgameError:
        raise
    except Exception as err:  # noqa: BLE001 - a user function may raise anything
        shown = ", ".join(describe(a) for a in args)
        raise CallbackError(f"{where}: {what}({shown}) raised {type(err).__name__}: {err}") from err


def _refuse_call(where: str, signature: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any],
                 err: TypeError) -> NoReturn:
    """Say, as a typed error, why a call's arguments do not fit ``signature``."""
    accepted = [name for name, p in signature.parameters.items()
                if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and name not in ("self", "cls")]
    unknown = [key for key in kwargs if key not in accepted]
    if unknown:
        close = difflib.get_close_matches(unknown[0], accepted, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        expected = f"expected one of: {', '.join(accepted)}" if accepted else "it takes no keyword arguments"
        raise InvalidArgumentTypeError(
            f"{where}: got an unknown keyword argument {unknown[0]!r}{hint}; {expected}") from None
    shown = str(signature).replace("(self, ", "(").replace("(self)", "()").replace("(cls, ", "(").replace("(cls)", "()")
    raise InvalidArgumentTypeError(f"{where}: expected arguments {shown}, got a call that does not fit ({err})") from None


def public(obj: T) -> T:  # returns the same type, so type checkers keep the function's signature
    """Mark a public function (or class) so that a call that does not fit its signature gets a typed error.

    A misspelt keyword, a missing argument or too many positional arguments
    would otherwise be Python's own TypeError; here it is an
    :class:`~coopgame.errors.InvalidArgumentTypeError` (a TypeError and a
    ValueError) naming the function and listing the keywords it takes, with
    a did-you-mean. The check costs nothing on a call that fits: the
    signature is consulted only when binding the arguments has failed. On a
    class, the constructor is wrapped.

    Examples
    --------
    >>> @public
    ... def solve(game, *, method="auto"):
    ...     return method
    >>> solve(None, methd="exact")
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidArgumentTypeError: solve: got an unknown keyword argument 'methd' (did you mean 'method'?); expected one of: game, method
    """
    if isinstance(obj, type):
        init = obj.__init__
        wrapped_init = _wrap(init, obj.__name__)
        obj.__init__ = wrapped_init  # type: ignore[misc]
        return obj
    return _wrap(obj, obj.__qualname__)  # a method is named with its class: "TUGame.nucleolus"


def _wrap(func: Any, where: str) -> Any:
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TypeError as err:
            # a traceback that ends in this frame means the arguments did not bind: the body never ran
            if err.__traceback__ is not None and err.__traceback__.tb_next is None:
                _refuse_call(where, signature, args, kwargs, err)
            raise

    return wrapper
