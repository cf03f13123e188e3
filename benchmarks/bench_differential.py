"""Differential games: feedback equilibria of N regions (exact and floats) and a 1,000-point steady-state sweep.

- Feedback Nash of the symmetric stock-pollution game, exact parameters:
  the coupled Riccati equations reduce to one quadratic solved in closed
  form (``sqrt``), N = 2, 5, 10.
- Feedback Nash with unequal damages (floats): N coupled Riccati
  equations, backward integration from a zero terminal value then Newton,
  N = 2, 5, 10, 20.
- Steady states of the shallow lake's open-loop Nash equilibrium at 1,000
  values of ``b`` (``steady_states_sweep``: the elimination done once, roots
  per point), against calling ``open_loop_nash`` point by point (timed on a
  sample and scaled).

No peer library solves continuous-time differential games (QuantEcon's
``nnash`` is discrete-time), so the figures are times and their growth with N.

Run: .venv/bin/python benchmarks/run.py --only differential
"""

from __future__ import annotations

import numpy as np
from harness import Config, Report, Table, Target, fmt_time, measure


def differential(config: Config) -> Report:
    from coopgame.differential import feedback_nash, open_loop_nash, steady_states_sweep
    from coopgame.models import shallow_lake, stock_pollution

    report = Report("differential")
    repeat = config.pick(3, 1)
    table = Table("Feedback Nash of N regions (stock pollution)", ["N", "exact (symmetric)", "floats (unequal damages)",
                                                                   "float growth vs previous N"])
    previous = None
    sizes = config.pick([2, 5, 10, 20], [2, 5, 10])
    exact_times: dict[int, float] = {}
    float_times: dict[int, float] = {}
    for n in sizes:
        exact_game = stock_pollution(n=n).numeric()
        float_game = stock_pollution(n=n, unequal=True).numeric()
        if n <= 10:
            timing, sol = measure(lambda g=exact_game: feedback_nash(g), repeat=repeat, warmup=0)
            assert sol.is_exact
            exact_times[n] = timing.median
        timing, _ = measure(lambda g=float_game: feedback_nash(g), repeat=repeat, warmup=0)
        float_times[n] = timing.median
        growth = "-" if previous is None else f"x{float_times[n] / previous:.1f}"
        previous = float_times[n]
        table.add(n, fmt_time(exact_times.get(n)), fmt_time(float_times[n]), growth)
    report.tables.append(table)
    report.targets.append(Target("10-region feedback Nash, exact", exact_times.get(10), None, kind="seconds"))
    report.targets.append(Target("10-region feedback Nash, floats", float_times.get(10), None, kind="seconds"))

    points = config.pick(1000, 200)
    game = shallow_lake(n=2).subs(c=1, r="3/100")
    bs = np.linspace(0.4, 0.9, points)
    timing, frame = measure(lambda: steady_states_sweep(game, {"b": bs}), repeat=repeat, warmup=0)
    sample = bs[:: max(1, points // 5)][:5]
    one, _ = measure(lambda: [open_loop_nash(game.subs(b=float(b))) for b in sample], repeat=1, warmup=0)
    per_point = one.median / len(sample)
    sweep = Table(f"Shallow-lake steady states at {points} values of b", ["method", "time", "per point"])
    sweep.add("steady_states_sweep", fmt_time(timing.median), fmt_time(timing.median / points))
    sweep.add("open_loop_nash per point (sampled, scaled)", fmt_time(per_point * points), fmt_time(per_point))
    counts = frame["count"].value_counts().sort_index()
    sweep.notes.append("steady states per point: " + ", ".join(f"{k}: {v} points" for k, v in counts.items()))
    report.tables.append(sweep)
    report.targets.append(Target(f"{points}-point steady-state sweep", timing.median, None, kind="seconds"))
    report.data.update({"exact": exact_times, "floats": float_times, "sweep_seconds": timing.median,
                        "per_point_solver_seconds": per_point})
    return report
