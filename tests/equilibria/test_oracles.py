"""coopgame's equilibria against independent implementations (test-only oracles).

* pygambit (GPL, a test dependency only): ``enummixed_solve(game, rational=True)``
  returns the extreme equilibria of a two-player game in exact arithmetic,
  degenerate games included -- the same set ``vertex_enumeration`` promises.
  Compared as sets of tuples of Fractions on 240 games from 1x1 to 6x6
  (square and not), half of them degenerate small-integer games.
  ``enumpure_solve`` gives all pure equilibria of N-player games.
* Nashpy and QuantEcon: ``vertex_enumeration`` on non-degenerate float
  games. Both assume non-degeneracy (Nashpy says so in its documentation;
  QuantEcon's docstring asks for a non-degenerate game), so only generic games
  with continuous random payoffs are compared, within 1e-8.
* QuantEcon's ``lemke_howson(g, init_pivot=k)`` numbers labels as coopgame does
  (row actions 0..m-1, then column actions), so on non-degenerate games each
  label's path must end at the same equilibrium. Nashpy's ``lemke_howson`` is
  not used: it returns non-equilibria on some games with more rows than
  columns (Nashpy issue #83), which we saw on random 5x4 games too.

The games are drawn from fixed seeds here with numpy, not with
``coopgame.random_game``, so the generator under test is not the one making the cases.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest

import coopgame as cg
from tests import strategies as cgst

gbt = pytest.importorskip("pygambit")
nashpy = pytest.importorskip("nashpy")
qgt = pytest.importorskip("quantecon.game_theory")

F = Fraction

SIZES = [(m, n) for m in range(1, 7) for n in range(1, 7)]  # 36 shapes, 1x1 to 6x6


def _fraction_arrays(arrays):
    return [np.array([F(v) for v in np.asarray(a).reshape(-1)], dtype=object).reshape(np.shape(a)) for a in arrays]


def gambit_game(game: cg.NormalFormGame):
    """pygambit game with exact (Fraction) payoffs; pygambit's Rationals are Fractions."""
    return gbt.Game.from_arrays(*_fraction_arrays(game.payoffs))


def gambit_extreme_equilibria(game: cg.NormalFormGame) -> set:
    g = gambit_game(game)
    result = gbt.nash.enummixed_solve(g, rational=True)
    return {tuple(tuple(F(eq[s]) for s in player.strategies) for player in g.players) for eq in result.equilibria}


def gambit_pure_equilibria(game: cg.NormalFormGame) -> set:
    g = gambit_game(game)
    out = set()
    for eq in gbt.nash.enumpure_solve(g).equilibria:
        out.add(tuple(next(k for k, s in enumerate(player.strategies) if eq[s] == 1) for player in g.players))
    return out


def _degenerate_case(k: int) -> cg.NormalFormGame:
    rng = np.random.default_rng(10_000 + k)
    m, n = SIZES[k % len(SIZES)]
    high = 2 + k % 2  # payoffs in 0..2 or 0..3: ties everywhere
    return cg.NormalFormGame([rng.integers(0, high + 1, size=(m, n)) for _ in range(2)], exact=True)


def _generic_exact_case(k: int) -> cg.NormalFormGame:
    rng = np.random.default_rng(20_000 + k)
    m, n = SIZES[(k * 7) % len(SIZES)]
    arrays = []
    for _ in range(2):
        num = rng.integers(-10**6, 10**6, size=(m, n))
        den = rng.integers(1, 8, size=(m, n))
        arrays.append(np.array([F(int(a), int(b)) for a, b in zip(num.reshape(-1), den.reshape(-1))],
                               dtype=object).reshape(m, n))
    return cg.NormalFormGame(arrays)


DEGENERATE = [_degenerate_case(k) for k in range(120)]
GENERIC = [_generic_exact_case(k) for k in range(120)]


def _ids(games, tag):
    return [f"{tag}{k}-{g.shape[0]}x{g.shape[1]}" for k, g in enumerate(games)]


