"""Parameter sweeps: a vectorised SymbolicGame sweep, and a function sweep on a two-worker Dask cluster.

1. ``sweep(game, points)`` on the six-parameter fined prisoner's dilemma of
   ``bench_symbolic`` at 10^6 random parameter points, against what one
   would otherwise write: a loop of ``game.subs(point)`` and
   ``pure_equilibria`` (timed on a sample of the points, compared per
   point). The labels of the sample points are checked to agree.
2. A function sweep whose points each cost milliseconds of Python (fictitious
   play in the inspection game), serially, on a ``ProcessPoolExecutor(2)``
   and on a ``LocalCluster(n_workers=2, threads_per_worker=1)``. This
   machine has two cores and other work running, so the best possible
   speed-up is 2 and what is measured is reported as it is.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import os
import time
from typing import Any

import numpy as np
from bench_symbolic import fined_prisoners_dilemma, random_points
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

POINTS = 10 ** 6
SAMPLE = 300  # points for the subs + pure_equilibria loop


def _label(game: Any, eqs: list) -> str:
    from coopgame.sweeps import NO_PURE_EQUILIBRIUM

    out = []
    for e in eqs:
        idx = [int(np.argmax([float(v) for v in s])) for s in e.strategies]
        out.append("(" + ", ".join(game.actions[p][k] for p, k in enumerate(idx)) + ")")
    return " | ".join(out) if out else NO_PURE_EQUILIBRIUM


def sweep_game(cfg: Config) -> Report:
    """SymbolicGame sweep over 10^6 points vs a loop of subs + pure_equilibria."""
    import pandas as pd

    from coopgame.equilibria.pure import pure_equilibria
    from coopgame.sweeps import sweep

    report = Report("sweep_game")
    game = fined_prisoners_dilemma()
    points = pd.DataFrame(random_points(game, POINTS, seed=7))
    sample_idx = np.linspace(0, POINTS - 1, cfg.pick(SAMPLE, 100)).astype(int)
    sample = points.iloc[sample_idx].to_dict("records")
    repeat = cfg.pick(5, 2)

    def vectorised():
        return sweep(game, points, progress=False)

    def loop():
        return [_label(game, pure_equilibria(game.subs(pt))) for pt in sample]

    t0 = time.perf_counter()
    first = vectorised()  # includes game.lambdify() (cached per process afterwards)
    t_first = time.perf_counter() - t0
    t_vec, result = measure(vectorised, repeat=repeat, warmup=0, games=POINTS)
    t_loop, labels = measure(loop, repeat=cfg.pick(3, 1), warmup=1, games=len(sample))
    agree = sum(a == b for a, b in zip(labels, result["equilibria"].iloc[sample_idx].astype(str)))
    counts = result["equilibria"].value_counts()
    del first
    r = ratio(t_vec, t_loop)
    table = Table(f"sweep(game, points): fined prisoner's dilemma (2x2, {len(game.parameters)} parameters) "
                  f"at {POINTS:,} random points", ["work", "points", "min", "median", "per point (median)",
                                                    "ratio coopgame/loop"])
    table.add("sweep(game, points) (lambdify cached)", f"{POINTS:,}", fmt_time(t_vec.min), fmt_time(t_vec.median),
              fmt_time(t_vec.per_game_median), fmt_ratio(r))
    table.add("first sweep in this process (builds game.lambdify())", f"{POINTS:,}", "", fmt_time(t_first), "", "-")
    table.add("loop: pure_equilibria(game.subs(point)) + labels", f"{len(sample)}", fmt_time(t_loop.min),
              fmt_time(t_loop.median), fmt_time(t_loop.per_game_median), "-")
    table.notes.append(f"labels agree with the loop at {agree} of {len(sample)} sample points; outcomes over all "
                       f"points: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    table.notes.append("the sweep also returns the equilibrium payoffs and builds a categorical column; "
                       "the loop's games are exact where subs gives rationals (here floats)")
    report.tables.append(table)
    tgt = Target(f"vectorised SymbolicGame sweep vs loop of subs + pure_equilibria, per point ({POINTS:,} points)",
                 r, 0.01, detail=f"{fmt_time(t_vec.per_game_median)} vs {fmt_time(t_loop.per_game_median)} per point;"
                                 f" agreement {agree}/{len(sample)}")
    if tgt.status == "FAIL":
        tgt.profile = profile_text(vectorised)
    report.targets.append(tgt)
    report.targets.append(Target(f"sweep(game) of {POINTS:,} points, median", t_vec.median, None, kind="seconds"))
    report.data = {"points": POINTS, "sample": len(sample), "vectorised": t_vec.as_dict(), "first_call": t_first,
                   "loop": t_loop.as_dict(), "ratio": r, "agreement": agree}
    return report


# ------------------------------------------------------------------------------ function sweep on a cluster
def fictitious_play(rho: float, F: float, seed: int, rounds: int = 20000, dc: float = 2.0, k: float = 1.0,
                    B: float = 4.0) -> dict[str, float]:
    """Fictitious play with noisy best replies in the inspection game: empirical rates after ``rounds``.

    Plain Python on purpose: a function whose points each cost milliseconds.
    """
    rng = np.random.default_rng(seed)
    # two flat lists of floats: no container per round, so the garbage collector stays idle (the harness
    # pauses it in this process only, which would otherwise favour the serial run)
    noise1 = rng.normal(scale=0.05, size=rounds).tolist()
    noise2 = rng.normal(scale=0.05, size=rounds).tolist()
    cheat = inspect = 1.0
    for t in range(1, rounds + 1):
        q = inspect / (t + 1)  # belief about the centre's inspection rate
        p = cheat / (t + 1)  # belief about the local government's cheating rate
        e1, e2 = noise1[t - 1], noise2[t - 1]
        cheat += 1.0 if dc - q * rho * F + e1 > 0 else 0.0
        inspect += 1.0 if p * rho * B - k + e2 > 0 else 0.0
    return {"false cooperation": cheat / (rounds + 1), "inspection": inspect / (rounds + 1)}


def sweep_cluster(cfg: Config) -> Report:
    """A function sweep serially, on a two-process pool and on a two-worker LocalCluster."""
    import pandas as pd
    from distributed import Client, LocalCluster

    from coopgame.sweeps import sweep

    report = Report("sweep_cluster")
    grid = {"rho": np.linspace(0.3, 1.0, cfg.pick(8, 4)), "F": np.linspace(4.0, 16.0, cfg.pick(12, 4))}
    n = int(np.prod([len(v) for v in grid.values()]))
    t_point, _ = measure(lambda: fictitious_play(0.5, 8.0, 1), repeat=5)

    def serial():
        return sweep(fictitious_play, grid, seed=1, progress=False)

    t0 = time.perf_counter()
    with cf.ProcessPoolExecutor(2) as pool, \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        t_start = time.perf_counter() - t0
        executor = client.get_executor()

        def pooled_sweep():
            return sweep(fictitious_play, grid, seed=1, executor=pool, progress=False, timeout=600)

        def dask_sweep():
            return sweep(fictitious_play, grid, seed=1, executor=executor, progress=False, timeout=600)

        for work in (serial, pooled_sweep, dask_sweep):
            work()  # warm up: worker imports, first pickles
        timings, results = measure_interleaved({"serial": (serial, 1, n), "pool": (pooled_sweep, 1, n),
                                                "dask": (dask_sweep, 1, n)}, repeat=cfg.pick(5, 2))
    t_serial, t_pool, t_dask = timings["serial"], timings["pool"], timings["dask"]
    base, pooled, clustered = results["serial"], results["pool"], results["dask"]
    same_pool = bool(base.equals(pooled))
    same_dask = bool(base.equals(clustered))
    table = Table(f"sweep(fictitious_play, grid): {n} points, each {fmt_time(t_point.median)} of Python",
                  ["executor", "min", "median", "speed-up over serial (median)", "same frame as serial"])
    table.add("serial (executor=None)", fmt_time(t_serial.min), fmt_time(t_serial.median), "1", "-")
    sp_pool, sp_dask = 1 / ratio(t_pool, t_serial, "paired"), 1 / ratio(t_dask, t_serial, "paired")
    table.add("ProcessPoolExecutor(2)", fmt_time(t_pool.min), fmt_time(t_pool.median), f"{sp_pool:.2f}x", same_pool)
    table.add("LocalCluster(n_workers=2, threads_per_worker=1)", fmt_time(t_dask.min), fmt_time(t_dask.median),
              f"{sp_dask:.2f}x", same_dask)
    table.add("  (starting the LocalCluster, not included above)", "", fmt_time(t_start), "", "")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    table.notes.append(f"this machine has {os.cpu_count()} cores shared with other work (load average {load:.1f} "
                       f"at the end): 2x is the ceiling, and timings are noisy; the three are timed in alternating "
                       f"rounds and speed-ups are medians of the per-round ratios")
    report.tables.append(table)
    report.targets.append(Target("function sweep, 2-worker LocalCluster vs serial (time ratio)",
                                 ratio(t_dask, t_serial, "paired"), None,
                                 detail=f"speed-up {sp_dask:.2f}x on {os.cpu_count()} busy cores (load {load:.1f}); "
                                        f"identical frames: {same_dask}"))
    report.targets.append(Target("function sweep, ProcessPoolExecutor(2) vs serial (time ratio)",
                                 ratio(t_pool, t_serial, "paired"), None,
                                 detail=f"speed-up {sp_pool:.2f}x; identical frames: {same_pool}"))
    report.data = {"points": n, "per_point": t_point.as_dict(), "serial": t_serial.as_dict(),
                   "pool": t_pool.as_dict(), "dask": t_dask.as_dict(), "cluster_start": t_start,
                   "identical_pool": same_pool, "identical_dask": same_dask, "load_average": load,
                   "result_head": pd.DataFrame(base).head(3).to_dict("records")}
    return report
