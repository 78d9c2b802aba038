"""The page templates (cover, portrait, landscape), running header and footer, and the
one-pass build that fills in the contents' page numbers as it saves."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from desktop.io.pdf.fonts import SANS, register_fonts
from desktop.io.pdf.toc import Contents, NumberedCanvas, PageNumbers, after_flowable

MARGIN = 18 * mm
TOP = 22 * mm
PORTRAIT = "portrait"
LANDSCAPE = "landscape"
COVER = "cover"
PAGE_SIZES = {COVER: A4, PORTRAIT: A4, LANDSCAPE: landscape(A4)}


def frame_width(template: str) -> float:
    return float(PAGE_SIZES[template][0] - 2 * MARGIN)


def frame_height(template: str) -> float:
    return float(PAGE_SIZES[template][1] - TOP - MARGIN)


DRAFT_MARK = "草稿"


@dataclass(frozen=True)
class RunningText:
    header: str  # e.g. "攀枝花市西区财政局2020年度部门决算"
    draft: bool = False  # 草稿 across every page, the cover too


@dataclass(frozen=True)
class Metadata:
    """The document information besides the title: a draft or a forced export says so."""

    subject: str = ""
    keywords: str = ""


def _watermark(size: tuple[float, float], canvas: Any, _doc: Any) -> None:
    """草稿 across the page, over what it prints (so no text hides it)."""
    width, height = size
    canvas.saveState()
    canvas.setFont(SANS, 120)
    canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.18))
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, -40, DRAFT_MARK)
    canvas.restoreState()


def _decorate(running: RunningText, size: tuple[float, float], canvas: Any, doc: Any) -> None:
    width, height = size
    canvas.saveState()
    canvas.setFont(SANS, 9)
    canvas.setFillColor(colors.HexColor("#333333"))
    canvas.drawString(MARGIN, height - TOP + 8 * mm, running.header)
    canvas.setStrokeColor(colors.HexColor("#777777"))
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, height - TOP + 6.5 * mm, width - MARGIN, height - TOP + 6.5 * mm)
    canvas.drawCentredString(width / 2, MARGIN / 2, f"第 {doc.page} 页")
    canvas.restoreState()


def _template(name: str, running: RunningText) -> Any:
    size = PAGE_SIZES[name]
    frame = Frame(MARGIN, MARGIN, frame_width(name), frame_height(name), id=name, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
    marks: dict[str, Any] = {} if name == COVER else {"onPage": functools.partial(_decorate, running, size)}
    if running.draft:
        marks["onPageEnd"] = functools.partial(_watermark, size)
    return PageTemplate(id=name, frames=[frame], pagesize=size, **marks)


def build(
    target: Path | Any, story: list[Any], running: RunningText, title: str, metadata: Metadata = Metadata()
) -> None:
    """Lay out `story` into `target` (a path, or a file object with `write`) in one pass: the
    contents' page numbers are filled in as the document is saved (desktop/io/pdf/toc.py)."""
    register_fonts()
    doc = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=A4, initialFontName=SANS, title=title, author=running.header,
        subject=metadata.subject, keywords=metadata.keywords, creator="决算填报助手",
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP, bottomMargin=MARGIN,
    )  # fmt: skip
    doc.addPageTemplates([_template(name, running) for name in PAGE_SIZES])
    contents = next((f for f in story if isinstance(f, Contents)), None)
    numbers = contents.numbers if contents is not None else PageNumbers()
    doc.afterFlowable = functools.partial(after_flowable, doc, numbers)
    doc.build(story, canvasmaker=functools.partial(NumberedCanvas, numbers=numbers))
