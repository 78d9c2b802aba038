"""Headings that enter the table of contents and the PDF outline (bookmarks)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from desktop.io.pdf.kinsoku import KinsokuParagraph

PLACEHOLDER_PAGE = 99


def heading(text: str, style: Any, level: int | None, toc_text: str | None = None) -> Any:
    """A KinsokuParagraph; with a `level` it is listed in the contents as `toc_text` (default: itself)."""
    paragraph = KinsokuParagraph(escape(text), style)
    if level is not None:
        paragraph.toc_entry = (level, toc_text or text)
    return paragraph


def _key(flowable: Any) -> str:
    return f"h{id(flowable)}"


def expected_entries(story: Sequence[Any]) -> list[tuple[int, str, int, str]]:
    """The contents' entries with placeholder page numbers: given to the TableOfContents before the
    first pass, it takes its final size at once and the build settles in two passes, not three."""
    listed = [f for f in story if getattr(f, "toc_entry", None) is not None]
    return [(*f.toc_entry, PLACEHOLDER_PAGE, _key(f)) for f in listed]


def after_flowable(doc: Any, flowable: Any) -> None:
    """BaseDocTemplate hook: report a listed heading's page to the contents, add a bookmark."""
    entry = getattr(flowable, "toc_entry", None)
    if entry is None:
        return
    level, text = entry
    key = _key(flowable)
    doc.canv.bookmarkPage(key)
    doc.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
    doc.notify("TOCEntry", (level, text, doc.page, key))
