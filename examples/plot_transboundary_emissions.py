"""
Emissions that cross borders: Nash against cooperative
======================================================

Three regions choose their emissions. Each gains ``10 e - e**2 / 2`` from
emitting ``e``, and every unit emitted does damage ``3`` where it lands: a
share ``alpha`` at home, the rest spread over the other two regions
(Maler's acid-rain game, ``coopgame.models.transboundary_emissions``).

A region acting alone counts only the damage that falls on itself, so its
Nash emissions ``10 - 3 alpha`` exceed the cooperative ``10 - 3``. The left
panel draws total emissions against ``alpha``: the cooperative total is flat
while the Nash total rises as less of each region's pollution stays at home.
The right panel draws the price of anarchy, cooperative over Nash welfare.
"""

import matplotlib.pyplot as plt
import numpy as np

import coopgame as cg
from coopgame import models

alphas = np.linspace(0, 1, 11)
nash_total, coop_total, anarchy = [], [], []
for alpha in alphas:
    game = models.transboundary_emissions(n=3, b=10, c=1, d=3, alpha=float(alpha))
    nash = cg.continuous_equilibrium(game)
    nash_total.append(sum(nash.strategies))
    coop_total.append(sum(cg.cooperative_optimum(game).strategies))
    anarchy.append(cg.equilibria.price_of_anarchy(game, equilibrium=nash))

fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
left.plot(alphas, nash_total, "o-", label="Nash")
left.plot(alphas, coop_total, "s--", label="cooperative")
left.fill_between(alphas, coop_total, nash_total, alpha=0.2, label="overshoot")
left.set_xlabel("share deposited at home, alpha")
left.set_ylabel("total emissions")
left.legend()

right.plot(alphas, anarchy, "o-", color="C3")
right.axhline(1, color="grey", lw=0.8)
right.set_xlabel("share deposited at home, alpha")
right.set_ylabel("price of anarchy")
fig.suptitle("Transboundary emissions, three regions")
fig.tight_layout()
plt.show()
