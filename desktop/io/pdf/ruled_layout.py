"""The cells of a ruled table laid out once (desktop/io/pdf/ruled.py draws them): each cell's
look resolved from the style's ranges row by row, its lines wrapped with 禁则 in its column, its
alignment and indent turned into offsets; each row as tall as its tallest cell."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.lib import colors

from desktop.io.pdf.fonts import SANS, SANS_BOLD, glyph_widths, register_fonts, text_width
from desktop.io.pdf.kinsoku import line_ends
from desktop.io.pdf.styles import INDENT, TABLE_SIZE

PAD = 8.0  # left + right cell padding
V_PAD = 3.0  # top and bottom cell padding
LEADING = TABLE_SIZE * 1.3
HEAD_FILL = colors.HexColor("#E8ECF2")
SHARES = {"LEFT": 0.0, "CENTER": 0.5, "RIGHT": 1.0}  # of a line's spare room, left of its text

Place = tuple[int, int]  # (column, row); negative counts from the end, as in a reportlab TableStyle


@dataclass(frozen=True)
class Text:
    """A cell's text set `depth` steps in (one character per 款/项 level)."""

    text: str
    depth: int = 0


Cell = str | Text


@dataclass(frozen=True)
class Style:
    """How cells look, as ranges: each (start, end, value); later ranges win."""

    align: Sequence[tuple[Place, Place, str]] = ()  # LEFT, CENTER or RIGHT
    font: Sequence[tuple[Place, Place, str]] = ()
    fill: Sequence[tuple[Place, Place, Any]] = ()
    spans: Sequence[tuple[Place, Place]] = ()


class Laid(NamedTuple):
    font: str
    lines: tuple[tuple[float, str], ...]  # (x from the cell's left edge, text)
    fill: Any


def head_style(start: Place, end: Place) -> Style:
    """Header cells: shaded, bold and centred."""
    return Style(
        align=[(start, end, "CENTER")], font=[(start, end, SANS_BOLD)], fill=[(start, end, HEAD_FILL)]
    )


def merged(*styles: Style) -> Style:
    return Style(
        align=[a for s in styles for a in s.align],
        font=[f for s in styles for f in s.font],
        fill=[f for s in styles for f in s.fill],
        spans=[p for s in styles for p in s.spans],
    )


def by_row(
    ranges: Sequence[tuple[Place, Place, Any]], columns: int, rows: int, default: Any
) -> list[list[Any]]:
    """Each row's values column by column, the last range covering a cell winning. The ranges
    open and close at a few rows: the rows between share one list."""
    found = [(c0 % columns, r0 % rows, c1 % columns, r1 % rows, v) for (c0, r0), (c1, r1), v in ranges]
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for index, (_c0, r0, _c1, r1, _v) in enumerate(found):
        if r0 <= r1:
            opening.setdefault(r0, []).append(index)
            closing.setdefault(r1 + 1, []).append(index)
    active: set[int] = set()
    shared: dict[tuple[int, ...], list[Any]] = {(): [default] * columns}
    key: tuple[int, ...] = ()
    lines = []
    for r in range(rows):
        if r in opening or r in closing:
            active = (active | set(opening.get(r, ()))) - set(closing.get(r, ()))
            key = tuple(sorted(active))
        if key not in shared:
            line = [default] * columns
            for c0, _r0, c1, _r1, value in (found[i] for i in key):
                line[c0 : c1 + 1] = [value] * max(c1 - c0 + 1, 0)
            shared[key] = line
        lines.append(shared[key])
    return lines


def wrapped(text: str, font: str, room: float) -> list[tuple[str, float]]:
    """`text` in lines no wider than `room` (禁则 kept), each with its width; a newline always
    breaks. Most cells fit on one line: only a wider one is measured glyph by glyph."""
    lines: list[tuple[str, float]] = []
    for piece in text.split("\n"):
        whole = text_width(piece, font, TABLE_SIZE)
        if whole <= room:
            lines.append((piece, whole))
            continue
        widths = glyph_widths(piece, font, TABLE_SIZE)
        start = 0
        for end in line_ends(piece, widths, [room], set()):
            lines.append((piece[start:end], sum(widths[start:end])))
            start = end
    return lines


