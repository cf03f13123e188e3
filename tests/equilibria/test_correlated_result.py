"""The CorrelatedEquilibrium result: fields, refusals, support by tolerance, display, equality.

Every expected value below is worked out by hand from the definitions (a
distribution's support is its entries above the tolerance policy's absolute
``TOLERANCE`` for floats, above 0 for Fractions).
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from coopgame._checks import describe
from coopgame._numeric import TOLERANCE
from coopgame.equilibria.correlated import CorrelatedEquilibrium, correlated_equilibrium
from coopgame.equilibria.result import equilibria_frame
from coopgame.errors import InvalidGameTypeError, InvalidProfileError
from coopgame.games.normal_form import NormalFormGame

CHICKEN = [[[6, 2], [7, 0]], [[6, 7], [2, 0]]]


def _chicken(exact=True):
    return NormalFormGame(CHICKEN, exact=exact, players=["A", "B"], actions=[["C", "D"]] * 2)


def test_objective_and_method_are_empty_unless_given():
    ce = CorrelatedEquilibrium(_chicken(), [[1, 0], [0, 0]])
    assert (ce.objective, ce.method) == ("", "")
    named = CorrelatedEquilibrium(_chicken(), [[1, 0], [0, 0]], objective="mine", method="by hand")
    assert (named.objective, named.method) == ("mine", "by hand")


@pytest.mark.parametrize("distribution", [[0.5, 0.5], [[1, 2], [3]], "abc"])
def test_a_distribution_of_the_wrong_shape_is_refused_with_its_shape(distribution):
    shape = np.array(distribution, dtype=object).shape
    with pytest.raises(InvalidProfileError) as err:
        CorrelatedEquilibrium(_chicken(False), distribution)
    assert str(err.value) == (f"CorrelatedEquilibrium: expected a probability array of shape (2, 2), "
                              f"got {describe(distribution)} of shape {shape}")


def test_a_distribution_numpy_cannot_read_as_an_array_is_refused_without_a_shape():
    ragged = [np.zeros((2, 2)), np.zeros((2, 3))]   # numpy cannot stack these, even as objects
    with pytest.raises(InvalidProfileError) as err:
        CorrelatedEquilibrium(_chicken(False), ragged)
    assert str(err.value) == f"CorrelatedEquilibrium: expected a probability array of shape (2, 2), got {describe(ragged)}"


@pytest.mark.parametrize("exact", [True, False])
def test_a_distribution_that_is_not_one_is_refused_by_name(exact):
    with pytest.raises(InvalidProfileError) as err:
        CorrelatedEquilibrium(_chicken(exact), [[F(1, 2), F(1, 2)], [F(1, 2), 0]])
    assert str(err.value).startswith("CorrelatedEquilibrium: expected distribution to be a probability vector of "
                                     "length 4 (finite, non-negative entries summing to 1), got ")


def test_a_game_that_is_not_one_is_refused_by_name():
    with pytest.raises(InvalidGameTypeError) as err:
        CorrelatedEquilibrium("chicken", [[1, 0], [0, 0]])
    assert str(err.value).startswith("CorrelatedEquilibrium: expected a game")


def test_support_exact_keeps_every_positive_fraction():
    tiny = F(1, 10**12)   # far below the float tolerance, but positive
    ce = CorrelatedEquilibrium(_chicken(), [[1 - tiny, tiny], [0, 0]])
    assert ce.support == ((0, 0), (0, 1)) and ce.support_labels == (("C", "C"), ("C", "D"))


def test_support_float_is_above_the_absolute_tolerance():
    at = CorrelatedEquilibrium(_chicken(False), [[1 - TOLERANCE, TOLERANCE], [0.0, 0.0]])
    assert at.support == ((0, 0),)          # an entry equal to the tolerance counts as zero
    above = CorrelatedEquilibrium(_chicken(False), [[1 - 2 * TOLERANCE, 2 * TOLERANCE], [0.0, 0.0]])
    assert above.support == ((0, 0), (0, 1))


def test_to_dict_numbers_are_fractions_for_exact_and_floats_for_float_results():
    exact = correlated_equilibrium(_chicken()).to_dict()
    assert {type(v) for v in exact["distribution"].values()} == {F}
    assert {type(v) for v in exact["payoffs"].values()} == {F} and type(exact["welfare"]) is F
    floats = correlated_equilibrium(_chicken(False)).to_dict()
    assert {type(v) for v in floats["distribution"].values()} == {float}
    assert floats["distribution"] == pytest.approx({("C", "C"): 0.5, ("C", "D"): 0.25, ("D", "C"): 0.25})


def _uniform(cells):
    """An exact 3x3 coordination game with probability 1/len(cells) on each cell."""
    game = NormalFormGame([np.eye(3, dtype=int), np.eye(3, dtype=int)], exact=True, actions=[["a", "b", "c"]] * 2)
    p = np.full((3, 3), F(0), dtype=object)
    for cell in cells:
        p[cell] = F(1, len(cells))
    return CorrelatedEquilibrium(game, p)


def test_the_text_lists_eight_profiles_and_counts_the_rest():
    all_nine = [(i, j) for i in range(3) for j in range(3)]
    shown = " + ".join(f"1/9 ({'abc'[i]}, {'abc'[j]})" for i, j in all_nine[:8])
    assert repr(_uniform(all_nine)) == f"CorrelatedEquilibrium({shown} + ... 1 more; payoffs 1/3, 1/3)"
    eight = all_nine[:8]   # all but (c, c): each player gets 1/8 on (a, a) and on (b, b)
    shown = " + ".join(f"1/8 ({'abc'[i]}, {'abc'[j]})" for i, j in eight)
    assert repr(_uniform(eight)) == f"CorrelatedEquilibrium({shown}; payoffs 1/4, 1/4)"


def test_the_table_row_records_the_method():
    row = equilibria_frame([correlated_equilibrium(_chicken())]).iloc[0]
    assert row["method"] == "linprog-highs (exact vertex)"
    assert row["distribution"] == "1/2 (C, C) + 1/4 (C, D) + 1/4 (D, C)"


def test_equality_needs_the_same_game_and_the_same_distribution():
    one = CorrelatedEquilibrium(_chicken(), [[1, 0], [0, 0]])
    assert one == CorrelatedEquilibrium(_chicken(), [[1, 0], [0, 0]])
    assert one != CorrelatedEquilibrium(_chicken(), [[0, 1], [0, 0]])
    other_game = NormalFormGame([[[6, 2], [7, 1]], [[6, 7], [2, 0]]], exact=True, players=["A", "B"],
                                actions=[["C", "D"]] * 2)
    assert one != CorrelatedEquilibrium(other_game, [[1, 0], [0, 0]])
    # the hash follows the distribution: the four pure profiles give four hashes
    pure = [CorrelatedEquilibrium(_chicken(), np.eye(4, dtype=int)[k].reshape(2, 2)) for k in range(4)]
    assert len({hash(ce) for ce in pure}) == 4


# --------------------------------------------------------------------------- the exact recomputation's checks
def test_the_exact_vertex_is_kept_only_when_its_value_matches_the_float_optimum():
    """Chicken's welfare-best vertex (1/2, 1/4, 1/4, 0) is worth 21/2, or 1.5 with payoffs divided by 7.

    The float optimum only locates the vertex; a match within a relative 1e-6 keeps it, a wider gap
    means another vertex was recovered, and the recomputation gives up (None).
    """
    from coopgame.equilibria import correlated
    game = _chicken()
    kind, weights, _ = correlated._objective_weights(game, "welfare")
    rows = correlated._obedience_matrix(game, 7.0)
    x = np.array([0.5, 0.25, 0.25, 0.0])
    for value in (1.5, 1.5 + 1.0e-6):
        assert correlated._exact_vertex(game, kind, weights, rows, x, 4, value).tolist() == [F(1, 2), F(1, 4),
                                                                                            F(1, 4), 0]
    assert correlated._exact_vertex(game, kind, weights, rows, x, 4, 1.5 + 1.7e-6) is None


def test_the_exact_vertex_is_refused_when_it_is_not_a_correlated_equilibrium():
    """Chicken at half scale: (Dare, Dare) for sure is not obeyed, each driver gains 1 by yielding."""
    from coopgame.equilibria import correlated
    half = NormalFormGame([[[3, 1], [F(7, 2), 0]], [[3, F(7, 2)], [1, 0]]], exact=True)
    assert CorrelatedEquilibrium(half, [[0, 0], [0, 1]]).regrets() == (1, 1)
    kind, weights, _ = correlated._objective_weights(half, "feasible")
    rows = correlated._obedience_matrix(half, 3.5)
    assert correlated._exact_vertex(half, kind, weights, rows, np.array([0.0, 0.0, 0.0, 1.0]), 4, 0.0) is None


def _chicken_rows(kind):
    """The obedience rows of float chicken (payoffs divided by 7), with maxmin's rows t - u_i . p <= 0."""
    from scipy import sparse

    from coopgame.equilibria import correlated
    game = _chicken(False)
    rows = correlated._obedience_matrix(game, 7.0)
    if kind == "maxmin":
        U = np.vstack([a.reshape(-1) / 7 for a in game.float_payoffs])
        rows = sparse.vstack([sparse.hstack([rows, sparse.csr_matrix((rows.shape[0], 1))]),
                              sparse.csr_matrix(np.hstack([-U, np.ones((2, 1))]))]).tocsr()
    return game, rows


