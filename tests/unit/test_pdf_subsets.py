"""A font subset cut and compressed once per process (desktop/io/pdf/subsets.py): the same
bytes as reportlab's own, and a second document's font files are those of the first."""

from __future__ import annotations

import functools
import io
import zlib

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace
from reportlab.pdfgen.canvas import Canvas

from desktop import fonts
from desktop.io.pdf.fonts import SANS, register_fonts

CHINESE = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 300))  # two subsets


@functools.cache
def _reportlabs_face() -> TTFontFace:
    """The font as reportlab parses it, nothing kept."""
    return TTFontFace(str(fonts.SANS))


def _document() -> tuple[bytes, list[list[int]]]:
    """A page of two subsets' characters, and the subsets' character codes."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(SANS, 9)
    canvas.drawString(20, 800, "2020年度部门决算 " + CHINESE)
    subsets = [list(codes) for codes in pdfmetrics.getFont(SANS).state[canvas._doc].subsets]
    canvas.save()
    return out.getvalue(), subsets


def test_a_subset_is_cut_once_as_reportlab_cuts_it() -> None:
    register_fonts()
    face = pdfmetrics.getFont(SANS).face
    codes = [0x20, *map(ord, "部门决算")]
    cut = face.makeSubset(codes)
    assert face.makeSubset(list(codes)) is cut
    assert cut == _reportlabs_face().makeSubset(codes)


def test_documents_carry_reportlabs_compressed_font_files() -> None:
    first, subsets = _document()
    second, _ = _document()
    assert second == first
    assert len(subsets) == 2
    assert first.count(b"/FontFile2") == 2
    for codes in subsets:  # each font file as reportlab alone would write it, still marked Flate
        assert zlib.compress(_reportlabs_face().makeSubset(codes)) in first
    assert first.count(b"/FlateDecode ]") == first.count(b"endstream")  # every stream marked Flate
