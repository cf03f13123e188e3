"""Commitment: the strong Stackelberg equilibrium of a 30x30 game.

- Mixed commitment, float 30x30 game (uniform payoffs): coopgame's
  ``stackelberg`` (one HiGHS LP per follower reply, replies taken in the
  order of an upper bound and cut off once no reply can beat the best) vs a
  plain Conitzer-Sandholm loop written here (all 30 LPs with scipy's
  ``linprog``). No installed library offers a Stackelberg solver to compare
  with (OpenSpiel's ``stackelberg_lp`` needs pyspiel and cvxopt). Target:
  under 1 s.
- Mixed commitment, exact 30x30 game (integer payoffs 0..99): HiGHS proposes,
  Fractions certify. Target: under 5 s.
- Pure commitment, 30x30: informational.

Run: .venv/bin/python benchmarks/run.py --only stackelberg
"""

from __future__ import annotations

from typing import Any

import numpy as np
from harness import (
    Config,
    Report,
    Table,
    Target,
    fmt_ratio,
    fmt_time,
    measure,
    measure_interleaved,
    profile_text,
    ratio,
)


def plain_conitzer_sandholm(A: np.ndarray, B: np.ndarray) -> float:
    """The leader's commitment value: one dense linprog per follower reply, no pruning (the textbook loop)."""
    from scipy.optimize import linprog

    m, n = A.shape
    best = -np.inf
    for j in range(n):
        rows = (B - B[:, [j]]).T  # row k: x . (B[:, k] - B[:, j]) <= 0
        res = linprog(-A[:, j], A_ub=rows, b_ub=np.zeros(n), A_eq=np.ones((1, m)), b_eq=[1.0],
                      bounds=[(0, None)] * m, method="highs")
        if res.status == 0:
            best = max(best, -res.fun)
    return float(best)


def stackelberg_bench(cfg: Config) -> Report:
    """Strong Stackelberg equilibrium of a 30x30 game: float, exact, pure commitment."""
    from coopgame.equilibria.commitment import stackelberg
    from coopgame.games.normal_form import NormalFormGame

    report = Report("stackelberg")
    data: dict[str, Any] = {}
    size = 30
    rng = np.random.default_rng([16, size])
    A, B = rng.random((size, size)), rng.random((size, size))

    def cg_float() -> Any:
        return stackelberg(NormalFormGame([A, B]), 0)

    def plain() -> float:
        return plain_conitzer_sandholm(A, B)

    cg_float()
    plain()
    timings, results = measure_interleaved({"cg": (cg_float, 3, 1), "plain": (plain, 1, 1)}, repeat=cfg.pick(5, 2))
    s = results["cg"]
    table = Table(f"Strong Stackelberg equilibrium, {size}x{size} random float game (mixed commitment)",
                  ["work", "min", "median", "result", "ratio coopgame/plain"])
    table.add("coopgame stackelberg (HiGHS, bound-ordered replies)", fmt_time(timings["cg"].min),
              fmt_time(timings["cg"].median), f"leader {float(s.leader_payoff):.6f}, follower regret "
              f"{float(s.follower_regret()):.1e}", "-")
    table.add("plain Conitzer-Sandholm loop (this file)", fmt_time(timings["plain"].min),
              fmt_time(timings["plain"].median), f"leader {results['plain']:.6f}",
              fmt_ratio(ratio(timings["cg"], timings["plain"])))
    table.notes.append("no installed peer has a Stackelberg solver; OpenSpiel's needs pyspiel and cvxopt")
    report.tables.append(table)
    data["float_30"] = {"coopgame": timings["cg"].as_dict(), "plain": timings["plain"].as_dict(),
                        "leader": float(s.leader_payoff), "plain_leader": results["plain"]}
    target = Target(f"stackelberg: mixed commitment, {size}x{size} float game", timings["cg"].median, 1.0,
                    kind="seconds")
    if target.status == "FAIL":
        target.profile = profile_text(cg_float)
    report.targets.append(target)

    Ai, Bi = rng.integers(0, 100, (size, size)), rng.integers(0, 100, (size, size))

    def cg_exact() -> Any:
        return stackelberg(NormalFormGame([Ai, Bi], exact=True), 0)

    def cg_pure() -> Any:
        return stackelberg(NormalFormGame([Ai, Bi], exact=True), 0, commitment="pure")

    t_exact, s_exact = measure(cg_exact, repeat=cfg.pick(3, 1))
    t_pure, s_pure = measure(cg_pure, repeat=cfg.pick(5, 2))
    table = Table(f"Exact games, {size}x{size} (integer payoffs 0..99)", ["work", "min", "median", "result"])
    table.add("mixed commitment (HiGHS proposes, Fractions certify)", fmt_time(t_exact.min), fmt_time(t_exact.median),
              f"leader {s_exact.leader_payoff} (exact), regret {s_exact.follower_regret()}")
    table.add("pure commitment", fmt_time(t_pure.min), fmt_time(t_pure.median), f"leader {s_pure.leader_payoff}")
    report.tables.append(table)
    data["exact_30"] = {"mixed": t_exact.as_dict(), "pure": t_pure.as_dict(), "leader": str(s_exact.leader_payoff)}
    target = Target(f"stackelberg: mixed commitment, {size}x{size} exact game", t_exact.median, 5.0, kind="seconds")
    if target.status == "FAIL":
        target.profile = profile_text(cg_exact)
    report.targets.append(target)
    report.targets.append(Target(f"stackelberg: pure commitment, {size}x{size} exact game", t_pure.median, None,
                                 kind="seconds"))
    report.data = data
    return report
