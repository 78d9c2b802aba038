"""The window of a department entered unit by unit: the unit switcher (the department's total
read-only, each unit editable), findings that name their units, the 单位汇总 page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from desktop.ui.main_window import MainWindow
from desktop.ui.navigator import BADGE_COLOURS, BADGE_ROLE
from desktop.ui.qt import QComboBox, QLabel, Qt
from desktop.ui.unit_switcher import UnitSwitcher
from tests.conftest import shared_path
from tests.org_unit_split import split_sample
from tests.ui.conftest import Errors, make_window
from tests.ui.helpers import index_of, open_editor, page, shown, tree_items

CELL = "G03.2010601.basic"


@pytest.fixture
def units_path(tmp_path: Path) -> Path:
    import json

    doc = json.loads(shared_path("datasets", "xiqu-czj-2020.json").read_text(encoding="utf-8"))
    path = tmp_path / "units.jsd"
    with Dataset.create(path, doc["department"]["name"], 2020) as data:
        import_document(data, split_sample(doc, data.catalogue))
    return path


@pytest.fixture
def units_window(qtbot: QtBot, units_path: Path, errors: Errors) -> MainWindow:
    return make_window(qtbot, units_path, errors)


def switcher(window: MainWindow) -> QComboBox:
    found = window.toolbar.findChild(UnitSwitcher)
    assert isinstance(found, UnitSwitcher)
    return found.combo


def navigator_badge(window: MainWindow, step: str) -> Any:
    navigator = window.workspace.navigator
    return tuple(navigator.item(navigator.steps().index(step)).data(BADGE_ROLE))


def choose(window: MainWindow, unit_id: str | None) -> None:
    combo = switcher(window)
    combo.setCurrentIndex(combo.findData(unit_id))


def test_the_switcher_lists_the_total_and_each_unit(units_window: MainWindow) -> None:
    combo = switcher(units_window)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "部门合计（各单位之和，只读）"
    assert texts[1].startswith("本级：攀枝花市西区财政局 501001")
    assert texts[2] == "二级单位：攀枝花市西区财政监督检查局 501002（参照公务员法管理事业单位）"
    assert len(texts) == 4


def test_a_unit_is_shown_and_edited_and_the_total_follows(qtbot: QtBot, units_window: MainWindow) -> None:
    g03 = page(units_window, "G03")
    dataset = units_window.session.dataset
    assert shown(g03.model, CELL) == "306.29"
    assert not g03.model.flags(index_of(g03.model, CELL)) & Qt.ItemFlag.ItemIsEditable  # the total
    choose(units_window, "u2")
    before = dataset.unit_number("u2", CELL)
    assert shown(g03.model, CELL) == f"{before:,.2f}"
    assert "攀枝花市西区财政监督检查局" in g03.prepared_by_label.text()
    editor = open_editor(g03, CELL)
    editor.setText("80.00")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert dataset.unit_number("u2", CELL) == Decimal("80.00")
    assert dataset.number(CELL) == Decimal("306.29") - before + Decimal("80.00")
    choose(units_window, None)
    assert shown(g03.model, CELL) == f"{dataset.number(CELL):,.2f}"
    assert "（部门合计）" in g03.prepared_by_label.text()


def test_the_department_total_refuses_typing(qtbot: QtBot, units_window: MainWindow) -> None:
    assert not units_window.session.edit({CELL: "1"})
    assert "部门合计只读" in units_window.statusBar().currentMessage()
    assert units_window.session.dataset.number(CELL) == Decimal("306.29")


def test_an_unmatched_pair_is_a_finding_naming_both_units(qtbot: QtBot, units_window: MainWindow) -> None:
    choose(units_window, "u3")
    g02 = page(units_window, "G02")
    editor = open_editor(g02, "G02.2010601.superior")
    editor.setText("2.00")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    texts = [item.text(0) for item in tree_items(units_window.workspace.findings.tree)]
    (message,) = [t for t in texts if "内部往来未对上" in t]
    assert "攀枝花市西区财政局" in message and "“攀枝花市西区财政国库支付中心” 2.00" in message
    assert "30.00" in message and "差 10.00" in message
    dataset = units_window.session.dataset
    own = sum(f.severity == "error" for u in dataset.units for f in dataset.unit_findings(u.id))
    assert own == 7  # the split sample's units keep rounded shares: a few cents off in each
    assert navigator_badge(units_window, "org_units") == (str(1 + own), BADGE_COLOURS["error"])
    units_window.undo()
    texts = [item.text(0) for item in tree_items(units_window.workspace.findings.tree)]
    assert not [t for t in texts if "内部往来未对上" in t]
    assert navigator_badge(units_window, "org_units") == (str(own), BADGE_COLOURS["error"])


def test_the_summary_page_lists_each_unit_with_its_totals(units_window: MainWindow) -> None:
    summary: Any = page(units_window, "org_units")
    titles = [t.objectName() for t in summary.tables]
    assert titles == ["各单位主要数据", "所属单位收入情况", "所属单位各项支出分布情况"]
    spending = summary.tables[2]
    names = [spending.item(r, 0).text() for r in range(spending.rowCount())]
    units = ["攀枝花市西区财政局", "攀枝花市西区财政监督检查局", "攀枝花市西区财政国库支付中心"]
    assert names == [*units, "内部抵销", "部门合计"]
    assert [spending.item(r, 3).text() for r in range(3)] == ["本级", "二级单位", "二级单位"]
    headers = [spending.horizontalHeaderItem(c).text() for c in range(spending.columnCount())]
    offsets = 3
    to_affiliated = headers.index("对附属单位补助支出")
    assert spending.item(0, to_affiliated).text() == "30.00"
    assert spending.item(offsets, to_affiliated).text() == "-30.00"
    assert spending.item(offsets + 1, headers.index("本年支出合计")).text() == "1,199.53"


def test_choosing_a_unit_of_a_department_entered_as_a_whole_says_what_happens(
    qtbot: QtBot, window: MainWindow
) -> None:
    dataset = window.session.dataset
    assert not dataset.by_org_unit and switcher(window).itemText(0) == "部门（整体填报）"
    choose(window, "u2")
    assert "尚未按单位填报" in window.statusBar().currentMessage()
    assert shown(page(window, "G03").model, CELL) == ""  # the 二级单位 has no figures yet
    choose(window, "u1")
    assert shown(page(window, "G03").model, CELL) == "306.29"  # 本级's are the department's


def test_a_one_unit_department_has_no_switcher(qtbot: QtBot, tmp_path: Path, errors: Errors) -> None:
    Dataset.create(tmp_path / "one.jsd", "测试单位", 2020).close()
    window = make_window(qtbot, tmp_path / "one.jsd", errors)
    assert window.toolbar.findChild(UnitSwitcher) is None
    assert "org_units" not in window.workspace.navigator.steps()


def test_the_import_wizard_fills_the_unit_chosen(qtbot: QtBot, units_window: MainWindow) -> None:
    choose(units_window, "u1")
    wizard = units_window.import_wizard(prior=False)
    assert wizard is not None
    qtbot.addWidget(wizard)
    target = wizard.choose.target
    assert target is not None
    assert [target.itemData(i) for i in range(target.count())] == ["501001", "501002", "501003"]
    assert target.currentData() == "501001"  # the unit shown in the window
    wizard.show()
    wizard.choose.path.setText(str(shared_path("workbooks", "xiqu-czj-2020.xlsx")))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview is not None or bool(wizard.error), timeout=20000)
    assert wizard.preview is not None, wizard.error
    wizard.next()
    assert "已有本年数据" in wizard.confirm.text.text()
    assert "导入到：本级：攀枝花市西区财政局 501001" in wizard.confirm.text.text()
    wizard.next()  # 导入
    dataset = units_window.session.dataset
    assert wizard.summary is not None and dataset.unit_number("u1", CELL) == Decimal("306.29")
    others = dataset.unit_number("u2", CELL) + dataset.unit_number("u3", CELL)
    assert dataset.number(CELL) == Decimal("306.29") + others
    assert shown(page(units_window, "G03").model, CELL) == "306.29"  # the window shows 本级


def test_a_dataset_entered_by_unit_offers_no_department_entry(qtbot: QtBot, units_window: MainWindow) -> None:
    wizard = units_window.import_wizard(prior=True)
    assert wizard is not None
    qtbot.addWidget(wizard)
    assert wizard.choose.target is not None and wizard.choose.target.findData(None) == -1


def test_the_summary_page_lists_each_units_own_findings_and_shows_one(
    qtbot: QtBot, units_window: MainWindow
) -> None:
    from desktop.ui.unit_findings_table import UnitFindingsTable

    summary: Any = page(units_window, "org_units")
    table = summary.findChild(UnitFindingsTable)
    assert isinstance(table, UnitFindingsTable)
    dataset = units_window.session.dataset
    expected = [(u.name, f.message) for u in dataset.units for f in dataset.unit_findings(u.id)]
    assert [
        (table.item(r, 0).text(), table.item(r, 0).toolTip()) for r in range(table.rowCount())
    ] == expected
    row = next(
        r for r, (unit, f) in enumerate(table.lines) if unit.id == "u2" and f.rule == "G05.basic_vs_G06"
    )
    assert table.item(row, 1).text() == "错误" and "基本支出" in table.item(row, 2).text()
    table.itemActivated.emit(table.item(row, 2))
    assert units_window.session.org_unit_id == "u2"
    assert switcher(units_window).currentData() == "u2"
    assert units_window.workspace.step == "G05"
    assert units_window.workspace.pages["G05"].current_cell() == "G05.total.basic"


def test_units_without_findings_of_their_own_say_so(qtbot: QtBot, tmp_path: Path, errors: Errors) -> None:
    from tests.unit.test_org_units import three_units

    with three_units(tmp_path) as data:
        data.unit_set("u2", "F00.staff_actual_admin.value", "3")
        assert data.by_org_unit and not any(data.unit_findings(u.id) for u in data.units)
    window = make_window(qtbot, tmp_path / "d.jsd", errors)
    labels = [label.text() for label in page(window, "org_units").findChildren(QLabel)]
    assert "各单位自身的各表均未发现问题。" in labels
    assert "监督检查局：错误 0 个，警告 0 个" in "".join(labels)
    assert navigator_badge(window, "org_units") == ()


def test_a_unit_shown_lists_its_own_findings_live(qtbot: QtBot, units_window: MainWindow) -> None:
    def listed() -> list[str]:
        return [item.text(0) for item in tree_items(units_window.workspace.findings.tree)]

    rule_text = "一般公共预算财政拨款支出决算表 基本支出"
    assert not [t for t in listed() if t.startswith("攀枝花市西区财政监督检查局：")]  # the department's
    choose(units_window, "u2")
    [own] = [t for t in listed() if rule_text in t]
    assert own.startswith("攀枝花市西区财政监督检查局：") and "188.94" in own
    assert all(not t.startswith("攀枝花市西区财政国库支付中心：") for t in listed())
    assert navigator_badge(units_window, "G05") == ("1", BADGE_COLOURS["error"])
    assert units_window.session.by_cell.get("G06.total.amount")  # the grid marks its cells
    dataset = units_window.session.dataset
    salaries = dataset.unit_number("u2", "G06.30101.amount")
    assert salaries is not None
    g06 = page(units_window, "G06")
    editor = open_editor(g06, "G06.30101.amount")
    editor.setText(str(salaries + Decimal("0.06")))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not [t for t in listed() if rule_text in t]  # fixed in the unit: gone at once
    assert not units_window.session.by_cell.get("G06.total.amount")
    units_window.undo()
    assert [t for t in listed() if rule_text in t]
    choose(units_window, None)
    assert not [t for t in listed() if t.startswith("攀枝花市西区财政监督检查局：")]
