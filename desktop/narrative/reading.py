"""Reading one sentence: which subjects it names, and which subject and claim each figure belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.models.snapshot import Project, Snapshot
from desktop.narrative.numbers import Figure, Span, clause_at
from desktop.narrative.subjects import Catalogue, Ref, Topic, level_refs

_MARKER = re.compile(r"[（(](类|款|项)[）)]")
# What may stand between a subject named earlier in the sentence and a figure of its own clause
# without naming another subject ("支出决算为", "完成预算的", "共计支出", "下降", "占").
_FUNCTION_WORDS = re.compile(
    r"\d{4}年度?|[（）()\s]|共计|合计|支出|决算数|决算|预算数|预算|执行数|完成|全年|本年|总额|金额|其中|"
    r"增加|减少|增长|下降|上升|降低|与|比|较|同比|相比|一样|为|是|各|计|达到|实现|了|的|占|数|约|均|全部"
)
_FUZZY_MIN = 5
PROJECT_CUES = ("预算数", "执行数", "实际支出", "实际支付", "完成预算")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    topic: Topic
    refs: tuple[Ref, ...]


@dataclass(frozen=True)
class Subject:
    """The subject a figure speaks of, and the words between that subject and the figure."""

    topic: Topic
    refs: tuple[Ref, ...]
    lead: str


def _longest_common(a: str, b: str) -> tuple[int, int]:
    """(length, end offset in `a`) of the longest common substring of a and b."""
    best, best_end = 0, 0
    previous = [0] * (len(b) + 1)
    for i, ca in enumerate(a, start=1):
        current = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, best_end = current[j], i
        previous = current
    return best, best_end


def _fuzzy_projects(
    text: str, span: Span, catalogue: Catalogue, projects: tuple[Project, ...]
) -> list[Mention]:
    """Projects named loosely ("监督检查业务项目" for 财政监督检查业务费) in a sentence that speaks of
    项目 or of a project's 预算数/执行数: a common run of ≥ 5 characters."""
    found: list[Mention] = []
    sentence = text[span.start : span.end]
    if "项目" not in sentence and not any(cue in sentence for cue in PROJECT_CUES):
        return found
    for project in projects:
        if not project.name or project.name in sentence:
            continue
        length, end = _longest_common(sentence, project.name)
        if length >= min(_FUZZY_MIN, len(project.name)):
            topic = catalogue.topic(project.name)
            found.append(Mention(span.start + end - length, span.start + end, topic, topic.refs))
    return found


def mentions(text: str, span: Span, catalogue: Catalogue, snapshot: Snapshot) -> list[Mention]:
    """Subjects named in a sentence, in order; a code name followed by （类）/（项） keeps its level."""
    found: list[Mention] = []
    for m in catalogue.pattern.finditer(text, span.start, span.end):
        topic = catalogue.topic(m.group(0))
        marker = _MARKER.match(text, m.end())
        refs = level_refs(catalogue, snapshot, m.group(0), marker.group(1)) if marker else None
        end = marker.end() if marker and refs is not None else m.end()
        found.append(Mention(m.start(), end, topic, refs if refs is not None else topic.refs))
    found += _fuzzy_projects(text, span, catalogue, snapshot.projects)
    return sorted(found, key=lambda x: x.start)


def only_function_words(text: str) -> bool:
    return not _FUNCTION_WORDS.sub("", text)


def subject_before(text: str, sentence: Span, found: list[Mention], position: int) -> Subject | None:
    """The subject of whatever stands at `position`: the last subject named in its clause before it, or,
    when the clause names none and says nothing else, the last subject named earlier in the sentence."""
    clause = clause_at(text, sentence, position)
    own = [m for m in found if clause.start < m.end <= position]  # a subject may straddle a 、 (收、支总计)
    if own:
        last = own[-1]
        return Subject(last.topic, last.refs, text[last.end : position])
    lead = text[clause.start : position]
    earlier = [m for m in found if m.end <= clause.start]
    if earlier and only_function_words(lead):
        return Subject(earlier[-1].topic, earlier[-1].refs, lead)
    return None


def first_subject(found: list[Mention], other_than: Topic) -> Mention | None:
    """The subject a sentence is about (its first named subject), used as the base of a bare 占 X%."""
    return next((m for m in found if m.topic.key != other_than.key and m.topic.refs), None)


def figure_lead(text: str, sentence: Span, figure: Figure) -> str:
    clause = clause_at(text, sentence, figure.start)
    return text[clause.start : figure.start]
