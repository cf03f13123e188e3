"""The cheapest mix of instruments: refusals, certificates and reasons (mutation testing, sampled run)."""

from __future__ import annotations

from fractions import Fraction

import pytest

import coopgame as cg
from coopgame.errors import NotSupportedError, SolverLimitError
from tests.mechanisms.test_design import GG, pd, symbolic_pd


def test_a_box_with_more_vertices_than_max_scenarios_is_refused_naming_the_keyword():
    # three parameters with low < high: 2**3 = 8 vertices
    with pytest.raises(SolverLimitError, match=r"the number of vertices of the box of at most max_scenarios=5, got 8; "
                                                r"pass a larger max_scenarios="):
        cg.design(symbolic_pd(), ("C", "C"), [cg.Subsidy(0, "C", "s")], box={"R": (1, 2), "T": (4, 5), "S": (0, 1)},
                  max_scenarios=5)


def test_a_unique_design_refused_by_its_cap_has_an_infeasible_certificate_of_the_threshold_scan():
    # tests/mechanisms/test_design.py: the target is the only equilibrium only for s > 2, so the cap s <= 2 fails
    d = cg.design(pd(), GG, [cg.Subsidy(p, "Govern", "s") for p in (0, 1)], concept="unique", bounds={"s": 2})
    assert not d and "the cap s <= 2" in d.reason
    assert d.certificate.method.startswith("scan of the values where the equilibrium set changes")
    assert d.certificate.status == "infeasible" and d.certificate.duals == () and d.certificate.lower_bound is None
    assert d.certificate.verified is True


def test_unique_design_with_several_amounts_says_when_strict_dominance_is_impossible():
    # a stag hunt: (Stag, Stag) is already a Nash equilibrium (cost 0) but not the only one; both amounts act on
    # player 1 only, so player 2's Stag can never be made strictly dominant
    stag = cg.NormalFormGame([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], exact=True, actions=[["Stag", "Hare"]] * 2)
    with pytest.raises(NotSupportedError, match=r"\(Nash: 0, strictly dominant: impossible\)"):
        cg.design(stag, ("Stag", "Stag"), [cg.Subsidy(0, "Stag", "a"), cg.Penalty(0, "Hare", "b")], concept="unique")


def test_unique_design_of_an_amount_that_may_be_negative_finds_the_same_exact_infimum():
    # the target is the only equilibrium for s > 2 (tests/mechanisms/test_design.py); a lower bound of -5 changes nothing
    for bounds in ({"s": (0, None)}, {"s": (-5, None)}):
        d = cg.design(pd(), GG, [cg.Subsidy(p, "Govern", "s") for p in (0, 1)], concept="unique", bounds=bounds)
        assert d.values["s"] == Fraction(2) and d.cost == 4 and not d.attained


def test_too_many_equilibrium_constraints_are_refused_naming_the_quantity():
    with pytest.raises(SolverLimitError, match=r"^design: expected the number of equilibrium constraints of at most "
                                                r"max_constraints=1, got 2; "):
        cg.design(pd(), GG, [cg.Subsidy(p, "Govern", "s") for p in (0, 1)], max_constraints=1)


def test_parametric_design_infeasible_at_every_point_says_why():
    insts = [cg.Subsidy(p, "C", "s") for p in (0, 1)]
    points = [{"R": 3, "S": 0, "T": 5, "P": 1}, {"R": 3, "S": 0, "T": 9, "P": 1}]
    d = cg.design(symbolic_pd(), ("C", "C"), insts, bounds={"s": 1}, at=points)
    assert not d
    assert d.reason.startswith("these constraints cannot hold together: ")
    assert d.reason.endswith("the cap s <= 1 (at every point of at=)")


def test_unique_design_by_fines_off_the_path_is_attained_and_says_so_plainly():
    # fines on free-riding are never paid at (Govern, Govern): cost 0, and fines large enough make Govern strictly
    # dominant for both, so the least cost (0) is attained and the reason has no "infimum" remark
    d = cg.design(pd(), GG, [cg.Penalty(0, "Free-ride", "F"), cg.Penalty(1, "Free-ride", "G")], concept="unique")
    assert d and d.cost == 0 and d.attained
    assert d.reason == ("strictly dominant mixes (sufficient for uniqueness) reach the least cost of a Nash mix "
                        "(necessary), so this is the least cost of a unique implementation")
