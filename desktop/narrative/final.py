"""The 情况说明 as it is printed: per section the clerk's edited text, else the draft.

The editor stores a section's edited text under `narrative.<section id>` and the draft it
was based on under `narrative.<section id>.base` (for regenerating, desktop.narrative.merge).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from desktop.models.snapshot import Snapshot
from desktop.narrative.context import Section
from desktop.narrative.draft import Narrative, draft

__all__ = ["base_key", "edited_key", "final_section", "final_text"]


def edited_key(section_id: str) -> str:
    return f"narrative.{section_id}"


def base_key(section_id: str) -> str:
    return f"narrative.{section_id}.base"


def final_section(section: Section, texts: Mapping[str, str]) -> Section:
    """The drafted section with the clerk's text in place when there is one; its placeholders
    (and blank budgets) are those whose marker (phrase) the text still shows."""
    edited = texts.get(edited_key(section.id), "").strip()
    if not edited:
        return section
    left = tuple(p for p in section.placeholders if p.marker in edited)
    stated = tuple(b for b in section.blank_budgets if b.phrase in edited)
    return replace(section, text=edited, placeholders=left, blank_budgets=stated)


def final_text(
    snapshot: Snapshot,
    texts: Mapping[str, str],
    *,
    decimals: int = 2,
    threshold: Decimal = Decimal("0.10"),
) -> Narrative:
    drafted = draft(snapshot, decimals=decimals, threshold=threshold)
    return replace(drafted, sections=tuple(final_section(s, texts) for s in drafted.sections))
