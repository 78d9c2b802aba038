"""The 情况说明 editor: edits saved as texts, regenerate keeps the clerk's sentences, missing
reasons filled in place, figures that disagree with the data underlined, figures not checked muted."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.io.pdf.narrative import narrative as pdf_narrative
from desktop.ui.main_window import MainWindow
from desktop.ui.narrative_page import NarrativePage
from desktop.ui.qt import QTextCursor
from tests.ui.helpers import page

CLERK = "我单位严格控制一般性支出。"
INCOME_CELL = "G01.carry_in.amount"  # 年初结转和结余: part of 收入总计


def narrative_page(window: MainWindow) -> NarrativePage:
    found = page(window, "narrative")
    assert isinstance(found, NarrativePage)
    return found


def type_at_end(page_: NarrativePage, text: str) -> None:
    editor = page_.editor()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.insertPlainText(text)  # Chinese goes in as editor text, never as key clicks


def test_typed_edits_are_saved_after_a_pause_with_their_base(qtbot: QtBot, window: MainWindow) -> None:
    narrative = narrative_page(window)
    dataset = window.session.dataset
    drafted = narrative.editor("overview").toPlainText()
    type_at_end(narrative, CLERK)
    assert dataset.text("narrative.overview") == ""  # debounced: not yet
    qtbot.waitUntil(lambda: dataset.text("narrative.overview") == drafted + CLERK, timeout=3000)
    assert dataset.text("narrative.overview.base") == drafted
    printed = pdf_narrative(dataset.snapshot(), dataset.threshold)
    assert CLERK in printed.sections[0].text  # the PDF prints the edit
    window.undo()
    assert dataset.text("narrative.overview") == ""
    assert narrative.editor("overview").toPlainText() == drafted


def test_regenerate_updates_the_figures_and_keeps_the_clerks_sentence(window: MainWindow) -> None:
    narrative = narrative_page(window)
    session, dataset = window.session, window.session.dataset
    type_at_end(narrative, CLERK)
    narrative.flush()
    old_total = dataset.get("G01.grand_in.amount")
    assert session.edit({INCOME_CELL: str(dataset.get(INCOME_CELL) + Decimal(100))})
    assert "数据已变" in narrative.sections.item(0).text()
    assert "1349.95" in narrative.editor("overview").toPlainText()  # the clerk's edit is not rewritten
    narrative.regenerate()
    text = narrative.editor("overview").toPlainText()
    new_total = dataset.get("G01.grand_in.amount")
    assert old_total == Decimal("1349.95") and new_total == Decimal("1449.95")
    assert "1449.95万元" in text and "1349.95" not in text
    assert text.endswith(CLERK)
    assert dataset.text("narrative.overview") == text


def test_a_missing_reason_is_listed_and_filled_in_place(window: MainWindow) -> None:
    narrative = narrative_page(window)
    session, dataset = window.session, window.session.dataset
    type_at_end(narrative, CLERK)  # an edited section still gets the reason in place
    narrative.flush()
    assert session.set_text("reason.total_change", "")
    narrative.regenerate()
    editor = narrative.show_section("overview")
    assert "【请填写：" in editor.toPlainText()
    assert editor.markers and narrative.reasons.isVisibleTo(narrative)
    assert narrative.reasons.current_key() == "reason.total_change"
    narrative.reasons.editor.setPlainText("机构改革后职能调整")
    narrative.reasons.save.click()
    assert dataset.text("reason.total_change") == "机构改革后职能调整"
    text = editor.toPlainText()
    assert "主要变动原因是机构改革后职能调整。" in text and "【请填写" not in text
    assert text.endswith(CLERK)
    assert not narrative.reasons.isVisibleTo(narrative)


def test_a_wrong_figure_is_underlined_with_the_message(qtbot: QtBot, window: MainWindow) -> None:
    narrative = narrative_page(window)
    editor = narrative.show_section("overview")
    text = editor.toPlainText().replace("1349.95", "1399.95")
    editor.setPlainText(text)
    start = text.index("1399.95")
    qtbot.waitUntil(lambda: editor.underlined() == [(start, start + len("1399.95"))], timeout=3000)
    assert "1349.95" in editor.problems[0].message
    assert narrative.problems.count() == 1
    assert "1 处数字不符" in narrative.sections.item(0).text()


def test_a_figure_the_reader_cannot_check_is_muted_with_its_reason(qtbot: QtBot, window: MainWindow) -> None:
    narrative = narrative_page(window)
    editor = narrative.show_section("overview")
    added = "全年完成39个财评项目评审工作。"
    editor.setPlainText(editor.toPlainText() + added)
    start = editor.toPlainText().index("39个")
    qtbot.waitUntil(lambda: (start, start + len("39个")) in editor.muted(), timeout=3000)
    mark = editor.problem_at(start)
    assert mark is not None and mark.message.startswith("未核对：")
    assert editor.underlined() == [] and narrative.problems.count() == 0  # not a finding
    assert "个数字未核对" in narrative.sections.item(0).text()


def test_text_typed_just_before_closing_is_kept(window: MainWindow, demo_path: Path) -> None:
    narrative = narrative_page(window)
    narrative.editor().setFocus()
    type_at_end(narrative, CLERK)
    window.close_dataset()  # within the debounce: leaving the editor saves it
    assert window.open_path(demo_path)
    assert window.session.dataset.text("narrative.overview").endswith(CLERK)
