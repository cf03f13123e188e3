"""Fuzzing the ``coopgame`` command line with hostile files and bad arguments.

Every case must end with exit status 1 (a bad game file, or a solver's
refusal) or 2 (bad arguments), one line on standard error and no traceback,
within a time limit. The cases: huge numbers, deep nesting, binary junk,
huge declared dimensions, empty files, wrong encodings, hostile formulas,
and malformed arguments.

The default run sends the whole corpus through one subprocess (the command's
``main`` called per case, each under an alarm) plus one run of
``python -m coopgame.cli`` itself, to stay fast. ``COOPGAME_FUZZ_LONG=1``
runs every case in its own ``python -m coopgame.cli`` process and adds
random mutations of valid files.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap

import pytest

LONG = os.environ.get("COOPGAME_FUZZ_LONG") == "1"
CASE_SECONDS = 20  # per case; every refusal here is immediate, so this only catches hangs

VALID_NFG = 'NFG 1 R "PD" { "North" "South" } { { "Govern" "Free-ride" } { "Govern" "Free-ride" } }\n3 3 5 0 0 5 1 1\n'
VALID_JSON = '{"players": ["A", "B"], "payoffs": [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]}'


def _nested_yaml(depth: int) -> str:
    return "payoffs:\n" + "".join("  " * i + "-\n" for i in range(depth))


#: (name, file name, file contents as bytes) for ``coopgame solve FILE``: all must exit 1.
FILES: list[tuple[str, str, bytes]] = [
    ("nfg 400-digit payoff", "big.nfg", ('NFG 1 R "" { "A" "B" } { 1 1 }\n' + "9" * 400 + " 1").encode()),
    ("nfg 5000-digit payoff", "big5k.nfg", ('NFG 1 R "" { "A" "B" } { 1 1 }\n' + "9" * 5000 + " 1").encode()),
    ("nfg 1e999 payoff", "inf.nfg", b'NFG 1 R "" { "A" "B" } { 1 1 }\n1e999 1'),
    ("nfg huge rational", "frac.nfg", ('NFG 1 R "" { "A" "B" } { 1 1 }\n1/' + "7" * 5000 + " 1").encode()),
    ("nfg huge exponent", "exp.nfg", b'NFG 1 R "" { "A" "B" } { 1 1 }\n1e99999999999999999999 1'),
    ("nfg dimension 10**30", "dim.nfg", b'NFG 1 R "" { "A" } { 1000000000000000000000000000000 }\n1'),
    ("nfg dimensions 10**5 x 10**5", "dim2.nfg", b'NFG 1 R "" { "A" "B" } { 100000 100000 }\n1 2'),
    ("nfg 5000-digit dimension", "dim3.nfg", ('NFG 1 R "" { "A" } { ' + "9" * 5000 + " }\n1").encode()),
    ("nfg 60 players", "players.nfg", ('NFG 1 R "" { ' + " ".join(f'"P{k}"' for k in range(60)) + " } { "
                                       + " ".join(["2"] * 60) + " }\n1").encode()),
    ("nfg huge outcome index", "outcome.nfg", ('NFG 1 R "" { "A" } { { "x" } } { { "o" 1 } } ' + "9" * 5000).encode()),
    ("nfg truncated", "cut.nfg", VALID_NFG[:40].encode()),
    ("nfg unterminated string", "quote.nfg", b'NFG 1 R "never closed'),
    ("efg file", "game.efg", b'EFG 2 R "x" { "A" "B" }\n'),
    ("json 5000-digit int", "big.json", ('{"payoffs": [[' + "9" * 5000 + ", 1]]}").encode()),
    ("json 1e999", "inf.json", b'{"payoffs": [[1e999, 1]]}'),
    ("json NaN", "nan.json", b'{"payoffs": [[NaN, 1]]}'),
    ("json huge text number", "text.json", ('{"payoffs": [["' + "9" * 5000 + '", 1]]}').encode()),
    ("json nested brackets", "nest.json", b"[" * 100_000),
    ("json nested objects", "obj.json", b'{"a": ' * 50_000),
    ("json nested payoffs", "deep.json", b'{"payoffs": ' + b"[" * 3000 + b"1" + b"]" * 3000 + b"}"),
    ("json power tower", "tower.json", b'{"payoffs": [["9**9**9**9", 1]]}'),
    ("json attribute access", "attr.json", b'{"payoffs": [["x.__class__", 1]], "parameters": {"x": 1}}'),
    ("json long formula", "long.json", ('{"payoffs": [["' + "x+" * 5000 + 'x", 1]], "parameters": {"x": 1}}').encode()),
    ("json no payoffs", "none.json", b'{"players": ["A"]}'),
    ("json list of lists only", "list.json", b"[[1, 2], [3, 4]]"),
    ("yaml nested blocks", "nest.yaml", _nested_yaml(1500).encode()),
    ("yaml nested flow", "flow.yaml", b"payoffs: " + b"[" * 100_000),
    ("yaml 5000-digit int", "big.yaml", ("payoffs: [[" + "9" * 5000 + ", 1]]").encode()),
    ("yaml alias bomb", "bomb.yaml", ("payoffs:\n  - &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
                                      + "".join(f"  - &{c} [{', '.join(['*' + p] * 10)}]\n"
                                                for p, c in zip("abcdefg", "bcdefgh"))).encode()),
    ("yaml python tag", "tag.yaml", b"payoffs: !!python/object/apply:os.system ['true']"),
    ("binary junk", "junk.nfg", random.Random(1).randbytes(4096)),
    ("png header", "image.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
    ("nul bytes", "nul.nfg", b"NFG 1 R \x00\x00\x00"),
    ("empty file", "empty.nfg", b""),
    ("whitespace only", "space.json", b" \n\t\n  "),
    ("byte-order mark only", "bom.nfg", b"\xef\xbb\xbf"),
    ("utf-16 without a byte-order mark", "utf16.nfg", VALID_NFG.encode("utf-16-le")),
    ("utf-32", "utf32.nfg", VALID_NFG.encode("utf-32")),
    ("text that is a path", "path.nfg", b"/etc/passwd"),
]

#: Bad command lines: all must exit 2.
ARGUMENTS: list[tuple[str, list[str]]] = [
    ("no command", []),
    ("unknown command", ["frobnicate"]),
    ("unknown option", ["solve", "game.nfg", "--bogus"]),
    ("unknown method", ["solve", "game.nfg", "--method", "newton"]),
    ("solve without a file", ["solve"]),
    ("option with a value it does not take", ["solve", "game.nfg", "--json=yes"]),
    ("--set without =", ["model", "prisoners_dilemma", "--set", "T"]),
    ("--set without a name", ["model", "prisoners_dilemma", "--set", "=3"]),
    ("--set twice", ["model", "prisoners_dilemma", "--set", "T=5", "--set", "T=6"]),
    ("--set 1e999", ["model", "prisoners_dilemma", "--set", "T=1e999", "--solve"]),
    ("--set huge exponent", ["model", "prisoners_dilemma", "--set", "T=1e99999999999", "--solve"]),
    ("--set nan", ["model", "prisoners_dilemma", "--set", "T=nan", "--solve"]),
    ("--set inf", ["model", "prisoners_dilemma", "--set", "T=inf"]),
    ("--set text", ["model", "prisoners_dilemma", "--set", "T=abc"]),
    ("--set 1/0", ["model", "prisoners_dilemma", "--set", "T=1/0"]),
    ("--set unknown parameter", ["model", "prisoners_dilemma", "--set", "zz=1"]),
    ("--set huge n", ["model", "public_goods", "--set", "n=100000000000000000000", "--solve"]),
    ("--set n=1000 continuous", ["model", "public_goods_continuous", "--set", "n=1000", "--solve"]),
    ("--set negative n", ["model", "public_goods", "--set", "n=-3"]),
    ("--set fractional n", ["model", "public_goods", "--set", "n=5/2"]),
    ("unknown model", ["model", "no_such_model"]),
    ("model with a 5000-digit name", ["model", "x" * 5000]),
    ("models with an argument", ["models", "extra"]),
]

# Runs each case through coopgame.cli.main in this process: exit status, stderr, traceback, time.
DRIVER = textwrap.dedent("""
    import contextlib, io, json, signal, sys, time, traceback
    from coopgame.cli import main

    class Hang(BaseException):
        pass

    def alarm(signum, frame):
        raise Hang()

    signal.signal(signal.SIGALRM, alarm)
    results = []
    for name, argv, seconds in json.load(sys.stdin):
        err, out = io.StringIO(), io.StringIO()
        start = time.monotonic()
        signal.alarm(seconds)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                code = main(argv)
        except Hang:
            code = "hang"
        except BaseException:
            code = "exception"
            err.write(traceback.format_exc())
        finally:
            signal.alarm(0)
        results.append([name, code, err.getvalue(), round(time.monotonic() - start, 2)])
    print(json.dumps(results))
