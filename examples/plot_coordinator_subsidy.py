"""
A coordinator's subsidy for governing
=====================================

In the two-region river game free-riding is dominant because a region keeps
only half of the benefit its governing creates. A higher-level government can
pay a subsidy ``s`` to every region that governs. Governing becomes dominant
as soon as ``s`` exceeds the part of the cost the region does not recover
itself, ``c (1 - r / N)``, here ``4 * (1 - 3/4) = 1``; at the threshold itself
each region is indifferent.

The subsidy is an instrument, ``cg.Subsidy(player, action, amount)``, applied
with ``game.apply``. We sweep it, solve each game for its pure equilibria, and
plot the gain from governing rather than free-riding together with the number
of regions that govern in equilibrium.
"""

from fractions import Fraction

import matplotlib.pyplot as plt

import coopgame as cg

cost, return_rate, regions = 4, Fraction(3, 2), 2
share = return_rate * cost / regions  # benefit each governing region gives each region


def payoff(me_governs, other_governs):
    """A region's payoff: its share of the benefit, minus its cost if it governs."""
    return share * (me_governs + other_governs) - cost * me_governs


river = cg.NormalFormGame(
    [
        [[payoff(1, 1), payoff(1, 0)], [payoff(0, 1), payoff(0, 0)]],
        [[payoff(1, 1), payoff(0, 1)], [payoff(1, 0), payoff(0, 0)]],
    ],
    players=["Upstream", "Downstream"],
    actions=[["Govern", "Free-ride"]] * 2,
    exact=True,
)


def river_game(subsidy):
    """The river game with ``subsidy`` paid to each region whenever it governs."""
    return river.apply(
        cg.Subsidy("Upstream", "Govern", subsidy),
        cg.Subsidy("Downstream", "Govern", subsidy),
    )


threshold = cost * (1 - return_rate / regions)
print("subsidy threshold:", threshold)

subsidies = [Fraction(k, 8) for k in range(0, 17)]
gains, governing = [], []
for s in subsidies:
    game = river_game(s)
    # gain from governing: the same against either action of the other region
    gains.append(float(game.payoffs[0][0, 0] - game.payoffs[0][1, 0]))
    counts = [sum(a == "Govern" for a in eq.pure_profile) for eq in cg.pure_equilibria(game)]
    governing.append(counts)

subsidised = river_game(2)
print(subsidised)
print(cg.dominant_strategies(subsidised))
print(cg.instrument_cost(subsidised, ("Govern", "Govern")))

# %%
# At exactly ``s = 1`` each region is indifferent, so all four profiles are
# equilibria; above it only "both govern" is.
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
ax1.plot([float(s) for s in subsidies], gains, marker="o")
ax1.axhline(0, color="grey", linewidth=0.8)
ax1.axvline(float(threshold), color="k", linestyle="--", label="threshold c(1 - r/N)")
ax1.set_xlabel("subsidy per governing region")
ax1.set_ylabel("gain from governing")
ax1.legend()
for s, counts in zip(subsidies, governing):
    ax2.scatter([float(s)] * len(counts), counts, color="C1")
ax2.axvline(float(threshold), color="k", linestyle="--")
ax2.set_yticks([0, 1, 2])
ax2.set_xlabel("subsidy per governing region")
ax2.set_ylabel("regions governing in equilibrium")
fig.suptitle("A subsidy of c(1 - r/N) makes governing dominant")
fig.tight_layout()
plt.show()
