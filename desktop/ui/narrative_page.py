"""情况说明: the drafted sections, each editable. The clerk's edits are saved as they type
(debounced, and on leaving the editor) as texts `narrative.<id>` with the draft they were based
on; 重新生成 brings the figures up to date and keeps the clerk's sentences (desktop.narrative.merge).
Missing reasons are shaded and listed with a box to fill them in; figures that disagree with the
data are underlined in red as the clerk types (the `check-text` checker)."""

from __future__ import annotations

from collections.abc import Callable

from desktop.actions.narrative import draft_of, regenerate, save_sections, save_text, stored
from desktop.models.dataset import EditResult
from desktop.models.snapshot import Snapshot
from desktop.narrative.context import Placeholder, Section
from desktop.narrative.draft import Narrative
from desktop.ui.narrative_editor import Mark, SectionEditor
from desktop.ui.narrative_reasons import ReasonsBox
from desktop.ui.page_heading import fit_rows, heading
from desktop.ui.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.step_page import WritingPage
from desktop.ui.text import tr

SAVE_DELAY_MS = 500
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NarrativePage(WritingPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.narrative: Narrative = draft_of(session.dataset)
        self.editors: dict[str, SectionEditor] = {}
        self.dirty: set[str] = set()
        self.out_of_date = True  # the data changed while the page was hidden
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self._make_widgets()
        self._build()
        session.changed.connect(self._on_changed)
        self.sections.setCurrentRow(0)

    # --- building -----------------------------------------------------------------------

    def _make_widgets(self) -> None:
        self.sections = QListWidget()
        self.sections.setWordWrap(True)
        self.sections.setMinimumWidth(220)
        self.stack = QStackedWidget()
        for section in self.narrative.sections:
            editor = SectionEditor()
            editor.textChanged.connect(self._typer(section.id))
            editor.focus_left.connect(self.flush)
            editor.cursorPositionChanged.connect(self._on_cursor)
            self.editors[section.id] = editor
            self.stack.addWidget(editor)
            self.sections.addItem(QListWidgetItem())
        self.title = heading(scale=1.0)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #8a5a00;")
        self.reasons = ReasonsBox()
        self.reasons.save_requested.connect(self.save_reason)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.itemClicked.connect(self._go_to_problem)
        self.problems_label = QLabel()
        self.regenerate_button = QPushButton(tr("重新生成"))
        self.regenerate_button.setToolTip(tr("按最新数据更新各节中的数字，保留您自己写的句子"))
        self.regenerate_button.clicked.connect(self.regenerate)
        self.status = QLabel()
        self.sections.currentRowChanged.connect(self._on_section)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(heading(tr("情况说明")))
        hint = QLabel(tr("按本年数据起草，可直接修改，修改即时保存"))
        hint.setStyleSheet("color: #555;")
        top.addWidget(hint)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.regenerate_button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 0, 0, 0)
        for widget in (self.title, self.banner, self.reasons):
            column.addWidget(widget)
        column.addWidget(self.stack, 1)
        column.addWidget(self.problems_label)
        column.addWidget(self.problems)
        splitter = QSplitter()
        splitter.addWidget(self.sections)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 700])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # --- reading ------------------------------------------------------------------------

    def section_ids(self) -> list[str]:
        return [s.id for s in self.narrative.sections]

    def current_id(self) -> str:
        return self.section_ids()[max(0, self.sections.currentRow())]

    def editor(self, section_id: str | None = None) -> SectionEditor:
        return self.editors[section_id or self.current_id()]

    def show_section(self, section_id: str) -> SectionEditor:
        self.sections.setCurrentRow(self.section_ids().index(section_id))
        return self.editor(section_id)

    def focus_main(self) -> None:
        self.editor().setFocus()

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Redraft from the figures; editors not being typed in show the stored edit or the draft."""
        self.out_of_date = False
        self.narrative = draft_of(self.session.dataset)
        snapshot = self.session.dataset.snapshot()
        for index, section in enumerate(self.narrative.sections):
            if section.id not in self.dirty:
                self._load(section.id)
            self._mark(section.id, snapshot)
            self._label(index)
        self._show_current()

    def _load(self, section_id: str) -> None:
        edited, _base = stored(self.session.dataset, section_id)
        text = edited or self._section(section_id).text
        editor = self.editors[section_id]
        if editor.toPlainText() == text:
            return
        position = editor.textCursor().position()
        editor.blockSignals(True)
        editor.setPlainText(text)
        editor.blockSignals(False)
        cursor = editor.textCursor()
        cursor.setPosition(min(position, len(text)))
        editor.setTextCursor(cursor)

    def _section(self, section_id: str) -> Section:
        return next(s for s in self.narrative.sections if s.id == section_id)

    def _placeholders(self, section_id: str) -> list[Placeholder]:
        text = self.editors[section_id].toPlainText()
        return [p for p in self._section(section_id).placeholders if p.marker in text]

    def _mark(self, section_id: str, snapshot: Snapshot) -> None:
        # The reader (its grammar, lexicon and checks) loads when a text is first checked,
        # not with the window.
        from desktop.narrative.check import read_section
        from desktop.narrative.reader.claims import REASONS

        editor = self.editors[section_id]
        text = editor.toPlainText()
        index = next(i for i, s in enumerate(self.narrative.sections) if s.id == section_id)
        reading = read_section(snapshot, self.narrative.heading(index), text)
        problems = [Mark(f.start, f.end, f.message) for f in reading.findings]
        unchecked = [
            Mark(f.start, f.end, tr("未核对：") + REASONS.get(f.reason, f.reason)) for f in reading.unchecked
        ]
        markers = [
            Mark(start, start + len(p.marker), p.label)
            for p in self._placeholders(section_id)
            for start in _occurrences(text, p.marker)
        ]
        editor.set_marks(problems, markers, unchecked)

    def _label(self, index: int) -> None:
        section = self.narrative.sections[index]
        edited, base = stored(self.session.dataset, section.id)
        notes = []
        if edited or section.id in self.dirty:
            notes.append(tr("已修改") if base == section.text or not edited else tr("数据已变，待重新生成"))
        if missing := len(self._placeholders(section.id)):
            notes.append(tr("缺 {n} 处说明").format(n=missing))
        if wrong := len(self.editors[section.id].problems):
            notes.append(tr("{n} 处数字不符").format(n=wrong))
        if unchecked := len(self.editors[section.id].unchecked):
            notes.append(tr("{n} 个数字未核对").format(n=unchecked))
        title = self.narrative.heading(index)
        item = self.sections.item(index)
        item.setText(title + (f"\n    {' · '.join(notes)}" if notes else ""))
        item.setToolTip(title)

    def _show_current(self) -> None:
        index = max(0, self.sections.currentRow())
        section = self.narrative.sections[index]
        self.stack.setCurrentIndex(index)
        self.title.setText(self.narrative.heading(index))
        edited, base = stored(self.session.dataset, section.id)
        stale = bool(edited) and base != section.text
        self.banner.setVisible(stale)
        self.banner.setText(
            tr(
                "数据已变化：本节是您修改过的文字，其中的数字可能已过期。点击“重新生成”更新数字，您写的句子会保留。"
            )
        )
        texts = dict(self.session.dataset.texts)
        self.reasons.set_placeholders(self._placeholders(section.id), texts)
        self._list_problems()

    def _list_problems(self) -> None:
        editor = self.editor()
        self.problems.clear()
        for problem in editor.problems:
            item = QListWidgetItem(problem.message)
            item.setData(ID_ROLE, (problem.start, problem.end))
            self.problems.addItem(item)
        count = len(editor.problems)
        self.problems.setVisible(bool(count))
        fit_rows(self.problems)
        self.problems_label.setText(
            tr("与数据核对：有 {n} 处数字与表中数据不一致（红色波浪线）").format(n=count)
            if count
            else tr("与数据核对：文中数字与表中数据一致")
        )

    # --- reacting -----------------------------------------------------------------------

    def _on_section(self, _row: int) -> None:
        self.flush()
        self._show_current()

    def _typer(self, section_id: str) -> Callable[[], None]:
        def typed() -> None:
            self.dirty.add(section_id)
            self.timer.start()

        return typed

    def _on_cursor(self) -> None:
        """A click on a 【请填写：…】 marker opens the box where that reason is written."""
        editor = self.editor()
        position = editor.textCursor().position()
        for mark in editor.markers:
            if mark.start <= position <= mark.end:
                key = next(
                    (p.key for p in self._placeholders(self.current_id()) if p.label == mark.message), None
                )
                self.reasons.choose(key, focus=False)

    def _on_changed(self, result: EditResult) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.out_of_date = True

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        start, end = item.data(ID_ROLE)
        self.editor().select_range(start, end)

    # --- writing ------------------------------------------------------------------------

    def flush(self) -> None:
        """Save what was typed (each edited section with the draft it is based on)."""
        self.timer.stop()
        if not self.dirty:
            return
        typed = {sid: self.editors[sid].toPlainText() for sid in sorted(self.dirty)}
        drafts = {sid: self._section(sid).text for sid in typed}
        self.dirty.clear()
        dataset = self.session.dataset
        self._run(lambda: save_sections(dataset, typed, drafts, tr("修改情况说明")))

    def regenerate(self) -> None:
        self.flush()
        dataset = self.session.dataset
        self._run(lambda: regenerate(dataset, tr("重新生成情况说明")))
        self.status.setText(tr("已按最新数据重新生成"))

    def save_reason(self, key: str, text: str) -> None:
        """The reason and the sections rebased on the draft that states it: one undo step."""
        self.flush()
        dataset = self.session.dataset
        self._run(lambda: save_text(dataset, key, text, tr("填写原因说明")))

    def _run(self, action: Callable[[], EditResult | None]) -> None:
        """One undo step; the `changed` signal then refreshes the page (else, nothing written or
        refused, refresh here)."""
        if not self.session.run(action):
            self.refresh()


def _occurrences(text: str, marker: str) -> list[int]:
    found, start = [], text.find(marker)
    while start >= 0:
        found.append(start)
        start = text.find(marker, start + 1)
    return found
