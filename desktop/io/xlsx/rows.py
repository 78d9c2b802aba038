"""The rows of a streamed sheet as XML: each row built as one element from ready cells (column
letter, value, style number) and written at once. openpyxl's own writer takes a cell object
at a time, works out its coordinate, type and style again and opens a nested element context
for each part: that cost more than everything else the export does. The XML is the same."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl.compat import safe_string
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import XML_NS
from openpyxl.xml.functions import Element, SubElement

Value = str | float | int | Decimal | None  # what a cell of the export holds (numbers as numbers)
Ready = tuple[str, Value, str | None]  # column letter, value, style number (None: no style)

_PRESERVE = {f"{{{XML_NS}}}space": "preserve"}  # text with leading or trailing blanks


class RowWriter(WorksheetWriter):  # type: ignore[misc]  # openpyxl ships no type hints
    """openpyxl's worksheet writer with rows of ready cells, and the merged ranges the sheet
    kept as references (`merged`: openpyxl's ranges cost more to build than their cells)."""

    def write_row(self, xf: Any, row: Iterable[Ready], row_idx: int) -> None:
        number = f"{row_idx}"
        attributes = {"r": number}
        attributes.update(self.ws.row_dimensions.get(row_idx, {}))
        element = Element("row", attributes)
        for letter, value, style in row:
            _cell(element, letter + number, value, style)
        if not len(element):
            element.text = ""  # <row r="3"></row>, as openpyxl writes an empty row
        xf.write(element)

    def write_merged_cells(self) -> None:
        refs = self.ws.merged
        if refs:
            merged = Element("mergeCells", count=f"{len(refs)}")
            for ref in refs:
                SubElement(merged, "mergeCell", ref=ref)
            self.xf.send(merged)


def _cell(row: Any, ref: str, value: Value, style: str | None) -> None:
    """The <c> of one cell, as openpyxl writes it: text inline, numbers as numbers, a styled
    cell without a value kept empty, an unstyled one left out."""
    if value is None and style is None:
        return
    attributes = {"r": ref} if style is None else {"r": ref, "s": style}
    if isinstance(value, str):
        attributes["t"] = "inlineStr"
        cell = SubElement(row, "c", attributes)
        if not value:
            cell.text = ""
            return
        text = SubElement(SubElement(cell, "is"), "t", _PRESERVE if value != value.strip() else {})
        text.text = value
        return
    attributes["t"] = "n"
    cell = SubElement(row, "c", attributes)
    if value is None:
        cell.text = ""
    else:
        SubElement(cell, "v").text = safe_string(value)