@pytest.mark.parametrize("kind", ["linear", "maxmin"])
def test_a_float_vertex_found_inexactly_is_re_solved_from_its_tight_constraints(kind):
    """A solver's vertex off by 3e-10 (regret 7e-10) comes back as the vertex itself, to rounding."""
    from coopgame.equilibria import correlated
    game, rows = _chicken_rows(kind)
    noisy = np.array([0.5 + 3e-10, 0.25 - 1e-10, 0.25 - 2e-10, 0.0] + ([0.75] if kind == "maxmin" else []))
    assert max(correlated._violations(game, noisy[:4].reshape(2, 2), i) for i in range(2)) > 5e-10
    p = correlated._polish(game, rows, noisy, 4, kind)
    assert np.abs(p - np.array([[0.5, 0.25], [0.25, 0.0]])).max() <= 1e-15
    assert max(correlated._violations(game, p, i) for i in range(2)) <= 1e-15


def test_a_float_point_that_is_no_vertex_is_kept():
    """Halfway between the two pure equilibria of chicken: a correlated equilibrium, but not a vertex."""
    from coopgame.equilibria import correlated
    game, rows = _chicken_rows("linear")
    middle = np.array([0.0, 0.5, 0.5, 0.0])
    assert correlated._polish(game, rows, middle, 4, "linear").tolist() == [[0.0, 0.5], [0.5, 0.0]]


