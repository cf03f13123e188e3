"""
The least cost of ending free-riding, against the fine cap and detection
========================================================================

Three regions share a river (the catalog's public-goods game, ``c = 4``,
``r = 3/2``): governing costs each region 2 more than free-riding, whatever
the others do. The coordinator can subsidise governance (paid to every
governing region) and fine free-riding, but the law caps the fine and only
a share ``rho`` of free-riders is caught. ``coopgame.mechanisms.design``
finds the cheapest mix that makes everyone govern.

A deterrent fine is never levied, so it costs nothing: the subsidy only
makes up what the capped expected fine ``rho * cap`` leaves, and the least
cost ``3 * max(0, 2 - rho * cap)`` falls to zero once ``rho * cap`` reaches
2 (claim C22 of the docs' claims page). Left: the least cost against the
cap, for three detection probabilities; right: against detection, for three
caps.
"""

from fractions import Fraction

import matplotlib.pyplot as plt

import coopgame as cg
from coopgame import models
from coopgame.mechanisms import design

game = models.public_goods(n=3).numeric()
target = ("Govern",) * 3


def least_cost(rho, cap):
    mix = [cg.Subsidy(region, "Govern", "s") for region in game.players] + [
        cg.Penalty(region, "Free-ride", "F", detection=rho) for region in game.players]
    return float(design(game, target, mix, bounds={"F": cap}).cost)


caps = [Fraction(k, 2) for k in range(0, 17)]
rhos = [Fraction(k, 16) for k in range(1, 17)]
print("least cost at rho = 1/2, cap = 2:", least_cost(Fraction(1, 2), 2))

fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8), sharey=True)
for rho in (Fraction(1, 4), Fraction(1, 2), Fraction(1)):
    left.plot([float(c) for c in caps], [least_cost(rho, c) for c in caps], marker="o", ms=3,
              label=rf"$\rho$ = {rho}")
left.set_xlabel("legal cap on the fine")
left.set_ylabel("least cost to the coordinator")
left.set_title("A higher cap replaces subsidies")
left.legend(fontsize="small")
for cap in (1, 2, 4):
    right.plot([float(r) for r in rhos], [least_cost(r, cap) for r in rhos], marker="o", ms=3, label=f"cap {cap}")
right.set_xlabel(r"detection probability $\rho$")
right.set_title("Better detection does too")
right.legend(fontsize="small")
fig.tight_layout()
plt.show()
