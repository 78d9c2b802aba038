"""The application icon: every drawn size reaches the window; an empty folder gives no icon."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.application import ICONS, app_icon, application
from desktop.ui.qt import QSize

DRAWN = (16, 24, 32, 48, 64, 128, 256, 512)


def test_the_icon_carries_every_drawn_size_and_the_application_uses_it(qapp) -> None:
    icon = app_icon(ICONS)
    assert sorted(s.width() for s in icon.availableSizes()) == list(DRAWN)
    centre_of_tile = icon.pixmap(QSize(64, 64)).toImage().pixelColor(8, 32)
    assert (centre_of_tile.red(), centre_of_tile.green() < 100) == (0xC0, True)  # the red tile
    app = application()
    assert app.desktopFileName() == "juesuan"
    assert sorted(s.width() for s in app.windowIcon().availableSizes()) == list(DRAWN)


def test_a_folder_without_the_icon_files_gives_an_empty_icon(tmp_path: Path) -> None:
    (tmp_path / "other.png").write_bytes((ICONS / "juesuan-16.png").read_bytes())
    assert app_icon(tmp_path).isNull()
