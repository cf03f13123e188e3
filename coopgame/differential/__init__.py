"""Differential games of pollution stocks: cooperative, open-loop and feedback solutions, time-consistent payments."""

from coopgame.differential.cooperative import cooperative_solution
from coopgame.differential.feedback import feedback_nash
from coopgame.differential.game import DifferentialGame
from coopgame.differential.open_loop import open_loop_nash
from coopgame.differential.payments import PaymentSchedule, coalition_worths, time_consistent_payments
from coopgame.differential.solution import DifferentialSolution, LinearSolution, Path, SteadyState
from coopgame.differential.stackelberg import CentralTax, central_tax_rule
from coopgame.differential.steady_sweep import steady_states_sweep

__all__ = ["DifferentialGame", "cooperative_solution", "open_loop_nash", "feedback_nash", "DifferentialSolution",
           "LinearSolution", "Path", "SteadyState", "time_consistent_payments", "PaymentSchedule", "coalition_worths",
           "central_tax_rule", "CentralTax", "steady_states_sweep"]
