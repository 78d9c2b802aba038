"""What undo and redo say: the question before undoing an import or the file's creation, and the
status-bar line after a step (the cell by its name when the step changed one)."""

from __future__ import annotations

from desktop.forms.names import cell_label
from desktop.models.change_log import Step
from desktop.ui.session import Session
from desktop.ui.text import tr


def undo_question(step: Step) -> str:
    if step.source == "import":
        return tr("下一步撤销的是整个导入（{label}），导入的 {n} 个数将一并清除。确定撤销吗？").format(
            label=step.label, n=len(step.cells)
        )
    return tr("下一步撤销的是新建文件时的设置（{label}：单位名称、年度等）。确定撤销吗？").format(
        label=step.label
    )


def describe(session: Session, step: Step, *, undone: bool) -> str:
    """A step as the status bar says it: the cell by its name, and its value before and after."""
    catalogue = session.dataset.catalogue
    if len(step.cells) == 1 and step.cells[0].split(".", 1)[0] in catalogue.forms:
        verb = step.label.split(" ", 1)[0]
        old, new = step.first
        was, now = (new, old) if undone else (old, new)
        blank = tr("空")
        label = cell_label(catalogue, session.dataset.naming, step.cells[0])
        return f"{verb} {label}（{was or blank} → {now or blank}）"
    if len(step.cells) > 1:
        return tr("{label}（{n} 个单元格）").format(label=step.label, n=len(step.cells))
    return step.label
