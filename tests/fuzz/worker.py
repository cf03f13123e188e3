"""A fuzzing worker: reads one case a line (JSON) on stdin, runs it, writes its outcome (JSON) on stdout.

Run as ``python -m tests.fuzz.worker`` by :mod:`tests.fuzz.harness`, which kills
and restarts the worker when a case runs past its time limit. A case is a
Python expression evaluated in the namespace built by :func:`namespace`.

Outcomes:

- ``ok``: the call returned a result that passed the checks of :func:`verify`;
- ``typed``: the call raised a :class:`coopgame.errors.CoopgameError`;
- ``untyped``: any other exception (``detail`` says which, and where it was raised);
- ``invalid``: the call returned NaN where a number was expected, or an unverified equilibrium.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import resource
import sys
import traceback
import warnings
from fractions import Fraction
from typing import Any

MEMORY_LIMIT = 4 * 2**30  # a case that allocates beyond this gets MemoryError instead of swapping the machine


def namespace() -> dict[str, Any]:
    import numpy as np

    import coopgame as cg
    from coopgame import models

    pd = cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
                           actions=[["Govern", "Free-ride"]] * 2)
    pdf = cg.NormalFormGame([[[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]]])
    trip = cg.NormalFormGame([np.arange(8).reshape(2, 2, 2) % 3, np.arange(8).reshape(2, 2, 2) % 2,
                              np.ones((2, 2, 2), dtype=int)])
    a = [[0, -1, 2], [2, 0, -1], [-1, 2, 0]]
    rps = cg.NormalFormGame([a, [list(r) for r in zip(*a)]], actions=[["Rock", "Paper", "Scissors"]] * 2)
    sw = cg.sweep(models.inspection(), {"rho": [0.25, 1.0], "dc": [1, 2]}, thresholds=[("F", ("False", "Inspect"))])
    return {"np": np, "cg": cg, "models": models, "math": math, "Fraction": Fraction,
            "nan": float("nan"), "inf": float("inf"), "pd": pd, "pdf": pdf, "trip": trip, "rps": rps, "sw": sw}


def _is_nan(x: Any) -> bool:
    try:
        import numpy as np

        if isinstance(x, np.ndarray):
            return x.dtype.kind in "fc" and bool(np.isnan(x).any())
        if isinstance(x, (float, np.floating, complex, np.complexfloating)):
            return bool(np.isnan(x))
    except Exception:  # noqa: BLE001 - an exotic object is not NaN
        return False
    return False


def verify(result: Any, depth: int = 0, seen: set[int] | None = None) -> str | None:
    """Why ``result`` is invalid (NaN inside, an unverified equilibrium), or None when it is fine."""
    seen = set() if seen is None else seen
    if depth > 4 or id(result) in seen:
        return None
    seen.add(id(result))
    if _is_nan(result):
        return f"NaN in {type(result).__name__}"
    check = getattr(type(result), "is_verified", None)
    if callable(check):
        try:
            if not result.is_verified():
                return f"{type(result).__name__} is not verified (max_regret {result.max_regret()})"
        except Exception as err:  # noqa: BLE001
            return f"{type(result).__name__}.is_verified() raised {type(err).__name__}: {err}"
    if isinstance(result, dict):
        items: Any = list(result.values())
    elif isinstance(result, (list, tuple)):
        items = list(result)
    elif dataclasses.is_dataclass(result) and not isinstance(result, type):
        items = [getattr(result, f.name, None) for f in dataclasses.fields(result)]
    else:
        items = []
    for item in items[:200]:
        why = verify(item, depth + 1, seen)
        if why:
            return why
    return None


def _where(err: BaseException) -> str:
    frames = traceback.extract_tb(err.__traceback__)
    inside = [f for f in frames if f"{os.sep}coopgame{os.sep}" in f.filename]
    frame = inside[-1] if inside else (frames[-1] if frames else None)
    if frame is None:
        return "?"
    path = frame.filename.split(f"{os.sep}coopgame{os.sep}", 1)[-1] if inside else os.path.basename(frame.filename)
    return f"{'coopgame/' if inside else ''}{path}:{frame.lineno}"


def run(code: str, ns: dict[str, Any]) -> dict[str, Any]:
    from coopgame.errors import CoopgameError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = eval(code, dict(ns))  # noqa: S307 - the cases are this test suite's own expressions
            why = verify(result)
    except CoopgameError as err:
        return {"outcome": "typed", "detail": f"{type(err).__name__}: {str(err)[:300]}"}
    except BaseException as err:  # noqa: BLE001 - every other exception is what the fuzzer looks for
        if isinstance(err, KeyboardInterrupt):
            raise
        return {"outcome": "untyped", "detail": f"{type(err).__name__}: {str(err)[:300]} at {_where(err)}"}
    finally:
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            plt.close("all")  # a plotting case leaves its figure open
    if why:
        return {"outcome": "invalid", "detail": why}
    return {"outcome": "ok", "detail": type(result).__name__}


def main() -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):  # pragma: no cover - a platform without the limit
        pass
    os.environ.setdefault("MPLBACKEND", "Agg")
    ns = namespace()
    out = sys.stdout
    sys.stdout = sys.stderr  # whatever a case prints must not corrupt the protocol
    print(json.dumps({"ready": True}), file=out, flush=True)
    for line in sys.stdin:
        case = json.loads(line)
        outcome = run(case["code"], ns)
        outcome["id"] = case["id"]
        print(json.dumps(outcome), file=out, flush=True)


if __name__ == "__main__":
    main()
