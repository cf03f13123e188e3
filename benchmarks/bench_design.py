"""Time design() on an N-region public-goods game with a subsidy and a fine per region (issue 16).

Each region contributes c or free-rides; a contribution returns r c / N to
every region (1 < r < N), so free-riding is dominant. The coordinator may
subsidise each region's contribution (s_i, paid on the path) and fine each
region's free-riding (F_i, detected with probability rho_i, capped at a legal
maximum). design() finds the cheapest mix that makes full contribution a
Nash equilibrium, or dominant, exactly (Fractions) and in floats (HiGHS).
The peer is scipy's HiGHS on the same LP built by hand with numpy (the
closed form of this game's conditions), which skips the game machinery.

Run: .venv/bin/python benchmarks/bench_design.py [N]
In the harness: .venv/bin/python benchmarks/run.py --only design (no target: the issue asks for the times).
"""

from __future__ import annotations

import itertools
import sys
import time
from fractions import Fraction
from typing import Any

import numpy as np

import coopgame as cg
from coopgame.mechanisms import design


def public_goods(n: int = 10, r: Any = Fraction(3), c: Any = Fraction(2), exact: bool = True) -> cg.NormalFormGame:
    shape = (2,) * n
    arrays = [np.empty(shape, dtype=object) for _ in range(n)]
    for prof in itertools.product((0, 1), repeat=n):
        k = n - sum(prof)  # action 0 = contribute
        for i in range(n):
            arrays[i][prof] = r * c * k / n - (c if prof[i] == 0 else 0)
    if not exact:
        arrays = [a.astype(float) for a in arrays]
    return cg.NormalFormGame(arrays, exact=exact, actions=[["Contribute", "Free-ride"]] * n)


def instruments(n: int, exact: bool = True) -> list[Any]:
    rho = [Fraction(k % 4 + 1, 5) for k in range(n)] if exact else [(k % 4 + 1) / 5 for k in range(n)]
    return [cg.Subsidy(i, "Contribute", f"s{i}") for i in range(n)] + [
        cg.Penalty(i, "Free-ride", f"F{i}", detection=rho[i]) for i in range(n)]


def caps(n: int) -> dict[str, Any]:
    return {f"F{i}": 1 + (i % 3) for i in range(n)}


def run(n: int, exact: bool, concept: str) -> Any:
    return design(public_goods(n, exact=exact), ("Contribute",) * n, instruments(n, exact), concept, bounds=caps(n))


def by_hand(n: int, r: float = 3.0, c: float = 2.0) -> float:
    """The same LP from its closed form: s_i + rho_i F_i >= c (1 - r/N), 0 <= F_i <= cap_i; min sum s_i."""
    from scipy.optimize import linprog

    rho = np.array([(k % 4 + 1) / 5 for k in range(n)])
    cap = np.array([1 + (i % 3) for i in range(n)], dtype=float)
    A = np.hstack([-np.eye(n), -np.diag(rho)])
    b = -np.full(n, c * (1 - r / n))
    res = linprog(np.r_[np.ones(n), np.zeros(n)], A_ub=A, b_ub=b,
                  bounds=[(0, None)] * n + [(0, float(x)) for x in cap], method="highs")
    return float(res.fun)


def design_bench(cfg: Any) -> Any:
    """design() on a 10-region public-goods game with a subsidy and a fine per region (times reported)."""
    from harness import Report, Table, Target, fmt_time, measure

    report = Report("design")
    n = 10
    repeat = cfg.pick(3, 1)
    table = Table(f"design: {n}-region public-goods game (2^{n} profiles), a subsidy and a capped fine per region",
                  ["concept", "arithmetic", "min", "median", "result"])
    data: dict[str, Any] = {}
    first = None
    for concept in ("nash", "dominant"):
        for exact in (True, False):
            timing, res = measure(lambda: run(n, exact, concept), repeat=repeat, warmup=0)
            label = "exact (Fractions)" if exact else "float (HiGHS)"
            table.add(concept, label, fmt_time(timing.min), fmt_time(timing.median),
                      f"cost {float(res.cost):.4g}, {len(res.binding)} binding, verified {res.certificate.verified}")
            data[f"{concept}-{'exact' if exact else 'float'}"] = {"time": timing.as_dict(), "cost": float(res.cost)}
            if first is None:
                first = timing
    peer, value = measure(lambda: by_hand(n), repeat=repeat, warmup=1)
    table.add("nash", "scipy HiGHS on the hand-built LP (peer)", fmt_time(peer.min), fmt_time(peer.median),
              f"cost {value:.4g}")
    table.notes.append("design() builds the game's conditions from the payoff arrays (2^N profiles) and certifies "
                       "its answer; the peer starts from the closed form")
    report.tables.append(table)
    report.targets.append(Target(f"design: {n}-region public goods, exact, nash", first.median if first else None,
                                 None, kind="seconds", detail="no bound in the issue: the time is reported"))
    report.data = data
    return report


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    for concept in ("nash", "dominant"):
        for exact in (True, False):
            t0 = time.perf_counter()
            res = run(n, exact, concept)
            t1 = time.perf_counter()
            print(f"{n} regions, {concept}, {'exact' if exact else 'float'}: {t1 - t0:.3f} s, cost {res.cost}, "
                  f"verified {res.certificate.verified}")
    t0 = time.perf_counter()
    value = by_hand(n)
    print(f"hand-built LP with HiGHS: {time.perf_counter() - t0:.4f} s, cost {value:.6g}")


if __name__ == "__main__":
    main()
