"""Tests of the ``coopgame`` command line (coopgame.cli)."""

from __future__ import annotations

import io
import json
import pathlib
import subprocess
import sys
import types

import pytest

import coopgame as cg
from coopgame.cli import main
from coopgame.io import write_nfg

DATA = pathlib.Path(__file__).parent / "data"

PENNIES = ('NFG 1 R "Matching pennies" { "Row" "Column" } '
           '{ { "Heads" "Tails" } { "Heads" "Tails" } } 1 -1 -1 1 -1 1 1 -1\n')
# Gambit's e02.nfg (Selten 1975): degenerate, two extreme equilibria
E02 = 'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"\n{ "Player 1" "Player 2" } { 3 2 }\n1 1 0 2 0 2 1 1 0 3 2 0\n'


@pytest.fixture
def nfg(tmp_path):
    def make(text, name="game.nfg"):
        p = tmp_path / name
        p.write_text(text)
        return str(p)
    return make


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err, *words):
    assert err.startswith("coopgame: error: "), err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err
    for w in words:
        assert w in err, err


# ---------------------------------------------------------------------- solve: tables
def test_solve_table_two_players(capsys, nfg):
    code, out, err = run(capsys, "solve", nfg(PENNIES))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Matching pennies"
    assert lines[1] == "2 players, 2 x 2 strategies, exact payoffs"
    assert lines[2] == "1 equilibrium (all extreme equilibria, by vertex_enumeration):"
    assert lines[4].split() == ["#", "Row", "Column", "payoffs"]
    assert lines[5] == "  1  1/2 Heads + 1/2 Tails  1/2 Heads + 1/2 Tails  0, 0"
    assert lines[5].endswith("0, 0")


def test_solve_table_prisoners_dilemma_data_file(capsys):
    code, out, _ = run(capsys, "solve", str(DATA / "prisoners_dilemma.nfg"))
    assert code == 0
    assert out.splitlines()[-1].split() == ["1", "2", "2", "1,", "1"]


def test_solve_table_n_players_lists_isolated_equilibria(capsys):
    code, out, err = run(capsys, "solve", str(DATA / "three_country_outcomes.nfg"))
    assert code == 0 and all(line.startswith("coopgame: warning:") for line in err.splitlines())
    # the 4 pure equilibria, which are also the ends of the 3 segments where one country mixes (marked partial)
    assert ("4 equilibria (all isolated equilibria and the vertices or points of continua, by support_polynomial):"
            in out and "listed by its vertices" in out)
    assert ["Stay", "out"] * 3 + ["0,", "0,", "0"] in [line.split()[1:] for line in out.splitlines()]
    code, out, _ = run(capsys, "solve", str(DATA / "three_country_outcomes.nfg"), "--method", "pure")
    assert code == 0 and "4 equilibria (pure equilibria only, as asked by --method pure):" in out


def test_solve_n_players_too_large_falls_back_to_pure(capsys, nfg):
    import numpy as np

    rng = np.random.default_rng(5)
    big = cg.NormalFormGame([rng.integers(0, 9, size=(7, 7, 7)) for _ in range(3)], exact=True)
    code, out, _ = run(capsys, "solve", nfg(write_nfg(big, "Big")))
    assert code == 0
    assert "pure equilibria only, in a 3-player game too large for support_polynomial" in out
    code, _, err = run(capsys, "solve", nfg(write_nfg(big, "Big")), "--method", "support_polynomial")
    assert code == 1 and "support_polynomial" in err and "pure_equilibria" in err


def test_solve_degenerate_lists_all_extreme_equilibria(capsys, nfg):
    code, out, _ = run(capsys, "solve", nfg(E02))
    assert code == 0
    assert "2 equilibria (all extreme equilibria" in out
    assert "1/2 1 + 1/2 2" in out


def test_solve_no_equilibrium_found(capsys, nfg):
    # matching pennies has no pure equilibrium
    code, out, _ = run(capsys, "solve", nfg(PENNIES), "--method", "pure")
    assert code == 0
    assert "No equilibria (pure equilibria only, as asked by --method pure)." in out


def test_solve_float_game(capsys, nfg):
    code, out, _ = run(capsys, "solve", nfg('NFG 1 D "" { "A" "B" } { 2 2 } 1 0.5 0 0 0 0 1 0.5'))
    assert code == 0
    assert "float payoffs" in out
    assert "0.5 1 + 0.5 2" in out


