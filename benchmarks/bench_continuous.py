"""Time a 50-region Maler-style transboundary emissions game (ContinuousGame).

W_i = b_i e_i - (c_i/2) e_i^2 - (d_i/2) (sum_j a_ij e_j)^2, e_i in [0, 100],
with a random transport matrix A (row sums <= 1, diagonal share alpha).
Prints the time to build the game (sympy expressions, user side), to find the Nash equilibrium (auto), the
cooperative optimum, and to check the equilibrium by unilateral deviations.

Run: .venv/bin/python benchmarks/bench_continuous.py [N]
"""

from __future__ import annotations

import sys
import time

import numpy as np
import sympy

from coopgame.equilibria.continuous import continuous_equilibrium, cooperative_optimum
from coopgame.games.continuous import ContinuousGame


def transport_matrix(n: int, alpha: float, rng: np.random.Generator) -> np.ndarray:
    off = rng.random((n, n))
    np.fill_diagonal(off, 0.0)
    off *= (1 - alpha) * rng.uniform(0.5, 1.0, size=(n, 1)) / off.sum(axis=1, keepdims=True)
    return off + alpha * np.eye(n)


def maler_game(n: int = 50, alpha: float = 0.5, quadratic: bool = True, seed: int = 0) -> ContinuousGame:
    rng = np.random.default_rng(seed)
    A = transport_matrix(n, alpha, rng)
    b, c, d = rng.uniform(5, 10, n), rng.uniform(0.5, 2, n), rng.uniform(0.05, 0.5, n)
    e = sympy.symbols(f"e0:{n}", real=True)
    dep = [sympy.Add(*[float(A[i, j]) * e[j] for j in range(n)]) for i in range(n)]
    if quadratic:
        damage = [(float(d[i]) / 2) * dep[i] ** 2 for i in range(n)]
    else:
        damage = [sympy.Add(*[float(d[i] * A[i, j]) * e[j] for j in range(n)]) for i in range(n)]
    pay = [float(b[i]) * e[i] - float(c[i]) / 2 * e[i] ** 2 - damage[i] for i in range(n)]
    return ContinuousGame(pay, e, [(0, 100)] * n)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    for quadratic in (True, False):
        t0 = time.perf_counter()
        game = maler_game(n, quadratic=quadratic)
        t1 = time.perf_counter()
        eq = continuous_equilibrium(game)
        t2 = time.perf_counter()
        opt = cooperative_optimum(game)
        t3 = time.perf_counter()
        gain = eq.max_gain()
        t4 = time.perf_counter()
        kind = "quadratic" if quadratic else "linear"
        print(f"{n}-region Maler game, {kind} damage: build {t1 - t0:.3f} s, Nash ({eq.method}) {t2 - t1:.3f} s, "
              f"optimum {t3 - t2:.3f} s, check {t4 - t3:.3f} s (max gain {gain:.2e}); "
              f"solve total {t3 - t1:.3f} s; sum e Nash {sum(eq.strategies):.2f} > optimum {sum(opt.strategies):.2f}")


if __name__ == "__main__":
    main()
