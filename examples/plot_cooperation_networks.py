"""
Which cooperation agreements counties sign, and which a coordinator should fund
===============================================================================

Six counties on a map (two rows of three; a river runs along the top row)
choose cooperation agreements. An agreement brings each county ``delta ** d``
from every county it reaches through ``d`` agreements (more between river
counties, which share the water), and costs each end more the farther apart
the counties are: the connections model of Jackson and Wolinsky (1996).

Left: the network the counties reach on their own from no agreements at all
(an improving path of myopic link changes, Jackson and Watts 2002): only the
river counties cooperate, as in the mountain regions where fewer than 30 %
of counties are in any agreement. Middle: the efficient network, with the
links a coordinator must subsidise for it to last (orange, with the least
subsidy to each end). Right: over a grid of link value ``delta`` and cost
``c`` in the symmetric model with four regions, which network is efficient
and whether it forms on its own.
"""

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np

from coopgame.models import adjacent_counties
from coopgame.networks import improving_path, link_subsidies
from coopgame.plot import network_plot, network_regime_map

game = adjacent_counties()
path = improving_path(game, nx.empty_graph(game.players), seed=0)
plan = link_subsidies(game)

fig, axes = plt.subplots(1, 3, figsize=(14, 4.2), gridspec_kw={"width_ratios": [1, 1, 1.3]})
network_plot(game, path.networks[-1], ax=axes[0])
axes[0].set_title(f"On their own: {path.ends} after {len(path.moves)} moves")
network_plot(game, plan.network, subsidy=plan, ax=axes[1])
axes[1].set_title(f"Efficient network; subsidy {float(plan.total):.2f} per period")
network_regime_map(4, np.linspace(0.05, 0.95, 19), np.linspace(0.02, 1.6, 17), ax=axes[2])
fig.tight_layout()
plt.show()
