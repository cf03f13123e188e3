"""All Nash equilibria of N-player games: coopgame's support_polynomial against pygambit's enumpoly_solve (issue 14).

- Gambit's own example games (tests/data/gambit: 2x2x2, 2x2x2x2, 2x2x2x2x2,
  3x3x3 with decimal payoffs, the 3x3x3 coordination game, 5x4x3, 8x2x2 and
  Nau et al.'s degenerate 2x2x4): coopgame's time, enumpoly_solve's time on
  the same file in the same run, the ratio, and the number of equilibria
  each lists. Targets: ratio <= 1 on games of up to about 100 profiles;
  ratio <= 0.1 where enumpoly takes a second or more.
- Growth with size: random integer games with two actions per player, 3 to 5
  players, and n x n x n games, n = 2, 3, 4, both solvers, with the ratio of
  consecutive sizes.

enumpoly_solve is not run on the degenerate 2x2x4 game (Nau et al. 2004,
section 6), where the issue measured it at over 60 s.

Run: .venv/bin/python benchmarks/run.py --only nplayer
"""

from __future__ import annotations

import warnings
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

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "gambit"

FILES = [("2x2x2.nfg", True), ("2x2x2x2.nfg", True), ("2x2x2x2x2.nfg", True), ("3x3x3.nfg", True),
         ("coord333.nfg", True), ("g3.nfg", True), ("8x2x2.nfg", True), ("5x4x3.nfg", True),
         ("nau2004_sec6.nfg", False)]


def _ours(game: Any) -> Any:
    from coopgame.equilibria.polynomial import support_polynomial

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return support_polynomial(game)


def _side_by_side(game: Any, g: Any, cfg: Config) -> tuple[Any, Any, Any, Any]:
    """Both solvers on one game, warmed up, then timed in alternation (load that drifts hits both alike).

    Games of milliseconds get more rounds. Returns both timings (their
    paired ratio is the median of the ratios within each round) and both
    results.
    """
    import pygambit as gbt

    first, _ = measure(lambda: gbt.nash.enumpoly_solve(g), repeat=1, warmup=0)
    _ours(game)
    rounds = cfg.pick(9, 3) if first.median < 0.1 else cfg.pick(3, 1)
    timings, results = measure_interleaved({"ours": (lambda: _ours(game), 1, 1),
                                            "enumpoly": (lambda: gbt.nash.enumpoly_solve(g), 1, 1)},
                                           repeat=rounds, max_seconds=60)
    return timings["ours"], timings["enumpoly"], results["ours"], results["enumpoly"]


