"""The details a clerk notices: template hints are grey placeholders, not data; Qt's own texts
are Chinese; years and codes are not amounts; findings wrap, sort by form and row and name
their form once; a fixed problem loses its highlight; ✓ means figures and nothing to fix; 新建
and 导出 remember their folders."""

from __future__ import annotations

from pathlib import Path

from desktop.forms.names import cell_label
from desktop.models.dataset import Dataset
from desktop.perf.templates import TEMPLATES
from desktop.rules.finding import Finding
from desktop.ui.findings_panel import FINDING_ROLE
from desktop.ui.main_window import MainWindow
from desktop.ui.navigator import BADGE_ROLE
from desktop.ui.perf_indicators import HINT_FOREGROUND
from desktop.ui.qt import (
    QCoreApplication,
    QDialogButtonBox,
    QFileDialog,
    QStyleOptionViewItem,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
)
from desktop.ui.settings import AppSettings
from desktop.ui.wrap_delegate import WrapDelegate
from tests.ui.conftest import Errors, make_window
from tests.ui.helpers import index_of, open_editor, page, shown, tree_items


def test_a_template_fills_the_levels_and_shows_hints_that_are_not_data(qtbot, window: MainWindow) -> None:
    p01 = page(window, "P01")
    table = p01.editor.table
    assert table.add_template(TEMPLATES[0])  # 产出指标 · 数量指标
    dataset = window.session.dataset
    name, expected = "P01.p1.i5.name", "P01.p1.i5.expected"
    assert dataset.get(name) is None and dataset.get(expected) is None  # nothing stored, nothing printed
    model = table.model
    assert model.data(index_of(model, name), Qt.ItemDataRole.DisplayRole) == TEMPLATES[0].name
    assert model.data(index_of(model, expected), Qt.ItemDataRole.DisplayRole) == "如：召开培训2期"
    assert model.data(index_of(model, name), Qt.ItemDataRole.ForegroundRole).color() == HINT_FOREGROUND
    assert model.data(index_of(model, name), Qt.ItemDataRole.EditRole) == ""  # the editor starts empty
    window.session.edit({name: "培训期数"})
    assert model.data(index_of(model, name), Qt.ItemDataRole.DisplayRole) == "培训期数"
    assert model.data(index_of(model, name), Qt.ItemDataRole.ForegroundRole) != HINT_FOREGROUND


