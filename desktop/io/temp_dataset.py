"""A throwaway dataset in a temporary folder, loaded from an interchange document: how a
bundle's data.json is re-validated or summed without touching the clerk's files."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.forms.edition import ROOT_EDITION
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, import_document


@contextmanager
def temporary_dataset(doc: Mapping[str, Any]) -> Iterator[Dataset]:
    """Raises InterchangeError (or ValueError) when the document cannot be loaded."""
    if not isinstance(doc, Mapping):
        raise InterchangeError("数据不是数据交换文件（应为 JSON 对象）")
    department = doc.get("department") or {}
    if not isinstance(department, Mapping):
        raise InterchangeError("数据交换文件的 department 不是对象")
    with tempfile.TemporaryDirectory(prefix="juesuan-") as folder:
        dataset = Dataset.create(
            Path(folder) / "temporary.jsd",
            str(department.get("name", "")),
            int(department.get("year") or 0),
            edition=str(doc.get("edition") or ROOT_EDITION),
        )
        try:
            import_document(dataset, doc)
            yield dataset
        finally:
            dataset.close()
