"""A small JSON (or YAML) format for strategic games, and one reader for every game file.

The format is a mapping with these keys (only ``payoffs`` is required)::

    {
      "title": "Two regions on a river",
      "players": ["Upstream", "Downstream"],
      "actions": [["Govern", "Free-ride"], ["Govern", "Free-ride"]],
      "payoffs": [[[2, -1], [3, 0]],
                  [[2, 3], [-1, 0]]],
      "parameters": {"c": 2},
      "exact": true
    }

* ``payoffs``: one nested list per player, each indexed by the players'
  actions in order (``payoffs[p][a1][a2]...`` is player ``p``'s payoff), the
  convention of :class:`~coopgame.NormalFormGame`.
* Each payoff is a number (``3``, ``-0.5``), a number written as text
  (``"1/3"``, ``"0.25"``: read exactly), or a formula in parameters
  (``"b - c"``, ``"rho*F - dc"``).
* ``parameters``: values for the formulas' parameters. A game with formulas is
  a :class:`~coopgame.SymbolicGame` whose defaults are these values, so
  :meth:`~coopgame.SymbolicGame.numeric` gives the numeric game.
* ``exact``: ``true`` for rational arithmetic, ``false`` for floats; by
  default a game is exact when every payoff is an integer or written as text.
* ``players`` and ``actions`` default to ``"Player 1", ...`` and ``"1", "2", ...``.

YAML files hold the same mapping (reading them needs PyYAML,
``pip install pyyaml``).

Examples
--------
>>> from coopgame.io.gamefile import game_from_dict, game_to_dict, read_game
>>> game = game_from_dict({"players": ["Upstream", "Downstream"],
...                        "payoffs": [[[2, -1], [3, 0]], [[2, 3], [-1, 0]]]})
>>> game.is_exact, game.actions[0]
(True, ('1', '2'))
>>> read_game('{"payoffs": [[["b - c", "-c"], ["b", 0]], [["b - c", "b"], ["-c", 0]]], '
...           '"parameters": {"b": 3, "c": 1}}').game.numeric().payoffs[0][0, 0]
Fraction(2, 1)
>>> game_from_dict(game_to_dict(game)) == game
True
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, NoReturn

import numpy as np

from coopgame._checks import check_int, describe, public
from coopgame.errors import InvalidArgumentTypeError, InvalidFileError, InvalidGameError
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.io.nfg import MAX_SIZE, parse_nfg
from coopgame.io.text import (
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_DIGITS_LIMIT,
    NumberTooLarge,
    check_depth,
    check_path,
    exact_number,
    line_of,
    load_text,
    write_text,
)

__all__ = ["GameFile", "game_from_dict", "game_to_dict", "parse_game", "read_game", "write_game_json"]

EXTENSIONS = {".nfg": "nfg", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_KEYS = ("title", "players", "actions", "payoffs", "parameters", "exact")


@public
@dataclass(frozen=True)
class GameFile:
    """A game read by :func:`read_game`, with its title and the format it came in.

    Attributes
    ----------
    title : str
        ``""`` when the file has none.
    game : NormalFormGame or SymbolicGame
    format : str
        ``"nfg"``, ``"json"`` or ``"yaml"``.
    """

    title: str
    game: NormalFormGame | SymbolicGame
    format: str


#: Longest payoff formula a file may hold (characters).
MAX_FORMULA = 1000

# A formula from a file: names, numbers, arithmetic and parentheses only (no attribute access, no
# strings, no dunder names); a power's exponent is a whole number below 100 written as digits.
_FORMULA_CHARS = re.compile(r"[A-Za-z0-9_+\-*/(). ,\t]*\Z")
_POWER = re.compile(r"\*\*\s*")
_SMALL_EXPONENT = re.compile(r"[+-]?\d{1,2}(?![\d.*])")


def _formula(text: str, where: str, path: str) -> str:
    """A payoff formula from a file, refused when it could do more than arithmetic or grow without bound."""
    def refuse(why: str) -> NoReturn:
        raise InvalidGameError(f"{where}: expected a number or a formula at {path}, got {describe(text)} ({why})")

    if len(text) > MAX_FORMULA:
        refuse(f"longer than {MAX_FORMULA} characters")
    if not _FORMULA_CHARS.match(text) or "__" in text or re.search(r"\.\s*[A-Za-z_]", text):
        refuse("a formula holds names, numbers, + - * / ** and parentheses only")
    depth = 0
    for c in text:
        depth += (c == "(") - (c == ")")
        if depth > MAX_DEPTH:
            refuse(f"parentheses nested deeper than {MAX_DEPTH}")
    for m in _POWER.finditer(text):
        if not _SMALL_EXPONENT.match(text, m.end()):
            refuse("a power's exponent must be a whole number below 100 written as digits; use sqrt for roots")
    for number in re.findall(r"\d+", text):
        if len(number.lstrip("0")) > MAX_DIGITS:
            refuse(f"a number of more than max_digits={MAX_DIGITS} digits")
    return text


def _leaves(tree: Any, where: str, path: str, max_digits: int = MAX_DIGITS, depth: int = 0) -> Any:
    """Check that ``tree`` is a nested list of numbers and strings; return it with text numbers as Fractions.

    Integers longer than ``max_digits`` digits, non-finite floats, lists nested
    deeper than :data:`MAX_DEPTH` and formulas that could do more than
    arithmetic are refused.
    """
    if isinstance(tree, bool) or tree is None or isinstance(tree, Mapping):
        raise InvalidGameError(f"{where}: expected a number or a formula at {path}, got {describe(tree)}")
    if isinstance(tree, (list, tuple)):
        if depth >= MAX_DEPTH:
            raise InvalidGameError(f"{where}: expected lists nested at most {MAX_DEPTH} deep at {path}, got deeper")
        return [_leaves(t, where, f"{path}[{k}]", max_digits, depth + 1) for k, t in enumerate(tree)]
    if isinstance(tree, str):
        try:
            value = exact_number(tree, max_digits)
        except NumberTooLarge as err:
            raise InvalidGameError(f"{where}: expected a number or a formula at {path}, got {err}") from None
        except ZeroDivisionError:
            raise InvalidGameError(f"{where}: expected a number at {path}, got {tree!r}, "
                                   "a fraction with a zero denominator") from None
        return _formula(tree, where, path) if value is None else value
    if isinstance(tree, int):
        if abs(tree).bit_length() > max_digits * 3.33:  # bits of max_digits decimal digits, as coopgame._checks
            raise InvalidGameError(f"{where}: expected a number with at most max_digits={max_digits} digits "
                                   f"at {path}, got a longer integer")
        return tree
    if isinstance(tree, float):
        if not math.isfinite(tree):
            raise InvalidGameError(f"{where}: expected a finite number at {path}, got {tree!r}")
        return tree
    raise InvalidGameError(f"{where}: expected a number or a formula at {path}, got {type(tree).__name__}")


def _flat(tree: Any) -> list[Any]:
    return [x for t in tree for x in _flat(t)] if isinstance(tree, list) else [tree]


def _check_count(tree: Any, where: str, limit: int) -> None:
    """Refuse more than ``limit`` entries in nested lists, counted without recursion (YAML aliases can make a
    small file name a huge tree)."""
    stack, seen = [tree], 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > limit:
            raise InvalidGameError(f"{where}: expected at most max_size={limit:,} entries in 'payoffs', got more; "
                                   "pass a larger max_size= to read the game")
        if isinstance(item, (list, tuple)):
            stack.extend(item)


@public
def game_from_dict(data: Mapping[str, Any], *, max_digits: int = MAX_DIGITS,
                   max_size: int = MAX_SIZE) -> NormalFormGame | SymbolicGame:
    """Build a game from the mapping described in :mod:`coopgame.io.gamefile`.

    Parameters
    ----------
    data : mapping
        Keys ``payoffs`` (required), ``players``, ``actions``, ``parameters``,
        ``exact`` and ``title`` (ignored here; see :func:`read_game`).
    max_digits : int, default 300
        The most digits an exact number may have (numerator and
        denominator); longer ones are refused.
    max_size : int, default 10,000,000
        The most entries (payoffs and lists) ``payoffs`` may hold.

    Returns
    -------
    NormalFormGame
        When every payoff is a number.
    SymbolicGame
        When some payoff is a formula; ``parameters`` become its defaults.

    Raises
    ------
    InvalidGameError
        A missing or malformed key, with the key and what was found; numbers
        beyond ``max_digits``, non-finite numbers, lists nested deeper than
        :data:`~coopgame.io.text.MAX_DEPTH`, and formulas that hold anything
        but names, numbers, arithmetic and parentheses (a power's exponent
        must be a whole number below 100; at most :data:`MAX_FORMULA`
        characters).

    Examples
    --------
    >>> from coopgame.io.gamefile import game_from_dict
    >>> g = game_from_dict({"payoffs": [[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...                     "actions": [["C", "D"], ["C", "D"]]})
    >>> g.shape, g.is_exact
    ((2, 2), True)
    >>> game_from_dict({"payoffs": [["1/2", 1]], "exact": False}).payoffs[0].tolist()
    [0.5, 1.0]
    >>> game_from_dict({"payoffs": [["a*x", 0]], "parameters": {"a": 2, "x": "1/2"}}).numeric().payoffs[0][0]
    Fraction(1, 1)
    """
    where = "game_from_dict"
    max_digits = check_int(max_digits, "max_digits", where, minimum=1, maximum=MAX_DIGITS_LIMIT)
    max_size = check_int(max_size, "max_size", where, minimum=1)
    if not isinstance(data, Mapping):
        raise InvalidGameError(f"{where}: expected a mapping with a 'payoffs' key, got {type(data).__name__}")
    unknown = sorted(set(map(str, data)) - set(_KEYS))
    if unknown:
        raise InvalidGameError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; the keys are {', '.join(_KEYS)}")
    if "payoffs" not in data:
        raise InvalidGameError(f"{where}: expected a 'payoffs' key (one nested list per player), got keys {sorted(data)}")
    raw = data["payoffs"]
    if not isinstance(raw, (list, tuple)) or not raw:
        raise InvalidGameError(f"{where}: expected 'payoffs' to be a non-empty list with one nested list per player, "
                               f"got {describe(raw)}")
    _check_count(raw, where, max_size)
    payoffs = [_leaves(p, where, f"payoffs[{k}]", max_digits) for k, p in enumerate(raw)]
    players, actions = data.get("players"), data.get("actions")
    exact = data.get("exact")
    if exact is not None and not isinstance(exact, bool):
        raise InvalidGameError(f"{where}: expected 'exact' to be true or false, got {describe(exact)}")
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, Mapping):
        raise InvalidGameError(f"{where}: expected 'parameters' to map names to numbers, got {describe(parameters)}")
    values = {}
    for name, v in parameters.items():
        value = _leaves(v, where, f"parameters[{describe(name)}]", max_digits)
        if isinstance(value, (list, str)):
            raise InvalidGameError(f"{where}: expected a number for parameter {describe(name)}, got {describe(v)}")
        values[str(name)] = value
    leaves = [x for p in payoffs for x in _flat(p)]
    if any(isinstance(x, str) for x in leaves):
        game = SymbolicGame(payoffs, players, actions)
        unused = sorted(set(values) - {s.name for s in game.parameters})
        if unused:
            raise InvalidGameError(f"{where}: 'parameters' names {', '.join(unused)}, which no payoff formula uses")
        return SymbolicGame(payoffs, players, actions, defaults=values) if values else game
    if values:
        raise InvalidGameError(f"{where}: 'parameters' given but no payoff is a formula")
    if exact is None:
        exact = all(isinstance(x, (int, Fraction)) for x in leaves)
    return NormalFormGame(payoffs, players, actions, exact=exact)


def _text(x: Any) -> Any:
    """A JSON value for one payoff: ints stay ints, other rationals become "p/q", floats stay floats."""
    if isinstance(x, Fraction):
        return x.numerator if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return float(x)
    return str(x)


@public
def game_to_dict(game: NormalFormGame | SymbolicGame, title: str = "") -> dict[str, Any]:
    """The mapping of :mod:`coopgame.io.gamefile` for ``game`` (JSON-ready).

    Exact payoffs are written as integers or ``"p/q"`` text, formulas as text,
    and a symbolic game's defaults as ``parameters``.

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.io.gamefile import game_to_dict
    >>> game_to_dict(cg.NormalFormGame([[[1, 0]], [[0, 1]]], exact=True))["payoffs"]
    [[[1, 0]], [[0, 1]]]
    """
    if not isinstance(game, (NormalFormGame, SymbolicGame)):
        raise InvalidGameError(f"game_to_dict: expected a NormalFormGame or SymbolicGame, got {type(game).__name__}")
    out: dict[str, Any] = {}
    if not isinstance(title, str):
        raise InvalidArgumentTypeError(f"game_to_dict: expected the title as a str, got {describe(title)}")
    if title:
        out["title"] = title
    out["players"] = list(game.players)
    out["actions"] = [list(a) for a in game.actions]
    if isinstance(game, SymbolicGame):
        out["payoffs"] = [np.vectorize(str, otypes=[object])(np.asarray(p, dtype=object)).tolist()
                          for p in game.payoffs]
        if game.defaults:
            out["parameters"] = {s.name: _text(Fraction(str(v)) if getattr(v, "is_Rational", False) else
                                               float(v) if getattr(v, "is_Float", False) else v)
                                 for s, v in game.defaults.items()}
        return out
    out["payoffs"] = [np.vectorize(_text, otypes=[object])(p).tolist() for p in game.payoffs]
    out["exact"] = game.is_exact
    return out


@public
def write_game_json(game: NormalFormGame | SymbolicGame, path: str | os.PathLike | None = None,
                    title: str = "") -> str:
    """Write ``game`` in the JSON format; return the text (and write it to ``path`` when given).

    Examples
    --------
    >>> import coopgame as cg
    >>> from coopgame.io.gamefile import read_game, write_game_json
    >>> from fractions import Fraction
    >>> g = cg.NormalFormGame([[[Fraction(1, 2), 0], [0, 1]], [[1, 0], [0, 2]]], exact=True)
    >>> read_game(write_game_json(g, title="Coordination")).game == g
    True
    """
    target = None if path is None else check_path(path, "path", "write_game_json")
    text = json.dumps(game_to_dict(game, title), indent=2)
    if target is not None:
        write_text(target, text + "\n", "write_game_json")
    return text


@public
def read_game(source: str | os.PathLike[str] | bytes, format: str | None = None, *, max_digits: int = MAX_DIGITS,
              max_size: int = MAX_SIZE) -> GameFile:
    """Read a game from a Gambit ``.nfg``, JSON or YAML file, or from such text.

    Parameters
    ----------
    source : str, os.PathLike or bytes
        A file path, or the file's text (a ``str`` with a line break, or
        starting with ``NFG``, ``{`` or ``[``; or the file's ``bytes``).
    format : {"nfg", "json", "yaml"}, optional
        Default: from the file extension (``.nfg``, ``.json``, ``.yaml``/``.yml``),
        else from the text (``NFG`` prologue, ``{``, otherwise YAML).
    max_digits : int, default 300
        The most digits an exact number may have; longer ones are refused
        (:data:`coopgame.io.text.MAX_DIGITS`).
    max_size : int, default 10,000,000
        ``.nfg`` files: the most payoffs the file may declare
        (:data:`coopgame.io.nfg.MAX_SIZE`).

    Returns
    -------
    GameFile
        ``.title``, ``.game`` and ``.format``.

    Raises
    ------
    InvalidFileError
        The file cannot be read, is binary data or cannot be parsed (the
        message names the file and the line); a number beyond
        ``max_digits``; lists nested deeper than
        :data:`~coopgame.io.text.MAX_DEPTH`; also for a well-formed file
        that does not hold a valid game.

    Examples
    --------
    >>> from coopgame.io.gamefile import read_game
    >>> read_game('NFG 1 R "Pennies" { "A" "B" } { 2 2 } 1 -1 -1 1 -1 1 1 -1').title
    'Pennies'
    >>> read_game('{"title": "One", "payoffs": [[1, 2]]}').game.shape
    (2,)
    """
    where = "read_game"
    _check_format(format, where)
    text, name = load_text(source, where)
    if name is not None and format is None:
        format = EXTENSIONS.get(os.path.splitext(name)[1].lower())
    return parse_game(text, format, name or "<text>", max_digits=max_digits, max_size=max_size)


def _check_format(format: Any, where: str) -> None:
    if format is not None and (not isinstance(format, str) or format not in ("nfg", "json", "yaml")):
        raise InvalidFileError(f"{where}: expected format 'nfg', 'json' or 'yaml', got {describe(format)}")


def _json_number(text: str, max_digits: int) -> Any:
    """Hooks for json.loads: integers within ``max_digits`` digits, finite floats; else NumberTooLarge."""
    def parse_int(digits: str) -> int:
        if len(digits.lstrip("+-").lstrip("0")) > max_digits:
            raise NumberTooLarge(f"line {line_of(text, text.find(digits))}: expected a number with at most "
                                 f"max_digits={max_digits} digits, got one of {len(digits.lstrip('+-')):,} digits")
        return int(digits)

    def parse_float(written: str) -> float:
        value = float(written)
        if not math.isfinite(value):
            raise NumberTooLarge(f"line {line_of(text, text.find(written))}: expected a number that fits a float, "
                                 f"got {written[:40]}")
        return value

    def parse_constant(name: str) -> float:
        raise NumberTooLarge(f"expected finite numbers, got {name}")

    return {"parse_int": parse_int, "parse_float": parse_float, "parse_constant": parse_constant}


@public
def parse_game(text: str | bytes, format: str | None = None, name: str = "<text>", *, max_digits: int = MAX_DIGITS,
               max_size: int = MAX_SIZE) -> GameFile:
    """Parse a game from the text of a Gambit ``.nfg``, JSON or YAML file.

    Parameters
    ----------
    text : str or bytes
        The text, or a file's bytes (decoded as :func:`coopgame.io.text.decode_text` does).
    format : {"nfg", "json", "yaml"}, optional
        Default: ``nfg`` when the text starts with ``NFG``, ``json`` when it
        starts with ``{``, otherwise ``yaml``.
    name : str
        What error messages call the text (a file name).
    max_digits, max_size : int
        As for :func:`read_game`.

    Examples
    --------
    >>> from coopgame.io.gamefile import parse_game
    >>> parse_game("payoffs: [[1, 0]]").format
    'yaml'
    """
    where = "read_game"
    _check_format(format, where)
    if not isinstance(text, str):
        text, _ = load_text(text, where)  # bytes: a file's contents
    max_digits = check_int(max_digits, "max_digits", where, minimum=1, maximum=MAX_DIGITS_LIMIT)
    head = text.lstrip("\ufeff \t\r\n")
    if not head:
        raise InvalidFileError(f"{where}: {name}: expected a Gambit strategic-form file (starting with 'NFG') "
                               "or a JSON or YAML game, got an empty file")
    if head.startswith("EFG"):
        raise InvalidFileError(f"{where}: {name}: expected a Gambit strategic-form file (starting with 'NFG'), "
                               "got an extensive-form (.efg) file, which coopgame does not read")
    if "\x00" in text:
        load_text(text, where)  # refuses binary data, naming the line
    if format is None:
        format = "nfg" if head.startswith("NFG") else "json" if head.startswith(("{", "[")) else "yaml"
    if format == "nfg":
        if not head.startswith("NFG"):
            raise InvalidFileError(f"{where}: {name}: expected a Gambit strategic-form file (starting with 'NFG'), "
                                   f"got a file starting with {describe(head[:20])}")
        contents = parse_nfg(text, max_digits=max_digits, max_size=max_size)
        return GameFile(contents.title, contents.game, "nfg")
    check_depth(text, where, name)
    if format == "json":
        try:
            data = json.loads(text, **_json_number(text, max_digits))
        except json.JSONDecodeError as err:
            raise InvalidFileError(f"{where}: line {err.lineno} of {name}: invalid JSON: {err.msg}") from None
        except NumberTooLarge as err:
            raise InvalidFileError(f"{where}: {name}: {err}") from None
        except (RecursionError, ValueError) as err:  # limits of the JSON decoder itself
            raise InvalidFileError(f"{where}: {name}: invalid JSON: {err}") from None
    else:
        try:
            import yaml
        except ImportError:
            raise InvalidFileError(f"{where}: reading YAML needs PyYAML (pip install pyyaml); "
                                   "or write the game as JSON") from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = f"line {mark.line + 1} of " if mark is not None else ""
            raise InvalidFileError(f"{where}: {line}{name}: invalid YAML: "
                                   f"{getattr(err, 'problem', None) or err}") from None
        except (RecursionError, ValueError, OverflowError) as err:  # limits of the YAML parser (deep blocks, long ints)
            raise InvalidFileError(f"{where}: {name}: invalid YAML: {err}") from None
    if not isinstance(data, Mapping):
        got = f"text starting with {head[:20]!r}" if isinstance(data, str) else f"a {type(data).__name__}"
        raise InvalidFileError(f"{where}: {name}: expected a Gambit strategic-form file (starting with 'NFG') "
                               f"or a JSON or YAML game mapping with a 'payoffs' key, got {got}")
    title = data.get("title", "")
    try:
        game = game_from_dict(data, max_digits=max_digits, max_size=max_size)
    except InvalidGameError as err:
        message = str(err).removeprefix("game_from_dict: ")
        raise InvalidFileError(f"{where}: {name}: {message}") from None
    return GameFile(str(title) if title is not None else "", game, format)
