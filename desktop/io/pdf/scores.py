"""部门整体支出绩效评价 (P02): the 一级/二级/三级 indicator tree with 分值 and 得分."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.forms.catalogue import TreeNode
from desktop.io.pdf.fonts import SANS_BOLD
from desktop.io.pdf.grid import grid
from desktop.io.pdf.ruled_layout import Cell, Style, Text
from desktop.models.dataset import Dataset
from desktop.money import format_amount
from desktop.rules.kinds import grade_of

HEAD = ("评价指标", "分值", "得分")
NUMBER_SHARE = 0.15


def _node_row(dataset: Dataset, node: TreeNode) -> list[Cell]:
    name = Text(f"{node.code} {node.name}", node.level - 1)
    score = dataset.number(f"P02.{node.code}.score")
    return [name, format_amount(node.weight), format_amount(score)]


def _complete(dataset: Dataset, tree: tuple[TreeNode, ...]) -> bool:
    """Every leaf indicator has a score: only then is the grade of the total meaningful."""
    parents = {n.parent for n in tree}
    return all(dataset.number(f"P02.{n.code}.score") is not None for n in tree if n.code not in parents)


def scores_table(dataset: Dataset, width: float) -> Any:
    tree = dataset.catalogue.form("P02").tree
    total = dataset.number("P02.total.score")
    weight = sum((n.weight for n in tree if n.level == 1), Decimal(0))
    widths = [width * (1 - 2 * NUMBER_SHARE), width * NUMBER_SHARE, width * NUMBER_SHARE]
    rows: list[list[Cell]] = [list(HEAD), *(_node_row(dataset, node) for node in tree)]
    rows.append(["合计", format_amount(weight), format_amount(total)])
    if total is not None and _complete(dataset, tree):
        rows.append(["评价等级", "", grade_of(total)])
    bold = [((0, y), (-1, y), SANS_BOLD) for y, n in enumerate(tree, start=1) if n.level == 1]
    bold.append(((0, len(tree) + 1), (-1, -1), SANS_BOLD))
    return grid(rows, widths, [0], [], Style(align=[((1, 1), (-1, -1), "RIGHT")], font=bold), repeat=1)
