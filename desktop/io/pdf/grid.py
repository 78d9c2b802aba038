"""Ruled tables for free-form grids (project self-evaluation, scores, units list): text cells
wrap inside their column (desktop/io/pdf/ruled.py); header rows and columns are shaded, bold and
centred."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.io.pdf.ruled import RuledTable
from desktop.io.pdf.ruled_layout import Cell, Style, head_style, merged


def grid(
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    heads: Sequence[int] = (),
    head_cols: Sequence[int] = (),
    extra: Style | None = None,
    repeat: int = 0,
) -> RuledTable:
    """A ruled table; rows in `heads` and columns in `head_cols` are headers, `extra` comes last;
    the first `repeat` rows head every page the table continues on."""
    styles = [head_style((0, y), (-1, y)) for y in heads] + [head_style((x, 0), (x, -1)) for x in head_cols]
    return RuledTable(rows, widths, merged(*styles, extra or Style()), repeat)
