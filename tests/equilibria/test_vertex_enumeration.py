"""Vertex enumeration: all extreme equilibria of two-player games, degenerate or not, exact or float."""

from __future__ import annotations

import warnings
from fractions import Fraction
from unittest import mock

import numpy as np
import pytest

import coopgame as cg
from coopgame.equilibria import _faces
from tests import strategies as cgst

F = Fraction
half = F(1, 2)


def key(eqs):
    return cgst.exact_set(eqs)


def P(*vectors):
    """A profile from vectors of numbers (ints or Fractions), as an exact key."""
    return tuple(tuple(F(v) for v in vec) for vec in vectors)


# ---------------------------------------------------------------- published examples
def test_published_von_stengel_2007_nondegenerate_3x2():
    """von Stengel (2007), "Equilibrium computation for two-player games in strategic and extensive form",
    in Nisan et al. (eds.), Algorithmic Game Theory, ch. 3, the running 3x2 example (3.3):
    A = [[3, 3], [2, 5], [0, 6]], B = [[3, 2], [2, 6], [3, 1]], with three equilibria.

    The numbers were re-derived here, not copied: each profile below is checked
    to have zero regret, and pygambit's enummixed gives the same set
    (tests/test_oracles.py compares all games that way).
    """
    game = cg.NormalFormGame([[[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]], exact=True)
    expected = {
        P([1, 0, 0], [1, 0]),
        P([F(4, 5), F(1, 5), 0], [F(2, 3), F(1, 3)]),
        P([0, F(1, 3), F(2, 3)], [F(1, 3), F(2, 3)]),
    }
    for prof in expected:
        assert game.max_regret(prof) == 0
    eqs = cg.equilibria.vertex_enumeration(game)
    assert key(eqs) == expected
    payoffs = {tuple(e.payoffs) for e in eqs}
    assert payoffs == {(3, 3), (3, F(14, 5)), (4, F(8, 3))}


def test_published_von_stengel_2007_degenerate_3x2():
    """von Stengel (2007), AGT ch. 3, the degenerate variant (3.7) of the running example: the
    first row of B becomes (3, 3), so against the top row the column player is indifferent.

    Extreme equilibria: the top row against the column strategies (1, 0) and
    (2/3, 1/3) -- the two ends of a segment of equilibria -- and the isolated
    ((0, 1/3, 2/3), (1/3, 2/3)). Verified by computation (zero regrets, and the
    interior of the segment also has zero regret, its outside does not).
    """
    game = cg.NormalFormGame([[[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]], exact=True)
    expected = {
        P([1, 0, 0], [1, 0]),
        P([1, 0, 0], [F(2, 3), F(1, 3)]),
        P([0, F(1, 3), F(2, 3)], [F(1, 3), F(2, 3)]),
    }
    assert key(cg.equilibria.vertex_enumeration(game)) == expected
    # the segment between the first two is made of equilibria; beyond its end it is not
    assert game.max_regret([[1, 0, 0], [F(5, 6), F(1, 6)]]) == 0
    assert game.max_regret([[1, 0, 0], [F(2, 3) - F(1, 100), F(1, 3) + F(1, 100)]]) > 0


def test_published_battle_of_the_sexes_mixed():
    """Battle of the sexes with payoffs (2, 1), (0, 0) / (0, 0), (1, 2), as in Osborne (2004),
    An Introduction to Game Theory, ch. 4: besides the two pure equilibria, the mixed one where
    player 1 plays her preferred action with probability 2/3 and player 2 his with 2/3
    (so player 2 puts 1/3 on player 1's favourite), both earning 2/3.
    """
    game = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], actions=[["Opera", "Football"]] * 2,
                             exact=True)
    eqs = cg.equilibria.vertex_enumeration(game)
    assert key(eqs) == {P([1, 0], [1, 0]), P([F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]), P([0, 1], [0, 1])}
    mixed = [e for e in eqs if not e.is_pure][0]
    assert list(mixed.payoffs) == [F(2, 3), F(2, 3)]
    assert repr(mixed) == ("Equilibrium(Player 1: 2/3 Opera + 1/3 Football; "
                           "Player 2: 1/3 Opera + 2/3 Football; payoffs 2/3, 2/3)")


