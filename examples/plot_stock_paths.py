"""
Free-riding on a pollution stock
================================

Two regions emit into a shared stock that decays at rate ``delta = 1/10``
(``models.stock_pollution``, van der Ploeg and de Zeeuw 1992). The left
panel shows the stock from a clean start under the cooperative solution,
the open-loop Nash equilibrium (each region commits to a time path) and the
feedback Nash equilibrium (emission rules of the current stock): free-riding
on a stock is worst under feedback rules (claim C19 of
docs/explanation/claims.md). The right panel shows the time-consistent
payment flows that keep two regions with unequal damages in the agreement
(Petrosyan and Zaccour 2003).
"""

import matplotlib.pyplot as plt

from coopgame.differential import cooperative_solution, feedback_nash, open_loop_nash, time_consistent_payments
from coopgame.models import stock_pollution
from coopgame.plot.differential import payment_schedule_plot, stock_paths_plot

game = stock_pollution(n=2).numeric()
solutions = [cooperative_solution(game), open_loop_nash(game), feedback_nash(game)]
plan = time_consistent_payments(stock_pollution(n=2, unequal=True).numeric(), x0=0)

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
stock_paths_plot(solutions, 0, 60, ax=left)
left.set_title("The stock under each solution")
payment_schedule_plot(plan, ax=right)
right.set_title("Time-consistent payments (unequal damages)")
fig.tight_layout()
plt.show()
