"""The reason an entry was refused, shown next to its cell (as Excel's message box would, without
taking the keyboard away): the editor stays open until the clerk fixes the text or presses Esc."""

from __future__ import annotations

from desktop.ui.qt import QLabel, QRect, Qt, QWidget
from desktop.ui.text import tr

STYLE = "background: #fdecea; border: 1px solid #d93025; color: #a50e0e; padding: 3px 6px;"


class RefusalTip(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("字" * 22))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def show_beside(self, cell: QRect, message: str, editing: bool) -> None:
        """`cell` in the parent's coordinates; right of it when there is room, else below."""
        hint = tr("（按 Esc 恢复原值）") if editing else ""
        self.setText(message + hint)
        self.adjustSize()
        parent = self.parentWidget()
        width = parent.width() if parent is not None else cell.right() + self.width()
        x, y = cell.right() + 4, cell.top()
        if x + self.width() > width:
            x, y = max(0, min(cell.left(), width - self.width())), cell.bottom() + 2
        self.move(x, y)
        self.show()
        self.raise_()
