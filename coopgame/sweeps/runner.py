"""The generic parallel runner: a function over the points of a grid, on any executor.

Points go in chunks to ``executor.submit`` (a
:class:`concurrent.futures.Executor`: a process pool, or a Dask cluster's
``Client.get_executor()``), or run in this process when there is no
executor; results come back in the order of the points, so a sweep gives the
same table wherever it runs. Long sweeps show a tqdm progress bar when asked
(``progress=True``) and stop cleanly on Ctrl-C: the chunks not yet started
are cancelled, the executor is shut down and :class:`KeyboardInterrupt`
propagates.

A failure of the function at one point does not stop the sweep: it is
recorded in the ``error`` column of that row.
"""

from __future__ import annotations

import concurrent.futures as cf
import inspect
import os
import pickle
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._checks import check_bool, check_int, check_real, progress_bar
from coopgame.errors import InvalidArgumentError, InvalidArgumentTypeError
from coopgame.sweeps.grid import base_sequence, seed_from

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ERROR_COLUMN", "VALUE_COLUMN", "run_chunks", "sweep_function"]

#: Name of the column holding per-point error messages (None where the point succeeded).
ERROR_COLUMN = "error"

#: Column holding a function's result when it returns a scalar rather than a dict.
VALUE_COLUMN = "value"


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


def check_picklable(obj: Any, executor: Any, what: str) -> None:
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


def chunk_ranges(n: int, chunksize: int | None, executor: Any, minimum: int = 1,
                 cap: int | None = None) -> list[tuple[int, int]]:
    """Index ranges of the chunks. Without ``minimum``: about 100 chunks serially (progress steps), four
    per worker on an executor. Vectorised work (``minimum > 1``): one chunk serially, at least ``minimum``
    points per chunk on an executor; never more than ``cap`` points per chunk."""
    if n == 0:
        return []
    if chunksize is None:
        if executor is None:
            size = n if minimum > 1 else max(1, -(-n // 100))
        else:
            size = max(minimum, -(-n // (4 * _workers(executor))))
        if cap is not None:
            size = min(size, cap)
    else:
        size = check_int(chunksize, "chunksize", "sweep", minimum=1)
    return [(a, min(n, a + size)) for a in range(0, n, size)]


def check_progress(progress: Any) -> bool | None:
    """None, True or False (the ``progress`` argument of :func:`~coopgame.sweeps.sweep`)."""
    return None if progress is None else check_bool(progress, "progress", "sweep")


def check_executor(executor: Any) -> None:
    """None or something with ``submit`` (a :class:`concurrent.futures.Executor`)."""
    if executor is not None and not isinstance(executor, cf.Executor) and \
            not callable(getattr(executor, "submit", None)):
        raise InvalidArgumentTypeError(f"sweep: expected executor to be None or a concurrent.futures.Executor "
                                       f"(a process pool, distributed.Client.get_executor()), got "
                                       f"{type(executor).__name__}")


def check_timeout(timeout: Any) -> float | None:
    """None or a positive number of seconds."""
    if timeout is None:
        return None
    return float(check_real(timeout, "timeout", "sweep", minimum=0, open_min=True))


def _stop(executor: Any) -> None:
    """Shut the executor down without waiting, cancelling what has not started (Ctrl-C)."""
    shutdown = getattr(executor, "shutdown", None)
    if not callable(shutdown):
        return
    try:
        shutdown(wait=False, cancel_futures=True)
    except TypeError:  # executors without cancel_futures (older Dask)
        shutdown(wait=False)


def run_chunks(task: Callable, chunks: list[tuple[int, int]], args_of: Callable[[int, int], tuple],
               executor: Any, progress: Any, total: int, desc: str, timeout: float | None) -> list[Any]:
    """Run ``task(*args_of(a, b))`` for every chunk, in order of the chunks, with a progress bar.

    On :class:`KeyboardInterrupt` the chunks not started are cancelled and the
    executor is shut down before the interrupt propagates; on any other
    failure (a timeout) the pending chunks are cancelled.
    """
    check_executor(executor)
    bar = progress_bar(check_progress(progress), total, desc, unit="point")
    results: list[Any] = [None] * len(chunks)
    try:
        if executor is None:
            for k, (a, b) in enumerate(chunks):
                results[k] = task(*args_of(a, b))
                if bar is not None:
                    bar.update(b - a)
        else:
            futures = {executor.submit(task, *args_of(a, b)): k for k, (a, b) in enumerate(chunks)}
            try:
                for fut in cf.as_completed(futures, timeout=timeout):
                    k = futures[fut]
                    results[k] = fut.result()
                    if bar is not None:
                        a, b = chunks[k]
                        bar.update(b - a)
            except KeyboardInterrupt:
                for fut in futures:
                    fut.cancel()
                _stop(executor)
                raise
            except BaseException:
                for fut in futures:
                    fut.cancel()
                raise
    finally:
        if bar is not None:
            bar.close()
    return results


# ------------------------------------------------------------------------------------ function sweeps
def sweep_function(function: Callable, points: pd.DataFrame, executor: Any, progress: Any, seed: Any,
                   chunksize: int | None, timeout: float | None) -> pd.DataFrame:
    """``function`` at every point (a row of ``points``): the parameter columns, the results and ``error``."""
    import pandas as pd
    names = list(points.columns)
    records = points.to_dict("records")
    randomness = None
    if "seed" not in names and _accepts(function, "seed"):
        randomness = "seed"
    elif "rng" not in names and _accepts(function, "rng"):
        randomness = "rng"
    seeds = None
    if randomness is not None:
        base = base_sequence(seed)
        seeds = [seed_from(base, p) for p in records]
    check_picklable(function, executor, "function")
    chunks = chunk_ranges(len(records), chunksize, executor)
    parts = run_chunks(_run_function_chunk, chunks,
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
