"""Notebook display of games: HTML payoff tables (labels and payoffs) and LaTeX for symbolic games."""

from __future__ import annotations

import re
from fractions import Fraction

import coopgame as cg
from coopgame.games.symmetric import SymmetricGame


def cells(html: str) -> list[str]:
    return re.findall(r"<t[dh]>(.*?)</t[dh]>", html)


def captions(html: str) -> list[str]:
    return re.findall(r"<caption[^>]*>(.*?)</caption>", html)


def pd():
    return cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["North", "South"],
                             actions=[["Govern", "Free-ride"]] * 2)


def test_two_player_html_is_a_bimatrix_with_labels():
    html = pd()._repr_html_()
    assert html.count("<table>") == 1
    assert cells(html) == ["", "Govern", "Free-ride", "Govern", "3, 3", "0, 5", "Free-ride", "5, 0", "1, 1"]
    assert "North (rows), South (columns)" in captions(html)[0]


def test_exact_payoffs_show_as_fractions_and_labels_are_escaped():
    game = cg.NormalFormGame([[[Fraction(1, 2), 0]], [[0, Fraction(-3, 4)]]], players=["<A>", "B&B"],
                             actions=[["x"], ["<y>", "z"]])
    html = game._repr_html_()
    assert "1/2, 0" in cells(html) and "0, -3/4" in cells(html)
    assert "&lt;y&gt;" in html and "<y>" not in html and "B&amp;B" in html


def test_three_player_html_has_one_table_per_slice_captioned_with_the_fixed_action():
    game = cg.NormalFormGame([[[[k + 10 * i + 100 * j for k in range(3)] for j in range(2)] for i in range(2)]] * 3,
                             players=["A", "B", "C"], actions=[["a1", "a2"], ["b1", "b2"], ["c1", "c2", "c3"]])
    html = game._repr_html_()
    assert html.count("<table>") == 3
    caps = captions(html)
    assert [c.rsplit("; ", 1)[1] for c in caps] == ["C: c1", "C: c2", "C: c3"]
    tables = html.split("</table>")[:3]
    # payoff at (a2, b1, c3) = 2 + 10 = 12, for each of the three players
    assert "12, 12, 12" in cells(tables[2]) and "12, 12, 12" not in cells(tables[0])


def test_one_player_html_is_one_row():
    html = cg.NormalFormGame([[4, 7]], actions=[["low", "high"]])._repr_html_()
    assert cells(html) == ["low", "high", "4", "7"]


def test_large_games_show_a_summary():
    html = cg.random_game((60, 60), seed=0)._repr_html_()
    assert "<table>" not in html and "3,600 profiles" in html


def test_symbolic_game_html_and_latex():
    game = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["C", "D"]] * 2)
    html = game._repr_html_()
    assert cells(html) == ["", "C", "D", "C", "R, R", "S, T", "D", "T, S", "P, P"]
    latex = game._repr_latex_()
    assert latex.startswith("$$\\begin{array}{r|cc}") and latex.endswith("\\end{array}$$")
    assert "\\text{C} & R, R & S, T \\\\" in latex and "\\text{D} & T, S & P, P \\\\" in latex


def test_symbolic_latex_three_players_is_captioned_per_slice():
    game = cg.SymbolicGame([[[["a", "b"]]]] * 3, players=["A", "B", "C_1"], actions=[["x"], ["y"], ["u", "v"]])
    latex = game._repr_latex_()
    assert latex.count("\\begin{array}{r|c}") == 2
    assert "\\text{C\\_1: u}" in latex and "\\text{C\\_1: v}" in latex
    assert "a, a, a" in latex and "b, b, b" in latex


def test_symmetric_game_html_shows_the_table_by_count_vector():
    game = SymmetricGame(3, ["Volunteer", "Abstain"], lambda own, c: 2 - own + c[0])
    html = game._repr_html_()
    assert cells(html)[:4] == ["own action", "(2, 0)", "(1, 1)", "(0, 2)"]
    assert cells(html)[4:] == ["Volunteer", "4", "3", "2", "Abstain", "3", "2", "1"]
    assert "3 players" in captions(html)[0]


def test_symmetric_game_html_truncates_many_count_vectors():
    game = SymmetricGame(1000, 2, lambda own, c: own)
    html = game._repr_html_()
    assert "the first 24 of 1000 count vectors" in html
    assert len(cells(html)) == 25 + 2 * 25
