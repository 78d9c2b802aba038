"""Subject names for 功能分类 and 经济分类 codes, from the year's code list; a code the list
does not know is shown as the code itself."""

from __future__ import annotations

from functools import cache

from desktop.forms.codes import Subject, economic_codes, functional_codes


def _subject(kind: str, code: str, year: int | None) -> Subject | None:
    if kind == "economic":
        return economic_codes(year or 2021).get(code)
    return functional_codes(year or 2021).get(code)


@cache
def code_name(kind: str, code: str, year: int | None = None) -> str:
    """Name of a `functional` or `economic` code in the year's list."""
    subject = _subject(kind, code, year)
    return subject.name if subject is not None else code


@cache
def code_aliases(kind: str, code: str, year: int | None = None) -> tuple[str, ...]:
    """Other names of a code in the code list (20805 is also 行政事业单位离退休)."""
    subject = _subject(kind, code, year)
    return subject.aliases if subject is not None else ()
