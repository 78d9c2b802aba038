"""The table model is a thin adapter: Qt's model tester on a small dataset, no database in views."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from desktop.models.dataset import Dataset
from desktop.ui.form_page import sheet_layout
from desktop.ui.grid_layout import value_columns
from desktop.ui.grid_model import GridModel
from desktop.ui.qt import Qt
from desktop.ui.session import Session

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


@pytest.mark.parametrize("form", ["G05", "G01", "G04", "G06", "G07", "X01", "F00", "P02"])
def test_grid_model_passes_qt_model_tester(qtmodeltester, small_dataset: Dataset, form: str) -> None:
    session = Session(small_dataset)
    model = GridModel(session, sheet_layout(small_dataset.catalogue.form(form)))
    qtmodeltester.check(model, force_py=True)
    session.set_show_prior(True)
    qtmodeltester.check(model, force_py=True)


def test_model_reads_computed_values_and_follows_edits(small_dataset: Dataset) -> None:
    session = Session(small_dataset)
    model = GridModel(session, sheet_layout(small_dataset.catalogue.form("G05")))
    total = model.index(*model.layout.find("G05.total.total"))
    assert model.data(total, Qt.ItemDataRole.DisplayRole) == "125.00"
    changed: list[object] = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    assert model.setData(model.index(*model.layout.find("G05.2080501.basic")), "10")
    assert model.data(total, Qt.ItemDataRole.DisplayRole) == "130.00"
    assert changed


def test_single_amount_rows_sit_in_the_first_column_of_a_wide_side(small_dataset: Dataset) -> None:
    form = small_dataset.catalogue.form("G04")
    expense = [r for r in small_dataset.sheet("G04") if r.side == "expense"]
    assert [c.id for c in value_columns(form, expense)] == ["total", "gpb", "gf", "soc"]
    layout = sheet_layout(form)(Session(small_dataset))
    _row, col = layout.find("G04.carry_out.amount") or (0, 0)
    assert layout.columns[col].title == "合计"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_qt_module_imports_pyside6() -> None:
    importers = {p.relative_to(DESKTOP).as_posix() for p in DESKTOP.rglob("*.py") if "PySide6" in _imports(p)}
    assert importers == {"ui/qt.py"}


def test_no_module_outside_the_ui_imports_it() -> None:
    outside = [
        p.relative_to(DESKTOP).as_posix()
        for p in DESKTOP.rglob("*.py")
        if not p.is_relative_to(DESKTOP / "ui") and p.name != "app.py" and "desktop.ui" in _module_imports(p)
    ]
    assert outside == []


def _module_imports(path: Path) -> str:
    return " ".join(
        node.module or ""
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
    )


def test_the_ui_never_touches_the_database_layer() -> None:
    for path in [*(DESKTOP / "ui").rglob("*.py"), DESKTOP / "app.py"]:
        assert "peewee" not in _imports(path), path
