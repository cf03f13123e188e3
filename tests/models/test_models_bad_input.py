"""Bad input to the model catalog: parameter values, misspelt names, size budgets."""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import coopgame as cg
from coopgame import models
from coopgame.errors import InvalidArgumentError, SolverLimitError
from coopgame.models.anonymous import MAX_ANONYMOUS_REGIONS, MAX_CONTINUOUS_REGIONS
from coopgame.models.transboundary import MAX_REGIONS


@pytest.mark.parametrize("name", ["prisoners_dilemma", "race_to_the_bottom", "inspection", "tripartite",
                                  "public_goods", "upstream_downstream", "performance_evaluation"])
@pytest.mark.parametrize("bad", [float("nan"), math.inf, -math.inf, True, 1j, 10**400])
def test_parameter_values_must_be_finite_real_numbers(name, bad):
    model = models.catalog()[name]
    parameter = model().parameters[0].name
    with pytest.raises(InvalidArgumentError, match=rf"{name}: expected {parameter} to be a finite real number"):
        model(**{parameter: bad})


def test_names_expressions_and_exact_numbers_still_substitute():
    assert models.prisoners_dilemma(T=sympy.sqrt(2) * 4).payoffs[0][1, 0] == 4 * sympy.sqrt(2)
    assert models.prisoners_dilemma(T="R + 1").parameters == tuple(sympy.symbols("P R S", positive=True))
    assert models.prisoners_dilemma(T=F(11, 2), R=3, P=1, S=0)["Defect", "Cooperate"] == (F(11, 2), 0)


def test_misspelt_parameters_get_a_did_you_mean():
    with pytest.raises(InvalidArgumentError, match=r"unknown parameter 'rr' \(did you mean 'r'\?\)"):
        models.public_goods(rr=2)
    with pytest.raises(InvalidArgumentError, match="structural options: n, costs, shares, max_players"):
        models.public_goods(q=2)
    with pytest.raises(InvalidArgumentError, match="did you mean 'f'"):
        models.multilevel(ff=1)
    with pytest.raises(InvalidArgumentError, match="did you mean 'alpha'"):
        models.transboundary_emissions(alpah=0.5)
    with pytest.raises(InvalidArgumentError, match="public_goods_continuous: got an unknown parameter 'c'"):
        models.public_goods_continuous(c=1)


def test_structural_options_are_checked():
    with pytest.raises(InvalidArgumentError, match="did you mean 'sqrt'"):
        models.performance_evaluation(fiscal="sqr")
    with pytest.raises(InvalidArgumentError, match="payment"):
        models.upstream_downstream(payment="bargain")
    with pytest.raises(InvalidArgumentError, match="bet"):
        models.upstream_downstream(bet="yes")
    with pytest.raises(InvalidArgumentError, match="threshold m"):
        models.threshold_public_goods(n=3, m=4)
    with pytest.raises(InvalidArgumentError, match="clause"):
        models.minimum_participation(n=4, clause=2.5)
    with pytest.raises(InvalidArgumentError, match="theta"):
        models.bargained_payment(1.5)
    assert models.bargained_payment(F(1, 2)) == models.bargained_payment(sympy.Rational(1, 2))


def test_anonymous_games_are_built_in_linear_time_up_to_their_budget():
    game = models.public_goods_anonymous(n=2000)
    assert game.payoff("Govern", (1999, 0)) == F(2)  # r*c - c with everyone governing
    assert game.payoff("Free-ride", (1999, 0)) == F(3 * 1999, 1000)
    assert [eq.counts for eq in cg.pure_equilibria(game)] == [(0, 2000)]
    with pytest.raises(SolverLimitError, match=rf"of at most max_regions={MAX_ANONYMOUS_REGIONS:,}"):
        models.public_goods_anonymous(n=10**6)
    with pytest.raises(SolverLimitError, match="max_regions=10"):
        models.minimum_participation_anonymous(n=11, max_regions=10)
    assert models.public_goods_anonymous(n=11, max_regions=11).num_players == 11


def test_anonymous_games_read_floats_as_simple_fractions():
    game = models.public_goods_anonymous(n=4, c=0.1, r=1.5)
    assert game.payoff("Govern", (3, 0)) == F(1, 20)
    for bad in (float("nan"), math.inf, 0, -1, "a"):
        with pytest.raises(InvalidArgumentError, match="public_goods_anonymous: expected c"):
            models.public_goods_anonymous(c=bad)


def test_continuous_and_transboundary_models_have_region_budgets():
    with pytest.raises(SolverLimitError, match=rf"max_regions={MAX_CONTINUOUS_REGIONS}.*public_goods_anonymous"):
        models.public_goods_continuous(n=1000)
    with pytest.raises(SolverLimitError, match=rf"max_regions={MAX_REGIONS}"):
        models.transboundary_emissions(n=MAX_REGIONS + 1)
    assert models.transboundary_emissions(n=3, max_regions=3).num_players == 3
    with pytest.raises(InvalidArgumentError, match="3 x 3 transport"):
        models.transboundary_emissions(n=3, transport=[[1, 0], [0]])


def test_inspection_has_a_supervisor_budget():
    with pytest.raises(SolverLimitError, match=r"of at most max_supervisors=100, got 10,000"):
        models.inspection(supervisors=10_000)
    with pytest.raises(SolverLimitError, match="max_supervisors=1"):
        models.inspection(supervisors=("centre", "media"), max_supervisors=1)
    with pytest.raises(InvalidArgumentError, match="supervisors"):
        models.inspection(supervisors=2.5)
    assert models.inspection(supervisors=3).parameters[-1].name == "rho_3"


@pytest.mark.parametrize("m", [np.array([np.nan, 1.0]), float("nan"), 2.5, "2", True])
def test_threshold_public_goods_checks_the_threshold(m):
    with pytest.raises(InvalidArgumentError, match="threshold_public_goods"):
        models.threshold_public_goods(n=3, m=m)


def test_catalog_takes_no_arguments():
    from coopgame.errors import InvalidArgumentTypeError

    with pytest.raises(InvalidArgumentTypeError, match="catalog: .*unknown keyword argument 'bogus'"):
        models.catalog(bogus=1)
    with pytest.raises(InvalidArgumentTypeError, match="catalog"):
        models.catalog(1)
