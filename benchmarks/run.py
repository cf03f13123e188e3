"""coopgame benchmarks: the same work timed in coopgame and in its peers, printed as ratios.

    .venv/bin/python benchmarks/run.py                 # everything (a few minutes)
    .venv/bin/python benchmarks/run.py --quick         # short run, fewer games and repeats
    .venv/bin/python benchmarks/run.py --only pure     # one benchmark (repeat --only for more)
    .venv/bin/python benchmarks/run.py --list

Each benchmark prints a table per case: coopgame's time, each peer's time on
the same games in the same run, and the ratio coopgame/peer (below 1 means
coopgame is faster). Times are min and median over repeats: the median is
what ratios use, the min is the least disturbed by other load on the machine.
A summary checks the issue's targets (PASS/FAIL) and, for a failed target,
prints where coopgame spends its time (cProfile). Everything is also written
to ``benchmarks/results/latest.json`` (git-ignored).

Timing is not part of the test suite: tests check correctness, this reports speed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_continuous  # noqa: E402
import bench_cooperative  # noqa: E402
import bench_design  # noqa: E402
import bench_differential  # noqa: E402
import bench_dynamics  # noqa: E402
import bench_finite  # noqa: E402
import bench_networks  # noqa: E402
import bench_nplayer  # noqa: E402
import bench_pure  # noqa: E402
import bench_stackelberg  # noqa: E402
import bench_sweep  # noqa: E402
import bench_symbolic  # noqa: E402
import bench_symmetric  # noqa: E402
import bench_two_player  # noqa: E402
import peers  # noqa: E402
from harness import Config, Report, Table  # noqa: E402

BENCHMARKS: dict[str, Callable[[Config], Report]] = {
    "two_player": bench_two_player.two_player,
    "first_call": bench_two_player.first_call,
    "support": bench_two_player.support,
    "pure": bench_pure.pure,
    "pure_scaling": bench_pure.pure_scaling,
    "vertex_scaling": bench_two_player.vertex_scaling,
    "blas_threads": bench_two_player.blas_threads,
    "lrsnash": bench_two_player.lrsnash,
    "symbolic": bench_symbolic.symbolic,
    "continuous": bench_continuous.continuous,
    "symmetric": bench_symmetric.symmetric,
    "cooperative": bench_cooperative.cooperative,
    "networks": bench_networks.networks,
    "nplayer": bench_nplayer.nplayer,
    "stackelberg": bench_stackelberg.stackelberg_bench,
    "design": bench_design.design_bench,
    "differential": bench_differential.differential,
    "finite": bench_finite.finite,
    "dynamics": bench_dynamics.dynamics,
    "sweep_game": bench_sweep.sweep_game,
    "sweep_cluster": bench_sweep.sweep_cluster,
}


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def environment() -> dict[str, object]:
    import coopgame

    env = {
        "date": _dt.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": _cpu(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "coopgame": coopgame.__version__,
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "coopgame_path": str(Path(coopgame.__file__).resolve().parent),
    }
    # whether the coopgame being timed differs from the commit: only known when it is this checkout's
    in_checkout = Path(coopgame.__file__).resolve().parent == ROOT / "coopgame"
    env["coopgame_tree_modified"] = bool(_git("status", "--porcelain", "--", "coopgame")) if in_checkout else None
    if not in_checkout:  # a snapshot (see README.md): its commit is in a file COMMIT beside the package, if anywhere
        stamp = Path(coopgame.__file__).resolve().parent.parent / "COMMIT"
        env["git_commit"] = (stamp.read_text().strip() if stamp.is_file()
                             else f"unknown; this checkout is at {env['git_commit']}")
    for mod in ("numpy", "scipy", "numba", "sympy", "quantecon", "nashpy", "pygambit"):
        env[mod] = peers.version(mod)
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "NUMBA_CACHE_DIR", "OMP_NUM_THREADS"):
        if var in os.environ:
            env[var] = os.environ[var]
    return env


def summary(reports: list[Report]) -> Table:
    table = Table("Summary: the issue's targets", ["target", "measured", "required", "result", "detail"])
    for rep in reports:
        for tgt in rep.targets:
            table.add(tgt.name, tgt.measured_text(), tgt.bound_text(), tgt.status, tgt.detail)
    table.notes.append("ratios are coopgame/peer on the same games in this run (speed-up in brackets)")
    return table


def _load(value: object) -> str:
    return "?" if not value else "(" + ", ".join(f"{x:.2f}" for x in value) + ")"


def markdown(reports: list[Report], env: dict[str, object]) -> str:
    parts = [f"Measured {env['date']} on {env['cpu']} ({env['cpus']} cores), Python {env['python']}, "
             f"coopgame {env['coopgame']} (commit {env['git_commit']}"
             f"{'' if env['coopgame_tree_modified'] is not None else ', imported from ' + str(env['coopgame_path'])}), numpy {env['numpy']}, numba {env['numba']}, "
             f"sympy {env['sympy']}, QuantEcon {env['quantecon']}, Nashpy {env['nashpy']}, pygambit {env['pygambit']}. "
             f"Load average (1, 5, 15 min): {_load(env.get('load_average'))} at the start, "
             f"{_load(env.get('load_average_end'))} at the end.", ""]
    if env.get("load_after"):
        parts += ["Load average (1 min) after each benchmark: "
                  + ", ".join(f"{k} {v[0]:.2f}" for k, v in env["load_after"].items()) + ".", ""]
    for rep in reports:
        for t in rep.tables:
            parts += [t.markdown(), ""]
    parts += [summary(reports).markdown(), ""]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer games, sizes and repeats (about a minute)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help=f"run only these benchmarks (repeat or comma-separate): {', '.join(BENCHMARKS)}")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--figures", metavar="DIR", default=None,
                        help="where the scaling plots go (default docs/_static for a full run, "
                             "benchmarks/results for --quick, so a quick run never replaces the published figures)")
    parser.add_argument("--no-figures", action="store_true", help="do not draw the scaling plots")
    parser.add_argument("--json", metavar="PATH", default=str(HERE / "results" / "latest.json"))
    parser.add_argument("--markdown", metavar="PATH", default=None,
                        help="also write every table as Markdown (for docs/explanation/performance.md)")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target fails")
    args = parser.parse_args(argv)

    if args.list:
        for name, fn in BENCHMARKS.items():
            print(f"{name:15s} {(fn.__doc__ or '').strip().splitlines()[0]}")
        return 0
    names = list(BENCHMARKS)
    if args.only:
        names = [n.strip() for item in args.only for n in item.split(",") if n.strip()]
        unknown = [n for n in names if n not in BENCHMARKS]
        if unknown:
            parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    figures = None
    if not args.no_figures:
        figures = args.figures or str(HERE / "results" if args.quick else ROOT / "docs" / "_static")
    cfg = Config(quick=args.quick, figures_dir=figures)

    warnings.filterwarnings("ignore", category=RuntimeWarning, module="nashpy")
    env = environment()
    print(f"coopgame {env['coopgame']} (commit {env['git_commit']}"
          f"{', coopgame/ modified in the working tree' if env['coopgame_tree_modified'] else ''}"
          f"{'' if env['coopgame_tree_modified'] is not None else ', imported from ' + str(env['coopgame_path'])}) | "
          f"numpy {env['numpy']} numba {env['numba']} | QuantEcon {env['quantecon']} Nashpy {env['nashpy']} "
          f"pygambit {env['pygambit']} | {env['cpu']}, {env['cpus']} cores, load {env['load_average']}")
    print("mode:", "quick" if args.quick else "full", "| benchmarks:", ", ".join(names), "\n", flush=True)

    reports: list[Report] = []
    durations: dict[str, float] = {}
    for name in names:
        t0 = time.perf_counter()
        rep = BENCHMARKS[name](cfg)
        durations[name] = time.perf_counter() - t0
        if hasattr(os, "getloadavg"):
            env.setdefault("load_after", {})[name] = os.getloadavg()
        reports.append(rep)
        for table in rep.tables:
            print(table.render(), "\n", flush=True)
        for fig in rep.figures:
            print(f"figure written: {fig}\n", flush=True)

    summ = summary(reports)
    if args.quick:
        summ.notes.append("--quick run: few games and rounds, so ratios near a bound can flip either way; "
                          "judge the targets on a full run")
    if summ.rows:
        print(summ.render(), "\n")
    failed = [t for r in reports for t in r.targets if t.status == "FAIL"]
    for tgt in failed:
        if tgt.profile:
            print(f"Where coopgame spends its time for the failed target: {tgt.name}\n{tgt.profile}")
    env["load_average_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    out = {"environment": env, "mode": "quick" if args.quick else "full", "durations": durations,
           "summary": summ.as_dict(), "benchmarks": {r.name: r.as_dict() for r in reports}}
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=1, default=str))
    print(f"results written: {path}")
    if args.markdown:
        Path(args.markdown).write_text(markdown(reports, env))
        print(f"markdown written: {args.markdown}")
    print(f"total time {sum(durations.values()):.0f} s; load average {_load(env['load_average'])} at the start, "
          f"{_load(env['load_average_end'])} at the end")
    return 1 if (args.strict and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
