"""The exact fallback of the two-player solvers, checked against pygambit and against vertex enumeration."""

from fractions import Fraction

import numpy as np
import pygambit as gbt
import pytest

import coopgame as cg
from coopgame.equilibria._exact_vertices import MAX_EXACT_BASES, exact_extreme_pairs
from coopgame.errors import SolverError


def _gambit(game):
    A, B = game.payoffs
    g = gbt.Game.from_arrays([[Fraction(v) for v in r] for r in A], [[Fraction(v) for v in r] for r in B])
    return {tuple(tuple(Fraction(p[s]) for s in pl.strategies) for pl in g.players)
            for p in gbt.nash.enummixed_solve(g, rational=True).equilibria}


@pytest.mark.parametrize("seed", range(40))
def test_exact_pairs_equal_pygambit_and_vertex_enumeration(seed):
    rng = np.random.default_rng(seed)
    m, n = (int(v) for v in rng.integers(1, 5, size=2))
    game = cg.random_game((m, n), seed=seed, integer=True, high=3 if seed % 2 else 20)
    ours = {(tuple(x), tuple(y)) for x, y in exact_extreme_pairs(*game.payoffs, "test")}
    assert ours == _gambit(game)
    assert ours == {tuple(tuple(s) for s in e.strategies) for e in cg.equilibria.vertex_enumeration(game)}


def test_exact_pairs_reject_a_wrong_set():
    # the comparison above can fail: a game with one more equilibrium differs
    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
    stag = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], exact=True)
    assert {(tuple(x), tuple(y)) for x, y in exact_extreme_pairs(*pd.payoffs, "t")} != \
        {(tuple(x), tuple(y)) for x, y in exact_extreme_pairs(*stag.payoffs, "t")}


def test_fallback_refuses_large_games_by_name():
    big = cg.random_game((12, 12), seed=0, integer=True)
    with pytest.raises(SolverError, match=str(MAX_EXACT_BASES)):
        exact_extreme_pairs(*big.payoffs, "vertex_enumeration")
