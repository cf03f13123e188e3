"""The layering contract of the package, checked on the source with ``ast``.

Layers, bottom to top (a module may import its own layer and the layers below,
never a layer above)::

    errors, _numeric, _checks, results          foundation, in that order
    games
    equilibria
    mechanisms
    dynamics, repeated, coalitions, cooperative
    models, sweeps (sweep), io
    plot
    the top-level namespace coopgame/__init__
    cli, tour, __main__

Every import counts, including the lazy ones written inside functions: a lazy
import only hides a cycle from the interpreter, not from the reader. Three
rules:

1. no upward import;
2. no import cycle between modules (an import of a package counts as an
   import of its ``__init__``);
3. no function (or other object) exported by a package under the name of one
   of its own modules, so that ``coopgame.X.Y`` always means one thing.

Cases that were known to fail when the contract was written are listed below
as strict expected failures: the test of such a case fails as soon as the case
is fixed, so that it is taken off the list.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "coopgame"

LAYERS: dict[str, int] = {
    "errors": 0,
    "_version": 0,
    "_numeric": 1,
    "_checks": 2,
    "results": 3,
    "games": 4,
    "equilibria": 5,
    "mechanisms": 6,
    "dynamics": 7,
    "differential": 7,
    "networks": 7,
    "repeated": 7,
    "coalitions": 7,
    "cooperative": 7,
    "models": 8,
    "sweep": 8,
    "sweeps": 8,
    "io": 8,
    "plot": 9,
    "": 10,  # coopgame/__init__.py: the curated namespace sits on all the library (plot and models included)
    "cli": 11,  # the command line and the tour are written against the public namespace
    "tour": 11,
    "__main__": 11,
}


def _module_name(path: Path) -> str:
    parts = ["coopgame", *path.relative_to(ROOT).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


MODULES = _modules()


def layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    if top not in LAYERS:
        raise AssertionError(f"{module}: no layer assigned; add its top-level name to LAYERS in {__file__}")
    return LAYERS[top]


def _resolve(name: str) -> str | None:
    """The most specific module of the package that ``name`` (a dotted path) refers to."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> set[str]:
    """Every module of the package that ``module`` imports, at module level or inside functions."""
    path = MODULES[module]
    return _imports_in(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")


def _imports_in(source: str, module: str, is_package: bool) -> set[str]:
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "coopgame" or alias.name.startswith("coopgame."):
                    found.add(_resolve(alias.name) or alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if not (base == "coopgame" or base.startswith("coopgame.")):
                continue
            for alias in node.names:
                target = _resolve(f"{base}.{alias.name}")
                found.add(target if target and target != _resolve(base) else (_resolve(base) or base))
    found.discard(module)
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def _is_ancestor(package: str, module: str) -> bool:
    return module.startswith(package + ".")


def upward_imports() -> set[str]:
    bad = set()
    for module, targets in GRAPH.items():
        for target in targets:
            if _is_ancestor(target, module) and target != "coopgame":
                continue  # a subpackage importing its own package __init__ is a cycle question, not a layer one
            if layer(target) > layer(module):
                bad.add(f"{module} -> {target}")
    return bad


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    counter = 0

    def visit(v: str) -> None:  # recursion depth is bounded by the number of modules (~100)
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            components.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return components


def cycle_edges() -> set[str]:
    """Every import that lies on a cycle, as 'importer -> imported'."""
    edges = set()
    for component in _strongly_connected(GRAPH):
        if len(component) < 2:
            continue
        for a in component:
            for b in GRAPH[a] & component:
                edges.add(f"{a} -> {b}")
    return edges


def shadowed_modules() -> set[str]:
    """Modules ``coopgame.X.Y`` hidden behind another object named ``Y`` in package ``coopgame.X``."""
    bad = set()
    for name, path in MODULES.items():
        if path.name != "__init__.py":
            continue
        package = importlib.import_module(name)
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("__"):
                continue
            full = f"{name}.{info.name}"
            sub = importlib.import_module(full)
            if getattr(package, info.name, sub) is not sub:
                bad.add(full)
    return bad


def test_every_module_has_a_layer():
    for module in MODULES:
        layer(module)


def test_graph_sees_lazy_imports():
    """The parser finds imports written inside functions, relative ones included."""
    tree_modules = {m for m, t in GRAPH.items() if t}
    assert tree_modules, "no import of the package found at all"
    assert "coopgame.errors" in GRAPH["coopgame._checks"]


def test_no_upward_import():
    new = upward_imports()
    assert not new, "imports from a higher layer:\n" + "\n".join(sorted(new))


def test_no_import_cycle():
    new = cycle_edges()
    assert not new, "imports on an import cycle:\n" + "\n".join(sorted(new))


def test_no_shadowed_module():
    new = shadowed_modules()
    assert not new, "modules hidden by an object of the same name in their package:\n" + "\n".join(sorted(new))


def test_checker_finds_what_it_should():
    """The three rules catch a planted upward import, a planted cycle and a planted shadowing."""
    graph = {"coopgame.games.a": {"coopgame.plot.b"}, "coopgame.plot.b": {"coopgame.games.a"}}
    assert any(len(c) == 2 for c in _strongly_connected(graph))
    assert layer("coopgame.plot.b") > layer("coopgame.games.a")
    assert layer("coopgame.cli") > layer("coopgame")
    lazy = "def f():\n    from ..plot import dynamics\n    import coopgame.errors\n    from . import coerce\n"
    assert _imports_in(lazy, "coopgame.games.symbolic", False) == {
        "coopgame.plot.dynamics", "coopgame.errors", "coopgame.games.coerce"}
