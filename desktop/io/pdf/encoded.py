"""Strings shown in a text object, each distinct string encoded once per document.

reportlab encodes every string it shows afresh: it maps each character to its code in the
font's subsets and escapes the bytes (most of the cost of drawing a table). A document shows
the same strings again and again ("0.00", row names, header labels): here the PDF operators of
a (font, string) pair are kept for the document, and the text object gets exactly what
reportlab's own `textOut` would have given it."""

from __future__ import annotations

import weakref
from typing import Any

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics

Runs = tuple[tuple[int, str], ...]  # (subset, "(bytes) Tj") in order


class _Subsets:
    """The characters of one font the document has given codes so far, by subset, as tables for
    `str.translate`: a string whose characters all sit in one subset is encoded in two passes
    of C code instead of reportlab's loop over its characters."""

    def __init__(self, face: Any, doc: Any) -> None:
        self.face, self.doc = face, doc
        self.subset: dict[int, int] = {}  # character → its subset
        self.codes: dict[int, dict[int, str]] = {}  # subset → character → its code as a latin-1 character
        self.known: dict[int, dict[int, None]] = {}  # subset → its characters, to be deleted

    def runs(self, text: str) -> list[tuple[int, bytes]]:
        first = self.subset.get(ord(text[0])) if text else None
        if first is not None and not text.translate(self.known[first]):
            return [(first, text.translate(self.codes[first]).encode("latin-1"))]
        found = self.face.splitString(text, self.doc)
        self._learn(text)
        return found  # type: ignore[no-any-return]

    def _learn(self, text: str) -> None:
        assigned = self.face.state[self.doc].assignments  # character → code, reportlab's own
        for char in map(ord, text):
            code = assigned.get(char)
            if code is not None and char not in self.subset and char != 0xA0:
                subset = code >> 8
                self.subset[char] = subset
                self.codes.setdefault(subset, {})[char] = chr(code & 0xFF)
                self.known.setdefault(subset, {})[char] = None


class _Encoder:
    """One document's encoded strings and subset font names."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.fonts: dict[str, _Subsets] = {}
        self.runs: dict[tuple[str, str], Runs] = {}
        self.names: dict[tuple[str, int], str] = {}

    def runs_of(self, font: str, text: str) -> Runs:
        found = self.runs.get((font, text))
        if found is None:
            subsets = self.fonts.get(font)
            if subsets is None:
                subsets = self.fonts[font] = _Subsets(pdfmetrics.getFont(font), self.doc)
            found = tuple((s, f"({escapePDF(chunk)}) Tj") for s, chunk in subsets.runs(text))
            self.runs[(font, text)] = found
        return found

    def name(self, font: str, subset: int) -> str:
        found = self.names.get((font, subset))
        if found is None:
            found = self.names[(font, subset)] = pdfmetrics.getFont(font).getSubsetInternalName(subset, self.doc)
        return found


_ENCODERS: weakref.WeakKeyDictionary[Any, _Encoder] = weakref.WeakKeyDictionary()


def _encoder(doc: Any) -> _Encoder:
    found = _ENCODERS.get(doc)
    if found is None:
        found = _ENCODERS[doc] = _Encoder(doc)
    return found


def show(text: Any, line: str) -> None:
    """Show `line` at the text object's current point in its current (TrueType) font, as its
    `_textOut` would (the cursor is not moved: callers place every line themselves)."""
    font = text._fontname
    encoder = _encoder(text._doc)
    parts: list[str] = []
    current = text._curSubset
    for subset, shown in encoder.runs_of(font, line):
        if subset != current:
            size = f"{fp_str(text._fontsize)} Tf {fp_str(text._leading)} TL"
            parts.append(f"{encoder.name(font, subset)} {size}")
            current = subset
        parts.append(shown)
    text._curSubset = current
    text._code.append(" ".join(parts))


def show_at(text: Any, x: float, y: float, line: str) -> None:
    """Show `line` with its baseline starting at (x, y) of the text object's page."""
    text._code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
    show(text, line)
