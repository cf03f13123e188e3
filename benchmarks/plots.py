"""Scaling figures for docs/explanation/performance.md (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STYLE = {
    "coopgame": dict(color="#1b7837", marker="o", lw=2),
    "coopgame solve": dict(color="#1b7837", marker="o", ls="--", mfc="white"),
    "coopgame vertex_enumeration": dict(color="#1b7837", marker="o", lw=2),
    "coopgame mixed_equilibria": dict(color="#5aae61", marker="x", ls=":"),
    "pygambit": dict(color="#762a83", marker="s", lw=2),
    "pygambit solve": dict(color="#762a83", marker="s", ls="--", mfc="white"),
    "pygambit enummixed (float)": dict(color="#762a83", marker="s"),
    "QuantEcon vertex_enumeration": dict(color="#2166ac", marker="^"),
    "Nashpy support_enumeration": dict(color="#b2182b", marker="D"),
}

LABELS = {
    "coopgame": "coopgame: NormalFormGame + pure_equilibria",
    "coopgame solve": "coopgame: pure_equilibria only",
    "pygambit": "pygambit: game construction + enumpure_solve",
    "pygambit solve": "pygambit: enumpure_solve only",
}


def _finish(fig, ax, path: Path, title: str, quick: bool) -> None:
    ax.set_yscale("log")
    ax.grid(True, which="major", alpha=0.4)
    ax.grid(True, which="minor", alpha=0.12)
    ax.set_title(title + (" (--quick run)" if quick else ""), fontsize=11)
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def pure_scaling(series: dict[str, dict[int, float]], path: Path, quick: bool = False) -> None:
    fig, ax = plt.subplots(figsize=(7, 4.3))
    for lab, points in series.items():
        if not points:
            continue
        xs = sorted(points)
        ax.plot(xs, [points[x] for x in xs], label=LABELS.get(lab, lab), **STYLE.get(lab, {}))
    ax.set_xlabel("players (two actions each; the game has 2^N profiles)")
    ax.set_ylabel("median time (s, log scale)")
    ax.set_xticks(range(2, 21, 2))
    _finish(fig, ax, path, "Pure equilibria of N-player games", quick)


def vertex_scaling(series: dict[str, dict[int, float]], counts: dict[int, float], path: Path,
                   quick: bool = False) -> None:
    fig, ax = plt.subplots(figsize=(7, 4.3))
    for lab, points in series.items():
        if not points:
            continue
        xs = sorted(points)
        ax.plot(xs, [points[x] for x in xs], label=lab, **STYLE.get(lab, {}))
    ax.set_xlabel("actions per player (n x n random float game)")
    ax.set_ylabel("median time per game (s, log scale)")
    sizes = sorted(counts)
    if sizes:
        ax.set_xticks(sizes)
    _finish(fig, ax, path, "All equilibria of two-player games", quick)
