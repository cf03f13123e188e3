"""Hostile game files and arguments: each is refused with a typed error, at once, naming the line and the limit."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

import coopgame as cg
from coopgame.errors import InvalidArgumentTypeError, InvalidFileError, InvalidGameError
from coopgame.io import parse_game, read_game, read_nfg, write_nfg
from coopgame.io.gamefile import game_from_dict, write_game_json

HEAD = 'NFG 1 R "" { "A" "B" } { 1 1 }\n'
PD = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)


# ---------------------------------------------------------------- huge numbers
@pytest.mark.parametrize("digits", [301, 400, 5000])
def test_nfg_numbers_beyond_max_digits_are_refused_naming_line_and_limit(digits):
    with pytest.raises(InvalidFileError, match=f"line 2: .*{digits:,} digits, above the limit max_digits=300"):
        read_nfg(HEAD + "9" * digits + " 1")


def test_nfg_numbers_within_the_limit_stay_exact_and_the_limit_can_be_raised():
    big = 10**299
    assert read_nfg(HEAD + f"{big} 1/3").payoffs[0][0] == big
    with pytest.raises(InvalidFileError, match="line 2: .*6 digits, above the limit max_digits=5"):
        read_nfg(HEAD + "123456 1", max_digits=5)
    assert read_nfg(HEAD + f"1/{10**299} 1").payoffs[0][0] == Fraction(1, 10**299)


def test_exact_decimals_with_huge_exponents_are_refused_before_they_are_built():
    with pytest.raises(InvalidFileError, match="line 2: .*max_digits=300"):
        read_nfg(HEAD + "1e999999999 1", exact=True)  # would build a billion-digit integer
    with pytest.raises(InvalidFileError, match="line 2: .*max_digits=300"):
        read_nfg(HEAD + "1e-999999999 1", exact=True)
    assert read_nfg(HEAD + "1.5e2 1", exact=True).payoffs[0][0] == 150
    with pytest.raises(InvalidFileError, match="max_digits=300; pass exact=False"):
        read_nfg(HEAD + "1e999 1.0")  # decimals are exact by default (as in Gambit): refused before it is built
    with pytest.raises(InvalidFileError, match="fits a float"):
        read_nfg(HEAD + "1e999 1.0", exact=False)


@pytest.mark.parametrize("text", ['{"payoffs": [[%s, 1]]}', '{"payoffs": [["%s", 1]]}', "payoffs: [[%s, 1]]",
                                  '{"payoffs": [["x", 1]], "parameters": {"x": %s}}'])
def test_json_and_yaml_numbers_beyond_max_digits_are_refused(text):
    for digits in (400, 5000):
        with pytest.raises(InvalidFileError, match="max_digits=300|digits"):
            parse_game(text % ("9" * digits))


@pytest.mark.parametrize("text", ['{"payoffs": [[1e999, 1]]}', '{"payoffs": [[NaN, 1]]}',
                                  '{"payoffs": [[-Infinity, 1]]}', "payoffs: [[.inf, 1]]"])
def test_non_finite_numbers_in_json_and_yaml_are_refused(text):
    with pytest.raises(InvalidFileError, match="finite|fits a float"):
        parse_game(text)


# ---------------------------------------------------------------- huge dimensions
@pytest.mark.parametrize("counts", ["1000000000000000000000000000000 2", "100000 100000", "9" * 5000])
def test_huge_declared_dimensions_are_refused_before_allocation(counts):
    with pytest.raises(InvalidFileError, match="max_size=10,000,000"):
        read_nfg('NFG 1 R "" { "A" "B" } { ' + counts + ' }\n1 2')


def test_the_size_limit_is_a_keyword():
    with pytest.raises(InvalidFileError, match="max_size=3"):
        read_nfg('NFG 1 R "" { "A" "B" } { 2 1 }\n1 2 3 4', max_size=3)
    assert read_nfg('NFG 1 R "" { "A" "B" } { 2 1 }\n1 2 3 4', max_size=4).shape == (2, 1)
    labels = 'NFG 1 R "" { "A" "B" } { { "x" "y" } { "z" } }\n1 2 3 4'
    with pytest.raises(InvalidFileError, match="max_size=3"):
        read_nfg(labels, max_size=3)


def test_huge_outcome_indices_are_refused():
    with pytest.raises(InvalidFileError, match="outcome index"):
        read_nfg('NFG 1 R "" { "A" } { { "x" } } { { "o" 1 } } ' + "9" * 5000)


def test_yaml_aliases_cannot_blow_a_small_file_up():
    rows = ["payoffs:", "  - &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    prev = "a"
    for name in "bcdefgh":
        rows.append(f"  - &{name} [{', '.join(['*' + prev] * 10)}]")
        prev = name
    with pytest.raises(InvalidFileError, match="max_size"):
        parse_game("\n".join(rows) + "\n")


# ---------------------------------------------------------------- nesting
@pytest.mark.parametrize("text", ["[" * 5000, '{"payoffs": ' + "[" * 5000, "payoffs: " + "[" * 5000])
def test_deep_nesting_is_refused(text):
    with pytest.raises(InvalidFileError, match="nested at most 64 deep"):
        parse_game(text)


def test_deep_yaml_blocks_and_deep_dicts_are_refused():
    with pytest.raises(InvalidFileError):
        parse_game("payoffs:\n" + "".join("  " * i + "-\n" for i in range(1200)))
    deep: list = [1]
    for _ in range(100):
        deep = [deep]
    with pytest.raises(InvalidGameError, match="nested at most 64 deep"):
        game_from_dict({"payoffs": [deep]})


# ---------------------------------------------------------------- text, paths and binary data
@pytest.mark.parametrize("source", ["\x89PNG\x00\x01\x02", b"\x89PNG\r\n\x1a\n\x00\x00", "abc\x00def"])
def test_binary_data_is_refused_not_taken_for_a_path(source):
    for reader in (read_nfg, read_game):
        with pytest.raises(InvalidFileError, match="binary data"):
            reader(source)


def test_binary_files_are_refused(tmp_path):
    path = tmp_path / "junk.nfg"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InvalidFileError, match="binary data"):
        read_nfg(path)


def test_utf16_files_with_a_byte_order_mark_are_read(tmp_path):
    path = tmp_path / "game.nfg"
    path.write_bytes('NFG 1 R "Élan" { "A" } { { "é" "b" } }\n1 2'.encode("utf-16"))
    assert read_nfg(path).actions == (("é", "b"),)


@pytest.mark.parametrize("source", [5, None, 2.5, ["NFG"], True])
def test_sources_of_the_wrong_type_are_typed_errors(source):
    for reader in (read_nfg, read_game):
        with pytest.raises(InvalidArgumentTypeError):
            reader(source)


@pytest.mark.parametrize("path", [5, 0, True, b"x.nfg", 2.5, ["x"]])
def test_write_accepts_only_paths(path):
    with pytest.raises(InvalidArgumentTypeError, match="str or os.PathLike"):
        write_nfg(PD, path=path)
    with pytest.raises(InvalidArgumentTypeError, match="str or os.PathLike"):
        write_game_json(PD, path=path)


def test_write_to_an_unwritable_place_is_an_invalid_file_error(tmp_path):
    with pytest.raises(InvalidFileError, match="cannot write"):
        write_nfg(PD, path=tmp_path / "missing" / "pd.nfg")
    with pytest.raises(InvalidArgumentTypeError):
        write_nfg(PD, title=5)
    with pytest.raises(InvalidArgumentTypeError):
        write_game_json(PD, title=b"x")


# ---------------------------------------------------------------- formulas
@pytest.mark.parametrize("formula", ["9**9**9**9", "2**(99*99)", "x**y", "x.__class__", "__import__('os')",
                                     "x^2", "a" * 1001, "(" * 100 + "x" + ")" * 100, "lambda: 1", "x;y"])
def test_formulas_that_could_do_more_than_arithmetic_are_refused(formula):
    with pytest.raises(InvalidFileError, match=r"payoffs\[0\]\[0\]"):
        parse_game('{"payoffs": [[' + json.dumps(formula) + ', 1]]}')


def test_ordinary_formulas_are_read():
    game = parse_game('{"payoffs": [["x**2 - c", "Max(x, c)/2"]], "parameters": {"x": 3, "c": 1}}').game
    assert game.numeric().payoffs[0].tolist() == [8, Fraction(3, 2)]


@pytest.mark.parametrize("reader", [read_game, parse_game, read_nfg])
@pytest.mark.parametrize("max_digits", [10**400, 4301, 0, float("nan")])
def test_max_digits_beyond_what_python_reads_is_refused(reader, max_digits):
    from coopgame.errors import InvalidArgumentError
    from coopgame.io.text import MAX_DIGITS_LIMIT

    assert MAX_DIGITS_LIMIT == 4300
    with pytest.raises(InvalidArgumentError, match="expected max_digits"):
        reader('{"payoffs": [[[1]], [[1]]]}' if reader is not read_nfg else 'NFG 1 R "" { "1" } { 1 } 1', max_digits=max_digits)


@pytest.mark.parametrize("fmt", [1, ["json"], b"json", float("nan")])
def test_format_that_is_not_a_name_is_refused(fmt):
    with pytest.raises(InvalidFileError, match="expected format 'nfg', 'json' or 'yaml'"):
        parse_game('{"payoffs": [[[1]], [[1]]]}', fmt)
