"""A step whose page lives in a module this build does not have yet."""

from __future__ import annotations

from desktop.ui.qt import QLabel, Qt, QVBoxLayout, QWidget
from desktop.ui.step_page import StepPage
from desktop.ui.text import tr


class PlaceholderPage(StepPage):
    def __init__(self, title: str, module: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(
            tr("{title}\n\n此功能在另一模块中（{module}），尚未接入本窗口。").format(
                title=title, module=module
            )
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        QVBoxLayout(self).addWidget(label)
