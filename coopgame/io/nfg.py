"""Gambit strategic-form (``.nfg``) files: read and write.

Gambit stores a strategic game as text in one of two versions, both read by
:func:`read_nfg`:

* the **payoff version** lists, after a short prologue, every player's payoff
  at every strategy profile::

      NFG 1 R "Prisoner's dilemma" { "North" "South" } { 2 2 }

      3 3 5 0 0 5 1 1

  The strategy counts ``{ 2 2 }`` may be replaced by the strategy labels,
  ``{ { "Govern" "Free-ride" } { "Govern" "Free-ride" } }``.

* the **outcome version** names the strategies, lists outcomes (a name and one
  payoff per player, optionally separated by commas) and then gives the
  outcome index of each profile, ``0`` standing for the null outcome in which
  every player gets zero::

      NFG 1 R "Coordination" { "A" "B" }
      { { "x" "y" } { "x" "y" } }
      ""
      { { "match" 1, 1 } }
      1 0 0 1

In both, strategy profiles are listed with the *first* player's strategy
changing fastest, and an optional comment string may follow the strategy list.
Quoted strings may contain escaped quotes (``\\"``) and escaped backslashes
(``\\\\``); whitespace outside quoted strings is not significant.

:func:`write_nfg` writes the payoff version, with strategy labels whenever some
player's labels differ from Gambit's defaults ``"1", "2", ...``.

Exactness
---------
A game read from a file is **exact**: every payoff is kept at the value
written, as a :class:`~fractions.Fraction`, whether it is written as an
integer (``-3``, denominator 1), a rational (``3/4``), a decimal
(``1.131000`` is ``1131/1000``) or with an exponent (``1e-3`` is ``1/1000``).
Gambit reads files the same way (its numbers are exact rationals and
decimals), so exact answers agree with Gambit's on such files. ``exact=False``
gives float payoffs. Files whose data-type letter is ``D`` (an obsolete Gambit
marker for floating-point data) give float games unless ``exact=True``.
:func:`write_nfg` writes exact payoffs as integers or ``p/q`` under ``R``, and
float payoffs by their shortest ``repr`` (``3.0``, ``0.1``) under ``D``, so
reading a written file gives back an equal game of the same kind.

(Earlier versions read a file with one decimal payoff as floats unless
``exact=True``; pass ``exact=False`` for float payoffs.)
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, NoReturn, Union

import numpy as np

from coopgame._checks import check_int, public
from coopgame.errors import (
    InvalidArgumentTypeError,
    InvalidFileError,
    InvalidGameError,
)
from coopgame.games.coerce import GameLike, as_normal_form
from coopgame.games.normal_form import NormalFormGame
from coopgame.io.text import (
    DECIMAL,
    INTEGER,
    MAX_DIGITS,
    MAX_DIGITS_LIMIT,
    RATIONAL,
    NumberTooLarge,
    check_path,
    exact_number,
    load_text,
    write_text,
)

__all__ = ["read_nfg", "write_nfg", "parse_nfg", "NfgContents", "MAX_SIZE"]

#: Default limit (``max_size=``) on the payoffs a file may declare: players x strategy profiles.
MAX_SIZE = 10_000_000

#: What :func:`read_nfg` accepts: a path, the text of a file, or an open file.
PathOrText = Union[str, "os.PathLike[str]", Any]

_READ = "read_nfg"
_WRITE = "write_nfg"

# ---------------------------------------------------------------------- numbers
def _parse_number(text: str, max_digits: int) -> Fraction | str | None:
    """Value of a number token: a Fraction for integers and rationals, the
    text itself for decimals (converted once exactness is decided), None when
    ``text`` is not a number. A zero denominator raises ZeroDivisionError;
    more than ``max_digits`` digits, NumberTooLarge."""
    if INTEGER.match(text) or RATIONAL.match(text):
        return exact_number(text, max_digits)
    if DECIMAL.match(text):
        return text
    return None


# ---------------------------------------------------------------------- tokens
@dataclass(frozen=True)
class _Token:
    kind: str  # "{", "}", ",", "string", "word", "eof"
    text: str
    line: int

    def describe(self) -> str:
        if self.kind == "eof":
            return "the end of the file"
        if self.kind == "string":
            text = self.text if len(self.text) <= 40 else self.text[:37] + "..."
            return "the string " + _quote(text)
        text = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return repr(text)


_SPACE = re.compile(r"\s*")
_WORD = re.compile(r'[^\s{},"]+')


def _tokenize(text: str, fail: Any) -> list[_Token]:
    """Split ``text`` into tokens, each with the line it starts on.

    ``fail(line, message)`` raises the error for a malformed token.
    """
    tokens: list[_Token] = []
    pos, line, end = 0, 1, len(text)
    while True:
        m = _SPACE.match(text, pos)
        assert m is not None  # \s* matches everywhere
        line += text.count("\n", pos, m.end())
        pos = m.end()
        if pos >= end:
            tokens.append(_Token("eof", "", line))
            return tokens
        c = text[pos]
        if c in "{},":
            tokens.append(_Token(c, c, line))
            pos += 1
        elif c == '"':
            start_line = line
            chars: list[str] = []
            pos += 1
            while True:
                if pos >= end:
                    fail(start_line, f"expected a closing '\"' for the string opened on line {start_line}, "
                                     "got the end of the file")
                c = text[pos]
                if c == '"':
                    pos += 1
                    break
                if c == "\\" and pos + 1 < end and text[pos + 1] in '"\\':
                    chars.append(text[pos + 1])
                    pos += 2
                    continue
                if c == "\n":
                    line += 1
                chars.append(c)
                pos += 1
            tokens.append(_Token("string", "".join(chars), start_line))
        else:
            m = _WORD.match(text, pos)
            assert m is not None  # the character at pos is neither space, brace, comma nor quote
            tokens.append(_Token("word", m.group(), line))
            pos = m.end()


def _quote(label: str) -> str:
    """A Gambit quoted string: backslashes and double quotes escaped."""
    return '"' + label.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------- parser
@public
@dataclass(frozen=True)
class NfgContents:
    """Everything an ``.nfg`` file holds, as parsed by :func:`parse_nfg`.

    Attributes
    ----------
    title, comment : str
        The game's title and the optional comment ("" when absent).
    players : tuple of str
    actions : tuple of tuple of str
    version : str
        ``"payoff"`` or ``"outcome"``: which version of the format the file uses.
    game : NormalFormGame
    """

    title: str
    comment: str
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    version: str
    game: NormalFormGame


class _Parser:
    def __init__(self, text: str, source: str | None, max_digits: int = MAX_DIGITS, max_size: int = MAX_SIZE) -> None:
        self.source = source
        self.max_digits = max_digits
        self.max_size = max_size
        self.tokens = _tokenize(text, self.fail)
        self.pos = 0

    # -- errors
    def fail(self, line: int, message: str) -> NoReturn:
        where = f"line {line}" + (f" of {self.source}" if self.source else "")
        raise InvalidFileError(f"{_READ}: {where}: {message}")

    def expected(self, what: str, tok: _Token | None = None) -> NoReturn:
        tok = tok or self.peek()
        self.fail(tok.line, f"expected {what}, got {tok.describe()}")

    # -- token access
    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def next(self) -> _Token:
        tok = self.tokens[self.pos]
        if tok.kind != "eof":
            self.pos += 1
        return tok

    def expect(self, kind: str, what: str) -> _Token:
        tok = self.peek()
        if tok.kind != kind:
            self.expected(what)
        return self.next()

    def number(self, what: str) -> tuple[Fraction | str, int]:
        tok = self.peek()
        if tok.kind != "word":
            self.expected(what)
        try:
            value = _parse_number(tok.text, self.max_digits)
        except ZeroDivisionError:
            self.fail(tok.line, f"expected {what}, got {tok.text!r}, a fraction with a zero denominator")
        except NumberTooLarge as err:
            self.fail(tok.line, f"expected {what}, got {err}")
        if value is None:
            self.expected(what)
        self.next()
        return value, tok.line

    # -- grammar
    def header(self) -> tuple[str, str]:
        tok = self.peek()
        if tok.kind != "word" or tok.text != "NFG":
            hint = ""
            if tok.kind == "word" and tok.text == "EFG":
                hint = " (this is an extensive-form .efg file; coopgame reads strategic-form .nfg files only)"
            self.fail(tok.line, f"expected 'NFG' opening a Gambit strategic-form file, got {tok.describe()}{hint}")
        self.next()
        tok = self.peek()
        if tok.kind != "word" or tok.text != "1":
            self.expected("the format version '1' after 'NFG'")
        self.next()
        tok = self.peek()
        if tok.kind != "word" or tok.text not in ("R", "D"):
            self.expected("the data type 'R' (or the obsolete 'D') after 'NFG 1'")
        datatype = self.next().text
        title = self.expect("string", "the game's title as a quoted string after 'NFG 1 R'").text
        return datatype, title

    def players(self) -> list[str]:
        opening = self.expect("{", "'{' opening the list of player names")
        names = []
        while self.peek().kind == "string":
            names.append(self.next().text)
        if self.peek().kind != "}":
            self.expected(f"a quoted player name or '}}' closing the player list opened on line {opening.line}")
        close = self.next()
        if not names:
            self.fail(close.line, "expected at least one player name in the player list, got none")
        return names

    def strategies(self, n: int) -> list[list[str]]:
        opening = self.expect("{", "'{' opening the strategy counts or strategy labels")
        result: list[list[str]] = []
        if self.peek().kind == "{":
            while self.peek().kind == "{":
                inner = self.next()
                if len(result) == n:
                    self.fail(inner.line, f"expected strategy labels for {n} player(s), got a list for player {n + 1}")
                labels = []
                while self.peek().kind == "string":
                    labels.append(self.next().text)
                if self.peek().kind != "}":
                    self.expected(f"a quoted strategy label or '}}' closing the strategy list opened on line {inner.line}")
                close = self.next()
                if not labels:
                    self.fail(close.line, f"expected at least one strategy label for player {len(result) + 1}, got none")
                result.append(labels)
                self.check_size(close.line, n, [len(r) for r in result])
            if self.peek().kind != "}":
                self.expected(f"'{{' opening a player's strategy labels or '}}' closing the list opened on line {opening.line}")
        else:
            counts: list[int] = []
            while self.peek().kind == "word":
                tok = self.peek()
                if not INTEGER.match(tok.text) or len(tok.text) > 30 or int(tok.text) < 1:
                    self.expected("a positive whole number of strategies" if len(tok.text) <= 30 else
                                  f"a number of strategies (at most max_size={self.max_size:,} payoffs in all)")
                if len(counts) == n:
                    self.fail(tok.line, f"expected strategy counts for {n} player(s), got a count for player {n + 1}")
                self.next()
                counts.append(int(tok.text))
                self.check_size(tok.line, n, counts)
            result = [[str(k + 1) for k in range(m)] for m in counts]
            if self.peek().kind != "}":
                self.expected(f"a number of strategies or '}}' closing the list opened on line {opening.line}")
        close = self.next()
        if len(result) != n:
            self.fail(close.line, f"expected strategies for {n} player(s) (one per player name), got {len(result)}")
        return result

    def check_size(self, line: int, n: int, counts: list[int]) -> None:
        """Refuse a declaration of more than ``max_size`` payoffs, before anything is allocated."""
        total = n * math.prod(counts)
        if total > self.max_size:
            self.fail(line, f"expected at most max_size={self.max_size:,} payoffs (players x strategy profiles), "
                            f"got strategies for {total:,}; pass a larger max_size= to read the file")

    def payoff_body(self, n: int, size: int) -> tuple[list[Any], list[int]]:
        total = n * size
        values: list[Any] = []
        lines: list[int] = []
        for _ in range(total):
            tok = self.peek()
            if tok.kind == "eof":
                self.fail(tok.line, f"expected {total} payoffs ({size} profiles x {n} players), "
                                    f"got {len(values)} before the end of the file")
            v, line = self.number(f"payoff number {len(values) + 1} of {total} (a number)")
            values.append(v)
            lines.append(line)
        tok = self.peek()
        if tok.kind != "eof":
            extra = f" (the file has more than the {total} payoffs of {size} profiles x {n} players)" \
                if tok.kind == "word" else ""
            self.fail(tok.line, f"expected the end of the file after {total} payoffs, got {tok.describe()}{extra}")
        return values, lines

    def outcome_body(self, n: int, size: int) -> tuple[list[Any], list[int]]:
        opening = self.expect("{", "'{' opening the outcome list")
        outcomes: list[tuple[list[Any], list[int]]] = []
        while self.peek().kind == "{":
            start = self.next()
            k = len(outcomes) + 1
            self.expect("string", f"the name of outcome {k} as a quoted string")
            pay: list[Any] = []
            lines: list[int] = []
            while self.peek().kind == "word":
                if len(pay) == n:
                    self.fail(self.peek().line, f"expected {n} payoff(s) in outcome {k} (one per player), got more")
                v, line = self.number(f"a payoff in outcome {k} (a number)")
                pay.append(v)
                lines.append(line)
                if self.peek().kind == ",":
                    self.next()
            if self.peek().kind != "}":
                self.expected(f"a payoff or '}}' closing outcome {k} opened on line {start.line}")
            close = self.next()
            if len(pay) != n:
                self.fail(close.line, f"expected {n} payoff(s) in outcome {k} (one per player), got {len(pay)}")
            outcomes.append((pay, lines))
        if self.peek().kind != "}":
            self.expected(f"'{{' opening an outcome or '}}' closing the outcome list opened on line {opening.line}")
        self.next()
        zero = Fraction(0)
        values: list[Any] = []
        lines_out: list[int] = []
        for count in range(size):
            tok = self.peek()
            if tok.kind == "eof":
                self.fail(tok.line, f"expected {size} outcome indices (one per profile), "
                                    f"got {count} before the end of the file")
            if tok.kind != "word" or not INTEGER.match(tok.text) or len(tok.text) > 30:
                self.expected(f"outcome index {count + 1} of {size} (a whole number from 0 to {len(outcomes)})")
            index = int(tok.text)
            if not 0 <= index <= len(outcomes):
                self.fail(tok.line, f"expected an outcome index from 0 to {len(outcomes)} "
                                    f"(0 is the null outcome), got {tok.text}")
            self.next()
            if index == 0:
                values.extend([zero] * n)
                lines_out.extend([tok.line] * n)
            else:
                pay, lines = outcomes[index - 1]
                values.extend(pay)
                lines_out.extend(lines)
        tok = self.peek()
        if tok.kind != "eof":
            self.fail(tok.line, f"expected the end of the file after {size} outcome indices, got {tok.describe()}")
        return values, lines_out

    def parse(self, exact: bool | None) -> NfgContents:
        datatype, title = self.header()
        players = self.players()
        n = len(players)
        actions = self.strategies(n)
        comment = ""
        if self.peek().kind == "string":
            comment = self.next().text
        shape = tuple(len(a) for a in actions)
        size = math.prod(shape)
        tok = self.peek()
        if tok.kind == "{":
            version = "outcome"
            values, lines = self.outcome_body(n, size)
        elif tok.kind == "word":
            version = "payoff"
            values, lines = self.payoff_body(n, size)
        else:
            self.expected("the payoffs (numbers) or '{' opening the outcome list")
        chosen = exact is not None
        if exact is None:
            exact = datatype == "R"
        if exact:
            flat = np.empty(len(values), dtype=object)
            for k, v in enumerate(values):
                try:
                    flat[k] = v if isinstance(v, Fraction) else exact_number(v, self.max_digits)
                except NumberTooLarge as err:
                    hint = "" if chosen else "; pass exact=False to read the payoffs as floats"
                    self.fail(lines[k], f"expected a payoff that can be kept exact, got {err}{hint}")
        else:
            flat = np.empty(len(values), dtype=float)
            for k, v in enumerate(values):
                try:
                    f = float(v)
                except OverflowError:
                    f = math.inf
                if not math.isfinite(f):
                    self.fail(lines[k], f"expected a payoff that fits a float, got {v!s}")
                flat[k] = f
        table = flat.reshape(size, n)
        # profiles are listed with the first player's strategy changing fastest: Fortran order
        payoffs = [table[:, i].reshape(shape, order="F") for i in range(n)]
        players_t = _distinct(players)
        actions_t = [_distinct(a) for a in actions]
        try:
            game = NormalFormGame(payoffs, players_t, actions_t, exact=bool(exact))
        except InvalidGameError as err:  # labels and shape are valid by construction; the game's own limits remain
            self.fail(1, f"expected a valid game, got: {err}")
        return NfgContents(title, comment, game.players, game.actions, version, game)


def _distinct(labels: list[str]) -> tuple[str, ...]:
    """Make repeated labels distinct as Gambit does: each repeat becomes ``label_1``, ``label_2``, ..."""
    counts: dict[str, int] = {}
    for lab in labels:
        counts[lab] = counts.get(lab, 0) + 1
    if all(c == 1 for c in counts.values()):
        return tuple(labels)
    used = set(labels)
    visited: dict[str, int] = {}
    out = []
    for lab in labels:
        if counts[lab] == 1:
            out.append(lab)
            continue
        while True:
            visited[lab] = visited.get(lab, 0) + 1
            candidate = f"{lab}_{visited[lab]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return tuple(out)


# ---------------------------------------------------------------------- public functions
@public
def parse_nfg(path_or_text: PathOrText, *, exact: bool | None = None, max_digits: int = MAX_DIGITS,
              max_size: int = MAX_SIZE) -> NfgContents:
    """Read an ``.nfg`` file with its title, comment and format version.

    Same arguments as :func:`read_nfg`, which returns only the game.

    Returns
    -------
    NfgContents
        ``.title``, ``.comment``, ``.players``, ``.actions``, ``.version``
        (``"payoff"`` or ``"outcome"``) and ``.game``.

    Examples
    --------
    >>> from coopgame.io.nfg import parse_nfg
    >>> contents = parse_nfg('NFG 1 R "Matching pennies" { "A" "B" } { 2 2 } "zero-sum" 1 -1 -1 1 -1 1 1 -1')
    >>> contents.title, contents.comment, contents.version
    ('Matching pennies', 'zero-sum', 'payoff')
    """
    if exact is not None and not isinstance(exact, bool):
        raise InvalidArgumentTypeError(f"{_READ}: expected exact to be None, True or False, got {exact!r}")
    max_digits = check_int(max_digits, "max_digits", _READ, minimum=1, maximum=MAX_DIGITS_LIMIT)
    max_size = check_int(max_size, "max_size", _READ, minimum=1)
    text, source = load_text(path_or_text, _READ, what=".nfg file")
    return _Parser(text, source, max_digits, max_size).parse(exact)


@public
def read_nfg(path_or_text: PathOrText, *, exact: bool | None = None, max_digits: int = MAX_DIGITS,
             max_size: int = MAX_SIZE) -> NormalFormGame:
    """Read a Gambit strategic-form (``.nfg``) file into a :class:`NormalFormGame`.

    Both versions of the format are read: the payoff version (payoffs listed
    profile by profile) and the outcome version (named outcomes and one
    outcome index per profile, ``0`` being the null outcome with zero
    payoffs). Profiles are listed with the first player's strategy changing
    fastest.

    Parameters
    ----------
    path_or_text : str, os.PathLike, bytes or file object
        A path to a file, the text of a file (a ``str`` that starts with
        ``NFG`` after leading whitespace or a byte-order mark, or that spans
        several lines; or the ``bytes`` of a file), or an open file.
    exact : bool or None, optional
        ``None`` (default): exact :class:`~fractions.Fraction` payoffs at the
        value written, as Gambit reads them: integers, ``p/q``, decimals
        (``1.131000`` is ``1131/1000``) and exponents (``1e-3`` is
        ``1/1000``); float payoffs for files marked ``D`` (floating-point
        data, as :func:`write_nfg` marks float games). ``True``: exact
        payoffs, ``D`` files too. ``False``: float payoffs.
    max_digits : int, default 300
        The most digits an exact payoff may have in its numerator or
        denominator (:data:`coopgame.io.text.MAX_DIGITS`); a longer number
        is refused, naming its line, before it is built. (Float payoffs must
        also fit a float.)
    max_size : int, default 10,000,000
        The most payoffs (players x strategy profiles) the file may declare
        (:data:`MAX_SIZE`); the product of the strategy counts is computed in
        Python integers and refused before anything is allocated.

    Returns
    -------
    NormalFormGame
        With the file's player names and strategy labels (Gambit's default
        labels ``"1", "2", ...`` when the file gives only strategy counts).
        Repeated labels are made distinct as Gambit does, by appending
        ``_1``, ``_2``, ... to each repeat. The title and comment are
        available from :func:`coopgame.io.nfg.parse_nfg`.

    Raises
    ------
    InvalidFileError
        When the file does not exist, is binary data or is malformed; the
        message names the line (wrong counts, unknown tokens, unbalanced
        braces, bad numbers, numbers beyond ``max_digits``, more payoffs
        declared than ``max_size``, outcome indices out of range, too few or
        too many payoffs).
    InvalidArgumentTypeError
        ``path_or_text`` is neither a path, text, bytes nor an open file.

    See Also
    --------
    write_nfg : the inverse, ``read_nfg(write_nfg(game)) == game``.

    Examples
    --------
    The payoff version, with profiles (1,1), (2,1), (1,2), (2,2):

    >>> import coopgame as cg
    >>> from coopgame.io import read_nfg
    >>> game = read_nfg('''NFG 1 R "Pollution control" { "North" "South" }
    ... { { "Govern" "Free-ride" } { "Govern" "Free-ride" } }
    ... 3 3  5 0  0 5  1 1''')
    >>> game
    NormalFormGame (North: rows, South: columns)
                 Govern  Free-ride
    Govern         3, 3       0, 5
    Free-ride      5, 0       1, 1
    >>> game.is_exact
    True

    The outcome version; the null outcome ``0`` pays zero to everybody:

    >>> game = read_nfg('''NFG 1 R "Coordination" { "A" "B" }
    ... { { "x" "y" } { "x" "y" } }
    ... { { "match" 1, 1/2 } }
    ... 1 0 0 1''')
    >>> game["x", "x"], game["x", "y"]
    ((Fraction(1, 1), Fraction(1, 2)), (Fraction(0, 1), Fraction(0, 1)))

    Decimal payoffs stay exact, as in Gambit; ``exact=False`` gives floats:

    >>> text = 'NFG 1 R "" { "A" "B" } { 1 2 } 1.131000 2 1e-3 0.1'
    >>> read_nfg(text)[0, 0], read_nfg(text)[0, 1]
    ((Fraction(1131, 1000), Fraction(2, 1)), (Fraction(1, 1000), Fraction(1, 10)))
    >>> read_nfg(text, exact=False)[0, 0]
    (1.131, 2.0)
    """
    return parse_nfg(path_or_text, exact=exact, max_digits=max_digits, max_size=max_size).game


def _format_payoff(v: Any, exact: bool) -> str:
    if exact:
        v = Fraction(v)
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    # Gambit reads 1e16 and 1e-05 but not 1e+16
    return repr(float(v)).replace("e+", "e")


@public
def write_nfg(game: GameLike, title: str = "", *, comment: str = "",
              path: str | os.PathLike | None = None) -> str:
    """The text of a Gambit strategic-form file (payoff version) for ``game``.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or sequence of payoff arrays
        Any game :func:`coopgame.games.coerce.as_normal_form` accepts (a
        SymbolicGame once no parameter is left free).
    title : str, optional
        The game's title, written after ``NFG 1 R`` (``NFG 1 D`` for a float game).
    comment : str, optional
        A comment written after the strategies (omitted when empty).
    path : str or os.PathLike, optional
        Also write the text to this file. (The second positional argument
        is the title, not a path: ``write_nfg(game, path="game.nfg")``.)
        Anything else, such as a file descriptor number, is refused with
        :class:`~coopgame.InvalidArgumentTypeError`; a file that cannot be
        written gives :class:`~coopgame.InvalidFileError`.

    Returns
    -------
    str
        The file's text. Strategies are given by count (``{ 2 2 }``) when every
        player's labels are the defaults ``"1", "2", ...``, and by label
        otherwise. Exact payoffs are written as integers or ``p/q``, float
        payoffs by their shortest ``repr`` (so ``3.0`` stays a float; ``1e16``
        is written without the ``+`` Gambit does not read), one
        profile per line with the first player's strategy changing fastest.
        Backslashes and double quotes in labels are escaped with a backslash.

    Notes
    -----
    ``read_nfg(write_nfg(game)) == game`` for every game. Gambit itself reads
    the files too, but pygambit 16.7 accepts only labels of printable ASCII
    characters without leading, trailing or doubled spaces, and it misreads
    backslashes.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.io import read_nfg, write_nfg
    >>> game = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...                          players=["North", "South"], exact=True)
    >>> print(write_nfg(game, "Pollution control"))
    NFG 1 R "Pollution control" { "North" "South" } { 2 2 }
    <BLANKLINE>
    3 3
    5 0
    0 5
    1 1
    <BLANKLINE>
    >>> read_nfg(write_nfg(game)) == game
    True
    >>> import os, tempfile
    >>> where = os.path.join(tempfile.mkdtemp(), "pd.nfg")
    >>> _ = write_nfg(game, "Pollution control", path=where)
    >>> read_nfg(where) == game
    True
    >>> half = cg.NormalFormGame([[0.5, 1.0]], actions=[['say "yes"', "no"]])
    >>> print(write_nfg(half))
    NFG 1 D "" { "Player 1" } { { "say \\"yes\\"" "no" } }
    <BLANKLINE>
    0.5
    1.0
    <BLANKLINE>
    """
    game = as_normal_form(game, _WRITE)
    for what, value in (("title", title), ("comment", comment)):
        if not isinstance(value, str):
            raise InvalidArgumentTypeError(f"{_WRITE}: expected the {what} as a str, got {type(value).__name__}")
    target = None if path is None else check_path(path, "path", _WRITE)
    exact = game.is_exact
    kind = "R" if exact else "D"  # D marks floating-point data: read back as floats
    players = " ".join(_quote(p) for p in game.players)
    default = all(labels == tuple(str(k + 1) for k in range(len(labels))) for labels in game.actions)
    lines = []
    if default:
        counts = " ".join(str(m) for m in game.shape)
        lines.append(f"NFG 1 {kind} {_quote(title)} {{ {players} }} {{ {counts} }}")
    else:
        lines.append(f"NFG 1 {kind} {_quote(title)} {{ {players} }}")
        strategy_lists = ["{ " + " ".join(_quote(a) for a in labels) + " }" for labels in game.actions]
        if len(strategy_lists) == 1:
            lines[-1] += " { " + strategy_lists[0] + " }"
        else:
            lines.append("{ " + strategy_lists[0])
            lines.extend("  " + s for s in strategy_lists[1:])
            lines.append("}")
    if comment:
        lines.append(_quote(comment))
    lines.append("")
    columns = [a.reshape(-1, order="F") for a in game.payoffs]
    for k in range(columns[0].size):
        lines.append(" ".join(_format_payoff(col[k], exact) for col in columns))
    text = "\n".join(lines) + "\n"
    if target is not None:
        write_text(target, text, _WRITE)
    return text