# ---------------------------------------------------------------------- solve: JSON
def test_solve_json_exact(capsys, nfg):
    code, out, err = run(capsys, "solve", nfg(E02), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["equilibria", "method", "is_exact", "is_complete", "note"]
    assert (data["method"], data["is_exact"], data["is_complete"], data["note"]) == \
        ("vertex_enumeration", True, True, "")
    eqs = data["equilibria"]
    assert [sorted(e) for e in eqs] == [["exact", "payoffs", "strategies"]] * 2
    assert eqs[1]["strategies"] == [[1.0, 0.0, 0.0], [0.5, 0.5]]
    assert eqs[1]["payoffs"] == [1.0, 1.0]
    assert eqs[1]["exact"] == {"strategies": [["1", "0", "0"], ["1/2", "1/2"]], "payoffs": ["1", "1"]}
    for e in eqs:
        assert all(isinstance(v, float) for s in e["strategies"] for v in s)


def test_solve_json_float_has_no_exact_key(capsys, nfg):
    code, out, _ = run(capsys, "solve", nfg('NFG 1 D "" { "A" "B" } { 2 2 } 1 0.5 0 0 0 0 1 0.5'), "--json")
    assert code == 0
    eqs = json.loads(out)["equilibria"]
    assert len(eqs) == 3
    assert all(sorted(e) == ["payoffs", "strategies"] for e in eqs)
    assert eqs[1]["strategies"] == [[pytest.approx(0.5)] * 2] * 2
    assert eqs[1]["payoffs"] == [pytest.approx(0.5), pytest.approx(0.25)]


def test_solve_json_matches_the_library(capsys, nfg):
    path = nfg(PENNIES)
    from coopgame.io import read_nfg

    game = read_nfg(path)
    expected = cg.mixed_equilibria(game)
    _, out, _ = run(capsys, "solve", path, "--json")
    eqs = json.loads(out)["equilibria"]
    assert len(eqs) == len(expected)
    for e, eq in zip(eqs, expected):
        assert e["strategies"] == [[float(p) for p in s] for s in eq.strategies]
        assert e["payoffs"] == [float(v) for v in eq.payoffs]


def test_solve_json_n_players(capsys):
    code, out, err = run(capsys, "solve", str(DATA / "three_country_outcomes.nfg"), "--json")
    assert code == 0 and all(line.startswith("coopgame: warning:") for line in err.splitlines())
    data = json.loads(out)  # the 4 pure equilibria, also the ends of 3 segments of equilibria: marked partial
    assert len(data["equilibria"]) == 4 and data["is_complete"] is False and "polytope" in data["note"]
    code, out, err = run(capsys, "solve", str(DATA / "three_country_outcomes.nfg"), "--json", "--method", "pure")
    data = json.loads(out)
    assert code == 0 and len(data["equilibria"]) == 4 and data["method"] == "pure" and err == ""


@pytest.mark.parametrize("method, count", [("auto", 2), ("vertex_enumeration", 2), ("lemke_howson", 1), ("pure", 1)])
def test_solve_methods(capsys, nfg, method, count):
    code, out, _ = run(capsys, "solve", nfg(E02), "--json", "--method", method)
    assert code == 0
    assert len(json.loads(out)["equilibria"]) == count


def test_solve_support_enumeration_warning_is_one_line(capsys, nfg):
    code, out, err = run(capsys, "solve", nfg(E02), "--method", "support_enumeration")
    assert code == 0
    assert "by support_enumeration" in out
    assert err.startswith("coopgame: warning: support_enumeration:")
    assert err.count("\n") == 1


def test_solve_one_player_game(capsys, nfg):
    code, out, _ = run(capsys, "solve", nfg('NFG 1 R "" { "Solo" } { { "a" "b" } } 1 2'))
    assert code == 0
    assert "pure equilibria only, in a one-player game" in out


def test_solve_reads_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PENNIES))
    code, out, _ = run(capsys, "solve", "-", "--json")
    assert code == 0
    assert json.loads(out)["equilibria"][0]["exact"]["strategies"] == [["1/2", "1/2"], ["1/2", "1/2"]]


def test_solve_written_game(capsys, nfg):
    game = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], ["Her", "Him"],
                             [["Opera", "Football"]] * 2, exact=True)
    code, out, _ = run(capsys, "solve", nfg(write_nfg(game, "Battle")))
    assert code == 0
    assert "2/3 Opera + 1/3 Football  1/3 Opera + 2/3 Football  2/3, 2/3" in out


