"""The ``coopgame`` command line.

Commands
--------
``coopgame solve FILE [--json] [--method METHOD] [--explain]``
    Read a Gambit strategic-form file (``.nfg``) or a game in coopgame's
    JSON or YAML format (:mod:`coopgame.io.gamefile`; ``.json``, ``.yaml``;
    ``-`` reads standard input) and list its Nash equilibria with
    :func:`~coopgame.equilibria.mixed.mixed_equilibria` (``--method``:
    ``auto``, ``vertex_enumeration``, ``support_enumeration``,
    ``lemke_howson``, ``support_polynomial``; or ``pure`` for
    :func:`~coopgame.equilibria.pure.pure_equilibria`). With ``auto``:
    two-player games, all extreme equilibria; three or more players, every
    isolated equilibrium by ``support_polynomial``, or, for games too large
    for it, the pure equilibria (``fallback="pure"``; the output says so).
    The output names the method and whether the list is complete.
    ``--explain`` adds, for each equilibrium, each player's expected payoff
    from every action against the others' strategies, best replies marked
    (:meth:`~coopgame.equilibria.result.Equilibrium.explain`). ``--json``
    prints ``{"equilibria": [{"strategies": [[...], ...], "payoffs": [...]},
    ...], "method": ..., "is_exact": ..., "is_complete": ..., "note": ...}``
    with probabilities and payoffs as JSON numbers; for exact games each
    equilibrium also has an ``"exact"`` key holding the same numbers as
    ``"p/q"`` strings, and with ``--explain`` an ``"explanation"`` key.
``coopgame models``
    The model catalog (:func:`coopgame.models.catalog`): each model's name
    and the first line of its docstring.
``coopgame model NAME [--set K=V ...] [--solve] [--json]``
    Build a catalog model at its documented default parameter values,
    overridden by ``--set`` (numbers such as ``3``, ``0.5`` or ``1/2``; a
    model's structural options such as ``n=4`` are accepted too), and print
    its payoff table. ``--solve`` also lists the equilibria as ``solve``
    does (two players: all extreme equilibria; more: isolated equilibria by
    ``support_polynomial``, or pure equilibria only for larger games, which
    the output says); a symmetric (anonymous) model lists its
    symmetric equilibria, a continuous model one equilibrium. ``--json``
    prints ``{"model": ..., "values": {...}, "game": ...}`` (and
    ``"equilibria"`` with ``--solve``).
``coopgame tour``
    A guided tour of the library.
``coopgame --version``
    The installed version.

Exit status: 0 on success; 1 for a bad game file (missing, unreadable,
malformed, beyond a limit) or when a solver fails or refuses (a game too
large to enumerate); 2 for bad arguments (unknown commands or options, bad
``--set`` values, a method that does not fit the game); 130 when
interrupted. Errors are one line on standard error, ``coopgame: error:
<message>``, never a traceback; warnings (such as a degenerate game met by
support enumeration) are one line each, ``coopgame: warning: <message>``.

Examples
--------
>>> import os, tempfile
>>> from coopgame.cli import main
>>> path = os.path.join(tempfile.mkdtemp(), "pennies.nfg")
>>> with open(path, "w") as fh:
...     _ = fh.write('NFG 1 R "Matching pennies" { "Row" "Column" } '
...                  '{ { "Heads" "Tails" } { "Heads" "Tails" } } 1 -1 -1 1 -1 1 1 -1')
>>> main(["solve", path])
Matching pennies
2 players, 2 x 2 strategies, exact payoffs
1 equilibrium (all extreme equilibria, by vertex_enumeration):
<BLANKLINE>
  #  Row                    Column                 payoffs
  1  1/2 Heads + 1/2 Tails  1/2 Heads + 1/2 Tails  0, 0
0
>>> main(["solve", path, "--json"])
{"equilibria": [{"strategies": [[0.5, 0.5], [0.5, 0.5]], "payoffs": [0.0, 0.0], "exact": {"strategies": [["1/2", "1/2"], ["1/2", "1/2"]], "payoffs": ["0", "0"]}}], "method": "vertex_enumeration", "is_exact": true, "is_complete": true, "note": ""}
0
>>> main(["model", "prisoners_dilemma", "--set", "T=6", "--solve"])
prisoners_dilemma: P=1, R=3, S=0, T=6
NormalFormGame (Region 1: rows, Region 2: columns)
             Cooperate  Defect
Cooperate         3, 3    0, 6
Defect            6, 0    1, 1
2 players, 2 x 2 strategies, exact payoffs
1 equilibrium (all extreme equilibria, by vertex_enumeration):
<BLANKLINE>
  #  Region 1  Region 2  payoffs
  1  Defect    Defect    1, 1
0
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pathlib
import re
import sys
import warnings
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, NoReturn

__all__ = ["main"]

METHODS = ("auto", "vertex_enumeration", "support_enumeration", "lemke_howson", "support_polynomial", "pure")
_TWO_PLAYER_METHODS = ("vertex_enumeration", "support_enumeration", "lemke_howson")

_DESCRIPTIONS = {
    "vertex_enumeration": "all extreme equilibria",
    "support_enumeration": "all equilibria of a non-degenerate game",
    "lemke_howson": "one equilibrium",
    "support_polynomial": "all isolated equilibria and the vertices or points of continua",
}


class _CommandError(Exception):
    """A failure reported as one line on stderr with an exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports usage errors by raising instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise _CommandError(f"{message} (see '{self.prog} --help')", 2)


