"""The window as a whole: opening, warnings, remembering, start page, wizard, locks, screenshots."""

from __future__ import annotations

from pathlib import Path

from desktop.app import run
from desktop.models.dataset import Dataset
from desktop.ui.new_wizard import NewWizard
from desktop.ui.pages import steps
from desktop.ui.qt import QApplication, QtMsgType, qInstallMessageHandler
from tests.ui.conftest import Errors, make_window
from tests.ui.helpers import page


def test_opening_the_demo_and_visiting_every_step_emits_no_qt_warnings(qtbot, demo_path: Path) -> None:
    messages: list[str] = []

    def record(kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            messages.append(message)

    previous = qInstallMessageHandler(record)
    try:
        window = make_window(qtbot, demo_path, Errors())
        qtbot.waitExposed(window)
        for step in steps(window.session):
            page(window, step)
            qtbot.wait(1)
        window.prior_action.trigger()
        window.yuan_action.trigger()
        qtbot.wait(1)
    finally:
        qInstallMessageHandler(previous)
    assert messages == []


def test_closing_never_asks_and_reopening_restores_the_position(qtbot, demo_path: Path) -> None:
    first = make_window(qtbot, demo_path, Errors())
    g05 = page(first, "G05")
    g05.view.select_cells(["G05.2080505.basic"])
    first.close()
    assert first.session is None  # closed without a question; every edit was already saved
    again = make_window(qtbot, demo_path, Errors())
    assert again.workspace.step == "G05"
    assert again.workspace.current_page().current_cell() == "G05.2080505.basic"
    assert str(demo_path.resolve()) in again.settings.recent_files()


def test_a_file_open_elsewhere_is_refused_with_a_chinese_message(qtbot, demo_path: Path) -> None:
    errors = Errors()
    window = make_window(qtbot, None, errors)
    with Dataset.open(demo_path):
        assert not window.open_path(demo_path)
    assert window.workspace is None
    assert errors and errors[0][0] == "文件正在使用" and "已在另一个窗口" in errors[0][1]
    assert window.open_path(demo_path)  # the file was not harmed


def test_a_bad_file_is_shown_as_an_error(qtbot, tmp_path: Path) -> None:
    errors = Errors()
    window = make_window(qtbot, None, errors)
    bad = tmp_path / "bad.jsd"
    bad.write_text("not a database", encoding="utf-8")
    assert not window.open_path(bad)
    assert errors[0][0] == "无法打开"


def test_start_page_lists_recent_files(qtbot, demo_path: Path) -> None:
    window = make_window(qtbot, demo_path, Errors())
    window.close_dataset()
    assert window.stack.currentWidget() is window.start
    assert demo_path.name in window.start.recent.item(0).text()


def test_the_wizard_creates_a_dataset_with_its_units(qtbot, tmp_path: Path) -> None:
    wizard = NewWizard()
    qtbot.addWidget(wizard)
    wizard.restart()  # what showing it does
    department = wizard.department
    department.name.setText("某区财政局")
    department.code.setText("101001")
    department.year.setValue(2021)
    department.file.setText(str(tmp_path / "new.jsd"))
    wizard.next()
    units = wizard.units.editor
    assert units.units()[0].name == "某区财政局"
    units.add_unit("某区国库支付中心", "参照公务员法管理事业单位")
    with wizard.create_dataset() as dataset:
        assert dataset.department.year == 2021 and dataset.department.code == "101001"
        assert [(u.name, u.kind) for u in dataset.units] == [
            ("某区财政局", "行政单位"),
            ("某区国库支付中心", "参照公务员法管理事业单位"),
        ]


def test_the_wizard_offers_the_editions_and_follows_the_year(qtbot, tmp_path: Path) -> None:
    wizard = NewWizard()
    qtbot.addWidget(wizard)
    wizard.restart()
    page_ = wizard.department
    offered = [page_.edition.itemData(i) for i in range(page_.edition.count())]
    assert offered == ["sichuan-2020", "shanghai-2024"]
    page_.year.setValue(2024)
    assert page_.chosen_edition() == "shanghai-2024"  # the newest edition of the year
    page_.year.setValue(2021)
    assert page_.chosen_edition() == "sichuan-2020"
    page_.edition.setCurrentIndex(1)
    page_.edition.activated.emit(1)  # the clerk's own choice stays when the year changes
    page_.year.setValue(2022)
    assert page_.chosen_edition() == "shanghai-2024"
    page_.name.setText("上海某局")
    page_.file.setText(str(tmp_path / "sh.jsd"))
    wizard.next()
    with wizard.create_dataset() as dataset:
        assert dataset.edition.id == "shanghai-2024" and dataset.department.year == 2022


def test_the_window_title_shows_the_edition(qtbot, demo_path: Path, tmp_path: Path) -> None:
    window = make_window(qtbot, demo_path, Errors())
    assert "四川 2020 年版" in window.windowTitle()
    with Dataset.create(tmp_path / "sh.jsd", "上海某局", 2024, edition="shanghai-2024"):
        pass
    assert window.open_path(tmp_path / "sh.jsd")
    assert "上海 2024 年版" in window.windowTitle() and "上海某局 2024 年度" in window.windowTitle()
    assert window.workspace.navigator.steps()[-2:] == ["narrative", "export"]


def test_run_renders_a_screenshot_and_returns(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    assert run(demo_path, screenshot=str(target), form="G07") == 0
    assert target.stat().st_size > 10_000


def test_run_reports_a_missing_file(tmp_path: Path) -> None:
    assert run(tmp_path / "missing.jsd", screenshot=str(tmp_path / "x.png")) == 2


def test_f6_moves_the_keyboard_between_steps_page_and_findings(qtbot, demo_path: Path) -> None:
    window = make_window(qtbot, demo_path, Errors())
    workspace = window.workspace
    with qtbot.waitActive(window):  # focus only moves inside the active window
        window.activateWindow()
    workspace.navigator.setFocus()
    workspace.cycle_focus()
    assert workspace.current_page().isAncestorOf(QApplication.focusWidget())
    workspace.cycle_focus()
    assert QApplication.focusWidget() is workspace.findings.tree
    workspace.cycle_focus()
    assert QApplication.focusWidget() is workspace.navigator