def test_qts_own_buttons_and_file_dialog_speak_chinese(window: MainWindow) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "取消"])
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    dialog = QFileDialog(window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.labelText(QFileDialog.DialogLabel.Accept) in ("打开(&O)", "打开")


def test_years_codes_and_phones_are_not_formatted_as_amounts(qtbot, window: MainWindow) -> None:
    cover = page(window, "F00")
    window.session.edit(
        {"F00.phone.value": "0812-3331234", "F00.staff_actual_admin.value": "1200"}, label="封面"
    )
    assert shown(cover.model, "F00.year.value") == "2020"
    assert shown(cover.model, "F00.phone.value") == "0812-3331234"
    assert shown(cover.model, "F00.staff_actual_admin.value") == "1200"
    editor = open_editor(cover, "F00.year.value")
    assert editor.text() == "2020"


def test_findings_wrap_sort_by_form_and_row_and_name_their_form_once(window: MainWindow) -> None:
    panel = window.workspace.findings
    panel.resize(260, 600)
    items = [i for i in tree_items(panel.tree) if isinstance(i.data(0, FINDING_ROLE), Finding)]
    forms = [i.data(0, FINDING_ROLE).form for i in items]
    order = list(window.session.dataset.catalogue.forms)
    info = [f for f, i in zip(forms, items, strict=True) if i.data(0, FINDING_ROLE).severity == "info"]
    assert info == sorted(info, key=order.index)  # 公开01表 … before 其他重要事项, not alphabetical
    g05 = [i.data(0, FINDING_ROLE).cells[0] for i in items if i.data(0, FINDING_ROLE).form == "G05"]
    assert g05 == sorted(g05)  # 2010602 before 2050201
    for item in items:
        finding = item.data(0, FINDING_ROLE)
        title = window.session.dataset.catalogue.form(finding.form).title
        assert item.toolTip(0) == finding.message and not item.text(0).startswith(title)
        assert item.parent().text(0).startswith(window.session.dataset.catalogue.form(finding.form).label)
    long = max(items, key=lambda i: len(i.text(0)))
    assert panel.tree.visualItemRect(long).height() > panel.tree.fontMetrics().height() * 1.8  # wrapped


def test_a_wrapped_line_is_as_tall_as_its_text_at_the_width_shown(qtbot) -> None:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    delegate = WrapDelegate(tree)
    tree.setItemDelegate(delegate)
    tree.addTopLevelItem(QTreeWidgetItem(["财政拨款收入支出决算总表 年末结转和结余 " * 6]))
    tree.show()
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    heights = []
    for width in (260, 1200, 260):  # heights are kept per text and width, never across widths
        tree.resize(width, 400)
        heights.append(delegate.sizeHint(option, tree.model().index(0, 0)).height())
    assert heights[0] == heights[2] > heights[1]


def test_a_fixed_problem_loses_its_highlight(qtbot, window: MainWindow) -> None:
    panel = window.workspace.findings
    item = next(
        i for i in tree_items(panel.tree)
        if isinstance(f := i.data(0, FINDING_ROLE), Finding) and f.rule == "X01.admin_cost_vs_public"
    )  # fmt: skip
    panel.select(item.data(0, FINDING_ROLE))
    x01 = window.workspace.current_page()
    assert "X01.admin_cost.value" in x01.model.highlight
    window.session.edit({"X01.admin_cost.value": "50"})  # within 公用经费: the finding goes
    assert x01.model.highlight == set() and page(window, "G06").model.highlight == set()


def test_the_tick_means_figures_and_nothing_to_fix(qtbot, tmp_path: Path, errors: Errors) -> None:
    path = tmp_path / "tick.jsd"
    Dataset.create(path, "测试单位", 2020).close()
    window = make_window(qtbot, path, errors)
    navigator = window.workspace.navigator

    def badge(step: str) -> tuple[str, str] | tuple[()]:
        return navigator.item(navigator.steps().index(step)).data(BADGE_ROLE)

    assert badge("F00") == ()  # only the name and year the new file started with
    window.session.edit({"F00.head.value": "张三"})
    assert badge("F00")[0] == "✓"
    window.session.edit({"G06.30101.amount": "10"})  # 06 filled, but 05's 基本支出 disagrees with it
    assert {f.form for f in window.session.findings if f.severity == "error"} >= {"G05"}
    assert badge("G06") == ()  # counted on 05 (its first cell), yet no ✓ on 06 while it is open
    assert badge("G05")[0] != "✓"


def test_new_and_export_remember_their_folders(qtbot, window: MainWindow, tmp_path: Path) -> None:
    made = tmp_path / "made"
    wizard = window.new_wizard()
    qtbot.addWidget(wizard)
    wizard.department.name.setText("新单位")
    wizard.department.file.setText(str(made / "新单位-2021.jsd"))
    assert window.create_from(wizard)
    assert AppSettings().folder("new") == str(made)
    again = window.new_wizard()
    qtbot.addWidget(again)
    again.department.name.setText("另一单位")
    assert Path(again.department.file.text()).parent == made
    export = page(window, "export")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.pdf").write_bytes(b"%PDF-")
    export.folder.setText(str(out))
    export._done([out / "a.pdf"])
    assert AppSettings().folder("export") == str(out)
    window.close_dataset()
    window.open_path(made / "新单位-2021.jsd")
    assert page(window, "export").folder.text() == str(out)


def test_a_cell_label_names_the_form_and_row(window: MainWindow) -> None:
    label = cell_label(window.session.dataset.catalogue, window.session.dataset.naming, "G05.2010601.basic")
    assert label.startswith("一般公共预算财政拨款支出决算表 2010601")
