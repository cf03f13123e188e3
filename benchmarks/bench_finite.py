"""Finite populations and networks: fixation probabilities and rare-mutation stationary distributions vs EGTtools.

EGTtools computes the same quantities for the pairwise-comparison (Fermi)
process with the same conventions (average payoff against the ``Z - 1``
others, role model drawn among the others), so the answers are checked to
agree before the times are compared:

- fixation probability of one mutant in a 2 x 2 game, ``Z = 100`` and
  ``Z = 1000``: ``coopgame.dynamics.finite.fixation_probability`` vs
  ``egttools.analytical.PairwiseComparison.calculate_fixation_probability``
  (C++) and ``egttools.analytical.StochDynamics.fixation_probability``
  (Python);
- the stationary distribution in the small-mutation limit, ``m = 5``
  strategies, ``Z = 100``: ``stationary_distribution`` (fixation matrix and
  distribution) vs ``PairwiseComparison.calculate_transition_and_fixation_matrix_sml``
  + ``egttools.utils.calculate_stationary_distribution``, and
  ``StochDynamics.calculate_stationary_distribution``.

- the full mutation-selection chain, ``m = 3``, ``Z = 30`` (496 states),
  mutation 0.01: ``mutation_selection_distribution`` vs
  ``PairwiseComparison.calculate_transition_matrix`` +
  ``egttools.utils.calculate_stationary_distribution``.

Without a peer (informational): the exact Moran fixation probability
(Fractions) for ``Z = 1000``, and ``fixation_on_graph`` (death-birth
updating, donation game, random 3-regular graph, ``N = 100``, ``w = 0.01``)
per simulated run, with a target of 10,000 runs in under 5 s.

Run: .venv/bin/python benchmarks/run.py --only finite
"""

from __future__ import annotations

from fractions import Fraction
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
    ratio,
)

BETA = 0.5


