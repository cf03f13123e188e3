"""design(): the cheapest instrument mix, its certificate, infeasible caps, concepts, parameters, typed errors."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy

import coopgame as cg
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameTypeError,
    InvalidProfileError,
    NotSupportedError,
    SolverLimitError,
    UnresolvedParameterError,
)
from coopgame.mechanisms import Design, design
from coopgame.mechanisms._design_lp import check_certificate, solve_exact, solve_float

ACTIONS = [["Govern", "Free-ride"]] * 2
GG = ("Govern", "Govern")


def pd(exact: bool = True) -> cg.NormalFormGame:
    return cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=exact, actions=ACTIONS)


def mix(detection=Fraction(1, 2)):
    return [cg.Subsidy(p, "Govern", "s") for p in (0, 1)] + [
        cg.Penalty(p, "Free-ride", "F", detection=detection) for p in (0, 1)]


def regrets(game: cg.NormalFormGame, idx: tuple[int, ...]) -> list:
    """Each player's gain from each unilateral deviation, read off the payoff arrays (independent of design)."""
    out = []
    for p, a in enumerate(idx):
        for b in range(game.shape[p]):
            if b != a:
                dev = list(idx)
                dev[p] = b
                out.append(game.payoffs[p][tuple(dev)] - game.payoffs[p][idx])
    return out


def dominance_gaps(game: cg.NormalFormGame, idx: tuple[int, ...]) -> list:
    out = []
    for p, a in enumerate(idx):
        others = [range(m) if q != p else [a] for q, m in enumerate(game.shape)]
        for prof in itertools.product(*others):
            for b in range(game.shape[p]):
                if b != a:
                    dev = list(prof)
                    dev[p] = b
                    out.append(game.payoffs[p][tuple(dev)] - game.payoffs[p][prof])
    return out


# ------------------------------------------------------------------ the exact LP behind it


def test_exact_lp_agrees_with_highs_and_certifies_itself():
    rng = np.random.default_rng(3)
    for _ in range(150):
        k, m = int(rng.integers(1, 4)), int(rng.integers(1, 7))
        G = rng.integers(-3, 4, (m, k)).tolist()
        h = rng.integers(-3, 4, m).tolist()
        c = rng.integers(-2, 3, k).tolist()
        exact, flt = solve_exact(c, G, h), solve_float(c, G, h)
        assert exact.status == flt.status
        assert check_certificate([Fraction(v) for v in c], [[Fraction(v) for v in r] for r in G],
                                 [Fraction(v) for v in h], exact)
        if exact.status == "optimal":
            assert float(exact.value) == pytest.approx(flt.value, abs=1e-7)


def test_exact_lp_certificate_rejects_a_wrong_answer():
    sol = solve_exact([1, 1], [[1, 0], [0, 1], [1, 2]], [0, 0, 3])
    assert sol.value == Fraction(3, 2)
    from dataclasses import replace

    assert not check_certificate([1, 1], [[1, 0], [0, 1], [1, 2]], [0, 0, 3], replace(sol, x=(Fraction(0), Fraction(2))))
    assert not check_certificate([1, 1], [[1, 0], [0, 1], [1, 2]], [0, 0, 3], replace(sol, y=(0, 0, 0)))


# ------------------------------------------------------------------ one game


def test_prisoners_dilemma_with_capped_fine():
    d = design(pd(), GG, mix(), bounds={"F": 2})
    assert isinstance(d, Design) and d.feasible and d.is_exact
    assert d.values["s"] == 1 and d.values["F"] == 2 and d.values[sympy.Symbol("F")] == 2
    assert d.cost == 2 and d.cost == cg.instrument_cost(d.game, GG).total
    assert d.certificate.verified and d.certificate.status == "optimal"
    assert d.certificate.lower_bound == d.cost
    assert "the cap F <= 2" in d.binding
    assert all(r <= 0 for r in regrets(d.game, (0, 0)))
    assert "<table>" in d._repr_html_() and "cost 2" in repr(d)
    assert d.to_dict()["cost"] == 2


