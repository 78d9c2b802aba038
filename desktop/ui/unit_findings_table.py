"""The 单位汇总 page's list of each unit's own findings (a department entered unit by unit):
one line per finding with its unit and severity, each unit's counts in the heading above.
Double-clicking a line shows that unit and the cells the finding names."""

from __future__ import annotations

from desktop.models.snapshot import Unit
from desktop.rules.finding import SEVERITY_NAMES, Finding, count_by_severity
from desktop.ui.qt import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget, Signal
from desktop.ui.text import tr

COLUMNS = (tr("单位"), tr("类别"), tr("审核结果"))
NO_FINDINGS = tr("各单位自身的各表均未发现问题。")


def counts_line(found: list[tuple[Unit, list[Finding]]]) -> str:
    """Each unit's error and warning counts, for the heading."""
    parts = []
    for unit, findings in found:
        counts = count_by_severity(findings)
        parts.append(tr("{name}：错误 {errors} 个，警告 {warnings} 个").format(
            name=unit.name, errors=counts["error"], warnings=counts["warning"]))  # fmt: skip
    return "；".join(parts)


class UnitFindingsTable(QTableWidget):
    chosen = Signal(str, object)  # unit id, Finding

    def __init__(self, found: list[tuple[Unit, list[Finding]]], parent: QWidget | None = None) -> None:
        lines = [(unit, finding) for unit, findings in found for finding in findings]
        super().__init__(len(lines), len(COLUMNS), parent)
        self.setObjectName("unit_findings")
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines = lines
        for row, (unit, finding) in enumerate(lines):
            message = finding.message.removeprefix(f"{unit.name}：")  # the first column names it
            texts = (unit.name, SEVERITY_NAMES[finding.severity], message)
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(finding.message)
                self.setItem(row, col, item)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.itemActivated.connect(lambda item: self._choose(item.row()))  # double-click or Enter

    def _choose(self, row: int) -> None:
        unit, finding = self.lines[row]
        self.chosen.emit(unit.id, finding)
