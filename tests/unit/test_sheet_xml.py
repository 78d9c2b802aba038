"""The streamed worksheet reader gives each cell the value openpyxl's read-only parser gives it,
on a real workbook whose sheet holds every kind of cell a writer may produce."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet._reader import WorkSheetParser

from desktop.io.workbook.files import load_grids
from desktop.io.workbook.sheet_xml import DateStyles, SheetReader

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Cells openpyxl does not write itself: inline rich text with a phonetic run, a cell without
# its reference, an error, a formula's saved text, an ISO date, a flag, an empty value.
_EXTRA = (
    '<row r="9"><c r="A9" t="inlineStr"><is><t xml:space="preserve"> 一般 </t>'
    '<r><t>公共</t></r><r><rPr><sz val="11"/></rPr><t>预算</t></r>'
    '<rPh sb="0" eb="2"><t>ヨミ</t></rPh></is></c>'
    '<c t="e"><v>#DIV/0!</v></c><c t="str"><f>A1</f><v>文本结果</v></c>'
    '<c r="E9" t="d"><v>2020-12-31T00:00:00</v></c><c r="F9" t="b"><v>1</v></c>'
    '<c r="G9"><v></v></c><c r="H9" s="0"><v>1.5E3</v></c></row>'
    '<row><c r="B10" t="inlineStr"><is><t>下一行</t></is></c></row>'
)


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "表一"
    sheet.append(["收入支出决算总表", None, "单位：万元"])
    sheet.append(["一般公共预算财政拨款收入", 1234.5, 0.1 + 0.2, 7])
    sheet["A3"] = date(2020, 12, 31)
    sheet["B3"] = True
    sheet["C3"] = "=B2*2"
    sheet["D3"].value, sheet["D3"].number_format = 12.345, "#,##0.00"
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C5:D6")
    raw = path.with_suffix(".raw.xlsx")
    book.save(raw)
    with zipfile.ZipFile(raw) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            payload = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                payload = payload.replace(b"</sheetData>", _EXTRA.encode() + b"</sheetData>")
            new.writestr(info, payload)
    return path


def _openpyxl_cells(book: Any) -> dict[tuple[int, int], object]:
    """openpyxl's own parser of a sheet part (its read-only sheets would also cut the cells
    outside the part's stated dimension)."""
    sheet = book.worksheets[0]
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source, sheet._shared_strings, data_only=True, epoch=book.epoch,
            date_formats=book._date_formats, timedelta_formats=book._timedelta_formats,
        )  # fmt: skip
        return {
            (raw["row"], raw["column"]): raw["value"]
            for _index, row in parser.parse()
            for raw in row
            if raw["value"] is not None
        }


def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "kinds.xlsx")
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    expected = _openpyxl_cells(book)
    styles = DateStyles(book._date_formats, book._timedelta_formats, book.epoch)
    reader = SheetReader(book.worksheets[0]._shared_strings, styles)
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as source:
        found = {(cell.row, cell.column): cell.value for cell in reader.cells(source)}
    book.close()
    assert found == expected
    assert found[(9, 1)] == " 一般 公共预算"  # runs joined, the phonetic reading left out
    assert found[(9, 2)] == "#DIV/0!" and found[(9, 3)] == "文本结果" and found[(10, 2)] == "下一行"
    assert sorted(reader.merged) == ["A1:B1", "C5:D6"]


def test_the_grid_of_a_streamed_sheet(tmp_path: Path) -> None:
    grid = load_grids(_workbook(tmp_path / "kinds.xlsx"))[0]
    assert grid.name == "表一" and sorted(grid.merged) == [(1, 1, 1, 2), (5, 3, 6, 4)]
    assert grid.spanned_text(1, 2) == "收入支出决算总表"
    amount = grid.cell(2, 2)
    assert amount is not None and str(amount.number) == "1234.5" and not amount.formatted
    rounded = grid.cell(3, 4)
    assert rounded is not None and str(rounded.number) == "12.35" and rounded.formatted
    assert grid.text(3, 1) == "2020-12-31 00:00:00" and grid.text(3, 2) == "True"  # never amounts
    assert grid.cell(9, 7) is None and grid.text(9, 8) == "1500.0"


def test_formulas_saved_without_a_result_are_noted_as_the_sheet_is_read() -> None:
    """Read in the same pass as the values: no <v>, an empty or blank one is no result; a
    saved result, or a cell that names no plain position, is not noted."""
    rows = (
        '<row r="2"><c r="A2"><f>1+1</f></c><c r="B2"><f>1+1</f><v></v></c>'
        '<c r="C2" t="str"><f>1+1</f><v> </v></c><c r="D2"><f>1+1</f><v>2</v></c>'
        '<c r="E2"><f t="shared" si="0"/></c><c><f>1+1</f></c></row>'
    )
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()
    reader = SheetReader([], DateStyles(set(), set(), datetime(1899, 12, 30)))
    found = {(cell.row, cell.column): cell.value for cell in reader.cells(io.BytesIO(sheet))}
    assert found == {(2, 3): " ", (2, 4): 2}
    assert reader.uncached == {(2, 1), (2, 2), (2, 3), (2, 5)}
