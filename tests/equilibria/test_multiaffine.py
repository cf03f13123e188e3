"""Pieces of the compiled N-player search (coopgame.equilibria._multiaffine) checked on hand-made inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import coopgame as cg
from coopgame.equilibria import _multiaffine as ma


def face_zeros(values, k, lo, hi, sign=1.0):
    """Player 0's function with the given values at the corners of the other blocks' box."""
    k = np.array(k, dtype=np.int64)
    off = np.concatenate([[0], np.cumsum(k - 1)]).astype(np.int64)
    mats, moff, mrows = ma._corner_layout(k)
    ma._corner_mats(np.array(lo, dtype=float), np.array(hi, dtype=float), k, off, mats, moff, mrows)
    onface = np.zeros((len(k), int(mrows.max())), dtype=np.int64)
    ma._vertex_faces(k, mats, moff, mrows, onface)
    V = np.array(values, dtype=float)
    return ma._face_zeros(V, np.int64(0), np.int64(-1), np.int64(len(V)), sign, np.int64(0), k, mrows, onface)


@pytest.mark.parametrize("values,lo,hi,expected", [
    ([0.0, 1.0], [0.5, 0.0], [0.7, 0.5], True),     # zero at y = 0, the face where the second action is unplayed
    ([0.0, 1.0], [0.5, 0.25], [0.7, 0.5], False),   # zero at y = 1/4: inside the simplex
    ([1.0, 0.0], [0.5, 0.5], [0.7, 1.0], True),     # zero at y = 1: the first action unplayed (two actions)
    ([1.0, 0.0], [0.5, 0.5], [0.7, 0.75], False),
    ([0.0, 0.0], [0.5, 0.0], [0.7, 1.0], False),    # zero at both ends: zero on the whole edge, inside too
])
def test_face_zeros_with_one_unknown(values, lo, hi, expected):
    assert face_zeros(values, [2, 2], lo, hi) is expected


@pytest.mark.parametrize("zeros,lo,expected", [
    ((0, 1), [0.0, 0.0], True),    # both zeros have the first unknown at lo = 0: the face y_1 = 0
    ((0, 2), [0.0, 0.0], True),    # both have the second unknown at 0: the face y_2 = 0
    ((0, 3), [0.0, 0.0], False),   # corners (lo, lo) and (hi, hi): no face holds both
    ((0, 1), [0.1, 0.0], False),   # the face y_1 = 0.1 is inside the simplex
])
def test_face_zeros_with_a_block_of_two_unknowns(zeros, lo, expected):
    # block 1 has three support actions: its box corners are numbered with the first unknown as the top bit
    values = [0.0 if c in zeros else 1.0 for c in range(4)]
    lo_all = [0.5, 0.5, *lo]
    hi_all = [0.7, 0.7, 0.4, 0.4]
    assert face_zeros(values, [3, 3], lo_all, hi_all) is expected
    assert face_zeros([-v for v in values], [3, 3], lo_all, hi_all, sign=-1.0) is expected


def hull_case(F):
    """Three players with two support actions each (one unknown each): player p's equation at the corners
    of the others' unknowns, ``F[p][a][b]`` (the lower-numbered other player's corner first)."""
    k = np.array([2, 2, 2], dtype=np.int64)
    off = np.array([0, 1, 2, 3], dtype=np.int64)
    columns, _ = ma._scratch(np.array([2, 2, 2], dtype=np.int64), k, off)
    vals = np.array(F, dtype=float).reshape(-1)
    voff = np.array([0, 4, 8, 12], dtype=np.int64)
    return vals, voff, k, off, columns


# each equation changes sign over the box, but their sum is positive at every corner (each negative value is
# met by two values of 2): no single equation rules the box out; the hull of the corner values does
SEPARATED = [[[-1, 2], [2, 2]], [[2, 2], [2, -1]], [[2, -1], [2, 2]]]
# f = (y_2 - 1/2, y_3 - 1/2, y_1 - 1/2) on the unit box: the corner values are the cube's corners around 0
AROUND = [[[-0.5, -0.5], [0.5, 0.5]], [[-0.5, 0.5], [-0.5, 0.5]], [[-0.5, -0.5], [0.5, 0.5]]]


@pytest.mark.parametrize("F,expected", [(SEPARATED, True), (AROUND, False)])
@pytest.mark.parametrize("start", [0, 5, 7])
def test_hull_test_finds_the_combination_the_rows_miss(F, expected, start):
    vals, voff, k, off, columns = hull_case(F)
    identity = np.eye(3)
    space = ma._hull_space(np.int64(3), np.int64(3), np.int64(12))
    assert not ma._excluded(identity, vals, voff, k, off, columns, np.ones(3, dtype=np.bool_), space)
    assert ma._hull_excluded(identity, vals, voff, k, off, columns, np.int64(start), np.int64(24), space) is expected
    # the answer does not depend on the preconditioner, only the path to it
    Y = np.array([[2.0, -1.0, 0.5], [0.3, 1.0, -0.2], [-1.0, 0.4, 3.0]])
    assert ma._hull_excluded(Y, vals, voff, k, off, columns, np.int64(start), np.int64(24), space) is expected


ROOT = Path(__file__).resolve().parent.parent.parent


def _solved(path: Path) -> list:
    """All equilibria (as floats) of Gambit's 2x2x2x2x2 game and three random 3x2x2x2 games."""
    games = [cg.read_nfg(path)]
    rng = np.random.default_rng(1)
    games += [cg.NormalFormGame([rng.integers(-3, 4, (3, 2, 2, 2)) for _ in range(4)]) for _ in range(3)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cg.DegenerateGameWarning)
        return [[[[float(v) for v in s] for s in eq.strategies] for eq in cg.mixed_equilibria(g)] for g in games]


def test_the_kernels_stay_inside_their_arrays_when_run_as_plain_python():
    """Compiled code does not check indices; run as Python (NUMBA_DISABLE_JIT) numpy checks every one.

    Games of four and five players have support patterns where one player mixes and the others do not,
    so fewer unknowns than players: the hull test's table offsets (one per player) once overran its
    scratch, sized by the unknowns. The plain run must also list what the compiled one lists.
    """
    path = ROOT / "tests" / "data" / "gambit" / "2x2x2x2x2.nfg"
    script = ("import json, sys; from tests.equilibria.test_multiaffine import _solved; "
              "print(json.dumps(_solved(sys.argv[1])))")
    run = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "NUMBA_DISABLE_JIT": "1"}, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    plain, expected = json.loads(run.stdout), _solved(path)
    assert [len(eqs) for eqs in plain] == [len(eqs) for eqs in expected] and len(plain) == 4
    for got, want in zip(plain, expected):
        for a, b in zip(got, want):
            assert all(np.allclose(x, y, atol=1e-9) for x, y in zip(a, b))
