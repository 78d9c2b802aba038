"""The findings of the current form or of all forms, grouped by severity. Choosing one takes
the window to its cells; a finding that asks for an explanation offers the text box here."""

from __future__ import annotations

from typing import Any

from desktop.models.dataset import EditResult
from desktop.rules.finding import SEVERITIES, SEVERITY_NAMES, Finding
from desktop.ui.grid_markers import SEVERITY_COLOURS
from desktop.ui.qt import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.session import Session
from desktop.ui.text import tr

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def finding_key(finding: Finding) -> tuple[str, tuple[str, ...]]:
    """Identity across re-validation: the message changes once a reason is filled."""
    return finding.rule, finding.cells


class FindingsPanel(QWidget):
    activated = Signal(object)  # Finding

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form_id: str | None = None
        self.selected: Finding | None = None
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(tr("在此填写原因说明（情况说明中将引用）"))
        self.reason.setMaximumHeight(110)
        self.save_reason = QPushButton(tr("保存说明 (Ctrl+Enter)"))
        self.save_reason.setShortcut("Ctrl+Return")
        self.save_reason.clicked.connect(self._save_reason)
        self.scope_form = QPushButton(tr("涉及本表"))
        self.scope_all = QPushButton(tr("全部"))
        self._build()
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)
        session.changed.connect(self._on_changed)
        self.refresh()

    def _build(self) -> None:
        scope = QButtonGroup(self)
        for button in (self.scope_form, self.scope_all):
            button.setCheckable(True)
            scope.addButton(button)
        self.scope_all.setChecked(True)
        scope.buttonClicked.connect(lambda _button: self.refresh())
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("审核结果")))
        top.addStretch(1)
        top.addWidget(self.scope_form)
        top.addWidget(self.scope_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.reason)
        layout.addWidget(self.save_reason)
        self._show_detail(None)

    # --- content ------------------------------------------------------------------------

    def set_form(self, form_id: str | None) -> None:
        self.form_id = form_id
        self.refresh()

    def shown(self) -> list[Finding]:
        if self.scope_form.isChecked() and self.form_id:
            return self.session.findings_of(self.form_id)
        return self.session.findings

    def _on_changed(self, result: object) -> None:
        # Most keystrokes change no finding: rebuilding hundreds of items would cost more
        # than the edit itself.
        if isinstance(result, EditResult) and not (result.findings or result.structure):
            return
        self.refresh()

    def refresh(self) -> None:
        keep = finding_key(self.selected) if self.selected else None
        self.tree.blockSignals(True)
        self.tree.clear()
        findings = self.shown()
        current = None
        for severity in SEVERITIES:
            group = [f for f in findings if f.severity == severity]
            if not group:
                continue
            head = QTreeWidgetItem([f"{SEVERITY_NAMES[severity]}（{len(group)}）"])
            head.setData(0, FINDING_ROLE, False)  # never read back an empty role: see qt.py
            head.setForeground(0, SEVERITY_COLOURS[severity])
            self.tree.addTopLevelItem(head)
            for finding in group:
                item = QTreeWidgetItem([f"{finding.form}　{finding.message}"])
                item.setData(0, FINDING_ROLE, finding)
                item.setToolTip(0, finding.message)
                head.addChild(item)
                if keep == finding_key(finding):
                    current = item
            head.setExpanded(True)
        if not findings:
            empty = QTreeWidgetItem([tr("没有发现问题")])
            empty.setData(0, FINDING_ROLE, False)
            self.tree.addTopLevelItem(empty)
        if current is not None:
            self.tree.setCurrentItem(current)
        self.tree.blockSignals(False)
        self._show_detail(current.data(0, FINDING_ROLE) if current is not None else None)

    # --- choosing -----------------------------------------------------------------------

    def _on_current(self, item: QTreeWidgetItem | None, _previous: Any = None) -> None:
        finding = item.data(0, FINDING_ROLE) if item is not None else None
        self._show_detail(finding if isinstance(finding, Finding) else None)

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if isinstance(finding, Finding):
            self.select(finding)

    def select(self, finding: Finding) -> None:
        """Show the finding's detail and take the window to its cells."""
        self._show_detail(finding)
        self.activated.emit(finding)

    def _show_detail(self, finding: Finding | None) -> None:
        self.selected = finding
        self.detail.setText(finding.message if finding else tr("选择一条审核结果，可定位到相关单元格。"))
        needs_text = finding is not None and finding.reason_key is not None
        self.reason.setVisible(needs_text)
        self.save_reason.setVisible(needs_text)
        if finding is not None and finding.reason_key:
            self.reason.setPlainText(self.session.dataset.text(finding.reason_key))

    def _save_reason(self) -> None:
        if self.selected is not None and self.selected.reason_key:
            self.session.set_text(self.selected.reason_key, self.reason.toPlainText())
