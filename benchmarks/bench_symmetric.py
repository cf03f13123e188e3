"""Symmetric (anonymous) games: a threshold public-goods game with thousands of players, and vs pygambit.

The game (a volunteer's dilemma generalised to a threshold ``m``): each of
``N`` regions contributes (cost ``c``) or keeps; the common good, worth ``b``
to every region, is produced when at least ``m = N // 2`` regions contribute.

- 5,000 players: ``cg.SymmetricGame`` construction and ``cg.mixed_equilibria``
  (all symmetric equilibria, interior and pure); no peer can hold the
  ``2 ** 5000``-profile normal form. Target: under 1 s.
- 14 players: coopgame's pure equilibria of the SymmetricGame (count
  profiles: how many contribute) vs pygambit ``enumpure_solve`` on the full
  ``2 ** 14``-profile normal form (``game.to_normal_form()``), which lists
  every profile. The equilibria are checked to agree: each count profile
  with ``k`` contributors stands for ``C(N, k)`` profiles.

Run: .venv/bin/python benchmarks/run.py --only symmetric
"""

from __future__ import annotations

import math
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

ACTIONS = ("Contribute", "Keep")


def threshold_game(n: int, b: float = 100, c: float = 1, m: int | None = None):
    """The threshold public-goods game as a ``cg.SymmetricGame`` (float payoffs)."""
    import coopgame as cg

    m = n // 2 if m is None else m

    def payoff(own: int, counts: tuple[int, ...]) -> float:
        contributors = counts[0] + (own == 0)
        return (b if contributors >= m else 0) - (c if own == 0 else 0)
    return cg.SymmetricGame(n, list(ACTIONS), payoff, exact=False)


def _cg_build_mixed(n: int):
    import coopgame as cg

    return lambda: cg.mixed_equilibria(threshold_game(n))


def _contributors(eq: Any) -> int:
    return int(eq.counts[0])


