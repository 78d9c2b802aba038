"""Figures as printed: a number with its unit, exact value, printed precision and span.

Offsets always refer to the text as given (full-width digits are folded one character for one).
A year ("2020年") is a figure of kind `year`: the reader takes it as scope, not as a claim to count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_FOLD = str.maketrans("０１２３４５６７８９％．－", "0123456789%.-")
AMOUNT_FACTORS = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001"), "万": Decimal(1)}
COUNT_UNITS = (
    "人次", "批次", "个", "辆", "人", "次", "台", "套", "名", "项", "家", "份", "期", "宗", "件", "户", "篇",
    "场", "批", "年",
)  # fmt: skip
_UNITS = "|".join(("个百分点", "万元", "亿元", "元", "万", "%", *COUNT_UNITS))
_FIGURE = re.compile(
    r"(?<![\d.,])(?P<num>(?P<sign>-)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?)"
    rf"[ \t]*(?P<unit>{_UNITS})"
)
_BARE = re.compile(r"\s*(?P<num>(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?)\s*")
YEAR_RANGE = range(1900, 2101)


@dataclass(frozen=True)
class StatedFigure:
    """A number as printed: its exact value (in the printed unit), unit, decimals and spans."""

    value: Decimal
    text: str
    unit: str
    places: int
    start: int
    end: int  # end of the number (the unit follows)
    unit_end: int

    @property
    def kind(self) -> str:
        """amount, percent, points, year or count."""
        if self.unit in AMOUNT_FACTORS:
            return "amount"
        if self.unit == "%":
            return "percent"
        if self.unit == "个百分点":
            return "points"
        if self.unit == "年" and self.places == 0 and int(self.value) in YEAR_RANGE:
            return "year"
        return "count"

    @property
    def factor(self) -> Decimal:
        return AMOUNT_FACTORS.get(self.unit, Decimal(1))

    @property
    def amount(self) -> Decimal:
        """The value in 万元 (amounts) or as printed (anything else)."""
        return self.value * self.factor

    @property
    def half_unit(self) -> Decimal:
        """Half a unit in the last printed place, in 万元 for amounts: 0.005 for "1.23万元"."""
        return Decimal(5).scaleb(-(self.places + 1)) * self.factor

    @property
    def printed(self) -> str:
        return f"{self.text}{self.unit}"


def fold(text: str) -> str:
    """Full-width digits and signs to ASCII, keeping every offset."""
    return text.translate(_FOLD)


def _figure(text: str, offset: int, m: re.Match[str], unit: str, unit_end: int) -> StatedFigure:
    digits = m.group("int").replace(",", "") + (f".{m.group('frac')}" if m.group("frac") else "")
    negative = "sign" in m.groupdict() and m.group("sign")
    value = -Decimal(digits) if negative else Decimal(digits)
    places = len(m.group("frac") or "")
    start, end = offset + m.start("num"), offset + m.end("num")
    return StatedFigure(value, text[start:end], unit, places, start, end, unit_end)


def figures(text: str, start: int = 0, end: int | None = None) -> list[StatedFigure]:
    """Every number followed by a unit between `start` and `end`."""
    folded = fold(text[start:end])
    return [_figure(text, start, m, m.group("unit"), start + m.end("unit")) for m in _FIGURE.finditer(folded)]


def bare_amount(text: str, start: int, end: int) -> StatedFigure | None:
    """A table cell that holds nothing but a number ("25.79" under a 万元 header): an amount."""
    m = _BARE.fullmatch(fold(text[start:end]))
    if m is None:
        return None
    return _figure(text, start, m, "万元", start + m.end("num"))
