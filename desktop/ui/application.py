"""The one QApplication of the process, with the bundled fonts and the application icon."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.resources import RESOURCES
from desktop.ui.appfonts import install_fonts
from desktop.ui.qt import QApplication, QIcon

ICONS = RESOURCES / "icons"


def _headless() -> bool:
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def application(*, offscreen: bool = False) -> QApplication:
    """The one QApplication (tests and the bench may have made it already), with fonts.
    `offscreen`: render without a display when none is there (screenshots on a server)."""
    app = QApplication.instance()
    if offscreen and _headless():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("juesuan")
        app.setOrganizationName("juesuan")
    app.setDesktopFileName("juesuan")  # the Linux desktop entry (installer/build-deb.sh)
    app.setWindowIcon(app_icon(ICONS))
    install_fonts(app)
    return app


def app_icon(folder: Path) -> QIcon:
    """Every drawn size of the icon (installer/make_icon.py), so each place picks a sharp one."""
    icon = QIcon()
    for png in sorted(folder.glob("juesuan-*.png")):
        icon.addFile(str(png))
    return icon
