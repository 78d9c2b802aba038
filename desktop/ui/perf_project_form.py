"""One project's 项目支出绩效自评表 as a form: 项目名称 / 主管部门 / 实施单位, the 项目资金 block,
年度总体目标 预期 ‖ 实际 (and the 综述), then the indicator table with its tools."""

from __future__ import annotations

from desktop.models import projects
from desktop.perf.templates import TEMPLATES
from desktop.ui.grid_layout import GridLayout, Slot
from desktop.ui.perf_fields import CellChoice, CellLine, CellText, TextGroup
from desktop.ui.perf_grid import PASS, PerfGridModel, PerfGridView
from desktop.ui.perf_indicators import RIGHT, IndicatorTable
from desktop.ui.project_layouts import FIXED, funds_grid
from desktop.ui.qt import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QShowEvent,
    QSplitter,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.text import tr

FORM = projects.FORM
FUND_WIDTHS = (10, 6.5, 6.5, 6.5, 3, 5, 5)
GOALS = (
    ("goal_expected", "年度总体目标（预期）"),
    ("goal_actual", "实际完成情况"),
    ("summary", "绩效完成情况综述"),
)
WIDGET_FIELDS = ("name", "unit", "grade", *(f for f, _ in GOALS))
SHOWN_INDICATORS = 8  # rows the first split keeps in view, even on a 1366×768 laptop


def _fixed_right(slot: Slot, role: int) -> object:
    if slot.role == FIXED and role == Qt.ItemDataRole.TextAlignmentRole:
        return RIGHT
    return PASS


class ProjectForm(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form = session.form(FORM)
        self.project: str | None = None
        self.name = CellLine(session)
        self.department = QLabel()
        self.unit = CellChoice(session)
        self.fields = PerfGridModel(session, self._funds_layout, _fixed_right, parent=self)
        self.fields_view = PerfGridView(self.fields, FUND_WIDTHS)
        self.goal_boxes = [CellText(tr(title)) for _, title in GOALS]
        self.goals = TextGroup(session, self.goal_boxes, "修改绩效目标")
        self.table = IndicatorTable(session)
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        session.changed.connect(self._on_changed)

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        """The project's facts above, its indicators below, split so that a small screen (a
        1366×768 laptop) still shows eight indicator rows: the facts then scroll."""
        top = QWidget()
        layout = QVBoxLayout(top)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._header())
        layout.addWidget(self.fields_view)
        goals = QGridLayout()
        goals.setVerticalSpacing(2)
        for col, ((_, title), box) in enumerate(zip(GOALS, self.goal_boxes, strict=True)):
            box.setFixedHeight(self.fontMetrics().height() * 3 + 14)
            goals.addWidget(QLabel(tr(title)), 0, col)
            goals.addWidget(box, 1, col)
        layout.addLayout(goals)
        scroll = QScrollArea()
        scroll.setWidget(top)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bottom = QWidget()
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 4, 0, 0)
        lower.addLayout(self._tools())
        lower.addWidget(self.table, 1)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("projects.editor")
        self.facts = scroll
        self.split.addWidget(scroll)
        self.split.addWidget(bottom)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        self.tools_height = lower.sizeHint().height() - self.table.sizeHint().height()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.split)
        view = self.fields_view
        rows = view.verticalHeader().defaultSectionSize() * 4
        view.setFixedHeight(view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth())
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _header(self) -> QFormLayout:
        top = QFormLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addRow(tr("项目名称"), self.name)
        line = QHBoxLayout()
        line.addWidget(self.department, 1)
        line.addWidget(QLabel(tr("实施单位")))
        line.addWidget(self.unit, 1)
        top.addRow(tr("主管部门"), line)
        return top

    def _tools(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("绩效指标")))
        actions = (
            ("add", "添加指标", "Insert", self.table.add_indicator),
            ("remove", "删除指标", "Ctrl+Delete", self.table.remove_indicator),
            ("up", "上移", "Alt+↑", lambda: self.table.move_indicator(-1)),
            ("down", "下移", "Alt+↓", lambda: self.table.move_indicator(1)),
            ("accept", "采用建议分", "Ctrl+J", self.table.accept_suggestion),
        )
        for key, text, keys, slot in actions:
            button = QPushButton(tr(text))
            button.setToolTip(f"{tr(text)} ({keys})")
            button.clicked.connect(lambda _checked=False, s=slot: s())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the goals to the table
            self.buttons[key] = button
            row.addWidget(button)
            if key == "add":
                row.addWidget(self._template_button())
        row.addStretch(1)
        return row

    def _template_button(self) -> QToolButton:
        button = QToolButton()
        button.setText(tr("按模板添加指标"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for template in TEMPLATES:
            action = menu.addAction(f"{template.level1} · {template.level2}")
            action.triggered.connect(lambda _checked=False, t=template: self.table.add_template(t))
        button.setMenu(menu)
        button.setToolTip(tr("按模板添加指标 (Ctrl+T)"))
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 32)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.template_menu = menu
        self.template_button = button
        return button

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.split.property("restored"):  # the first time: eight indicators in view
            self.split.setProperty("restored", True)
            total = sum(self.split.sizes())
            wanted = self.tools_height + self.table.height_for(SHOWN_INDICATORS)
            top = min(self.facts.sizeHint().height(), max(total - wanted, total // 5))
            self.split.setSizes([top, total - top])

    # --- binding ------------------------------------------------------------------------

    def _funds_layout(self, _session: Session) -> GridLayout:
        return funds_grid(self.form, self.project)

    def _cell(self, field: str) -> str | None:
        return f"{FORM}.{self.project}.{field}" if self.project else None

    def set_project(self, pid: str | None) -> None:
        if pid != self.project:
            self.save_texts()
        self.project = pid
        self.name.bind(self._cell("name"))
        self.unit.bind(self._cell("unit"))
        self.goals.bind([self._cell(f) for f, _ in GOALS])
        self.fields.rebuild()
        self.table.set_project(pid)
        self._show_context()

    def save_texts(self) -> None:
        self.name.save()
        self.goals.save()

    def _show_context(self) -> None:
        dataset = self.session.dataset
        self.department.setText(dataset.department.name)
        self.unit.set_choices([(u.name, u.id) for u in dataset.units])

    def _on_changed(self, _result: object) -> None:
        self.name.load()
        self.goals.load()
        self._show_context()

    # --- finding a cell -------------------------------------------------------------------

    def widget_for(self, cell: str) -> QWidget | None:
        field = cell.rsplit(".", 1)[-1]
        if cell.count(".") != 2 or field not in WIDGET_FIELDS:
            return None
        boxes = {f: box for (f, _), box in zip(GOALS, self.goal_boxes, strict=True)}
        widgets: dict[str, QWidget] = {"name": self.name, "unit": self.unit, "grade": self.table.grade}
        return widgets.get(field) or boxes.get(field)

    def show_cells(self, cells: list[str]) -> bool:
        views = [v for v in (self.fields_view, self.table.view) if v.select_cells(cells)]
        widget = next((w for c in cells if (w := self.widget_for(c)) is not None), None)
        target = views[0] if views else widget
        if target is not None:
            target.setFocus()
        return target is not None

    def highlight(self, cells: set[str]) -> None:
        self.fields.set_highlight(cells)
        self.table.model.set_highlight(cells)
