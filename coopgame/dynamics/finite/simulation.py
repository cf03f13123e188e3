"""Individual-level simulation of the Moran and Fermi processes: an independent check of the exact formulas."""

from __future__ import annotations

from typing import Any

import numpy as np

from coopgame._checks import check_int, check_seed, check_size, progress_bar, public
from coopgame.dynamics.finite.adapter import (
    payoffs_float,
    prepare,
    require_positive_fitness,
)
from coopgame.dynamics.finite.estimate import FixationEstimate, check_confidence, wilson_interval
from coopgame.errors import InvalidProfileError
from coopgame.games.coerce import GameLike
from coopgame.games.symmetric import SymmetricGame

__all__ = ["MAX_INT64", "MAX_RUNS", "MAX_SIMULATION_STEPS", "simulate_fixation"]

#: Default cap on the steps of one simulated run in :func:`simulate_fixation`.
MAX_SIMULATION_STEPS: int = 10**7

#: Default ``max_runs`` of :func:`simulate_fixation` and
#: :func:`~coopgame.dynamics.network.fixation_on_graph`: each run costs at
#: least one step, and typically a number of steps that grows with the
#: square of the population.
MAX_RUNS: int = 10**7

#: Largest step count or cap the simulations take (a 64-bit integer); more is
#: more than any computer runs.
MAX_INT64: int = 2**63 - 1

#: Runs advanced together (vectorised); more runs go in batches of this many,
#: so memory stays bounded whatever ``runs`` is.
_BATCH = 2**16


def _batch(size: int, process: str, w: float, fa: np.ndarray, fb: np.ndarray, runs: int, max_steps: int,
           rng: np.random.Generator, bar: Any) -> tuple[int, int, int]:
    """Advance ``runs`` runs from one mutant to absorption; (fixed, unfinished, total steps)."""
    k = np.ones(runs, dtype=np.int64)
    steps = np.zeros(runs, dtype=np.int64)
    active = np.arange(runs)
    count = 0
    while active.size and count < max_steps:
        kk = k[active]
        u = rng.random((2, kk.size))
        if process == "moran":
            fit_a = 1 - w + w * fa[kk]
            fit_b = 1 - w + w * fb[kk]
            parent_is_a = u[0] * (kk * fit_a + (size - kk) * fit_b) < kk * fit_a
            dead_is_a = u[1] * size < kk
            delta = parent_is_a.astype(np.int64) - dead_is_a.astype(np.int64)
        else:
            # focal individual uniform; role model uniform among the other Z - 1
            focal_is_a = u[0] * size < kk
            others_a = kk - focal_is_a
            v = rng.random((2, kk.size))
            model_is_a = v[0] * (size - 1) < others_a
            diff = np.where(focal_is_a, fb[kk] - fa[kk], fa[kk] - fb[kk])  # model minus focal when they differ
            with np.errstate(over="ignore"):
                adopt = v[1] < 1.0 / (1.0 + np.exp(-w * diff))
            switch = adopt & (focal_is_a != model_is_a)
            delta = np.where(switch, np.where(focal_is_a, -1, 1), 0)
        k[active] = kk + delta
        steps[active] += 1
        count += 1
        done = (k[active] == 0) | (k[active] == size)
        if bar is not None and done.any():
            bar.update(int(np.count_nonzero(done)))
        active = active[~done]
    if bar is not None and active.size:
        bar.update(int(active.size))
    return int(np.count_nonzero(k == size)), int(active.size), int(steps.sum())


@public
def simulate_fixation(game: GameLike | SymmetricGame, mutant: str | int, resident: str | int, population_size: int,
                      *, runs: int = 1000, process: str = "moran", intensity: Any = 0.1, seed: Any = None,
                      confidence: float = 0.95, max_steps: int = MAX_SIMULATION_STEPS,
                      max_population: int | None = None, max_runs: int = MAX_RUNS,
                      progress: bool | None = None) -> FixationEstimate:
    """Estimate a fixation probability by simulating the individual-level process.

    Each run starts with one ``mutant`` among ``Z - 1`` residents and plays
    the process step by step (self-loops included) until one strategy is
    left. The individual rules are applied as stated in
    :mod:`coopgame.dynamics.finite.fixation`, not through the transition
    ratios, so the estimate is an independent check of
    :func:`~coopgame.dynamics.finite.fixation_probability`. Runs advance
    together (vectorised, in batches of 65,536).

    Parameters
    ----------
    game, mutant, resident, population_size, process, intensity
        As for :func:`~coopgame.dynamics.finite.fixation_probability`.
    runs : int
        Number of independent runs (at least 1).
    seed : int, numpy.random.Generator or None
        Randomness (``numpy.random.default_rng(seed)``).
    confidence : float
        Level of the Wilson interval, in ``(0, 1)``.
    max_steps : int
        Cap on the steps of a run; runs still going then count as not fixed
        (reported as ``unfinished``). The work is at most
        ``runs * max_steps`` steps.
    max_runs : int
        Largest ``runs`` accepted, checked before any work; default
        :data:`MAX_RUNS` (10**7).
    max_population : int, optional
        Largest accepted ``Z`` (default
        :data:`~coopgame.dynamics.finite.MAX_POPULATION`, 10**6).
    progress : bool, optional
        A tqdm progress bar over the runs. None (default) shows one only in a
        terminal or notebook, once the simulation has run for a second. The
        simulation can be interrupted (Ctrl-C) at any step.

    Returns
    -------
    FixationEstimate

    Examples
    --------
    >>> from coopgame.dynamics.finite import fixation_probability, simulate_fixation
    >>> hunt = [[4, 0], [3, 2]]
    >>> exact = fixation_probability(hunt, 0, 1, 8, process="fermi", intensity=0.5)
    >>> est = simulate_fixation(hunt, 0, 1, 8, process="fermi", intensity=0.5, runs=4000, seed=3)
    >>> est.contains(exact)
    True
    """
    where = "simulate_fixation"
    pop, process, intensity, _, size = prepare(game, population_size, process, intensity, max_population, where,
                                               allow_exact=False)
    w = float(intensity)
    runs = check_int(runs, "runs", where, minimum=1)
    check_size(where, runs, check_int(max_runs, "max_runs", where, minimum=1), what="the number of runs",
               limit_name="max_runs")
    max_steps = check_int(max_steps, "max_steps", where, minimum=1, maximum=MAX_INT64)
    confidence = check_confidence(confidence, where)
    a, b = pop.index(mutant), pop.index(resident)
    if a == b:
        raise InvalidProfileError(f"{where}: expected a mutant different from the resident, got {mutant!r} twice")
    rng = check_seed(seed, where)
    fa_k, fb_k = payoffs_float(pop, a, b, size)
    if process == "moran":
        require_positive_fitness(float(min((1 - w + w * fa_k).min(), (1 - w + w * fb_k).min())), intensity, where)
    # index by k = number of mutants (0 and Z never used)
    fa = np.concatenate([[0.0], fa_k, [0.0]])
    fb = np.concatenate([[0.0], fb_k, [0.0]])
    fixed = unfinished = total_steps = 0
    bar = progress_bar(progress, runs, where, unit="run")
    try:
        for start in range(0, runs, _BATCH):
            f, u, s = _batch(size, process, w, fa, fb, min(_BATCH, runs - start), max_steps, rng, bar)
            fixed, unfinished, total_steps = fixed + f, unfinished + u, total_steps + s
    finally:
        if bar is not None:
            bar.close()
    return FixationEstimate(fixed / runs, fixed, runs, wilson_interval(fixed, runs, confidence), confidence,
                            1.0 / size, total_steps / runs, unfinished)
