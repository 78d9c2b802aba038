"""What the export page writes (no widgets). The exports read a whole Dataset, so they run in a
worker thread on an exact copy of the clerk's file (SQLite's backup API, taken on the GUI thread
in milliseconds): the window stays responsive, the clerk may keep typing, and every output shows
the data as it was when 导出 was pressed."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.atomic import check_target
from desktop.io.bundle.seal import PDF, XLSX, write_bundle
from desktop.io.release import Release
from desktop.models.dataset import Dataset
from desktop.models.snapshot import Department

OUTPUTS = ("xlsx", "pdf", "bundle")
Progress = Callable[[int, str], None]
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_names(department: Department) -> dict[str, str]:
    """e.g. 攀枝花市西区财政局2020年度部门决算.xlsx / .pdf / 报送包.zip"""
    stem = f"{_UNSAFE.sub('', department.name) or '部门'}{department.year}年度部门决算"
    return {"xlsx": f"{stem}.xlsx", "pdf": f"{stem}.pdf", "bundle": f"{stem}报送包.zip"}


@dataclass
class ExportJob:
    copy: Path  # the exact copy the worker reads
    folder: Path  # where the outputs go
    names: dict[str, str]  # output kind → file name, only the chosen ones
    release: Release  # a draft, or for publication with what the clerk confirmed
    scratch: tempfile.TemporaryDirectory[str]

    @property
    def steps(self) -> int:
        return len(self.names)


def check_targets(dataset: Dataset, folder: Path, chosen: list[str]) -> dict[str, str]:
    """The chosen outputs' file names; OutputError when one would be the clerk's own file."""
    names = {kind: name for kind, name in file_names(dataset.department).items() if kind in chosen}
    for name in names.values():
        check_target(folder / name, dataset.protected())
    return names


def prepare(dataset: Dataset, folder: Path, chosen: list[str], release: Release) -> ExportJob:
    """On the GUI thread: refuse targets that are the clerk's own files (the writers only see
    the copy), then copy the open file (a consistent snapshot) into a scratch folder."""
    names = check_targets(dataset, folder, chosen)
    scratch = tempfile.TemporaryDirectory(prefix="juesuan-export-")
    copy = dataset.copy_beside(Path(scratch.name) / "export.jsd", "export")
    return ExportJob(copy, folder, names, release, scratch)


def write_outputs(job: ExportJob, progress: Progress) -> list[Path]:
    """In the worker: open the copy, write the chosen outputs, remove the copy."""
    try:
        with Dataset.open(job.copy) as dataset:
            return _write(dataset, job, progress)
    finally:
        job.scratch.cleanup()


def _write(dataset: Dataset, job: ExportJob, progress: Progress) -> list[Path]:
    # reportlab and openpyxl load on the first export: the window starts without them.
    from desktop.io.pdf.export import export_pdf
    from desktop.io.xlsx.export import export_xlsx

    written: list[Path] = []
    made: dict[str, Path | None] = {}
    scratch = Path(job.scratch.name)
    for step, kind in enumerate(job.names):
        progress(step, kind)
        target = job.folder / job.names[kind]
        if kind == "xlsx":
            made["xlsx"] = export_xlsx(dataset, target)
        elif kind == "pdf":
            made["pdf"] = export_pdf(dataset, target, job.release)
        else:
            xlsx = made.get("xlsx") or export_xlsx(dataset, scratch / XLSX)
            pdf = made["pdf"] if "pdf" in made else export_pdf(dataset, scratch / PDF, job.release)
            write_bundle(dataset, target, xlsx=xlsx, pdf=pdf, release=job.release)
        if target.exists():
            written.append(target)
    progress(job.steps, "")
    return written
