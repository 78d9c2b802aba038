"""The narrative template of an edition (narrative.toml): the 情况说明's title, its sections in
order with their headings, paragraphs and figures, the 名词解释, and the wording of every
sentence, as data. desktop.narrative renders it against a dataset's figures.

Texts are written with slots:

- `{name}`: a variable of the place (`{year}`, `{last_year}`, `{department}`; in a list item
  `{name}`, `{n}` …) or a named slot spec (the paragraph's, the section's, the template's);
- `{kind:arg|arg}`: an inline value: `{amount:EXPR}` (万元, 2 decimals), `{count:EXPR}`,
  `{share:PART|BASE}` (a percentage, empty when undefined), `{text:KEY|LABEL}` (a clerk's text,
  empty when missing), `{ask:KEY|LABEL}` (a clerk's text, a visible placeholder when missing);
  LABEL names the text where the clerk writes it.
  EXPR is the formula language of the forms (desktop.forms.expr), e.g. `G05.{row}.total`;
- `[ … ]`: an optional fragment, left out when a slot inside it renders empty — the
  template's “（不涉及的不列）”.

`[[residue]]` entries (id, pattern, label) name the blanks and instructions of the official
样张 (XX 万元, “（如持平作持平表述）”): a printed text that still shows one is unfinished.

A named slot spec is a table with a `kind` (SLOT_KINDS) and its parameters; its wording keys
default to the template's `[wording.<kind>]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

# kind → (required parameters, wording keys, variables its wording may use)
SLOT_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "change": (("cell",), ("changed", "same", "missing"),
               ("change", "direction", "rate_direction", "difference", "rate", "reason")),
    "gap": (("actual", "budget"), ("differs", "same"), ("gap", "reason")),
    "completion": (("actual", "budget"), ("rate", "none"), ("rate",)),
    "choose": (("cases",), (), ()),
    "parts": (("items",), ("item",), ("label", "amount", "count", "share", "completion", "change",
                                       "direction", "rate_direction", "difference", "rate", "reason")),
    "rows": (("level",), ("item", "group_item"), ("row", "code", "name", "short", "n", "class",
                                                 "class_short", "kuan", "kuan_once", "items")),
    "projects": (("item",), (), ("n", "name", "label", "budget", "actual", "names", "count")),
}  # fmt: skip
BLOCK_KINDS = ("rows", "projects")  # slot kinds a paragraph may be, giving several lines
INLINE_KINDS = {"amount": 1, "count": 1, "share": 2, "text": 1, "ask": 2}
BUILTINS = ("year", "last_year", "department")
SLOT = re.compile(r"\{(\w+)(?::((?:[^{}]|\{\w+\})*))?\}")


class TemplateError(ValueError):
    """A narrative template that cannot be used; the message names the section and the key."""


@dataclass(frozen=True)
class Paragraph:
    text: str = ""  # a line (kind "text")
    kind: str = "text"  # or a block kind: "rows", "projects"
    when: str = ""  # an expression: the paragraph is left out unless it holds
    skip_when_text: tuple[str, str] = ("", "")  # (text key, words): left out when that text says them
    spec: Mapping[str, Any] = field(default_factory=dict)  # a block's parameters
    slots: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    """A chart the PDF places in a section: `bars` (a cell, last year against this year) or
    `pie` (items [cell, label] or rows of a form)."""

    caption: str
    chart: str
    spec: Mapping[str, Any]
    place: str = ""  # before the section's paragraph starting so; else at the section's end


@dataclass(frozen=True)
class SectionTemplate:
    id: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    slots: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class GlossaryEntry:
    """A term with its explanation (when the `when` figure is non-zero), or the subjects used
    (`rows`: one entry per group)."""

    term: str = ""
    text: str = ""
    when: str = ""
    rows: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GlossaryTemplate:
    number: str = "{n}."
    term: str = "{term}：{text}"
    entries: tuple[GlossaryEntry, ...] = ()


@dataclass(frozen=True)
class Residue:
    """A blank or an instruction of the official 样张 (XX, “（如持平作持平表述）” …): a printed
    text that still shows it is unfinished."""

    id: str
    pattern: re.Pattern[str]
    label: str


@dataclass(frozen=True)
class NarrativeTemplate:
    title: str
    sections: tuple[SectionTemplate, ...]
    slots: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    wording: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    glossary: GlossaryTemplate = field(default_factory=GlossaryTemplate)
    numbering: str = "{numeral}、{title}"  # a section's heading
    residue: tuple[Residue, ...] = ()

    def section(self, section_id: str) -> SectionTemplate | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def headings(self) -> list[str]:
        """The sections' titles in order (without their numbers)."""
        return [s.title for s in self.sections]


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _slots(data: Mapping[str, Any], where: str) -> Mapping[str, Mapping[str, Any]]:
    slots = data.get("slots", {})
    for name, spec in slots.items():
        _check_spec(spec, f"{where} slots.{name}")
    return _frozen(slots)  # type: ignore[no-any-return]


