"""Every clerk's text the published report prints, with where it prints and what to call it:
the 第一部分 texts of the edition's package, the 名词解释, the texts and reasons the 情况说明
template takes (`{text:KEY|LABEL}`, `{ask:KEY|LABEL}`, a slot's `reason`). The window's texts
page lists them; the publishing gates name them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.forms.package import Part
from desktop.forms.template import SLOT, NarrativeTemplate
from desktop.models.snapshot import Snapshot

GLOSSARY_KEY = "text.glossary"
OVERVIEW, NARRATIVE, GLOSSARY, REASONS = "概况", "情况说明", "名词解释", "原因说明"
GROUPS = (OVERVIEW, NARRATIVE, GLOSSARY, REASONS)
_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)\s*")


@dataclass(frozen=True)
class PrintedText:
    key: str
    label: str
    group: str  # one of GROUPS
    required: bool = False  # the report prints a gap (or a placeholder) when it is empty
    drafted: bool = False  # empty, the report prints a draft (the 名词解释)


def _fill(text: str, snapshot: Snapshot) -> str:
    department = snapshot.department
    return text.replace("{year}", str(department.year)).replace("{department}", department.name)


def _heading_label(heading: str) -> str:
    """（一）主要职能 → 主要职能; 二、机构设置 → 机构设置."""
    return _NUMBERING.sub("", heading).rstrip("：:")


def overview_texts(parts: tuple[Part, ...], snapshot: Snapshot) -> Iterator[PrintedText]:
    """第一部分: each heading that prints a clerk's text."""
    for part in parts:
        for item in part.items if part.id == "overview" else ():
            if item.text:
                label = _heading_label(_fill(item.heading, snapshot))
                yield PrintedText(item.text, label, OVERVIEW, required=not item.optional)


def _walk(value: Any) -> Iterator[Any]:
    """Every mapping and string nested in a template value."""
    if isinstance(value, Mapping):
        yield value
        for inner in value.values():
            yield from _walk(inner)
    elif isinstance(value, (tuple, list)):
        for inner in value:
            yield from _walk(inner)
    else:
        yield value


def _template_values(template: NarrativeTemplate) -> Iterator[tuple[str, Any]]:
    """(group, value) for every text and spec of the 情况说明 and the 名词解释."""
    for section in template.sections:
        for paragraph in section.paragraphs:
            for value in (paragraph.text, paragraph.spec, paragraph.slots):
                yield from ((NARRATIVE, v) for v in _walk(value))
        yield from ((NARRATIVE, v) for v in _walk(section.slots))
    yield from ((NARRATIVE, v) for v in _walk(template.slots))
    for entry in template.glossary.entries:
        yield from ((GLOSSARY, v) for v in _walk(entry.text))


def template_texts(template: NarrativeTemplate) -> Iterator[PrintedText]:
    """The texts the template takes, keys as written (a per-row key keeps its `{row}`)."""
    for group, value in _template_values(template):
        if isinstance(value, str):
            for match in SLOT.finditer(value):
                name, arg = match.group(1), match.group(2)
                if name in ("text", "ask") and arg:
                    key, _, label = (part.strip() for part in arg.partition("|"))
                    yield PrintedText(key, label or key, group, required=name == "ask")
        elif isinstance(value, Mapping) and isinstance(value.get("reason"), str):
            label = value.get("reason_label") or value.get("label") or value["reason"]
            yield PrintedText(str(value["reason"]), str(label), REASONS, required=True)


def printed_texts(snapshot: Snapshot) -> list[PrintedText]:
    """The texts of the dataset's edition, each key once, in the order the report prints them;
    per-row keys (`use.G05.{row}`) only where the dataset has written one."""
    edition = snapshot.edition
    found: dict[str, PrintedText] = {}
    candidates = [
        *overview_texts(edition.package.parts, snapshot),
        *template_texts(edition.template),
        PrintedText(GLOSSARY_KEY, "名词解释（全文）", GLOSSARY, drafted=True),
    ]
    for text in candidates:
        if "{" in text.key:
            for key in _written(snapshot, text.key):
                label = _row_label(snapshot, text.label, key)
                found.setdefault(key, PrintedText(key, label, text.group, text.required))
        else:
            found.setdefault(text.key, text)
    order = {group: index for index, group in enumerate(GROUPS)}
    return sorted(found.values(), key=lambda t: order[t.group])


def _written(snapshot: Snapshot, pattern: str) -> list[str]:
    prefix = pattern.split("{", 1)[0]
    return sorted(k for k, v in snapshot.texts.items() if k.startswith(prefix) and v.strip())


def _row_label(snapshot: Snapshot, label: str, key: str) -> str:
    """`{name}主要用途` of `use.G05.2010601` → 2010601 行政运行主要用途."""
    row = key.rsplit(".", 1)[-1]
    name = snapshot.names.name("functional", row)
    filled = label.replace("{name}", name).replace("{row}", row)
    return f"{row} {filled}" if "{" in label else f"{filled}（{row}）"
