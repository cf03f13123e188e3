"""Nested games solved level by level; the provinces-and-cities model (claim S10)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame import models
from coopgame.equilibria.multilevel import MultilevelEquilibrium, solve_multilevel
from coopgame.errors import CallbackError, InvalidArgumentError, InvalidGameError
from coopgame.games.multilevel import MultilevelGame
from coopgame.games.symmetric import SymmetricGame

CC = ("Cooperate", "Cooperate")
pos = st.fractions(min_value=Fraction(1, 10), max_value=10)


@settings(max_examples=40, deadline=None)
@given(B=pos, k=pos, b=pos, c=pos, f=pos)
def test_derived_city_cooperation_only_under_provincial_cooperation(B, k, b, c, f):
    """S10: the cities' (Cooperate, Cooperate) is an equilibrium only in the branch where the provinces cooperate."""
    game = models.multilevel(B=B, k=k, b=b, c=c, f=f)
    for outcome, lower in game.lower.items():
        cities = [e.pure_profile for e in cg.pure_equilibria(lower)]
        assert (CC in cities) == (outcome == CC and f >= c)
    branches = solve_multilevel(game)
    assert [br.outcome for br in branches] == ([CC] if B >= k else []) + [("Defect", "Defect")]
    for br in branches:
        assert br.is_verified()
        assert (CC in br.lower_outcomes) == (br.outcome == CC and f >= c)
        if b > c:  # the cities' dilemma: defecting is always an equilibrium
            assert ("Defect", "Defect") in br.lower_outcomes


def test_solution_shape_and_repr():
    branch, other = solve_multilevel(models.multilevel())
    assert isinstance(branch, MultilevelEquilibrium)
    assert branch.levels == ("Provinces", "Cities")
    assert branch.combined == ((CC, CC), (CC, ("Defect", "Defect")))
    assert repr(other) == "MultilevelEquilibrium(Provinces: (Defect, Defect) -> Cities: (Defect, Defect))"
    assert branch.to_dict()["outcome"] == list(CC)
    with pytest.raises(dataclasses.FrozenInstanceError):
        branch.outcome = ()  # frozen


def test_values_and_mixed_lower():
    mixed = solve_multilevel(models.multilevel(), lower="mixed")
    assert len(mixed[0].lower) == 3 and mixed[0].lower_outcomes[1] is None
    assert [b.outcome for b in solve_multilevel(models.multilevel(), B=1, k=2)] == [("Defect", "Defect")]
    assert solve_multilevel(models.multilevel(), f=Fraction(1, 2))[0].lower_outcomes == (("Defect", "Defect"),)


def test_mapping_and_symmetric_lower_games():
    pd = cg.NormalFormGame([[[3, 0], [4, 1]], [[3, 4], [0, 1]]], actions=[["C", "D"]] * 2)
    sym = SymmetricGame(5, ["Abate", "Pollute"], lambda own, counts: counts[0] + (own == 0) - 2 * (own == 0))
    game = MultilevelGame(pd, {o: sym for o in [("C", "C"), ("C", "D"), ("D", "C"), ("D", "D")]})
    (branch,) = solve_multilevel(game)
    assert branch.outcome == ("D", "D") and branch.lower_outcomes == ((0, 5),)
    assert "Upper" in repr(game) and game.parameters == ()
    assert game == MultilevelGame(pd, lambda o: sym) and hash(game) == hash(MultilevelGame(pd, lambda o: sym))


def test_symbolic_substitution():
    game = models.multilevel()
    assert [s.name for s in game.parameters] == ["B", "b", "c", "f", "k"]
    assert {s.name for s in game.defaults} == {"B", "b", "c", "f", "k"}
    assert game.numeric() == models.multilevel(B=3, k=1, b=2, c=1, f=2)
    assert game.subs({"f": 3}) == models.multilevel(f=3)


def test_errors():
    pd = cg.NormalFormGame([[[3, 0], [4, 1]], [[3, 4], [0, 1]]])
    with pytest.raises(InvalidArgumentError, match="multilevel"):
        models.multilevel(q=1)
    with pytest.raises(InvalidGameError, match="missing"):
        MultilevelGame(pd, {})
    with pytest.raises(InvalidGameError, match="upper"):
        MultilevelGame("game", lambda o: pd)
    with pytest.raises(InvalidGameError, match="SymmetricGame"):
        MultilevelGame(pd, lambda o: 3)
    with pytest.raises(CallbackError, match="raised ZeroDivisionError"):
        MultilevelGame(pd, lambda o: 1 / 0)
    with pytest.raises(InvalidGameError, match="MultilevelGame"):
        solve_multilevel(pd)
    with pytest.raises(InvalidArgumentError, match="lower"):
        solve_multilevel(MultilevelGame(pd, lambda o: pd), lower="all")
    with pytest.raises(InvalidArgumentError, match="unknown"):
        solve_multilevel(models.multilevel(), z=1)


