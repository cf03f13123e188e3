"""
Where supervision stops false cooperation: a regime map
========================================================

A local government implements an environmental agreement for real or only
on paper, saving ``dc``; the central government inspects at cost ``k`` and
detects false cooperation with probability ``rho``, which brings a fine
``F`` (the catalog's inspection game, ``coopgame.models.inspection``).

``coopgame.sweeps.sweep`` solves the game at every point of a grid of
detection probabilities and fines, vectorised, and
``coopgame.plot.regime.regime_map`` colours each point by the equilibrium
that holds there. The dotted curve is the closed-form boundary
``F = dc / rho`` that the sweep's ``thresholds`` option adds. Left of
``rho = k / B`` inspecting does not pay the centre and no fine helps; to the
right the fine needed falls as detection improves, and above the curve the
equilibrium is mixed, with a false-cooperation rate ``k / (rho B)`` that no
fine changes. The right panel draws that boundary against ``rho`` for three
costs of real cooperation.
"""

import matplotlib.pyplot as plt
import numpy as np

from coopgame import models
from coopgame.plot.regime import regime_map, threshold_plot
from coopgame.sweeps import sweep

game = models.inspection()  # defaults: dc = 2, k = 1, B = 4
grid = {"rho": np.linspace(0.02, 1.0, 50), "F": np.linspace(0.25, 16.0, 64)}
result = sweep(game, grid, thresholds=[("F", ("False", "Inspect"))], progress=False)
print(result["equilibria"].value_counts())

words = {
    "none (mixed)": "mixed: inspect sometimes, cheat sometimes",
    "(False, Inspect)": "false cooperation, inspected and fined",
    "(False, Trust)": "false cooperation, no inspection",
    "(False, Inspect) | (False, Trust)": "centre indifferent",
    "F upper bound (False, Inspect) nash": r"$F = \Delta c / \rho$",
}

# %%
# The same boundary for three costs of real cooperation ``dc``.
bounds = sweep(game, {"rho": np.linspace(0.26, 1.0, 38), "dc": [1, 2, 4]},
               thresholds=[("F", ("False", "Inspect"))], progress=False)

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
regime_map(result, "rho", "F", ax=left, labels=words)
left.set_xlabel(r"detection probability $\rho$")
left.set_ylabel("fine $F$")
left.set_title("Outcome of the inspection game")
threshold_plot(bounds, "rho", by="dc", ax=right,
               labels={"F upper bound (False, Inspect) nash": "largest fine still cheated on"})
right.set_xlabel(r"detection probability $\rho$")
right.set_ylabel("fine $F$")
right.set_title(r"Boundary $F = \Delta c/\rho$ for three savings $\Delta c$")
fig.tight_layout()
plt.show()
