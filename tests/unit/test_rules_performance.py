"""绩效 rules: P01 project self-evaluation (budget and actual parts, actual ≤ budget, score ≤
weight, weights + 10 = 100, stated grade vs total) and the P02 scoring tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.forms.edition import load_edition
from tests.unit.rules_support import Case, Setup, fresh, of_rule, project, put, run_case


def indicators(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"name": f"指标{k}", "weight": w, "score": s} for k, (w, s) in enumerate(pairs, start=1)]


def target(expected: str, actual: str, score: str) -> dict[str, str]:
    return {
        "level1": "产出指标", "level2": "数量指标", "name": "培训次数",
        "expected": expected, "actual_value": actual, "weight": "10", "score": score,
    }  # fmt: skip


def leaves() -> dict[str, str]:
    """Every 三级 indicator of the default tree with its weight (full marks)."""
    tree = load_edition("sichuan-2020").catalogue.form("P02").tree
    parents = {node.parent for node in tree}
    return {node.code: str(node.weight) for node in tree if node.code not in parents}


def scores(**overrides: str) -> Setup:
    full = {f"P02.{code}.score": weight for code, weight in leaves().items()}
    return put({**full, **{f"P02.{code}.score": value for code, value in overrides.items()}})


BUDGET = {"budget": "100", "budget_fiscal": "60", "budget_other": "40"}
ACTUAL = {"actual": "90", "actual_fiscal": "50", "actual_other": "40"}
WEIGHTS = ("P01.p1.i1.weight", "P01.p1.i2.weight", "P01.p1.i3.weight")
GRADED = {"budget": "100", "actual": "100"}  # 执行率 100% → 预算执行 10 分
SCORED = indicators(("30", "30"), ("30", "30"), ("30", "25"))  # 85 + 10 = 95 → 优
HALF = indicators(("30", "30"), ("30", "25"), ("30", "25"))  # 80

CASES = [
    Case("P01.budget_parts", "parts add up", project(fields=BUDGET)),
    Case("P01.budget_parts", "parts blank", project(budget="100")),
    Case(
        "P01.budget_parts",
        "parts short",
        project(fields={**BUDGET, "budget_other": "30"}),
        (("P01.p1.budget", "P01.p1.budget_fiscal", "P01.p1.budget_other"),),
        "error",
        ("项目“项目p1”", "100.00", "90.00", "差 10.00"),
    ),
    Case("P01.actual_parts", "parts add up", project(fields=ACTUAL)),
    Case("P01.actual_parts", "parts blank", project(actual="90")),
    Case(
        "P01.actual_parts",
        "parts over",
        project(fields={**ACTUAL, "actual_fiscal": "55"}),
        (("P01.p1.actual", "P01.p1.actual_fiscal", "P01.p1.actual_other"),),
        "error",
        ("90.00", "95.00", "差 -5.00"),
    ),
    Case("P01.actual_within_budget", "within", project(budget="100", actual="100")),
    Case(
        "P01.actual_within_budget",
        "over budget",
        project(budget="100", actual="110"),
        (("P01.p1.actual", "P01.p1.budget"),),
        "warning",
        ("110.00", "100.00", "差 10.00"),
    ),
    Case("P01.score_within_weight", "full marks", project(indicators=indicators(("20", "20")))),
    Case(
        "P01.score_within_weight", "blank (as most reports print)", project(indicators=indicators(("", "")))
    ),
    Case(
        "P01.score_within_weight",
        "score above weight, per indicator",
        project(indicators=indicators(("20", "25"), ("10", "5"), ("10", "11"))),
        (("P01.p1.i1.score", "P01.p1.i1.weight"), ("P01.p1.i3.score", "P01.p1.i3.weight")),
        "error",
        ("项目“项目p1” 指标“指标",),
    ),
    Case("P01.weights_total", "90 + 10", project(indicators=indicators(("30", ""), ("30", ""), ("30", "")))),
    Case("P01.weights_total", "weights blank", project(indicators=indicators(("", ""), ("", "")))),
    Case(
        "P01.weights_total",
        "80 + 10",
        project(indicators=indicators(("30", ""), ("30", ""), ("20", ""))),
        (WEIGHTS,),
        "error",
        ("80.00", "90.00", "100"),
    ),
    Case("P01.grade", "优 for 95", project(grade="优", indicators=SCORED, fields=GRADED)),
    Case("P01.grade", "alias 优秀", project(grade="优秀", indicators=SCORED, fields=GRADED)),
    Case("P01.grade", "no scores: nothing to check", project(grade="良", fields=GRADED)),
    Case(
        "P01.grade",
        "良 stated for 95",
        project(grade="良", indicators=SCORED, fields=GRADED),
        (("P01.p1.grade",),),
        "error",
        ("95.00", "“优”", "“良”"),
    ),
    Case(
        "P01.grade",
        "half spent: 85 + 5 = 90 is still 优",
        project(grade="优", indicators=SCORED, budget="100", actual="50"),
    ),
    Case(
        "P01.grade",
        "half spent: 80 + 5 = 85 is 良",
        project(grade="优", indicators=HALF, budget="100", actual="50"),
        (("P01.p1.grade",),),
        "error",
        ("85.00", "“良”", "“优”"),
    ),
    # --- a missed numeric target scored full (desktop/perf/targets.py) ----------------------------
    Case("P01.target_full_score", "target met, full marks", project(indicators=[target("4次", "4次", "10")])),
    Case(
        "P01.target_full_score", "target missed, marks taken", project(indicators=[target("4次", "1次", "3")])
    ),
    Case(
        "P01.target_full_score",
        "target missed, full marks",
        project(indicators=[target("4次", "1次", "10")]),
        (("P01.p1.i1.score", "P01.p1.i1.actual_value"),),
        "warning",
        ("4次", "1次", "满分 10 分"),
    ),
    # --- P02 scoring tree ---------------------------------------------------------------------------
    Case("P02.score_within_weight", "full marks", scores()),
    Case(
        "P02.score_within_weight",
        "a leaf above its weight in a full tree: its 二级 and 一级 parents are over too",
        scores(A11="3"),
        (
            ("P02.A11.score", "P02.A11.weight"),
            ("P02.A1.score", "P02.A1.weight"),
            ("P02.A.score", "P02.A.weight"),
        ),
        "error",
        ("差 1.00 分",),
    ),
    Case(
        "P02.score_within_weight",
        "a leaf above its weight within a parent that is not full",
        put({"P02.A11.score": "3"}),
        (("P02.A11.score", "P02.A11.weight"),),
        "error",
        ("3.00", "2.00", "分"),
    ),
    Case("P02.total", "100", scores()),
    Case(
        "P02.total",
        "101",
        scores(A11="3"),
        (("P02.total.score",),),
        "error",
        ("101.00", "100.00", "差 1.00"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


def test_default_tree_totals_100() -> None:
    assert sum(int(w) for w in leaves().values()) == 100


def test_editing_an_indicator_score_rechecks_the_grade(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset:
        project(grade="优", indicators=SCORED, fields=GRADED)(dataset)
        assert of_rule(dataset, "P01.grade") == []
        result = dataset.set("P01.p1.i3.score", "10")  # 70 + 10 = 80 → 良
        assert [f.rule for f in result.findings.added] == ["P01.grade"]
        dataset.set("P01.p1.actual", "0")  # 预算执行 0 → 70 → 中
        assert "“中”" in of_rule(dataset, "P01.grade")[0].message
        dataset.undo()
        dataset.undo()
        assert of_rule(dataset, "P01.grade") == []
