"""A horizontal header with merged bands: 本年支出 over 小计 / 基本支出 / 项目支出, as printed.

Each section paints its own name cell and, when it belongs to a band, the whole band cell
spanning its neighbours with the same band (every section of the band paints it identically,
so partial repaints stay correct).
"""

from __future__ import annotations

from desktop.ui.grid_model import BAND_ROLE
from desktop.ui.qt import QColor, QFontMetrics, QHeaderView, QPainter, QPen, QRect, QSize, Qt, QWidget

HEADER_BACKGROUND = QColor("#f3f4f6")
GRID_LINE = QColor("#c7ccd4")
NAME_LINES = 2  # long column names (政府性基金预算财政拨款) wrap onto a second line


class BandedHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def band(self, section: int) -> str | None:
        model = self.model()
        if model is None or not 0 <= section < model.columnCount():
            return None
        band = model.headerData(section, Qt.Orientation.Horizontal, BAND_ROLE)
        return band or None

    def has_bands(self) -> bool:
        model = self.model()
        return model is not None and any(self.band(s) for s in range(model.columnCount()))

    def line_height(self) -> int:
        return QFontMetrics(self.font()).height() + 8

    def band_height(self) -> int:
        return self.line_height() if self.has_bands() else 0

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.band_height() + self.line_height() * NAME_LINES)

    def span(self, section: int) -> tuple[int, int]:
        band = self.band(section)
        first = last = section
        while first > 0 and self.band(first - 1) == band:
            first -= 1
        while self.band(last + 1) == band:
            last += 1
        return first, last

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        band = self.band(logicalIndex)
        title = str(self.model().headerData(logicalIndex, Qt.Orientation.Horizontal) or "")
        if band is None:
            self._cell(painter, rect, title)
            return
        first, last = self.span(logicalIndex)
        left = self.sectionViewportPosition(first)
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        height = self.band_height()
        self._cell(painter, QRect(left, rect.top(), right - left, height), band)
        self._cell(
            painter, QRect(rect.left(), rect.top() + height, rect.width(), rect.height() - height), title
        )

    def _cell(self, painter: QPainter, rect: QRect, text: str) -> None:
        painter.save()
        painter.fillRect(rect, HEADER_BACKGROUND)
        painter.setPen(QPen(GRID_LINE))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setPen(self.palette().windowText().color())
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(rect.adjusted(3, 1, -3, -1), int(flags), text)
        painter.restore()