def test_results_compare_by_their_answer():
    first = design(pd(), GG, mix(), bounds={"F": 2})
    again = design(pd(), GG, mix(), bounds={"F": 2})
    assert first == again and hash(first) == hash(again) and len({first, again}) == 1
    assert first != design(pd(), GG, mix(), bounds={"F": 3})
    assert "s" in first.values and sympy.Symbol("s") in first.values and "t" not in first.values
    assert "DesignCertificate" in first.certificate._repr_html_()
    with pytest.raises(KeyError):
        first.values["t"]


def test_fine_alone_is_free_and_subsidy_alone_costs():
    fine_only = design(pd(), GG, [cg.Penalty(p, "Free-ride", "F") for p in (0, 1)])
    assert fine_only.values["F"] == 2 and fine_only.cost == 0
    subsidy_only = design(pd(), GG, [cg.Subsidy(p, "Govern", "s") for p in (0, 1)])
    assert subsidy_only.values["s"] == 2 and subsidy_only.cost == 4


def test_float_game_uses_highs_and_agrees():
    d = design(pd(exact=False), GG, mix(0.5), bounds={"F": 2})
    assert not d.is_exact and d.certificate.method == "HiGHS" and d.certificate.verified
    assert d.cost == pytest.approx(2.0)
    assert float(cg.instrument_cost(d.game, GG).total) == pytest.approx(d.cost)


def test_transfers_cost_nothing():
    # a transfer from the free-rider to the governor when one free-rides deters free-riding at no cost
    insts = [cg.Transfer(1, 0, "t", when=("Govern", "Free-ride")), cg.Transfer(0, 1, "t", when=("Free-ride", "Govern"))]
    d = design(pd(), GG, insts)
    assert d.cost == 0 and d.values["t"] >= 2
    assert all(r <= 0 for r in regrets(d.game, (0, 0)))


def test_standard_is_applied_before_the_amounts():
    insts = [cg.Standard(0, "Free-ride"), cg.Subsidy(1, "Govern", "s")]
    d = design(pd(), GG, insts)
    assert d.game.shape == (1, 2) and d.values["s"] == 2 and d.cost == 2


def test_infeasible_cap_is_a_result_naming_the_cap():
    d = design(pd(), GG, [cg.Penalty(p, "Free-ride", "F", detection=Fraction(1, 2)) for p in (0, 1)], bounds={"F": 3})
    assert not d and not d.feasible and d.values == {} and d.cost is None and d.game is None
    assert "the cap F <= 3" in d.reason and "Govern rather than Free-ride" in d.reason
    assert d.certificate.status == "infeasible" and d.certificate.verified
    assert "no mix works" in repr(d) and "<table>" in d._repr_html_()


def test_infeasible_budget_is_named():
    d = design(pd(), GG, mix(), bounds={"F": 2}, budget=1)
    assert not d and "the budget" in d.reason and "the cap F <= 2" in d.reason


def test_float_infeasible_reason():
    d = design(pd(exact=False), GG, [cg.Penalty(p, "Free-ride", "F", detection=0.5) for p in (0, 1)], bounds={"F": 3})
    assert not d and "the cap F <= 3" in d.reason


def test_lower_bounds_and_negative_amounts():
    d = design(pd(), GG, [cg.Subsidy(p, "Govern", "s") for p in (0, 1)], bounds={"s": (3, None)})
    assert d.values["s"] == 3 and "s >= 3" in d.binding
    # a tax on governing (negative subsidy) is never chosen when it is allowed: the target needs the opposite
    d = design(pd(), GG, [cg.Subsidy(p, "Govern", "s") for p in (0, 1)], bounds={"s": (-5, 10)})
    assert d.values["s"] == 2


