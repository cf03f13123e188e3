"""
Supervision cycles and a tripartite path to compliance
======================================================

**Left:** the inspection game between a local government (real or false
cooperation with an environmental agreement) and the central government
(inspect or trust), with a static fine, in two-population replicator
dynamics. Its interior rest point, at a false-cooperation share
``k / (rho B) = 1/2`` and an inspection rate ``dc / (rho F) = 1/2``, has
``tr J = 0`` and is a *centre*: the shares cycle around it for ever, and
the corners are saddles. A static penalty does not settle the compliance
problem, it only makes it oscillate (Tsebelis 1989; claim C10 of docs/explanation/claims.md).

**Right:** the central / local / enterprise game of
``coopgame.models.tripartite`` with its default parameters, in the unit cube
of the three roles' shares (strict supervision, strict regulation,
abatement). Every start is drawn to the corner where the centre supervises
loosely, the local government regulates strictly and the enterprise abates:
once everyone complies, strict supervision only costs the centre, so the
coordinator's role is transitional (claim C18). Corners are marked by their
stability: filled for asymptotically stable, half filled for a saddle,
open squares where an eigenvalue is zero.
"""

import matplotlib.pyplot as plt

from coopgame import models
from coopgame.dynamics.trajectory import replicator
from coopgame.plot.dynamics import phase_portrait, trajectory_3d

inspection = models.inspection().numeric()     # dc = 2, k = 1, rho = 1/2, F = 8, B = 4
print(inspection)

fig = plt.figure(figsize=(12, 5))
ax1 = fig.add_subplot(1, 2, 1)
phase_portrait(inspection, ax=ax1, starts=[[[0.7, 0.3], [0.5, 0.5]], [[0.9, 0.1], [0.5, 0.5]]], t_max=12,
               density=0.9)
ax1.set_title("Inspection game, static fine: a centre")

tripartite = models.tripartite().numeric()
starts = [
    [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]],
    [[0.9, 0.1], [0.2, 0.8], [0.2, 0.8]],
    [[0.2, 0.8], [0.1, 0.9], [0.7, 0.3]],
    [[0.8, 0.2], [0.6, 0.4], [0.1, 0.9]],
]
for start in starts:
    end = replicator(tripartite, start, 30).final
    print("from", [float(v[0]) for v in start], "to", [round(float(v[0]), 3) for v in end])

ax2 = fig.add_subplot(1, 2, 2, projection="3d")
trajectory_3d(tripartite, ax=ax2, starts=starts, t_max=30)
ax2.set_title("Centre, local government, enterprise")
fig.tight_layout()
plt.show()
