"""The claim grammar: every figure of the document becomes a claim — amount, count, change (with
direction), share (with its base), completion of budget, project count, a project table's field or
indicator — or a claim with the reason it cannot be one. Nothing is dropped.

The words right before a figure decide its kind: a change verb (增加/下降 …) makes a change, 占 a
share, 完成预算 a completion; otherwise it is an amount or a count of its subject. Parts of the
document that are not the department's 决算 (部门概况, 名词解释, the tables part) are not read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.narrative.reader.claims import Claim, Facets
from desktop.narrative.reader.cues import cues
from desktop.narrative.reader.document import Document, Heading, Sentence
from desktop.narrative.reader.enumerations import Enumerations
from desktop.narrative.reader.figures import StatedFigure
from desktop.narrative.reader.lexicon import Lexicon, LexiconEntry, Mention
from desktop.narrative.reader.resolve import Resolver
from desktop.narrative.reader.scope import ClaimScope
from desktop.narrative.reader.sentence import Attributor, SentenceView
from desktop.narrative.reader.wording import Wording, year_of
from desktop.narrative.reader.words import synonyms

UNREAD_PARTS = ("front", "overview", "glossary", "tables")
_INCLUDING = re.compile(r"\s*[（(]\s*(?:其中)?\s*(?:含|包含|包括)\s*")


class Grammar:
    def __init__(self, document: Document, lexicon: Lexicon, resolver: Resolver) -> None:
        self.document, self.lexicon, self.resolver = document, lexicon, resolver
        self.text = document.text
        self.cues = cues()
        self.attributor = Attributor(self.cues, resolver)
        self.scope = ClaimScope()
        self.enumerations = Enumerations()
        self.wording = Wording(self.cues, self.attributor, resolver.snapshot.department.year)
        self.claims: list[Claim] = []
        self.codes: dict[tuple[int, int], tuple[str, str]] = {}  # a code name's span → (code, reason)
        self.topic: Mention | None = None  # what the sentence speaks of when it names nothing

    def read(self) -> list[Claim]:
        for sentence in self.document.sentences:
            self._sentence(sentence)
        return self.claims

    # -- one sentence --------------------------------------------------------------------
    def _sentence(self, sentence: Sentence) -> None:
        mentions = self.lexicon.mentions(self.text, sentence.start, sentence.end)
        figures = [f for f in self.document.figures(sentence) if not _inside(f, mentions, self.text)]
        view = SentenceView(self.text, sentence, mentions, figures)
        if sentence.heading is not None:
            self._heading(view)
        self.enumerations.sentence()
        self._codes(view)
        if sentence.heading is not None:
            self._heading_topic(view)
        if sentence.place.part in UNREAD_PARTS:
            self.claims += [_unread(sentence, f, "part") for f in figures if f.kind != "year"]
            return
        self._unit_label(view)
        self.topic = self._topic(view)
        self.attributor.respectively(view)
        here: list[Claim] = []
        cue_spans = self._enumeration_cues(view)
        for figure in figures:
            self._cues_before(view, figure.start, cue_spans, here)
            for claim in self._figure(view, figure):
                here.append(claim)
                self.enumerations.add(claim)
        self._cues_before(view, sentence.end, cue_spans, here)
        self.claims += here
        self.claims += [self._coded(c) for c in self.wording.claims(view, self.topic, self._facets)]

    def _topic(self, view: SentenceView) -> Mention | None:
        """A project table's cell speaks of its project; anything else of the open heading's subject."""
        sentence = view.sentence
        table = self.document.tables[sentence.table] if sentence.table >= 0 else None
        if table is None or sentence.cell[0] not in table.projects:
            return self.scope.topic
        name, unit = table.projects[sentence.cell[0]]
        project, _reason = self.resolver.project_named(name, unit)
        return (
            Mention(view.sentence.start, view.sentence.start, LexiconEntry("project", ids=(project.id,)))
            if project
            else None
        )

    @staticmethod
    def _title(view: SentenceView) -> tuple[Heading, int, list[Mention]]:
        """The heading a sentence opens, where its title ends, and the names in the title."""
        heading = view.sentence.heading
        assert heading is not None
        title_end = heading.start + len(heading.title)
        return heading, title_end, [m for m in view.mentions if m.end <= title_end]

    def _heading(self, view: SentenceView) -> None:
        heading, _end, in_title = self._title(view)
        unit = next((_unit_of(m) for m in in_title if m.entry.kind in _UNIT_KINDS), None)
        fund = self.cues.words.kind("funds", heading.title) or None
        self.scope.open(heading.level, fund, unit)
        self.enumerations.heading()

    def _heading_topic(self, view: SentenceView) -> None:
        """The last subject a heading names (before any figure) is what its section speaks of."""
        heading, title_end, in_title = self._title(view)
        first_figure = min((f.start for f in view.figures), default=title_end)
        subjects = [m for m in in_title if m.entry.subject and m.end <= first_figure]
        topic = subjects[-1] if subjects else None
        if topic is None and "项目" in heading.title:
            topic = self.attributor.loose_project(view, heading.start, min(first_figure, title_end))
        if topic is not None:
            self.scope.set(topic=topic)

    def _codes(self, view: SentenceView) -> None:
        """Resolve code names in order; a 类 or 款 becomes the parent of the names after it."""
        for mention in view.mentions:
            if mention.entry.kind != "code":
                continue
            code, reason = self.resolver.code(mention, self.scope.parent)
            self.codes[mention.start, mention.end] = (code, reason)
            if code and len(code) < 7:
                self.scope.set(parent=code)

    def _code_of(self, mention: Mention) -> str:
        return self.codes.get((mention.start, mention.end), ("", ""))[0]

    def _code_for(self, subject: Mention | None) -> tuple[str, str]:
        """The code a code subject resolved to (in this sentence or the heading it carries over from)."""
        if subject is None or subject.entry.kind != "code":
            return "", ""
        return self.codes.get((subject.start, subject.end), ("", "no_subject"))

    def _coded(self, claim: Claim) -> Claim:
        code, reason = self._code_for(claim.subject)
        return replace(claim, code=code, reason=claim.reason or reason) if code or reason else claim

    def _unit_label(self, view: SentenceView) -> None:
        """A sentence that only names a unit ("本级：") or a subject (a table's "财政投资评审" cell)
        sets the unit or the subject of what follows, up to the next heading."""
        named = view.mentions
        if len(named) != 1 or view.figures:
            return
        rest = self.text[view.sentence.start : named[0].start] + self.text[named[0].end : view.sentence.end]
        if len(rest.strip(" ：:，,。（）()\t\u3000")) > 4:
            return
        if named[0].entry.kind in _UNIT_KINDS:
            self.scope.set(unit=_unit_of(named[0]))
        elif named[0].entry.subject:
            self.scope.set(topic=named[0])

    # -- enumeration cues ----------------------------------------------------------------
    def _enumeration_cues(self, view: SentenceView) -> list[tuple[int, int, Mention | None]]:
        start, end = view.sentence.start, view.sentence.end
        found: list[tuple[int, int, Mention | None]] = [
            (s, e, None) for s, e in self.cues.find("cues", "enumeration", self.text, start, end)
        ]
        for mention in view.subjects():  # "“三公”经费财政拨款支出决算中，": the total is the subject
            tail = self.text[mention.end : min(end, mention.end + 6)]
            cut = min((tail.find(c) for c in "，,：:" if c in tail), default=-1)
            if cut > 0 and tail[:cut].endswith("中") and self.cues.is_filler(tail[:cut]):
                found.append((mention.end + cut - 1, mention.end + cut, mention))
        return sorted(found, key=lambda item: item[0])

    def _cues_before(
        self,
        view: SentenceView,
        position: int,
        cue_spans: list[tuple[int, int, Mention | None]],
        here: list[Claim],
    ) -> None:
        while cue_spans and cue_spans[0][0] < position:
            start, end, subject = cue_spans.pop(0)
            before = self.text[view.sentence.start : start]
            after = self.text[end : view.sentence.end]
            self.enumerations.cue(
                here,
                subject,
                self._facets(view, start, subject),
                at_start=self.cues.is_filler(before),
                at_end=not after.strip(" ：:，,。\t\u3000"),
            )

    # -- one figure ----------------------------------------------------------------------
    def _figure(self, view: SentenceView, figure: StatedFigure) -> list[Claim]:
        if figure.kind == "year":
            return self.wording.year(view, figure)
        role = self.document.role(view.sentence)
        if role is not None and ":" in role.field:
            return [self._project_field(view, figure, role.field, role.project, role.unit)]
        claims = []
        if role is not None:
            indicator = self._claim(
                "indicator", view, figure, None, Facets(), target=role.column or role.field
            )
            claims.append(replace(indicator, role=role, reason=""))
        claim = self._grammar(view, figure)
        if role is not None:
            claim = replace(claim, role=role)
        if role is not None and role.column == "expected":
            claim = _target(claim)
        return [*claims, claim]

    def _grammar(self, view: SentenceView, figure: StatedFigure) -> Claim:
        start = view.clause_start(figure.start)
        before = self.text[start : figure.start]
        if figure.kind in ("percent", "points"):
            zhan = before.rfind("占")
            if zhan >= 0 and not _in_mention(view, start + zhan):
                return self._share(view, figure, start + zhan)
            if self.cues.has("cues", "completion", view.outside_mentions(start, figure.start)):
                return self._simple("completion", view, figure)
            if direction := self.cues.direction_before(before):
                return self._simple("change", view, figure, direction=direction)
            return _unread(view.sentence, figure, "no_rule")
        if direction := self.cues.direction_before(before):
            return self._simple("change", view, figure, direction=direction)
        if figure.kind == "count" and figure.unit == "个" and self.text.startswith("项目", figure.unit_end):
            return self._project_count(view, figure)
        return self._simple("amount" if figure.kind == "amount" else "count", view, figure)

    def _simple(self, kind: str, view: SentenceView, figure: StatedFigure, direction: str = "") -> Claim:
        found = self.attributor.subject(view, figure.start, self.topic)
        facets = self._facets(view, figure.start, found)
        if kind == "completion" and self._of_initial_budget(view, figure.start):
            facets = replace(facets, measure="initial")
        claim = self._claim(kind, view, figure, found, facets, direction=direction)
        return replace(claim, includes=self._included(view, figure)) if kind == "amount" else claim

    def _included(self, view: SentenceView, figure: StatedFigure) -> Mention | None:
        """The subject B of "x（含B y）" right after the figure: x counts B in."""
        opened = _INCLUDING.match(self.text, figure.unit_end, view.sentence.end)
        if opened is None:
            return None
        return next((m for m in view.subjects() if m.start == opened.end()), None)

    def _of_initial_budget(self, view: SentenceView, position: int) -> bool:
        """完成预算 after a 年初预算 stated in the same sentence is a completion of the 年初预算."""
        before = self.text[view.sentence.start : position]
        return self.cues.has("measures", "initial", before)

    def _share(self, view: SentenceView, figure: StatedFigure, zhan: int) -> Claim:
        part = self.attributor.subject(view, zhan, self.topic)
        named = [m for m in view.subjects() if zhan < m.start and m.end <= figure.start]
        claim = self._claim("share", view, figure, part, self._facets(view, zhan, part))
        if named:
            return self._based(claim, named[-1], self._facets(view, figure.start, named[-1]))
        if view.outside_mentions(zhan + 1, figure.start).strip() not in ("", "的"):
            return _reasoned(claim, "no_base")  # "占全年预算数的58%": a base the data do not name
        current = self.enumerations.current
        if current is None or current.subject is None:
            return _reasoned(claim, "no_base")
        return self._based(claim, current.subject, current.facets)

    def _based(self, claim: Claim, base: Mention, facets: Facets) -> Claim:
        return replace(claim, base=base, base_facets=facets, base_code=self._code_of(base))

    def _project_count(self, view: SentenceView, figure: StatedFigure) -> Claim:
        start = view.clause_start(figure.start)
        span_end = figure.unit_end + len("项目")
        view.mentions.append(Mention(figure.start, span_end, LexiconEntry("concept", "projects")))
        view.mentions.sort(key=lambda m: m.start)
        claim = self._claim("project_count", view, figure, None, Facets())
        if self.cues.has("cues", "project_total", self.text[start : figure.start]):
            return _targeted(claim, "P01")
        breaks = [b for b in view.breaks if b >= span_end]
        after = self.text[span_end : breaks[0] if breaks else view.sentence.end]
        found = [
            (after.find(cue), -len(cue), cell) for cue, cell in synonyms().project_counts if cue in after
        ]
        return _targeted(claim, min(found)[2]) if found else _reasoned(claim, "no_rule")

    def _project_field(
        self, view: SentenceView, figure: StatedFigure, field: str, name: str, unit: str
    ) -> Claim:
        project, reason = self.resolver.project_named(name, unit)
        mention = (
            Mention(figure.start, figure.start, LexiconEntry("project", ids=(project.id,)))
            if project
            else None
        )
        side = field.split(":", 1)[0]
        claim = self._claim("amount", view, figure, mention, Facets(measure=side), target=field)
        return _reasoned(claim, reason) if reason else claim

    # -- facets --------------------------------------------------------------------------
    def _facets(self, view: SentenceView, position: int, subject: Mention | None = None) -> Facets:
        start = view.clause_start(position)
        measure = self.cues.measure(view.outside_mentions(start, position))
        fund = subject.entry.fund if subject is not None else None
        year = year_of(view, position, self.wording)
        unit = self._unit(view, position, subject)
        own = Facets(fund, measure, year, unit, self.scope.fund)
        return self.enumerations.facets_for(own)

    def _unit(self, view: SentenceView, position: int, subject: Mention | None) -> str:
        """The unit named in the figure's clause, else at the head of its sentence, else in scope."""
        in_clause = [m for m in view.units() if view.clause_start(position) <= m.start < position]
        if in_clause:
            return _unit_of(in_clause[-1])
        first_subject = subject.start if subject is not None else view.sentence.end
        named = [m for m in view.units() if m.start < first_subject]
        return _unit_of(named[0]) if named else self.scope.unit

    def _claim(
        self,
        kind: str,
        view: SentenceView,
        figure: StatedFigure,
        subject: Mention | None,
        facets: Facets,
        *,
        target: str = "",
        direction: str = "",
    ) -> Claim:
        code, reason = self._code_for(subject)
        if subject is None and kind not in ("project_count", "indicator"):
            reason = "no_subject"
        aside = _in_brackets(self.text, view.sentence.start, figure.start)
        return Claim(
            kind, view.sentence, figure.start, figure.unit_end, figure, subject, facets,
            code=code, reason=reason, aside=aside, target=target, direction=direction,
        )  # fmt: skip


_UNIT_KINDS = ("unit", "department", "subordinates")


def _unit_of(mention: Mention) -> str:
    if mention.entry.kind == "unit":
        return mention.entry.ids[0]
    return "subordinates" if mention.entry.kind == "subordinates" else ""


def _inside(figure: StatedFigure, mentions: list[Mention], text: str) -> bool:
    """A number that is part of a name ("单价50万元以上通用设备"), or the price threshold of one
    ("单价100万元（含）以上设备"), is not a figure."""
    if text[max(0, figure.start - 2) : figure.start] == "单价":
        return True
    return any(m.start <= figure.start and figure.unit_end <= m.end for m in mentions)


def _in_brackets(text: str, start: int, position: int) -> bool:
    before = text[start:position]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def _in_mention(view: SentenceView, position: int) -> bool:
    return any(m.start <= position < m.end for m in view.mentions)


def _unread(sentence: Sentence, figure: StatedFigure, reason: str) -> Claim:
    return Claim(figure.kind, sentence, figure.start, figure.unit_end, figure, reason=reason)


def _reasoned(claim: Claim, reason: str) -> Claim:
    return replace(claim, reason=claim.reason or reason)


def _targeted(claim: Claim, target: str) -> Claim:
    return replace(claim, target=target, reason="")


def _target(claim: Claim) -> Claim:
    """In an indicator's 年度指标值 column a figure is a target, not the project's budget or actual."""
    return replace(claim, facets=replace(claim.facets, measure="target"))
