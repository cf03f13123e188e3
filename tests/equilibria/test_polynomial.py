"""support_polynomial: N-player equilibria by support enumeration with exact polynomial solving.

Oracles: pygambit's ``enumpoly_solve`` (GPL, a test dependency only), which
also enumerates support profiles and solves the polynomial systems
numerically; an independent regret computation (tests/strategies.py); and
``pure_equilibria`` for the pure profiles.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from coopgame.equilibria.mixed import METHODS, mixed_equilibria
from coopgame.equilibria.polynomial import MAX_SECONDS, estimated_seconds, support_polynomial
from coopgame.equilibria.pure import pure_equilibria
from coopgame.errors import DegenerateGameWarning, InvalidArgumentError, NotSupportedError, SolverLimitError
from coopgame.games.normal_form import NormalFormGame
from coopgame.models import tripartite
from tests import strategies as cgst

gbt = pytest.importorskip("pygambit")

F = Fraction


def generic_arrays(shape, seed):
    """Integer payoffs, each player's all distinct (a random permutation), so the game is generic in practice."""
    rng = np.random.default_rng(seed)
    size = int(np.prod(shape))
    return [(rng.permutation(size) - size // 2).reshape(shape) for _ in shape]


def gambit_equilibria(arrays):
    g = gbt.Game.from_arrays(*[np.asarray(a).astype(object) for a in arrays])
    result = gbt.nash.enumpoly_solve(g)
    return [tuple(np.array([float(eq[s]) for s in player.strategies]) for player in g.players)
            for eq in result.equilibria]


def distinct(profiles, tol=1e-6):
    """Profiles with near-duplicates removed (pygambit may list one equilibrium twice)."""
    out = []
    for prof in profiles:
        row = np.concatenate(prof)
        if not any(np.abs(row - np.concatenate(o)).max() <= tol for o in out):
            out.append(prof)
    return out


def assert_all_verified(game, eqs):
    for eq in eqs:
        strategies = eq.strategies
        exact = all(s.dtype == object for s in strategies)
        regrets = cgst.independent_regrets(game.payoffs if exact else game.float_payoffs, strategies)
        if exact:
            assert max(regrets) == 0 and eq.max_regret() == 0
        else:
            assert max(regrets) <= 1e-12 * max(1.0, max(float(np.abs(a).max()) for a in game.float_payoffs))
            assert eq.is_verified()
        assert eq.method == "support_polynomial"


def quiet(call, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return call(*args, **kwargs)


# ---------------------------------------------------------------- against pygambit enumpoly
@pytest.mark.parametrize("shape,seed", [((2, 2, 2), s) for s in range(8)] + [((3, 2, 2), s) for s in (0, 1, 2, 4, 5)]
                         + [((2, 3, 2), 0), ((2, 2, 3), 0)])
def test_equals_gambit_enumpoly_on_generic_games(shape, seed):
    """(Seed 3 of 3x2x2 is left out: its indifference system has a continuum on one support, a
    non-generic coincidence, and pygambit's enumpoly does not return on it.)"""
    arrays = generic_arrays(shape, seed)
    game = NormalFormGame(arrays, exact=True)
    ours = quiet(support_polynomial, game)
    assert cgst.same_float_set(ours, distinct(gambit_equilibria(arrays)), tol=1e-6)
    assert_all_verified(game, ours)


@pytest.mark.parametrize("shape,seed", [((3, 3, 2), 0), ((3, 3, 2), 1), ((2, 2, 2, 2), 1)])
def test_contains_every_gambit_enumpoly_equilibrium_on_larger_games(shape, seed):
    """On these shapes pygambit's enumpoly sometimes misses equilibria (seed 1 of 3x3x2 and of 2x2x2x2:
    it lists fewer); every one it lists must be among ours, and every one of ours is checked independently."""
    arrays = generic_arrays(shape, seed)
    game = NormalFormGame(arrays, exact=True)
    ours = quiet(support_polynomial, game)
    rows = cgst.float_rows(ours)
    for prof in distinct(gambit_equilibria(arrays)):
        row = np.concatenate(prof)
        assert any(np.abs(row - r).max() <= 1e-6 for r in rows)
    assert_all_verified(game, ours)


def test_irrational_equilibria_are_floats_with_tiny_regret():
    """Three-player games can have irrational equilibria; they come back as floats with regret within
    tolerance (checked independently), and include all pygambit lists. (pygambit 16.7's enumpoly misses
    some totally mixed irrational equilibria here, e.g. for seeds 14 and 28 it lists 2 where there are 3.)"""
    found = 0
    for seed in range(40):
        arrays = generic_arrays((2, 2, 2), seed)
        game = NormalFormGame(arrays, exact=True)
        eqs = support_polynomial(game)
        irrational = [e for e in eqs if any(s.dtype != object for s in e.strategies)]
        if irrational:
            found += 1
            assert_all_verified(game, irrational)
            rows = cgst.float_rows(eqs)
            for prof in distinct(gambit_equilibria(arrays)):
                assert any(np.abs(np.concatenate(prof) - r).max() <= 1e-6 for r in rows)
    assert found  # the seeds above do contain such games


# ---------------------------------------------------------------- published and catalog games
def jordan_game():
    i, j, k = np.indices((2, 2, 2))

    def match(a, b):
        return np.where(a == b, 1, -1)

    return NormalFormGame([match(i, j), match(j, k), -match(k, i)], exact=True)


def test_published_jordan_three_player_matching_pennies():
    """Jordan (1993), "Three problems in learning mixed-strategy Nash equilibria", Games and Economic
    Behavior 5, 368-386: player 1 matches player 2, player 2 matches player 3, player 3 mismatches
    player 1. The unique Nash equilibrium has every player mixing 1/2-1/2."""
    eqs = support_polynomial(jordan_game())
    half = F(1, 2)
    assert cgst.exact_set(eqs) == {((half, half),) * 3}
    assert eqs[0].max_regret() == 0


@pytest.mark.parametrize("weight", [1, 999])
def test_equilibrium_next_to_the_boundary_is_found(weight):
    """A weighted Jordan cycle. Player 1 is indifferent when player 2 plays its first action with
    probability w/1000 (w the weight), and likewise player 2 with player 3; player 3 is indifferent when
    player 1 plays its second action with probability w/1000. With w = 1 (or 999) the one equilibrium lies
    1/1000 from faces of the simplices, inside boxes that touch them. The search discards boxes whose
    functions vanish only on such faces; these boxes hold a sign change and must be kept."""
    i, j, k = np.indices((2, 2, 2))
    first = np.where(i == 0, 1000 - weight, 0) * (j == 0) + np.where(i == 1, weight, 0) * (j == 1)
    second = np.where(j == 0, 1000 - weight, 0) * (k == 0) + np.where(j == 1, weight, 0) * (k == 1)
    # player 3 mismatches player 1: action 1 pays against player 1's second action, action 2 against the first
    third = np.where(k == 0, 1000 - weight, 0) * (i == 1) + np.where(k == 1, weight, 0) * (i == 0)
    game = NormalFormGame([first, second, third], exact=True)
    eqs = support_polynomial(game)
    y = F(weight, 1000)
    assert eqs.is_complete
    assert cgst.exact_set(eqs) == {((1 - y, y), (y, 1 - y), (y, 1 - y))}


def test_tripartite_model_every_result_verified():
    game = tripartite().numeric()
    eqs = quiet(support_polynomial, game)
    assert eqs
    assert_all_verified(game, eqs)
    # every pure equilibrium is found (pure support profiles are checked directly)
    pure = {e.support for e in pure_equilibria(game)}
    assert pure == {e.support for e in eqs if e.is_pure}
    # and every equilibrium pygambit lists is among ours
    rows = cgst.float_rows(eqs)
    for prof in distinct(gambit_equilibria(game.float_payoffs)):
        assert any(np.abs(np.concatenate(prof) - r).max() <= 1e-6 for r in rows)


def test_degenerate_game_warns_and_returns_points_of_the_continua():
    """A game where every payoff is 1: every profile is an equilibrium (a continuum); the pure ones are
    returned, and a point of each mixed support profile's continuum, with a DegenerateGameWarning,
    the list marked partial, without hanging."""
    game = NormalFormGame([np.ones((2, 2, 2), dtype=int)] * 3, exact=True)
    with pytest.warns(DegenerateGameWarning, match="continuum"):
        eqs = support_polynomial(game)
    assert sum(e.is_pure for e in eqs) == 8 and len(eqs) > 8
    assert not eqs.is_complete and "(1, 2)" in eqs.note
    assert_all_verified(game, eqs)


def test_results_sorted_and_distinct():
    game = NormalFormGame(generic_arrays((3, 2, 2), 1), exact=True)
    eqs = support_polynomial(game)
    rows = cgst.float_rows(eqs)
    assert [tuple(-r) for r in rows] == sorted(tuple(-r) for r in rows)
    assert len(distinct([(r,) for r in rows], tol=1e-9)) == len(rows)
    assert support_polynomial(game) == eqs  # deterministic


# ---------------------------------------------------------------- float games
@pytest.mark.parametrize("seed", range(3))
def test_float_game_matches_exact_game(seed):
    arrays = generic_arrays((2, 2, 2), seed)
    scaled = [a / 7.0 for a in arrays]  # floats with long decimals
    float_game = NormalFormGame(scaled)
    assert not float_game.is_exact
    eqs = support_polynomial(float_game)
    assert all(s.dtype == float for e in eqs for s in e.strategies)
    assert_all_verified(float_game, eqs)
    exact = support_polynomial(NormalFormGame(arrays, exact=True))  # the same game up to scale
    assert cgst.same_float_set(eqs, exact, tol=1e-8)


# ---------------------------------------------------------------- time budget
def test_refuses_large_games_naming_budget_and_alternative():
    game = NormalFormGame(generic_arrays((7, 7, 7), 0), exact=True)
    assert estimated_seconds((7, 7, 7)) > MAX_SECONDS
    with pytest.raises(SolverLimitError, match="max_seconds=60") as err:
        support_polynomial(game)
    assert "pure_equilibria" in str(err.value) and "estimated running time" in str(err.value)
    with pytest.raises(SolverLimitError):
        mixed_equilibria(game)
    # the budget is a keyword the caller can lower (or raise)
    with pytest.raises(SolverLimitError, match="max_seconds=0"):
        support_polynomial(jordan_game(), max_seconds=0)
    assert len(support_polynomial(jordan_game(), max_seconds=10)) == 1
    for bad in (float("nan"), -1, "60", True):
        with pytest.raises(InvalidArgumentError, match="max_seconds"):
            support_polynomial(jordan_game(), max_seconds=bad)
    with pytest.raises(InvalidArgumentError, match="max_profiles"):  # the old size keyword is refused
        mixed_equilibria(jordan_game(), max_profiles=10)


def test_estimate_grows_with_size_and_accepts_the_benchmark_games():
    assert estimated_seconds((2, 2, 2)) < estimated_seconds((3, 3, 3)) < estimated_seconds((4, 4, 4))
    for shape in [(2, 2, 2), (2, 2, 2, 2), (2, 2, 2, 2, 2), (3, 3, 3), (5, 4, 3), (8, 2, 2), (2, 2, 4)]:
        assert estimated_seconds(shape) <= MAX_SECONDS
    # enumpoly solves random 12x2x2 integer games in about 3 s: not refused (it once was, at an estimated 100 s,
    # for profiles where one player's conditions outnumber the unknowns they depend on)
    assert estimated_seconds((12, 2, 2)) <= MAX_SECONDS
    assert estimated_seconds([12, 2, 2]) == estimated_seconds((12, 2, 2))


def test_published_jordan_float_version():
    """Jordan (1993), as floats: the same equilibrium, as float vectors within tolerance."""
    eqs = support_polynomial(jordan_game().to_float())
    assert cgst.same_float_set(eqs, [(np.full(2, 0.5),) * 3], tol=1e-12)


# ---------------------------------------------------------------- front door
def test_front_door_auto_uses_support_polynomial_for_three_players():
    game = NormalFormGame(generic_arrays((2, 2, 2), 3), exact=True)
    auto = mixed_equilibria(game)
    assert auto == support_polynomial(game) == mixed_equilibria(game, method="support_polynomial")
    assert all(e.method == "support_polynomial" for e in auto)
    assert METHODS["support_polynomial"] is support_polynomial


@pytest.mark.parametrize("method", ["vertex_enumeration", "support_enumeration", "lemke_howson"])
def test_front_door_refuses_two_player_methods_for_three_players(method):
    game = jordan_game()
    with pytest.raises(NotSupportedError, match="support_polynomial"):
        mixed_equilibria(game, method=method)


def test_front_door_two_players_unchanged_and_explicit_method_agrees():
    game = NormalFormGame(generic_arrays((3, 3), 2), exact=True)
    auto = mixed_equilibria(game)
    assert all(e.method == "vertex_enumeration" for e in auto)
    assert cgst.exact_set(mixed_equilibria(game, method="support_polynomial")) == cgst.exact_set(auto)


# ---------------------------------------------------------------- properties
# too_slow suppressed: each example enumerates 27 support profiles (the code under test)
@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(cgst.games(num_players=3, min_actions=1, max_actions=2, exact=True, payoff_range=(-3, 3)))
def test_property_every_result_is_a_nash_equilibrium(game):
    """Small-integer games (ties and degeneracy included): every returned profile has zero regret exactly
    (or within tolerance when irrational), and every pure equilibrium is among them."""
    eqs = quiet(support_polynomial, game)
    assert_all_verified(game, eqs)
    assert {e.support for e in pure_equilibria(game)} <= {e.support for e in eqs}


def test_degenerate_game_beyond_the_time_budget_returns_partial_not_hanging():
    """Every profile of an all-equal 2x2x2x2 game is an equilibrium: every support carries a
    continuum. With a small budget the search stops and says so; what it found is verified."""
    game = NormalFormGame([np.ones((2, 2, 2, 2), dtype=int)] * 4, exact=True)
    eqs = quiet(support_polynomial, game, max_seconds=1)
    assert eqs and not eqs.is_complete and "budget" in eqs.note
    assert sum(e.is_pure for e in eqs) >= 1
    assert_all_verified(game, eqs)


def test_a_budget_that_runs_out_is_named_with_the_value_given(monkeypatch):
    """A clock that stands still for the first batch (the first 64 support profiles, in one compiled call:
    the deadline, a check, the call's start and end) and then jumps past the deadline. The note names the
    budget the caller gave: it once printed the box count of the last batch instead."""
    import coopgame.equilibria.polynomial as module

    class Clock:
        readings = 0

        def monotonic(self):
            Clock.readings += 1
            return 0.0 if Clock.readings <= 4 else 100.0

    monkeypatch.setattr(module, "time", Clock())
    rng = np.random.default_rng(3)
    game = NormalFormGame([rng.integers(0, 9, size=(2, 2, 2, 2)) for _ in range(4)], exact=True)
    eqs = support_polynomial(game, max_seconds=3)
    assert not eqs.is_complete
    # four players with two actions: (2**2 - 1)**4 = 81 support profiles, 64 in the first call
    assert "the time budget max_seconds=3 ran out: 17 support profile(s) were not examined" in eqs.note


@pytest.mark.parametrize("bad", ["not a game", None, 3.5, [[1, 2], [3, 4]]])
def test_refuses_what_is_not_a_game_with_a_typed_error(bad):
    from coopgame.errors import CoopgameError

    with pytest.raises(CoopgameError, match="support_polynomial"):
        support_polynomial(bad)


@pytest.mark.parametrize("factor", [1e-300, 1e300])
def test_extreme_float_scales_give_jordans_equilibrium(factor):
    """Payoffs scaled by 1e-300 or 1e300: the search runs on payoffs scaled to max |u| = 1."""
    i, j, k = np.indices((2, 2, 2))
    match = np.where(i == j, 1, -1), np.where(j == k, 1, -1), -np.where(k == i, 1, -1)
    eqs = support_polynomial(NormalFormGame([m * factor for m in match]))
    assert cgst.same_float_set(eqs, [(np.full(2, 0.5),) * 3], tol=1e-12) and eqs.is_complete


def test_exact_payoffs_beyond_float_precision_give_verified_results():
    """Payoffs 10**299 + c: the differences are below float resolution, so the float search cannot
    see them (continua appear where the exact game has none: their points come back as floats within
    the game's float tolerance, relative to 10**299); nothing unverified comes back, nothing untyped
    escapes, and the list is marked partial."""
    big = 10 ** 299
    arrays = [[[[(1 if a == b else -1) * big + c for c in range(2)] for b in range(2)] for a in range(2)]
              for _ in range(3)]
    game = NormalFormGame(arrays, exact=True)
    eqs = quiet(support_polynomial, game)
    assert eqs and not eqs.is_complete and all(e.is_verified() for e in eqs)
    assert all(e.max_regret() == 0 for e in eqs if e.is_exact) and any(e.is_exact for e in eqs)


def test_the_search_without_numba_gives_the_same_equilibria():
    """The kernels run as plain Python when numba is missing: same equilibria, exactly, on Gambit's 2x2x2 game
    and on a generic 2x2x3 game (a subprocess, so that the compiled module is not reused)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = (
        "import sys, warnings\n"
        "blocked = len(sys.argv) > 1\n"
        "if blocked: sys.modules['numba'] = None\n"
        "warnings.simplefilter('ignore')\n"
        "import numpy as np, coopgame as cg\n"
        "from coopgame.equilibria import _multiaffine\n"
        "from coopgame.equilibria.polynomial import support_polynomial\n"
        "assert _multiaffine.COMPILED is not blocked\n"
        "rng = np.random.default_rng(5)\n"
        "games = [cg.read_nfg('tests/data/gambit/2x2x2.nfg'),\n"
        "         cg.NormalFormGame([rng.permutation(12).reshape(2, 2, 3) - 6 for _ in range(3)], exact=True)]\n"
        "for g in games:\n"
        "    print([[[str(v) for v in s] for s in e.strategies] for e in support_polynomial(g)])\n"
    )
    runs = [subprocess.run([sys.executable, "-c", script, *extra], cwd=root, capture_output=True, text=True,
                           timeout=600) for extra in ([], ["blocked"])]
    for run in runs:
        assert run.returncode == 0, run.stderr
    compiled, plain = (run.stdout.splitlines() for run in runs)
    assert compiled == plain and len(compiled) == 2 and compiled[0].count("[[") == 9


def one_mixer_game():
    """Player 1 (three actions) earns 0 whatever it plays against the others' first actions. Player 2 keeps
    its first action while x1 <= x2 (its gain from deviating is x1 - x2), player 3 while x2 <= 2 x3. So the
    equilibria where players 2 and 3 play their first actions are player 1's mixes in the triangle with
    vertices (0, 0, 1), (0, 2/3, 1/3) and (2/5, 2/5, 1/5), worked out by hand."""
    u1, u2, u3 = (np.zeros((3, 2, 2), dtype=int) for _ in range(3))
    for a in range(3):
        u1[a] = a * np.add.outer([0, 1], [0, 1])
        u2[a, 1, 0], u2[a, 0, 1] = (1, -1, 0)[a], 1
        u3[a, 0, 1], u3[a, 1, 1] = (0, 1, -2)[a], 1
    return NormalFormGame([u1, u2, u3], exact=True)


@pytest.mark.parametrize("exact", [True, False])
def test_a_polytope_of_equilibria_is_listed_by_its_vertices(exact):
    game = one_mixer_game() if exact else one_mixer_game().to_float()
    with pytest.warns(DegenerateGameWarning, match="one player mixes and its equilibria form a polytope, listed by its vertices"):
        eqs = support_polynomial(game)
    assert not eqs.is_complete and "((1, 2, 3), (1,), (1,))" in eqs.note
    assert_all_verified(game, eqs)
    F = Fraction
    triangle = {(F(0), F(0), F(1)), (F(0), F(2, 3), F(1, 3)), (F(2, 5), F(2, 5), F(1, 5))}
    on_face = [e for e in eqs if e.strategies[1][0] == 1 and e.strategies[2][0] == 1]
    if exact:
        assert {tuple(e.strategies[0]) for e in on_face} == triangle
    else:
        assert cgst.same_float_set(on_face, [(np.array([float(v) for v in x]), np.array([1.0, 0.0]),
                                              np.array([1.0, 0.0])) for x in triangle], tol=1e-9)
    # player 2 mixes against player 1's third action: the segment from its first action to (1/3, 2/3)
    assert any(e.strategies[1][1] == pytest.approx(2 / 3) for e in eqs)
