"""A sheet's cells, gathered in any order, streamed row by row into openpyxl's write-only
worksheet: a normal workbook keeps a cell object per cell and sorts them all on saving, which
cost more than writing the file; the write-only one writes each row as it is appended.

Every cell is styled (宋体, borders, formats), so each sheet registers its few distinct
styles once and each cell carries its style's number; each cell is typed here, once, and made
into its XML (desktop.io.xlsx.rows), never into a cell object."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop.io.xlsx.rows import RowWriter, Value, number_cell, text_cell
from desktop.io.xlsx.style import CellStyle

# What spreadsheet software may take as the start of a formula (OWASP's CSV-injection list).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
CELL_CHARS = 32767  # what a cell holds; openpyxl cuts longer text there too

Line = Mapping[int, tuple[Value, CellStyle]]  # column → (value, style) of one row


class StreamedSheet(WriteOnlyWorksheet):  # type: ignore[misc]  # openpyxl ships no type hints
    """openpyxl's write-only worksheet, appended rows of cells made as XML, written by RowWriter;
    its merged ranges kept as references ("A1:C1"), in the order merged."""

    _writer: RowWriter | None = None

    def __init__(self, parent: Workbook, title: str) -> None:
        super().__init__(parent, title)
        self.merged: dict[str, None] = {}

    def _values_to_row(self, values: list[str], row_idx: int) -> list[str]:
        return values

    def _get_writer(self) -> None:
        if self._writer is None:
            writer = self._writer = RowWriter(self)
            writer.write_top()


def new_sheet(workbook: Workbook, title: str) -> StreamedSheet:
    """A sheet appended to the write-only `workbook` (what its create_sheet does)."""
    sheet = StreamedSheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet


class RegisteredStyles:
    """A sheet's registered style of each CellStyle, plain and with the quote prefix (the
    workbook keeps one of each font, border, format and style however often registered)."""

    def __init__(self, ws: StreamedSheet) -> None:
        self._ws = ws
        self._registered: dict[tuple[int, bool], tuple[CellStyle, str | None]] = {}

    def number(self, style: CellStyle, quoted: bool) -> str | None:
        """The style's number as the cell writes it; None for openpyxl's default style (the
        style itself is kept: its id is the key)."""
        key = (id(style), quoted)
        found = self._registered.get(key)
        if found is None:
            cell = WriteOnlyCell(self._ws)
            cell.font, cell.alignment, cell.border = style.font, style.alignment, style.border
            cell.number_format = style.number_format
            if quoted:
                cell.quotePrefix = True
            array = cell._style
            number = f"{self._ws.parent._cell_styles.add(array)}" if any(array) else None
            found = self._registered[key] = (style, number)
        return found[1]


def clean_text(value: str) -> str:
    """Text as a cell holds it: control characters XML cannot hold dropped, cut at the limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value) if ILLEGAL_CHARACTERS_RE.search(value) else value
    return text[:CELL_CHARS]


@dataclass(frozen=True)
class Rows:
    """Rows of values in one style, written as they come."""

    values: Iterable[Sequence[Value]]
    style: CellStyle


def stream(ws: StreamedSheet, lines: Mapping[int, Line], rest: Rows | None = None) -> None:
    """Append the rows of `lines` (row → its cells) to `ws` in row order, an empty row for
    each gap, then the `rest`."""
    styles = RegisteredStyles(ws)
    written = 0
    for index in sorted(lines):
        for _ in range(written + 1, index):
            ws.append(())
        line, number = lines[index], f"{index}"
        ws.append([_cell(styles, f"{get_column_letter(c)}{number}", *line[c]) for c in sorted(line)])
        written = index
    if rest is not None:
        for index, values in enumerate(rest.values, start=written + 1):
            number = f"{index}"
            cells = enumerate(values, start=1)
            ws.append([_cell(styles, f"{get_column_letter(c)}{number}", v, rest.style) for c, v in cells])


def _cell(styles: RegisteredStyles, ref: str, value: Value, style: CellStyle) -> str:
    """One cell, typed once. Text always as text: a clerk's `=HYPERLINK(…)`, `+1`, `@x` is
    never a formula (and a lead Excel would read as one is marked with the quote prefix)."""
    if isinstance(value, str):
        return text_cell(ref, clean_text(value), styles.number(style, value.startswith(FORMULA_LEADS)))
    return number_cell(ref, value, styles.number(style, False))
