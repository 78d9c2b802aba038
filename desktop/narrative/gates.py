"""Publishing gates: what a report must not show when it is published. Each unfinished thing is
an error-severity finding that names where it is fixed (a text key or cells):

- `gate.placeholder`: a 【请填写：…】 marker the 情况说明 would print, or one typed into a text;
- `gate.reason`: a finding that asks for a reason whose text is empty;
- `gate.residue`: a blank or an instruction of the official 样张 (the edition template's
  `[[residue]]`, and the template language's own `{slot}` left unfilled) in a printed text;
- `gate.overview`: an empty 第一部分 text the edition's package prints;
- `gate.budget`: a blank 预算数 where the 情况说明 states a completion rate or a gap against it;
- `gate.date`: no 编制日期 for the cover.

Publishing with any of them needs the clerk's recorded confirmation; a draft never does."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from desktop.forms.names import cell_label
from desktop.forms.structure import input_leaves
from desktop.forms.template import SLOT, Residue
from desktop.models.dataset import Dataset
from desktop.models.snapshot import Snapshot
from desktop.narrative.context import Placeholder
from desktop.narrative.draft import Narrative
from desktop.narrative.final import base_key, edited_key, final_text
from desktop.narrative.texts import PrintedText, overview_texts, printed_texts
from desktop.rules.finding import Finding

SEVERITY = "error"
DATE_CELL = "F00.date.value"
_TEXT_RULES = frozenset({"gate.placeholder", "gate.reason", "gate.residue", "gate.overview"})


def _marker_pattern() -> re.Pattern[str]:
    """【请填写：…】 with any label, as the drafting writes it (typed, with or without the colon)."""
    head, _, tail = Placeholder("", "\0").marker.partition("\0")
    return re.compile(f"{re.escape(head.rstrip('：:'))}[：:]?[^{re.escape(tail)}]*{re.escape(tail)}")


# The template language's own markers: the drafting's placeholder and a slot left unfilled.
_OWN_RESIDUE = (
    Residue("placeholder", _marker_pattern(), "待填写标记“【请填写…】”"),
    Residue("slot", SLOT, "模板中未填写的“{…}”"),
)


@dataclass(frozen=True)
class Gate:
    """The publishing gates of one dataset at one moment."""

    findings: tuple[Finding, ...]

    @property
    def open(self) -> bool:
        return bool(self.findings)

    def as_json(self) -> list[dict[str, object]]:
        return [f.as_json() for f in self.findings]

    def lines(self) -> list[str]:
        return [f.message for f in self.findings]


def text_to_fix(finding: Finding) -> str | None:
    """The text key where a gate finding is fixed (None: it is fixed in its cells)."""
    return finding.reason_key if finding.rule in _TEXT_RULES else None


def publishing_gate(dataset: Dataset) -> Gate:
    snapshot = dataset.snapshot()
    narrative = final_text(snapshot, snapshot.texts, threshold=dataset.threshold)
    labels = {t.key: t.label for t in printed_texts(snapshot)}
    found = [
        *_placeholders(narrative),
        *_reasons(dataset.findings(), snapshot),
        *_residue(dataset, snapshot, labels, narrative),
        *_overview(snapshot),
        *_budgets(dataset, narrative),
        *_date(dataset),
    ]
    return Gate(_unique(found))


def _unique(found: list[Finding]) -> tuple[Finding, ...]:
    """Each finding once; a placeholder whose reason a finding already asks for goes."""
    asked = {f.reason_key for f in found if f.rule == "gate.reason"}
    unique: dict[tuple[str, str | None, tuple[str, ...], str], Finding] = {}
    for f in found:
        if not (f.rule == "gate.placeholder" and f.reason_key in asked):
            unique.setdefault((f.rule, f.reason_key, f.cells, f.message), f)
    return tuple(unique.values())


def _placeholders(narrative: Narrative) -> Iterator[Finding]:
    for index, section in enumerate(narrative.sections):
        for placeholder in section.placeholders:
            label = placeholder.label
            message = f"情况说明“{narrative.heading(index)}”印有“{placeholder.marker}”：请填写{label}"
            yield Finding("gate.placeholder", SEVERITY, (), message, {"label": label}, placeholder.key)


def _reasons(findings: Iterable[Finding], snapshot: Snapshot) -> Iterator[Finding]:
    for finding in findings:
        key = finding.reason_key
        if key and not snapshot.text(key).strip():
            message = f"缺少原因说明：{finding.message}"
            yield Finding("gate.reason", SEVERITY, finding.cells, message, dict(finding.numbers), key)


def _texts(snapshot: Snapshot) -> Iterator[tuple[str, str]]:
    """Every stored text that can print (a section's draft kept for merging never does)."""
    bases = {base_key(s.id) for s in snapshot.edition.template.sections}
    yield from ((k, v) for k, v in snapshot.texts.items() if k not in bases)


def _residue(
    dataset: Dataset, snapshot: Snapshot, labels: Mapping[str, str], narrative: Narrative
) -> Iterator[Finding]:
    patterns = (*_OWN_RESIDUE, *snapshot.edition.template.residue)
    sections = {edited_key(s.id): narrative.heading(i) for i, s in enumerate(narrative.sections)}
    for key, text in _texts(snapshot):
        name = f"情况说明“{sections[key]}”" if key in sections else f"“{labels.get(key, key)}”"
        for residue, shown in _matches(text, patterns):
            message = f"{name}中有{residue.label}（“{shown}”）：请改为实际内容"
            yield Finding("gate.residue", SEVERITY, (), message, {}, key)
    for cell, text in snapshot.strings.items():
        for residue, shown in _matches(text, patterns):
            name = cell_label(dataset.catalogue, dataset.naming, cell)
            message = f"“{name}”中有{residue.label}（“{shown}”）：请改为实际内容"
            yield Finding("gate.residue", SEVERITY, (cell,), message)


def _matches(text: str, patterns: Iterable[Residue]) -> Iterator[tuple[Residue, str]]:
    """Each pattern found in `text` once, with the words around its first match."""
    for residue in patterns:
        match = residue.pattern.search(text)
        if match:
            start, end = max(0, match.start() - 8), min(len(text), match.end() + 8)
            yield residue, text[start:end].replace("\n", " ").strip()


def _overview(snapshot: Snapshot) -> Iterator[Finding]:
    for text in overview_texts(snapshot.edition.package.parts, snapshot):
        if text.required and not snapshot.text(text.key).strip():
            yield _empty(text)


def _empty(text: PrintedText) -> Finding:
    message = f"第一部分“{text.label}”还没有填写：公开文本会印出空白"
    return Finding("gate.overview", SEVERITY, (), message, {}, text.key)


def _budgets(dataset: Dataset, narrative: Narrative) -> Iterator[Finding]:
    """One finding per blank budget (the first sentence that compares with it)."""
    cells, seen = dataset.cells(), set()
    for index, section in enumerate(narrative.sections):
        for blank in section.blank_budgets:
            leaves = tuple(sorted({leaf for c in blank.cells for leaf in input_leaves(c, cells)}))
            if leaves in seen:
                continue
            seen.add(leaves)
            name = cell_label(dataset.catalogue, dataset.naming, blank.cells[0])
            message = (
                f"情况说明“{narrative.heading(index)}”写了“{blank.phrase}”，但“{name}”没有填写预算数"
                "（按 0 计算）：请填写预算数"
            )
            yield Finding("gate.budget", SEVERITY, leaves, message)


def _date(dataset: Dataset) -> Iterator[Finding]:
    if DATE_CELL in dataset.cells() and not str(dataset.get(DATE_CELL) or "").strip():
        yield Finding("gate.date", SEVERITY, (DATE_CELL,), "请填写编制日期：封面印的是单位填写的编制日期")
