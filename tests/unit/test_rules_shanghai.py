"""The rules the 上海 2024 edition adds to its parent's: 九 agrees with the 国有资本经营 fund of 四
(九 has income and balances there), 政府采购 reserved for 小微企业 within that for 中小企业, the
公务用车 paid from 财政拨款 within all vehicles, the 年初预算 of 一般公共预算 as a whole and of each 项
of 八 and 九, the 开支内容 of 因公出国（境）. A Sichuan 2020 dataset has none of them."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from tests.unit.rules_support import Case, fresh, put, run_case

SH = "shanghai-2024"
ShCase = partial(Case, edition=SH)
SOC_FLOW = {
    "G04.carry_in_soc.amount": "40",
    "G04.inc_soc.amount": "30",
    "G09.2230101.carry_in": "40",
    "G09.2230101.income": "30",
    "G09.2230101.project": "50",
}


def g09_fund(rule: str, edit: dict[str, str], cells: tuple[str, str], shows: tuple[str, ...]) -> list[Case]:
    return [
        ShCase(rule, "agrees", put(SOC_FLOW)),
        ShCase(rule, "disagrees", put({**SOC_FLOW, **edit}), (cells,), "error", shows),
    ]


def budget_items(rule: str, form: str, reason: str) -> list[Case]:
    cells = ((f"{form}.2230101.total", f"{form}.2230101.budget"),)
    spent = {f"{form}.2230101.project": "50"}
    return [
        ShCase(rule, "as budgeted", put({**spent, f"{form}.2230101.budget": "50"})),
        ShCase(rule, "no budget stated", put(spent)),
        ShCase(
            rule, "below budget", put({**spent, f"{form}.2230101.budget": "80"}), cells, "warning", ("低于",)
        ),
        ShCase(
            rule,
            "above budget, explained",
            put({**spent, f"{form}.2230101.budget": "40"}, texts={reason: "追加项目"}),
            cells,
            "info",
            ("高于", "已说明原因"),
        ),
    ]


CASES = [
    *g09_fund(
        "G04.soc_income",
        {"G09.2230101.income": "31"},
        ("G04.inc_soc.amount", "G09.total.income"),
        ("30.00", "31.00", "差 -1.00"),
    ),
    *g09_fund(
        "G04.soc_carry_in",
        {"G09.2230101.carry_in": "45"},
        ("G04.carry_in_soc.amount", "G09.total.carry_in"),
        ("40.00", "45.00"),
    ),
    *g09_fund(
        "G04.soc_carry_out",
        {"G04.carry_in_soc.amount": "50"},
        ("G04.carry_out_soc.amount", "G09.total.carry_out"),
        ("30.00", "20.00", "差 10.00"),
    ),
    ShCase(
        "X01.proc_reserved_small",
        "within",
        put({"X01.proc_reserved_sme.value": "10", "X01.proc_reserved_small.value": "4"}),
    ),
    ShCase(
        "X01.proc_reserved_small",
        "beyond",
        put({"X01.proc_reserved_sme.value": "3", "X01.proc_reserved_small.value": "4"}),
        (("X01.proc_reserved_small.value", "X01.proc_reserved_sme.value"),),
        "error",
    ),
    ShCase(
        "X01.vehicles_fiscal", "within", put({"X01.veh_law.value": "3", "X01.vehicles_fiscal.value": "2"})
    ),
    ShCase(
        "X01.vehicles_fiscal",
        "more than all vehicles",
        put({"X01.veh_minister.value": "1", "X01.vehicles_fiscal.value": "2"}),
        (("X01.vehicles_fiscal.value", "X01.veh_total.value"),),
        "error",
        ("2", "1"),
    ),
    ShCase("budget.G05.total", "as budgeted", put({"G05.2010601.basic": "60", "G05.2010601.budget": "60"})),
    ShCase(
        "budget.G05.total",
        "below 年初预算",
        put({"G05.2010601.basic": "60", "G05.2010601.budget": "80"}),
        (("G05.total.total", "G05.total.budget"),),
        "warning",
        ("一般公共预算财政拨款支出", "低于", "75.00%"),
    ),
    *budget_items("budget.G08", "G08", "reason.G08.2230101"),
    *budget_items("budget.G09", "G09", "reason.G09.2230101"),
    ShCase("text.abroad_content", "no travel", put({"G07.actual.abroad": "0"})),
    ShCase(
        "text.abroad_content",
        "written",
        put({"G07.actual.abroad": "2"}, texts={"text.abroad_content": "考察"}),
    ),
    ShCase(
        "text.abroad_content",
        "missing",
        put({"G07.actual.abroad": "2"}),
        (("G07.actual.abroad",),),
        "warning",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


def test_a_sichuan_dataset_has_none_of_these_rules(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset:
        put({"G04.inc_soc.amount": "30", "G09.2230101.project": "50", "G08.2120802.project": "5"})(dataset)
        assert {case.rule for case in CASES} & {f.rule for f in dataset.findings()} == set()
        assert "G09.2230101.income" not in dataset.cells() and "G08.2120802.budget" not in dataset.cells()
