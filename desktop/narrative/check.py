"""情况说明 against the figures: every figure stated in the text that disagrees with the data it names.

Tolerance (rounding is not an error). FORMS.md lets a checker "read the precision from each printed
number and allow one unit in its last place". That is read as a window ONE unit wide centred on the
stated figure: the exact value must lie within ±½ unit of it, i.e. the stated figure must be a correct
half-up rounding of the exact value at the precision it is printed with (an exact tie may go either
way). Why not ±1 unit: known issue 000-V063 prints 66% for 10.15 ÷ 15.22 = 66.69 %, which is within
one unit of 66 but rounds to 67, and it must be reported; with ±½ unit it is, and so is 000-V016 (70%
for 68.86 %), while every rate report 000 rounds correctly ("18%" for 18.11 %, "96.9%" for 96.89 %,
"98%" for 97.99 %) and every amount it prints with fewer decimals ("28万元" for 28.00) passes: no
other figure of sections 一–十 is reported (tests/unit/test_narrative_sample.py).

Conservatism: a figure is checked only when its subject is identified (a subject named in its clause,
or named earlier in the sentence with nothing but function words in between); a subject with several
candidate cells (基本支出 of G03/G05/G08/G09) passes when any candidate agrees.
"""

from __future__ import annotations

import re

from desktop.models.snapshot import Snapshot
from desktop.narrative.numbers import Figure, Span, clause_at, figures, sentences
from desktop.narrative.reading import (
    PROJECT_CUES,
    Mention,
    Subject,
    figure_lead,
    first_subject,
    mentions,
    only_function_words,
    subject_before,
)
from desktop.narrative.subjects import Catalogue, Topic, build_catalogue
from desktop.narrative.verdicts import TextFinding, Verdicts

_PART_HEADING = re.compile(r"(?m)^[ \t]*第\s*([一二三四五六七八九十\d]+)\s*部分")
_BUDGET_RATE = re.compile(r"完成(年度|全年)?(调整)?预算|预算完成率|执行率")
_RATE_WORD = re.compile(r"(增长|下降|上升|降低|增加|减少)了?\s*$")
_CHANGE_WORD = re.compile(r"(增加|减少|增|减)了?\s*$")
_BUDGET_WORD = re.compile(r"预算(数|为)?")
_ACTUAL_WORD = re.compile(r"决算|执行|实际|支付")
_BUDGET_GAP = re.compile(r"决算数?(与预算数?持平|(小于|低于|大于|高于|超过)预算数?)")
_YEAR_SAME = re.compile(r"与(\d{4}年|上年)(相比)?(持平|一样)")
_BALANCE = re.compile(r"(存在|有|形成|产生|出现)结余")
_PERF_WORDS = (
    ("自评", "perf_self_evaluated"),
    ("绩效监控", "perf_monitored"),
    ("事前绩效评估", "perf_pre_assessed"),
    ("绩效目标", "perf_targets"),
)
_COUNT_UNITS = ("个", "辆", "人", "人次", "批次", "次", "台", "套", "名")


def checked_spans(text: str) -> list[Span]:
    """The whole text, less 第一部分 (部门概况: region-wide figures, not the dataset's) when the text has
    part headings."""
    heads = list(_PART_HEADING.finditer(text))
    for i, head in enumerate(heads):
        if head.group(1) in ("一", "1"):
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            return [Span(0, head.start()), Span(end, len(text))]
    return [Span(0, len(text))]


def check_text(snapshot: Snapshot, text: str) -> list[TextFinding]:
    """Findings in text order; each names the figure, both numbers and the span of the stated figure."""
    checker = _Checker(snapshot, text, build_catalogue(snapshot))
    for span in checked_spans(text):
        for sentence in sentences(text, span.start, span.end):
            checker.sentence(sentence)
    return sorted(checker.verdicts.findings, key=lambda f: (f.start, f.rule))


