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
    """The form's notes; for an empty table its own 说明, which names what the table lacks (the
    fund, the income, the spending); `empty_note` (the package's) only for a form without one."""
    lines = [fill(note, dataset) for note in form.notes]
    note = form.empty_note if form.empty_note is not None else empty_note
    return [*lines, fill(note, dataset)] if empty and note else lines
