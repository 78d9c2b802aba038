"""The main window: the start page or the open dataset, menus, toolbar and status bar.

Every edit is committed by the Dataset the moment it is accepted, so there is no save action
and closing never asks; the window only remembers where the clerk was. The first window shows
the start page: the dataset, its rules and the workspace's pages load when a file is opened.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.ui.menus import add_menus
from desktop.ui.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QFileDialog,
    QKeySequence,
    QLabel,
    QLayout,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)
from desktop.ui.settings import AppSettings
from desktop.ui.start_page import StartPage
from desktop.ui.text import tr
from desktop.ui.window_fit import available_area, first_geometry, fit_into

if TYPE_CHECKING:
    from desktop.models.change_log import Step
    from desktop.models.dataset import Dataset
    from desktop.ui.import_wizard import ImportWizard
    from desktop.ui.new_wizard import NewWizard
    from desktop.ui.session import Session
    from desktop.ui.workspace import Workspace

ErrorSink = Callable[[str, str], None]
Question = Callable[[str, str], bool]


def stderr_sink(title: str, message: str) -> None:
    print(f"{title}：{message}", file=sys.stderr)


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.session: Session | None = None
        self.workspace: Workspace | None = None
        self.unit_switcher_action: QAction | None = None  # the unit switcher in the toolbar
        self.error_sink: ErrorSink = self._message_box
        self.ask: Question = self._question  # tests answer for the clerk
        self.start = StartPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        # The window's minimum size is left to the user: a layout-imposed one is pushed to the
        # platform window, which the offscreen platform (screenshots, tests) warns about.
        layout = self.layout()
        if layout is not None:
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._make_actions()
        self._connect_start()
        self.show_start()
        self.place_on_screen()

    # --- actions -------------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], object], keys: str | QKeySequence.StandardKey = ""
    ) -> QAction:
        action = QAction(tr(text), self)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.new_action = self._action("新建…", self.new_dataset, QKeySequence.StandardKey.New)
        self.open_action = self._action("打开…", self.choose_file, QKeySequence.StandardKey.Open)
        self.demo_action = self._action("打开示例数据", self.open_demo)
        self.close_action = self._action("关闭数据文件", self.close_dataset, "Ctrl+W")
        self.import_prior_action = self._action("导入上年数据…", lambda: self.import_data(prior=True))
        self.import_current_action = self._action("导入本年数据…", lambda: self.import_data(prior=False))
        self.export_action = self._action("导出…", lambda: self._go_to("export"), "Ctrl+E")
        self.consolidate_action = self._action("汇总报送包…", self.consolidate)
        self.undo_action = self._action("撤销", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("重做", self.redo, "Ctrl+Y")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.log_action = self._action("修改记录…", self.show_change_log, "Ctrl+H")
        self.yuan_action = self._action("以元显示", self.toggle_amount_scale)
        self.yuan_action.setCheckable(True)
        self.prior_action = self._action("显示上年数和增减", self.toggle_prior, "Ctrl+L")
        self.prior_action.setCheckable(True)
        self.findings_action = self._action("显示审核结果", self.toggle_findings, "F8")
        self.findings_action.setCheckable(True)
        self.findings_action.setChecked(self.settings.flag("findings_visible", True))
        self.next_action = self._action("下一步", lambda: self._step(1), "Ctrl+PgDown")
        self.previous_action = self._action("上一步", lambda: self._step(-1), "Ctrl+PgUp")
        self.quit_action = self._action("退出", self.close, QKeySequence.StandardKey.Quit)
        self.recent_menu, self.toolbar = add_menus(self)

    def _connect_start(self) -> None:
        self.start.new_requested.connect(self.new_dataset)
        self.start.open_requested.connect(self.choose_file)
        self.start.demo_requested.connect(self.open_demo)
        self.start.recent_chosen.connect(lambda path: self.open_path(Path(path)))

    def _update_actions(self) -> None:
        dataset = self.session.dataset if self.session else None
        writable = bool(dataset and not dataset.read_only)
        self.undo_action.setEnabled(writable and bool(dataset and dataset.can_undo()))
        self.redo_action.setEnabled(writable and bool(dataset and dataset.can_redo()))
        self.import_prior_action.setEnabled(writable)
        self.import_current_action.setEnabled(writable)
        for action in (
            self.close_action,
            self.export_action,
            self.log_action,
            self.yuan_action,
            self.prior_action,
            self.findings_action,
            self.next_action,
            self.previous_action,
        ):
            action.setEnabled(dataset is not None)
        self.recent_menu.clear()
        for text in self.settings.recent_files():
            action = self.recent_menu.addAction(text)
            action.triggered.connect(self._opener(Path(text)))

    def _opener(self, path: Path) -> Callable[[], bool]:
        return lambda: self.open_path(path)

    # --- start page ----------------------------------------------------------------------

    def show_start(self) -> None:
        self.start.set_recent(self.settings.recent_files())
        self.stack.setCurrentWidget(self.start)
        self.saved_label.clear()
        self.statusBar().clearMessage()  # what was said about the closed file
        self.setWindowTitle(tr("决算填报助手"))
        self._update_actions()

    def new_dataset(self) -> None:
        wizard = self.new_wizard()
        if wizard.exec():
            self.create_from(wizard)

    def new_wizard(self) -> NewWizard:
        """The 新建 wizard, suggesting the folder of the last file created."""
        from desktop.ui.new_wizard import NewWizard

        wizard = NewWizard(self)
        if folder := self.settings.folder("new"):
            wizard.department.folder = Path(folder)
        return wizard

    def create_from(self, wizard: NewWizard) -> bool:
        from desktop.models.store import StoreError

        try:
            dataset = wizard.create_dataset()
        except StoreError as exc:
            self.error_sink(tr("无法新建"), str(exc))
            return False
        self.settings.save_folder("new", dataset.path.parent)
        self.open_dataset(dataset)
        return True

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("打开数据文件"), "", tr("决算数据 (*.jsd)"))
        if path:
            self.open_path(Path(path))

    def consolidate(self) -> None:
        from desktop.ui.consolidation_dialog import run_dialog  # loads openpyxl: on first use

        run_dialog(self, self.open_path)

    def open_demo(self) -> bool:
        from desktop.actions.demo import create_demo

        if self.session and self.session.dataset.path.name == "demo.jsd":
            self.close_dataset()  # the demo copy is rebuilt: its file must not be open
        return self.open_path(create_demo())

    # --- opening and closing ---------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        from desktop.models.dataset import Dataset  # with the rule engine: on the first file
        from desktop.models.store import FileInUseError, StoreError

        try:
            dataset = Dataset.open(path)
        except FileInUseError as exc:
            self.error_sink(tr("文件正在使用"), str(exc))
            return False
        except StoreError as exc:
            self.error_sink(tr("无法打开"), str(exc))
            return False
        self.open_dataset(dataset)
        return True

    def open_dataset(self, dataset: Dataset) -> None:
        from desktop.ui import unit_switcher
        from desktop.ui.session import Session
        from desktop.ui.workspace import Workspace  # and its pages: on the first file

        self.close_dataset()
        self.session = Session(dataset, self)
        self.workspace = Workspace(self.session, self.settings)
        self.findings_action.setChecked(self.workspace.findings_visible())
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.session.refused.connect(self._refused)
        self.session.saved.connect(self._saved)
        self.session.changed.connect(self._on_changed)
        self.unit_switcher_action = unit_switcher.install(self.toolbar, self.session)
        self.saved_label.setText(
            tr("只读：文件不可写入，编辑已停用") if dataset.read_only else tr("所有修改均已保存")
        )
        self.settings.add_recent(dataset.path)
        self._show_title()
        self.restore_position()
        self._update_actions()

    def _show_title(self) -> None:
        if self.session is not None:
            dataset = self.session.dataset
            dept = dataset.department
            title = tr("{name} {year} 年度（{edition}）— 决算填报助手 [{file}]").format(
                name=dept.name, year=dept.year, edition=dataset.edition.name, file=dataset.path.name
            )
            self.setWindowTitle(title + (tr("（只读）") if dataset.read_only else ""))

    def restore_position(self) -> None:
        if self.session is None or self.workspace is None:
            return
        step, cell = self.settings.position(self.session.dataset.path)
        page = self.workspace.show_step(step or "F00")
        if not (cell and page.show_cells([cell])):
            page.focus_main()

    def place_on_screen(self) -> None:
        """Where the clerk left the window, inside today's screen; a first window fits the screen."""
        available = available_area(self)
        state = self.settings.state("window")
        if state is not None and self.restoreGeometry(state):
            fit_into(self, available)
        else:
            self.setGeometry(first_geometry(available))

    def remember_layout(self) -> None:
        self.settings.save_state("window", self.saveGeometry())
        if self.workspace is not None:
            self.workspace.remember_layout()
        self.settings.qsettings.sync()

    def toggle_findings(self) -> None:
        if self.workspace is not None:
            self.workspace.set_findings_visible(self.findings_action.isChecked())

    def remember_position(self) -> None:
        if self.session is None or self.workspace is None:
            return
        page = self.workspace.current_page()
        cell = page.current_cell() if page else None
        self.settings.save_position(self.session.dataset.path, self.workspace.step, cell)

    def close_dataset(self) -> None:
        if self.session is None or self.workspace is None:
            return
        from desktop.ui import unit_switcher

        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # an editor saves what is typed when it loses focus
        self.remember_position()
        self.remember_layout()
        self.stack.removeWidget(self.workspace)
        self.workspace.deleteLater()
        unit_switcher.remove(self.toolbar, self.unit_switcher_action)
        self.unit_switcher_action = None
        self.session.dataset.close()
        self.session.deleteLater()
        self.session, self.workspace = None, None
        self.show_start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_dataset()  # edits are already committed: nothing to ask
        self.remember_layout()
        super().closeEvent(event)

    # --- importing and exporting -----------------------------------------------------------

    def import_wizard(self, *, prior: bool) -> ImportWizard | None:
        # The import machinery (workbook reader, mapping) loads when first asked for.
        from desktop.ui.import_wizard import ImportWizard

        return ImportWizard(self.session, prior=prior, parent=self) if self.session else None

    def import_data(self, *, prior: bool) -> None:
        wizard = self.import_wizard(prior=prior)
        if wizard is not None:
            wizard.exec()
            wizard.deleteLater()

    def _go_to(self, step: str) -> None:
        if self.workspace:
            self.workspace.show_step(step).focus_main()

    # --- editing ------------------------------------------------------------------------

    def undo(self) -> None:
        from desktop.ui.undo_text import undo_question

        step = self.session.dataset.next_undo() if self.session else None
        if self.session is None or step is None:
            self.statusBar().showMessage(tr("没有可撤销的操作"), 4000)
            return
        if step.weighty and not self.ask(tr("撤销"), undo_question(step)):
            self.statusBar().showMessage(tr("未撤销"), 4000)
            return
        if self.session.undo():
            self._after_history(step, undone=True)

    def redo(self) -> None:
        step = self.session.dataset.next_redo() if self.session else None
        if self.session is None or step is None:
            self.statusBar().showMessage(tr("没有可重做的操作"), 4000)
            return
        if self.session.redo():
            self._after_history(step, undone=False)

    def _after_history(self, step: Step, *, undone: bool) -> None:
        """Say what was undone or redone, and show the cells it changed."""
        if self.session is None or self.workspace is None:
            return
        from desktop.ui.undo_text import describe

        verb = tr("已撤销") if undone else tr("已重做")
        self.statusBar().showMessage(f"{verb}：{describe(self.session, step, undone=undone)}", 10000)
        self.workspace.show_changed(list(step.cells))

    def show_change_log(self) -> None:
        if self.session is None or self.workspace is None:
            return
        from desktop.ui.change_log_dialog import ChangeLogDialog

        dialog = ChangeLogDialog(self.session, self)
        step = self.workspace.step or ""
        if step in self.session.dataset.catalogue.forms:
            dialog.set_form(step)
        dialog.resize(min(1100, self.width()), min(640, self.height()))
        dialog.exec()
        dialog.deleteLater()

    def toggle_amount_scale(self) -> None:
        if self.session:
            self.session.set_amount_scale("元" if self.yuan_action.isChecked() else "万元")

    def toggle_prior(self) -> None:
        if self.session:
            self.session.set_show_prior(self.prior_action.isChecked())

    def _step(self, delta: int) -> None:
        if self.workspace:
            self.workspace.navigator.step_by(delta)
            page = self.workspace.current_page()
            if page:
                page.focus_main()

    def _saved(self, time: str) -> None:
        self.saved_label.setText(tr("已保存 {time}").format(time=time))

    def _on_changed(self, _result: object) -> None:
        self._update_actions()

    def _refused(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def _message_box(self, title: str, message: str) -> None:
        QMessageBox.critical(self, title, message)

    def _question(self, title: str, message: str) -> bool:
        answer = QMessageBox.question(self, title, message)
        return answer == QMessageBox.StandardButton.Yes
