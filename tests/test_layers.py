"""The house's layers point one way, and no module imports itself round a circle.

Every module's imports are read from its source with ``ast``: those at the top, those inside
functions (the lazy ones the start-up path depends on) and those under ``if TYPE_CHECKING:``.

* **Direction**: every import counts, a type checker's included. A module that names an upper
  layer's type knows about that layer, and the day the type is needed at run time the import is
  already there.
* **Circles**: only imports made at run time count. An import under ``TYPE_CHECKING`` never runs,
  so it cannot make a module half-initialised, and two modules that only name each other's types
  are not a circle.

The layers, from the top (each may import those below it, never those above)::

    commands   parse the command line (commands/*, cli, fast, launch, completion)
    actions    what a command does: read and write the store, hand typed results on (track, doctor, ...)
    views      facts for a view, as typed results: no words, no formatting
    render     beside the views: typed results (views', progress's) to text, JSON, Markdown, CSV, ICS, HTML
    progress   the saved plan, the events, the state, the store
    planner    PlanRequest -> Plan
    catalog    the packs: YAML, schema, merge
    shared     what every layer uses and that uses none of them (errors, paths, safe text, records...)

Render may read the views' results; the views never import render.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "roadmap_cli"
ROOT = "roadmap_cli"

#: Each layer by the modules in it: a name ending in "." takes every module under that package.
LAYERS: dict[str, tuple[str, ...]] = {
    "commands": ("commands.", "cli", "fast", "fast_specs", "launch", "__main__", "completion"),
    "actions": ("track", "changes", "doctor", "inputs", "breaks", "lookup", "reviewing", "assessing", "sync"),
    "views": ("views.",),
    "render": ("render.",),
    "progress": ("progress.",),
    "planner": ("planner", "studytime"),
    "catalog": ("catalog.",),
    "shared": (
        "",  # the package itself: its version
        "errors", "failures", "paths", "files", "limits", "dates", "safetext", "record", "speed", "guard",
        "output", "cells",
    ),
}  # fmt: skip

#: What each layer may import, its own modules included.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "commands": frozenset(LAYERS),
    "actions": frozenset(LAYERS) - {"commands"},
    "render": frozenset({"render", "views", "progress", "planner", "catalog", "shared"}),
    "views": frozenset({"views", "progress", "planner", "catalog", "shared"}),
    "progress": frozenset({"progress", "planner", "catalog", "shared"}),
    "planner": frozenset({"planner", "catalog", "shared"}),
    "catalog": frozenset({"catalog", "shared"}),
    "shared": frozenset({"shared"}),
}

#: Known debt: imports against the layers (or round a circle) that live in modules being rewritten
#: now, each with what will pay it. The test fails on any import against the layers not listed here,
#: and on an entry here that no longer exists (then delete the entry: the debt is paid).
KNOWN_DEBT: dict[tuple[str, str], str] = {}


def module_files() -> dict[str, Path]:
    """Every module of the package by its name under ``roadmap_cli`` ("" for the package itself)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = module_files()


def layer_of(module: str) -> str | None:
    for layer, members in LAYERS.items():
        for member in members:
            if module == member or (member.endswith(".") and module.startswith(member)):
                return layer
            if member.endswith(".") and module == member[:-1]:  # the package's own __init__
                return layer
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, type_only: bool = False) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement anywhere in ``tree``, and whether it only runs for a type checker."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, type_only
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), True)
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), type_only)
        else:
            yield from _imports(node, type_only)


def _target(name: str) -> str | None:
    """The module of the package that ``import name`` loads, by its name under the package."""
    if name == ROOT:
        return ""
    if not name.startswith(ROOT + "."):
        return None
    name = name[len(ROOT) + 1 :]
    while name and name not in MODULES:  # an attribute of a module: the module
        name = name.rpartition(".")[0]
    return name


def imports_of(module: str) -> dict[str, bool]:
    """The modules ``module`` imports, each with whether every import of it is for types only."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, bool] = {}
    for node, type_only in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - node.level + 1]
                origin = ".".join([ROOT, *base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            names = [f"{origin}.{alias.name}" for alias in node.names]
        for name in names:
            target = _target(name)
            if target is not None and target != module:
                found[target] = found.get(target, True) and type_only
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    assert [module for module in MODULES if layer_of(module) is None] == []


def test_no_import_goes_against_the_layers() -> None:
    wrong = []
    for module, imported in GRAPH.items():
        source = layer_of(module)
        for target in imported:
            destination = layer_of(target)
            assert source is not None
            assert destination is not None
            if destination not in MAY_IMPORT[source] and (module, target) not in KNOWN_DEBT:
                wrong.append(f"{module} ({source}) imports {target} ({destination})")
    assert wrong == []


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_module_imports_itself_round_a_circle_at_run_time() -> None:
    runtime = {
        module: {
            target
            for target, type_only in imported.items()
            if not type_only and (module, target) not in KNOWN_DEBT
        }
        for module, imported in GRAPH.items()
    }
    assert _circles(runtime) == []


def test_the_known_debt_is_still_owed() -> None:
    """An entry for an import that is gone is debt paid: delete it, so that it cannot come back."""
    paid = [edge for edge in KNOWN_DEBT if edge[1] not in GRAPH.get(edge[0], {})]
    assert paid == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_circles_are_found(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert _circles(graph) == expected


def test_the_reader_sees_lazy_and_type_only_imports() -> None:
    """The rules are only as good as the reading: a function's import and a type checker's count."""
    assert GRAPH["render.term"].get("guard") is False  # at the top, at run time
    assert "render.pager" in GRAPH["render.term"]  # inside write()
    assert GRAPH["render.jsonout"].get("catalog.catalog") is True  # under TYPE_CHECKING only


def test_no_module_leans_on_the_parsers_private_parts() -> None:
    """Moving Typer's bound is a one-line change: nothing imports a private module of Typer or
    Click (``typer._click``, ``click._...``), and nothing reads their English back."""
    leaning = []
    for module, path in module_files().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, _ in _imports(tree):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if any(
                part.startswith("_")
                for name in names
                if name.split(".")[0] in ("typer", "click")
                for part in name.split(".")
            ):
                leaning.append(f"{module} imports {names}")
        for text in ast.walk(tree):
            if (
                isinstance(text, ast.Constant)
                and isinstance(text.value, str)
                and any(
                    words in text.value for words in ("Did you mean", "Possible options", "NoArgsIsHelpError")
                )
            ):
                leaning.append(f"{module} reads the parser's words {text.value!r}")
    assert leaning == []
