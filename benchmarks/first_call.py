"""Time a library's first solve in this (fresh) process: import, first call, second call.

Run by ``run.py`` in a subprocess, once with ``NUMBA_CACHE_DIR`` pointing to a
new, empty directory (cold cache: numba compiles) and once more with the same
directory (warm cache: numba loads the compiled kernel from disk). Prints
one JSON object on stdout.

    python benchmarks/first_call.py coopgame 10
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> None:
    lib, size = argv[0], int(argv[1])
    time.perf_counter()
    import numpy as np

    rng = np.random.default_rng([0, size, 0])
    A, B = rng.random((size, size)), rng.random((size, size))
    t1 = time.perf_counter()
    if lib == "coopgame":
        import coopgame as cg

        t2 = time.perf_counter()

        def solve():
            return len(cg.equilibria.vertex_enumeration(cg.NormalFormGame([A, B])))
    elif lib == "quantecon":
        from quantecon.game_theory import NormalFormGame, vertex_enumeration

        t2 = time.perf_counter()

        def solve():
            return len(vertex_enumeration(NormalFormGame(np.stack([A, B], axis=-1))))
    else:
        raise SystemExit(f"first_call.py: unknown library {lib!r}")
    first = time.perf_counter()
    count = solve()
    first = time.perf_counter() - first
    second = time.perf_counter()
    solve()
    second = time.perf_counter() - second
    print(json.dumps({"library": lib, "size": size, "import": t2 - t1, "first_call": first,
                      "second_call": second, "equilibria": count}))


if __name__ == "__main__":
    main(sys.argv[1:])
