"""A font subset made and compressed once per process.

At every save reportlab cuts each subset of 256 characters the document used out of the whole
font file (re-reading the font's tables) and compresses it, though the next export of the same
data asks for the same subsets again (a fifth of the save's cost). The subset's bytes are kept
per font and characters, and its compressed bytes per those bytes: the file is the same, byte
for byte. Both caches are bounded so a long session exporting many datasets stays small."""

from __future__ import annotations

import functools
import zlib
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFStreamFilterZCompress

_KEPT = 64  # subsets per font: a large package uses a few dozen


@functools.lru_cache(maxsize=4 * _KEPT)  # four fonts
def _compressed(content: bytes) -> bytes:
    return zlib.compress(content)


class _KeptFlate(PDFStreamFilterZCompress):  # type: ignore[misc]
    """reportlab's Flate filter whose output for a font subset is remembered."""

    def encode(self, text: bytes) -> bytes:
        return _compressed(text)


_FLATE = _KeptFlate()


def keep_subsets(face: Any) -> None:
    """Make `face` (a TTFont's face) cut each subset once and compress it once per process."""
    cut, add = face.makeSubset, face.addSubsetObjects

    @functools.lru_cache(maxsize=_KEPT)
    def subset_of(codes: tuple[int, ...]) -> bytes:
        return cut(list(codes))  # type: ignore[no-any-return]

    def added(doc: Any, fontname: str, subset: list[int]) -> Any:
        descriptor = add(doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{face.filename}({fontname})"]
        if stream.filters:
            stream.filters = [_FLATE]
        return descriptor

    face.makeSubset = lambda subset: subset_of(tuple(subset))
    face.addSubsetObjects = added
