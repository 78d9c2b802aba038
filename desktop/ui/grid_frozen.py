"""The leading 科目编码 / 名称 columns of a grid, kept in place while the grid scrolls right (Qt's
frozen-column pattern: a second view over the same model and selection, laid over the left
edge of the main view, scrolling vertically with it)."""

from __future__ import annotations

from desktop.ui.header import BandedHeader
from desktop.ui.qt import QAbstractItemView, QHeaderView, QMouseEvent, Qt, QTableView

FROZEN_ROLES = ("code", "name")
EDGE = "QTableView { border: none; border-right: 1px solid #9aa3ae; }"


class FrozenColumns(QTableView):
    def __init__(self, main: QTableView) -> None:
        super().__init__(main)
        self.main = main
        self.count = 0
        self.setHorizontalHeader(BandedHeader(self))
        self.setModel(main.model())
        self.setSelectionModel(main.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setStyleSheet(EDGE)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(main.verticalHeader().defaultSectionSize())
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        main.viewport().stackUnder(self)
        main.horizontalHeader().sectionResized.connect(lambda *_args: self.sync())
        self.verticalScrollBar().valueChanged.connect(main.verticalScrollBar().setValue)
        main.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)

    def sync(self, count: int | None = None) -> None:
        """Show the first `count` columns at the main view's widths, over its left edge."""
        if count is not None:
            self.count = count
        model = self.model()
        columns = model.columnCount() if model is not None else 0
        for col in range(columns):
            self.setColumnHidden(col, col >= self.count)
            if col < self.count:
                self.setColumnWidth(col, self.main.columnWidth(col))
        self.setVisible(self.count > 0)
        self.place()

    def width_shown(self) -> int:
        return sum(self.main.columnWidth(c) for c in range(self.count))

    def place(self) -> None:
        frame = self.main.frameWidth()
        height = self.main.viewport().height() + self.main.horizontalHeader().height()
        self.setGeometry(frame, frame, self.width_shown(), height)
        self.verticalScrollBar().setValue(self.main.verticalScrollBar().value())

    def dataChanged(self, *_args: object) -> None:
        """Labels change only with the rows (a model reset): an edit's repaint is the main view's."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self.main.setFocus()  # typing goes to the grid, whichever part was clicked


def frozen_count(roles: list[str]) -> int:
    """How many leading columns are labels (科目编码, 科目名称, 项目) to keep in view."""
    count = 0
    while count < len(roles) and roles[count] in FROZEN_ROLES:
        count += 1
    return count
