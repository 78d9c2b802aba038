"""Editing grid cells: Enter commits at once (Qt's default commits on a queued call, a turn
later, so totals and findings would lag one event behind the keystroke)."""

from __future__ import annotations

from desktop.ui.qt import QAbstractItemDelegate, QEvent, QKeyEvent, QObject, QStyledItemDelegate, Qt, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class GridDelegate(QStyledItemDelegate):
    # No paint() override on purpose: a Python paint per cell doubles the cost of every
    # repaint; finding markers are drawn once per repaint by the view (grid_markers).

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QWidget)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(editor, event)
