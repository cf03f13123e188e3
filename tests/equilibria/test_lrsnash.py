"""vertex_enumeration gives the same extreme equilibria as lrsnash (lrslib), exactly.

lrsnash (Avis, Rosenberg, Savani and von Stengel 2010, "Enumeration of Nash
equilibria for two-player games", Economic Theory 42) enumerates the extreme
equilibria of a bimatrix game in exact arithmetic by lexicographic reverse
search. These tests run it when it is installed (Debian/Ubuntu:
``apt-get install lrslib``) and skip otherwise. Games stay at most 8x8 so the
suite stays fast; the benchmark (benchmarks/bench_two_player.py) compares
larger games.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import coopgame as cg

LRSNASH = shutil.which("lrsnash")
needs_lrsnash = pytest.mark.skipif(LRSNASH is None, reason="lrsnash not installed (apt-get install lrslib)")

Profile = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


def lrsnash_input(A: np.ndarray, B: np.ndarray) -> str:
    """lrsnash's input: ``m n``, then A and B row by row (integers or fractions ``p/q``)."""
    m, n = np.shape(A)

    def rows(M: np.ndarray) -> str:
        return "\n".join(" ".join(str(Fraction(v)) for v in row) for row in M)

    return f"{m} {n}\n\n{rows(np.asarray(A, dtype=object))}\n\n{rows(np.asarray(B, dtype=object))}\n"


def parse_lrsnash(output: str, m: int, n: int) -> set[Profile]:
    """The extreme equilibria in lrsnash's output, as exact (x, y) pairs.

    Each block (separated by blank lines) lists lines ``2 y_1 .. y_n payoff_1``
    and ``1 x_1 .. x_m payoff_2``; when the game is degenerate a block may list
    several of either, and every pairing of a ``1`` line with a ``2`` line in
    the block is an extreme equilibrium. Lines starting with ``*`` are comments.
    """
    found: set[Profile] = set()
    for block in output.split("\n\n"):
        xs, ys = [], []
        for line in block.splitlines():
            fields = line.split()
            if not fields or fields[0].startswith("*"):
                continue
            if fields[0] == "1":
                xs.append(tuple(Fraction(v) for v in fields[1:1 + m]))
                assert len(fields) == m + 2, line
            elif fields[0] == "2":
                ys.append(tuple(Fraction(v) for v in fields[1:1 + n]))
                assert len(fields) == n + 2, line
            else:
                raise AssertionError(f"unexpected lrsnash line {line!r}")
        found.update((x, y) for x in xs for y in ys)
    return found


def lrsnash_equilibria(A: np.ndarray, B: np.ndarray) -> set[Profile]:
    """Run lrsnash on the game (A, B) and return its extreme equilibria."""
    assert LRSNASH is not None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game"
        path.write_text(lrsnash_input(A, B))
        proc = subprocess.run([LRSNASH, str(path)], capture_output=True, text=True, timeout=120, check=True)
    return parse_lrsnash(proc.stdout, *np.shape(A))


@pytest.fixture(params=["qhull", "reverse_search"])
def path(request, monkeypatch):
    """Both enumerations of the smaller polytope: Qhull (small games) and the reverse search (larger ones)."""
    from coopgame.equilibria import vertices

    monkeypatch.setattr(vertices, "WALK_DIMENSION", 10**6 if request.param == "qhull" else 0)
    return request.param


def coopgame_equilibria(A: np.ndarray, B: np.ndarray) -> set[Profile]:
    eqs = cg.equilibria.vertex_enumeration(cg.NormalFormGame([A, B], exact=True))
    assert eqs.is_exact and eqs.is_complete
    return {(tuple(e.strategies[0]), tuple(e.strategies[1])) for e in eqs}


def test_parser_reads_the_manual_example_and_a_degenerate_block():
    # the example of lrsnash(1): a 3x2 game with three equilibria
    text = ("*lrsnash:lrslib v.7.1\n2  1/3  2/3  4 \n1  2/3  1/3  0  2/3 \n\n2  2/3  1/3  3 \n1  0  1/3  2/3  8/3 \n\n"
            "2  1  0  3 \n1  0  0  1  4 \n\n*Number of equilibria found: 3\n")
    F = Fraction
    assert parse_lrsnash(text, 3, 2) == {((F(2, 3), F(1, 3), F(0)), (F(1, 3), F(2, 3))),
                                         ((F(0), F(1, 3), F(2, 3)), (F(2, 3), F(1, 3))),
                                         ((F(0), F(0), F(1)), (F(1), F(0)))}
    degenerate = "2  1  0  1 \n2  1/2  1/2  1/2 \n1  1  0  1 \n"
    assert parse_lrsnash(degenerate, 2, 2) == {((1, 0), (1, 0)), ((1, 0), (F(1, 2), F(1, 2)))}


def test_input_format_writes_both_matrices_row_by_row():
    assert lrsnash_input(np.array([[0, 6], [2, 5]]), np.array([[1, 0], [0, 2]])) == "2 2\n\n0 6\n2 5\n\n1 0\n0 2\n"


@needs_lrsnash
def test_manual_example_matches(path):
    A = np.array([[0, 6], [2, 5], [3, 3]])
    B = np.array([[1, 0], [0, 2], [4, 3]])
    assert coopgame_equilibria(A, B) == lrsnash_equilibria(A, B)
    assert len(lrsnash_equilibria(A, B)) == 3


@needs_lrsnash
@pytest.mark.parametrize("size", [(2, 2), (3, 5), (5, 3), (6, 6), (8, 8), (4, 8)])
@pytest.mark.parametrize("seed", range(4))
def test_random_integer_games_match_lrsnash(path, size, seed):
    rng = np.random.default_rng([seed, *size])
    A, B = rng.integers(-50, 50, size), rng.integers(-50, 50, size)
    assert coopgame_equilibria(A, B) == lrsnash_equilibria(A, B)


@needs_lrsnash
@pytest.mark.parametrize("size", [(2, 3), (3, 3), (4, 4), (5, 4), (6, 6), (7, 7)])
@pytest.mark.parametrize("seed", range(6))
def test_degenerate_small_integer_games_match_lrsnash(path, size, seed):
    rng = np.random.default_rng([seed, *size, 7])
    A, B = rng.integers(0, 3, size), rng.integers(0, 3, size)  # many ties: degenerate with high probability
    assert coopgame_equilibria(A, B) == lrsnash_equilibria(A, B)


@needs_lrsnash
@pytest.mark.parametrize("game", ["constant", "identity", "one_column_tie", "zero_sum"])
def test_structured_degenerate_games_match_lrsnash(path, game):
    if game == "constant":
        A = B = np.ones((4, 5), dtype=int)
    elif game == "identity":
        A = B = np.eye(5, dtype=int)
    elif game == "one_column_tie":
        A = np.array([[3, 1, 0], [1, 3, 0], [2, 2, 2]])
        B = np.array([[1, 1, 1], [1, 1, 1], [0, 2, 1]])
    else:
        A = np.array([[0, 1, -1], [-1, 0, 1], [1, -1, 0], [0, 0, 0]])
        B = -A
    assert coopgame_equilibria(A, B) == lrsnash_equilibria(A, B)
