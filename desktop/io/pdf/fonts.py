"""The bundled CJK fonts registered with reportlab once per process (TrueType outlines: embedded)."""

from __future__ import annotations

import functools

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop import fonts
from desktop.io.pdf.subsets import keep_subsets

SANS = "JuesuanSans"
SANS_BOLD = "JuesuanSans-Bold"
SERIF = "JuesuanSerif"
SERIF_BOLD = "JuesuanSerif-Bold"


@functools.cache
def register_fonts() -> None:
    """Register Sans (黑体 look: headings, tables, charts) and Serif (宋体 look: body text)."""
    for name, path in (
        (SANS, fonts.SANS),
        (SANS_BOLD, fonts.SANS_BOLD),
        (SERIF, fonts.SERIF),
        (SERIF_BOLD, fonts.SERIF_BOLD),
    ):
        font = TTFont(name, str(path))
        keep_subsets(font.face)
        pdfmetrics.registerFont(font)
    for family, bold in ((SANS, SANS_BOLD), (SERIF, SERIF_BOLD)):
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, bold)
        addMapping(family, 0, 1, family)
        addMapping(family, 1, 1, bold)


@functools.lru_cache(maxsize=1 << 16)
def text_width(text: str, font: str, size: float) -> float:
    """Width in points of `text` set in a registered font (a table sizes its columns by its cells'
    widths and then sets them: each string is measured once)."""
    register_fonts()
    return float(pdfmetrics.stringWidth(text, font, size))


@functools.cache
def _glyph_table(font: str, size: float) -> dict[str, float]:
    return {}


def glyph_widths(text: str, font: str, size: float) -> list[float]:
    """Each character's width in points, from a per-font table filled as characters are first met
    (CJK text repeats a few thousand glyphs; measuring each occurrence is what costs)."""
    table = _glyph_table(font, size)
    try:
        return [table[c] for c in text]
    except KeyError:
        register_fonts()
        table.update((c, float(pdfmetrics.stringWidth(c, font, size))) for c in set(text) - table.keys())
        return [table[c] for c in text]
