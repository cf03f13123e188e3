"""Parameter sweeps: a function or a symbolic game over a grid of points, to a pandas DataFrame.

Policy questions are maps: for which fines, detection probabilities,
subsidies and compensations does cooperation hold? :func:`sweep` evaluates
a function, or solves a :class:`~coopgame.games.symbolic.SymbolicGame`, at
every point of a grid and returns one row per point, parameter columns
first. The same call runs serially, on a process pool, or on a Dask cluster
(any :class:`concurrent.futures.Executor`), with identical results.

Randomness. A function that takes a ``seed`` (or ``rng``) argument receives
one derived from the sweep's ``seed`` and the point's *values* (see
:func:`point_seed`): not from the row number, the chunk or the worker. So
results do not depend on the executor, on the chunking, nor on where the
point sits in the grid; a point that appears twice gets the same seed (add a
``replicate`` parameter to the grid for independent repetitions).
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import inspect
import math
import numbers
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from coopgame._numeric import TOLERANCE
from coopgame.errors import (
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NotSupportedError,
    UnresolvedParameterError,
)

__all__ = ["NO_PURE_EQUILIBRIUM", "NO_STABLE_CORNER", "grid_points", "point_seed", "sweep"]

#: The ``equilibria`` value of a point where the game has no pure equilibrium
#: (every finite game then has a mixed one; ``mixed=True`` gives it for 2x2 games).
NO_PURE_EQUILIBRIUM = "none (mixed)"

#: The ``stable corners`` value of a point where no corner is asymptotically stable.
NO_STABLE_CORNER = "none"

#: Name of the column holding per-point error messages (None where the point succeeded).
ERROR_COLUMN = "error"

#: Column holding a function's result when it returns a scalar rather than a dict.
VALUE_COLUMN = "value"


# ------------------------------------------------------------------------------------ grids
def _is_scalar(v: Any) -> bool:
    if v is None or isinstance(v, (str, bytes, numbers.Number)):
        return True
    if isinstance(v, (list, tuple, dict, set, frozenset, Mapping)):
        return False
    return np.ndim(v) == 0


def grid_points(grid: Any, where: str = "sweep") -> pd.DataFrame:
    """The points of a grid as a DataFrame, one row per point.

    Parameters
    ----------
    grid : mapping or pandas.DataFrame
        A mapping from parameter names to sequences of values gives the full
        factorial grid, the first parameter varying slowest (as
        :func:`itertools.product`); a single number stands for a one-value
        sequence. A DataFrame is taken as the list of points itself (a Monte
        Carlo sample, a hand-picked design), with its index reset.

    Examples
    --------
    >>> from coopgame.sweep import grid_points
    >>> grid_points({"F": [4, 8], "rho": [0.5, 1.0]})
       F  rho
    0  4  0.5
    1  4  1.0
    2  8  0.5
    3  8  1.0
    """
    if isinstance(grid, pd.DataFrame):
        names = list(grid.columns)
        if not all(isinstance(n, str) for n in names):
            raise InvalidArgumentError(f"{where}: expected string column names in the grid DataFrame, got {names!r}")
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            raise InvalidArgumentError(f"{where}: expected distinct column names in the grid DataFrame, got {dup} twice")
        if not names:
            raise InvalidArgumentError(f"{where}: expected a grid DataFrame with at least one parameter column, got none")
        return grid.reset_index(drop=True).copy()
    if not isinstance(grid, Mapping):
        raise InvalidArgumentError(f"{where}: expected the grid as a mapping from parameter names to values "
                                   f"or a pandas DataFrame of points, got {type(grid).__name__}")
    if not grid:
        raise InvalidArgumentError(f"{where}: expected at least one parameter in the grid, got an empty mapping")
    names, axes = [], []
    for name, values in grid.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise InvalidArgumentError(f"{where}: expected parameter names that are identifiers, got {name!r}")
        if isinstance(values, (str, bytes)) or _is_scalar(values):
            values = [values]
        elif isinstance(values, (Mapping, set, frozenset)):
            raise InvalidArgumentError(f"{where}: expected a sequence of values for {name!r}, got {type(values).__name__}")
        else:
            try:
                values = list(values.tolist() if isinstance(values, (np.ndarray, pd.Series, pd.Index)) else values)
            except TypeError:
                raise InvalidArgumentError(f"{where}: expected a sequence of values for {name!r}, "
                                           f"got {type(values).__name__}") from None
        if not values:
            raise InvalidArgumentError(f"{where}: expected at least one value for {name!r}, got an empty sequence")
        names.append(name)
        axes.append(values)
    size = math.prod(len(a) for a in axes)
    # full factorial without a Python loop over points: repeat / tile each axis
    columns: dict[str, Any] = {}
    inner = size
    for name, values in zip(names, axes):
        inner //= len(values)
        outer = size // (inner * len(values))
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        col = np.tile(np.repeat(arr, inner), outer)
        columns[name] = pd.Series(col, name=name).infer_objects()
    return pd.DataFrame(columns)


# ------------------------------------------------------------------------------------ seeds
def _canonical(value: Any) -> str:
    """A text that is the same for equal numbers of any type (1, 1.0, Fraction(1), numpy.int64(1))."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None:
        return "none"
    if isinstance(value, (bool, np.bool_)):
        return f"q:{int(value)}"
    if isinstance(value, numbers.Rational):
        return f"q:{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        q = Fraction(value)
        return f"q:{q.numerator}/{q.denominator}"
    if isinstance(value, str):
        return "s:" + value
    mod = type(value).__module__
    if mod.startswith("sympy") and getattr(value, "is_Rational", False):
        return f"q:{int(value.p)}/{int(value.q)}"
    return f"{type(value).__name__}:{value!r}"


