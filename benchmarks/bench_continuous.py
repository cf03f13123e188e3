"""Time a 50-region Maler-style transboundary emissions game (ContinuousGame).

W_i = b_i e_i - (c_i/2) e_i^2 - (d_i/2) (sum_j a_ij e_j)^2, e_i in [0, 100],
with a random transport matrix A (row sums <= 1, diagonal share alpha).
Prints the time to build the game (sympy expressions, user side), to find the Nash equilibrium (auto), the
cooperative optimum, and to check the equilibrium by unilateral deviations.

Run: .venv/bin/python benchmarks/bench_continuous.py [N]
In the harness: .venv/bin/python benchmarks/run.py --only continuous (target: the Nash equilibrium of the
50-region quadratic game in under 1 s, compiling the game's payoffs included, building its sympy
expressions not).
"""

from __future__ import annotations

import sys
import time
from typing import Any

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


def continuous(cfg: Any) -> Any:
    """A 50-region transboundary emissions game (ContinuousGame): Nash equilibrium in under 1 s."""
    from harness import Report, Table, Target, fmt_time, measure, profile_text

    report = Report("continuous")
    n = 50
    repeat = cfg.pick(5, 2)
    table = Table(f"Continuous game: {n}-region Maler emissions game, e_i in [0, 100] (no peer: timed alone)",
                  ["damage", "work", "min", "median", "result"])
    data: dict[str, Any] = {}
    nash_quadratic = None
    for quadratic in (True, False):
        kind = "quadratic" if quadratic else "linear"
        # the compiled payoffs are cached on the game, so every timed solve gets a freshly built game
        build, _ = measure(lambda: maler_game(n, quadratic=quadratic), repeat=1, warmup=0)
        fresh = [maler_game(n, quadratic=quadratic) for _ in range(repeat + 2)]
        it = iter(fresh)
        nash, eq = measure(lambda: continuous_equilibrium(next(it)), repeat=repeat, warmup=1)
        opt_games = iter([maler_game(n, quadratic=quadratic) for _ in range(cfg.pick(3, 1))])
        optimum, opt = measure(lambda: cooperative_optimum(next(opt_games)), repeat=cfg.pick(3, 1), warmup=0)
        check, gain = measure(lambda: eq.max_gain(), repeat=1, warmup=0)  # first call: the result is cached
        table.add(kind, "build the game (sympy expressions, user side)", fmt_time(build.min), fmt_time(build.median), "")
        table.add(kind, "continuous_equilibrium (fresh game: compile + solve)", fmt_time(nash.min),
                  fmt_time(nash.median), f"method {eq.method}, sum e = {sum(eq.strategies):.2f}")
        table.add(kind, "cooperative_optimum (fresh game)", fmt_time(optimum.min), fmt_time(optimum.median),
                  f"sum e = {sum(opt.strategies):.2f}")
        table.add(kind, "check: max unilateral gain (first call)", fmt_time(check.min), fmt_time(check.median), f"{gain:.2e}")
        data[kind] = {"build": build.as_dict(), "nash": nash.as_dict(), "optimum": optimum.as_dict(),
                      "check": check.as_dict(), "method": eq.method, "max_gain": float(gain),
                      "nash_total": float(sum(eq.strategies)), "optimum_total": float(sum(opt.strategies))}
        if quadratic:
            nash_quadratic = nash
    table.notes.append("the Nash equilibrium over-emits relative to the cooperative optimum (sum e Nash > optimum)")
    report.tables.append(table)
    target = Target(f"continuous: Nash equilibrium, {n}-region quadratic emissions game", nash_quadratic.median,
                    1.0, kind="seconds", detail="continuous_equilibrium on a freshly built game (compile + solve)")
    if target.status == "FAIL":
        target.profile = profile_text(lambda: continuous_equilibrium(maler_game(n)))
    report.targets.append(target)
    report.data = data
    return report


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