def nplayer(cfg: Config) -> Report:
    """support_polynomial vs pygambit enumpoly_solve on Gambit's example games and random games."""
    import pygambit as gbt

    import coopgame as cg

    report = Report("nplayer")
    data: dict[str, Any] = {}
    table = Table("All equilibria of N-player games: coopgame support_polynomial vs pygambit enumpoly_solve",
                  ["game", "profiles", "coopgame", "enumpoly", "ratio", "found (coopgame / enumpoly)", "complete"])
    for name, with_gambit in FILES:
        game = cg.read_nfg(DATA / name)
        profiles = int(np.prod(game.shape))
        if not with_gambit:
            t_ours, eqs = measure(lambda g=game: _ours(g), repeat=cfg.pick(3, 1), max_seconds=30)
        else:
            t_ours, t_gbt, eqs, res = _side_by_side(game, gbt.read_nfg(str(DATA / name)), cfg)
        row: dict[str, Any] = {"coopgame": t_ours.as_dict(), "found": len(eqs), "complete": eqs.is_complete,
                               "profiles": profiles}
        if with_gambit:
            value = ratio(t_ours, t_gbt, "paired")
            row.update(enumpoly=t_gbt.as_dict(), enumpoly_found=len(res.equilibria), ratio=value)
            table.add(name[:-4], profiles, fmt_time(t_ours.median), fmt_time(t_gbt.median), fmt_ratio(value),
                      f"{len(eqs)} / {len(res.equilibria)}", eqs.is_complete)
            if t_gbt.median >= 1.0:
                bound, what = 0.1, "enumpoly takes seconds: >= 10x faster"
            elif profiles <= 100:
                bound, what = 1.0, "at least as fast"
            else:
                bound, what = None, ""
            target = Target(f"support_polynomial vs enumpoly_solve, {name[:-4]} ({what or 'informational'})",
                            value, bound, detail=f"{len(eqs)} vs {len(res.equilibria)} equilibria")
            if target.status == "FAIL" and not cfg.quick:
                target.profile = profile_text(lambda g=game: _ours(g))
            report.targets.append(target)
        else:
            table.add(name[:-4], profiles, fmt_time(t_ours.median), "over 60 s (issue 14; not run)", "-",
                      f"{len(eqs)} / -", eqs.is_complete)
        data[name] = row
    table.notes.append("ratio = coopgame / enumpoly time on the same file in this run, both timed in alternation: the "
                       "median over rounds of the ratio within a round; below 1 coopgame is "
                       "faster. coopgame reads decimals exactly and certifies every equilibrium (exact or by an "
                       "interval proof); enumpoly works in floats")
    report.tables.append(table)

    growth = Table("Growth with size: random integer games (-9..9), one game per size",
                   ["shape", "profiles", "coopgame", "growth", "enumpoly", "growth", "ratio"])
    shapes = [(2, 2, 2), (2, 2, 2, 2), (2, 2, 2, 2, 2), (3, 3, 3), (4, 4, 4)]
    if cfg.quick:
        shapes = shapes[:4]
    rng = np.random.default_rng(14)
    prev: dict[str, float | None] = {"ours": None, "gbt": None}
    series: dict[str, dict[str, float]] = {"coopgame support_polynomial": {}, "pygambit enumpoly_solve": {}}
    for shape in shapes:
        arrays = [rng.integers(-9, 10, size=shape) for _ in shape]
        game = cg.NormalFormGame(arrays, exact=True)
        g = gbt.Game.from_arrays(*[a.astype(object) for a in arrays])
        t_ours, t_gbt, _, _ = _side_by_side(game, g, cfg)
        label = "x".join(map(str, shape))
        grow_o = f"x{t_ours.median / prev['ours']:.1f}" if prev["ours"] else "-"
        grow_g = f"x{t_gbt.median / prev['gbt']:.1f}" if prev["gbt"] else "-"
        growth.add(label, int(np.prod(shape)), fmt_time(t_ours.median), grow_o, fmt_time(t_gbt.median), grow_g,
                   fmt_ratio(ratio(t_ours, t_gbt, "paired")))
        prev = {"ours": t_ours.median, "gbt": t_gbt.median}
        series["coopgame support_polynomial"][label] = t_ours.median
        series["pygambit enumpoly_solve"][label] = t_gbt.median
        data[f"random_{label}"] = {"coopgame": t_ours.as_dict(), "enumpoly": t_gbt.as_dict()}
    growth.notes.append("growth = time at this size / at the previous row's size; ratio as in the table above")
    report.tables.append(growth)
    report.data = data
    if cfg.figures_dir:
        import plots

        path = Path(cfg.figures_dir) / "bench_nplayer.png"
        fig, ax = plots.plt.subplots(figsize=(7, 4.3))
        names = [n[:-4] for n, with_gambit in FILES if with_gambit]
        xs = np.arange(len(names))
        ax.plot(xs, [data[n + ".nfg"]["coopgame"]["median"] for n in names], label="coopgame support_polynomial",
                **plots.STYLE["coopgame"])
        ax.plot(xs, [data[n + ".nfg"]["enumpoly"]["median"] for n in names], label="pygambit enumpoly_solve",
                **plots.STYLE["pygambit"])
        ax.set_xticks(xs)
        ax.set_xticklabels(names, rotation=30, fontsize=8)
        ax.set_ylabel("median time (s, log scale)")
        plots._finish(fig, ax, path, "All equilibria of Gambit's N-player example games", cfg.quick)
        report.figures.append(str(path))
    return report
