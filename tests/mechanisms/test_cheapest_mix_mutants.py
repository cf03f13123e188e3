"""A robust design's box refusal names its keyword (mutation testing, sampled run)."""

from __future__ import annotations

import pytest

import coopgame as cg
from coopgame.errors import SolverLimitError
from tests.mechanisms.test_design import symbolic_pd


def test_a_box_with_more_vertices_than_max_scenarios_is_refused_naming_the_keyword():
    # three parameters with low < high: 2**3 = 8 vertices
    with pytest.raises(SolverLimitError, match=r"the number of vertices of the box of at most max_scenarios=5, got 8; "
                                                r"pass a larger max_scenarios="):
        cg.design(symbolic_pd(), ("C", "C"), [cg.Subsidy(0, "C", "s")], box={"R": (1, 2), "T": (4, 5), "S": (0, 1)},
                  max_scenarios=5)
