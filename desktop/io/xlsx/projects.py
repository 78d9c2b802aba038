"""项目支出绩效自评表 (P01), one block per project in the national layout: 项目资金 rows ×
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, 年度总体目标 预期 ‖ 实际, the
indicators (一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因), 总分 and the
综述. Each block starts on a new printed page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.worksheet.pagebreak import Break

from desktop.forms.catalogue import Form
from desktop.io.xlsx import style as st
from desktop.io.xlsx.sheet import SheetWriter
from desktop.io.xlsx.stream import StreamedSheet
from desktop.models.dataset import Dataset
from desktop.models.snapshot import Indicator, Project
from desktop.money import round_half_up

_WIDTHS = (12.0, 16.0, 14.0, 20.0, 18.0, 18.0, 9.0, 9.0, 24.0)
_LAST = len(_WIDTHS)
_EXEC_WEIGHT = Decimal(10)
_FULL_MARKS = Decimal(100)
_DASH = "—"
_FUNDS_HEAD = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率")
_INDICATOR_HEAD = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
)  # fmt: skip
# 项目资金 lines: label and the project amounts under 年初预算数 | 全年预算数 | 全年执行数.
_FUND_LINES: tuple[tuple[str, str | None, str, str | None], ...] = (
    ("年度资金总额", "budget_initial", "budget", "actual"),
    ("其中：当年财政拨款", None, "budget_fiscal", "actual_fiscal"),
    ("上年结转资金", None, "carry_over", None),
    ("其他资金", None, "budget_other", "actual_other"),
)
_TEXT_HEIGHT = 48.0


@dataclass(frozen=True)
class ProjectBlock:
    """What one project's block shows besides the project itself."""

    project: Project
    department: str
    unit: str
    year: int
    exec_score: Decimal | None


def write_projects(ws: StreamedSheet, dataset: Dataset, form: Form) -> None:
    sheet = SheetWriter(ws, _WIDTHS)
    snapshot = dataset.snapshot()
    units = {u.id: u.name for u in snapshot.units}
    department = dataset.department
    row = 1
    breaks = []  # set once: RowBreak.append re-checks every break before it
    for index, project in enumerate(snapshot.projects):
        if index:
            breaks.append(Break(id=row - 1))
        block = ProjectBlock(
            project,
            department.name,
            units.get(project.unit, project.unit),
            department.year,
            dataset.number(f"P01.{project.id}.exec_score"),
        )
        row = _block(sheet, form.title, block, row) + 1
    ws.row_breaks.brk = breaks
    if not snapshot.projects:
        sheet.merge(1, 1, 1, _LAST, st.TITLE, form.title)
        sheet.note(2, "注：本单位本年度没有填报项目支出绩效自评表。")
    sheet.finish(freeze=None, title_rows=None, landscape=True)


def _pairs(sheet: SheetWriter, row: int, spans: Iterable[tuple[str, int, int, bool]]) -> None:
    """(text, first col, last col, is a label) spans along one row."""
    for text, first, last, label in spans:
        sheet.merge(row, first, row, last, st.HEAD if label else st.body("text"), text)


def _block(sheet: SheetWriter, title: str, block: ProjectBlock, row: int) -> int:
    """Write one project's block from `row`; return the last row written."""
    sheet.merge(row, 1, row, _LAST, st.TITLE, title)
    sheet.ws.row_dimensions[row].height = 28.0
    sheet.merge(row + 1, 1, row + 1, _LAST, st.META_CENTER, f"（{block.year}年度）")
    _pairs(sheet, row + 2, (("项目名称", 1, 2, True), (block.project.name, 3, _LAST, False)))
    owner = (("主管部门", 1, 2, True), (block.department, 3, 5, False))
    _pairs(sheet, row + 3, (*owner, ("实施单位", 6, 7, True), (block.unit, 8, _LAST, False)))
    row = _funds(sheet, block, row + 4)
    row = _goals(sheet, block.project, row)
    row = _indicators(sheet, block.project.indicators, row)
    return _totals(sheet, block, row)


def _funds(sheet: SheetWriter, block: ProjectBlock, row: int) -> int:
    last = row + len(_FUND_LINES)
    _column_label(sheet, row, last, "项目资金（万元）")
    heads = ("", *_FUNDS_HEAD)
    for col, text in enumerate(heads, start=2):
        sheet.put(row, col, text or None, st.HEAD)
    sheet.merge(row, 8, row, _LAST, st.HEAD, "得分")
    for offset, (label, initial, budget, actual) in enumerate(_FUND_LINES, start=1):
        _fund_line(sheet, block, row + offset, label, (initial, budget, actual), first=offset == 1)
    return last + 1