def _build_parser() -> argparse.ArgumentParser:
    from coopgame._version import __version__

    parser = _Parser(
        prog="coopgame",
        description="Game-theoretic models of intergovernmental cooperation on environmental problems.",
    )
    parser.add_argument("--version", action="version", version=f"coopgame {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    solve = sub.add_parser(
        "solve",
        help="list the Nash equilibria of a game file",
        description="List the Nash equilibria of a game in a Gambit strategic-form (.nfg) file or in "
                    "coopgame's JSON or YAML game format (see the how-to 'Solve a game file').",
    )
    solve.add_argument("file", metavar="FILE",
                       help="a Gambit .nfg file, a .json or .yaml game file, or - for standard input")
    solve.add_argument("--json", action="store_true", help="print the equilibria as JSON")
    solve.add_argument("--explain", action="store_true",
                       help="for each equilibrium, each player's expected payoff from every action against the "
                            "others' strategies, best replies marked (why it is an equilibrium)")
    solve.add_argument(
        "--method",
        choices=METHODS,
        default="auto",
        help="two-player games: auto (= vertex_enumeration, all extreme equilibria), "
             "support_enumeration, lemke_howson (one equilibrium) or pure (pure equilibria only); "
             "three or more players: auto (= support_polynomial when the game is small enough, else pure), "
             "support_polynomial or pure",
    )
    solve.set_defaults(handler=_solve)

    models = sub.add_parser("models", help="list the model catalog",
                            description="List the catalog of models: name and a one-line description.")
    models.set_defaults(handler=_models)

    model = sub.add_parser(
        "model",
        help="print (and solve) a catalog model",
        description="Build a catalog model at its default parameter values, overridden by --set, "
                    "print its payoff table and, with --solve, its equilibria.",
    )
    model.add_argument("name", metavar="NAME", help="a model name (see 'coopgame models')")
    model.add_argument("--set", dest="values", action="append", default=[], metavar="K=V",
                       help="a parameter value (a number such as 3, 0.5 or 1/2) or a structural option "
                            "of the model (such as n=4); repeat for more")
    model.add_argument("--solve", action="store_true", help="also list the equilibria")
    model.add_argument("--json", action="store_true", help="print the game (and equilibria) as JSON")
    model.set_defaults(handler=_model)

    tour = sub.add_parser("tour", help="a guided tour of coopgame (coopgame tour --help for its options)",
                          description="A guided tour of coopgame.", add_help=False)
    tour.set_defaults(handler=_tour)
    return parser


