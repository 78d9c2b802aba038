"""Fits the screen: the first window fits the available area (1366×768, and 1920×1080 at 150%),
size and splitters are remembered, 科目编码/名称 stay in view when scrolling right, the findings
panel can be narrowed or hidden, and 项目绩效自评 shows eight indicators on a laptop."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QRect, QSize
from desktop.ui.settings import AppSettings
from desktop.ui.window_fit import FRAME, PREFERRED, available_area, first_geometry
from tests.ui.conftest import Errors, make_window
from tests.ui.helpers import index_of, page


@pytest.mark.parametrize(
    "available",
    [QRect(0, 0, 1366, 728), QRect(0, 0, 1280, 688), QRect(0, 0, 1024, 600), QRect(1920, 0, 1920, 1040)],
)
def test_a_first_window_fits_inside_the_available_area(available: QRect) -> None:
    client = first_geometry(available)
    framed = client.adjusted(
        -FRAME.width() // 2, -(FRAME.height() - FRAME.width() // 2), FRAME.width() // 2, FRAME.width() // 2
    )
    assert available.contains(framed), (available, client)
    assert client.width() <= PREFERRED.width() and client.height() <= PREFERRED.height()


def test_a_large_screen_gets_the_preferred_size_centred() -> None:
    client = first_geometry(QRect(0, 0, 2560, 1400))
    assert client.size() == PREFERRED
    assert abs(client.center().x() - 1280) <= 1


@pytest.mark.parametrize("screen", ["1366x768", "1920x1080@150"])
def test_on_a_laptop_screen_every_page_fits_and_the_status_bar_shows(tmp_path: Path, screen: str) -> None:
    """A real first-run window on an offscreen screen of that size (less a taskbar)."""
    from desktop.ui.screen_probe import screen_env

    done = subprocess.run(
        [sys.executable, "-m", "desktop.ui.screen_probe"],
        env=screen_env(screen, tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(done.stdout)
    assert all(figures["inside"].values()), figures["inside"]
    assert figures["status_bar_shown"]
    if screen == "1366x768":
        assert figures["indicators"] >= 9 and figures["indicator_rows_shown"] >= 8, figures


def test_the_window_fits_the_screen_it_opens_on(window: MainWindow) -> None:
    available = available_area(window)  # the offscreen test screen is 800×800
    assert window.width() <= available.width() and window.height() <= available.height()


def test_size_and_splitters_are_remembered(qtbot, demo_path: Path, errors: Errors) -> None:
    first = make_window(qtbot, demo_path, errors)
    first.resize(QSize(700, 560))
    workspace = first.workspace
    workspace.splitter.setSizes([150, 350, 200])
    sizes = workspace.splitter.sizes()
    first.close()
    second = make_window(qtbot, demo_path, errors)
    assert second.size() == QSize(700, 560)
    assert second.workspace.splitter.sizes() == sizes


def test_the_findings_panel_hides_narrows_and_stays_hidden(qtbot, demo_path: Path, errors: Errors) -> None:
    window = make_window(qtbot, demo_path, errors)
    assert window.workspace.findings.minimumWidth() < 300
    assert window.workspace.splitter.isCollapsible(2)
    window.findings_action.trigger()  # F8
    assert window.workspace.findings.isHidden()
    window.close()
    again = make_window(qtbot, demo_path, errors)
    assert again.workspace.findings.isHidden() and not again.findings_action.isChecked()
    again.findings_action.trigger()
    assert not again.workspace.findings.isHidden()
    assert AppSettings().flag("findings_visible", False) is False  # saved when the window closes


def test_code_and_name_stay_in_view_when_scrolling_right(qtbot, window: MainWindow) -> None:
    window.resize(760, 600)
    g03 = page(window, "G03")
    view = g03.view
    assert view.frozen.isVisible() and view.frozen.count == 2  # 科目编码, 科目名称
    far = index_of(g03.model, "G03.2010602.to_affiliated")
    view.scrollTo(far)
    assert view.horizontalScrollBar().value() > 0
    frozen = view.frozen
    name = frozen.model().index(far.row(), 1)
    assert frozen.visualRect(name).left() >= 0 and not frozen.isColumnHidden(1) and frozen.isColumnHidden(2)
    near = index_of(g03.model, "G03.2010602.basic")
    view.scrollTo(near)  # a cell that would hide under the frozen columns is scrolled clear of them
    assert view.visualRect(near).left() >= frozen.width_shown()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == view.verticalScrollBar().value()
