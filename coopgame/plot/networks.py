"""Plots of network formation: a network coloured by stability with subsidised links marked; a (delta, c) regime map."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import check_int, check_real, describe, public
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.plot._axes import get_axes
from coopgame.plot.regime import COLORS

if TYPE_CHECKING:
    from coopgame.networks.game import NetworkGame

__all__ = ["network_plot", "network_regime_map", "REGIMES"]

#: Colours of the links in :func:`network_plot`.
STABLE_LINK, UNSTABLE_LINK, WANTED_LINK, SUBSIDISED_LINK = "#009E73", "#D55E00", "#0072B2", "#E69F00"

#: The regimes of :func:`network_regime_map`, in the order of their colours.
REGIMES = ("complete: efficient and stable", "star efficient and stable", "star efficient, not stable",
           "empty efficient", "other efficient network")


@public
def network_plot(game: NetworkGame, network: Any, *, subsidy: Any = None, pos: Any = None, ax: Any = None) -> Any:
    """Draw ``network`` with its links coloured by stability and the subsidised links marked.

    Links whose cutting pays one end (an improving move) are drawn in
    vermilion, links that last in green; missing links both ends would add
    are drawn dashed in blue. With ``subsidy`` (a
    :class:`~coopgame.networks.LinkSubsidy` for this network), subsidised
    links are drawn thick in orange and labelled with their subsidy, as if
    the coordinator paid them. The title says whether the network is
    pairwise stable.

    Parameters
    ----------
    game : NetworkGame
    network : networkx Graph or iterable of links
    subsidy : LinkSubsidy, optional
    pos : dict, optional
        Node positions (networkx layout); a spring layout by default, or a
        node's own coordinates when the labels are (row, column) pairs.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The link collections carry the labels ``"lasting links"``,
        ``"unstable links"``, ``"links both would add"`` and ``"subsidised links"``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from fractions import Fraction
    >>> import networkx as nx
    >>> from coopgame.networks import connections_model, link_subsidies
    >>> from coopgame.plot import network_plot
    >>> game = connections_model(4, Fraction(1, 2), Fraction(5, 8))
    >>> ax = network_plot(game, nx.star_graph(3), subsidy=link_subsidies(game, nx.star_graph(3)))
    >>> ax.get_title()
    'not pairwise stable'
    """
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

    from coopgame.networks import LinkSubsidy, NetworkGame
    from coopgame.networks.stability import improving_moves

    where = "network_plot"
    if not isinstance(game, NetworkGame):
        raise InvalidArgumentTypeError(f"{where}: expected a NetworkGame, got {describe(game)}")
    if subsidy is not None and not isinstance(subsidy, LinkSubsidy):
        raise InvalidArgumentTypeError(f"{where}: expected subsidy as a LinkSubsidy (from link_subsidies), "
                                       f"got {describe(subsidy)}")
    mask = game.mask(network, where)
    ax = get_axes(ax, where=where)
    g = game.graph(mask)
    if pos is not None:
        pos = _positions(pos, game.players, where)
    else:
        if all(isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, int) for x in p) for p in game.players):
            pos = {p: (p[1], -p[0]) for p in game.players if isinstance(p, tuple)}
        else:
            pos = nx.circular_layout(g)
    moves = set(improving_moves(game, mask))
    labels = game.players
    pairs = [(labels[i], labels[j]) for i, j in game._pairs]
    unstable = [pairs[k] for k in sorted(moves) if mask >> k & 1]
    wanted = [pairs[k] for k in sorted(moves) if not mask >> k & 1]
    lasting = [pairs[k] for k in range(len(pairs)) if mask >> k & 1 and k not in moves]
    paid: list[tuple[Any, Any]] = []
    if subsidy is not None:
        paid = [tuple(e) for e in subsidy.subsidised_links]
    nx.draw_networkx_nodes(g, pos, ax=ax, node_color="#FFFFFF", edgecolors="#333333", node_size=500)
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=8)
    for edges, colour, style, width, label in [
            (lasting, STABLE_LINK, "solid", 2.0, "lasting links"), (unstable, UNSTABLE_LINK, "solid", 2.0, "unstable links"),
            (wanted, WANTED_LINK, "dashed", 1.5, "links both would add"),
            (paid, SUBSIDISED_LINK, "solid", 5.0, "subsidised links")]:
        if edges:
            coll = nx.draw_networkx_edges(g, pos, edgelist=edges, ax=ax, edge_color=colour, style=style, width=width,
                                          alpha=0.6 if label == "subsidised links" else 1.0)
            coll.set_label(label)
    if subsidy is not None and paid:
        amounts = {}
        for e in paid:
            a = subsidy.amounts.get(e, subsidy.amounts.get((e[1], e[0]))) if subsidy.per != "region" else None
            if a is not None:
                amounts[e] = f"{float(sum(a) if isinstance(a, tuple) else a):.3g}"
        if amounts:
            nx.draw_networkx_edge_labels(g, pos, edge_labels=amounts, ax=ax, font_size=7)
    stable = not moves
    ax.set_title("pairwise stable" if stable else "not pairwise stable")
    ax.set_axis_off()
    if any(c.get_label() and not c.get_label().startswith("_") for c in ax.collections):
        ax.legend(loc="best", fontsize=7)
    return ax


def _positions(pos: Any, players: Sequence[Any], where: str) -> dict[Any, tuple[float, float]]:
    """Node positions: a mapping from every player to a pair of finite numbers."""
    from collections.abc import Mapping

    if not isinstance(pos, Mapping):
        raise InvalidArgumentTypeError(f"{where}: expected pos as a mapping from each player to (x, y), got {describe(pos)}")
    out = {}
    for p in players:
        if p not in pos:
            raise InvalidArgumentError(f"{where}: expected a position for every player, got none for {describe(p)}")
        xy = pos[p]
        if isinstance(xy, (str, bytes)) or not hasattr(xy, "__len__") or len(xy) != 2:
            raise InvalidArgumentError(f"{where}: expected the position of {describe(p)} as (x, y), got {describe(xy)}")
        out[p] = (check_real(xy[0], "pos x", where), check_real(xy[1], "pos y", where))
    return out


def _classify(n: int, delta: float, cost: float) -> int:
    from fractions import Fraction

    from coopgame.networks import connections_model, efficient_networks, is_pairwise_stable

    game = connections_model(n, Fraction(delta).limit_denominator(10**6), Fraction(cost).limit_denominator(10**6))
    best = efficient_networks(game)[0]
    edges = best.number_of_edges()
    stable = is_pairwise_stable(game, best)
    if edges == n * (n - 1) // 2 and n > 2:
        return 0 if stable else 4
    degrees = sorted(d for _, d in best.degree)
    if edges == n - 1 and degrees[-1] == n - 1:
        return 1 if stable else 2
    if edges == 0:
        return 3
    return 4


@public
def network_regime_map(n: int, deltas: Sequence[float], costs: Sequence[float], *, ax: Any = None) -> Any:
    """Which network is efficient, and whether it forms, over a grid of (delta, c) in the connections model.

    Each grid point is classified by enumerating every network (so keep
    ``n`` small: at most 6): the efficient architecture (complete, star or
    empty) and whether it is pairwise stable. The Jackson-Wolinsky
    boundaries ``c = delta - delta**2``, ``c = delta`` and
    ``c = delta + (n - 2) delta**2 / 2`` are drawn over the map.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.images[0].get_array()`` holds the regime index of each cell
        (rows: costs, columns: deltas), indices into :data:`REGIMES`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from coopgame.plot import network_regime_map
    >>> ax = network_regime_map(3, [0.2, 0.5, 0.8], [0.05, 0.4, 1.2])
    >>> ax.images[0].get_array().tolist()  # rows: c = 0.05 (complete), 0.4, 1.2; 3 = empty efficient
    [[0, 0, 0], [3, 1, 1], [3, 3, 3]]
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    where = "network_regime_map"
    n = check_int(n, "n", where, minimum=2, maximum=6)
    d = _grid(deltas, "deltas", where, 0, 1, True)
    c = _grid(costs, "costs", where, 0, None, False)
    ax = get_axes(ax, where=where)
    grid = np.array([[_classify(n, x, y) for x in d] for y in c])
    cmap = ListedColormap(COLORS[:len(REGIMES)])
    ax.imshow(grid, origin="lower", aspect="auto", cmap=cmap, vmin=-0.5, vmax=len(REGIMES) - 0.5,
              extent=(d[0], d[-1], c[0], c[-1]), interpolation="nearest")
    xs = np.linspace(d[0], d[-1], 200)
    for ys, label in [(xs - xs**2, r"$c = \delta - \delta^2$"), (xs, r"$c = \delta$"),
                      (xs + (n - 2) * xs**2 / 2, r"$c = \delta + (n-2)\delta^2/2$")]:
        ax.plot(xs, ys, color="#333333", lw=1, ls="--", label=label)
    ax.set_ylim(c[0], c[-1])
    ax.set_xlabel(r"benefit of a link $\delta$")
    ax.set_ylabel("cost of a link $c$")
    ax.set_title(f"Connections model, n = {n}")
    present = sorted(set(grid.reshape(-1).tolist()))
    ax.legend(handles=[Patch(color=COLORS[k], label=REGIMES[k]) for k in present], loc="upper left", fontsize=7)
    return ax


def _grid(values: Any, name: str, where: str, lo: float, hi: float | None, open_lo: bool) -> list[float]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise InvalidArgumentTypeError(f"{where}: expected {name} as a sequence of numbers, got {describe(values)}")
    out = [check_real(v, name, where, minimum=lo, maximum=hi, open_min=open_lo) for v in values]
    if len(out) < 2 or len(out) > 200 or any(b <= a for a, b in zip(out, out[1:])):
        raise InvalidArgumentError(f"{where}: expected {name} as 2 to 200 increasing numbers, got {describe(values)}")
    return out
