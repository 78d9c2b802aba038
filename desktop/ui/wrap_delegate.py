"""Items of a tree or list that wrap onto as many lines as their text needs, at the width the
view has now (Qt's own size hints ignore the column width, so long findings were cut off)."""

from __future__ import annotations

from desktop.ui.qt import (
    QAbstractItemView,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
)

PADDING = 6


class WrapDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = getattr(self.view, "indentation", lambda: 0)() * (depth + 1)
        width = max(80, self.view.viewport().width() - indent - 2 * PADDING)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap)
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000), flags, text)
        return QSize(width, bounds.height() + PADDING)