""")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The hostile files on disk and every case as (name, argv, expected exit status)."""
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "game.nfg").write_text(VALID_NFG)
    cases = []
    for name, file_name, data in FILES:
        path = folder / file_name
        path.write_bytes(data)
        cases.append((name, ["solve", str(path)], 1))
        if name in ("json nested brackets", "binary junk", "nfg 400-digit payoff"):
            cases.append((name + " (--json --explain)", ["solve", str(path), "--json", "--explain"], 1))
    cases.append(("a directory", ["solve", str(folder)], 1))
    cases.append(("a missing file", ["solve", str(folder / "missing.nfg")], 1))
    cases.append(("a path with a NUL", ["solve", str(folder / "a\x00b.nfg")], 1))
    cases.extend((name, [a if a != "game.nfg" else str(folder / "game.nfg") for a in argv], 2)
                 for name, argv in ARGUMENTS)
    return folder, cases


def _run_driver(cases, cwd):
    payload = json.dumps([[name, argv, CASE_SECONDS] for name, argv, _ in cases])
    proc = subprocess.run([sys.executable, "-c", DRIVER], input=payload, capture_output=True, text=True,
                          timeout=120 + CASE_SECONDS * len(cases), cwd=cwd)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.splitlines()[-1])


def _problems(cases, results):
    expected = {name: code for name, _, code in cases}
    bad = []
    for name, code, err, seconds in results:
        if code != expected[name] or "Traceback" in err or not err.startswith("coopgame: error: ") \
                or err.count("\n") != 1:
            bad.append(f"{name}: exit {code} (expected {expected[name]}) after {seconds}s; stderr {err[-400:]!r}")
    return bad


