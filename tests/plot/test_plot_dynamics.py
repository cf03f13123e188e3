"""Plots of the replicator dynamics: each draws on the given Axes, returns it, and shows the right data."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import coopgame as cg
from coopgame import models
from coopgame.dynamics import rest_points, stability
from coopgame.dynamics.basin_estimates import basins
from coopgame.dynamics.trajectory import replicator
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    InvalidGameError,
    InvalidProfileError,
    NotSupportedError,
    UnresolvedParameterError,
)
from coopgame.plot.dynamics import (
    MAX_DENSITY,
    MAX_RESOLUTION,
    basin_map,
    phase_portrait,
    simplex_plot,
    time_series,
    trajectory_3d,
)

STAG = models.stag_hunt(R=4, S=1, T=3, P=3)
GOOD_RPS = [[0, -1, 2], [2, 0, -1], [-1, 2, 0]]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def rps_game() -> cg.NormalFormGame:
    A = np.array(GOOD_RPS)
    return cg.NormalFormGame([A, A.T], actions=[["Rock", "Paper", "Scissors"]] * 2)


TRIANGLE = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, math.sqrt(3) / 2]])   # corners of the drawn simplex


def by_gid(artists, gid):
    return [a for a in artists if a.get_gid() == gid]


def rest_markers(ax) -> dict[str, list[tuple[float, ...]]]:
    out = {}
    for line in ax.lines:
        gid = line.get_gid() or ""
        if gid.startswith("rest points: "):
            data = line.get_data_3d() if hasattr(line, "get_data_3d") else line.get_data()
            out[gid.split(": ", 1)[1]] = sorted(zip(*(np.round(np.asarray(d, dtype=float), 9) for d in data)))
    return out


# ------------------------------------------------------------------------------------ phase portrait
def test_phase_portrait_draws_on_given_axes_with_field_nullclines_and_rest_points():
    _, ax = plt.subplots()
    out = phase_portrait(STAG, ax=ax)
    assert out is ax
    assert by_gid(ax.collections, "field"), "no stream lines"
    # nullclines at the mixed equilibrium shares: role 1 indifferent when y = 2/3, role 2 when x = 2/3
    (hx,) = by_gid(ax.lines, "nullcline: x")
    (vy,) = by_gid(ax.lines, "nullcline: y")
    assert np.allclose(hx.get_ydata(), 2 / 3) and np.allclose(vy.get_xdata(), 2 / 3)
    marks = rest_markers(ax)
    assert marks == {"stable": [(0.0, 0.0), (1.0, 1.0)], "unstable": [(0.0, 1.0), (1.0, 0.0)],
                     "saddle": [(round(2 / 3, 9), round(2 / 3, 9))]}
    assert ax.get_xlabel() == "share of Region 1 playing Stag"
    assert ax.get_ylabel() == "share of Region 2 playing Stag"
    assert ax.get_legend() is not None


def test_phase_portrait_marks_agree_with_stability():
    game = cg.NormalFormGame([[[2, -1], [0, 1]], [[1, 3], [2, 0]]], exact=True)
    ax = phase_portrait(game, legend=False)
    marks = rest_markers(ax)
    expected: dict[str, list] = {}
    for p in rest_points(game):
        expected.setdefault(stability(game, p).classification, []).append(
            (round(float(p[0][0]), 9), round(float(p[1][0]), 9)))
    assert marks == {k: sorted(v) for k, v in expected.items()}
    assert ax.get_legend() is None


def test_phase_portrait_inspection_game_has_a_centre_and_orbits():
    ax = phase_portrait(models.inspection().numeric(), starts=[[[0.7, 0.3], [0.5, 0.5]], [[0.9, 0.1], [0.2, 0.8]]],
                        t_max=20)
    assert rest_markers(ax)["centre"] == [(0.5, 0.5)]   # false cooperation k/(rho B) = 1/2, inspection dc/(rho F) = 1/2
    trajectories = by_gid(ax.lines, "trajectory")
    assert len(trajectories) == 2
    x, y = trajectories[0].get_data()
    assert x[0] == pytest.approx(0.7) and y[0] == pytest.approx(0.5)
    assert len(by_gid(ax.lines, "start")) == 2


def test_phase_portrait_of_a_population_game_with_a_dynamic_penalty():
    """A fine proportional to the violation rate 1 - x: the interior point becomes a stable focus and
    the local government's nullcline bends (y = dc / (rho F (1 - x)))."""
    import sympy

    from coopgame.dynamics.population import PopulationGame

    dynamic = PopulationGame([[0, "dc - y*rho*F*(1 - x)"], ["(1 - x)*rho*B - k", 0]],
                             players=["Local government", "Central government"],
                             actions=[["Real", "False"], ["Inspect", "Trust"]])
    with pytest.raises(UnresolvedParameterError):
        phase_portrait(dynamic)
    game = dynamic.subs(B=4, F=16, dc=2, k=1, rho=sympy.Rational(1, 2))
    ax = phase_portrait(game, starts=[[[0.8, 0.2], [0.5, 0.5]]], t_max=40)
    assert rest_markers(ax)["stable"] == [(0.5, 0.5)]
    (curve,) = by_gid(ax.collections, "nullcline: x")
    path = np.vstack([p.vertices for p in curve.get_paths()])
    assert np.allclose(path[:, 1], 2 / (8 * (1 - path[:, 0])), atol=1e-2)   # on the curve y = dc/(rho F (1 - x))
    (vertical,) = by_gid(ax.collections, "nullcline: y")
    assert np.allclose(np.vstack([p.vertices for p in vertical.get_paths()])[:, 0], 0.5, atol=1e-6)
    (traj,) = by_gid(ax.lines, "trajectory")
    x, y = traj.get_data()
    assert abs(x[-1] - 0.5) < 0.05 and abs(y[-1] - 0.5) < 0.05              # spirals in
    three = PopulationGame([["x_1", "x_2", 0]])
    with pytest.raises(NotSupportedError):
        phase_portrait(three)


