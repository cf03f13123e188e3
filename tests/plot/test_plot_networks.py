"""Network plots: data on the Axes (link colours, regime indices), not pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from fractions import Fraction as F  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError  # noqa: E402
from coopgame.models import adjacent_counties  # noqa: E402
from coopgame.networks import connections_model, link_subsidies  # noqa: E402
from coopgame.plot.networks import REGIMES, network_plot, network_regime_map  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _collections(ax):
    return {c.get_label(): c for c in ax.collections if c.get_label() and not c.get_label().startswith("_")}


def test_network_plot_colours_links_by_stability():
    game = connections_model(4, F(1, 2), F(5, 8))  # the centre gains by cutting each link of the star
    ax = network_plot(game, nx.star_graph(3))
    parts = _collections(ax)
    assert ax.get_title() == "not pairwise stable"
    assert "unstable links" in parts and "lasting links" not in parts
    assert len(parts["unstable links"].get_paths()) == 3
    stable_ax = network_plot(connections_model(4, F(1, 2), F(2, 5)), nx.star_graph(3))
    assert stable_ax.get_title() == "pairwise stable" and len(_collections(stable_ax)["lasting links"].get_paths()) == 3


def test_network_plot_marks_subsidised_and_wanted_links():
    game = adjacent_counties()
    plan = link_subsidies(game)
    ax = network_plot(game, plan.network, subsidy=plan)
    parts = _collections(ax)
    assert len(parts["subsidised links"].get_paths()) == len(plan.subsidised_links) == 2
    texts = [t.get_text() for t in ax.texts]
    assert sum(1 for t in texts if t.replace(".", "").isdigit()) == 2  # the two amounts
    wanted = network_plot(connections_model(4, F(1, 2), F(1, 10)), nx.star_graph(3))
    assert len(_collections(wanted)["links both would add"].get_paths()) == 3


def test_regime_map_matches_jackson_wolinsky():
    deltas = np.linspace(0.05, 0.95, 7)
    costs = np.linspace(0.02, 1.5, 8)
    ax = network_regime_map(4, deltas, costs)
    grid = np.asarray(ax.images[0].get_array())
    for r, c in enumerate(costs):
        for k, d in enumerate(deltas):
            if c < d - d * d:
                assert REGIMES[grid[r, k]].startswith("complete")
            elif d - d * d < c < d:
                assert REGIMES[grid[r, k]] == "star efficient and stable"
            elif d < c < d + d * d:
                assert REGIMES[grid[r, k]] == "star efficient, not stable"
            elif c > d + d * d:
                assert REGIMES[grid[r, k]] == "empty efficient"


def test_bad_input():
    with pytest.raises(InvalidArgumentTypeError, match="NetworkGame"):
        network_plot("game", [])
    with pytest.raises(InvalidArgumentTypeError, match="LinkSubsidy"):
        network_plot(connections_model(3, 0.5, 0.1), [], subsidy=5)
    with pytest.raises(InvalidArgumentError, match="n"):
        network_regime_map(9, [0.1, 0.2], [0.1, 0.2])
    with pytest.raises(InvalidArgumentError, match="increasing"):
        network_regime_map(3, [0.3, 0.2], [0.1, 0.2])
    with pytest.raises(InvalidArgumentError, match="deltas"):
        network_regime_map(3, [0.0, 0.2], [0.1, 0.2])
    with pytest.raises(InvalidArgumentTypeError, match="ax"):
        network_regime_map(3, [0.1, 0.2], [0.1, 0.2], ax=5)


def test_positions_are_checked():
    game = connections_model(3, 0.5, 0.3)
    ax = network_plot(game, [(0, 1)], pos={0: (0, 0), 1: (1, 0), 2: (0.5, 1)})
    assert ax.get_title() == "not pairwise stable"  # 0.5 - 0.3 > 0: both would add links to 2
    with pytest.raises(InvalidArgumentTypeError, match="pos"):
        network_plot(game, [], pos=[1, 2])
    with pytest.raises(InvalidArgumentError, match="every player"):
        network_plot(game, [], pos={0: (0, 0)})
    with pytest.raises(InvalidArgumentError, match=r"\(x, y\)"):
        network_plot(game, [], pos={0: (0, 0), 1: 5, 2: (1, 1)})
    with pytest.raises(InvalidArgumentError, match="pos x"):
        network_plot(game, [], pos={0: (float("nan"), 0), 1: (0, 1), 2: (1, 1)})
