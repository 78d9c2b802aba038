"""The rows the export writes as text (desktop.io.xlsx.rows) are byte for byte the rows
openpyxl's own write-only worksheet writes for the same cells: escaped text, blanks kept,
characters beyond ASCII as references, numbers as numbers, styled empty cells, row heights."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl import Workbook
from openpyxl.cell.cell import WriteOnlyCell

from desktop.io.xlsx import style as st
from desktop.io.xlsx.rows import Value
from desktop.io.xlsx.stream import FORMULA_LEADS, stream
from desktop.io.xlsx.stream import new_sheet as streamed_sheet

ROWS: dict[int, list[tuple[Value, st.CellStyle]]] = {
    1: [("标题 😀", st.TITLE), (None, st.TITLE)],
    2: [("  前后空格 ", st.body("text")), ("a & b < c > d", st.body("name")), ("一\r\n二\t三", st.NOTE)],
    4: [(1234.5, st.body("amount")), (12, st.body("count")), (Decimal("0.125"), st.body("rate"))],
    5: [("=HYPERLINK(1)", st.body("text")), ("", st.body("code")), (None, st.body("amount", True))],
    6: [(0.1 + 0.2, st.body("amount")), (-7.0, st.body("amount")), ("x" * 40_000, st.body("text"))],
}


def _openpyxl_book(path: Path) -> None:
    """The same cells through openpyxl's own write-only worksheet and cell writer."""
    book = Workbook(write_only=True)
    ws = book.create_sheet("表")
    ws.row_dimensions[2].height = 30.0
    for index in range(1, max(ROWS) + 1):
        cells = []
        for value, style in ROWS.get(index, []):
            cell = WriteOnlyCell(ws, value)
            cell.font, cell.alignment, cell.border = style.font, style.alignment, style.border
            cell.number_format = style.number_format
            if isinstance(value, str) and value.startswith(FORMULA_LEADS):
                cell.data_type, cell.quotePrefix = "s", True
            cells.append(cell)
        ws.append(cells)
    book.save(path)


def _our_book(path: Path) -> None:
    book = Workbook(write_only=True)
    ws = streamed_sheet(book, "表")
    ws.row_dimensions[2].height = 30.0
    stream(ws, {row: dict(enumerate(cells, start=1)) for row, cells in ROWS.items()})
    book.save(path)


def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_rows_are_the_bytes_openpyxl_writes(tmp_path: Path) -> None:
    _openpyxl_book(tmp_path / "openpyxl.xlsx")
    _our_book(tmp_path / "ours.xlsx")
    ours = _sheet_xml(tmp_path / "ours.xlsx")
    assert ours == _sheet_xml(tmp_path / "openpyxl.xlsx")
    assert b'xml:space="preserve"' in ours and b"&#13;" in ours and b"&amp;" in ours

    ws = openpyxl.load_workbook(tmp_path / "ours.xlsx")["表"]
    assert ws["A1"].value == "标题 😀" and ws["B2"].value == "a & b < c > d"
    assert ws["A2"].value == "  前后空格 " and ws["C2"].value == "一\r\n二\t三"
    assert (ws["A4"].value, ws["B4"].value, ws["C4"].value) == (1234.5, 12, 0.125)
    assert ws["A5"].data_type == "s" and ws["A5"].quotePrefix
    assert ws["B1"].value is None and ws["B1"].font.b  # styled, empty
    assert ws["A6"].value == 0.3 and len(ws["C6"].value) == 32767  # 16 digits, as openpyxl
    assert ws.row_dimensions[2].height == 30.0


def test_control_characters_are_left_out_of_text(tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    stream(streamed_sheet(book, "表"), {1: {1: ("甲\x01乙\x0b丙", st.body("text"))}})
    book.save(tmp_path / "c.xlsx")
    assert openpyxl.load_workbook(tmp_path / "c.xlsx")["表"]["A1"].value == "甲乙丙"
