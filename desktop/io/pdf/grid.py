"""Ruled tables for free-form grids (project self-evaluation, scores, units list).

Text cells are given as plain strings: one that fits its column on one line stays a string (cheap
to lay out), a longer one becomes a wrapping KinsokuParagraph. Header cells are bold and centred."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from desktop.io.pdf.fonts import SANS, SANS_BOLD, text_width
from desktop.io.pdf.kinsoku import KinsokuParagraph
from desktop.io.pdf.styles import INDENT, TABLE_SIZE, indented, styles

PAD = 8.0  # left + right cell padding
HEAD_FILL = colors.HexColor("#E8ECF2")
FULL_WIDTH_SPACE = "\u3000"  # one em: the indent of one 款/项 level in a plain-string cell


def fit(text: str, width: float, *, head: bool = False, depth: int = 0, bold: bool = False) -> Any:
    """`text` as a cell `width` points wide: a string if it fits on one line, else a KinsokuParagraph."""
    if not text:
        return ""
    strong = head or bold
    needed = text_width(text, SANS_BOLD if strong else SANS, TABLE_SIZE) + INDENT * depth + PAD
    if "\n" not in text and needed <= width:
        return FULL_WIDTH_SPACE * depth + text
    style = styles().head if head else indented(depth, bold=bold)
    return KinsokuParagraph(escape(text).replace("\n", "<br/>"), style)


def base_commands() -> list[tuple[Any, ...]]:
    return [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE),
        ("LEADING", (0, 0), (-1, -1), TABLE_SIZE * 1.3),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD / 2),
    ]


def head_commands(start: tuple[int, int], end: tuple[int, int]) -> list[tuple[Any, ...]]:
    """Shade, embolden and centre a block of header cells."""
    return [
        ("BACKGROUND", start, end, HEAD_FILL),
        ("FONTNAME", start, end, SANS_BOLD),
        ("ALIGN", start, end, "CENTER"),
    ]


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    heads: Sequence[int] = (),
    head_cols: Sequence[int] = (),
    extra: Sequence[Any] = (),
) -> Any:
    """A ruled table; rows in `heads` and columns in `head_cols` are headers."""
    cells = [
        [
            fit(c, widths[x], head=y in heads or x in head_cols) if isinstance(c, str) else c
            for x, c in enumerate(row)
        ]
        for y, row in enumerate(rows)
    ]
    commands = [*base_commands()]
    commands += [cmd for y in heads for cmd in head_commands((0, y), (-1, y))]
    commands += [cmd for x in head_cols for cmd in head_commands((x, 0), (x, -1))]
    return Table(cells, colWidths=list(widths), style=TableStyle([*commands, *extra]), hAlign="CENTER")
