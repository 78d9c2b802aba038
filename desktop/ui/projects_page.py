"""项目绩效自评 (P01): the list of projects and the chosen project's 项目支出绩效自评表.

Keys: Insert adds an indicator, Ctrl+T opens the indicator templates, Ctrl+Delete removes an
indicator, Alt+↑/↓ moves it, Ctrl+J takes the suggested score, Ctrl+Shift+N adds a project.
Moves are one undo step (desktop.actions.project_rows).
"""

from __future__ import annotations

from pathlib import Path

from desktop.actions import project_rows
from desktop.io.workbook.errors import WorkbookError
from desktop.io.workbook.projects import import_projects
from desktop.models import projects
from desktop.ui.perf_indicators import confirm_removal
from desktop.ui.perf_project_form import ProjectForm
from desktop.ui.qt import (
    QFileDialog,
    QGridLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.step_page import StepPage
from desktop.ui.text import tr

PROJECT_ROLE = Qt.ItemDataRole.UserRole + 1


class ProjectsPage(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form = session.form(projects.FORM)
        self.project: str | None = None
        self.list = QListWidget()
        self.editor = ProjectForm(session)
        # The grids, as tests and the window reach them.
        self.fields, self.fields_view = self.editor.fields, self.editor.fields_view
        self.indicators, self.indicators_view = self.editor.table.model, self.editor.table.view
        self._build()
        self._shortcuts()
        self.list.currentItemChanged.connect(self._on_project)
        session.changed.connect(self._on_changed)
        self.refresh_list()

    def _build(self) -> None:
        buttons = QGridLayout()
        actions = (
            ("添加项目", self.add_project, "Ctrl+Shift+N"),
            ("删除项目", self.remove_project, ""),
            ("上移", lambda: self.move_project(-1), ""),
            ("下移", lambda: self.move_project(1), ""),
            ("导入项目清单…", self.choose_import, "Excel"),
        )
        for k, (text, slot, keys) in enumerate(actions):
            button = QPushButton(tr(text))
            button.setToolTip(f"{tr(text)} ({keys})" if keys else tr(text))
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button, k // 2, k % 2, 1, 2 if k == len(actions) - 1 else 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(tr("项目支出绩效自评表（每个项目一张）"))
        title.setWordWrap(True)
        left_layout.addWidget(title)
        self.list.setWordWrap(True)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(splitter)

    def _shortcuts(self) -> None:
        table = self.editor.table
        keys = (
            (QKeySequence(Qt.Key.Key_Insert), table.add_indicator),
            (QKeySequence("Ctrl+Delete"), table.remove_indicator),
            (QKeySequence("Alt+Up"), lambda: table.move_indicator(-1)),
            (QKeySequence("Alt+Down"), lambda: table.move_indicator(1)),
            (QKeySequence("Ctrl+J"), table.accept_suggestion),
            (QKeySequence("Ctrl+Shift+N"), self.add_project),
            (QKeySequence("Ctrl+T"), self.editor.template_button.showMenu),
        )
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for sequence, slot in keys:
            QShortcut(sequence, self, slot, context)

    # --- list -----------------------------------------------------------------------------

    def refresh_list(self) -> None:
        ids = projects.project_ids(self.session.dataset)
        self.list.blockSignals(True)
        self.list.clear()
        for pid in ids:
            item = QListWidgetItem(self._name(pid))
            item.setData(PROJECT_ROLE, pid)
            self.list.addItem(item)
        if self.project not in ids:
            self.project = ids[0] if ids else None
        if self.project:
            self.list.setCurrentRow(ids.index(self.project))
        self.list.blockSignals(False)
        self.editor.set_project(self.project)

    def _on_project(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        self.project = str(item.data(PROJECT_ROLE)) if item is not None else None
        self.editor.set_project(self.project)

    def _on_changed(self, result: object) -> None:
        # Projects added or removed: rebuild the list. Otherwise only names may have changed,
        # and the grids refresh themselves without losing the cell being typed into.
        ids = projects.project_ids(self.session.dataset)
        if [self.list.item(i).data(PROJECT_ROLE) for i in range(self.list.count())] != ids:
            self.refresh_list()
            return
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setText(self._name(str(item.data(PROJECT_ROLE))))

    def _name(self, pid: str) -> str:
        name = self.session.dataset.get(f"{self.form.id}.{pid}.name")
        return str(name or tr("（未命名项目）"))

    # --- projects -------------------------------------------------------------------------

    def add_project(self) -> bool:
        dataset = self.session.dataset
        self.editor.save_texts()
        pid = projects.next_project_id(dataset)
        unit = dataset.units[0].id if dataset.units else ""
        if not self.session.run(lambda: projects.add_project(dataset, tr("新项目"), unit)):
            return False
        self.project = pid
        self.refresh_list()
        self.editor.name.setFocus()
        self.editor.name.selectAll()
        return True

    def remove_project(self) -> bool:
        pid = self.project
        if pid is None:
            return False
        fields = project_rows.project_fields(self.session.dataset)
        content = project_rows.row_content(self.session.dataset, pid, fields)
        filled = project_rows.has_figures(content, ("name", "unit"))
        filled = filled or bool(projects.indicator_ids(self.session.dataset, pid))
        if filled and not confirm_removal(self, tr("项目“{name}”").format(name=self._name(pid))):
            return False
        return self.session.remove_row(self.form.id, pid)

    def move_project(self, delta: int) -> bool:
        ids = projects.project_ids(self.session.dataset)
        if self.project not in ids:
            return False
        here = ids.index(self.project)
        if not 0 <= here + delta < len(ids):
            self.session.refused.emit(tr("已经是第一个（最后一个）项目"))
            return False
        self.editor.save_texts()
        other = ids[here + delta]
        dataset = self.session.dataset
        first, label = self.project, tr("调整项目顺序")
        if not self.session.run(lambda: project_rows.swap_projects(dataset, first, other, label)):
            return False
        self.project = other  # the contents moved there
        self.refresh_list()
        return True

    def add_indicator(self) -> bool:
        return self.editor.table.add_indicator()

    def remove_indicator(self) -> bool:
        return self.editor.table.remove_indicator()

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("导入项目清单"), "", tr("Excel 工作簿 (*.xlsx *.xls)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        dataset = self.session.dataset
        try:
            return self.session.run(lambda: import_projects(dataset, path) or None)
        except (WorkbookError, OSError) as exc:
            self.session.refused.emit(str(exc))
            return False

    # --- StepPage -------------------------------------------------------------------------

    def show_cells(self, cells: list[str]) -> bool:
        prefix = self.form.id + "."
        project = next((c.split(".")[1] for c in cells if c.startswith(prefix)), None)
        if project and project in projects.project_ids(self.session.dataset) and project != self.project:
            self.project = project
            self.refresh_list()
        self.highlight(set(cells))
        return self.editor.show_cells(cells)

    def highlight(self, cells: set[str]) -> None:
        self.editor.highlight(cells)

    def current_cell(self) -> str | None:
        view = self.indicators_view if self.indicators_view.hasFocus() else self.fields_view
        index = view.currentIndex()
        return view.grid().slot(index).cell if index.isValid() else None

    def focus_main(self) -> None:
        if self.project is None:
            self.list.setFocus()
            return
        view = self.fields_view
        if not view.currentIndex().isValid():
            view.go(view.first_editable())
        view.setFocus()
