"""
What the centre gains by announcing its inspection rate first
=============================================================

In the inspection game a local government implements an agreement for real
or only on paper, and the central government inspects. Played
simultaneously, the centre inspects at rate ``y* = dc / (rho F)`` and false
cooperation happens at rate ``k / (rho B)``. If the centre can commit to an
inspection rate and announce it, the local government replies to the
announced rate: ``coopgame.equilibria.commitment_payoff`` gives the centre's
payoff for each rate (the local government breaking ties in the centre's
favour), and ``coopgame.equilibria.stackelberg`` finds the best rate.

The figure draws the centre's payoff against the announced rate, for the
catalog's centre (which profits from catching false cooperation) and for a
centre that bears a damage ``D = 3`` when false cooperation goes undetected.
Above ``y*`` both centres get ``-k y`` (the curves coincide). Both payoffs
jump at ``y*``: below it the local government cheats, above it it
cooperates for real. The best commitment is ``y*`` itself in both cases,
and it beats the simultaneous-move (Nash) payoff, dashed.
"""

from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np

import coopgame as cg
from coopgame import models
from coopgame.equilibria import commitment_payoff, stackelberg

game = models.inspection().numeric()  # dc = 2, k = 1, rho = 1/2, F = 8, B = 4: y* = 1/2
centre = np.array(game.payoffs[1], dtype=object)
centre[1, 0] -= Fraction(1, 2) * 3  # inspects and misses (probability 1 - rho): damage D = 3
centre[1, 1] -= 3  # trusts: damage D = 3
harmed = cg.NormalFormGame([game.payoffs[0], centre], players=game.players, actions=game.actions, exact=True)

rates = [Fraction(k, 200) for k in range(201)]
fig, ax = plt.subplots(figsize=(7, 4.2))
for g, label, colour in ((game, "catalog centre", "C0"), (harmed, "centre harmed by false cooperation", "C1")):
    payoff = [float(commitment_payoff(g, "Central government", [y, 1 - y])) for y in rates]
    best = stackelberg(g, "Central government")
    nash = max(float(e.payoffs[1]) for e in cg.mixed_equilibria(g))
    print(label, "->", best)
    ax.plot([float(y) for y in rates], payoff, ".", markersize=3, color=colour, label=f"{label}: commitment")
    ax.axhline(nash, color=colour, linestyle="--", linewidth=1, label=f"{label}: Nash payoff")
    ax.plot([float(best.strategies[1][0])], [float(best.leader_payoff)], "o", color=colour, markersize=8)
ax.axvline(0.5, color="grey", linewidth=0.8)
ax.annotate(r"$y^* = \Delta c/(\rho F)$", (0.5, -2.0), xytext=(0.53, -2.0), fontsize="small")
ax.set_xlabel("announced inspection rate $y$")
ax.set_ylabel("centre's payoff")
ax.set_title("Commitment to an inspection rate (strong Stackelberg)")
ax.legend(loc="lower left", fontsize="x-small")
fig.tight_layout()
plt.show()
