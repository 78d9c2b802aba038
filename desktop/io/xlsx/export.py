"""The Excel export: one sheet per form the edition's package lists (its published tables in
the official layout, then 单位基本情况, 其他重要事项, the 项目支出绩效自评表 and the 部门整体支出绩效评价),
then the sheets that make it complete (desktop.io.xlsx.complete). Every figure is written as a
value (totals too), every text as text; the tables read back through the workbook importer to the
dataset's own figures, and the whole workbook back to the same dataset (desktop.io.xlsx.readback)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from desktop.atomic import write_bytes
from desktop.forms.catalogue import Form
from desktop.io.xlsx.classified import write_classified
from desktop.io.xlsx.complete import write_complete
from desktop.io.xlsx.facts import write_facts
from desktop.io.xlsx.g06 import write_g06
from desktop.io.xlsx.g07 import write_g07
from desktop.io.xlsx.projects import write_projects
from desktop.io.xlsx.scores import write_scores
from desktop.io.xlsx.stream import StreamedSheet, new_sheet
from desktop.io.xlsx.two_sided import write_two_sided
from desktop.io.xlsx.unit_tables import write_unit_tables
from desktop.models.dataset import Dataset

SheetWriterFn = Callable[[StreamedSheet, Dataset, Form], None]
_BY_KIND: dict[str, SheetWriterFn] = {
    "facts": write_facts,
    "projects": write_projects,
    "tree": write_scores,
    "classified": write_classified,
}


def writer_of(form: Form) -> SheetWriterFn:
    """The layout a form is printed in, from what the form is (never from its id)."""
    if form.layout == "two_sided":
        return write_two_sided
    if form.layout == "double_column":
        return write_g06
    if form.kind == "fixed":
        return write_g07  # rows printed as bands of the same columns (预算数 | 决算数)
    return _BY_KIND[form.kind]


def sheet_name(dataset: Dataset, form: Form) -> str:
    """A published table's sheet is named as the edition says (公开01表, or its title); any
    other sheet by its title. Excel allows 31 characters."""
    if form.id in dataset.edition.package.tables:
        return dataset.edition.package.sheet_name.format(label=form.label, title=form.title)[:31]
    return form.title[:31]


def build_workbook(dataset: Dataset) -> Workbook:
    workbook = Workbook(write_only=True)  # each sheet streamed, row by row (desktop.io.xlsx.stream)
    for form_id in dataset.edition.package.sheets:
        form = dataset.catalogue.form(form_id)
        writer_of(form)(new_sheet(workbook, sheet_name(dataset, form)), dataset, form)
    if dataset.by_org_unit:
        write_unit_tables(workbook, dataset.snapshot())
    write_complete(workbook, dataset)
    return workbook


def export_xlsx(dataset: Dataset, path: Path) -> Path:
    """Write the workbook to `path` (replaced atomically: a failed export leaves no half file;
    the dataset's own file and backups are refused as targets)."""
    buffer = io.BytesIO()  # in memory first: a full disk then fails in one place, cleanly
    build_workbook(dataset).save(buffer)
    return write_bytes(Path(path), buffer.getvalue(), dataset.protected())
