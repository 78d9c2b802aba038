"""What the published 情况说明 must explain (FORMS.md rule 4): year-over-year changes beyond the
threshold, 决算 vs 预算 of G05 项 and 三公 parts, and required texts. Each is a warning until
its reason text is filled, then info."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.rules_support import Case, assert_matches_full_pass, fresh, of_rule, put, run_case


def yoy(rule: str, headline: str, edit: str, reason: str) -> list[Case]:
    """Last year 100 on the edited input (the headline follows it one to one)."""
    prior = {edit: "100"}
    cells = ((headline,),)
    return [
        Case(rule, "exactly 10%", put({edit: "110"}, prior=prior)),
        Case(rule, "no prior year", put({edit: "500"})),
        Case(
            rule,
            "above +10%",
            put({edit: "110.01"}, prior=prior),
            cells,
            "warning",
            ("110.01", "100.00", "增加 10.01", "10.01%", "请填写原因"),
        ),
        Case(
            rule,
            "below −10%",
            put({edit: "89.99"}, prior=prior),
            cells,
            "warning",
            ("89.99", "100.00", "减少 10.01", "-10.01%"),
        ),
        Case(
            rule,
            "explained",
            put({edit: "50"}, prior=prior, texts={reason: "机构改革"}),
            cells,
            "info",
            ("-50.00%", "已说明原因"),
        ),
        Case(
            rule, "threshold 20%: 15% passes", put({edit: "115"}, prior=prior, settings={"threshold": "0.2"})
        ),
        Case(
            rule,
            "threshold 20%: 21% needs a reason",
            put({edit: "121"}, prior=prior, settings={"threshold": "0.2"}),
            cells,
            "warning",
            ("21.00%", "±20%"),
        ),
    ]


def budget_part(rule: str, part: str, edit: str, reason: str) -> list[Case]:
    cells = ((f"G07.actual.{part}", f"G07.budget.{part}"),)
    return [
        Case(rule, "as budgeted", put({f"G07.actual.{edit}": "2", f"G07.budget.{edit}": "2"})),
        Case(rule, "no budget stated", put({f"G07.actual.{edit}": "2"})),
        Case(
            rule,
            "below budget",
            put({f"G07.actual.{edit}": "1", f"G07.budget.{edit}": "2"}),
            cells,
            "warning",
            ("1.00", "低于", "2.00", "50.00%"),
        ),
        Case(
            rule,
            "above budget, explained",
            put({f"G07.actual.{edit}": "3", f"G07.budget.{edit}": "2"}, texts={reason: "临时任务"}),
            cells,
            "info",
            ("3.00", "高于", "150.00%", "已说明原因"),
        ),
    ]


def required(rule: str, when: dict[str, str], cell: str, label: str) -> list[Case]:
    return [
        Case(rule, "not needed", put(dict.fromkeys(when, "0"))),
        Case(rule, "written", put(when, texts={rule: "见说明"})),
        Case(rule, "missing", put(when), ((cell,),), "warning", (label,)),
    ]


G05_ROW = ("G05.2010601.total", "G05.2010601.budget")
SPENT = {"G05.2010601.basic": "60", "G05.2010601.project": "30"}
G07_TOTAL = (("G07.actual.total", "G07.budget.total"),)
G07_BOTH = {
    "G07.actual.vehicle_operation": "2",
    "G07.actual.reception": "3",
    "G07.budget.vehicle_operation": "2",
    "G07.budget.reception": "2",
}

CASES = [
    *yoy("yoy.total", "G01.grand_in.amount", "G01.carry_in.amount", "reason.total_change"),
    *yoy("yoy.fiscal", "G04.grand_in.amount", "G04.inc_gpb.amount", "reason.fiscal_change"),
    *yoy("yoy.gpb", "G05.total.total", "G05.2010601.basic", "reason.gpb_change"),
    *yoy("yoy.three_public.abroad", "G07.actual.abroad", "G07.actual.abroad", "reason.three_public.abroad"),
    *yoy(
        "yoy.three_public.vehicle",
        "G07.actual.vehicle",
        "G07.actual.vehicle_operation",
        "reason.three_public.vehicle",
    ),
    *yoy(
        "yoy.three_public.reception",
        "G07.actual.reception",
        "G07.actual.reception",
        "reason.three_public.reception",
    ),
    *yoy("yoy.admin_cost", "X01.admin_cost.value", "X01.admin_cost.value", "reason.admin_cost_change"),
    # --- G05 项 决算 vs 预算 ------------------------------------------------------------------------
    Case("budget.G05", "as budgeted", put({**SPENT, "G05.2010601.budget": "90"})),
    Case("budget.G05", "no budget stated", put(SPENT)),
    Case(
        "budget.G05",
        "below budget",
        put({**SPENT, "G05.2010601.budget": "100"}),
        (G05_ROW,),
        "warning",
        ("2010601 行政运行", "90.00", "低于", "100.00", "90.00%", "请填写原因"),
    ),
    Case(
        "budget.G05",
        "above budget",
        put({**SPENT, "G05.2010601.budget": "80"}),
        (G05_ROW,),
        "warning",
        ("高于", "80.00", "112.50%"),
    ),
    Case(
        "budget.G05",
        "explained",
        put({**SPENT, "G05.2010601.budget": "100"}, texts={"reason.G05.2010601": "政府采购结余"}),
        (G05_ROW,),
        "info",
        ("已说明原因",),
    ),
    Case(
        "budget.G05",
        "one finding per 项 (nothing spent on the second)",
        put({**SPENT, "G05.2010601.budget": "100", "G05.2050201.budget": "70", "G05.2050201.basic": "0"}),
        (G05_ROW, ("G05.2050201.total", "G05.2050201.budget")),
        "warning",
    ),
    # --- 三公 决算 vs 预算 --------------------------------------------------------------------------
    Case("budget.three_public", "as budgeted", put({**G07_BOTH, "G07.budget.reception": "3"})),
    Case("budget.three_public", "no budget stated", put({"G07.actual.reception": "3"})),
    Case(
        "budget.three_public",
        "above budget",
        put(G07_BOTH),
        G07_TOTAL,
        "warning",
        ("5.00", "高于", "4.00", "125.00%", "请填写原因"),
    ),
    Case(
        "budget.three_public",
        "a zero budget is a budget",
        put({"G07.budget.abroad": "0", "G07.actual.reception": "1"}),
        G07_TOTAL,
        "warning",
        ("1.00", "0.00", "—"),
    ),
    Case(
        "budget.three_public",
        "explained",
        put(G07_BOTH, texts={"reason.three_public": "接待任务增加"}),
        G07_TOTAL,
        "info",
    ),
    *budget_part("budget.three_public.abroad", "abroad", "abroad", "reason.three_public.abroad.budget"),
    *budget_part(
        "budget.three_public.vehicle", "vehicle", "vehicle_operation", "reason.three_public.vehicle.budget"
    ),
    *budget_part(
        "budget.three_public.reception", "reception", "reception", "reason.three_public.reception.budget"
    ),
    # --- required texts ----------------------------------------------------------------------------
    *required(
        "text.vehicle_use",
        {"G07.actual.vehicle_operation": "2"},
        "G07.actual.vehicle_operation",
        "公务用车运行维护费主要用途",
    ),
    *required(
        "text.reception_detail", {"G07.actual.reception": "2"}, "G07.actual.reception", "国内公务接待具体内容"
    ),
    *required(
        "text.procurement_use", {"X01.proc_goods.value": "5"}, "X01.proc_total.value", "政府采购主要用途"
    ),
    *required(
        "text.vehicle_use_other", {"X01.veh_other.value": "1"}, "X01.veh_other.value", "其他用车主要用途"
    ),
    *required(
        "text.performance",
        {"X01.perf_self_evaluated.value": "3"},
        "X01.perf_targets.value",
        "预算绩效管理情况",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


def test_threshold_setting_rechecks_at_once(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset:
        put({"X01.admin_cost.value": "115"}, prior={"X01.admin_cost.value": "100"})(dataset)
        assert [f.severity for f in of_rule(dataset, "yoy.admin_cost")] == ["warning"]
        result = dataset.set_setting("threshold", "0.2")
        assert [f.rule for f in result.findings.removed] == ["yoy.admin_cost"]
        assert of_rule(dataset, "yoy.admin_cost") == []
        dataset.set_setting("threshold", None)
        assert [f.severity for f in of_rule(dataset, "yoy.admin_cost")] == ["warning"]


def test_clearing_the_last_budget_input_clears_the_total_finding(tmp_path: Path) -> None:
    """G07.budget.total stays 0 when its only input goes from 0 to blank: the rule must still
    be re-checked (it reads the inputs behind the computed 合计)."""
    with fresh(tmp_path) as dataset:
        put({"G07.budget.abroad": "0", "G07.actual.reception": "1"})(dataset)
        assert len(of_rule(dataset, "budget.three_public")) == 1
        result = dataset.set("G07.budget.abroad", None)
        assert [f.rule for f in result.findings.removed] == ["budget.three_public"]
        assert of_rule(dataset, "budget.three_public") == []
        assert_matches_full_pass(dataset)


def test_reason_text_cleared_turns_info_back_into_warning(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset:
        put({**SPENT, "G05.2010601.budget": "100"}, texts={"reason.G05.2010601": "结余"})(dataset)
        assert [f.severity for f in of_rule(dataset, "budget.G05")] == ["info"]
        dataset.set_text("reason.G05.2010601", "   ")
        assert [f.severity for f in of_rule(dataset, "budget.G05")] == ["warning"]
        assert_matches_full_pass(dataset)
