"""Game files as text, read defensively: the source, the encoding, and the limits a file must keep.

Every reader of game files (:func:`~coopgame.io.nfg.read_nfg`,
:func:`~coopgame.io.gamefile.read_game` and ``coopgame solve``) gets its text
here, so each treats hostile input the same way:

* **Source.** A ``str`` is the text of a file when it contains a line break
  or a NUL character, starts with what a game file starts with (``NFG``,
  ``EFG``, ``{``, ``[``), or is longer than any path (:data:`MAX_PATH`);
  otherwise it is a path. ``bytes`` are always a file's contents. Paths are
  ``str`` or :class:`os.PathLike`; nothing else (a file descriptor number is
  not a path).
* **Encoding.** UTF-8 (a byte-order mark dropped), UTF-16 with its
  byte-order mark, else Latin-1 (old Gambit files). Text holding NUL
  characters is binary data and is refused.
* **Numbers.** Exact numbers keep every digit up to ``max_digits`` (default
  :data:`MAX_DIGITS`, 300) in the numerator and the denominator; longer ones
  are refused, naming the line and the limit, before any big integer is
  built (so a ``1e999999999`` read exactly does not hang).
* **Nesting.** Lists nested deeper than ``max_depth`` (default
  :data:`MAX_DEPTH`) are refused before the JSON or YAML parser recurses.

Each refusal is an :class:`~coopgame.InvalidFileError` whose message names
the public function, the line and the limit.
"""

from __future__ import annotations

import os
import re
from fractions import Fraction
from typing import Any

from coopgame._checks import MAX_DIGITS, describe
from coopgame.errors import InvalidArgumentTypeError, InvalidFileError

__all__ = ["MAX_DIGITS", "MAX_DEPTH", "MAX_PATH", "decode_text", "load_text", "exact_number", "NumberTooLarge",
           "check_depth", "check_path", "line_of", "write_text"]

#: Deepest nesting of lists a JSON or YAML game file may have (a game with N
#: players needs N + 1 levels).
MAX_DEPTH = 64
#: The largest ``max_digits=`` a reader accepts: Python refuses to read integers longer than 4,300
#: digits by default (``sys.set_int_max_str_digits``), and exact arithmetic on such numbers crawls.
MAX_DIGITS_LIMIT = 4300

#: Longest ``str`` taken as a path; longer ones are the text of a file.
MAX_PATH = 4096

_FILE_STARTS = ("NFG", "EFG", "{", "[")

# number tokens
INTEGER = re.compile(r"[+-]?\d+\Z")
RATIONAL = re.compile(r"[+-]?\d+/\d+\Z")
DECIMAL = re.compile(r"[+-]?(?:(\d+)\.?(\d*)|\.(\d+))(?:[eE]([+-]?\d+))?\Z")


class NumberTooLarge(Exception):
    """Raised by :func:`exact_number`; the caller adds the line and raises InvalidFileError."""