# ---------------------------------------------------------------------- solve
def _file_message(err: Exception, source: str) -> str:
    """A reader's message without the function's name, naming the file."""
    message = str(err)
    for prefix in ("read_nfg: ", "read_game: ", "game_from_dict: "):
        message = message.removeprefix(prefix)
    message = message.replace("<text>", source)
    if message.startswith("line ") and source not in message:
        line, _, rest = message.partition(": ")
        message = f"{line} of {source}: {rest}"
    return message


def _read_game(path: str) -> Any:
    """The game in ``path`` (``-``: standard input): a GameFile with ``.title`` and a numeric ``.game``.

    A bad file raises InvalidFileError (exit status 1), with a message naming the file.
    """
    from coopgame.errors import InvalidFileError
    from coopgame.games.symbolic import SymbolicGame
    from coopgame.io.gamefile import GameFile, parse_game, read_game

    source = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            contents = parse_game(sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read(),
                                  name=source)
        else:
            contents = read_game(pathlib.Path(path))  # a Path: always read as a file, whatever its name
    except InvalidFileError as err:
        raise InvalidFileError(_file_message(err, source)) from None
    game = contents.game
    if isinstance(game, SymbolicGame):
        missing = [s.name for s in game.parameters if s not in game.defaults]
        if missing:
            raise InvalidFileError(f"{source}: the payoff formulas use {', '.join(missing)}, which 'parameters' "
                                   "does not give a value")
        game = game.numeric()
    return GameFile(contents.title, game, contents.format)


def _find_equilibria(game: Any, method: str, source: str) -> Any:
    """The equilibria, as the library's Solutions (``.method``, ``.is_complete``, ``.note``)."""
    import coopgame

    if method == "pure":
        return coopgame.pure_equilibria(game)
    if game.num_players > 2 and method in _TWO_PLAYER_METHODS:
        raise _CommandError(
            f"--method {method} needs a two-player game, {source} has {game.num_players} players; "
            "use --method auto, support_polynomial or pure", 2)
    return coopgame.mixed_equilibria(game, method=method, fallback="pure" if method == "auto" else None)


def _describe(found: Any, game: Any, asked: str) -> str:
    """What the list is: which equilibria, found by which method."""
    method = getattr(found, "method", "") or asked
    if method == "pure":
        if asked == "pure":
            return "pure equilibria only, as asked by --method pure"
        if game.num_players == 1:
            return "pure equilibria only, in a one-player game"
        refused = re.search(r"too large for (\w+)", getattr(found, "note", ""))
        return (f"pure equilibria only, in a {game.num_players}-player game too large for "
                f"{refused.group(1) if refused else 'the mixed-equilibrium methods'}")
    return f"{_DESCRIPTIONS.get(method, 'equilibria')}, by {method}"


def _fraction_text(v: Any) -> str:
    v = Fraction(v)
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def _equilibria_records(game: Any, equilibria: Sequence[Any], explain: bool) -> list[dict[str, Any]]:
    out = []
    for eq in equilibria:
        item: dict[str, Any] = {
            "strategies": [[float(p) for p in s] for s in eq.strategies],
            "payoffs": [float(v) for v in eq.payoffs],
        }
        if game.is_exact:
            item["exact"] = {
                "strategies": [[_fraction_text(p) for p in s] for s in eq.strategies],
                "payoffs": [_fraction_text(v) for v in eq.payoffs],
            }
        if explain:
            item["explanation"] = eq.explain()
        out.append(item)
    return out


def _solutions_json(game: Any, found: Any, explain: bool) -> dict[str, Any]:
    return {"equilibria": _equilibria_records(game, found, explain),
            "method": getattr(found, "method", ""), "is_exact": bool(getattr(found, "is_exact", game.is_exact)),
            "is_complete": bool(getattr(found, "is_complete", True)),
            "note": _solver_message(getattr(found, "note", ""))}


