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
from desktop.models.interchange import check_document, import_document


@contextmanager
def temporary_dataset(doc: Mapping[str, Any], source: str = "数据交换文件") -> Iterator[Dataset]:
    """Raises InterchangeError naming `source` when the document cannot be loaded."""
    check_document(doc, source, header=False)
    department = doc["department"]
    with tempfile.TemporaryDirectory(prefix="juesuan-") as folder:
        dataset = Dataset.create(
            Path(folder) / "temporary.jsd",
            str(department.get("name", "")),
            int(department.get("year") or 0),
            edition=str(doc.get("edition") or ROOT_EDITION),
        )
        try:
            import_document(dataset, doc, source=source)
            yield dataset
        finally:
            dataset.close()
