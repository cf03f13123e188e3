"""
Ending the race to the bottom
=============================

Two regions choose Strict or Lax standards to attract mobile investment
worth ``G``; a lax standard costs the region an own damage ``D = 1`` and its
neighbour a spillover. A central fine ``F``, detected with probability
``rho``, is charged on a lax region. The left panel solves the fined
``coopgame.models.race_to_the_bottom`` game on a grid of ``G`` and expected
fine ``rho F`` and colours each point by its pure equilibria: the race
(Lax, Lax) below the line ``rho F = G/2 - D``, (Strict, Strict) above it.

The right panel looks inside the region at the official assessed by
``w * sqrt(revenue) + (1 - w) * environment``
(``coopgame.models.performance_evaluation(fiscal="sqrt")``). It draws the
critical GDP weight ``w*`` above which an official chooses Lax, for a poor
region as a function of a central transfer ``tau`` and for a rich region:
the transfer closes the gap, so the poor region stops being a pollution
haven (claims C3 and C6 of the claims page, docs/explanation/claims.md).
"""

import matplotlib.pyplot as plt
import numpy as np
import sympy

import coopgame as cg
from coopgame import models

# %%
# The race with a fine, solved on a grid.
race = models.race_to_the_bottom(D=1, sigma=sympy.Rational(1, 2))
fined = race.apply(cg.Penalty("Region 1", "Lax", "X"), cg.Penalty("Region 2", "Lax", "X"))  # X = rho * F
G, X = (next(s for s in fined.parameters if s.name == name) for name in ("G", "X"))
payoff = sympy.lambdify((G, X), [sympy.Matrix(p.tolist()) for p in fined.payoffs])
labels = [["Strict", "Lax"]] * 2

investments = np.linspace(0.5, 6, 45)
expected_fines = np.linspace(0, 3, 37)
outcome = np.zeros((len(expected_fines), len(investments)))  # 1 strict only, -1 lax only, 0 both
for i, x in enumerate(expected_fines):
    for j, g in enumerate(investments):
        game = cg.NormalFormGame([np.array(a, dtype=float) for a in payoff(g, x)], actions=labels)
        profiles = {e.pure_profile for e in cg.pure_equilibria(game)}
        strict, lax = ("Strict", "Strict") in profiles, ("Lax", "Lax") in profiles
        outcome[i, j] = 1 if strict and not lax else (-1 if lax and not strict else 0)

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
left.contourf(investments, expected_fines, outcome, levels=[-1.5, -0.5, 0.5, 1.5],
              colors=["#d95f02", "#bbbbbb", "#1b9e77"])
left.plot(investments, np.maximum(investments / 2 - 1, 0), color="k", lw=1.5, label=r"$\rho F = G/2 - D$")
left.text(5.2, 0.4, "(Lax, Lax):\nthe race", ha="center", fontsize="small")
left.text(1.8, 2.3, "(Strict, Strict)", ha="center", fontsize="small")
left.set_xlabel("mobile investment $G$")
left.set_ylabel(r"expected fine $\rho F$")
left.set_title("A central fine ends the race")
left.legend(loc="upper right", fontsize="small")

# %%
# The official's critical weight, poor region with a transfer against rich region.
officials = models.performance_evaluation("sqrt", G_S=1, G_L=3, E_S=3, E_L=1, R0_1=1, R0_2=9)
w = [s for s in officials.parameters if s.name == "w"][0]
tau = [s for s in officials.parameters if s.name == "tau"][0]
poor_gain = officials.payoffs[0][0, 0] - officials.payoffs[0][1, 0]  # Strict minus Lax, Region 1
rich_gain = officials.payoffs[1][0, 0] - officials.payoffs[1][0, 1]  # Strict minus Lax, Region 2
w_poor = sympy.lambdify(tau, sympy.solve(poor_gain, w)[0])
w_rich = float(sympy.solve(rich_gain, w)[0])

taus = np.linspace(0, 12, 121)
right.plot(taus, w_poor(taus), lw=2, label="poor region ($R_0 = 1$) with transfer $\\tau$")
right.axhline(w_rich, color="k", ls="--", lw=1.5, label="rich region ($R_0 = 9$)")
right.fill_between(taus, w_poor(taus), w_rich, where=w_poor(taus) < w_rich, alpha=0.2,
                   label="only the poor region is lax")
right.set_xlabel(r"central transfer $\tau$ to the poor region")
right.set_ylabel(r"critical GDP weight $w^*$")
right.set_title("Transfers shrink the pollution haven")
right.legend(loc="lower right", fontsize="small")
fig.tight_layout()
plt.show()
