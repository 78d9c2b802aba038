"""Findings lead to their cells; the code picker adds 项 rows under their parents."""

from __future__ import annotations

import pytest

from desktop.forms.edition import load_edition
from desktop.rules.finding import Finding
from desktop.ui import classified_page
from desktop.ui.code_picker import CodePicker
from desktop.ui.findings_panel import FINDING_ROLE
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import Qt, QTreeWidgetItem
from tests.ui.helpers import page


def finding_item(window: MainWindow, rule: str) -> QTreeWidgetItem:
    tree = window.workspace.findings.tree
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        for j in range(head.childCount()):
            item = head.child(j)
            finding = item.data(0, FINDING_ROLE)
            if isinstance(finding, Finding) and finding.rule == rule:
                return item
    raise AssertionError(f"no finding {rule}")


def test_clicking_a_finding_selects_its_cells_on_another_form(qtbot, window: MainWindow) -> None:
    page(window, "G05")
    item = finding_item(window, "X01.admin_cost_vs_public")
    tree = window.workspace.findings.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert window.workspace.step == "X01"
    x01 = window.workspace.current_page()
    assert x01.current_cell() == "X01.admin_cost.value"
    assert x01.model.highlight == {"X01.admin_cost.value", "G06.public_total.amount"}
    g06 = page(window, "G06")  # the other involved cell is marked there too
    assert "G06.public_total.amount" in g06.model.highlight


def test_a_finding_that_needs_a_reason_offers_the_text_box(qtbot, window: MainWindow) -> None:
    panel = window.workspace.findings
    item = finding_item(window, "yoy.total")
    panel.tree.setCurrentItem(item)
    assert panel.reason.isVisibleTo(panel)
    assert panel.reason.toPlainText() == window.session.dataset.text("reason.total_change")
    panel.reason.setPlainText("因人员减少，支出相应减少。")
    qtbot.mouseClick(panel.save_reason, Qt.MouseButton.LeftButton)
    assert window.session.dataset.text("reason.total_change") == "因人员减少，支出相应减少。"


def test_the_scope_switch_shows_only_this_forms_findings(window: MainWindow) -> None:
    page(window, "G07")
    panel = window.workspace.findings
    panel.scope_form.click()
    assert {f.form for f in panel.shown()} == {"G07"}
    panel.scope_all.click()
    assert len(panel.shown()) == len(window.session.findings)


def test_code_picker_finds_by_code_name_and_pinyin_and_shows_the_path(qtbot) -> None:
    sichuan = load_edition("sichuan-2020")
    picker = CodePicker(sichuan.catalogue.form("G05"), sichuan.codes.functional, ["2010601"])
    qtbot.addWidget(picker)
    picker.search.setText("xzyx")
    first = picker.results.item(0).text()
    assert "行政运行" in first
    picker.search.setText("2070101")
    assert picker.chosen() == "2070101"
    assert picker.path.text().count("›") == 2 and picker.path.text().startswith("207 ")
    picker.search.setText("2010601")
    assert picker.chosen() is None  # already in the table


def test_adding_a_code_inserts_the_item_under_its_parents(window: MainWindow) -> None:
    g05 = page(window, "G05")
    assert g05.add_code("2070101")
    codes = [row[0].text for row in g05.model.layout.rows]
    at = codes.index("207")
    assert codes[at : at + 3] == ["207", "20701", "2070101"]
    assert codes[at - 1].startswith("206") or codes[at - 1].startswith("205")
    assert g05.current_cell() == "G05.2070101.basic"
    assert "207" in [row[2].text for row in page(window, "G04").model.layout.rows]


def test_removing_a_row_with_figures_asks_first(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    g05 = page(window, "G05")
    asked: list[str] = []

    def answer(_parent: object, row: str, _filled: int) -> bool:
        asked.append(row)
        return len(asked) > 1

    monkeypatch.setattr(classified_page, "confirm_removal", answer)
    g05.view.select_cells(["G05.2010606.basic"])
    g05.remove_current()
    assert "2010606" in window.session.dataset.rows("G05")
    g05.view.select_cells(["G05.2010606.basic"])
    g05.remove_current()
    assert "2010606" not in window.session.dataset.rows("G05") and asked == ["2010606", "2010606"]
    window.undo_action.trigger()
    assert "2010606" in window.session.dataset.rows("G05")


def test_an_empty_row_goes_without_a_question(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    g05 = page(window, "G05")
    monkeypatch.setattr(classified_page, "confirm_removal", lambda *_: pytest.fail("asked"))
    g05.add_code("2070101")
    g05.remove_current()
    assert "2070101" not in window.session.dataset.rows("G05")


def test_code_picker_works_from_the_keyboard(qtbot) -> None:
    sichuan = load_edition("sichuan-2020")
    picker = CodePicker(sichuan.catalogue.form("G06"), sichuan.codes.economic, [])
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.search, "bgf")  # 办公费 by pinyin initials; 款 level in 公开06表
    assert picker.chosen() == "30201"
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.results.currentRow() in (0, 1)
    picker.results.setCurrentRow(0)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.result() == CodePicker.DialogCode.Accepted and picker.chosen() == "30201"
