"""The grid of the 绩效 pages: the shared GridModel/GridView with three additions.

- `extra`: a page answers some roles itself (a suggested score and its working, a reason cell
  that must be filled, the 合计 row) and leaves the rest to the grid;
- `fan_out`: an edit of one cell may write several (the 一级 merged over its indicators);
- column widths in characters, and Tab leaving the grid after its last cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from desktop.ui import display
from desktop.ui.grid_layout import Slot
from desktop.ui.grid_model import GridModel, Index, LayoutBuilder
from desktop.ui.grid_view import GridView
from desktop.ui.qt import QHeaderView, QKeyEvent, QObject, Qt, QWidget
from desktop.ui.session import Session
from desktop.ui.text import tr

PASS = object()  # `extra` leaves the role to the grid
Extra = Callable[[Slot, int], Any]
FanOut = Callable[[str], list[str]]


def no_extra(_slot: Slot, _role: int) -> Any:
    return PASS


class PerfGridModel(GridModel):
    WHOLE_ROWS = True  # `extra` answers (a suggested score, a reason to fill) read the row's other cells

    def __init__(
        self,
        session: Session,
        build: LayoutBuilder,
        extra: Extra = no_extra,
        fan_out: FanOut | None = None,
        parent: QObject | None = None,
    ) -> None:
        self.extra = extra
        self.fan_out = fan_out
        super().__init__(session, build, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid():
            answer = self.extra(self.layout.slot(index.row(), index.column()), role)
            if answer is not PASS:
                return answer
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        slot = self.slot(index)
        cells = self.fan_out(slot.cell) if self.fan_out and slot.cell else []
        if role != Qt.ItemDataRole.EditRole or len(cells) < 2 or not self.editable(slot):
            return super().setData(index, value, role)
        text = display.input_text(
            str(value) if value is not None else None, "text", self.session.amount_scale
        )
        return self.session.edit(dict.fromkeys(cells, text), label=tr("修改一级指标"))

    def refresh_column(self, col: int) -> None:
        """Repaint a column whose answers come from `extra` (they are not cached)."""
        if self.rowCount() and 0 <= col < self.columnCount():
            self.dataChanged.emit(self.index(0, col), self.index(self.rowCount() - 1, col))


class PerfGridView(GridView):
    """Widths are given in characters (None: the column stretches)."""

    def __init__(self, model: GridModel, widths: Sequence[float | None], parent: QWidget | None = None):
        self.widths = list(widths)
        super().__init__(model, parent)
        self.horizontalHeader().setStretchLastSection(self.widths[-1:] == [None])

    def fit_columns(self) -> None:
        widths = getattr(self, "widths", None)
        if widths is None:
            super().fit_columns()
            return
        header = self.horizontalHeader()
        unit = self.fontMetrics().horizontalAdvance("字")
        for col, chars in enumerate(widths[: self.grid().columnCount()]):
            mode = QHeaderView.ResizeMode.Stretch if chars is None else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(col, mode)
            if chars is not None:
                self.setColumnWidth(col, int(chars * unit) + 10)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Tab after the last cell (Shift+Tab before the first) goes on to the next field."""
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            current = self.currentIndex()
            step = 1 if key == Qt.Key.Key_Tab else -1
            if not current.isValid() or self.next_editable(current, 0, step) == current:
                self.leave(step > 0)
                return
        super().keyPressEvent(event)

    def leave(self, forward: bool) -> None:
        """Focus the next (previous) field: the view's own focusNextPrevChild sends itself a
        Tab while tab-key navigation is on."""
        navigating = self.tabKeyNavigation()
        self.setTabKeyNavigation(False)
        try:
            self.focusNextPrevChild(forward)
        finally:
            self.setTabKeyNavigation(navigating)


def sync_widths(source: GridView, target: GridView) -> None:
    """Keep a footer grid's columns under its table's columns."""

    def copy(*_args: object) -> None:
        for col in range(source.grid().columnCount()):
            target.setColumnWidth(col, source.columnWidth(col))

    source.horizontalHeader().sectionResized.connect(copy)
    target.grid().modelReset.connect(copy)
    copy()
