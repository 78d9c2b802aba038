"""Paragraph styles of the PDF package: Sans for headings and tables, Serif for running text."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from desktop.io.pdf.fonts import SANS, SANS_BOLD, SERIF, register_fonts

TABLE_SIZE = 9.0
INDENT = TABLE_SIZE  # one character per 款/项 level


@dataclass(frozen=True)
class Styles:
    cover_title: Any
    cover_line: Any
    h1: Any
    h2: Any
    h3: Any
    body: Any
    caption: Any
    note: Any
    table_title: Any
    table_label: Any
    meta_left: Any
    meta_center: Any
    meta_right: Any
    toc: tuple[Any, ...]


def _style(name: str, font: str, size: float, **extra: Any) -> Any:
    leading = extra.pop("leading", size * 1.45)
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **extra)


@functools.cache
def styles() -> Styles:
    register_fonts()
    return Styles(
        cover_title=_style("cover_title", SANS_BOLD, 26, alignment=TA_CENTER, leading=40),
        cover_line=_style("cover_line", SERIF, 15, alignment=TA_CENTER, leading=26),
        h1=_style("h1", SANS_BOLD, 16, alignment=TA_CENTER, spaceBefore=6, spaceAfter=12, keepWithNext=1),
        h2=_style("h2", SANS_BOLD, 12.5, spaceBefore=10, spaceAfter=6, keepWithNext=1),
        h3=_style("h3", SANS_BOLD, 11, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        body=_style("body", SERIF, 11, alignment=TA_JUSTIFY, firstLineIndent=22, spaceAfter=3),
        caption=_style("caption", SANS, 10, alignment=TA_CENTER, spaceBefore=2, spaceAfter=10),
        note=_style("note", SERIF, 9.5, spaceBefore=4),
        table_title=_style("table_title", SANS_BOLD, 14, alignment=TA_CENTER, spaceAfter=4),
        table_label=_style("table_label", SANS, 9.5, alignment=TA_RIGHT),
        meta_left=_style("meta_left", SANS, 9.5, alignment=TA_LEFT),
        meta_center=_style("meta_center", SANS, 9.5, alignment=TA_CENTER),
        meta_right=_style("meta_right", SANS, 9.5, alignment=TA_RIGHT),
        toc=(
            _style("toc1", SANS_BOLD, 12, leftIndent=0, firstLineIndent=0, spaceBefore=6),
            _style("toc2", SERIF, 10.5, leftIndent=22, firstLineIndent=0),
        ),
    )
