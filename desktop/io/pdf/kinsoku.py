"""禁则 (line-breaking rules of Chinese typesetting) for every paragraph the PDF sets: a closing
mark (，。；：、）！？》” …) never begins a line and an opening one (（《“ …) never ends one — the
character before is carried down with it; a run of Latin letters or digits (1,234.56, 2020) is
not split unless it is longer than half a line. reportlab's own CJK wrapping lets “，” and “；”
begin a line and hangs a mark past the margin, which is what this replaces."""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines, cjkU, cleanBlockQuotedText, makeCJKParaLine
from reportlab.rl_config import _FUZZ

from desktop.io.pdf.encoded import EncodedText
from desktop.io.pdf.fonts import glyph_widths

CANNOT_START = "，。；：、）！？》〉」』】〕］｝”’…‰％,.;:!?)]}%"
CANNOT_END = "（《〈「『【〔［｛“‘([{"


def _latin(char: str) -> bool:
    return bool(char) and ord(char) < 0x3000 and not char.isspace()


def _held(before: str, after: str) -> bool:
    """The two glyphs may not be parted by a line break."""
    return (bool(after) and after in CANNOT_START) or (bool(before) and before in CANNOT_END)


def break_at(text: Sequence[str], start: int, end: int) -> int:
    """Where the line from `start` ends when the glyph at `end` no longer fits."""
    cut = end
    if _latin(text[cut - 1]) and _latin(text[cut]):
        run = cut
        while run > start and _latin(text[run - 1]):
            run -= 1
        if run > start and cut - run <= (cut - start) // 2:
            cut = run
    while cut > start + 1 and _held(text[cut - 1], text[cut]):
        cut -= 1
    return cut


def _fitting(widths: Sequence[float], start: int, limit: float) -> int:
    """How many glyphs from `start` fit in `limit` (at least one): their running sum, added up in
    C a window at a time, searched by bisection (the sums only grow)."""
    window = 64
    while True:
        sums = list(itertools.accumulate(widths[start : start + window]))
        fit = bisect.bisect_right(sums, limit + _FUZZ)
        if fit < len(sums) or start + window >= len(widths):
            return max(fit, 1)
        window *= 4


def line_ends(
    text: Sequence[str], widths: Sequence[float], limits: Sequence[float], breaks: set[int]
) -> list[int]:
    """The end (exclusive) of each line: as many glyphs as fit, then 禁则. `breaks` are the
    glyphs that end their line (a forced line break)."""
    ends: list[int] = []
    start = 0
    forced = sorted(breaks)
    while start < len(text):
        limit = limits[min(len(ends), len(limits) - 1)]
        end = start + _fitting(widths, start, limit)
        cut = next((b + 1 for b in forced[bisect.bisect_left(forced, start) :] if b < end), None)
        if cut is not None:
            end = cut
        elif end < len(text):
            end = break_at(text, start, end)
        ends.append(end)
        start = end
    return ends


def _plain(frags: Sequence[Any]) -> Any | None:
    """The paragraph's text as one frag when it is one run in one font with no forced break or
    inline image (every paragraph we set, and the rest of one split across a page: a frag a line)."""
    first = frags[0] if frags else None
    if first is None or not all(sameFrag(first, f) for f in frags):  # sameFrag: no break, no image
        return None
    text = "".join(f.text for f in frags)
    return first.clone(text=text) if text else None


def _plain_lines(frag: Any, limits: Sequence[float]) -> Any:
    """The lines of a one-frag paragraph, widths from the font's cached glyph widths (building
    a glyph object per character, as reportlab's CJK wrapping does, costs most of a paragraph)."""
    text = frag.text
    widths = glyph_widths(text, frag.fontName, frag.fontSize)
    ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
    lines, start = [], 0
    for number, end in enumerate(line_ends(text, widths, limits, set())):
        limit = limits[min(number, len(limits) - 1)]
        used = sum(widths[start:end])
        word = frag.clone(text=text[start:end])
        lines.append(FragLine(kind=1, extraSpace=limit - used, wordCount=1, words=[word],
                              fontSize=frag.fontSize, ascent=ascent, descent=descent,
                              maxWidth=limit, currentWidth=used, lineBreak=False))  # fmt: skip
        start = end
    return ParaLines(kind=1, lines=lines)


class KinsokuParagraph(_Paragraph):  # type: ignore[misc]
    """A reportlab Paragraph whose CJK wrapping keeps the 禁则 (and whose strings are encoded
    once per document)."""

    def beginText(self, x: float, y: float) -> Any:
        return EncodedText(self.canv, x, y)

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        """The lines for these widths, broken once (a frame wraps a paragraph again and again)."""
        limits = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        self.height = 0
        broken = self.__dict__.get("_broken")
        if broken is None or broken[0] != limits:
            self._broken = broken = (limits, self._lines(limits))
        return broken[1]

    def _lines(self, limits: list[float]) -> Any:
        plain = _plain(self.frags)
        if plain is not None:
            return _plain_lines(plain, limits)
        glyphs = [cjkU(char, frag, "utf8") for frag in self.frags for char in (frag.text or [""])]
        widths = [float(g.width) for g in glyphs]
        breaks = {i for i, g in enumerate(glyphs) if hasattr(g.frag, "lineBreak")}
        calc = getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")) not in ("", "off")
        lines, start = [], 0
        for number, end in enumerate(line_ends(glyphs, widths, limits, breaks)):
            limit = limits[min(number, len(limits) - 1)]
            used = sum(widths[start:end])
            forced = end - 1 in breaks
            lines.append(makeCJKParaLine(glyphs[start:end], limit, used, limit - used, forced, calc))
            start = end
        return ParaLines(kind=1, lines=lines)


@functools.cache
def _run_of(style: Any) -> Any:
    """The run (frag) reportlab's markup parser makes of plain text in `style` (styles are few)."""
    return _Paragraph("x", style).frags[0]


def plain(text: str, style: Any) -> KinsokuParagraph:
    """A paragraph of `text` as it reads (no markup) in `style`. Its one run is made directly, as
    the markup parser would make it of the escaped text (parsing cost a fifth of setting a
    paragraph); whitespace is cleaned as reportlab cleans it."""
    cleaned = cleanBlockQuotedText(text)  # reportlab's own (a no-break space stays)
    if not cleaned:
        return KinsokuParagraph(escape(text), style)
    return KinsokuParagraph(cleaned, style, frags=[_run_of(style).clone(text=cleaned)])
