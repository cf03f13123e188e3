"""
The shallow lake's steady states
================================

Communities load phosphorus into a shallow lake that recycles it
(``models.shallow_lake``; Maler, Xepapadeas and de Zeeuw 2003). With
``b = 0.6`` the lake has a clear and a turbid regime. The open-loop Nash
equilibrium of two communities has three steady states, a clear saddle, an
unstable point between the basins and a turbid saddle, while cooperation
keeps the lake clear with a single steady state. The grey curve is the
loading that keeps each phosphorus level constant; steady states lie on it.
"""

import matplotlib.pyplot as plt

from coopgame.differential import cooperative_solution, open_loop_nash
from coopgame.models import shallow_lake
from coopgame.plot.differential import steady_states_plot

lake = shallow_lake(n=2).numeric()
ax = steady_states_plot([cooperative_solution(lake), open_loop_nash(lake)], stock_range=(0, 2.2))
ax.set_title("Steady states of the shallow lake")
plt.show()
