"""文字材料: every clerk's text the published report prints (desktop.narrative.texts) — 第一部分
概况, the texts the 情况说明 quotes, the 名词解释, the reasons — listed by where it prints, each
written in the box on the right. What is typed is saved as the clerk types (debounced, and on
leaving the box); a text the 情况说明 quotes also updates the edited sections that state it."""

from __future__ import annotations

from desktop.actions.narrative import draft_of, save_text
from desktop.narrative.glossary import draft_glossary
from desktop.narrative.texts import GROUPS, OVERVIEW, REASONS, PrintedText, printed_texts
from desktop.ui.page_heading import heading
from desktop.ui.qt import (
    QBrush,
    QColor,
    QFocusEvent,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    Qt,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.session import Session
from desktop.ui.step_page import WritingPage
from desktop.ui.text import tr

SAVE_DELAY_MS = 500
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING_COLOR = "#c62828"
MISSING_STYLE = f"color: {MISSING_COLOR};"


class TextBox(QPlainTextEdit):
    focus_left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.focus_left.emit()
        super().focusOutEvent(event)


class TextsPage(WritingPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.texts: dict[str, PrintedText] = {}
        self.needed: set[str] = set()  # texts the report asks for now
        self.items: dict[str, QTreeWidgetItem] = {}  # the tree's row of each text
        self.key = ""  # the text in the box
        self.dirty = False
        self.out_of_date = True
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("文字"), tr("状态")])
        self.tree.setColumnWidth(0, 260)
        self.tree.currentItemChanged.connect(lambda item, _old=None: self._choose(item))
        self.title = heading(scale=1.0)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.box = TextBox()
        self.box.textChanged.connect(self._typed)
        self.box.focus_left.connect(self.flush)
        self.restore = QPushButton(tr("恢复为根据数据起草的文字"))
        self.restore.clicked.connect(self.restore_draft)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self._build()
        session.changed.connect(self._on_changed)

    def _build(self) -> None:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 0, 0, 0)
        for widget in (self.title, self.note):
            column.addWidget(widget)
        column.addWidget(self.box, 1)
        column.addWidget(self.restore, 0, Qt.AlignmentFlag.AlignRight)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 620])
        splitter.setChildrenCollapsible(False)
        hint = QLabel(tr("公开文本中由单位填写的各段文字，按印出的位置列出。修改即时保存。"))
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("文字材料")))
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)

    # --- showing ------------------------------------------------------------------------

    def focus_main(self) -> None:
        self.box.setFocus()

    def refresh(self) -> None:
        """List the texts (keeping any the window asked for) with their state; reload the box."""
        self.out_of_date = False
        kept = {k: t for k, t in self.texts.items() if t.group == REASONS}
        listed = {t.key: t for t in printed_texts(self.session.dataset.snapshot())}
        self.texts = {**listed, **{k: t for k, t in kept.items() if k not in listed}}
        self.needed = self._needed()
        self.tree.blockSignals(True)
        self.tree.clear()
        self.items = {}
        groups = {group: QTreeWidgetItem([tr(group)]) for group in GROUPS}
        for text in self.texts.values():
            item = QTreeWidgetItem([text.label, self._state(text)])
            if self._state(text) == tr("未填写"):
                item.setForeground(1, QBrush(QColor(MISSING_COLOR)))
            item.setData(0, KEY_ROLE, text.key)
            item.setToolTip(0, text.label)
            groups[text.group].addChild(item)
            self.items[text.key] = item
        self.tree.addTopLevelItems([g for g in groups.values() if g.childCount()])
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.show_text(self.key or next(iter(self.texts), ""))

    def _needed(self) -> set[str]:
        """The reasons the findings ask for and the texts the 情况说明 shows as 【请填写：…】."""
        asked = {f.reason_key for f in self.session.findings if f.reason_key}
        return asked | {p.key for p in draft_of(self.session.dataset).placeholders}

    def _state(self, text: PrintedText) -> str:
        if self.session.dataset.text(text.key).strip():
            return tr("已填写")
        if text.drafted:
            return tr("按数据起草")
        if text.group == OVERVIEW:
            return tr("未填写") if text.required else tr("可不填")
        return tr("未填写") if text.key in self.needed else tr("暂不需要")

    def show_text(self, key: str, label: str = "") -> bool:
        """Choose the text `key` (one the list lacks is added under 原因说明, named `label`)."""
        if not key:
            return False
        if key not in self.texts:
            self.texts[key] = PrintedText(key, label or key, REASONS, required=True)
            self.refresh()
        item = self._item(key)
        if item is not None:
            self.tree.setCurrentItem(item)
            self._choose(item)
        return item is not None

    def _item(self, key: str) -> QTreeWidgetItem | None:
        return self.items.get(key)

    def _choose(self, item: QTreeWidgetItem | None) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        if not key or key not in self.texts:
            return
        if key != self.key:
            self.flush()
        self.key = key
        text = self.texts[key]
        stored = self.session.dataset.text(key)
        self.title.setText(text.label)
        self.note.setStyleSheet(MISSING_STYLE if self._state(text) == tr("未填写") else "")
        self.note.setText(self._note(text, stored))
        self.box.setPlaceholderText(tr("在此填写“{label}”").format(label=text.label))
        shown = stored or (draft_glossary(self.session.dataset.snapshot()) if text.drafted else "")
        if self.box.toPlainText() != shown:
            self.box.blockSignals(True)
            self.box.setPlainText(shown)
            self.box.blockSignals(False)
        self.restore.setVisible(text.drafted and bool(stored))

    def _note(self, text: PrintedText, stored: str) -> str:
        where = tr("印在公开文本的“{group}”中。").format(group=tr(text.group))
        if text.drafted and not stored:
            return where + tr("目前印的是根据数据起草的文字；修改后将印您的文字。")
        if self._state(text) == tr("未填写"):
            return where + tr("尚未填写：公开前必须填写。")
        return where

    # --- writing ------------------------------------------------------------------------

    def _typed(self) -> None:
        self.dirty = True
        self.timer.start()

    def flush(self) -> None:
        self.timer.stop()
        if not self.dirty or not self.key:
            return
        self.dirty = False
        self._save(self.box.toPlainText())

    def restore_draft(self) -> None:
        self.timer.stop()
        self.dirty = False
        self._save("")

    def _save(self, text: str) -> None:
        dataset, key = self.session.dataset, self.key
        self.session.run(lambda: save_text(dataset, key, text, tr("修改文字材料")))

    def _on_changed(self, _result: object) -> None:
        if self.isVisible() and not self.dirty:
            self.refresh()
        else:
            self.out_of_date = True
