"""The lexicon: every name a 情况说明 may give a subject, a unit or a project, and where it points.

A `Concept` is a set of cells that mean one thing under different facets: "基本支出" is G03's for all
funds, G05's for 一般公共预算, G08's for 政府性基金; its 预算数 is another cell. An `LexiconEntry` is one
printed name of a concept (with the fund the name fixes, if any), of 功能分类 codes (a name recurs
under several 款: every candidate is kept and the scope chooses), of a unit or of projects.

Names match leftmost-longest, and only at phrase boundaries: "项目支出" inside "建设项目支出" or
"基本支出" in "基本支出拨款" is not the subject 项目支出/基本支出 (see reading.toml [boundary]).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

_CODE_SUFFIX = re.compile(r"(支出)?(?:[（(](?:(类|款|项)|(\d{7}|\d{5}|\d{3}))[）)])?(支出)?")
LEVEL_MARKERS = {"类": 3, "款": 5, "项": 7}
UNIT_KINDS = ("unit", "department", "subordinates")  # names of who: no phrase boundary applies


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@dataclass(frozen=True)
class Concept:
    key: str
    label: str
    cells: Mapping[str, str] = field(default_factory=dict)  # fund (or "any") → cell expression
    budget: Mapping[str, str] = field(default_factory=dict)
    counts: Mapping[str, str] = field(default_factory=dict)  # count word → cell expression
    side: str = ""  # income or expense, when the concept is one of them
    initial: Mapping[str, str] = field(default_factory=dict)  # the 年初预算, where a form prints it


@dataclass(frozen=True)
class LexiconEntry:
    """kind: concept, code, unit, department, subordinates or project."""

    kind: str
    key: str = ""
    fund: str | None = None
    codes: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    stem: bool = False  # a code name without its 支出: a name only when a marker or 支出 follows

    @property
    def subject(self) -> bool:
        return self.kind in ("concept", "code", "project")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entry: LexiconEntry
    level: int = 0  # the code level a （类）/（款）/（项） marker gives
    code: str = ""  # a code printed in brackets


@dataclass(frozen=True)
class Boundary:
    left: tuple[str, ...]
    right: tuple[str, ...]

    def left_ok(self, text: str, start: int, floor: int) -> bool:
        if start <= floor or not is_han(text[start - 1]):
            return True
        before = text[max(floor, start - 4) : start]
        return any(before.endswith(word) for word in self.left)

    def right_ok(self, text: str, end: int, ceiling: int) -> bool:
        if end >= ceiling or not is_han(text[end]):
            return True
        return any(text.startswith(word, end) for word in self.right)


class Lexicon:
    """Names → entries, concepts by key; `code_concept` builds a code's concept on first use."""

    def __init__(
        self,
        entries: Mapping[str, LexiconEntry],
        concepts: Mapping[str, Concept],
        boundary: Boundary,
        code_concept: Callable[[str], Concept],
    ) -> None:
        self.entries = dict(entries)
        self.concepts = dict(concepts)
        self.boundary = boundary
        self._code_concept = code_concept
        self._lengths: dict[str, tuple[int, ...]] = {}
        for name in self.entries:
            self._lengths.setdefault(name[0], ())
            self._lengths[name[0]] = tuple(sorted({*self._lengths[name[0]], len(name)}, reverse=True))

    def side(self, mention: Mention) -> str:
        entry = mention.entry
        if entry.kind == "code":
            return "expense"
        return self.concept(entry.key).side if entry.kind == "concept" else ""

    def concept(self, key: str) -> Concept:
        if key not in self.concepts and key.startswith("code:"):
            self.concepts[key] = self._code_concept(key.removeprefix("code:"))
        return self.concepts[key]

    def mentions(self, text: str, start: int, end: int) -> list[Mention]:
        found: list[Mention] = []
        i = start
        while i < end:
            mention = self.match_at(text, i, start, end, adjacent=bool(found) and found[-1].end == i)
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = mention.end
        return found

    def match_at(
        self, text: str, i: int, floor: int, ceiling: int, *, adjacent: bool = False
    ) -> Mention | None:
        for length in self._lengths.get(text[i], ()):
            name = text[i : i + length]
            if i + length > ceiling or name not in self.entries:
                continue
            mention = self._mention(text, i, name, ceiling)
            if mention is None:
                continue
            left = mention.entry.kind in UNIT_KINDS or adjacent or self.boundary.left_ok(text, i, floor)
            if left and self._right_ok(text, mention, ceiling):
                return mention
        return None

    def _right_ok(self, text: str, mention: Mention, ceiling: int) -> bool:
        if mention.entry.kind in UNIT_KINDS:
            return True
        if self.boundary.right_ok(text, mention.end, ceiling):
            return True
        return self.match_at(text, mention.end, mention.end, ceiling, adjacent=True) is not None

    def _mention(self, text: str, i: int, name: str, ceiling: int) -> Mention | None:
        entry = self.entries[name]
        end = i + len(name)
        if entry.kind != "code":
            return Mention(i, end, entry)
        suffix = _CODE_SUFFIX.match(text, end, ceiling)
        assert suffix is not None  # every group is optional
        if entry.stem and not suffix.group(0):
            return None
        level = LEVEL_MARKERS.get(suffix.group(2) or "", 0)
        return Mention(i, suffix.end(), entry, level, suffix.group(3) or "")
