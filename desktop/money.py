"""Money and counts as exact decimals: the one place where text becomes a number.

Amounts are 万元 with as many decimals as the clerk typed; a float never touches them.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal("0")
CENT = Decimal("0.01")

# A trailing unit converts to 万元: "5000元" is 0.5 万元.
_UNIT_FACTORS = (("万元", Decimal(1)), ("千元", Decimal("0.1")), ("元", Decimal("0.0001")))
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_DASHES = {"-", "—", "–", "－", "——", "/"}


class AmountError(ValueError):
    """Text that is not an amount; the message is Chinese and says what was typed."""

    def __init__(self, text: str, reason: str = "") -> None:
        self.text = text
        detail = f"（{reason}）" if reason else ""
        super().__init__(f"“{text}”不是有效的数字{detail}：请输入如 1234.50 的金额")


def _normalise(text: str) -> str:
    # NFKC folds full-width digits, comma, period and spaces to ASCII.
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).replace("，", ",").replace("。", ".")


def parse_amount(text: str, *, blank_as_zero: bool = False) -> Decimal:
    """Parse what a clerk typed or a workbook holds: thousands separators, full-width
    digits, spaces and a trailing 元/千元/万元 are accepted; anything else is refused."""
    cleaned = _normalise(text)
    if cleaned in _DASHES or not cleaned:
        if blank_as_zero:
            return ZERO
        raise AmountError(text, "空白")
    factor = Decimal(1)
    for suffix, unit_factor in _UNIT_FACTORS:
        if cleaned.endswith(suffix):
            cleaned, factor = cleaned[: -len(suffix)], unit_factor
            break
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise AmountError(text, "千分位不正确")
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.fullmatch(cleaned):
        raise AmountError(text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid text
        raise AmountError(text) from exc
    return value * factor if factor != 1 else value


def parse_count(text: str) -> Decimal:
    """A whole number ≥ 0 (staff, vehicles, batches)."""
    value = parse_amount(text)
    if value != value.to_integral_value() or value < 0:
        raise AmountError(text, "应为不小于 0 的整数")
    return value.quantize(Decimal(1))


def to_text(value: Decimal) -> str:
    """Exact decimal text for storage and interchange (no exponent, scale kept)."""
    return format(value, "f")


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_amount(value: Decimal | None, places: int = 2, *, grouping: bool = False) -> str:
    """Display text: rounded half-up to `places`; blank for a missing value."""
    if value is None:
        return ""
    rounded = round_half_up(value, places)
    return f"{rounded:,.{places}f}" if grouping else f"{rounded:.{places}f}"


def format_exact(value: Decimal) -> str:
    """Message text: at least 2 decimals, never hiding a digit the value has."""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"{value:.{places}f}"


def percent_text(ratio: Decimal, places: int = 2) -> str:
    """0.1811 → '18.11%' (half-up)."""
    return f"{round_half_up(ratio * 100, places)}%"
