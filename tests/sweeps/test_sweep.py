"""Tests of coopgame.sweeps: grids, seeds, errors, executors, and the vectorised SymbolicGame sweep.

Oracles: itertools.product for the factorial grid; a direct loop calling the
function for the function sweep; ``game.subs(point)`` (exact) followed by
``pure_equilibria``, ``stability`` and ``mixed_equilibria`` for the game
sweep; ``threshold(...).evaluate`` for threshold columns.
"""

from __future__ import annotations

import _thread
import concurrent.futures as cf
import itertools
import math
import threading
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.dynamics import stability
from coopgame.equilibria.conditions import threshold
from coopgame.equilibria.mixed import mixed_equilibria
from coopgame.equilibria.pure import pure_equilibria
from coopgame.errors import (
    InvalidArgumentError,
    NotSupportedError,
    UnresolvedParameterError,
)
from coopgame.games.symbolic import SymbolicGame
from coopgame.models import inspection
from coopgame.sweeps import NO_PURE_EQUILIBRIUM, grid_points, point_seed, sweep
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
    with cf.ProcessPoolExecutor(1) as pool, pytest.raises(InvalidArgumentError, match="picklable function"):
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


# ---------------------------------------------------------------- SymbolicGame sweeps: the loop oracle
def _label(game, idx):
    return "(" + ", ".join(game.actions[p][k] for p, k in enumerate(idx)) + ")"


def _oracle(game, point):
    """Exact loop: substitute the point, then pure_equilibria (ties count, compared exactly)."""
    g = game.subs({k: Fraction(v) for k, v in point.items()})
    eqs = pure_equilibria(g)
    idxs = [tuple(int(np.argmax([float(x) for x in s])) for s in e.strategies) for e in eqs]
    label = " | ".join(_label(game, i) for i in idxs) if idxs else NO_PURE_EQUILIBRIUM
    return g, label, [tuple(e.payoffs) for e in eqs]


def _check_rows(game, frame, result, corners=False, mixed=False):
    assert list(result.columns[:len(frame.columns)]) == list(frame.columns)
    for k, point in enumerate(frame.to_dict("records")):
        g, label, payoffs = _oracle(game, point)
        row = result.iloc[k]
        assert row["equilibria"] == label, (point, row["equilibria"], label)
        assert row["pure equilibria"] == len(payoffs)
        assert row["error"] is None
        for j, pay in enumerate(payoffs):
            for p, player in enumerate(game.players):
                col = f"payoff: {player}" if j == 0 else f"payoff {j + 1}: {player}"
                assert row[col] == float(pay[p])  # dyadic values: float evaluation is exact
        if not payoffs:
            assert math.isnan(row[f"payoff: {game.players[0]}"])
        if corners:
            stable = []
            for idx in np.ndindex(*game.shape):
                res = stability(g, [game.actions[p][i] for p, i in enumerate(idx)])
                if res.classification == "stable":
                    stable.append(_label(game, idx))
            assert row["stable corners"] == (" | ".join(stable) if stable else "none"), point
        if mixed:
            if payoffs:
                assert math.isnan(row[f"mixed: {game.players[0]} plays {game.actions[0][0]}"])
            else:
                (eq,) = mixed_equilibria(g)  # no pure equilibrium: a unique, completely mixed one
                assert row[f"mixed: {game.players[0]} plays {game.actions[0][0]}"] == pytest.approx(float(eq.strategies[0][0]))
                assert row[f"mixed: {game.players[1]} plays {game.actions[1][0]}"] == pytest.approx(float(eq.strategies[1][0]))


@st.composite
def games_and_points(draw, shapes=((2, 2), (2, 3), (3, 2))):
    game = draw(symbolic_games(shapes=shapes))
    names = [s.name for s in game.parameters]
    count = draw(st.integers(1, 6))
    rows = [{n: draw(dyadic_values) for n in names} for _ in range(count)]
    return game, pd.DataFrame(rows, columns=names)


@settings(max_examples=40, deadline=None)
@given(games_and_points())
def test_game_sweep_agrees_with_subs_and_pure_equilibria(case):
    game, frame = case
    two_by_two = tuple(game.shape) == (2, 2)
    result = sweep(game, frame, corners=two_by_two, mixed=two_by_two, progress=False)
    _check_rows(game, frame, result, corners=two_by_two, mixed=two_by_two)


@settings(max_examples=15, deadline=None)
@given(games_and_points(shapes=((2, 2, 2),)))
def test_three_player_game_sweep_agrees_with_the_loop(case):
    game, frame = case
    result = sweep(game, frame, corners=True, progress=False)
    _check_rows(game, frame, result, corners=True)