def _equilibria_table(title: str, game: Any, equilibria: Sequence[Any], note: str, explain: bool = False) -> str:
    from coopgame._numeric import format_number

    lines = []
    if title:
        lines.append(title)
    kind = "exact" if game.is_exact else "float"
    lines.append(f"{game.num_players} player{'s' if game.num_players != 1 else ''}, "
                 f"{' x '.join(str(m) for m in game.shape)} strategies, {kind} payoffs")
    count = len(equilibria)
    noun = "equilibrium" if count == 1 else "equilibria"
    lines.append(f"{count if count else 'No'} {noun} ({note}){':' if count else '.'}")
    if not count:
        return "\n".join(lines)
    header = ["#", *game.players, "payoffs"]
    rows = [
        [str(k + 1), *(eq._describe_strategy(p) for p in range(game.num_players)),
         ", ".join(format_number(v) for v in eq.payoffs)]
        for k, eq in enumerate(equilibria)
    ]
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    lines.append("")
    for r in [header, *rows]:
        cells = [r[0].rjust(widths[0] + 2)] + [r[c].ljust(widths[c]) for c in range(1, len(r))]
        lines.append("  ".join(cells).rstrip())
    note_text = getattr(equilibria, "note", "")
    if note_text and not getattr(equilibria, "is_complete", True):
        lines.append("")
        lines.append(f"Note: {_solver_message(note_text)}")
    if explain:
        for k, eq in enumerate(equilibria):
            lines.append("")
            lines.append(f"Why equilibrium {k + 1} is one:")
            lines.extend("  " + line for line in eq.explain().splitlines())
    return "\n".join(lines)


def _solver_message(err: Exception | str) -> str:
    """The library's advice, translated to this command's options."""
    message = str(err).replace("mixed_equilibria(game, method='lemke_howson')", "--method lemke_howson")
    for name in METHODS:
        message = message.replace(f"method='{name}'", f"--method {name}")
    return message


def _solve_game(game: Any, method: str, source: str) -> Any:
    """Solve, reporting warnings as one line each; a solver's refusal exits 1."""
    from coopgame.errors import SolverLimitError

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            found = _find_equilibria(game, method, source)
        except SolverLimitError as err:
            raise _CommandError(_solver_message(err), 1) from None
    _warn(caught)
    return found


def _warn(caught: Sequence[warnings.WarningMessage]) -> None:
    """Each distinct warning once, as one line on stderr."""
    seen: set[str] = set()
    for w in caught:
        text = " ".join(str(w.message).split())
        if text not in seen:
            seen.add(text)
            _say(f"warning: {text}")


def _solve(args: argparse.Namespace) -> int:
    contents = _read_game(args.file)
    source = "<stdin>" if args.file == "-" else args.file
    game = contents.game
    found = _solve_game(game, args.method, source)
    if args.json:
        print(json.dumps(_solutions_json(game, found, args.explain)))
    else:
        print(_equilibria_table(contents.title, game, found, _describe(found, game, args.method), args.explain))
    return 0


# ---------------------------------------------------------------------- models
def _first_line(func: Any) -> str:
    doc = (getattr(func, "__doc__", None) or "").strip()
    return doc.splitlines()[0].strip() if doc else ""


def _models(args: argparse.Namespace) -> int:
    from coopgame import models

    catalog = models.catalog()
    width = max((len(name) for name in catalog), default=0)
    for name, func in catalog.items():
        print(f"{name.ljust(width)}  {_first_line(func)}".rstrip())
    return 0


def _number(text: str, key: str) -> Fraction | None:
    """A number from ``--set``: an integer, a decimal or a fraction such as ``1/2``; None when not a number.

    Numbers longer than :data:`coopgame.io.text.MAX_DIGITS` digits are bad arguments (exit status 2).
    """
    from coopgame.io.text import NumberTooLarge, exact_number

    try:
        return exact_number(text)
    except NumberTooLarge as err:
        raise _CommandError(f"--set {key}=...: expected a number such as 3, 0.5 or 1/2, got {err}", 2) from None
    except ZeroDivisionError:
        raise _CommandError(f"--set {key}={text}: expected a number, got a fraction with a zero denominator", 2) from None