def test_the_cases_cover_what_they_claim():
    shapes = {g.shape for g in DEGENERATE + GENERIC}
    assert shapes == set(SIZES)
    assert len(DEGENERATE) + len(GENERIC) >= 200 and len(DEGENERATE) >= len(GENERIC)
    assert all(g.is_exact for g in DEGENERATE + GENERIC)
    assert sum(cgst.has_payoff_tie(g) for g in DEGENERATE) >= 0.8 * len(DEGENERATE)
    # the generic games really have payoffs in general position (no ties at all)
    assert not any(cgst.has_payoff_tie(g) for g in GENERIC)


# ---------------------------------------------------------------- pygambit enummixed: all extreme equilibria
@pytest.mark.parametrize("game", DEGENERATE, ids=_ids(DEGENERATE, "degenerate"))
def test_vertex_enumeration_equals_gambit_enummixed_degenerate(game):
    assert cgst.exact_set(cg.equilibria.vertex_enumeration(game)) == gambit_extreme_equilibria(game)


@pytest.mark.parametrize("game", GENERIC, ids=_ids(GENERIC, "generic"))
def test_vertex_enumeration_equals_gambit_enummixed_generic(game):
    expected = gambit_extreme_equilibria(game)
    assert cgst.exact_set(cg.equilibria.vertex_enumeration(game)) == expected
    # non-degenerate: support enumeration must find the same set, without warning
    with warnings.catch_warnings():
        warnings.simplefilter("error", cg.DegenerateGameWarning)
        assert cgst.exact_set(cg.equilibria.support_enumeration(game)) == expected
    # Lemke-Howson from every label ends at one of them
    for eq in cg.equilibria.lemke_howson(game, initial_label="all"):
        assert cgst.exact_key(eq.strategies) in expected


@pytest.mark.parametrize("game", DEGENERATE[::4], ids=_ids(DEGENERATE[::4], "degenerate"))
def test_lemke_howson_ends_at_a_gambit_equilibrium_on_degenerate_games(game):
    """In degenerate games the lexicographic rule still ends each path at a vertex pair: an extreme equilibrium."""
    expected = gambit_extreme_equilibria(game)
    for eq in cg.equilibria.lemke_howson(game, initial_label="all"):
        assert cgst.exact_key(eq.strategies) in expected


def test_float_vertex_enumeration_matches_gambit_on_degenerate_games():
    """The same degenerate games as floats (scaled and shifted) give the same set within 1e-8."""
    for game in DEGENERATE[:60]:
        A, B = game.float_payoffs
        fgame = cg.NormalFormGame([0.1 * A, 0.1 * B + 0.3])
        assert cgst.same_float_set(cg.equilibria.vertex_enumeration(fgame), gambit_extreme_equilibria(game), tol=1e-8)


def test_gambit_comparison_can_fail():
    """The comparison is not vacuous: dropping or perturbing one equilibrium is noticed."""
    game = DEGENERATE[40]
    ours = cgst.exact_set(cg.equilibria.vertex_enumeration(game))
    theirs = gambit_extreme_equilibria(game)
    assert ours == theirs and len(theirs) >= 1
    assert set(list(ours)[1:]) != theirs
    (x, y) = next(iter(ours))
    assert {((x[0] + F(1, 10**9),) + x[1:], y)} | set(list(ours)[1:]) != theirs


# ---------------------------------------------------------------- pygambit enumpure: N players
PURE_SHAPES = [(2, 2, 2), (3, 2, 2), (2, 3, 4), (3, 3, 3), (2, 2, 2, 2), (3, 2, 2, 2), (2, 3, 2, 3), (4, 1, 3)]


def _pure_case(k: int) -> cg.NormalFormGame:
    rng = np.random.default_rng(30_000 + k)
    shape = PURE_SHAPES[k % len(PURE_SHAPES)]
    high = [1, 2, 3, 1000][k % 4]  # 0..1 is tie-heavy, 0..999 nearly tie-free
    return cg.NormalFormGame([rng.integers(0, high + 1, size=shape) for _ in shape], exact=True)


PURE = [_pure_case(k) for k in range(64)]


