"""The layout holds: no import cycle anywhere in the package (module by module, and
between its packages), no module takes another's private names, and the one place that
leans on Typer's internals fails here, loudly, when a Typer release changes them.
The layers themselves are import-linter's contracts (pyproject.toml, run by .ci/run)."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

import xinfang

PACKAGE = Path(xinfang.__file__).parent


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("xinfang")


def test_there_is_no_import_cycle_between_modules(graph):
    edges = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    assert len(edges) > 40
    assert _cycles(edges) == []


def test_there_is_no_import_cycle_between_the_packages(graph):
    """xinfang.store → xinfang.db → xinfang.store would be one, even without a module cycle."""

    def top(module: str) -> str:
        return ".".join(module.split(".")[:2])

    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        for other in graph.find_modules_directly_imported_by(module):
            if top(other) != top(module):
                edges.setdefault(top(module), set()).add(top(other))
    assert len(edges) > 10
    assert _cycles(edges) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _private_uses() -> list[str]:
    """`from x import _name`, `import x._name` and `module._name` where `module` was
    imported: a module reaching into another's private names."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE)
        if where == Path("commands/quick.py"):
            continue  # the one place for Typer's internals, pinned below
        tree = ast.parse(path.read_text())
        modules: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module != "__future__":
                for alias in node.names:
                    if alias.name.startswith("_"):
                        found.append(f"{where}: from {node.module} import {alias.name}")
                    modules.add(alias.asname or alias.name)
                if any(part.startswith("_") for part in (node.module or "").split(".")):
                    found.append(f"{where}: from {node.module}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if any(part.startswith("_") for part in alias.name.split(".")):
                        found.append(f"{where}: import {alias.name}")
                    modules.add(alias.asname or alias.name.split(".")[0])
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in modules and node.attr.startswith("_") \
                    and not node.attr.startswith("__"):
                found.append(f"{where}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_takes_another_modules_private_names():
    assert _private_uses() == []


def test_the_quick_parameter_conversion_still_fits_typer():
    """commands/quick.py converts plain parameter values without Typer's pydantic path
    (half of a one-shot command's start-up); it uses Typer internals, so pyproject bounds
    Typer to the releases checked here. A new release: check quick.py, then widen both."""
    import typer
    import typer.core
    from typer import _coercion, _param_types

    from xinfang.cli import app
    from xinfang.commands import quick

    assert typer.__version__.startswith("0.29."), typer.__version__
    assert hasattr(_coercion, "RuntimeParam") and hasattr(_coercion, "build_runtime_param")
    assert hasattr(_param_types, "coerce_cli_path")
    command = quick.install(typer.main.get_command(app))
    params = [param for sub in command.commands.values() for param in sub.params]
    assert params and all(isinstance(param, typer.core._TyperParameter) for param in params)
    quick_ones = [param for param in params
                  if isinstance(param._runtime_param, quick.QuickParam)]
    assert len(quick_ones) > len(params) // 2