def _base_sequence(seed: Any) -> np.random.SeedSequence:
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence([int(v) for v in seed.integers(0, 2 ** 32, size=4)])
    if seed is None:
        return np.random.SeedSequence()
    try:
        return np.random.SeedSequence(seed)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"sweep: expected seed as None, a non-negative integer, a sequence of them, "
                                   f"a SeedSequence or a Generator, got {seed!r}") from None


def point_seed(seed: Any, point: Mapping[str, Any]) -> int:
    """The seed a sweep passes to its function at ``point``.

    Derived from ``seed`` and a stable hash (BLAKE2b, not Python's ``hash``)
    of the point's names and values, with numbers compared by value
    (``1``, ``1.0`` and ``Fraction(1)`` give the same seed). So it does not
    depend on the executor, the chunking or the row.

    Examples
    --------
    >>> from coopgame.sweep import point_seed
    >>> point_seed(42, {"F": 8, "rho": 0.5}) == point_seed(42, {"rho": 0.5, "F": 8.0})
    True
    >>> point_seed(42, {"F": 8}) == point_seed(43, {"F": 8})
    False
    """
    return _seed_from(_base_sequence(seed), point)


def _seed_from(base: np.random.SeedSequence, point: Mapping[str, Any]) -> int:
    text = "\x1f".join(f"{k}\x1e{_canonical(v)}" for k, v in sorted(point.items()))
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    words = tuple(int.from_bytes(digest[i:i + 4], "little") for i in range(0, 16, 4))
    child = np.random.SeedSequence(base.entropy, spawn_key=(*base.spawn_key, *words))
    return int(child.generate_state(1, np.uint64)[0])


# ------------------------------------------------------------------------------------ running
def _accepts(function: Callable, name: str) -> bool:
    try:
        params = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    p = params.get(name)
    return p is not None and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)


def _run_function_chunk(function: Callable, points: list[dict[str, Any]], seeds: list[int] | None,
                        randomness: str | None) -> list[tuple[Any, str | None]]:
    """Evaluate ``function`` at each point; a failure is kept as its message."""
    out: list[tuple[Any, str | None]] = []
    for k, point in enumerate(points):
        kwargs = dict(point)
        if randomness == "seed":
            kwargs["seed"] = seeds[k]  # type: ignore[index]
        elif randomness == "rng":
            kwargs["rng"] = np.random.default_rng(seeds[k])  # type: ignore[index]
        try:
            out.append((function(**kwargs), None))
        except Exception as err:  # noqa: BLE001 - recorded per point on purpose
            out.append((None, f"{type(err).__name__}: {err}"))
    return out


