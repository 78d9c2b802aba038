"""Starting the window: the QApplication, the bundled fonts, the start page or a dataset.

`run()` is what `juesuan`, `juesuan FILE` and `juesuan demo` call; with `screenshot` it renders
the window (offscreen too) to a PNG and returns instead of entering the event loop.
"""

from __future__ import annotations

from pathlib import Path

from desktop.ui.application import application
from desktop.ui.grab import save_screenshot
from desktop.ui.main_window import MainWindow, stderr_sink
from desktop.ui.settings import AppSettings

OK, FAILED = 0, 2


def _open(window: MainWindow, path: Path | None, form: str | None) -> bool:
    """Open `path` (False when it cannot be opened) and show `form`."""
    if path is not None and not window.open_path(path):
        return False
    if form and window.workspace is not None:
        window.workspace.show_step(form).focus_main()
    return True


def run(path: Path | None, screenshot: str | None = None, form: str | None = None) -> int:
    app = application(offscreen=bool(screenshot))
    window = MainWindow(AppSettings())
    if screenshot:
        # Nobody is there to close a message box; without a file, the start page is shown.
        window.error_sink = stderr_sink
        opened = _open(window, path, form)
        save_screenshot(window, Path(screenshot))
        window.close()
        return OK if opened else FAILED
    last = window.settings.last_file()
    if path is None and last is not None and last.exists():
        path = last  # reopen where the clerk left off
    _open(window, path, form)
    window.show()
    return app.exec()