def test_published_matching_pennies():
    """Matching pennies (von Neumann and Morgenstern; any textbook): the unique equilibrium is (1/2, 1/2) each."""
    game = cg.NormalFormGame.zero_sum([[1, -1], [-1, 1]], exact=True)
    eqs = cg.equilibria.vertex_enumeration(game)
    assert key(eqs) == {P([half, half], [half, half])}
    assert list(eqs[0].payoffs) == [0, 0]
    floats = cg.equilibria.vertex_enumeration(game.to_float())
    assert len(floats) == 1
    np.testing.assert_allclose(np.concatenate(floats[0].strategies), [0.5] * 4, atol=1e-12)


def test_published_rock_paper_scissors():
    """Rock-paper-scissors: the unique equilibrium is uniform play, value 0 (e.g. Nashpy's documentation)."""
    game = cg.NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], exact=True)
    third = F(1, 3)
    assert key(cg.equilibria.vertex_enumeration(game)) == {P([third] * 3, [third] * 3)}


def test_derived_docstring_degenerate_game_has_four_extreme_equilibria():
    """The column player is indifferent everywhere: the equilibria are three segments meeting at column (1/2, 1/2)."""
    game = cg.NormalFormGame([[[1, 0], [0, 1]], [[1, 1], [1, 1]]], exact=True)
    assert key(cg.equilibria.vertex_enumeration(game)) == {
        P([1, 0], [1, 0]), P([1, 0], [half, half]), P([0, 1], [half, half]), P([0, 1], [0, 1]),
    }


def test_derived_chicken():
    game = cg.NormalFormGame([[[0, -1], [1, -10]], [[0, 1], [-1, -10]]], exact=True)
    assert key(cg.equilibria.vertex_enumeration(game)) == {
        P([1, 0], [0, 1]), P([F(9, 10), F(1, 10)], [F(9, 10), F(1, 10)]), P([0, 1], [1, 0]),
    }


# ---------------------------------------------------------------- shapes and special games
def test_one_by_one():
    game = cg.NormalFormGame([[[5]], [[-2]]], exact=True)
    assert key(cg.equilibria.vertex_enumeration(game)) == {P([1], [1])}


@pytest.mark.parametrize("exact", [True, False])
def test_one_by_n_and_n_by_one(exact):
    row = cg.NormalFormGame([[[0, 0, 0]], [[1, 3, 2]]], exact=exact)
    assert cgst.same_float_set(cg.equilibria.vertex_enumeration(row), [([1], [0, 1, 0])])
    col = cg.NormalFormGame([[[1], [3], [3]], [[0], [0], [0]]], exact=exact)
    # rows 2 and 3 tie: the extreme equilibria are the two pure ones
    assert cgst.same_float_set(cg.equilibria.vertex_enumeration(col), [([0, 1, 0], [1]), ([0, 0, 1], [1])])


@pytest.mark.parametrize("shape", [(1, 1), (2, 2), (2, 3), (3, 3), (4, 2)])
def test_all_ties_extreme_equilibria_are_all_pure_profiles(shape):
    game = cg.NormalFormGame([np.zeros(shape, dtype=int)] * 2, exact=True)
    m, n = shape
    expected = {P(np.eye(m, dtype=int)[i], np.eye(n, dtype=int)[j]) for i in range(m) for j in range(n)}
    assert key(cg.equilibria.vertex_enumeration(game)) == expected


def test_constant_payoffs_for_one_player():
    # the row player is indifferent; the column player has a strictly dominant column
    game = cg.NormalFormGame([[[1, 1], [1, 1]], [[0, 1], [0, 1]]], exact=True)
    assert key(cg.equilibria.vertex_enumeration(game)) == {P([1, 0], [0, 1]), P([0, 1], [0, 1])}


def test_many_rows_few_columns():
    game = cg.random_game((40, 3), seed=1)
    eqs = cg.equilibria.vertex_enumeration(game)
    assert len(eqs) % 2 == 1  # non-degenerate: an odd number
    assert all(e.max_regret() <= game.tolerance for e in eqs)


