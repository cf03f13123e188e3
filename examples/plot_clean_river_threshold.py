"""
When the river is clean only if both regions govern
===================================================

Suppose cleaning the river takes both regions: if either one free-rides, the
water stays polluted and governing was wasted. Each region pays 3 to govern
and gains 5 from a clean river. The game is then a coordination game (a
stag hunt): both governing and both free-riding are equilibria, and a mixed
equilibrium between them marks the tipping point.

The left panel draws the two best-response correspondences with
``coopgame.plot.best_response_plot``; the equilibria are where they cross.
The right panel shows how a coordinator's subsidy ``s`` for governing moves
the tipping point: a region governs when it expects the other to govern with
probability above ``(3 - s) / 5``, so the subsidy widens the set of beliefs
from which cooperation is the best reply.
"""

from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np

import coopgame as cg


def clean_river(subsidy=0):
    """Both regions must govern for the benefit of 5; governing costs 3 - subsidy."""
    cost, benefit = 3 - Fraction(subsidy), 5
    row = [[benefit - cost, -cost], [0, 0]]
    col = [[benefit - cost, 0], [-cost, 0]]
    return cg.NormalFormGame(
        [row, col],
        players=["Upstream", "Downstream"],
        actions=[["Govern", "Free-ride"]] * 2,
        exact=True,
    )


game = clean_river()
print(game)
equilibria = cg.mixed_equilibria(game)
print(cg.equilibria.equilibria_frame(equilibria).to_string(index=False))

# %%
# The tipping point is the other region's probability of governing in the
# mixed equilibrium; it falls as the subsidy rises.
subsidies = np.linspace(0, 3, 13)
tipping = []
for s in subsidies:
    eqs = cg.mixed_equilibria(clean_river(Fraction(str(s))))
    mixed = [eq for eq in eqs if not eq.is_pure]
    tipping.append(float(mixed[0].strategies[1][0]) if mixed else 0.0)

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 4))
cg.plot.best_response_plot(game, ax=ax1)
ax1.set_title("Best responses, no subsidy")
ax2.plot(subsidies, tipping, marker="o")
ax2.fill_between(subsidies, tipping, 1, alpha=0.2, label="beliefs from which governing pays")
ax2.set_xlabel("subsidy per governing region")
ax2.set_ylabel("tipping point: P(other governs)")
ax2.set_ylim(0, 1)
ax2.legend(loc="upper right", fontsize="small")
ax2.set_title("A subsidy lowers the tipping point")
fig.tight_layout()
plt.show()
