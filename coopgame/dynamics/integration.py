"""Integrating the replicator field: one start with an adaptive solver, many starts with a fixed step.

:func:`integrate` runs :func:`scipy.integrate.solve_ivp` on
:meth:`ReplicatorField.rhs <coopgame.dynamics.field.ReplicatorField.rhs>` (the
field at the state projected onto the simplices). :func:`settle` advances a
whole stack of starts at once with the classical fourth-order Runge-Kutta
scheme, projecting after every step, until each start comes within a radius
of one of a set of targets.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from coopgame.dynamics.field import ReplicatorField

__all__ = ["ATOL", "RTOL", "integrate", "rk4_step", "settle"]

# the integrator's step control (not the tolerance policy): solve_ivp's error targets for shares in [0, 1]
RTOL, ATOL = 1e-8, 1e-10


def integrate(field: ReplicatorField, y0: np.ndarray, t_max: float, *, t_eval: Any = None, method: str = "RK45",
              rtol: float = RTOL, atol: float = ATOL, events: Sequence[Callable[..., float]] | None = None) -> Any:
    """Solve the dynamics from the state ``y0`` over ``[0, t_max]`` (the ``solve_ivp`` result)."""
    from scipy.integrate import solve_ivp

    return solve_ivp(field.rhs(), (0.0, float(t_max)), field.project(y0), method=method, t_eval=t_eval,
                     rtol=rtol, atol=atol, events=events)


def rk4_step(field: ReplicatorField, Y: np.ndarray, dt: float) -> np.ndarray:
    """One fourth-order Runge-Kutta step of the stacked states ``Y`` (shape ``(K, dim)``), projected."""
    k1 = field(Y)
    k2 = field(Y + 0.5 * dt * k1)
    k3 = field(Y + 0.5 * dt * k2)
    k4 = field(Y + dt * k3)
    return field.project(Y + (dt / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4))


def settle(field: ReplicatorField, Y0: np.ndarray, targets: np.ndarray, t_max: float, dt: float, tol: float,
           progress: Any = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integrate all starts until each is within ``tol`` (max norm) of a target or ``t_max`` passes.

    Returns, per start, the index of the target reached (-1 for none), the
    time it got there (``inf`` for none) and its state then (or at ``t_max``).
    ``progress`` is an optional tqdm-like bar advanced once per step.
    """
    K = len(Y0)
    outcome = np.full(K, -1, dtype=int)
    times = np.full(K, np.inf)
    finals = np.array(Y0, dtype=float)
    Y = np.array(Y0, dtype=float)
    active = np.arange(K)
    steps = max(1, math.ceil(t_max / dt))
    h = t_max / steps

    def check(t: float) -> None:
        nonlocal Y, active
        if not len(targets) or not len(active):
            return
        dist = np.abs(Y[:, None, :] - targets[None, :, :]).max(axis=2)
        nearest = dist.argmin(axis=1)
        hit = dist[np.arange(len(active)), nearest] <= tol
        if hit.any():
            idx = active[hit]
            outcome[idx] = nearest[hit]
            times[idx] = t
            finals[idx] = Y[hit]
            Y = Y[~hit]
            active = active[~hit]

    check(0.0)
    for step in range(1, steps + 1):
        if not len(active):
            break
        new = rk4_step(field, Y, h)
        # a start the scheme maps exactly onto itself (sitting on a rest point) never moves again
        stuck = (new == Y).all(axis=1)
        if stuck.any():
            finals[active[stuck]] = Y[stuck]
            new, active = new[~stuck], active[~stuck]
        Y = new
        check(step * h)
        if progress is not None:
            progress.update(1)
    if len(active):
        finals[active] = Y
    return outcome, times, finals
