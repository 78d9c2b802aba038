"""The PDF's door to desktop.narrative: the 情况说明 as the clerk left it (edited sections, else
the draft) and the 名词解释 (the clerk's text, else the drafted one)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models.snapshot import Snapshot
from desktop.narrative.final import final_text
from desktop.narrative.glossary import draft_glossary


@dataclass(frozen=True)
class TextSection:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class NarrativeText:
    sections: tuple[TextSection, ...]


def narrative(snapshot: Snapshot) -> NarrativeText:
    sections = final_text(snapshot, snapshot.texts).sections
    return NarrativeText(tuple(TextSection(s.id, s.title, s.text) for s in sections))


def glossary(snapshot: Snapshot) -> str:
    return snapshot.text("text.glossary").strip() or draft_glossary(snapshot)
