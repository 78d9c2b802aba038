"""A text object that encodes each distinct string once per document.

reportlab encodes every string it shows afresh: it maps each character to its code in one of
the font's subsets (256 codes each), then names the subset's font before each run of
characters in a new subset (a line of Chinese changes subset every few characters) and
escapes the bytes. That was most of the cost of drawing the tables and the running text. A
document shows the same strings again and again ("0.00", row names, header labels) and, once
its characters have their codes, any new string of them is encoded in a few passes of C code
(`str.translate`). The operators are exactly those of reportlab's own `_formatText`."""

from __future__ import annotations

import functools
import re
import weakref
from typing import Any

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject

_RUN = re.compile(r"(.)\1*", re.S)  # a run of characters of one subset (each marked by its subset)


class _Codes:
    """The codes one document has given one font's characters so far (reportlab's own choice,
    read back from its state), as `str.translate` tables."""

    def __init__(self, face: Any, doc: Any) -> None:
        self.face, self.doc = face, doc
        self.known: dict[int, None] = {}  # character → deleted: what is left is not known yet
        self.codes: dict[int, str] = {}  # character → its code in its subset, as a latin-1 character
        self.subsets: dict[int, str] = {}  # character → its subset, as a character

    def runs(self, text: str) -> list[tuple[int, bytes]]:
        """What reportlab's `splitString` gives: (subset, bytes) for each run of one subset."""
        if not text or text.translate(self.known):
            found = self.face.splitString(text, self.doc)
            self._learn(text)
            return found  # type: ignore[no-any-return]
        codes = text.translate(self.codes).encode("latin-1")
        marks = text.translate(self.subsets)
        if marks.count(marks[0]) == len(marks):  # one subset: an amount, a short name
            return [(ord(marks[0]), codes)]
        return [(ord(m[1]), codes[m.start() : m.end()]) for m in _RUN.finditer(marks)]

    def _learn(self, text: str) -> None:
        assigned = self.face.state[self.doc].assignments  # character → code, reportlab's own
        for char in set(map(ord, text)) - self.known.keys() - {0xA0}:  # reportlab shows U+00A0 as a space
            code = assigned.get(char)
            if code is not None:
                self.known[char] = None
                self.codes[char] = chr(code & 0xFF)
                self.subsets[char] = chr(code >> 8)


class _Document:
    """One document's encoded strings and subset font names."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.fonts: dict[str, _Codes] = {}
        self.switches: dict[tuple[str, int, float, float], str] = {}
        self.formatted: dict[tuple[str, float, float, int, str], tuple[str, int]] = {}

    def codes_of(self, font: str) -> _Codes:
        found = self.fonts.get(font)
        if found is None:
            found = self.fonts[font] = _Codes(pdfmetrics.getFont(font), self.doc)
        return found

    def switch(self, font: str, subset: int, size: float, leading: float) -> str:
        """The operators setting `font`'s `subset` (a PDF font of its own) at `size`."""
        key = (font, subset, size, leading)
        found = self.switches.get(key)
        if found is None:
            name = pdfmetrics.getFont(font).getSubsetInternalName(subset, self.doc)
            found = self.switches[key] = f"{name} {fp_str(size)} Tf {fp_str(leading)} TL"
        return found


_DOCUMENTS: weakref.WeakKeyDictionary[Any, _Document] = weakref.WeakKeyDictionary()


def _document(doc: Any) -> _Document:
    found = _DOCUMENTS.get(doc)
    if found is None:
        found = _DOCUMENTS[doc] = _Document(doc)
    return found


class EncodedText(PDFTextObject):  # type: ignore[misc]
    """reportlab's text object, its TrueType strings encoded through the document's cache."""

    _curSubset: int  # reportlab's: the subset whose font is set, -1 after a new font

    def __init__(self, canvas: Any, x: float = 0, y: float = 0) -> None:
        super().__init__(canvas, x, y)
        self._encoded = _document(self._doc)

    def _formatText(self, text: str) -> str:
        """reportlab's operators for `text`; the same string shown again in the same font, size
        and subset state gets the same operators from the document's cache."""
        key = (self._fontname, self._fontsize, self._leading, self._curSubset, text)
        found = self._encoded.formatted.get(key) if type(text) is str else None
        if found is None:
            if type(text) is not str or not pdfmetrics.getFont(self._fontname)._dynamicFont:
                return super()._formatText(text)  # type: ignore[no-any-return]
            found = self._encoded.formatted[key] = self._encode(text)
        self._curSubset = found[1]
        return found[0]

    def _encode(self, text: str) -> tuple[str, int]:
        """The operators showing `text` from the current subset, and the subset they end in."""
        font = self._fontname
        parts: list[str] = []
        current = self._curSubset
        for subset, chunk in self._encoded.codes_of(font).runs(text):
            if subset != current:
                parts.append(self._encoded.switch(font, subset, self._fontsize, self._leading))
                current = subset
            parts.append(f"({escapePDF(chunk)}) Tj")
        return " ".join(parts), current

    def show_at(self, x: float, y: float, line: str) -> None:
        """Show `line` with its baseline starting at (x, y) (the cursor stays: callers place
        every line themselves, so nothing measures the line to advance it)."""
        self._code.append(f"1 0 0 1 {number(x)} {number(y)} Tm")
        self._code.append(self._formatText(line))


@functools.lru_cache(maxsize=1 << 14)
def number(value: float) -> str:
    """`value` as reportlab writes it (a table's columns and rows repeat a few hundred values)."""
    return fp_str(value)  # type: ignore[no-any-return]
