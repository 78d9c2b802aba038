"""The bundled CJK fonts, registered with Qt so nothing depends on system fonts."""

from __future__ import annotations

from desktop.fonts import UI_FAMILY, font_files
from desktop.ui.qt import QApplication, QFont, QFontDatabase

POINT_SIZE = 10
_loaded: set[str] = set()


def install_fonts(app: QApplication) -> bool:
    """Load every bundled font file once per process and make the sans family the app font.
    False when a file could not be loaded (the window still works with a fallback font)."""
    ok = True
    for path in font_files():
        if str(path) in _loaded:
            continue
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            ok = False
        else:
            _loaded.add(str(path))
    app.setFont(QFont(UI_FAMILY, POINT_SIZE))
    return ok
