"""Steady states of a one-stock game over many parameter points: the elimination done once, roots per point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from coopgame._checks import check_choice, check_int, check_size, describe, public
from coopgame._numeric import TOLERANCE
from coopgame.differential.canonical import _steady_equation, _system
from coopgame.differential.game import DifferentialGame
from coopgame.errors import InvalidArgumentError, InvalidGameTypeError, NotSupportedError

__all__ = ["steady_states_sweep", "MAX_SWEEP_POINTS"]

_WHERE = "steady_states_sweep"

#: Default largest number of parameter points (keyword ``max_points``).
MAX_SWEEP_POINTS = 10 ** 6


@public
def steady_states_sweep(game: DifferentialGame, points: Mapping[str, Any], concept: str = "open-loop Nash", *,
                        max_points: int = MAX_SWEEP_POINTS) -> Any:
    """Every steady state of the open-loop or cooperative solution at each parameter point.

    The Pontryagin conditions are eliminated symbolically once, with the
    parameters free, down to one rational equation in the stock; at each
    point the real roots of its numerator are found (numpy's companion-matrix
    eigenvalues), filtered to where the controls and payoffs are defined and
    within bounds, and classified by the eigenvalues of the state-costate
    system. For one point, :func:`open_loop_nash` (exact root isolation)
    gives the same steady states.

    Parameters
    ----------
    game : DifferentialGame
        A one-stock game whose steady-state equation is rational in the stock
        (the shallow lake, linear-quadratic games).
    points : mapping
        ``{parameter name: array of values}``, all of one length; every free
        parameter must be given (a DataFrame works).
    concept : {"open-loop Nash", "cooperative"}
    max_points : int, default :data:`MAX_SWEEP_POINTS`

    Returns
    -------
    pandas.DataFrame
        One row per point: the parameters, ``count``, ``states`` (a tuple of
        floats, increasing) and ``kinds``.

    Examples
    --------
    >>> from coopgame.differential import steady_states_sweep
    >>> from coopgame.models import shallow_lake
    >>> frame = steady_states_sweep(shallow_lake(n=2).subs(c=1, r="3/100"), {"b": [0.5, 0.6, 0.8]})
    >>> frame["count"].tolist(), frame["kinds"][1]
    ([3, 3, 1], ('saddle', 'unstable', 'saddle'))
    """
    import pandas as pd

    if not isinstance(game, DifferentialGame):
        raise InvalidGameTypeError(f"{_WHERE}: expected a DifferentialGame, got {type(game).__name__}")
    concept = check_choice(concept, "concept", _WHERE, ["open-loop Nash", "cooperative"])
    if not isinstance(points, Mapping) and not hasattr(points, "columns"):
        raise InvalidArgumentError(f"{_WHERE}: expected a mapping {{parameter: values}}, got {describe(points)}")
    names = list(points.columns) if hasattr(points, "columns") else list(points)
    by_name = {s.name: s for s in game.parameters}
    unknown = [k for k in names if k not in by_name]
    missing = [k for k in by_name if k not in names]
    if unknown or missing:
        raise InvalidArgumentError(f"{_WHERE}: expected values for exactly the parameters {sorted(by_name)}, got "
                                   f"unknown {unknown} and missing {missing}")
    columns = {k: np.asarray(points[k], dtype=float).reshape(-1) for k in names}
    sizes = {v.size for v in columns.values()}
    if len(sizes) > 1:
        raise InvalidArgumentError(f"{_WHERE}: expected value arrays of one length, got lengths {sorted(sizes)}")
    size = sizes.pop() if sizes else 1
    check_size(_WHERE, size, check_int(max_points, "max_points", _WHERE, minimum=1), what="the number of points",
               limit_name="max_points")
    for k, v in columns.items():
        if not np.all(np.isfinite(v)):
            raise InvalidArgumentError(f"{_WHERE}: expected finite values of {k}, got a NaN or an infinity")
    if not game.common_discount and concept == "cooperative":
        raise NotSupportedError(f"{_WHERE}: expected a common discount rate for the cooperative solution")
    system, _ = _system(game, concept, None)
    phi, lam_x = _steady_equation(system, _WHERE)
    x = system.x
    params = [by_name[k] for k in names]
    num, den = sympy.fraction(sympy.together(sympy.expand(phi)))
    try:
        poly = sympy.Poly(sympy.expand(num), x)
    except sympy.PolynomialError:
        raise NotSupportedError(f"{_WHERE}: expected a steady-state equation rational in the stock, got {phi}; "
                                f"solve single points with open_loop_nash(..., interval=...)") from None
    if any(c.has(x) for c in poly.all_coeffs()):
        raise NotSupportedError(f"{_WHERE}: expected a steady-state equation rational in the stock, got {phi}")
    coeffs = [sympy.lambdify(params, c, "numpy") for c in poly.all_coeffs()]
    den_f = sympy.lambdify([x, *params], den, "numpy")
    lam_f = sympy.lambdify([x, *params], [lam_x[k] for k in system.lam], "numpy")
    y = [x, *system.lam]
    ctrl_f = sympy.lambdify([*y, *params], list(system.controls), "numpy")
    flows_f = sympy.lambdify([x, *game.all_controls, *params], list(game.payoffs), "numpy")
    jac_f = sympy.lambdify([*y, *params], sympy.Matrix(system.rhs).jacobian(y), "numpy")
    bounds = list(game.bounds.values())
    bound_f = [(None if lo is None else sympy.lambdify(params, lo), None if hi is None else sympy.lambdify(params, hi))
               for lo, hi in bounds]
    table = np.column_stack([np.broadcast_to(c(*columns.values()), (size,)) for c in coeffs]) if params else \
        np.array([[float(c()) for c in coeffs]])
    rows = []
    with np.errstate(all="ignore"):
        for p in range(size):
            values = [columns[k][p] for k in names]
            row = table[p]
            nz = np.flatnonzero(np.abs(row) > 0)
            roots = np.roots(row[nz[0]:]) if nz.size else np.array([])
            scale = max(1.0, float(np.max(np.abs(roots)))) if roots.size else 1.0
            real = np.sort(roots[np.abs(roots.imag) <= 1e-8 * scale].real)  # not TOLERANCE: imaginary parts of float roots
            states, kinds = [], []
            for xs in real:
                if abs(den_f(xs, *values)) <= TOLERANCE * scale:
                    continue
                lam = np.atleast_1d(np.asarray(lam_f(xs, *values), dtype=float))
                u = np.atleast_1d(np.asarray(ctrl_f(xs, *lam, *values), dtype=complex))
                if np.any(np.abs(u.imag) > TOLERANCE) or not np.all(np.isfinite(u)):
                    continue
                flows = np.asarray(flows_f(xs, *u.real, *values), dtype=complex)
                if not np.all(np.isfinite(flows)) or np.any(np.abs(flows.imag) > TOLERANCE):
                    continue
                if any((lo is not None and uk < float(lo(*values)) - TOLERANCE) or
                       (hi is not None and uk > float(hi(*values)) + TOLERANCE) for uk, (lo, hi) in zip(u.real, bound_f)):
                    continue
                eig = np.linalg.eigvals(np.asarray(jac_f(xs, *lam, *values), dtype=float))
                stable = int(np.sum(eig.real < 0))
                states.append(float(xs))
                kinds.append("saddle" if stable == 1 else ("unstable" if stable == 0 else "stable"))
            rows.append({**dict(zip(names, values)), "count": len(states), "states": tuple(states), "kinds": tuple(kinds)})
    return pd.DataFrame(rows)
