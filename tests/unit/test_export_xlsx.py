"""The Excel export: the official layout cell by cell (golden file, refreshed with
SNAPSHOT_UPDATE=1), the shared sample workbook reproduced, 宋体 on every styled cell, and
the round trip through the workbook importer."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from desktop.forms.edition import load_edition
from desktop.io.workbook.reader import read_workbook
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from tests.conftest import FIXTURES, shared_path
from tests.helpers import sample_dataset

GOLDEN = FIXTURES / "golden" / "export_xlsx.json"
GOLDEN_SHEETS = ("公开01表", "公开04表", "公开05表", "公开06表", "公开07表", "公开09表")
TABLES = tuple(f"公开0{n}表" for n in range(1, 10))
G_FORMS = tuple(f"G0{n}" for n in range(1, 10))


@pytest.fixture(scope="module")
def dataset(module_dataset: Dataset) -> Dataset:
    return module_dataset


@pytest.fixture(scope="module")
def exported(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_xlsx(dataset, tmp_path_factory.mktemp("out") / "决算.xlsx")


@pytest.fixture(scope="module")
def workbook(exported: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(exported)


def picture(ws: Worksheet) -> dict[str, Any]:
    """What the golden file holds of a sheet: layout, print setup and every filled cell
    as [value, number format, bold]."""
    cells = {
        cell.coordinate: [cell.value, cell.number_format, bool(cell.font.b)]
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    }
    return {
        "dimensions": ws.dimensions,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "print_titles": ws.print_title_rows,
        "orientation": ws.page_setup.orientation,
        "paper": ws.page_setup.paperSize,
        "fit": [
            ws.page_setup.fitToWidth,
            ws.page_setup.fitToHeight,
            ws.sheet_properties.pageSetUpPr.fitToPage,
        ],
        "widths": {k: v.width for k, v in sorted(ws.column_dimensions.items())},
        "cells": cells,
    }


def golden_text(sheets: dict[str, dict[str, Any]]) -> str:
    """JSON with one line per cell, so a change shows as a one-line diff."""

    def line(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for name, sheet in sheets.items():
        fields = [f"  {line(k)}: {line(v)}" for k, v in sheet.items() if k != "cells"]
        cells = ",\n".join(f"   {line(c)}: {line(v)}" for c, v in sheet["cells"].items())
        parts.append(f" {line(name)}: {{\n" + ",\n".join(fields) + f',\n  "cells": {{\n{cells}\n  }}\n }}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


@pytest.fixture(scope="module")
def sample_workbook() -> openpyxl.Workbook:
    return openpyxl.load_workbook(shared_path("workbooks", "xiqu-czj-2020.xlsx"))


def test_sheets_in_order(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == [
        *TABLES, "单位基本情况", "其他重要事项", "项目支出绩效自评表", "部门整体支出绩效评价",
        "单位构成", "文字材料", "全部数据", "关于本工作簿",
    ]  # fmt: skip


def test_layout_matches_golden_file(workbook: openpyxl.Workbook) -> None:
    actual = {name: picture(workbook[name]) for name in GOLDEN_SHEETS}
    actual = json.loads(json.dumps(actual, ensure_ascii=False))  # tuples → lists, as stored
    if os.environ.get("SNAPSHOT_UPDATE") == "1" or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(golden_text(actual), "utf-8")
        if os.environ.get("SNAPSHOT_UPDATE") != "1":
            pytest.fail(f"golden file {GOLDEN.name} was missing and has been written: check it in")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for name in GOLDEN_SHEETS:
        for key, value in expected[name].items():
            assert actual[name][key] == value, f"{name} {key}"


def _values(ws: Worksheet) -> dict[str, object]:
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


@pytest.mark.parametrize("sheet", [t for t in TABLES if t != "公开06表"])
def test_reproduces_the_sample_workbook(
    workbook: openpyxl.Workbook, sample_workbook: openpyxl.Workbook, sheet: str
) -> None:
    sample = sample_workbook[sheet]
    ours = workbook[sheet]
    assert _values(ours) == _values(sample)
    assert sorted(map(str, ours.merged_cells.ranges)) == sorted(map(str, sample.merged_cells.ranges))
    assert (ours.freeze_panes, ours.print_title_rows) == (sample.freeze_panes, sample.print_title_rows)
    assert ours.page_setup.orientation == sample.page_setup.orientation


def test_g06_lists_the_sample_entries_and_every_standard_kuan(
    workbook: openpyxl.Workbook, sample_workbook: openpyxl.Workbook
) -> None:
    """The code list has 30311 代缴社会保险费, which the sample's template predates."""

    def entries(ws: Worksheet) -> set[tuple[object, ...]]:
        found = set()
        for row in ws.iter_rows(min_row=6):
            for first in (0, 3):
                code, name, value = (c.value for c in row[first : first + 3])
                if code or name:
                    found.add((code, name, value))
        return found

    sample = sample_workbook["公开06表"]
    assert entries(workbook["公开06表"]) - entries(sample) == {("30311", "代缴社会保险费", None)}
    assert entries(sample) <= entries(workbook["公开06表"])


def test_every_styled_cell_names_its_font(workbook: openpyxl.Workbook) -> None:
    # Cells covered by a merge are rebuilt by openpyxl on loading (its own default font).
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.has_style and not isinstance(cell, MergedCell):
                    assert cell.font.name == "宋体", f"{ws.title}!{cell.coordinate}"


def test_amounts_are_values_with_the_printed_format(workbook: openpyxl.Workbook) -> None:
    for name in TABLES:
        for row in workbook[name].iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value.startswith("=")), cell.coordinate
                if isinstance(cell.value, float | int) and not isinstance(cell.value, bool):
                    assert cell.number_format == "#,##0.00", f"{name}!{cell.coordinate}"