def test_ties_everywhere_make_every_profile_an_equilibrium():
    result = sweep(SymbolicGame([[["a", "a"], ["a", "a"]], [["b", "b"], ["b", "b"]]],
                                actions=[["U", "D"], ["L", "R"]]), {"a": [1], "b": [2]}, corners=True)
    assert result["equilibria"][0] == "(U, L) | (U, R) | (D, L) | (D, R)"
    assert result["pure equilibria"][0] == 4
    assert [c for c in result.columns if c.startswith("payoff")] == [
        f"payoff{'' if k == 0 else ' ' + str(k + 1)}: {p}" for k in range(4) for p in ("Player 1", "Player 2")]
    assert result["stable corners"][0] == "none"  # zero eigenvalues: not asymptotically stable


def test_tie_on_a_grid_boundary_is_an_equilibrium_like_pure_equilibria():
    # prisoner's dilemma with a fine F on defection: at F = T - R = 2 cooperation ties with defection
    pd_game = SymbolicGame([[[3, "-F"], ["5 - F", "1 - F"]], [[3, "5 - F"], ["-F", "1 - F"]]],
                           actions=[["C", "D"]] * 2)
    frame = pd.DataFrame({"F": [Fraction(1), Fraction(2), Fraction(5, 2)]})
    result = sweep(pd_game, frame, corners=True, mixed=True)
    _check_rows(pd_game, frame, result, corners=True, mixed=True)
    assert list(result["equilibria"]) == ["(D, D)", "(C, C) | (D, D)", "(C, C) | (D, D)"]


def test_game_sweep_categories_are_ordered_and_categorical():
    result = sweep(inspection(), {"F": np.linspace(1, 10, 10), "rho": [0.25, 0.5, 1.0]})
    assert isinstance(result["equilibria"].dtype, pd.CategoricalDtype)
    cats = list(result["equilibria"].cat.categories)
    assert cats[0] == NO_PURE_EQUILIBRIUM


# ---------------------------------------------------------------- published: the inspection game (Tsebelis 1989; claim C5)
def test_published_inspection_game_regimes_and_mixed_rates():
    """Tsebelis (1989); Avenhaus, von Stengel and Zamir (2002): x* = k/(rho B), y* = dc/(rho F) when rho F > dc."""
    F = np.array([1.0, 3.0, 5.0, 8.0, 12.0])
    rho = np.array([0.3, 0.5, 0.9])
    result = sweep(inspection(), {"F": F, "rho": rho}, mixed=True,
                   thresholds=[("F", ("False", "Inspect")), ("F", ("Real", "Inspect"))])
    dc, k, B = 2, 1, 4
    seen = set()
    for row in result.to_dict("records"):
        f, r = row["F"], row["rho"]
        if r * f > dc and r * B > k:
            assert row["equilibria"] == NO_PURE_EQUILIBRIUM
            assert row["mixed: Local government plays Real"] == pytest.approx(1 - k / (r * B))
            assert row["mixed: Central government plays Inspect"] == pytest.approx(dc / (r * f))
            seen.add("mixed")
        elif r * f < dc and r * B > k:
            assert row["equilibria"] == "(False, Inspect)"
            assert row["payoff: Local government"] == pytest.approx(dc - r * f)
            assert row["payoff: Central government"] == pytest.approx(r * B - k)
            seen.add("pure")
    assert seen == {"mixed", "pure"}
    # (False, Inspect) is an equilibrium for fines up to dc/rho; (Real, Inspect) never is (the centre would trust)
    np.testing.assert_allclose(result["F upper bound (False, Inspect) nash"], dc / result["rho"])
    assert (result["F threshold (False, Inspect) nash"] == 0).all()
    assert result["F threshold (Real, Inspect) nash"].isna().all()


def test_threshold_column_agrees_with_threshold_evaluate():
    pd_game = SymbolicGame([[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]], actions=[["C", "D"]] * 2)
    from coopgame.mechanisms.instruments import Penalty

    fined = pd_game.apply(Penalty(0, "D", "F", detection="rho"), Penalty(1, "D", "F", detection="rho"))
    grid = {"F": [0.0, 4.0], "rho": [0.25, 0.5, 1.0], "S": [-2.0, 0.0], "T": [5.0], "R": [3.0], "P": [1.0]}
    result = sweep(fined, grid, thresholds=[("F", ("C", "C")), ("F", ("C", "C"), "dominant")])
    nash = threshold(fined, ("C", "C"), "F")
    dom = threshold(fined, ("C", "C"), "F", concept="dominant")
    for row in result.to_dict("records"):
        vals = {k: row[k] for k in ("rho", "S", "T", "R", "P")}
        assert row["F threshold (C, C) nash"] == pytest.approx(nash.evaluate(**vals))
        assert row["F threshold (C, C) dominant"] == pytest.approx(dom.evaluate(**vals))
        # and the threshold is where (C, C) starts to be an equilibrium
        assert ("(C, C)" in row["equilibria"]) == (row["F"] >= row["F threshold (C, C) nash"])


