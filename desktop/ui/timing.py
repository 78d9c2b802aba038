"""Figures for the bench (bench/ calls these; tests never assert on time).

- `measure_open(path=None)`: milliseconds from nothing (no window; the QApplication is made
  unless one exists) to the main window shown and painted with a dataset open; the demo is
  built first when no path is given (its build time is reported apart). Offscreen.
- `measure_keystroke(window=None, samples=20)`: milliseconds from committing a typed G05 amount
  (Enter in the cell editor) to the totals, derived tables and findings panel being updated and
  repainted.
- `bench(large=None)`: both, as one dict; with `large` (a big .jsd) also the keystroke figures
  on that dataset (`large_keystroke_*`).
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from desktop.ui.qt import QApplication, QEvent, QKeyEvent, QLineEdit, Qt


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def measure_open(path: Path | None = None, folder: Path | None = None) -> dict[str, Any]:
    """Offscreen, in `folder` (a new temporary one by default) for the demo copy and the
    window settings, so a bench never touches the clerk's demo file or recent-files list."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # effective before the first QApplication
    from desktop.actions.demo import create_demo

    folder = folder or Path(tempfile.mkdtemp(prefix="juesuan-bench-"))
    started = time.perf_counter()
    demo_ms = 0.0
    if path is None:
        path = create_demo(folder)
        demo_ms = _ms(started)
    opening = time.perf_counter()
    from desktop.ui.application import application
    from desktop.ui.grab import SIZE, settle
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import AppSettings

    application()
    window = MainWindow(AppSettings(folder / "settings.ini"))
    window.open_path(path)
    window.resize(*SIZE)
    window.show()
    settle()
    return {
        "demo_build_ms": demo_ms,
        "open_to_shown_ms": _ms(opening),
        "total_ms": _ms(started),
        "window": window,
        "folder": folder,
    }


def _first_g05_input(window: Any) -> str:
    dataset = window.workspace.session.dataset
    return str(next(c.id for c in dataset.cells().values() if c.form == "G05" and not c.computed))


def _open_editor(window: Any, cell: str, text: str) -> QLineEdit:
    view = window.workspace.show_step("G05").view
    view.select_cells([cell])
    view.edit(view.currentIndex())
    editor = view.focusWidget()
    if not isinstance(editor, QLineEdit):
        raise RuntimeError("G05 cell editor did not open")
    editor.setText(text)
    return editor


def measure_keystroke(window: Any = None, samples: int = 20) -> dict[str, Any]:
    if window is None:
        window = measure_open()["window"]
    cell = _first_g05_input(window)
    times = []
    for i in range(samples):
        editor = _open_editor(window, cell, f"{300 + i}.5")
        enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        QApplication.processEvents()  # the editor is open and painted before the clock starts
        started = time.perf_counter()
        QApplication.sendEvent(editor, enter)  # commits, recomputes, re-validates, refreshes
        QApplication.processEvents()  # and repaints
        times.append(_ms(started))
    median, worst = round(statistics.median(times), 1), max(times)
    p95 = round(statistics.quantiles(times, n=20)[-1], 1) if len(times) >= 2 else worst
    return {
        "keystroke_median_ms": median,
        "keystroke_p95_ms": p95,
        "keystroke_max_ms": worst,
        "samples": samples,
    }


def bench(large: Path | None = None) -> dict[str, Any]:
    opened = measure_open()
    window, folder = opened.pop("window"), opened.pop("folder")
    figures = opened | measure_keystroke(window)
    window.close()
    if large is not None:
        big = measure_open(large, folder)
        figures["large_open_ms"] = big["open_to_shown_ms"]
        keys = measure_keystroke(big["window"], samples=40)
        figures |= {f"large_{k}": v for k, v in keys.items()}
        big["window"].close()
    shutil.rmtree(folder, ignore_errors=True)
    return figures
