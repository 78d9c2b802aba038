"""A sheet streamed in row order (desktop.io.xlsx.stream): cells put in any order land where
they were put, gaps stay empty, the rows after them follow, and an export keeps nothing of
its workbook alive."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import openpyxl
from openpyxl import Workbook

from desktop.io.xlsx import style as st
from desktop.io.xlsx.export import build_workbook
from desktop.io.xlsx.sheet import SheetWriter
from desktop.io.xlsx.stream import new_sheet
from desktop.models.dataset import Dataset


def test_cells_put_in_any_order_read_back_in_place(tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = SheetWriter(new_sheet(book, "表"), (10.0, 20.0, 30.0))
    sheet.put(4, 3, "=1+1", st.body("text"))
    sheet.amount(4, 1, None)  # styled, no value
    sheet.merge(1, 1, 1, 3, st.TITLE, "标题")
    sheet.put(2, 2, 12.5, st.body("amount", True))
    sheet.ws.row_dimensions[2].height = 30.0
    sheet.rest([("a", "", "c"), ("d",)], st.body("text"))
    sheet.finish(freeze="A5", title_rows=(1, 1))
    book.save(tmp_path / "s.xlsx")

    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["表"]
    values = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
    assert values == {"A1": "标题", "B2": 12.5, "C4": "=1+1", "A5": "a", "C5": "c", "A6": "d"}
    assert ws["C4"].data_type == "s" and ws["C4"].quotePrefix  # text, never a formula
    assert ws["B2"].font.b and ws["B2"].number_format == "#,##0.00"
    assert ws["A4"].border.left.style == "thin" and ws["A4"].number_format == "#,##0.00"
    assert not ws["A3"].has_style  # the gap row holds no cell
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:C1"]
    assert ws.row_dimensions[2].height == 30.0 and ws.column_dimensions["C"].width == 30.0
    assert (ws.freeze_panes, ws.print_title_rows) == ("A5", "$1:$1")


def test_an_export_keeps_no_workbook_alive(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "e.jsd", "空单位", 2021) as data:
        book = build_workbook(data)
        book.save(tmp_path / "e.xlsx")
        gone = weakref.ref(book)
        del book
        gc.collect()
        assert gone() is None
