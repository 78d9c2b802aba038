"""The claim grammar's words as patterns: change verbs, measures, fillers, years, cue words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from desktop.narrative.reader.words import Words, words

_DATES = r"\d{4}年度?|\d{1,2}\s*[-—~至到]\s*\d{1,2}月|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日"
_SPACE = r"[\s（）()“”\"'‘’:：、，,]"
CLAUSE_BREAKS = "，,；;：:、"


def _alternation(items: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))


class Cues:
    def __init__(self, vocabulary: Words) -> None:
        self.words = vocabulary
        measures = [w for ws in vocabulary.of("measures").values() for w in ws]
        changes = [w for ws in vocabulary.of("change").values() for w in ws]
        comparison = [w for ws in vocabulary.of("comparison").values() for w in ws]
        years = [w for ws in vocabulary.of("years").values() for w in ws]
        filler = (*vocabulary.list("cues", "filler"), *measures, *changes, *comparison, *years)
        self._filler = re.compile(rf"(?:{_DATES}|{_SPACE}|{_alternation(filler)})+")
        self._filler_tail = re.compile(rf"(?:{_DATES}|{_SPACE}|{_alternation(filler)})+$")
        self._tail = re.compile(rf"(?:{_alternation(changes)})(?:了|约|为|达|近|超|共)*\s*$")
        self._change = {
            direction: re.compile(rf"(?:{_alternation(vocabulary.list('change', direction))})$")
            for direction in ("up", "down")
        }

    def is_filler(self, text: str) -> bool:
        return not self._filler.sub("", text)

    def strip_filler_tail(self, text: str) -> str:
        return self._filler_tail.sub("", text)

    def direction_before(self, text: str) -> str:
        """up / down when `text` ends with a change verb (增加了 / 下降 …), else ""."""
        m = self._tail.search(text)
        if m is None:
            return ""
        verb = re.sub(r"(?:了|约|为|达|近|超|共)*\s*$", "", m.group(0))
        return next((d for d, pattern in self._change.items() if pattern.search(verb)), "")

    def measure(self, text: str) -> str:
        """The kind of the first measure word in `text` ("" when it names none)."""
        best: tuple[int, int, str] | None = None
        for kind, measure_words in self.words.of("measures").items():
            for word in measure_words:
                at = text.find(word)
                if at >= 0 and (best is None or (at, -len(word)) < (best[0], best[1])):
                    best = (at, -len(word), kind)
        return best[2] if best is not None else ""

    def find(self, section: str, key: str, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """Every occurrence of a word of `section.key` in text[start:end], longest first at a place."""
        pattern = _pattern(tuple(self.words.list(section, key)))
        for m in pattern.finditer(text, start, end):
            yield m.start(), m.end()

    def has(self, section: str, key: str, text: str) -> bool:
        return any(word in text for word in self.words.list(section, key))

    def year_word(self, text: str) -> str:
        """current / prior when `text` holds a relative year word (本年 / 上年 …)."""
        for kind in ("prior", "current"):
            if any(word in text for word in self.words.list("years", kind)):
                return kind
        return ""


@cache
def _pattern(items: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_alternation(items))


@cache
def cues() -> Cues:
    return Cues(words())
