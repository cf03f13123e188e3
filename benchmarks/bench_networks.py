"""Network formation: every pairwise-stable network of the connections model, n = 4 .. 7 (issue 17).

- ``pairwise_stable_networks`` on the symmetric connections model
  (delta = 1/2, c = 2/5: the star range, with many stable networks) for
  n = 4, 5, 6, 7, exact (Fraction parameters: scaled-integer tables) and
  float. n = 7 means 2^21 = 2,097,152 labelled networks. Target: n = 7
  exact under 30 s on this machine (the issue asks "reasonable time").
- Growth with n: the time per labelled network, and the ratio of the times
  of consecutive n (the work is 2^(n(n-1)/2) networks times n(n-1)/2 links).
- The same with the compiled kernels switched off (the numpy path that runs
  without numba), for n <= 6 in a quick run.
- No peer: no library computes pairwise stability; networkx has graphs, not
  incentives. A brute force with networkx (the tests' oracle) is timed at
  n = 5 for scale.

Run: .venv/bin/python benchmarks/run.py --only networks
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from harness import Config, Report, Table, Target, fmt_ratio, fmt_time, measure, profile_text


def _brute_force(n: int, delta: Fraction, cost: Fraction) -> int:
    """Pairwise-stable networks by networkx, payoffs cached per edge set (the test oracle's method)."""
    import networkx as nx

    pairs = list(itertools.combinations(range(n), 2))
    pay = {}
    for r in range(len(pairs) + 1):
        for edges in itertools.combinations(pairs, r):
            g = nx.Graph(list(edges))
            g.add_nodes_from(range(n))
            key = frozenset(edges)
            pay[key] = [sum((delta ** d for j, d in nx.single_source_shortest_path_length(g, i).items() if j != i),
                            Fraction(0)) - cost * g.degree(i) for i in range(n)]
    count = 0
    for key, here in pay.items():
        ok = True
        for i, j in pairs:
            e = (i, j)
            there = pay[key - {e}] if e in key else pay[key | {e}]
            if e in key:
                ok = not (there[i] > here[i] or there[j] > here[j])
            else:
                ok = not (there[i] >= here[i] and there[j] >= here[j] and (there[i] > here[i] or there[j] > here[j]))
            if not ok:
                break
        count += ok
    return count


def networks(cfg: Config) -> Report:
    """Pairwise-stable networks of the connections model, n = 4 .. 7, exact and float; growth with n."""
    import coopgame.networks.models as models_module
    import coopgame.networks.stability as stability_module
    from coopgame.networks import connections_model, pairwise_stable_networks
    from coopgame.networks._kernels import COMPILED

    report = Report("networks")
    data: dict[str, Any] = {"compiled": COMPILED}
    delta, cost = Fraction(1, 2), Fraction(2, 5)
    sizes = [4, 5, 6, 7]
    table = Table(f"pairwise_stable_networks, connections model delta = 1/2, c = 2/5 "
                  f"({'numba kernels' if COMPILED else 'numpy kernels'})",
                  ["n", "labelled networks", "stable", "exact: median", "float: median", "per network (exact)",
                   "growth vs n - 1"])
    previous = None
    for n in sizes:
        repeat = 1 if n == 7 else cfg.pick(3, 1)
        exact_game, float_game = connections_model(n, delta, cost), connections_model(n, 0.5, 0.4)
        t_exact, stable = measure(lambda g=exact_game: pairwise_stable_networks(g), repeat=repeat)
        t_float, stable_f = measure(lambda g=float_game: pairwise_stable_networks(g), repeat=repeat)
        assert len(stable) == len(stable_f)
        count = exact_game.num_networks
        growth = None if previous is None else t_exact.median / previous
        previous = t_exact.median
        table.add(n, f"{count:,}", len(stable), fmt_time(t_exact.median), fmt_time(t_float.median),
                  fmt_time(t_exact.median / count), "-" if growth is None else f"x{growth:.1f}")
        data[f"n{n}"] = {"networks": count, "stable": len(stable), "exact": t_exact.as_dict(),
                         "float": t_float.as_dict()}
        if n == 7:
            target = Target("networks: all pairwise-stable networks, n = 7 (2^21 networks, exact)", t_exact.median,
                            30.0, kind="seconds", detail=f"{len(stable)} stable networks")
            if target.status == "FAIL":
                target.profile = profile_text(lambda g=exact_game: pairwise_stable_networks(g))
            report.targets.append(target)
    report.tables.append(table)

    if COMPILED:
        numpy_table = Table("the numpy path (no numba), same games", ["n", "exact: median", "ratio numpy/numba"])
        saved = (models_module.COMPILED, stability_module.COMPILED)
        try:
            models_module.COMPILED = stability_module.COMPILED = False
            for n in cfg.pick([4, 5, 6, 7], [4, 5, 6]):
                game = connections_model(n, delta, cost)
                t_np, _ = measure(lambda g=game: pairwise_stable_networks(g), repeat=1)
                numpy_table.add(n, fmt_time(t_np.median), fmt_ratio(t_np.median / data[f"n{n}"]["exact"]["median"]))
                data[f"numpy_n{n}"] = t_np.as_dict()
        finally:
            models_module.COMPILED, stability_module.COMPILED = saved
        report.tables.append(numpy_table)

    brute = Table("scale: a networkx brute force (Fractions, payoffs cached) at n = 5", ["work", "median", "stable"])
    t_brute, count = measure(lambda: _brute_force(5, delta, cost), repeat=1, warmup=0)
    brute.add("networkx brute force", fmt_time(t_brute.median), count)
    brute.add("coopgame", fmt_time(data["n5"]["exact"]["median"]), data["n5"]["stable"])
    report.tables.append(brute)
    data["brute_force_n5"] = t_brute.as_dict()
    report.data = data
    return report
