"""
Why long-term cooperation holds: the folk theorem's region
==========================================================

Two regions sharing a river play a prisoner's dilemma each year: governing
pollution costs a region, but both gain from clean water (temptation
``T = 5``, reward ``R = 3``, punishment ``P = 1``, sucker's payoff
``S = 0``). Played once, both free-ride. Played year after year, any average
payoff pair that is *feasible* (a mixture of the four outcomes) and gives
each region more than it can secure on its own (its *minmax* value, here
``P = 1``) is an equilibrium outcome when the regions value the future
enough: this is the folk theorem.

The left panel shades that region with
:func:`coopgame.plot.folk_theorem_plot`. The right panel shows how
patient the regions must be for grim trigger to sustain mutual governing,
``delta* = (T - R)/(T - P)``, and how an expected fine ``rho F`` on
free-riding lowers the threshold; the discounted payoffs simulated with
:func:`coopgame.play` confirm it.
"""

from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np

import coopgame as cg
from coopgame.plot.folk import folk_theorem_plot
from coopgame.repeated import play
from coopgame.repeated.discount import critical_discount_factor
from coopgame.repeated.folk import individually_rational_region


def river(fine=0):
    """The river game with an expected fine on every choice of free-riding."""
    return cg.NormalFormGame([[[3, 0], [5 - fine, 1 - fine]], [[3, 5 - fine], [0, 1 - fine]]],
                             players=["Upstream", "Downstream"], actions=[["Govern", "Free-ride"]] * 2, exact=True)


print(individually_rational_region(river()))

# %%
# The threshold against the fine, and a check by simulation. Fines up to
# ``P - S = 1`` keep mutual free-riding a stage equilibrium (the punishment);
# since the fine also falls on mutual free-riding, ``T - P`` is unchanged
# and the threshold is ``(T - rho F - R)/(T - P)``.
fines = [Fraction(k, 20) for k in range(21)]
thresholds = [critical_discount_factor(river(f), ("Govern", "Govern")).value for f in fines]


def gain_from_deviating(delta, fine=0, rounds=30):
    """Discounted payoff of free-riding against grim trigger minus that of governing (tails added exactly)."""
    g = river(fine)
    tail = delta ** rounds / (1 - delta)
    stay = play(g, ["grim", "grim"], rounds, delta).payoffs[0] + tail * 3
    leave = play(g, ["always_defect", "grim"], rounds, delta).payoffs[0] + tail * (1 - fine)
    return leave - stay


grid = [(f, Fraction(k, 20)) for f in fines[::5] for k in range(1, 20, 2)]
held = [(f, d) for f, d in grid if gain_from_deviating(d, f) <= 0]
broken = [(f, d) for f, d in grid if gain_from_deviating(d, f) > 0]

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
folk_theorem_plot(river(), ax=left)
x = np.array(fines, dtype=float)
y = np.array(thresholds, dtype=float)
right.plot(x, y, lw=2, label=r"grim trigger: $\delta^* = (T - \rho F - R)/(T - P)$")
right.fill_between(x, y, 1, alpha=0.2, label="cooperation sustained")
right.scatter(*np.array(held, dtype=float).T, s=14, color="black", zorder=5,
              label="simulated: free-riding does not pay")
right.scatter(*np.array(broken, dtype=float).T, s=14, marker="x", color="tab:red", zorder=5,
              label="simulated: free-riding pays")
right.set_xlim(-0.02, 1.02)
right.set_ylim(0, 1)
right.set_xlabel(r"expected fine $\rho F$ on free-riding")
right.set_ylabel(r"discount factor $\delta$")
right.set_title("A fine lowers the patience needed")
right.legend(loc="upper right", fontsize="small")
fig.tight_layout()
plt.show()
