"""The page shown when no dataset is open: 新建, 打开, 打开示例数据 and the recent files."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.qt import (
    QFont,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.text import tr

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(tr("决算填报助手"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(tr("部门决算公开表格的离线填报、审核与导出。每次修改立即保存，无需手动保存。"))
        self.new_button = QPushButton(tr("新建数据文件…"))
        self.open_button = QPushButton(tr("打开数据文件…"))
        self.demo_button = QPushButton(tr("打开示例数据"))
        for button, signal in (
            (self.new_button, self.new_requested),
            (self.open_button, self.open_requested),
            (self.demo_button, self.demo_requested),
        ):
            button.setMinimumHeight(40)
            button.clicked.connect(signal.emit)
        self.recent = QListWidget()
        self.recent.itemActivated.connect(self._open_recent)
        self.recent.itemDoubleClicked.connect(self._open_recent)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(24)
        column.addLayout(buttons)
        column.addSpacing(24)
        column.addWidget(QLabel(tr("最近打开的文件")))
        column.addWidget(self.recent, 1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for text in paths:
            path = Path(text)
            missing = "" if path.exists() else tr("（文件不存在）")
            item = QListWidgetItem(f"{path.name}{missing}\n{path.parent}")
            item.setData(PATH_ROLE, text)
            self.recent.addItem(item)
        if not paths:
            empty = QListWidgetItem(tr("（暂无）"))
            empty.setData(PATH_ROLE, "")  # never read back an empty role: see qt.py
            self.recent.addItem(empty)

    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.recent_chosen.emit(str(path))
