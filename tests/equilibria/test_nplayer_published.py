"""N-player mixed equilibria (support_polynomial) on Gambit's published example games, against
pygambit's enumpoly_solve on random 3- and 4-player games, and the C15 invariances for N players.

The example files are Gambit's (tests/data/gambit/README.md names each source); the counts checked
come from the files' own titles or from the papers they cite. Every returned equilibrium is also
checked by an independent regret computation (tests/strategies.py).
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.equilibria.polynomial import support_polynomial
from coopgame.errors import DegenerateGameWarning
from coopgame.games.normal_form import NormalFormGame
from tests import strategies as cgst

gbt = pytest.importorskip("pygambit")

DATA = Path(__file__).resolve().parent.parent / "data" / "gambit"
F = Fraction


def load(name: str) -> NormalFormGame:
    return cg.read_nfg(DATA / name)


def solve(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return support_polynomial(game)


def verified(game, eqs):
    """Every equilibrium passes an independent regret check: exactly 0 for exact strategies."""
    for eq in eqs:
        exact = all(s.dtype == object for s in eq.strategies)
        payoffs = game.payoffs if exact and game.is_exact else game.float_payoffs
        regrets = cgst.independent_regrets(payoffs, eq.strategies)
        if exact:
            assert max(regrets) == 0
        else:
            assert max(regrets) <= game.float_tolerance
    return True


def gambit_rows(game_or_file):
    g = gbt.read_nfg(str(game_or_file)) if isinstance(game_or_file, Path) else game_or_file
    result = gbt.nash.enumpoly_solve(g)
    return [np.concatenate([[float(eq[s]) for s in player.strategies] for player in g.players])
            for eq in result.equilibria]


def contains_all(ours, rows, tol=1e-6):
    mine = cgst.float_rows(ours)
    return all(any(np.abs(r - m).max() <= tol for m in mine) for r in rows)


def totally_mixed(eq):
    return all(len(s) == len(v) for s, v in zip(eq.support, eq.strategies))


# ---------------------------------------------------------------- Gambit's example files
def test_published_gambit_2x2x2_mckelvey_mclennan_nine_equilibria():
    """Gambit contrib/games/2x2x2.nfg, "2x2x2 Example from McKelvey-McLennan, with 9 Nash
    equilibria, 2 totally mixed" (McKelvey and McLennan 1997): all rational, found exactly."""
    game = load("2x2x2.nfg")
    eqs = solve(game)
    assert len(eqs) == 9 and eqs.is_complete and eqs.is_exact
    assert sum(totally_mixed(e) for e in eqs) == 2
    assert verified(game, eqs)
    assert contains_all(eqs, gambit_rows(DATA / "2x2x2.nfg"))


@pytest.mark.parametrize("name,count", [("2x2x2x2.nfg", 3), ("2x2x2x2x2.nfg", 5)])
def test_published_gambit_four_and_five_player_counts(name, count):
    """Gambit contrib/games: "Four person, 2x2x2x2 game with 3 Nash equilibria" and "Five person
    2x2x2x2x2 game with five equilibria". (pygambit 16.7's enumpoly lists only 4 of the five.)"""
    game = load(name)
    eqs = solve(game)
    assert len(eqs) == count and eqs.is_complete
    assert verified(game, eqs)
    assert contains_all(eqs, gambit_rows(DATA / name))


def test_published_gambit_3x3x3_five_equilibria_two_pure():
    """Gambit contrib/games/3x3x3.nfg, "Three person 3x3x3 game with five equilibria (two pure)";
    its payoffs are decimals (1.131000...)."""
    game = load("3x3x3.nfg")
    eqs = solve(game)
    assert len(eqs) == 5 and sum(e.is_pure for e in eqs) == 2 and eqs.is_complete
    assert verified(game, eqs)
    assert contains_all(eqs, gambit_rows(DATA / "3x3x3.nfg"))


@pytest.mark.parametrize("name,count", [("g1.nfg", 1), ("g2.nfg", 1), ("g3.nfg", 5)])
def test_published_van_der_laan_examples(name, count):
    """Gambit contrib/games g1, g2, g3 (van der Laan, Talman and van der Heyden): "2x2x2 example
    with no pure, 1 totally mixed", "3x3x3 example with no pure, and one mixed", "2x2x2x2 example
    with no pure, and five mixed equilibria"."""
    game = load(name)
    eqs = solve(game)
    assert len(eqs) == count and not any(e.is_pure for e in eqs) and eqs.is_complete
    assert verified(game, eqs)
    assert contains_all(eqs, gambit_rows(DATA / name))


def test_published_gambit_coordination_3x3x3_thirteen_equilibria():
    """Gambit contrib/games/coord333.nfg: the 3x3x3 coordination game; 13 equilibria (9 pure-or-
    matching profiles, the 4 symmetric mixtures), all rational and exact."""
    game = load("coord333.nfg")
    eqs = solve(game)
    assert len(eqs) == 13 and all(e.is_exact for e in eqs)
    assert verified(game, eqs)
    assert contains_all(eqs, gambit_rows(DATA / "coord333.nfg"))


