"""新建: a two-page wizard (the department with its year and edition, then its units) that
creates the dataset file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.forms.edition import default_edition, editions
from desktop.models.dataset import Dataset
from desktop.paths import data_dir
from desktop.ui.dialogs import label_wizard, path_row
from desktop.ui.qt import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from desktop.ui.text import tr
from desktop.ui.units_editor import UnitsEditor

SUFFIX = ".jsd"


class DepartmentPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("部门信息"))
        self.setSubTitle(
            tr(
                "填写决算所属部门、单位代码和年度，选择适用的版本（表样、科目表与情况说明模板），并选择数据文件的保存位置。"
            )
        )
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year - 1)
        self.edition = QComboBox()
        for edition in editions():
            self.edition.addItem(edition.label, edition.id)
            self.edition.setItemData(
                self.edition.count() - 1, edition.description, Qt.ItemDataRole.ToolTipRole
            )
        self._auto_edition = True
        self.edition.activated.connect(lambda _i: setattr(self, "_auto_edition", False))
        self.year.valueChanged.connect(self._suggest_edition)
        self._suggest_edition(self.year.value())
        self.file = QLineEdit()
        file_row = path_row(self.file, self._browse)
        form = QFormLayout(self)
        form.addRow(tr("部门名称"), self.name)
        form.addRow(tr("单位代码"), self.code)
        form.addRow(tr("年度"), self.year)
        form.addRow(tr("版本"), self.edition)
        form.addRow(tr("保存为"), file_row)
        self.registerField("name*", self.name)
        self.name.textChanged.connect(self._suggest_file)
        self.year.valueChanged.connect(lambda _v: self._suggest_file(self.name.text()))
        self._auto_file = True
        self.file.textEdited.connect(lambda _t: setattr(self, "_auto_file", False))
        self.file.textChanged.connect(lambda _t: self.completeChanged.emit())

    def _suggest_edition(self, year: int) -> None:
        """The newest edition of the year, until the clerk picks one."""
        if self._auto_edition:
            self.edition.setCurrentIndex(self.edition.findData(default_edition(year).id))

    def chosen_edition(self) -> str:
        return str(self.edition.currentData())

    def _suggest_file(self, name: str) -> None:
        if self._auto_file:
            stem = f"{name.strip() or tr('决算')}-{self.year.value()}"
            self.file.setText(str(data_dir() / f"{stem}{SUFFIX}"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("保存数据文件"), self.file.text(), tr("决算数据 (*.jsd)")
        )
        if path:
            self._auto_file = False
            self.file.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def isComplete(self) -> bool:
        return bool(self.name.text().strip()) and bool(self.file.text().strip())


class UnitsPage(QWizardPage):
    def __init__(self, department: DepartmentPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.department = department
        self.setTitle(tr("本级及二级单位"))
        self.setSubTitle(tr("第一行为本级；二级单位请逐一添加，并选择单位性质。"))
        self.editor = UnitsEditor()
        QVBoxLayout(self).addWidget(self.editor)

    def initializePage(self) -> None:
        self.editor.set_main_name(self.department.name.text().strip())


class NewWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("新建数据文件"))
        self.department = DepartmentPage()
        self.units = UnitsPage(self.department)
        self.addPage(self.department)
        self.addPage(self.units)
        label_wizard(self, tr("创建"))
        self.resize(640, 460)

    def create_dataset(self) -> Dataset:
        """Create the file from what was entered (StoreError when the file exists)."""
        page = self.department
        units = self.units.editor.units()
        return Dataset.create(
            Path(page.file.text().strip()),
            page.name.text().strip(),
            page.year.value(),
            code=page.code.text().strip(),
            units=units,
            edition=page.chosen_edition(),
        )
