"""vertex_enumeration's fallback for degenerate vertices: matching against every vertex of the other polytope.

A degenerate vertex's partners are normally found by enumerating its face of the other polytope; when
that face has more than ``MAX_FACE_BASES`` candidate bases, the vertex is matched against all vertices
of the other polytope instead (Qhull, or the reverse search above ``WALK_DIMENSION``). Forcing the
fallback (a limit of 0) must give the same extreme equilibria, checked on games whose equilibria are
known by hand (von Stengel 2007, AGT ch. 3, example (3.7); all-ties games, whose extreme equilibria are
all the pure profiles) and on random degenerate games against the default path.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import coopgame as cg
from coopgame.equilibria import vertices
from coopgame.errors import SolverLimitError
from tests import strategies as cgst


def _key(eqs):
    return cgst.exact_set(eqs)


def _profile(*vectors):
    return tuple(tuple(F(v) for v in vec) for vec in vectors)


VON_STENGEL = cg.NormalFormGame([[[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]], exact=True)
VON_STENGEL_EXTREME = {
    _profile([1, 0, 0], [1, 0]),
    _profile([1, 0, 0], [F(2, 3), F(1, 3)]),
    _profile([0, F(1, 3), F(2, 3)], [F(1, 3), F(2, 3)]),
}


@pytest.mark.parametrize("walk", [False, True])
def test_the_fallback_finds_the_published_degenerate_equilibria(monkeypatch, walk):
    monkeypatch.setattr(vertices, "MAX_FACE_BASES", 0)
    if walk:
        monkeypatch.setattr(vertices, "WALK_DIMENSION", 0)     # the reverse search, even on a small game
        monkeypatch.setattr(vertices, "QHULL_DIMENSION", 0)    # (the same without numba)
    assert _key(cg.equilibria.vertex_enumeration(VON_STENGEL)) == VON_STENGEL_EXTREME
    floats = cg.equilibria.vertex_enumeration(VON_STENGEL.to_float())
    assert {tuple(tuple(F(v).limit_denominator(100) for v in s) for s in eq.strategies) for eq in floats} == \
        VON_STENGEL_EXTREME


@pytest.mark.parametrize("shape", [(2, 3), (3, 2), (3, 3)])
def test_the_fallback_finds_every_pure_profile_of_an_all_ties_game(monkeypatch, shape):
    monkeypatch.setattr(vertices, "MAX_FACE_BASES", 0)
    m, n = shape
    game = cg.NormalFormGame([np.zeros(shape, dtype=int)] * 2, exact=True)
    expected = {_profile(np.eye(m, dtype=int)[i], np.eye(n, dtype=int)[j]) for i in range(m) for j in range(n)}
    assert _key(cg.equilibria.vertex_enumeration(game)) == expected


@pytest.mark.parametrize("seed", range(8))
def test_the_fallback_agrees_with_the_face_enumeration_on_degenerate_games(monkeypatch, seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(2, 5, 2))
    game = cg.NormalFormGame([rng.integers(0, 3, shape), rng.integers(0, 3, shape)], exact=True)  # many ties
    default = _key(cg.equilibria.vertex_enumeration(game))
    monkeypatch.setattr(vertices, "MAX_FACE_BASES", 0)
    assert _key(cg.equilibria.vertex_enumeration(game)) == default


def test_the_fallback_checks_the_other_players_dimension(monkeypatch):
    """The fallback enumerates the larger player's polytope: max_dimension caps it, naming it."""
    monkeypatch.setattr(vertices, "MAX_FACE_BASES", 0)
    game = cg.NormalFormGame([np.zeros((2, 3), dtype=int)] * 2, exact=True)
    assert len(cg.equilibria.vertex_enumeration(game, max_dimension=3)) == 6
    with pytest.raises(SolverLimitError) as err:
        cg.equilibria.vertex_enumeration(game, max_dimension=2)
    assert str(err.value).startswith("vertex_enumeration: expected the number of actions of the opponent of the "
                                     "player with fewer actions (degenerate game) (the dimension of the polytope")
    assert "max_dimension=2" in str(err.value) and "got 3" in str(err.value)
    assert str(err.value).endswith("got 3; pass a larger max_dimension= to accept the work; or use "
                                   "mixed_equilibria(game, method='lemke_howson') to find one equilibrium")
