"""The games package has no import cycle, lazy (in-function) imports included, and imports nothing above it."""

from __future__ import annotations

import ast
import pathlib

import coopgame.games

PACKAGE = pathlib.Path(coopgame.games.__file__).parent


def _imports(path: pathlib.Path) -> set[str]:
    """Every coopgame module a file imports, at top level or inside functions."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("coopgame"):
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("coopgame"))
    return out


def _graph() -> dict[str, set[str]]:
    return {f"coopgame.games.{p.stem}": _imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}


def test_no_two_games_modules_import_each_other_even_lazily():
    graph = _graph()

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt})):
                return True
        return False

    cycles = [m for m in graph if reaches(m, m, {m})]
    assert not cycles, cycles


def test_games_import_only_the_layers_below():
    allowed = {"coopgame.errors", "coopgame._numeric", "coopgame._checks", "coopgame.results"}
    for module, imports in _graph().items():
        above = {m for m in imports if not m.startswith("coopgame.games") and m not in allowed}
        assert not above, (module, above)


def test_the_graph_sees_lazy_imports():
    # the check above would be empty if the parser missed imports inside functions
    assert "coopgame.games._base" in _graph()["coopgame.games.normal_form"]
