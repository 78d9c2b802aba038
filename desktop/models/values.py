"""Turning what a clerk typed into a cell's value, by the cell's kind."""

from __future__ import annotations

from decimal import Decimal

from desktop.forms.calc import CellValue
from desktop.forms.structure import CellDef
from desktop.money import parse_amount, parse_count, stored_amount, to_text


class CellError(ValueError):
    """A value or cell that cannot be accepted; the message is Chinese and says why."""


def parse_cell_value(cell: CellDef, text: str | None) -> CellValue:
    """Typed text → value for `cell`; blank clears the cell. Raises AmountError/CellError."""
    if text is None or text.strip() == "":
        return None
    if cell.kind == "text":
        return text.strip()
    if cell.kind == "count":
        return parse_count(text)
    if cell.kind == "amount":
        return parse_amount(text)
    raise CellError(f"{cell.id} 是计算结果，不能直接填写")


def stored_text(value: CellValue) -> str | None:
    """A value as the file stores it: exact decimal text, or the text itself."""
    if value is None:
        return None
    return to_text(value) if isinstance(value, Decimal) else value


def from_stored(kind: str | None, text: object) -> CellValue:
    """A stored value of a cell of `kind` (None when unknown: numbers if they parse). A
    number the file holds outside the amount range, or damaged text, stays text: sums skip
    it, the `stored.invalid` rule shows it, and typing a new value fixes it."""
    if text is None:
        return None
    text = text if isinstance(text, str) else str(text)
    if kind == "text":
        return text
    number = stored_amount(text)
    return text if number is None else number
