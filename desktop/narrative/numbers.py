"""Finding figures in a text: numbers with their unit and printed precision, sentences and clauses.

Offsets always refer to the text as given (full-width digits are folded one character for one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_FOLD = str.maketrans("０１２３４５６７８９％．－", "0123456789%.-")
_FIGURE = re.compile(
    r"(?<![\d.,])(?P<num>(?P<sign>-)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?)"
    r"\s*(?P<unit>万元|%|个|辆|人次|人|批次|次|台|套|名|年)"
)
SENTENCE_BREAKS = "。！？!?\n"
CLAUSE_BREAKS = SENTENCE_BREAKS + "；;，,：:、"
YEAR_RANGE = range(1900, 2101)


@dataclass(frozen=True)
class Figure:
    """A number as printed: its exact value, unit, decimals printed and span (number only)."""

    value: Decimal
    text: str
    unit: str
    places: int
    start: int
    end: int

    @property
    def half_unit(self) -> Decimal:
        """Half a unit in the last printed place: 0.005 for "1.23", 0.5 for "66"."""
        return Decimal(5).scaleb(-(self.places + 1))

    @property
    def is_year(self) -> bool:
        return self.unit == "年" and self.places == 0 and int(self.value) in YEAR_RANGE


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def fold(text: str) -> str:
    """Full-width digits and signs to ASCII, keeping every offset."""
    return text.translate(_FOLD)


def figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every number followed by a unit between `start` and `end`."""
    folded = fold(text[start:end])
    found: list[Figure] = []
    for m in _FIGURE.finditer(folded):
        digits = m.group("int").replace(",", "") + (f".{m.group('frac')}" if m.group("frac") else "")
        value = -Decimal(digits) if m.group("sign") else Decimal(digits)
        places = len(m.group("frac") or "")
        number = text[start + m.start() : start + m.end("num")]
        found.append(Figure(value, number, m.group("unit"), places, start + m.start(), start + m.end("num")))
    return [f for f in found if f.unit != "年" or f.is_year]


def _split(text: str, start: int, end: int, breaks: str) -> list[Span]:
    spans: list[Span] = []
    begin = start
    for i in range(start, end):
        if text[i] in breaks:
            if i > begin:
                spans.append(Span(begin, i))
            begin = i + 1
    if end > begin:
        spans.append(Span(begin, end))
    return spans


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    return _split(text, start, len(text) if end is None else end, SENTENCE_BREAKS)


def clauses(text: str, sentence: Span) -> list[Span]:
    return _split(text, sentence.start, sentence.end, CLAUSE_BREAKS)


def clause_at(text: str, sentence: Span, position: int) -> Span:
    """The clause of `sentence` that holds `position`."""
    for clause in clauses(text, sentence):
        if clause.start <= position < clause.end:
            return clause
    return Span(position, position)
