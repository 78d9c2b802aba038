"""The PDF's door to desktop.narrative: the 情况说明 as the clerk left it (edited sections, else
the draft) and the 名词解释 (the clerk's text, else the drafted one)."""

from __future__ import annotations

from decimal import Decimal

from desktop.models.snapshot import Snapshot
from desktop.narrative.draft import Narrative
from desktop.narrative.final import final_text
from desktop.narrative.glossary import draft_glossary


def narrative(snapshot: Snapshot, threshold: Decimal) -> Narrative:
    """Drafted with the dataset's threshold, as the window, the CLI and the publishing gate do."""
    return final_text(snapshot, snapshot.texts, threshold=threshold)


def glossary(snapshot: Snapshot) -> str:
    return snapshot.text("text.glossary").strip() or draft_glossary(snapshot)
