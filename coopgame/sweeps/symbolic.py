"""The vectorised analysis of a symbolic game over the points of a grid.

A :class:`~coopgame.games.symbolic.SymbolicGame` is turned once into a numpy
function of its parameters (:meth:`~coopgame.games.symbolic.SymbolicGame.lambdify`)
and solved at all the points of a chunk at once, without a Python loop over
points: the pure Nash equilibria, their payoffs, optionally the closed-form
mixed equilibrium of 2x2 games, the stable corners of the replicator dynamics
and closed-form thresholds. The chunks go through the generic runner
(:mod:`coopgame.sweeps.runner`), so the same sweep runs serially or on an
executor.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import check_bool, check_real, describe
from coopgame._numeric import TOLERANCE
from coopgame.equilibria.result import payoff_column
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError, NotSupportedError, UnresolvedParameterError
from coopgame.games.symbolic import SymbolicGame
from coopgame.sweeps.runner import ERROR_COLUMN, check_picklable, chunk_ranges, run_chunks

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["NO_PURE_EQUILIBRIUM", "NO_STABLE_CORNER", "GAME_CHUNK", "sweep_game"]

#: The ``equilibria`` value of a point where the game has no pure equilibrium
#: (every finite game then has a mixed one; ``mixed=True`` gives it for 2x2 games).
NO_PURE_EQUILIBRIUM = "none (mixed)"

#: The ``stable corners`` value of a point where no corner is asymptotically stable.
NO_STABLE_CORNER = "none"

#: Most points a game sweep solves in one vectorised pass (bounds memory: about 100 bytes per point and payoff).
GAME_CHUNK = 1_000_000


_LAMBDIFIED: dict[Any, tuple[Any, Callable]] = {}


def _lambdified(game: Any) -> Callable:
    """``game.lambdify()``, cached per process (workers receive the game once per chunk)."""
    key = hash(game)
    hit = _LAMBDIFIED.get(key)
    if hit is not None and hit[0] == game:
        return hit[1]
    func = game.lambdify()
    if len(_LAMBDIFIED) > 16:
        _LAMBDIFIED.clear()
    _LAMBDIFIED[key] = (game, func)
    return func


def _profile_label(actions: Sequence[Sequence[str]], idx: Sequence[int]) -> str:
    return "(" + ", ".join(actions[p][k] for p, k in enumerate(idx)) + ")"


def _pattern_labels(mask: np.ndarray, profile_labels: Sequence[str], empty: str) -> tuple[np.ndarray, list[str], list[tuple]]:
    """Codes (one per point) and labels of the distinct sets of profiles in a boolean (profiles, points) mask."""
    k = mask.shape[0]
    if k <= 62:
        keys = np.zeros(mask.shape[1], dtype=np.int64)
        for j in range(k):
            keys |= mask[j].astype(np.int64) << j
        if k <= 16:  # few possible sets: count them instead of sorting
            uniq = np.flatnonzero(np.bincount(keys, minlength=1 << k))
            lookup = np.zeros(1 << k, dtype=np.int64)
            lookup[uniq] = np.arange(len(uniq))
            inverse = lookup[keys]
        else:
            uniq, inverse = np.unique(keys, return_inverse=True)
        patterns = [tuple(j for j in range(k) if (int(u) >> j) & 1) for u in uniq]
    else:
        uniq_rows, inverse = np.unique(mask.T, axis=0, return_inverse=True)
        patterns = [tuple(np.flatnonzero(r).tolist()) for r in uniq_rows]
    labels = [" | ".join(profile_labels[j] for j in pat) if pat else empty for pat in patterns]
    return np.asarray(inverse).reshape(-1), labels, patterns


def _game_chunk(game: Any, values: dict[str, np.ndarray], options: dict[str, Any]) -> dict[str, Any]:
    """Solve the game at every point of a chunk, vectorised over points.

    Arrays keep the points on the last (contiguous) axis, so that every
    operation over players and actions is an elementwise operation on long
    vectors.
    """
    func = _lambdified(game)
    n_points = len(next(iter(values.values()))) if values else 1
    shape = tuple(game.shape)
    n = len(shape)
    size = math.prod(shape)
    with np.errstate(all="ignore"):
        raw = func(**values)  # (N, m_1, ..., m_N, P)
    U = np.ascontiguousarray(np.broadcast_to(raw, raw.shape[:n + 1] + (n_points,)), dtype=float)
    flat = U.reshape(n, size, n_points)
    finite = np.ones(n_points, dtype=bool)
    scale = np.ones(n_points)
    for p in range(n):
        for j in range(size):
            v = flat[p, j]
            finite &= np.isfinite(v)
            scale = np.fmax(scale, np.abs(v))
    tol = TOLERANCE * scale  # scaled_tolerance, elementwise over the points (scale >= 1)
    eq = np.ones(shape + (n_points,), dtype=bool)
    with np.errstate(all="ignore"):
        for p in range(n):
            u = U[p]
            eq &= u >= np.expand_dims(np.max(u, axis=p), p) - tol
    eq &= finite
    eq_flat = eq.reshape(size, n_points)
    profiles = list(np.ndindex(*shape))
    labels_per_profile = [_profile_label(game.actions, idx) for idx in profiles]
    out: dict[str, Any] = {"finite": finite}
    out["equilibria"] = _pattern_labels(eq_flat, labels_per_profile, NO_PURE_EQUILIBRIUM)
    count = eq_flat.sum(axis=0)
    out["count"] = count
    kmax = int(count.max()) if n_points else 0
    pay = []
    if kmax:
        seen = np.zeros(n_points, dtype=np.int64)
        slots = [[np.full(n_points, np.nan) for _ in range(n)] for _ in range(kmax)]
        for j in range(size):  # profiles in lexicographic order, as pure_equilibria lists them
            here = eq_flat[j]
            for k in range(kmax):
                sel = here & (seen == k)
                if sel.any():
                    for p in range(n):
                        slots[k][p][sel] = flat[p, j][sel]
            seen += here
        pay = slots
    out["payoffs"] = pay
    if options.get("mixed"):
        A, B = U[0], U[1]
        den_q = A[0, 0] - A[0, 1] - A[1, 0] + A[1, 1]
        den_p = B[0, 0] - B[0, 1] - B[1, 0] + B[1, 1]
        none = (count == 0) & finite
        with np.errstate(all="ignore"):
            q = np.where(none, (A[1, 1] - A[0, 1]) / den_q, np.nan)
            p_ = np.where(none, (B[1, 1] - B[1, 0]) / den_p, np.nan)
        out["mixed"] = (p_, q)
    if options.get("corners"):
        # Multi-population replicator dynamics, two strategies per role. At the corner where role i
        # plays strategy s_i (share x_i of its first strategy = 1 - s_i) the Jacobian is diagonal with
        # entries (1 - 2 x_i) * Delta_i, Delta_i = u_i(first, s_-i) - u_i(second, s_-i): the corner is
        # asymptotically stable iff every entry is negative (beyond the tolerance).
        stable = np.ones(shape + (n_points,), dtype=bool)
        for i in range(n):
            delta = np.take(U[i], 0, axis=i) - np.take(U[i], 1, axis=i)  # (others..., P)
            for s in (0, 1):
                x = 1.0 - s
                with np.errstate(invalid="ignore"):
                    neg = (1.0 - 2.0 * x) * delta < -tol
                sl: list[Any] = [slice(None)] * (n + 1)
                sl[i] = s
                stable[tuple(sl)] &= neg
        stable &= finite
        out["corners"] = _pattern_labels(stable.reshape(size, n_points), labels_per_profile, NO_STABLE_CORNER)
    return out


def _threshold_columns(game: Any, specs: Any, names: list[str], fixed: dict[str, float]) -> list[tuple]:
    """Lambdified thresholds: (column name, function, argument names)."""
    import sympy

    from coopgame.equilibria.conditions import CONCEPTS, threshold

    if specs is None:
        return []
    if isinstance(specs, tuple) and specs and isinstance(specs[0], str):
        specs = [specs]
    if isinstance(specs, (str, bytes, Mapping)) or not isinstance(specs, Iterable):
        raise InvalidArgumentTypeError(f"sweep: expected thresholds as a list of (parameter, profile) or "
                                       f"(parameter, profile, concept), got {describe(specs)}")
    out: list[tuple[str, Callable[..., Any], list[str]]] = []
    for spec in specs:
        if not isinstance(spec, (tuple, list)) or len(spec) not in (2, 3):
            raise InvalidArgumentError(f"sweep: expected each threshold as (parameter, profile) or "
                                       f"(parameter, profile, concept), got {spec!r}")
        param, profile = spec[0], spec[1]
        concept = spec[2] if len(spec) == 3 else "nash"
        if concept not in CONCEPTS or concept == "unique":
            raise InvalidArgumentError(f"sweep: expected a threshold concept among "
                                       f"{[c for c in CONCEPTS if c != 'unique']}, got {concept!r}")
        t = threshold(game, profile, param, concept=concept)
        idx = game.pure_profile(profile)
        label = _profile_label(game.actions, idx)
        column = f"{t.parameter.name} threshold {label} {concept}"
        if t.method != "symbolic":
            raise NotSupportedError(f"sweep: the {concept} threshold of {param} for {label} has no closed form "
                                    f"to vectorise; sweep a function calling coopgame threshold(..., values=...)")
        upper_column = f"{t.parameter.name} upper bound {label} {concept}"
        if t.value is None:
            out.append((column, _nothing, []))
            continue
        cond = sympy.And(t.conditions, sympy.Le(t.value, t.upper) if t.attained else sympy.Lt(t.value, t.upper)) \
            if t.upper != sympy.oo else t.conditions
        pairs = [(column, sympy.sympify(t.value))]
        if t.upper != sympy.oo:
            pairs.append((upper_column, sympy.sympify(t.upper)))
        for name, expr in pairs:
            free = sorted((expr.free_symbols | getattr(cond, "free_symbols", set())), key=lambda s: s.name)
            subs = {s: fixed[s.name] for s in free if s.name not in names}
            syms = [s for s in free if s.name in names]
            e = expr.xreplace(subs)
            c = cond.xreplace(subs) if cond not in (sympy.true, sympy.false) else cond
            fe = sympy.lambdify(syms, e, modules="numpy")
            fc = sympy.lambdify(syms, c, modules="numpy")

            def tfunc(*a, fe=fe, fc=fc):
                ok = np.asarray(fc(*a), dtype=bool)
                return np.where(ok, np.asarray(fe(*a), dtype=float), np.nan)

            out.append((name, tfunc, [s.name for s in syms]))
    return out


def _nothing(*args: Any) -> float:
    return np.nan


def _float_column(values: Any, name: str) -> np.ndarray:
    """A grid column as floats. Booleans, complex numbers, text and values no float holds (``10**400``) are
    refused, naming the value; NaN and infinities are kept (their rows get an error message)."""
    arr = np.asarray(values)
    if arr.dtype.kind in "iuf":
        return arr.astype(float, copy=False)
    if arr.dtype.kind == "O":
        out = np.empty(len(arr))
        for k, v in enumerate(arr):
            if isinstance(v, float) and math.isnan(v):
                out[k] = v
            else:
                out[k] = float(check_real(v, f"the game parameter {name!r}", "sweep", allow_inf=True))
        return out
    bad = arr.reshape(-1)[0] if arr.size else values
    raise InvalidArgumentTypeError(f"sweep: expected real numbers for the game parameter {name!r}, "
                                   f"got {describe(bad.item() if hasattr(bad, 'item') else bad)}")


def sweep_game(game: SymbolicGame, points: pd.DataFrame, executor: Any, progress: Any, chunksize: int | None,
               timeout: float | None, thresholds: Any, corners: bool, mixed: bool) -> pd.DataFrame:
    """Solve ``game`` at every point (a row of ``points``), vectorised over the points of each chunk."""
    corners = check_bool(corners, "corners", "sweep")
    mixed = check_bool(mixed, "mixed", "sweep")
    params = [s.name for s in game.parameters]
    names = list(points.columns)
    unknown = [k for k in names if k not in params]
    if unknown:
        raise InvalidArgumentError(f"sweep: expected grid parameters among the game's {params}, got {unknown}")
    defaults = {k.name: v for k, v in game.defaults.items()}
    missing = [k for k in params if k not in names and k not in defaults]
    if missing:
        raise UnresolvedParameterError(f"sweep: expected a value in the grid or a game default for every "
                                       f"parameter, missing {missing}")
    fixed = {k: float(check_real(defaults[k], f"the default of {k!r}", "sweep")) for k in params if k not in names}
    if mixed and tuple(game.shape) != (2, 2):
        raise NotSupportedError(f"sweep: mixed=True gives the closed-form mixed equilibrium of 2x2 games, "
                                f"got shape {tuple(game.shape)}; sweep a function calling mixed_equilibria instead")
    if corners and any(m != 2 for m in game.shape):
        raise NotSupportedError(f"sweep: corners=True classifies the corners of the replicator dynamics of games "
                                f"with two strategies per role, got shape {tuple(game.shape)}")
    tspecs = _threshold_columns(game, thresholds, names, fixed)
    arrays: dict[str, np.ndarray] = {}
    for k in names:
        arrays[k] = _float_column(points[k].to_numpy(), k)
    n = len(points)
    options = {"corners": corners, "mixed": mixed}
    check_picklable(game, executor, "game")
    chunks = chunk_ranges(n, chunksize, executor, minimum=10_000, cap=GAME_CHUNK)

    def args_of(a: int, b: int) -> tuple:
        vals = {k: arrays[k][a:b] for k in names}
        vals.update({k: np.full(b - a, v) for k, v in fixed.items()})
        return (game, vals, options)

    parts = run_chunks(_game_chunk, chunks, args_of, executor, progress, n, "sweep", timeout)
    computed = []
    for column, tfunc, args in tspecs:  # closed forms: evaluated here, over all points at once
        with np.errstate(all="ignore"):
            v = np.broadcast_to(np.asarray(tfunc(*[arrays[a] for a in args]), dtype=float), (n,))
        computed.append((column, np.array(v)))
    return _assemble_game(game, points, parts, options, computed)


def _categorical(parts: list[tuple[np.ndarray, list[str], list[tuple]]], finite: np.ndarray) -> pd.Categorical:
    """One categorical column from per-chunk codes; categories ordered by size, then profile order."""
    import pandas as pd
    key_of: dict[str, tuple] = {}
    for _, labels, patterns in parts:
        for lab, pat in zip(labels, patterns):
            key_of[lab] = (len(pat), pat)
    categories = sorted(key_of, key=lambda lab: key_of[lab])
    position = {lab: k for k, lab in enumerate(categories)}
    codes = np.concatenate([np.array([position[lab] for lab in labels], dtype=np.int64)[c] if len(c) else
                            np.empty(0, np.int64) for c, labels, _ in parts]) if parts else np.empty(0, np.int64)
    codes = np.where(finite, codes, -1)
    return pd.Categorical.from_codes(codes, categories=categories)


def _assemble_game(game: Any, points: pd.DataFrame, parts: list[dict[str, Any]], options: dict[str, Any],
                   thresholds: list[tuple[str, np.ndarray]]) -> pd.DataFrame:
    import pandas as pd
    n = len(points)
    finite = np.concatenate([p["finite"] for p in parts]) if parts else np.empty(0, bool)
    columns: dict[str, Any] = {}
    columns["equilibria"] = _categorical([p["equilibria"] for p in parts], finite)
    count = np.concatenate([p["count"] for p in parts]) if parts else np.empty(0, np.int64)
    columns["pure equilibria"] = pd.array(np.where(finite, count, 0), dtype="Int64")
    columns["pure equilibria"][~finite] = pd.NA
    kmax = max(1, max((len(p["payoffs"]) for p in parts), default=0))  # the first slot always
    players = game.players
    sizes = [len(p["count"]) for p in parts]
    for k in range(kmax):
        for i, player in enumerate(players):
            col = np.concatenate([p["payoffs"][k][i] if k < len(p["payoffs"]) else np.full(s, np.nan)
                                  for p, s in zip(parts, sizes)])
            columns[payoff_column(player) if k == 0 else f"payoff {k + 1}: {player}"] = col
    if options.get("mixed"):
        for i, player in enumerate(players[:2]):
            col = np.concatenate([p["mixed"][i] for p in parts]) if parts else np.empty(0)
            columns[f"mixed: {player} plays {game.actions[i][0]}"] = col
    for column, values in thresholds:
        columns[column] = np.where(finite, values, np.nan)
    if options.get("corners"):
        columns["stable corners"] = _categorical([p["corners"] for p in parts], finite)
    errors = np.full(n, None, dtype=object)
    errors[~finite] = "non-finite payoffs at this point"
    result = pd.DataFrame(columns, index=points.index)
    result[ERROR_COLUMN] = pd.Series(errors, index=points.index, dtype=object)
    out = pd.concat([points, result], axis=1)
    out.attrs["parameters"] = list(points.columns)
    return out
