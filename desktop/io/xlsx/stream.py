"""A sheet's cells, gathered in any order, streamed row by row into openpyxl's write-only
worksheet: a normal workbook keeps a cell object per cell and sorts them all on saving, which
cost more than writing the file; the write-only one writes each row as it is appended.

Every cell is styled (宋体, borders, formats), so each sheet registers its few distinct
styles once and each cell carries its style's number; text is typed here, once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop.io.xlsx.style import CellStyle

# What spreadsheet software may take as the start of a formula (OWASP's CSV-injection list).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
CELL_CHARS = 32767  # what a cell holds; openpyxl cuts longer text there too

Line = Mapping[int, tuple[object, CellStyle]]  # column → (value, style) of one row


class _StyledCell(Cell):  # type: ignore[misc]  # openpyxl ships no type hints
    """A cell that knows its style's number in the workbook: openpyxl's writer otherwise
    looks the number up by hashing the cell's style array, for every cell it writes."""

    __slots__ = ("style_id",)


class StreamedSheet(WriteOnlyWorksheet):  # type: ignore[misc]
    """openpyxl's write-only worksheet, appended rows of ready cells (row and column set,
    typed and styled): its own append would type each value again, and takes a cell only
    after failing to read it as a value."""

    def _values_to_row(self, values: list[Cell], row_idx: int) -> list[Cell]:
        return values


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
        self._registered: dict[tuple[int, bool], tuple[CellStyle, Any, int]] = {}

    def registered(self, style: CellStyle, quoted: bool) -> tuple[Any, int]:
        """The style array and its number (the style itself is kept: its id is the key)."""
        key = (id(style), quoted)
        found = self._registered.get(key)
        if found is None:
            cell = WriteOnlyCell(self._ws)
            cell.font, cell.alignment, cell.border = style.font, style.alignment, style.border
            cell.number_format = style.number_format
            if quoted:
                cell.quotePrefix = True
            array = cell._style
            found = self._registered[key] = (style, array, self._ws.parent._cell_styles.add(array))
        return found[1], found[2]


def clean_text(value: str) -> str:
    """Text as a cell holds it: control characters XML cannot hold dropped, cut at the limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value) if ILLEGAL_CHARACTERS_RE.search(value) else value
    return text[:CELL_CHARS]


def typed(cell: Any, value: object) -> bool:
    """`value` into `cell`, and whether it needs the quote prefix. Text always as text: a
    clerk's `=HYPERLINK(…)`, `+1`, `@x` is never a formula (and a lead Excel would read as
    one is marked with the quote prefix). Typed here: openpyxl's setter would scan the text
    again and guess a type."""
    if isinstance(value, str):
        cell._value, cell.data_type = clean_text(value), "s"
        return value.startswith(FORMULA_LEADS)
    if value is None or (isinstance(value, float | int) and not isinstance(value, bool)):
        cell._value, cell.data_type = value, "n"
    else:
        cell.value = value
    return False


@dataclass(frozen=True)
class Rows:
    """Rows of values in one style, written as they come."""

    values: Iterable[Sequence[object]]
    style: CellStyle


def stream(ws: StreamedSheet, lines: Mapping[int, Line], rest: Rows | None = None) -> None:
    """Append the rows of `lines` (row → its cells) to `ws` in row order, an empty row for
    each gap, then the `rest`."""
    styles = RegisteredStyles(ws)
    # One cell refilled for each: the writer writes a row's cells as the row yields them.
    cell = _StyledCell(ws)
    written = 0
    for index in sorted(lines):
        for _ in range(written + 1, index):
            ws.append(())
        ws.append(_row(cell, styles, index, lines[index]))
        written = index
    if rest is not None:
        for row, values in enumerate(rest.values, start=written + 1):
            ws.append(_same_style(cell, styles, row, values, rest.style))


def _row(cell: Cell, styles: RegisteredStyles, row: int, line: Line) -> Iterator[Cell]:
    cell.row = row
    for col in sorted(line):
        value, style = line[col]
        cell.column = col
        cell._style, cell.style_id = styles.registered(style, typed(cell, value))
        yield cell


def _same_style(
    cell: Cell, styles: RegisteredStyles, row: int, values: Sequence[object], style: CellStyle
) -> Iterator[Cell]:
    plain = styles.registered(style, False)
    cell.row = row
    for cell.column, value in enumerate(values, start=1):
        cell._style, cell.style_id = styles.registered(style, True) if typed(cell, value) else plain
        yield cell
