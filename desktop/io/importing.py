"""Reading a file to import, by format: an interchange .json, a complete workbook of ours (both
years, texts, projects: read back as an interchange document) or another software's workbook
(the published tables, as a WorkbookReading). Reads only: what lands in the dataset and how is
desktop/actions/importing.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.forms.edition import Edition
from desktop.io.workbook.reader import WorkbookReading, read_workbook
from desktop.io.xlsx.readback import is_complete_workbook, read_complete_workbook
from desktop.models.interchange import InterchangeError, read_json

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".json")


@dataclass(frozen=True)
class SourceFile:
    """A file read for importing: a document (json, complete) or a reading (workbook)."""

    path: Path
    kind: str  # "json" | "complete" | "workbook"
    document: Mapping[str, Any] | None = None
    reading: WorkbookReading | None = None


def read_source(path: Path, edition: Edition) -> SourceFile:
    """Raises InterchangeError/WorkbookError with a clear message."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return SourceFile(path, "json", document=read_json(str(path)))
    if suffix in WORKBOOK_SUFFIXES and is_complete_workbook(path):
        return SourceFile(path, "complete", document=read_complete_workbook(path))
    if suffix in WORKBOOK_SUFFIXES:
        return SourceFile(path, "workbook", reading=read_workbook(path, edition))
    raise InterchangeError(
        f"不支持的文件类型 {path.suffix or '（无扩展名）'}：请选择 .xlsx、.xls 或 .json 文件。"
    )
