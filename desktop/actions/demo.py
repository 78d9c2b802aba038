"""The bundled demo dataset: a fresh copy in the user's data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document, read_json
from desktop.paths import DEMO_SOURCE, data_dir


def create_demo(folder: Path | None = None) -> Path:
    """Build demo.jsd from the bundled interchange file (replacing an older copy)."""
    folder = folder or data_dir()
    target = folder / "demo.jsd"
    for leftover in (target, *folder.glob("demo.jsd-*")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(folder / "demo.jsd.backups", ignore_errors=True)
    doc = read_json(str(DEMO_SOURCE))
    dept = doc["department"]
    with Dataset.create(target, dept["name"], int(dept["year"])) as dataset:
        import_document(dataset, doc)
    return target