def test_non_square_orientation_is_consistent():
    """Transposing the game (swapping players) swaps the strategies of every equilibrium."""
    game = cg.random_game((2, 5), seed=4, integer=True, high=4)
    direct = key(cg.equilibria.vertex_enumeration(game))
    swapped = key(cg.equilibria.vertex_enumeration(game.permute_players([1, 0])))
    assert {(y, x) for x, y in swapped} == direct


# ---------------------------------------------------------------- results
def test_exact_results_are_exact_and_verified():
    game = cg.random_game((3, 4), seed=2, integer=True, high=3)
    for eq in cg.equilibria.vertex_enumeration(game):
        assert eq.method == "vertex_enumeration"
        assert all(s.dtype == object and all(isinstance(v, Fraction) for v in s) for s in eq.strategies)
        assert all(sum(s) == 1 for s in eq.strategies)
        assert eq.max_regret() == 0
        assert all(isinstance(v, Fraction) for v in eq.payoffs)
        assert list(eq.payoffs) == list(game.expected_payoffs(eq.strategies))


def test_float_results_match_exact_results():
    for seed in range(10):
        exact = cg.random_game((3, 3), seed=seed, integer=True, high=4)
        assert cgst.same_float_set(cg.equilibria.vertex_enumeration(exact), cg.equilibria.vertex_enumeration(exact.to_float()), tol=1e-9)


def test_results_are_sorted_earlier_actions_first():
    game = cg.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], exact=True)
    eqs = cg.equilibria.vertex_enumeration(game)
    firsts = [float(e.strategies[0][0]) for e in eqs]
    assert firsts == sorted(firsts, reverse=True)


def test_accepts_payoff_arrays():
    assert len(cg.equilibria.vertex_enumeration([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])) == 3


def test_optional_dimension_cap_is_checked_before_work():
    with pytest.raises(cg.SolverLimitError, match="max_dimension=16"):
        cg.equilibria.vertex_enumeration(cg.NormalFormGame([np.zeros((17, 17))] * 2), max_dimension=16)
    # a degenerate 17x2 game: its degenerate vertices' faces of the 17-action polytope are enumerated directly,
    # so the cap on that polytope's dimension is not reached
    assert len(cg.equilibria.vertex_enumeration(cg.NormalFormGame([np.zeros((17, 2))] * 2), max_dimension=16)) == 34
    # the same size, non-degenerate, needs only the 2-action polytope
    assert len(cg.equilibria.vertex_enumeration(cg.random_game((17, 2), seed=0), max_dimension=16)) % 2 == 1


def test_no_fixed_refusal_past_sixteen_actions():
    # every profile of a constant game is an equilibrium: the extreme ones are the 17 * 17 pure profiles
    eqs = cg.equilibria.vertex_enumeration(cg.NormalFormGame([np.zeros((17, 17))] * 2, exact=True))
    assert len(eqs) == 289 and eqs.is_complete and all(e.max_regret() == 0 for e in eqs)
    assert len(cg.equilibria.vertex_enumeration(cg.NormalFormGame([np.zeros((17, 2))] * 2))) == 34


def test_time_budget_refuses_with_the_estimate_and_names_max_seconds():
    rng = np.random.default_rng(0)
    big = cg.NormalFormGame([rng.integers(0, 100, (18, 18)) for _ in range(2)])
    with pytest.raises(cg.SolverLimitError, match=r"max_seconds=0\.01 s, got about .* s .*vertices of a 18-dimensional"):
        cg.equilibria.vertex_enumeration(big, max_seconds=0.01)
    # small games finish within the first sample of the enumeration: never refused
    assert len(cg.equilibria.vertex_enumeration(cg.random_game((6, 6), seed=1), max_seconds=1e-9)) % 2 == 1


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), "10", True, None])
def test_bad_time_budget_is_refused(bad):
    with pytest.raises((cg.InvalidArgumentError, cg.InvalidArgumentTypeError), match="max_seconds"):
        cg.equilibria.vertex_enumeration(cg.random_game((2, 2), seed=0), max_seconds=bad)


