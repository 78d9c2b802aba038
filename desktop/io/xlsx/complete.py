"""The sheets after the official ones, so that the workbook carries everything the dataset holds
and reads back to the same dataset (desktop.io.xlsx.readback):

- 单位构成: each unit with its kind and 单位代码;
- 各单位数据 (a department entered unit by unit): each unit's own input cells, like 全部数据;
- 文字材料: every text (named as the report prints it) with its key;
- 全部数据: every input cell of both years, named by table, row and column, its value exact (as
  text: no float rounding), with its cell id — the nine tables, the facts of 单位基本情况 and
  其他重要事项, the 预算数 column, each project and indicator, the scores;
- 关于本工作簿: what the file is, the edition and the department, subject names imported workbooks
  gave, the department's 整体绩效评价 indicator tree (as the interchange document holds it) and
  keys of the interchange document this program does not know.

Each sheet has a title, a line saying what it is, a header row and one line per entry (a value
longer than a cell holds continues on the next lines). Control characters XML cannot hold are
left out of texts; everything else reads back exactly."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime

from openpyxl import Workbook

from desktop import __version__
from desktop.forms.calc import Calculator
from desktop.forms.names import row_name
from desktop.io.xlsx import style as st
from desktop.io.xlsx.sheet import SheetWriter
from desktop.io.xlsx.stream import new_sheet
from desktop.models.dataset import Dataset
from desktop.models.interchange import EXTRA_PREFIX
from desktop.models.snapshot import Project, Snapshot
from desktop.models.values import stored_text
from desktop.narrative.texts import printed_texts

FORMAT = "juesuan-workbook"
VERSION = 1
UNITS, TEXTS, DATA, ABOUT = "单位构成", "文字材料", "全部数据", "关于本工作簿"
UNIT_DATA = "各单位数据"  # a department entered unit by unit: each unit's own input cells
HEADERS = {
    UNITS: ("序号", "单位名称", "单位性质", "编号", "单位代码"),
    UNIT_DATA: ("单位编号", "年度", "表", "行", "栏", "数值", "单元格"),
    TEXTS: ("文字", "内容", "键"),
    DATA: ("年度", "表", "行", "栏", "数值", "单元格"),
    ABOUT: ("项目", "内容", "键"),
}
WIDTHS = {
    UNITS: (8, 40, 28, 10, 14),
    UNIT_DATA: (10, 8, 30, 40, 20, 18, 30),
    TEXTS: (36, 90, 30),
    DATA: (8, 30, 40, 20, 18, 30),
    ABOUT: (24, 60, 30),
}
NOTES = {
    UNITS: "纳入本部门决算的单位（本级与二级单位）。",
    TEXTS: "公开文本中由单位填写的各段文字，以及情况说明中修改过的各节。",
    DATA: "本年与上年填报的全部数据（不含计算结果）：金额为万元，按填写的原值（不四舍五入），以文字保存。",
    UNIT_DATA: "按单位填报时各单位自己的数据（不含计算结果）；部门数据为各单位之和减内部抵销。",
    ABOUT: "本工作簿由决算填报助手导出；导入本工作簿可完整恢复数据。各公开表与“全部数据”应当一致。",
}
YEARS = {"current": "本年", "prior": "上年"}
HEADER_ROW = 3
TREE_KEY = "scores.tree"
CELL_LIMIT = 32767  # characters Excel keeps in one cell


def write_complete(workbook: Workbook, dataset: Dataset) -> None:
    units = dataset.units
    snapshot = dataset.snapshot()
    _sheet(workbook, UNITS, ((str(i), u.name, u.kind, u.id, u.code) for i, u in enumerate(units, 1)))
    _sheet(workbook, TEXTS, _texts(dataset, snapshot))
    _sheet(workbook, DATA, _data(dataset, snapshot.projects))
    if dataset.by_org_unit:
        _sheet(workbook, UNIT_DATA, (row for u in units for row in _unit_data(dataset, u.id)))
    _sheet(workbook, ABOUT, _about(dataset))


def _sheet(workbook: Workbook, title: str, rows: Iterator[Sequence[str]]) -> None:
    sheet = SheetWriter(new_sheet(workbook, title), WIDTHS[title])
    width = len(HEADERS[title])
    sheet.merge(1, 1, 1, width, st.TITLE, title)
    sheet.merge(2, 1, 2, width, st.NOTE, NOTES[title])
    for col, head in enumerate(HEADERS[title], start=1):
        sheet.put(HEADER_ROW, col, head, st.HEAD)
    sheet.rest((piece for values in rows for piece in _pieces(values)), st.body("text"))
    sheet.finish(freeze=f"A{HEADER_ROW + 1}", title_rows=(HEADER_ROW, HEADER_ROW), landscape=width > 4)


def _pieces(values: Sequence[str]) -> Iterator[Sequence[str]]:
    """A line whose value is longer than a cell holds is split over lines with the same key
    (read back joined)."""
    if max(map(len, values)) <= CELL_LIMIT:
        yield values
        return
    longest = max(range(len(values)), key=lambda i: len(values[i]))
    text = values[longest]
    for start in range(0, len(text), CELL_LIMIT):
        yield (*values[:longest], text[start : start + CELL_LIMIT], *values[longest + 1 :])


def _texts(dataset: Dataset, snapshot: Snapshot) -> Iterator[tuple[str, str, str]]:
    labels = {t.key: t.label for t in printed_texts(snapshot)}
    ordered = [k for k in labels if dataset.text(k)] + sorted(k for k in dataset.texts if k not in labels)
    for key in ordered:
        yield labels.get(key, key), dataset.texts[key], key


def _data(dataset: Dataset, listed: Sequence[Project]) -> Iterator[tuple[str, str, str, str, str, str]]:
    projects = {p.id: p for p in listed}
    for year, year_name in YEARS.items():
        if year == "current":
            yield from _project_rows(dataset, projects, year_name)
        yield from _inputs(dataset, dataset.calc(year), projects, year_name)


def _unit_data(dataset: Dataset, unit_id: str) -> Iterator[tuple[str, ...]]:
    for year, year_name in YEARS.items():
        for line in _inputs(dataset, dataset.unit_calc(unit_id, year), {}, year_name):
            yield (unit_id, *line)


def _inputs(
    dataset: Dataset, calc: Calculator, projects: Mapping[str, Project], year_name: str
) -> Iterator[tuple[str, str, str, str, str, str]]:
    """A year's input cells, each named by table, row and column, with its exact value (a
    row's and a column's names found once: a row has several cells, a column many)."""
    rows: dict[tuple[str, str], str] = {}
    columns: dict[tuple[str, str], tuple[str, str]] = {}
    for cell_id, definition in calc.ordered_cells().items():
        value = stored_text(calc.inputs.get(cell_id))
        if value is None or definition.computed:
            continue
        where = (definition.form, definition.row)
        row = rows.get(where)
        if row is None:
            row = rows[where] = _row_name(dataset, projects, *where)
        named = columns.get(key := (definition.form, definition.col))
        if named is None:
            named = columns[key] = _column_name(dataset, *key)
        yield year_name, named[0], row, named[1], value, cell_id


def _column_name(dataset: Dataset, form_id: str, col: str) -> tuple[str, str]:
    """(the table's title, the column's name) of a cell."""
    form = dataset.catalogue.form(form_id)
    column = form.column(col)
    return form.title, column.name if column else col


def _row_name(dataset: Dataset, projects: Mapping[str, Project], form: str, row: str) -> str:
    if form != "P01":
        return row_name(dataset.catalogue, dataset.naming, form, row)
    project, _, indicator = row.partition(".")
    name = projects[project].name if project in projects else project
    return f"项目“{name}”" + (f" 指标 {indicator}" if indicator else "")


def _project_rows(
    dataset: Dataset, projects: Mapping[str, Project], year_name: str
) -> Iterator[tuple[str, str, str, str, str, str]]:
    """Each project and indicator row once (one with no field filled in yet is kept too)."""
    title = dataset.catalogue.form("P01").title
    for row in dataset.rows("P01"):
        yield year_name, title, _row_name(dataset, projects, "P01", row), "（行）", "", f"P01.{row}"


def _about(dataset: Dataset) -> Iterator[tuple[str, str, str]]:
    department = dataset.department
    yield "文件类型（决算填报助手完整工作簿）", FORMAT, "format"
    yield "格式版本", str(VERSION), "version"
    yield f"版本（{dataset.edition.name}）", dataset.edition.id, "edition"
    yield "部门名称", department.name, "department.name"
    yield "单位代码", department.code, "department.code"
    yield "年度", str(department.year), "department.year"
    yield "导出程序", f"决算填报助手 {__version__}", "app_version"
    yield "导出时间", datetime.now().astimezone().isoformat(timespec="seconds"), "created"
    tree = json.dumps(dataset.perf_tree(), ensure_ascii=False)
    yield "整体绩效评价指标体系（见“部门整体支出绩效评价”表；此处供程序读取）", tree, TREE_KEY
    for (kind, code), name in sorted(dataset.naming.imported.items()):
        yield f"科目名称（导入的工作簿所用）{code}", name, f"names.{kind}.{code}"
    for key, value in sorted(dataset.meta.items()):
        if key.startswith(EXTRA_PREFIX):
            yield f"交换文件中的其他内容 {key.removeprefix(EXTRA_PREFIX)}", value, key
