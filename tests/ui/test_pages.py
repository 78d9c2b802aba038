"""Keyboard-only entry of facts, projects (P01) and the scoring sheet (P02)."""

from __future__ import annotations

from decimal import Decimal

from desktop.models import projects
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import Qt
from tests.ui.helpers import index_of, open_editor, page


def type_and_enter(qtbot, view, text: str) -> None:
    qtbot.keyClick(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_x01_is_filled_from_the_keyboard_skipping_computed_rows(qtbot, window: MainWindow) -> None:
    x01 = page(window, "X01")
    x01.view.select_cells(["X01.admin_cost.value"])
    type_and_enter(qtbot, x01.view, "50.5")
    assert x01.current_cell() == "X01.proc_goods.value"  # 政府采购支出总额 is computed
    for text in ("10", "20", "30"):
        type_and_enter(qtbot, x01.view, text)
    dataset = window.session.dataset
    assert dataset.get("X01.admin_cost.value") == Decimal("50.5")
    assert dataset.get("X01.proc_total.value") == Decimal("60")


def test_f00_takes_text_and_shows_the_units(qtbot, window: MainWindow) -> None:
    f00 = page(window, "F00")
    editor = open_editor(f00, "F00.head.value")
    editor.setText("张三")  # Chinese goes in as editor text, not as key clicks
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.dataset.get("F00.head.value") == "张三"
    assert f00.current_cell() == "F00.finance_head.value"
    assert "财政国库支付中心" in f00.units_label.text()


def test_projects_page_adds_projects_and_indicators(qtbot, window: MainWindow) -> None:
    p01 = page(window, "P01")
    dataset = window.session.dataset
    before = len(projects.project_ids(dataset))
    p01.add_project()
    pid = projects.project_ids(dataset)[-1]
    assert len(projects.project_ids(dataset)) == before + 1 and p01.project == pid
    editor = open_editor_in(p01.fields_view, p01.fields, f"P01.{pid}.budget")
    editor.setText("25.79")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert dataset.get(f"P01.{pid}.budget") == Decimal("25.79")
    assert p01.current_cell() == f"P01.{pid}.carry_over"  # Enter went on to the next field
    p01.add_indicator()
    assert projects.indicator_ids(dataset, pid) == [f"{pid}.i1"]
    assert p01.indicators.rowCount() == 1


def open_editor_in(view, model, cell: str):
    view.select_cells([cell])
    view.edit(view.currentIndex())
    return view.indexWidget(index_of(model, cell))


def test_scores_page_has_summed_parent_weights_and_editable_scores(qtbot, window: MainWindow) -> None:
    p02 = page(window, "P02")
    model = p02.model
    assert not model.flags(index_of(model, "P02.A1.weight")) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(index_of(model, "P02.A11.weight")) & Qt.ItemFlag.ItemIsEditable  # the department's own
    editor = open_editor(p02, "P02.A11.score")
    editor.setText("2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.dataset.get("P02.A11.score") == Decimal("2")
    assert "指标解释" in p02.detail.text() or p02.detail.text() == ""
