"""The package's import graph, read with `ast` (every import counts: inside functions and
under TYPE_CHECKING too): no module may depend on itself through others, and reporters
depend on the diagnostics and result types, never on the engine or its stages."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "src" / "vereistenlint"
#: the engine and its stages: what a reporter must not import
ENGINE = {
    "vereistenlint",  # the package's __init__ imports the engine
    "vereistenlint.engine",
    "vereistenlint.discover",
    "vereistenlint.load",
    "vereistenlint.choose",
    "vereistenlint.checks",
    "vereistenlint.decide",
    "vereistenlint.index",
    "vereistenlint.fix",
    "vereistenlint.options",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The package's modules that module `name` imports (the imported module itself, not the
    packages around it that Python imports on the way)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in MODULES}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("vereistenlint"):
                continue
            submodules = {f"{target}.{a.name}" for a in node.names} & set(MODULES)
            found |= submodules
            if len(submodules) < len(node.names) and target in MODULES:
                found.add(target)  # a name defined in the module itself
    found.discard(name)
    return found


GRAPH = {name: imports(name) for name in MODULES}


def cycles() -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def test_the_graph_is_read() -> None:
    """The walk sees relative, absolute and function-level imports."""
    assert "vereistenlint.engine" in GRAPH["vereistenlint"]
    assert "vereistenlint.rules.base" in GRAPH["vereistenlint.rules.schema"]
    assert "vereistenlint.reporters.text" in GRAPH["vereistenlint.reporters"]
    assert "vereistenlint.cache" in GRAPH["vereistenlint.index"]


def test_no_import_cycle() -> None:
    assert cycles() == []


def test_a_cycle_would_be_found() -> None:
    GRAPH["vereistenlint.result"].add("vereistenlint.engine")
    try:
        assert any("vereistenlint.engine" in c for c in cycles())
    finally:
        GRAPH["vereistenlint.result"].discard("vereistenlint.engine")


def test_reporters_do_not_import_the_engine() -> None:
    reporters = [n for n in MODULES if n.startswith("vereistenlint.reporters")]
    assert len(reporters) > 5
    assert {n: sorted(GRAPH[n] & ENGINE) for n in reporters if GRAPH[n] & ENGINE} == {}
