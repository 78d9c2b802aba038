"""Test-wide setup: Qt offscreen before anything imports PySide6; shared sample data paths;
tests outside tests/ui must never start a QApplication."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = FIXTURES / "shared"  # a copy of ../shared/data (see its README): a clone alone runs every test


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    assert path.exists(), f"sample data missing from the repository: {path}"
    return path


@pytest.fixture(scope="session")
def sample_doc() -> dict[str, Any]:
    """The interchange dataset of published report 000 (2020, with 2019 as prior)."""
    return json.loads(shared_path("datasets", "xiqu-czj-2020.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def module_dataset(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> Iterator[Any]:
    """The sample imported once per test module (for tests that only read it)."""
    from tests.helpers import sample_dataset

    data = sample_dataset(tmp_path_factory.mktemp("sample"), sample_doc)
    yield data
    data.close()


@pytest.fixture(scope="module")
def sample_bundle(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> Iterator[Path]:
    """A signed bundle of the sample department, to copy as other units' (consolidation tests)."""
    from bench.consolidation import template_bundle

    folder = tmp_path_factory.mktemp("template")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUESUAN_DATA_DIR", str(folder / "appdata"))
        yield template_bundle(folder, sample_doc)


@pytest.fixture(scope="module")
def no_fsync() -> Iterator[None]:
    """Durability is not under test: commits without fsync keep many-example tests fast
    (use with `pytestmark = pytest.mark.usefixtures("no_fsync")`)."""
    from desktop.models import store

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(store.PRAGMAS, "synchronous", 0)
        yield


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(tmp_path / "appdata"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


def _qt_application() -> Any:
    widgets = sys.modules.get("PySide6.QtWidgets")
    return widgets.QApplication.instance() if widgets is not None else None


@pytest.fixture(autouse=True)
def _no_qt_outside_ui(request: pytest.FixtureRequest) -> Any:
    """Unit and e2e tests run headless: one that starts a QApplication is a layering bug."""
    before = _qt_application()
    yield
    if request.node.get_closest_marker("gui") is None and before is None:
        assert _qt_application() is None, "a non-UI test started a QApplication"
