"""The findings of the current form or of all forms, grouped by severity and then by form (in
the forms' order, rows in their order; the form is named once, on its group). Choosing one
takes the window to its cells; a finding that asks for an explanation offers the text box
here, and one about a row another table lacks offers to add it there."""

from __future__ import annotations

from typing import Any

from desktop.models.dataset import EditResult
from desktop.rules.engine import FindingsDelta
from desktop.rules.finding import Finding
from desktop.rules.finding_order import form_order_key
from desktop.ui.findings_tree import FINDING_ROLE, FindingsTree
from desktop.ui.qt import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QModelIndex,
    QPlainTextEdit,
    QPushButton,
    QResizeEvent,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.session import Session, involves
from desktop.ui.text import tr
from desktop.ui.wrap_delegate import WrapDelegate

INCREMENTAL_LIMIT = 40  # findings changed at once beyond which one rebuild is cheaper


def finding_key(finding: Finding) -> tuple[str, tuple[str, ...]]:
    """Identity across re-validation: the message changes once a reason is filled."""
    return finding.rule, finding.cells


class FindingsPanel(QWidget):
    activated = Signal(object)  # Finding
    rows_added = Signal(str, str)  # form, row: where the window should go

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form_id: str | None = None
        self.selected: Finding | None = None
        self.missing: list[tuple[str, str]] = []
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setIndentation(self.fontMetrics().horizontalAdvance("字"))
        self.tree.setItemDelegate(WrapDelegate(self.tree))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(tr("在此填写原因说明（情况说明中将引用）"))
        self.reason.setMaximumHeight(110)
        self.save_reason = QPushButton(tr("保存说明 (Ctrl+Enter)"))
        self.save_reason.setShortcut("Ctrl+Return")
        self.save_reason.clicked.connect(self._save_reason)
        self.add_rows = QPushButton()
        self.add_rows.clicked.connect(self._add_missing_rows)
        self.scope_form = QPushButton(tr("涉及本表"))
        self.scope_all = QPushButton(tr("全部"))
        self.groups = FindingsTree(self.tree, self._short, self._form_name)
        self._build()
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)
        session.changed.connect(self._on_changed)
        session.options_changed.connect(self.refresh)  # another unit shown: its findings
        self.refresh()

    def _build(self) -> None:
        scope = QButtonGroup(self)
        for button in (self.scope_form, self.scope_all):
            button.setCheckable(True)
            scope.addButton(button)
        self.scope_all.setChecked(True)
        scope.buttonClicked.connect(lambda _button: self.refresh())
        top = QHBoxLayout()  # the title above the switch, so a narrow panel clips neither
        top.addStretch(1)
        top.addWidget(self.scope_form)
        top.addWidget(self.scope_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 4)
        layout.addWidget(QLabel(tr("审核结果")))
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.add_rows)
        layout.addWidget(self.reason)
        layout.addWidget(self.save_reason)
        self._show_detail(None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.tree.doItemsLayout()  # wrapped findings take the new width

    # --- content ------------------------------------------------------------------------

    def set_form(self, form_id: str | None) -> None:
        self.form_id = form_id
        self.refresh()

    def shown(self) -> list[Finding]:
        return [f for f in self.session.findings if self._is_shown(f)]

    def _on_changed(self, result: object) -> None:
        # Most keystrokes change no finding, and most others change a few: rebuilding hundreds
        # of items would cost more than the edit itself.
        if isinstance(result, EditResult) and not (result.findings or result.structure):
            return
        if isinstance(result, EditResult) and not result.structure and self._apply(result.findings):
            return
        self.refresh()

    def refresh(self) -> None:
        keep = finding_key(self.selected) if self.selected else None
        self.tree.blockSignals(True)
        self.groups.build(self.shown(), form_order_key(self.session.dataset.catalogue))
        current = next((f for f in self.groups.findings() if finding_key(f) == keep), None)
        self._select_item(current)

    def _apply(self, delta: FindingsDelta) -> bool:
        """Put the delta into the tree in place; False when a rebuild is the better way."""
        if len(delta.added) + len(delta.removed) > INCREMENTAL_LIMIT:
            return False
        keep = self.selected
        self.tree.blockSignals(True)
        shown = [f for f in delta.added if self._is_shown(f)], [f for f in delta.removed if self._is_shown(f)]
        if not self.groups.apply(*shown):
            self.tree.blockSignals(False)
            return False
        if keep is not None and self.groups.item_of(keep) is None:
            key = finding_key(keep)
            keep = next((f for f in delta.added if finding_key(f) == key and self.groups.item_of(f)), None)
        self._select_item(keep)
        return True

    def _select_item(self, finding: Finding | None) -> None:
        """Make the finding (or nothing) current, then show its detail afresh: its figures or
        rows may have changed."""
        item = self.groups.item_of(finding) if finding is not None else None
        if item is not None:
            self.tree.setCurrentItem(item)
        else:
            self.tree.setCurrentIndex(QModelIndex())
        self.tree.blockSignals(False)
        self._show_detail(finding if item is not None else None)

    def _is_shown(self, finding: Finding) -> bool:
        return not (self.scope_form.isChecked() and self.form_id) or involves(finding, self.form_id)

    def _form_name(self, form_id: str) -> str:
        form = self.session.dataset.catalogue.forms.get(form_id)
        return f"{form.label} {form.title}" if form is not None else form_id

    def _short(self, finding: Finding) -> str:
        """The message without the form's title in front (its group names the form)."""
        form = self.session.dataset.catalogue.forms.get(finding.form)
        if form is not None and finding.message.startswith(form.title):
            return finding.message.removeprefix(form.title).lstrip(" ：:")
        return finding.message

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
        self._offer_rows(finding)

    def _offer_rows(self, finding: Finding | None) -> None:
        rows = self.session.dataset.missing_rows(finding) if finding is not None else []
        self.add_rows.setVisible(bool(rows))
        if rows:
            forms = self.session.dataset.catalogue.forms
            labels = "、".join(forms[f].label for f in dict.fromkeys(f for f, _r in rows))
            codes = "、".join(dict.fromkeys(r for _f, r in rows))
            self.add_rows.setText(tr("添加到{forms}（{codes}）").format(forms=labels, codes=codes))
            self.add_rows.setToolTip(tr("这些行在本表中缺少，其他表已有数：添加后即可填写"))
        self.missing = rows

    def _add_missing_rows(self) -> None:
        rows = list(self.missing)
        if rows and self.session.add_rows(rows):
            form, row = rows[0]
            self.rows_added.emit(form, row)

    def _save_reason(self) -> None:
        if self.selected is not None and self.selected.reason_key:
            self.session.set_text(self.selected.reason_key, self.reason.toPlainText())
