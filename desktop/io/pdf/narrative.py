"""The PDF's door to desktop.narrative: the 情况说明 as the clerk left it (edited sections, else
the draft) and the 名词解释 (the clerk's text, else the drafted one)."""

from __future__ import annotations

from desktop.models.snapshot import Snapshot
from desktop.narrative.draft import Narrative
from desktop.narrative.final import final_text
from desktop.narrative.glossary import draft_glossary


def narrative(snapshot: Snapshot) -> Narrative:
    return final_text(snapshot, snapshot.texts)


def glossary(snapshot: Snapshot) -> str:
    return snapshot.text("text.glossary").strip() or draft_glossary(snapshot)