@pytest.mark.parametrize("bad", ["yes", 1, 0.5])
def test_bad_progress_is_refused(bad):
    with pytest.raises(cg.InvalidArgumentTypeError, match="progress"):
        cg.equilibria.vertex_enumeration(cg.random_game((2, 2), seed=0), progress=bad)


def test_infinite_budget_is_accepted():
    eqs = cg.equilibria.vertex_enumeration(cg.random_game((3, 3), seed=2), max_seconds=float("inf"), progress=False)
    assert eqs.is_complete and len(eqs) % 2 == 1


@pytest.mark.parametrize("seed", range(6))
def test_numpy_path_equals_numba_path(seed):
    """The compiled face solver and the pure-numpy one give the same equilibria (degenerate and not)."""
    games = [cg.random_game((4, 5), seed=seed, integer=True, high=3), cg.random_game((5, 4), seed=seed)]
    for game in games:
        with_numba = cg.equilibria.vertex_enumeration(game)
        with mock.patch.object(_faces, "HAVE_NUMBA", False):
            without = cg.equilibria.vertex_enumeration(game)
        if game.is_exact:
            assert key(with_numba) == key(without)
        else:
            assert cgst.same_float_set(with_numba, without, tol=1e-10)


def test_derived_float_near_tie_is_solved():
    # Regression test (bug found by this suite, since fixed): float games with a payoff gap between about 1e-9
    # and 1e-7 of the payoff span make vertex_enumeration (so mixed_equilibria's default) raise SolverError: the
    # polytope labels use a tolerance relative to the span (10 * TOLERANCE) looser than game.tolerance, so a
    # near-best action is kept and the final check rejects the profile
    game = cg.NormalFormGame([[[0.0], [1e-8], [-1.0]], [[0.0], [0.0], [0.0]]])
    # row 2 beats row 1 by 1e-8, ten times game.tolerance (1e-9): the only equilibrium is (row 2, column 1)
    assert game.tolerance == pytest.approx(1e-9)
    eqs = cg.equilibria.vertex_enumeration(game)
    assert [e.pure_profile for e in eqs] == [("2", "1")]


