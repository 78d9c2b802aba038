"""Small shared pieces of page layout: a page heading, and a list sized to its rows."""

from __future__ import annotations

from desktop.ui.qt import QFont, QLabel, QListWidget


def heading(text: str = "", *, scale: float = 1.25) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def fit_rows(widget: QListWidget, most: int = 4) -> None:
    """As tall as its rows (at most `most`, then it scrolls)."""
    rows = max(1, min(widget.count(), most))
    row_height = widget.sizeHintForRow(0) if widget.count() else widget.fontMetrics().height() + 6
    widget.setFixedHeight(rows * row_height + 2 * widget.frameWidth() + 4)
