"""Tests of coopgame.sweep: grids, seeds, errors, executors, and the vectorised SymbolicGame sweep.

Oracles: itertools.product for the factorial grid; a direct loop calling the
function for the function sweep; ``game.subs(point)`` (exact) followed by
``pure_equilibria``, ``stability`` and ``mixed_equilibria`` for the game
sweep; ``threshold(...).evaluate`` for threshold columns.
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.dynamics.stability import stability
from coopgame.equilibria.conditions import threshold
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.equilibria.pure import pure_equilibria
from coopgame.errors import InvalidArgumentError, NotSupportedError, UnresolvedParameterError
from coopgame.games.symbolic import SymbolicGame
from coopgame.models.inspection import inspection
from coopgame.sweep import NO_PURE_EQUILIBRIUM, grid_points, point_seed, sweep
from tests.strategies_symbolic import dyadic_values, symbolic_games

GRID = {"a": [1, 2, 3], "b": [0.5, 1.5], "c": ["x", "y"]}


# ---------------------------------------------------------------- functions sent to executors (top level: picklable)
def noisy(a, b, c, seed):
    """Uses its seed; fails at one point."""
    if a == 2 and c == "y":
        raise ValueError(f"no value at a={a}, c={c}")
    rng = np.random.default_rng(seed)
    return {"draw": float(rng.random()), "sum": a + b, "label": f"{c}{a}"}


def with_rng(a, b, rng):
    return float(rng.normal()) + a * b


def plain(a, b):
    return a * b


def monte_carlo(F, rho, samples, seed):
    """Share of detected violations in ``samples`` simulated inspections (a Monte Carlo function)."""
    rng = np.random.default_rng(seed)
    return {"detected": float(np.mean(rng.random(samples) < rho)), "expected fine": F * rho}


def _loop(function, grid):
    rows = []
    for values in itertools.product(*grid.values()):
        point = dict(zip(grid, values))
        rows.append((point, function(**point)))
    return rows


# ---------------------------------------------------------------- grids
def test_full_factorial_in_product_order():
    points = grid_points(GRID)
    expected = list(itertools.product(*GRID.values()))
    assert list(points.columns) == ["a", "b", "c"]
    assert [tuple(r) for r in points.itertuples(index=False)] == expected
    assert points["a"].dtype.kind == "i" and points["b"].dtype.kind == "f"


def test_scalar_grid_value_is_one_value():
    points = grid_points({"a": [1, 2], "b": 5})
    assert points["b"].tolist() == [5, 5]


def test_function_sweep_matches_direct_loop():
    result = sweep(plain, {"a": [1, 2, 3], "b": [0.5, 1.5]}, progress=False)
    expected = [(p["a"], p["b"], v) for p, v in _loop(plain, {"a": [1, 2, 3], "b": [0.5, 1.5]})]
    assert list(result.columns) == ["a", "b", "value", "error"]
    assert [tuple(r) for r in result[["a", "b", "value"]].itertuples(index=False)] == expected
    assert result["error"].isna().all()
    assert result.attrs["parameters"] == ["a", "b"]


def test_dict_results_expand_to_columns_after_parameters():
    result = sweep(noisy, GRID, seed=1, progress=False)
    assert list(result.columns) == ["a", "b", "c", "draw", "sum", "label", "error"]
    ok = result["error"].isna()
    assert (result.loc[ok, "sum"] == result.loc[ok, "a"] + result.loc[ok, "b"]).all()


def test_dataframe_grid_keeps_points_and_order():
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"b": rng.random(7), "a": rng.integers(0, 5, 7)}, index=list("pqrstuv"))
    result = sweep(plain, frame, progress=False)
    assert list(result.columns[:2]) == ["b", "a"]
    assert list(result.index) == list(range(7))
    np.testing.assert_array_equal(result["value"].to_numpy(), frame["a"].to_numpy() * frame["b"].to_numpy())


def test_empty_dataframe_grid_gives_empty_result():
    result = sweep(plain, pd.DataFrame({"a": [], "b": []}), progress=False)
    assert len(result) == 0 and list(result.columns[:2]) == ["a", "b"] and "error" in result


# ---------------------------------------------------------------- errors
def test_failures_are_recorded_not_fatal():
    result = sweep(noisy, GRID, seed=0, progress=False)
    bad = (result["a"] == 2) & (result["c"] == "y")
    assert bad.sum() == 2
    assert (result.loc[bad, "error"] == "ValueError: no value at a=2, c=y").all()
    assert result.loc[bad, "draw"].isna().all()
    assert result.loc[~bad, "error"].isna().all() and result.loc[~bad, "draw"].notna().all()


def test_every_point_failing_still_returns_a_frame():
    def fails(a):
        raise RuntimeError("boom")

    result = sweep(fails, {"a": [1, 2]}, progress=False)
    assert list(result.columns) == ["a", "error"]
    assert result["error"].tolist() == ["RuntimeError: boom"] * 2


@pytest.mark.parametrize("grid, match", [
    ({}, "at least one parameter"),
    ({"a": []}, "at least one value for 'a'"),
    ({1: [1]}, "identifiers"),
    ({"a": {1: 2}}, "sequence of values"),
    ([1, 2, 3], "mapping from parameter names"),
    (pd.DataFrame([[1, 2]], columns=["a", "a"]), "distinct column names"),
])
def test_bad_grids_raise_typed_errors(grid, match):
    with pytest.raises(InvalidArgumentError, match=match):
        sweep(plain, grid, progress=False)


def test_bad_options_raise_typed_errors():
    with pytest.raises(InvalidArgumentError, match="progress"):
        sweep(plain, {"a": [1], "b": [1]}, progress="yes")
    with pytest.raises(InvalidArgumentError, match="chunksize"):
        sweep(plain, {"a": [1], "b": [1]}, chunksize=0, progress=False)
    with pytest.raises(InvalidArgumentError, match="function or a SymbolicGame"):
        sweep(42, {"a": [1]}, progress=False)
    with pytest.raises(InvalidArgumentError, match="SymbolicGame sweeps"):
        sweep(plain, {"a": [1], "b": [1]}, corners=True, progress=False)
    with pytest.raises(InvalidArgumentError, match="seed"):
        sweep(noisy, GRID, seed="abc", progress=False)
    with pytest.raises(InvalidArgumentError, match="timeout"):
        sweep(plain, {"a": [1], "b": [1]}, timeout=-1, progress=False)


def test_result_keys_clashing_with_parameters_are_refused():
    def echo(a):
        return {"a": a}

    with pytest.raises(InvalidArgumentError, match="rename"):
        sweep(echo, {"a": [1]}, progress=False)


def test_unpicklable_function_for_process_pool_is_refused_clearly():
    with cf.ProcessPoolExecutor(1) as pool:
        with pytest.raises(InvalidArgumentError, match="picklable function"):
            sweep(lambda a: a, {"a": [1, 2]}, executor=pool, progress=False)


# ---------------------------------------------------------------- seeds
def test_seed_is_derived_from_seed_and_point():
    def report(a, b, seed):
        return seed

    result = sweep(report, {"a": [1, 2], "b": [0.5]}, seed=7, progress=False)
    assert result["value"].tolist() == [point_seed(7, {"a": 1, "b": 0.5}), point_seed(7, {"a": 2, "b": 0.5})]
    assert len(set(result["value"])) == 2
    other = sweep(report, {"a": [1, 2], "b": [0.5]}, seed=8, progress=False)
    assert not set(other["value"]) & set(result["value"])


def test_seeds_do_not_depend_on_order_chunking_or_number_type():
    a = sweep(noisy, GRID, seed=5, progress=False)
    b = sweep(noisy, {"c": GRID["c"], "b": GRID["b"], "a": GRID["a"]}, seed=5, progress=False, chunksize=1)
    merged = a.merge(b, on=["a", "b", "c"], suffixes=("", "_b"))
    assert len(merged) == len(a)
    np.testing.assert_array_equal(merged["draw"].to_numpy(), merged["draw_b"].to_numpy())
    assert point_seed(5, {"a": 1}) == point_seed(5, {"a": 1.0}) == point_seed(5, {"a": Fraction(1)}) \
        == point_seed(5, {"a": np.int64(1)})
    assert point_seed(5, {"a": 0.1}) != point_seed(5, {"a": Fraction(1, 10)})  # 0.1 is not 1/10 exactly


def test_rng_argument_gets_a_generator_from_the_point_seed():
    result = sweep(with_rng, {"a": [1, 2], "b": [3]}, seed=11, progress=False)
    for row in result.itertuples():
        rng = np.random.default_rng(point_seed(11, {"a": row.a, "b": row.b}))
        assert row.value == rng.normal() + row.a * row.b


def test_seed_none_is_fresh_but_consistent_within_a_sweep():
    result = sweep(monte_carlo, {"F": [1, 1], "rho": [0.5], "samples": [50]}, progress=False)
    assert result["detected"].iloc[0] == result["detected"].iloc[1]  # same point, same seed


def test_generator_seed_is_accepted():
    result = sweep(monte_carlo, {"F": [1], "rho": [0.5], "samples": [10]}, seed=np.random.default_rng(1), progress=False)
    assert result["error"].isna().all()


# ---------------------------------------------------------------- progress
def test_progress_false_prints_nothing(capsys):
    sweep(plain, {"a": list(range(300)), "b": [1]}, progress=False)
    assert capsys.readouterr().err == ""


def test_progress_default_is_off_when_not_interactive(capsys):
    sweep(plain, {"a": list(range(300)), "b": [1]})
    assert capsys.readouterr().err == ""


def test_progress_true_shows_a_bar(capsys):
    sweep(plain, {"a": list(range(300)), "b": [1]}, progress=True)
    err = capsys.readouterr().err
    assert "300/300" in err


# ---------------------------------------------------------------- executors
def test_process_pool_equals_serial():
    serial = sweep(noisy, GRID, seed=3, progress=False)
    with cf.ProcessPoolExecutor(2) as pool:
        parallel = sweep(noisy, GRID, seed=3, executor=pool, progress=False, chunksize=2, timeout=120)
        default_chunks = sweep(noisy, GRID, seed=3, executor=pool, progress=False, timeout=120)
    pd.testing.assert_frame_equal(serial, parallel)
    pd.testing.assert_frame_equal(serial, default_chunks)


def test_thread_pool_equals_serial_and_accepts_local_functions():
    def local(a, b, c, seed):
        return noisy(a, b, c, seed)

    serial = sweep(local, GRID, seed=4, progress=False)
    with cf.ThreadPoolExecutor(2) as pool:
        threaded = sweep(local, GRID, seed=4, executor=pool, progress=False, chunksize=3)
    pd.testing.assert_frame_equal(serial, threaded)


def test_not_an_executor_is_refused():
    with pytest.raises(InvalidArgumentError, match="Executor"):
        sweep(plain, {"a": [1], "b": [2]}, executor="pool", progress=False)
