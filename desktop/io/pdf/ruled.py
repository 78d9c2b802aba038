"""A ruled table drawn with canvas primitives: every form table, project table and list of the
package. Column widths are known when it is made, so each cell is laid out once (its lines wrapped
with 禁则 from the font's cached glyph widths, its alignment and indent resolved); the table then
only adds up row heights to fit a frame, splits between rows repeating its header rows, and draws
its text in one text object and its rules in one path. reportlab's Table with a Paragraph per
cell did the same work again on every wrap, split and draw."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.io.pdf.encoded import show_at
from desktop.io.pdf.fonts import SANS, SANS_BOLD, glyph_widths, register_fonts
from desktop.io.pdf.kinsoku import line_ends
from desktop.io.pdf.styles import INDENT, TABLE_SIZE

PAD = 8.0  # left + right cell padding
V_PAD = 3.0  # top and bottom cell padding
LEADING = TABLE_SIZE * 1.3
RULE = 0.5
HEAD_FILL = colors.HexColor("#E8ECF2")

Place = tuple[int, int]  # (column, row); negative counts from the end, as in a reportlab TableStyle
Box = tuple[float, float, float, float]  # x, y, width, height


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


@dataclass(frozen=True)
class _Laid:
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


def _cells(ranges: Sequence[tuple[Place, Place, Any]], columns: int, rows: int) -> dict[Place, Any]:
    """Each cell's value from the ranges, the last range covering it winning."""
    found: dict[Place, Any] = {}
    for (c0, r0), (c1, r1), value in ranges:
        c0, c1, r0, r1 = c0 % columns, c1 % columns, r0 % rows, r1 % rows
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                found[(c, r)] = value
    return found


def wrapped(text: str, font: str, room: float) -> list[tuple[str, float]]:
    """`text` in lines no wider than `room` (禁则 kept), each with its width; a newline always
    breaks. Most cells fit on one line: only a wider one is measured glyph by glyph."""
    lines: list[tuple[str, float]] = []
    for piece in text.split("\n"):
        whole = stringWidth(piece, font, TABLE_SIZE)
        if whole <= room:
            lines.append((piece, whole))
            continue
        widths = glyph_widths(piece, font, TABLE_SIZE)
        start = 0
        for end in line_ends(piece, widths, [room], set()):
            lines.append((piece[start:end], sum(widths[start:end])))
            start = end
    return lines


def _lay(cell: Cell, font: str, align: str, width: float, fill: Any) -> _Laid:
    text, depth = (cell.text, cell.depth) if isinstance(cell, Text) else (cell, 0)
    indent = PAD / 2 + INDENT * depth
    room = width - PAD / 2 - indent
    share = {"LEFT": 0.0, "CENTER": 0.5, "RIGHT": 1.0}[align]  # of the spare room, left of the text
    lines = wrapped(text, font, room) if text else []
    return _Laid(font, tuple((indent + share * (room - used), line) for line, used in lines), fill)


class _Grid:
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
        aligns = _cells(style.align, across, count)
        fonts = _cells(style.font, across, count)
        fills = _cells(style.fill, across, count)
        self.cells: dict[Place, _Laid] = {}  # by its top-left place, row by row
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if self.owner.get((c, r), (c, r)) != (c, r):
                    continue
                end = self.spans.get((c, r), (c, r))
                width = sum(self.widths[c : end[0] + 1])
                place = (c, r)
                laid = _lay(cell, fonts.get(place, SANS), aligns.get(place, "LEFT"), width, fills.get(place))
                self.cells[place] = laid
        self.heights = self._heights(count)

    def _heights(self, count: int) -> list[float]:
        """Each row as tall as its tallest cell; a cell spanning rows stretches the last of them."""
        heights = [LEADING + 2 * V_PAD] * count
        tall: list[tuple[Place, float]] = []
        for (c, r), laid in self.cells.items():
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