def _fund_line(
    sheet: SheetWriter, block: ProjectBlock, row: int, label: str, names: Sequence[str | None], *, first: bool
) -> None:
    amounts = block.project.amounts
    values = [amounts.get(name) if name else None for name in names]
    sheet.put(row, 2, label, st.body("name", first))
    for col, value in enumerate(values, start=3):
        sheet.amount(row, col, value, first)
    budget, actual = values[1], values[2]
    rate = round_half_up(actual / budget, 4) if budget and actual is not None else None
    sheet.put(row, 7, None if rate is None else float(rate), st.body("rate", first))
    if first:
        sheet.amount(row, 6, _EXEC_WEIGHT, True)
        sheet.merge(row, 8, row, _LAST, st.body("amount", True))
        sheet.amount(row, 8, block.exec_score, True)
    else:
        sheet.put(row, 6, _DASH, st.body("center"))
        sheet.merge(row, 8, row, _LAST, st.body("center"), _DASH)


def _column_label(sheet: SheetWriter, row: int, last: int, text: str) -> None:
    sheet.merge(row, 1, last, 1, st.HEAD, text)


def _goals(sheet: SheetWriter, project: Project, row: int) -> int:
    _column_label(sheet, row, row + 1, "年度总体目标")
    _pairs(sheet, row, (("预期目标", 2, 5, True), ("实际完成情况", 6, _LAST, True)))
    _pairs(sheet, row + 1, ((project.goal_expected, 2, 5, False), (project.goal_actual, 6, _LAST, False)))
    sheet.ws.row_dimensions[row + 1].height = _TEXT_HEIGHT
    return row + 2


def _indicators(sheet: SheetWriter, indicators: Sequence[Indicator], row: int) -> int:
    lines = list(indicators) or [Indicator()]
    _column_label(sheet, row, row + len(lines), "绩效指标")
    for col, text in enumerate(_INDICATOR_HEAD, start=2):
        sheet.put(row, col, text, st.HEAD)
    for offset, item in enumerate(lines, start=1):
        texts = (item.level1, item.level2, item.name, item.expected, item.actual_value)
        for col, text in enumerate(texts, start=2):
            sheet.put(row + offset, col, text or None, st.body("text"))
        sheet.amount(row + offset, 7, item.weight)
        sheet.amount(row + offset, 8, item.score)
        sheet.put(row + offset, 9, item.reason or None, st.body("text"))
    _merge_runs(sheet, [i.level1 for i in lines], row + 1, 2)
    _merge_runs(sheet, [i.level2 for i in lines], row + 1, 3)
    return row + len(lines) + 1


def _merge_runs(sheet: SheetWriter, values: list[str], first: int, col: int) -> None:
    """Merge runs of the same 一级/二级 text down a column, as the printed table does."""
    start = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            if index - start > 1 and values[start]:
                sheet.merge(first + start, col, first + index - 1, col, st.body("text"), values[start])
            start = index


def _totals(sheet: SheetWriter, block: ProjectBlock, row: int) -> int:
    """总分 (10 for 预算执行 + the indicator weights; 100 when weights are blank), the score
    when indicators are scored, the stated grade; then the 综述."""
    indicators = block.project.indicators
    weights = [i.weight for i in indicators if i.weight is not None]
    scores = [i.score for i in indicators if i.score is not None]
    weight = _EXEC_WEIGHT + sum(weights, Decimal(0)) if weights else _FULL_MARKS
    score = (block.exec_score or Decimal(0)) + sum(scores, Decimal(0)) if scores else None
    sheet.merge(row, 1, row, 6, st.HEAD, "总分")
    sheet.amount(row, 7, weight, True)
    sheet.amount(row, 8, score, True)
    grade = block.project.grade
    sheet.put(row, 9, f"自评等级：{grade}" if grade else None, st.body("name", True))
    _pairs(sheet, row + 1, (("绩效完成情况综述", 1, 2, True), (block.project.summary, 3, _LAST, False)))
    sheet.ws.row_dimensions[row + 1].height = _TEXT_HEIGHT
    return row + 1
