"""The first window fits the screen it opens on: at most 1400×900, never larger than the
screen's available area (a 1366×768 laptop, or 1920×1080 at 150% = 1280×720 logical), with
room for the title bar. Later runs restore the size and place the clerk left it at."""

from __future__ import annotations

from desktop.ui.qt import QGuiApplication, QRect, QSize, QWidget

PREFERRED = QSize(1400, 900)
FRAME = QSize(16, 40)  # window border and title bar, which the client size excludes


def first_geometry(available: QRect, preferred: QSize = PREFERRED) -> QRect:
    """The client rectangle of a first window on a screen with this available area."""
    width = min(preferred.width(), available.width() - FRAME.width())
    height = min(preferred.height(), available.height() - FRAME.height())
    left = available.left() + (available.width() - width) // 2
    top = available.top() + max(FRAME.height() - FRAME.width() // 2, (available.height() - height) // 2)
    return QRect(left, top, width, height)


def available_area(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def fit_into(window: QWidget, available: QRect) -> None:
    """Shrink and move a restored window until it lies inside the available area."""
    geometry = window.geometry()
    width = min(geometry.width(), available.width() - FRAME.width())
    height = min(geometry.height(), available.height() - FRAME.height())
    left = min(max(geometry.left(), available.left()), available.right() - width)
    top = min(max(geometry.top(), available.top()), available.bottom() - height)
    window.setGeometry(left, top, width, height)
