"""The guided tour (``make demo``): it runs, writes its figures, and what it says holds."""

from __future__ import annotations

from fractions import Fraction

import coopgame as cg
from coopgame import models, tour
from coopgame.dynamics import stability


def test_tour_runs_and_writes_its_figures(tmp_path, capsys):
    assert tour.main(["--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for number in range(1, 8):
        assert f"\n{number}. " in out
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written and all(name.endswith(".png") for name in written)
    for name in written:
        assert name in out


def test_tour_without_figures_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert tour.main(["--no-figures"]) == 0
    assert not list(tmp_path.iterdir())
    assert "Tour finished" in capsys.readouterr().out


def test_the_tours_claims_hold():
    """Each sentence of the tour that states a result is checked here independently."""
    # 1: free-riding is dominant for every number of regions shown
    for n in (2, 5):
        game = models.public_goods(n=n).numeric()
        assert cg.dominant_strategies(game).profile == tuple(["Free-ride"] * n)
    # 2: a fine detected half the time must be twice the undetected one
    fined = models.public_goods().apply(*(cg.Penalty(p, "Free-ride", "F", detection="rho")
                                          for p in ("Region 1", "Region 2")))
    above = fined.numeric(F=Fraction(21, 10), rho=Fraction(1, 2))
    assert cg.dominant_strategies(above).profile == ("Govern", "Govern")
    below = fined.numeric(F=Fraction(19, 10), rho=Fraction(1, 2))
    assert [e.pure_profile for e in cg.pure_equilibria(below)] == [("Free-ride", "Free-ride")]
    assert [e.pure_profile for e in cg.pure_equilibria(fined.numeric(F=3, rho=Fraction(1, 2)))] == [("Govern", "Govern")]
    # 4: the share of false cooperation does not depend on the fine
    game = models.inspection()
    shares = {cg.mixed_equilibria(game.numeric(F=F))[0].strategies[0][1] for F in (8, 16, 32)}
    assert shares == {Fraction(1, 2)}
    # 5: strict supervision is in no stable corner, with or without the coordinator
    for values in ({"w": 0, "F_g": 0, "r": 0}, {}):
        tri = models.tripartite().numeric(**values)
        for y in (0, 1):
            for z in (0, 1):
                assert stability(tri, ([1, 0], [y, 1 - y], [z, 1 - z])).classification != "stable"
