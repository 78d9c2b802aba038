"""Importing, for both doors: `juesuan import` (`import_file`) and the import wizard (`preview_import`
on a temporary copy in a worker thread, then `import_previewed` on the clerk's data). Each lands
the file the same way (`land`): checked for year and department, backed up once, applied as one
undoable action, the totals the file states checked by the rule engine; one ImportSummary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop.actions.import_summary import ImportSummary, conflicts
from desktop.actions.import_unit import refuse_department_file, unit_import
from desktop.actions.workbook_ops import workbook_ops
from desktop.io.import_checks import Mismatch, mismatches, require_match
from desktop.io.importing import SourceFile, read_source
from desktop.io.temp_dataset import temporary_dataset
from desktop.io.workbook.reader import WorkbookError, WorkbookReading
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, document_ops, export_document
from desktop.models.ops import Op
from desktop.models.store import StoreError

IMPORT_ERRORS = (WorkbookError, InterchangeError, StoreError, OSError, ValueError)


@dataclass(frozen=True)
class Preview:
    source: SourceFile  # read once: the import does not read the file again
    prior: bool
    summary: ImportSummary  # what importing would report, found on a temporary copy
    unit_code: str | None = None  # the unit the file fills (None: the department)


def import_file(
    dataset: Dataset,
    path: Path,
    *,
    prior: bool = False,
    replace: bool = False,
    force: bool = False,
    unit_code: str | None = None,
) -> ImportSummary:
    """Read and import a .json or workbook (into the unit with 单位代码 `unit_code`, if given);
    raises InterchangeError/WorkbookError with a clear message, MismatchError when the file is
    of another year or department (unless `force`)."""
    dataset.require_writable()
    source = read_source(path, dataset.edition)
    return land(dataset, source, prior=prior, replace=replace, force=force, unit_code=unit_code)


def clerk_document(dataset: Dataset) -> dict[str, Any]:
    """The clerk's data as an interchange document, for `preview_import` (reads the Dataset)."""
    return export_document(dataset, computed=False)


def preview_import(
    doc: Mapping[str, Any], path: Path, *, prior: bool, unit_code: str | None = None
) -> Preview:
    """Read `path` and import it into a throwaway copy of `doc`: pure with respect to the
    clerk's file, safe in a worker thread. No backup (nothing of the clerk's changes)."""
    with temporary_dataset(doc) as copy:
        source = read_source(path, copy.edition)
        summary = land(copy, source, prior=prior, replace=True, force=True, backup=False, unit_code=unit_code)
    return Preview(source, prior, summary, unit_code)


def import_previewed(
    dataset: Dataset, preview: Preview, *, replace: bool, force: bool = False
) -> ImportSummary:
    """The real import of a previewed file. `force`: the clerk confirmed a file of another year
    or department."""
    return land(
        dataset,
        preview.source,
        prior=preview.prior,
        replace=replace,
        force=force,
        unit_code=preview.unit_code,
    )


def land(
    dataset: Dataset,
    source: SourceFile,
    *,
    prior: bool,
    replace: bool,
    force: bool,
    backup: bool = True,
    unit_code: str | None = None,
) -> ImportSummary:
    """Check, back up (unless a throwaway copy), apply as one action, check the stated totals.
    `unit_code`: the file fills that unit (desktop.actions.import_unit)."""
    if unit_code is not None:
        summary, ops, label = unit_import(
            dataset, source, unit_code, prior=prior, replace=replace, force=force
        )
        if source.reading is not None:
            describe_reading(summary, source.reading)
    elif source.document is not None:
        refuse_department_file(dataset, source)
        summary, ops, label = _document(
            dataset, source, source.document, prior=prior, replace=replace, force=force
        )
    else:
        assert source.reading is not None
        refuse_department_file(dataset, source)
        summary, ops, label = _workbook(
            dataset, source, source.reading, prior=prior, replace=replace, force=force
        )
    if backup:
        summary.backup = str(dataset.backup("import"))
    dataset.apply(ops, label=label, source="import")
    summary.conflicts = conflicts(dataset, summary.year)
    return summary


def _document(
    dataset: Dataset, source: SourceFile, doc: Mapping[str, Any], *, prior: bool, replace: bool, force: bool
) -> tuple[ImportSummary, list[Op], str]:
    """An interchange document (a .json, or what a complete workbook of ours holds): both years."""
    if prior:
        raise InterchangeError(f"{source.path.name} 自带本年与上年数据，不能作为上年数据（--prior）导入。")
    found = document_mismatches(dataset, doc)
    require_match(found, force=force)
    ops, loaded = document_ops(dataset, doc, replace=replace)
    summary = ImportSummary(str(source.path), "current", source.kind, loaded.cells + loaded.prior)
    summary.unknown, summary.mismatches = loaded.unknown, found
    return summary, ops, "导入数据"


def _workbook(
    dataset: Dataset, source: SourceFile, reading: WorkbookReading, *, prior: bool, replace: bool, force: bool
) -> tuple[ImportSummary, list[Op], str]:
    """Another software's workbook: the published tables of one year."""
    found = mismatches(dataset.department, reading.year, reading.unit_name, prior=prior)
    require_match(found, force=force)
    year = "prior" if prior else "current"
    if not prior and dataset.has_figures(year) and not replace:
        raise InterchangeError(
            "数据文件中已有本年数据。如需用工作簿覆盖，请使用 --replace（覆盖前会自动备份）。"
        )
    ops, inputs, names = workbook_ops(dataset, reading, source.path, year, clear=replace or prior)
    summary = ImportSummary(str(source.path), year, "workbook", inputs, mismatches=found)
    summary.names = {code: name for (_kind, code), name in names.items()}
    describe_reading(summary, reading)
    return summary, ops, f"导入{'上年' if prior else '本年'}数据 {source.path.name}"


def describe_reading(summary: ImportSummary, reading: WorkbookReading) -> None:
    """What the workbook reader found: the tables, what it missed, left unmatched or noted."""
    summary.tables = [asdict(t) for t in reading.tables]
    summary.missing = list(reading.missing)
    summary.unmatched = [asdict(u) for u in reading.unmatched]
    summary.notes = [asdict(n) for n in reading.notes]
    summary.misfits = [asdict(m) | {"text": m.text()} for m in reading.misfits]


def document_mismatches(dataset: Dataset, doc: Mapping[str, Any]) -> list[Mismatch]:
    """An interchange file names its department and year; a fresh dataset takes them over."""
    if not dataset.has_figures():
        return []
    department = doc.get("department") or {}
    year = str(department.get("year") or "")
    name = department.get("name")
    return mismatches(dataset.department, int(year) if year.isdigit() else None, name, prior=False)


def error_text(exc: BaseException) -> str:
    """The clerk-facing message of an import failure."""
    return exc.message if isinstance(exc, WorkbookError) else str(exc)
