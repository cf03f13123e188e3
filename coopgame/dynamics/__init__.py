"""Evolutionary dynamics: replicator dynamics, rest points and their stability, basins of attraction.

Examples
--------
>>> import coopgame as cg
>>> from coopgame.dynamics import rest_points, stability
>>> pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], exact=True)
>>> [stability(pd, p).classification for p in rest_points(pd)]
['unstable', 'saddle', 'saddle', 'stable']
"""

from coopgame.dynamics.basins import MAX_STARTS, Basins, attractors, basins, time_to_reach
from coopgame.dynamics.replicator import Trajectory, replicator
from coopgame.dynamics.stability import MAX_ROLES, Stability, rest_points, stability

__all__ = [
    "MAX_ROLES", "Stability", "Trajectory", "replicator", "rest_points", "stability",
    "MAX_STARTS", "Basins", "attractors", "basins", "time_to_reach",
]
