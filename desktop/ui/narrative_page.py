"""情况说明: a read-only preview of the draft made from the figures (the editor belongs to
desktop/narrative's own page; this preview keeps the step useful until it is plugged in)."""

from __future__ import annotations

from desktop.ui.qt import QLabel, QPlainTextEdit, QShowEvent, QVBoxLayout, QWidget
from desktop.ui.session import Session
from desktop.ui.step_page import StepPage
from desktop.ui.text import tr


class NarrativePreview(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("情况说明（按本年数据自动起草，预览）")))
        layout.addWidget(self.text, 1)

    def showEvent(self, event: QShowEvent) -> None:
        from desktop.narrative.draft import draft

        self.text.setPlainText(draft(self.session.dataset.snapshot()).text())
        super().showEvent(event)
