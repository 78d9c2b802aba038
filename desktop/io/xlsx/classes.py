"""The 类 lines of the 支出 side of 公开01表 and 公开04表: every 类 of the year's template,
numbered 一、二、… in print order, blank where the department has none."""

from __future__ import annotations

from collections.abc import Mapping

from desktop.forms.codes import functional_codes

# 类 of the code list that the 公开 template does not print (基金/预备费/转移性/发行费用).
_NOT_PRINTED = frozenset({"209", "227", "230", "233"})
# 类 that appear in the template from a year on (抗疫特别国债安排的支出: from 2020).
_FROM_YEAR = {"234": 2020}
_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 26 → 二十六 (1 … 99)."""
    tens, units = divmod(number, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[units] if units else ''}"


def template_classes(year: int, used: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(code, name) of every printed 类 of `year`, plus any 类 the department uses (`used`:
    code → the dataset's name for it) that the template lacks, in code order."""
    used = used or {}
    codes = functional_codes(year)
    printed = [
        subject.code
        for subject in codes
        if subject.level == 1 and subject.code not in _NOT_PRINTED and year >= _FROM_YEAR.get(subject.code, 0)
    ]
    chosen = sorted(set(printed) | set(used))
    return [(code, _name(codes.get(code), used.get(code) or code)) for code in chosen]


def _name(subject: object, fallback: str) -> str:
    name = getattr(subject, "name", "")
    return name if isinstance(name, str) and name else fallback


def numbered(index: int, name: str) -> str:
    """`一、一般公共服务支出` for the first line."""
    return f"{chinese_numeral(index)}、{name}"