def test_phase_portrait_new_axes_and_options():
    ax = phase_portrait(STAG, nullclines=False, rest_points=False, resolution=10)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert not by_gid(ax.lines, "nullcline: x") and not rest_markers(ax)
    (stream,) = by_gid(ax.collections, "field")
    segments = np.vstack([np.asarray(seg) for seg in stream.get_segments()])
    assert len(segments) and ((segments >= -1e-9) & (segments <= 1 + 1e-9)).all()   # drawn in the unit square
    assert ax.get_xlim() == pytest.approx((-0.02, 1.02)) and ax.get_ylim() == pytest.approx((-0.02, 1.02))


def test_phase_portrait_bad_input():
    with pytest.raises(NotSupportedError, match="two roles with two actions"):
        phase_portrait(rps_game())
    with pytest.raises(NotSupportedError):
        phase_portrait(models.tripartite().numeric())
    with pytest.raises(InvalidArgumentError, match="resolution"):
        phase_portrait(STAG, resolution=2)
    with pytest.raises(UnresolvedParameterError):
        phase_portrait(models.stag_hunt())


# ------------------------------------------------------------------------------------ simplex
def test_simplex_plot_game():
    _, ax = plt.subplots()
    out = simplex_plot(rps_game(), ax=ax, starts=[[0.8, 0.1, 0.1], [0.2, 0.2, 0.6]])
    assert out is ax
    assert [t.get_text() for t in ax.texts] == ["Rock", "Paper", "Scissors"]
    assert by_gid(ax.collections, "field")
    assert len(by_gid(ax.lines, "trajectory")) == 2
    marks = rest_markers(ax)
    centre = (round(0.5, 9), round(math.sqrt(3) / 6, 9))
    assert marks["stable"] == [centre]
    assert marks["saddle"] == sorted([(0.0, 0.0), (1.0, 0.0), (0.5, round(math.sqrt(3) / 2, 9))])
    # the trajectory starts at the projection of its start
    x, y = by_gid(ax.lines, "trajectory")[0].get_data()
    assert (x[0], y[0]) == pytest.approx((0.1 + 0.05, 0.1 * math.sqrt(3) / 2))


def test_simplex_plot_of_trajectories():
    game = rps_game()
    trajs = [replicator(game, [0.6, 0.3, 0.1], 10), replicator(game, [0.1, 0.1, 0.8], 10)]
    ax = simplex_plot(trajs)
    lines = by_gid(ax.lines, "trajectory")
    assert len(lines) == 2
    for line, traj in zip(lines, trajs):                    # each drawn path is its trajectory, projected
        assert np.allclose(np.column_stack(line.get_data()), traj.states @ TRIANGLE)
    assert not by_gid(ax.collections, "field") and not rest_markers(ax)
    ax = simplex_plot(trajs[0])
    (line,) = by_gid(ax.lines, "trajectory")
    assert np.allclose(np.column_stack(line.get_data()), trajs[0].states @ TRIANGLE)


