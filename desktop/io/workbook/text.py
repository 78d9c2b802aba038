"""Text as the reader compares it: labels, codes, numbering words and decorative lines."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")
_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十]+[)）][、.．]?|[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d))"
)
_CODE_PREFIX = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)\s*(.*)$")
# Lines under or around a table that carry no figures of it.
_DECORATION = re.compile(
    r"^(注|说明|填报说明|备注)[:：\d、.]|负责人[:：]|制表人|填表人|审核人|联系电话|报出日期"
)

_ORDINAL = re.compile(r"^[（(]?([一二三四五六七八九十]+)[)）]?[、.．]")

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


_SHORT = 200  # characters: labels, titles and headers, which a workbook repeats
Result = TypeVar("Result")


def _once_when_short(function: Callable[[str], Result]) -> Callable[[str], Result]:
    """A pure function of a text, worked out once per short text (a sheet repeats them, and
    every table's search and layout reads them again); a long text (a note) is worked out
    afresh and never kept, so the cache stays small whatever the workbook holds."""
    cached = lru_cache(maxsize=4096)(function)

    @wraps(function)
    def call(text: str) -> Result:
        return cached(text) if len(text) <= _SHORT else function(text)

    return call


# The forms' label and header patterns, compiled once (`re`'s own cache is a slower lookup,
# and a table asks them of every row).
pattern = lru_cache(maxsize=None)(re.compile)


@_once_when_short
def norm(text: str) -> str:
    """NFKC (full-width to ASCII), no whitespace, no quotes: “三公” and "三公" compare equal."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return "".join(folded.split())


def strip_numbering(text: str) -> str:
    """`一、一般公共服务支出` → `一般公共服务支出`; `（一）` and `1.` likewise."""
    return _NUMBERING.sub("", norm(text), count=1)


def numbering_ordinal(text: str) -> int | None:
    """The leading Chinese number word of a label as an integer (`二十三、` → 23)."""
    match = _ORDINAL.match(norm(text))
    return chinese_number(match.group(1)) if match else None


def chinese_number(word: str) -> int | None:
    """一 … 九十九 (`十一` → 11, `二十三` → 23); None for anything else."""
    tens, ten, units = word.partition("十")
    if not ten:
        return _CHINESE_DIGITS.get(word)
    head = _CHINESE_DIGITS.get(tens, 0) if tens else 1
    tail = _CHINESE_DIGITS.get(units, 0) if units else 0
    return head * 10 + tail if head and (tail or not units) else None


def split_code(text: str) -> tuple[str | None, str]:
    """`2010601 行政运行` → ("2010601", "行政运行"); a bare name gives (None, name)."""
    cleaned = norm(text)
    match = _CODE_PREFIX.match(unicodedata.normalize("NFKC", text).strip())
    if match and (len(match.group(1)) in (3, 5, 7)):
        return match.group(1), norm(match.group(2))
    return None, cleaned


@_once_when_short
def is_decoration(text: str) -> bool:
    return bool(_DECORATION.search(norm(text)))
