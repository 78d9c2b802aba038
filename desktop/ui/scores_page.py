"""整体绩效评价 (P02): the scoring tree (分值 read-only, 得分 typed) with the chosen indicator's
explanation, scoring rule and data source underneath."""

from __future__ import annotations

from desktop.ui.form_page import FormPage
from desktop.ui.qt import QLabel, QModelIndex, QWidget
from desktop.ui.session import Session
from desktop.ui.text import tr


class ScoresPage(FormPage):
    def __init__(self, session: Session, form_id: str = "P02", parent: QWidget | None = None) -> None:
        super().__init__(session, form_id, parent)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.body.addWidget(self.detail)
        self.view.selectionModel().currentChanged.connect(self._show_node)
        self.model.modelReset.connect(
            lambda: self.view.selectionModel().currentChanged.connect(self._show_node)
        )

    def _show_node(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        cell = self.model.layout.row_cells(current.row()) if current.isValid() else []
        code = cell[0].split(".")[1] if cell else ""
        node = next((n for n in self.form.tree if n.code == code), None)
        if node is None:
            self.detail.setText("")
            return
        parts = [
            (tr("指标解释"), node.explanation),
            (tr("评分细则"), node.rubric),
            (tr("数据来源"), node.source),
        ]
        self.detail.setText("\n".join(f"{label}：{text}" for label, text in parts if text))