def _check_spec(spec: Mapping[str, Any], where: str) -> None:
    kind = spec.get("kind")
    if kind not in SLOT_KINDS:
        raise TemplateError(f"{where}: 未知的 kind {kind!r}（应为 {'、'.join(SLOT_KINDS)}）")
    missing = [p for p in SLOT_KINDS[kind][0] if p not in spec]
    if missing:
        raise TemplateError(f"{where}: 缺少 {'、'.join(missing)}")
    for name, inner in spec.get("slots", {}).items():
        _check_spec(inner, f"{where} slots.{name}")


def _paragraph(data: Mapping[str, Any], where: str) -> Paragraph:
    kind = str(data.get("kind", "text"))
    if kind != "text" and kind not in BLOCK_KINDS:
        raise TemplateError(f"{where}: 未知的段落类型 {kind!r}")
    if kind != "text":
        _check_spec(data, where)
    elif "text" not in data:
        raise TemplateError(f"{where}: 缺少 text")
    skip = tuple(data.get("skip_when_text", ("", "")))
    return Paragraph(
        text=str(data.get("text", "")),
        kind=kind,
        when=str(data.get("when", "")),
        skip_when_text=(str(skip[0]), str(skip[1])),
        spec=_frozen({k: v for k, v in data.items() if k not in ("when", "skip_when_text", "slots")}),
        slots=_slots(data, where),
    )


def _figure(data: Mapping[str, Any], where: str) -> Figure:
    chart = data.get("chart")
    if chart not in ("bars", "pie"):
        raise TemplateError(f"{where}: 图表类型应为 bars 或 pie，而不是 {chart!r}")
    return Figure(str(data.get("caption", "")), str(chart), _frozen(data), str(data.get("place", "")))


def _section(data: Mapping[str, Any]) -> SectionTemplate:
    where = f"章节 {data.get('id')!r}"
    for key in ("id", "title"):
        if key not in data:
            raise TemplateError(f"{where}: 缺少 {key}")
    return SectionTemplate(
        id=str(data["id"]),
        title=str(data["title"]),
        paragraphs=tuple(
            _paragraph(p, f"{where} 段落{i}") for i, p in enumerate(data.get("paragraph", []), 1)
        ),
        slots=_slots(data, where),
        figures=tuple(_figure(f, f"{where} 图") for f in data.get("figure", [])),
    )


def _glossary(data: Mapping[str, Any]) -> GlossaryTemplate:
    entries = []
    for raw in data.get("entry", []):
        if "rows" in raw:
            _check_spec(raw["rows"], "名词解释 rows")
        elif "term" not in raw or "text" not in raw:
            raise TemplateError("名词解释: 每一条需有 term 和 text，或 rows")
        entries.append(
            GlossaryEntry(str(raw.get("term", "")), str(raw.get("text", "")), str(raw.get("when", "")),
                          _frozen(raw.get("rows", {})))
        )  # fmt: skip
    return GlossaryTemplate(
        number=str(data.get("number", "{n}.")),
        term=str(data.get("term", "{term}：{text}")),
        entries=tuple(entries),
    )


def _residue(data: Mapping[str, Any]) -> Residue:
    where = f"residue {data.get('id')!r}"
    if "id" not in data or "pattern" not in data:
        raise TemplateError(f"{where}: 每一条需有 id 和 pattern")
    try:
        pattern = re.compile(str(data["pattern"]), re.MULTILINE)
    except re.error as exc:
        raise TemplateError(f"{where}: pattern 不是有效的正则表达式：{exc}") from exc
    return Residue(str(data["id"]), pattern, str(data.get("label", data["pattern"])))


def build_template(data: Mapping[str, Any]) -> NarrativeTemplate:
    if "title" not in data:
        raise TemplateError("情况说明模板缺少 title")
    sections = tuple(_section(s) for s in data.get("section", []))
    ids = [s.id for s in sections]
    if len(ids) != len(set(ids)):
        raise TemplateError(f"章节 id 重复：{'、'.join(ids)}")
    return NarrativeTemplate(
        title=str(data["title"]),
        sections=sections,
        slots=_slots(data, "模板"),
        wording=_frozen(data.get("wording", {})),
        glossary=_glossary(data.get("glossary", {})),
        numbering=str(data.get("numbering", "{numeral}、{title}")),
        residue=tuple(_residue(r) for r in data.get("residue", [])),
    )


def slot_references(text: str) -> Iterator[tuple[str, str | None]]:
    """Every slot of a text as (name, argument or None)."""
    for match in SLOT.finditer(text):
        yield match.group(1), match.group(2)
