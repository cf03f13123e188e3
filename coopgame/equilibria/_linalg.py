"""Batched solves of many small linear systems, with a conditioning check."""

from __future__ import annotations

import numpy as np

__all__ = ["solve_stack", "MAX_CONDITION", "PROBES"]

#: Systems whose estimated condition number exceeds this are treated as singular.
MAX_CONDITION = 1e9

#: Fixed random right-hand sides that probe each system's conditioning (fixed for reproducibility).
PROBES = np.random.default_rng(20261122).standard_normal((64, 2))


def solve_stack(mats: np.ndarray, rhs: np.ndarray, active: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``mats[v] @ sol[v] = rhs[v]`` for a stack of square systems.

    Returns ``(sol, ok)``. ``ok[v]`` is False when system ``v`` is singular or
    its estimated condition number exceeds :data:`MAX_CONDITION`. The
    estimate solves two fixed random right-hand sides alongside: a system
    singular in exact arithmetic gives a huge solution for a generic
    right-hand side, even when rounding hides the singularity from the
    factorisation. ``active`` (count, K) marks the rows that belong to each
    system when systems are padded with identity blocks.
    """
    count, K = mats.shape[:2]
    probes = np.broadcast_to(PROBES[:K], (count, K, 2))
    if active is not None:
        probes = np.where(active[:, :, None], probes, 0.0)
    full = np.concatenate([rhs.reshape(count, K, -1), probes], axis=2)
    ok = np.ones(count, dtype=bool)
    try:
        sol = np.linalg.solve(mats, full)
    except np.linalg.LinAlgError:
        sol = np.zeros_like(full)
        for v in range(count):
            try:
                sol[v] = np.linalg.solve(mats[v], full[v])
            except np.linalg.LinAlgError:
                ok[v] = False
    size = np.abs(mats if active is None else np.where(active[:, :, None] & active[:, None, :], mats, 0.0))
    with np.errstate(over="ignore", invalid="ignore"):  # a huge estimate simply means ill-conditioned
        inv_norm = np.abs(sol[:, :, -2:]).max(axis=(1, 2)) / np.abs(probes).max(axis=(1, 2))
        ok &= inv_norm * size.sum(axis=2).max(axis=1) < MAX_CONDITION
    return sol[:, :, :-2].reshape(rhs.shape), ok
