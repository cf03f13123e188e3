"""Plots of the replicator dynamics: phase portraits, simplex plots, 3-D trajectories, time series, basin maps.

Rest points are marked by their linear stability (Lyapunov's first method):
filled for asymptotically stable, open for unstable (a source), half filled
for a saddle, an open diamond for a centre and an open square for a
non-hyperbolic point. Every artist a function draws carries a ``gid``
(``"field"``, ``"nullcline: ..."``, ``"rest points: <class>"``,
``"trajectory"``, ``"basin: <attractor>"``...), so tests and users can find it.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from coopgame._checks import check_bool, check_int, check_real, describe, public
from coopgame._numeric import TOLERANCE
from coopgame.dynamics.attraction import one_population_rest_points
from coopgame.dynamics.basin_estimates import Basins
from coopgame.dynamics.field import ReplicatorField
from coopgame.dynamics.fixed_points import rest_points as find_rest_points
from coopgame.dynamics.linear_stability import stability
from coopgame.dynamics.population import PopulationGame
from coopgame.dynamics.trajectory import Trajectory, replicator
from coopgame.errors import (
    DegenerateGameWarning,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotSupportedError,
)
from coopgame.games.coerce import GameLike
from coopgame.plot._axes import get_axes

__all__ = ["MAX_RESOLUTION", "basin_map", "phase_portrait", "simplex_plot", "time_series", "trajectory_3d"]

#: Largest ``resolution`` (points per side of the grid the field is drawn on) the plots accept.
MAX_RESOLUTION = 1000
#: Largest stream-line ``density`` of :func:`phase_portrait` (matplotlib allocates a grid of 30 * density per side).
MAX_DENSITY = 100.0

#: Marker style of a rest point by its stability class.
REST_POINT_STYLE: dict[str, dict[str, Any]] = {
    "stable": {"marker": "o", "fillstyle": "full", "markerfacecolor": "black"},
    "unstable": {"marker": "o", "fillstyle": "full", "markerfacecolor": "white"},
    "saddle": {"marker": "o", "fillstyle": "left", "markerfacecolor": "black", "markerfacecoloralt": "white"},
    "centre": {"marker": "D", "fillstyle": "full", "markerfacecolor": "white"},
    "non-hyperbolic": {"marker": "s", "fillstyle": "full", "markerfacecolor": "white"},
}
_REST_LABEL = {"stable": "asymptotically stable", "unstable": "unstable", "saddle": "saddle",
               "centre": "centre", "non-hyperbolic": "non-hyperbolic"}
#: Corners of the simplex of three strategies in the plane (first strategy bottom left, third on top).
_TRIANGLE = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, math.sqrt(3) / 2]])


def _mark_rest_points(ax: Any, coords: Sequence[Sequence[float]], classes: Sequence[str], size: float = 9) -> None:
    for kind, style in REST_POINT_STYLE.items():
        pts = [c for c, k in zip(coords, classes) if k == kind]
        if not pts:
            continue
        arr = np.array(pts, dtype=float)
        cols = [arr[:, j] for j in range(arr.shape[1])]
        (line,) = ax.plot(*cols, linestyle="none", color="black", markeredgecolor="black", markersize=size,
                          zorder=6, label=_REST_LABEL[kind], **style)
        line.set_gid(f"rest points: {kind}")


def _trajectories(source: Any, where: str) -> list[Trajectory]:
    if isinstance(source, Trajectory):
        return [source]
    if isinstance(source, (list, tuple)) and source and all(isinstance(t, Trajectory) for t in source):
        return list(source)
    raise InvalidArgumentError(f"{where}: expected a Trajectory or a non-empty sequence of Trajectories, "
                               f"got {type(source).__name__}")


def _is_game(source: Any) -> bool:
    from coopgame.games.normal_form import NormalFormGame
    from coopgame.games.symbolic import SymbolicGame

    return isinstance(source, (NormalFormGame, SymbolicGame))


def _check_3d(ax: Any, where: str) -> Any:
    if ax is None:
        return get_axes(None, where=where, projection="3d")
    get_axes(ax, where=where)
    if not hasattr(ax, "zaxis"):
        raise InvalidArgumentError(f"{where}: expected a 3-D Axes (created with projection='3d'), "
                                   f"got a {type(ax).__name__}")
    return ax


def _starts(starts: Any, where: str) -> list[Any]:
    """The starts of trajectories: None or a sequence of states (each checked by ``replicator``)."""
    if starts is None:
        return []
    if isinstance(starts, (str, bytes)) or not isinstance(starts, (Sequence, np.ndarray)):
        raise InvalidArgumentTypeError(f"{where}: expected starts as a sequence of states (one per trajectory) "
                                       f"or None, got {describe(starts)}")
    return list(starts)


def _resolution(resolution: Any, where: str, minimum: int) -> int:
    return check_int(resolution, "resolution", where, minimum=minimum, maximum=MAX_RESOLUTION)


def _colour_map(cmap: Any, where: str) -> Any:
    """A matplotlib colour map or the name of a registered one."""
    import matplotlib
    from matplotlib.colors import Colormap

    if isinstance(cmap, Colormap) or (isinstance(cmap, str) and cmap in matplotlib.colormaps):
        return cmap
    raise InvalidArgumentError(f"{where}: expected cmap as the name of a matplotlib colour map (such as 'viridis') "
                               f"or a Colormap, got {describe(cmap)}")


# ---------------------------------------------------------------------------------------- phase portrait
@public
def phase_portrait(game: GameLike | PopulationGame, ax: Any = None, *, resolution: int = 30, density: float = 1.2,
                   nullclines: bool = True, rest_points: bool = True, starts: Sequence[Any] | None = None,
                   t_max: float = 30.0, cmap: str = "viridis", legend: bool = True):
    """Phase portrait of the two-population replicator dynamics of a game with two roles and two strategies.

    The state is ``(x, y)``: the share of the first role's population playing
    its first action and the same for the second role. The field is drawn as
    a stream plot coloured by speed; the interior nullclines (where a role is
    indifferent, ``dx/dt = 0`` on a horizontal line, ``dy/dt = 0`` on a
    vertical one) dashed; the rest points marked by their stability from
    :func:`~coopgame.dynamics.linear_stability.stability`.

    Parameters
    ----------
    game : NormalFormGame, SymbolicGame or PopulationGame
        Two players with two actions each; no free parameters. A
        :class:`~coopgame.dynamics.population.PopulationGame` (payoffs that
        depend on the state, such as a fine proportional to the violation
        rate) has curved nullclines, drawn as zero contours.
    ax : matplotlib Axes, optional
    resolution : int, default 30
        Points per side of the grid the field is evaluated on (3 to
        :data:`MAX_RESOLUTION`, 1000).
    density : float, default 1.2
        Density of the stream lines (:meth:`~matplotlib.axes.Axes.streamplot`),
        positive and at most :data:`MAX_DENSITY` (100).
    nullclines, rest_points : bool, default True
        Draw the interior nullclines; mark the rest points.
    starts : sequence of mixed profiles, optional
        Starts of trajectories to draw on top, integrated with
        :func:`~coopgame.dynamics.trajectory.replicator` up to ``t_max``.
    t_max : float, default 30
    cmap : str or matplotlib Colormap, default "viridis"
        Colour map of the speed (the name of a registered colour map).
    legend : bool, default True

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    The inspection game: a centre at the mixed equilibrium, closed orbits
    around it:

    >>> from coopgame import models
    >>> from coopgame.plot.dynamics import phase_portrait
    >>> ax = phase_portrait(models.inspection().numeric(), starts=[[[0.6, 0.4], [0.5, 0.5]]])
    >>> sorted(line.get_gid() for line in ax.lines if line.get_gid().startswith("rest"))
    ['rest points: centre', 'rest points: saddle']
    >>> ax.get_xlabel()
    'share of Local government playing Real'

    A fine proportional to the violation rate (a dynamic penalty) turns the
    centre into a stable focus (Wang and Shi 2019):

    >>> import sympy
    >>> from coopgame.dynamics.population import PopulationGame
    >>> dynamic = PopulationGame([[0, "dc - y*rho*F*(1 - x)"], ["(1 - x)*rho*B - k", 0]],
    ...                          players=["Local government", "Central government"],
    ...                          actions=[["Real", "False"], ["Inspect", "Trust"]])
    >>> ax = phase_portrait(dynamic.subs(B=4, F=16, dc=2, k=1, rho=sympy.Rational(1, 2)))
    >>> [line.get_xydata().tolist() for line in ax.lines if line.get_gid() == "rest points: stable"]
    [[[0.5, 0.5]]]
    """
    where = "phase_portrait"
    population = isinstance(game, PopulationGame)
    field = ReplicatorField(game, populations="multi", where=where)
    shown = field.population_game if population else field.game
    assert shown is not None  # the field keeps the game it was built from
    if tuple(shown.shape) != (2, 2):
        raise NotSupportedError(f"{where}: expected a game of two roles with two actions each, got shape "
                                f"{tuple(shown.shape)}; use simplex_plot (one population, three strategies) or "
                                "trajectory_3d (three roles)")
    resolution = _resolution(resolution, where, 3)
    density = check_real(density, "density", where, minimum=0, open_min=True, maximum=MAX_DENSITY)
    nullclines = check_bool(nullclines, "nullclines", where)
    rest_points = check_bool(rest_points, "rest_points", where)
    legend = check_bool(legend, "legend", where)
    cmap = _colour_map(cmap, where)
    starts = _starts(starts, where)

    def states(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        return np.stack([X, 1 - X, Y, 1 - Y], axis=-1)

    def advantages(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        u0, u1 = field.payoffs(states(X, Y))            # refuses free parameters of a PopulationGame
        return u0[..., 0] - u0[..., 1], u1[..., 0] - u1[..., 1]

    ax = get_axes(ax, where=where)
    grid = np.linspace(0.0, 1.0, int(resolution))
    X, Y = np.meshgrid(grid, grid)
    F = field(states(X, Y))
    U, V = F[..., 0], F[..., 2]
    speed = np.hypot(U, V)
    if speed.max() > 0:
        stream = ax.streamplot(X, Y, U, V, color=speed, cmap=cmap, density=density, linewidth=0.9, arrowsize=1.0)
        stream.lines.set_gid("field")
    (r0, r1), (a0, a1) = shown.players, (shown.actions[0][0], shown.actions[1][0])
    if nullclines:
        styles = [("x", r0, "tab:red"), ("y", r1, "tab:purple")]
        if population:   # curves: the zero level of each role's advantage on a fine grid
            fine = np.linspace(0.0, 1.0, 121)
            FX, FY = np.meshgrid(fine, fine)
            for (name, role, colour), D in zip(styles, advantages(FX, FY)):
                if D.min() < 0 < D.max():
                    cs = ax.contour(FX, FY, D, levels=[0.0], colors=[colour], linestyles="--", linewidths=1.2)
                    cs.set_gid(f"nullcline: {name}")
                    ax.plot([], [], ls="--", color=colour, lw=1.2, label=f"d{name}/dt = 0 ({role} indifferent)")
        else:            # straight lines: role 0's advantage depends on y only, role 1's on x only
            d0, d1 = advantages(np.zeros(2), np.array([1.0, 0.0]))[0]     # role 0's advantage at y = 1 and y = 0
            e0, e1 = advantages(np.array([1.0, 0.0]), np.zeros(2))[1]     # role 1's advantage at x = 1 and x = 0
            if d0 != d1 and 0 <= d1 / (d1 - d0) <= 1:
                y_star = d1 / (d1 - d0)
                (line,) = ax.plot([0, 1], [y_star, y_star], ls="--", color="tab:red", lw=1.2,
                                  label=f"dx/dt = 0 ({r0} indifferent)")
                line.set_gid("nullcline: x")
            if e0 != e1 and 0 <= e1 / (e1 - e0) <= 1:
                x_star = e1 / (e1 - e0)
                (line,) = ax.plot([x_star, x_star], [0, 1], ls="--", color="tab:purple", lw=1.2,
                                  label=f"dy/dt = 0 ({r1} indifferent)")
                line.set_gid("nullcline: y")
    if starts:
        for start in starts:
            traj = replicator(shown, start, t_max)
            (line,) = ax.plot(traj.states[:, 0], traj.states[:, 2], color="black", lw=1.3)
            line.set_gid("trajectory")
            ax.plot(traj.states[0, 0], traj.states[0, 2], marker=".", color="black", gid="start")
    if rest_points:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            points = find_rest_points(shown)
        coords = [(float(p[0][0]), float(p[1][0])) for p in points]
        classes = [stability(shown, p).classification for p in points]
        _mark_rest_points(ax, coords, classes)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")
    ax.set_xlabel(f"share of {r0} playing {a0}")
    ax.set_ylabel(f"share of {r1} playing {a1}")
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, borderaxespad=0)
    return ax


# ---------------------------------------------------------------------------------------- simplex
def _draw_triangle(ax: Any, labels: Sequence[str]) -> None:
    corners = np.vstack([_TRIANGLE, _TRIANGLE[:1]])
    (line,) = ax.plot(corners[:, 0], corners[:, 1], color="black", lw=1.0)
    line.set_gid("simplex")
    offsets = [(-0.04, -0.05, "right"), (0.04, -0.05, "left"), (0.0, 0.04, "center")]
    for (x, y), (dx, dy, ha), text in zip(_TRIANGLE, offsets, labels):
        ax.text(x + dx, y + dy, text, ha=ha, va="center", fontsize=9)
    ax.set_xlim(-0.15, 1.15)
    ax.set_ylim(-0.12, 1.0)
    ax.set_aspect("equal")
    ax.set_axis_off()


def _ternary(P: np.ndarray) -> np.ndarray:
    return np.asarray(P, dtype=float) @ _TRIANGLE


@public
def simplex_plot(source: Any, ax: Any = None, *, starts: Sequence[Any] | None = None, t_max: float = 50.0,
                 field: bool = True, rest_points: bool = True, resolution: int = 14, legend: bool = True):
    """One-population replicator dynamics of a three-strategy game on the simplex (a ternary plot).

    Parameters
    ----------
    source : NormalFormGame, SymbolicGame, Trajectory or sequence of Trajectory
        A symmetric two-player game with three actions (its row payoffs are
        the population game), or one-population trajectories to draw.
    ax : matplotlib Axes, optional
    starts : sequence of probability vectors, optional
        With a game: starts of trajectories to integrate up to ``t_max`` and draw.
    t_max : float, default 50
    field : bool, default True
        With a game: arrows of the direction of motion on a lattice of the
        simplex (coloured by speed).
    rest_points : bool, default True
        With a game: mark the rest points by their stability on the simplex.
    resolution : int, default 14
        Lattice of the arrows: coordinates multiples of ``1/resolution``
        (1 to :data:`MAX_RESOLUTION`, 1000).
    legend : bool, default True

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    Rock-paper-scissors where a win gains more than a loss costs: the mixed
    point attracts, and the corners are saddles:

    >>> import coopgame as cg
    >>> from coopgame.plot.dynamics import simplex_plot
    >>> A = [[0, -1, 2], [2, 0, -1], [-1, 2, 0]]
    >>> rps = cg.NormalFormGame([A, [list(r) for r in zip(*A)]], actions=[["Rock", "Paper", "Scissors"]] * 2)
    >>> ax = simplex_plot(rps, starts=[[0.8, 0.1, 0.1]])
    >>> sorted(line.get_gid() for line in ax.lines if line.get_gid().startswith("rest"))
    ['rest points: saddle', 'rest points: stable']
    >>> [t.get_text() for t in ax.texts]
    ['Rock', 'Paper', 'Scissors']
    """
    where = "simplex_plot"
    starts = _starts(starts, where)
    field = check_bool(field, "field", where)
    rest_points = check_bool(rest_points, "rest_points", where)
    legend = check_bool(legend, "legend", where)
    resolution = _resolution(resolution, where, 1)
    if _is_game(source):
        system = ReplicatorField(source, populations="single", where=where)
        if system.sizes != (3,):
            raise NotSupportedError(f"{where}: expected a symmetric game with three actions, got "
                                    f"{system.sizes[0]} actions")
        labels = list(system.labels)
        single = system.game
        assert single is not None  # a one-population field is built on a NormalFormGame
        trajs = [replicator(single, start, t_max) for start in (starts or [])]
    else:
        trajs = _trajectories(source, where)
        for t in trajs:
            if t.populations != "single" or tuple(t.sizes) != (3,):
                raise NotSupportedError(f"{where}: expected one-population trajectories of three strategies, got "
                                        f"a {t.populations}-population trajectory of sizes {tuple(t.sizes)}")
        system = None
        labels = list(trajs[0].labels)
    ax = get_axes(ax, where=where)
    _draw_triangle(ax, labels)
    if system is not None and field:
        lattice = np.array([[i, j, resolution - i - j] for i in range(resolution + 1)
                            for j in range(resolution + 1 - i)], dtype=float) / resolution
        F = system(lattice)
        pos, vec = _ternary(lattice), F @ _TRIANGLE
        norm = np.hypot(vec[:, 0], vec[:, 1])
        # arrows show directions only: a point whose speed is round-off next to the fastest one (a rest point on
        # the lattice) gets none, whatever the payoffs' scale
        moving = norm > TOLERANCE * norm.max()
        if moving.any():
            length = 0.45 / resolution
            unit = vec[moving] / norm[moving, None] * length
            q = ax.quiver(pos[moving, 0], pos[moving, 1], unit[:, 0], unit[:, 1], norm[moving],
                          angles="xy", scale_units="xy", scale=1.0, cmap="viridis", width=0.004, pivot="mid")
            q.set_gid("field")
    for traj in trajs:
        path = _ternary(traj.states)
        (line,) = ax.plot(path[:, 0], path[:, 1], color="black", lw=1.3)
        line.set_gid("trajectory")
        ax.plot(path[0, 0], path[0, 1], marker=".", color="black", gid="start")
    if system is not None and rest_points:
        found = one_population_rest_points(system, where, warn=False)
        _mark_rest_points(ax, [tuple(_ternary(x)) for x, _, _ in found], [kind for _, kind, _ in found])
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", bbox_to_anchor=(0.85, 1.0), fontsize=7, borderaxespad=0)
    return ax


# ---------------------------------------------------------------------------------------- 3-D
_CUBE_EDGES = [((0, 0, 0), (1, 0, 0)), ((0, 1, 0), (1, 1, 0)), ((0, 0, 1), (1, 0, 1)), ((0, 1, 1), (1, 1, 1)),
               ((0, 0, 0), (0, 1, 0)), ((1, 0, 0), (1, 1, 0)), ((0, 0, 1), (0, 1, 1)), ((1, 0, 1), (1, 1, 1)),
               ((0, 0, 0), (0, 0, 1)), ((1, 0, 0), (1, 0, 1)), ((0, 1, 0), (0, 1, 1)), ((1, 1, 0), (1, 1, 1))]


def _draw_cube(ax: Any) -> None:
    for a, b in _CUBE_EDGES:
        (line,) = ax.plot(*zip(a, b), color="grey", lw=0.6)
        line.set_gid("cube")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_zlim(0, 1)


def _axis_labels_3d(ax: Any, labels: Sequence[str]) -> None:
    ax.set_xlabel(f"share {labels[0]}", fontsize=8)
    ax.set_ylabel(f"share {labels[1]}", fontsize=8)
    ax.set_zlabel(f"share {labels[2]}", fontsize=8)


@public
def trajectory_3d(source: Any, ax: Any = None, *, starts: Sequence[Any] | None = None, t_max: float = 50.0,
                  corners: bool = True, legend: bool = True):
    """Trajectories of three roles with two strategies each in the unit cube.

    Each axis is the share of a role's population playing its first action.

    Parameters
    ----------
    source : Trajectory, sequence of Trajectory, NormalFormGame or SymbolicGame
        Multi-population trajectories of a 2x2x2 game, or the game itself
        (then give ``starts``).
    ax : matplotlib 3-D Axes, optional
        Must have been created with ``projection="3d"``; a new one when None.
    starts : sequence of mixed profiles, optional
        With a game: starts to integrate up to ``t_max``.
    t_max : float, default 50
    corners : bool, default True
        With a game: mark the eight corners by their stability.
    legend : bool, default True

    Returns
    -------
    mpl_toolkits.mplot3d.axes3d.Axes3D

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.plot.dynamics import trajectory_3d
    >>> game = models.tripartite().numeric()
    >>> ax = trajectory_3d(game, starts=[[[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]])
    >>> [line.get_gid() for line in ax.lines].count("trajectory")
    1
    >>> ax.get_zlabel()
    'share Enterprise: Abate'
    """
    where = "trajectory_3d"
    starts = _starts(starts, where)
    corners = check_bool(corners, "corners", where)
    legend = check_bool(legend, "legend", where)
    game = None
    if _is_game(source):
        game = ReplicatorField(source, populations="multi", where=where).game
        assert game is not None
        if game.shape != (2, 2, 2):
            raise NotSupportedError(f"{where}: expected three roles with two actions each, got shape {game.shape}")
        if not starts and not corners:
            raise InvalidArgumentError(f"{where}: expected starts=[...] (or corners=True) with a game")
        trajs = [replicator(game, start, t_max) for start in (starts or [])]
        labels = [f"{p}: {acts[0]}" for p, acts in zip(game.players, game.actions)]
    else:
        trajs = _trajectories(source, where)
        for t in trajs:
            if t.populations != "multi" or tuple(t.sizes) != (2, 2, 2):
                raise NotSupportedError(f"{where}: expected trajectories of three roles with two strategies each, "
                                        f"got a {t.populations}-population trajectory of sizes {tuple(t.sizes)}")
        labels = [trajs[0].labels[k] for k in (0, 2, 4)]
    ax = _check_3d(ax, where)
    _draw_cube(ax)
    for traj in trajs:
        xs, ys, zs = (traj.states[:, k] for k in (0, 2, 4))
        (line,) = ax.plot(xs, ys, zs, lw=1.3)
        line.set_gid("trajectory")
        ax.plot([xs[0]], [ys[0]], [zs[0]], marker="o", markerfacecolor="white", color=line.get_color(), ms=5,
                gid="start")
        ax.plot([xs[-1]], [ys[-1]], [zs[-1]], marker="o", color=line.get_color(), ms=5, gid="end")
    if game is not None and corners:
        coords, classes = [], []
        for bits in np.ndindex(2, 2, 2):
            corner = [[1 - b, b] for b in bits]
            coords.append(tuple(1 - b for b in bits))
            classes.append(stability(game, corner).classification)
        _mark_rest_points(ax, coords, classes, size=7)
    _axis_labels_3d(ax, labels)
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", fontsize=7)
    return ax


# ---------------------------------------------------------------------------------------- time series
@public
def time_series(trajectory: Trajectory, ax: Any = None, *, columns: Sequence[Any] | None = None,
                legend: bool = True):
    """Strategy shares of a replicator trajectory against time.

    Parameters
    ----------
    trajectory : Trajectory
    ax : matplotlib Axes, optional
    columns : sequence of str or int, optional
        The shares to draw, by label (``trajectory.labels``) or index. By
        default the first strategy of each role when every role has two
        strategies (the other share is its complement), every share otherwise.
    legend : bool, default True

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.dynamics.trajectory import replicator
    >>> from coopgame.plot.dynamics import time_series
    >>> traj = replicator(models.tripartite().numeric(), [[0.5, 0.5]] * 3, 20)
    >>> ax = time_series(traj)
    >>> [line.get_label() for line in ax.lines]
    ['Central government: Supervise strictly', 'Local government: Regulate strictly', 'Enterprise: Abate']
    """
    where = "time_series"
    if not isinstance(trajectory, Trajectory):
        raise InvalidArgumentError(f"{where}: expected a Trajectory, got {type(trajectory).__name__}")
    legend = check_bool(legend, "legend", where)
    if columns is not None and (isinstance(columns, (str, bytes)) or not isinstance(columns, (Sequence, np.ndarray))):
        raise InvalidArgumentTypeError(f"{where}: expected columns as a sequence of labels or indices, "
                                       f"got {describe(columns)}")
    labels = list(trajectory.labels)
    if columns is None:
        if trajectory.populations == "multi" and all(m == 2 for m in trajectory.sizes):
            index = list(np.cumsum((0,) + tuple(trajectory.sizes))[:-1])
        else:
            index = list(range(len(labels)))
    else:
        index = []
        for c in columns:
            if isinstance(c, str) and c in labels:
                index.append(labels.index(c))
            elif isinstance(c, (int, np.integer)) and not isinstance(c, bool) and 0 <= c < len(labels):
                index.append(int(c))
            else:
                raise InvalidArgumentError(f"{where}: expected columns among {labels} or indices below "
                                           f"{len(labels)}, got {describe(c)}")
    ax = get_axes(ax, where=where)
    for k in index:
        (line,) = ax.plot(trajectory.t, trajectory.states[:, k], label=labels[k], lw=1.5)
        line.set_gid("share")
    ax.set_xlabel("time t")
    ax.set_ylabel("share of the population")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlim(float(trajectory.t[0]), float(trajectory.t[-1]))
    if legend:
        ax.legend(loc="best", fontsize=7)
    return ax


# ---------------------------------------------------------------------------------------- basin map
@public
def basin_map(basins: Basins, ax: Any = None, *, colors: Sequence[Any] | None = None, legend: bool = True,
              size: float | None = None):
    """Colour each start of a :class:`~coopgame.dynamics.basin_estimates.Basins` estimate by the attractor it reached.

    One population with two strategies: a strip along the share of the
    first strategy. One population with three: the simplex. Two roles with
    two strategies: the unit square, axes as in :func:`phase_portrait`. Three
    roles with two strategies: the unit cube (a 3-D Axes). Unresolved starts
    are grey.

    Parameters
    ----------
    basins : Basins
    ax : matplotlib Axes, optional
        A 3-D Axes for three roles.
    colors : sequence of colours, optional
        One per attractor; default the ``tab10`` cycle.
    legend : bool, default True
        Attractor names with the share of their basin.
    size : float, optional
        Marker size (points squared, positive); by default from the grid resolution.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from coopgame import models
    >>> from coopgame.dynamics.basin_estimates import basins
    >>> from coopgame.plot.dynamics import basin_map
    >>> b = basins(models.stag_hunt(R=4, S=1, T=3, P=3), grid=20, populations="multi")
    >>> ax = basin_map(b)
    >>> sorted(c.get_gid() for c in ax.collections)
    ['basin: (Hare, Hare)', 'basin: (Stag, Stag)']
    >>> ax.get_ylabel()
    'share of Region 2 playing Stag'
    """
    where = "basin_map"
    if not isinstance(basins, Basins):
        raise InvalidArgumentError(f"{where}: expected a Basins result (from coopgame.dynamics.basin_estimates.basins), "
                                   f"got {type(basins).__name__}")
    sizes, pops = tuple(basins.sizes), basins.populations
    if pops == "single" and sizes == (2,):
        kind = "strip"
    elif pops == "single" and sizes == (3,):
        kind = "simplex"
    elif pops == "multi" and sizes == (2, 2):
        kind = "square"
    elif pops == "multi" and sizes == (2, 2, 2):
        kind = "cube"
    else:
        raise NotSupportedError(f"{where}: expected one population with two or three strategies, or two or three "
                                f"roles with two strategies each, got a {pops}-population state of sizes {sizes}")
    legend = check_bool(legend, "legend", where)
    if size is not None:
        size = check_real(size, "size", where, minimum=0, open_min=True)
    colors = _colours(colors, len(basins.attractors), where)
    ax = _check_3d(ax, where) if kind == "cube" else get_axes(ax, where=where)
    P = np.asarray(basins.points, dtype=float)
    if kind == "strip":
        xy = np.column_stack([P[:, 0], np.full(len(P), 0.5)])
    elif kind == "simplex":
        xy = _ternary(P)
        _draw_triangle(ax, list(basins.actions[0]))
    elif kind == "square":
        xy = P[:, [0, 2]]
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
    else:
        xy = P[:, [0, 2, 4]]
        _draw_cube(ax)
    if size is None:
        if basins.method == "grid" and kind in ("square", "simplex"):
            # one marker per grid cell: the grid step 1/n in points, from the axes' size on the figure
            ax.apply_aspect()
            box = ax.get_position()
            fig_w, fig_h = ax.figure.get_size_inches()
            (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
            per_unit = 72.0 * min(box.width * fig_w / (x1 - x0), box.height * fig_h / (y1 - y0))
            size = (1.1 * per_unit / basins.resolution) ** 2
        else:
            size = {"strip": 60.0, "cube": 8.0}.get(kind, 10.0) if basins.method == "grid" else 10.0
    marker = "|" if kind == "strip" else ("s" if basins.method == "grid" and kind == "square" else "o")
    groups = [(k, basins.names[k], colors[k]) for k in range(len(basins.attractors))]
    groups.append((-1, "unresolved", "lightgrey"))
    for k, name, colour in groups:
        sel = basins.outcome == k
        if not sel.any():
            continue
        share = float(np.mean(sel))
        coords = [xy[sel, j] for j in range(xy.shape[1])]
        kwargs = {"s": size, "marker": marker, "label": f"{name} ({share:.0%})"}
        if marker == "|":
            kwargs["color"] = [colour]
            kwargs["linewidths"] = 2.0
        else:
            kwargs["color"] = [colour]
            kwargs["edgecolors"] = "none"
        coll = ax.scatter(*coords, **kwargs)
        coll.set_gid(f"basin: {name}")
    if kind == "strip":
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.set_xlabel(f"share playing {basins.actions[0][0]}")
    elif kind == "square":
        ax.set_xlabel(f"share of {basins.players[0]} playing {basins.actions[0][0]}")
        ax.set_ylabel(f"share of {basins.players[1]} playing {basins.actions[1][0]}")
    elif kind == "cube":
        _axis_labels_3d(ax, [f"{p}: {acts[0]}" for p, acts in zip(basins.players, basins.actions)])
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, borderaxespad=0,
                  markerscale=1.0 if marker == "|" else max(0.5, min(2.0, 30.0 / size)))
    return ax


def _colours(colors: Any, count: int, where: str) -> list[Any]:
    """``count`` matplotlib colours: the given ones (checked) or the ``tab10`` cycle."""
    import matplotlib
    from matplotlib.colors import is_color_like

    if colors is None:
        cycle = matplotlib.colormaps["tab10"]
        return [cycle(k % 10) for k in range(count)]
    if isinstance(colors, (str, bytes)) or not isinstance(colors, (Sequence, np.ndarray)):
        raise InvalidArgumentTypeError(f"{where}: expected colors as a sequence of matplotlib colours, "
                                       f"got {describe(colors)}")
    out = list(colors)
    for c in out:
        try:
            ok = is_color_like(c)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise InvalidArgumentError(f"{where}: expected colors as matplotlib colours, got {describe(c)} among them")
    if len(out) < count:
        raise InvalidArgumentError(f"{where}: expected at least {count} colours, got {len(out)}")
    return out
