"""One meaning per name: no two classes of `desktop/` share a name, so a reader never has to ask
which `Cell` or `Layout` a module means (read with `ast`; classes made inside functions count, a class's
own inner classes, like peewee's `Meta`, do not)."""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"


def classes_by_name(root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        for name in class_names(ast.parse(path.read_text(encoding="utf-8"))):
            found[name].append(str(path.relative_to(root.parent)))
    return found


def class_names(node: ast.AST) -> Iterator[str]:
    """The classes a module or function body defines, not those nested inside a class."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.ClassDef):
            yield child.name
        else:
            yield from class_names(child)


def test_no_two_classes_share_a_name() -> None:
    shared = {name: places for name, places in classes_by_name(PACKAGE).items() if len(places) > 1}
    assert shared == {}


def test_the_check_sees_a_repeated_name(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("class Cell:\n    pass\n", encoding="utf-8")
    (package / "b.py").write_text("def f():\n    class Cell:\n        pass\n", encoding="utf-8")
    (package / "c.py").write_text(
        "class A:\n    class Meta:\n        pass\nclass B:\n    class Meta:\n        pass\n", encoding="utf-8"
    )
    found = classes_by_name(package)
    assert found["Cell"] == ["pkg/a.py", "pkg/b.py"]
    assert found["Meta"] == []
