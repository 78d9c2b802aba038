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
KEPT = 4096  # heights kept at most (the findings of a large dataset, at a few widths)


class WrapDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self.heights: dict[tuple[str, int, str], int] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = getattr(self.view, "indentation", lambda: 0)() * (depth + 1)
        width = max(80, self.view.viewport().width() - indent - 2 * PADDING)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        return QSize(width, self._height(option, text, width) + PADDING)

    def _height(self, option: QStyleOptionViewItem, text: str, width: int) -> int:
        """Wrapped text's height, measured once per text, width and font: a tree lays out
        every line it shows again after a change, most of them with the same text."""
        key = (text, width, option.font.key())
        height = self.heights.get(key)
        if height is None:
            if len(self.heights) >= KEPT:
                self.heights.clear()
            flags = int(Qt.TextFlag.TextWordWrap)
            height = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000), flags, text).height()
            self.heights[key] = height
        return height
