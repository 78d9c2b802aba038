"""编辑 › 修改记录: every change of the file (time, cell, old and new value, source), newest
first, filterable by form; read from the change log the store keeps with every edit."""

from __future__ import annotations

import json

from desktop.forms.names import cell_label
from desktop.models.change_log import SOURCE_NAMES, Entry
from desktop.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.text import tr

HEADERS = ("时间", "单元格", "原值", "新值", "来源", "操作")
WIDTHS = (12, 26, 12, 12, 4)  # at most, in characters; 操作 takes the rest


class ChangeLogDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("修改记录"))
        self.forms = QComboBox()
        self.forms.addItem(tr("全部表"), "")
        for form in session.dataset.catalogue:
            self.forms.addItem(f"{form.label} {form.title}", form.id)
        self.forms.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count = QLabel()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("表：")))
        top.addWidget(self.forms)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.refresh()

    def set_form(self, form_id: str) -> None:
        self.forms.setCurrentIndex(max(0, self.forms.findData(form_id)))

    def refresh(self) -> None:
        entries = self.session.dataset.change_log(str(self.forms.currentData() or "") or None)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            texts = (
                entry.time,
                self.place(entry),
                shown_value(entry, entry.old),
                shown_value(entry, entry.new),
                tr(SOURCE_NAMES.get(entry.source, entry.source)),
                entry.label,
            )
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        unit = self.fontMetrics().horizontalAdvance("字")
        for col, chars in enumerate(WIDTHS):  # long texts are shown whole on hover
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), unit * chars))
        self.count.setText(tr("共 {n} 条").format(n=len(entries)))

    def place(self, entry: Entry) -> str:
        """The cell (or row, or text) a change is about, as a clerk names it."""
        catalogue = self.session.dataset.catalogue
        prior = tr("（上年）") if entry.year == "prior" else ""
        if entry.kind in ("cell", "declared") and entry.form in catalogue.forms:
            try:
                return cell_label(catalogue, self.session.dataset.naming, entry.target) + prior
            except (KeyError, ValueError):
                return entry.target + prior
        if entry.kind == "row":
            form, _, row = entry.target.partition("|")
            action = tr("删除行") if entry.new is None else tr("添加行")
            return f"{action} {form} {row}{prior}"
        if entry.kind == "text":
            return tr("文字 {key}").format(key=entry.target)
        if entry.kind == "unit":
            return tr("单位 {id}").format(id=entry.target)
        return f"{entry.kind} {entry.target}"


def shown_value(entry: Entry, value: str | None) -> str:
    """A logged value as the clerk reads it: a row's position and a unit's record are not figures."""
    if value is None or entry.kind == "row":
        return ""
    if entry.kind == "unit":
        try:
            unit = json.loads(value)
        except ValueError:
            return value
        return f"{unit.get('name', '')}（{unit.get('kind', '')}）"
    return value
