"""One sentence as the grammar sees it: its subject mentions, figures and clauses, and who each
figure's subject is.

Attribution: the last subject named in the figure's own clause; else, when the clause says nothing
but filler ("，比2019年增加", "，占"), the last subject named earlier in the sentence; else the
subject the open heading or item speaks of; else a project named loosely in the clause ("监督检查业务
项目" for 财政监督检查业务费). "A和B分别为x、y" gives A x and B y. A name never carries over a
clause that says something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.narrative.reader.cues import CLAUSE_BREAKS, Cues
from desktop.narrative.reader.document import Sentence
from desktop.narrative.reader.figures import StatedFigure
from desktop.narrative.reader.lexicon import LexiconEntry, Mention
from desktop.narrative.reader.resolve import Resolver

_LEADING = re.compile(r"^[\s（(【\[“\"]*(?:\d+|[一二三四五六七八九十]+)?[)）\]】.．、]?[\s”\"“]*")


@dataclass
class SentenceView:
    text: str
    sentence: Sentence
    mentions: list[Mention]
    figures: list[StatedFigure]
    breaks: list[int] = field(default_factory=list)
    respectively: dict[int, Mention] = field(default_factory=dict)  # figure start → its subject

    def __post_init__(self) -> None:
        inside = [(m.start, m.end) for m in self.mentions]
        self.breaks = [
            i
            for i in range(self.sentence.start, self.sentence.end)
            if self.text[i] in CLAUSE_BREAKS and not any(s <= i < e for s, e in inside)
        ]

    def clause_start(self, position: int) -> int:
        before = [b for b in self.breaks if b < position]
        return before[-1] + 1 if before else self.sentence.start

    def subjects(self) -> list[Mention]:
        return [m for m in self.mentions if m.entry.subject]

    def units(self) -> list[Mention]:
        return [m for m in self.mentions if m.entry.kind in ("unit", "department", "subordinates")]

    def outside_mentions(self, start: int, end: int) -> str:
        """text[start:end] without the names in it (so a measure word inside a name does not count)."""
        parts, at = [], start
        for m in self.mentions:
            if m.end <= start or m.start >= end:
                continue
            parts.append(self.text[at : max(at, m.start)])
            at = max(at, m.end)
        parts.append(self.text[at:end])
        return "".join(parts)


_OTHER_SIDE = {"income": "支出", "expense": "收入"}


class Attributor:
    def __init__(self, cues: Cues, resolver: Resolver) -> None:
        self.cues, self.resolver = cues, resolver
        self.lexicon = resolver.lexicon

    def subject(self, view: SentenceView, position: int, topic: Mention | None) -> Mention | None:
        if position in view.respectively:
            return view.respectively[position]
        start = view.clause_start(position)
        own = [m for m in view.subjects() if start <= m.start and m.end <= position]
        if own:
            return own[-1]
        segment = view.outside_mentions(start, position)
        if self.cues.is_filler(segment):
            earlier = [m for m in view.subjects() if m.end <= start]
            between = [f for f in view.figures if earlier and earlier[-1].end <= f.start < start]
            if earlier and not any(self._stranded(view, f, earlier[-1]) for f in between):
                other = _OTHER_SIDE.get(self.lexicon.side(earlier[-1]), "")
                return None if other and other in segment else earlier[-1]
            if earlier:
                return None
            if topic is not None:
                return topic
        return self.loose_project(view, start, position)

    def _stranded(self, view: SentenceView, figure: StatedFigure, subject: Mention) -> bool:
        """A figure between `subject` and the clause, in a clause of its own that says something else:
        the subject does not carry past it."""
        start = view.clause_start(figure.start)
        return start > subject.end and not self.cues.is_filler(view.outside_mentions(start, figure.start))

    def loose_project(self, view: SentenceView, start: int, end: int) -> Mention | None:
        """A project named loosely in text[start:end] (leading numbering and trailing filler dropped)."""
        if not self.resolver.snapshot.projects:
            return None
        start = max([start, *(m.end for m in view.mentions if start <= m.end <= end)])
        phrase = _LEADING.sub("", view.text[start:end])
        phrase = self.cues.strip_filler_tail(phrase)
        project = self.resolver.close_project(phrase)
        if project is None:
            return None
        at = view.text.find(phrase, start, end)
        mention = Mention(at, at + len(phrase), LexiconEntry("project", ids=(project.id,)))
        view.mentions.append(mention)  # the clause's later figures speak of it too
        view.mentions.sort(key=lambda m: m.start)
        return mention

    def respectively(self, view: SentenceView) -> None:
        """ "A、B和C分别为x、y、z": the subjects before 分别 take the figures after it, in order."""
        for cue_start, cue_end in self.cues.find("cues", "respectively", view.text, *_span(view)):
            before = [f.end for f in view.figures if f.end <= cue_start]
            floor = max(before, default=view.sentence.start)
            subjects = [m for m in view.subjects() if floor <= m.start and m.end <= cue_start]
            after = [f for f in view.figures if f.start >= cue_end and f.kind != "year"]
            after = [f for f in after if not any(cue_end <= m.start < f.start for m in view.subjects())]
            if len(subjects) >= 2 and len(subjects) == len(after):
                view.respectively.update({f.start: m for f, m in zip(after, subjects, strict=True)})


def _span(view: SentenceView) -> tuple[int, int]:
    return view.sentence.start, view.sentence.end
