"""导入上年/本年数据: preview on a temporary copy in a worker thread, confirm, import as one
undoable action; a malformed file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.models.dataset import Dataset
from desktop.models.interchange import export_document
from desktop.rules.finding import sort_findings
from desktop.ui.import_wizard import ImportWizard
from desktop.ui.main_window import MainWindow
from tests.conftest import SHARED as SHARED_FIXTURES
from tests.ui.conftest import Errors, make_window

SHARED = SHARED_FIXTURES
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "workbooks"


def shared_workbook(name: str) -> Path:
    return SHARED / "workbooks" / name


@pytest.fixture
def empty_window(qtbot: QtBot, tmp_path: Path, errors: Errors) -> MainWindow:
    Dataset.create(tmp_path / "西区财政局.jsd", "攀枝花市西区财政局", 2020).close()
    return make_window(qtbot, tmp_path / "西区财政局.jsd", errors)


def open_wizard(qtbot: QtBot, window: MainWindow, source: Path, *, prior: bool) -> ImportWizard:
    wizard = window.import_wizard(prior=prior)
    assert wizard is not None
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose.path.setText(str(source))
    assert wizard.choose.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    assert wizard.preview_page.progress.isVisible()  # reading runs in the worker thread
    qtbot.waitUntil(lambda: wizard.preview is not None or bool(wizard.error), timeout=20000)
    return wizard


def test_prior_year_xls_is_previewed_then_imported_as_one_undo_step(
    qtbot: QtBot, empty_window: MainWindow
) -> None:
    source = shared_workbook("xiqu-czj-2019.xls")
    dataset = empty_window.session.dataset
    wizard = open_wizard(qtbot, empty_window, source, prior=True)
    assert wizard.preview is not None and wizard.preview_page.isComplete()
    assert not dataset.calc("prior").inputs  # the preview never touches the clerk's file
    tree = wizard.preview_page.tree
    top = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert top[0].startswith("已识别的表")
    first = tree.topLevelItem(0).child(0)
    assert first.text(0).startswith("G01 收入支出决算总表") and first.text(1) and "–" in first.text(2)
    wizard.next()
    assert "上年" in wizard.confirm.text.text() and "备份" in wizard.confirm.text.text()
    wizard.next()  # 导入
    assert wizard.currentPage() is wizard.result_page
    summary = wizard.summary
    assert summary is not None and summary.cells == wizard.preview.summary.cells > 100
    assert Path(summary.backup).exists()
    assert summary.backup in wizard.result_page.backup.text()
    prior = dataset.calc("prior").inputs
    assert prior and len(prior) >= summary.cells
    assert dataset.has_prior
    assert empty_window.session.findings == sort_findings(dataset.findings())  # the window followed
    empty_window.undo()
    assert not dataset.calc("prior").inputs  # one Ctrl+Z removes the whole import
    assert "导入" in empty_window.ask[-1]  # after a question


def test_a_malformed_workbook_shows_its_message_and_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    dataset = window.session.dataset
    before = dict(dataset.calc("prior").inputs)
    could_undo = dataset.can_undo()
    wizard = open_wizard(qtbot, window, FIXTURES / "not_a_workbook.xlsx", prior=True)
    assert wizard.preview is None and not wizard.preview_page.isComplete()
    message = wizard.preview_page.status.text()
    assert "not_a_workbook.xlsx" in message and "没有任何改动" in message
    assert not wizard.preview_page.progress.isVisible()
    assert dict(dataset.calc("prior").inputs) == before and dataset.can_undo() == could_undo


def test_current_year_over_existing_figures_says_they_are_replaced(qtbot: QtBot, window: MainWindow) -> None:
    source = shared_workbook("xiqu-czj-2020.xlsx")
    wizard = open_wizard(qtbot, window, source, prior=False)
    assert wizard.preview is not None
    wizard.next()
    text = wizard.confirm.text.text()
    assert "已有本年数据" in text and "替换" in text and "备份" in text
    wizard.reject()


def test_current_year_json_lands_in_an_empty_file(
    qtbot: QtBot, empty_window: MainWindow, demo_path: Path, tmp_path: Path
) -> None:
    with Dataset.open(demo_path) as demo:
        doc = export_document(demo)
        expected = demo.get("G05.2010601.basic")
    source = tmp_path / "本年.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert empty_window.import_current_action.isEnabled()
    wizard = open_wizard(qtbot, empty_window, source, prior=False)
    assert wizard.preview is not None and wizard.preview.source.kind == "json"
    wizard.next()
    assert "已有本年数据" not in wizard.confirm.text.text()
    wizard.next()
    dataset = empty_window.session.dataset
    assert dataset.get("G05.2010601.basic") == expected
    assert wizard.summary is not None and "已导入" in wizard.result_page.report.toPlainText()


def test_a_workbook_of_the_wrong_year_is_shown_and_needs_confirmation(
    qtbot: QtBot, empty_window: MainWindow
) -> None:
    dataset = empty_window.session.dataset
    wizard = open_wizard(qtbot, empty_window, shared_workbook("xiqu-czj-2020.xlsx"), prior=True)
    status = wizard.preview_page.status.text()
    assert "文件为 2020 年度，应为 2019 年度" in status and "确认" in status
    tree = wizard.preview_page.tree
    assert tree.topLevelItem(0).text(0).startswith("与数据文件不一致")
    wizard.next()
    confirm = wizard.confirm
    assert confirm.confirm_mismatch.isVisibleTo(confirm) and not confirm.isComplete()
    assert not wizard.button(wizard.WizardButton.CommitButton).isEnabled()
    confirm.confirm_mismatch.setChecked(True)
    assert confirm.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.result_page
    assert dataset.has_prior and "已确认导入" in wizard.result_page.report.toPlainText()


def test_the_right_year_asks_nothing_more(qtbot: QtBot, empty_window: MainWindow) -> None:
    wizard = open_wizard(qtbot, empty_window, shared_workbook("xiqu-czj-2019.xlsx"), prior=True)
    assert "年度" not in wizard.preview_page.status.text()
    wizard.next()
    assert wizard.confirm.isComplete() and not wizard.confirm.confirm_mismatch.isVisibleTo(wizard.confirm)


def test_the_preview_lists_columns_not_read_and_codes_named_by_the_file(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    """A 上海 2024 workbook into this Sichuan 2020 dataset: 九's income and balance columns are
    listed as not read, and the 2024 codes the 2021 list lacks as taking the file's names."""
    from desktop.models.interchange import import_document
    from tests.shanghai_data import shanghai_doc
    from tests.shanghai_workbook import write_shanghai_workbook

    doc = shanghai_doc()
    extra = {"G09.2230101.income": "20.00", "G09.2230101.project": "18.00", "G04.inc_soc.amount": "20.00"}
    with Dataset.create(tmp_path / "sh.jsd", "上海", 2024, edition="shanghai-2024") as source:
        import_document(source, {**doc, "cells": {**doc["cells"], **extra}})
        workbook = write_shanghai_workbook(source, tmp_path / "sh.xlsx")
    wizard = open_wizard(qtbot, empty_window, workbook, prior=True)
    tree = wizard.preview_page.tree
    groups = {
        tree.topLevelItem(i).text(0).split("（")[0]: tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
    }
    misfits = groups["不属于本表的列"]
    assert sorted(misfits.child(i).text(3).split("：")[0] for i in range(misfits.childCount())) == [
        "年初结转和结余", "年末结转和结余", "本年收入",
    ]  # fmt: skip
    named = groups["科目表中没有、采用文件中名称的科目"]
    assert {named.child(i).text(0): named.child(i).text(3) for i in range(named.childCount())}[
        "20139"
    ] == "社会工作事务"
    assert "所有行均已识别" not in wizard.preview_page.status.text()