def _game(m: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform(0, 2, size=(m, m))


def finite(cfg: Config) -> Report:
    """Fermi fixation probabilities and SML stationary distributions vs EGTtools; network fixation runs."""
    from coopgame.dynamics.finite import fixation_probability, stationary_distribution

    report = Report("finite")
    data: dict[str, Any] = {}
    have_egt = peers.available("egttools")
    if have_egt:
        import egttools
        from egttools.analytical import PairwiseComparison, StochDynamics
        from egttools.games import Matrix2PlayerGameHolder

    # ---- fixation probability, 2 x 2
    table = Table(f"Fixation probability of one mutant, Fermi process, beta = {BETA}, random 2 x 2 game",
                  ["Z", "library", "work", "min", "median", "value", "ratio coopgame/peer"])
    A = _game(2, 1)
    matrix = A.tolist()
    # invade in the direction that fixes more often, so the values compared are far from 0
    up = fixation_probability(matrix, 1, 0, 100, process="fermi", intensity=BETA)
    down = fixation_probability(matrix, 0, 1, 100, process="fermi", intensity=BETA)
    mutant, resident = (1, 0) if up >= down else (0, 1)
    ratios_fix: dict[str, float] = {}
    for size in cfg.pick([100, 1000], [100]):
        def cg_work(size: int = size) -> float:
            return fixation_probability(matrix, mutant, resident, size, process="fermi", intensity=BETA)

        works = {"coopgame": (cg_work, cfg.pick(20, 5), 1)}
        if have_egt:
            holder = Matrix2PlayerGameHolder(2, A)
            pc = PairwiseComparison(size, holder)
            sd = StochDynamics(2, A, size)
            works["egttools PairwiseComparison"] = (
                lambda pc=pc: pc.calculate_fixation_probability(mutant, resident, BETA), cfg.pick(20, 5), 1)
            works["egttools StochDynamics"] = (lambda sd=sd: sd.fixation_probability(mutant, resident, BETA), 1, 1)
        timings, values = measure_interleaved(works, repeat=cfg.pick(5, 2))
        ours = timings["coopgame"]
        table.add(size, "coopgame", "fixation_probability", fmt_time(ours.min), fmt_time(ours.median),
                  f"{values['coopgame']:.12g}", "-")
        row: dict[str, Any] = {"coopgame": ours.as_dict(), "value": values["coopgame"]}
        for name in works:
            if name == "coopgame":
                continue
            agree = bool(abs(values[name] - values["coopgame"]) <= 1e-9 * max(1.0, abs(values["coopgame"])))
            r = ratio(ours, timings[name])
            ratios_fix[f"{size} {name}"] = r
            table.add(size, name, name.split()[-1], fmt_time(timings[name].min), fmt_time(timings[name].median),
                      f"{values[name]:.12g}" + ("" if agree else " (DIFFERENT)"), fmt_ratio(r))
            row[name] = {"timing": timings[name].as_dict(), "value": values[name], "agree": agree, "ratio": r}
        data[f"fixation_{size}"] = row
    if not have_egt:
        table.notes.append("egttools is not installed: no comparison")
    report.tables.append(table)
    for key, r in ratios_fix.items():
        report.targets.append(Target(f"finite: Fermi fixation probability, Z = {key} (coopgame/peer)", r, None,
                                     detail="informational"))

    # ---- stationary distribution in the small-mutation limit
    m, size = 5, 100
    B = _game(m, 2)
    bmatrix = B.tolist()
    table = Table(f"Stationary distribution, small-mutation limit, Fermi beta = {BETA}, {m} strategies, Z = {size}",
                  ["library", "work", "min", "median", "max |difference| from coopgame", "ratio coopgame/peer"])

    def cg_sd() -> np.ndarray:
        return stationary_distribution(bmatrix, size, process="fermi", intensity=BETA).distribution

    works = {"coopgame": (cg_sd, cfg.pick(10, 3), 1)}
    if have_egt:
        bholder = Matrix2PlayerGameHolder(m, B)
        bpc = PairwiseComparison(size, bholder)
        bsd = StochDynamics(m, B, size)

        def egt_pc() -> np.ndarray:
            transition, _ = bpc.calculate_transition_and_fixation_matrix_sml(BETA)
            return egttools.utils.calculate_stationary_distribution(np.asarray(transition).T)

        works["egttools PairwiseComparison + utils"] = (egt_pc, cfg.pick(10, 3), 1)
        works["egttools StochDynamics"] = (lambda: bsd.calculate_stationary_distribution(BETA), 1, 1)
    timings, values = measure_interleaved(works, repeat=cfg.pick(5, 2))
    ours = timings["coopgame"]
    table.add("coopgame", "stationary_distribution", fmt_time(ours.min), fmt_time(ours.median), "-", "-")
    sd_row: dict[str, Any] = {"coopgame": ours.as_dict(), "distribution": list(map(float, values["coopgame"]))}
    for name in works:
        if name == "coopgame":
            continue
        diff = float(np.max(np.abs(np.asarray(values[name], dtype=float) - values["coopgame"])))
        r = ratio(ours, timings[name])
        table.add(name, name.split(" ", 1)[1], fmt_time(timings[name].min), fmt_time(timings[name].median),
                  f"{diff:.1e}", fmt_ratio(r))
        sd_row[name] = {"timing": timings[name].as_dict(), "max_difference": diff, "ratio": r}
        report.targets.append(Target(f"finite: SML stationary distribution, m = {m}, Z = {size}, "
                                     f"coopgame / {name}", r, None, detail="informational"))
    data["stationary"] = sd_row
    report.tables.append(table)

    # ---- full chain with mutation
    from coopgame.dynamics.finite import mutation_selection_distribution

    m3, size3, mu = 3, 30, 0.01
    C = _game(m3, 3)
    cmatrix = C.tolist()
    table = Table(f"Full mutation-selection chain, Fermi beta = {BETA}, {m3} strategies, Z = {size3}, "
                  f"mutation {mu}", ["library", "work", "min", "median", "max |difference| from coopgame",
                                     "ratio coopgame/peer"])

    def cg_full() -> np.ndarray:
        return mutation_selection_distribution(cmatrix, size3, mutation=mu, intensity=BETA).distribution

    works = {"coopgame": (cg_full, cfg.pick(5, 2), 1)}
    if have_egt:
        from coopgame.games.symmetric import composition_rank

        cholder = Matrix2PlayerGameHolder(m3, C)
        cpc = PairwiseComparison(size3, cholder)
        order = composition_rank(np.array([egttools.sample_simplex(i, size3, m3)
                                           for i in range(egttools.calculate_nb_states(size3, m3))]), size3)

        def egt_full() -> np.ndarray:
            transition = cpc.calculate_transition_matrix(BETA, mu)
            return egttools.utils.calculate_stationary_distribution(transition.toarray().T)

        works["egttools PairwiseComparison + utils"] = (egt_full, 1, 1)
    timings, values = measure_interleaved(works, repeat=cfg.pick(5, 2))
    ours = timings["coopgame"]
    table.add("coopgame", "mutation_selection_distribution", fmt_time(ours.min), fmt_time(ours.median), "-", "-")
    full_row: dict[str, Any] = {"coopgame": ours.as_dict()}
    for name in works:
        if name == "coopgame":
            continue
        diff = float(np.max(np.abs(values["coopgame"][order] - np.asarray(values[name], dtype=float))))
        r = ratio(ours, timings[name])
        table.add(name, "calculate_transition_matrix + stationary", fmt_time(timings[name].min),
                  fmt_time(timings[name].median), f"{diff:.1e}", fmt_ratio(r))
        full_row[name] = {"timing": timings[name].as_dict(), "max_difference": diff, "ratio": r}
        report.targets.append(Target(f"finite: full mutation-selection chain, m = {m3}, Z = {size3}, "
                                     f"coopgame / {name}", r, None, detail="informational"))
    data["full_chain"] = full_row
    table.notes.append("EGTtools' time includes its dense eigenvector solve (calculate_stationary_distribution) of "
                       "the full transition matrix; coopgame builds the sparse generator and solves it with "
                       "a sparse LU")
    table.notes.append("states are matched through egttools.sample_simplex and coopgame's composition_rank")
    report.tables.append(table)

    # ---- no peer: exact Moran, network fixation
    table = Table("Without a peer", ["work", "min", "median", "result"])
    pd_exact = [[Fraction(3), Fraction(0)], [Fraction(5), Fraction(1)]]

    def exact_work() -> Any:
        return fixation_probability(pd_exact, 1, 0, 1000, intensity=Fraction(1, 10))

    exact_t, value = measure(exact_work, repeat=cfg.pick(5, 2))
    table.add("exact Moran fixation probability (Fractions), prisoner's dilemma, Z = 1000, w = 1/10",
              fmt_time(exact_t.min), fmt_time(exact_t.median), f"{float(value):.12g}")
    data["exact_moran_1000"] = {"timing": exact_t.as_dict(), "value": float(value)}

    net_runs = cfg.pick(10000, 2000)
    if peers.available("networkx"):
        import networkx as nx

        from coopgame.dynamics.network import donation_game, fixation_on_graph

        graph = nx.random_regular_graph(3, 100, seed=1)
        game = donation_game(6, 1)
        fixation_on_graph(game, graph, runs=10, seed=0)  # compile / load the kernel outside the timing

        def net_work() -> Any:
            return fixation_on_graph(game, graph, runs=net_runs, intensity=0.01, seed=2)

        net_t, est = measure(net_work, repeat=cfg.pick(3, 1), warmup=0)
        table.add(f"fixation_on_graph, death-birth, donation b/c = 6, random 3-regular N = 100, w = 0.01, "
                  f"{net_runs} runs", fmt_time(net_t.min), fmt_time(net_t.median),
                  f"{est!r}; {est.mean_steps:.0f} steps/run")
        data["network"] = {"timing": net_t.as_dict(), "runs": net_runs, "estimate": est.probability,
                           "mean_steps": est.mean_steps}
        per_10k = net_t.median * 10000 / net_runs
        report.targets.append(Target("finite: 10,000 fixation runs on a 100-node 3-regular graph (death-birth)",
                                     per_10k, 5.0, kind="seconds", detail="scaled from the runs timed"))
    report.tables.append(table)
    report.data = data
    return report
