"""The 类 lines of the 支出 side of 公开01表 and 公开04表: every 类 the edition's table prints,
numbered 一、二、… in print order, blank where the department has none."""

from __future__ import annotations

from collections.abc import Mapping

from desktop.forms.catalogue import Form
from desktop.forms.naming import Naming
from desktop.forms.numerals import chinese_numeral


def template_classes(form: Form, naming: Naming, year: int, used: Mapping[str, str]) -> list[tuple[str, str]]:
    """(code, name) of every 类 the form prints in `year`, plus any 类 the department uses
    (`used`: code → the dataset's name for it) that the table lacks, in code order."""
    printed = form.mirror.printed_classes(year) if form.mirror is not None else ()
    chosen = sorted(set(printed) | set(used))
    return [(code, used.get(code) or naming.name("functional", code)) for code in chosen]


def numbered(index: int, name: str) -> str:
    """`一、一般公共服务支出` for the first line."""
    return f"{chinese_numeral(index)}、{name}"