# ---------------------------------------------------------------------- errors
def test_error_missing_file(capsys):
    code, out, err = run(capsys, "solve", "does/not/exist.nfg")
    assert code == 1 and out == ""
    assert_one_line_error(err, "'does/not/exist.nfg'", "does not exist")


def test_error_malformed_file_names_line_and_file(capsys, nfg):
    path = nfg('NFG 1 R "" { "A" "B" } { 2 2 }\n1 2 3 4\n5 6 x 8\n')
    code, out, err = run(capsys, "solve", path)
    assert code == 1 and out == ""
    assert_one_line_error(err, f"line 3 of {path}:", "got 'x'")
    assert "read_nfg" not in err


def test_error_malformed_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('NFG 1 R "" { "A" } { 2 }\n1\n'))
    code, _, err = run(capsys, "solve", "-")
    assert code == 1
    assert_one_line_error(err, "line 3 of <stdin>:")


def test_error_multi_line_message_is_one_line(capsys, nfg):
    # the unterminated string's text spans lines; the error must not
    code, _, err = run(capsys, "solve", nfg('NFG 1 R "" { "A" } { 2 }\n1 2 "x\ny'))
    assert code == 1
    assert_one_line_error(err, "line 2 of")


@pytest.mark.parametrize("text, words", [
    ('EFG 2 R "x" { "A" }\n', "extensive-form"),
    ("", "an empty file"),
    ("hello world", "starting with 'hello world'"),
])
def test_error_not_an_nfg_file(capsys, nfg, text, words):
    code, _, err = run(capsys, "solve", nfg(text))
    assert code == 1
    assert_one_line_error(err, "expected a Gambit strategic-form file", words)


def test_error_directory(capsys, tmp_path):
    code, _, err = run(capsys, "solve", str(tmp_path))
    assert code == 1
    assert_one_line_error(err, "directory")


