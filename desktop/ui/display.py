"""Cell values as text: amounts in 万元 or 元 (the amount scale), counts, rates, last year's change."""

from __future__ import annotations

from decimal import Decimal

from desktop.forms.calc import CellValue
from desktop.money import format_amount, percent_text, to_text

YUAN_PER_WAN = Decimal(10000)
SCALE_SUFFIXES = ("万元", "千元", "元")


def show(value: CellValue, kind: str, scale: str) -> str:
    """What a cell displays: amounts with 2 decimals and thousands separators."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        return value
    if kind == "count":
        return to_text(value)  # 2020年, 12人: whole numbers, never grouped like 1,234.00 万元
    if kind == "rate":
        return percent_text(value)
    if scale == "元":
        value = value * YUAN_PER_WAN
    return format_amount(value, grouping=True)


def edit_text(value: CellValue, kind: str, scale: str) -> str:
    """What the editor starts with: the exact value, in the amount scale shown."""
    if not isinstance(value, Decimal):
        return value or ""
    if kind != "amount" or scale != "元":
        return to_text(value)  # exactly as stored
    # 306.19 万元 → 3061900.0000 元: drop the zeros the factor adds.
    return to_text((value * YUAN_PER_WAN).normalize())


def input_text(text: str | None, kind: str, scale: str) -> str | None:
    """Typed text → what the dataset parses. In 元 mode a bare number means 元, which
    parse_amount converts exactly when it carries the 元 suffix."""
    if text is None or kind != "amount" or scale != "元":
        return text
    stripped = text.strip()
    if not stripped or stripped.endswith(SCALE_SUFFIXES):
        return text
    return stripped + "元"


def change(current: Decimal | None, prior: Decimal | None) -> Decimal | None:
    if current is None and prior is None:
        return None
    return (current or Decimal(0)) - (prior or Decimal(0))
