"""A worksheet being written in the official layout: the heading (title, 公开0X表, 编制单位 |
年度 | 单位：万元), a header block with merged bands, body cells, and the print setup.

Values are written as values, never formulas; amounts are exact decimals rounded half-up to
the 0.01 万元 the tables print, converted to float only as they enter the cell."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.io.xlsx import style as st
from desktop.io.xlsx.rows import Value
from desktop.io.xlsx.stream import Rows, StreamedSheet, stream
from desktop.money import MAX_TEXT, ZERO

HEADER_TOP = 4  # rows 1–3 hold the title, the form label and 编制单位 | 年度 | 单位
TITLE_HEIGHT = 28.0
PORTRAIT_MAX_COLUMNS = 6  # wider tables print landscape
_CENT = Decimal("0.01")
_HALF_UP = Context(prec=MAX_TEXT + 10, rounding=ROUND_HALF_UP)  # money's exact context, half up


@dataclass(frozen=True)
class HeaderCell:
    """A header text at (row, col), spanning `rows` × `cols` cells."""

    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1


def figure(value: Decimal | None) -> Decimal:
    """A figure of a printed row: a blank input prints, and reads back, as 0.00."""
    return ZERO if value is None else value


def cell_amount(value: Decimal) -> float:
    """The number an amount cell holds: rounded to 0.01 first (exactly as round_half_up,
    in one call: entering its local context cost more than the rest of the cell), float
    only at the cell."""
    return float(_HALF_UP.quantize(value, _CENT))


class SheetWriter:
    """A sheet's cells, put in any order and kept as (value, style) per row until `finish`
    streams them, in row order, into the write-only worksheet `ws`."""

    def __init__(self, ws: StreamedSheet, widths: Sequence[float]) -> None:
        self.ws = ws
        self.width = len(widths)
        self._lines: dict[int, dict[int, tuple[Value, st.CellStyle]]] = {}
        self._rest: Rows | None = None
        for index, width in enumerate(widths, start=1):  # before any row: written first
            ws.column_dimensions[get_column_letter(index)].width = width

    # --- cells ------------------------------------------------------------------------------

    def put(self, row: int, col: int, value: Value, style: st.CellStyle) -> None:
        """The cell at (row, col) styled; its value set, or kept when `value` is None."""
        line = self._lines.get(row)
        if line is None:
            line = self._lines[row] = {}
        if value is None:
            value = line.get(col, (None, style))[0]
        line[col] = (value, style)

    def amount(self, row: int, col: int, value: Decimal | None, bold: bool = False) -> None:
        self.put(row, col, None if value is None else cell_amount(value), st.body("amount", bold))

    def count(self, row: int, col: int, value: Decimal | None, bold: bool = False) -> None:
        self.put(row, col, None if value is None else int(value), st.body("count", bold))

    def merge(
        self, row: int, col: int, last_row: int, last_col: int, style: st.CellStyle, value: Value = None
    ) -> None:
        """Merge a range; every cell in it gets the style, so borders print around it (the
        cells stay plain cells, as Excel writes them: openpyxl's merge_cells would restyle
        their edges one by one; the range is kept as its reference, see StreamedSheet)."""
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                self.put(r, c, None, style)
        if (row, col) != (last_row, last_col):
            self.ws.merged[f"{get_column_letter(col)}{row}:{get_column_letter(last_col)}{last_row}"] = None
        if value not in (None, ""):
            self.put(row, col, value, style)

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

    def rest(self, values: Iterable[Sequence[Value]], style: st.CellStyle) -> None:
        """Rows below every cell put, one per item of `values`, all in `style`: written as
        they come at `finish` (a long table is never kept in memory)."""
        self._rest = Rows(values, style)

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
        """Frozen panes below the header; A4 fit to one page wide; header rows repeated; then
        the rows are written."""
        ws = self.ws
        if freeze:
            ws.freeze_panes = freeze
        if title_rows:
            ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
        wide = self.width > PORTRAIT_MAX_COLUMNS if landscape is None else landscape
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        orientation = Worksheet.ORIENTATION_LANDSCAPE if wide else Worksheet.ORIENTATION_PORTRAIT
        ws.page_setup.orientation = orientation
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        stream(ws, self._lines, self._rest)


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