def decode_text(data: bytes) -> str:
    """A game file's bytes as text: UTF-8 (a byte-order mark dropped), UTF-16 with its mark, else Latin-1.

    Examples
    --------
    >>> decode_text("NFG 1 R \\"é\\"".encode("utf-16"))
    'NFG 1 R "é"'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # old Gambit files predate UTF-8 labels


def line_of(text: str, position: int) -> int:
    """The line (from 1) of a character position."""
    return text.count("\n", 0, max(0, position)) + 1


def _refuse_binary(text: str, where: str, name: str | None) -> None:
    k = text.find("\x00")
    if k >= 0:
        of = f" of {name}" if name else ""
        raise InvalidFileError(f"{where}: line {line_of(text, k)}{of}: expected text, got binary data "
                               "(a NUL character); game files are text, in UTF-8 (or UTF-16 with a byte-order mark)")


def _looks_like_text(s: str) -> bool:
    return ("\n" in s or "\r" in s or "\x00" in s or len(s) > MAX_PATH
            or s.lstrip("\ufeff \t").startswith(_FILE_STARTS))


def check_path(path: Any, name: str, where: str) -> str:
    """A path given as ``str`` or :class:`os.PathLike`, as a ``str``; anything else is a typed error.

    Examples
    --------
    >>> check_path(5, "path", "write_nfg")
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidArgumentTypeError: write_nfg: expected path to be a str or os.PathLike path, got 5
    """
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise InvalidArgumentTypeError(f"{where}: expected {name} to be a str or os.PathLike path, got {describe(path)}")
    out = os.fspath(path)
    if isinstance(out, bytes):
        out = os.fsdecode(out)
    if not out or "\x00" in out:
        raise InvalidArgumentTypeError(f"{where}: expected {name} to be a file path, got {describe(out)}")
    return out


def _read_path(path: str, where: str, what: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InvalidFileError(f"{where}: expected the path of an existing {what} (or the text of one), "
                               f"got {path!r}, which does not exist") from None
    except IsADirectoryError:
        raise InvalidFileError(f"{where}: expected the path of {what}, got the directory {path!r}") from None
    except (OSError, ValueError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise InvalidFileError(f"{where}: expected a readable {what}, got {path!r}: {reason}") from None
    return decode_text(data)


def load_text(source: Any, where: str, *, what: str = "game file") -> tuple[str, str | None]:
    """The text of ``source`` and its name (the path; None for text given directly).

    ``source`` is a path (``str`` or :class:`os.PathLike`), the text of a
    file (``str`` or ``bytes``, see the module's rules) or an open file.
    Binary data is refused.

    Examples
    --------
    >>> load_text("NFG 1 R", "read_nfg")
    ('NFG 1 R', None)
    >>> load_text(b"\\x89PNG\\r\\n\\x00\\x00", "read_nfg")
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidFileError: read_nfg: line 2: expected text, got binary data (a NUL character); game files are text, in UTF-8 (or UTF-16 with a byte-order mark)
    """
    name: str | None = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        text = decode_text(bytes(source))
    elif isinstance(source, str) and _looks_like_text(source):
        text = source.lstrip("\ufeff")  # a byte-order mark copied with the text
    elif isinstance(source, (str, os.PathLike)):
        name = check_path(source, "the path", where)
        text = _read_path(name, where, what)
    elif callable(getattr(source, "read", None)):
        try:
            data = source.read()
        except (OSError, ValueError) as err:
            raise InvalidFileError(f"{where}: cannot read the open file: {err}") from None
        if isinstance(data, (bytes, bytearray)):
            text = decode_text(bytes(data))
        elif isinstance(data, str):
            text = data
        else:
            raise InvalidArgumentTypeError(f"{where}: expected an open file that reads text or bytes, "
                                           f"got one that reads {type(data).__name__}")
        file_name = getattr(source, "name", None)
        name = file_name if isinstance(file_name, str) else None
    else:
        raise InvalidArgumentTypeError(f"{where}: expected a path, the text of a {what} or an open file, "
                                       f"got {describe(source)}")
    _refuse_binary(text, where, name)
    return text, name


def write_text(path: str, text: str, where: str) -> None:
    """Write ``text`` to ``path`` in UTF-8; a failure is an InvalidFileError naming the path and the reason."""
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as err:
        raise InvalidFileError(f"{where}: cannot write {path!r}: {err.strerror or err}") from None


def _digits(text: str) -> int:
    return len(text.lstrip("0")) or 1


def exact_number(text: str, max_digits: int = MAX_DIGITS) -> Fraction | None:
    """The exact value of a number written as text, or None when ``text`` is not a number.

    Integers (``-3``), fractions (``3/4``) and decimals (``0.25``, ``1e-3``)
    are read exactly. A number whose numerator or denominator would have more
    than ``max_digits`` digits raises :class:`NumberTooLarge` before it is
    built; a zero denominator raises :class:`ZeroDivisionError`.

    Examples
    --------
    >>> exact_number("1e-3"), exact_number("-3/4"), exact_number("b - c")
    (Fraction(1, 1000), Fraction(-3, 4), None)
    >>> exact_number("1e999999999")
    Traceback (most recent call last):
    ...
    coopgame.io.text.NumberTooLarge: a number of 1,000,000,000 digits, above the limit max_digits=300
    """
    text = text.strip()
    m_int, m_rat = INTEGER.match(text), RATIONAL.match(text)
    if m_int or m_rat:
        parts = text.lstrip("+-").split("/")
        longest = max(_digits(p) for p in parts)
        if longest > max_digits:
            raise NumberTooLarge(f"a number of {longest:,} digits, above the limit max_digits={max_digits}")
        if m_int:
            return Fraction(int(text))
        num, den = text.split("/")
        return Fraction(int(num), int(den))
    m = DECIMAL.match(text)
    if not m:
        return None
    whole, frac = (m.group(1) or ""), (m.group(2) or m.group(3) or "")
    exp_text = m.group(4) or "0"
    if _digits(exp_text.lstrip("+-")) > 12:
        raise NumberTooLarge(f"a number with the exponent {exp_text[:20]}..., above the limit max_digits={max_digits}")
    exponent = int(exp_text)
    mantissa = _digits(whole + frac)
    numerator = mantissa + max(0, exponent - len(frac))
    denominator = max(0, len(frac) - exponent)
    longest = max(numerator, denominator)
    if longest > max_digits:
        raise NumberTooLarge(f"a number of {longest:,} digits, above the limit max_digits={max_digits}")
    return Fraction(text)


def check_depth(text: str, where: str, name: str | None, max_depth: int = MAX_DEPTH) -> None:
    """Refuse text whose brackets (``[`` and ``{`` outside quoted strings) nest deeper than ``max_depth``.

    Examples
    --------
    >>> check_depth("[" * 5000, "read_game", "<text>")
    Traceback (most recent call last):
    ...
    coopgame.errors.InvalidFileError: read_game: line 1 of <text>: expected lists nested at most 64 deep (max_depth=64), got deeper nesting
    """
    depth = 0
    quote = ""
    escaped = False
    for k, c in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == quote:
                quote = ""
        elif c == '"':  # (YAML's single quotes are left out: an apostrophe in a plain scalar is not a quote)
            quote = c
        elif c in "[{":
            depth += 1
            if depth > max_depth:
                of = f" of {name}" if name else ""
                raise InvalidFileError(f"{where}: line {line_of(text, k)}{of}: expected lists nested at most "
                                       f"{max_depth} deep (max_depth={max_depth}), got deeper nesting")
        elif c in "]}":
            depth = max(0, depth - 1)
