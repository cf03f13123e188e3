"""
Static versus dynamic penalty: cycles or convergence
====================================================

Local governments cooperate for real or only on paper; supervisors inspect
or trust (the catalog's inspection game, ``models.inspection``). Under a
fixed fine the replicator dynamics circle around the mixed equilibrium for
ever: the interior rest point is a centre (trace of the Jacobian zero). When
the fine grows with the share of violators, ``F * (1 - x)`` (a dynamic
penalty, Wang and Shi 2019), the same point becomes asymptotically stable
and every orbit spirals into it. The violation rate it settles at,
``k / (rho B)``, is the same in both cases.

``PopulationGame.with_payoff`` writes the dynamic fine as an expression of
the state; ``replicator`` integrates both games from the same starts.
"""

from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np

from coopgame import models
from coopgame.dynamics import rest_points, stability
from coopgame.dynamics.population import PopulationGame
from coopgame.dynamics.trajectory import replicator

values = {"dc": 2, "k": 1, "F": 16, "B": 4, "rho": Fraction(1, 2)}
static = PopulationGame.from_game(models.inspection())
dynamic = static.with_payoff("Local government", "False", "dc - rho*F*(1 - x)*y")
games = {"static fine F": static.subs(values), "dynamic fine F (1 - x)": dynamic.subs(values)}

starts = [(0.3, 0.8), (0.15, 0.5), (0.8, 0.15)]
fig, axes = plt.subplots(1, 2, figsize=(9, 4.2), sharey=True)
for ax, (title, game) in zip(axes, games.items()):
    interior = next(p for p in rest_points(game) if all(0 < v[0] < 1 for v in p))
    res = stability(game, interior)
    for x0, y0 in starts:
        traj = replicator(game, [x0, y0], 60.0, t_eval=np.linspace(0, 60, 1500))
        ax.plot(traj.states[:, 0], traj.states[:, 2], lw=1)
        ax.plot([x0], [y0], "o", ms=4, color="0.3")
    ax.plot([float(interior[0][0])], [float(interior[1][0])], "k*", ms=11)
    ax.set_title(f"{title}\ninterior point: {res.classification} (trace {res.trace})", fontsize=10)
    ax.set_xlabel("x: share of real cooperation")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    print(title, "->", res)
axes[0].set_ylabel("y: share of inspection")
fig.tight_layout()
plt.show()
