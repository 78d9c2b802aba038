"""A worksheet being written in the official layout: the heading (title, 公开0X表, 编制单位 |
年度 | 单位：万元), a header block with merged bands, body cells, and the print setup.

Values are written as values, never formulas; amounts are exact decimals rounded half-up to
the 0.01 万元 the tables print, converted to float only as they enter the cell."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from desktop.io.xlsx import style as st
from desktop.money import ZERO, round_half_up

# What spreadsheet software may take as the start of a formula (OWASP's CSV-injection list).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
HEADER_TOP = 4  # rows 1–3 hold the title, the form label and 编制单位 | 年度 | 单位
TITLE_HEIGHT = 28.0
CELL_CHARS = 32767  # what a cell holds; openpyxl cuts longer text there too
PORTRAIT_MAX_COLUMNS = 6  # wider tables print landscape


@dataclass(frozen=True)
class HeaderCell:
    """A header text at (row, col), spanning `rows` × `cols` cells."""

    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1


def write_value(cell: Any, value: object) -> None:
    """A value into a cell; text always as text: a clerk's `=HYPERLINK(…)`, `+1`, `@x` is never
    a formula (and a lead Excel would read as one is marked text with the quote prefix).
    Control characters XML cannot hold are dropped."""
    if not isinstance(value, str):
        cell.value = value
        return
    text = ILLEGAL_CHARACTERS_RE.sub("", value) if ILLEGAL_CHARACTERS_RE.search(value) else value
    # Checked and typed here: openpyxl's setter would scan the text again and then guess a
    # type (formula, error code) this function overrules anyway; most of the export is text.
    cell._value = text[:CELL_CHARS]
    cell.data_type = "s"
    if value.startswith(FORMULA_LEADS):
        cell.quotePrefix = True


def figure(value: Decimal | None) -> Decimal:
    """A figure of a printed row: a blank input prints, and reads back, as 0.00."""
    return ZERO if value is None else value


def cell_amount(value: Decimal) -> float:
    """The number an amount cell holds: rounded to 0.01 first, float only at the cell."""
    return float(round_half_up(value, 2))


class _StyleCache:
    """A workbook's registered style of each CellStyle: assigning font, border, alignment
    and format one by one hashes them every time, which made styling most of the export's
    cost; a registered style is copied onto a cell in one step."""

    def __init__(self) -> None:
        self._arrays: dict[int, tuple[st.CellStyle, StyleArray]] = {}

    def apply(self, cell: Any, style: st.CellStyle) -> None:
        cached = self._arrays.get(id(style))
        if cached is not None:
            cell._style = StyleArray(cached[1])  # each cell its own: a quote prefix changes one
            return
        cell.font = style.font
        cell.alignment = style.alignment
        cell.border = style.border
        cell.number_format = style.number_format
        self._arrays[id(style)] = (style, StyleArray(cell._style))


_CACHES: WeakKeyDictionary[Workbook, _StyleCache] = WeakKeyDictionary()


class SheetWriter:
    def __init__(self, ws: Worksheet, widths: Sequence[float]) -> None:
        self.ws = ws
        self.width = len(widths)
        self._styles = _CACHES.setdefault(ws.parent, _StyleCache())
        self._cells: dict[tuple[int, int], Cell] = ws._cells
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width

    # --- cells ------------------------------------------------------------------------------

    def put(self, row: int, col: int, value: object, style: st.CellStyle) -> None:
        cell = self._cells.get((row, col))
        if cell is None:  # what ws.cell does, without its checks, for each of ~60 000 cells
            cell = self._cells[(row, col)] = Cell(self.ws, row=row, column=col)
        self._styles.apply(cell, style)
        if value is not None:
            write_value(cell, value)

    def amount(self, row: int, col: int, value: Decimal | None, bold: bool = False) -> None:
        self.put(row, col, None if value is None else cell_amount(value), st.body("amount", bold))

    def count(self, row: int, col: int, value: Decimal | None, bold: bool = False) -> None:
        self.put(row, col, None if value is None else int(value), st.body("count", bold))

    def merge(
        self, row: int, col: int, last_row: int, last_col: int, style: st.CellStyle, value: object = None
    ) -> None:
        """Merge a range; every cell in it gets the style, so borders print around it (the
        cells stay plain cells, as Excel writes them: openpyxl's merge_cells would restyle
        their edges one by one, and MultiCellRange.add scans every earlier range)."""
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                self.put(r, c, None, style)
        if (row, col) != (last_row, last_col):
            span = CellRange(min_row=row, min_col=col, max_row=last_row, max_col=last_col)
            self.ws.merged_cells.ranges.add(span)
        if value not in (None, ""):
            write_value(self.ws.cell(row=row, column=col), value)

    # --- blocks -----------------------------------------------------------------------------

    def heading(self, title: str, label: str, department: str, year: int, unit: str = "单位：万元") -> None:
        """Row 1 the title across the table, row 2 the label at the right, row 3 编制单位 |
        年度 (in the middle column) | 单位."""
        last = self.width
        self.merge(1, 1, 1, last, st.TITLE, title)
        self.ws.row_dimensions[1].height = TITLE_HEIGHT
        self.put(2, last, label, st.META_RIGHT)
        year_col = max(2, last // 2)
        self.merge(3, 1, 3, year_col - 1, st.META_LEFT, f"编制单位：{department}")
        self.put(3, year_col, f"{year}年度", st.META_CENTER)
        if unit:
            self.put(3, last, unit, st.META_RIGHT)

    def header(self, cells: Iterable[HeaderCell], first_row: int, last_row: int) -> None:
        """The header block: bold centred texts, merged spans, borders on every cell."""
        for row in range(first_row, last_row + 1):
            for col in range(1, self.width + 1):
                self.put(row, col, None, st.HEAD)
        for cell in cells:
            last_row, last_col = cell.row + cell.rows - 1, cell.col + cell.cols - 1
            self.merge(cell.row, cell.col, last_row, last_col, st.HEAD, cell.text)

    def note(self, row: int, text: str) -> None:
        """A `注：…` line under the table, across its width."""
        self.merge(row, 1, row, self.width, st.NOTE, text)

    def notes(self, row: int, lines: Iterable[str]) -> None:
        """Lines under the table from `row` down, one per row."""
        for offset, text in enumerate(lines):
            self.note(row + offset, text)

    def finish(
        self, *, freeze: str | None, title_rows: tuple[int, int] | None, landscape: bool | None = None
    ) -> None:
        """Frozen panes below the header; A4 fit to one page wide; header rows repeated."""
        ws = self.ws
        if freeze:
            ws.freeze_panes = freeze
        if title_rows:
            ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
        wide = self.width > PORTRAIT_MAX_COLUMNS if landscape is None else landscape
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True


def band_header(columns: Sequence[tuple[str | None, str]], first_col: int, top: int) -> list[HeaderCell]:
    """Two header rows for amount columns given as (band, name): a band spans its run of
    columns on the top row with the names below; a column without a band spans both rows."""
    cells: list[HeaderCell] = []
    col = first_col
    index = 0
    while index < len(columns):
        band, name = columns[index]
        if band is None:
            cells.append(HeaderCell(top, col, name, rows=2))
            index, col = index + 1, col + 1
            continue
        run = 0
        while index + run < len(columns) and columns[index + run][0] == band:
            cells.append(HeaderCell(top + 1, col + run, columns[index + run][1]))
            run += 1
        cells.append(HeaderCell(top, col, band, cols=run))
        index, col = index + run, col + run
    return cells
