"""What the exports print from the edition's package texts: `{department}` and `{year}` filled,
and the notes under a published table (the form's, then its 说明 when the table is empty)."""

from __future__ import annotations

from desktop.forms.catalogue import Form
from desktop.models.dataset import Dataset


def fill(text: str, dataset: Dataset, **more: str) -> str:
    """A package text with `{department}`, `{year}` (and `more`) filled."""
    department = dataset.department
    return text.format(department=department.name, year=department.year, **more)


def notes_under(dataset: Dataset, form: Form, *, empty: bool, empty_note: str | None = None) -> list[str]:
    """The form's notes; for an empty table its 说明 (`empty_note` overrides the form's)."""
    lines = [fill(note, dataset) for note in form.notes]
    note = empty_note if empty_note is not None else form.empty_note
    return [*lines, fill(note, dataset)] if empty and note else lines
