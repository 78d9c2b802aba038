"""The reasons a 情况说明 section still asks for (its 【请填写：…】 markers), each with a box to
write it in: saving puts the reason in place of the marker."""

from __future__ import annotations

from desktop.narrative.context import Placeholder
from desktop.ui.page_heading import fit_rows
from desktop.ui.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.text import tr

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ReasonsBox(QWidget):
    save_requested = Signal(str, str)  # the reason's text key, the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholders: list[Placeholder] = []
        self.texts: dict[str, str] = {}
        self.list = QListWidget()
        self.editor = QPlainTextEdit()
        self.editor.setMaximumHeight(64)
        self.save = QPushButton(tr("保存说明并更新正文"))
        self.save.clicked.connect(self._save)
        self.list.currentItemChanged.connect(lambda item, _old=None: self._show(item))
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("本节尚缺以下原因说明（选择一项即可填写）：")))
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.editor, 1)
        row.addWidget(self.save, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)

    def set_placeholders(self, placeholders: list[Placeholder], texts: dict[str, str]) -> None:
        keep = self.current_key()
        self.placeholders = placeholders
        self.texts = texts
        self.list.blockSignals(True)
        self.list.clear()
        for placeholder in placeholders:
            item = QListWidgetItem(placeholder.marker)
            item.setData(KEY_ROLE, placeholder.key)
            self.list.addItem(item)
        self.list.blockSignals(False)
        fit_rows(self.list)
        self.setVisible(bool(placeholders))
        keys = [p.key for p in placeholders]
        self.choose(keep if keep in keys else keys[0] if keys else None, focus=False)

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else None

    def choose(self, key: str | None, *, focus: bool = True) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(KEY_ROLE) == key:
                self.list.setCurrentRow(row)
                self._show(self.list.item(row))
                if focus:
                    self.editor.setFocus()
                return

    def _show(self, item: QListWidgetItem | None) -> None:
        key = str(item.data(KEY_ROLE)) if item is not None else ""
        label = next((p.label for p in self.placeholders if p.key == key), "")
        self.editor.setPlaceholderText(tr("填写：{label}").format(label=label))
        self.editor.setPlainText(self.texts.get(key, "") if key else "")

    def _save(self) -> None:
        key = self.current_key()
        if key:
            self.save_requested.emit(key, self.editor.toPlainText())
