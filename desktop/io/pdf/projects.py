"""第五部分 附件: one 项目支出绩效自评表 per project (P01) and the 部门整体支出绩效评价 scores (P02)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from reportlab.platypus import CondPageBreak, Spacer

from desktop.io.pdf.grid import grid
from desktop.io.pdf.ruled_layout import Place, Style
from desktop.io.pdf.styles import styles
from desktop.io.pdf.toc import heading
from desktop.models.dataset import Dataset
from desktop.models.snapshot import Indicator, Project
from desktop.money import format_amount, percent_text
from desktop.rules.kinds import grade_of

INDICATOR_HEAD = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
INDICATOR_SHARES = (0.10, 0.13, 0.15, 0.16, 0.16, 0.06, 0.06, 0.18)
FUNDS_HEAD = ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率")
LABEL_SHARE = 0.2


def _amount(project: Project, name: str) -> str:
    return format_amount(project.amount(name), grouping=True)


def _rate(project: Project) -> str:
    rate = project.amount("rate")
    return "" if rate is None else percent_text(rate)


def _funds(project: Project, width: float) -> Any:
    total = [_amount(project, n) for n in ("budget_initial", "budget", "actual")]
    rows: list[list[Any]] = [list(FUNDS_HEAD), ["年度资金总额", *total, _rate(project)]]
    if project.amount("carry_over") is not None:
        rows.append(["其中：上年结转资金", "", _amount(project, "carry_over"), "", ""])
    for name, suffix in (("其中：财政拨款", "fiscal"), ("其他资金", "other")):
        rows.append(
            [name, "", _amount(project, f"budget_{suffix}"), _amount(project, f"actual_{suffix}"), ""]
        )
    label = width * LABEL_SHARE
    widths = [label, *([(width - label) / 4] * 4)]
    return grid(rows, widths, [0], [0], Style(align=[((1, 1), (-1, -1), "RIGHT")]))


def _goal(project: Project, width: float) -> Any:
    label = width * LABEL_SHARE
    rows = [
        ["年度总体目标", "预期目标", "实际完成情况"],
        ["", project.goal_expected, project.goal_actual],
    ]
    widths = [label, (width - label) / 2, (width - label) / 2]
    return grid(rows, widths, [0], [0], Style(spans=[((0, 0), (0, 1))]))


def _indicator_row(indicator: Indicator) -> list[Any]:
    texts = (indicator.level1, indicator.level2, indicator.name, indicator.expected, indicator.actual_value)
    scores = (format_amount(indicator.weight), format_amount(indicator.score))
    return [*texts, *scores, indicator.reason]


def _level1_spans(indicators: Sequence[Indicator]) -> list[tuple[Place, Place]]:
    """Consecutive indicators of the same 一级指标 share one merged cell."""
    spans, start = [], 0
    for index in range(1, len(indicators) + 1):
        if index == len(indicators) or indicators[index].level1 != indicators[start].level1:
            if index - 1 > start:
                spans.append(((0, start + 1), (0, index)))
            start = index
    return spans


def _indicators(project: Project, width: float) -> Any:
    rows = [list(INDICATOR_HEAD)]
    rows += [_indicator_row(i) for i in project.indicators]
    widths = [width * share for share in INDICATOR_SHARES]
    extra = Style(align=[((5, 1), (6, -1), "RIGHT")], spans=_level1_spans(project.indicators))
    return grid(rows, widths, [0], [], extra, repeat=1)


def _labelled(pairs: Sequence[tuple[str, str]], width: float) -> Any | None:
    """Label ‖ text rows (项目名称, 实施单位, 绩效完成情况综述 …); None when every text is empty."""
    rows = [[label, text] for label, text in pairs if text]
    if not rows:
        return None
    label = width * LABEL_SHARE
    return grid(rows, [label, width - label], [], [0])


def _grade(dataset: Dataset, project: Project) -> str:
    """The stated 自评等级, else the grade of the total score once indicators are scored."""
    scores = [i.score for i in project.indicators if i.score is not None]
    if project.grade or not scores:
        return project.grade
    return grade_of(sum(scores, dataset.number(f"P01.{project.id}.exec_score") or Decimal(0)))


def project_block(dataset: Dataset, project: Project, width: float) -> list[Any]:
    """One 项目支出绩效自评表: who and what, funds, goals, indicators, summary."""
    units = {u.id: u.name for u in dataset.units}
    unit = units.get(project.unit, project.unit)
    parts = [
        _labelled((("项目名称", project.name or project.id), ("实施单位", unit or "—")), width),
        _funds(project, width),
        _goal(project, width),
        _indicators(project, width),
        _labelled((("绩效完成情况综述", project.summary), ("自评等级", _grade(dataset, project))), width),
    ]
    title = f"项目支出绩效自评表（{dataset.department.year}年度）"
    return [
        CondPageBreak(220),
        heading(title, styles().h3, 1, project.name or project.id),
        *(p for p in parts if p is not None),
        Spacer(1, 12),
    ]
