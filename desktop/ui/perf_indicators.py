"""The indicator table of one project (P01): the grid with 一级 merged over its rows, the
suggested scores, the 合计 row, the scoring issues and the stated 自评等级 beside the computed one.

Adding inserts below the current indicator (with its 一级 and 二级), moving swaps with the
neighbour; both are one undo step (desktop.actions.project_rows).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.actions import project_rows
from desktop.models import projects
from desktop.models.snapshot import Project
from desktop.money import ZERO, format_amount, to_text
from desktop.perf.scoring import (
    Suggestion,
    grade_of,
    project_total,
    reason_required,
    scoring_issues,
    suggest_indicator_score,
)
from desktop.perf.templates import Template, template_for
from desktop.ui.grid_layout import GridLayout, Slot
from desktop.ui.perf_fields import CellChoice
from desktop.ui.perf_grid import PASS, PerfGridModel, PerfGridView, sync_widths
from desktop.ui.project_layouts import FIXED, SUGGEST, Totals, indicator_grid, total_row
from desktop.ui.qt import (
    QBrush,
    QColor,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QModelIndex,
    QShowEvent,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.text import tr

FORM = projects.FORM
REASON_BACKGROUND = QColor("#fde2e1")  # a reason the clerk still owes
SUGGEST_FOREGROUND = QColor("#1a5fb4")
HINT_FOREGROUND = QColor("#9aa0a6")  # a template's hint in an empty cell: not data
HINTED = ("name", "expected")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LONG_TEXTS = ("name", "expected", "actual_value", "reason", "level2")
WIDTHS = (3.5, 4.5, 7, 7, 6, 2.5, 2.5, 3, None)  # 一级 … 得分, 建议分, 偏差原因 (stretches)
LABEL_SPAN = 5  # the 合计 label covers 一级 … 实际完成值
GRADES = (("未填", ""), ("优", "优"), ("良", "良"), ("中", "中"), ("差", "差"))


def confirm_removal(parent: QWidget, what: str) -> bool:
    """Asked only when the row holds figures; tests replace it."""
    answer = QMessageBox.question(
        parent, tr("删除"), tr("{what}已填写内容，删除后一并删除（可撤销）。确定删除吗？").format(what=what)
    )
    return answer == QMessageBox.StandardButton.Yes


def project_snapshot(session: Session, pid: str | None) -> Project | None:
    return next((p for p in projects.projects_of(session.dataset) if p.id == pid), None)


def row_of(cell: str) -> str:
    """P01.p1.i3.score → p1.i3"""
    return ".".join(cell.split(".")[1:3])


class IndicatorTable(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form = session.form(FORM)
        self.project: str | None = None
        self.suggestions: dict[str, Suggestion] = {}
        self.reasons: set[str] = set()  # reason cells that must be filled
        self.groups: list[tuple[int, int]] = []  # (first row, rows) of a merged 一级
        self.totals: Totals | None = None
        self.stale = False
        self.model = PerfGridModel(session, self._layout, self._extra, self._fan_out, self)
        self.view = PerfGridView(self.model, WIDTHS)
        self.view.setWordWrap(True)
        self.footer_model = PerfGridModel(session, self._footer_layout, self._footer_extra, parent=self)
        self.footer = PerfGridView(self.footer_model, WIDTHS)
        self.issues = QListWidget()
        self.grade = CellChoice(session)
        self.grade.set_choices([(tr(label), value) for label, value in GRADES])
        self.grade.setMinimumContentsLength(4)
        self.computed_grade = QLabel()
        self._build()
        self.model.modelReset.connect(self.update_scoring)
        self.view.selectionModel().currentRowChanged.connect(self.fit_rows)
        session.changed.connect(self._on_changed)

    def _build(self) -> None:
        self.footer.horizontalHeader().hide()
        self.footer.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setFixedHeight(self.footer.verticalHeader().defaultSectionSize() + 2)
        self.footer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.footer.setViewportMargins(0, 0, self.view.verticalScrollBar().sizeHint().width(), 0)
        sync_widths(self.view, self.footer)
        self.issues.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.issues.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        grade_row = QHBoxLayout()
        grade_row.addWidget(QLabel(tr("自评等级")))
        grade_row.addWidget(self.grade)
        grade_row.addWidget(self.computed_grade, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer)
        layout.addSpacing(4)
        layout.addLayout(grade_row)
        layout.addSpacing(4)
        layout.addWidget(self.issues)

    # --- layouts ------------------------------------------------------------------------

    def _layout(self, session: Session) -> GridLayout:
        rows = projects.indicator_ids(session.dataset, self.project) if self.project else []
        return indicator_grid(self.form, rows)

    def _footer_layout(self, _session: Session) -> GridLayout:
        return total_row(self.form, self.totals)

    def set_project(self, pid: str | None) -> None:
        self.project = pid
        self.grade.bind(f"{FORM}.{pid}.grade" if pid else None)
        self.model.rebuild()

    # --- roles the grid does not know -----------------------------------------------------

    def _extra(self, slot: Slot, role: int) -> Any:
        if slot.role == SUGGEST:
            return self._suggestion_role(slot, role)
        cell = slot.cell or ""
        if role == Qt.ItemDataRole.BackgroundRole and cell in self.reasons:
            return QBrush(REASON_BACKGROUND)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole) and (
            hint := self._hint(cell)
        ):
            return hint if role == Qt.ItemDataRole.DisplayRole else QBrush(HINT_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and cell.rsplit(".", 1)[-1] in LONG_TEXTS:
            return self._text_tooltip(slot)
        return PASS

    def _hint(self, cell: str) -> str:
        """The grey hint of an empty 三级指标 or 年度指标值 (from its 二级's template)."""
        field = cell.rsplit(".", 1)[-1]
        if field not in HINTED or self.session.dataset.get(cell):
            return ""
        level2 = self.session.dataset.get(cell.rsplit(".", 1)[0] + ".level2")
        template = template_for(level2) if isinstance(level2, str) else None
        return template.hint(field) if template else ""

    def _suggestion_role(self, slot: Slot, role: int) -> Any:
        found = self.suggestions.get(slot.cell or "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_amount(found.score) if found else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if found is None:
                return tr("年度指标值与实际完成值没有可比较的数字，或分值未填：无建议分")
            return found.explanation + "\n" + tr("Ctrl+J 采用建议分")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(SUGGEST_FOREGROUND)
        return PASS

    def _text_tooltip(self, slot: Slot) -> Any:
        value = self.session.dataset.get(slot.cell) if slot.cell else None
        lines = [str(value)] if isinstance(value, str) and value else []
        if slot.cell in self.reasons:
            lines.append(tr("得分低于分值：请填写偏差原因分析及改进措施"))
        base = self.model._tooltip(slot)
        return "\n".join([*lines, base]) if base else PASS

    def _footer_extra(self, slot: Slot, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#eef1f5"))
        if role == Qt.ItemDataRole.TextAlignmentRole and slot.role == FIXED:
            return RIGHT
        return PASS

    def _fan_out(self, cell: str) -> list[str]:
        """Typing the 一级 of a merged group writes it for every indicator of the group."""
        where = self.model.layout.find(cell)
        if where is None or not cell.endswith(".level1"):
            return [cell]
        group = next(((f, n) for f, n in self.groups if f <= where[0] < f + n), (where[0], 1))
        rows = range(group[0], group[0] + group[1])
        return [self.model.layout.slot(r, where[1]).cell or cell for r in rows]

    # --- following the data ---------------------------------------------------------------

    def _on_changed(self, _result: object) -> None:
        """Hidden (another step is shown): catch up when shown, edits elsewhere stay cheap."""
        self.stale = not self.isVisible()
        if not self.stale:
            self.update_scoring()
            self.grade.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self._on_changed(None)

    def update_scoring(self) -> None:
        """Suggestions, owed reasons, merged 一级, the 合计 row, the grade and the issues."""
        project = project_snapshot(self.session, self.project)
        rows = projects.indicator_ids(self.session.dataset, self.project) if self.project else []
        indicators = project.indicators if project else ()
        self.suggestions, self.reasons = {}, set()
        for row, indicator in zip(rows, indicators, strict=False):
            if (found := suggest_indicator_score(indicator)) is not None:
                self.suggestions[f"{FORM}.{row}.score"] = found
            if reason_required(indicator):
                self.reasons.add(f"{FORM}.{row}.reason")
        self._merge([i.level1.strip() for i in indicators])
        self._show_totals(project)
        self.model.refresh()
        self.fit_rows()

    def height_for(self, rows: int) -> int:
        """The height this table needs to show `rows` one-line indicators."""
        view = self.view
        table = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        table += rows * view.verticalHeader().defaultSectionSize()
        return table + self.sizeHint().height() - view.sizeHint().height()

    def fit_rows(self, *_args: object) -> None:
        """One line a row, so a laptop screen shows eight indicators (full texts on hover); the
        current row grows to show its texts whole."""
        line = self.view.verticalHeader().defaultSectionSize()
        current = self.view.currentIndex().row()
        for row in range(self.model.rowCount()):
            if row == current:
                self.view.resizeRowToContents(row)
                self.view.setRowHeight(row, max(line, self.view.rowHeight(row)))
            else:
                self.view.setRowHeight(row, line)

    def _merge(self, level1: list[str]) -> None:
        groups, start = [], 0
        for k in range(1, len(level1) + 1):
            if k == len(level1) or level1[k] != level1[start] or not level1[k]:
                groups.append((start, k - start))
                start = k
        self.groups = groups
        self.view.clearSpans()
        column = next(i for i, c in enumerate(self.form.indicator_columns) if c.id == "level1")
        for first, count in groups:
            if count > 1:
                self.view.setSpan(first, column, count, 1)

    def _show_totals(self, project: Project | None) -> None:
        self.issues.clear()
        self.totals = None if project is None else self._totals(project)
        self.footer_model.rebuild()
        self.footer.setSpan(0, 0, 1, LABEL_SPAN)
        issues = scoring_issues(project) if project else []
        self.issues.addItems(issues)
        self.issues.setVisible(bool(issues))
        grade = self.totals.grade if self.totals else ""
        text = (
            tr("按总分 {t} 分应为“{g}”").format(t=self.totals.score, g=grade) if self.totals and grade else ""
        )
        text = text or (tr("（指标尚未评分）") if project else "")
        self.computed_grade.setText(text + ("" if issues or not project else tr("　评分没有发现问题")))

    @staticmethod
    def _totals(project: Project) -> Totals:
        weights = [i.weight for i in project.indicators if i.weight is not None]
        scored = any(i.score is not None for i in project.indicators)
        total = project_total(project)
        weight = sum(weights, ZERO) + Decimal(10)
        return Totals(format_amount(weight), format_amount(total), grade_of(total) if scored else "")

    # --- actions --------------------------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() and self.model.rowCount() else None

    def _insert(self, at: int, values: project_rows.Content, label: str) -> bool:
        dataset, project = self.session.dataset, self.project or ""
        return self.session.run(lambda: project_rows.insert_indicator(dataset, project, at, values, label))

    def _select(self, row: int, field: str) -> None:
        ids = projects.indicator_ids(self.session.dataset, self.project or "")
        if 0 <= row < len(ids):
            self.view.select_cells([f"{FORM}.{ids[row]}.{field}"])
            self.view.setFocus()

    def add_indicator(self) -> bool:
        """Insert below the current indicator, in its 一级 and 二级."""
        if not self.project:
            return False
        contents = project_rows.indicator_contents(self.session.dataset, self.project)
        current = self.current_row()
        at = len(contents) if current is None else current + 1
        copied = contents[current] if current is not None and current < len(contents) else {}
        values = {k: copied.get(k) for k in ("level1", "level2")}
        if not self._insert(at, values, tr("添加绩效指标")):
            return False
        self._select(at, "name" if values.get("level1") else "level1")
        return True

    def add_template(self, template: Template) -> bool:
        """A template's row at the end of its 一级 group (spelled as this project spells it)."""
        if not self.project:
            return False
        contents = project_rows.indicator_contents(self.session.dataset, self.project)
        at = project_rows.group_end(contents, template.level1)
        at = len(contents) if at is None else at
        values: dict[str, str | None] = dict(template.as_dict())
        values["level1"] = project_rows.group_spelling(contents, template.level1)
        if not self._insert(at, values, tr("按模板添加指标")):
            return False
        self._select(at, "name")
        return True

    def remove_indicator(self) -> bool:
        current = self.current_row()
        ids = projects.indicator_ids(self.session.dataset, self.project or "")
        if current is None or current >= len(ids):
            self.session.refused.emit(tr("请先选中要删除的指标"))
            return False
        fields = project_rows.indicator_fields(self.session.dataset)
        content = project_rows.row_content(self.session.dataset, ids[current], fields)
        if project_rows.has_figures(content) and not confirm_removal(self, tr("该指标")):
            return False
        if not self.session.remove_row(FORM, ids[current]):
            return False
        self._select(min(current, len(ids) - 2), "level1")
        return True

    def move_indicator(self, delta: int) -> bool:
        current = self.current_row()
        if current is None or not self.project:
            return False
        dataset, project = self.session.dataset, self.project
        if not 0 <= current + delta < len(projects.indicator_ids(dataset, project)):
            self.session.refused.emit(tr("已经是第一个（最后一个）指标"))
            return False
        column = self.view.currentIndex().column()
        label = tr("调整指标顺序")
        if not self.session.run(lambda: project_rows.move_indicator(dataset, project, current, delta, label)):
            return False
        self.view.go(self.model.index(current + delta, column))
        return True

    def accept_suggestion(self) -> bool:
        current = self.current_row()
        cells = self.model.layout.row_cells(current) if current is not None else []
        cell = next((c for c in cells if c.endswith(".score")), None)
        found = self.suggestions.get(cell or "")
        if cell is None or found is None:
            self.session.refused.emit(
                tr("当前指标没有建议分（年度指标值与实际完成值需有可比较的数字，并填写分值）")
            )
            return False
        return self.session.edit({cell: to_text(found.score)}, label=tr("采用建议分"))

    def select_cells(self, cells: list[str]) -> bool:
        return self.view.select_cells(cells)

    def index_of(self, cell: str) -> QModelIndex:
        where = self.model.layout.find(cell)
        return self.model.index(*where) if where else QModelIndex()
