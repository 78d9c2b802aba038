"""Headings that enter the table of contents and the PDF outline (bookmarks), and the contents
laid out in ONE pass: the contents page draws each page number as a PDF form (XObject) that
is filled in when the document is saved, once every heading's page is known.

The contents are given their entries (with placeholder page numbers) before the build, so
they take their final size at once and nothing after them moves; the form then draws the dot
leader and the number exactly where reportlab's TableOfContents would draw them in a second
pass (its own `drawPageNumbers`)."""

from __future__ import annotations

import functools
from ast import literal_eval
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Spacer, Table
from reportlab.platypus.tableofcontents import TableOfContents, drawPageNumbers

from desktop.io.pdf.kinsoku import KinsokuParagraph, plain

PLACEHOLDER_PAGE = 99
_REACH = 5000  # the forms' bounding box: anywhere on a page, whatever the transformation


def heading(text: str, style: Any, level: int | None, toc_text: str | None = None) -> Any:
    """A KinsokuParagraph; with a `level` it is listed in the contents as `toc_text` (default: itself)."""
    paragraph = plain(text, style)
    if level is not None:
        paragraph.toc_entry = (level, toc_text or text)
    return paragraph


def _key(flowable: Any) -> str:
    return str(flowable.toc_key)


def expected_entries(story: Sequence[Any]) -> list[tuple[int, str, int, str]]:
    """The contents' entries with placeholder page numbers, in story order; each listed heading
    gets its key (bookmark and form name) by its place, so the same data gives the same bytes."""
    listed = [f for f in story if getattr(f, "toc_entry", None) is not None]
    for number, flowable in enumerate(listed, 1):
        flowable.toc_key = f"h{number}"
    return [(*f.toc_entry, PLACEHOLDER_PAGE, _key(f)) for f in listed]


@dataclass
class PageNumbers:
    """Each listed heading's page, and the contents' numbers waiting for them."""

    pages: dict[str, int] = field(default_factory=dict)
    waiting: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)  # key, where to draw

    def draw(self, canvas: Any) -> None:
        """Fill in the forms the contents page refers to (before the document is saved)."""
        kept = getattr(canvas, "_curr_tx_info", None)
        for key, (style, x, y, width, height, dot) in self.waiting:
            canvas.beginForm(_form(key), -_REACH, -_REACH, _REACH, _REACH)
            canvas._curr_tx_info = {"cur_x": x, "cur_y": y}
            drawPageNumbers(canvas, style, [(self.pages[key], None)], width, height, dot)
            canvas.endForm()
        canvas._curr_tx_info = kept


def _form(key: str) -> str:
    return f"page-of-{key}"


class Contents(TableOfContents):  # type: ignore[misc]
    """reportlab's TableOfContents, its page numbers drawn through `PageNumbers`."""

    def __init__(self, entries: Sequence[tuple[int, str, int, str]], numbers: PageNumbers, **kw: Any) -> None:
        super().__init__(**kw)
        self._lastEntries = list(entries)  # what a second pass would lay out, known now
        self.numbers = numbers
        self._wrapped_in: float | None = None
        self._size = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """reportlab's table of the entries (each a KinsokuParagraph with its entry's text
        escaped), built and sized again only for another width: its rows' heights do not depend
        on the height offered (a KeepTogether offers all the room there is, then the frame its own)."""
        if not self._lastEntries:
            return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]  # its placeholder
        if self._wrapped_in != availWidth:
            self._table = Table(self._rows(), colWidths=(availWidth,), style=self.tableStyle)
            self._size = self._table.wrapOn(self.canv, availWidth, availHeight)
            self.width, self.height = self._size
            self._wrapped_in = availWidth
        self.canv.setNamedCB("drawTOCEntryEnd", functools.partial(self._defer, availWidth, availHeight))
        return self._size

    def _rows(self) -> list[list[Any]]:
        """As reportlab's `wrap` makes them: a link to the heading, then the mark where the dot
        leader and the page number go."""
        rows: list[list[Any]] = []
        for level, text, page, key in self._lastEntries:
            style = self.getLevelStyle(level)
            label = repr(key).replace(",", "\\x2c").replace('"', "\\x2c")
            mark = f'<onDraw name="drawTOCEntryEnd" label="{page},{level},{label}"/>'
            markup = f'<a href="#{key}">{escape(text)}</a>{mark}'
            rows += [[Spacer(1, style.spaceBefore)]] if style.spaceBefore else []
            rows.append([KinsokuParagraph(markup, style)])
        return rows

    def _defer(self, width: float, height: float, canvas: Any, _kind: str, label: str) -> None:
        _page, level_text, key_text = label.split(",")
        level, key = int(level_text), literal_eval(key_text)
        style = self.getLevelStyle(level)
        dot = " . " if 0 <= self.dotsMinLevel <= level else ""
        x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
        self.numbers.waiting.append((key, (style, x, y, width, height, dot)))
        canvas.doForm(_form(key))
        canvas.linkRect("", key, (x, y, width, y + style.leading), relative=1)  # the leader and number


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that fills in the contents' page numbers when it saves."""

    def __init__(self, *args: Any, numbers: PageNumbers, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.numbers = numbers

    def save(self) -> None:
        self.numbers.draw(self)
        super().save()


def after_flowable(doc: Any, numbers: PageNumbers, flowable: Any) -> None:
    """BaseDocTemplate hook: note a listed heading's page, add a bookmark."""
    entry = getattr(flowable, "toc_entry", None)
    if entry is None:
        return
    level, text = entry
    key = _key(flowable)
    doc.canv.bookmarkPage(key)
    doc.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
    numbers.pages[key] = doc.page
