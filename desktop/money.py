"""Money and counts as exact decimals: the one place where text becomes a number.

Amounts are 万元 with as many decimals as the clerk typed, within one documented range:
|amount| < 10¹⁵ 万元 with at most 6 decimals (1 元 = 0.0001 万元, so 分 fit with room to spare).
Every door (typing, paste, CLI, JSON, workbook, bundle) parses through here, so a value
beyond the range is refused with a message instead of overflowing a sum or a display
rounding later. A float never touches an amount.
"""

from __future__ import annotations

import functools
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext

ZERO = Decimal("0")
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** 15  # 万元, exclusive
MAX_PLACES = 6
MAX_TEXT = 64  # characters: longer text is no amount a clerk types
RANGE_TEXT = "绝对值须小于 10¹⁵ 万元，最多 6 位小数"

# A trailing unit converts to 万元: "5000元" is 0.5 万元.
_UNIT_FACTORS = (("万元", Decimal(1)), ("千元", Decimal("0.1")), ("元", Decimal("0.0001")))
# Exactly these characters are folded; everything else (superscripts, circled or
# Arabic-Indic digits, control characters) stays and is refused.
_FOLD = str.maketrans(
    {**{chr(0xFF10 + d): str(d) for d in range(10)}, "．": ".", "。": ".", "＋": "+", "－": "-"}
)
_SEPARATORS = str.maketrans(dict.fromkeys(",，\u3000\u00a0", " "))
_EDGE_SPACE = " \t\u3000\u00a0"
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}( [0-9]{3})+(\.[0-9]*)?", re.ASCII)
# At most 15 digits before the point and MAX_PLACES after: an amount in range as written.
_PLAIN_IN_RANGE = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,6})?")
_DASHES = {"-", "—", "–", "－", "——", "/"}
# Wide enough that scaling a MAX_TEXT-character number by a unit factor is exact.
_EXACT = Context(prec=MAX_TEXT + 10)


class AmountError(ValueError):
    """Text that is not an amount; the message is Chinese and says what was typed."""

    def __init__(self, text: str, reason: str = "") -> None:
        self.text = text
        shown = text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"
        shown = "".join(c if c.isprintable() else "�" for c in shown)
        detail = f"（{reason}）" if reason else ""
        super().__init__(f"“{shown}”不是有效的数字{detail}：请输入如 1234.50 的金额")


def _strip_unit(text: str) -> tuple[str, Decimal]:
    for suffix, factor in _UNIT_FACTORS:
        if text.endswith(suffix):
            return text[: -len(suffix)].strip(_EDGE_SPACE), factor
    return text, Decimal(1)


def parse_amount(text: str, *, blank_as_zero: bool = False) -> Decimal:
    """Parse what a clerk typed or a workbook holds. Accepted: ASCII or full-width digits,
    one decimal point, thousands separators (comma or space) in groups of three, a sign,
    spaces at either end and a trailing 元/千元/万元; nothing else."""
    cleaned = text.translate(_FOLD).strip(_EDGE_SPACE)
    if cleaned in _DASHES or not cleaned:
        if blank_as_zero:
            return ZERO
        raise AmountError(text, "空白")
    if len(cleaned) > MAX_TEXT:
        raise AmountError(text, "太长")
    cleaned, factor = _strip_unit(cleaned)
    cleaned = cleaned.translate(_SEPARATORS)
    if " " in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise AmountError(text, "千分位不正确")
        cleaned = cleaned.replace(" ", "")
    if not _NUMBER.fullmatch(cleaned):
        raise AmountError(text)
    with localcontext(_EXACT):
        value = Decimal(cleaned) * factor if factor != 1 else Decimal(cleaned)
    return checked_amount(value, text)


def checked_amount(value: Decimal, text: str | None = None) -> Decimal:
    """`value` if it lies in the documented range (trailing zeros past 6 places dropped);
    AmountError otherwise."""
    shown = text if text is not None else to_text(value) if value.is_finite() else str(value)
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise AmountError(shown, f"超出范围：{RANGE_TEXT}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        with localcontext(_EXACT):
            trimmed = value.quantize(Decimal(1).scaleb(-MAX_PLACES))
        if trimmed != value:
            raise AmountError(shown, f"小数位过多：{RANGE_TEXT}")
        return trimmed
    return value


def range_problem(value: object) -> AmountError | None:
    """Why a document's value that reads as a number is no amount (out of the range, too many
    places); None for an amount in range or a value that is no number (a text cell)."""
    text = str(value)
    if _PLAIN_IN_RANGE.fullmatch(text):  # most values: no number to build
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    try:
        checked_amount(number, text)
    except AmountError as exc:
        return exc
    return None


def stored_amount(text: str) -> Decimal | None:
    """A number as a dataset file stores it, or None when the text is no number in the
    range (a damaged file, or one written before the range was enforced)."""
    if len(text) > MAX_TEXT or not text.isascii():  # Decimal() would read Arabic-Indic digits
        return None
    try:
        return checked_amount(Decimal(text))
    except (ArithmeticError, AmountError):
        return None


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
    # The exact context passed, not entered: exact for every value in the range and beyond
    # it, at a tenth of a `localcontext`'s cost (a printed sum rounds every one of its terms).
    return value.quantize(_quantum(places), rounding=ROUND_HALF_UP, context=_EXACT)


@functools.cache
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places, _EXACT)


def format_amount(value: Decimal | None, places: int = 2, *, grouping: bool = False) -> str:
    """Display text: rounded half-up to `places`; blank for a missing value."""
    if value is None:
        return ""
    try:
        return _formatted(value, places, grouping, value.is_signed())
    except TypeError:  # a signalling NaN is no key: refused as it is
        return _rounded_text(value, places, grouping)


@functools.lru_cache(maxsize=1 << 14)
def _formatted(value: Decimal, places: int, grouping: bool, _signed: bool) -> str:
    """Each amount formatted once: an export prints the same amounts again, and again at the
    next export. -0 equals 0 as a key but prints "-0.00": the sign is part of the key."""
    return _rounded_text(value, places, grouping)


def _rounded_text(value: Decimal, places: int, grouping: bool) -> str:
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
