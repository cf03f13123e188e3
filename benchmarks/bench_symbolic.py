"""Symbolic games: payoffs on a million parameter points (lambdify) and instrument thresholds.

The game is a prisoner's dilemma between two regions with payoff symbols
``R, S, T, P`` and an expected fine ``rho * F`` on defection for each
player (``Penalty(..., "Defect", "F", detection="rho")``): a 2x2 game with
six parameters. No peer library handles symbolic games, so the ratios
compare coopgame's vectorised path with the ways one would otherwise get
the same numbers: substituting each parameter point into the game
(``game.subs``) and calling ``sympy.lambdify`` on the payoff expressions
directly.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path
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

HERE = Path(__file__).resolve().parent

POINTS = 10 ** 6
SAMPLE = 200  # parameter points for the game.subs loop
CONCEPTS = ("nash", "strict", "dominant", "strictly_dominant", "unique")
TARGET_CONCEPTS = ("nash", "strict", "dominant", "unique")  # the concepts (2 s each)
PROFILE = ("Cooperate", "Cooperate")
CHECK_POINT = {"R": 3, "S": 0, "T": 5, "P": 1, "rho": 0.5}  # every concept's threshold is 4 here


def fined_prisoners_dilemma():
    """The benchmark game: a symbolic prisoner's dilemma with a detected fine F on each player's defection."""
    import coopgame as cg

    pd = cg.SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
                         actions=[["Cooperate", "Defect"]] * 2)
    return pd.apply(cg.Penalty(0, "Defect", "F", detection="rho"), cg.Penalty(1, "Defect", "F", detection="rho"))


def random_points(game: Any, count: int, seed: int = 0) -> dict[str, np.ndarray]:
    """``count`` random values per parameter: payoffs and fines uniform on [0, 10), detection on (0, 1]."""
    rng = np.random.default_rng([seed, count])
    return {s.name: (1.0 - rng.random(count)) if s.name == "rho" else 10.0 * rng.random(count)
            for s in game.parameters}


def threshold_of(game: Any, concept: str) -> Any:
    import coopgame as cg

    return cg.threshold(game, PROFILE, "F", concept=concept)


def _clear_sympy_cache() -> None:
    from sympy.core.cache import clear_cache

    clear_cache()


def _probe(args: list[str], processes: int) -> list[dict[str, float]]:
    runs = []
    for _ in range(processes):
        proc = subprocess.run([sys.executable, str(HERE / "symbolic_probe.py"), *args],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return runs


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _processes(count: int) -> str:
    return f"{count} fresh process" + ("" if count == 1 else "es")


def _spread(runs: list[dict[str, float]], key: str) -> str:
    """Median over fresh processes, with the range when there are several (first calls vary a lot)."""
    values = [r[key] for r in runs]
    text = fmt_time(statistics.median(values))
    return text if len(values) == 1 else f"{text} ({fmt_time(min(values))}-{fmt_time(max(values))})"


def symbolic(cfg: Config) -> Report:
    """Symbolic 2x2 game with 6 parameters: lambdify on 10^6 points, threshold() for each concept."""
    import sympy

    report = Report("symbolic")
    data: dict[str, Any] = {}
    game = fined_prisoners_dilemma()
    params = [s.name for s in game.parameters]
    processes = cfg.pick(3, 1)
    repeat = cfg.pick(9, 3)

    # ---------------------------------------------------------------- lambdify
    points = random_points(game, POINTS)
    sample_idx = np.linspace(0, POINTS - 1, SAMPLE).astype(int)
    sample = [{k: float(v[i]) for k, v in points.items()} for i in sample_idx]

    def build():
        _clear_sympy_cache()  # so that sympy's printer and simplifications are not cache hits
        return game.lambdify()

    t_build, func = measure(build, repeat=repeat)

    flat = [e for a in game.payoffs for e in np.asarray(a, dtype=object).reshape(-1)]
    plain = sympy.lambdify(game.parameters, flat, modules="numpy")
    args = [points[k] for k in params]

    def cg_call():
        return func(**points)  # noqa: F821 - deleted only after timing

    def sympy_call():
        return plain(*args)  # noqa: F821 - deleted only after timing

    def subs_loop():
        return [np.array([np.asarray(p, dtype=float) for p in game.subs(pt).payoffs]) for pt in sample]

    for work in (cg_call, sympy_call, subs_loop):
        work()  # warm up: first touch of the output memory, numpy ufunc set-up, sympy's cache for subs
    timings, results = measure_interleaved({"coopgame": (cg_call, 1, POINTS), "sympy": (sympy_call, 1, POINTS),
                                            "subs": (subs_loop, 1, SAMPLE)}, repeat=repeat)
    t_call, t_sympy, t_subs = timings["coopgame"], timings["sympy"], timings["subs"]
    out = results["coopgame"]
    by_subs = np.stack(results["subs"], axis=-1)
    error = float(np.max(np.abs(out[..., sample_idx] - by_subs)))
    same_as_sympy = bool(np.array_equal(out.reshape(len(flat), POINTS), np.stack(results["sympy"])))
    del results, out
    first = _probe(["lambdify", str(POINTS)], processes)

    r_subs, r_sympy = ratio(t_call, t_subs), ratio(t_call, t_sympy)
    table = Table(f"SymbolicGame.lambdify: all payoffs of the fined prisoner's dilemma (2x2, {len(params)} "
                  f"parameters {', '.join(params)}) at {POINTS:,} random parameter points",
                  ["work", "points", "min", "median", "per point (median)", "ratio coopgame/other"])
    table.add("game.lambdify() (build the function; sympy cache cleared)", "", fmt_time(t_build.min),
              fmt_time(t_build.median), "", "-")
    table.add("lambdified function, called with one array per parameter", f"{POINTS:,}", fmt_time(t_call.min),
              fmt_time(t_call.median), fmt_time(t_call.per_game_median), "-")
    table.add("sympy.lambdify of the 8 payoff expressions (no stacking into one array)", f"{POINTS:,}",
              fmt_time(t_sympy.min), fmt_time(t_sympy.median), fmt_time(t_sympy.per_game_median),
              fmt_ratio(r_sympy))
    table.add("loop of game.subs(point) -> payoff arrays", f"{SAMPLE}", fmt_time(t_subs.min),
              fmt_time(t_subs.median), fmt_time(t_subs.per_game_median), fmt_ratio(r_subs))
    table.add(f"fresh process: lambdify() + first call ({_processes(processes)}, median (range))", f"{POINTS:,}", "",
              f"{_spread(first, 'lambdify_build')} + {_spread(first, 'first_call')}", "", "-")
    table.notes.append(f"{len(sample)} of the points are also substituted with game.subs; largest difference from "
                       f"the lambdified payoffs {error:.1e}; identical to plain sympy.lambdify: {same_as_sympy}")
    table.notes.append("ratios are per point; coopgame and the others are timed in alternating rounds, after a "
                       "warm-up call (the first call in a fresh process is shown separately: it pays one-time costs "
                       "and varies a lot from process to process)")
    report.tables.append(table)
    data["lambdify"] = {"parameters": params, "points": POINTS, "build": t_build.as_dict(), "call": t_call.as_dict(),
                        "sympy_call": t_sympy.as_dict(), "subs_loop": t_subs.as_dict(), "ratio_subs": r_subs,
                        "ratio_subs_min": ratio(t_call, t_subs, "min"), "ratio_sympy": r_sympy,
                        "ratio_sympy_min": ratio(t_call, t_sympy, "min"), "max_error_vs_subs": error,
                        "identical_to_sympy": same_as_sympy, "fresh_process": first}

    tgt = Target(f"SymbolicGame.lambdify() call, 2x2 game with {len(params)} parameters, {POINTS:,} points",
                 t_call.median, 0.5, kind="seconds",
                 detail=f"min {fmt_time(t_call.min)}; building the function {fmt_time(t_build.median)}; "
                        f"first call in a fresh process {_spread(first, 'first_call')}")
    if tgt.status == "FAIL":
        tgt.profile = profile_text(cg_call)
    report.targets.append(tgt)
    report.targets.append(Target("SymbolicGame.lambdify() build (6 parameters, 8 payoffs)", t_build.median, None,
                                 kind="seconds", detail="sympy cache cleared before each build"))
    report.targets.append(Target("lambdified payoffs vs a loop of game.subs(point), per point", r_subs, None,
                                 detail=f"{POINTS:,} points vs {SAMPLE}; ratio of minima "
                                        f"{ratio(t_call, t_subs, 'min'):.3g}"))
    report.targets.append(Target("lambdified payoffs vs plain sympy.lambdify, per point", r_sympy, None,
                                 detail="coopgame also checks the arguments and stacks the payoffs into one array"))
    del points, args

    # ---------------------------------------------------------------- thresholds
    table = Table(f"cg.threshold(game, {PROFILE}, \"F\", concept=...) on the same 6-parameter game",
                  ["concept", "least F", "at R=3,S=0,T=5,P=1,rho=1/2", "min", "median",
                   "median, warm sympy cache", "first call, fresh process"])
    data["threshold"] = {}
    for concept in CONCEPTS:
        def cold(c=concept):
            _clear_sympy_cache()
            return threshold_of(game, c)

        cold()
        t_cold, result = measure(cold, repeat=repeat, warmup=0)
        t_warm, _ = measure(lambda c=concept: threshold_of(game, c), repeat=repeat)
        runs = _probe(["threshold", concept], processes)
        fresh = _spread(runs, "first_call")
        value = result.evaluate(**CHECK_POINT) if result else None
        table.add(concept, str(result.value) if result else f"none: {result.reason}",
                  "-" if value is None else f"{float(value):g}", fmt_time(t_cold.min), fmt_time(t_cold.median),
                  fmt_time(t_warm.median), fresh)
        data["threshold"][concept] = {"value": str(result.value) if result else None,
                                      "at_check_point": None if value is None else float(value),
                                      "cold_cache": t_cold.as_dict(), "warm_cache": t_warm.as_dict(),
                                      "fresh_process": runs}
        if concept in TARGET_CONCEPTS:
            tgt = Target(f"threshold(..., concept=\"{concept}\"), 2x2 game with {len(params)} parameters",
                         t_cold.median, 2.0, kind="seconds",
                         detail=f"sympy cache cleared before each call; warm cache {fmt_time(t_warm.median)}; "
                                f"first call in a fresh process {fresh}")
            if tgt.status == "FAIL":
                tgt.profile = profile_text(cold)
            report.targets.append(tgt)
    table.notes.append("min and median: sympy's cache cleared before each call, so no call reuses an earlier "
                       "one's simplifications; warm: repeated calls; fresh process: the first call after import "
                       f"({_processes(processes)}, median and range)")
    table.notes.append("at R=3, S=0, T=5, P=1, rho=1/2 the least fine is (T-R)/rho = 4 for every concept")
    report.tables.append(table)
    report.data = data
    return report
