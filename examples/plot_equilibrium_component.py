"""
A segment of equilibria when upstream is indifferent
====================================================

Rivers flow one way. In this variant the upstream region's governing costs
exactly what it gains, and nothing the downstream region does reaches it, so
every upstream strategy is a best reply to anything. The downstream region
finds its own governing worthwhile only when the inflow is clean often
enough: when upstream governs with probability at least one half.

The game is degenerate and its equilibria form a connected set of three
segments in the square of mixed strategies. ``vertex_enumeration`` returns the
end points of the segments (the extreme equilibria); we draw them together
with the whole set.
"""

from fractions import Fraction

import matplotlib.pyplot as plt

import coopgame as cg

river_flow = cg.NormalFormGame(
    [[[0, 0], [0, 0]], [[3, 2], [-1, 0]]],
    players=["Upstream", "Downstream"],
    actions=[["Govern", "Free-ride"]] * 2,
    exact=True,
)
print(river_flow)

extreme = cg.equilibria.vertex_enumeration(river_flow)
for eq in extreme:
    print(eq, "regret:", eq.max_regret())

# %%
# Each point of the square is a pair (p, q): the probabilities that upstream
# and downstream govern. We check a grid of points for zero regret and draw
# the extreme equilibria on top.
half = Fraction(1, 2)
grid = [Fraction(k, 40) for k in range(41)]
on_set = [
    (p, q)
    for p in grid
    for q in grid
    if river_flow.max_regret([[p, 1 - p], [q, 1 - q]]) == 0
]
print(f"{len(on_set)} of {len(grid) ** 2} grid points are equilibria")

fig, ax = plt.subplots(figsize=(4.8, 4.5))
ax.scatter([float(p) for p, _ in on_set], [float(q) for _, q in on_set],
           s=6, color="C0", label="equilibria on a 41 x 41 grid")
ax.scatter([float(eq.strategies[0][0]) for eq in extreme],
           [float(eq.strategies[1][0]) for eq in extreme],
           s=90, facecolors="none", edgecolors="k", linewidths=1.5,
           label="extreme equilibria")
ax.axvline(float(half), color="grey", linewidth=0.6, linestyle=":")
ax.set_xlim(-0.05, 1.05)
ax.set_ylim(-0.05, 1.05)
ax.set_xlabel("probability that Upstream governs")
ax.set_ylabel("probability that Downstream governs")
ax.set_title("The equilibria of a degenerate game")
ax.legend(loc="lower right", bbox_to_anchor=(1.0, 0.12), fontsize="small")
fig.tight_layout()
plt.show()
