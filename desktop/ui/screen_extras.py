"""The docs' shots of the clerk's day: a refused entry kept in its cell, the 科目 columns frozen
while a wide table scrolls right, an undo that says what it did, and 编辑 › 修改记录."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.change_log_dialog import ChangeLogDialog
from desktop.ui.grab import save_screenshot, settle
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QAbstractItemDelegate, QApplication, QLineEdit

HINT = QAbstractItemDelegate.EndEditHint
REFUSED = "G05.2010601.basic"
WIDE = ("G03", "G03.2010602.to_affiliated")


def _refusal(window: MainWindow, target: Path) -> Path:
    assert window.workspace is not None
    page = window.workspace.show_step("G05")
    view = page.view  # type: ignore[attr-defined]
    view.select_cells([REFUSED])
    view.edit(view.currentIndex())
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit)
    editor.setText("12O.5")  # a letter O typed for a zero
    view.commitData(editor)  # what Enter does
    view.closeEditor(editor, HINT.SubmitModelCache)
    shot = save_screenshot(window, target, None)
    view.closeEditor(editor, HINT.RevertModelCache)  # what Esc does
    return shot


def _frozen(window: MainWindow, target: Path) -> Path:
    assert window.workspace is not None
    page = window.workspace.show_step(WIDE[0])
    page.show_cells([WIDE[1]])
    settle()
    return save_screenshot(window, target, None)


def _undo(window: MainWindow, target: Path) -> Path:
    assert window.session is not None and window.workspace is not None
    window.session.edit({"G05.2010602.basic": "49.50"})
    window.workspace.show_step("G07")
    window.undo()
    return save_screenshot(window, target, None)


def _change_log(window: MainWindow, target: Path) -> Path:
    assert window.session is not None
    dialog = ChangeLogDialog(window.session, window)
    dialog.resize(min(1000, window.width() - 40), min(560, window.height() - 60))
    dialog.show()
    settle()
    target.parent.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(target))
    dialog.close()
    QApplication.processEvents()
    return target


def extra_shots(window: MainWindow, folder: Path) -> list[Path]:
    return [
        _refusal(window, folder / "refusal.png"),
        _frozen(window, folder / "frozen.png"),
        _undo(window, folder / "undo.png"),
        _change_log(window, folder / "change-log.png"),
    ]