def test_simplex_plot_arrows_do_not_depend_on_the_payoff_scale():
    # the same directions at the same lattice points for tiny payoffs; none at a rest point on the lattice
    A = np.array(GOOD_RPS, dtype=float)
    drawn = []
    for scale in (1.0, 1e-13):
        ax = simplex_plot(cg.NormalFormGame([scale * A, scale * A.T]), rest_points=False, resolution=3)
        (q,) = by_gid(ax.collections, "field")
        drawn.append((np.asarray(q.get_offsets()), np.column_stack([q.U, q.V])))
    assert len(drawn[0][0]) == len(drawn[1][0]) == 6          # 10 lattice points; the corners and centre rest
    assert np.allclose(drawn[0][0], drawn[1][0]) and np.allclose(drawn[0][1], drawn[1][1])


def test_simplex_plot_zero_sum_rps_has_a_centre():
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    ax = simplex_plot(cg.NormalFormGame([A, A.T]), field=False)
    assert rest_markers(ax)["centre"] == [(0.5, round(math.sqrt(3) / 6, 9))]


def test_simplex_plot_bad_input():
    with pytest.raises(NotSupportedError, match="three actions"):
        simplex_plot(STAG)
    with pytest.raises(InvalidGameError, match="symmetric"):
        simplex_plot(cg.NormalFormGame([np.eye(3), np.zeros((3, 3))]))
    with pytest.raises(NotSupportedError, match="one-population"):
        simplex_plot(replicator(STAG, [[0.5, 0.5], [0.5, 0.5]], 5))
    with pytest.raises(InvalidArgumentError, match="Trajectory"):
        simplex_plot([1, 2, 3])


# ------------------------------------------------------------------------------------ 3-D
def test_trajectory_3d_from_trajectories_and_game():
    game = models.tripartite().numeric()
    trajs = [replicator(game, [[0.5, 0.5], [0.3, 0.7], [0.6, 0.4]], 20)]
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    assert trajectory_3d(trajs, ax=ax) is ax
    (line,) = by_gid(ax.lines, "trajectory")
    xs, _, zs = line.get_data_3d()
    assert np.allclose(xs, trajs[0].states[:, 0]) and np.allclose(zs, trajs[0].states[:, 4])
    assert len(by_gid(ax.lines, "cube")) == 12
    assert ax.get_xlabel() == "share Central government: Supervise strictly"
    # with the game: corners marked; (L, R, A) = (0, 1, 1) is the stable one for the defaults
    ax = trajectory_3d(game, starts=[[[0.5, 0.5]] * 3])
    assert rest_markers(ax)["stable"] == [(0.0, 1.0, 1.0)]
    assert sum(len(v) for v in rest_markers(ax).values()) == 8
    (line,) = by_gid(ax.lines, "trajectory")
    path = np.column_stack(line.get_data_3d())
    expected = replicator(game, [[0.5, 0.5]] * 3, 50.0).states[:, [0, 2, 4]]
    assert np.allclose(path[0], 0.5) and np.allclose(path[-1], expected[-1], atol=1e-6)


def test_trajectory_3d_bad_input():
    game = models.tripartite().numeric()
    _, flat = plt.subplots()
    with pytest.raises(InvalidArgumentError, match="3-D Axes"):
        trajectory_3d(replicator(game, [[0.5, 0.5]] * 3, 5), ax=flat)
    with pytest.raises(NotSupportedError, match="three roles"):
        trajectory_3d(STAG, starts=[[[0.5, 0.5]] * 2])
    with pytest.raises(NotSupportedError, match="three roles"):
        trajectory_3d(replicator(STAG, [[0.5, 0.5], [0.5, 0.5]], 5))
    with pytest.raises(InvalidArgumentError, match="starts"):
        trajectory_3d(game, corners=False)


# ------------------------------------------------------------------------------------ time series
def test_time_series():
    traj = replicator(models.tripartite().numeric(), [[0.5, 0.5], [0.4, 0.6], [0.3, 0.7]], 10)
    _, ax = plt.subplots()
    assert time_series(traj, ax=ax) is ax
    assert [line.get_label() for line in ax.lines] == [traj.labels[k] for k in (0, 2, 4)]
    assert np.allclose(ax.lines[1].get_ydata(), traj.states[:, 2])
    assert np.allclose(ax.lines[1].get_xdata(), traj.t)
    assert ax.get_xlabel() == "time t"
    ax = time_series(traj, columns=["Enterprise: Pollute", 0])
    assert [line.get_label() for line in ax.lines] == ["Enterprise: Pollute", traj.labels[0]]
    one = replicator(rps_game(), [0.5, 0.3, 0.2], 5)
    ax = time_series(one)
    assert [line.get_label() for line in ax.lines] == list(one.labels)
    assert all(np.allclose(line.get_ydata(), one.states[:, k]) for k, line in enumerate(ax.lines))