def test_strict_is_an_infimum_and_margin_attains_it():
    d = design(pd(), GG, mix(), bounds={"F": 2}, concept="strict")
    assert d.feasible and not d.attained and d.cost == 2 and "infimum" in d.reason
    m = design(pd(), GG, mix(), bounds={"F": 2}, concept="strict", margin=Fraction(1, 10))
    assert m.attained and all(r <= -Fraction(1, 10) for r in regrets(m.game, (0, 0)))
    assert m.cost == 2 + Fraction(2, 10)


def test_strict_attained_when_an_optimum_is_interior():
    # the fine is free: among the cheapest mixes (cost 0) some deter strictly, and design picks one
    d = design(pd(), GG, [cg.Penalty(p, "Free-ride", "F") for p in (0, 1)], concept="strict", bounds={"F": 10})
    assert d.attained and d.cost == 0 and all(r < 0 for r in regrets(d.game, (0, 0)))


def test_strict_impossible_when_a_tie_does_not_depend_on_the_amounts():
    tie = cg.NormalFormGame([[[1, 1], [1, 1]], [[2, 0], [2, 0]]], exact=True)
    d = design(tie, (0, 0), [cg.Subsidy(1, 0, "s")], concept="strict")
    assert not d and "strictly" in d.reason


def test_dominant():
    d = design(pd(), GG, mix(), bounds={"F": 4}, concept="dominant")
    assert d and all(g <= 0 for g in dominance_gaps(d.game, (0, 0)))
    # governing must beat free-riding against free-riding too: s + F/2 >= 1 - 0 and >= 5 - 3
    assert d.values["F"] == 4 and d.cost == 0


def test_unique_one_amount():
    d = design(pd(), GG, [cg.Subsidy(p, "Govern", "s") for p in (0, 1)], concept="unique")
    assert d.values["s"] == 2 and not d.attained
    above = pd().apply(*[cg.Subsidy(p, "Govern", Fraction(201, 100)) for p in (0, 1)])
    eqs = cg.mixed_equilibria(above)
    assert len(eqs) == 1 and eqs[0].support == ((0,), (0,))


def test_unique_stag_hunt_needs_more_than_nash():
    stag = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], exact=True, actions=[["Stag", "Hare"]] * 2)
    nash = design(stag, ("Stag", "Stag"), [cg.Subsidy(p, "Stag", "s") for p in (0, 1)])
    assert nash.cost == 0
    unique = design(stag, ("Stag", "Stag"), [cg.Subsidy(p, "Stag", "s") for p in (0, 1)], concept="unique")
    assert unique.values["s"] == 3 and unique.cost == 6


def test_unique_several_amounts_solved_when_the_nash_optimum_is_unique():
    insts = [cg.Subsidy(0, "Govern", "a"), cg.Subsidy(1, "Govern", "b")]
    d = design(pd(), ("Free-ride", "Free-ride"), insts, concept="unique")
    assert d and d.cost == 0 and d.values["a"] == 0 and "relaxation" in d.reason


def test_unique_several_amounts_solved_when_strict_dominance_meets_the_nash_bound():
    insts = [cg.Subsidy(0, "Govern", "a"), cg.Subsidy(1, "Govern", "b")]
    d = design(pd(), GG, insts, concept="unique")
    assert d.values["a"] == 2 and d.values["b"] == 2 and d.cost == 4 and not d.attained
    assert "strictly dominant" in d.reason


def test_unique_several_amounts_refused_otherwise():
    # a stag hunt: Nash costs 0, strict dominance 6, and the true infimum is 3 (one hunter paid past 3)
    stag = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], exact=True, actions=[["Stag", "Hare"]] * 2)
    with pytest.raises(NotSupportedError, match="strictly_dominant"):
        design(stag, ("Stag", "Stag"), [cg.Subsidy(0, "Stag", "a"), cg.Subsidy(1, "Stag", "b")], concept="unique")


def test_unique_infeasible_cap():
    d = design(pd(), GG, [cg.Subsidy(p, "Govern", "s") for p in (0, 1)], concept="unique", bounds={"s": 2})
    assert not d and "the cap s <= 2" in d.reason


# ------------------------------------------------------------------ parameters


