"""Steady states over parameter points, against the one-point solver."""

from __future__ import annotations

import numpy as np
import pytest

from coopgame.differential import cooperative_solution, open_loop_nash, steady_states_sweep
from coopgame.errors import InvalidArgumentError, InvalidGameTypeError, NotSupportedError, SolverLimitError
from coopgame.models import shallow_lake, stock_pollution


@pytest.mark.parametrize("concept, solver", [("open-loop Nash", open_loop_nash), ("cooperative", cooperative_solution)])
def test_sweep_agrees_with_exact_root_isolation(concept, solver):
    game = shallow_lake(n=2).subs(c=1, r="3/100")
    bs = [0.45, 0.52, 0.55, 0.6, 0.62, 0.7, 0.8]
    frame = steady_states_sweep(game, {"b": bs}, concept)
    for b, states, kinds in zip(bs, frame["states"], frame["kinds"]):
        one = solver(game.subs(b=b)).steady_states
        assert states == pytest.approx([float(s.state) for s in one], rel=1e-8)
        assert kinds == tuple(s.kind for s in one)
    assert set(frame["count"]) >= {1, 3} if concept == "open-loop Nash" else set(frame["count"]) >= {1}


def test_sweep_of_a_linear_quadratic_game():
    game = stock_pollution(n=2).subs(beta=0.05, delta=0.1, r=0.05)
    frame = steady_states_sweep(game, {"alpha": [1, 2]})
    assert frame["states"][1][0] == pytest.approx(2 * frame["states"][0][0])
    assert frame["states"][0][0] == pytest.approx(60 / 23)


def test_sweep_errors():
    game = shallow_lake(n=2).subs(c=1, r="3/100")
    with pytest.raises(InvalidArgumentError, match="missing"):
        steady_states_sweep(game, {})
    with pytest.raises(InvalidArgumentError, match="unknown"):
        steady_states_sweep(game, {"b": [0.6], "q": [1]})
    with pytest.raises(InvalidArgumentError, match="one length"):
        steady_states_sweep(shallow_lake(n=2).subs(r="3/100"), {"b": [0.6, 0.7], "c": [1]})
    with pytest.raises(InvalidArgumentError, match="finite"):
        steady_states_sweep(game, {"b": [np.nan]})
    with pytest.raises(SolverLimitError, match="max_points"):
        steady_states_sweep(game, {"b": np.linspace(0.5, 0.6, 11)}, max_points=10)
    with pytest.raises(InvalidArgumentError, match="did you mean"):
        steady_states_sweep(game, {"b": [0.6]}, "cooperativ")
    with pytest.raises(InvalidGameTypeError):
        steady_states_sweep("lake", {"b": [0.6]})  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="mapping"):
        steady_states_sweep(game, [0.6])  # type: ignore[arg-type]
    from coopgame.differential import DifferentialGame

    exp_game = DifferentialGame(1, "x", ["a"], "a - b*x + 1 - exp(-x)", ["log(a) - x**2"], "1/10")
    with pytest.raises(NotSupportedError, match="rational"):
        steady_states_sweep(exp_game, {"b": [0.5]})