def test_derived_float_near_tie_is_solved_by_support_enumeration():
    # Regression test (bug found by this suite, since fixed): the same near-tie game makes support_enumeration
    # raise SolverError (its internal tolerance 10 * TOLERANCE on payoffs scaled to [0, 1] is looser than
    # game.tolerance)
    game = cg.NormalFormGame([[[0.0], [1e-8], [-1.0]], [[0.0], [0.0], [0.0]]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cg.DegenerateGameWarning)
        eqs = cg.equilibria.support_enumeration(game)
    assert [e.pure_profile for e in eqs] == [("2", "1")]


def test_derived_float_near_tie_is_solved_by_lemke_howson_and_pure():
    """Lemke-Howson and the pure solver get the near-tie game right (so the bugs above are local)."""
    game = cg.NormalFormGame([[[0.0], [1e-8], [-1.0]], [[0.0], [0.0], [0.0]]])
    assert [e.pure_profile for e in cg.equilibria.lemke_howson(game)] == [("2", "1")]
    assert [e.pure_profile for e in cg.pure_equilibria(game)] == [("2", "1")]


def test_derived_exact_game_with_tiny_payoff_difference():
    game = cg.NormalFormGame([[[F(1)], [1 + F(1, 10**12)]], [[F(0)], [F(0)]]])
    assert game.is_exact
    # row 2 pays exactly 1/10**12 more: the only equilibrium is (row 2, column 1), as pure_equilibria finds
    assert [e.pure_profile for e in cg.pure_equilibria(game)] == [("2", "1")]
    assert [e.pure_profile for e in cg.equilibria.vertex_enumeration(game)] == [("2", "1")]


def test_vertex_bound_is_mcmullens_upper_bound():
    from coopgame.equilibria._reverse_search import vertex_bound

    assert vertex_bound(2, 4) == 4 and vertex_bound(2, 7) == 7      # polygons
    assert vertex_bound(3, 6) == 8 and vertex_bound(3, 10) == 16    # 3-polytopes: 2 * facets - 4
    assert vertex_bound(4, 8) == 20                                 # dual of the cyclic polytope C(8, 4)
    assert vertex_bound(18, 36) == 6_249_100


@pytest.mark.parametrize("seed", range(3))
def test_walk_visits_every_vertex_once_within_the_bound(seed):
    from coopgame.equilibria._polytope import LABEL_TOL, labelled_vertices, normalise
    from coopgame.equilibria._reverse_search import _Walk, vertex_bound

    rng = np.random.default_rng(seed)
    other = normalise(rng.random((6, 7)))
    walk = _Walk(other, None, LABEL_TOL)
    walk.run(10**9)
    _, _, V, _, _ = walk.results()
    qhull, _, _ = labelled_vertices(other)  # Qhull on the polar, an independent enumeration
    assert walk.visited == len(V) == len(qhull) <= vertex_bound(6, 13)
    assert np.allclose(np.sort(V, axis=0), np.sort(qhull, axis=0))


def test_chunked_walk_with_progress_bar_gives_the_same_equilibria(monkeypatch, capsys):
    from coopgame.equilibria import _reverse_search, vertices

    monkeypatch.setattr(vertices, "WALK_DIMENSION", 0)  # the reverse search even on a small game
    game = cg.random_game((8, 8), seed=4, integer=True, high=50)
    whole = cg.equilibria.vertex_enumeration(game, progress=False)
    monkeypatch.setattr(_reverse_search, "FIRST_CHUNK", 7)  # many small chunks, the estimate and the bar
    monkeypatch.setattr(_reverse_search, "ESTIMATE_SECONDS", 0.01)
    chunked = cg.equilibria.vertex_enumeration(game, progress=True)
    assert key(chunked) == key(whole)
    assert "vertex_enumeration" in capsys.readouterr().err  # the tqdm bar, named after the function


def _walk_vertices(other, shrink=False, python=False, monkeypatch=None):
    from coopgame.equilibria import _reverse_search
    from coopgame.equilibria._polytope import LABEL_TOL

    if python:  # the kernel as plain Python (as without numba), calling the compiled helpers
        monkeypatch.setattr(_reverse_search, "_walk", getattr(_reverse_search._walk, "py_func", _reverse_search._walk))
    walk = _reverse_search._Walk(other, None, LABEL_TOL)
    if shrink:  # room for two levels only: the walk pauses and the driver deepens the stack, again and again
        for name in ("tab", "z", "basic", "pos", "nxt"):
            setattr(walk, name, getattr(walk, name)[:2].copy())
    walk.run(10**9)
    return walk.results()[2]


def test_walk_grows_its_stack_when_the_tree_is_deeper_than_planned():
    from coopgame.equilibria._polytope import normalise

    other = normalise(np.random.default_rng(7).random((5, 6)))
    assert np.array_equal(_walk_vertices(other, shrink=True), _walk_vertices(other))


def test_walk_kernel_runs_as_plain_python(monkeypatch):
    from coopgame.equilibria._polytope import normalise

    other = normalise(np.random.default_rng(8).random((3, 4)))
    compiled = _walk_vertices(other)  # first: the plain-Python kernel stays patched in for the rest of the test
    assert np.array_equal(_walk_vertices(other, python=True, monkeypatch=monkeypatch), compiled)


def test_without_numba_a_large_game_is_refused_by_the_budget_not_left_to_run(monkeypatch):
    from coopgame.equilibria import _reverse_search

    monkeypatch.setattr(_faces, "HAVE_NUMBA", False)  # Qhull up to 14 actions, the walk as plain Python above
    monkeypatch.setattr(_reverse_search, "_walk", getattr(_reverse_search._walk, "py_func", _reverse_search._walk))
    rng = np.random.default_rng(5)
    game = cg.NormalFormGame([rng.integers(0, 100, (15, 15)) for _ in range(2)])
    with pytest.raises(cg.SolverLimitError, match="max_seconds=1 s, got about"):
        cg.equilibria.vertex_enumeration(game, max_seconds=1)