def test_game_parameters_default_and_are_checked():
    game = inspection()
    result = sweep(game, {"F": [8]})
    assert result["equilibria"][0] == NO_PURE_EQUILIBRIUM  # rho = 1/2, dc = 2: rho F = 4 > dc
    with pytest.raises(InvalidArgumentError, match="among the game's"):
        sweep(game, {"fine": [8]})
    no_defaults = SymbolicGame([[["a", 0], [0, "b"]], [["a", 0], [0, "b"]]])
    with pytest.raises(UnresolvedParameterError, match="missing"):
        sweep(no_defaults, {"a": [1]})
    with pytest.raises(NotSupportedError, match="2x2"):
        sweep(SymbolicGame([[["a", 0, 1], [0, "a", 1]], [["a", 0, 1], [0, "a", 1]]]), {"a": [1]}, mixed=True)
    with pytest.raises(InvalidArgumentError, match="threshold"):
        sweep(game, {"F": [8]}, thresholds=[("F",)])


def test_non_finite_payoffs_are_an_error_at_that_point():
    game = SymbolicGame([[["1/(a - 1)", 0], [0, 1]], [[1, 0], [0, 1]]])
    result = sweep(game, {"a": [0.5, 1.0, 2.0]})
    assert result["error"].tolist() == [None, "non-finite payoffs at this point", None]
    assert pd.isna(result["equilibria"][1]) and pd.isna(result["pure equilibria"][1])
    assert list(result["equilibria"][[0, 2]]) == ["(2, 2)", "(1, 1) | (2, 2)"]


def test_game_sweep_on_process_pool_equals_serial():
    game = inspection()
    grid = {"F": np.linspace(0.5, 12, 23), "rho": np.linspace(0.05, 1, 11), "B": [0.5, 4.0]}
    options = {"mixed": True, "corners": True, "thresholds": [("F", ("False", "Inspect"))]}
    serial = sweep(game, grid, **options)
    assert serial["equilibria"].nunique() >= 3 and serial["stable corners"].nunique() >= 2
    with cf.ProcessPoolExecutor(2) as pool:
        parallel = sweep(game, grid, executor=pool, chunksize=37, timeout=120, **options)
    pd.testing.assert_frame_equal(serial, parallel)
    chunked = sweep(game, grid, chunksize=5, **options)
    pd.testing.assert_frame_equal(serial, chunked)


# ---------------------------------------------------------------- a Dask cluster on this machine
def test_dask_local_cluster_equals_serial():
    """Two worker processes, one thread each: the same frame as the serial sweep, function and game alike."""
    distributed = pytest.importorskip("distributed")
    import logging

    grid = {"F": [1.0, 2.0, 4.0], "rho": [0.25, 0.5, 1.0], "samples": [200]}
    serial = sweep(monte_carlo, grid, seed=2026, progress=False)
    game_grid = {"F": np.linspace(0.5, 12, 12), "rho": np.linspace(0.05, 1, 10)}
    game_serial = sweep(inspection(), game_grid, mixed=True, corners=True)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR, death_timeout=60) as cluster, \
            distributed.Client(cluster, timeout=60) as client:
        executor = client.get_executor()
        clustered = sweep(monte_carlo, grid, seed=2026, executor=executor, chunksize=2, progress=False, timeout=120)
        game_clustered = sweep(inspection(), game_grid, executor=executor, chunksize=25, mixed=True, corners=True,
                               progress=False, timeout=120)
        lambdas = sweep(lambda F, rho: F * rho, {"F": [1, 2], "rho": [0.5]}, executor=executor, timeout=120)
    pd.testing.assert_frame_equal(serial, clustered)
    pd.testing.assert_frame_equal(game_serial, game_clustered)
    assert lambdas["value"].tolist() == [0.5, 1.0]  # Dask pickles lambdas with cloudpickle


def test_long_serial_game_sweeps_are_solved_in_bounded_chunks(monkeypatch):
    from coopgame.sweeps import runner, symbolic

    grid = {"F": np.linspace(0.5, 12, 30), "rho": np.linspace(0.05, 1, 11)}
    whole = sweep(inspection(), grid, corners=True, mixed=True)
    monkeypatch.setattr(symbolic, "GAME_CHUNK", 7)
    assert len(runner.chunk_ranges(330, None, None, minimum=10_000, cap=symbolic.GAME_CHUNK)) == 48
    pd.testing.assert_frame_equal(whole, sweep(inspection(), grid, corners=True, mixed=True))


