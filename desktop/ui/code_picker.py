"""Choosing a subject code to add as a row: search by code, name or pinyin initials, with the
类 › 款 › 项 path of the highlighted subject shown underneath."""

from __future__ import annotations

from desktop.forms.catalogue import Form
from desktop.forms.codes import CodeList, Subject, code_level
from desktop.ui.dialogs import ok_cancel
from desktop.ui.qt import (
    QDialog,
    QEvent,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QObject,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.text import tr

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_LIMIT = 400  # before keeping only the input level (项 or 款)


class CodePicker(QDialog):
    def __init__(self, form: Form, codes: CodeList, taken: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.codes = codes
        self.taken = set(taken)
        self.setWindowTitle(tr("添加科目 — {title}").format(title=form.title))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("输入科目编码、名称或拼音首字母，如 2010601、行政运行、xzyx"))
        self.results = QListWidget()
        self.path = QLabel()
        self.path.setWordWrap(True)
        buttons = ok_cancel(self, tr("添加"))
        layout = QVBoxLayout(self)
        for widget in (self.search, self.results, self.path, buttons):
            layout.addWidget(widget)
        self.search.textChanged.connect(self.refresh)
        self.results.currentItemChanged.connect(self._show_path)
        self.results.itemActivated.connect(lambda _item: self.accept())
        self.search.installEventFilter(self)
        self.resize(560, 480)

    def refresh(self, query: str) -> None:
        self.results.clear()
        level = self.form.input_level
        found = [s for s in self.codes.search(query, SEARCH_LIMIT) if s.level == level]
        for subject in found:
            self._add(subject.code, f"{subject.code}　{subject.name}", subject.code in self.taken)
        typed = query.strip()
        if code_level(typed) == level and typed not in self.codes:
            self._add(
                typed, tr("{code}　（不在科目表中，将标记提示）").format(code=typed), typed in self.taken
            )
        if self.results.count():
            self.results.setCurrentRow(0)

    def _add(self, code: str, text: str, taken: bool) -> None:
        item = QListWidgetItem(text + (tr("　（已添加）") if taken else ""))
        item.setData(CODE_ROLE, code)
        if taken:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.results.addItem(item)

    def _show_path(self, item: QListWidgetItem | None) -> None:
        code = self.chosen_from(item)
        steps: list[Subject] = self.codes.path(code) if code else []
        self.path.setText(" › ".join(f"{s.code} {s.name}" for s in steps))

    @staticmethod
    def chosen_from(item: QListWidgetItem | None) -> str | None:
        return str(item.data(CODE_ROLE)) if item is not None else None

    def chosen(self) -> str | None:
        item = self.results.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return self.chosen_from(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down in the search box move through the results, so the keyboard never leaves it.
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step:
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)
