"""Payoff tables of finite games: as text (``repr``), as HTML (notebooks) and as LaTeX (papers).

Every table has the first player's actions as rows and the second player's
as columns, each cell holding every player's payoff in player order (a
bimatrix for two players). Games with more players give one table per
profile of the players after the second, captioned with those fixed actions;
one-player games give one row.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from coopgame.results import html_table

__all__ = ["MAX_DISPLAY_CELLS", "text_table", "html_tables", "latex_tables", "tex_text"]

#: Most payoff cells a game shows in a notebook; a larger game shows a summary (display only, not a tolerance).
MAX_DISPLAY_CELLS = 2500

Labels = Sequence[Sequence[str]]


def _slices(players: Sequence[str], actions: Labels) -> Iterator[tuple[str, tuple[int, ...]]]:
    """(caption, actions of the players after the second) for every such profile."""
    rest = [range(len(a)) for a in actions[2:]]
    for tail in itertools.product(*rest):
        who = ", ".join(f"{players[2 + k]}: {actions[2 + k][t]}" for k, t in enumerate(tail))
        yield who, tuple(tail)


def text_table(players: Sequence[str], actions: Labels, cell: Callable[[int, int], str], title: str) -> str:
    """A two-player payoff table as aligned text: ``cell(i, j)`` is the text of row ``i``, column ``j``."""
    rows, cols = actions
    cells = [[cell(i, j) for j in range(len(cols))] for i in range(len(rows))]
    w0 = max(len(r) for r in rows) + 2
    widths = [max(len(cols[j]), *(len(cells[i][j]) for i in range(len(rows)))) + 2 for j in range(len(cols))]
    lines = [f"{title} ({players[0]}: rows, {players[1]}: columns)"]
    lines.append(" " * w0 + "".join(c.rjust(w) for c, w in zip(cols, widths)))
    for i, r in enumerate(rows):
        lines.append(r.ljust(w0) + "".join(cells[i][j].rjust(widths[j]) for j in range(len(cols))))
    return "\n".join(line.rstrip() for line in lines)


def html_tables(players: Sequence[str], actions: Labels, payoffs: Sequence[np.ndarray],
                entry: Callable[[Any], str], title: str) -> str:
    """HTML payoff tables: a bimatrix for two players, one table per slice for more, one row for one player."""
    shape = tuple(len(a) for a in actions)
    size = int(np.prod([float(m) for m in shape]))
    if size > MAX_DISPLAY_CELLS:
        text = f"{title}: {len(players)} players {tuple(players)}, actions {shape} ({size:,} profiles, too many to show)"
        return f"<p>{html.escape(text)}</p>"
    if len(players) == 1:
        return html_table([[entry(payoffs[0][k]) for k in range(shape[0])]], header=actions[0],
                          caption=f"{title}: {players[0]}'s payoff for each action")
    head = f"{title}: {players[0]} (rows), {players[1]} (columns); payoffs of {', '.join(players)}"
    out = []
    for who, tail in _slices(players, actions):
        rows = [[r] + [", ".join(entry(a[(i, j) + tail]) for a in payoffs) for j in range(shape[1])]
                for i, r in enumerate(actions[0])]
        out.append(html_table(rows, header=["", *actions[1]], caption=head + (f"; {who}" if who else "")))
    return "".join(out)


def tex_text(label: str) -> str:
    """A label as LaTeX text, special characters escaped."""
    out = []
    for ch in label:
        if ch in "&%$#_{}":
            out.append("\\" + ch)
        elif ch == "~":
            out.append(r"\textasciitilde{}")
        elif ch == "^":
            out.append(r"\textasciicircum{}")
        elif ch == "\\":
            out.append(r"\textbackslash{}")
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def latex_tables(players: Sequence[str], actions: Labels, payoffs: Sequence[np.ndarray],
                 entry: Callable[[Any], str], *, math: bool = False) -> str:
    r"""LaTeX payoff tables; ``entry(value)`` is the LaTeX of one payoff.

    ``math=False`` gives ``tabular`` environments for a paper (payoffs in
    ``$...$``, one table per slice preceded by a ``%`` comment naming the
    fixed actions); ``math=True`` gives ``array`` environments for math mode
    (notebooks), labels in ``\text{}``, slices captioned in the formula.
    """
    def label(text: str) -> str:
        return rf"\text{{{tex_text(text)}}}" if math else tex_text(text)

    def cell(value: Any) -> str:
        return entry(value) if math else f"${entry(value)}$"

    env = "array" if math else "tabular"
    shape = tuple(len(a) for a in actions)
    if len(players) == 1:
        values = " & ".join(cell(e) for e in payoffs[0])
        acts = " & ".join(label(a) for a in actions[0])
        return f"\\begin{{{env}}}{{{'c' * shape[0]}}}\n{acts} \\\\\n\\hline\n{values} \\\\\n\\end{{{env}}}"
    tables = []
    for who, tail in _slices(players, actions):
        lines = []
        if who:
            lines.append(rf"\text{{{tex_text(who)}}} \\" if math else "% " + who.replace("\n", " "))
        lines.append(f"\\begin{{{env}}}{{r|{'c' * shape[1]}}}")
        lines.append(" & " + " & ".join(label(a) for a in actions[1]) + " \\\\")
        lines.append("\\hline")
        for i, r in enumerate(actions[0]):
            row = [", ".join(cell(a[(i, j) + tail]) for a in payoffs) for j in range(shape[1])]
            lines.append(f"{label(r)} & " + " & ".join(row) + " \\\\")
        lines.append(f"\\end{{{env}}}")
        tables.append("\n".join(lines))
    if math and len(players) > 2:
        return "\\begin{array}{c}\n" + "\n\\\\[1ex]\n".join(tables) + "\n\\end{array}"
    return "\n\n".join(tables)
