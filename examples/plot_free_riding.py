"""
Free-riding gets harder to stop as regions multiply
===================================================

In the binary public-goods game each region governs at cost ``c`` or
free-rides, and every unit spent creates ``r`` units of benefit shared by all
``N`` regions. A governing region recovers only ``r/N`` of its own spending,
so the least expected fine (or subsidy) that makes governing dominant is
``c (1 - r/N)``, computed here from an anonymous ``SymmetricGame`` for each
``N``.

The right panel shows the discount factor regions need to sustain
cooperation by the grim trigger in repeated play,
``delta*(N) = (N - r) / (r (N - 1))``: for ``r > 1`` it rises with ``N``,
the group-size claim C2 of the claims page (docs/explanation/claims.md).
"""

from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np

import coopgame as cg


def public_goods(n, r, c=4):
    """The n-region binary public-goods game as an anonymous game."""

    def payoff(own, counts):
        governing = counts[0] + (own == 0)
        return r * c * governing / n - c * (own == 0)

    return cg.SymmetricGame(n, ["Govern", "Free-ride"], payoff)


def least_expected_fine(n, r, c=4):
    """What free-riding gains over governing, when everyone else governs."""
    game = public_goods(n, r, c)
    return float(game.payoff("Free-ride", (n - 1, 0)) - game.payoff("Govern", (n - 1, 0)))


sizes = np.arange(2, 61)
multipliers = [Fraction(3, 2), Fraction(2), Fraction(3)]

fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4))
for r in multipliers:
    ns = sizes[sizes > r]
    fines = [least_expected_fine(int(n), r) for n in ns]
    left.plot(ns, fines, lw=2, label=f"r = {r}")
    delta = (ns - float(r)) / (float(r) * (ns - 1))
    right.plot(ns, delta, lw=2, label=f"r = {r}")

left.axhline(4, color="grey", ls=":", lw=1)
left.text(sizes[-1], 4.05, "full cost c = 4", ha="right", va="bottom", fontsize="small")
left.set_xlabel("number of regions N")
left.set_ylabel(r"least expected fine $\rho F = c(1 - r/N)$")
left.set_title("The fine that ends free-riding")
left.legend(fontsize="small")

right.set_xlabel("number of regions N")
right.set_ylabel(r"critical discount factor $\delta^*(N)$")
right.set_title("Patience needed in repeated play")
right.set_ylim(0, 1)
right.legend(fontsize="small")
fig.tight_layout()
plt.show()
