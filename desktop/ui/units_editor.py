"""The department's units (本级 first, then 二级单位) with their kinds: used by the new-dataset
wizard and by the 单位基本情况 page."""

from __future__ import annotations

from desktop.models.snapshot import UNIT_KINDS, Unit
from desktop.ui.dialogs import ok_cancel
from desktop.ui.qt import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.text import tr


class UnitsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("单位名称"), tr("单位性质"), tr("单位代码")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        add = QPushButton(tr("添加二级单位"))
        remove = QPushButton(tr("删除所选单位"))
        add.clicked.connect(lambda: self.add_unit("", UNIT_KINDS[-1]))
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_unit(self, name: str, kind: str, unit_id: str = "", code: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, unit_id)  # keep ids stable across edits
        self.table.setItem(row, 0, item)
        combo = QComboBox()
        combo.addItems(list(UNIT_KINDS))
        combo.setCurrentText(kind if kind in UNIT_KINDS else UNIT_KINDS[0])
        self.table.setCellWidget(row, 1, combo)
        self.table.setItem(row, 2, QTableWidgetItem(code))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row > 0:  # 本级 stays
            self.table.removeRow(row)

    def set_units(self, units: list[Unit]) -> None:
        self.table.setRowCount(0)
        for unit in units:
            self.add_unit(unit.name, unit.kind, unit.id, unit.code)

    def set_main_name(self, name: str) -> None:
        if self.table.rowCount() == 0:
            self.add_unit(name, UNIT_KINDS[0])
        else:
            self.name_item(0).setText(name)

    def name_item(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, 0)
        if item is None:  # a row whose name cell was never created
            item = QTableWidgetItem("")
            item.setData(Qt.ItemDataRole.UserRole, "")  # never read back an empty role: see qt.py
            self.table.setItem(row, 0, item)
        return item

    def units(self) -> list[Unit]:
        units: list[Unit] = []
        rows = range(self.table.rowCount())
        taken = {str(self.name_item(r).data(Qt.ItemDataRole.UserRole) or "") for r in rows}
        for row in rows:
            item = self.name_item(row)
            name = item.text().strip()
            if not name:
                continue
            unit_id = str(item.data(Qt.ItemDataRole.UserRole) or "") or _free_id(taken)
            taken.add(unit_id)
            combo = self.table.cellWidget(row, 1)
            kind = combo.currentText() if isinstance(combo, QComboBox) else UNIT_KINDS[0]
            code_item = self.table.item(row, 2)
            units.append(Unit(unit_id, name, kind, code_item.text().strip() if code_item else ""))
        return units


def _free_id(taken: set[str]) -> str:
    return next(f"u{n}" for n in range(1, len(taken) + 2) if f"u{n}" not in taken)


class UnitsDialog(QDialog):
    def __init__(self, units: list[Unit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("本级及二级单位"))
        self.editor = UnitsEditor()
        self.editor.set_units(units)
        buttons = ok_cancel(self, tr("确定"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(620, 360)