def _check_picklable(obj: Any, executor: Any, what: str) -> None:
    if executor is None or isinstance(executor, cf.ThreadPoolExecutor):
        return
    try:
        pickle.dumps(obj)
        return
    except Exception as err:  # noqa: BLE001
        first = err
    if type(executor).__module__.startswith("distributed"):
        try:
            import cloudpickle

            cloudpickle.dumps(obj)
            return
        except Exception:  # noqa: BLE001, S110 - report the first error below
            pass
    name = getattr(obj, "__qualname__", type(obj).__name__)
    raise InvalidArgumentError(
        f"sweep: expected a picklable {what} to send to {type(executor).__name__} (define it at the top level "
        f"of an importable module, not as a lambda or inside another function), got {name!r} "
        f"({type(first).__name__}: {first})")


def _workers(executor: Any) -> int:
    count = getattr(executor, "_max_workers", None)
    if isinstance(count, int) and count > 0:
        return count
    client = getattr(executor, "_client", None)
    if client is not None:
        try:
            return max(1, sum(client.nthreads().values()))
        except Exception:  # noqa: BLE001, S110 - fall back to this machine's count
            pass
    return os.cpu_count() or 1


#: Most points a game sweep solves in one vectorised pass (bounds memory: about 100 bytes per point and payoff).
GAME_CHUNK = 1_000_000


