"""The department makes the 整体绩效评价 tree its own: names and 分值 are typed in the grid;
indicators are added, removed, moved, 升级 / 降级 with the buttons (each one undo step, scores
following their indicators); the tree is saved as a template file and another one loaded."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.atomic import OutputError, write_bytes
from desktop.forms import perf_tree_edit as edit
from desktop.forms.perf_tree import DEFAULT, Doc, as_template, shipped
from desktop.models.doc_schema import tree_problems
from desktop.money import parse_amount
from desktop.ui.grid_layout import Slot
from desktop.ui.grid_model import Index
from desktop.ui.perf_grid import PerfGridModel
from desktop.ui.qt import (
    QAction,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    Qt,
    QToolButton,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.text import tr

TOTAL = "total"
Edit = Callable[[Doc, str], edit.Edited]


def tree_field(slot: Slot) -> tuple[str, str] | None:
    """(code, "name" | "weight") of a slot the clerk may type into, else None."""
    if not slot.cell or slot.view != "current":
        return None
    _form, code, field = slot.cell.split(".")
    return (code, field) if field in ("name", "weight") and code != TOTAL else None


class TreeModel(PerfGridModel):
    """The scoring grid, with the names and the leaves' 分值 typed like cells."""

    def editable(self, slot: Slot) -> bool:
        found = tree_field(slot)
        if found is None:
            return super().editable(slot)
        code, field = found
        return field == "name" or code not in self._parents()

    def _parents(self) -> set[str]:
        return {n.parent for n in self.session.form("P02").tree if n.parent}

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        found = tree_field(self.slot(index))
        if found is None or role != Qt.ItemDataRole.EditRole:
            return super().setData(index, value, role)
        code, field = found
        text = str(value or "").strip()
        dataset = self.session.dataset

        def change() -> object:
            doc = dataset.perf_tree()
            if field == "name":
                return dataset.change_perf_tree(edit.rename(doc, code, text), None, tr("修改指标名称"))
            weight = parse_amount(text or "0")
            return dataset.change_perf_tree(edit.set_weight(doc, code, weight), None, tr("修改分值"))

        return self.session.run(change)


def choose_file(parent: QWidget, *, save: bool, suggested: str) -> Path | None:
    """The template file to write or read (tests replace it)."""
    caption = tr("另存为指标体系模板") if save else tr("载入指标体系模板")
    kinds = tr("指标体系模板 (*.json)")
    dialog = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
    path, _ = dialog(parent, caption, suggested, kinds)
    return Path(path) if path else None


def confirm(parent: QWidget, message: str) -> bool:
    """Asked before scores would be lost (tests replace it)."""
    answer = QMessageBox.question(parent, tr("整体绩效评价指标"), message)
    return answer == QMessageBox.StandardButton.Yes


class TreeTools(QWidget):
    """The buttons that change the tree; `current` gives the code under the cursor, `show` goes
    to a code after an edit."""

    def __init__(
        self, session: Session, current: Callable[[], str | None], show: Callable[[str], None]
    ) -> None:
        super().__init__()
        self.session, self.current, self.go = session, current, show
        self.buttons: dict[str, QPushButton] = {}
        self.template_actions: dict[str, QAction] = {}  # in the 模板 menu
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        edits: tuple[tuple[str, str, Callable[[], object]], ...] = (
            (
                "sibling",
                "添加同级",
                lambda: self.structure(lambda d, c: edit.add(d, c, child=False), "添加指标"),
            ),
            (
                "child",
                "添加下级",
                lambda: self.structure(lambda d, c: edit.add(d, c, child=True), "添加下级指标"),
            ),
            ("remove", "删除", self.remove),
            ("up", "上移", lambda: self.structure(lambda d, c: edit.move(d, c, -1), "上移指标")),
            ("down", "下移", lambda: self.structure(lambda d, c: edit.move(d, c, 1), "下移指标")),
            ("outdent", "升级", lambda: self.structure(edit.outdent, "指标升级")),
            ("indent", "降级", lambda: self.structure(edit.indent, "指标降级")),
        )
        for key, text, slot in edits:
            button = QPushButton(tr(text))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self._templates())

    def _templates(self) -> QToolButton:
        """One 模板 button: the tree's file operations are rarer than its edits."""
        button = QToolButton()
        button.setText(tr("指标体系模板"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(button)
        for key, text, slot in (
            ("save", "另存为模板…", self.save_template),
            ("load", "载入模板…", self.load_template),
            ("reset", "恢复通用框架", self.reset),
        ):
            action = menu.addAction(tr(text))
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.template_actions[key] = action
        button.setMenu(menu)
        return button

    def structure(self, change: Edit, label: str) -> bool:
        code = self.current()
        if code is None:
            self.session.refused.emit(tr("请先选中一个指标"))
            return False
        dataset = self.session.dataset
        shown: list[str] = []

        def run() -> object:
            doc, renumbering, next_code = change(dataset.perf_tree(), code)
            shown.append(next_code)
            return dataset.change_perf_tree(doc, renumbering, tr(label))

        done = self.session.run(run)
        if done and shown:
            self.go(shown[0])
        return done

    def remove(self) -> bool:
        code = self.current()
        scored = [c for c in self.session.dataset.calc().inputs if c.startswith(f"P02.{code}")]
        if scored and not confirm(
            self, tr("删除该指标将同时删除 {n} 个得分（可撤销）。确定删除吗？").format(n=len(scored))
        ):
            return False
        return self.structure(edit.remove, "删除指标")

    def save_template(self) -> Path | None:
        dataset = self.session.dataset
        name = dataset.department.name or tr("本部门")
        suggested = str(dataset.path.with_name(tr("{name}整体绩效评价指标体系.json").format(name=name)))
        path = choose_file(self, save=True, suggested=suggested)
        if path is None:
            return None
        template = as_template(
            dataset.perf_tree(), tr("{name}部门整体支出绩效评价指标体系").format(name=name)
        )
        text = json.dumps(template, ensure_ascii=False, indent=2) + "\n"
        try:  # atomically, and never over the dataset's own files
            write_bytes(path, text.encode("utf-8"), dataset.protected())
        except OutputError as exc:
            self.session.refused.emit(tr("无法保存模板：{e}").format(e=exc))
            return None
        self.session.refused.emit(tr("指标体系已另存为 {path}").format(path=path))
        return path

    def load_template(self) -> bool:
        path = choose_file(self, save=False, suggested=str(self.session.dataset.path.parent))
        if path is None:
            return False
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            problems = tree_problems(doc)
        except (OSError, ValueError, RecursionError) as exc:
            problems = [str(exc)[:200] if not isinstance(exc, RecursionError) else tr("嵌套层数过深")]
        if problems:
            self.session.refused.emit(
                tr("无法读取模板 {name}：{e}").format(name=path.name, e="；".join(problems[:5]))
            )
            return False
        return self.take(doc, tr("载入指标体系 {name}").format(name=path.stem))

    def reset(self) -> bool:
        return self.take(shipped(DEFAULT), tr("恢复通用框架"))

    def take(self, doc: Doc, label: str) -> bool:
        dataset = self.session.dataset
        scored = [c for c in dataset.calc().inputs if c.startswith("P02.")]
        if scored and not confirm(
            self,
            tr(
                "换用新的指标体系：同名指标保留得分，其他 {n} 个得分中无对应指标的将清除（可撤销）。继续吗？"
            ).format(n=len(scored)),
        ):
            return False
        return self.session.run(lambda: dataset.load_perf_tree(doc, label))
