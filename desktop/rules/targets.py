"""Numeric targets in an indicator's 年度指标值 / 实际完成值 texts.

"召开培训2期" → (=, 2, 期); "≥95%" → (≥, 95, %); "48小时内解决" → (≤, 48, 小时);
"抽样调查满意度达到基本满意及以上" → None. A text with several quantities ("2期，200人") is
not one target either. Dates ("2020年9月", "2020年度") are never quantities.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from desktop.money import ZERO, parse_amount, to_text

GE, LE, EQ = "≥", "≤", "="
POSITIVE, NEGATIVE = "正向", "反向"
ONE = Decimal(1)

# Comparator words; `_alternation` tries the longest spelling first.
_PREFIXES = {
    "大于等于": GE, "不低于": GE, "不少于": GE, "至少": GE, "达到": GE, ">=": GE, "≥": GE, ">": GE,
    "小于等于": LE, "不高于": LE, "不超过": LE, "不多于": LE, "控制在": LE, "<=": LE, "≤": LE, "<": LE,
    "等于": EQ, "=": EQ,
}  # fmt: skip
_SUFFIXES = {"及以上": GE, "以上": GE, "及以下": LE, "以下": LE, "以内": LE, "之内": LE, "内": LE}
UNITS = (
    "万人次", "万元", "千元", "元", "万人", "人次", "小时", "个工作日", "工作日", "个月", "平方米", "公里",
    "%", "‰", "个", "月", "天", "日", "年", "周", "次", "人", "户", "期", "份", "家", "项", "套",
    "台", "件", "场", "篇", "所", "条", "册", "本", "批", "处", "亩", "辆", "座", "间", "万",
)  # fmt: skip
_UNIT_ALIASES = {"万": "万元", "日": "天", "个工作日": "工作日"}
_MONEY_UNITS = ("万元", "千元", "元")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A year, or a month (a duration is 个月): "2020年度", "2020年9月", "12月底前".
_DATE = re.compile(
    r"(?:19|20)\d{2}年(?:度|底|末|全年)?(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末)?)?"
    r"|\d{1,2}月(?:\d{1,2}日)?(?:底|末|份|上旬|中旬|下旬)?"
)
_QUANTITY = re.compile(
    rf"(?P<pre>{_alternation(_PREFIXES)})?(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)"
    rf"(?P<unit>{_alternation(UNITS)})?(?P<post>{_alternation(_SUFFIXES)})?"
)


@dataclass(frozen=True)
class Target:
    comparator: str
    number: Decimal
    unit: str

    def __str__(self) -> str:
        sign = "" if self.comparator == EQ else self.comparator
        return f"{sign}{plain(self.number)}{self.unit}"


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).replace("，", ",")


def parse_quantities(text: str) -> tuple[Target, ...]:
    """Every quantity a text states, dates left out."""
    cleaned = _DATE.sub("；", _normalise(text))
    found = []
    for match in _QUANTITY.finditer(cleaned):
        unit = match["unit"] or ""
        comparator = _PREFIXES.get(match["pre"] or "") or _SUFFIXES.get(match["post"] or "") or EQ
        found.append(Target(comparator, parse_amount(match["num"]), _UNIT_ALIASES.get(unit, unit)))
    return tuple(found)


def parse_target(text: str) -> Target | None:
    """The one numeric target of a text, or None (no number, or several)."""
    found = parse_quantities(text)
    return found[0] if len(found) == 1 else None


def direction(target: Target, level2: str = "") -> str:
    """正向: more is better (≥, =); 反向: less is better (≤, and every 成本指标)."""
    return NEGATIVE if target.comparator == LE or "成本" in level2 else POSITIVE


def _in_unit(actual: Target, unit: str) -> Decimal | None:
    """The actual value in the target's unit; money converts between 元/千元/万元."""
    if actual.unit in ("", unit):
        return actual.number
    if actual.unit in _MONEY_UNITS and unit in _MONEY_UNITS:
        in_wan = parse_amount(f"{actual.number}{actual.unit}")
        return in_wan / parse_amount(f"1{unit}")
    return None


@dataclass(frozen=True)
class Comparison:
    """A numeric target against its numeric outcome, both in the target's unit."""

    target: Target
    actual: Decimal
    direction: str

    @property
    def met(self) -> bool:
        if self.direction == NEGATIVE:
            return self.actual <= self.target.number
        return self.actual >= self.target.number

    @property
    def ratio(self) -> Decimal:
        """Degree of completion, capped at 1: actual ÷ target (正向), target ÷ actual (反向)."""
        if self.met:
            return ONE
        if self.direction == NEGATIVE:
            return self.target.number / self.actual
        return self.actual / self.target.number if self.target.number else ONE

    @property
    def actual_text(self) -> str:
        return str(Target(EQ, self.actual, self.target.unit))

    def describe(self) -> str:
        verdict = "达到目标" if self.met else "未达到目标"
        return f"年度指标值 {self.target}，实际完成 {self.actual_text}，{self.direction}指标，{verdict}"


def compare(expected: str, actual_value: str, level2: str = "") -> Comparison | None:
    """Compare the two texts when both state one quantity in compatible units."""
    target, actual = parse_target(expected), parse_target(actual_value)
    if target is None or actual is None:
        return None
    value = _in_unit(actual, target.unit)
    if value is None or value < ZERO:
        return None
    return Comparison(target, value, direction(target, level2))


def plain(number: Decimal) -> str:
    """A number as a message shows a score or a weight: 10, 7.5, 0.25."""
    return to_text(number.normalize())


def unearned_full_marks(
    expected: str, actual_value: str, level2: str, weight: Decimal | None, score: Decimal | None
) -> Comparison | None:
    """The comparison behind a full score given for a numeric target that was missed
    (a target of 4 times met once, scored full); None when the score is plausible."""
    if weight is None or score is None or weight <= 0 or score < weight:
        return None
    found = compare(expected, actual_value, level2)
    return found if found is not None and not found.met else None
