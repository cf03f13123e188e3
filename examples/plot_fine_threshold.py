"""
The least fine that makes cooperation dominant
==============================================

Two regions sharing a river play a prisoner's dilemma: each governs or
free-rides, with reward ``R``, temptation ``T``, punishment ``P`` and
sucker's payoff ``S``. A higher-level government fines a free-riding region
``F`` and detects free-riding with probability ``rho``. With
``coopgame.threshold`` the least fine making governing each region's
dominant action comes out as ``max(T - R, P - S) / rho``.

The figure draws that threshold against ``rho`` for the river of the
tutorials (``R = 2``, ``T = 3``, ``P = 0``) and a harsher sucker's payoff
``S = -2``, and shades the region of (``rho``, ``F``) where governing is
dominant. The lower curve is the least fine at which mutual governing is at
least a Nash equilibrium: between the two curves the fined game is a
coordination game, with mutual free-riding still an equilibrium.
"""

import matplotlib.pyplot as plt
import numpy as np

import coopgame as cg

river = cg.SymbolicGame(
    [[["R", "S"], ["T", "P"]],
     [["R", "T"], ["S", "P"]]],
    players=["Upstream", "Downstream"],
    actions=[["Govern", "Free-ride"]] * 2,
)
fined = river.apply(
    cg.Penalty("Upstream", "Free-ride", "F", detection="rho"),
    cg.Penalty("Downstream", "Free-ride", "F", detection="rho"),
)
dominant = cg.threshold(fined, ("Govern", "Govern"), "F", concept="dominant")
nash = cg.threshold(fined, ("Govern", "Govern"), "F", concept="nash")
print(dominant)
print(nash)

# %%
# Evaluate both thresholds on a grid of detection probabilities.
payoffs = dict(T=3, R=2, P=0, S=-2)
rhos = np.linspace(0.1, 1.0, 91)
f_dominant = np.array([dominant.evaluate(**payoffs, rho=r) for r in rhos])
f_nash = np.array([nash.evaluate(**payoffs, rho=r) for r in rhos])

top = 25.0
fig, ax = plt.subplots(figsize=(6.5, 4.5))
ax.fill_between(rhos, f_dominant, top, alpha=0.25, label="governing is dominant")
ax.fill_between(rhos, f_nash, f_dominant, alpha=0.12, color="grey",
                label="coordination: both outcomes are equilibria")
ax.plot(rhos, f_dominant, lw=2, label=r"least fine, dominant: $\max(T-R, P-S)/\rho$")
ax.plot(rhos, f_nash, lw=1.5, ls="--", label=r"least fine, Nash: $(T-R)/\rho$")
ax.set_xlim(rhos[0], rhos[-1])
ax.set_ylim(0, top)
ax.set_xlabel(r"detection probability $\rho$")
ax.set_ylabel("fine $F$")
ax.set_title("Better detection lowers the fine that is needed")
ax.legend(loc="upper right", fontsize="small")
fig.tight_layout()
plt.show()
