"""Type each figure once, and entries that behave like Excel: a refused entry stays in its cell
with the reason beside it; Esc restores; a refused paste shows its first bad cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from desktop.rules.finding import Finding
from desktop.ui import grid_override
from desktop.ui.findings_panel import FINDING_ROLE
from desktop.ui.grid_model import DERIVED_BACKGROUND, OVERRIDE_BACKGROUND
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QGuiApplication, QLineEdit, Qt
from tests.ui.conftest import Errors, make_window
from tests.ui.helpers import index_of, open_editor, page, shown, tree_items

CELL = "G05.2010601.basic"


def _editor(view) -> QLineEdit:  # type: ignore[no-untyped-def]
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit)
    return editor


# --- refused entries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "text", "reason"), [(CELL, "abc", "不是有效的数字"), ("X01.abroad_groups.value", "2.5", "整数")]
)
def test_a_refused_entry_keeps_the_editor_open_with_the_reason_beside_it(
    qtbot, window: MainWindow, cell: str, text: str, reason: str
) -> None:
    step = cell.split(".")[0]
    grid = page(window, step)
    before = window.session.dataset.get(cell)
    editor = open_editor(grid, cell)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.dataset.get(cell) == before
    assert grid.current_cell() == cell  # the cursor did not move on
    assert _editor(grid.view) is editor and editor.text() == text  # same editor, same text
    assert grid.view.tip.isVisible() and reason in grid.view.tip.text()
    tip, rect = grid.view.tip.geometry(), grid.view.visualRect(grid.view.currentIndex())
    assert tip.left() >= rect.right() or tip.top() >= rect.bottom()  # beside the cell, not over it
    editor.setText("7")  # fixing the text is accepted
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.dataset.number(cell) == Decimal(7)
    assert not grid.view.tip.isVisible()


def test_tab_and_a_click_elsewhere_keep_a_refused_entry_too(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    editor = open_editor(g05, CELL)
    editor.setText("1/2")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert g05.current_cell() == CELL and _editor(g05.view) is editor
    other = index_of(g05.model, "G05.2010602.basic")
    qtbot.mouseClick(g05.view.viewport(), Qt.MouseButton.LeftButton, pos=g05.view.visualRect(other).center())
    assert g05.current_cell() == CELL and _editor(g05.view).text() == "1/2"


def test_escape_restores_the_old_value_and_closes_the_reason(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    editor = open_editor(g05, CELL)
    editor.setText("abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert g05.view.tip.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert g05.view.indexWidget(g05.view.currentIndex()) is None
    assert not g05.view.tip.isVisible()
    assert shown(g05.model, CELL) == "306.19"


def test_a_paste_is_refused_as_a_whole_and_shows_its_first_bad_cell(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    dataset = window.session.dataset
    targets = [f"G05.{row}.{col}" for row in ("2010601", "2010602") for col in ("basic", "project")]
    before = {c: dataset.get(c) for c in targets}
    QGuiApplication.clipboard().setText("1\t2\r\n3\tx\r\n")
    g05.view.select_cells([CELL])
    qtbot.keyClick(g05.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert {c: dataset.get(c) for c in targets} == before
    assert g05.current_cell() == "G05.2010602.project"
    assert g05.view.tip.isVisible() and "未粘贴任何数" in g05.view.tip.text()
    qtbot.keyClick(g05.view, Qt.Key.Key_Up)  # moving on puts the reason away
    assert not g05.view.tip.isVisible()


# --- one figure, every table -----------------------------------------------------------------


@pytest.fixture
def blank_window(qtbot, tmp_path: Path, errors: Errors) -> MainWindow:
    with Dataset.create(tmp_path / "blank.jsd", "测试单位", 2020):
        pass
    return make_window(qtbot, tmp_path / "blank.jsd", errors)


def test_an_item_added_in_05_appears_in_03_with_its_parents(qtbot, blank_window: MainWindow) -> None:
    g05 = page(blank_window, "G05")
    assert g05.add_code("2080501")
    g03 = page(blank_window, "G03")
    for row in ("208", "20805", "2080501"):
        assert g03.model.layout.find(f"G03.{row}.basic") is not None, row
    g05 = page(blank_window, "G05")
    editor = open_editor(g05, "G05.2080501.basic")
    editor.setText("12")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not [f for f in blank_window.session.findings if blank_window.session.dataset.missing_rows(f)]


def test_a_single_fund_department_sees_03_filled_and_shaded(qtbot, blank_window: MainWindow) -> None:
    cover = page(blank_window, "F00")
    cover.fiscal_only.setChecked(True)
    g05 = page(blank_window, "G05")
    g05.add_code("2010601")
    editor = open_editor(g05, CELL)
    editor.setText("100")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    g03 = page(blank_window, "G03")
    index = index_of(g03.model, "G03.2010601.basic")
    assert shown(g03.model, "G03.2010601.basic") == "100.00"
    assert g03.model.data(index, Qt.ItemDataRole.BackgroundRole).color() == DERIVED_BACKGROUND
    assert "推导" in g03.model.data(index, Qt.ItemDataRole.ToolTipRole)
    blank_window.undo()
    assert blank_window.session.dataset.number("G03.2010601.basic") is None
    assert cover.fiscal_only.isChecked()
    blank_window.undo()  # the row
    blank_window.undo()  # the flag: the check box follows
    assert not cover.fiscal_only.isChecked()


def test_typing_over_a_derived_figure_asks_why(qtbot, blank_window: MainWindow, monkeypatch) -> None:
    dataset = blank_window.session.dataset
    dataset_cell = "G04.inc_gf.amount"
    blank_window.session.edit({"G08.2120802.income": "50"})
    g04 = page(blank_window, "G04")
    monkeypatch.setattr(grid_override, "ask_reason", lambda _label: None)  # the clerk cancels
    editor = open_editor(g04, dataset_cell)
    editor.setText("45")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert dataset.number(dataset_cell) == Decimal(50)
    assert g04.view.tip.isVisible() and "原因" in g04.view.tip.text()
    monkeypatch.setattr(grid_override, "ask_reason", lambda _label: "部分资金次年到账")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert dataset.number(dataset_cell) == Decimal(45)
    assert dataset.text(f"reason.override.{dataset_cell}") == "部分资金次年到账"
    index = index_of(g04.model, dataset_cell)
    assert g04.model.data(index, Qt.ItemDataRole.BackgroundRole).color() == OVERRIDE_BACKGROUND
    assert "部分资金次年到账" in g04.model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_a_finding_about_a_missing_row_offers_to_add_it_and_never_lands_on_it(
    qtbot, tmp_path: Path, errors: Errors, sample_doc
) -> None:
    doc = dict(sample_doc)
    doc["cells"] = dict(sample_doc["cells"]) | {"G05.2130101.basic": "3.00"}  # in 05, not in 03
    path = tmp_path / "missing.jsd"
    with Dataset.create(path, "x", 2020) as data:
        import_document(data, doc)
    window = make_window(qtbot, path, errors)
    panel = window.workspace.findings
    item = next(
        i
        for i in tree_items(panel.tree)
        if isinstance(f := i.data(0, FINDING_ROLE), Finding) and window.session.dataset.missing_rows(f)
    )
    panel.tree.setCurrentItem(item)
    qtbot.mouseClick(
        panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center()
    )
    assert window.workspace.step == "G05"  # the row 03 lacks is not where the jump lands
    assert panel.add_rows.isVisibleTo(panel) and "添加到公开03表" in panel.add_rows.text()
    qtbot.mouseClick(panel.add_rows, Qt.MouseButton.LeftButton)
    assert "2130101" in window.session.dataset.rows("G03")
    assert window.workspace.step == "G03"
    assert window.workspace.current_page().current_cell() == "G03.2130101.basic"
    assert not [f for f in window.session.findings if window.session.dataset.missing_rows(f)]
