"""The 情况说明 and the clerk's texts: the draft at the dataset's settings, each section's stored
edit and the draft it was based on; saving edits, regenerating, saving a text (each one undoable
action that rebases the edited sections on the new draft: figures follow, sentences stay)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from desktop.models.dataset import Dataset, EditResult
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


def _save_ops(section_id: str, text: str, base: str) -> list[Op]:
    """Store an edit with its base; an edit equal to its base is no edit (the draft rules again)."""
    text, base = text.strip(), base.strip()
    edited = text if text and text != base else None
    return [
        Op.text(edited_key(section_id), edited),
        Op.text(base_key(section_id), base if edited else None),
    ]


def _regenerate_ops(dataset: Dataset, narrative: Narrative) -> list[Op]:
    """Every edited section rebased on the new draft: figures follow, the clerk's sentences stay."""
    ops: list[Op] = []
    for section in narrative.sections:
        edited, base = stored(dataset, section.id)
        if edited:
            ops += _save_ops(section.id, rebase(base, edited, section.text), section.text)
    return ops


def save_sections(
    dataset: Dataset, typed: Mapping[str, str], drafts: Mapping[str, str], label: str
) -> EditResult | None:
    """Store what was typed in each section (id → text) with the draft it is based on: the
    stored base of an edited section, else the section's draft as shown (`drafts`)."""
    ops: list[Op] = []
    for section_id, text in typed.items():
        edited, base = stored(dataset, section_id)
        ops += _save_ops(section_id, text, base if edited else drafts[section_id])
    return _apply(dataset, ops, label)


def regenerate(dataset: Dataset, label: str) -> EditResult | None:
    """Every edited section rebased on today's draft; None when none is edited."""
    return _apply(dataset, _regenerate_ops(dataset, draft_of(dataset)), label)


def save_text(dataset: Dataset, key: str, text: str, label: str) -> EditResult | None:
    """A clerk's text and the edited sections rebased on the draft that prints it: one action."""
    value = text.strip()
    ops = [Op.text(key, value or None), *_regenerate_ops(dataset, draft_of(dataset, {key: value}))]
    return _apply(dataset, ops, label)


def _apply(dataset: Dataset, ops: list[Op], label: str) -> EditResult | None:
    return dataset.apply(ops, label=label, source="typed") if ops else None
