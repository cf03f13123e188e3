"""A guided tour of coopgame: what ``make demo`` and ``coopgame tour`` run.

The tour follows the argument of the literature on intergovernmental
cooperation over pollution, one chapter per step:

1. free-riding among regions;
2. the fine or the subsidy that ends it;
3. compensation on a river;
4. supervision and false cooperation;
5. the evolution of a central / local / enterprise game, with and without a
   coordinator;
6. why agreements stay small;
7. sharing the cost fairly.

Each chapter prints a short table in words; the figures go to a folder the
tour names at the end (``tour_figures`` by default). It takes a few seconds.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

__all__ = ["main"]

WIDTH = 78


def _chapter(number: int, title: str, lead: str) -> None:
    heading = f"{number}. {title}"
    print()
    print(heading)
    print("=" * len(heading))
    for line in _wrap(lead):
        print(line)


def _wrap(text: str) -> list[str]:
    import textwrap

    return textwrap.wrap(" ".join(text.split()), WIDTH)


def _say(text: str) -> None:
    print()
    for line in _wrap(text):
        print(line)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[k]) for r in cells) for k in range(len(header))]
    print()
    for i, row in enumerate(cells):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if i == 0:
            print("  " + "  ".join("-" * w for w in widths))


def _num(x: Any) -> str:
    from coopgame._numeric import format_number

    return format_number(x)


def _numeric(game: Any, **values: Any) -> Any:
    """The numeric game of a catalog model at its defaults, overridden by ``values``."""
    return game.numeric(**values)


def _profile(eq: Any) -> str:
    return ", ".join(eq.pure_profile) if hasattr(eq, "profile") and eq.pure_profile is not None else str(eq.strategies)


# ---------------------------------------------------------------- chapters
def free_riding() -> dict[str, Any]:
    """Chapter 1: the binary public-goods game, for two and for five regions."""
    import coopgame as cg
    from coopgame import models

    _chapter(1, "Free-riding among regions",
             "Governing pollution costs a region c = 4 and creates r*c = 6 of clean environment, "
             "shared equally by all regions (the binary public-goods game).")
    rows = []
    for n in (2, 5):
        game = _numeric(models.public_goods(n=n))
        eq = cg.pure_equilibria(game)[0]
        everyone = tuple(["Govern"] * n)
        rows.append([n, ", ".join(sorted(set(eq.pure_profile))), _num(eq.payoffs[0]),
                     _num(game.profile_payoffs(everyone)[0]), _num(Fraction(3, 2) / n)])
    _table(["regions", "equilibrium: every region", "payoff each", "if all govern", "return per unit r/N"], rows)
    _say("Free-riding is each region's dominant action, although all would gain by governing; "
         "the more regions share the river, the smaller each one's return on its own effort.")
    return {"game": _numeric(models.public_goods())}


def fine_or_subsidy() -> dict[str, Any]:
    """Chapter 2: the least detected fine, and the least subsidy, that make governing dominant."""
    import coopgame as cg
    from coopgame import models

    _chapter(2, "The fine or the subsidy that ends it",
             "A higher-level government can fine a free-riding region F, detected with probability rho, "
             "or subsidise governing by s. coopgame solves the equilibrium conditions for the instrument.")
    game = models.public_goods()
    fined = game.apply(*(cg.Penalty(p, "Free-ride", "F", detection="rho") for p in game.players))
    paid = game.apply(*(cg.Subsidy(p, "Govern", "s") for p in game.players))
    assert isinstance(fined, cg.SymbolicGame) and isinstance(paid, cg.SymbolicGame)  # the instruments' symbols stay free
    fine = cg.threshold(fined, ("Govern", "Govern"), "F", concept="dominant")
    subsidy = cg.threshold(paid, ("Govern", "Govern"), "s", concept="dominant")
    rows = [
        ["detected fine", f"F >= {fine.value}", _num(fine.evaluate(c=4, r=Fraction(3, 2), rho=Fraction(1, 2)))],
        ["subsidy on governing", f"s >= {subsidy.value}", _num(subsidy.evaluate(c=4, r=Fraction(3, 2)))],
    ]
    _table(["instrument", "governing is dominant when", "least value (c=4, r=1.5, rho=1/2)"], rows)
    with_fine = _numeric(fined, F=3, rho=Fraction(1, 2))
    (eq,) = cg.pure_equilibria(with_fine)
    _say(f"With F = 3 and rho = 1/2 the only equilibrium is ({', '.join(eq.pure_profile)}), each region "
         f"earning {_num(eq.payoffs[0])}. A fine detected half the time must be twice as large: the "
         "instrument works only with real detection.")
    return {"plain": _numeric(game), "fined": with_fine}


def river_compensation() -> dict[str, Any]:
    """Chapter 3: upstream protection paid for by the downstream region."""
    import coopgame as cg
    from coopgame import models

    _chapter(3, "Compensation on a river",
             "The upstream region protects the water at an opportunity cost C_u (keeping a benefit b_u) "
             "or develops; the downstream region gains B_d from clean water and may pay compensation T.")
    river = models.upstream_downstream()
    eq = cg.pure_equilibria(_numeric(river))
    bound = river.apply(cg.Standard("Downstream", "Refuse"))
    assert isinstance(bound, cg.SymbolicGame)  # the river game's parameters stay free
    band = cg.threshold(bound, ("Protect", "Compensate"), "T", concept="nash")
    rows = [["voluntary payment", "; ".join(", ".join(e.pure_profile) for e in eq)]]
    for T in (1, 2, 3):
        got = cg.pure_equilibria(_numeric(bound, T=T))
        rows.append([f"binding agreement, T = {T}", "; ".join(", ".join(e.pure_profile) for e in got)])
    _table(["arrangement (C_u=3, b_u=1, B_d=4)", "equilibrium"], rows)
    _say(f"A voluntary payment is never made, so the upstream develops. Once a higher level makes the "
         f"agreement binding, protection needs {band.parameter} >= {band.value}: any payment in the band "
         "C_u - b_u <= T <= B_d leaves both regions better off (the Xin'an river pilot's logic).")
    return {}


def supervision() -> dict[str, Any]:
    """Chapter 4: the inspection game and the penalty paradox."""
    import coopgame as cg
    from coopgame import models

    _chapter(4, "Supervision and false cooperation",
             "A local government cooperates for real (cost dc) or only on paper; the central government "
             "inspects at cost k, detects false cooperation with probability rho, and fines F.")
    game = models.inspection()
    mixed = cg.symbolic_mixed_equilibrium(game)
    rows = []
    for F in (8, 16, 32):
        at = mixed.subs(F=F, dc=2, k=1, B=4, rho=Fraction(1, 2))
        rows.append([F, _num(at.strategies[0][1]), _num(at.strategies[1][0])])
    _table(["fine F", "share of false cooperation", "inspection rate"], rows)
    _say(f"In equilibrium false cooperation occurs at rate {mixed.strategies[0][1]} and the centre "
         f"inspects at rate {mixed.strategies[1][0]}: a larger fine only lets the centre inspect less, "
         "it does not reduce cheating (the inspection-game penalty paradox).")
    return {"game": _numeric(game)}


def tripartite_evolution() -> dict[str, Any]:
    """Chapter 5: replicator dynamics of the central / local / enterprise game."""
    from coopgame import models
    from coopgame.dynamics import replicator, stability

    _chapter(5, "A tripartite game evolving, with and without a coordinator",
             "Central government (supervise strictly or loosely), local government (regulate strictly or "
             "laxly) and enterprises (abate or pollute) learn by imitation: replicator dynamics. "
             "Which corner, if any, is asymptotically stable?")
    scenarios = {
        "no coordinator (w = 0, F_g = 0, r = 0)": {"w": 0, "F_g": 0, "r": 0},
        "coordinator rewards strict regulation (w = 5)": {},
    }
    rows, runs = [], {}
    for name, values in scenarios.items():
        game = _numeric(models.tripartite(), **values)
        stable = []
        for x in (0, 1):
            for y in (0, 1):
                for z in (0, 1):
                    corner = ([x, 1 - x], [y, 1 - y], [z, 1 - z])
                    if stability(game, corner).classification == "stable":
                        stable.append("".join(a[0] if share else b[0] for share, (a, b) in
                                              zip((x, y, z), (("S", "L"), ("R", "N"), ("A", "P")))))
        traj = replicator(game, ([0.5, 0.5], [0.5, 0.5], [0.5, 0.5]), 40.0)
        runs[name] = traj
        final = [round(float(v[0]), 2) for v in traj.final]
        rows.append([name, ", ".join(stable) or "none", ", ".join(map(str, final))])
    _table(["scenario", "stable corners (S/L, R/N, A/P)", "shares of S, R, A at t = 40"], rows)
    _say("Without assessment reward, accountability or reputation costs the region settles at (L, N, P): "
         "loose supervision, lax regulation, pollution. Rewarding strict regulation makes (L, R, A) the attractor. Strict "
         "supervision is never part of a stable corner: the coordinator's role is transitional.")
    return {"runs": runs}


def agreements() -> dict[str, Any]:
    """Chapter 6: stable coalition sizes in environmental agreements, and the paradox of cooperation."""
    from coopgame.coalitions import barrett_cournot_agreement, linear_benefit_agreement, paradox_of_cooperation

    _chapter(6, "Why agreements stay small",
             "An agreement is stable when no member gains by leaving and no outsider by joining. "
             "coopgame checks every coalition size.")
    rows = []
    for n in (5, 20, 100):
        linear = linear_benefit_agreement(n).stable_sizes()
        cournot = barrett_cournot_agreement(n).stable_sizes()
        rows.append([n, ", ".join(map(str, linear)), ", ".join(map(str, cournot))])
    _table(["regions", "stable size, linear benefit", "stable size, Barrett (Cournot)"], rows)
    paradox = paradox_of_cooperation(20, [0.01, 0.1, 1, 10])
    frame = paradox.to_frame()
    _table(["gamma = c/b", "stable size of 20 (Stackelberg)", "gain of full cooperation", "share of it closed"],
           [[f"{g:g}", k, f"{100 * r:.3g} %" if r < 1 else f"{100 * r:,.0f} %", f"{100 * c:.0f} %"]
            for g, k, r, c in zip(frame["gamma"], frame["stable_size"], frame["relative_gain"], frame["closure"])])
    _say("With linear benefits a self-enforcing agreement holds three members whatever the number of "
         "regions; in Barrett's quadratic model Cournot coalitions hold at most two. When signatories lead "
         "(Stackelberg), large agreements are stable only where cooperation gains little: the paradox of "
         "cooperation. Treaties alone do not deliver broad, deep cooperation.")
    return {"paradox": paradox}


def fair_sharing() -> dict[str, Any]:
    """Chapter 7: sharing the cost of cleaning a river among four regions."""
    from coopgame.cooperative import local_responsibility, upstream_equal_sharing_game

    _chapter(7, "Sharing the cost fairly",
             "Four regions along a river, upstream first, must pay for cleaning segments costing 4, 3, 2 "
             "and 1. Who pays what?")
    costs = [4, 3, 2, 1]
    game = upstream_equal_sharing_game(costs)
    shapley, nucleolus = game.shapley_value(), game.nucleolus()
    local = local_responsibility(costs)
    rows = [[f"region {k + 1}", _num(local[k]), _num(shapley[k]), _num(nucleolus[k])] for k in range(4)]
    _table(["", "own segment", "Shapley (UES)", "nucleolus"], rows)
    _say(f"Both rules share the total {_num(sum(costs))}; the Shapley value of the upstream-responsibility "
         f"game is in its core: {game.core_contains(shapley)}, so no group of regions would do better "
         "alone. Upstream regions, whose pollution flows through every segment below, pay more.")
    return {"costs": costs, "shares": {"own segment": local, "Shapley": shapley, "nucleolus": nucleolus}}


# ---------------------------------------------------------------- figures
def _figures(out: str, results: dict[str, dict[str, Any]]) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from coopgame.plot import best_response_plot

    os.makedirs(out, exist_ok=True)
    written = []

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
    best_response_plot(results["fine"]["plain"], ax=axes[0])
    axes[0].set_title("No fine: both free-ride")
    best_response_plot(results["fine"]["fined"], ax=axes[1])
    axes[1].set_title("Detected fine F = 3, rho = 1/2: both govern")
    written.append(_save(fig, out, "1_free_riding_and_fine.png"))

    fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
    for ax, (name, traj) in zip(axes, results["evolution"]["runs"].items()):
        for column, label in zip((0, 2, 4), ("central: supervise strictly", "local: regulate strictly",
                                             "enterprise: abate")):
            ax.plot(traj.t, traj.states[:, column], label=label)
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("time")
    axes[0].set_ylabel("share")
    axes[1].legend(loc="center right", fontsize=8)
    written.append(_save(fig, out, "5_tripartite_evolution.png"))

    from coopgame.plot import paradox_plot, phase_portrait

    fig, ax = plt.subplots(figsize=(8, 5))
    phase_portrait(results["supervision"]["game"], ax=ax)
    ax.set_title("Inspection game: orbits circle the mixed equilibrium")
    written.append(_save(fig, out, "4_supervision_phase_portrait.png"))

    fig, ax = plt.subplots(figsize=(7, 4.5))
    paradox_plot((10, 50), ax=ax)
    written.append(_save(fig, out, "6_paradox_of_cooperation.png"))

    fig, ax = plt.subplots(figsize=(7, 4))
    shares = results["sharing"]["shares"]
    x = np.arange(len(results["sharing"]["costs"]))
    for k, (name, values) in enumerate(shares.items()):
        ax.bar(x + (k - 1) * 0.27, [float(v) for v in values], width=0.27, label=name)
    ax.set_xticks(x, [f"region {k + 1}" for k in x])
    ax.set_ylabel("cost paid")
    ax.set_title("Cleaning a river: who pays")
    ax.legend()
    written.append(_save(fig, out, "7_fair_sharing.png"))
    return written


def _save(fig: Any, out: str, name: str) -> str:
    import matplotlib.pyplot as plt

    path = os.path.abspath(os.path.join(out, name))
    fig.tight_layout()
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tour; return the exit status (0).

    Parameters
    ----------
    argv : sequence of str, optional
        ``--out FOLDER`` (default ``tour_figures``) and ``--no-figures``.
    """
    parser = argparse.ArgumentParser(prog="coopgame tour", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="tour_figures", help="folder for the figures (default: tour_figures)")
    parser.add_argument("--no-figures", action="store_true", help="print only, write no figures")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    print("coopgame: a guided tour of cooperation between governments on pollution")
    results = {
        "free_riding": free_riding(),
        "fine": fine_or_subsidy(),
        "river": river_compensation(),
        "supervision": supervision(),
        "evolution": tripartite_evolution(),
        "agreements": agreements(),
        "sharing": fair_sharing(),
    }
    if not args.no_figures:
        paths = _figures(args.out, results)
        print(f"\nFigures written to {os.path.abspath(args.out)}:")
        for path in paths:
            print(f"  {os.path.basename(path)}")
    print(f"\nTour finished in {time.perf_counter() - start:.1f} s.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
