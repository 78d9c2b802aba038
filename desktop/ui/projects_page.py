"""项目绩效自评 (P01): the list of projects, the chosen project's fields and its indicators."""

from __future__ import annotations

from desktop.models import projects
from desktop.models.dataset import EditResult
from desktop.ui.grid_layout import GridLayout
from desktop.ui.grid_model import GridModel
from desktop.ui.grid_view import GridView
from desktop.ui.project_layouts import indicator_grid, project_fields
from desktop.ui.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.step_page import StepPage
from desktop.ui.text import tr

PROJECT_ROLE = Qt.ItemDataRole.UserRole + 1


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class ProjectsPage(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form = session.form(projects.FORM)
        self.project: str | None = None
        self.list = QListWidget()
        self.fields = GridModel(session, self._fields_layout, self)
        self.indicators = GridModel(session, self._indicators_layout, self)
        self.fields_view = GridView(self.fields)
        self.fields_view.horizontalHeader().setStretchLastSection(True)
        self.indicators_view = GridView(self.indicators)
        self._build()
        self.list.currentItemChanged.connect(self._on_project)
        session.changed.connect(self._on_changed)
        self.refresh_list()

    def _build(self) -> None:
        add, remove = QPushButton(tr("添加项目")), QPushButton(tr("删除项目"))
        add_ind, remove_ind = QPushButton(tr("添加指标")), QPushButton(tr("删除指标"))
        add.clicked.connect(self.add_project)
        remove.clicked.connect(self.remove_project)
        add_ind.clicked.connect(self.add_indicator)
        remove_ind.clicked.connect(self.remove_indicator)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(tr("项目支出绩效自评表（每个项目一张）")))
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(_buttons(add, remove))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.fields_view, 3)
        right_layout.addWidget(QLabel(tr("绩效指标")))
        right_layout.addWidget(self.indicators_view, 2)
        right_layout.addLayout(_buttons(add_ind, remove_ind))
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([260, 700])
        QVBoxLayout(self).addWidget(splitter)

    # --- layouts --------------------------------------------------------------------------

    def _fields_layout(self, session: Session) -> GridLayout:
        return project_fields(self.form, self.project)

    def _indicators_layout(self, session: Session) -> GridLayout:
        rows = projects.indicator_ids(session.dataset, self.project) if self.project else []
        return indicator_grid(self.form, rows)

    # --- list -----------------------------------------------------------------------------

    def refresh_list(self) -> None:
        dataset = self.session.dataset
        self.list.blockSignals(True)
        self.list.clear()
        for pid in projects.project_ids(dataset):
            item = QListWidgetItem(self._name(pid))
            item.setData(PROJECT_ROLE, pid)
            self.list.addItem(item)
        ids = projects.project_ids(dataset)
        if self.project not in ids:
            self.project = ids[0] if ids else None
        if self.project:
            self.list.setCurrentRow(ids.index(self.project))
        self.list.blockSignals(False)
        self._rebuild_grids()

    def _rebuild_grids(self) -> None:
        self.fields.rebuild()
        self.indicators.rebuild()

    def _on_project(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        self.project = str(item.data(PROJECT_ROLE)) if item is not None else None
        self._rebuild_grids()

    def _on_changed(self, result: EditResult) -> None:
        # Projects added or removed: rebuild. Otherwise only names may have changed, and the
        # grids refresh themselves without losing the cell being typed into.
        if result.structure:
            self.refresh_list()
        else:
            self._show_names()

    def _show_names(self) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setText(self._name(str(item.data(PROJECT_ROLE))))

    def _name(self, pid: str) -> str:
        name = self.session.dataset.get(f"{self.form.id}.{pid}.name")
        return str(name or tr("（未命名项目）"))

    # --- actions --------------------------------------------------------------------------

    def add_project(self) -> None:
        dataset = self.session.dataset
        pid = projects.next_project_id(dataset)
        if self.session.run(lambda: projects.add_project(dataset, tr("新项目"))):
            self.project = pid
            self.refresh_list()
            self.fields_view.select_cells([f"{self.form.id}.{pid}.name"])

    def remove_project(self) -> None:
        if self.project:
            self.session.remove_row(self.form.id, self.project)

    def add_indicator(self) -> None:
        if self.project:
            project = self.project
            self.session.run(lambda: projects.add_indicator(self.session.dataset, project))

    def remove_indicator(self) -> None:
        index = self.indicators_view.currentIndex()
        cell = self.indicators.slot(index).cell if index.isValid() else None
        if cell:
            self.session.remove_row(self.form.id, cell.split(".")[1] + "." + cell.split(".")[2])

    # --- StepPage -------------------------------------------------------------------------

    def show_cells(self, cells: list[str]) -> bool:
        project = next((c.split(".")[1] for c in cells if c.startswith(self.form.id + ".")), None)
        if project and project in projects.project_ids(self.session.dataset):
            self.project = project
            self.refresh_list()
        shown = self.fields_view.select_cells(cells)
        return self.indicators_view.select_cells(cells) or shown

    def current_cell(self) -> str | None:
        index = self.fields_view.currentIndex()
        return self.fields.slot(index).cell if index.isValid() else None

    def focus_main(self) -> None:
        self.fields_view.setFocus()
