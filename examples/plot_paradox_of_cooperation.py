"""
Why agreements stay small: the paradox of cooperation
=====================================================

In Barrett's (1994) model each of ``n`` countries abates ``q_i`` of a
pollutant; abatement anywhere benefits every country,
``(b/n)(a Q - Q**2/2)``, and costs the abater ``(c/2) q_i**2``. The
signatories of an agreement choose their abatement together, as a
Stackelberg leader that anticipates the non-signatories' reaction. An
agreement of ``k`` countries is stable when no signatory gains by leaving
and no outsider by joining.

The left panel follows the stable size and the gain from full cooperation
(relative to no agreement) as the cost-benefit ratio ``gamma = c/b`` grows,
for 20 countries. The right panel plots one against the other, with
:func:`coopgame.plot.paradox_plot`, for 5, 20 and 100 countries:
the agreement is large only where cooperation would add little, and when the
stakes are high only two or three countries sign. The dotted line marks two
countries, the most a Cournot coalition (one that does not lead) ever
reaches (claim C11).
"""

import matplotlib.pyplot as plt
import numpy as np

from coopgame.coalitions.agreements import paradox_of_cooperation
from coopgame.plot.agreements import paradox_plot

gammas = np.logspace(-3, 3, 61)
data = paradox_of_cooperation(20, gammas)
print(data)
print(data.to_frame().iloc[::10].to_string(index=False))

# %%
# Stable size and the gain from cooperation across gamma, then one against the other.
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
left.step(data.gamma, data.stable_size, where="post", color="tab:blue", lw=2, label="stable agreement size k*")
left.set_xscale("log")
left.set_xlabel(r"cost-benefit ratio $\gamma = c/b$")
left.set_ylabel("stable size k* (of 20)", color="tab:blue")
gain = left.twinx()
gain.plot(data.gamma, data.relative_gain, color="tab:red", lw=2, ls="--", label="gain from full cooperation")
gain.set_yscale("log")
gain.set_ylabel("(W(n) - W(0)) / W(0)", color="tab:red")
left.set_title("20 countries: size falls as the stakes rise")

paradox_plot(n=(5, 20, 100), gammas=gammas, ax=right)
right.axhline(2, color="grey", lw=0.8, ls=":")  # Cournot coalitions never exceed 2 (claim C11)
fig.tight_layout()
plt.show()