def symbolic_pd() -> cg.SymbolicGame:
    return cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["C", "D"]] * 2)


def test_parametric_cost_with_its_region_matches_numbers():
    insts = [cg.Subsidy(p, "C", "s") for p in (0, 1)] + [cg.Penalty(p, "D", "F", detection="rho") for p in (0, 1)]
    points = [{"R": 3, "S": 0, "T": 5, "P": 1, "rho": Fraction(1, 2)}, {"R": 3, "S": 0, "T": 4, "P": 1, "rho": 1}]
    d = design(symbolic_pd(), ("C", "C"), insts, bounds={"F": 2}, at=points)
    assert d.is_exact and d.region != sympy.true
    rng = np.random.default_rng(0)
    checked = 0
    for _ in range(40):
        vals = {"R": Fraction(int(rng.integers(0, 5))), "S": Fraction(0), "P": Fraction(0)}
        vals["T"] = vals["R"] + Fraction(int(rng.integers(1, 6)))
        vals["rho"] = Fraction(int(rng.integers(1, 5)), 4)
        sub = {sympy.Symbol(k, positive=True): sympy.Rational(v.numerator, v.denominator) for k, v in vals.items()}
        if d.region.xreplace(sub) != sympy.true:
            continue
        game_vals = {k: v for k, v in vals.items() if k != "rho"}
        numeric = design(symbolic_pd().subs(game_vals), ("C", "C"), insts_at(insts, vals["rho"]), bounds={"F": 2})
        assert sympy.sympify(d.cost).xreplace(sub) == numeric.cost
        checked += 1
    assert checked >= 5


def insts_at(insts, rho):
    return [i.substituted({sympy.Symbol("rho", positive=True): rho}) for i in insts]


def test_parametric_needs_at_or_scenarios():
    with pytest.raises(UnresolvedParameterError, match="at="):
        design(symbolic_pd(), ("C", "C"), [cg.Subsidy(p, "C", "s") for p in (0, 1)])


def test_robust_design_works_in_every_scenario():
    insts = [cg.Subsidy(p, "C", "s") for p in (0, 1)] + [cg.Penalty(p, "D", "F", detection="rho") for p in (0, 1)]
    grid = {"R": [3], "S": [0], "T": [4, 5, 6], "P": [1], "rho": [Fraction(1, 4), Fraction(1, 2), 1]}
    d = design(symbolic_pd(), ("C", "C"), insts, bounds={"F": 2}, scenarios=grid)
    assert d and "robust" in d.method
    worst = max(t - 3 - Fraction(1, 4) * 2 for t in (4, 5, 6))
    assert d.values["s"] == worst and d.cost == 2 * worst
    for t, rho in itertools.product(grid["T"], grid["rho"]):
        game = d.game.subs({"R": 3, "S": 0, "T": t, "P": 1, "rho": rho})
        assert all(r <= 0 for r in regrets(game, (0, 0)))
    box = design(symbolic_pd(), ("C", "C"), insts, bounds={"F": 2},
                 box={"R": (3, 3), "S": (0, 0), "T": (4, 6), "P": (1, 1), "rho": (Fraction(1, 4), 1)})
    assert box.values == d.values


def test_robust_design_minimises_the_worst_case_cost_when_the_cost_varies():
    # a levy L on cooperating itself (collected on the path, with uncertain collection rate rho) lowers the cost
    # where it is collected but must be offset by the subsidy where collection is high: the worst case decides
    insts = [cg.Subsidy(p, "C", "s") for p in (0, 1)] + [cg.Penalty(p, "C", "L", detection="rho") for p in (0, 1)]
    grid = {"R": [3], "S": [0], "T": [4, 5], "P": [1], "rho": [Fraction(1, 2), 1]}
    d = design(symbolic_pd(), ("C", "C"), insts, scenarios=grid, bounds={"L": 1})
    assert d and set(d.values) == {sympy.Symbol("s", positive=True), sympy.Symbol("L", positive=True)}
    assert d.values["s"] == 2 and d.values["L"] == 0 and d.certificate.lower_bound == 4
    assert "worst-case" in d.method
    broke = design(symbolic_pd(), ("C", "C"), insts, scenarios=grid, bounds={"L": 1}, budget=3)
    assert not broke and "the budget" in broke.reason


