"""
Sharing the cost of cleaning a river
====================================

Four regions lie along a river, region 1 furthest upstream. Cleaning the
river in region ``j`` costs ``c_j`` (here 6, 4, 3 and 5). Under *upstream
equal sharing* (Ni and Wang 2007) a group of regions is responsible for the
river from its most upstream member down to the sea, so a coalition ``S``
would have to pay ``c(S) = sum of c_j for j >= min S``.

We compare three ways of splitting the total 18: the Shapley value of this
cost game (which is exactly the upstream-equal-sharing rule), its nucleolus,
and local responsibility (each region pays for its own stretch). The grey
bars show, for each region, the range of shares that some core allocation
gives it: no group of regions would rather clean its stretch alone. All three
rules fall in the core.
"""

import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import linprog

from coopgame.cooperative.river import local_responsibility, upstream_equal_sharing_game

costs = [6, 4, 3, 5]
n = len(costs)
game = upstream_equal_sharing_game(costs)

rules = {
    "Shapley value (= upstream equal sharing)": game.shapley_value(),
    "nucleolus": game.nucleolus(),
    "local responsibility": local_responsibility(costs),
}
for name, x in rules.items():
    print(f"{name:42s}", [str(v) for v in x], "in core:", game.core_contains(x))

# Range of each region's share over the core {x : x(N) = c(N), x(S) <= c(S)}
masks = range(1, (1 << n) - 1)
A_ub = np.array([[(m >> i) & 1 for i in range(n)] for m in masks], dtype=float)
b_ub = np.array([float(game.values[m]) for m in masks])
A_eq, b_eq = np.ones((1, n)), [float(game.grand_value)]
low, high = [], []
for i in range(n):
    c = np.eye(n)[i]
    low.append(linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=(None, None)).fun)
    high.append(-linprog(-c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=(None, None)).fun)

fig, ax = plt.subplots(figsize=(7, 4))
positions = np.arange(n)
ax.bar(positions, np.array(high) - np.array(low), bottom=low, width=0.75, color="0.88",
       edgecolor="0.6", label="range over the core")
markers = ["o", "s", "^"]
for k, (name, x) in enumerate(rules.items()):
    ax.plot(positions + (k - 1) * 0.2, [float(v) for v in x], markers[k], markersize=8, label=name)
ax.set_xticks(positions, [f"region {i + 1}\n(own cost {c})" for i, c in enumerate(costs)])
ax.set_ylabel("share of the cleaning cost")
ax.set_title("Cleaning a river: who pays what (total 18)")
ax.set_ylim(0, 24)
ax.legend(fontsize=8, loc="upper right")
fig.tight_layout()
plt.show()
