"""文字材料 (every printed text written in the window) and 公开前检查 on the export page: each
unfinished item jumps to where it is fixed; a draft needs no confirmation and makes no bundle."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.ui.export_page import ExportPage
from desktop.ui.main_window import MainWindow
from desktop.ui.texts_page import TextsPage
from tests.helpers import pdf_pages
from tests.ui.helpers import page


def texts_page(window: MainWindow) -> TextsPage:
    found = page(window, "texts")
    assert isinstance(found, TextsPage)
    return found


def export_page(window: MainWindow) -> ExportPage:
    found = page(window, "export")
    assert isinstance(found, ExportPage)
    return found


def test_every_overview_text_and_the_glossary_are_listed_and_editable(window: MainWindow) -> None:
    texts = texts_page(window)
    labels = {t.label for t in texts.texts.values()}
    assert {"主要职能", "2020年重点工作完成情况", "机构设置", "名词解释（全文）"} <= labels
    assert texts.show_text("text.overview.functions")
    texts.box.setPlainText("负责全区财政收支管理。")
    texts.flush()
    assert window.session.dataset.text("text.overview.functions") == "负责全区财政收支管理。"
    assert texts.items["text.overview.functions"].text(1) == "已填写"


def test_the_glossary_shows_its_draft_until_the_clerk_writes_one(window: MainWindow) -> None:
    dataset = window.session.dataset
    texts = texts_page(window)
    assert texts.show_text("text.glossary")
    assert dataset.text("text.glossary")  # the demo has the clerk's glossary
    texts.restore_draft()
    assert dataset.text("text.glossary") == ""
    assert "财政拨款收入" in texts.box.toPlainText()  # the drafted 名词解释 is shown
    assert not texts.restore.isVisible()
    texts.box.setPlainText(texts.box.toPlainText() + "\n补充：本单位无经营收入。")
    texts.flush()
    assert dataset.text("text.glossary").endswith("补充：本单位无经营收入。")


def test_gate_items_jump_to_where_they_are_fixed(qtbot: QtBot, window: MainWindow) -> None:
    window.session.set_text("text.overview.structure", "")
    export = export_page(window)
    messages = [export.gate.list.item(i).text() for i in range(export.gate.list.count())]
    assert any("编制日期" in m for m in messages) and any("机构设置" in m for m in messages)
    structure = next(i for i in range(export.gate.list.count()) if "机构设置" in messages[i])
    export.gate.list.itemActivated.emit(export.gate.list.item(structure))
    texts = texts_page(window)
    assert window.workspace is not None and window.workspace.step == "texts"
    assert texts.key == "text.overview.structure" and texts.tree.currentItem().text(0) == "机构设置"
    export = export_page(window)
    date = next(i for i in range(export.gate.list.count()) if "编制日期" in messages[i])
    export.gate.list.itemActivated.emit(export.gate.list.item(date))
    assert window.workspace.step == "F00"
    assert window.workspace.current_page().current_cell() == "F00.date.value"


def test_a_reason_asked_for_opens_on_the_texts_page(window: MainWindow) -> None:
    window.session.set_text("reason.total_change", "")
    export = export_page(window)
    (row,) = [i for i, f in enumerate(export.gate.items) if f.reason_key == "reason.total_change"]
    export.gate.list.itemActivated.emit(export.gate.list.item(row))
    texts = texts_page(window)
    assert texts.key == "reason.total_change"
    texts.box.setPlainText("人员减少")
    texts.flush()
    assert window.session.dataset.text("reason.total_change") == "人员减少"
    assert "reason.total_change" not in {f.reason_key for f in export_page(window).gate.items}


def test_a_draft_needs_no_confirmation_and_makes_no_bundle(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    export = export_page(window)
    out = tmp_path / "out"
    export.folder.setText(str(out))
    export.confirm_force = lambda items: False  # a publication would be declined
    export.draft.setChecked(True)
    assert not export.choices["bundle"].isEnabled() and not export.choices["bundle"].isChecked()
    assert export.export()
    qtbot.waitUntil(lambda: export.job is None, timeout=60000)
    written = sorted(p.suffix for p in out.iterdir())
    assert written == [".pdf", ".xlsx"]
    pdf = next(out.glob("*.pdf"))
    assert all("草" in text for text in pdf_pages(pdf))