def symmetric(cfg: Config) -> Report:
    """Symmetric equilibria of a 5,000-player threshold public-goods game (< 1 s); 14 players vs pygambit (pure)."""
    import coopgame as cg

    report = Report("symmetric")
    data: dict[str, Any] = {}

    # ---- 5,000 players: all symmetric equilibria
    n = 5000
    repeat = cfg.pick(7, 3)
    build, game = measure(lambda: threshold_game(n), repeat=repeat)
    solve, eqs = measure(lambda: cg.mixed_equilibria(game), repeat=repeat)
    both, _ = measure(_cg_build_mixed(n), repeat=repeat)
    pure_t, pure_eqs = measure(lambda: cg.pure_equilibria(game), repeat=repeat)
    regret = max(float(eq.max_regret()) if callable(getattr(eq, "max_regret", None)) else float(eq.max_regret)
                 for eq in eqs)
    table = Table(f"Symmetric game: threshold public goods, {n} players x 2 actions (m = {n // 2}, b = 100, c = 1; "
                  "no peer: the normal form has 2^5000 profiles)", ["work", "min", "median", "result"])
    table.add("SymmetricGame(...) construction (payoff called 2 x 5000 times)", fmt_time(build.min),
              fmt_time(build.median), f"{len(game.count_vectors)} count vectors")
    table.add("mixed_equilibria (symmetric equilibria)", fmt_time(solve.min), fmt_time(solve.median),
              "; ".join(f"p(Contribute) = {float(eq.strategy[0]):.6g}" for eq in eqs))
    table.add("construction + mixed_equilibria", fmt_time(both.min), fmt_time(both.median),
              f"{len(eqs)} equilibria, max regret {regret:.1e}")
    table.add("pure_equilibria (count profiles)", fmt_time(pure_t.min), fmt_time(pure_t.median),
              "; ".join(f"{_contributors(eq)} contribute" for eq in pure_eqs))
    report.tables.append(table)
    data["5000"] = {"build": build.as_dict(), "mixed": solve.as_dict(), "build_mixed": both.as_dict(),
                    "pure": pure_t.as_dict(), "equilibria": [float(eq.strategy[0]) for eq in eqs],
                    "max_regret": regret, "pure_contributors": [_contributors(eq) for eq in pure_eqs]}
    target = Target(f"symmetric: symmetric equilibria, {n}-player threshold game", both.median, 1.0,
                    kind="seconds", detail="SymmetricGame construction + mixed_equilibria")
    if target.status == "FAIL":
        target.profile = profile_text(_cg_build_mixed(n))
    report.targets.append(target)

    # ---- 14 players: pure equilibria vs pygambit on the full normal form
    n = 14
    small = threshold_game(n)
    arrays = [np.asarray(a, dtype=float) for a in small.to_normal_form().float_payoffs]
    table = Table(f"Pure equilibria, threshold public goods, {n} players x 2 actions (m = {n // 2}): "
                  f"SymmetricGame vs pygambit enumpure_solve on the {2 ** n}-profile normal form",
                  ["library", "work", "min", "median", "equilibria found", "ratio coopgame/peer"])

    def cg_work() -> list[int]:
        return sorted(_contributors(eq) for eq in cg.pure_equilibria(threshold_game(n)))

    def cg_solve() -> list[int]:
        return sorted(_contributors(eq) for eq in cg.pure_equilibria(small))

    nf = small.to_normal_form()
    cg_nf, nf_eqs = measure(lambda: cg.pure_equilibria(nf), repeat=cfg.pick(5, 2))
    have_gambit = peers.available("pygambit")
    if have_gambit:
        import pygambit as gbt

        def g_work() -> list[tuple[int, ...]]:
            g = peers.gambit_table_outcomes(arrays)
            return _gbt_profiles(gbt.nash.enumpure_solve(g), g)

        g_game = peers.gambit_table_outcomes(arrays)

        def g_solve() -> int:
            return len(gbt.nash.enumpure_solve(g_game).equilibria)

        cg_work(), g_solve()
        timings, found = measure_interleaved({"cg": (cg_work, cfg.pick(7, 3), 1), "gbt": (g_work, 1, 1)},
                                             repeat=cfg.pick(3, 1))
        cg_all, g_all = timings["cg"], timings["gbt"]
        timings, _ = measure_interleaved({"cg": (cg_solve, cfg.pick(7, 3), 1), "gbt": (g_solve, 1, 1)},
                                         repeat=cfg.pick(3, 1))
        cg_only, g_only = timings["cg"], timings["gbt"]
        counts, g_profiles = found["cg"], found["gbt"]
    else:
        cg_all, counts = measure(cg_work, repeat=cfg.pick(7, 3))
        cg_only, _ = measure(cg_solve, repeat=cfg.pick(7, 3))
    expanded = sum(math.comb(n, k) for k in counts)
    cg_text = f"{len(counts)} count profiles ({', '.join(f'{k} contribute' for k in counts)}) = {expanded} profiles"
    table.add("coopgame", "SymmetricGame(...) + pure_equilibria", fmt_time(cg_all.min), fmt_time(cg_all.median),
              cg_text, "-")
    table.add("coopgame", "pure_equilibria (SymmetricGame built)", fmt_time(cg_only.min), fmt_time(cg_only.median),
              "", "-")
    table.add("coopgame", "pure_equilibria on to_normal_form() (NormalFormGame built)", fmt_time(cg_nf.min),
              fmt_time(cg_nf.median), f"{len(nf_eqs)} profiles", "-")
    data["14"] = {"coopgame_build_solve": cg_all.as_dict(), "coopgame_solve": cg_only.as_dict(),
                  "coopgame_normal_form": cg_nf.as_dict(), "coopgame_counts": counts,
                  "coopgame_profiles_expanded": expanded, "coopgame_normal_form_profiles": len(nf_eqs)}
    r_all = r_only = None
    if have_gambit:
        g_counts = sorted({n - sum(p) for p in g_profiles})  # action index 0 = Contribute
        same = len(g_profiles) == expanded == len(nf_eqs) and g_counts == sorted(set(counts))
        r_all, r_only = ratio(cg_all, g_all), ratio(cg_only, g_only)
        r_nf = ratio(cg_nf, g_only)
        table.add("pygambit", "new_table + outcomes + enumpure_solve", fmt_time(g_all.min), fmt_time(g_all.median),
                  f"{len(g_profiles)} profiles" + ("" if same else " (DIFFERENT from coopgame)"), fmt_ratio(r_all))
        table.add("pygambit", "enumpure_solve (game built)", fmt_time(g_only.min), fmt_time(g_only.median), "",
                  fmt_ratio(r_only))
        table.notes.append(f"coopgame pure_equilibria on the normal form / pygambit enumpure_solve: {fmt_ratio(r_nf)}")
        data["14"].update({"gambit_build_solve": g_all.as_dict(), "gambit_solve": g_only.as_dict(),
                           "gambit_profiles": len(g_profiles), "same_equilibria": same, "ratio_build_solve": r_all,
                           "ratio_solve_only": r_only, "ratio_normal_form_solve_only": r_nf})
    else:
        table.notes.append("pygambit is not installed: no comparison")
    table.notes.append("coopgame lists count profiles (how many play each action: one per equilibrium class), "
                       "pygambit lists every profile (C(N, k) per count profile with k contributors); "
                       "the ratios compare the time to the same set of equilibria in these two forms")
    table.notes.append("pygambit's mixed solvers for N players are not exhaustive (enummixed is two-player only), "
                       "so only pure equilibria are compared")
    report.tables.append(table)
    report.targets.append(Target(f"symmetric: pure equilibria, {n} players, coopgame SymmetricGame / pygambit "
                                 "normal form (build + solve)", r_all, None,
                                 detail="count profiles vs all profiles; informational"))
    report.data = data
    return report


def _gbt_profiles(result: Any, game: Any) -> list[tuple[int, ...]]:
    out = []
    for eq in result.equilibria:
        out.append(tuple(int(np.argmax([float(eq[s]) for s in p.strategies])) for p in game.players))
    return sorted(out)
