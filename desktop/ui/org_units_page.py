"""单位汇总: each unit with its code, kind and the main totals of each table, then the 所属单位
tables (each unit's income and spending by kind, the internal offsets, the department's total).
Then, for a department entered unit by unit, each unit's own findings (desktop.models.
org_unit_findings): double-clicking one shows that unit and the cells it names. Read-only;
redrawn when shown after the data changed."""

from __future__ import annotations

from decimal import Decimal

from desktop.models.org_unit_summary import OFFSET_LINE, TOTAL_LINE, UnitTable, summary, unit_tables
from desktop.ui import display
from desktop.ui.qt import (
    QAbstractItemView,
    QFont,
    QHeaderView,
    QLabel,
    QScrollArea,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.step_page import WritingPage
from desktop.ui.text import tr
from desktop.ui.unit_findings_table import NO_FINDINGS, UnitFindingsTable, counts_line

FIXED = (tr("单位"), tr("单位代码"), tr("单位性质"), tr("级次"))
NOTE_BY_UNIT = (
    "部门合计 = 各单位之和 − 内部抵销（本级对二级单位的补助与二级单位的上级补助收入、"
    "二级单位的上缴与本级的附属单位上缴收入，两边都不计入部门合计）。"
)
NOTE_AS_WHOLE = "本部门尚未按单位填报：部门数据即本级数据。在工具栏“单位”中选择二级单位即可分单位填写。"


class OrgUnitsPage(WritingPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.inner = QWidget()
        self.body = QVBoxLayout(self.inner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(scroll)
        self.tables: list[QTableWidget] = []
        session.changed.connect(self._stale)
        session.options_changed.connect(self._stale)

    def _stale(self, _result: object = None) -> None:
        self.out_of_date = True
        if self.isVisible():
            self.refresh()

    def flush(self) -> None:
        """Nothing is typed here."""

    def refresh(self) -> None:
        self.out_of_date = False
        while self.body.count():
            item = self.body.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        snapshot = self.session.dataset.snapshot()
        self.tables = []
        note = NOTE_BY_UNIT if snapshot.unit_cells else NOTE_AS_WHOLE
        for table in (summary(snapshot), *unit_tables(snapshot)):
            self._add(table)
        self.body.addWidget(self._label(tr(note), bold=False))
        if self.session.dataset.by_org_unit:
            self._add_unit_findings()
        self.body.addStretch(1)

    def _add_unit_findings(self) -> None:
        dataset = self.session.dataset
        found = [(unit, dataset.unit_findings(unit.id)) for unit in dataset.units]
        self.body.addWidget(self._label(tr("各单位自身的审核结果"), bold=True))
        self.body.addWidget(self._label(counts_line(found), bold=False))
        if not any(findings for _unit, findings in found):
            self.body.addWidget(self._label(NO_FINDINGS, bold=False))
            return
        table = UnitFindingsTable(found)
        table.chosen.connect(self._show_finding)
        shown = min(table.rowCount(), 12)  # longer lists scroll inside the table
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + shown * table.rowHeight(0) + 4)
        self.body.addWidget(table)

    def _show_finding(self, unit_id: str, finding: object) -> None:
        self.session.set_org_unit(unit_id)
        self.finding_chosen.emit(finding)

    def _add(self, table: UnitTable) -> None:
        self.body.addWidget(self._label(f"{table.title}（{self.session.amount_scale}）", bold=True))
        grid = QTableWidget(len(table.lines), len(FIXED) + len(table.columns))
        grid.setObjectName(table.title)
        grid.setHorizontalHeaderLabels([*FIXED, *table.columns])
        grid.verticalHeader().hide()
        grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, line in enumerate(table.lines):
            shown = line.role if line.role not in (OFFSET_LINE, TOTAL_LINE) else ""
            for col, text in enumerate((line.name, line.code, line.kind, shown)):
                grid.setItem(row, col, QTableWidgetItem(text))
            for col, amount in enumerate(line.amounts, start=len(FIXED)):
                item = QTableWidgetItem(self._amount(amount))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.setItem(row, col, item)
            if line.role == TOTAL_LINE:
                for col in range(grid.columnCount()):
                    cell = grid.item(row, col)
                    if cell is not None:
                        font = QFont(cell.font())
                        font.setBold(True)
                        cell.setFont(font)
        header = grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        frame = 2 * grid.frameWidth()
        scroll = grid.horizontalScrollBar().sizeHint().height()
        grid.setFixedHeight(grid.verticalHeader().length() + header.sizeHint().height() + scroll + frame)
        self.tables.append(grid)
        self.body.addWidget(grid)

    def _amount(self, amount: Decimal | None) -> str:
        return display.show(amount, "amount", self.session.amount_scale)

    def _label(self, text: str, *, bold: bool) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if bold:
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
        return label
