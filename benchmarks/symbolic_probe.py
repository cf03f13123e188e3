"""First symbolic calls in this (fresh) process: import, building the game, lambdify or threshold.

Run by ``run.py --only symbolic`` in subprocesses, one per piece of work, so
that each first call pays what a user's script pays (sympy's lazy imports,
its empty cache, the first touch of freshly allocated memory). Prints one
JSON object on stdout.

    python benchmarks/symbolic_probe.py lambdify 1000000
    python benchmarks/symbolic_probe.py threshold nash
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str]) -> None:
    what = argv[0]
    t0 = time.perf_counter()
    import coopgame as cg  # noqa: F401

    t1 = time.perf_counter()
    import bench_symbolic

    game = bench_symbolic.fined_prisoners_dilemma()
    t2 = time.perf_counter()
    out: dict[str, object] = {"what": what, "import": t1 - t0, "build_game": t2 - t1}
    if what == "lambdify":
        points = bench_symbolic.random_points(game, int(argv[1]))
        t = time.perf_counter()
        func = game.lambdify()
        out["lambdify_build"] = time.perf_counter() - t
        t = time.perf_counter()
        func(**points)
        out["first_call"] = time.perf_counter() - t
        t = time.perf_counter()
        func(**points)
        out["second_call"] = time.perf_counter() - t
    elif what == "threshold":
        concept = argv[1]
        t = time.perf_counter()
        bench_symbolic.threshold_of(game, concept)
        out["first_call"] = time.perf_counter() - t
        t = time.perf_counter()
        bench_symbolic.threshold_of(game, concept)
        out["second_call"] = time.perf_counter() - t
    else:
        raise SystemExit(f"symbolic_probe.py: unknown work {what!r}")
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
