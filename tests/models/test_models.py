"""The model catalog: symbolic by default, substitution, defaults, labels, errors, presets."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

import coopgame as cg
from coopgame import models

CATALOG = models.catalog()
#: Models of other game forms (anonymous, continuous, multilevel): tested in their own files.
OTHER_FORMS = {
    "public_goods_anonymous": cg.SymmetricGame,
    "minimum_participation_anonymous": cg.SymmetricGame,
    "public_goods_continuous": cg.ContinuousGame,
    "transboundary_emissions": cg.ContinuousGame,
    "multilevel": None,  # a MultilevelGame
}
NAMES = sorted(set(CATALOG) - set(OTHER_FORMS))

LABELS = {
    "public_goods": (("Region 1", "Region 2"), (("Govern", "Free-ride"),) * 2),
    "threshold_public_goods": (("Region 1", "Region 2", "Region 3"), (("Govern", "Free-ride"),) * 3),
    "minimum_participation": (tuple(f"Region {i}" for i in range(1, 5)), (("Abate", "Pollute"),) * 4),
    "race_to_the_bottom": (("Region 1", "Region 2"), (("Strict", "Lax"),) * 2),
    "performance_evaluation": (("Region 1", "Region 2"), (("Strict", "Lax"),) * 2),
    "upstream_downstream": (("Upstream", "Downstream"), (("Protect", "Develop"), ("Compensate", "Refuse"))),
    "inspection": (("Local government", "Central government"), (("Real", "False"), ("Inspect", "Trust"))),
    "tripartite": (("Central government", "Local government", "Enterprise"),
                   (("Supervise strictly", "Supervise loosely"), ("Regulate strictly", "Regulate laxly"),
                    ("Abate", "Pollute"))),
    "prisoners_dilemma": (("Region 1", "Region 2"), (("Cooperate", "Defect"),) * 2),
    "stag_hunt": (("Region 1", "Region 2"), (("Stag", "Hare"),) * 2),
    "chicken": (("Region 1", "Region 2"), (("Swerve", "Straight"),) * 2),
    "battle_of_the_sexes": (("Region 1", "Region 2"), (("Opera", "Football"),) * 2),
    "matching_pennies": (("Region 1", "Region 2"), (("Heads", "Tails"),) * 2),
}


@pytest.mark.parametrize("name", sorted(OTHER_FORMS))
def test_other_game_forms_in_the_catalog(name):
    game = CATALOG[name]()
    kind = OTHER_FORMS[name]
    assert type(game).__name__ == "MultilevelGame" if kind is None else isinstance(game, kind)


def test_catalog_lists_every_model_once():
    assert set(NAMES) == set(LABELS)
    assert all(callable(f) for f in CATALOG.values())
    assert models.catalog() is not models.catalog()  # a copy: callers cannot corrupt the registry
    assert set(models.__all__) >= set(NAMES) | {"catalog"}


@pytest.mark.parametrize("name", NAMES)
def test_symbolic_by_default_with_defaults_for_every_parameter(name):
    game = CATALOG[name]()
    assert isinstance(game, cg.SymbolicGame)
    assert game.parameters
    assert {s.name for s in game.defaults} == {s.name for s in game.parameters}
    assert all(s.is_positive for s in game.parameters)


@pytest.mark.parametrize("name", NAMES)
def test_defaults_give_an_exact_normal_form_game(name):
    game = CATALOG[name]()
    values = {s.name: v for s, v in game.defaults.items()}
    numeric = CATALOG[name](**values)
    assert isinstance(numeric, cg.NormalFormGame)
    assert numeric == game.numeric()
    if name != "performance_evaluation":
        assert numeric.is_exact


@pytest.mark.parametrize("name", NAMES)
def test_partial_substitution_stays_symbolic_and_keeps_other_defaults(name):
    game = CATALOG[name]()
    first, *rest = game.parameters
    part = CATALOG[name](**{first.name: 7})
    if rest:
        assert isinstance(part, cg.SymbolicGame)
        assert [s.name for s in part.parameters] == [s.name for s in rest]
        assert {s.name for s in part.defaults} == {s.name for s in rest}
        assert part.numeric() == game.numeric(**{first.name: 7})
    else:
        assert isinstance(part, cg.NormalFormGame)


@pytest.mark.parametrize("name", NAMES)
def test_labels(name):
    players, actions = LABELS[name]
    game = CATALOG[name]()
    assert game.players == players
    assert game.actions == actions


@pytest.mark.parametrize("name", NAMES)
def test_unknown_keyword_names_model_and_parameters(name):
    game = CATALOG[name]()
    with pytest.raises(cg.InvalidArgumentError) as info:
        CATALOG[name](not_a_parameter=1)
    msg = str(info.value)
    assert name in msg and "not_a_parameter" in msg
    assert all(s.name in msg for s in game.parameters)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("name", NAMES)
def test_docstring_tells_parameters_and_sources(name):
    doc = CATALOG[name].__doc__
    assert "Parameters" in doc and "References" in doc and "Examples" in doc and ">>>" in doc
    for s in CATALOG[name]().parameters:
        assert s.name in doc


# ------------------------------------------------------------------------ particular models
def test_public_goods_payoff_formula_for_all_profiles():
    n = 4
    game = models.public_goods(n=n)
    c, r = game.symbol("c"), game.symbol("r")
    for idx in np.ndindex(*(2,) * n):
        a = [1 - k for k in idx]
        for i in range(n):
            assert sympy.simplify(game.payoffs[i][idx] - (r * c * sum(a) / n - c * a[i])) == 0


def test_public_goods_heterogeneous_costs_and_shares():
    game = models.public_goods(n=3, costs=("c_1", "c_2", "c_3"))
    assert [s.name for s in game.parameters] == ["c_1", "c_2", "c_3", "r"]
    g = models.public_goods(n=3, costs=(1, 2, 3), r=2)
    # all govern: each gets 2*(1+2+3)/3 = 4 minus own cost
    assert [g.payoffs[i][0, 0, 0] for i in range(3)] == [3, 2, 1]
    g = models.public_goods(n=2, shares=(Fraction(3, 4), Fraction(1, 4)), c=4, r=Fraction(3, 2))
    assert g["Govern", "Govern"] == (Fraction(5), Fraction(-1))  # 12 shared 3:1, minus 4 each
    with pytest.raises(cg.InvalidArgumentError, match="costs"):
        models.public_goods(n=3, costs=(1, 2))


@pytest.mark.parametrize("n", [0, 1, 2.5, True, "3"])
def test_public_goods_refuses_bad_region_counts(n):
    with pytest.raises(cg.InvalidArgumentError, match="public_goods: expected the number of regions n to be an integer"):
        models.public_goods(n=n)


def test_public_goods_size_budget_names_the_keyword_and_the_anonymous_model():
    with pytest.raises(cg.SolverLimitError, match="of at most max_players=8, got 9.*public_goods_anonymous"):
        models.public_goods(n=9)
    game = models.public_goods(n=3, max_players=3)
    assert game.num_players == 3
    with pytest.raises(cg.SolverLimitError, match="max_players=2"):
        models.minimum_participation(n=3, max_players=2)
    with pytest.raises(cg.SolverLimitError, match="max_players=2"):
        models.threshold_public_goods(n=3, max_players=2)


def test_threshold_public_goods_has_coordination_equilibria():
    g = models.threshold_public_goods(n=3, m=2).numeric()
    eqs = {tuple(int(np.argmax(s)) for s in e.strategies) for e in cg.pure_equilibria(g)}
    assert (1, 1, 1) in eqs and {(0, 0, 1), (0, 1, 0), (1, 0, 0)} <= eqs and (0, 0, 0) not in eqs
    risky = models.threshold_public_goods(n=3, m=2, risk=True)
    assert {s.name for s in risky.parameters} == {"L", "c", "p"}
    with pytest.raises(cg.InvalidArgumentError, match="threshold"):
        models.threshold_public_goods(n=3, m=4)


def test_upstream_downstream_presets_and_payment_options():
    x = models.upstream_downstream(preset="xinan_2012")
    assert {s.name for s in x.parameters} == {"B_d", "C_u", "b_u"}
    gain = sympy.simplify(x.payoffs[0][0, 0] - x.payoffs[0][1, 0] - (x.symbol("b_u") - x.symbol("C_u")))
    assert gain == 2  # protection gains 2M with M = 1 under the agreement
    assert sympy.simplify(x.payoffs[0][1, 0]) == 2  # central fund 3 minus the lost bet 1
    nash = models.upstream_downstream(payment="nash", theta=Fraction(1, 2), C_u=3, b_u=1, B_d=4)
    assert nash["Protect", "Compensate"] == (Fraction(1), Fraction(1))  # T* = 3, the surplus 2 split equally
    assert models.bargained_payment(Fraction(1, 2)) == sympy.sympify("(C_u - b_u + B_d)/2").xreplace(
        {sympy.Symbol(n): sympy.Symbol(n, positive=True) for n in ("C_u", "b_u", "B_d")})
    with pytest.raises(cg.InvalidArgumentError, match="preset"):
        models.upstream_downstream(preset="yangtze")
    with pytest.raises(cg.InvalidArgumentError, match="payment"):
        models.upstream_downstream(payment="shapley")


def test_inspection_supervisors():
    g = models.inspection(supervisors=("centre", "media"))
    assert {s.name for s in g.parameters} == {"B", "F", "dc", "k", "rho_centre", "rho_media"}
    num = g.numeric()
    assert num["False", "Inspect"][0] == 2 - Fraction(3, 4) * 8
    for bad in (0, "centre", ("a", "a"), True):
        with pytest.raises(cg.InvalidArgumentError):
            models.inspection(supervisors=bad)


def test_performance_evaluation_rejects_unknown_fiscal_utility():
    with pytest.raises(cg.InvalidArgumentError, match="fiscal"):
        models.performance_evaluation(fiscal="cubic")
    assert {s.name for s in models.performance_evaluation("log").parameters} == {
        "E_L", "E_S", "G_L", "G_S", "R0_1", "R0_2", "tau", "w"}


def test_minimum_participation_clause_validation():
    with pytest.raises(cg.InvalidArgumentError, match="clause"):
        models.minimum_participation(n=4, clause=5)


def test_models_pickle_and_latex():
    import pickle

    for name in NAMES:
        game = CATALOG[name]()
        assert pickle.loads(pickle.dumps(game)) == game
        assert "tabular" in game.to_latex()