class RuledTable(Flowable):  # type: ignore[misc]
    """Rows of text cells with a rule around every cell; the first `repeat` rows are repeated at
    the top of every page the table continues on."""

    def __init__(
        self,
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        style: Style = Style(),
        repeat: int = 0,
        *,
        shown: Sequence[int] | None = None,
        grid: _Grid | None = None,
    ) -> None:
        super().__init__()
        self.grid = grid or _Grid(rows, widths, style)
        self.repeat = repeat
        self.shown = list(range(len(self.grid.heights))) if shown is None else list(shown)
        self.hAlign = "CENTER"
        self.width = sum(self.grid.widths)
        self.height = sum(self.grid.heights[r] for r in self.shown)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Two parts at the last row boundary that fits (never inside a merged cell when another
        boundary fits), the header rows heading the second; nothing if not one body row fits."""
        heads = self.shown[: self.repeat]
        used = sum(self.grid.heights[r] for r in heads)
        fits = 0
        for index in range(self.repeat, len(self.shown)):
            used += self.grid.heights[self.shown[index]]
            if used > availHeight:
                break
            fits = index + 1
        if fits <= self.repeat or fits == len(self.shown):
            return []
        clean = (n for n in range(fits, self.repeat, -1) if not self.grid.breaks_inside_span(self.shown[n]))
        cut = next(clean, fits if self._on_fresh_page() else 0)
        if not cut:
            return []  # on to the next page, where the merged cell may fit whole
        return [self._part(self.shown[:cut]), self._part(heads + self.shown[cut:])]

    def _on_fresh_page(self) -> bool:
        """Nothing above the table in its frame: a merged cell taller than the page is cut."""
        return bool(getattr(getattr(self, "_frame", None), "_atTop", True))

    def _part(self, shown: list[int]) -> RuledTable:
        return RuledTable((), (), repeat=self.repeat, shown=shown, grid=self.grid)

    def draw(self) -> None:
        tops = self._tops()
        cells = self._shown_cells(tops)
        self._fills(cells)
        self._texts(cells)
        self._rules(tops)

    def _tops(self) -> dict[int, float]:
        """The y of each shown row's top edge."""
        tops, y = {}, self.height
        for r in self.shown:
            tops[r] = y
            y -= self.grid.heights[r]
        return tops

    def _box(self, place: Place, tops: dict[int, float]) -> Box | None:
        """(x, y, width, height) of a cell with its span, cut to the shown rows."""
        end = self.grid.spans.get(place, place)
        rows = [r for r in range(place[1], end[1] + 1) if r in tops]
        if not rows:
            return None
        height = sum(self.grid.heights[r] for r in rows)
        width = sum(self.grid.widths[place[0] : end[0] + 1])
        return self.grid.left[place[0]], tops[rows[0]] - height, width, height

    def _places(self) -> list[Place]:
        """The cells this part shows: those of its rows, and a merged cell begun on an earlier page."""
        grid = self.grid
        rows = set(self.shown)
        places = [(c, r) for r in self.shown for c in range(len(grid.widths)) if (c, r) in grid.cells]
        first = self.shown[self.repeat] if len(self.shown) > self.repeat else None
        begun = {grid.owner.get((c, first)) for c in range(len(grid.widths))} if first is not None else set()
        return places + [p for p in begun if p is not None and p[1] not in rows]

    def _shown_cells(self, tops: dict[int, float]) -> list[tuple[_Laid, Box]]:
        found = []
        for place in self._places():
            laid = self.grid.cells[place]
            box = self._box(place, tops) if laid.lines or laid.fill is not None else None
            if box is not None:
                found.append((laid, box))
        return found

    def _fills(self, cells: list[tuple[_Laid, Box]]) -> None:
        canvas = self.canv
        for laid, (x, y, width, height) in cells:
            if laid.fill is not None:
                canvas.setFillColor(laid.fill)
                canvas.rect(x, y, width, height, stroke=0, fill=1)

    def _texts(self, cells: list[tuple[_Laid, Box]]) -> None:
        """Every line of every cell, middle-aligned as reportlab sets a string cell."""
        text = self.canv.beginText()
        text.setFillColor(colors.black)
        font = None
        for laid, (x, y, _width, height) in cells:
            if laid.font != font:
                font = laid.font
                text.setFont(font, TABLE_SIZE, LEADING)
            baseline = y + (height + len(laid.lines) * LEADING) / 2 - TABLE_SIZE
            for dx, line in laid.lines:
                show_at(text, x + dx, baseline, line)
                baseline -= LEADING
        self.canv.drawText(text)

    def _rules(self, tops: dict[int, float]) -> None:
        """A rule on every cell edge that is not inside a merged cell, as one path."""
        canvas = self.canv
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(RULE)
        canvas.lines(self._segments(tops))

    def _segments(self, tops: dict[int, float]) -> list[tuple[float, float, float, float]]:
        grid, shown = self.grid, self.shown
        right = [x + w for x, w in zip(grid.left, grid.widths, strict=True)]
        segments = [(0.0, self.height, self.width, self.height), (0.0, 0.0, self.width, 0.0)]
        for above, below in itertools.pairwise(shown):
            y = tops[below]
            segments += [
                (grid.left[c], y, right[c], y) for c in range(len(right))
                if below != above + 1 or not grid.joined((c, above), (c, below))
            ]  # fmt: skip
        segments += [(0.0, self.height, 0.0, 0.0), (self.width, self.height, self.width, 0.0)]
        for r in shown:
            bottom = tops[r] - grid.heights[r]
            segments += [
                (grid.left[c], tops[r], grid.left[c], bottom) for c in range(1, len(right))
                if not grid.joined((c - 1, r), (c, r))
            ]  # fmt: skip
        return segments
