"""Cooperative games and the coordinator's LP: Shapley value, nucleolus, correlated equilibrium.

- Shapley value, 20 players: ``TUGame`` construction + exact ``shapley_value``
  (integer worths, Fractions out; and float worths). No peer runs 2**20
  coalitions in reasonable time. Target: under 2 s.
- Shapley value, 16 players: vs tucoopy's exact ``shapley_value_fast``
  (Möbius transform) and ``shapley_value`` on the same float game, library
  game construction included. Target: ratio <= 1 against tucoopy's faster one.
- Shapley value, 9 players: vs coopgt's ``shapley_value.calculate`` (average
  over all 9! orders). Target: at least 1000x faster.
- Nucleolus, 16 players: vs tucoopy's ``nucleolus`` on the same game
  (``v(S) = 10 |S|^2 + noise``). Target: ratio <= 1. The two answers are
  compared by their sorted excess vectors (lexicographically smaller is the
  nucleolus).
- Correlated equilibrium of a 30x30 game (welfare objective): coopgame vs a
  plain dense ``linprog`` formulation written here. Target: under 2 s.

Run: .venv/bin/python benchmarks/run.py --only cooperative
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import peers
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


def _popcount(n: int) -> np.ndarray:
    pc = np.zeros(1, dtype=np.int64)
    for _ in range(n):
        pc = np.concatenate((pc, pc + 1))
    return pc


def random_worths(n: int, seed: int = 0, integer: bool = True) -> np.ndarray:
    """Worths ``10 |S|^2 + U{0..9}`` (imputations exist), indexed by bitmask."""
    rng = np.random.default_rng([seed, n])
    v = 10 * _popcount(n) ** 2 + rng.integers(0, 10, 1 << n)
    v[0] = 0
    return v if integer else v.astype(float)


def _tucoopy_game(v: np.ndarray) -> Any:
    from tucoopy import Game

    n = int(np.log2(v.size))
    return Game(n_players=n, v={m: float(x) for m, x in enumerate(v.tolist())})


def _sorted_excesses(v: np.ndarray, x: np.ndarray) -> np.ndarray:
    n = x.size
    masks = np.arange(1, (1 << n) - 1)
    A = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    return np.sort(v[masks].astype(float) - A @ x)[::-1]


def _lex_compare(a: np.ndarray, b: np.ndarray, tol: float = 1e-7) -> int:
    """-1 when excess vector a is lexicographically smaller (better), 1 when larger, 0 when equal."""
    for p, q in zip(a, b):
        if p < q - tol:
            return -1
        if p > q + tol:
            return 1
    return 0


def cooperative(cfg: Config) -> Report:
    """Shapley value (20 players; vs tucoopy at 16, coopgt at 9), nucleolus vs tucoopy (16), correlated eq. 30x30."""
    from coopgame.cooperative.tu_game import TUGame
    from coopgame.equilibria.correlated import correlated_equilibrium
    from coopgame.games.normal_form import NormalFormGame

    report = Report("cooperative")
    data: dict[str, Any] = {}
    repeat = cfg.pick(5, 2)

    # ---- Shapley, 20 players, no peer
    n = 20
    vi = random_worths(n)
    vf = vi.astype(float)
    t_int, phi = measure(lambda: TUGame(n, vi).shapley_value(), repeat=repeat)
    t_float, phi_f = measure(lambda: TUGame(n, vf).shapley_value(), repeat=repeat)
    efficient = sum(phi) == int(vi[-1])
    table = Table(f"Exact Shapley value, {n} players (2^{n} coalitions; no peer)", ["work", "min", "median", "check"])
    table.add("TUGame(int worths) + shapley_value (Fractions)", fmt_time(t_int.min), fmt_time(t_int.median),
              f"efficient exactly: {efficient}")
    table.add("TUGame(float worths) + shapley_value", fmt_time(t_float.min), fmt_time(t_float.median),
              f"max |float - exact| = {np.max(np.abs(phi_f - phi.astype(float))):.1e}")
    report.tables.append(table)
    data["shapley_20"] = {"exact": t_int.as_dict(), "float": t_float.as_dict(), "efficient": efficient}
    target = Target(f"cooperative: exact Shapley value, {n} players (build + solve)", t_int.median, 2.0,
                    kind="seconds", detail="integer worths, exact Fractions")
    if target.status == "FAIL":
        target.profile = profile_text(lambda: TUGame(n, vi).shapley_value())
    report.targets.append(target)

    # ---- Shapley, 16 players, vs tucoopy
    n = cfg.pick(16, 14)
    v16 = random_worths(n, integer=False)
    table = Table(f"Exact Shapley value, {n} players: coopgame vs tucoopy (same float game, construction included)",
                  ["library", "work", "min", "median", "max |diff|", "ratio coopgame/peer"])

    def cg16() -> np.ndarray:
        return TUGame(n, v16).shapley_value()

    cg16()
    r16 = None
    if peers.available("tucoopy"):
        from tucoopy.solutions.shapley import shapley_value, shapley_value_fast

        def tc_fast() -> list[float]:
            return shapley_value_fast(_tucoopy_game(v16))

        def tc_plain() -> list[float]:
            return shapley_value(_tucoopy_game(v16))

        tc_fast()
        timings, results = measure_interleaved({"cg": (cg16, 5, 1), "fast": (tc_fast, 1, 1), "plain": (tc_plain, 1, 1)},
                                               repeat=cfg.pick(3, 1))
        ours = results["cg"]
        table.add("coopgame", "TUGame + shapley_value", fmt_time(timings["cg"].min), fmt_time(timings["cg"].median),
                  "-", "-")
        best_peer = min(("fast", "plain"), key=lambda k: timings[k].median)
        for key, name in (("fast", "Game + shapley_value_fast"), ("plain", "Game + shapley_value")):
            diff = float(np.max(np.abs(np.asarray(results[key]) - ours)))
            table.add("tucoopy", name, fmt_time(timings[key].min), fmt_time(timings[key].median), f"{diff:.1e}",
                      fmt_ratio(ratio(timings["cg"], timings[key])))
        r16 = ratio(timings["cg"], timings[best_peer])
        data["shapley_16"] = {k: t.as_dict() for k, t in timings.items()}
        data["shapley_16"]["ratio_vs_fastest"] = r16
    else:
        table.notes.append("tucoopy is not installed: no comparison")
    report.tables.append(table)
    report.targets.append(Target(f"cooperative: Shapley value, {n} players, coopgame / tucoopy (faster exact method)",
                                 r16, 1.0, detail="ratio of medians"))

    # ---- Shapley, 9 players, vs coopgt (all 9! orders)
    n = cfg.pick(9, 8)
    v9 = random_worths(n, integer=False)
    table = Table(f"Exact Shapley value, {n} players: coopgame vs coopgt (average over all {n}! orders)",
                  ["library", "work", "min", "median", "max |diff|", "ratio coopgame/peer"])

    def cg9() -> np.ndarray:
        return TUGame(n, v9).shapley_value()

    t_cg9, phi9 = measure(cg9, repeat=cfg.pick(20, 5))
    table.add("coopgame", "TUGame + shapley_value", fmt_time(t_cg9.min), fmt_time(t_cg9.median), "-", "-")
    r9 = None
    if peers.available("coopgt"):
        from coopgt import shapley_value as cgt

        def coopgt9() -> np.ndarray:
            cf = {}
            for m in range(1 << n):
                cf[tuple(i + 1 for i in range(n) if (m >> i) & 1)] = float(v9[m])
            return cgt.calculate(cf, n)

        t_gt, phi_gt = measure(coopgt9, repeat=1, warmup=0)
        r9 = ratio(t_cg9, t_gt)
        table.add("coopgt", "dict + shapley_value.calculate", fmt_time(t_gt.min), fmt_time(t_gt.median),
                  f"{float(np.max(np.abs(np.asarray(phi_gt) - phi9))):.1e}", fmt_ratio(r9))
        data["shapley_9"] = {"coopgame": t_cg9.as_dict(), "coopgt": t_gt.as_dict(), "ratio": r9}
    else:
        table.notes.append("coopgt is not installed: no comparison")
    report.tables.append(table)
    report.targets.append(Target(f"cooperative: Shapley value, {n} players, coopgame / coopgt", r9, 1e-3,
                                 detail="ratio of medians"))

    # ---- nucleolus vs tucoopy
    n = cfg.pick(16, 12)
    vn = random_worths(n)
    table = Table(f"Nucleolus, {n} players (v(S) = 10|S|^2 + noise): coopgame vs tucoopy",
                  ["library", "work", "min", "median", "result", "ratio coopgame/peer"])

    def cg_nuc_float() -> np.ndarray:
        return TUGame(n, vn.astype(float)).nucleolus()

    def cg_nuc_exact() -> np.ndarray:
        return TUGame(n, vn).nucleolus()

    t_nf, x_f = measure(cg_nuc_float, repeat=cfg.pick(3, 1))
    t_ne, x_e = measure(cg_nuc_exact, repeat=cfg.pick(3, 1))
    exc_cg = _sorted_excesses(vn, x_e.astype(float))
    table.add("coopgame", "TUGame(float) + nucleolus", fmt_time(t_nf.min), fmt_time(t_nf.median),
              f"max excess {exc_cg[0]:.4g}", "-")
    table.add("coopgame", "TUGame(int) + nucleolus (exact Fractions)", fmt_time(t_ne.min), fmt_time(t_ne.median),
              f"exact = float: {bool(np.allclose(x_e.astype(float), x_f, atol=1e-6))}", "-")
    rn = None
    data["nucleolus"] = {"coopgame_float": t_nf.as_dict(), "coopgame_exact": t_ne.as_dict()}
    if peers.available("tucoopy"):
        from tucoopy.solutions.nucleolus import nucleolus as tc_nucleolus

        def tc_nuc() -> np.ndarray:
            return np.asarray(tc_nucleolus(_tucoopy_game(vn.astype(float))).x, dtype=float)

        t_tc, x_tc = measure(tc_nuc, repeat=1, warmup=0)
        cmp = _lex_compare(exc_cg, _sorted_excesses(vn, x_tc))
        verdict = {0: "same nucleolus", -1: "DIFFERENT: coopgame's excesses are lexicographically smaller",
                   1: "DIFFERENT: tucoopy's excesses are lexicographically smaller"}[cmp]
        rn = ratio(t_nf, t_tc)
        table.add("tucoopy", "Game + nucleolus", fmt_time(t_tc.min), fmt_time(t_tc.median), verdict, fmt_ratio(rn))
        table.notes.append("ratio: coopgame float nucleolus / tucoopy nucleolus (both in floats)")
        data["nucleolus"].update({"tucoopy": t_tc.as_dict(), "ratio": rn, "comparison": verdict})
    else:
        table.notes.append("tucoopy is not installed: no comparison")
    report.tables.append(table)
    target = Target(f"cooperative: nucleolus, {n} players, coopgame / tucoopy", rn, 1.0, detail="float games")
    if target.status == "FAIL":
        target.profile = profile_text(cg_nuc_float)
    report.targets.append(target)

    # ---- correlated equilibrium 30x30
    size = 30
    rng = np.random.default_rng([7, size])
    A, B = rng.random((size, size)), rng.random((size, size))
    game = NormalFormGame([A, B])

    def cg_ce() -> Any:
        return correlated_equilibrium(NormalFormGame([A, B]), "welfare")

    def plain_ce() -> float:
        return _plain_linprog_welfare(A, B)

    cg_ce()
    timings, results = measure_interleaved({"cg": (cg_ce, 3, 1), "plain": (plain_ce, 1, 1)}, repeat=cfg.pick(3, 1))
    ce = results["cg"]
    table = Table(f"Welfare-best correlated equilibrium, {size}x{size} random game", ["work", "min", "median", "result",
                                                                                     "ratio coopgame/plain"])
    table.add("coopgame correlated_equilibrium (sparse HiGHS + vertex polish)", fmt_time(timings["cg"].min),
              fmt_time(timings["cg"].median), f"welfare {ce.welfare:.6f}, regret {ce.max_regret():.1e}", "-")
    table.add("plain dense linprog (this file)", fmt_time(timings["plain"].min), fmt_time(timings["plain"].median),
              f"welfare {results['plain']:.6f}", fmt_ratio(ratio(timings["cg"], timings["plain"])))
    report.tables.append(table)
    data["correlated_30"] = {"coopgame": timings["cg"].as_dict(), "plain": timings["plain"].as_dict(),
                             "welfare": ce.welfare, "plain_welfare": results["plain"],
                             "regret_over_tolerance": float(ce.max_regret()) / game.tolerance}
    target = Target(f"cooperative: correlated equilibrium of a {size}x{size} game", timings["cg"].median, 2.0,
                    kind="seconds")
    if target.status == "FAIL":
        target.profile = profile_text(cg_ce)
    report.targets.append(target)
    report.data = data
    return report


def _plain_linprog_welfare(A: np.ndarray, B: np.ndarray) -> float:
    """The coordinator's LP built densely, row by row, solved by scipy's default linprog."""
    from scipy.optimize import linprog

    m, k = A.shape
    rows = []
    for a, b in itertools.permutations(range(m), 2):  # row player told a, considers b
        row = np.zeros((m, k))
        row[a, :] = A[b, :] - A[a, :]
        rows.append(row.ravel())
    for a, b in itertools.permutations(range(k), 2):  # column player
        row = np.zeros((m, k))
        row[:, a] = B[:, b] - B[:, a]
        rows.append(row.ravel())
    res = linprog(-(A + B).ravel(), A_ub=np.array(rows), b_ub=np.zeros(len(rows)), A_eq=np.ones((1, m * k)),
                  b_eq=[1.0], bounds=(0, None))
    return -float(res.fun)