def test_robust_box_refuses_conditions_not_affine_in_each_parameter():
    g = cg.SymbolicGame([[["a**2", 0], [1, 0]], [[0, 0], [0, 0]]])
    with pytest.raises(NotSupportedError, match="affine"):
        design(g, (0, 0), [cg.Subsidy(0, 0, "s")], box={"a": (0, 2)})
    d = design(g, (0, 0), [cg.Subsidy(0, 0, "s")], scenarios={"a": [0, 1, 2]})
    assert d.values["s"] == 1


# ------------------------------------------------------------------ bad input: typed errors


@pytest.mark.parametrize("target", [("Govern", "Nope"), ("Govern",), (0, 5)])
def test_target_with_unknown_labels(target):
    with pytest.raises(InvalidProfileError, match="design"):
        design(pd(), target, mix())


@pytest.mark.parametrize("inst", [cg.Subsidy("Mars", "Govern", "s"), cg.Subsidy(0, "Fly", "s"),
                                  cg.Penalty(7, 0, "F"), cg.Transfer(0, "Mars", "t")])
def test_instruments_naming_unknown_players_or_actions(inst):
    with pytest.raises(InvalidProfileError, match="design"):
        design(pd(), GG, [inst])


@pytest.mark.parametrize("amount", ["2*s", "s + 1", "s*t"])
def test_amounts_that_are_not_free_symbols(amount):
    with pytest.raises(InvalidArgumentError, match="one free symbol"):
        design(pd(), GG, [cg.Subsidy(0, "Govern", amount)])


def test_amount_that_is_a_game_parameter():
    with pytest.raises(InvalidArgumentError, match="parameters of the game"):
        design(symbolic_pd(), ("C", "C"), [cg.Subsidy(0, "C", "T")], at={"R": 1, "S": 0, "T": 2, "P": 0})


def test_detection_that_is_a_free_amount():
    with pytest.raises(InvalidArgumentError, match="detection"):
        design(pd(), GG, [cg.Penalty(0, "Free-ride", "F", detection="F")])


def test_no_free_amount():
    with pytest.raises(InvalidArgumentError, match="at least one"):
        design(pd(), GG, [cg.Subsidy(0, "Govern", 2)])


@pytest.mark.parametrize("instruments", [None, [], "Subsidy", [cg.Subsidy(0, 0, "s"), 3]])
def test_not_instruments(instruments):
    with pytest.raises(InvalidArgumentTypeError):
        design(pd(), GG, instruments)


def test_bad_game():
    with pytest.raises(InvalidGameTypeError):
        design("pd", GG, mix())


@pytest.mark.parametrize("bounds, match", [({"G": 2}, "unknown amount"), ({"F": float("nan")}, "cap on F"),
                                           ({"F": (1, 2, 3)}, "pair"), ({"F": None}, "cap"), ([2], "mapping"),
                                           ({"F": True}, "cap on F")])
def test_bad_bounds(bounds, match):
    with pytest.raises((InvalidArgumentError, InvalidArgumentTypeError), match=match):
        design(pd(), GG, mix(), bounds=bounds)


def test_bad_concept_budget_margin_options():
    with pytest.raises(InvalidArgumentError, match="concept"):
        design(pd(), GG, mix(), concept="stable")
    with pytest.raises(InvalidArgumentError, match="budget"):
        design(pd(), GG, mix(), budget=float("inf"))
    with pytest.raises(InvalidArgumentError, match="margin"):
        design(pd(), GG, mix(), margin=1)
    with pytest.raises(InvalidArgumentError, match="positive"):
        design(pd(), GG, mix(), concept="strict", margin=0)
    with pytest.raises(InvalidArgumentTypeError, match="did you mean 'budget'"):
        design(pd(), GG, mix(), budgt=3)
    with pytest.raises(InvalidArgumentError, match="needs a game with parameters"):
        design(pd(), GG, mix(), at={"x": 1})


