"""整体绩效评价 (P02): the department's own scoring tree (一级 / 二级 / 三级; names and the leaves'
分值 typed, 得分 typed, parents summed; indicators added, removed, moved with the tools of
desktop.ui.tree_editor) with the scores the figures suggest, and a side panel: the total and
its grade, the subtotals of the 一级, the chosen indicator's 指标解释 / 评分细则 / 数据来源, and
the P02 findings."""

from __future__ import annotations

from typing import Any

from desktop.forms.catalogue import Form, TreeNode
from desktop.money import format_amount, to_text
from desktop.perf.department import suggested_scores, tree_summary
from desktop.perf.scoring import Suggestion
from desktop.rules.finding import Finding
from desktop.rules.targets import plain
from desktop.ui.grid_layout import GridColumn, GridLayout, Slot
from desktop.ui.perf_grid import PASS, PerfGridView
from desktop.ui.project_layouts import SUGGEST
from desktop.ui.qt import (
    QBrush,
    QColor,
    QFont,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QModelIndex,
    QPushButton,
    QShortcut,
    QShowEvent,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.step_page import GridPage
from desktop.ui.text import tr
from desktop.ui.tree_editor import TreeModel, TreeTools

TOTAL = "total"
WIDTHS = (3, None, 3.5, 3.5, 3.5)  # 编码, 指标 (stretches), 分值, 得分, 建议分
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
SUGGEST_FOREGROUND = QColor("#1a5fb4")
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def score_tree(form: Form) -> GridLayout:
    columns = [
        GridColumn(tr("编码"), "code"),
        GridColumn(tr("指标"), "name"),
        GridColumn(tr("分值"), "value"),
        GridColumn(tr("得分"), "value"),
        GridColumn(tr("建议分"), SUGGEST),
    ]
    rows = [(n.code, n.name, n.level) for n in form.tree] + [(TOTAL, tr("合计"), 1)]
    return GridLayout(
        columns,
        [
            [
                Slot("code", "" if code == TOTAL else code, emphasis=level < 3),
                Slot("name", name, cell=f"{form.id}.{code}.name", level=level - 1, emphasis=level < 3),
                Slot("value", cell=f"{form.id}.{code}.weight", emphasis=level < 3),
                Slot("value", cell=f"{form.id}.{code}.score", emphasis=level < 3),
                Slot(SUGGEST, cell=f"{form.id}.{code}.score", view=SUGGEST),
            ]
            for code, name, level in rows
        ],
    )


def node_texts(node: TreeNode) -> str:
    parts = ((tr("指标解释"), node.explanation), (tr("评分细则"), node.rubric), (tr("数据来源"), node.source))
    return "\n".join(f"{label}：{text}" for label, text in parts if text)


class ScoresPage(GridPage):
    model: TreeModel
    view: PerfGridView

    def __init__(self, session: Session, form_id: str = "P02", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form_id = form_id
        self.suggestions: dict[str, Suggestion] = {}
        self.stale = False
        self.model = TreeModel(session, lambda _s: score_tree(self.form), self._extra, parent=self)
        self.view = PerfGridView(self.model, WIDTHS)
        self.tools = TreeTools(session, self.current_code, self.go_to_code)
        self.summary = QLabel()
        self.levels = QLabel()
        self.detail = QLabel()
        self.suggestion = QLabel()
        self.accept_button = QPushButton(tr("采用建议分 (Ctrl+J)"))
        self.accept_all_button = QPushButton(tr("全部采用建议分"))
        self.findings = QListWidget()
        self._build()
        self.view.selectionModel().currentChanged.connect(self._show_node)
        self.findings.itemActivated.connect(self._finding_chosen)
        self.findings.itemClicked.connect(self._finding_chosen)
        session.changed.connect(self._on_changed)
        self.update_scores()

    @property
    def form(self) -> Form:
        return self.session.form(self.form_id)  # the department's tree: it changes as it is edited

    @property
    def nodes(self) -> dict[str, TreeNode]:
        return {n.code: n for n in self.form.tree}

    def current_code(self) -> str | None:
        index = self.view.currentIndex()
        code = self.model.layout.slot(index.row(), 0).text if index.isValid() else ""
        return code or None

    def focus_main(self) -> None:
        """Land on the first 得分 to type (names and 分值 are typed too, but less often)."""
        current = self.view.currentIndex()
        if not (current.isValid() and self.model.flags(current) & Qt.ItemFlag.ItemIsEditable):
            parents = {n.parent for n in self.form.tree}
            first = next((n.code for n in self.form.tree if n.code not in parents), None)
            if first is not None:
                self.view.select_cells([f"{self.form_id}.{first}.score"])
        self.view.setFocus()

    def go_to_code(self, code: str) -> None:
        self.view.select_cells([f"{self.form_id}.{code}.name"])
        self.view.setFocus()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(f"{self.form.label}　{self.form.title}")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        self.summary.setFont(font)
        for label in (self.levels, self.detail, self.suggestion):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_button.clicked.connect(self.accept_suggestion)
        self.accept_all_button.clicked.connect(self.accept_all)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+J"), self, self.accept_suggestion, context)
        splitter = QSplitter()
        splitter.setObjectName("scores")
        splitter.addWidget(self.view)
        splitter.addWidget(self._side())
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([560, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(title)
        layout.addWidget(self.tools)
        layout.addWidget(splitter, 1)

    def _side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.levels)
        layout.addWidget(self.detail)
        layout.addWidget(self.suggestion)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.accept_all_button)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(tr("分值与得分的审核")))
        self.findings.setWordWrap(True)
        layout.addWidget(self.findings, 1)
        return side

    # --- roles the grid does not know -----------------------------------------------------

    def _extra(self, slot: Slot, role: int) -> Any:
        if slot.role == SUGGEST:
            found = self.suggestions.get(self._code(slot.cell))
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return format_amount(found.score) if found else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return found.explanation + "\n" + tr("Ctrl+J 采用建议分") if found else None
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return RIGHT
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(SUGGEST_FOREGROUND)
        if slot.role in ("name", "code") and role == Qt.ItemDataRole.ToolTipRole:
            node = self.nodes.get(slot.text)
            node = node or next((n for n in self.form.tree if n.name == slot.text), None)
            return (node_texts(node) or node.name) if node else None
        return PASS

    @staticmethod
    def _code(cell: str | None) -> str:
        return cell.split(".")[1] if cell else ""

    # --- following the data ---------------------------------------------------------------

    def _on_changed(self, _result: object) -> None:
        """Hidden (another step is shown): catch up when shown, edits elsewhere stay cheap."""
        self.stale = not self.isVisible()
        if not self.stale:
            self.update_scores()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self._on_changed(None)

    def update_scores(self) -> None:
        dataset = self.session.dataset
        self.suggestions = suggested_scores(dataset)
        summary = tree_summary(dataset)
        grade = summary.grade if summary.scored else tr("（尚未评分）")
        total = tr("总分 {t} / {w}　等级 {g}")
        self.summary.setText(total.format(t=plain(summary.total), w=plain(summary.weight), g=grade))
        lines = [f"{n.code} {n.name}：{plain(n.score)} / {plain(n.weight)}" for n in summary.level(1)]
        lines.append(tr("已评分 {n} / {m} 项三级指标").format(n=summary.scored, m=summary.leaves))
        self.levels.setText("\n".join(lines))
        self.accept_all_button.setEnabled(bool(self._pending()))
        self.model.refresh_column(len(self.model.layout.columns) - 1)
        self._show_findings()
        self._show_node(self.view.currentIndex())

    def _show_findings(self) -> None:
        self.findings.clear()
        for finding in self.session.findings_of(self.form.id):
            item = QListWidgetItem(finding.message)
            item.setData(FINDING_ROLE, finding)
            self.findings.addItem(item)
        if not self.findings.count():
            self.findings.addItem(tr("分值、得分和合计没有发现问题"))

    def _finding_chosen(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        if isinstance(finding, Finding):
            self.show_cells(list(finding.cells))

    def _show_node(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        cells = self.model.layout.row_cells(current.row()) if current.isValid() else []
        node = self.nodes.get(self._code(cells[0]) if cells else "")
        self.detail.setText(f"{node.code} {node.name}\n{node_texts(node)}" if node else "")
        found = self.suggestions.get(node.code) if node else None
        self.suggestion.setText(
            tr("建议分 {s}：{e}").format(s=plain(found.score), e=found.explanation) if found else ""
        )
        self.accept_button.setEnabled(found is not None)

    # --- actions --------------------------------------------------------------------------

    def _pending(self) -> dict[str, str | None]:
        """Suggested scores not yet in the sheet, as cell values."""
        dataset = self.session.dataset
        cells = {f"{self.form.id}.{code}.score": s.score for code, s in self.suggestions.items()}
        return {c: to_text(v) for c, v in cells.items() if dataset.number(c) != v}

    def accept_suggestion(self) -> bool:
        index = self.view.currentIndex()
        cells = self.model.layout.row_cells(index.row()) if index.isValid() else []
        code = self._code(cells[0]) if cells else ""
        found = self.suggestions.get(code)
        if found is None:
            self.session.refused.emit(tr("当前指标没有可由报表数据计算的建议分"))
            return False
        return self.session.edit(
            {f"{self.form.id}.{code}.score": to_text(found.score)}, label=tr("采用建议分")
        )

    def accept_all(self) -> bool:
        pending = self._pending()
        return bool(pending) and self.session.edit(pending, label=tr("全部采用建议分"))

    # --- StepPage -------------------------------------------------------------------------

    def show_cells(self, cells: list[str]) -> bool:
        shown = super().show_cells(cells)
        self._show_node(self.view.currentIndex())
        return shown