def test_round_trip_through_the_workbook_importer(exported: Path, dataset: Dataset) -> None:
    reading = read_workbook(exported, dataset.edition)
    assert reading.missing == () and reading.unmatched == ()
    assert (reading.year, reading.unit_name) == (2020, "攀枝花市西区财政局")
    # Every figure read back is the dataset's own, totals included …
    assert {cell: dataset.number(cell) for cell in reading.values} == dict(reading.values)
    # … and every non-zero input figure of the nine tables is there (the G05 budget column
    # is no column of 公开05表).
    inputs = {
        cell
        for cell, value in dataset.calc().inputs.items()
        if cell[:3] in G_FORMS and isinstance(value, Decimal) and value and not cell.endswith(".budget")
    }
    assert inputs - set(reading.values) == set()


def test_an_empty_table_keeps_header_total_and_note(workbook: openpyxl.Workbook) -> None:
    ws = workbook["公开09表"]
    assert [ws["A7"].value, ws["C7"].value, ws["D7"].value, ws["E7"].value] == ["合计", 0, 0, 0]
    assert ws["A8"].value == (
        "注：本单位2020年度没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。"
    )


def test_projects_sheet_has_one_block_per_project(workbook: openpyxl.Workbook, dataset: Dataset) -> None:
    ws = workbook["项目支出绩效自评表"]
    titles = [c.row for c in ws["A"] if c.value == "项目支出绩效自评表"]
    assert len(titles) == len(dataset.snapshot().projects) == 7
    assert [b.id for b in ws.row_breaks.brk] == [t - 1 for t in titles[1:]]
    first = titles[0]
    assert ws.cell(first + 2, 3).value == "绩效评价体系建设"
    assert [ws.cell(first + 5, c).value for c in range(2, 9)] == [
        "年度资金总额",
        None,
        25.79,
        24.51,
        10,
        0.9504,
        9.5,
    ]
    assert ws.cell(first + 5, 7).number_format == "0.00%"


def test_scores_sheet_lists_the_tree_with_total(workbook: openpyxl.Workbook) -> None:
    ws = workbook["部门整体支出绩效评价"]
    names = [ws.cell(r, 1).value for r in range(5, ws.max_row + 1)]
    assert names[0] == "A 部门决策" and names[-2:] == ["合计", "评价等级"]
    assert ws.cell(ws.max_row - 1, 4).value == 100


def test_scores_and_grade_when_scored(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    scores = json.loads(shared_path("perf-tree", "dongchuan-czj-2020-scores.json").read_text("utf-8"))
    with sample_dataset(tmp_path, {**sample_doc, **scores}) as data:
        total = data.number("P02.total.score")
        ws = openpyxl.load_workbook(export_xlsx(data, tmp_path / "s.xlsx"))["部门整体支出绩效评价"]
    assert total is not None
    assert ws.cell(ws.max_row - 1, 5).value == float(total)
    assert ws.cell(ws.max_row, 4).value in ("优", "良", "中", "差")


def test_merged_ranges_never_overlap(workbook: openpyxl.Workbook) -> None:
    """Excel offers to "repair" a workbook with overlapping merges: there must be none."""
    for ws in workbook.worksheets:
        covered: dict[tuple[int, int], str] = {}
        for span in ws.merged_cells.ranges:
            for cell in span.cells:
                assert cell not in covered, f"{ws.title}: {span} overlaps {covered[cell]}"
                covered[cell] = str(span)


def test_a_new_dataset_exports_empty_tables_that_read_back_as_zeros(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "e.jsd", "空单位", 2021) as data:
        path = export_xlsx(data, tmp_path / "e.xlsx")
        reading = read_workbook(path, load_edition("sichuan-2020"))
        # A blank input prints (and reads back) as 0.00, which is what blank means.
        assert {c: data.number(c) or Decimal(0) for c in reading.values} == dict(reading.values)
    book = openpyxl.load_workbook(path)
    notes = {
        name: book[name]["A8"].value for name in ("公开02表", "公开03表", "公开05表", "公开08表", "公开09表")
    }
    assert all(str(note).startswith("注：本单位2021年度没有") for note in notes.values()), notes
    assert str(book["公开06表"].cell(book["公开06表"].max_row, 1).value).endswith("故本表无数据。")


def test_the_2019_workbook_comes_back_as_it_went_in(tmp_path: Path) -> None:
    """Import the 2019 sample workbook (25 类: no 234 yet), export: the same tables, except
    for subject names the code list spells in their newer form and the 款 30311."""
    from desktop.actions.importing import import_file

    source = shared_path("workbooks", "xiqu-czj-2019.xlsx")
    with Dataset.create(tmp_path / "y.jsd", "攀枝花市西区财政局", 2019) as data:
        import_file(data, source)
        ours = openpyxl.load_workbook(export_xlsx(data, tmp_path / "y.xlsx"))
    sample = openpyxl.load_workbook(source)
    for name in (t for t in TABLES if t != "公开06表"):
        differences = {
            coord: (value, theirs)
            for coord, value in _values(ours[name]).items()
            if (theirs := _values(sample[name]).get(coord)) != value
        }
        assert set(differences.values()) <= {("行政事业单位养老支出", "行政事业单位离退休")}, name
        assert set(_values(sample[name])) == set(_values(ours[name])), name
    assert ours["公开01表"]["D31"].value == "二十五、债务付息支出"
    assert ours["公开01表"]["A32"].value == "本年收入合计"