def _chunks(n: int, chunksize: int | None, executor: Any, minimum: int = 1) -> list[tuple[int, int]]:
    """Index ranges of the chunks. Function sweeps: about 100 chunks serially (progress steps), four per
    worker on an executor. Game sweeps (``minimum > 1``): at most :data:`GAME_CHUNK` points per chunk."""
    if n == 0:
        return []
    if chunksize is None:
        if executor is None:
            chunksize = min(n, GAME_CHUNK) if minimum > 1 else max(1, -(-n // 100))
        else:
            chunksize = max(minimum, -(-n // (4 * _workers(executor))))
            if minimum > 1:
                chunksize = min(chunksize, GAME_CHUNK)
    elif not isinstance(chunksize, (int, np.integer)) or isinstance(chunksize, bool) or chunksize < 1:
        raise InvalidArgumentError(f"sweep: expected chunksize as a positive integer, got {chunksize!r}")
    chunksize = int(chunksize)
    return [(a, min(n, a + chunksize)) for a in range(0, n, chunksize)]


def _interactive() -> bool:
    try:
        if sys.stderr is not None and sys.stderr.isatty():
            return True
    except (AttributeError, ValueError):
        pass
    shell = sys.modules.get("IPython")
    if shell is not None:
        try:
            ip = shell.get_ipython()  # type: ignore[attr-defined]
            return ip is not None and "IPKernelApp" in getattr(ip, "config", {})
        except Exception:  # noqa: BLE001
            return False
    return False


def _progress_bar(progress: Any, total: int, desc: str):
    if progress is None:
        if not _interactive():
            return None
        delay = 1.0  # only a long sweep shows a bar
    elif progress is True:
        delay = 0.0
    elif progress is False:
        return None
    else:
        raise InvalidArgumentError(f"sweep: expected progress as None, True or False, got {progress!r}")
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="point", delay=delay)


def _execute(task: Callable, chunks: list[tuple[int, int]], args_of: Callable[[int, int], tuple],
             executor: Any, progress: Any, total: int, desc: str, timeout: float | None) -> list[Any]:
    """Run ``task(*args_of(a, b))`` for every chunk, in order of the chunks, with a progress bar."""
    bar = _progress_bar(progress, total, desc)
    results: list[Any] = [None] * len(chunks)
    try:
        if executor is None:
            for k, (a, b) in enumerate(chunks):
                results[k] = task(*args_of(a, b))
                if bar is not None:
                    bar.update(b - a)
        else:
            if not isinstance(executor, cf.Executor) and not callable(getattr(executor, "submit", None)):
                raise InvalidArgumentError(f"sweep: expected executor as None or a concurrent.futures.Executor "
                                           f"(a process pool, distributed.Client.get_executor()), got "
                                           f"{type(executor).__name__}")
            futures = {executor.submit(task, *args_of(a, b)): k for k, (a, b) in enumerate(chunks)}
            try:
                for fut in cf.as_completed(futures, timeout=timeout):
                    k = futures[fut]
                    results[k] = fut.result()
                    if bar is not None:
                        a, b = chunks[k]
                        bar.update(b - a)
            except BaseException:
                for fut in futures:
                    fut.cancel()
                raise
    finally:
        if bar is not None:
            bar.close()
    return results


# ------------------------------------------------------------------------------------ function sweeps
def _sweep_function(function: Callable, points: pd.DataFrame, executor: Any, progress: Any, seed: Any,
                    chunksize: int | None, timeout: float | None) -> pd.DataFrame:
    names = list(points.columns)
    records = points.to_dict("records")
    randomness = None
    if "seed" not in names and _accepts(function, "seed"):
        randomness = "seed"
    elif "rng" not in names and _accepts(function, "rng"):
        randomness = "rng"
    seeds = None
    if randomness is not None:
        base = _base_sequence(seed)
        seeds = [_seed_from(base, p) for p in records]
    _check_picklable(function, executor, "function")
    chunks = _chunks(len(records), chunksize, executor)
    parts = _execute(_run_function_chunk, chunks,
                     lambda a, b: (function, records[a:b], None if seeds is None else seeds[a:b], randomness),
                     executor, progress, len(records), getattr(function, "__name__", "sweep"), timeout)
    rows: list[dict[str, Any]] = []
    errors: list[str | None] = []
    order: dict[Any, None] = {}
    for part in parts:
        for value, error in part:
            if error is not None:
                row: dict[str, Any] = {}
            elif isinstance(value, Mapping):
                row = dict(value)
            elif isinstance(value, pd.Series):
                row = value.to_dict()
            else:
                row = {VALUE_COLUMN: value}
            for key in row:
                order.setdefault(key, None)
            rows.append(row)
            errors.append(error)
    clash = [k for k in order if k in names or k == ERROR_COLUMN]
    if clash:
        raise InvalidArgumentError(f"sweep: expected result keys other than the parameter names and "
                                   f"{ERROR_COLUMN!r}, got {clash}; rename them in the function's result")
    result_frame = pd.DataFrame.from_records(rows, columns=list(order)) if order else pd.DataFrame(index=range(len(rows)))
    result_frame.index = points.index
    out = pd.concat([points, result_frame], axis=1)
    out[ERROR_COLUMN] = pd.Series(errors, index=points.index, dtype=object)
    out.attrs["parameters"] = names
    return out


# ------------------------------------------------------------------------------------ game sweeps
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
    size = int(np.prod(shape))
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
    tol = TOLERANCE * scale
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
    out = []
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


def _sweep_game(game: Any, points: pd.DataFrame, executor: Any, progress: Any, chunksize: int | None,
                timeout: float | None, thresholds: Any, corners: bool, mixed: bool) -> pd.DataFrame:
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
    fixed = {k: float(defaults[k]) for k in params if k not in names}
    if mixed and tuple(game.shape) != (2, 2):
        raise NotSupportedError(f"sweep: mixed=True gives the closed-form mixed equilibrium of 2x2 games, "
                                f"got shape {tuple(game.shape)}; sweep a function calling mixed_equilibria instead")
    if corners and any(m != 2 for m in game.shape):
        raise NotSupportedError(f"sweep: corners=True classifies the corners of the replicator dynamics of games "
                                f"with two strategies per role, got shape {tuple(game.shape)}")
    tspecs = _threshold_columns(game, thresholds, names, fixed)
    arrays: dict[str, np.ndarray] = {}
    for k in names:
        try:
            arrays[k] = np.asarray(points[k].to_numpy(), dtype=float)
        except (TypeError, ValueError):
            raise InvalidArgumentError(f"sweep: expected numbers for the game parameter {k!r}") from None
    n = len(points)
    options = {"corners": corners, "mixed": mixed}
    _check_picklable(game, executor, "game")
    chunks = _chunks(n, chunksize, executor, minimum=10_000)

    def args_of(a: int, b: int) -> tuple:
        vals = {k: arrays[k][a:b] for k in names}
        vals.update({k: np.full(b - a, v) for k, v in fixed.items()})
        return (game, vals, options)

    parts = _execute(_game_chunk, chunks, args_of, executor, progress, n, "sweep", timeout)
    computed = []
    for column, tfunc, args in tspecs:  # closed forms: evaluated here, over all points at once
        with np.errstate(all="ignore"):
            v = np.broadcast_to(np.asarray(tfunc(*[arrays[a] for a in args]), dtype=float), (n,))
        computed.append((column, np.array(v)))
    return _assemble_game(game, points, parts, options, computed)


def _categorical(parts: list[tuple[np.ndarray, list[str], list[tuple]]], finite: np.ndarray) -> pd.Categorical:
    """One categorical column from per-chunk codes; categories ordered by size, then profile order."""
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
    n = len(points)
    finite = np.concatenate([p["finite"] for p in parts]) if parts else np.empty(0, bool)
    columns: dict[str, Any] = {}
    columns["equilibria"] = _categorical([p["equilibria"] for p in parts], finite)
    count = np.concatenate([p["count"] for p in parts]) if parts else np.empty(0, np.int64)
    columns["pure equilibria"] = pd.array(np.where(finite, count, 0), dtype="Int64")
    columns["pure equilibria"][~finite] = pd.NA  # type: ignore[index]
    kmax = max(1, max((len(p["payoffs"]) for p in parts), default=0))  # the first slot always
    players = game.players
    sizes = [len(p["count"]) for p in parts]
    for k in range(kmax):
        for i, player in enumerate(players):
            col = np.concatenate([p["payoffs"][k][i] if k < len(p["payoffs"]) else np.full(s, np.nan)
                                  for p, s in zip(parts, sizes)])
            columns[f"payoff: {player}" if k == 0 else f"payoff {k + 1}: {player}"] = col
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


# ------------------------------------------------------------------------------------ front door
def sweep(function_or_game: Any, grid: Any, executor: cf.Executor | None = None, progress: bool | None = None,
          seed: Any = None, *, chunksize: int | None = None, timeout: float | None = None,
          thresholds: Iterable[tuple] | None = None, corners: bool = False, mixed: bool = False) -> pd.DataFrame:
    """Evaluate a function, or solve a symbolic game, at every point of a parameter grid.

    Parameters
    ----------
    function_or_game : callable or SymbolicGame
        A function is called with each point as keyword arguments and
        returns a scalar (column ``value``) or a dict (one column per key).
        If it accepts a ``seed`` argument it receives an integer seed, or if
        it accepts ``rng`` a :class:`numpy.random.Generator`, derived from
        ``seed`` and the point (:func:`point_seed`).

        A :class:`~coopgame.games.symbolic.SymbolicGame` is solved at all
        points at once through :meth:`~coopgame.games.symbolic.SymbolicGame.lambdify`,
        without a Python loop over points. Parameters missing from the grid
        take the game's defaults. Columns:

        - ``equilibria`` (categorical): the pure Nash equilibria by action
          labels, ``"(Strict, Strict)"``, several joined by ``" | "`` in the
          order of :func:`~coopgame.equilibria.pure.pure_equilibria`, or
          ``"none (mixed)"`` (:data:`NO_PURE_EQUILIBRIUM`) when only mixed
          equilibria exist. Ties count as best responses (weak equilibria),
          within the float tolerance ``TOLERANCE * max(1, max |payoff|)``
          at that point, as ``pure_equilibria`` does on the float game.
        - ``pure equilibria``: how many there are.
        - ``payoff: <player>``: each player's payoff at the first pure
          equilibrium (NaN when none); ``payoff 2: <player>`` and so on for
          the second and later ones, when some point has several.
    grid : mapping or pandas.DataFrame
        Parameter names to sequences of values (full factorial, the first
        name varying slowest), or a DataFrame with one row per point (see
        :func:`grid_points`).
    executor : concurrent.futures.Executor, optional
        Where to run: None runs in this process; a
        :class:`~concurrent.futures.ProcessPoolExecutor` on this machine, or
        ``distributed.Client(...).get_executor()`` on a Dask cluster. Points
        go in chunks; the result is identical to the serial sweep, in the
        same order. The function (or game) must be picklable.
    progress : bool, optional
        A tqdm progress bar. None (default) shows one only in a terminal or
        notebook, and only once the sweep has run for a second; False never.
    seed : int, SeedSequence or Generator, optional
        Root of the per-point seeds (function sweeps; game sweeps are exact
        computations and use no randomness).
    chunksize : int, optional
        Points per task sent to the executor.
    timeout : float, optional
        Seconds to wait for the executor's results before raising
        :class:`TimeoutError` (pending chunks are cancelled).
    thresholds : sequence of (parameter, profile) or (parameter, profile, concept), optional
        Game sweeps: add a column ``"<parameter> threshold <profile> <concept>"``
        with the least value of ``parameter`` at which ``profile`` is an
        equilibrium of that kind (:func:`~coopgame.equilibria.conditions.threshold`,
        solved once symbolically and evaluated at every point; NaN where no
        value works), and ``"<parameter> upper bound <profile> <concept>"``
        when larger values fail again (the profile holds between the two).
    corners : bool, default False
        Game sweeps with two strategies per role: add ``stable corners``,
        the asymptotically stable corners of the multi-population replicator
        dynamics, by the signs of the diagonal Jacobian ``(1 - 2 x_i) Delta_i``
        there (``"none"`` when no corner is stable).
    mixed : bool, default False
        2x2 game sweeps: where no pure equilibrium exists the unique
        equilibrium is completely mixed; add each player's probability of its
        first action there, in closed form (NaN elsewhere).

    Returns
    -------
    pandas.DataFrame
        One row per point: the parameter columns, the result columns, and
        ``error``, the message of the exception raised at that point (None
        where it succeeded); a failed point does not stop the sweep.
        ``result.attrs["parameters"]`` lists the parameter columns.

    Raises
    ------
    InvalidArgumentError
        A malformed grid or option, a function that cannot be pickled for
        the executor, or result keys that clash with parameter names.

    Examples
    --------
    >>> from coopgame.sweep import sweep
    >>> def expected_fine(F, rho):
    ...     return {"expected fine": F * rho, "deterred": F * rho >= 2}
    >>> sweep(expected_fine, {"F": [2, 4], "rho": [0.25, 1.0]}, progress=False)
       F   rho  expected fine  deterred error
    0  2  0.25            0.5     False  None
    1  2  1.00            2.0      True  None
    2  4  0.25            1.0     False  None
    3  4  1.00            4.0      True  None

    The inspection game, over fines and detection probabilities (the other
    parameters at their defaults ``dc = 2``, ``k = 1``, ``B = 4``):

    >>> from coopgame.models.inspection import inspection
    >>> result = sweep(inspection(), {"F": [2, 8], "rho": [0.5, 1.0]}, mixed=True)
    >>> result[["F", "rho", "equilibria", "mixed: Central government plays Inspect"]]
       F  rho          equilibria  mixed: Central government plays Inspect
    0  2  0.5  (False, Inspect)                                      NaN
    1  2  1.0  (False, Inspect)                                      NaN
    2  8  0.5        none (mixed)                                     0.50
    3  8  1.0        none (mixed)                                     0.25
    """
    from coopgame.games.symbolic import SymbolicGame

    points = grid_points(grid)
    if timeout is not None and (not isinstance(timeout, (int, float)) or timeout <= 0):
        raise InvalidArgumentError(f"sweep: expected timeout as a positive number of seconds, got {timeout!r}")
    if isinstance(function_or_game, SymbolicGame):
        return _sweep_game(function_or_game, points, executor, progress, chunksize, timeout,
                           thresholds, corners, mixed)
    if not callable(function_or_game):
        raise InvalidArgumentTypeError(f"sweep: expected a function or a SymbolicGame, got {type(function_or_game).__name__}")
    if thresholds is not None or corners or mixed:
        raise InvalidArgumentError("sweep: thresholds, corners and mixed apply to SymbolicGame sweeps, "
                                   "got them with a function")
    return _sweep_function(function_or_game, points, executor, progress, seed, chunksize, timeout)
