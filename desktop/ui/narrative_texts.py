"""What the 情况说明 editor reads and writes (no widgets): the draft at the dataset's settings,
each section's stored edit and base, and the ops that save or regenerate them as one action."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from desktop.models.dataset import Dataset
from desktop.models.ops import Op
from desktop.narrative.draft import Narrative, draft
from desktop.narrative.final import base_key, edited_key
from desktop.narrative.merge import rebase


def draft_of(dataset: Dataset, texts: Mapping[str, str] | None = None) -> Narrative:
    """The draft from today's figures; `texts` overrides the clerk's texts (a reason not yet saved)."""
    snapshot = dataset.snapshot()
    if texts:
        snapshot = replace(snapshot, texts={**snapshot.texts, **texts})
    return draft(snapshot, threshold=dataset.threshold)


def stored(dataset: Dataset, section_id: str) -> tuple[str, str]:
    """The section's edited text and the draft it was based on ("" when not edited)."""
    return dataset.text(edited_key(section_id)), dataset.text(base_key(section_id))


def save_ops(section_id: str, text: str, base: str) -> list[Op]:
    """Store an edit with its base; an edit equal to its base is no edit (the draft rules again)."""
    text, base = text.strip(), base.strip()
    edited = text if text and text != base else None
    return [
        Op.text(edited_key(section_id), edited),
        Op.text(base_key(section_id), base if edited else None),
    ]


def regenerate_ops(dataset: Dataset, narrative: Narrative) -> list[Op]:
    """Every edited section rebased on the new draft: figures follow, the clerk's sentences stay."""
    ops: list[Op] = []
    for section in narrative.sections:
        edited, base = stored(dataset, section.id)
        if edited:
            ops += save_ops(section.id, rebase(base, edited, section.text), section.text)
    return ops
