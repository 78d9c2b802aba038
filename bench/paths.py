"""The paths a clerk waits on, measured in this process with their floors (bench/floors.py):
edit → findings on an existing cell and on a new 项 row, workbook import end to end, and
the Excel and PDF exports of a dataset."""

from __future__ import annotations

import random
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench import floors
from bench.measure import Sample, figure, measure, repeat, summary
from bench.synthetic import item_codes
from desktop.models.dataset import Dataset

CLASSIFIED = ("G02", "G03", "G05", "G08", "G09")


def amount_inputs(dataset: Dataset) -> list[str]:
    calc = dataset.calc()
    return sorted(
        c for c, v in calc.inputs.items() if isinstance(v, Decimal) and calc.cells[c].kind == "amount"
    )


def edit_samples(dataset: Dataset, times: int, seed: int = 7) -> list[Sample]:
    """Random amounts typed into existing input cells: write, log, recompute, re-check."""
    rng = random.Random(seed)
    cells = amount_inputs(dataset)
    edits = [(rng.choice(cells), f"{rng.randint(0, 999_999) / 100:.2f}") for _ in range(times)]
    return [measure(lambda c=cell, v=value: dataset.set(c, v)) for cell, value in edits]


def new_row_samples(dataset: Dataset, times: int, form: str = "G05") -> list[Sample]:
    """A 项 row the form lacks, added (what typing a new code into the grid does)."""
    present = set(dataset.rows(form))
    fresh = [code for code in item_codes(1015) if code not in present][:times]
    return [measure(lambda c=code: dataset.add_row(form, c)) for code in fresh]


def new_project_samples(dataset: Dataset, times: int) -> list[Sample]:
    """A new project row (the 项 list runs out at the larger scales; projects never do)."""
    return [measure(lambda n=n: dataset.add_row("P01", f"bench{n}")) for n in range(times)]


def edit_figures(dataset: Dataset, folder: Path, times: int) -> dict[str, Any]:
    floor = floors.bare_commits(folder, len(dataset.calc().inputs), times)
    return {
        "edit_to_findings": figure(
            edit_samples(dataset, times), floor, "sqlite3 UPDATE+commit, same pragmas"
        ),
        "new_row_edit": figure(new_row_samples(dataset, max(times // 4, 5)), floor, "sqlite3 UPDATE+commit"),
    }


def import_samples(workbook: Path, times: int) -> list[Sample]:
    """Read, map, store, validate: a new dataset each time, as the import wizard's target."""
    from desktop.actions.importing import land
    from desktop.forms.edition import ROOT_EDITION, load_edition
    from desktop.io.importing import SourceFile
    from desktop.io.workbook.reader import read_workbook

    def once() -> None:
        with tempfile.TemporaryDirectory() as scratch:
            dataset = Dataset.create(Path(scratch) / "i.jsd", "导入测试", 2020, edition=ROOT_EDITION)
            reading = read_workbook(workbook, load_edition(ROOT_EDITION))
            source = SourceFile(workbook, "workbook", reading=reading)
            land(dataset, source, prior=False, replace=False, force=True)
            dataset.findings()
            dataset.close()

    return repeat(once, times)


def import_figure(workbook: Path, times: int) -> dict[str, Any]:
    return figure(
        import_samples(workbook, times), floors.read_only_scan(workbook, times), "openpyxl read-only scan"
    )


def export_figures(dataset: Dataset, folder: Path, times: int) -> dict[str, Any]:
    """Excel and PDF of `dataset`; the PDF's first call in the process (fonts parsed) apart."""
    from desktop.io.pdf.export import export_pdf
    from desktop.io.release import DRAFT
    from desktop.io.xlsx.export import export_xlsx

    xlsx, pdf = folder / "export.xlsx", folder / "export.pdf"
    first_pdf = measure(lambda: export_pdf(dataset, pdf, DRAFT))
    excel = repeat(lambda: export_xlsx(dataset, xlsx), times)
    paged = repeat(lambda: export_pdf(dataset, pdf, DRAFT), times)
    pages = floors.pdf_pages(pdf)
    return {
        "excel_export": figure(excel, floors.write_only(folder, floors.workbook_cells(xlsx), times),
                               "openpyxl write-only workbook, same cells"),
        "pdf_export": figure(paged, floors.canvas(folder, pages, times), "reportlab canvas, same strings") |
        {"pages": len(pages), "first_in_process": summary([first_pdf])},
    }  # fmt: skip
