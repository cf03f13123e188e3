"""
A coordinator's subsidy enlarges the basin of cooperation
=========================================================

Two regions can join a basin-wide project (Stag) that pays ``R = 4`` to each
if both join, or go it alone (Hare) for a safe ``3``; joining alone pays
``1``. Both "all join" and "nobody joins" are stable: in the one-population
replicator dynamics the share ``x`` of joining regions grows exactly when it
is above the mixed rest point ``x* = (P - S) / ((R - T) + (P - S)) = 2/3``,
so only a third of the starting mixes end in cooperation.

A higher-level government that pays ``s`` to every region that joins moves
the threshold down to ``(2 - s) / 3``: the basin of cooperation grows to
``(1 + s) / 3`` and, from a start inside it, cooperation is reached sooner
(claim C9 of docs/explanation/claims.md; the coordinator of Yuan, Wen and Zhang 2020).

The left panel estimates the basin share on a grid of starts (one
population) and from random starts (two populations, one per region, with
standard errors) and draws the exact one-population share ``(1 + s)/3``.
The middle panel shows the time until 99 % of regions join, from a start
where 80 % do. The right panel is the phase portrait of the two-population
dynamics with ``s = 1/2`` over its basin map.
"""

import matplotlib.pyplot as plt
import numpy as np

import coopgame as cg
from coopgame import models
from coopgame.dynamics.basin_estimates import basins, time_to_reach
from coopgame.plot.dynamics import basin_map, phase_portrait

stag = models.stag_hunt(R=4, S=1, T=3, P=3)


def with_subsidy(s):
    """The stag hunt with ``s`` paid to each region that joins the project."""
    return stag.apply(cg.Subsidy(0, "Stag", s), cg.Subsidy(1, "Stag", s))


subsidies = np.linspace(0, 2, 9)
one_population, two_populations, errors, times = [], [], [], []
for s in subsidies:
    game = with_subsidy(float(s))
    one_population.append(basins(game, grid=100).share("Stag"))
    sampled = basins(game, samples=300, seed=7, populations="multi")
    two_populations.append(sampled.share("(Stag, Stag)"))
    errors.append(sampled.standard_error("(Stag, Stag)"))
    times.append(time_to_reach(game, [0.8, 0.2], "Stag", radius=0.01))
    print(f"s = {s:.2f}: basin of Stag {one_population[-1]:.3f} (exact {(1 + s) / 3:.3f}), "
          f"two populations {two_populations[-1]:.3f} ± {errors[-1]:.3f}, time to x >= 0.99: {times[-1]:.2f}")

fig = plt.figure(figsize=(13, 4.2))
ax1 = fig.add_subplot(1, 3, 1)
fine = np.linspace(0, 2, 200)
ax1.plot(fine, np.minimum(1, (1 + fine) / 3), color="black", lw=1, label="exact, one population")
ax1.plot(subsidies, one_population, "o", label="grid of 99 starts, one population")
ax1.errorbar(subsidies, two_populations, yerr=errors, fmt="s", ms=4, capsize=2,
             label="300 random starts, two populations")
ax1.set_xlabel("subsidy $s$ for joining")
ax1.set_ylabel("share of starts that end in cooperation")
ax1.set_ylim(0, 1.05)
ax1.legend(fontsize=7, loc="lower right")
ax1.set_title("Basin of cooperation")

ax2 = fig.add_subplot(1, 3, 2)
ax2.plot(subsidies, times, "o-")
ax2.set_xlabel("subsidy $s$ for joining")
ax2.set_ylabel("time until $x \\geq 0.99$ (from $x = 0.8$)")
ax2.set_ylim(0, None)
ax2.set_title("Time to reach cooperation")

ax3 = fig.add_subplot(1, 3, 3)
paid = with_subsidy(0.5)
basin_map(basins(paid, grid=30, populations="multi"), ax=ax3, colors=["#cfe3f3", "#f6d7b8"], legend=False)
phase_portrait(paid, ax=ax3, density=0.8, legend=False)
ax3.set_title("Two regions, $s = 1/2$", fontsize=10)
fig.tight_layout()
plt.show()