def test_published_gambit_8x2x2_contains_enumpoly():
    game = load("8x2x2.nfg")
    eqs = solve(game)
    assert eqs and verified(game, eqs)
    assert contains_all(eqs, gambit_rows(DATA / "8x2x2.nfg"))


def test_published_nau2004_section4_unique_irrational_equilibrium():
    """Nau, Gomez Canovas and Hansen (2004), IJGT 32, section 4: "a three-player game with a unique
    Nash equilibrium in irrational mixed strategies". It comes back as floats, certified by an
    interval proof, and agrees with enumpoly."""
    game = load("nau2004_sec4.nfg")
    eqs = solve(game)
    assert len(eqs) == 1 and eqs.is_complete and not eqs[0].is_exact and totally_mixed(eqs[0])
    assert verified(game, eqs)
    assert contains_all(eqs, gambit_rows(DATA / "nau2004_sec4.nfg"), tol=1e-9)


def test_published_nau2004_section5_pure_partial_and_a_point_of_the_continuum():
    """Nau et al. (2004), section 5: "3 pure, 2 incompletely mixed, and a continuum of completely
    mixed Nash equilibria". All five isolated ones and a point of the continuum are listed; the
    list is marked partial, naming the totally mixed support."""
    game = load("nau2004_sec5.nfg")
    with pytest.warns(DegenerateGameWarning):
        eqs = support_polynomial(game)
    assert sum(e.is_pure for e in eqs) == 3
    assert any(totally_mixed(e) for e in eqs)
    assert not eqs.is_complete and "((1, 2), (1, 2), (1, 2))" in eqs.note
    assert verified(game, eqs)


def test_published_nau2004_section6_line_segment_is_never_empty():
    """Nau et al. (2004), section 6: a 2x2x4 game whose Nash equilibria form a line segment. The
    previous solver returned an empty list; now points of it come back, all on one line."""
    game = load("nau2004_sec6.nfg")
    with pytest.warns(DegenerateGameWarning):
        eqs = support_polynomial(game)
    assert eqs and not eqs.is_complete and "continuum" in eqs.note
    assert verified(game, eqs)
    rows = np.array(cgst.float_rows(eqs))
    assert np.linalg.matrix_rank(rows[1:] - rows[0], tol=1e-7) <= 1  # collinear


def test_published_nau2004_section6_both_ends_of_the_segment():
    """The segment of section 6: players 1 and 2 mix half-half and player 3 plays (a, a, 1/2 - a,
    1/2 - a) for every a in [0, 1/2] (regret exactly 0 at the ends and at interior points, checked
    here). Its ends, where player 3 drops two actions, are equilibria on smaller supports whose
    indifference systems are singular; both are listed, exactly."""
    game = load("nau2004_sec6.nfg")
    half = Fraction(1, 2)
    for a in (Fraction(0), Fraction(1, 7), half):
        profile = [np.array([half, half], dtype=object)] * 2 + [np.array([a, a, half - a, half - a], dtype=object)]
        assert all(r == 0 for r in game.regrets(profile))
    with pytest.warns(DegenerateGameWarning):
        eqs = support_polynomial(game)
    ends = {((half, half), (half, half), (half, half, 0, 0)), ((half, half), (half, half), (0, 0, half, half))}
    assert ends <= cgst.exact_set(eqs)


def test_a_singular_equilibrium_where_best_replies_bind_is_found():
    """A random 2x3x2 game (payoffs 0..1). With players 1 and 2 pure, player 3 is indifferent whatever
    it mixes, so its equation vanishes identically; its mix (1/2, 1/2) is pinned by player 1's
    best-reply condition, which binds there. The search once missed this equilibrium and called the
    list complete; the points reached from undecided boxes now also satisfy the violated best-reply
    conditions."""
    first = np.array([[[1, 0], [1, 0], [0, 1]], [[0, 0], [1, 1], [1, 0]]])
    second = np.array([[[0, 0], [1, 1], [1, 0]], [[1, 0], [0, 0], [0, 1]]])
    third = np.array([[[1, 0], [0, 0], [0, 1]], [[1, 1], [0, 1], [1, 1]]])
    game = NormalFormGame([first, second, third], exact=True)
    half = Fraction(1, 2)
    target = ((0, 1), (0, 0, 1), (half, half))
    profile = [np.array(v, dtype=object) for v in target]
    assert all(r == 0 for r in game.regrets(profile))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = support_polynomial(game)
    assert target in cgst.exact_set(eqs)
    assert verified(game, eqs)


# ---------------------------------------------------------------- random games against enumpoly
def random_game(shape, seed, low, high):
    rng = np.random.default_rng(seed)
    return [rng.integers(low, high + 1, size=shape) for _ in shape]


