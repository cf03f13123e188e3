"""Networks up to isomorphism: one representative per class of networks that differ only by relabelling."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopgame.networks._nx import networkx

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

__all__ = ["isomorphism_classes"]


def isomorphism_classes(items: list[nx.Graph]) -> list[nx.Graph]:
    """One network per isomorphism class (the first in the given order)."""
    is_isomorphic = networkx().is_isomorphic
    kept: dict[tuple[int, ...], list[nx.Graph]] = {}
    out = []
    for g in items:
        key = tuple(sorted(d for _, d in g.degree))
        if any(is_isomorphic(g, h) for h in kept.get(key, [])):
            continue
        kept.setdefault(key, []).append(g)
        out.append(g)
    return out
