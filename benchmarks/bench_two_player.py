"""Two-player benchmarks: all equilibria, first-call cost, support enumeration, scaling with size."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import peers
from harness import (
    Config,
    Report,
    Table,
    Target,
    Timing,
    fmt_ratio,
    fmt_time,
    measure,
    measure_interleaved,
    profile_text,
    ratio,
)

HERE = Path(__file__).resolve().parent

Solver = Callable[[Sequence[peers.Bimatrix]], list[int]]


def _coopgame_entries(names: Sequence[str]) -> list[tuple[str, Solver]]:
    out = []
    for name in names:
        solver = peers.coopgame_solver(name)
        if solver is not None:
            out.append((f"coopgame {name}", solver))
    return out


def _time_solver(solver: Solver, games: Sequence[peers.Bimatrix], repeat: int,
                 max_seconds: float | None = None) -> tuple[Timing, list[int]]:
    solver(games[:1])  # warm up: numba compile / cache load, qhull, imports
    timing, counts = measure(lambda: solver(games), repeat=repeat, warmup=0, games=len(games),
                             max_seconds=max_seconds)
    return timing, counts


def _compare(solvers: dict[str, Solver], games: Sequence[peers.Bimatrix], repeat: int,
             inner: dict[str, int] | None = None) -> tuple[dict[str, Timing], dict[str, list[int]]]:
    """Warm every solver up on one game, then time them in alternation on ``games``."""
    inner = inner or {}
    works = {}
    for key, solver in solvers.items():
        solver(games[:1])
        works[key] = (lambda f=solver: f(games), inner.get(key, 1), len(games))
    return measure_interleaved(works, repeat=repeat)


def _count_cell(theirs: list[int], ours: list[int]) -> str:
    text = str(sum(theirs))
    if theirs == ours:
        return text
    differ = sum(a != b for a, b in zip(theirs, ours))
    return f"{text} (differs on {differ}/{len(ours)} games)"


# ============================================================================ benchmark 1
def two_player(cfg: Config) -> Report:
    """All equilibria of random float games: coopgame vs QuantEcon, Nashpy and pygambit."""
    report = Report("two_player")
    ours = _coopgame_entries(["vertex_enumeration", "mixed_equilibria"])
    n_games = cfg.pick(10, 3)
    rep_fast = cfg.pick(7, 3)
    # (label, solver, sizes it runs at, games used at each size, repeats, time cap)
    rep_qe = cfg.pick(15, 5)  # cheap peer: more rounds, one coopgame sample per round (equal sample counts)
    peer_plan: list[tuple[str, Solver, dict[int, tuple[int, int]]]] = [
        ("QuantEcon vertex_enumeration", peers.quantecon_vertex_enumeration,
         {7: (n_games, rep_qe), 10: (n_games, rep_qe), 12: (n_games, rep_qe)}),
        ("Nashpy support_enumeration", peers.nashpy_support_enumeration,
         {7: cfg.pick((5, 3), (2, 1))}),
        ("pygambit enummixed (float)", peers.pygambit_enummixed(rational=False),
         {7: (n_games, rep_fast), 10: cfg.pick((5, 3), (1, 1)), **({12: (1, 1)} if not cfg.quick else {})}),
        ("pygambit enummixed (rational)", peers.pygambit_enummixed(rational=True),
         {7: cfg.pick((3, 1), (1, 1))}),
    ]
    module_of = {"QuantEcon": "quantecon", "Nashpy": "nashpy", "pygambit": "pygambit"}
    results: dict[str, Any] = {}
    for size in (7, 10, 12):
        games = peers.random_bimatrices(size, n_games)
        size_data: dict[str, Any] = {"games": n_games, "libraries": {}}
        table = Table(
            f"All equilibria, random float games {size}x{size} (build game + solve; times are totals over the games)",
            ["library", "games", "min", "median", "per game (median)", "equilibria found"]
            + [f"ratio {lab.split()[1]}/peer" for lab, _ in ours])
        runs: list[tuple[str, Solver | None, int, int]] = [("", None, n_games, rep_fast)]  # coopgame alone first
        for label, solver, plan in peer_plan:
            if size in plan:
                runs.append((label, solver, *plan[size]))
        cg_rows: list[list[str]] = []
        peer_rows: list[list[str]] = []
        for label, solver, k, rep in runs:
            if solver is not None and not peers.available(module_of[label.split()[0]]):
                peer_rows.append([label, "-", "not installed", "", "", ""] + ["" for _ in ours])
                continue
            subset = games[:k]
            works = {}
            for lab, cg_solver in ours:
                cg_solver(subset[:1])  # warm up: numba compile or cache load, qhull, imports
                inner = 1 if solver is None or label.startswith("QuantEcon") else cfg.pick(5, 3)
                works[lab] = (lambda f=cg_solver: f(subset), inner, k)
            if solver is not None:
                solver(subset[:1])
                works[label] = (lambda f=solver: f(subset), 1, k)
            timings, counts = measure_interleaved(works, repeat=rep)
            if solver is None:  # coopgame's own rows, on all the games
                for lab, _ in ours:
                    t = timings[lab]
                    cg_rows.append([lab, str(k), fmt_time(t.min), fmt_time(t.median), fmt_time(t.per_game_median),
                                    str(sum(counts[lab]))] + ["-" for _ in ours])
                    size_data["libraries"][lab] = {"timing": t.as_dict(), "counts": counts[lab]}
                continue
            t, c = timings[label], counts[label]
            ref_counts = counts[ours[0][0]]
            ratios = {lab: ratio(timings[lab], t) for lab, _ in ours}
            ratios_min = {lab: ratio(timings[lab], t, "min") for lab, _ in ours}
            ratios_paired = {lab: ratio(timings[lab], t, "paired") for lab, _ in ours}
            peer_rows.append([label, str(k), fmt_time(t.min), fmt_time(t.median), fmt_time(t.per_game_median),
                              _count_cell(c, ref_counts)] + [fmt_ratio(ratios[lab]) for lab, _ in ours])
            size_data["libraries"][label] = {
                "timing": t.as_dict(), "counts": c, "coopgame_counts_same_games": ref_counts,
                "ratio_median": ratios, "ratio_min": ratios_min, "ratio_paired": ratios_paired,
                "coopgame_timing_same_games": {lab: timings[lab].as_dict() for lab, _ in ours}}
        for row in cg_rows + peer_rows:
            table.add(*row)
        table.notes.append("ratio = coopgame time / peer time per game on the same games, timed in alternation "
                           "in the same rounds (medians; below 1 means coopgame is faster, the speed-up in "
                           "brackets); min-based ratios are in latest.json")
        table.notes.append("equilibria found: total over the games a library ran on; a note marks "
                           "games where the count differs from coopgame's on the same games")
        report.tables.append(table)
        results[str(size)] = size_data

    # ---- targets
    def target(name: str, size: int, peer: str, bound: float, lab: str, solver: Solver) -> None:
        lib = results[str(size)]["libraries"].get(peer)
        if lib is None:
            report.targets.append(Target(name, None, bound, detail="peer not run"))
            return
        value = lib["ratio_median"][lab]
        tgt = Target(name, value, bound, detail=f"{lib['timing']['games']} games; ratio of minima "
                                                  f"{lib['ratio_min'][lab]:.3g}, median of per-round ratios "
                                                  f"{lib['ratio_paired'][lab]:.3g}")
        if tgt.status == "FAIL":
            games = peers.random_bimatrices(size, n_games)
            tgt.profile = profile_text(lambda: solver(games))
        report.targets.append(tgt)

    for lab, solver in ours:
        short = lab.replace("coopgame ", "")
        target(f"{short} vs QuantEcon vertex_enumeration, 10x10", 10, "QuantEcon vertex_enumeration", 1.0, lab, solver)
        target(f"{short} vs QuantEcon vertex_enumeration, 12x12", 12, "QuantEcon vertex_enumeration", 1.0, lab, solver)
        target(f"{short} vs Nashpy support_enumeration, 7x7", 7, "Nashpy support_enumeration", 0.01, lab, solver)
        target(f"{short} vs pygambit enummixed_solve (float), 10x10", 10, "pygambit enummixed (float)", 0.1,
               lab, solver)
    agreement = Table("Equilibria found: games on which each peer's count equals coopgame's vertex_enumeration",
                      ["peer", *[f"{size}x{size}" for size in results]])
    peer_names = [label for label, _, _ in peer_plan]
    for name in peer_names:
        cells = []
        for size in results.values():
            lib = size["libraries"].get(name)
            if lib is None:
                cells.append("-")
                continue
            same = sum(a == b for a, b in zip(lib["counts"], lib["coopgame_counts_same_games"]))
            cells.append(f"{same}/{len(lib['counts'])}")
        agreement.add(name, *cells)
    for lab, _ in ours[1:]:
        cells = [f"{sum(a == b for a, b in zip(size['libraries'][lab]['counts'], size['libraries'][ours[0][0]]['counts']))}"
                 f"/{len(size['libraries'][lab]['counts'])}" for size in results.values()]
        agreement.add(lab, *cells)
    agreement.notes.append("QuantEcon and Nashpy assume non-degenerate games, which random float games are "
                           "(with probability one); Nashpy's support enumeration rejects some equilibria "
                           "when round-off makes a probability that should be 0 come out as a tiny negative number, or above "
                           "its default tolerance of 1e-16")
    report.tables.append(agreement)
    report.data["equilibrium_counts_agree_with_quantecon"] = all(
        lib["counts"] == lib["coopgame_counts_same_games"]
        for size in results.values() for name, lib in size["libraries"].items() if name.startswith("QuantEcon"))
    report.data["sizes"] = results
    return report


# ============================================================================ first call
def _first_call_runs(lib: str, size: int, repeats: int) -> dict[str, list[dict[str, float]]]:
    out: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    script = str(HERE / "first_call.py")
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="coopgame-bench-numba-") as cache:
            env = dict(os.environ, NUMBA_CACHE_DIR=cache)
            for kind in ("cold", "warm"):
                proc = subprocess.run([sys.executable, script, lib, str(size)], env=env,
                                      capture_output=True, text=True, check=True)
                out[kind].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def first_call(cfg: Config) -> Report:
    """coopgame's (and QuantEcon's) first vertex enumeration in a fresh process, cold and warm numba cache."""
    report = Report("first_call")
    size = 10
    repeats = cfg.pick(3, 1)
    table = Table(f"First call in a fresh process ({size}x{size} game; {repeats} fresh processes per row)",
                  ["library", "numba cache", "import (median)", "first call min", "first call median",
                   "second call (median)"])
    data: dict[str, Any] = {}
    for lib in ("coopgame", "quantecon"):
        if not peers.available(lib):
            continue
        runs = _first_call_runs(lib, size, repeats)
        data[lib] = runs
        for kind in ("cold", "warm"):
            first = [r["first_call"] for r in runs[kind]]
            table.add(lib, "cold (empty NUMBA_CACHE_DIR)" if kind == "cold" else "warm (same dir, 2nd process)",
                      fmt_time(statistics.median(r["import"] for r in runs[kind])), fmt_time(min(first)),
                      fmt_time(statistics.median(first)),
                      fmt_time(statistics.median(r["second_call"] for r in runs[kind])))
        if lib == "coopgame":
            for kind in ("cold", "warm"):
                first = [r["first_call"] for r in runs[kind]]
                report.targets.append(Target(f"coopgame first vertex_enumeration call, {kind} numba cache",
                                             statistics.median(first), None, kind="seconds",
                                             detail=f"median of {len(first)} fresh processes"))
    table.notes.append("cold: numba compiles the kernel; warm: it loads it from the on-disk cache. "
                       "Import time is listed separately and not included in the first call")
    report.tables.append(table)
    report.data = data
    return report


# ============================================================================ benchmark 2
def support(cfg: Config) -> Report:
    """coopgame.equilibria.support_enumeration vs Nashpy's (and QuantEcon's) at 6x6 and 7x7."""
    report = Report("support")
    ours = _coopgame_entries(["support_enumeration"])
    if not ours:
        report.targets.append(Target("support_enumeration vs Nashpy", None, None,
                                     detail="coopgame.equilibria.support_enumeration does not exist yet"))
        return report
    label, solver = ours[0]
    n_games = cfg.pick(10, 3)
    rep = cfg.pick(7, 3)
    data: dict[str, Any] = {}
    for size in (6, 7):
        games = peers.random_bimatrices(size, n_games)
        plan = [("QuantEcon support_enumeration", peers.quantecon_support_enumeration, (n_games, rep)),
                ("Nashpy support_enumeration", peers.nashpy_support_enumeration,
                 cfg.pick((n_games, 3), (2, 1)) if size == 6 else cfg.pick((5, 3), (2, 1)))]
        table = Table(f"Support enumeration, random float games {size}x{size}",
                      ["library", "games", "min", "median", "per game (median)", "equilibria found",
                       "ratio coopgame/peer"])
        first = True
        for name, peer_solver, (k, r) in plan:
            timings, counts = _compare({label: solver, name: peer_solver}, games[:k], repeat=r,
                                       inner={label: cfg.pick(5, 3)})
            if first:  # coopgame's row: from the run beside the first peer
                t = timings[label]
                table.add(label, k, fmt_time(t.min), fmt_time(t.median), fmt_time(t.per_game_median),
                          sum(counts[label]), "-")
                data[str(size)] = {label: {"timing": t.as_dict(), "counts": counts[label]}}
                first = False
            pt, pc = timings[name], counts[name]
            value = ratio(timings[label], pt)
            table.add(name, k, fmt_time(pt.min), fmt_time(pt.median), fmt_time(pt.per_game_median),
                      _count_cell(pc, counts[label]), fmt_ratio(value))
            data[str(size)][name] = {"timing": pt.as_dict(), "counts": pc,
                                     "coopgame_counts_same_games": counts[label],
                                     "coopgame_timing_same_games": timings[label].as_dict(),
                                     "ratio_median": value, "ratio_min": ratio(timings[label], pt, "min"),
                                     "ratio_paired": ratio(timings[label], pt, "paired")}
            if name.startswith("Nashpy"):
                report.targets.append(Target(f"support_enumeration vs Nashpy support_enumeration, {size}x{size}",
                                             value, None, detail=f"{k} games"))
        table.notes.append("ratio = coopgame time / peer time per game on the same games, timed in alternation (medians)")
        report.tables.append(table)
    report.data = data
    return report


# ============================================================================ scaling
def vertex_scaling(cfg: Config) -> Report:
    """Time per game of all-equilibria solvers as the game grows (n x n, n = 4..14)."""
    report = Report("vertex_scaling")
    sizes = list(range(4, 15)) if not cfg.quick else [4, 6, 8, 10, 12]
    n_games = cfg.pick(5, 2)
    libs: list[tuple[str, Solver, int, int]] = [  # label, solver, largest size, repeats
        *[(lab, s, 99, cfg.pick(5, 3)) for lab, s in _coopgame_entries(["vertex_enumeration", "mixed_equilibria"])],
        ("QuantEcon vertex_enumeration", peers.quantecon_vertex_enumeration, 99, cfg.pick(5, 3)),
        ("pygambit enummixed (float)", peers.pygambit_enummixed(rational=False), cfg.pick(10, 8), cfg.pick(2, 1)),
        ("Nashpy support_enumeration", peers.nashpy_support_enumeration, cfg.pick(7, 6), 1),
    ]
    libs = [lib for lib in libs if peers.available({"QuantEcon": "quantecon", "pygambit": "pygambit",
                                                    "Nashpy": "nashpy"}.get(lib[0].split()[0], "coopgame"))]
    series: dict[str, dict[int, float]] = {lab: {} for lab, *_ in libs}
    counts: dict[int, float] = {}
    for size in sizes:
        games = peers.random_bimatrices(size, n_games, seed=1)
        fast = {lab: solver for lab, solver, largest, _ in libs if largest >= 99}
        timings, c = _compare(fast, games, repeat=cfg.pick(5, 3))
        for lab, t in timings.items():
            series[lab][size] = t.per_game_median
        counts[size] = sum(c[libs[0][0]]) / n_games
        for lab, solver, largest, rep in libs:
            if lab in fast or size > largest:
                continue
            k = n_games if size <= 6 else max(1, n_games // 2)
            t, _ = _time_solver(solver, games[:k], repeat=rep)
            series[lab][size] = t.per_game_median
    table = Table(f"Time per game as size grows (median per game; {n_games} random float games per size)",
                  ["n x n", "mean equilibria"] + [lab for lab, *_ in libs] + ["ratio coopgame/QuantEcon"])
    ve, qe = libs[0][0], "QuantEcon vertex_enumeration"
    for size in sizes:
        r = series[ve][size] / series[qe][size] if qe in series and size in series[qe] else None
        table.add(f"{size}x{size}", f"{counts.get(size, 0):.1f}",
                  *[fmt_time(series[lab].get(size)) for lab, *_ in libs], fmt_ratio(r))
    table.notes.append("pygambit and Nashpy run on fewer games at larger sizes and stop where they get slow")
    report.tables.append(table)
    report.data = {"sizes": sizes, "per_game_median": {lab: {str(k): v for k, v in s.items()}
                                                       for lab, s in series.items()},
                   "mean_equilibria": {str(k): v for k, v in counts.items()}}
    if cfg.figures_dir:
        import plots

        path = Path(cfg.figures_dir) / "bench_vertex_scaling.png"
        plots.vertex_scaling(series, counts, path, quick=cfg.quick)
        report.figures.append(str(path))
    return report


# ============================================================================ diagnosis
def blas_threads(cfg: Config) -> Report:
    """Diagnosis: vertex enumeration vs QuantEcon with default OpenBLAS threading and with one thread."""
    report = Report("blas_threads")
    script = str(HERE / "blas_probe.py")
    count, rounds = cfg.pick(10, 3), cfg.pick(9, 3)
    table = Table("Vertex enumeration vs QuantEcon under two OpenBLAS thread settings (fresh processes, "
                  f"{count} games, {rounds} alternating rounds)",
                  ["size", "OpenBLAS threads", "coopgame per game", "QuantEcon per game", "ratio coopgame/QuantEcon",
                   "ratio of minima"])
    data: dict[str, Any] = {}
    inherited = os.environ.get("OPENBLAS_NUM_THREADS")
    for size in (10, 12):
        for setting in ("default", "1"):
            env = dict(os.environ)
            if setting == "1":
                env["OPENBLAS_NUM_THREADS"] = "1"
            proc = subprocess.run([sys.executable, script, str(size), str(count), str(rounds)], env=env,
                                  capture_output=True, text=True, check=True)
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            data[f"{size}/{setting}"] = res
            shown = setting if setting == "1" else f"default ({inherited or 'unset: one per core'})"
            table.add(f"{size}x{size}", shown, fmt_time(res["coopgame"]["per_game_median"]),
                      fmt_time(res["quantecon"]["per_game_median"]), fmt_ratio(res["ratio_median"]),
                      fmt_ratio(res["ratio_min"]))
            report.targets.append(Target(
                f"diagnosis: vertex_enumeration vs QuantEcon, {size}x{size}, OpenBLAS threads {setting}",
                res["ratio_median"], None, detail=f"fresh process; ratio of minima {res['ratio_min']:.3g}"))
    table.notes.append("only the environment of the child process differs; a ratio that drops with one thread "
                       "means coopgame loses time to OpenBLAS's threads on small matrix products")
    report.tables.append(table)
    report.data = data
    return report


# ============================================================================ lrsnash
LRSNASH_INSTALL = "lrsnash (lrslib) is not installed: on Debian or Ubuntu run `apt-get install lrslib`"


def _random_integer_game(size: int, index: int) -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.default_rng([2026, size, index])
    return rng.integers(0, 100, (size, size)), rng.integers(0, 100, (size, size))


def _lrsnash(A: Any, B: Any) -> tuple[float, set[tuple[tuple[Any, ...], tuple[Any, ...]]]]:
    """Wall time of lrsnash on the game and its extreme equilibria (exact), parsed from its output."""
    import time
    from fractions import Fraction

    m, n = A.shape
    text = f"{m} {n}\n\n" + "\n".join(" ".join(map(str, r)) for r in A) + "\n\n" + \
        "\n".join(" ".join(map(str, r)) for r in B) + "\n"
    with tempfile.TemporaryDirectory(prefix="coopgame-bench-lrs-") as tmp:
        path = Path(tmp) / "game"
        path.write_text(text)
        tic = time.perf_counter()
        out = subprocess.run(["lrsnash", str(path)], capture_output=True, text=True, check=True).stdout
        seconds = time.perf_counter() - tic
    found = set()
    for block in out.split("\n\n"):
        xs, ys = [], []
        for line in block.splitlines():
            fields = line.split()
            if fields and fields[0] == "1":
                xs.append(tuple(Fraction(v) for v in fields[1:1 + m]))
            elif fields and fields[0] == "2":
                ys.append(tuple(Fraction(v) for v in fields[1:1 + n]))
        found.update((x, y) for x in xs for y in ys)
    return seconds, found


def _coopgame_exact(A: Any, B: Any) -> tuple[float, set[tuple[tuple[Any, ...], tuple[Any, ...]]]]:
    import time

    import coopgame as cg

    tic = time.perf_counter()
    eqs = cg.equilibria.vertex_enumeration(cg.NormalFormGame([A, B], exact=True), max_seconds=float("inf"),
                                           progress=False)
    seconds = time.perf_counter() - tic
    return seconds, {(tuple(e.strategies[0]), tuple(e.strategies[1])) for e in eqs}


def lrsnash(cfg: Config) -> Report:
    """All extreme equilibria of random integer games 14x14 to 18x18: coopgame vs lrsnash, same sets."""
    report = Report("lrsnash")
    if shutil.which("lrsnash") is None:
        report.targets.append(Target("vertex_enumeration vs lrsnash", None, None, detail=LRSNASH_INSTALL))
        return report
    plan = cfg.pick({14: 3, 15: 3, 16: 2, 17: 1, 18: 1}, {14: 1, 15: 1, 16: 1})
    _coopgame_exact(*_random_integer_game(6, 0))  # warm up: numba cache load, imports
    table = Table("All extreme equilibria, random integer games (payoffs 0..99), exact: coopgame vertex_enumeration "
                  "vs lrsnash (lrslib, GMP arithmetic)",
                  ["size", "games", "equilibria", "same sets", "coopgame per game", "lrsnash per game",
                   "ratio coopgame/lrsnash", "growth coopgame", "growth lrsnash"])
    data: dict[str, Any] = {}
    previous: tuple[float, float] | None = None
    for size, count in plan.items():
        ours, theirs, same, eq_count = [], [], 0, 0
        for index in range(count):
            A, B = _random_integer_game(size, index)
            t_ours, s_ours = _coopgame_exact(A, B)
            t_lrs, s_lrs = _lrsnash(A, B)
            ours.append(t_ours)
            theirs.append(t_lrs)
            same += s_ours == s_lrs
            eq_count += len(s_lrs)
        med_ours, med_lrs = statistics.median(ours), statistics.median(theirs)
        value = med_ours / med_lrs
        growth = ("-", "-") if previous is None else (f"{med_ours / previous[0]:.2f}x", f"{med_lrs / previous[1]:.2f}x")
        previous = (med_ours, med_lrs)
        table.add(f"{size}x{size}", count, eq_count, f"{same}/{count}", fmt_time(med_ours), fmt_time(med_lrs),
                  fmt_ratio(value), *growth)
        data[str(size)] = {"coopgame": ours, "lrsnash": theirs, "same_sets": same, "games": count,
                           "equilibria": eq_count, "ratio_median": value}
        report.targets.append(Target(f"vertex_enumeration vs lrsnash, {size}x{size} (same equilibrium sets: "
                                     f"{same}/{count})", value if same == count else None, 0.2,
                                     detail=f"{count} game(s); medians of one run"))
    table.notes.append("growth = median time at this size / at the previous size; same sets = games on which the "
                       "exact extreme equilibria are identical")
    table.notes.append("lrsnash timed as a subprocess (wall clock); coopgame timed in-process after a warm-up call, "
                       "exact game (equilibria recomputed and verified in rationals)")
    report.tables.append(table)
    report.data = data
    if cfg.figures_dir:
        import plots

        path = Path(cfg.figures_dir) / "bench_lrsnash_scaling.png"
        fig, ax = plots.plt.subplots(figsize=(7, 4.3))
        sizes = [int(s) for s in data]
        for key, label, style in (("coopgame", "coopgame vertex_enumeration", "coopgame vertex_enumeration"),
                                  ("lrsnash", "lrsnash (lrslib)", "pygambit")):
            ax.plot(sizes, [statistics.median(data[str(s)][key]) for s in sizes], label=label,
                    **plots.STYLE[style])
        ax.set_xlabel("actions per player (n x n random integer game)")
        ax.set_ylabel("median time per game (s, log scale)")
        ax.set_xticks(sizes)
        plots._finish(fig, ax, path, "All extreme equilibria: coopgame vs lrsnash", cfg.quick)
        report.figures.append(str(path))
    return report
