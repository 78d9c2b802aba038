"""Strings encoded once per document (desktop/io/pdf/encoded.py): the text object gives exactly
the operators reportlab's own gives, string for string, across font subsets, repeats, a
no-break space and an empty string; a second document starts its own codes."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from desktop.io.pdf.encoded import EncodedText
from desktop.io.pdf.fonts import SANS, SANS_BOLD, register_fonts

# Far more than 256 distinct characters: the font's codes run into several subsets, and later
# strings mix characters of different subsets.
CHINESE = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 700))
STRINGS = [
    "2020年度部门决算",
    CHINESE[:300],
    "1,234.56",
    CHINESE[250:650],
    "0.00",
    "0.00",
    CHINESE[100:600:3],  # every character known by now, in several subsets
    CHINESE[::7] + "合计",
    "\u00a0空格",
    "",
    "（一）收入支出决算总体情况。",
    "0.00",
    CHINESE[640:] + "1,234.56",
]


def _codes(text_object: type[PDFTextObject]) -> list[str]:
    """Each page's text operators for STRINGS, in both fonts, from a fresh document."""
    register_fonts()
    canvas = Canvas(io.BytesIO())
    pages = []
    for font in (SANS, SANS_BOLD, SANS):
        text = text_object(canvas)
        text.setFont(font, 9, 11.7)
        for n, line in enumerate(STRINGS):
            text.setTextOrigin(10, 800 - n * 12)
            text._textOut(line)
        pages.append(text.getCode())
    return pages


def test_the_operators_are_reportlabs_own() -> None:
    ours, theirs = _codes(EncodedText), _codes(PDFTextObject)
    assert ours == theirs
    assert sum(page.count(" Tf ") for page in ours) > 20  # the strings did change subsets


def test_show_at_places_the_line_as_set_text_origin_does() -> None:
    register_fonts()
    canvas = Canvas(io.BytesIO())
    placed, shown = PDFTextObject(canvas), EncodedText(canvas)
    for text in (placed, shown):
        text.setFont(SANS, 9, 11.7)
    placed.setTextOrigin(12.5, 700.25)
    placed._textOut("合计 1,234.56")
    shown.show_at(12.5, 700.25, "合计 1,234.56")
    assert shown.getCode() == placed.getCode()
