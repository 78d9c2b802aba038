"""The main window's menus and toolbar, made from the actions it owns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.qt import QMenu, QToolBar
from desktop.ui.text import tr

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def add_menus(window: MainWindow) -> tuple[QMenu, QToolBar]:
    """文件, 编辑, 视图 and the toolbar; returns the 最近打开 menu (filled as files are opened)
    and the toolbar."""
    menus = window.menuBar()
    file_menu = menus.addMenu(tr("文件"))
    file_menu.addActions([window.new_action, window.open_action, window.demo_action, window.close_action])
    recent_menu = file_menu.addMenu(tr("最近打开"))
    file_menu.addSeparator()
    file_menu.addActions([window.import_prior_action, window.import_current_action, window.export_action])
    file_menu.addAction(window.consolidate_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = menus.addMenu(tr("编辑"))
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addAction(window.log_action)
    view_menu = menus.addMenu(tr("视图"))
    view_menu.addActions([window.yuan_action, window.prior_action, window.findings_action])
    view_menu.addSeparator()
    view_menu.addActions([window.previous_action, window.next_action])
    toolbar = QToolBar(tr("工具栏"))
    toolbar.setMovable(False)
    toolbar.addActions([window.undo_action, window.redo_action])
    toolbar.addSeparator()
    toolbar.addActions([window.yuan_action, window.prior_action])
    toolbar.addSeparator()
    toolbar.addActions([window.previous_action, window.next_action])
    window.addToolBar(toolbar)
    return recent_menu, toolbar
