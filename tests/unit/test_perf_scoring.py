"""P01 scoring: suggestions, totals, the report's project figures, and what is flagged."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.models.snapshot import Indicator, Project, project_from_dict
from desktop.money import round_half_up
from desktop.perf.scoring import (
    budget_execution_score,
    grade_of,
    project_rate,
    project_total,
    reason_required,
    scoring_issues,
    suggest_indicator_score,
)
from tests.conftest import shared_path
from tests.helpers import sample_dataset

D = Decimal


def _indicator(expected: str, actual: str, level2: str = "数量指标", **kw: Any) -> Indicator:
    return Indicator(
        level1="产出指标", level2=level2, name="测试指标", expected=expected, actual_value=actual, **kw
    )


# --- suggestions ----------------------------------------------------------------------------


def test_positive_suggestion_is_proportional() -> None:
    suggestion = suggest_indicator_score(_indicator("召开培训4期", "召开培训3期"), D(20))
    assert suggestion is not None
    assert suggestion.score == D("15.00")
    assert "实际 3期 ÷ 目标 4期 = 75.00%" in suggestion.explanation
    assert "20 × 75.00% = 15 分" in suggestion.explanation


def test_positive_suggestion_is_capped_at_the_weight() -> None:
    suggestion = suggest_indicator_score(_indicator("≥3次", "8次"), D(10))
    assert suggestion is not None
    assert suggestion.score == D(10)
    assert "得满分" in suggestion.explanation


def test_negative_suggestion_divides_target_by_actual() -> None:
    suggestion = suggest_indicator_score(_indicator("≤10万元", "12.5万元", "成本指标"), D(10))
    assert suggestion is not None
    assert suggestion.score == D("8.00")
    assert "反向指标" in suggestion.explanation
    assert "目标 ≤10万元 ÷ 实际 12.5万元 = 80.00%" in suggestion.explanation


def test_negative_suggestion_within_target_is_full() -> None:
    cost = suggest_indicator_score(_indicator("25.79万元", "实际支付24.51万元。", "成本指标"), D(10))
    assert cost is not None and cost.score == D(10)
    zero = suggest_indicator_score(_indicator("≤1次", "0次", "服务对象满意度指标"), D(5))
    assert zero is not None and zero.score == D(5)


def test_weight_defaults_to_the_indicators_own() -> None:
    suggestion = suggest_indicator_score(_indicator("4次", "2次", weight=D(8)))
    assert suggestion is not None and suggestion.score == D("4.00")


@pytest.mark.parametrize(
    ("expected", "actual", "weight"),
    [
        ("抽样调查满意度达到基本满意及以上", "基本满意及以上", D(10)),
        ("召开培训2期", "完成", D(10)),
        ("召开培训2期", "召开培训2期", None),
    ],
)
def test_no_suggestion(expected: str, actual: str, weight: Decimal | None) -> None:
    assert suggest_indicator_score(_indicator(expected, actual), weight) is None


# --- project figures ----------------------------------------------------------------------


@pytest.mark.parametrize(("rate", "points"), [("0.9504", "9.504"), ("1", "10"), ("1.2", "10"), ("0", "0")])
def test_budget_execution_score(rate: str, points: str) -> None:
    assert budget_execution_score(D(rate)) == D(points)


def test_grade_of_is_the_rules_grade() -> None:
    totals = (100, 90, "89.99", 80, 60, "59.9")
    assert "".join(grade_of(D(n)) for n in totals) == "优优良良中差"


def _project(**kw: Any) -> Project:
    return project_from_dict({"id": "p1", "name": "测试项目", **kw})


def test_project_total_adds_the_execution_points() -> None:
    indicators = [
        {"weight": "50", "score": "45"},
        {"weight": "40", "score": "40"},
        {"weight": "", "score": ""},
    ]
    project = _project(budget="100", actual="90", indicators=indicators)
    assert project_rate(project) == D("0.9")
    assert project_total(project) == D(94)


def test_reason_required_when_below_the_weight() -> None:
    assert reason_required(_indicator("", "", weight=D(10), score=D(8)))
    assert not reason_required(_indicator("", "", weight=D(10), score=D(8), reason="进度滞后，下年改进"))
    assert not reason_required(_indicator("", "", weight=D(10), score=D(10)))
    assert not reason_required(_indicator("", "", weight=D(10)))


def test_scoring_issues() -> None:
    indicators = [
        {"name": "培训次数", "expected": "召开4次", "actual_value": "召开1次", "weight": "10", "score": "10"},
        {"name": "覆盖人数", "expected": "200人", "actual_value": "150人", "weight": "10", "score": "7.5"},
        {"name": "", "expected": "", "actual_value": "", "weight": "5", "score": "6", "reason": "多得"},
        {"name": "满意度", "expected": "≥90%", "actual_value": "95%", "weight": "10", "score": "10"},
    ]
    issues = scoring_issues(_project(budget="10", actual="10", indicators=indicators))
    assert issues == [
        "指标“培训次数”：年度指标值 4次，实际完成 1次，正向指标，未达到目标，"
        "却得满分 10 分：请按完成比例扣分",
        "指标“覆盖人数”：得分 7.5 低于分值 10，请填写偏差原因分析及改进措施",
        "第 3 个指标：得分 6 超过分值 5",
    ]


# --- the sample dataset against report 000 ----------------------------------------------------

_PRINTED = re.compile(r"全年预算数([\d.]+)万元，执行数为([\d.]+)万元，完成预算数?的([\d.]+)%")
_TOTALS = re.compile(r"预算资金总额([\d.]+)万元，支付([\d.]+)万元，执行率为([\d.]+)%")
KNOWN_ISSUE_000_V063 = ("15.22", "66")  # printed 66%, the figures give 66.69% (67%)


def _places(printed: str) -> int:
    return len(printed.partition(".")[2])


def test_sample_projects_reproduce_the_reports_figures(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    report = shared_path("reports", "xiqu-czj-2020.txt").read_text(encoding="utf-8")
    printed = {(D(b), D(a)): pct for b, a, pct in _PRINTED.findall(report)}
    with sample_dataset(tmp_path, sample_doc) as dataset:
        projects = dataset.snapshot().projects
    assert len(projects) == 7
    for project in projects:
        budget, actual, rate = project.amount("budget"), project.amount("actual"), project_rate(project)
        assert budget is not None and actual is not None and rate is not None
        pct = printed[(budget, actual)]
        ours = round_half_up(rate * 100, _places(pct))
        if (str(budget), pct) == KNOWN_ISSUE_000_V063:
            assert ours == D(67), project.name
        else:
            assert ours == D(pct), project.name
        assert scoring_issues(project) == []
    total_budget, total_actual, total_pct = _TOTALS.findall(report)[0]
    assert sum(p.amounts["budget"] for p in projects) == D(total_budget) == D("402.14")
    assert sum(p.amounts["actual"] for p in projects) == D(total_actual) == D("385.28")
    overall = D(total_actual) / D(total_budget)
    assert round_half_up(overall * 100, _places(total_pct)) == D(total_pct) == D("95.8")


# --- inconsistent projects are flagged --------------------------------------------------------

_FULL_WEIGHTS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "数量", "weight": "50", "score": "50"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "效益", "weight": "30", "score": "30"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度", "weight": "10", "score": "10"},
]
_INCONSISTENT = [
    {"id": "p1", "name": "预算不等于来源之和", "budget": "10", "budget_fiscal": "6", "budget_other": "3"},
    {"id": "p2", "name": "超预算执行", "budget": "10", "actual": "12"},
    {
        "id": "p3",
        "name": "得分超分值",
        "indicators": [{"level2": "数量指标", "name": "次数", "weight": "10", "score": "12"}],
    },
    {
        "id": "p4",
        "name": "四次完成一次得满分",
        "indicators": [
            {"level2": "数量指标", "name": "培训", "expected": "召开培训4次", "actual_value": "1次"}
            | {"weight": "10", "score": "10"},
        ],
    },
    {
        "id": "p5",
        "name": "等级不符",
        "budget": "10",
        "actual": "10",
        "grade": "良",
        "indicators": _FULL_WEIGHTS,
    },
]
_EXPECTED_RULES = {
    "p1": "P01.budget_parts",
    "p2": "P01.actual_within_budget",
    "p3": "P01.score_within_weight",
    "p4": "P01.target_full_score",
    "p5": "P01.grade",
}


def _findings_by_project(tmp_path: Path) -> dict[str, set[str]]:
    doc = {"department": {"name": "测试局", "year": 2020}, "projects": _INCONSISTENT}
    with sample_dataset(tmp_path, doc) as dataset:
        found: dict[str, set[str]] = {}
        for finding in dataset.findings():
            for cell in finding.cells:
                if cell.startswith("P01."):
                    found.setdefault(cell.split(".")[1], set()).add(finding.rule)
        return found


def test_inconsistent_projects_are_flagged_by_the_rules(tmp_path: Path) -> None:
    found = _findings_by_project(tmp_path)
    for pid, rule in _EXPECTED_RULES.items():
        assert rule in found.get(pid, set()), (pid, found)


def test_the_grade_mismatch_is_a_total_of_100() -> None:
    project = project_from_dict(_INCONSISTENT[4])
    assert project_total(project) == D(100)
    assert grade_of(project_total(project)) == "优"


def test_unearned_full_score_is_a_warning_naming_the_numbers(tmp_path: Path) -> None:
    doc = {"department": {"name": "测试局", "year": 2020}, "projects": [_INCONSISTENT[3]]}
    with sample_dataset(tmp_path, doc) as dataset:
        findings = [f for f in dataset.findings() if f.rule == "P01.target_full_score"]
        assert len(findings) == 1
        assert findings[0].severity == "warning"
        assert "年度指标值 4次，实际完成 1次" in findings[0].message
        assert findings[0].message.startswith("项目“四次完成一次得满分” 指标“培训”")
        dataset.set("P01.p4.i1.score", "2.5")
        assert not [f for f in dataset.findings() if f.rule == "P01.target_full_score"]
        dataset.set_many({"P01.p4.i1.score": "10", "P01.p4.i1.actual_value": "召开培训4次"})
        assert not [f for f in dataset.findings() if f.rule == "P01.target_full_score"]
        dataset.set("P01.p4.i1.actual_value", "3次")
        assert [f.rule for f in dataset.findings()].count("P01.target_full_score") == 1
    issues = scoring_issues(project_from_dict(_INCONSISTENT[3]))
    assert issues and "却得满分 10 分" in issues[0]
