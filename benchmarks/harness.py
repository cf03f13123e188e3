"""Small timing harness for the benchmarks: a repeating timer, tables, ratios, profiles.

Nothing here knows about games. A benchmark is a function that receives a
:class:`Config` and returns a :class:`Report` (tables to print, targets to
check, raw numbers for the JSON dump).
"""

from __future__ import annotations

import cProfile
import gc
import io
import math
import pstats
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Config:
    """Run-wide settings shared by every benchmark."""

    quick: bool = False
    figures_dir: str | None = None  # where scaling plots go (None: do not draw)
    verbose: bool = True

    def pick(self, full: Any, quick: Any) -> Any:
        """``quick`` in a --quick run, ``full`` otherwise."""
        return quick if self.quick else full


@dataclass
class Timing:
    """Repeated wall-clock timings of one piece of work (seconds)."""

    times: list[float]
    games: int = 1  # how many games one repetition covers (for per-game figures)
    rounds: list[int] | None = None  # round of each sample, when timed in alternation with others

    @property
    def min(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def per_game_min(self) -> float:
        return self.min / self.games

    @property
    def per_game_median(self) -> float:
        return self.median / self.games

    def as_dict(self) -> dict[str, Any]:
        return {"min": self.min, "median": self.median, "repeats": len(self.times),
                "games": self.games, "per_game_min": self.per_game_min,
                "per_game_median": self.per_game_median, "times": self.times, "rounds": self.rounds}


def measure(work: Callable[[], Any], repeat: int, warmup: int = 1, games: int = 1,
            max_seconds: float | None = None) -> tuple[Timing, Any]:
    """Run ``work`` ``warmup`` times untimed, then ``repeat`` times timed.

    The garbage collector is paused during each timed call (as :mod:`timeit`
    does), so a collection triggered by earlier work is not billed to this one.
    ``max_seconds`` stops repeating early (after at least one timed call)
    once the timed calls have used that much time: slow peers get fewer
    repeats rather than stretching the run. Returns the timing and the value
    of the last call.
    """
    result = None
    for _ in range(warmup):
        result = work()
    times: list[float] = []
    for _ in range(max(1, repeat)):
        elapsed, result = _timed(work)
        times.append(elapsed)
        if max_seconds is not None and sum(times) >= max_seconds:
            break
    return Timing(times, games), result


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        t0 = time.perf_counter()
        result = work()
        return time.perf_counter() - t0, result
    finally:
        if was_enabled:
            gc.enable()


def measure_interleaved(works: dict[str, tuple[Callable[[], Any], int, int]], repeat: int,
                        max_seconds: float | None = None) -> tuple[dict[str, Timing], dict[str, Any]]:
    """Time several pieces of work in alternation, so that load from other processes hits all alike.

    ``works`` maps a key to ``(work, inner, games)``: in each of ``repeat``
    rounds every work runs ``inner`` times in a row (each run a separate
    sample; cheap work gets more samples taken right beside the slow work's
    one), and the order of the works rotates from round to round. Nothing is
    warmed up here: do that first. ``max_seconds`` stops after the round in
    which the rounds have used that much time (at least one round).
    """
    keys = list(works)
    times: dict[str, list[float]] = {k: [] for k in keys}
    rounds: dict[str, list[int]] = {k: [] for k in keys}
    results: dict[str, Any] = {}
    t_start = time.perf_counter()
    for r in range(max(1, repeat)):
        order = keys[r % len(keys):] + keys[:r % len(keys)]
        for k in order:
            work, inner, _ = works[k]
            for _ in range(max(1, inner)):
                elapsed, results[k] = _timed(work)
                times[k].append(elapsed)
                rounds[k].append(r)
        if max_seconds is not None and time.perf_counter() - t_start >= max_seconds:
            break
    return {k: Timing(times[k], works[k][2], rounds[k]) for k in keys}, results


def profile_text(work: Callable[[], Any], top: int = 12) -> str:
    """cProfile ``work`` once; the ``top`` entries by own time, then by cumulative time, as text."""
    prof = cProfile.Profile()
    prof.enable()
    work()
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# ---------------------------------------------------------------------------- formatting
def fmt_time(seconds: float | None) -> str:
    """A duration with a unit chosen for readability (``1.23 ms``)."""
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.1f} us"
    return f"{seconds * 1e9:.1f} ns"


