"""Small builders shared by tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document


def sample_dataset(tmp_path: Path, doc: dict[str, Any], name: str = "sample.jsd") -> Dataset:
    dataset = Dataset.create(tmp_path / name, doc["department"]["name"], int(doc["department"]["year"]))
    import_document(dataset, doc)
    return dataset
