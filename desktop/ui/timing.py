"""UI figures for the bench (bench/ calls these; tests never assert on time).

- `until_idle()`: run a real event loop until it has had nothing to do for `QUIET` seconds;
  the clocks (CPU, wall) at the end of the last burst of work, i.e. after the last repaint.
- `open_window(path, folder)`: the main window on a dataset, shown, painted and idle.
- `keystroke_samples(window, cell, samples)`: Enter in a cell editor holding a typed amount,
  posted as a real key event: commit, recompute, re-check, the grid, the navigator and the
  findings panel repainted, until the event queue is idle.
- `bare_keystroke_samples(rows, cols, samples)`: the floor: the same keystroke in a bare
  QTableView over a plain model of the same size, in a window of the same size.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from desktop.ui.qt import (
    QAbstractEventDispatcher,
    QAbstractTableModel,
    QApplication,
    QEvent,
    QEventLoop,
    QKeyEvent,
    QLineEdit,
    QMainWindow,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTableView,
    QTimer,
)

QUIET = 0.1  # seconds without any event: the queue is idle
LIMIT = 30.0  # a safety net: never wait longer than this
SIZE = (1366, 768)  # a clerk's laptop screen
Clocks = tuple[float, float]  # (process CPU seconds, perf_counter seconds)
AnyIndex = QModelIndex | QPersistentModelIndex


def clocks() -> Clocks:
    return time.process_time(), time.perf_counter()


def until_idle() -> Clocks:
    """Spin the event loop until it blocks and stays blocked for QUIET seconds; the clocks
    when it last ran out of work. Each time the loop is about to block the clocks are read
    and the quiet timer restarts, so any later event (a posted repaint, a zero timer) counts."""
    dispatcher = QAbstractEventDispatcher.instance()
    loop = QEventLoop()
    quiet = QTimer()
    quiet.setSingleShot(True)
    quiet.setInterval(round(QUIET * 1000))
    quiet.timeout.connect(loop.quit)
    last = [clocks()]

    def blocking() -> None:
        last[0] = clocks()
        quiet.start()

    dispatcher.aboutToBlock.connect(blocking)
    QTimer.singleShot(round(LIMIT * 1000), loop.quit)
    quiet.start()
    loop.exec()
    dispatcher.aboutToBlock.disconnect(blocking)
    return last[0]


def elapsed(start: Clocks, end: Clocks) -> Clocks:
    return end[0] - start[0], end[1] - start[1]


def open_window(path: Path, folder: Path) -> Any:
    """The main window on `path`, offscreen, its settings in `folder` (never the clerk's)."""
    from desktop.ui.application import application
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import AppSettings

    application()
    window = MainWindow(AppSettings(folder / "settings.ini"))
    if not window.open_path(path):
        raise RuntimeError(f"无法打开 {path}")
    window.resize(*SIZE)
    window.show()
    until_idle()
    return window


def post_enter(target: Any) -> None:
    """Enter pressed and released, posted as the window system delivers keys (a sent event
    would run the deletions Qt defers to the next turn within the same turn)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.postEvent(target, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))


def _type_into(view: Any, index: QModelIndex, text: str) -> QLineEdit:
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.focusWidget()
    if not isinstance(editor, QLineEdit):
        raise RuntimeError("单元格编辑框没有打开")
    editor.setText(text)
    until_idle()  # the editor is open and painted before the clock starts
    return editor


def _keystrokes(view: Any, index: QModelIndex, samples: int) -> list[Clocks]:
    times = []
    for i in range(samples):
        editor = _type_into(view, index, f"{300 + i * 7 % 97}.{i % 10}5")
        start = clocks()
        post_enter(editor)
        times.append(elapsed(start, until_idle()))
    return times


def grid_of(window: Any, form: str) -> Any:
    return window.workspace.show_step(form).view


def keystroke_samples(window: Any, cell: str, samples: int) -> list[Clocks]:
    """Commit a typed amount into `cell` `samples` times (a different amount each time)."""
    view = grid_of(window, cell.split(".", 1)[0])
    view.select_cells([cell])
    until_idle()
    return _keystrokes(view, view.currentIndex(), samples)


class _PlainModel(QAbstractTableModel):
    """Strings in a grid, editable: what any table view shows, nothing of ours."""

    def __init__(self, rows: int, cols: int) -> None:
        super().__init__()
        self.values = [[f"{(r * 31 + c * 7) % 100000 / 100:,.2f}" for c in range(cols)] for r in range(rows)]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.values)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.values else len(self.values[0])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.values[index.row()][index.column()]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        self.values[index.row()][index.column()] = str(value)
        self.dataChanged.emit(index, index, [role])
        return True


def bare_keystroke_samples(rows: int, cols: int, samples: int, row: int = 0) -> list[Clocks]:
    """The floor of a keystroke: a bare QTableView of the same size in a same-sized window."""
    window = QMainWindow()
    view = QTableView()
    model = _PlainModel(rows, cols)
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(*SIZE)
    window.show()
    until_idle()
    index = model.index(min(row, rows - 1), min(2, cols - 1))
    view.scrollTo(index)
    times = _keystrokes(view, index, samples)
    window.close()
    return times