@pytest.mark.parametrize("argv, words", [
    ([], "expected a command"),
    (["solve"], "required: FILE"),
    (["solve", "x.nfg", "--method", "newton"], "invalid choice: 'newton'"),
    (["solve", "x.nfg", "--bogus"], "unrecognized arguments: --bogus"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_usage_errors_are_one_line_exit_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert_one_line_error(err, words)


def test_two_player_method_on_three_players_is_a_usage_error(capsys):
    code, _, err = run(capsys, "solve", str(DATA / "three_country_outcomes.nfg"), "--method", "lemke_howson")
    assert code == 2
    assert_one_line_error(err, "--method lemke_howson needs a two-player game", "3 player")


def test_solver_limit_falls_back_to_pure_with_a_note_and_exits_1_when_the_method_is_asked(capsys, nfg):
    import numpy as np

    rng = np.random.default_rng(3)
    game = cg.NormalFormGame([rng.integers(0, 9, size=(40, 40)) for _ in range(2)], exact=True)  # ~1e15 vertices
    path = nfg(write_nfg(game))
    code, out, err = run(capsys, "solve", path)  # auto: mixed_equilibria(..., fallback="pure")
    assert code == 0
    assert "(pure equilibria only, in a 2-player game too large for vertex_enumeration)" in out
    assert "Note: the game is too large for vertex_enumeration" in out and "--method lemke_howson" in out
    code, out, _ = run(capsys, "solve", path, "--json")
    data = json.loads(out)
    assert (data["method"], data["is_complete"]) == ("pure", False) and "max_seconds" in data["note"]
    code, out, err = run(capsys, "solve", path, "--method", "vertex_enumeration")
    assert code == 1 and out == ""
    assert_one_line_error(err, "vertex_enumeration", "max_seconds=", "--method lemke_howson")


# ---------------------------------------------------------------------- --version, --help, tour
def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out == f"coopgame {cg.__version__}\n"


def test_help(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "solve" in out and "tour" in out
    code, out, _ = run(capsys, "solve", "--help")
    assert code == 0 and "--method" in out and "--json" in out


def test_tour_calls_the_tour_module(capsys, monkeypatch):
    calls = []
    fake = types.ModuleType("coopgame.tour")
    fake.main = lambda argv=None: calls.append(argv) or 3
    monkeypatch.setitem(sys.modules, "coopgame.tour", fake)
    assert main(["tour", "--no-figures", "--out", "x"]) == 3
    assert calls == [["--no-figures", "--out", "x"]]
    fake.main = lambda argv=None: None
    assert main(["tour"]) == 0


def test_tour_exit_from_its_own_parser(monkeypatch):
    fake = types.ModuleType("coopgame.tour")

    def tour_main(argv=None):
        raise SystemExit(0)

    fake.main = tour_main
    monkeypatch.setitem(sys.modules, "coopgame.tour", fake)
    assert main(["tour", "--help"]) == 0


def test_tour_missing(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "coopgame.tour", None)  # makes the import fail
    code, _, err = run(capsys, "tour")
    assert code == 1
    assert_one_line_error(err, "tour is not available")


# ---------------------------------------------------------------------- real processes
def _script():
    script = pathlib.Path(sys.executable).with_name("coopgame")
    if not script.exists():
        pytest.skip("the coopgame console script is not installed next to this Python")
    return str(script)


def test_console_script_json():
    proc = subprocess.run([_script(), "solve", str(DATA / "rationals_quotes.nfg"), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    data = json.loads(proc.stdout)
    assert data["equilibria"] == [{
        "strategies": [[0.0, 1.0, 0.0], [1.0, 0.0]],
        "payoffs": [1.0, -1 / 3],
        "exact": {"strategies": [["0", "1", "0"], ["1", "0"]], "payoffs": ["1", "-1/3"]},
    }]


def test_console_script_error_has_no_traceback(tmp_path):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "" { "A" } { 2 } 1 2 3')
    proc = subprocess.run([_script(), "solve", str(bad)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("coopgame: error: line 1 of ")
    assert proc.stderr.count("\n") == 1


def test_python_dash_m():
    proc = subprocess.run([sys.executable, "-m", "coopgame", "--version"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"coopgame {cg.__version__}"


# ---------------------------------------------------------------------- models and model
def test_models_lists_the_catalog(capsys):
    from coopgame import models

    code, out, err = run(capsys, "models")
    assert code == 0 and err == ""
    lines = out.splitlines()
    catalog = models.catalog()
    assert len(lines) == len(catalog)
    for line, (name, func) in zip(lines, catalog.items()):
        first = func.__doc__.strip().splitlines()[0].strip()
        assert line.split()[0] == name
        assert line.endswith(first)


def test_model_prints_the_default_game(capsys):
    code, out, err = run(capsys, "model", "prisoners_dilemma")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "prisoners_dilemma: P=1, R=3, S=0, T=5"
    assert "\n".join(lines[1:]) == repr(cg.models.prisoners_dilemma().numeric())
    assert "equilibri" not in out


def test_model_set_overrides_defaults_numbers_and_fractions(capsys):
    code, out, _ = run(capsys, "model", "race_to_the_bottom", "--set", "G=5", "--set", "sigma=1/4", "--set", "D=0.5")
    assert code == 0
    assert out.splitlines()[0] == "race_to_the_bottom: D=1/2, G=5, sigma=1/4"
    from fractions import Fraction
    expected = cg.models.race_to_the_bottom().numeric(G=5, sigma=Fraction(1, 4), D=Fraction(1, 2))
    assert out.split("\n", 1)[1].rstrip("\n") == repr(expected)


def test_model_solve_two_players_lists_extreme_equilibria(capsys):
    code, out, err = run(capsys, "model", "chicken", "--solve")
    assert code == 0 and err == ""
    assert "3 equilibria (all extreme equilibria, by vertex_enumeration):" in out
    assert "1/2 Swerve + 1/2 Straight" in out
    assert len(cg.mixed_equilibria(cg.models.chicken().numeric())) == 3


def test_model_solve_n_players(capsys):
    code, out, err = run(capsys, "model", "public_goods", "--set", "n=3", "--solve")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "public_goods (n=3): c=4, r=3/2"
    assert "1 equilibrium (all isolated equilibria and the vertices or points of continua, by support_polynomial):" in out
    assert lines[-1].split() == ["1", "Free-ride", "Free-ride", "Free-ride", "0,", "0,", "0"]


def test_model_json(capsys):
    code, out, err = run(capsys, "model", "chicken", "--set", "S=3/2", "--solve", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["model"] == "chicken"
    assert data["values"] == {"P": "1", "R": "3", "S": "3/2", "T": "4"}
    assert data["game"]["actions"] == [["Swerve", "Straight"], ["Swerve", "Straight"]]
    assert data["game"]["payoffs"][0] == [[3.0, 1.5], [4.0, 1.0]]
    assert len(data["equilibria"]) == 3
    assert {"strategies", "payoffs", "exact"} <= set(data["equilibria"][0])


def test_model_json_without_solve_has_no_equilibria(capsys):
    code, out, _ = run(capsys, "model", "stag_hunt", "--json")
    assert code == 0
    data = json.loads(out)
    assert "equilibria" not in data and data["options"] == {}


def test_model_json_n_players(capsys):
    code, out, err = run(capsys, "model", "tripartite", "--solve", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["description"] == "all isolated equilibria and the vertices or points of continua, by support_polynomial"
    assert data["method"] == "support_polynomial"
    assert len(data["equilibria"]) == 1  # (loose, strict, abate) at the defaults
    assert "pure equilibria only" not in out + err


@pytest.mark.parametrize("argv, words", [
    (["model", "no_such_model"], ["unknown model 'no_such_model'", "chicken"]),
    (["model", "chicken", "--set", "zz=1"], ["unknown parameter 'zz'", "P, R, S, T"]),
    (["model", "chicken", "--set", "T=abc"], ["T=abc", "expected a number"]),
    (["model", "chicken", "--set", "T=1/0"], ["expected a number"]),
    (["model", "chicken", "--set", "T"], ["expected K=V"]),
    (["model", "chicken", "--set", "=3"], ["expected K=V"]),
    (["model", "chicken", "--set", "T=1", "--set", "T=2"], ["T given twice"]),
    (["model", "public_goods", "--set", "n=1"], ["public_goods", "got 1"]),
    (["model", "public_goods", "--set", "n=x"], ["public_goods"]),
    (["model"], ["NAME"]),
    (["model", "chicken", "--bogus"], ["unrecognized arguments"]),
])
def test_model_errors_are_one_line_exit_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert_one_line_error(err, *words)


def _volunteers(n=4):
    def payoff(own, counts):
        volunteers = counts[0] + (own == 0)
        return (2 if volunteers else 0) - (1 if own == 0 else 0)
    return cg.SymmetricGame(n, ["Volunteer", "Abstain"], payoff)


def test_model_symmetric_game_model(capsys, monkeypatch):
    from coopgame import models

    def volunteers(n: int = 4):
        """Volunteer's dilemma (anonymous)."""
        return _volunteers(n)

    monkeypatch.setitem(models._CATALOG, "volunteers", volunteers)
    code, out, err = run(capsys, "models")
    assert "volunteers" in out and "Volunteer's dilemma (anonymous)." in out
    code, out, err = run(capsys, "model", "volunteers", "--set", "n=5", "--solve")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "volunteers (n=5)"
    assert lines[1] == repr(_volunteers(5))
    assert "symmetric equilibria" in lines[2]
    assert "SymmetricEquilibrium(everyone" in out
    code, out, err = run(capsys, "model", "volunteers", "--set", "b=2")
    assert code == 2
    assert_one_line_error(err, "unknown parameter 'b'", "n")
    code, out, _ = run(capsys, "model", "volunteers", "--solve", "--json")
    data = json.loads(out)
    assert data["game"].startswith("SymmetricGame(")
    assert data["equilibria"] and "strategy" in data["equilibria"][0]


def test_model_continuous_game_model(capsys, monkeypatch):
    from coopgame import models
    from coopgame.games.continuous import ContinuousGame

    def contributions():
        """Continuous public goods."""
        return ContinuousGame(["e - g0 + r/2*(g0 + g1)", "e - g1 + r/2*(g0 + g1)"], ["g0", "g1"],
                              bounds=[(0, None)] * 2, defaults={"e": 1, "r": 1.5})

    monkeypatch.setitem(models._CATALOG, "contributions", contributions)
    code, out, err = run(capsys, "model", "contributions", "--set", "e=2", "--solve")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "contributions: e=2, r=3/2"
    assert lines[1].startswith("ContinuousGame(")
    assert "1 equilibrium (one equilibrium, by continuous_equilibrium):" in out
    assert "g0=0, g1=0" in out
    code, _, err = run(capsys, "model", "contributions", "--set", "q=1")
    assert code == 2
    assert_one_line_error(err, "unknown parameter 'q'", "e, r")


def test_model_other_kind_cannot_be_solved(capsys, monkeypatch):
    from coopgame import models

    class Thing:
        def __repr__(self):
            return "Thing()"

    def thing():
        """Something else."""
        return Thing()

    monkeypatch.setitem(models._CATALOG, "thing", thing)
    code, out, err = run(capsys, "model", "thing")
    assert code == 0 and out == "thing\nThing()\n"
    code, out, err = run(capsys, "model", "thing", "--solve")
    assert code == 1 and out == ""
    assert_one_line_error(err, "solving is not available", "Thing")


def test_console_script_model():
    proc = subprocess.run([_script(), "model", "stag_hunt", "--set", "S=1/2", "--solve", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    data = json.loads(proc.stdout)
    assert data["values"]["S"] == "1/2"
    assert len(data["equilibria"]) == 3
    proc = subprocess.run([_script(), "models"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "stag_hunt" in proc.stdout


def test_console_script_model_error_has_no_traceback():
    proc = subprocess.run([_script(), "model", "stag_hunt", "--set", "S=half"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("coopgame: error: --set S=half")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_model_multilevel_solves_level_by_level(capsys):
    """S10: with the provinces' joint fund the cities can cooperate; without it (f=0) they cannot."""
    assert main(["model", "multilevel", "--solve"]) == 0
    with_fund = capsys.readouterr().out
    assert "Provinces: (Cooperate, Cooperate) -> Cities: (Cooperate, Cooperate)" in with_fund
    assert main(["model", "multilevel", "--set", "f=0", "--solve"]) == 0
    without = capsys.readouterr().out
    assert "Cities: (Cooperate, Cooperate)" not in without
    assert "Provinces: (Cooperate, Cooperate) -> Cities: (Defect, Defect)" in without


# ---------------------------------------------------------------------- --explain
def test_explain_prints_why_each_equilibrium_is_one(capsys, nfg):
    code, out, err = run(capsys, "solve", nfg(PENNIES), "--explain")
    assert code == 0 and err == ""
    lines = out.splitlines()
    start = lines.index("Why equilibrium 1 is one:")
    body = "\n".join(lines[start + 1:])
    eq = cg.mixed_equilibria(cg.read_nfg(PENNIES))[0]
    assert body == "\n".join("  " + line for line in eq.explain().splitlines())
    assert "best reply" in body


def test_explain_in_json_is_a_field_of_each_equilibrium(capsys, nfg):
    code, out, _ = run(capsys, "solve", nfg(E02), "--json", "--explain")
    data = json.loads(out)
    game = cg.read_nfg(E02)
    assert code == 0
    assert [e["explanation"] for e in data["equilibria"]] == [eq.explain() for eq in cg.mixed_equilibria(game)]
    code, out, _ = run(capsys, "solve", nfg(E02), "--json")
    assert all("explanation" not in e for e in json.loads(out)["equilibria"])


# ---------------------------------------------------------------------- hostile input: exit 1 for files, 2 for arguments
@pytest.mark.parametrize("text, words", [
    ('NFG 1 R "" { "A" "B" } { 1 1 }\n' + "9" * 400 + " 1", ["line 2 of", "400 digits", "max_digits=300"]),
    ('NFG 1 R "" { "A" "B" } { 1 1 }\n' + "9" * 5000 + " 1", ["5,000 digits"]),
    ("[" * 100_000, ["nested at most 64 deep"]),
    ('{"payoffs": [[' + "9" * 5000 + ", 1]]}", ["max_digits=300"]),
    ('NFG 1 R "" { "A" } { 1000000000000000000000000000000 }\n1', ["max_size"]),
    ("\x00\x01\x02binary", ["binary data"]),
])
def test_hostile_game_files_exit_1_with_one_line(capsys, nfg, text, words):
    name = "game.json" if text.startswith(("[", "{")) else "game.nfg"
    code, out, err = run(capsys, "solve", nfg(text, name))
    assert code == 1 and out == ""
    assert_one_line_error(err, *words)


@pytest.mark.parametrize("argv, words", [
    (["model", "prisoners_dilemma", "--set", "T=1e999", "--solve"], ["--set T=", "max_digits=300"]),
    (["model", "prisoners_dilemma", "--set", "T=1e999999999"], ["max_digits=300"]),
    (["model", "prisoners_dilemma", "--set", "T=inf"], ["expected a number"]),
    (["model", "prisoners_dilemma", "--set", "T=1/0"], ["zero denominator"]),
    (["model", "prisoners_dilemma", "--set", "T"], ["expected K=V"]),
    (["model", "prisoners_dilemma", "--set", "=3"], ["expected K=V"]),
    (["model", "public_goods_continuous", "--set", "n=1000", "--solve"], ["max_regions"]),
    (["model", "public_goods", "--set", "n=100000000000000000000", "--solve"], ["max_players"]),
    (["solve", "x.nfg", "--explain=yes"], ["--explain"]),
    (["models", "--bogus"], ["unrecognized arguments: --bogus"]),
])
def test_bad_arguments_exit_2_with_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert_one_line_error(err, *words)
