"""
Two regions and a polluting river
=================================

Two regions share a river. Each can govern its stretch at a cost of 4 or
free-ride; every region that governs creates a benefit of 6 shared equally
by both. We build the game, solve it, and plot each region's expected payoff
from governing and from free-riding as a function of the probability that the
*other* region governs. Free-riding pays more everywhere, so it is dominant,
and the only equilibrium is that nobody governs.
"""

# %%
# Build and solve the game
# ------------------------
import matplotlib.pyplot as plt
import numpy as np

import coopgame as cg

cost, shared_benefit = 4, 3  # each governing region gives 3 to each region
payoffs = [
    [[2 * shared_benefit - cost, shared_benefit - cost], [shared_benefit, 0]],
    [[2 * shared_benefit - cost, shared_benefit], [shared_benefit - cost, 0]],
]
river = cg.NormalFormGame(
    payoffs,
    players=["Upstream", "Downstream"],
    actions=[["Govern", "Free-ride"]] * 2,
)
print(river)

equilibria = cg.pure_equilibria(river)
print(equilibria)
print(cg.dominant_strategies(river))
eq = equilibria[0]

# %%
# Payoffs against the other region's mixture
# ------------------------------------------
# ``action_values`` gives a player's payoff from each of its actions against
# the other players' (mixed) strategies; the player's own entry is ignored.
q = np.linspace(0, 1, 101)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
for player, ax in enumerate(axes):
    other = 1 - player
    values = np.array(
        [
            river.action_values(player, [[p, 1 - p]] * 2)  # own entry is ignored
            for p in q
        ]
    )
    for k, label in enumerate(river.actions[player]):
        ax.plot(q, values[:, k], label=label)
    # the equilibrium: the other governs with probability eq.strategies[other][0]
    q_star = float(eq.strategies[other][0])
    own = int(np.argmax(eq.strategies[player]))
    ax.plot(q_star, float(eq.payoffs[player]), "ko", markersize=8,
            label=f"equilibrium ({river.actions[player][own]})")
    ax.set_xlabel(f"probability that {river.players[other]} governs")
    ax.set_title(river.players[player])
    ax.grid(alpha=0.3)
axes[0].set_ylabel("expected payoff")
axes[1].legend(loc="upper left")
fig.suptitle("Free-riding pays more whatever the other region does")
fig.tight_layout()
plt.show()
