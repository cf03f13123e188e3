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
import os
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame.errors import InvalidFileError, InvalidGameError
from coopgame.games.normal_form import NormalFormGame
from coopgame.games.symbolic import SymbolicGame
from coopgame.io.nfg import decode_text, parse_nfg

__all__ = ["GameFile", "game_from_dict", "game_to_dict", "parse_game", "read_game", "write_game_json"]

EXTENSIONS = {".nfg": "nfg", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_KEYS = ("title", "players", "actions", "payoffs", "parameters", "exact")


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


def _number(text: str) -> Fraction | None:
    """An exact number written as text (``"1/3"``, ``"-2"``, ``"0.25"``), or None for a formula."""
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        return None


def _leaves(tree: Any, where: str, path: str) -> Any:
    """Check that ``tree`` is a nested list of numbers and strings; return it with text numbers as Fractions."""
    if isinstance(tree, bool) or tree is None or isinstance(tree, Mapping):
        raise InvalidGameError(f"{where}: expected a number or a formula at {path}, got {tree!r}")
    if isinstance(tree, (list, tuple)):
        return [_leaves(t, where, f"{path}[{k}]") for k, t in enumerate(tree)]
    if isinstance(tree, str):
        value = _number(tree)
        return tree if value is None else value
    if isinstance(tree, (int, float)):
        return tree
    raise InvalidGameError(f"{where}: expected a number or a formula at {path}, got {type(tree).__name__}")


def _flat(tree: Any) -> list[Any]:
    return [x for t in tree for x in _flat(t)] if isinstance(tree, list) else [tree]


def game_from_dict(data: Mapping[str, Any]) -> NormalFormGame | SymbolicGame:
    """Build a game from the mapping described in :mod:`coopgame.io.gamefile`.

    Parameters
    ----------
    data : mapping
        Keys ``payoffs`` (required), ``players``, ``actions``, ``parameters``,
        ``exact`` and ``title`` (ignored here; see :func:`read_game`).

    Returns
    -------
    NormalFormGame
        When every payoff is a number.
    SymbolicGame
        When some payoff is a formula; ``parameters`` become its defaults.

    Raises
    ------
    InvalidGameError
        A missing or malformed key, with the key and what was found.

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
                               f"got {raw!r}")
    payoffs = [_leaves(p, where, f"payoffs[{k}]") for k, p in enumerate(raw)]
    players, actions = data.get("players"), data.get("actions")
    exact = data.get("exact")
    if exact is not None and not isinstance(exact, bool):
        raise InvalidGameError(f"{where}: expected 'exact' to be true or false, got {exact!r}")
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, Mapping):
        raise InvalidGameError(f"{where}: expected 'parameters' to map names to numbers, got {parameters!r}")
    values = {}
    for name, v in parameters.items():
        value = _leaves(v, where, f"parameters[{name!r}]")
        if isinstance(value, (list, str)):
            raise InvalidGameError(f"{where}: expected a number for parameter {name!r}, got {v!r}")
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
    text = json.dumps(game_to_dict(game, title), indent=2)
    if path is not None:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return text


def _looks_like_path(source: str) -> bool:
    return "\n" not in source and not source.lstrip().startswith(("{", "NFG", "EFG")) and len(source) < 4096


def read_game(source: str | os.PathLike, format: str | None = None) -> GameFile:
    """Read a game from a Gambit ``.nfg``, JSON or YAML file, or from such text.

    Parameters
    ----------
    source : str or path
        A file path, or the file's text.
    format : {"nfg", "json", "yaml"}, optional
        Default: from the file extension (``.nfg``, ``.json``, ``.yaml``/``.yml``),
        else from the text (``NFG`` prologue, ``{``, otherwise YAML).

    Returns
    -------
    GameFile
        ``.title``, ``.game`` and ``.format``.

    Raises
    ------
    InvalidFileError
        The file cannot be read or parsed (the message names the file and,
        for JSON, the line); also for a well-formed file that does not hold a
        valid game.

    Examples
    --------
    >>> from coopgame.io.gamefile import read_game
    >>> read_game('NFG 1 R "Pennies" { "A" "B" } { 2 2 } 1 -1 -1 1 -1 1 1 -1').title
    'Pennies'
    >>> read_game('{"title": "One", "payoffs": [[1, 2]]}').game.shape
    (2,)
    """
    where = "read_game"
    if format is not None and format not in ("nfg", "json", "yaml"):
        raise InvalidFileError(f"{where}: expected format 'nfg', 'json' or 'yaml', got {format!r}")
    name = "<text>"
    text = os.fspath(source) if isinstance(source, os.PathLike) else source
    if not isinstance(text, str):
        raise InvalidFileError(f"{where}: expected a path or the file's text, got {type(source).__name__}")
    if isinstance(source, os.PathLike) or _looks_like_path(text):
        name = text
        try:
            with open(text, "rb") as fh:
                data = fh.read()
        except OSError as err:
            raise InvalidFileError(f"{where}: cannot read {name!r}: {err.strerror or err}") from None
        text = decode_text(data)
        if format is None:
            ext = os.path.splitext(name)[1].lower()
            format = EXTENSIONS.get(ext)
    return parse_game(text, format, name)


def parse_game(text: str, format: str | None = None, name: str = "<text>") -> GameFile:
    """Parse a game from the text of a Gambit ``.nfg``, JSON or YAML file.

    Parameters
    ----------
    text : str
    format : {"nfg", "json", "yaml"}, optional
        Default: ``nfg`` when the text starts with ``NFG``, ``json`` when it
        starts with ``{``, otherwise ``yaml``.
    name : str
        What error messages call the text (a file name).

    Examples
    --------
    >>> from coopgame.io.gamefile import parse_game
    >>> parse_game("payoffs: [[1, 0]]").format
    'yaml'
    """
    where = "read_game"
    if format is not None and format not in ("nfg", "json", "yaml"):
        raise InvalidFileError(f"{where}: expected format 'nfg', 'json' or 'yaml', got {format!r}")
    head = text.lstrip()
    if format is None:
        format = "nfg" if head.startswith("NFG") else "json" if head.startswith(("{", "[")) else "yaml"
    if format == "nfg":
        contents = parse_nfg(text)
        return GameFile(contents.title, contents.game, "nfg")
    if format == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise InvalidFileError(f"{where}: line {err.lineno} of {name}: invalid JSON: {err.msg}") from None
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
    if not isinstance(data, Mapping):
        got = f"text starting with {head[:20]!r}" if isinstance(data, str) else f"a {type(data).__name__}"
        raise InvalidFileError(f"{where}: {name}: expected a Gambit strategic-form file (starting with 'NFG') "
                               f"or a JSON or YAML game mapping with a 'payoffs' key, got {got}")
    title = data.get("title", "")
    try:
        game = game_from_dict(data)
    except InvalidGameError as err:
        message = str(err).removeprefix("game_from_dict: ")
        raise InvalidFileError(f"{where}: {name}: {message}") from None
    return GameFile(str(title) if title is not None else "", game, format)
