"""The text of a trajectory (mutation testing, sampled run)."""

from __future__ import annotations

import coopgame as cg
from coopgame.dynamics import replicator

PD = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])


def test_text_lists_each_population_final_state_separated_by_semicolons():
    # a pure profile is a rest point of the replicator dynamics, so the final state is the start
    traj = replicator(PD, [[1, 0], [0, 1]], 2.0, t_eval=[0, 1, 2])
    assert repr(traj) == "Trajectory(multi population, 3 samples, t in [0, 2], final 1 0; 0 1)"
