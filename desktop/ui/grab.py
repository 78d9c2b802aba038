"""A window drawn into a PNG (the offscreen platform included), for screenshots and checks."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.qt import QApplication, QWidget

SIZE = (1400, 900)


def settle() -> None:
    """Let layouts, deferred deletes and first paints happen."""
    for _ in range(3):
        QApplication.processEvents()


def save_screenshot(window: QWidget, target: Path, size: tuple[int, int] | None = SIZE) -> Path:
    """The window as it is drawn (resized first unless `size` is None)."""
    if size is not None:
        window.resize(*size)
    window.show()
    settle()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(target)):
        raise OSError(f"无法保存截图 {target}")
    return target
