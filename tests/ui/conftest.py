"""Fixtures for tests that drive the real widgets offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import desktop.ui.qt  # noqa: F401 - first: guards None before pytest-qt makes Qt calls
from desktop.actions.demo import create_demo
from desktop.models.dataset import Dataset
from desktop.ui.appfonts import install_fonts
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QApplication
from desktop.ui.settings import AppSettings
from desktop.ui.translations import install_translations


class Errors(list[tuple[str, str]]):
    """Collects what the window would show in a message box."""

    def __call__(self, title: str, message: str) -> None:
        self.append((title, message))


class Questions(list[str]):
    """Answers yes to every question the window would ask in a message box, and keeps them."""

    def __call__(self, _title: str, message: str) -> bool:
        self.append(message)
        return True


@pytest.fixture(scope="package", autouse=True)
def _release_qapplication() -> Iterator[None]:
    """Unit and e2e tests that run after this package check that no QApplication exists
    (tests/conftest.py): shut pytest-qt's down once the last UI test is done."""
    yield
    app = QApplication.instance()
    if app is not None:
        app.processEvents()
        app.shutdown()


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return create_demo(tmp_path / "demo")


@pytest.fixture
def errors() -> Errors:
    return Errors()


def make_window(qtbot: QtBot, path: Path | None, errors: Errors) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_fonts(app)
    install_translations(app)
    window = MainWindow(AppSettings())
    window.error_sink = errors
    window.ask = Questions()
    qtbot.addWidget(window)
    if path is not None:
        assert window.open_path(path)
    window.show()
    return window


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path, errors: Errors) -> MainWindow:
    return make_window(qtbot, demo_path, errors)


@pytest.fixture
def small_dataset(tmp_path: Path) -> Iterator[Dataset]:
    dataset = Dataset.create(tmp_path / "small.jsd", "测试单位", 2020)
    dataset.set_many({"G05.2010601.basic": "100", "G05.2010601.project": "20", "G05.2080501.basic": "5"})
    yield dataset
    dataset.close()
