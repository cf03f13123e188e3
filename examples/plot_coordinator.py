"""
A coordinator who recommends
============================

Two regions share a lake. Each can abate its pollution (at a cost) or keep
polluting; the lake survives if at least one of them abates, and each would
rather the other paid. This is a game of chicken:

=========  =========  ==========
\\          Abate      Pollute
=========  =========  ==========
Abate      6, 6       2, 7
Pollute    7, 2       0, 0
=========  =========  ==========

Its Nash equilibria give a total welfare of at most 28/3. A higher-level
government that privately recommends an action to each region (drawn from a
public lottery) can do better: any recommendation lottery that each region
is willing to obey is a *correlated equilibrium*. The figure shows, in the
plane of the two regions' payoffs, all payoffs the regions can reach (light
grey), the payoffs of every correlated equilibrium (blue, its boundary traced
by asking ``correlated_equilibrium`` for the best point in each direction),
the Nash equilibria, and the coordinator's welfare-best recommendation
(21/4 each). Full abatement (6, 6) is out of reach without enforcement:
a region told to abate when the other abates would rather pollute.
"""

import matplotlib.pyplot as plt
import numpy as np

from coopgame.equilibria.correlated import correlated_equilibrium
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.games.normal_form import NormalFormGame

lake = NormalFormGame(
    [[[6, 2], [7, 0]], [[6, 7], [2, 0]]],
    players=["Upstream", "Downstream"],
    actions=[["Abate", "Pollute"]] * 2,
    exact=True,
)

nash = mixed_equilibria(lake)
best = correlated_equilibrium(lake)  # objective="welfare"
print("Nash welfare:", [str(sum(eq.payoffs)) for eq in nash])
print("coordinator:", best)

# Boundary of the set of correlated-equilibrium payoffs: the best point in each direction.
angles = np.linspace(0, 2 * np.pi, 37)
boundary = [correlated_equilibrium(lake.to_float(), [np.cos(a), np.sin(a)]).payoffs for a in angles]
ce_u1, ce_u2 = zip(*boundary)

profiles = [(0, 0), (0, 1), (1, 1), (1, 0)]  # corners of the feasible set, in order around it
feasible = [tuple(float(lake.payoffs[p][idx]) for p in range(2)) for idx in profiles]

fig, ax = plt.subplots(figsize=(6, 6))
ax.fill(*zip(*feasible), color="0.9", label="feasible payoffs")
ax.fill(ce_u1, ce_u2, color="tab:blue", alpha=0.35, label="correlated equilibria")
ax.plot([float(eq.payoffs[0]) for eq in nash], [float(eq.payoffs[1]) for eq in nash], "ko",
        label="Nash equilibria")
ax.plot(*[float(v) for v in best.payoffs], "r*", markersize=14, label="coordinator's best (welfare 21/2)")
ax.plot(6, 6, "s", color="tab:green", label="both abate (not self-enforcing)")
ax.set_xlabel("Upstream's payoff")
ax.set_ylabel("Downstream's payoff")
ax.set_title("What a recommending coordinator can reach")
ax.legend(fontsize=8, loc="lower right")
ax.set_aspect("equal")
fig.tight_layout()
plt.show()
