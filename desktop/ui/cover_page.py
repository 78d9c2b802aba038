"""单位基本情况 (F00): the cover facts grid and the list of units with their kinds."""

from __future__ import annotations

from desktop.models.derive import FISCAL_ONLY
from desktop.ui.form_page import FormPage
from desktop.ui.qt import QCheckBox, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget
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
        self.fiscal_only = QCheckBox(
            tr("本单位收支全部为财政拨款：支出决算表（公开03表）按公开05、08、09表自动填列")
        )
        self.fiscal_only.setToolTip(
            tr("自动填列的数以绿色底显示；如某项另有其他资金，可直接改写并说明原因。")
        )
        self.fiscal_only.toggled.connect(lambda on: self.session.set_flag(FISCAL_ONLY, on))
        self.body.addWidget(self.fiscal_only)
        session.changed.connect(self._on_changed)
        self._on_changed(None)

    def _on_changed(self, _result: object) -> None:
        self._show_units()
        self.fiscal_only.blockSignals(True)
        self.fiscal_only.setChecked(self.session.dataset.flag(FISCAL_ONLY))
        self.fiscal_only.blockSignals(False)

    def _show_units(self) -> None:
        lines = [f"{u.name}{' ' + u.code if u.code else ''}（{u.kind}）" for u in self.session.dataset.units]
        self.units_label.setText("\n".join(lines) or tr("尚未填写单位"))

    def edit_units(self) -> None:
        dataset = self.session.dataset
        dialog = UnitsDialog(list(dataset.units), self)
        if dialog.exec():
            dept = dataset.department
            units = dialog.editor.units()
            self.session.run(lambda: dataset.set_department(dept.name, dept.code, dept.year, units=units))