def _parse_values(items: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, eq, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not eq or not key.isidentifier() or not value:
            raise _CommandError(f"--set: expected K=V such as c=2 or r=1/2, got {item!r}", 2)
        if key in out:
            raise _CommandError(f"--set: {key} given twice", 2)
        out[key] = value
    return out


def _option_value(key: str, text: str) -> Any:
    """A structural option's value: true/false, an integer, a number, else the text itself."""
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    value = _number(text, key)
    if value is None:
        return text
    return int(value) if value.denominator == 1 else value


def _model_options(func: Any) -> list[str]:
    import inspect

    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


def _build_model(name: str, given: dict[str, str]) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """The game to show, the structural options given, and the parameter values used."""
    from coopgame import models
    from coopgame.errors import CoopgameError
    from coopgame.games.continuous import ContinuousGame
    from coopgame.games.multilevel import MultilevelGame
    from coopgame.games.symbolic import SymbolicGame

    catalog = models.catalog()
    if name not in catalog:
        raise _CommandError(f"unknown model {name!r}; choose from {', '.join(catalog)} (see 'coopgame models')", 2)
    func = catalog[name]
    options = _model_options(func)
    structural = {k: _option_value(k, v) for k, v in given.items() if k in options}
    try:
        base = func(**structural)
    except (CoopgameError, TypeError, ValueError) as err:  # an option's value the model refuses: bad argument
        message = str(err)
        raise _CommandError(message if message.startswith(f"{name}:") else f"model {name}: {message}", 2) from None
    rest = {k: v for k, v in given.items() if k not in options}
    accepted: list[str] = []
    if isinstance(base, (SymbolicGame, ContinuousGame, MultilevelGame)):
        accepted = [s.name for s in base.parameters]
    unknown = [k for k in rest if k not in accepted]
    if unknown:
        known = ", ".join(accepted + options) or "none"
        raise _CommandError(f"model {name}: unknown parameter {unknown[0]!r}; its parameters and options: {known}", 2)
    values: dict[str, Any] = {}
    for k, v in rest.items():
        number = _number(v, k)
        if number is None:
            raise _CommandError(f"--set {k}={v}: expected a number such as 3, 0.5 or 1/2, got {v!r}", 2)
        values[k] = number
    if isinstance(base, (SymbolicGame, MultilevelGame)):
        used = {s.name: v for s, v in base.defaults.items()}
        used.update(values)
        try:
            game = base.numeric(**values)
        except CoopgameError as err:
            raise _CommandError(f"model {name}: {err}", 2) from None
        return game, structural, used
    if isinstance(base, ContinuousGame):
        used = {s.name: v for s, v in base.defaults.items()}
        used.update(values)
        return base, structural, used
    return base, structural, {}


def _value_text(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    try:
        return _fraction_text(v)
    except (TypeError, ValueError):
        return str(v)


def _json_value(v: Any) -> Any:
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, dict):
        return {str(k): _json_value(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_json_value(x) for x in v]
    if hasattr(v, "tolist"):
        return _json_value(v.tolist())
    try:
        return float(v)
    except (TypeError, ValueError):
        return str(v)


def _solve_model(name: str, game: Any, used: dict[str, Any]) -> tuple[Any, str]:
    """The equilibria of a catalog model and a sentence saying which they are."""
    import coopgame
    from coopgame.games.continuous import ContinuousGame
    from coopgame.games.normal_form import NormalFormGame
    from coopgame.games.symmetric import SymmetricGame

    if isinstance(game, NormalFormGame):
        found = _solve_game(game, "auto", f"model {name}")
        return found, _describe(found, game, "auto")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if isinstance(game, SymmetricGame):
            found = coopgame.mixed_equilibria(game)
            note = "symmetric equilibria: every player uses the same strategy"
        elif isinstance(game, ContinuousGame):
            found = [coopgame.continuous_equilibrium(game, values=dict(used))]
            note = "one equilibrium, by continuous_equilibrium"
        elif isinstance(game, coopgame.MultilevelGame):
            found = coopgame.solve_multilevel(game)
            note = "solved level by level: upper-level pure equilibria, then the lower game each selects"
        else:
            raise _CommandError(f"model {name}: solving is not available for a {type(game).__name__}", 1)
    _warn(caught)
    return found, note


def _model(args: argparse.Namespace) -> int:
    from coopgame.games.normal_form import NormalFormGame

    game, options, used = _build_model(args.name, _parse_values(args.values))
    title = args.name
    if options:
        title += " (" + ", ".join(f"{k}={_value_text(v)}" for k, v in options.items()) + ")"
    if used:
        title += ": " + ", ".join(f"{k}={_value_text(v)}" for k, v in sorted(used.items()))
    equilibria: Any = []
    note = ""
    if args.solve:
        equilibria, note = _solve_model(args.name, game, used)
    if args.json:
        out: dict[str, Any] = {"model": args.name, "options": {k: _json_value(v) for k, v in options.items()},
                               "values": {k: _value_text(v) for k, v in sorted(used.items())}}
        if isinstance(game, NormalFormGame):
            out["game"] = {"players": list(game.players), "actions": [list(a) for a in game.actions],
                           "payoffs": [[_json_value(x) for x in p.tolist()] for p in game.payoffs]}
        else:
            out["game"] = repr(game)
        if args.solve:
            if isinstance(game, NormalFormGame):
                out.update(_solutions_json(game, equilibria, False))
            else:
                out["equilibria"] = [_json_value(eq.to_dict()) if hasattr(eq, "to_dict") else repr(eq)
                                     for eq in equilibria]
                out["note"] = getattr(equilibria, "note", "")
            out["description"] = note
        print(json.dumps(out))
        return 0
    print(title)
    print(repr(game))
    if args.solve:
        if isinstance(game, NormalFormGame):
            print(_equilibria_table("", game, equilibria, note))
        else:
            count = len(equilibria)
            noun = "equilibrium" if count == 1 else "equilibria"
            print(f"{count if count else 'No'} {noun} ({note}){':' if count else '.'}")
            for k, eq in enumerate(equilibria):
                print(f"  {k + 1}  {eq!r}")
    return 0


# ---------------------------------------------------------------------- tour
def _tour(args: argparse.Namespace) -> int:
    try:
        tour = importlib.import_module("coopgame.tour")
    except ModuleNotFoundError as err:
        if err.name != "coopgame.tour":
            raise
        raise _CommandError("the tour is not available in this version of coopgame", 1) from None
    try:
        code = tour.main(list(args.tour_args))
    except SystemExit as stop:  # the tour's own --help or usage errors
        code = stop.code
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


# ---------------------------------------------------------------------- entry point
def _say(message: str) -> None:
    print(f"coopgame: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``coopgame`` command with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name.

    Returns
    -------
    int
        0 on success; 1 for a bad game file, or when a solver fails or
        refuses; 2 for bad arguments; 130 when interrupted. Errors are
        printed as one line on standard error, never as a traceback.

    Examples
    --------
    >>> from coopgame.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    coopgame ...
    0
    """
    from coopgame.errors import CoopgameError

    parser = _build_parser()
    try:
        try:
            args, extra = parser.parse_known_args(sys.argv[1:] if argv is None else list(argv))
        except SystemExit as stop:  # --help and --version print, then exit
            return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
        if args.command is None:
            raise _CommandError("expected a command (solve, models, model or tour); see 'coopgame --help'", 2)
        if args.command == "tour":
            args.tour_args = extra  # the tour parses its own options
        elif extra:
            raise _CommandError(f"unrecognized arguments: {' '.join(extra)} (see 'coopgame {args.command} --help')", 2)
        return int(args.handler(args))
    except _CommandError as err:
        _say(f"error: {' '.join(str(err).split())}")
        return err.code
    except CoopgameError as err:  # a bad game file, or a solver that failed or refused
        _say(f"error: {' '.join(str(err).split())}")
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        # the reader of our output went away (e.g. `coopgame solve big.nfg | head`)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1


if __name__ == "__main__":  # python -m coopgame.cli
    sys.exit(main())