def gambit_on(arrays):
    return gambit_rows(gbt.Game.from_arrays(*[np.asarray(a).astype(object) for a in arrays]))


# seeds on which enumpoly returns (on others, e.g. 2x2x2x2 seed 2, it does not return within minutes)
@pytest.mark.parametrize("shape,seed", [((2, 2, 2, 2), s) for s in (0, 1, 3, 7)] + [((3, 2, 2, 2), 0), ((2, 3, 2), 5)])
def test_equilibria_equal_enumpoly_on_random_four_player_games(shape, seed):
    """Random integer games (-9..9): every equilibrium enumpoly lists is ours; each of ours is
    independently verified, so any extra one is an equilibrium enumpoly missed (on seed 1 of 2x2x2x2
    enumpoly lists none at all, where there are three)."""
    arrays = random_game(shape, seed, -9, 9)
    game = NormalFormGame(arrays, exact=True)
    eqs = solve(game)
    rows = gambit_on(arrays)
    assert verified(game, eqs)
    assert contains_all(eqs, rows)
    assert len(cgst.float_rows(eqs)) >= len({tuple(np.round(r, 6)) for r in rows})


@pytest.mark.parametrize("seed", [0, 3, 4, 5, 6, 7, 8])  # enumpoly does not return on seeds 1, 2, 9
def test_degenerate_small_integer_three_player_games_against_enumpoly(seed):
    """Payoffs in {0, 1, 2}: ties everywhere, so degenerate supports are common. Every equilibrium
    enumpoly lists is among ours or on a support we report as carrying a continuum; ours are verified."""
    arrays = random_game((2, 2, 2), seed, 0, 2)
    game = NormalFormGame(arrays, exact=True)
    eqs = solve(game)
    assert eqs  # never empty: every finite game has an equilibrium
    assert verified(game, eqs)
    mine = cgst.float_rows(eqs)
    for r in gambit_on(arrays):
        if any(np.abs(r - m).max() <= 1e-6 for m in mine):
            continue
        assert not eqs.is_complete  # only points of reported continua may differ


# ---------------------------------------------------------------- C15: invariances, N players
# too_slow suppressed: each example enumerates every support profile of a 3- or 4-player game twice
SETTINGS = settings(deadline=None, max_examples=6, suppress_health_check=[HealthCheck.too_slow])
three_players = cgst.games(num_players=st.integers(3, 4), min_actions=2, max_actions=2, exact=True,
                           payoff_range=(-5, 5))


def exact_keys(eqs):
    return {cgst.exact_key(e.strategies) for e in eqs if e.is_exact}


def solve_quickly(game):
    """The property tests draw games with many zero payoffs (continua of equilibria everywhere): a short budget."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return support_polynomial(game, max_seconds=5)


def mapped_back(eqs, remap):
    """The exact equilibria in ``eqs`` mapped by ``remap`` (a function of a list of strategy lists)."""
    return {cgst.exact_key(remap([list(s) for s in e.strategies])) for e in eqs if e.is_exact}


def assert_invariant(transformed, original, remap=lambda strategies: strategies):
    """The same exact equilibria, mapped back, when both lists are complete. A partial list (continua, where one
    representative point per group is listed, or a stopped search) need not be invariant, only verified."""
    if transformed.is_complete and original.is_complete:
        assert mapped_back(transformed, remap) == exact_keys(original)
    else:
        assert all(e.max_regret() == 0 for e in [*transformed, *original] if e.is_exact)


@SETTINGS
@given(three_players, cgst.positive_affine(exact=True), st.data())
def test_invariant_under_positive_affine_transform_n_players(game, f, data):
    player = data.draw(st.integers(0, game.num_players - 1))
    payoffs = list(game.payoffs)
    payoffs[player] = f(payoffs[player])
    before, after = solve_quickly(game), solve_quickly(NormalFormGame(payoffs, exact=True))
    assert_invariant(after, before)
    if after.is_complete and before.is_complete:
        assert cgst.same_float_set(after, before, tol=1e-7)


@SETTINGS
@given(three_players, st.data())
def test_invariant_under_relabelling_actions_and_players_n_players(game, data):
    original = solve_quickly(game)
    player = data.draw(st.integers(0, game.num_players - 1))
    order = data.draw(cgst.permutations_of(game.shape[player]))

    def actions_back(strategies):
        own = [F(0)] * game.shape[player]
        for k, old in enumerate(order):  # new action k is old action order[k]
            own[old] = strategies[player][k]
        return [*strategies[:player], own, *strategies[player + 1:]]

    assert_invariant(solve_quickly(game.permute_actions(player, order)), original, actions_back)
    players = data.draw(cgst.permutations_of(game.num_players))

    def players_back(strategies):
        out = [None] * game.num_players
        for k, old in enumerate(players):  # new player k is old player players[k]
            out[old] = strategies[k]
        return out

    assert_invariant(solve_quickly(game.permute_players(players)), original, players_back)
