"""Small builders shared by tests."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

from desktop.forms.edition import EDITIONS_DIR
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document


def sample_dataset(tmp_path: Path, doc: dict[str, Any], name: str = "sample.jsd") -> Dataset:
    dataset = Dataset.create(tmp_path / name, doc["department"]["name"], int(doc["department"]["year"]))
    import_document(dataset, doc)
    return dataset


def editions_copy(tmp_path: Path) -> Path:
    """A copy of the shipped editions in a folder of its own, for tests that add editions."""
    root = tmp_path / "editions"
    shutil.copytree(EDITIONS_DIR, root)
    return root


def child_edition(root: Path, edition_id: str, parent: str, year: int = 2021, body: str = "") -> Path:
    """A new edition folder under `root` naming `parent`, with `body` added to its edition.toml."""
    folder = root / edition_id
    folder.mkdir()
    text = f'id = "{edition_id}"\nname = "测试 {year} 年版"\nparent = "{parent}"\nyear = {year}\n{body}'
    (folder / "edition.toml").write_text(text, encoding="utf-8")
    return folder


def load_script(path: Path) -> ModuleType:
    """A script of installer/ (not a package) imported as a module, to test its functions."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
