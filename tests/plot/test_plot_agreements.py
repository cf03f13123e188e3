"""The paradox-of-cooperation plot: data on the Axes, not pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from coopgame.coalitions.agreements import barrett_stackelberg_agreement, paradox_of_cooperation  # noqa: E402
from coopgame.errors import InvalidArgumentError  # noqa: E402
from coopgame.plot.agreements import paradox_plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_paradox_plot_lines_match_the_models():
    gammas = [0.001, 0.01, 0.1, 1.0, 10.0, 100.0]
    ax = paradox_plot(n=(5, 20), gammas=gammas)
    assert [line.get_label() for line in ax.lines] == ["n = 5", "n = 20"]
    for line, n in zip(ax.lines, (5, 20)):
        expect_sizes = [max(barrett_stackelberg_agreement(n, 100.0, 1.0, g).stable_sizes()) for g in gammas]
        expect_gain = [float(barrett_stackelberg_agreement(n, 100.0, 1.0, g).outcome().relative_gain) for g in gammas]
        assert line.get_ydata().tolist() == expect_sizes
        assert np.allclose(line.get_xdata(), expect_gain)
        # the paradox on the figure: the line falls as the gain rises
        x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert np.all(np.diff(x) > 0) and np.all(np.diff(y) <= 0) and y[0] > y[-1]
    assert ax.get_xscale() == "log" and "k*" in ax.get_ylabel()


def test_paradox_plot_share_given_axes_and_data():
    _fig, ax = plt.subplots()
    data = paradox_of_cooperation(8, [0.01, 1.0, 100.0])
    out = paradox_plot(data=data, ax=ax, share=True)
    assert out is ax
    assert np.allclose(ax.lines[0].get_ydata(), data.stable_size / 8)
    assert "share" in ax.get_ylabel()
    ax2 = paradox_plot(n=6, gammas=[1.0, 100.0], model="cournot")
    assert max(ax2.lines[0].get_ydata()) <= 2 and "Cournot" in ax2.get_title()
    with pytest.raises(InvalidArgumentError):
        paradox_plot(n=())


def test_paradox_plot_refuses_bad_data_and_options():
    with pytest.raises(InvalidArgumentError, match="ParadoxOfCooperation"):
        paradox_plot(data=[1, 2])
    with pytest.raises(InvalidArgumentError, match="share"):
        paradox_plot(n=5, gammas=[1.0], share="yes")
    with pytest.raises(InvalidArgumentError, match="paradox_of_cooperation: expected the number of countries n"):
        paradox_plot(n=2.5, gammas=[1.0])


def test_folk_and_best_response_plots_take_arrays_and_refuse_other_games():
    import coopgame as cg
    from coopgame.plot.best_response import best_response_plot
    from coopgame.plot.folk import folk_theorem_plot

    pd = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]
    ax = folk_theorem_plot(pd)
    assert ax.patches[1].get_xy()[:4].tolist() == [[1.0, 1.0], [13 / 3, 1.0], [3.0, 3.0], [1.0, 13 / 3]]
    ax = best_response_plot(pd)
    assert ax.collections[0].get_offsets().tolist() == [[0.0, 0.0]]  # defection: the only equilibrium
    three = cg.NormalFormGame([np.zeros((2, 2, 2))] * 3)
    for plot in (folk_theorem_plot, best_response_plot):
        with pytest.raises(cg.NotSupportedError, match="two-player"):
            plot(three)
        with pytest.raises(cg.InvalidGameTypeError):
            plot("pd")


@pytest.mark.parametrize("data", [3, 2.5, float("nan"), object(), "data"])
def test_paradox_plot_refuses_data_that_is_not_paradox_results(data):
    with pytest.raises(InvalidArgumentError, match="paradox_plot: expected data as a ParadoxOfCooperation"):
        paradox_plot(data=data)


@pytest.mark.parametrize("ax", [True, 0, "ax", [], object()])
def test_paradox_plot_refuses_what_is_not_matplotlib_axes(ax):
    from coopgame.errors import InvalidArgumentTypeError

    with pytest.raises(InvalidArgumentTypeError, match="paradox_plot: expected ax as matplotlib Axes"):
        paradox_plot((5,), gammas=[0.1, 1.0], ax=ax)
