"""
The fine does not change the violation rate in the inspection game
===================================================================

A local government implements an environmental agreement for real or only
on paper (saving ``dc``); the central government inspects at cost ``k`` and
uncovers a fake with probability ``rho``, which costs the local government a
fine ``F`` and brings the centre a benefit ``B``. The game has no pure
equilibrium; in its mixed equilibrium, found in closed form by
``coopgame.symbolic_mixed_equilibrium``, the share of false cooperation is
``k / (rho B)`` and the inspection rate ``dc / (rho F)``.

The figure draws both against the fine: the violation share is flat, the
inspection rate falls. A heavier fine lets the centre inspect less; it does
not make false cooperation rarer (Tsebelis's "penalty paradox"). The right
panel shows what does: better detection ``rho``, for instance from adding
supervisors, lowers the violation share.
"""

import matplotlib.pyplot as plt
import numpy as np
import sympy

import coopgame as cg

inspection = cg.SymbolicGame(
    [[[0, 0], ["dc - rho*F", "dc"]],
     [["-k", 0], ["rho*B - k", 0]]],
    players=["Local", "Centre"],
    actions=[["Real", "False"], ["Inspect", "Trust"]],
)
eq = cg.symbolic_mixed_equilibrium(inspection)
violation = eq.strategies[0][1]
inspection_rate = eq.strategies[1][0]
print("share of false cooperation:", violation)
print("inspection rate:", inspection_rate)
print("valid when:", eq.conditions)

# %%
# Turn the closed forms into numpy functions of the parameters, in the order
# of ``inspection.parameters`` (B, F, dc, k, rho).
params = inspection.parameters
x_of = sympy.lambdify(params, violation, modules="numpy")
y_of = sympy.lambdify(params, inspection_rate, modules="numpy")

values = dict(B=4.0, dc=1.0, k=1.0, rho=0.5)
fines = np.linspace(2.2, 12, 200)  # above dc / rho = 2, where the equilibrium is interior


def at(**kw):
    merged = {**values, **kw}
    return [merged[s.name] for s in params]


x = np.broadcast_to(x_of(*at(F=fines)), fines.shape)
y = y_of(*at(F=fines))

# Check two points against the numeric solver.
for fine in (4, 8):
    numeric = inspection.subs(dc=1, k=1, B=4, rho="1/2", F=fine)
    print(f"F = {fine}:", cg.mixed_equilibria(numeric)[0])

rhos = np.linspace(0.3, 1.0, 200)
x_rho = x_of(*at(F=6.0, rho=rhos))
y_rho = y_of(*at(F=6.0, rho=rhos))

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 4), sharey=True)
ax1.plot(fines, x, label="share of false cooperation $x^*$")
ax1.plot(fines, y, label="inspection rate $y^*$")
ax1.set_xlabel("fine $F$")
ax1.set_ylabel("equilibrium probability")
ax1.set_ylim(0, 1)
ax1.set_title(r"Raising the fine ($\rho = 1/2$)")
ax1.legend(loc="upper right", fontsize="small")
ax2.plot(rhos, x_rho, label="share of false cooperation $x^*$")
ax2.plot(rhos, y_rho, label="inspection rate $y^*$")
ax2.set_xlabel(r"detection probability $\rho$")
ax2.set_title("Improving detection ($F = 6$)")
ax2.legend(loc="upper right", fontsize="small")
fig.tight_layout()
plt.show()
