"""A ruled table drawn with canvas primitives: every form table, project table and list of the
package. Column widths are known when it is made, so each cell is laid out once (its lines wrapped
with 禁则 from the font's cached glyph widths, its alignment and indent resolved); the table then
only adds up row heights to fit a frame, splits between rows repeating its header rows, and draws
its text in one text object and its rules in one path. reportlab's Table with a Paragraph per
cell did the same work again on every wrap, split and draw."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from desktop.io.pdf.encoded import EncodedText
from desktop.io.pdf.ruled_layout import LEADING, Cell, CellLayout, Laid, Place, Style
from desktop.io.pdf.styles import TABLE_SIZE

RULE = 0.5

Box = tuple[float, float, float, float]  # x, y, width, height
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2


class RuledTable(Flowable):  # type: ignore[misc]
    """Rows of text cells with a rule around every cell; the first `repeat` rows are repeated at
    the top of every page the table continues on."""

    def __init__(
        self,
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        style: Style | None = None,
        repeat: int = 0,
        *,
        shown: Sequence[int] | None = None,
        grid: CellLayout | None = None,
    ) -> None:
        super().__init__()
        self.grid = grid or CellLayout(rows, widths, style or Style())
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

    def _shown_cells(self, tops: dict[int, float]) -> list[tuple[Laid, Box]]:
        """The cells this part shows, with their boxes: those of its rows (a merged cell cut to
        them), then a merged cell begun on an earlier page."""
        grid = self.grid
        found = []
        for r in self.shown:
            top, height = tops[r], grid.heights[r]
            for c, laid in grid.starting[r]:
                if not laid.lines and laid.fill is None:
                    continue
                box = self._box((c, r), tops) if (c, r) in grid.spans else None
                found.append((laid, box or (grid.left[c], top - height, grid.widths[c], height)))
        for place in self._begun():
            laid, box = grid.cells[place], self._box(place, tops)
            if box is not None and (laid.lines or laid.fill is not None):
                found.append((laid, box))
        return found

    def _begun(self) -> list[Place]:
        """Merged cells begun above this part's first body row, on an earlier page."""
        grid, rows = self.grid, set(self.shown)
        first = self.shown[self.repeat] if len(self.shown) > self.repeat else None
        begun = {grid.owner.get((c, first)) for c in range(len(grid.widths))} if first is not None else set()
        return [p for p in begun if p is not None and p[1] not in rows]

    def _fills(self, cells: list[tuple[Laid, Box]]) -> None:
        canvas = self.canv
        for laid, (x, y, width, height) in cells:
            if laid.fill is not None:
                canvas.setFillColor(laid.fill)
                canvas.rect(x, y, width, height, stroke=0, fill=1)

    def _texts(self, cells: list[tuple[Laid, Box]]) -> None:
        """Every line of every cell, middle-aligned as reportlab sets a string cell."""
        text = EncodedText(self.canv)
        text.setFillColor(colors.black)
        font = None
        for laid, (x, y, _width, height) in cells:
            if laid.font != font:
                font = laid.font
                text.setFont(font, TABLE_SIZE, LEADING)
            baseline = y + (height + len(laid.lines) * LEADING) / 2 - TABLE_SIZE
            for dx, line in laid.lines:
                text.show_at(x + dx, baseline, line)
                baseline -= LEADING
        self.canv.drawText(text)

    def _rules(self, tops: dict[int, float]) -> None:
        """A rule on every cell edge that is not inside a merged cell, as one path: the edges in
        one line without a merged cell between them drawn as one segment."""
        canvas = self.canv
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(RULE)
        canvas.lines(self._across(tops) + self._down(tops))

    def _across(self, tops: dict[int, float]) -> list[Segment]:
        grid, shown = self.grid, self.shown
        right = [x + w for x, w in zip(grid.left, grid.widths, strict=True)]
        segments = [(0.0, self.height, self.width, self.height), (0.0, 0.0, self.width, 0.0)]
        columns = range(len(right))
        for above, below in itertools.pairwise(shown):
            y = tops[below]
            merged = below == above + 1 and (above in grid.span_rows or below in grid.span_rows)
            ruled = [not merged or not grid.joined((c, above), (c, below)) for c in columns]
            segments += [(grid.left[a], y, right[b - 1], y) for a, b in _runs(ruled)]
        return segments

    def _down(self, tops: dict[int, float]) -> list[Segment]:
        grid, shown = self.grid, self.shown
        segments = [(0.0, self.height, 0.0, 0.0), (self.width, self.height, self.width, 0.0)]
        for c in range(1, len(grid.widths)):
            x = grid.left[c]
            ruled = [r not in grid.span_rows or not grid.joined((c - 1, r), (c, r)) for r in shown]
            for a, b in _runs(ruled):
                last = shown[b - 1]
                segments.append((x, tops[shown[a]], x, tops[last] - grid.heights[last]))
        return segments


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """The [start, end) index ranges where `flags` holds in a row."""
    runs, start = [], None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            runs.append((start, index))
            start = None
    return runs
