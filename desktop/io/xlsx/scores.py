"""部门整体支出绩效评价 (P02): the indicator tree, one line per node with its 分值 and 得分
(parents are the sums of their children), the total and the grade. Scores are shown once
any is entered: an unscored tree would otherwise read as 0 分, 差."""

from __future__ import annotations

from desktop.forms.catalogue import Form, TreeNode
from desktop.forms.structure import TOTAL
from desktop.io.xlsx import style as st
from desktop.io.xlsx.sheet import HEADER_TOP, HeaderCell, SheetWriter
from desktop.io.xlsx.stream import StreamedSheet
from desktop.models.dataset import Dataset
from desktop.rules.kinds import grade_of

_WIDTHS = (16.0, 20.0, 26.0, 9.0, 9.0, 34.0, 44.0)
_HEADS = ("一级指标", "二级指标", "三级指标", "分值", "得分", "指标解释", "评分细则")


def write_scores(ws: StreamedSheet, dataset: Dataset, form: Form) -> None:
    sheet = SheetWriter(ws, _WIDTHS)
    department = dataset.department
    sheet.heading(form.title, form.label, department.name, department.year, unit="")
    top = HEADER_TOP
    sheet.header([HeaderCell(top, c, t) for c, t in enumerate(_HEADS, start=1)], top, top)
    scored = bool(dataset.snapshot().scores)
    for row, node in enumerate(form.tree, start=top + 1):
        _node(sheet, dataset, node, row, scored)
    _totals(sheet, dataset, top + 1 + len(form.tree), scored)
    sheet.finish(freeze=f"A{top + 1}", title_rows=(top, top), landscape=True)


def _node(sheet: SheetWriter, dataset: Dataset, node: TreeNode, row: int, scored: bool) -> None:
    """The name in the column of its level (一级 | 二级 | 三级), then 分值, 得分, texts."""
    bold = node.level < 3
    for col in range(1, 4):
        sheet.put(row, col, f"{node.code} {node.name}" if col == node.level else None, st.body("text", bold))
    sheet.amount(row, 4, dataset.number(f"P02.{node.code}.weight"), bold)
    sheet.amount(row, 5, dataset.number(f"P02.{node.code}.score") if scored else None, bold)
    sheet.put(row, 6, node.explanation or None, st.body("text"))
    sheet.put(row, 7, node.rubric or None, st.body("text"))


def _totals(sheet: SheetWriter, dataset: Dataset, row: int, scored: bool) -> None:
    total = dataset.number(f"P02.{TOTAL}.score") if scored else None
    label = st.body("name", True)
    sheet.merge(row, 1, row, 3, label, "合计")
    sheet.amount(row, 4, dataset.number(f"P02.{TOTAL}.weight"), True)
    sheet.amount(row, 5, total, True)
    sheet.merge(row + 1, 1, row + 1, 3, label, "评价等级")
    sheet.merge(
        row + 1, 4, row + 1, 5, st.body("center", True), grade_of(total) if total is not None else None
    )
    for line in (row, row + 1):
        sheet.merge(line, 6, line, 7, st.body("text"))