def fmt_ratio(ratio: float | None) -> str:
    """coopgame/peer; below 1 means coopgame is faster. Also shows the speed-up."""
    if ratio is None or math.isnan(ratio):
        return "-"
    if ratio <= 0:
        return "0"
    speedup = 1 / ratio
    if ratio < 0.01:
        text = f"{ratio:.2e}"
    else:
        text = f"{ratio:.3f}"
    return f"{text} ({speedup:,.0f}x)" if speedup >= 10 else f"{text} ({speedup:.2f}x)"


@dataclass
class Table:
    """A titled table of strings, printed with aligned columns."""

    title: str
    columns: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: Any) -> None:
        self.rows.append([str(c) for c in cells])

    def render(self) -> str:
        widths = [len(c) for c in self.columns]
        for row in self.rows:
            widths = [max(w, len(c)) for w, c in zip(widths, row)]
        line = "  ".join("-" * w for w in widths)
        out = [self.title, "=" * len(self.title),
               "  ".join(c.ljust(w) for c, w in zip(self.columns, widths)), line]
        for row in self.rows:
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths)))
        for note in self.notes:
            out.append(f"  note: {note}")
        return "\n".join(out)

    def markdown(self) -> str:
        out = [f"**{self.title}**", "", "| " + " | ".join(self.columns) + " |",
               "|" + "|".join("---" for _ in self.columns) + "|"]
        for row in self.rows:
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
        if self.notes:
            out.append("")
            out.extend(f"- {n}" for n in self.notes)
        return "\n".join(out)

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "columns": list(self.columns),
                "rows": [list(r) for r in self.rows], "notes": self.notes}


@dataclass
class Target:
    """One of the issue's numbers: a measured value checked against a bound."""

    name: str
    measured: float | None  # a ratio coopgame/peer, or seconds
    bound: float | None  # None: informational, no pass/fail
    kind: str = "ratio"  # "ratio" (coopgame/peer <= bound) or "seconds" (<= bound)
    detail: str = ""
    profile: str | None = None  # cProfile of coopgame's side, attached when the target fails

    @property
    def status(self) -> str:
        if self.measured is None:
            return "SKIP"
        if self.bound is None:
            return "INFO"
        return "PASS" if self.measured <= self.bound else "FAIL"

    def measured_text(self) -> str:
        if self.measured is None:
            return "not measured"
        return fmt_ratio(self.measured) if self.kind == "ratio" else fmt_time(self.measured)

    def bound_text(self) -> str:
        if self.bound is None:
            return "(no target)"
        if self.kind == "ratio":
            return f"ratio <= {self.bound:g}" + (f" (>= {1 / self.bound:g}x faster)" if self.bound < 1 else "")
        return f"<= {fmt_time(self.bound)}"

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "measured": self.measured, "bound": self.bound, "kind": self.kind,
                "status": self.status, "detail": self.detail, "profile": self.profile}


@dataclass
class Report:
    """What a benchmark hands back to the runner."""

    name: str
    tables: list[Table] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    figures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "tables": [t.as_dict() for t in self.tables],
                "targets": [t.as_dict() for t in self.targets], "data": self.data,
                "figures": self.figures}


def ratio(ours: Timing | float, theirs: Timing | float, stat: str = "median") -> float:
    """coopgame time / peer time on the same work (per game, so subsets compare fairly).

    ``stat``: ``"median"`` or ``"min"`` of each side's samples, or ``"paired"``:
    the median over alternation rounds of the ratio within each round (load
    that drifts between rounds cancels; needs both timed by
    :func:`measure_interleaved`).
    """
    if stat == "paired":
        if not (isinstance(ours, Timing) and isinstance(theirs, Timing) and ours.rounds and theirs.rounds):
            return ratio(ours, theirs)
        per_round = []
        for r in sorted(set(ours.rounds) & set(theirs.rounds)):
            a = [t for t, k in zip(ours.times, ours.rounds) if k == r]
            b = [t for t, k in zip(theirs.times, theirs.rounds) if k == r]
            per_round.append((statistics.median(a) / ours.games) / (statistics.median(b) / theirs.games))
        return statistics.median(per_round)
    def value(t: Timing | float) -> float:
        if isinstance(t, Timing):
            return t.per_game_median if stat == "median" else t.per_game_min
        return float(t)
    return value(ours) / value(theirs)