def test_bad_parameter_points():
    insts = [cg.Subsidy(p, "C", "s") for p in (0, 1)]
    with pytest.raises(InvalidArgumentError, match="unknown parameter 'Tt'"):
        design(symbolic_pd(), ("C", "C"), insts, at={"R": 1, "Tt": 2, "S": 0, "P": 0})
    with pytest.raises(UnresolvedParameterError, match="missing"):
        design(symbolic_pd(), ("C", "C"), insts, scenarios=[{"R": 1}])
    with pytest.raises(InvalidArgumentTypeError):
        design(symbolic_pd(), ("C", "C"), insts, scenarios=3)
    with pytest.raises(InvalidArgumentError, match="low <= high"):
        design(symbolic_pd(), ("C", "C"), insts, box={"R": (2, 1), "T": (0, 1)})
    with pytest.raises(NotSupportedError, match="numbers"):
        design(symbolic_pd(), ("C", "C"), insts, concept="unique", at={"R": 1, "T": 2})


def test_size_limits():
    with pytest.raises(SolverLimitError, match="max_constraints"):
        design(pd(), GG, mix(), concept="dominant", max_constraints=3)
    with pytest.raises(SolverLimitError, match="max_scenarios"):
        design(symbolic_pd(), ("C", "C"), [cg.Subsidy(0, "C", "s")], scenarios={"R": [1, 2, 3], "T": [4, 5]},
               max_scenarios=5)


def test_unique_one_amount_agrees_with_threshold():
    """One free amount: design's 'unique' value is threshold(..., concept='unique') clipped to the bounds."""
    stag = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], exact=True, actions=[["Stag", "Hare"]] * 2)
    for game, target, action in ((pd(), GG, "Govern"), (stag, ("Stag", "Stag"), "Stag")):
        subsidised = game.apply(*[cg.Subsidy(p, action, "s") for p in (0, 1)])
        t = cg.threshold(subsidised, target, "s", concept="unique")
        d = design(game, target, [cg.Subsidy(p, action, "s") for p in (0, 1)], concept="unique")
        assert d.values["s"] == max(Fraction(0), Fraction(str(t.value))) and d.attained == t.attained


def test_unique_three_players_by_elimination():
    game = cg.NormalFormGame([np.array([[[1, 0], [0, 0]], [[2, 1], [1, 1]]]), np.ones((2, 2, 2), dtype=int),
                              np.ones((2, 2, 2), dtype=int)], exact=True)
    d = design(game, (0, 0, 0), [cg.Subsidy(0, 0, "s")], concept="unique")
    # player 1's action 1 beats action 0 by 1 whatever the others do; strictly dominant from s > 1, but players 2
    # and 3 are indifferent, so the profile is never the only equilibrium
    assert not d and "only equilibrium" in d.reason
    own_first = [np.array([[[1, 0], [0, 0]], [[2, 1], [1, 1]]]),
                 np.fromfunction(lambda a, b, c: (b == 0).astype(int), (2, 2, 2), dtype=int),
                 np.fromfunction(lambda a, b, c: (c == 0).astype(int), (2, 2, 2), dtype=int)]
    d = design(cg.NormalFormGame(own_first, exact=True), (0, 0, 0), [cg.Subsidy(0, 0, "s")], concept="unique")
    assert d and d.values["s"] == 1 and not d.attained and d.cost == 1


def test_designs_of_different_games_differ():
    other = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True, actions=ACTIONS, players=["East", "West"])
    first, renamed = design(pd(), GG, mix(), bounds={"F": 2}), design(other, GG, mix(), bounds={"F": 2})
    assert first.values == renamed.values and first.cost == renamed.cost
    assert first != renamed  # the same amounts, but the designed games differ (it compared equal)
