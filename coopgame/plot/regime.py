"""Regime maps and threshold curves from a parameter sweep (:func:`coopgame.sweeps.sweep`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from coopgame._checks import check_bool, check_mapping, describe, public
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.plot._axes import get_axes

__all__ = ["MAX_CATEGORIES", "regime_map", "threshold_columns", "threshold_plot"]

#: Most distinct values :func:`regime_map` draws as categories.
MAX_CATEGORIES = 20

#: Default colours of the categories, in order (colour-blind friendly, Okabe and Ito).
COLORS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
          "#000000", "#88CCEE", "#44AA99", "#117733", "#332288", "#DDCC77", "#999933", "#CC6677",
          "#882255", "#AA4499", "#661100", "#6699CC")

_MARKERS = (" threshold ", " upper bound ")


def _frame(result: Any, where: str):
    import pandas as pd

    if not isinstance(result, pd.DataFrame):
        raise InvalidArgumentError(f"{where}: expected the DataFrame returned by sweep, got {type(result).__name__}")
    return result


def _name(value: Any, name: str, where: str) -> str:
    """A column name (a string)."""
    if not isinstance(value, str):
        raise InvalidArgumentTypeError(f"{where}: expected {name} as a column name (str), got {describe(value)}")
    return value


def _names(value: Any, name: str, where: str) -> list[str]:
    """A sequence of column names (not a single string)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise InvalidArgumentTypeError(f"{where}: expected {name} as a sequence of column names, got {describe(value)}")
    return [_name(v, name, where) for v in value]


def _colors(colors: Any, where: str) -> Sequence[Any] | Mapping[Any, Any] | None:
    """None, a mapping value -> colour or a sequence of colours, every colour one matplotlib understands."""
    from matplotlib.colors import is_color_like

    if colors is None:
        return None
    if isinstance(colors, Mapping):
        given = list(colors.values())
    elif isinstance(colors, (Sequence, np.ndarray)) and not isinstance(colors, (str, bytes)):
        given = list(colors)
    else:
        raise InvalidArgumentTypeError(f"{where}: expected colors as a sequence of colours or a mapping from values to "
                                       f"colours, got {describe(colors)}")
    bad = [c for c in given if not is_color_like(c)]
    if bad:
        raise InvalidArgumentError(f"{where}: expected matplotlib colours in colors, got {describe(bad[0])}")
    return colors


def _require(result: Any, names: Sequence[str], where: str) -> None:
    missing = [n for n in names if n not in result.columns]
    if missing:
        raise InvalidArgumentError(f"{where}: expected columns of the sweep result among {list(result.columns)}, "
                                   f"got {missing}")


def _numeric(result: Any, name: str, where: str) -> np.ndarray:
    try:
        return np.asarray(result[name].to_numpy(), dtype=float)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"{where}: expected numbers in column {name!r}") from None


def _edges(values: np.ndarray) -> np.ndarray:
    """Cell edges around sorted grid values: midpoints inside, half a step beyond the ends."""
    if len(values) == 1:
        return np.array([values[0] - 0.5, values[0] + 0.5])
    mid = (values[1:] + values[:-1]) / 2
    return np.concatenate([[values[0] - (mid[0] - values[0])], mid, [values[-1] + (values[-1] - mid[-1])]])


def _check_other_parameters(result: Any, keep: Sequence[str], where: str) -> None:
    params = result.attrs.get("parameters")
    if not params:
        return
    varying = [p for p in params if p not in keep and p in result.columns and result[p].nunique(dropna=False) > 1]
    if varying:
        raise InvalidArgumentError(
            f"{where}: expected the other parameters fixed, got several values of {varying}; "
            f"select rows first, e.g. result[result[{varying[0]!r}] == value]")


def threshold_columns(result: Any, parameter: str | None = None) -> list[str]:
    """The threshold columns of a sweep result (``"<parameter> threshold ..."``, ``"<parameter> upper bound ..."``).

    Examples
    --------
    >>> from coopgame.models import inspection
    >>> from coopgame.sweeps import sweep
    >>> from coopgame.plot.regime import threshold_columns
    >>> result = sweep(inspection(), {"F": [4, 8], "rho": [0.5, 1.0]}, thresholds=[("F", ("False", "Inspect"))])
    >>> threshold_columns(result, "F")
    ['F threshold (False, Inspect) nash', 'F upper bound (False, Inspect) nash']
    """
    out = []
    for c in result.columns:
        if not isinstance(c, str):
            continue
        for m in _MARKERS:
            head, sep, _ = c.partition(m)
            if sep and (parameter is None or head == parameter):
                out.append(c)
                break
    return out


