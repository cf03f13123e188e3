"""Tests of coopgame.plot.regime: the data drawn on the Axes, not pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from coopgame.errors import InvalidArgumentError
from coopgame.models import inspection
from coopgame.plot.regime import regime_map, threshold_columns, threshold_plot
from coopgame.sweeps import NO_PURE_EQUILIBRIUM, sweep

RHO = np.linspace(0.05, 1.0, 20)
F = np.linspace(0.5, 12.0, 24)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def inspection_sweep():
    return sweep(inspection(), {"rho": RHO, "F": F}, thresholds=[("F", ("False", "Inspect"))])


def test_regime_map_cells_hold_each_points_category(inspection_sweep):
    result = inspection_sweep
    ax = regime_map(result, "rho", "F")
    mesh = ax.collections[0]
    codes = np.asarray(mesh.get_array()).reshape(len(F), len(RHO))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    categories = [t for t in legend if " upper bound " not in t]
    # at rho = 1/4 the centre is indifferent (rho*B = k): both of its replies are equilibria
    assert categories == [NO_PURE_EQUILIBRIUM, "(False, Inspect)", "(False, Trust)",
                          "(False, Inspect) | (False, Trust)"]
    for row in result.to_dict("records"):
        i, j = int(np.searchsorted(F, row["F"])), int(np.searchsorted(RHO, row["rho"]))
        assert categories[int(codes[i, j])] == row["equilibria"]
    assert ax.get_xlabel() == "rho" and ax.get_ylabel() == "F"


def test_regime_map_overlays_the_known_threshold_curve(inspection_sweep):
    ax = regime_map(inspection_sweep, "rho", "F")
    (line,) = ax.lines  # the least value (0 everywhere) is not drawn; the upper bound dc/rho is
    assert line.get_label() == "F upper bound (False, Inspect) nash"
    x, y = line.get_xdata(), line.get_ydata()
    np.testing.assert_allclose(x, RHO)
    held = RHO * 4 >= 1  # (False, Inspect) needs rho*B >= k
    np.testing.assert_allclose(y[held], 2 / RHO[held])
    assert np.isnan(y[~held]).all()
    assert not regime_map(inspection_sweep, "rho", "F", thresholds=False).lines


def test_regime_map_threshold_on_the_x_axis_is_drawn_vertically(inspection_sweep):
    ax = regime_map(inspection_sweep, "F", "rho")
    (line,) = ax.lines
    np.testing.assert_allclose(line.get_ydata(), RHO)


def test_regime_map_legend_in_words_and_colours():
    result = sweep(inspection(), {"rho": [0.5, 1.0], "F": [1.0, 8.0]})
    words = {NO_PURE_EQUILIBRIUM: "inspect sometimes, cheat sometimes", "(False, Inspect)": "cheat, inspected"}
    ax = regime_map(result, "rho", "F", labels=words, colors={"(False, Inspect)": "red"})
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["inspect sometimes, cheat sometimes", "cheat, inspected"]
    assert ax.get_legend().get_title().get_text() == "equilibria"
    patch = ax.get_legend().legend_handles[1]
    assert matplotlib.colors.to_hex(patch.get_facecolor()) == "#ff0000"


def test_regime_map_leaves_failed_points_blank():
    frame = pd.DataFrame({"x": [0, 0, 1, 1], "y": [0, 1, 0, 1], "outcome": ["a", None, "b", "a"]})
    ax = regime_map(frame, "x", "y", "outcome")
    arr = ax.collections[0].get_array()
    assert np.ma.is_masked(arr) and arr.mask.reshape(2, 2)[1, 0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]


def test_regime_map_on_given_axes_returns_them():
    _fig, ax = plt.subplots()
    frame = pd.DataFrame({"x": [1.0, 2.0], "y": [1.0, 1.0], "outcome": ["a", "b"]})
    assert regime_map(frame, "x", "y", "outcome", ax=ax) is ax


def test_regime_map_refuses_varying_other_parameters_and_bad_input():
    result = sweep(inspection(), {"rho": [0.5, 1.0], "F": [1.0, 8.0], "B": [0.5, 4.0]})
    with pytest.raises(InvalidArgumentError, match="other parameters fixed"):
        regime_map(result, "rho", "F")
    ax = regime_map(result[result["B"] == 4.0], "rho", "F")
    assert len(ax.get_legend().get_texts()) == 2
    with pytest.raises(InvalidArgumentError, match="columns of the sweep result"):
        regime_map(result, "rho", "fine")
    with pytest.raises(InvalidArgumentError, match="two different"):
        regime_map(result, "rho", "rho")
    with pytest.raises(InvalidArgumentError, match="DataFrame"):
        regime_map([1, 2], "rho", "F")
    clash = pd.DataFrame({"x": [0, 0], "y": [0, 0], "outcome": ["a", "b"]})
    with pytest.raises(InvalidArgumentError, match="one value"):
        regime_map(clash, "x", "y", "outcome")
    many = pd.DataFrame({"x": np.arange(30), "y": np.zeros(30), "outcome": np.arange(30)})
    with pytest.raises(InvalidArgumentError, match="at most 20"):
        regime_map(many, "x", "y", "outcome")


def test_threshold_plot_draws_each_threshold_against_the_parameter():
    result = sweep(inspection(), {"rho": RHO, "dc": [1.0, 2.0, 3.0]}, thresholds=[("F", ("False", "Inspect"))])
    ax = threshold_plot(result, "rho", by="dc")
    assert len(ax.lines) == 3
    for line, dc in zip(ax.lines, (1.0, 2.0, 3.0)):
        assert line.get_label().endswith(f"dc = {dc}")
        x, y = line.get_xdata(), line.get_ydata()
        np.testing.assert_allclose(y, dc / x)
        np.testing.assert_allclose(x, RHO[RHO * 4 >= 1])
    assert ax.get_ylabel() == "F" and ax.get_xlabel() == "rho"


def test_threshold_plot_refuses_thresholds_that_vary_otherwise():
    result = sweep(inspection(), {"rho": RHO, "dc": [1.0, 2.0]}, thresholds=[("F", ("False", "Inspect"))])
    with pytest.raises(InvalidArgumentError, match="pass by="):
        threshold_plot(result, "rho")
    with pytest.raises(InvalidArgumentError, match="threshold columns"):
        threshold_plot(sweep(inspection(), {"rho": RHO}), "rho")


def test_threshold_columns_by_parameter(inspection_sweep):
    assert threshold_columns(inspection_sweep, "F") == ["F threshold (False, Inspect) nash",
                                                        "F upper bound (False, Inspect) nash"]
    assert threshold_columns(inspection_sweep, "rho") == []


# ---------------------------------------------------------------------- bad input found by fuzzing
@pytest.fixture(scope="module")
def small_sweep():
    return sweep(inspection(), {"rho": [0.25, 1.0], "dc": [1, 2]}, thresholds=[("F", ("False", "Inspect"))])


BAD_AXES = [True, 0, "ax", [], np.full((2, 2), np.nan), object()]


@pytest.mark.parametrize("ax", BAD_AXES)
def test_plots_refuse_what_is_not_matplotlib_axes(small_sweep, ax):
    from coopgame.errors import InvalidArgumentTypeError

    with pytest.raises(InvalidArgumentTypeError, match="regime_map: expected ax as matplotlib Axes"):
        regime_map(small_sweep, "rho", "dc", ax=ax)
    with pytest.raises(InvalidArgumentTypeError, match="threshold_plot: expected ax as matplotlib Axes"):
        threshold_plot(small_sweep, "rho", ax=ax)


@pytest.mark.parametrize("bad", [0, ["rho"], np.full((2, 2), np.nan), None])
def test_column_names_must_be_strings(small_sweep, bad):
    from coopgame.errors import InvalidArgumentTypeError

    with pytest.raises(InvalidArgumentTypeError, match="regime_map: expected x as a column name"):
        regime_map(small_sweep, bad, "dc")
    with pytest.raises(InvalidArgumentTypeError, match="threshold_plot: expected x as a column name"):
        threshold_plot(small_sweep, bad)
    if bad is not None:
        with pytest.raises(InvalidArgumentTypeError, match="threshold_plot: expected by as a column name"):
            threshold_plot(small_sweep, "rho", by=bad)


@pytest.mark.parametrize("columns", [0, "F threshold", 2.5, [["F"]], [None]])
def test_threshold_plot_columns_must_be_a_sequence_of_names(small_sweep, columns):
    from coopgame.errors import InvalidArgumentTypeError

    with pytest.raises(InvalidArgumentTypeError, match="threshold_plot: expected columns as"):
        threshold_plot(small_sweep, "rho", columns)


@pytest.mark.parametrize("labels", [3, ["a"], "words", np.full((2, 2), np.nan)])
def test_labels_must_be_a_mapping(small_sweep, labels):
    from coopgame.errors import InvalidArgumentTypeError

    with pytest.raises(InvalidArgumentTypeError, match="regime_map: expected labels as a mapping"):
        regime_map(small_sweep, "rho", "dc", labels=labels)
    with pytest.raises(InvalidArgumentTypeError, match="threshold_plot: expected labels as a mapping"):
        threshold_plot(small_sweep, "rho", labels=labels)


@pytest.mark.parametrize(("colors", "error"), [(3, "expected colors as"), ("red", "expected colors as"),
                                               (["not a colour"] * 5, "expected matplotlib colours"),
                                               ({"x": "not a colour"}, "expected matplotlib colours")])
def test_regime_map_colors_must_be_colours(small_sweep, colors, error):
    with pytest.raises(InvalidArgumentError, match=f"regime_map: {error}"):
        regime_map(small_sweep, "rho", "dc", colors=colors)


@pytest.mark.parametrize(("keyword", "value"), [("legend", np.full((2, 2), np.nan)), ("legend", "yes"),
                                                ("thresholds", 2.5), ("thresholds", [["F"]])])
def test_regime_map_legend_and_thresholds_are_checked(small_sweep, keyword, value):
    with pytest.raises(InvalidArgumentError, match=f"regime_map: expected {keyword}"):
        regime_map(small_sweep, "rho", "dc", **{keyword: value})
