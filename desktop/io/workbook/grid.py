"""A sheet as a grid of cells, the same for .xlsx and .xls, so that nothing above it
knows which library read the file. Rows and columns are 1-based as Excel shows them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

# Quoted literals and [colour]/[condition] blocks can hold digits and dots that are not places.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_PLACES = re.compile(r"\.([0#?]+)")


@lru_cache(maxsize=1024)  # a workbook has a handful of formats, over thousands of cells
def format_places(number_format: str) -> int | None:
    """Decimals a number format shows (`#,##0.00` → 2), or None when it does not say."""
    section = _FORMAT_NOISE.sub("", number_format.split(";")[0])
    if not section or section.lower() == "general" or "@" in section:
        return None
    match = _PLACES.search(section)
    return len(match.group(1)) if match else 0


def exact_number(value: float, places: int | None) -> Decimal:
    """A float as the decimal the sheet shows: repr is the shortest exact text of the float,
    rounded half-up to the format's places when the format says how many."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if places is None:
        return number
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class SheetCell(NamedTuple):
    """`text` is what the cell shows as text (stripped, never empty); `number` is set for
    numeric cells only, `formatted` tells whether the number was already rounded to its
    format. A tuple: a sheet makes one per filled cell."""

    text: str
    number: Decimal | None = None
    formatted: bool = False


@dataclass
class Grid:
    """Built once from a finished dict of cells; only non-blank cells are stored."""

    name: str
    cells: dict[tuple[int, int], SheetCell] = field(default_factory=dict)
    # (first_row, first_col, last_row, last_col), inclusive.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # (row, col) of formulas the file saved without a result, noted by the sheet reader
    uncached: set[tuple[int, int]] = field(default_factory=set)
    max_row: int = field(default=0, init=False)
    max_col: int = field(default=0, init=False)
    _anchors: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, init=False)
    _rows: dict[int, list[str]] = field(default_factory=dict, init=False)  # row → its texts, left to right

    def __post_init__(self) -> None:
        self.max_row = max((row for row, _ in self.cells), default=0)
        self.max_col = max((col for _, col in self.cells), default=0)
        for (row, _col), cell in sorted(self.cells.items()):
            if cell.text:
                self._rows.setdefault(row, []).append(cell.text)
        self._anchors = {
            (row, col): (top, left)
            for top, left, bottom, right in self.merged
            # Clipped to the used area: a whole-row merge would otherwise cost 16384 entries.
            for row in range(top, min(bottom, self.max_row) + 1)
            for col in range(left, min(right, self.max_col) + 1)
        }

    def cell(self, row: int, col: int) -> SheetCell | None:
        return self.cells.get((row, col))

    def text(self, row: int, col: int) -> str:
        found = self.cells.get((row, col))
        return found.text if found else ""

    def spanned_text(self, row: int, col: int) -> str:
        """The text of the merged range covering the cell (what the eye reads there)."""
        return self.text(*self._anchors.get((row, col), (row, col)))

    def row_texts(self, row: int) -> list[str]:
        return list(self._rows.get(row, ()))

    def is_blank_row(self, row: int) -> bool:
        return row not in self._rows


def is_empty(grids: Iterable[Grid]) -> bool:
    return all(not grid.cells for grid in grids)
