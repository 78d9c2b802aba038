"""Claims made in words rather than figures, and the years a sentence speaks of.

- 决算数小于/大于/与预算数持平 (gap), "与2019年持平/一样" (same), "存在结余" of a project
  (balance_word), "无…支出" / "没有…设备" (none: the subject is 0);
- a year compared with ("与2019年相比", "比上年") must be last year; "2020年度部门决算" and
  "截至2020年12月31日" must be this year; any other year sets the scope of what follows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from desktop.narrative.reader.claims import Claim, Facets
from desktop.narrative.reader.cues import Cues
from desktop.narrative.reader.figures import StatedFigure
from desktop.narrative.reader.lexicon import Mention
from desktop.narrative.reader.sentence import Attributor, SentenceView

_SAME = re.compile(
    r"(?:与|比|较|同)\s*(?:\d{4}\s*年度?|上年度?|上一年度|去年)(?:相比|比较)?[^，。；,;]{0,6}?(持平|一样|相同)"
)
_NONE = re.compile(r"(?:无|没有)\s*")
_CHAIN = re.compile(r"\s*(?:和|及|与|以及|、)\s*")
_NEGATION = ("没", "无", "未", "不")
_THIS_YEAR = re.compile(r"\s*度?\s*(?:部门)?决算")
FacetsAt = Callable[[SentenceView, int, Mention | None], Facets]


class Wording:
    def __init__(self, cues: Cues, attributor: Attributor, year: int) -> None:
        self.cues, self.attributor, self.this_year = cues, attributor, year

    # -- years ---------------------------------------------------------------------------
    def kind_of(self, value: int) -> str:
        return "current" if value == self.this_year else "prior" if value == self.this_year - 1 else "other"

    def is_comparison(self, view: SentenceView, figure: StatedFigure) -> bool:
        before = view.text[max(view.sentence.start, figure.start - 3) : figure.start].strip()
        after = view.text[figure.unit_end : figure.unit_end + 4]
        words = self.cues.words
        return any(before.endswith(w) for w in words.list("comparison", "before")) or any(
            after.lstrip("度 ").startswith(w) for w in words.list("comparison", "after")
        )

    def year(self, view: SentenceView, figure: StatedFigure) -> list[Claim]:
        if not self.this_year:
            return []
        if self.is_comparison(view, figure):
            return [self._year_claim(view, figure, "prior")]
        before = view.text[view.sentence.start : figure.start]
        if before.rstrip().endswith(("截至", "截止")) or _THIS_YEAR.match(view.text, figure.unit_end):
            return [self._year_claim(view, figure, "current")]
        return []

    @staticmethod
    def _year_claim(view: SentenceView, figure: StatedFigure, target: str) -> Claim:
        return Claim("year", view.sentence, figure.start, figure.end, figure, target=target)

    # -- word claims ---------------------------------------------------------------------
    def claims(self, view: SentenceView, topic: Mention | None, facets: FacetsAt) -> list[Claim]:
        self.facets = facets
        found = [*self._gaps(view, topic), *self._same(view, topic)]
        found += [*self._balance(view, topic), *self._none(view)]
        return found

    def _word(
        self, kind: str, view: SentenceView, span: tuple[int, int], subject: Mention | None, direction: str
    ) -> Claim:
        reason = "" if subject is not None else "no_subject"
        facets = self.facets(view, span[0], subject)
        return Claim(
            kind, view.sentence, span[0], span[1], None, subject, facets, direction=direction, reason=reason
        )

    def _gaps(self, view: SentenceView, topic: Mention | None) -> list[Claim]:
        claims = []
        for start, end in self.cues.find(
            "cues", "budget_gap", view.text, view.sentence.start, view.sentence.end
        ):
            words = view.text[start:end]
            direction = (
                "less" if ("小于" in words or "低于" in words) else "same" if "持平" in words else "more"
            )
            subject = self.attributor.subject(view, start, topic)
            claim = self._word("gap", view, (start, end), subject, direction)
            if self._after_initial_budget(view, start):
                claim = replace(claim, facets=replace(claim.facets, measure="initial"))
            claims.append(claim)
        return claims

    def _after_initial_budget(self, view: SentenceView, position: int) -> bool:
        """ "决算数大于预算数" right after a 年初预算 (this line or the one before) compares with it."""
        line = view.text.rfind("\n", 0, view.sentence.start)
        before = view.text[view.text.rfind("\n", 0, max(line, 0)) + 1 : position]
        return self.cues.has("measures", "initial", before)

    def _same(self, view: SentenceView, topic: Mention | None) -> list[Claim]:
        claims = []
        for m in _SAME.finditer(view.text, view.sentence.start, view.sentence.end):
            subject = self.attributor.subject(view, m.start(), topic)
            claims.append(self._word("same", view, m.span(1), subject, "same"))
        return claims

    def _balance(self, view: SentenceView, topic: Mention | None) -> list[Claim]:
        claims = []
        for start, end in self.cues.find(
            "cues", "balance", view.text, view.sentence.start, view.sentence.end
        ):
            if view.text[max(view.sentence.start, start - 2) : start].endswith(_NEGATION):
                continue
            subject = self.attributor.subject(view, start, topic)
            if subject is None or subject.entry.kind != "project":
                subject = topic if topic is not None and topic.entry.kind == "project" else None
            claims.append(self._word("balance_word", view, (start, end), subject, ""))
        return claims

    def _none(self, view: SentenceView) -> list[Claim]:
        claims = []
        for m in _NONE.finditer(view.text, view.sentence.start, view.sentence.end):
            at = m.end()
            while (mention := _starting(view, at)) is not None:
                claims.append(self._word("none", view, (mention.start, mention.end), mention, ""))
                chain = _CHAIN.match(view.text, mention.end)
                if chain is None:
                    break
                at = chain.end()
        return claims


def _starting(view: SentenceView, position: int) -> Mention | None:
    return next((m for m in view.subjects() if m.start == position), None)


def year_of(view: SentenceView, position: int, wording: Wording) -> str:
    """The year a figure at `position` speaks of: the last year named before it that is not compared
    with; a relative year word (上年 …) not after 与/比/较; else this year."""
    years = [f for f in view.figures if f.kind == "year" and f.end <= position]
    stated = [f for f in years if not wording.is_comparison(view, f)]
    if stated:
        return wording.kind_of(int(stated[-1].value))
    clause = view.text[view.clause_start(position) : position]
    relative = wording.cues.year_word(clause)
    if relative and not re.search(r"(?:与|比|较|同)\s*(?:上|本|去|当)", clause):
        return relative
    return "current"
