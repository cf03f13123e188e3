"""Pure equilibria of N-player two-action games: coopgame vs pygambit, and growth with N."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
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


def _cg_build_solve(arrays: Sequence[np.ndarray]):
    import coopgame as cg

    def work() -> list[tuple[int, ...]]:
        eqs = cg.pure_equilibria(cg.NormalFormGame(arrays))
        return [tuple(int(np.argmax(s)) for s in eq.strategies) for eq in eqs]
    return work


def _cg_solve(arrays: Sequence[np.ndarray]):
    import coopgame as cg

    game = cg.NormalFormGame(arrays)
    return lambda: len(cg.pure_equilibria(game))


def _gbt_profiles(result, game) -> list[tuple[int, ...]]:
    out = []
    for eq in result.equilibria:
        out.append(tuple(int(np.argmax([float(eq[s]) for s in p.strategies])) for p in game.players))
    return sorted(out)


def _gbt_build_solve(arrays: Sequence[np.ndarray]):
    import pygambit as gbt

    def work() -> list[tuple[int, ...]]:
        game = peers.gambit_table_outcomes(arrays)
        return _gbt_profiles(gbt.nash.enumpure_solve(game), game)
    return work


def _gbt_solve(arrays: Sequence[np.ndarray]):
    import pygambit as gbt

    game = peers.gambit_table_outcomes(arrays)
    return lambda: len(gbt.nash.enumpure_solve(game).equilibria)


def _repeats(num_players: int, quick: bool) -> int:
    if quick:
        return 3 if num_players <= 12 else 1
    return 7 if num_players <= 14 else 3


def pure(cfg: Config) -> Report:
    """16 players: coopgame vs pygambit (construction + enumpure_solve); coopgame alone at 20."""
    report = Report("pure")
    have_gambit = peers.available("pygambit")
    data: dict[str, Any] = {}

    # ---- which pygambit construction path is fastest (so the comparison is fair to Gambit)
    if have_gambit:
        n_small = cfg.pick(12, 10)
        arrays = peers.random_n_player(n_small)
        reference = None
        build_table = Table(f"pygambit game construction, {n_small} players x 2 actions "
                            f"({2 ** n_small} profiles)", ["method", "min", "median", "same payoffs"])
        data["gambit_construction"] = {}
        for name, builder in peers.GAMBIT_BUILDERS.items():
            t, game = measure(lambda b=builder: b(arrays), repeat=cfg.pick(3, 1), warmup=0)
            got = peers.gambit_arrays(game)
            if reference is None:
                reference = [np.asarray(a, dtype=float) for a in arrays]
            same = all(np.array_equal(a, b) for a, b in zip(got, reference))
            build_table.add(name, fmt_time(t.min), fmt_time(t.median), "yes" if same else "NO")
            data["gambit_construction"][name] = {"timing": t.as_dict(), "same_payoffs": same}
        build_table.notes.append("the fastest path (new_table + outcomes) is the one timed below")
        report.tables.append(build_table)

    # ---- 16 players
    n = 16
    arrays = peers.random_n_player(n)
    rep_cg = cfg.pick(7, 3)
    table = Table(f"Pure equilibria, {n} players x 2 actions ({2 ** n} profiles, integer payoffs 0..99)",
                  ["library", "work", "min", "median", "equilibria found", "ratio coopgame/peer"])
    if have_gambit:
        rep_g = cfg.pick(3, 1)
        cg_work, g_work = _cg_build_solve(arrays), _gbt_build_solve(arrays)
        cg_work()
        timings, found = measure_interleaved({"cg": (cg_work, rep_cg, 1), "gbt": (g_work, 1, 1)}, repeat=rep_g)
        cg_all, g_all = timings["cg"], timings["gbt"]
        cg_profiles, g_profiles = found["cg"], found["gbt"]
        cg_solve, g_solve = _cg_solve(arrays), _gbt_solve(arrays)
        cg_solve()
        g_solve()
        timings, _ = measure_interleaved({"cg": (cg_solve, rep_cg, 1), "gbt": (g_solve, 1, 1)}, repeat=cfg.pick(5, 2))
        cg_only, g_only = timings["cg"], timings["gbt"]
    else:
        cg_all, cg_profiles = measure(_cg_build_solve(arrays), repeat=rep_cg)
        cg_only, _ = measure(_cg_solve(arrays), repeat=rep_cg)
    table.add("coopgame", "NormalFormGame(arrays) + pure_equilibria", fmt_time(cg_all.min), fmt_time(cg_all.median),
              len(cg_profiles), "-")
    table.add("coopgame", "pure_equilibria (game built)", fmt_time(cg_only.min), fmt_time(cg_only.median), "", "-")
    data["16"] = {"coopgame_build_solve": cg_all.as_dict(), "coopgame_solve": cg_only.as_dict(),
                  "coopgame_equilibria": [list(p) for p in cg_profiles]}
    if have_gambit:
        r_all, r_only = ratio(cg_all, g_all), ratio(cg_only, g_only)
        same = sorted(cg_profiles) == g_profiles
        table.add("pygambit", "new_table + outcomes + enumpure_solve", fmt_time(g_all.min), fmt_time(g_all.median),
                  f"{len(g_profiles)}" + ("" if same else " (DIFFERENT profiles)"), fmt_ratio(r_all))
        table.add("pygambit", "enumpure_solve (game built)", fmt_time(g_only.min), fmt_time(g_only.median), "",
                  fmt_ratio(r_only))
        data["16"].update({"gambit_build_solve": g_all.as_dict(), "gambit_solve": g_only.as_dict(),
                           "gambit_equilibria": [list(p) for p in g_profiles], "same_equilibria": same,
                           "ratio_build_solve": r_all, "ratio_solve_only": r_only,
                           "ratio_build_solve_min": ratio(cg_all, g_all, "min"),
                           "ratio_solve_only_min": ratio(cg_only, g_only, "min")})
        tgt = Target(f"pure_equilibria vs pygambit enumpure_solve, {n} players (construction + solve)", r_all, 0.1,
                     detail=f"ratio of minima {ratio(cg_all, g_all, 'min'):.3g}; solve-only ratio {r_only:.3g}; "
                            f"same equilibria: {same}")
        if tgt.status == "FAIL":
            tgt.profile = profile_text(_cg_build_solve(arrays))
        report.targets.append(tgt)
        if r_only > 0.1:
            table.notes.append(f"solve-only ratio {r_only:.3g} is above 0.1 (the target counts construction)")
    else:
        report.targets.append(Target(f"pure_equilibria vs pygambit, {n} players", None, 0.1,
                                     detail="pygambit not installed"))
    table.notes.append("ratio = coopgame / pygambit for the same work (medians); construction builds each "
                       "library's game object from the same NumPy arrays")
    report.tables.append(table)

    # ---- 20 players, coopgame alone
    n = 20
    arrays = peers.random_n_player(n)
    t20, prof20 = measure(_cg_build_solve(arrays), repeat=cfg.pick(5, 2))
    t20s, _ = measure(_cg_solve(arrays), repeat=cfg.pick(5, 2))
    t20_table = Table(f"Pure equilibria, {n} players x 2 actions ({2 ** n:,} profiles), coopgame alone",
                      ["work", "min", "median", "equilibria found"])
    t20_table.add("NormalFormGame(arrays) + pure_equilibria", fmt_time(t20.min), fmt_time(t20.median), len(prof20))
    t20_table.add("pure_equilibria (game built)", fmt_time(t20s.min), fmt_time(t20s.median), "")
    report.tables.append(t20_table)
    data["20"] = {"coopgame_build_solve": t20.as_dict(), "coopgame_solve": t20s.as_dict(),
                  "equilibria": len(prof20)}
    tgt = Target(f"pure_equilibria, {n} players (construction + solve)", t20.median, 1.0, kind="seconds",
                 detail=f"solve only {fmt_time(t20s.median)}")
    if tgt.status == "FAIL":
        tgt.profile = profile_text(_cg_build_solve(arrays))
    report.targets.append(tgt)
    report.data = data
    return report


def pure_scaling(cfg: Config) -> Report:
    """Time of pure-equilibrium enumeration as the number of two-action players grows (2..20)."""
    report = Report("pure_scaling")
    have_gambit = peers.available("pygambit")
    largest_gambit = cfg.pick(16, 12)
    rows: dict[int, dict[str, Timing]] = {}
    for n in range(2, 21):
        arrays = peers.random_n_player(n)
        rep = _repeats(n, cfg.quick)
        row: dict[str, Timing] = {}
        cg_work, cg_solve = _cg_build_solve(arrays), _cg_solve(arrays)
        if have_gambit and n <= largest_gambit:
            g_work, g_solve = _gbt_build_solve(arrays), _gbt_solve(arrays)
            rounds = rep if n <= 12 else cfg.pick(3, 1)
            inner = 1 if n <= 12 else cfg.pick(3, 2)
            for a, b in ((cg_work, g_work), (cg_solve, g_solve)):
                a()
                if n <= 12:
                    b()
            t, _ = measure_interleaved({"coopgame": (cg_work, inner, 1), "pygambit": (g_work, 1, 1)}, repeat=rounds)
            row.update(t)
            t, _ = measure_interleaved({"coopgame solve": (cg_solve, inner, 1), "pygambit solve": (g_solve, 1, 1)},
                                       repeat=rounds)
            row.update(t)
        else:
            row["coopgame"], _ = measure(cg_work, repeat=rep)
            row["coopgame solve"], _ = measure(cg_solve, repeat=rep)
        rows[n] = row
    table = Table("Pure equilibria as players are added (2 actions each; median times)",
                  ["players", "profiles", "coopgame build+solve", "coopgame solve", "pygambit build+solve",
                   "pygambit solve", "ratio build+solve", "ratio solve"])
    for n, row in rows.items():
        g = row.get("pygambit")
        gs = row.get("pygambit solve")
        table.add(n, f"{2 ** n:,}", fmt_time(row["coopgame"].median), fmt_time(row["coopgame solve"].median),
                  fmt_time(g.median if g else None), fmt_time(gs.median if gs else None),
                  fmt_ratio(ratio(row["coopgame"], g) if g else None),
                  fmt_ratio(ratio(row["coopgame solve"], gs) if gs else None))
    table.notes.append(f"pygambit is run up to {largest_gambit} players; build+solve includes constructing "
                       "each library's game from the same arrays")
    report.tables.append(table)
    series = {lab: {n: row[lab].median for n, row in rows.items() if lab in row}
              for lab in ("coopgame", "coopgame solve", "pygambit", "pygambit solve")}
    report.data = {"median_seconds": {lab: {str(k): v for k, v in s.items()} for lab, s in series.items()},
                   "timings": {str(n): {lab: t.as_dict() for lab, t in row.items()} for n, row in rows.items()}}
    if cfg.figures_dir:
        import plots

        path = Path(cfg.figures_dir) / "bench_pure_scaling.png"
        plots.pure_scaling(series, path, quick=cfg.quick)
        report.figures.append(str(path))
    return report
