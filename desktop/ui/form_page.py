"""The page of one form: its title, the 编制单位 and amount-scale line, and the official grid."""

from __future__ import annotations

from desktop.forms.catalogue import Form
from desktop.ui.grid_layout import GridLayout, form_layout
from desktop.ui.grid_model import GridModel, LayoutBuilder
from desktop.ui.grid_view import GridView
from desktop.ui.qt import QFont, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from desktop.ui.session import Session
from desktop.ui.step_page import GridPage
from desktop.ui.text import tr


def sheet_layout(form: Form) -> LayoutBuilder:
    def build(session: Session) -> GridLayout:
        return form_layout(form, session.dataset.sheet(form.id, marked=True), session.show_prior)

    return build


class FormPage(GridPage):
    def __init__(self, session: Session, form_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form = session.form(form_id)
        self.model = GridModel(session, sheet_layout(self.form), self)
        self.view = GridView(self.model, self)
        self.title = QLabel(f"{self.form.label}　{self.form.title}")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.prepared_by_label = QLabel()
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.title)
        self.bar.addStretch(1)
        self.bar.addWidget(self.prepared_by_label)
        self.tools = QHBoxLayout()  # page-specific buttons (add/remove rows) go here
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(8, 8, 8, 4)
        self.body.addLayout(self.bar)
        self.body.addLayout(self.tools)
        self.body.addWidget(self.view, 1)
        session.options_changed.connect(self._show_prepared_by)
        self._show_prepared_by()

    def _show_prepared_by(self) -> None:
        name = self.session.dataset.department.name
        unit_id = self.session.org_unit_id
        if unit_id is not None:  # one unit's figures: the page says whose
            name = next((u.name for u in self.session.dataset.units if u.id == unit_id), name)
        elif self.session.dataset.by_org_unit:
            name += tr("（部门合计）")
        self.prepared_by_label.setText(
            tr("编制单位：{name}　　单位：{scale}").format(name=name, scale=self.session.amount_scale)
        )
