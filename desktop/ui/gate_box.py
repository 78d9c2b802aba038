"""公开前检查: what is unfinished before the report may be published (the publishing gates and
the error findings, desktop.io.release), one line each; choosing a line asks the window to show
where it is fixed."""

from __future__ import annotations

from desktop.io.release import unfinished
from desktop.models.dataset import Dataset
from desktop.rules.finding import Finding
from desktop.ui.qt import QGroupBox, QLabel, QListWidget, QListWidgetItem, Qt, QVBoxLayout, QWidget, Signal
from desktop.ui.text import tr

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
OPEN_STYLE = "color: #c62828;"
DONE_STYLE = "color: #2e7d32;"


class GateBox(QGroupBox):
    chosen = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("公开前检查"), parent)
        self.items: tuple[Finding, ...] = ()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)

    def refresh(self, dataset: Dataset) -> tuple[Finding, ...]:
        self.items = unfinished(dataset)
        self.list.clear()
        for finding in self.items:
            item = QListWidgetItem(finding.message)
            item.setData(FINDING_ROLE, finding)
            item.setToolTip(tr("双击定位到填写处"))
            self.list.addItem(item)
        self.list.setVisible(bool(self.items))
        self.summary.setStyleSheet(OPEN_STYLE if self.items else DONE_STYLE)
        self.summary.setText(
            tr(
                "还有 {n} 项未完成或有错误（双击一项即可定位到填写处）。公开导出 PDF 或报送包前需要确认，"
                "确认的内容会记录在报送包清单和 PDF 属性中；草稿随时可以导出。"
            ).format(n=len(self.items))
            if self.items
            else tr("✓ 没有未完成的内容，可以公开导出。")
        )
        return self.items

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(FINDING_ROLE))
