"""The table model of one form: a thin adapter from a GridLayout and the Session to Qt roles.

It holds no figures of its own: every `data()` call reads the Dataset's in-memory calculator,
and every edit goes through the Session, whose `changed` signal refreshes the model.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from functools import cache
from typing import Any

from desktop.forms.calc import CellValue
from desktop.forms.names import cell_label
from desktop.rules.finding import SEVERITY_NAMES
from desktop.ui import display, grid_override
from desktop.ui.grid_layout import CHANGE, CURRENT, PRIOR, GridLayout, Slot
from desktop.ui.grid_markers import Mark, markers, remark, worst
from desktop.ui.qt import (
    QAbstractTableModel,
    QBrush,
    QColor,
    QFont,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from desktop.ui.session import Session
from desktop.ui.text import tr

Index = QModelIndex | QPersistentModelIndex
LayoutBuilder = Callable[[Session], GridLayout]

SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1  # worst finding severity of the cell
BAND_ROLE = Qt.ItemDataRole.UserRole + 2  # header: the merged band above a column
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 3  # internal: whether the cell takes input (cached)
EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

INDENT = "\u3000"  # 类/款/项 names are indented by ideographic spaces, as printed tables do
COMPUTED_BACKGROUND = QColor("#eef1f5")
HIGHLIGHT_BACKGROUND = QColor("#fff2b3")
DERIVED_BACKGROUND = QColor("#e3f1e6")  # filled from another table's figures
OVERRIDE_BACKGROUND = QColor("#fdf0dc")  # a derived figure the clerk typed over
PRIOR_FOREGROUND = QColor("#6b7280")
# One brush per colour, shared by every cell painted in it (a repaint asks each cell again).
HIGHLIGHT_BRUSH, COMPUTED_BRUSH = QBrush(HIGHLIGHT_BACKGROUND), QBrush(COMPUTED_BACKGROUND)
DERIVED_BRUSH, OVERRIDE_BRUSH = QBrush(DERIVED_BACKGROUND), QBrush(OVERRIDE_BACKGROUND)
PRIOR_BRUSH = QBrush(PRIOR_FOREGROUND)


class GridModel(QAbstractTableModel):
    WHOLE_ROWS = False  # repaint whole rows on an edit (when a cell shows what others hold)

    def __init__(self, session: Session, build: LayoutBuilder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._build = build
        self.layout: GridLayout = build(session)
        self.highlight: set[str] = set()
        self._cache: dict[int, dict[tuple[int, int], Any]] = {}
        self._markers: dict[str, Mark] | None = None  # kept across edits, see _on_changed
        session.changed.connect(self._on_changed)
        session.options_changed.connect(self.rebuild)

    # --- structure --------------------------------------------------------------------

    def rebuild(self) -> None:
        self.beginResetModel()
        self.layout = self._build(self.session)
        self._cache.clear()
        self._markers = None
        self.endResetModel()

    def _on_changed(self, result: Any) -> None:
        if result.structure:
            self.rebuild()
            return
        marked = {cell for f in (*result.findings.added, *result.findings.removed) for cell in f.cells}
        if self._markers is not None:
            remark(self._markers, self.session, self.layout, marked)
        self.refresh_cells(set(result.cells) | marked)

    def refresh_cells(self, cells: Iterable[str]) -> None:
        """Repaint what an edit changed, once its whole delta is in: one dataChanged per row,
        over that row's changed columns, so a keystroke repaints a few cells, not every column
        of every total row (nor the frozen labels above them)."""
        spans: dict[int, tuple[int, int]] = {}
        for cell in cells:
            for row, col in self.layout.places(cell):
                low, high = spans.get(row, (col, col))
                spans[row] = (min(low, col), max(high, col))
        last = self.columnCount() - 1
        for row, (low, high) in sorted(spans.items()):
            self._cache.pop(row, None)
            if self.WHOLE_ROWS:
                low, high = 0, last
            self.dataChanged.emit(self.index(row, low), self.index(row, high))

    def refresh(self) -> None:
        self._cache.clear()
        self._markers = None
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def set_highlight(self, cells: set[str]) -> None:
        self.highlight = cells
        self.refresh()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.layout.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.layout.columns)

    def slot(self, index: Index) -> Slot:
        return self.layout.slot(index.row(), index.column())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and 0 <= section < len(self.layout.columns):
            column = self.layout.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == BAND_ROLE:
                return column.band
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    # --- values -----------------------------------------------------------------------

    def kind(self, slot: Slot) -> str:
        if slot.cell is None:
            return "text"
        cell = self.session.dataset.cells().get(slot.cell)
        return cell.kind if cell is not None else "amount"

    def value(self, slot: Slot) -> CellValue:
        dataset = self.session.dataset
        if slot.cell is None:
            return None
        calc = self.session.calc()
        if slot.view == CURRENT:
            return calc.value(slot.cell)
        prior = self.session.calc("prior").number(slot.cell) if dataset.has_prior else None
        if slot.view == PRIOR:
            return prior
        return display.change(calc.number(slot.cell), prior)

    def editable(self, slot: Slot) -> bool:
        if slot.cell is None or slot.view != CURRENT or self.session.dataset.read_only:
            return False
        cell = self.session.dataset.cells().get(slot.cell)
        return cell is not None and not cell.computed and self.session.can_type(slot.cell)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE if self.data(index, FLAGS_ROLE) else READ_ONLY

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        handler = _ROLES.get(role)
        if handler is None or not index.isValid():
            return None
        # Painting asks every visible cell for ~8 roles after each edit: answers are kept
        # per row until the row changes (see refresh_cells / rebuild).
        row, col = index.row(), index.column()
        cached = self._cache.setdefault(row, {})
        key = (col, role)
        if key not in cached:
            cached[key] = handler(self, self.layout.slot(row, col))
        return cached[key]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        slot = self.slot(index)
        if role != Qt.ItemDataRole.EditRole or not self.editable(slot) or slot.cell is None:
            return False
        text = display.input_text(
            str(value) if value is not None else None, self.kind(slot), self.session.amount_scale
        )
        derived = grid_override.edit_derived(self.session, slot.cell, text)
        return derived if derived is not None else self.session.edit({slot.cell: text})

    # --- roles ------------------------------------------------------------------------

    def _display(self, slot: Slot) -> str:
        if slot.role == "name":
            return INDENT * slot.level + slot.text
        if slot.role != "value":
            return slot.text
        return display.show(self.value(slot), self.kind(slot), self.session.amount_scale)

    def _edit(self, slot: Slot) -> str:
        if slot.role != "value":
            return slot.text
        return display.edit_text(self.value(slot), self.kind(slot), self.session.amount_scale)

    def _background(self, slot: Slot) -> QBrush | None:
        if slot.cell is None:
            return None
        if slot.cell in self.highlight and slot.view == CURRENT:
            return HIGHLIGHT_BRUSH
        if not self.editable(slot):
            return COMPUTED_BRUSH
        if slot.view == CURRENT:
            mark = self.session.dataset.derived_mark(slot.cell)
            if mark is not None:
                return DERIVED_BRUSH if mark == "auto" else OVERRIDE_BRUSH
        return None

    def _foreground(self, slot: Slot) -> QBrush | None:
        return PRIOR_BRUSH if slot.view in (PRIOR, CHANGE) else None

    def _font(self, slot: Slot) -> QFont | None:
        return _bold() if slot.emphasis else None

    def _alignment(self, slot: Slot) -> int:
        vcenter = Qt.AlignmentFlag.AlignVCenter
        if slot.role == "value" and self.kind(slot) != "text":
            return int(Qt.AlignmentFlag.AlignRight | vcenter)
        return int(Qt.AlignmentFlag.AlignLeft | vcenter)

    def _tooltip(self, slot: Slot) -> str | None:
        if slot.cell is None or slot.role != "value":
            return None
        lines = [cell_label(self.session.dataset.catalogue, self.session.dataset.naming, slot.cell)]
        if slot.view == CURRENT and not self.editable(slot):
            lines.append(tr("计算得出，不能直接填写"))
        elif slot.view == CURRENT and (derived := grid_override.tooltip(self.session, slot.cell)):
            lines.append(derived)
        for finding in self.session.by_cell.get(slot.cell, []):
            lines.append(f"{SEVERITY_NAMES[finding.severity]}：{finding.message}")
        return "\n".join(lines)

    def _severity(self, slot: Slot) -> str | None:
        if slot.cell is None or slot.view != CURRENT:
            return None
        return worst(self.session, slot.cell)

    def markers(self) -> Collection[Mark]:
        if self._markers is None:
            self._markers = markers(self.session, self.layout)
        return self._markers.values()


@cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


_ROLES: dict[int, Callable[[GridModel, Slot], Any]] = {
    Qt.ItemDataRole.DisplayRole: GridModel._display,
    Qt.ItemDataRole.EditRole: GridModel._edit,
    Qt.ItemDataRole.BackgroundRole: GridModel._background,
    Qt.ItemDataRole.ForegroundRole: GridModel._foreground,
    Qt.ItemDataRole.FontRole: GridModel._font,
    Qt.ItemDataRole.TextAlignmentRole: GridModel._alignment,
    Qt.ItemDataRole.ToolTipRole: GridModel._tooltip,
    SEVERITY_ROLE: GridModel._severity,
    FLAGS_ROLE: lambda model, slot: model.editable(slot),  # subclasses decide (the P02 tree's names)
}
