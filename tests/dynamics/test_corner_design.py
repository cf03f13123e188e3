"""stabilising_design: the cheapest mix that makes a corner of the multi-population replicator dynamics stable."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import coopgame as cg
from coopgame.dynamics import StabilisingDesign, stabilising_design, stability
from tests.mechanisms.test_design import regrets

LOCAL_FIRM = cg.NormalFormGame([[[2, 1], [3, 0]], [[0, 1], [1, 2]]], exact=True, players=["Local", "Firm"],
                               actions=[["Real", "False"], ["Abate", "Pollute"]])
MIX = [cg.Penalty("Local", "False", "F", detection=Fraction(1, 2)), cg.Subsidy("Firm", "Abate", "s")]


def corner_eigenvalues(game: cg.NormalFormGame, idx: tuple[int, ...]) -> list[float]:
    """u_p(b, a_-p) - u_p(a) for every role and other strategy: the deviation gains, read off the payoffs."""
    return sorted(float(r) for r in regrets(game, idx))


def test_margin_is_a_rate_of_convergence():
    res = stabilising_design(LOCAL_FIRM, ("Real", "Abate"), MIX, margin=1)
    assert isinstance(res, StabilisingDesign) and res and res.feasible
    assert res.values["F"] == 4 and res.values["s"] == 2 and res.cost == 2
    assert res.classification == "stable" and max(res.eigenvalues) <= -1
    assert list(res.eigenvalues) == corner_eigenvalues(res.game, (0, 0))
    assert "stable" in repr(res) and "<table>" in res._repr_html_()


def test_without_margin_the_infimum_is_non_hyperbolic():
    res = stabilising_design(LOCAL_FIRM, ("Real", "Abate"), MIX)
    assert not res.design.attained and res.cost == 1
    assert res.classification == "non-hyperbolic" and max(res.eigenvalues) == 0
    # the boundary point leaves tied only what every cheapest mix ties: the firm's deviation, not the local one
    assert res.design.binding == ("Firm: Abate rather than Pollute",) and min(res.eigenvalues) < 0


def test_no_mix_works():
    res = stabilising_design(LOCAL_FIRM, ("Real", "Abate"), MIX, bounds={"F": 1})
    assert not res and res.eigenvalues is None and res.classification is None
    assert "the cap F <= 1" in res.design.reason


def tripartite(w, cg_, g, ce, fe) -> cg.NormalFormGame:
    """Centre (Strict/Lax), local government (Real/False), firm (Abate/Pollute): a small tripartite template."""
    shape = (2, 2, 2)
    pay = [np.empty(shape, dtype=object) for _ in range(3)]
    for c in range(2):
        for loc in range(2):
            for f in range(2):
                pay[0][c, loc, f] = (w if f == 0 else 0) - (cg_ if c == 0 else 0)
                pay[1][c, loc, f] = (-g if loc == 0 else 0) - (fe if (c == 0 and loc == 1) else 0)
                pay[2][c, loc, f] = -ce if f == 0 else 0
    return cg.NormalFormGame(pay, exact=True, players=["Centre", "Local", "Firm"],
                             actions=[["Strict", "Lax"], ["Real", "False"], ["Abate", "Pollute"]])


@settings(max_examples=10, deadline=None)
@given(*[st.fractions(min_value=Fraction(1, 4), max_value=5, max_denominator=4) for _ in range(5)],
       st.fractions(min_value=Fraction(1, 10), max_value=2, max_denominator=10))
def test_tripartite_corner_becomes_stable(w, cg_, g, ce, fe, margin):
    game = tripartite(w, cg_, g, ce, fe)
    mix = [cg.Subsidy("Centre", "Strict", "a"), cg.Subsidy("Local", "Real", "b"), cg.Subsidy("Firm", "Abate", "c")]
    res = stabilising_design(game, ("Strict", "Real", "Abate"), mix, margin=margin)
    assert res.classification == "stable"
    assert max(res.eigenvalues) <= -float(margin) + 1e-12
    assert list(res.eigenvalues) == corner_eigenvalues(res.game, (0, 0, 0))
    again = stability(res.game, [[1, 0]] * 3)
    assert again.classification == "stable"
    # each role is paid just enough: the subsidies are the deviation gains plus the margin
    assert res.values["c"] == ce + margin and res.values["b"] == max(0, g - fe + margin)


def test_stabilising_designs_compare_by_value():
    import dataclasses

    first = stabilising_design(LOCAL_FIRM, ("Real", "Abate"), MIX, margin=1)
    again = stabilising_design(LOCAL_FIRM, ("Real", "Abate"), MIX, margin=1)
    assert first is not again and first == again and hash(first) == hash(again)
    assert first != dataclasses.replace(first, classification="saddle")