def _root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_every_hostile_case_exits_1_or_2_with_one_line_and_no_traceback(corpus):
    _, cases = corpus
    results = _run_driver(cases, _root())
    assert len(results) == len(cases)
    assert _problems(cases, results) == []


def test_the_command_itself_on_a_hostile_file(corpus):
    folder, _ = corpus
    proc = subprocess.run([sys.executable, "-m", "coopgame.cli", "solve", str(folder / "nest.json")],
                          capture_output=True, text=True, timeout=120, cwd=_root())
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("coopgame: error: ") and "Traceback" not in proc.stderr


@pytest.mark.skipif(not LONG, reason="the long fuzzing run: set COOPGAME_FUZZ_LONG=1")
def test_long_every_case_in_its_own_process(corpus):
    _, cases = corpus
    bad = []
    for name, argv, expected in cases:
        if any("\x00" in a for a in argv):
            continue  # a process cannot receive a NUL in its arguments; the in-process run covers it
        try:
            proc = subprocess.run([sys.executable, "-m", "coopgame.cli", *argv], capture_output=True, text=True,
                                  timeout=60 + CASE_SECONDS, cwd=_root())
        except subprocess.TimeoutExpired:
            bad.append(f"{name}: did not finish")
            continue
        if proc.returncode != expected or "Traceback" in proc.stderr:
            bad.append(f"{name}: exit {proc.returncode}; stderr {proc.stderr[-400:]!r}")
    assert bad == []


@pytest.mark.skipif(not LONG, reason="the long fuzzing run: set COOPGAME_FUZZ_LONG=1")
def test_long_random_mutations_of_valid_files(tmp_path):
    rng = random.Random(2026)
    cases = []
    for k in range(300):
        base = bytearray((VALID_NFG if k % 2 else VALID_JSON).encode())
        for _ in range(rng.randint(1, 8)):
            action = rng.choice(("flip", "cut", "insert", "repeat"))
            pos = rng.randrange(len(base))
            if action == "flip":
                base[pos] = rng.randrange(256)
            elif action == "cut":
                del base[pos:pos + rng.randint(1, 20)]
            elif action == "insert":
                base[pos:pos] = rng.choice([b"[", b"{", b"9" * 500, b"\x00", b'"', b"1e999", b"-", b"/0"])
            else:
                base[pos:pos] = bytes(base[pos:pos + 5]) * rng.randint(2, 2000)
            if not base:
                base = bytearray(b" ")
        path = tmp_path / f"m{k}.{'nfg' if k % 2 else 'json'}"
        path.write_bytes(bytes(base))
        cases.append((f"mutation {k}", ["solve", str(path)], None))
    results = _run_driver(cases, _root())
    bad = [f"{name}: exit {code}; {err[-300:]!r}" for name, code, err, _ in results
           if code not in (0, 1) or "Traceback" in err]
    assert bad == []
