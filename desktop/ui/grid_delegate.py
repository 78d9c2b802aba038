"""Editing grid cells: Enter commits at once (Qt's default commits on a queued call, a turn
later, so totals and findings would lag one event behind the keystroke). The delegate
remembers, per open editor, why its last commit was refused, so the view keeps it open."""

from __future__ import annotations

from desktop.ui.qt import (
    QAbstractItemDelegate,
    QAbstractItemModel,
    QEvent,
    QKeyEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QWidget,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
Index = QModelIndex | QPersistentModelIndex


class GridDelegate(QStyledItemDelegate):
    # No paint() override on purpose: a Python paint per cell doubles the cost of every
    # repaint; finding markers are drawn once per repaint by the view (grid_markers).

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.refusals: dict[QWidget, str] = {}
        self.indexes: dict[QWidget, QPersistentModelIndex] = {}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        self.indexes[editor] = QPersistentModelIndex(index)
        return editor

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        session = getattr(model, "session", None)
        if session is not None:
            session.refusal = None
        super().setModelData(editor, model, index)
        refusal = session.refusal if session is not None else None
        if refusal is not None:
            self.refusals[editor] = refusal.message
        else:
            self.refusals.pop(editor, None)

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        """Take the closed editor off the grid before it is deleted: deleted there, a turn
        later, it repaints its cell once more after the keystroke's repaint."""
        editor.setParent(None)
        super().destroyEditor(editor, index)

    def release(self, editor: QWidget) -> None:
        self.refusals.pop(editor, None)
        self.indexes.pop(editor, None)

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
