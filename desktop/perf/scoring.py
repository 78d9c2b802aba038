"""P01 scoring: suggested indicator scores, the 预算执行 points, a project's total and the
scoring mistakes a reviewer looks for. Reads `Project`/`Indicator` snapshot values only.

National template: 预算执行 10 分 (min(执行率, 100%) × 10) + indicator weights 90 = 100.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.models.snapshot import Indicator, Project
from desktop.money import ZERO, percent_text, round_half_up
from desktop.rules.kinds import grade_of
from desktop.rules.targets import NEGATIVE, ONE, Comparison, compare, plain, unearned_full_marks

__all__ = [
    "EXEC_POINTS",
    "Suggestion",
    "budget_execution_score",
    "grade_of",
    "project_rate",
    "project_total",
    "reason_required",
    "scoring_issues",
    "suggest_indicator_score",
]

EXEC_POINTS = Decimal(10)


@dataclass(frozen=True)
class Suggestion:
    """A score worked out from figures, with the working in Chinese for the clerk."""

    score: Decimal
    weight: Decimal
    explanation: str


def _working(comparison: Comparison) -> str:
    target, actual = comparison.target, comparison.actual_text
    if comparison.direction == NEGATIVE:
        return f"完成比例 = 目标 {target} ÷ 实际 {actual}"
    return f"完成比例 = 实际 {actual} ÷ 目标 {target}"


def suggest_indicator_score(indicator: Indicator, weight: Decimal | None = None) -> Suggestion | None:
    """正向: actual ÷ target × weight; 反向: target ÷ actual × weight; capped at the weight.
    None when the texts state no comparable numbers or the weight is blank."""
    weight = indicator.weight if weight is None else weight
    found = compare(indicator.expected, indicator.actual_value, indicator.level2)
    if weight is None or found is None:
        return None
    if found.met:
        return Suggestion(weight, weight, f"{found.describe()}，得满分 {plain(weight)} 分")
    ratio = found.ratio
    score = round_half_up(weight * ratio)
    explanation = (
        f"{found.describe()}：{_working(found)} = {percent_text(ratio)}，"
        f"得分 = {plain(weight)} × {percent_text(ratio)} = {plain(score)} 分"
    )
    return Suggestion(score, weight, explanation)


def budget_execution_score(rate: Decimal) -> Decimal:
    """预算执行 points: min(执行率, 100%) × 10."""
    return min(rate, ONE) * EXEC_POINTS


def project_rate(project: Project) -> Decimal | None:
    """执行率 = actual ÷ budget (the computed cell when the snapshot has it)."""
    rate = project.amount("rate")
    if rate is not None:
        return rate
    budget, actual = project.amount("budget"), project.amount("actual")
    return actual / budget if budget and actual is not None else None


def project_total(project: Project) -> Decimal:
    """Σ filled indicator scores + the 预算执行 points (as the grade rule counts them)."""
    rate = project_rate(project)
    scores = sum((i.score for i in project.indicators if i.score is not None), ZERO)
    return scores + (budget_execution_score(rate) if rate is not None else ZERO)


def reason_required(indicator: Indicator) -> bool:
    """A score below the weight needs 偏差原因分析及改进措施."""
    weight, score = indicator.weight, indicator.score
    return weight is not None and score is not None and score < weight and not indicator.reason.strip()


def _label(indicator: Indicator, k: int) -> str:
    return f"指标“{indicator.name.strip()}”" if indicator.name.strip() else f"第 {k} 个指标"


def _indicator_issues(indicator: Indicator, label: str) -> list[str]:
    weight, score = indicator.weight, indicator.score
    if weight is None or score is None:
        return []
    issues = []
    if score > weight:
        issues.append(f"{label}：得分 {plain(score)} 超过分值 {plain(weight)}")
    missed = unearned_full_marks(indicator.expected, indicator.actual_value, indicator.level2, weight, score)
    if missed is not None:
        issues.append(f"{label}：{missed.describe()}，却得满分 {plain(weight)} 分：请按完成比例扣分")
    if reason_required(indicator):
        issues.append(f"{label}：得分 {plain(score)} 低于分值 {plain(weight)}，请填写偏差原因分析及改进措施")
    return issues


def scoring_issues(project: Project) -> list[str]:
    """What a reviewer would question in a project's indicator scores (Chinese messages)."""
    return [
        issue
        for k, indicator in enumerate(project.indicators, start=1)
        for issue in _indicator_issues(indicator, _label(indicator, k))
    ]