@pytest.mark.parametrize("game", PURE, ids=[f"pure{k}-{'x'.join(map(str, g.shape))}" for k, g in enumerate(PURE)])
def test_pure_equilibria_equal_gambit_enumpure(game):
    ours = {tuple(s[0] for s in eq.support) for eq in cg.pure_equilibria(game)}
    assert ours == gambit_pure_equilibria(game)
    # the float version of the same game agrees (integer payoffs: no rounding)
    ours_float = {tuple(s[0] for s in eq.support) for eq in cg.pure_equilibria(game.to_float())}
    assert ours_float == ours


def test_pure_equilibria_equal_gambit_enumpure_two_players():
    for game in DEGENERATE[:60]:
        ours = {tuple(s[0] for s in eq.support) for eq in cg.pure_equilibria(game)}
        assert ours == gambit_pure_equilibria(game)


def test_some_pure_cases_have_many_and_some_no_equilibria():
    counts = [len(cg.pure_equilibria(g)) for g in PURE]
    assert 0 in counts and max(counts) >= 4


# ---------------------------------------------------------------- Nashpy and QuantEcon: non-degenerate float games
def _generic_float_case(k: int, low: int = 2, high: int = 6) -> cg.NormalFormGame:
    rng = np.random.default_rng(40_000 + k)
    m, n = rng.integers(low, high + 1, size=2)
    return cg.NormalFormGame([rng.uniform(-5, 5, size=(m, n)) for _ in range(2)])


def test_vertex_enumeration_equals_nashpy_on_non_degenerate_games():
    """Nashpy's vertex enumeration assumes a non-degenerate game (and at least two actions each)."""
    for k in range(30):
        game = _generic_float_case(k, high=4)
        A, B = (np.array(u) for u in game.payoffs)
        theirs = list(nashpy.Game(A, B).vertex_enumeration())
        assert cgst.same_float_set(cg.equilibria.vertex_enumeration(game), theirs, tol=1e-8), k
        assert cgst.same_float_set(cg.equilibria.support_enumeration(game), theirs, tol=1e-8), k


def test_vertex_enumeration_equals_quantecon_on_non_degenerate_games():
    """QuantEcon's vertex enumeration also assumes non-degeneracy. Its column player's payoffs are B transposed."""
    for k in range(100, 200):
        game = _generic_float_case(k)
        A, B = (np.array(u) for u in game.payoffs)
        g = qgt.NormalFormGame((qgt.Player(A), qgt.Player(B.T.copy())))
        theirs = qgt.vertex_enumeration(g)
        assert cgst.same_float_set(cg.equilibria.vertex_enumeration(game), theirs, tol=1e-8), k


def test_lemke_howson_equals_quantecon_for_every_label():
    for k in range(200, 240):
        game = _generic_float_case(k)
        A, B = (np.array(u) for u in game.payoffs)
        g = qgt.NormalFormGame((qgt.Player(A), qgt.Player(B.T.copy())))
        for label in range(sum(game.shape)):
            theirs = qgt.lemke_howson(g, init_pivot=label)
            assert cgst.same_float_set(cg.equilibria.lemke_howson(game, initial_label=label), [theirs], tol=1e-8), (k, label)


def test_float_oracle_comparison_can_fail():
    game = _generic_float_case(7)
    A, B = (np.array(u) for u in game.payoffs)
    theirs = list(nashpy.Game(A, B).vertex_enumeration())
    shifted = [(x + 1e-6 * (np.arange(len(x)) - np.mean(np.arange(len(x)))), y) for x, y in theirs]
    if any(len(x) > 1 for x, _ in theirs):
        assert not cgst.same_float_set(cg.equilibria.vertex_enumeration(game), shifted, tol=1e-8)
    assert not cgst.same_float_set(cg.equilibria.vertex_enumeration(game), theirs[:-1], tol=1e-8)


def test_every_two_player_profile_gambit_accepts_has_zero_regret_here():
    """Cross-check of regret computations: gambit's equilibria have exactly zero regret in coopgame too."""
    for game in itertools.islice(DEGENERATE, 0, 120, 3):
        for prof in gambit_extreme_equilibria(game):
            assert game.max_regret(prof) == 0
