"""绩效自评 pages: P01 per project (funds, indicators, suggested scores, reordering) and the P02
scoring sheet, driven through the real main window on the demo dataset."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from desktop.actions import project_rows
from desktop.models import projects
from desktop.perf.templates import TEMPLATES
from desktop.ui import perf_indicators
from desktop.ui.main_window import MainWindow
from desktop.ui.perf_grid import PerfGridView
from desktop.ui.qt import QApplication, QLineEdit, Qt
from tests.conftest import shared_path
from tests.ui.helpers import index_of, page, shown

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def editor_of(view: PerfGridView) -> QLineEdit:
    view.edit(view.currentIndex())
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit)
    return editor


def type_digits(qtbot, view: PerfGridView, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """ASCII goes in as key clicks: the first key opens the editor."""
    qtbot.keyClick(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)


def type_chinese(qtbot, view: PerfGridView, text: str, key: Qt.Key = Qt.Key.Key_Tab) -> None:
    """Chinese is set as editor text (key clicks of Chinese abort Qt), then Tab/Enter."""
    editor = editor_of(view)
    editor.setText(text)
    qtbot.keyClick(editor, key)


def set_cells(window: MainWindow, values: dict[str, str | None]) -> None:
    assert window.session is not None
    assert window.session.edit(values, label="测试")


def rules(window: MainWindow) -> set[str]:
    assert window.session is not None
    return {f.rule for f in window.session.findings}


def choose_finding(window: MainWindow, rule: str) -> None:
    assert window.workspace is not None and window.session is not None
    finding = next(f for f in window.session.findings if f.rule == rule)
    window.workspace.findings.select(finding)


def test_a_project_and_two_indicators_from_the_keyboard(qtbot, window: MainWindow) -> None:
    p01 = page(window, "P01")
    dataset = window.session.dataset
    p01.focus_main()
    qtbot.keyClick(p01.fields_view, Qt.Key.Key_N, CTRL | SHIFT)  # 添加项目
    pid = projects.project_ids(dataset)[-1]
    assert p01.project == pid and len(projects.project_ids(dataset)) == 8
    p01.editor.name.setText("信息化运维")
    qtbot.keyClick(p01.editor.name, Qt.Key.Key_Return)
    assert dataset.get(f"P01.{pid}.name") == "信息化运维"
    assert p01.list.currentItem().text() == "信息化运维"
    view = p01.fields_view
    view.setFocus()
    view.select_cells([f"P01.{pid}.budget"])
    for text in ("30", "0", "25", "5"):  # 全年预算数, 上年结转, 财政拨款, 其他资金: Enter goes down
        type_digits(qtbot, view, text)
    assert dataset.get(f"P01.{pid}.budget_other") == Decimal("5")
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # → 全年执行数 其他资金, the last cell
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # past the last cell: on to the goal boxes
    goal = p01.editor.goal_boxes[0]
    assert goal.hasFocus()
    goal.setPlainText("保障系统稳定运行")
    qtbot.keyClick(goal, Qt.Key.Key_Tab)  # leaving the box saves it
    assert dataset.get(f"P01.{pid}.goal_expected") == "保障系统稳定运行"
    qtbot.keyClick(p01.editor.goal_boxes[1], Qt.Key.Key_Insert)  # 添加指标, from any field
    ind = p01.indicators_view
    assert ind.hasFocus() and p01.current_cell() == f"P01.{pid}.i1.level1"
    for text in ("产出指标", "数量指标", "运维次数", "≥12次", "12次"):
        type_chinese(qtbot, ind, text)
    type_digits(qtbot, ind, "50", Qt.Key.Key_Tab)
    type_digits(qtbot, ind, "50", Qt.Key.Key_Tab)
    qtbot.keyClick(ind, Qt.Key.Key_Insert)  # below, in the same 一级 and 二级: typing starts at 三级
    rows = projects.indicator_ids(dataset, pid)
    assert len(rows) == 2 and p01.current_cell() == f"P01.{rows[1]}.name"
    for text in ("巡检报告", "4份", "4份"):
        type_chinese(qtbot, ind, text)
    type_digits(qtbot, ind, "40", Qt.Key.Key_Tab)
    type_digits(qtbot, ind, "40", Qt.Key.Key_Tab)
    assert dataset.get(f"P01.{rows[1]}.level1") == "产出指标"
    assert dataset.get(f"P01.{rows[1]}.score") == Decimal("40")
    assert ind.rowSpan(0, 0) == 2  # 一级 merged over both indicators
    footer = p01.editor.table.footer_model
    texts = [footer.data(footer.index(0, c)) for c in range(footer.columnCount())]
    assert "100.00" in texts and "优" in texts[-1]  # 10 + 50 + 40; 50 + 40 + 预算执行 10


def test_budget_parts_finding_appears_and_takes_the_window_to_the_budget(qtbot, window: MainWindow) -> None:
    p01 = page(window, "P01")
    view = p01.fields_view
    view.setFocus()
    view.select_cells(["P01.p1.budget_other"])
    type_digits(qtbot, view, "5")
    assert "P01.budget_parts" in rules(window)
    panel = window.workspace.findings
    panel.set_form("P01")
    assert any("全年预算数" in f.message for f in panel.shown() if f.rule == "P01.budget_parts")
    page(window, "G01")
    choose_finding(window, "P01.budget_parts")
    assert window.workspace.step == "P01" and p01.project == "p1"
    assert p01.current_cell() == "P01.p1.budget"
    type_digits(qtbot, view, "30.79")  # budget = 25.79 + 5 again
    assert "P01.budget_parts" not in rules(window)


def test_a_score_above_its_weight_is_an_error_shown_on_the_score(qtbot, window: MainWindow) -> None:
    p01 = page(window, "P01")
    p01.list.setCurrentRow(1)
    assert p01.project == "p2"
    ind = p01.indicators_view
    ind.setFocus()
    ind.select_cells(["P01.p2.i1.weight"])
    type_digits(qtbot, ind, "10", Qt.Key.Key_Tab)
    type_digits(qtbot, ind, "12", Qt.Key.Key_Tab)
    assert "P01.score_within_weight" in rules(window)
    p01.list.setCurrentRow(0)
    choose_finding(window, "P01.score_within_weight")
    assert p01.project == "p2"
    assert ind.currentIndex() == index_of(p01.indicators, "P01.p2.i1.score")


def test_the_suggested_score_is_shown_explained_and_accepted(qtbot, window: MainWindow) -> None:
    p01 = page(window, "P01")
    cell = "P01.p1.i1."
    set_cells(window, {cell + "expected": "召开培训4期", cell + "actual_value": "2期", cell + "weight": "20"})
    model = p01.indicators
    table = p01.editor.table
    at = index_of(model, cell + "score")
    suggest = model.index(at.row(), at.column() + 1)
    assert model.data(suggest) == "10.00"
    assert "未达到目标" in model.data(suggest, Qt.ItemDataRole.ToolTipRole)
    p01.indicators_view.setFocus()
    p01.indicators_view.select_cells([cell + "name"])
    qtbot.keyClick(p01.indicators_view, Qt.Key.Key_J, CTRL)
    assert window.session.dataset.get(cell + "score") == Decimal("10")
    # 10 < 20: the reason is owed, the cell is marked and the issue listed under the table
    reason = index_of(model, cell + "reason")
    assert model.data(reason, Qt.ItemDataRole.BackgroundRole).color() == perf_indicators.REASON_BACKGROUND
    issues = [table.issues.item(i).text() for i in range(table.issues.count())]
    assert any("偏差原因" in text for text in issues)


def test_moving_an_indicator_is_one_undo_step(qtbot, window: MainWindow) -> None:
    p01 = page(window, "P01")
    dataset = window.session.dataset
    before = project_rows.indicator_contents(dataset, "p1")
    ind = p01.indicators_view
    ind.setFocus()
    ind.select_cells(["P01.p1.i2.name"])
    qtbot.keyClick(ind, Qt.Key.Key_Up, ALT)
    after = project_rows.indicator_contents(dataset, "p1")
    assert after[0] == before[1] and after[1] == before[0] and after[2:] == before[2:]
    assert p01.current_cell() == "P01.p1.i1.name"  # the cursor moved with the indicator
    window.undo()
    assert project_rows.indicator_contents(dataset, "p1") == before


def test_typing_a_merged_level1_renames_the_whole_group(window: MainWindow) -> None:
    p01 = page(window, "P01")
    dataset = window.session.dataset
    ind = p01.indicators_view
    assert ind.rowSpan(0, 0) == 4  # 项目完成 over 数量 / 质量 / 时效 / 成本
    assert p01.indicators.setData(index_of(p01.indicators, "P01.p1.i1.level1"), "产出指标")
    assert [dataset.get(f"P01.p1.i{k}.level1") for k in range(1, 6)] == ["产出指标"] * 4 + ["项目效益"]
    assert ind.rowSpan(0, 0) == 4
    window.undo()
    assert dataset.get("P01.p1.i4.level1") == "项目完成"


def test_moving_a_project_keeps_it_selected_and_undoes_at_once(window: MainWindow) -> None:
    p01 = page(window, "P01")
    dataset = window.session.dataset
    names = [dataset.get(f"P01.{p}.name") for p in projects.project_ids(dataset)]
    p01.list.setCurrentRow(5)
    assert p01.move_project(1)
    assert p01.list.currentRow() == 6 and p01.editor.name.text() == names[5]
    assert dataset.get("P01.p6.name") == names[6]
    window.undo()
    assert [dataset.get(f"P01.{p}.name") for p in projects.project_ids(dataset)] == names


def test_removing_an_indicator_asks_when_it_holds_figures(qtbot, window: MainWindow, monkeypatch) -> None:
    p01 = page(window, "P01")
    dataset = window.session.dataset
    answers: list[bool] = []
    monkeypatch.setattr(perf_indicators, "confirm_removal", lambda *_a: answers.append(True) or False)
    ind = p01.indicators_view
    ind.setFocus()
    ind.select_cells(["P01.p1.i1.name"])
    qtbot.keyClick(ind, Qt.Key.Key_Delete, CTRL)
    assert answers and len(projects.indicator_ids(dataset, "p1")) == 7  # refused: nothing removed
    monkeypatch.setattr(perf_indicators, "confirm_removal", lambda *_a: True)
    qtbot.keyClick(ind, Qt.Key.Key_Delete, CTRL)
    assert len(projects.indicator_ids(dataset, "p1")) == 6


def test_a_template_joins_its_group_as_the_project_spells_it(window: MainWindow) -> None:
    p01 = page(window, "P01")
    dataset = window.session.dataset
    assert p01.editor.table.add_template(TEMPLATES[0])  # 产出指标 · 数量指标
    contents = project_rows.indicator_contents(dataset, "p1")
    assert contents[4]["level1"] == "项目完成" and contents[4]["level2"] == "数量指标"
    assert p01.current_cell() == "P01.p1.i5.name"


def test_a_project_list_is_imported_from_excel(window: MainWindow, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目名称", "全年预算数", "全年执行数"])
    sheet.append(["档案数字化", 12.5, 12])
    sheet.append(["合计", 12.5, 12])
    path = tmp_path / "projects.xlsx"
    book.save(path)
    p01 = page(window, "P01")
    dataset = window.session.dataset
    assert p01.import_file(path)
    assert p01.list.count() == 8 and dataset.get("P01.p8.name") == "档案数字化"
    refusals: list[str] = []
    window.session.refused.connect(refusals.append)
    (tmp_path / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    assert not p01.import_file(tmp_path / "notes.xlsx")
    assert refusals and "Excel" in refusals[0] and p01.list.count() == 8


def test_weights_and_the_stated_grade_are_checked_and_found(qtbot, window: MainWindow) -> None:
    p01 = page(window, "P01")
    cells = {f"P01.p1.i{k}.weight": "10" for k in range(1, 8)}
    cells |= {f"P01.p1.i{k}.score": "10" for k in range(1, 8)}
    set_cells(window, cells)
    assert "P01.weights_total" in rules(window)  # 70 + 10 ≠ 100
    table = p01.editor.table
    table.grade.setCurrentIndex(table.grade.findData("优"))
    table.grade.activated.emit(table.grade.currentIndex())
    assert window.session.dataset.get("P01.p1.grade") == "优"
    assert "P01.grade" in rules(window)  # 70 + 9.5 = 79.5 is 中
    assert "79.5" in table.computed_grade.text() and "中" in table.computed_grade.text()
    page(window, "G01")
    choose_finding(window, "P01.grade")
    assert window.workspace.step == "P01"
    assert table.grade.hasFocus() or QApplication.focusWidget() is table.grade
    choose_finding(window, "P01.weights_total")
    assert p01.current_cell() == "P01.p1.i1.weight"


def test_p02_with_the_shared_scores_totals_100_and_grade_you(window: MainWindow) -> None:
    path = shared_path("perf-tree", "dongchuan-czj-2020-scores.json")
    values = json.loads(path.read_text(encoding="utf-8"))["scores"]["values"]
    tree = json.loads(shared_path("perf-tree", "dongchuan-czj-2020.json").read_text(encoding="utf-8"))
    p02 = page(window, "P02")
    assert window.session.run(lambda: window.session.dataset.load_perf_tree(tree))  # report 001's own tree
    set_cells(window, {f"P02.{code}.score": str(v) for code, v in values.items()})
    assert "100" in p02.summary.text() and "优" in p02.summary.text()
    assert shown(p02.model, "P02.total.score") == "100.00"
    assert "41 / 41" in p02.levels.text()


def test_p02_suggestions_are_accepted_and_over_weight_scores_found(qtbot, window: MainWindow) -> None:
    p02 = page(window, "P02")
    dataset = window.session.dataset
    assert p02.suggestions, "the demo's figures support some suggested scores"
    code, found = next(iter(p02.suggestions.items()))
    p02.view.setFocus()
    p02.view.select_cells([f"P02.{code}.score"])
    assert found.explanation in p02.suggestion.text()
    qtbot.keyClick(p02.view, Qt.Key.Key_J, CTRL)
    assert dataset.number(f"P02.{code}.score") == found.score
    set_cells(window, {"P02.A11.score": "3"})  # 分值 2
    assert "P02.score_within_weight" in rules(window)
    assert any("A11" in p02.findings.item(i).text() for i in range(p02.findings.count()))
    page(window, "P01")
    choose_finding(window, "P02.score_within_weight")
    assert window.workspace.step == "P02" and p02.current_cell() == "P02.A11.score"
    assert "指标解释" in p02.detail.text()


def test_a_hidden_page_catches_up_when_shown(window: MainWindow) -> None:
    p01 = page(window, "P01")
    page(window, "G05")
    set_cells(window, {"P01.p1.i1.weight": "20", "P01.p1.i1.score": "15"})
    assert p01.editor.table.stale
    page(window, "P01")
    footer = p01.editor.table.footer_model
    assert "30.00" in [footer.data(footer.index(0, c)) for c in range(footer.columnCount())]


def test_removing_a_project_asks_and_undo_brings_it_back(window: MainWindow, monkeypatch) -> None:
    p01 = page(window, "P01")
    dataset = window.session.dataset
    monkeypatch.setattr("desktop.ui.projects_page.confirm_removal", lambda *_a: False)
    assert not p01.remove_project() and len(projects.project_ids(dataset)) == 7
    monkeypatch.setattr("desktop.ui.projects_page.confirm_removal", lambda *_a: True)
    assert p01.remove_project()
    assert "p1" not in projects.project_ids(dataset) and p01.project == "p2"
    window.undo()
    assert "p1" in projects.project_ids(dataset) and len(projects.indicator_ids(dataset, "p1")) == 7


def test_p02_scores_are_typed_down_the_sheet_skipping_the_subtotals(qtbot, window: MainWindow) -> None:
    p02 = page(window, "P02")
    p02.focus_main()
    assert p02.current_cell() == "P02.A11.score"
    for text in ("2", "2", "2", "3", "3"):  # A11 … A15, then Enter skips the A2 subtotal
        type_digits(qtbot, p02.view, text)
    assert p02.current_cell() == "P02.A21.score"
    assert shown(p02.model, "P02.A1.score") == "12.00"
    assert "A 部门决策：12 / 35" in p02.levels.text()
