"""单位基本情况 (F00): the cover facts grid and the list of units with their kinds."""

from __future__ import annotations

from desktop.ui.form_page import FormPage
from desktop.ui.qt import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget
from desktop.ui.session import Session
from desktop.ui.text import tr
from desktop.ui.units_editor import UnitsDialog


class CoverPage(FormPage):
    def __init__(self, session: Session, form_id: str = "F00", parent: QWidget | None = None) -> None:
        super().__init__(session, form_id, parent)
        box = QGroupBox(tr("本级及二级单位"))
        self.units_label = QLabel()
        self.units_label.setWordWrap(True)
        edit = QPushButton(tr("编辑单位…"))
        edit.clicked.connect(self.edit_units)
        inner = QVBoxLayout(box)
        inner.addWidget(self.units_label)
        inner.addWidget(edit)
        self.body.addWidget(box)
        session.changed.connect(self._on_changed)
        self._show_units()

    def _on_changed(self, _result: object) -> None:
        self._show_units()

    def _show_units(self) -> None:
        lines = [f"{u.name}（{u.kind}）" for u in self.session.dataset.units]
        self.units_label.setText("\n".join(lines) or tr("尚未填写单位"))

    def edit_units(self) -> None:
        dataset = self.session.dataset
        dialog = UnitsDialog(list(dataset.units), self)
        if dialog.exec():
            dept = dataset.department
            units = dialog.editor.units()
            self.session.run(lambda: dataset.set_department(dept.name, dept.code, dept.year, units=units))
