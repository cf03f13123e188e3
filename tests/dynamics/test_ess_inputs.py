"""is_ess reads a strategy by label, index or vector, exactly for exact games; ESS text and table rows.

Hand-checked cases: in the prisoner's dilemma defecting is the ESS and cooperating is not; in
``[[10**13, 0], [10**13 + 1, 0]]`` the second strategy beats the first by 1 (a relative 1e-13, below
the float tolerance): exactly, the first is not even a Nash equilibrium.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import coopgame as cg
from coopgame.dynamics.ess import evolutionarily_stable_strategies, is_ess
from coopgame.errors import InvalidGameError, InvalidProfileError

PD = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"]] * 2, exact=True)
CLOSE = [[10**13, 0], [10**13 + 1, 0]]


@pytest.mark.parametrize("game", [PD, PD.to_float()])
def test_pure_strategies_by_label_and_index(game):
    assert not is_ess(game, "C") and is_ess(game, "D")
    assert not is_ess(game, 0) and is_ess(game, np.int64(1))


@pytest.mark.parametrize("strategy", [0, "1", [1, 0], [Fraction(1), Fraction(0)]])
def test_an_exact_game_is_decided_exactly_however_the_strategy_is_given(strategy):
    assert not is_ess(CLOSE, strategy)
    # the float game cannot tell the two strategies apart: the first is then stable against the second
    assert is_ess(np.array(CLOSE, dtype=float), strategy)


@pytest.mark.parametrize(("strategy", "message"), [
    ("X", "is_ess: expected a strategy label among ['C', 'D'], got 'X'"),
    (2, "is_ess: expected a strategy index in [0, 2), got 2"),
    (0.5, "is_ess: expected a strategy label, an index or a probability vector of length 2, got 0.5"),
    ([0.5, 0.6], "is_ess: expected strategy to be a probability vector of length 2 (finite, non-negative entries "
                 "summing to 1), got [0.5, 0.6] (sum 1.1)"),
])
def test_a_strategy_it_cannot_read_is_refused_by_name(strategy, message):
    with pytest.raises(InvalidProfileError) as err:
        is_ess(PD, strategy)
    assert str(err.value) == message


def test_a_game_that_is_not_symmetric_is_refused_by_name():
    with pytest.raises(InvalidGameError) as err:
        is_ess(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 6], [0, 1]]]), 0)
    assert str(err.value).startswith("is_ess: expected a symmetric game")


def test_the_text_of_exact_float_and_pure_ess():
    rps = [[0, -1, 2], [2, 0, -1], [-1, 2, 0]]      # a win worth more than a loss: the centre, worth 1/3
    assert repr(evolutionarily_stable_strategies(rps)[0]) == "ESS(1/3 1 + 1/3 2 + 1/3 3; payoff 1/3)"
    assert (repr(evolutionarily_stable_strategies(np.array(rps, dtype=float))[0])
            == "ESS(0.333333 1 + 0.333333 2 + 0.333333 3; payoff 0.333333)")
    assert [repr(e) for e in evolutionarily_stable_strategies(PD)] == ["ESS(1 D; payoff 1)"]


def test_the_table_row_gives_the_payoff():
    frame = evolutionarily_stable_strategies([[-1, 2], [0, 1]]).to_frame()
    assert frame.loc[0, "payoff"] == Fraction(1, 2) and frame.loc[0, "p(1)"] == Fraction(1, 2)


@pytest.mark.parametrize(("columns", "expected"), [
    ([[1, 0, 0], [0, 1, 1]], True),         # (1, 1, 1) is in the span
    ([[-1, 0, 0], [0, -1, -1]], True),      # so is its negative: a positive vector up to sign
    ([[1, -1, 0], [0, 1, -1]], False),      # the vectors summing to zero: none is positive
    ([[1, 0, 0], [0, 1, 0]], False),        # the third entry is always 0
    ([[1, 1, 1]], True),
    ([[1, 1, 0]], False),
    ([[1, -1, 1]], False),
    ([[-1, 0, 0]], False),                  # non-positive, but not negative: a zero entry
])
def test_whether_a_span_of_unit_vectors_holds_a_positive_vector(columns, expected):
    """The test behind Kaplan's criterion of strict copositivity (the directions towards alternative best replies)."""
    from coopgame.dynamics.ess import _cone_has_positive
    basis = np.array([np.array(c, float) / np.linalg.norm(c) for c in columns]).T
    assert _cone_has_positive(basis) is expected


