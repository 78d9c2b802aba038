"""Formulas in an imported .xlsx are never evaluated: a formula cell reads as the result the file
saved with it (openpyxl's data_only). A formula saved without a result (a file made by a
program and never opened in Excel or WPS) would read as a blank figure: the sheet reader
(desktop.io.workbook.sheet_xml) notes those cells as it reads them, so that a table holding
one is refused with its cells named instead."""

from __future__ import annotations

import re

_CELL = re.compile(r"([A-Z]+)(\d+)")


def position(reference: str) -> tuple[int, int]:
    """`B7` → (7, 2); (0, 0) for a reference that is no plain cell name (nowhere in a table)."""
    match = _CELL.fullmatch(reference)
    if match is None:
        return (0, 0)
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(match.group(2)), column


def cell_name(row: int, column: int) -> str:
    """(7, 2) → B7, as Excel names a cell."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"
