"""Deprecated location of :mod:`coopgame.sweeps` (kept until the top-level imports move)."""

from coopgame.sweeps import NO_PURE_EQUILIBRIUM, NO_STABLE_CORNER, grid_points, point_seed, sweep  # noqa: F401
