"""The 整体绩效评价 page: the department types names and 分值 into its tree, adds, removes,
moves, 升级 / 降级 indicators (each one undo step), saves its tree as a template and loads one."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from desktop.forms.perf_tree import DEFAULT, shipped
from desktop.ui import tree_editor
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import Qt
from tests.ui.helpers import index_of, open_editor, page


def _type(qtbot, window: MainWindow, cell: str, text: str) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(page(window, "P02"), cell)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _names(window: MainWindow) -> list[str]:
    return [n.name for n in window.session.dataset.catalogue.form("P02").tree]


def test_names_and_leaf_weights_are_typed_in_the_grid(qtbot, window: MainWindow) -> None:
    p02 = page(window, "P02")
    _type(qtbot, window, "P02.A11.name", "本部门中长期规划")
    assert _names(window)[2] == "本部门中长期规划"
    assert (
        p02.model.data(index_of(p02.model, "P02.A11.name"), Qt.ItemDataRole.DisplayRole).strip()
        == "本部门中长期规划"
    )
    _type(qtbot, window, "P02.A11.weight", "3")
    dataset = window.session.dataset
    assert dataset.number("P02.A1.weight") == 13 and dataset.number("P02.total.weight") == 101
    assert "P02.weight_total" in {f.rule for f in window.session.findings}
    parent = index_of(p02.model, "P02.A1.weight")
    assert not p02.model.flags(parent) & Qt.ItemFlag.ItemIsEditable  # a parent's 分值 is the sum
    window.undo()
    window.undo()
    assert dataset.perf_tree() == shipped(DEFAULT)


def test_a_bad_weight_is_refused_in_place(qtbot, window: MainWindow) -> None:
    p02 = page(window, "P02")
    editor = open_editor(p02, "P02.A11.weight")
    editor.setText("-2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert p02.view.tip.isVisible() and "负数" in p02.view.tip.text()
    assert window.session.dataset.number("P02.A11.weight") == 2


def test_the_tools_add_move_and_remove_indicators_with_their_scores(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    p02 = page(window, "P02")
    dataset = window.session.dataset
    window.session.edit({"P02.A12.score": "2", "P02.A13.score": "1"}, label="得分")
    p02.view.select_cells(["P02.A12.name"])
    p02.tools.buttons["down"].click()
    assert (dataset.number("P02.A13.score"), dataset.number("P02.A12.score")) == (Decimal(2), Decimal(1))
    assert p02.current_code() == "A13"
    p02.tools.buttons["sibling"].click()
    assert p02.current_code() == "A14" and _names(window)[5] == "新指标"
    assert dataset.number("P02.total.weight") == 100  # a new indicator starts at 0 分
    monkeypatch.setattr(tree_editor, "confirm", lambda _parent, _message: False)
    p02.view.select_cells(["P02.A13.name"])
    p02.tools.buttons["remove"].click()  # it has a score: asked, and no keeps it
    assert dataset.number("P02.A13.score") == Decimal(2)
    monkeypatch.setattr(tree_editor, "confirm", lambda _parent, _message: True)
    p02.tools.buttons["remove"].click()
    assert dataset.number("P02.A13.score") is None and "年度工作目标的明确性与合理性" not in _names(window)
    window.undo()
    assert dataset.number("P02.A13.score") == Decimal(2)


def test_outdent_and_indent_change_an_indicators_level(qtbot, window: MainWindow) -> None:
    p02 = page(window, "P02")
    p02.view.select_cells(["P02.A15.name"])
    p02.tools.buttons["outdent"].click()
    tree = {n.code: n for n in window.session.dataset.catalogue.form("P02").tree}
    assert tree["A2"].name == "绩效指标明确性" and tree["A2"].level == 2
    p02.tools.buttons["indent"].click()
    tree = {n.code: n for n in window.session.dataset.catalogue.form("P02").tree}
    assert tree["A15"].name == "绩效指标明确性" and tree["A15"].level == 3
    p02.view.select_cells(["P02.A12.name"])
    p02.tools.buttons["indent"].click()  # the one above has no 下级指标
    assert "下级指标" in window.statusBar().currentMessage()


def test_a_template_is_saved_and_another_loaded(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    p02 = page(window, "P02")
    _type(qtbot, window, "P02.C12.name", "财政资金直达率")
    target = tmp_path / "财政局指标体系.json"
    monkeypatch.setattr(tree_editor, "choose_file", lambda _parent, save, suggested: target)
    assert p02.tools.save_template() == target
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["format"] == "juesuan-perf-tree" and "财政局" in saved["title"]
    p02.tools.template_actions["reset"].trigger()
    assert "财政资金直达率" not in _names(window)
    p02.tools.template_actions["load"].trigger()
    assert "财政资金直达率" in _names(window)
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(tree_editor, "choose_file", lambda _parent, save, suggested: broken)
    assert not p02.tools.load_template()
    assert "不是指标体系文件" in window.statusBar().currentMessage()
    assert "财政资金直达率" in _names(window)


def test_a_template_is_never_saved_over_the_dataset_or_its_backups(
    window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    p02 = page(window, "P02")
    dataset = window.session.dataset
    dataset.backup("test")
    backups = sorted(dataset.path.with_name(dataset.path.name + ".backups").iterdir())
    messages: list[str] = []
    window.session.refused.connect(messages.append)
    for target in (dataset.path, backups[0]):
        before = target.read_bytes()
        monkeypatch.setattr(tree_editor, "choose_file", lambda _parent, save, suggested, t=target: t)
        assert p02.tools.save_template() is None
        assert target.read_bytes() == before and "无法保存模板" in messages[-1] and "毁掉" in messages[-1]
    assert [p for p in dataset.path.parent.rglob("*") if p.name.endswith(".part")] == []
    ok = tmp_path / "ok.json"
    monkeypatch.setattr(tree_editor, "choose_file", lambda _parent, save, suggested: ok)
    assert p02.tools.save_template() == ok and json.loads(ok.read_text(encoding="utf-8"))["format"]


def _leaf_changed(**changes: object) -> str:
    """The common framework as a template file, its first 三级 indicator changed."""
    doc = shipped(DEFAULT)
    doc["children"][0]["children"][0]["children"][0].update(changes)
    return json.dumps(doc, ensure_ascii=False)


def test_a_crafted_template_is_refused_with_a_message_and_changes_nothing(
    window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    p02 = page(window, "P02")
    before = _names(window)
    crafted = {
        "nan.json": (_leaf_changed(weight="NaN"), "weight"),
        "points.json": (_leaf_changed(rubric_points=["x", 1]), "rubric_points"),
        "levels.json": (_leaf_changed(children=[{"name": "四级", "weight": 1}]), "最多 3 级"),
        "children.json": (json.dumps({"children": [{"name": "a", "children": 5}]}), "应为列表"),
        "deep.json": ('{"children": ' + "[" * 100_000 + "]" * 100_000 + "}", "嵌套"),
    }
    for name, (text, expected) in crafted.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(tree_editor, "choose_file", lambda _parent, save, suggested, p=path: p)
        assert not p02.tools.load_template()
        message = window.statusBar().currentMessage()
        assert f"无法读取模板 {name}" in message and expected in message, message
        assert _names(window) == before
