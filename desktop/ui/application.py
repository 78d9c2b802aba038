"""The one QApplication of the process, with the bundled fonts and Qt's Chinese texts installed."""

from __future__ import annotations

import os
import sys

from desktop.ui.appfonts import install_fonts
from desktop.ui.qt import QApplication
from desktop.ui.translations import install_translations


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
    install_fonts(app)
    install_translations(app)
    return app
