"""networkx, imported when a network function first needs it (``import coopgame`` does not load it).

networkx takes a tenth of a second to import; most uses of coopgame never
build a network. The modules of :mod:`coopgame.networks` name its types in
annotations only (under ``TYPE_CHECKING``) and call :func:`networkx` where
they build or inspect graphs.
"""

from __future__ import annotations

from types import ModuleType

__all__ = ["networkx"]


def networkx() -> ModuleType:
    """The networkx module (imported on the first call; later calls find it in ``sys.modules``).

    Examples
    --------
    >>> networkx().complete_graph(3).number_of_edges()
    3
    """
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

    return nx
