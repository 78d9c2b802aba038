"""The whole exported workbook, pinned: every sheet's cells (value and full style: font,
alignment, border, fill, number format, quote prefix), merged ranges, column widths, row
heights, frozen panes, print titles and setup, page breaks and the workbook's defined names,
for both sample departments and the sample entered unit by unit. The golden file was written
from the export as it was before it streamed its sheets (openpyxl's write-only mode), so the
streamed workbook is proved to read back identical; refresh with SNAPSHOT_UPDATE=1."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from tests.conftest import FIXTURES, shared_path
from tests.helpers import sample_dataset
from tests.org_unit_split import split_sample

GOLDEN = FIXTURES / "golden" / "export_xlsx_picture.json"
# What changes from one export to the next: the time it was made and the program's version.
VOLATILE = {"created", "app_version"}
SAMPLES = ("xiqu-czj-2020", "xiqu-xzspj-2020", "xiqu-czj-2020-units")


def _doc(name: str) -> dict[str, Any]:
    text = shared_path("datasets", f"{name}.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def _export(name: str, folder: Path) -> Path:
    target = folder / f"{name}.xlsx"
    if name.endswith("-units"):
        with Dataset.create(folder / f"{name}.jsd", "x", 2020) as data:
            import_document(data, split_sample(_doc(name.removesuffix("-units")), data.catalogue))
            return export_xlsx(data, target)
    with sample_dataset(folder, _doc(name), f"{name}.jsd") as data:
        return export_xlsx(data, target)


def _style(cell: Cell) -> list[object]:
    font, align, border, fill = cell.font, cell.alignment, cell.border, cell.fill
    sides = (border.left, border.right, border.top, border.bottom)
    return [
        [font.name, font.sz, font.b, font.i, font.color.rgb if font.color is not None else None],
        [align.horizontal, align.vertical, align.wrap_text, align.indent],
        [side.style if side is not None else None for side in sides],
        [fill.fill_type, fill.fgColor.rgb if fill.fgColor is not None else None],
        cell.number_format,
        cell.quotePrefix,
    ]


def _rows(ws: Worksheet, styles: dict[str, int]) -> list[str]:
    """One JSON line per row: [row, [[col, value, style], …]] for every cell with a value or
    a style, the style as its number in the book's `styles` (openpyxl rebuilds the cells a
    merge covers on loading: those are left out)."""
    lines = []
    for row in ws.iter_rows():
        cells = [
            [cell.column, cell.value, _number(styles, _style(cell))]
            for cell in row
            if isinstance(cell, Cell) and (cell.value is not None or cell.has_style)
        ]
        if cells:
            lines.append(json.dumps([row[0].row, cells], ensure_ascii=False))
    return lines


def _number(styles: dict[str, int], style: list[object]) -> int:
    return styles.setdefault(json.dumps(style, ensure_ascii=False), len(styles))


def _about_volatile(ws: Worksheet) -> None:
    for row in ws.iter_rows(min_row=4):
        if row[2].value in VOLATILE:
            row[1].value = "…"


def _sheet(ws: Worksheet, styles: dict[str, int]) -> dict[str, Any]:
    setup = ws.page_setup
    return {
        "dimensions": ws.dimensions,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: v.width for k, v in sorted(ws.column_dimensions.items()) if v.customWidth},
        "heights": {str(k): v.height for k, v in sorted(ws.row_dimensions.items()) if v.height},
        "freeze": ws.freeze_panes,
        "print_titles": [ws.print_title_rows, ws.print_title_cols],
        "print_area": ws.print_area,
        "setup": [setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight],
        "fit_to_page": ws.sheet_properties.pageSetUpPr.fitToPage,
        "row_breaks": [b.id for b in ws.row_breaks.brk],
        "rows": _rows(ws, styles),
    }


def picture(path: Path) -> dict[str, Any]:
    book = openpyxl.load_workbook(path)
    _about_volatile(book["关于本工作簿"])
    styles: dict[str, int] = {}
    sheets = {ws.title: _sheet(ws, styles) for ws in book.worksheets}
    names = {name: str(value.value) for name, value in sorted(book.defined_names.items())}
    picture = {"sheets": list(sheets), "defined_names": names, "styles": list(styles), "by_sheet": sheets}
    return dict(json.loads(json.dumps(picture, ensure_ascii=False)))  # tuples → lists, as stored


def golden_text(pictures: dict[str, Any]) -> str:
    """JSON with one line per row of cells, so that a change shows as a small diff."""
    return json.dumps(pictures, ensure_ascii=False, indent=1) + "\n"


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("pictures")
    return {name: picture(_export(name, folder)) for name in SAMPLES}


def test_the_workbooks_match_the_golden_file(pictures: dict[str, Any]) -> None:
    if os.environ.get("SNAPSHOT_UPDATE") == "1" or not GOLDEN.exists():
        GOLDEN.write_text(golden_text(pictures), "utf-8")
        if os.environ.get("SNAPSHOT_UPDATE") != "1":
            pytest.fail(f"golden file {GOLDEN.name} was missing and has been written: check it in")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert list(pictures) == list(expected)
    for name, book in expected.items():
        ours = pictures[name]
        assert ours["sheets"] == book["sheets"], name
        assert ours["defined_names"] == book["defined_names"], name
        assert ours["styles"] == book["styles"], name
        for title, sheet in book["by_sheet"].items():
            for key, value in sheet.items():
                if key != "rows":
                    assert ours["by_sheet"][title][key] == value, f"{name} {title} {key}"
            _same_rows(ours["by_sheet"][title]["rows"], sheet["rows"], f"{name} {title}")


def _same_rows(ours: list[str], golden: list[str], where: str) -> None:
    """Row by row, so that a failure names the first row that differs."""
    for mine, theirs in zip(ours, golden, strict=False):
        assert mine == theirs, where
    assert len(ours) == len(golden), where


def test_the_picture_sees_styles_merges_and_setup(pictures: dict[str, Any]) -> None:
    """The golden file can catch a lost style or merge: the picture holds them."""
    sheet = pictures["xiqu-czj-2020"]["by_sheet"]["公开01表"]
    assert "A1:F1" in sheet["merged"] and sheet["freeze"] == "A7"
    assert sheet["print_titles"][0] == "$4:$6" and sheet["setup"][:2] == [9, "portrait"]
    styles = [json.loads(style) for style in pictures["xiqu-czj-2020"]["styles"]]
    title = json.loads(sheet["rows"][0])
    assert title[0] == 1 and styles[title[1][0][2]][0][:3] == ["宋体", 16.0, True]
    body = [json.loads(line) for line in sheet["rows"]]
    borders = {tuple(styles[cell[2]][2]) for _, cells in body for cell in cells}
    assert ("thin", "thin", "thin", "thin") in borders
    units = pictures["xiqu-czj-2020-units"]["sheets"]
    assert "所属单位收入情况" in units and "各单位数据" in units
