"""What the import wizard does besides showing it (no widgets): read the file and work out, on a
throwaway copy of the clerk's data, exactly what importing it would report; then import it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.io.importing import WORKBOOK_SUFFIXES, ImportSummary, import_source, import_workbook
from desktop.io.temp_dataset import temporary_dataset
from desktop.io.workbook.reader import WorkbookError, WorkbookReading, read_workbook
from desktop.io.xlsx.readback import is_complete_workbook
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, export_document
from desktop.models.store import StoreError

SUFFIXES = (*WORKBOOK_SUFFIXES, ".json")
IMPORT_ERRORS = (WorkbookError, InterchangeError, StoreError, OSError, ValueError)


@dataclass(frozen=True)
class Preview:
    source: Path
    prior: bool
    reading: WorkbookReading | None  # None for an interchange .json
    summary: ImportSummary  # what importing would report, found on a temporary copy


def clerk_document(dataset: Dataset) -> dict[str, Any]:
    """The clerk's data as an interchange document (on the GUI thread: it reads the Dataset)."""
    return export_document(dataset, computed=False)


def make_preview(doc: Mapping[str, Any], source: Path, *, prior: bool) -> Preview:
    """Pure with respect to the clerk's file: safe to run in a worker thread."""
    with temporary_dataset(doc) as copy:
        tables_only = source.suffix.lower() in WORKBOOK_SUFFIXES and not is_complete_workbook(source)
        reading = read_workbook(source, copy.edition) if tables_only else None
        summary = _run(copy, source, reading, prior=prior, replace=True, force=True)
    summary.backup = ""
    return Preview(source, prior, reading, summary)


def import_now(dataset: Dataset, preview: Preview, *, replace: bool, force: bool = False) -> ImportSummary:
    """The real import (GUI thread): one undoable action after a backup; the file is not re-read.
    `force`: the clerk confirmed a file of another year or department."""
    return _run(dataset, preview.source, preview.reading, prior=preview.prior, replace=replace, force=force)


def _run(
    dataset: Dataset,
    source: Path,
    reading: WorkbookReading | None,
    *,
    prior: bool,
    replace: bool,
    force: bool,
) -> ImportSummary:
    if reading is None:
        return import_source(dataset, source, prior=prior, replace=replace, force=force)
    return import_workbook(dataset, reading, str(source), prior=prior, replace=replace, force=force)


def error_text(exc: BaseException) -> str:
    """The clerk-facing message of an import failure."""
    return exc.message if isinstance(exc, WorkbookError) else str(exc)