def test_a_float_vertex_inside_the_polytope_is_re_solved_too():
    """Off the vertex by 2e-12 into the polytope (no regret either way): the vertex itself is returned."""
    from coopgame.equilibria import correlated
    game, rows = _chicken_rows("linear")
    inside = np.array([0.5 - 2e-12, 0.25 + 1e-12, 0.25 + 1e-12, 0.0])
    assert max(correlated._violations(game, inside.reshape(2, 2), i) for i in range(2)) == 0
    p = correlated._polish(game, rows, inside, 4, "linear")
    assert np.abs(p - np.array([[0.5, 0.25], [0.25, 0.0]])).max() <= 1e-15


@pytest.mark.parametrize("point", [[-1e-12, 0.5, 0.5 + 1e-12, 0.0], [0.0, 0.5 + 5e-7, 0.5 + 5e-7, 0.0]])
def test_a_float_point_that_is_kept_is_clipped_at_zero_and_normalised(point):
    """Points with too few tight constraints to re-solve: kept, without negative entries, summing to 1."""
    from coopgame.equilibria import correlated
    game, rows = _chicken_rows("linear")
    p = correlated._polish(game, rows, np.array(point), 4, "linear")
    assert (p >= 0).all() and abs(p.sum() - 1) <= 1e-15
    assert p.reshape(-1) == pytest.approx([0.0, 0.5, 0.5, 0.0], abs=1e-11)