def test_time_series_bad_input():
    traj = replicator(STAG, [0.5, 0.5], 5)
    with pytest.raises(InvalidArgumentError, match="columns"):
        time_series(traj, columns=["Deer"])
    with pytest.raises(InvalidArgumentError, match="columns"):
        time_series(traj, columns=[7])
    with pytest.raises(InvalidArgumentError, match="Trajectory"):
        time_series(STAG)


# ------------------------------------------------------------------------------------ basin map
def offsets(ax, gid):
    (coll,) = by_gid(ax.collections, gid)
    return np.asarray(coll.get_offsets())


def test_basin_map_square():
    b = basins(STAG, grid=20, populations="multi")
    _, ax = plt.subplots()
    assert basin_map(b, ax=ax) is ax
    stag = offsets(ax, "basin: (Stag, Stag)")
    hare = offsets(ax, "basin: (Hare, Hare)")
    assert len(stag) + len(hare) + round(b.unresolved * len(b)) == len(b)
    assert np.allclose(sorted(map(tuple, stag)), sorted(map(tuple, b.points[b.mask(0)][:, [0, 2]])))
    assert ax.get_xlabel() == "share of Region 1 playing Stag"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("(Stag, Stag) (")


def test_basin_map_strip_simplex_and_cube():
    b = basins(STAG, grid=30)
    ax = basin_map(b)
    assert len(offsets(ax, "basin: Stag")) == b.mask("Stag").sum()
    assert ax.get_xlabel() == "share playing Stag"
    assert by_gid(ax.collections, "basin: unresolved")           # x = 20/30 is the rest point x* = 2/3
    strip = offsets(ax, "basin: Stag")
    assert np.allclose(np.sort(strip[:, 0]), np.sort(b.points[b.mask("Stag")][:, 0]))   # x = share of Stag
    coordination = cg.NormalFormGame([np.eye(3), np.eye(3)], actions=[["a", "b", "c"]] * 2)
    simplex = basins(coordination, samples=200, seed=0)
    ax = basin_map(simplex, legend=False)
    assert [t.get_text() for t in ax.texts] == ["a", "b", "c"]
    assert sum(len(c.get_offsets()) for c in ax.collections) == 200
    assert ax.get_legend() is None
    for label in ("a", "b", "c"):                           # each basin's points, projected onto the triangle
        drawn = offsets(ax, f"basin: {label}")
        expected = simplex.points[simplex.mask(label)] @ TRIANGLE
        assert np.allclose(sorted(map(tuple, drawn)), sorted(map(tuple, expected)))
    cube = basins(models.tripartite().numeric(), grid=6)
    ax = basin_map(cube, colors=["tab:green"])
    assert hasattr(ax, "zaxis") and len(by_gid(ax.lines, "cube")) == 12
    corner = "(Supervise loosely, Regulate strictly, Abate)"
    (coll,) = by_gid(ax.collections, f"basin: {corner}")
    drawn = np.column_stack(coll._offsets3d)
    expected = cube.points[cube.mask(corner)][:, [0, 2, 4]]
    assert np.allclose(sorted(map(tuple, drawn)), sorted(map(tuple, expected)))


def test_basin_map_bad_input():
    with pytest.raises(InvalidArgumentError, match="Basins"):
        basin_map(STAG)
    two_by_three = cg.NormalFormGame([[[3, 0, 1], [0, 2, 0]], [[2, 0, 0], [1, 3, 1]]])
    with pytest.raises(NotSupportedError, match="two or three"):
        basin_map(basins(two_by_three, grid=5))
    _, flat = plt.subplots()
    with pytest.raises(InvalidArgumentError, match="3-D Axes"):
        basin_map(basins(models.tripartite().numeric(), grid=4), ax=flat)
    with pytest.raises(InvalidArgumentError, match="colours"):
        basin_map(basins(STAG, grid=10), colors=["red"])


