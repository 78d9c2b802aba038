"""Small builders shared by tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document


def sample_dataset(tmp_path: Path, doc: dict[str, Any], name: str = "sample.jsd") -> Dataset:
    dataset = Dataset.create(tmp_path / name, doc["department"]["name"], int(doc["department"]["year"]))
    import_document(dataset, doc)
    return dataset


def load_script(path: Path) -> ModuleType:
    """A script of installer/ (not a package) imported as a module, to test its functions."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
