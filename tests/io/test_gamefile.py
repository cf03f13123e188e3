"""The JSON/YAML game format (coopgame.io.gamefile) and `coopgame solve` on such files."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings

import coopgame as cg
from coopgame.cli import main
from coopgame.errors import InvalidFileError, InvalidGameError
from coopgame.io.gamefile import (
    game_from_dict,
    game_to_dict,
    parse_game,
    read_game,
    write_game_json,
)
from coopgame.io.nfg import write_nfg
from tests.strategies import games

RIVER = {
    "title": "River",
    "players": ["Upstream", "Downstream"],
    "actions": [["Govern", "Free-ride"], ["Govern", "Free-ride"]],
    "payoffs": [[["b - c", "-c"], ["b", 0]], [["b - c", "b"], ["-c", 0]]],
    "parameters": {"b": 3, "c": "1/2"},
}


@settings(deadline=None, max_examples=40)
@given(games())
def test_round_trip_of_numeric_games(game):
    back = read_game(write_game_json(game)).game
    assert back == game
    assert back.is_exact == game.is_exact


def test_symbolic_game_round_trip_and_defaults():
    game = game_from_dict(RIVER)
    assert isinstance(game, cg.SymbolicGame)
    assert [s.name for s in game.parameters] == ["b", "c"]
    numeric = game.numeric()
    assert numeric.payoffs[0][0, 0] == Fraction(5, 2)
    again = game_from_dict(game_to_dict(game))
    assert again.numeric() == numeric
    assert again.players == game.players and again.actions == game.actions


def test_exactness_rules():
    assert game_from_dict({"payoffs": [[1, 2]]}).is_exact
    assert not game_from_dict({"payoffs": [[1, 2.5]]}).is_exact
    assert game_from_dict({"payoffs": [["1/3", "0.25"]]}).payoffs[0][0] == Fraction(1, 3)
    assert not game_from_dict({"payoffs": [[1, 2]], "exact": False}).is_exact


@pytest.mark.parametrize("data, fragment", [
    ({}, "'payoffs'"),
    ({"payoffs": []}, "non-empty"),
    ({"payoffs": [[1, None]]}, "payoffs[0][1]"),
    ({"payoffs": [[1, True]]}, "payoffs[0][1]"),
    ({"payoffs": [[1, 2]], "colour": "red"}, "'colour'"),
    ({"payoffs": [[1, 2]], "exact": "yes"}, "'exact'"),
    ({"payoffs": [[1, 2]], "parameters": {"a": 1}}, "no payoff is a formula"),
    ({"payoffs": [["a", 2]], "parameters": {"a": 1, "z": 2}}, "z"),
    ({"payoffs": [["a", 2]], "parameters": {"a": [1]}}, "parameter 'a'"),
    ({"payoffs": [[1, 2], [1]]}, "NormalFormGame"),
    ([1, 2], "mapping"),
])
def test_bad_games_name_what_is_wrong(data, fragment):
    with pytest.raises(InvalidGameError) as err:
        game_from_dict(data)
    assert fragment in str(err.value)
    assert isinstance(err.value, ValueError)


def test_read_game_by_extension_and_sniffing(tmp_path):
    game = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    (tmp_path / "pd.nfg").write_text(write_nfg(game))
    (tmp_path / "pd.json").write_text(write_game_json(game, title="PD"))
    (tmp_path / "pd.yml").write_text("title: PD\npayoffs:\n  - [[3, 0], [5, 1]]\n  - [[3, 5], [0, 1]]\n")
    for name, fmt in [("pd.nfg", "nfg"), ("pd.json", "json"), ("pd.yml", "yaml")]:
        got = read_game(tmp_path / name)
        assert got.format == fmt
        assert got.game.payoffs[0].tolist() == game.payoffs[0].tolist()
    assert read_game(str(tmp_path / "pd.json")).title == "PD"


def test_read_game_errors(tmp_path):
    with pytest.raises(InvalidFileError, match="missing.json'.* does not exist"):
        read_game(tmp_path / "missing.json")
    with pytest.raises(InvalidFileError, match="line 2 .*invalid JSON"):
        parse_game('{"payoffs":\n [[1, 2]')
    with pytest.raises(InvalidFileError, match="invalid YAML"):
        parse_game("payoffs: [[[1, 2]]\n")
    with pytest.raises(InvalidFileError, match="game mapping"):
        parse_game("just words")
    with pytest.raises(InvalidFileError, match="format"):
        parse_game("{}", format="xml")


def test_cli_solves_json_and_yaml_like_nfg(tmp_path, capsys):
    path = tmp_path / "river.json"
    path.write_text(json.dumps(RIVER))
    assert main(["solve", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["equilibria"][0]["exact"]["strategies"] == [["0", "1"], ["0", "1"]]
    chicken = tmp_path / "chicken.yaml"
    chicken.write_text("players: [North, South]\npayoffs:\n  - [[6, 2], [7, 0]]\n  - [[6, 7], [2, 0]]\n")
    assert main(["solve", str(chicken)]) == 0
    text = capsys.readouterr().out
    assert "3 equilibria" in text and "2/3 1 + 1/3 2" in text
    # the same game as an .nfg file gives the same equilibria
    game = read_game(chicken).game
    nfg = tmp_path / "chicken.nfg"
    nfg.write_text(write_nfg(game))
    assert main(["solve", str(nfg)]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == text.splitlines()[2:]


def test_cli_game_file_errors_are_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"payoffs": [["a", 1]]}')
    assert main(["solve", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a" in err and "parameters" in err
    (tmp_path / "empty.json").write_text("")
    assert main(["solve", str(tmp_path / "empty.json")]) == 1
    assert "empty file" in capsys.readouterr().err
    (tmp_path / "x.efg").write_text("EFG 2 R")
    assert main(["solve", str(tmp_path / "x.efg")]) == 1
    assert "extensive-form" in capsys.readouterr().err
