"""The spreadsheet-like table: typing replaces, Enter moves down, Tab moves right, Delete
clears, Ctrl+C / Ctrl+V copy and paste tab-separated blocks (one undo step per paste)."""

from __future__ import annotations

from desktop.ui import display
from desktop.ui.clipboard import format_block, parse_block
from desktop.ui.grid_delegate import GridDelegate
from desktop.ui.grid_frozen import FrozenColumns, frozen_count
from desktop.ui.grid_markers import paint_marker
from desktop.ui.grid_model import GridModel
from desktop.ui.grid_tip import RefusalTip
from desktop.ui.header import BandedHeader
from desktop.ui.qt import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFocusEvent,
    QGuiApplication,
    QHeaderView,
    QItemSelection,
    QItemSelectionModel,
    QKeyEvent,
    QKeySequence,
    QLineEdit,
    QModelIndex,
    QPainter,
    QPaintEvent,
    QPersistentModelIndex,
    QRect,
    QRegion,
    QResizeEvent,
    Qt,
    QTableView,
    QWidget,
)
from desktop.ui.text import tr

Hint = QAbstractItemDelegate.EndEditHint
Hint0 = QAbstractItemView.ScrollHint.EnsureVisible
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class GridView(QTableView):
    def __init__(self, model: GridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._holding = False  # moving back to a refused cell: keep its tip
        self._closing = False  # closing a cell editor: the focus comes back from it
        self.tip = RefusalTip(self)
        self.setHorizontalHeader(BandedHeader(self))
        self.setModel(model)
        self.delegate = GridDelegate(self)
        self.setItemDelegate(self.delegate)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        per_pixel = QAbstractItemView.ScrollMode.ScrollPerPixel  # the frozen columns follow pixel for pixel
        self.setHorizontalScrollMode(per_pixel)
        self.setVerticalScrollMode(per_pixel)
        self.frozen = FrozenColumns(self)
        model.modelReset.connect(self.fit_columns)
        self.fit_columns()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        marked = self.grid().markers()
        if not marked:
            return
        painter = QPainter(self.viewport())
        model = self.grid()
        first, last = self._rows_in(event.rect())
        for row, col, severity in marked:
            if first <= row <= last:  # only the rows being painted: a table may have a thousand
                rect = self.visualRect(model.index(row, col))
                if rect.intersects(event.rect()):
                    paint_marker(painter, rect, severity)
        painter.end()

    def _rows_in(self, rect: QRect) -> tuple[int, int]:
        first, last = self.rowAt(rect.top()), self.rowAt(rect.bottom())
        return max(first, 0), last if last >= 0 else self.grid().rowCount() - 1

    def grid(self) -> GridModel:
        model = self.model()
        assert isinstance(model, GridModel)
        return model

    # --- sizes --------------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Names get room for the longest label; amounts a fixed width that fits 1,234,567.89."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        amount = metrics.horizontalAdvance("000,000,000.00") + 16
        for col, column in enumerate(self.grid().layout.columns):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            if column.role == "value":
                width = amount if column.kind != "text" else metrics.horizontalAdvance("字" * 16)
                self.setColumnWidth(col, width)
            else:
                self.resizeColumnToContents(col)
                self.setColumnWidth(
                    col, min(self.columnWidth(col) + 12, metrics.horizontalAdvance("字" * 20))
                )
        header.updateGeometry()
        self.frozen.sync(frozen_count([c.role for c in self.grid().layout.columns]))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.frozen.place()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):  # Qt calls it while the view is being built
            self.frozen.place()

    def scrollTo(
        self, index: QModelIndex | QPersistentModelIndex, hint: QAbstractItemView.ScrollHint = Hint0
    ) -> None:
        """Never leave the current cell under the frozen columns."""
        super().scrollTo(index, hint)
        if not hasattr(self, "frozen") or index.column() < self.frozen.count:
            return
        hidden = self.frozen.width_shown() - self.visualRect(index).left()
        if hidden > 0:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - hidden)

    # --- moving -------------------------------------------------------------------------

    def next_editable(self, index: QModelIndex, rows: int, cols: int) -> QModelIndex:
        """The next cell a clerk can type into, going down (rows=1) or right (cols=±1, wrapping)."""
        model = self.grid()
        row, col = index.row(), index.column()
        while True:
            row, col = row + rows, col + cols
            if cols and not 0 <= col < model.columnCount():
                row, col = row + cols, 0 if cols > 0 else model.columnCount() - 1
            if not (0 <= row < model.rowCount() and 0 <= col < model.columnCount()):
                return index
            candidate = model.index(row, col)
            if model.flags(candidate) & Qt.ItemFlag.ItemIsEditable:
                return candidate

    def first_editable(self) -> QModelIndex:
        model = self.grid()
        for row in range(model.rowCount()):
            for col in range(model.columnCount()):
                index = model.index(row, col)
                if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                    return index
        return model.index(0, 0)

    def go(self, index: QModelIndex) -> None:
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        message = self.delegate.refusals.get(editor)
        if message and hint != Hint.RevertModelCache:
            self._keep_editing(editor, message)
            return
        self.delegate.release(editor)
        self.tip.hide()
        current = self.currentIndex()
        moves = {Hint.SubmitModelCache: (1, 0), Hint.EditNextItem: (0, 1), Hint.EditPreviousItem: (0, -1)}
        self._closing = True
        try:
            super().closeEditor(editor, Hint.NoHint)
        finally:
            self._closing = False
        if hint in moves:
            self.go(self.next_editable(current, *moves[hint]))

    # --- focus between the grid and its cell editor -----------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._closing and self.currentIndex().isValid():
            self._focus_moved()
            current = self.currentIndex()
            editable = bool(self.model().flags(current) & Qt.ItemFlag.ItemIsEditable)
            self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, editable)  # as Qt does
        else:
            super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:  # into the cell's own editor
            self._focus_moved()
        else:
            super().focusOutEvent(event)

    def _focus_moved(self) -> None:
        """Qt repaints the whole grid when the focus goes to or comes back from a cell editor,
        though only the frame, the selection's colour and the current cell's focus mark depend
        on it: repaint those alone, so a keystroke repaints what it changed and no more."""
        self.update(QRegion(self.rect()).subtracted(QRegion(self.contentsRect())))
        region = self.visualRegionForSelection(self.selectionModel().selection())
        self.viewport().update(region.united(self.visualRect(self.currentIndex())))

    def _keep_editing(self, editor: QWidget, message: str) -> None:
        """A refused entry stays in its cell, as in Excel: same editor, same text, the reason beside it."""
        index = self.grid().index(self.delegate.indexes[editor].row(), self.delegate.indexes[editor].column())
        self._hold(index)
        editor.setFocus()
        if isinstance(editor, QLineEdit):
            editor.selectAll()
        self.show_refusal(index, message, editing=True)

    def _hold(self, index: QModelIndex) -> None:
        self._holding = True
        try:
            if self.currentIndex() != index:
                flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
                self.selectionModel().setCurrentIndex(index, flag)
        finally:
            self._holding = False

    def show_refusal(self, index: QModelIndex, message: str, *, editing: bool = False) -> None:
        rect = self.visualRect(index).translated(self.viewport().pos())
        self.tip.show_beside(rect, message, editing)

    def currentChanged(
        self, current: QModelIndex | QPersistentModelIndex, previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().currentChanged(current, previous)
        if not self._holding and self.state() != QAbstractItemView.State.EditingState:
            self.tip.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        current = self.currentIndex()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key in CLEAR_KEYS and self.state() != QAbstractItemView.State.EditingState:
            self.clear_selection_values()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go(self.next_editable(current, 1, 0))
        elif key == Qt.Key.Key_Tab:
            self.go(self.next_editable(current, 0, 1))
        elif key == Qt.Key.Key_Backtab:
            self.go(self.next_editable(current, 0, -1))
        else:
            if event.text().strip() and current.isValid():
                self._explain_read_only(current)
            super().keyPressEvent(event)

    def _explain_read_only(self, index: QModelIndex) -> None:
        """Typing into a total does nothing in Qt; say why instead."""
        model = self.grid()
        slot = model.slot(index)
        if slot.role == "value" and slot.cell and not model.editable(slot):
            model.session.refused.emit(tr("这是计算得出的单元格（合计或引用其他表），不能直接填写"))

    # --- selection helpers --------------------------------------------------------------

    def select_cells(self, cells: list[str]) -> bool:
        """Select every listed cell shown here; the first becomes current. False if none is."""
        model = self.grid()
        places = [p for p in (model.layout.find(c) for c in cells) if p is not None]
        if not places:
            return False
        selection = QItemSelection()
        for row, col in places:
            index = model.index(row, col)
            selection.select(index, index)
        first = model.index(*places[0])
        self.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        # A jump (to a finding, or back to where the clerk left off) shows the rows around it.
        self.scrollTo(first, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _block_bounds(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    # --- clipboard and clearing ---------------------------------------------------------

    def copy(self) -> None:
        bounds = self._block_bounds()
        if bounds is None:
            return
        top, left, bottom, right = bounds
        model = self.grid()
        rows = [
            [
                str(model.data(model.index(r, c), Qt.ItemDataRole.EditRole) or "")
                for c in range(left, right + 1)
            ]
            for r in range(top, bottom + 1)
        ]
        QGuiApplication.clipboard().setText(format_block(rows))

    def paste(self) -> None:
        bounds = self._block_bounds()
        block = parse_block(QGuiApplication.clipboard().text())
        if bounds is None or not block:
            return
        top, left, bottom, right = bounds
        if len(block) == 1 and len(block[0]) == 1:  # one value fills the selection, as in Excel
            block = [[block[0][0]] * (right - left + 1) for _ in range(bottom - top + 1)]
        self.write_block(top, left, block)

    def write_block(self, top: int, left: int, block: list[list[str]]) -> bool:
        """Write a block at (top, left) as one undo step; read-only targets are skipped."""
        model = self.grid()
        values: dict[str, str | None] = {}
        skipped = 0
        for r, line in enumerate(block):
            for c, text in enumerate(line):
                row, col = top + r, left + c
                if row >= model.rowCount() or col >= model.columnCount():
                    skipped += bool(text.strip())
                    continue
                slot = model.layout.slot(row, col)
                if not model.editable(slot) or slot.cell is None:
                    skipped += bool(text.strip()) and slot.role == "value"
                    continue
                values[slot.cell] = display.input_text(text, model.kind(slot), model.session.amount_scale)
        if not values:
            model.session.refused.emit(tr("粘贴区域没有可填写的单元格"))
            return False
        accepted = model.session.edit(values, source="paste", label=tr("粘贴"))
        refusal = model.session.refusal
        if (
            not accepted
            and refusal is not None
            and refusal.cell
            and (place := model.layout.find(refusal.cell))
        ):
            self._hold(model.index(*place))
            self.show_refusal(model.index(*place), tr("未粘贴任何数：") + refusal.message)
        if accepted and skipped:
            model.session.refused.emit(
                tr("已粘贴；跳过了 %n 个计算或超出表格的单元格").replace("%n", str(skipped))
            )
        return accepted

    def clear_selection_values(self) -> None:
        model = self.grid()
        cells = [model.slot(i).cell for i in self.selectedIndexes() if model.editable(model.slot(i))]
        filled = model.session.cells_with_values(c for c in cells if c)
        if filled:
            model.session.edit(dict.fromkeys(filled), source="typed", label=tr("清除"))
