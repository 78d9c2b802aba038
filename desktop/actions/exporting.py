"""Exporting, for both doors: the Excel workbook, the PDF and the 报送包 written in one sequence
(`write_outputs`), by `juesuan export` and by the export page. The page runs it in a worker
thread on an exact copy of the clerk's file (`prepare` on the GUI thread takes the copy with
SQLite's backup API in milliseconds; `write_prepared` in the worker): the window stays
responsive, the clerk may keep typing, and every output shows the data as it was when 导出 was
pressed. The bundle holds the workbook and PDF written with it, or fresh ones made beside."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.atomic import check_target
from desktop.io.bundle.seal import PDF, XLSX, write_bundle
from desktop.io.release import Release
from desktop.models.dataset import Dataset
from desktop.models.snapshot import Department

OUTPUTS = ("xlsx", "pdf", "bundle")  # the order they are written in
Progress = Callable[[int, str], None]  # (step, kind about to be written; "" when done)
Written = Callable[[str, Path], None]  # (kind, path) as each output is written
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_names(department: Department) -> dict[str, str]:
    """e.g. 攀枝花市西区财政局2020年度部门决算.xlsx / .pdf / 报送包.zip"""
    stem = f"{_UNSAFE.sub('', department.name) or '部门'}{department.year}年度部门决算"
    return {"xlsx": f"{stem}.xlsx", "pdf": f"{stem}.pdf", "bundle": f"{stem}报送包.zip"}


def write_outputs(
    dataset: Dataset,
    targets: Mapping[str, Path],
    release: Release,
    progress: Progress | None = None,
    written: Written | None = None,
) -> list[Path]:
    """Write the chosen outputs (kind → target) in OUTPUTS order; the files written."""
    # reportlab and openpyxl load on the first export: the window starts without them.
    from desktop.io.pdf.export import export_pdf
    from desktop.io.xlsx.export import export_xlsx

    chosen = [kind for kind in OUTPUTS if kind in targets]
    made: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="juesuan-bundle-") as scratch:
        for step, kind in enumerate(chosen):
            if progress is not None:
                progress(step, kind)
            target = targets[kind]
            if kind == "xlsx":
                made[kind] = export_xlsx(dataset, target)
            elif kind == "pdf":
                made[kind] = export_pdf(dataset, target, release)
            else:
                xlsx = made.get("xlsx") or export_xlsx(dataset, Path(scratch) / XLSX)
                pdf = made.get("pdf") or export_pdf(dataset, Path(scratch) / PDF, release)
                made[kind] = write_bundle(dataset, target, xlsx=xlsx, pdf=pdf, release=release)
            if written is not None:
                written(kind, made[kind])
    if progress is not None:
        progress(len(chosen), "")
    return [made[kind] for kind in chosen if made[kind].exists()]


@dataclass
class ExportJob:
    """The export page's outputs, to be written from `copy` in a worker thread."""

    copy: Path  # the exact copy the worker reads
    targets: dict[str, Path]  # output kind → target, only the chosen ones
    release: Release  # a draft, or for publication with what the clerk confirmed
    scratch: tempfile.TemporaryDirectory[str]

    @property
    def steps(self) -> int:
        return len(self.targets)


def check_targets(dataset: Dataset, folder: Path, chosen: list[str]) -> dict[str, Path]:
    """The chosen outputs' targets in `folder`; OutputError when one would be the clerk's own file."""
    targets = {kind: folder / name for kind, name in file_names(dataset.department).items() if kind in chosen}
    for target in targets.values():
        check_target(target, dataset.protected())
    return targets


def prepare(dataset: Dataset, folder: Path, chosen: list[str], release: Release) -> ExportJob:
    """On the GUI thread: refuse targets that are the clerk's own files (the writers only see
    the copy), then copy the open file (a consistent snapshot) into a scratch folder."""
    targets = check_targets(dataset, folder, chosen)
    scratch = tempfile.TemporaryDirectory(prefix="juesuan-export-")
    copy = dataset.copy_beside(Path(scratch.name) / "export.jsd", "export")
    return ExportJob(copy, targets, release, scratch)


def write_prepared(job: ExportJob, progress: Progress) -> list[Path]:
    """In the worker: open the copy, write the chosen outputs, remove the copy."""
    try:
        with Dataset.open(job.copy) as dataset:
            return write_outputs(dataset, job.targets, job.release, progress)
    finally:
        job.scratch.cleanup()
