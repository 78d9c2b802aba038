"""Small builders shared by tests."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

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


def poppler(tool: str, *args: object) -> str:
    """The output of a poppler tool (pdftotext, pdfinfo, pdffonts) run on our PDFs."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} (poppler-utils) is not installed: the test command installs it")
    return subprocess.run([path, *map(str, args)], check=True, capture_output=True, text=True).stdout


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, laid out (pdftotext -layout)."""
    return poppler("pdftotext", "-layout", path, "-").split("\f")[:-1]


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """`juesuan ARGS…` in process: the exit code, stdout and stderr."""
    from desktop.cli import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def cli_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str = "a.jsd") -> Path:
    """A dataset file made and filled with the shared sample through the CLI."""
    from tests.conftest import shared_path

    path = tmp_path / name
    assert run_cli(capsys, "new", path, "--department", "测试", "--year", 2020)[0] == 0
    assert run_cli(capsys, "import", path, shared_path("datasets", "xiqu-czj-2020.json"))[0] == 0
    return path