# ------------------------------------------------------------------------------------ bad arguments, each class
NOT_AXES = [True, 3, "ax", [1, 2], np.array([np.nan]), object()]


@pytest.mark.parametrize("ax", NOT_AXES, ids=lambda v: type(v).__name__ if type(v) is object else repr(v))
def test_every_plot_refuses_what_is_not_axes(ax):
    traj = replicator(STAG, [0.5, 0.5], 2)
    calls = [lambda: phase_portrait(STAG, ax=ax), lambda: simplex_plot(rps_game(), ax=ax, field=False),
             lambda: time_series(traj, ax=ax), lambda: basin_map(basins(STAG, grid=5), ax=ax),
             lambda: trajectory_3d(models.tripartite().numeric(), ax=ax)]
    for call in calls:
        with pytest.raises(InvalidArgumentTypeError, match="expected ax as matplotlib Axes"):
            call()


@pytest.mark.parametrize("bad", [np.array([np.nan, 1.0]), 1, "yes", None])
def test_switches_must_be_booleans(bad):
    traj = replicator(STAG, [0.5, 0.5], 2)
    for call in (lambda: phase_portrait(STAG, nullclines=bad), lambda: phase_portrait(STAG, rest_points=bad),
                 lambda: phase_portrait(STAG, legend=bad), lambda: simplex_plot(rps_game(), field=bad),
                 lambda: time_series(traj, legend=bad), lambda: basin_map(basins(STAG, grid=5), legend=bad),
                 lambda: trajectory_3d(models.tripartite().numeric(), corners=bad)):
        with pytest.raises(InvalidArgumentTypeError, match="True or False"):
            call()


@pytest.mark.parametrize("bad", [None, 2.5, "10", float("nan"), 10**9, 10**400, -1, 0])
def test_resolutions_are_bounded_integers(bad):
    with pytest.raises(InvalidArgumentError, match="resolution"):
        phase_portrait(STAG, resolution=bad)
    with pytest.raises(InvalidArgumentError, match="resolution"):
        simplex_plot(rps_game(), resolution=bad)
    assert MAX_RESOLUTION == 1000


@pytest.mark.parametrize("bad", [None, 0, -1, float("nan"), float("inf"), 10**400, MAX_DENSITY + 1, "1", [1, 2]])
def test_density_is_a_positive_bounded_number(bad):
    with pytest.raises(InvalidArgumentError, match="density"):
        phase_portrait(STAG, density=bad)


@pytest.mark.parametrize("bad", ["junk", 0, None, ["viridis"]])
def test_cmap_is_a_colour_map(bad):
    with pytest.raises(InvalidArgumentError, match="cmap"):
        phase_portrait(STAG, cmap=bad)
    assert phase_portrait(STAG, cmap=plt.get_cmap("magma"), resolution=5) is not None


@pytest.mark.parametrize("bad", [True, 0.5, 7, float("nan"), object()])
def test_starts_must_be_a_sequence_of_states(bad):
    with pytest.raises(InvalidArgumentTypeError, match="starts"):
        phase_portrait(STAG, starts=bad)
    with pytest.raises(InvalidArgumentTypeError, match="starts"):
        simplex_plot(rps_game(), starts=bad)
    with pytest.raises(InvalidArgumentTypeError, match="starts"):
        trajectory_3d(models.tripartite().numeric(), starts=bad)
    with pytest.raises(InvalidProfileError, match="x0"):              # a start that is not a state
        phase_portrait(STAG, starts=[[float("nan"), 1.0]])


def test_columns_colours_and_sizes_are_checked():
    traj = replicator(STAG, [0.5, 0.5], 2)
    for bad in (3, 2.5, "Stag", object()):
        with pytest.raises(InvalidArgumentTypeError, match="columns"):
            time_series(traj, columns=bad)
    b = basins(STAG, grid=5)
    for bad in (3, "red", object()):
        with pytest.raises(InvalidArgumentTypeError, match="colors"):
            basin_map(b, colors=bad)
    for bad in ([[1, 2]], [b"\x00"], [np.nan], ["no-such-colour"]):
        with pytest.raises(InvalidArgumentError, match="colou?rs"):
            basin_map(b, colors=bad * len(b.attractors))
    for bad in (0, -1, float("nan"), "big", True, [1, 2]):
        with pytest.raises(InvalidArgumentError, match="size"):
            basin_map(b, size=bad)
    assert basin_map(b, size=12.0, colors=["red"] * len(b.attractors)) is not None