def _lay(cell: Cell, font: str, align: str, width: float, fill: Any) -> Laid:
    text, depth = (cell.text, cell.depth) if isinstance(cell, Text) else (cell, 0)
    if not text:
        return Laid(font, (), fill)
    indent = PAD / 2 + INDENT * depth
    room = width - PAD / 2 - indent
    share = SHARES[align]
    if "\n" not in text:  # most cells: one line, measured once
        used = text_width(text, font, TABLE_SIZE)
        if used <= room:
            return Laid(font, ((indent + share * (room - used), text),), fill)
    lines = [(indent + share * (room - used), line) for line, used in wrapped(text, font, room)]
    return Laid(font, tuple(lines), fill)


class CellLayout:
    """The laid-out cells of a whole table, shared by the parts it splits into."""

    def __init__(self, rows: Sequence[Sequence[Cell]], widths: Sequence[float], style: Style) -> None:
        register_fonts()
        self.widths = list(widths)
        self.left = [sum(self.widths[:c]) for c in range(len(self.widths))]
        count, across = len(rows), len(self.widths)
        self.spans = {
            (c0 % across, r0 % count): (c1 % across, r1 % count) for (c0, r0), (c1, r1) in style.spans
        }
        self.owner = {
            (c, r): start for start, end in self.spans.items()
            for r in range(start[1], end[1] + 1) for c in range(start[0], end[0] + 1)
        }  # fmt: skip
        self.span_rows = {r for _c, r in self.owner}  # rows where a merged cell may hide a rule
        self.cells: dict[Place, Laid] = {}  # by its top-left place, row by row
        self.starting: list[list[tuple[int, Laid]]] = []  # each row's cells that begin in it
        self._lay_rows(rows, style)
        self.heights = self._heights(count)

    def _lay_rows(self, rows: Sequence[Sequence[Cell]], style: Style) -> None:
        count, across = len(rows), len(self.widths)
        aligns = by_row(style.align, across, count, "LEFT")
        fonts = by_row(style.font, across, count, SANS)
        fills = by_row(style.fill, across, count, None)
        for r, row in enumerate(rows):
            starting = []
            for c, cell in enumerate(row):
                place = (c, r)
                if self.owner.get(place, place) != place:
                    continue
                end = self.spans.get(place)
                width = self.widths[c] if end is None else sum(self.widths[c : end[0] + 1])
                laid = _lay(cell, fonts[r][c], aligns[r][c], width, fills[r][c])
                self.cells[place] = laid
                starting.append((c, laid))
            self.starting.append(starting)

    def _heights(self, count: int) -> list[float]:
        """Each row as tall as its tallest cell; a cell spanning rows stretches the last of them."""
        heights = [LEADING + 2 * V_PAD] * count
        tall: list[tuple[Place, float]] = []
        for (c, r), laid in self.cells.items():
            if len(laid.lines) < 2 and (c, r) not in self.spans:
                continue  # a one-line cell fits the least row height
            needed = len(laid.lines) * LEADING + 2 * V_PAD
            last = self.spans.get((c, r), (c, r))[1]
            if last == r:
                heights[r] = max(heights[r], needed)
            else:
                tall.append(((r, last), needed))
        for (first, last), needed in tall:
            short = needed - sum(heights[first : last + 1])
            heights[last] += max(short, 0.0)
        return heights

    def joined(self, a: Place, b: Place) -> bool:
        """The two cells are one merged cell."""
        return self.owner.get(a, a) == self.owner.get(b, b)

    def breaks_inside_span(self, row: int) -> bool:
        """A page break before `row` would cut a merged cell."""
        return any(start[1] < row <= end[1] for start, end in self.spans.items())
