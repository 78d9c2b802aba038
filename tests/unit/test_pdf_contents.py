"""The contents laid out once per width (desktop/io/pdf/toc.py): a KeepTogether offers them all
the room there is, then the frame its own; the height offered changes nothing."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from desktop.io.pdf.fonts import register_fonts
from desktop.io.pdf.sections import contents
from desktop.io.pdf.toc import PLACEHOLDER_PAGE


def test_the_contents_are_laid_out_again_only_for_another_width() -> None:
    register_fonts()
    title = "收入支出决算总体情况及其变动原因说明"
    entries = [
        (level, f"第{n}节 {title}", PLACEHOLDER_PAGE, f"h{n}{level}") for n in range(40) for level in (0, 1)
    ]
    toc = contents(entries)[1]
    toc.canv = Canvas(io.BytesIO())
    size = toc.wrap(480, 0xFFFFFFF)
    table = toc._table
    assert toc.wrap(480, 600) == size
    assert toc._table is table
    narrower = toc.wrap(120, 600)
    assert toc._table is not table
    assert narrower[1] > size[1]  # longer lines wrapped: the narrower contents are taller
