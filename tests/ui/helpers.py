"""Small helpers for driving grids in tests."""

from __future__ import annotations

from typing import Any

from desktop.ui.form_page import FormPage
from desktop.ui.grid_model import GridModel
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QLineEdit, QModelIndex, Qt, QTreeWidget, QTreeWidgetItem


def page(window: MainWindow, step: str) -> Any:
    assert window.workspace is not None
    return window.workspace.show_step(step)


def index_of(model: GridModel, cell: str) -> QModelIndex:
    where = model.layout.find(cell)
    assert where is not None, cell
    return model.index(*where)


def shown(model: GridModel, cell: str) -> str:
    return str(model.data(index_of(model, cell), Qt.ItemDataRole.DisplayRole))


def open_editor(form_page: FormPage, cell: str) -> QLineEdit:
    view = form_page.view
    assert view.select_cells([cell])
    view.edit(view.currentIndex())
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit)
    return editor


def tree_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """Every item of a tree widget, depth first."""
    found: list[QTreeWidgetItem] = []

    def walk(item: QTreeWidgetItem) -> None:
        found.append(item)
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return found