@settings(max_examples=30, deadline=None)
@given(B=pos, k=pos, b=pos, c=pos, f=pos)
def test_derived_anticipating_provinces_sign_when_own_plus_city_gains_cover_the_cost(B, k, b, c, f):
    """Backward induction: with cities' equilibrium payoffs counted, (Cooperate, Cooperate) is an upper
    equilibrium iff B - k + max(b - c + f, 0) >= 0 (the cities' best equilibrium when f >= c is mutual cooperation)."""
    from coopgame.equilibria.multilevel import anticipated_upper

    game = models.multilevel(B=B, k=k, b=b, c=c, f=f)
    reduced = anticipated_upper(game)
    assert reduced.is_exact and reduced.players == ("Province 1", "Province 2")
    city_cc = b - c + f if f >= c and b - c + f >= 0 else 0
    profiles = [e.pure_profile for e in cg.pure_equilibria(reduced)]
    assert (CC in profiles) == (B - k + city_cc >= 0)
    worst = anticipated_upper(game, select="worst")
    assert (CC in [e.pure_profile for e in cg.pure_equilibria(worst)]) == (B - k + min(city_cc, 0) >= 0)


def test_anticipated_upper_errors_and_owners():
    from coopgame.equilibria.multilevel import anticipated_upper

    pd = cg.NormalFormGame([[[3, 0], [4, 1]], [[3, 4], [0, 1]]], actions=[["C", "D"]] * 2)
    game = MultilevelGame(pd, lambda o: pd)
    both = anticipated_upper(game, owners=[[0, 1], []], weight=2)
    assert both.payoffs[0][0, 0] == 3 + 2 * 2 and both.payoffs[1][0, 0] == 3
    with pytest.raises(InvalidArgumentError, match="select"):
        anticipated_upper(game, select="best")
    with pytest.raises(InvalidArgumentError, match="owner groups"):
        anticipated_upper(game, owners=[[0]])
    with pytest.raises(InvalidArgumentError, match="indices below"):
        anticipated_upper(game, owners=[[5], [0]])
    pennies = cg.NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    with pytest.raises(cg.NotSupportedError, match="no pure equilibrium"):
        anticipated_upper(MultilevelGame(pd, lambda o: pennies))
    sym = SymmetricGame(3, 2, lambda own, counts: own)
    with pytest.raises(cg.NotSupportedError, match="SymmetricGame"):
        anticipated_upper(MultilevelGame(pd, lambda o: sym))
    with pytest.raises(InvalidGameError):
        anticipated_upper(pd)


# ---------------------------------------------------------------------- bad input found by fuzzing
@pytest.mark.parametrize("weight", [None, "x", [1, 2], float("nan"), float("inf"), 10**400, True])
def test_anticipated_upper_refuses_a_weight_that_is_not_a_finite_number(weight):
    from coopgame.equilibria.multilevel import anticipated_upper

    with pytest.raises(InvalidArgumentError, match="anticipated_upper: expected weight"):
        anticipated_upper(models.multilevel(), weight=weight)


@pytest.mark.parametrize("owners", ["j", [[float("nan")], [1]], [[0], ["x"]], [[-1], [1]]])
def test_anticipated_upper_refuses_owners_that_are_not_indices(owners):
    from coopgame.equilibria.multilevel import anticipated_upper

    with pytest.raises(InvalidArgumentError, match="anticipated_upper: expected owners"):
        anticipated_upper(models.multilevel(), owners=owners)


@pytest.mark.parametrize("select", ["best", 1, None, ["welfare"]])
def test_anticipated_upper_refuses_an_unknown_select(select):
    from coopgame.equilibria.multilevel import anticipated_upper

    with pytest.raises(InvalidArgumentError, match="anticipated_upper: expected select"):
        anticipated_upper(models.multilevel(), select=select)


def test_multilevel_equilibrium_methods_refuse_a_misspelt_keyword_with_a_typed_error():
    from coopgame.equilibria import solve_multilevel
    from coopgame.errors import InvalidArgumentTypeError
    from coopgame.models import multilevel

    obj = solve_multilevel(multilevel())[0]
    with pytest.raises(InvalidArgumentTypeError) as caught:
        obj.is_verified(tol=1)
    assert "MultilevelEquilibrium.is_verified: got an unknown keyword argument 'tol'; it takes no keyword arguments" in str(caught.value)