def test_labels_are_the_row_players_when_the_players_name_their_actions_differently():
    game = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"], ["c", "d"]], exact=True)
    assert is_ess(game, "D") and not is_ess(game, "C")
    with pytest.raises(InvalidProfileError, match=r"^is_ess: expected a strategy label among \['C', 'D'\], got 'd'$"):
        is_ess(game, "d")
    assert [e.support_labels for e in evolutionarily_stable_strategies(game)] == [("D",)]


def _small_games(count, m, seed):
    rng = np.random.default_rng(seed)
    return [rng.integers(-2, 3, (m, m)) for _ in range(count)]


@pytest.mark.parametrize("m", [2, 3, 4])
def test_float_games_decide_as_exact_ones_away_from_the_tolerance(m):
    """Small integer games, decided exactly and again in floats (tolerance-based): the same verdicts and ESS.

    Integer payoffs put every tie exactly at 0 and every strict comparison at least 1/36 away from it,
    far outside the float tolerance, so the float path (eigenvalues, copositivity, the float support
    equations) must agree with the exact one (Sylvester's criterion, exact eigenvectors, exact solves).
    """
    for A in _small_games(60, m, seed=m):
        exact = evolutionarily_stable_strategies(A)
        floats = evolutionarily_stable_strategies(A.astype(float))
        assert [e.support for e in floats] == [e.support for e in exact]
        for e, f in zip(exact, floats):
            assert np.allclose(f.strategy, np.array(e.strategy, float), rtol=0, atol=1e-12)
            assert f.payoff == pytest.approx(float(e.payoff), abs=1e-12)
        for k in range(m):
            assert is_ess(A.astype(float), k) == is_ess(A, k), (A.tolist(), k)
        for e in exact:
            assert is_ess(A.astype(float), np.array(e.strategy, float))


@pytest.mark.parametrize("m", [2, 3, 4])
@pytest.mark.parametrize("kind", [int, float])
def test_the_support_search_alone_finds_every_ess(monkeypatch, m, kind):
    """Games too large for mixed_equilibria rely on the search over supports alone: it finds the same ESS."""
    from coopgame.dynamics import ess as module
    from coopgame.errors import SolverLimitError
    games = [A.astype(kind) for A in _small_games(40, m, seed=10 + m)]
    expected = [evolutionarily_stable_strategies(A) for A in games]

    def too_large(*args, **kwargs):
        raise SolverLimitError("mixed_equilibria: too large (simulated)")

    monkeypatch.setattr(module, "mixed_equilibria", too_large)
    for A, want in zip(games, expected):
        got = evolutionarily_stable_strategies(A)
        assert [e.support for e in got] == [e.support for e in want], A.tolist()
        for e, f in zip(got, want):
            assert np.allclose(np.array(e.strategy, float), np.array(f.strategy, float), rtol=0, atol=1e-12)
            assert e.is_exact == f.is_exact == (kind is int)


def test_hand_solved_supports():
    """Hawk-dove [[-1, 2], [0, 1]]: on both strategies p = (1/2, 1/2) (each earns 1/2); alone, neither
    strategy is a best reply to itself. Prisoner's dilemma: defection alone, nothing with cooperation."""
    from coopgame.dynamics.ess import _support_solution
    hawk_dove = np.array([[-1, 2], [0, 1]], dtype=object)
    assert _support_solution(hawk_dove, (0, 1), True).tolist() == [Fraction(1, 2), Fraction(1, 2)]
    assert _support_solution(hawk_dove, (0,), True) is None and _support_solution(hawk_dove, (1,), True) is None
    assert _support_solution(hawk_dove.astype(float), (0, 1), False).tolist() == [0.5, 0.5]
    assert _support_solution(hawk_dove.astype(float), (1,), False) is None
    pd = np.array([[3, 0], [5, 1]], dtype=object)
    assert _support_solution(pd, (1,), True).tolist() == [0, 1] and _support_solution(pd, (0, 1), True) is None
    assert _support_solution(pd.astype(float), (1,), False).tolist() == [0.0, 1.0]
    assert _support_solution(pd.astype(float), (0,), False) is None
    assert _support_solution(pd.astype(float), (0, 1), False) is None


def test_the_limit_on_alternative_best_replies_is_refused_by_name():
    """All ties among 4 strategies: the 3 others are alternative best replies to the first."""
    from coopgame.errors import SolverLimitError
    with pytest.raises(SolverLimitError) as err:
        is_ess(np.zeros((4, 4), dtype=int), 0, max_strategies=2)
    assert str(err.value) == ("is_ess: expected the number of alternative best replies outside the support of at "
                              "most max_strategies=2, got 3; pass a larger max_strategies= to accept the work")