class _Checker:
    def __init__(self, snapshot: Snapshot, text: str, catalogue: Catalogue) -> None:
        self.snapshot, self.text, self.catalogue = snapshot, text, catalogue
        self.verdicts = Verdicts(snapshot, text)
        self.project: Topic | None = None

    def sentence(self, span: Span) -> None:
        found = mentions(self.text, span, self.catalogue, self.snapshot)
        projects = [m for m in found if m.topic.project]
        if projects:
            self.project = projects[-1].topic
        for figure in figures(self.text, span.start, span.end):
            self._figure(span, found, figure)
        self._budget_gaps(span, found)
        self._same_as_last_year(span, found)
        self._balance(span)

    def _figure(self, span: Span, found: list[Mention], figure: Figure) -> None:
        if figure.is_year:
            self._year(span, found, figure)
        elif figure.unit == "%":
            self._percent(span, found, figure)
        elif figure.unit == "万元":
            self._amount(span, found, figure)
        elif figure.unit in _COUNT_UNITS:
            self._count(span, found, figure)

    # -- percentages ---------------------------------------------------------------------------
    def _percent(self, span: Span, found: list[Mention], figure: Figure) -> None:
        lead = figure_lead(self.text, span, figure)
        if "占" in lead:
            self._share(span, found, figure, figure.start - len(lead) + lead.rindex("占"))
        elif _BUDGET_RATE.search(lead):
            subject = subject_before(self.text, span, found, figure.start)
            if subject:
                self.verdicts.budget_rate(span, figure, subject)
        elif word := _RATE_WORD.search(lead):
            subject = subject_before(self.text, span, found, figure.start)
            if subject:
                self.verdicts.yoy(span, figure, subject, word.group(1), rate=True)

    def _share(self, span: Span, found: list[Mention], figure: Figure, zhan: int) -> None:
        part = subject_before(self.text, span, found, zhan)
        if part is None:
            return
        named = [m for m in found if zhan < m.start and m.end <= figure.start]
        base: Mention | None = named[-1] if named else None
        if base is None and only_function_words(self.text[zhan + 1 : figure.start]):
            base = first_subject([m for m in found if m.start < zhan], part.topic)
        if base is not None and base.topic.key != part.topic.key:
            self.verdicts.share(span, figure, part, base)

    # -- amounts -------------------------------------------------------------------------------
    def _amount(self, span: Span, found: list[Mention], figure: Figure) -> None:
        if self.text[max(span.start, figure.start - 2) : figure.start] == "单价":
            return
        lead = figure_lead(self.text, span, figure)
        subject = subject_before(self.text, span, found, figure.start) or self._project_context(lead)
        if subject is None:
            return
        if word := _CHANGE_WORD.search(lead):
            self.verdicts.yoy(span, figure, subject, word.group(1), rate=False)
            return
        actual = bool(_ACTUAL_WORD.search(subject.lead))
        budget = bool(_BUDGET_WORD.search(subject.lead)) and not actual
        if actual and subject.topic.project:
            subject = Subject(subject.topic, subject.refs[:1], subject.lead)
        self.verdicts.amount(span, figure, subject, budget=budget)

    def _project_context(self, lead: str) -> Subject | None:
        """Inside a project's table: "实际支出250万元" speaks of the project named above."""
        if self.project is None or not any(cue in lead for cue in PROJECT_CUES):
            return None
        return Subject(self.project, self.project.refs, lead)

    # -- counts --------------------------------------------------------------------------------
    def _count(self, span: Span, found: list[Mention], figure: Figure) -> None:
        subject = subject_before(self.text, span, found, figure.start)
        if subject is not None and figure.unit in subject.topic.counts:
            self.verdicts.count(span, figure, subject.topic.label, (subject.topic.counts[figure.unit],))
            return
        if figure.unit == "个" and self.text.startswith("项目", figure.end + 1):
            self._project_count(span, figure)

    def _project_count(self, span: Span, figure: Figure) -> None:
        clause = clause_at(self.text, span, figure.start)
        if self.text[clause.start : figure.start].endswith("等"):
            self.verdicts.project_count(span, figure)
            return
        after = self.text[figure.end : clause.end]
        for word, fact in _PERF_WORDS:
            if word in after:
                self.verdicts.count(span, figure, f"{word}项目个数", (f"X01.{fact}.value",))
                return

    # -- years and words -----------------------------------------------------------------------
    def _year(self, span: Span, found: list[Mention], figure: Figure) -> None:
        before = self.text[span.start : figure.start]
        after = self.text[figure.end + 1 :]
        year = self.snapshot.department.year
        if re.search(r"(与|比|较|同)\s*$", before):
            self.verdicts.year(span, figure, year - 1, "比较的上年")
        elif (
            before.rstrip().endswith("截至")
            or re.match(r"度?部门决算", after)
            or (
                re.fullmatch(r"[\s\d.、（）()一二三四五六七八九十]*", before)
                and any(m.start in (figure.end + 1, figure.end + 2) for m in found)
            )
        ):
            self.verdicts.year(span, figure, year, "本年")

    def _budget_gaps(self, span: Span, found: list[Mention]) -> None:
        for m in _BUDGET_GAP.finditer(self.text, span.start, span.end):
            subject = subject_before(self.text, span, found, m.start())
            if subject:
                self.verdicts.budget_gap(span, m.start(), m.end(), subject)

    def _same_as_last_year(self, span: Span, found: list[Mention]) -> None:
        for m in _YEAR_SAME.finditer(self.text, span.start, span.end):
            subject = subject_before(self.text, span, found, m.start())
            if subject:
                self.verdicts.unchanged(span, m.start(3), m.end(3), subject)

    def _balance(self, span: Span) -> None:
        m = _BALANCE.search(self.text, span.start, span.end)
        if m and self.project is not None and self.text[m.start() - 1 : m.start()] not in ("没", "无"):
            self.verdicts.balance(span, m.start(), m.end(), self.project)


__all__ = ["TextFinding", "check_text"]
