"""Evolutionary dynamics: corner classification over many parameter sets, and replicator trajectories vs EGTtools.

- Corner stability of the tripartite template (``models.tripartite()``,
  13 symbolic parameters, 8 corners x 3 eigenvalues) on 10**5 sampled
  parameter sets with ``classify_corners`` (vectorised: the corner
  eigenvalues are lambdified once). Target: under 5 s. For scale, the same
  classification done the slow way, a loop of ``corner_table`` (sympy
  substitution) per parameter set, is timed on a few hundred sets and
  extrapolated; no peer library does symbolic corner tables.
- One-population replicator trajectory of a 4-strategy symmetric game:
  ``coopgame.dynamics.trajectory.replicator`` vs SciPy's ``solve_ivp`` driven
  by ``egttools.analytical.replicator_equation`` (the same system, the same
  integrator, tolerances and sample times); the final states are checked to
  agree. Informational ratio coopgame/EGTtools.

Run: .venv/bin/python benchmarks/run.py --only dynamics
"""

from __future__ import annotations

from typing import Any

import numpy as np
import peers
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

SAMPLES = 100_000


def _samples(game: Any, n: int, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {s.name: rng.uniform(0.5, 10.0, size=n) for s in game.parameters}


def dynamics(cfg: Config) -> Report:
    """Tripartite corner classification on 10^5 parameter sets (< 5 s); replicator trajectory vs EGTtools."""
    from coopgame import models
    from coopgame.dynamics.analysis import classify_corners, corner_table

    report = Report("dynamics")
    data: dict[str, Any] = {}

    # ---- corner classification, vectorised
    game = models.tripartite()
    samples = _samples(game, SAMPLES)

    def work() -> Any:
        return classify_corners(game, samples)

    timing, result = measure(work, repeat=cfg.pick(5, 2))
    shares = result.stable.mean(axis=0)
    table = Table(f"Corner stability of the tripartite template, {SAMPLES:,} sampled parameter sets "
                  "(13 parameters, 8 corners; no peer computes symbolic corner tables)",
                  ["work", "min", "median", "result"])
    table.add("classify_corners(models.tripartite(), samples) (lambdify + numpy)", fmt_time(timing.min),
              fmt_time(timing.median),
              f"stable somewhere in {100 * float((result.stable_count > 0).mean()):.1f}% of sets")
    # the slow way, for scale: one exact corner_table per parameter set
    few = cfg.pick(200, 40)
    sub = [{k: float(v[i]) for k, v in samples.items()} for i in range(few)]

    def loop() -> list[list[str]]:
        return [[r.scenarios["s"][1] for r in corner_table(game, {"s": values})] for values in sub]

    slow, classes = measure(loop, repeat=1, warmup=0)
    per_set = slow.min / few
    agree = all(cls == list(result.classification[i]) for i, cls in enumerate(classes))
    table.add(f"loop of corner_table(game, {{one set}}) (sympy subs), {few} sets", fmt_time(slow.min),
              fmt_time(slow.median), f"{fmt_time(per_set)} per set; classifications "
              + ("agree" if agree else "DIFFER"))
    table.add(f"  extrapolated to {SAMPLES:,} sets", fmt_time(per_set * SAMPLES), "-",
              f"vectorised speed-up about {per_set * SAMPLES / timing.median:,.0f}x")
    table.notes.append("stable shares per corner: " + "; ".join(
        f"({', '.join(c)}) {100 * float(s):.1f}%" for c, s in zip(result.corners, shares) if s > 0))
    report.tables.append(table)
    data["classify"] = {"timing": timing.as_dict(), "loop_per_set": per_set, "loop_sets": few,
                        "agree_with_loop": agree, "stable_shares": [float(s) for s in shares]}
    target = Target(f"dynamics: tripartite corner classification, {SAMPLES:,} parameter sets", timing.median, 5.0,
                    kind="seconds", detail="classify_corners, vectorised")
    if target.status == "FAIL":
        target.profile = profile_text(work)
    report.targets.append(target)

    # ---- replicator trajectory vs EGTtools
    report.tables.append(_trajectory_table(cfg, data, report))
    report.data = data
    return report


def _trajectory_table(cfg: Config, data: dict[str, Any], report: Report) -> Table:
    from scipy.integrate import solve_ivp

    import coopgame as cg
    from coopgame.dynamics import replicator

    A = np.array([[0.0, -1.0, 2.0, 0.5], [2.0, 0.0, -1.0, 0.5], [-1.0, 2.0, 0.0, 0.5], [1.0, 1.0, 1.0, 0.0]])
    game = cg.NormalFormGame([A, A.T])
    x0 = np.array([0.4, 0.3, 0.2, 0.1])
    t_max, rtol, atol = 100.0, 1e-8, 1e-10
    t_eval = np.linspace(0.0, t_max, 201)
    table = Table("One-population replicator trajectory, 4-strategy symmetric game, t in [0, 100], RK45, "
                  "rtol 1e-8, atol 1e-10, 201 samples", ["library", "work", "min", "median", "final state",
                                                          "ratio coopgame/peer"])

    def cg_work() -> np.ndarray:
        return np.asarray(replicator(game, x0, t_max, t_eval=t_eval, rtol=rtol, atol=atol).final[0])

    if not peers.available("egttools"):
        timing, final = measure(cg_work, repeat=cfg.pick(7, 3))
        table.add("coopgame", "replicator(game, x0, t_max)", fmt_time(timing.min), fmt_time(timing.median),
                  np.array2string(final, precision=4), "-")
        table.notes.append("egttools is not installed: no comparison")
        return table
    from egttools.analytical import replicator_equation

    def egt_work() -> np.ndarray:
        sol = solve_ivp(lambda t, y: replicator_equation(y, A), (0.0, t_max), x0, method="RK45", t_eval=t_eval,
                        rtol=rtol, atol=atol)
        return sol.y[:, -1]

    cg_work(), egt_work()
    timings, finals = measure_interleaved({"cg": (cg_work, 1, 1), "egt": (egt_work, 1, 1)}, repeat=cfg.pick(7, 3))
    same = bool(np.allclose(finals["cg"], finals["egt"], atol=1e-6))
    r = ratio(timings["cg"], timings["egt"])
    table.add("coopgame", "replicator(game, x0, t_max)", fmt_time(timings["cg"].min), fmt_time(timings["cg"].median),
              np.array2string(finals["cg"], precision=4), fmt_ratio(r))
    table.add("EGTtools " + peers.version("egttools").strip("\"'"), "solve_ivp(replicator_equation(x, A))",
              fmt_time(timings["egt"].min), fmt_time(timings["egt"].median),
              np.array2string(finals["egt"], precision=4) + ("" if same else " (DIFFERENT)"), "-")
    table.notes.append("both integrate the same field with SciPy's RK45; coopgame also projects every state back "
                       "onto the simplex and checks its inputs")
    data["trajectory"] = {"coopgame": timings["cg"].as_dict(), "egttools": timings["egt"].as_dict(), "ratio": r,
                          "same_final_state": same}
    report.targets.append(Target("dynamics: one-population replicator trajectory, coopgame / EGTtools", r, None,
                                 detail="same system and integrator; informational"))
    return table