# --------------------------------------------------------------------------- objectives
@pytest.mark.parametrize(("objective", "described", "payoffs"), [
    ("welfare", "welfare", (F(21, 4), F(21, 4))),
    ("maxmin", "maxmin", (F(21, 4), F(21, 4))),
    ("A", "payoff of A", (7, 2)),          # A's favourite: B always yields
    ("B", "payoff of B", (2, 7)),
    (1, "payoff of B", (2, 7)),
    ([1, 2], "weights (1, 2)", (2, 7)),    # u_A + 2 u_B: 16 at (2, 7), 63/4 at the welfare optimum, 11 at (7, 2)
])
def test_each_objective_is_recorded_and_reached(objective, described, payoffs):
    ce = correlated_equilibrium(_chicken(), objective)
    assert ce.objective == described and ce.payoffs == payoffs and ce.max_regret() == 0
    assert ce.method == "linprog-highs (exact vertex)"


def test_the_feasible_objective_gives_some_correlated_equilibrium():
    ce = correlated_equilibrium(_chicken(), "feasible")
    assert ce.objective == "feasible" and ce.max_regret() == 0


@pytest.mark.parametrize(("objective", "message"), [
    (2, "correlated_equilibrium: expected a player index in 0..1, got 2"),
    (-1, "correlated_equilibrium: expected a player index in 0..1, got -1"),
    ("best", "correlated_equilibrium: expected objective 'welfare', 'maxmin', 'feasible', a player (index or one of "
             "['A', 'B']) or 2 weights, got 'best'"),
    (["a", "b"], "correlated_equilibrium: expected objective 'welfare', 'maxmin', 'feasible', a player (index or "
                 "label) or 2 finite weights, got ['a', 'b']"),
    ([1, float("nan")], "correlated_equilibrium: expected objective 'welfare', 'maxmin', 'feasible', a player (index "
                        "or label) or 2 finite weights, got [1, nan]"),
])
def test_an_objective_it_cannot_read_is_refused_by_name(objective, message):
    from coopgame.errors import InvalidArgumentError
    with pytest.raises(InvalidArgumentError) as err:
        correlated_equilibrium(_chicken(), objective)
    assert str(err.value) == message


@pytest.mark.parametrize("objective", ["welfare", "maxmin", "B"])
def test_the_exact_vertex_is_recovered_whatever_the_payoff_scale(objective):
    """Chicken in millions: the constraints are scaled to payoffs of at most 1, so the same exact vertex comes back."""
    import warnings
    big = NormalFormGame([[[6 * 10**6, 2 * 10**6], [7 * 10**6, 0]], [[6 * 10**6, 7 * 10**6], [2 * 10**6, 0]]],
                         exact=True, players=["A", "B"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")     # no fallback to the float solution
        ce = correlated_equilibrium(big, objective)
    small = correlated_equilibrium(_chicken(), objective)
    assert ce.method == "linprog-highs (exact vertex)" and ce.distribution.tolist() == small.distribution.tolist()


def test_regrets_are_fractions_for_exact_and_floats_for_float_distributions():
    """Obeying chicken's welfare-best distribution costs nothing: 0 exactly, or 0.0; (Dare, Dare) costs 2 each."""
    exact = correlated_equilibrium(_chicken())
    assert exact.regrets() == (0, 0) and {type(r) for r in exact.regrets()} == {F}
    floats = correlated_equilibrium(_chicken(False))
    assert floats.regrets() == (0.0, 0.0) and {type(r) for r in floats.regrets()} == {float}
    both_dare = CorrelatedEquilibrium(_chicken(False), [[0.0, 0.0], [0.0, 1.0]])
    assert both_dare.regrets() == (2.0, 2.0) and {type(r) for r in both_dare.regrets()} == {float}
