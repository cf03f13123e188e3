"""
Cooperation between neighbouring jurisdictions: the b/c > k rule
================================================================

Sixty jurisdictions each border three others (a random 3-regular graph).
Each plays a donation game with its neighbours: cooperating costs ``c`` and
gives each neighbour ``b``. Policies spread by death-birth updating: a random
jurisdiction's policy is replaced by that of a neighbour chosen in proportion
to fitness ``1 - w + w * payoff`` (weak selection, ``w = 0.02``).

The figure shows, for each benefit-to-cost ratio, the probability that a
single cooperating jurisdiction converts the whole graph, relative to a
neutral newcomer (``N * rho``; 1 means neutral), with 95% Wilson intervals.
Ohtsuki et al. (2006) predict that cooperation is favoured when
``b / c > k = 3`` (for 60 nodes the finite-size threshold is
``(N - 2) / (N / k - 2) = 3.2``). Under the pairwise (Fermi) rule, which
compares a jurisdiction with one random neighbour, cooperation is never
favoured.
"""

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np

from coopgame.dynamics.network import donation_game, fixation_on_graph

N, K, W = 60, 3, 0.02
graph = nx.random_regular_graph(K, N, seed=1)
ratios = np.array([1.5, 2, 3, 4, 5, 6, 8])
runs = 1200

fig, ax = plt.subplots(figsize=(7, 4.2))
for update, colour, marker in [("death-birth", "C0", "o"), ("pairwise", "C3", "s")]:
    estimates = [fixation_on_graph(donation_game(float(r), 1.0), graph, "Cooperate", "Defect",
                                   update=update, intensity=W, runs=runs, seed=int(10 * r))
                 for r in ratios]
    centre = np.array([e.probability for e in estimates]) * N
    low = np.array([e.interval[0] for e in estimates]) * N
    high = np.array([e.interval[1] for e in estimates]) * N
    ax.errorbar(ratios, centre, yerr=[centre - low, high - centre], color=colour, marker=marker, capsize=3,
                lw=1.5, label=f"{update} updating")

ax.axhline(1, color="grey", lw=1, ls=":")
ax.text(ratios[-1], 1.05, "neutral (1/N)", ha="right", va="bottom", fontsize="small", color="grey")
ax.axvline(K, color="C0", lw=1, ls="--")
ax.axvline((N - 2) / (N / K - 2), color="C0", lw=1, ls=":")
ax.text(K - 0.05, ax.get_ylim()[1] * 0.95, "b/c = k", ha="right", va="top", fontsize="small", color="C0")
ax.set_xlabel("benefit-to-cost ratio b/c")
ax.set_ylabel(r"$N \rho_C$ (fixation of one cooperator vs neutral)")
ax.set_title(f"Donation game on a random {K}-regular graph, N = {N}, w = {W}")
ax.legend(loc="upper left", fontsize="small")
fig.tight_layout()
plt.show()
