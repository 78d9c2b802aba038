"""The layering of DESIGN.md, enforced from the import graph of `desktop/` (read with `ast`,
so lazy imports inside functions count too)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"

# Top to bottom; a module may import its own layer or any layer below it, never one above.
LAYERS = (
    (
        "desktop.__main__",
        "desktop.cli",
        "desktop.cli_commands",
        "desktop.cli_export",
        "desktop.cli_narrative",
        "desktop.cli_support",
        "desktop.app",
    ),
    ("desktop.ui",),
    ("desktop.actions",),
    ("desktop.io",),
    ("desktop.narrative",),
    ("desktop.perf",),
    ("desktop.models",),
    ("desktop.rules",),
    ("desktop.forms",),
    ("desktop.money", "desktop.atomic", "desktop.fonts", "desktop.paths", "desktop.resources", "desktop"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:` (annotations only, no runtime edge)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            continue
        yield node
        yield from runtime_nodes(node)


def imports_of(path: Path) -> Iterator[str]:
    """Every `desktop…` module that `path` imports, at module level or inside a function."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {target for target in imports_of(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def layer_of(module: str) -> int:
    best = max(
        (
            (len(prefix), index)
            for index, prefixes in enumerate(LAYERS)
            for prefix in prefixes
            if module == prefix or module.startswith(prefix + ".")
        ),
        default=(0, len(LAYERS)),
    )
    return best[1]


def third_party(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


OP_MODULE = "desktop.models.ops"
OP_HOMES = ("desktop.models", "desktop.actions")  # where change records may be made


def op_constructions(source: str) -> list[int]:
    """Lines that construct a change record: `Op(…)` or `Op.cell(…)`, `Op.row(…)`, … by whatever
    name the module imported `Op` under (also `ops.Op…` after `import desktop.models.ops as ops`)."""
    tree = ast.parse(source)
    names, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("models.ops"):
            names |= {alias.asname or alias.name for alias in node.names if alias.name == "Op"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith("models"):
            modules |= {alias.asname or alias.name for alias in node.names if alias.name == "ops"}
        elif isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name for alias in node.names if alias.name == OP_MODULE}

    def is_op(expr: ast.expr) -> bool:
        if isinstance(expr, ast.Name):
            return expr.id in names
        return isinstance(expr, ast.Attribute) and expr.attr == "Op" and ast.unparse(expr.value) in modules

    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (is_op(node.func) or (isinstance(node.func, ast.Attribute) and is_op(node.func.value)))
    )


def op_offenders() -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not module_name(path).startswith(OP_HOMES)
        for line in op_constructions(path.read_text(encoding="utf-8"))
    ]


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{source} → {target}"
        for source, targets in edges.items()
        for target in targets
        if layer_of(target) < layer_of(source)
    )


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for succ in edges.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


@pytest.mark.parametrize(
    ("library", "home"),
    [("PySide6", "desktop/ui/"), ("peewee", "desktop/models/"), ("playhouse", "desktop/models/")],
)
def test_library_stays_in_its_layer(library: str, home: str) -> None:
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in sorted(PACKAGE.rglob("*.py"))
        if library in third_party(path) and not str(path.relative_to(PACKAGE.parent)).startswith(home)
    ]
    assert offenders == []


def test_no_import_runs_up_the_layers() -> None:
    assert upward_imports(graph()) == []


def test_only_the_doors_import_the_app() -> None:
    importers = sorted(s for s, targets in graph().items() if "desktop.app" in targets)
    assert importers == ["desktop.cli"]


def test_rules_know_nothing_of_perf() -> None:
    offenders = sorted(
        f"{source} → {target}"
        for source, targets in graph().items()
        if source.startswith("desktop.rules")
        for target in targets
        if target.startswith("desktop.perf")
    )
    assert offenders == []


def test_change_records_are_made_only_in_models_and_actions() -> None:
    assert op_offenders() == []


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_the_checks_catch_a_violation() -> None:
    """The checks above can fail: a deliberate upward edge and a cycle are reported."""
    edges = {"desktop.rules.kinds": {"desktop.perf.scoring"}, "desktop.perf.scoring": {"desktop.rules.kinds"}}
    assert upward_imports(edges) == ["desktop.rules.kinds → desktop.perf.scoring"]
    assert cycles(edges) == [["desktop.perf.scoring", "desktop.rules.kinds"]]
    made = "from desktop.models.ops import Op as Change\nimport desktop.models.ops as o\n"
    made += (
        "a = Change.cell('G01.x.y', '1')\nb = o.Op('meta', '', 'k', None)\nc = Change\nd = [Change.kind]\n"
    )
    assert op_constructions(made) == [3, 4]
