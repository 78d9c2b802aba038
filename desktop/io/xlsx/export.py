"""The Excel export: one sheet per 公开 table (公开01表 … 公开09表) in the official layout,
then 其他重要事项, the 项目支出绩效自评表 and the 部门整体支出绩效评价. Every figure is written
as a value (totals too), and the nine tables read back through the workbook importer to the
dataset's own figures."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.atomic import write_bytes
from desktop.forms.catalogue import Form
from desktop.io.xlsx.classified import write_classified
from desktop.io.xlsx.facts import write_facts
from desktop.io.xlsx.g06 import write_g06
from desktop.io.xlsx.g07 import write_g07
from desktop.io.xlsx.projects import write_projects
from desktop.io.xlsx.scores import write_scores
from desktop.io.xlsx.two_sided import write_two_sided
from desktop.models.dataset import Dataset

SheetWriterFn = Callable[[Worksheet, Dataset, Form], None]
_WRITERS: dict[str, SheetWriterFn] = {
    "G01": write_two_sided,
    "G04": write_two_sided,
    "G06": write_g06,
    "G07": write_g07,
    "X01": write_facts,
    "P01": write_projects,
    "P02": write_scores,
}
SHEET_FORMS = ("G01", "G02", "G03", "G04", "G05", "G06", "G07", "G08", "G09", "X01", "P01", "P02")


def sheet_name(form: Form) -> str:
    """公开01表 … for the nine tables (their label), the title for the others."""
    return form.label if form.id.startswith("G") else form.title[:31]


def build_workbook(dataset: Dataset) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for form_id in SHEET_FORMS:
        form = dataset.catalogue.form(form_id)
        writer = _WRITERS.get(form_id, write_classified)
        writer(workbook.create_sheet(sheet_name(form)), dataset, form)
    return workbook


def export_xlsx(dataset: Dataset, path: Path) -> Path:
    """Write the workbook to `path` (replaced atomically: a failed export leaves no half file;
    the dataset's own file and backups are refused as targets)."""
    buffer = io.BytesIO()  # in memory first: a full disk then fails in one place, cleanly
    build_workbook(dataset).save(buffer)
    return write_bytes(Path(path), buffer.getvalue(), dataset.protected())
