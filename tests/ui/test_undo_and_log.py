"""Undo you can trust: it says what it did and shows where; an import or the file's creation is
undone only after a question; 编辑 › 修改记录 lists the change log, filterable by form."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from desktop.models.dataset import Dataset
from desktop.ui.change_log_dialog import ChangeLogDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import Qt
from tests.ui.conftest import Errors, make_window
from tests.ui.helpers import open_editor, page

CELL = "G05.2010601.basic"


class Answers(list[str]):
    """Records the questions asked and gives one answer."""

    def __init__(self, answer: bool) -> None:
        super().__init__()
        self.answer = answer

    def __call__(self, _title: str, message: str) -> bool:
        self.append(message)
        return self.answer


def _type(qtbot, window: MainWindow, cell: str, text: str) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(page(window, cell.split(".")[0]), cell)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_undo_and_redo_say_what_they_did_and_select_the_cell(qtbot, window: MainWindow) -> None:
    _type(qtbot, window, CELL, "42")
    page(window, "X01")  # elsewhere when undoing
    window.undo()
    assert window.session.dataset.get(CELL) == Decimal("306.19")
    message = window.statusBar().currentMessage()
    assert message.startswith("已撤销") and "2010601 行政运行 基本支出（42 → 306.19）" in message
    assert window.workspace.step == "G05"
    assert window.workspace.current_page().current_cell() == CELL
    page(window, "G07")
    window.redo()
    assert window.statusBar().currentMessage().startswith("已重做")
    assert window.statusBar().currentMessage().endswith("（306.19 → 42）")
    assert window.workspace.step == "G05" and window.session.dataset.get(CELL) == Decimal(42)


def test_undoing_a_paste_selects_every_cell_it_changed(qtbot, window: MainWindow) -> None:
    values = {CELL: "1", "G05.2010601.project": "2", "G05.2010602.basic": "3"}
    window.session.edit(values, source="paste", label="粘贴")
    window.undo()
    g05 = window.workspace.current_page()
    selected = {g05.model.slot(i).cell for i in g05.view.selectedIndexes()}
    assert selected == set(values)
    assert "3 个单元格" in window.statusBar().currentMessage()


def test_undoing_the_import_asks_first_and_no_keeps_everything(qtbot, window: MainWindow) -> None:
    dataset = window.session.dataset
    answers = Answers(False)
    window.ask = answers
    window.undo()  # right after opening, the next step back is the whole import
    assert len(answers) == 1 and "导入" in answers[0]
    assert dataset.get(CELL) == Decimal("306.19")
    assert window.statusBar().currentMessage() == "未撤销"
    window.ask = Answers(True)
    window.undo()
    assert dataset.get(CELL) is None


def test_undoing_the_creation_of_the_file_asks_first(qtbot, tmp_path: Path, errors: Errors) -> None:
    with Dataset.create(tmp_path / "new.jsd", "测试单位", 2021):
        pass
    window = make_window(qtbot, tmp_path / "new.jsd", errors)
    answers = Answers(False)
    window.ask = answers
    window.undo()
    assert answers and "新建" in answers[0]
    assert window.session.dataset.department.name == "测试单位"


def test_an_ordinary_edit_is_undone_without_a_question(qtbot, window: MainWindow) -> None:
    answers = Answers(False)
    window.ask = answers
    _type(qtbot, window, CELL, "1")
    window.undo()
    assert answers == [] and window.session.dataset.get(CELL) == Decimal("306.19")


def test_the_change_log_lists_each_change_and_filters_by_form(qtbot, window: MainWindow) -> None:
    _type(qtbot, window, CELL, "42")
    _type(qtbot, window, "X01.admin_cost.value", "50")
    window.undo()
    dialog = ChangeLogDialog(window.session, window)
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(dialog.table.rowCount())]
    assert rows[0][1].startswith("其他重要事项") and rows[0][2:5] == ["50", "53.93", "撤销"]
    assert rows[1][2:5] == ["53.93", "50", "输入"]
    typed = next(r for r in rows if "2010601 行政运行 基本支出" in r[1])
    assert typed[2:5] == ["306.19", "42", "输入"] and typed[0][:4].isdigit()
    assert any(r[4] == "导入" for r in rows)  # the import is there too
    units = [r for r in rows if r[1].startswith("单位 u")]
    assert units and all("（" in r[3] and "{" not in r[3] for r in units)  # a unit by name and kind
    added = [r for r in rows if r[1].startswith("添加行")]
    assert added and all(r[2:4] == ["", ""] for r in added)  # a row's position is not a value
    dialog.set_form("X01")
    filtered = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert filtered and all(text.startswith("其他重要事项") for text in filtered)
    assert "共" in dialog.count.text()
    assert (
        window.log_action.isEnabled() and window.log_action in window.menuBar().actions()[1].menu().actions()
    )