def _curve(result: Any, along: str, column: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The threshold as a function of ``along``, or None if it is not one (several values at one point)."""
    pairs = result[[along, column]].dropna().drop_duplicates()
    if pairs.empty or pairs[along].duplicated().any():
        return None
    pairs = pairs.sort_values(along)
    t = pairs[column].to_numpy(dtype=float)
    if np.all(t == 0):
        return None  # a least value of 0: no bound from below
    full = np.sort(result[along].dropna().unique().astype(float))
    return full, np.interp(full, pairs[along].to_numpy(dtype=float), t, left=np.nan, right=np.nan) \
        if len(pairs) < len(full) else t


@public
def regime_map(result: Any, x: str, y: str, column: str = "equilibria", ax: Any = None, *,
               labels: Mapping[Any, str] | None = None, colors: Sequence[Any] | Mapping[Any, Any] | None = None,
               thresholds: bool | Sequence[str] = True, legend: bool = True):
    """A categorical map of which outcome (equilibrium, regime) holds where in a two-parameter plane.

    Parameters
    ----------
    result : pandas.DataFrame
        A sweep over a grid of ``x`` and ``y`` (other parameters fixed):
        the frame :func:`coopgame.sweeps.sweep` returns, or any frame with
        one value of ``column`` per ``(x, y)``.
    x, y : str
        Parameter columns for the horizontal and vertical axes.
    column : str, default "equilibria"
        The outcome to colour by; its values are categories (at most
        :data:`MAX_CATEGORIES`). Missing values (failed points) stay blank.
    ax : matplotlib Axes, optional
    labels : mapping, optional
        Words for the legend in place of the raw values, e.g.
        ``{"(False, Inspect)": "false cooperation, inspected"}``.
    colors : sequence or mapping, optional
        Colours in category order, or by value.
    thresholds : bool or sequence of str, default True
        Overlay threshold curves: True draws the sweep's threshold columns
        for ``y`` (as curves ``y = t(x)``) and for ``x`` (as ``x = t(y)``);
        or name the columns to draw; False draws none.
    legend : bool, default True

    Returns
    -------
    matplotlib.axes.Axes
        The map is ``ax.collections[0]`` (a QuadMesh whose array holds the
        category codes); threshold curves are lines.

    Examples
    --------
    >>> import numpy as np
    >>> from coopgame.models import inspection
    >>> from coopgame.sweeps import sweep
    >>> from coopgame.plot.regime import regime_map
    >>> result = sweep(inspection(), {"F": np.linspace(1, 12, 12), "rho": np.linspace(0.1, 1, 10)},
    ...                thresholds=[("F", ("False", "Inspect"))])
    >>> ax = regime_map(result, "rho", "F")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['none (mixed)', '(False, Inspect)', '(False, Trust)', 'F upper bound (False, Inspect) nash']
    """
    where = "regime_map"
    x, y, column = _name(x, "x", where), _name(y, "y", where), _name(column, "column", where)
    labels = check_mapping(labels, "labels", where, what="a mapping from values to legend words")
    legend = check_bool(legend, "legend", where)
    if not isinstance(thresholds, bool) and thresholds is not None:
        thresholds = _names(thresholds, "thresholds", where)
    result = _frame(result, where)
    _require(result, [x, y, column], where)
    if x == y:
        raise InvalidArgumentError(f"{where}: expected two different parameters for the axes, got {x!r} twice")
    _check_other_parameters(result, [x, y], where)
    xv, yv = _numeric(result, x, where), _numeric(result, y, where)
    values = result[column]
    present = values.notna().to_numpy()
    if hasattr(values, "cat"):
        used = set(values[present].unique())
        categories = [c for c in values.cat.categories if c in used]
    else:
        categories = list(dict.fromkeys(values[present].tolist()))
        try:
            categories = sorted(categories)
        except TypeError:
            pass
    if len(categories) > MAX_CATEGORIES:
        raise InvalidArgumentError(f"{where}: expected at most {MAX_CATEGORIES} distinct values in {column!r}, "
                                   f"got {len(categories)}; for a continuous quantity use matplotlib's pcolormesh")
    xs, ys = np.unique(xv[np.isfinite(xv)]), np.unique(yv[np.isfinite(yv)])
    if len(xs) == 0 or len(ys) == 0:
        raise InvalidArgumentError(f"{where}: expected at least one point with finite {x!r} and {y!r}")
    position = {c: k for k, c in enumerate(categories)}
    code = np.array([position[v] if ok else np.nan for v, ok in zip(values.tolist(), present)], dtype=float)
    ix, iy = np.searchsorted(xs, xv), np.searchsorted(ys, yv)
    grid = np.full((len(ys), len(xs)), np.nan)
    seen = np.zeros_like(grid, dtype=bool)
    for i, j, c in zip(iy, ix, code):
        if seen[i, j] and not (grid[i, j] == c or (np.isnan(grid[i, j]) and np.isnan(c))):
            raise InvalidArgumentError(f"{where}: expected one value of {column!r} per ({x}, {y}), got several at "
                                       f"{x}={xs[j]:g}, {y}={ys[i]:g}; fix the other parameters first")
        grid[i, j], seen[i, j] = c, True

    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    colors = _colors(colors, where)
    if colors is None:
        palette = [COLORS[k % len(COLORS)] for k in range(len(categories))]
    elif isinstance(colors, Mapping):
        palette = [colors.get(c, COLORS[k % len(COLORS)]) for k, c in enumerate(categories)]
    else:
        palette = list(colors)
        if len(palette) < len(categories):
            raise InvalidArgumentError(f"{where}: expected at least {len(categories)} colours, got {len(palette)}")
        palette = palette[:len(categories)]
    ax = get_axes(ax, where=where)
    k = max(1, len(categories))
    cmap = ListedColormap(palette or ["white"])
    norm = BoundaryNorm(np.arange(-0.5, k + 0.5), cmap.N)
    ax.pcolormesh(_edges(xs), _edges(ys), np.ma.masked_invalid(grid), cmap=cmap, norm=norm, shading="flat")
    handles: list[Any] = [Patch(facecolor=palette[n], edgecolor="none", label=str((labels or {}).get(c, c)))
                          for n, c in enumerate(categories)]
    if thresholds is True:
        chosen = threshold_columns(result, y) + threshold_columns(result, x)
    elif thresholds is False or thresholds is None:
        chosen = []
    else:
        chosen = list(thresholds)
        _require(result, chosen, where)
    styles = ["--", ":", "-.", (0, (5, 1, 1, 1))]
    for n, col in enumerate(chosen):
        vertical = col.startswith(f"{x} ") and not col.startswith(f"{y} ")
        curve = _curve(result, y if vertical else x, col)
        if curve is None:
            continue
        along, t = curve
        xy = (t, along) if vertical else (along, t)
        (line,) = ax.plot(*xy, color="black", lw=1.8, ls=styles[n % len(styles)],
                          label=str((labels or {}).get(col, col)))
        handles.append(line)
    ax.set_xlim(_edges(xs)[0], _edges(xs)[-1])
    ax.set_ylim(_edges(ys)[0], _edges(ys)[-1])
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    if legend and handles:
        ax.legend(handles=handles, title=column, fontsize="small", loc="best")
    return ax


@public
def threshold_plot(result: Any, x: str, columns: Sequence[str] | None = None, ax: Any = None, *,
                   by: str | None = None, labels: Mapping[str, str] | None = None):
    """Line plots of thresholds (least fines, subsidies, ...) against a parameter.

    Parameters
    ----------
    result : pandas.DataFrame
        A sweep with threshold columns (``sweep(game, grid, thresholds=...)``).
    x : str
        The parameter on the horizontal axis.
    columns : sequence of str, optional
        Threshold columns to draw (default: all of them, see
        :func:`threshold_columns`, except those that are 0 or missing
        everywhere).
    ax : matplotlib Axes, optional
    by : str, optional
        A parameter column: one line per value of it.
    labels : mapping, optional
        Legend words for columns.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import numpy as np
    >>> from coopgame.models import inspection
    >>> from coopgame.sweeps import sweep
    >>> from coopgame.plot.regime import threshold_plot
    >>> result = sweep(inspection(), {"rho": [0.25, 0.5, 1.0], "dc": [1, 2]},
    ...                thresholds=[("F", ("False", "Inspect"))])
    >>> ax = threshold_plot(result, "rho", by="dc")
    >>> [line.get_label() for line in ax.lines]
    ['F upper bound (False, Inspect) nash, dc = 1', 'F upper bound (False, Inspect) nash, dc = 2']
    >>> [float(v) for v in ax.lines[1].get_ydata()]   # dc/rho for dc = 2
    [8.0, 4.0, 2.0]
    """
    where = "threshold_plot"
    result = _frame(result, where)
    x = _name(x, "x", where)
    by = None if by is None else _name(by, "by", where)
    labels = check_mapping(labels, "labels", where, what="a mapping from columns to legend words")
    if columns is not None:
        columns = _names(columns, "columns", where)
    _require(result, [x] + ([by] if by else []), where)
    if columns is None:  # a least value of 0 everywhere bounds nothing: leave it out
        cols = [c for c in threshold_columns(result) if (result[c].dropna() != 0).any()]
    else:
        cols = list(columns)
    if not cols:
        raise InvalidArgumentError(f"{where}: expected threshold columns in the sweep result (pass thresholds= to "
                                   f"sweep, or name columns), got none")
    _require(result, cols, where)
    groups = [(None, result)] if by is None else list(result.groupby(by, sort=True))
    ax = get_axes(ax, where=where)
    for col in cols:
        for value, part in groups:
            pairs = part[[x, col]].dropna().drop_duplicates()
            if pairs[x].duplicated().any():
                other = f" and {by}" if by else ""
                raise InvalidArgumentError(f"{where}: expected {col!r} to depend on {x!r}{other} only, got several "
                                           f"values at one {x}; select rows or pass by=")
            pairs = pairs.sort_values(x)
            name = str((labels or {}).get(col, col))
            ax.plot(pairs[x].to_numpy(dtype=float), pairs[col].to_numpy(dtype=float), marker=".",
                    label=name if value is None else f"{name}, {by} = {value}")
    heads = {c.partition(" threshold ")[0] if " threshold " in c else c.partition(" upper bound ")[0] for c in cols}
    ax.set_xlabel(x)
    ax.set_ylabel(heads.pop() if len(heads) == 1 else "threshold")
    ax.legend(fontsize="small", loc="best")
    return ax