# ---------------------------------------------------------------- limits and hostile values (issue: every bad input typed)
def test_huge_factorial_grids_are_refused_before_any_point_is_built():
    from coopgame.errors import SolverLimitError

    with pytest.raises(SolverLimitError, match="max_points=10,000,000"):
        grid_points({"a": range(10**30), "b": [1, 2]})  # a lazy range: the product is computed, nothing built
    with pytest.raises(SolverLimitError, match="max_points=5"):
        sweep(plain, {"a": [1, 2, 3], "b": [1, 2]}, max_points=5)
    assert len(sweep(plain, {"a": [1, 2, 3], "b": [1, 2]}, max_points=6, progress=False)) == 6
    with pytest.raises(SolverLimitError, match="number of values of 'a'"):
        grid_points({"a": iter(range(100)), "b": [1]}, max_points=10)  # an iterator: read up to the limit only
    with pytest.raises(SolverLimitError):
        grid_points(pd.DataFrame({"a": range(11)}), max_points=10)


def test_huge_integers_stay_exact_in_function_sweeps_and_are_refused_by_game_sweeps():
    big = 10**400
    out = sweep(plain, {"a": [big], "b": [1]}, progress=False)
    assert out["value"].tolist() == [big] and out["error"].tolist() == [None]
    assert point_seed(1, {"a": 10**5000}) != point_seed(1, {"a": 10**5000 + 1})  # beyond int-to-str limits
    with pytest.raises(InvalidArgumentError, match="'F'.*at most 300 digits"):
        sweep(inspection(), {"F": [big], "rho": [0.5]})


@pytest.mark.parametrize("kwargs", [{"progress": "yes"}, {"chunksize": 0}, {"chunksize": 1.5}, {"timeout": -1},
                                    {"timeout": float("nan")}, {"executor": "pool"}, {"max_points": True}])
def test_bad_options_are_typed_errors(kwargs):
    with pytest.raises(InvalidArgumentError):
        sweep(plain, {"a": [1], "b": [2]}, **kwargs)


@pytest.mark.parametrize("kwargs", [{"thresholds": 5}, {"thresholds": "F"}, {"thresholds": [("F",)]},
                                    {"corners": "yes"}, {"mixed": 1}])
def test_bad_game_sweep_options_are_typed_errors(kwargs):
    with pytest.raises(InvalidArgumentError):
        sweep(inspection(), {"F": [1, 2]}, **kwargs)


@pytest.mark.parametrize("values", [[1 + 2j], [True, False], ["a"], [Fraction(1, 3), 10**400]])
def test_game_sweep_values_that_are_not_real_floats_are_refused(values):
    with pytest.raises(InvalidArgumentError, match="'F'"):
        sweep(inspection(), {"F": values})


@pytest.mark.parametrize("point", [None, 5, ["F"], {1: 2}])
def test_point_seed_needs_a_mapping_of_names(point):
    with pytest.raises(InvalidArgumentError, match="point_seed"):
        point_seed(1, point)


def test_progress_bar_when_asked(capsys):
    sweep(plain, {"a": list(range(5)), "b": [1]}, progress=True)
    assert "5/5" in capsys.readouterr().err


_calls: list[int] = []
_release = threading.Event()


def interrupted(a):
    """Ctrl-C while the sweep runs at a == 3: in this thread, or sent to the main thread from a worker."""
    _calls.append(a)
    if a == 3:
        if threading.current_thread() is threading.main_thread():
            raise KeyboardInterrupt
        _thread.interrupt_main()  # what a Ctrl-C does to a sweep waiting on its executor
        _release.wait(30)
    return a


@pytest.mark.parametrize("threads", [False, True])
def test_keyboard_interrupt_stops_the_sweep_and_the_executor(threads):
    _calls.clear()
    _release.clear()
    if not threads:
        with pytest.raises(KeyboardInterrupt):
            sweep(interrupted, {"a": list(range(100))}, chunksize=1, progress=False)
        assert _calls == [0, 1, 2, 3]  # nothing after the interrupt
        return
    pool = cf.ThreadPoolExecutor(max_workers=1)
    try:
        with pytest.raises(KeyboardInterrupt):
            sweep(interrupted, {"a": list(range(100))}, executor=pool, chunksize=1, progress=False)
    finally:
        _release.set()
    pool.shutdown(wait=True)
    assert _calls == [0, 1, 2, 3]  # the chunks not started were cancelled
    with pytest.raises(RuntimeError, match="shutdown"):
        pool.submit(plain, 1, 2)  # the executor was shut down
