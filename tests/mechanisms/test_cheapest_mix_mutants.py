"""A robust design's box refusal names its keyword (mutation testing, sampled run)."""

from __future__ import annotations

import pytest

import coopgame as cg
from coopgame.errors import SolverLimitError
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
