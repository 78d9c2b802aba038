"""Typing, moving, pasting, clearing and undoing in the real grid, offscreen."""

from __future__ import annotations

from decimal import Decimal

from desktop.ui.grid_model import SEVERITY_ROLE
from desktop.ui.main_window import MainWindow
from desktop.ui.navigator import BADGE_ROLE
from desktop.ui.qt import QGuiApplication, QItemSelection, QItemSelectionModel, Qt
from tests.ui.helpers import index_of, open_editor, page, shown

CELL = "G05.2010601.basic"


def test_typing_updates_totals_derived_tables_and_findings_in_one_turn(qtbot, window: MainWindow) -> None:
    g04, g01 = page(window, "G04"), page(window, "G01")
    g05 = page(window, "G05")
    panel = window.workspace.findings
    assert "错误" not in panel.tree.topLevelItem(0).text(0)
    editor = open_editor(g05, CELL)
    editor.setText("1,306.19")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # No event processing in between: every view follows the same signal.
    assert shown(g05.model, CELL) == "1,306.19"
    assert shown(g05.model, "G05.total.basic") == "1,755.92"
    assert shown(g04.model, "G04.201.gpb") == "1,537.36"
    assert shown(g01.model, "G01.grand_in.amount") == "1,349.95"  # G01 reads G03, not G05
    assert panel.tree.topLevelItem(0).text(0).startswith("错误")
    assert window.workspace.navigator.item(5).data(BADGE_ROLE)[0] != "✓"
    assert window.saved_label.text().startswith("已保存")


def test_typing_replaces_and_enter_moves_down_to_the_next_input(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    g05.view.select_cells([CELL])
    qtbot.keyClick(g05.view, "4")  # the first key opens the editor and replaces 306.19
    editor = g05.view.indexWidget(g05.view.currentIndex())
    qtbot.keyClicks(editor, "2")  # later keys go to the editor, which then has the focus
    assert editor.text() == "42"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.dataset.get(CELL) == Decimal("42")
    assert g05.current_cell() == "G05.2010602.basic"
    qtbot.keyClick(g05.view, Qt.Key.Key_Tab)
    assert g05.current_cell() == "G05.2010602.project"
    qtbot.keyClick(g05.view, Qt.Key.Key_Tab)
    assert g05.current_cell() == "G05.2010602.budget"


def test_a_bad_amount_is_refused_with_a_message_and_changes_nothing(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    dataset = window.session.dataset
    before = dataset.get(CELL)
    editor = open_editor(g05, CELL)
    editor.setText("12abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert dataset.get(CELL) == before
    assert "不是有效的数字" in window.statusBar().currentMessage()


def test_lenient_amounts_are_accepted(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    editor = open_editor(g05, CELL)
    editor.setText("１２３．４万元")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.dataset.get(CELL) == Decimal("123.4")


def test_pasting_a_block_is_one_undo_step(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    dataset = window.session.dataset
    targets = [
        f"G05.{row}.{col}" for row in ("2010601", "2010602", "2010606") for col in ("basic", "project")
    ]
    before = {c: dataset.get(c) for c in targets}
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n5\t6\r\n")
    g05.view.select_cells([CELL])
    qtbot.keyClick(g05.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [dataset.get(c) for c in targets] == [Decimal(n) for n in "123456"]
    assert shown(g05.model, "G05.2010601.total") == "3.00"
    window.undo_action.trigger()
    assert {c: dataset.get(c) for c in targets} == before
    window.redo_action.trigger()
    assert dataset.get("G05.2010606.project") == Decimal("6")


def test_a_paste_with_a_bad_value_changes_nothing(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    dataset = window.session.dataset
    QGuiApplication.clipboard().setText("1\tx\n")
    g05.view.select_cells([CELL])
    g05.view.paste()
    assert dataset.get(CELL) == Decimal("306.19")
    assert "不是有效的数字" in window.statusBar().currentMessage()


def test_copy_gives_tab_separated_exact_values(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    model = g05.model
    first, last = index_of(model, "G05.2010601.total"), index_of(model, "G05.2010602.basic")
    g05.view.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.Select)
    qtbot.keyClick(g05.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "306.19\t306.19\n50.74\t0.00\n"


def test_delete_clears_the_selection_as_one_step(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    dataset = window.session.dataset
    g05.view.select_cells([CELL, "G05.2010650.basic"])
    qtbot.keyClick(g05.view, Qt.Key.Key_Delete)
    assert dataset.get(CELL) is None and dataset.get("G05.2010650.basic") is None
    window.undo_action.trigger()
    assert dataset.get(CELL) == Decimal("306.19") and dataset.get("G05.2010650.basic") == Decimal("161.38")


def test_computed_cells_are_read_only(window: MainWindow) -> None:
    g05 = page(window, "G05")
    model = g05.model
    assert not model.flags(index_of(model, "G05.total.basic")) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(index_of(model, CELL)) & Qt.ItemFlag.ItemIsEditable


def test_yuan_display_and_entry(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    window.yuan_action.trigger()
    assert shown(g05.model, CELL) == "3,061,900.00"
    editor = open_editor(g05, CELL)
    assert editor.text() == "3061900"
    editor.setText("5000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.dataset.get(CELL) == Decimal("0.5")


def test_prior_year_columns_sit_beside_each_amount(window: MainWindow) -> None:
    g05 = page(window, "G05")
    window.prior_action.trigger()
    titles = [c.title for c in g05.model.layout.columns]
    assert titles[2:5] == ["小计", "上年数", "增减"]
    assert g05.model.columnCount() == 2 + 4 * 3  # 科目编码, 名称, then 3 per amount column


def test_findings_mark_their_cells_with_a_tooltip(window: MainWindow) -> None:
    g07 = page(window, "G07")
    index = index_of(g07.model, "G07.actual.reception")
    assert g07.model.data(index, SEVERITY_ROLE) == "info"
    assert "公务接待费" in g07.model.data(index, Qt.ItemDataRole.ToolTipRole)
