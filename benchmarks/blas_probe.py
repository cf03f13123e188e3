"""coopgame vs QuantEcon vertex enumeration in this process, under whatever BLAS threading it was started with.

Run by ``run.py --only blas_threads`` in subprocesses with and without
``OPENBLAS_NUM_THREADS=1`` to show how much of coopgame's time is OpenBLAS
multithreading on small matrix products (worker threads that spin after
each call compete with the solver for the machine's cores). Prints one JSON
object on stdout.

    python benchmarks/blas_probe.py SIZE GAMES ROUNDS
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers  # noqa: E402
from harness import measure_interleaved, ratio  # noqa: E402


def main(argv: list[str]) -> None:
    size, count, rounds = (int(a) for a in argv[:3])
    games = peers.random_bimatrices(size, count)
    cg = peers.coopgame_solver("vertex_enumeration")
    qe = peers.quantecon_vertex_enumeration
    cg(games[:1])
    qe(games[:1])
    timings, _ = measure_interleaved({"coopgame": (lambda: cg(games), 1, count),
                                      "quantecon": (lambda: qe(games), 1, count)}, repeat=rounds)
    print(json.dumps({k: t.as_dict() for k, t in timings.items()}
                     | {"ratio_median": ratio(timings["coopgame"], timings["quantecon"]),
                        "ratio_min": ratio(timings["coopgame"], timings["quantecon"], "min"),
                        "ratio_paired": ratio(timings["coopgame"], timings["quantecon"], "paired")}))


if __name__ == "__main__":
    main(sys.argv[1:])
