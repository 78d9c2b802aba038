"""The rows of a streamed sheet as XML text: each cell's <c> made from its value and style
number, each row written to the sheet's file at once. openpyxl's own writer takes a cell
object at a time, works out its coordinate, type and style again and opens a nested element
for each part: that cost more than everything else the export does. The bytes are the ones openpyxl
writes through lxml (ASCII, other characters as references; tests/unit/test_xlsx_rows.py)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from lxml.etree import xmlfile
from openpyxl.compat import safe_string
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import Element, SubElement

Number = float | int | Decimal
Value = str | Number | None  # what a cell of the export holds


class RowWriter(WorksheetWriter):  # type: ignore[misc]  # openpyxl ships no type hints
    """openpyxl's worksheet writer, given rows of cells already made (text_cell, number_cell)
    and the merged ranges as the sheet kept them, as references (`merged`: openpyxl's range
    objects cost more to build than their cells)."""

    _file: BinaryIO

    def get_stream(self) -> Any:
        """openpyxl's stream of the sheet's elements (WorksheetWriter.get_stream), into a file
        this writer holds open, so that rows can go to it directly."""
        with (
            open(self.out, "wb") as self._file,
            xmlfile(self._file) as xf,
            xf.element("worksheet", xmlns=SHEET_MAIN_NS),
        ):
            try:
                while True:
                    element = yield
                    if element is True:
                        yield xf
                    elif element is not None:
                        xf.write(element)
            except GeneratorExit:
                pass

    def write_row(self, xf: Any, row: Sequence[str], row_idx: int) -> None:
        attributes = {"r": f"{row_idx}"}
        attributes.update(self.ws.row_dimensions.get(row_idx, {}))
        head = "".join(f' {key}="{value}"' for key, value in attributes.items())
        xf.flush()  # what lxml holds (the <sheetData> tag) goes first
        self._file.write(f"<row{head}>{''.join(row)}</row>".encode("ascii", "xmlcharrefreplace"))

    def write_merged_cells(self) -> None:
        refs = self.ws.merged
        if refs:
            merged = Element("mergeCells", count=f"{len(refs)}")
            for ref in refs:
                SubElement(merged, "mergeCell", ref=ref)
            self.xf.send(merged)


def text_cell(ref: str, text: str, style: str | None) -> str:
    """The <c> of a text cell (inline, its blanks kept)."""
    styled = "" if style is None else f' s="{style}"'
    if not text:
        return f'<c r="{ref}"{styled} t="inlineStr"></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{_escaped(text)}</t></is></c>'


def number_cell(ref: str, value: Number | None, style: str | None) -> str:
    """The <c> of a number, or of a cell without a value (kept empty when styled, else left out)."""
    if style is None:
        return "" if value is None else f'<c r="{ref}" t="n"><v>{safe_string(value)}</v></c>'
    if value is None:
        return f'<c r="{ref}" s="{style}" t="n"></c>'
    return f'<c r="{ref}" s="{style}" t="n"><v>{safe_string(value)}</v></c>'


def _escaped(text: str) -> str:
    """Text as XML content, escaped as libxml2 does (a carriage return kept as a reference:
    a reader would read a bare one as a line feed)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
