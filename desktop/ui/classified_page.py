"""Pages of classified tables (公开02/03/05/06/08/09表): rows are added from the code list and
removed with a question when they hold figures."""

from __future__ import annotations

from desktop.forms.structure import code_level
from desktop.ui.code_picker import CodePicker
from desktop.ui.form_page import FormPage
from desktop.ui.qt import QKeySequence, QMessageBox, QPushButton, QShortcut, Qt, QWidget
from desktop.ui.session import Session
from desktop.ui.text import tr


def confirm_removal(parent: QWidget, row: str, filled: int) -> bool:
    """Asked only when the row holds figures; tests replace it."""
    answer = QMessageBox.question(
        parent,
        tr("删除科目"),
        tr("科目 {row} 已填写 {n} 个数值，删除后这些数值一并删除（可撤销）。确定删除吗？").format(
            row=row, n=filled
        ),
    )
    return answer == QMessageBox.StandardButton.Yes


class ClassifiedPage(FormPage):
    def __init__(self, session: Session, form_id: str, parent: QWidget | None = None) -> None:
        super().__init__(session, form_id, parent)
        self.add_button = QPushButton(tr("添加{level}科目… (Insert)").format(level=self._level_name()))
        self.remove_button = QPushButton(tr("删除科目 (Ctrl+Delete)"))
        self.tools.addWidget(self.add_button)
        self.tools.addWidget(self.remove_button)
        self.tools.addStretch(1)
        self.add_button.clicked.connect(self.pick_code)
        self.remove_button.clicked.connect(self.remove_current)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.pick_code, context)
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.remove_current, context)

    def pick_code(self) -> None:
        dataset = self.session.dataset
        codes = dataset.edition.codes.of(self.form.codes or "functional")
        picker = CodePicker(self.form, codes, dataset.rows(self.form.id), self)
        if picker.exec() and (code := picker.chosen()):
            self.add_code(code)

    def add_code(self, code: str) -> bool:
        if not self.session.add_row(self.form.id, code):
            return False
        first = next(c for c in self.form.columns if not c.formula)
        self.view.select_cells([f"{self.form.id}.{code}.{first.id}"])
        self.view.setFocus()
        return True

    def current_row(self) -> str | None:
        """The input row under the cursor: the cell's row, or the first cell right of a label."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        layout = self.model.layout
        for col in range(index.column(), len(layout.columns)):
            cell = layout.slot(index.row(), col).cell
            if cell:
                row = cell.split(".")[1]
                return row if code_level(row) == self.form.input_level else None
        return None

    def remove_current(self) -> None:
        row = self.current_row()
        if row is None or row not in self.session.dataset.rows(self.form.id):
            self.session.refused.emit(tr("请先选中要删除的{level}科目行").format(level=self._level_name()))
            return
        cells = [f"{self.form.id}.{row}.{c.id}" for c in self.form.columns]
        filled = len(self.session.cells_with_values(cells))
        if filled and not confirm_removal(self, row, filled):
            return
        self.session.remove_row(self.form.id, row)

    def _level_name(self) -> str:
        return tr("项") if self.form.input_level == 3 else tr("款")
